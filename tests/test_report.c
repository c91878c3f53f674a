/* The report's figures from the core: months filled, every No Intent L2,
 * Duplicate/Invalid in no figure, overdue before today only, the filters,
 * and the texts in both languages. */
#include <stdlib.h>
#include "testutil.h"
#include "ftrack/records.h"
#include "ftrack/report.h"
#include "ftrack/rules.h"

static const char *const EXO_TEAMS[] = {"Exchange Online", "Microsoft Teams"};
static const char *const YAMMER[] = {"Yammer"};

static int ignore(void *arg, int ncol, const char *const *names,
		  const char *const *values)
{
	return FT_OK;
}

static void no_intent(struct ft *ft, const char *customer,
		      const char *workload, const char *l2)
{
	struct ft_declaration d = {.customer = customer, .workload = workload,
		.declared = FT_DECLARE_NO_INTENT, .l2 = l2, .notes = "Customer "
		"does not have intent to use the service because of a suite of "
		"a competitor."};
	struct ft_declare_outcome out;

	assert_int_equal(ft_declare(ft, &d, FT_SHAPE_TABLE, ignore, NULL, &out),
			 FT_OK);
}

/* Contoso No Intent on both its workloads in January; Dupe No Intent in
 * January then Duplicate/Invalid in March; Fabrikam Status Unknown. */
static int setup_customers(void **state)
{
	struct ft_status_change dupe = {.customer = "Dupe", .l1 =
					"duplicate_invalid"};
	struct ft *ft;
	int changed;

	if (setup_db(state) != 0)
		return -1;
	ft = *state;
	ft_set_now(ft, "2026-01-15T10:00:00Z");
	assert_int_equal(ft_customer_add(ft, "Contoso", NULL, 1), FT_OK);
	assert_int_equal(ft_customer_add(ft, "Dupe", NULL, 1), FT_OK);
	assert_int_equal(ft_customer_add(ft, "Fabrikam", NULL, 1), FT_OK);
	assert_int_equal(ft_subscription_add(ft, "Contoso", "SUB-1", EXO_TEAMS,
					     2), FT_OK);
	assert_int_equal(ft_subscription_add(ft, "Dupe", "SUB-2", YAMMER, 1),
			 FT_OK);
	assert_int_equal(ft_subscription_add(ft, "Fabrikam", "SUB-3", YAMMER,
					     1), FT_OK);
	no_intent(ft, "Contoso", NULL, "competitive_solution");
	no_intent(ft, "Dupe", "Yammer", "executive_sponsorship");
	ft_set_now(ft, "2026-03-01T10:00:00Z");
	assert_int_equal(ft_status_set(ft, &dupe, &changed), FT_OK);
	ft_set_now(ft, "2026-04-10T10:00:00Z");
	return 0;
}

static void report__months_run_to_this_month_and_leave_out_duplicates(void **state)
{
	struct ft *ft = *state;
	struct ft_report_chart c;

	assert_int_equal(ft_report_chart(ft, NULL, FT_REPORT_BY_MONTH, &c),
			 FT_OK);
	assert_int_equal(c.n, 4);	/* January to April */
	assert_string_equal(c.bars[0].key, "2026-01");
	assert_int_equal(c.bars[0].value, 1);	/* Contoso's; Dupe's is out */
	assert_string_equal(c.bars[1].key, "2026-02");
	assert_int_equal(c.bars[1].value, 0);
	assert_string_equal(c.bars[3].key, "2026-04");
	ft_report_chart_free(&c);
	/* nothing since February */
	assert_int_equal(ft_report_chart(ft, &(struct ft_report_filter){
			 .since = "2026-02-01"}, FT_REPORT_BY_MONTH, &c), FT_OK);
	assert_int_equal(c.n, 0);
	ft_report_chart_free(&c);
}

static void report__by_l2_gives_every_no_intent_l2_in_order(void **state)
{
	struct ft *ft = *state;
	struct ft_report_chart c;

	ft_set_lang(ft, FT_LANG_ES);
	assert_int_equal(ft_report_chart(ft, NULL, FT_REPORT_BY_L2, &c), FT_OK);
	assert_int_equal(c.n, 3);
	assert_string_equal(c.bars[0].key, "executive_sponsorship");
	assert_string_equal(c.bars[0].label, "Patrocinio ejecutivo");
	assert_int_equal(c.bars[0].value, 0);	/* Dupe's is out */
	assert_string_equal(c.bars[1].key, "competitive_solution");
	assert_int_equal(c.bars[1].value, 2);
	assert_int_equal(c.bars[2].value, 0);
	ft_report_chart_free(&c);
	assert_int_equal(ft_report_chart(ft, NULL, FT_REPORT_BY_WORKLOAD, &c),
			 FT_OK);
	assert_int_equal(c.n, 2);
	ft_report_chart_free(&c);
}

static int count_account(void *arg, const struct ft_report_account *a)
{
	assert_string_equal(a->customer, "Contoso");
	assert_int_equal(a->services, 2);
	(*(int *)arg)++;
	return FT_OK;
}

static void report__accounts_need_a_no_intent_service(void **state)
{
	struct ft *ft = *state;
	struct ft_report_scope s;
	int n = 0;

	/* Dupe has no service but Duplicate/Invalid ones: 0 of 0 is not
	 * "every workload" */
	assert_int_equal(ft_report_accounts(ft, NULL, count_account, &n), FT_OK);
	assert_int_equal(n, 1);
	assert_int_equal(ft_report_scope(ft, NULL, &s), FT_OK);
	assert_int_equal(s.customers, 2);
	assert_int_equal(s.services, 3);
	assert_int_equal(s.no_intent_services, 2);
	assert_string_equal(s.generated, "2026-04-10T10:00:00Z");
	assert_string_equal(s.today, "2026-04-10");
	assert_int_equal(ft_report_scope(ft, &(struct ft_report_filter){
			 .customer = "fabrikam"}, &s), FT_OK);
	assert_string_equal(s.customer, "Fabrikam");
	assert_int_equal(s.services, 1);
	assert_int_equal(s.no_intent_services, 0);
	assert_int_equal(ft_report_scope(ft, &(struct ft_report_filter){
			 .customer = "Nobody"}, &s), FT_REFUSED);
}

struct overdue { int rows, overdue; };

static int count_action(void *arg, const struct ft_report_action *a)
{
	struct overdue *o = arg;

	o->rows++;
	o->overdue += a->overdue;
	return FT_OK;
}

static void report__overdue_is_before_today_only(void **state)
{
	struct ft *ft = *state;
	struct ft_status_change blocked = {.customer = "Fabrikam",
		.workload = "Yammer", .l1 = "blocked", .l2 = "it_infrastructure",
		.notes = "Unable to deploy because of the proxy rules due to "
		"policy.", .engagement = "customer_led",
		.next_action_date = "2026-04-10"};
	struct overdue o = {0};
	int changed;

	assert_int_equal(ft_status_set(ft, &blocked, &changed), FT_OK);
	assert_int_equal(ft_report_actions(ft, NULL, count_action, &o), FT_OK);
	assert_int_equal(o.rows, 3);	/* Contoso's two, Fabrikam's */
	assert_int_equal(o.overdue, 0);	/* Fabrikam's is today's */
	ft_set_now(ft, "2026-04-11T00:00:00Z");
	o = (struct overdue){0};
	assert_int_equal(ft_report_actions(ft, NULL, count_action, &o), FT_OK);
	assert_int_equal(o.overdue, 1);
}

static int count_change(void *arg, const struct ft_report_change *c)
{
	(*(int *)arg)++;
	return FT_OK;
}

static void report__changes_newest_first_within_the_limit(void **state)
{
	struct ft *ft = *state;
	int n = 0;

	assert_int_equal(ft_report_changes(ft, NULL, 2, count_change, &n), FT_OK);
	assert_int_equal(n, 2);
	n = 0;
	assert_int_equal(ft_report_changes(ft, &(struct ft_report_filter){
			 .customer = "Dupe", .since = "2026-02-01"}, 20,
			 count_change, &n), FT_OK);
	assert_int_equal(n, 1);	/* its Duplicate/Invalid */
}

static int count_text(void *arg, const char *code, const char *text)
{
	assert_true(text != NULL && *text != '\0');
	(*(int *)arg)++;
	return FT_OK;
}

/* Keeps the text of 'tbd'. */
static int tbd_text(void *arg, const char *code, const char *text)
{
	if (strcmp(code, "tbd") == 0)
		snprintf(arg, 64, "%s", text);
	return FT_OK;
}

static void report__texts_in_both_languages(void **state)
{
	struct ft *ft = *state;
	int en = 0, es = 0;
	char tbd[64] = "";

	assert_int_equal(ft_report_texts(ft, count_text, &en), FT_OK);
	ft_set_lang(ft, FT_LANG_ES);
	assert_int_equal(ft_report_texts(ft, count_text, &es), FT_OK);
	assert_int_equal(en, es);
	/* the report.* texts, and overdue and tbd as every command shows
	 * them */
	assert_int_equal(en, q_int(ft, "SELECT count(*) FROM text "
				       "WHERE key LIKE 'report.%' AND lang = 'en'") + 2);
	assert_int_equal(ft_report_texts(ft, tbd_text, tbd), FT_OK);
	assert_string_equal(tbd, "Por determinar");
}

#define T(f) cmocka_unit_test_setup_teardown(f, setup_customers, teardown_db)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(report__months_run_to_this_month_and_leave_out_duplicates),
		T(report__by_l2_gives_every_no_intent_l2_in_order),
		T(report__accounts_need_a_no_intent_service),
		T(report__overdue_is_before_today_only),
		T(report__changes_newest_first_within_the_limit),
		T(report__texts_in_both_languages),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
