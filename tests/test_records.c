/* Users, customers, workloads, subscriptions, assignment, and the change set
 * each of them leaves. */
#include <stdlib.h>
#include "testutil.h"
#include "ftrack/history.h"
#include "ftrack/records.h"

static const char *const EXO_YAMMER[] = {"Exchange Online", "yammer"};

static void user_add__records_role_and_change_set(void **state)
{
	struct ft *ft = *state;

	assert_int_equal(ft_user_add(ft, "Ana", "assignment-fm"), FT_OK);
	assert_string_equal(q_text(ft, "SELECT role FROM app_user"),
			    "assignment_fm");
	assert_string_equal(q_text(ft, "SELECT what FROM changeset"),
			    "user Ana added as Assignment FM");
	assert_string_equal(q_text(ft, "SELECT string_agg(field || '=' || "
		"new_value, ',') FROM (SELECT * FROM change ORDER BY id) AS c"),
		"name=Ana,role=assignment_fm");
}

static void user_add__refuses_bad_role_and_duplicate_unchanged(void **state)
{
	struct ft *ft = *state;
	char *before;

	assert_int_equal(ft_user_add(ft, "Ana", "delivery_fm"), FT_OK);
	ft_set_actor(ft, "Ana");
	before = db_fingerprint(ft);
	assert_int_equal(ft_user_add(ft, "Bo", "boss"), FT_REFUSED);
	assert_non_null(strstr(ft_error(ft), "invalid role 'boss' (expected "
			       "one of: account-team, assignment-fm, delivery-fm)"));
	assert_int_equal(ft_user_add(ft, "ana", "delivery_fm"), FT_REFUSED);
	assert_string_equal(ft_error(ft), "user 'ana' already exists "
			    "(as 'Ana')");
	assert_int_equal(ft_user_add(ft, "", "delivery_fm"), FT_REFUSED);
	assert_int_equal(ft_user_add(ft, "bad\xff", "delivery_fm"), FT_REFUSED);
	assert_unchanged(ft, before);
	free(before);
}

static void customer_add__keeps_punctuation_verbatim(void **state)
{
	struct ft *ft = *state;
	const char *name = "Fábrica \"O'Brien\"; DROP TABLE customer; --";

	assert_int_equal(ft_customer_add(ft, name, "t-1", 1), FT_OK);
	assert_string_equal(q_text(ft, "SELECT name FROM customer"), name);
	assert_int_equal(q_int(ft, "SELECT managed FROM customer"), 1);
	assert_string_equal(q_text(ft, "SELECT phase FROM customer"),
			    "assignment");
	assert_int_equal(ft_customer_add(ft, "Other", "T-1", -1), FT_REFUSED);
	assert_string_equal(ft_error(ft), "tenant 'T-1' already belongs to "
			    "customer 'Fábrica \"O'Brien\"; DROP TABLE customer; --'");
}

static void subscription_add__starts_each_entitlement_unknown(void **state)
{
	struct ft *ft = *state;

	assert_int_equal(ft_customer_add(ft, "Contoso", NULL, -1), FT_OK);
	assert_int_equal(ft_subscription_add(ft, "contoso", "SUB-1", EXO_YAMMER,
					     2), FT_OK);
	assert_int_equal(q_int(ft, "SELECT count(*) FROM entitlement WHERE "
			       "l1 = 'status_unknown' AND "
			       "l2 = 'new_subscription_or_workload'"), 2);
	assert_string_equal(q_text(ft, "SELECT what FROM changeset ORDER BY id "
				   "DESC"), "Contoso: subscription SUB-1 added "
			    "with Exchange Online, Yammer");
	assert_int_equal(q_int(ft, "SELECT count(*) FROM change WHERE "
			       "entity = 'entitlement'"), 8);
}

static void subscription_add__refuses_unknown_workload_whole(void **state)
{
	struct ft *ft = *state;
	const char *const bad[] = {"Yammer", "Exchnge Online"};
	char *before;

	assert_int_equal(ft_customer_add(ft, "Contoso", NULL, -1), FT_OK);
	before = db_fingerprint(ft);
	assert_int_equal(ft_subscription_add(ft, "Contoso", "SUB-1", bad, 2),
			 FT_REFUSED);
	assert_string_equal(ft_error(ft), "unknown workload 'Exchnge Online' "
			    "(did you mean 'Exchange Online'?)");
	assert_int_equal(ft_subscription_add(ft, "Contso", "SUB-1", bad, 1),
			 FT_REFUSED);
	assert_string_equal(ft_error(ft), "unknown customer 'Contso' "
			    "(did you mean 'Contoso'?)");
	assert_unchanged(ft, before);
	free(before);
}

static void subscription_add__existing_one_gains_workloads(void **state)
{
	struct ft *ft = *state;
	const char *const teams[] = {"Microsoft Teams"};

	assert_int_equal(ft_customer_add(ft, "Contoso", NULL, -1), FT_OK);
	assert_int_equal(ft_customer_add(ft, "Fabrikam", NULL, -1), FT_OK);
	assert_int_equal(ft_subscription_add(ft, "Contoso", "SUB-1", EXO_YAMMER,
					     2), FT_OK);
	assert_int_equal(ft_subscription_add(ft, "Contoso", "SUB-1", teams, 1),
			 FT_OK);
	assert_int_equal(q_int(ft, "SELECT count(*) FROM entitlement"), 3);
	assert_int_equal(ft_subscription_add(ft, "Contoso", "SUB-1", teams, 1),
			 FT_REFUSED);
	assert_string_equal(ft_error(ft), "subscription 'SUB-1' already has "
			    "workload 'Microsoft Teams'");
	assert_int_equal(ft_subscription_add(ft, "Fabrikam", "SUB-1", teams, 1),
			 FT_REFUSED);
	assert_int_equal(q_int(ft, "SELECT count(*) FROM changeset"), 4);
}

static void assign__enters_delivery_phase_once(void **state)
{
	struct ft *ft = *state;
	int changed;

	assert_int_equal(ft_customer_add(ft, "Contoso", NULL, -1), FT_OK);
	assert_int_equal(ft_user_add(ft, "Dana", "delivery-fm"), FT_OK);
	ft_set_actor(ft, "Dana");
	assert_int_equal(ft_user_add(ft, "Ana", "assignment-fm"), FT_OK);
	assert_int_equal(ft_assign(ft, "Contoso", "Ana", &changed), FT_REFUSED);
	/* assigning is the assignment FM's, in the assignment phase */
	assert_int_equal(ft_assign(ft, "Contoso", "dana", &changed), FT_REFUSED);
	ft_set_actor(ft, "Ana");
	assert_int_equal(ft_assign(ft, "Contoso", "dana", &changed), FT_OK);
	assert_true(changed);
	assert_string_equal(q_text(ft, "SELECT phase FROM customer"), "delivery");
	assert_string_equal(q_text(ft, "SELECT what FROM changeset ORDER BY id "
				   "DESC"), "Contoso: delivery FM Dana assigned "
			    "(delivery phase)");
	assert_int_equal(ft_assign(ft, "Contoso", "Dana", &changed), FT_OK);
	assert_false(changed);
	assert_int_equal(q_int(ft, "SELECT count(*) FROM changeset"), 4);
}

static int count_rows(void *arg, int ncol, const char *const *names,
		      const char *const *values)
{
	(*(int *)arg)++;
	return FT_OK;
}

static int first_json(void *arg, int ncol, const char *const *names,
		      const char *const *values)
{
	char **out = arg;

	if (*out == NULL)
		*out = strdup(values[0]);
	return FT_OK;
}

static void history__lists_newest_first_with_changes(void **state)
{
	struct ft *ft = *state;
	struct ft_history_filter all = {0}, one = {.customer = "Fabrikam"};
	char *json = NULL;
	int n = 0;

	assert_int_equal(ft_customer_add(ft, "Contoso", NULL, -1), FT_OK);
	ft_set_now(ft, "2026-03-28T09:00:00Z");
	ft_set_actor(ft, "Ana");
	assert_int_equal(ft_customer_add(ft, "Fabrikam", NULL, 0), FT_OK);
	assert_int_equal(ft_history(ft, &all, FT_SHAPE_TABLE, count_rows, &n),
			 FT_OK);
	assert_int_equal(n, 2);
	assert_int_equal(ft_history(ft, &one, FT_SHAPE_JSON, first_json, &json),
			 FT_OK);
	assert_string_equal(json, "{\"id\":2,\"at\":\"2026-03-28T09:00:00Z\","
		"\"who\":\"Ana\",\"role\":null,\"role_label\":null,\"what\":"
		"\"Fabrikam: customer added\",\"what_es\":\"Fabrikam: cliente "
		"añadido\",\"customer\":\"Fabrikam\","
		"\"workload\":null,\"subscription\":null,\"scenario\":null,"
		"\"changes\":[{\"entity\":\"customer\",\"entity_id\":2,\"field\":"
		"\"name\",\"old\":null,\"new\":\"Fabrikam\"},{\"entity\":"
		"\"customer\",\"entity_id\":2,\"field\":\"managed\",\"old\":null,"
		"\"new\":\"0\"},{\"entity\":\"customer\",\"entity_id\":2,"
		"\"field\":\"phase\",\"old\":null,\"new\":\"assignment\"}]}");
	free(json);
}

static void customer_json__has_every_entitlement_field(void **state)
{
	struct ft *ft = *state;
	char *json = NULL;

	assert_int_equal(ft_customer_add(ft, "Contoso", "c.example", 1), FT_OK);
	assert_int_equal(ft_subscription_add(ft, "Contoso", "SUB-1", EXO_YAMMER,
					     1), FT_OK);
	assert_int_equal(ft_customer_json(ft, "contoso", &json), FT_OK);
	assert_string_equal(json, "{\"customer\":\"Contoso\",\"tenant\":"
		"\"c.example\",\"managed\":true,\"phase\":\"assignment\","
		"\"delivery_fm\":null,\"entitlements\":[{\"subscription\":"
		"\"SUB-1\",\"workload\":\"Exchange Online\",\"l1\":"
		"\"status_unknown\",\"l2\":\"new_subscription_or_workload\","
		"\"l3\":null,\"service_status\":null,\"engagement_scenario\":null,"
		"\"target_date\":null,\"owner\":null,\"notes\":null,"
		"\"next_action_date\":null,\"next_action\":null,\"updated_by\":"
		"\"tester\",\"updated_role\":null,\"updated_at\":"
		"\"2026-03-27T10:00:00Z\",\"scenario\":null,\"validated_with\":null}]}");
	free(json);
}

#define T(f) cmocka_unit_test_setup_teardown(f, setup_db, teardown_db)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(user_add__records_role_and_change_set),
		T(user_add__refuses_bad_role_and_duplicate_unchanged),
		T(customer_add__keeps_punctuation_verbatim),
		T(subscription_add__starts_each_entitlement_unknown),
		T(subscription_add__refuses_unknown_workload_whole),
		T(subscription_add__existing_one_gains_workloads),
		T(assign__enters_delivery_phase_once),
		T(history__lists_newest_first_with_changes),
		T(customer_json__has_every_entitlement_field),
	};

	return cmocka_run_group_tests_name("records", tests, NULL, NULL);
}
