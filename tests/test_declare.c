/* The No Intent rules against RULES.md: each scenario's eleven columns,
 * mixed scenarios, refusals, roles, idempotence, dry runs. */
#include "testutil.h"
#include "ftrack/records.h"
#include "ftrack/rules.h"

static const char *const EXO[] = {"Exchange Online"};
static const char *const EXO_TEAMS[] = {"Exchange Online", "Microsoft Teams"};

/* The entitlement's eleven playbook columns (who updates first) and its
 * scenario, "-" for no value. */
static const char *columns(struct ft *ft, const char *sub, const char *wl)
{
	char *sql = sqlite3_mprintf(
		"SELECT coalesce(updated_role, '-') || '|' || l1 || '|' || "
		"coalesce(l2, '-') || '|' || coalesce(l3, '-') || '|' || "
		"coalesce(service_status, '-') || '|' || "
		"coalesce(engagement_scenario, '-') || '|' || "
		"coalesce(target_date, '-') || '|' || coalesce(owner, '-') || '|' || "
		"coalesce(notes, '-') || '|' || coalesce(next_action_date, '-') || "
		"'|' || coalesce(next_action, '-') || '|' || "
		"coalesce(scenario, '-') FROM entitlement e "
		"JOIN subscription s ON s.id = e.subscription_id "
		"JOIN workload w ON w.id = e.workload_id "
		"WHERE s.code = %Q AND w.name = %Q", sub, wl);
	const char *r = q_text(ft, sql);

	sqlite3_free(sql);
	return r;
}

static int ignore(void *arg, int ncol, const char *const *names,
		  const char *const *values)
{
	return FT_OK;
}

static int count_rows(void *arg, int ncol, const char *const *names,
		      const char *const *values)
{
	(*(int *)arg)++;
	return FT_OK;
}

static int declare(struct ft *ft, struct ft_declaration d)
{
	struct ft_declare_outcome out;

	return ft_declare(ft, &d, FT_SHAPE_TABLE, ignore, NULL, &out);
}

static int setup_contoso(void **state)
{
	struct ft *ft;

	if (setup_db(state) != 0)
		return -1;
	ft = *state;
	assert_int_equal(ft_customer_add(ft, "Contoso", NULL, 1), FT_OK);
	assert_int_equal(ft_subscription_add(ft, "Contoso", "SUB-1", EXO_TEAMS,
					     2), FT_OK);
	assert_int_equal(ft_subscription_add(ft, "Contoso", "SUB-2", EXO, 1),
			 FT_OK);
	return 0;
}

static void to_delivery(struct ft *ft)
{
	int changed;

	assert_int_equal(ft_user_add(ft, "Dana", "delivery-fm"), FT_OK);
	assert_int_equal(ft_assign(ft, "Contoso", "Dana", &changed), FT_OK);
	ft_set_actor(ft, "Dana");
}

static void set_status(struct ft *ft, const char *sub, const char *l1,
		       const char *l2)
{
	struct ft_status_change s = {"Contoso", "Exchange Online", sub, l1, l2,
				     NULL};
	int changed;

	assert_int_equal(ft_status_set(ft, &s, &changed), FT_OK);
}

static void declare__intent_declining_ftc_in_assignment__is_scenario_1(void **state)
{
	struct ft *ft = *state;

	assert_int_equal(declare(ft, (struct ft_declaration){
		.customer = "Contoso", .workload = "Exchange Online",
		.declared = FT_DECLARE_INTENT_DECLINES_FTC, .led_by = "customer",
		.kickoff = "2026-04-15"}), FT_OK);
	assert_string_equal(columns(ft, "SUB-1", "Exchange Online"),
		"assignment_fm|in_progress|-|-|initiate|customer_led|-|-|-|"
		"2026-04-15|delivery_assignment|1");
	assert_string_equal(columns(ft, "SUB-2", "Exchange Online"),
		"assignment_fm|in_progress|-|-|initiate|customer_led|-|-|-|"
		"2026-04-15|delivery_assignment|1");
	/* the other workload is untouched */
	assert_string_equal(columns(ft, "SUB-1", "Microsoft Teams"),
		"-|status_unknown|new_subscription_or_workload|-|-|-|-|-|-|-|-|-");
}

static void declare__no_intent_in_assignment__is_scenario_2(void **state)
{
	struct ft *ft = *state;

	assert_int_equal(declare(ft, (struct ft_declaration){
		.customer = "Contoso", .workload = "Exchange Online",
		.l2 = "competitive-solution", .l3 = "Gmail",
		.notes = "Runs Google Workspace and will not migrate mail"}),
		FT_OK);
	assert_string_equal(columns(ft, "SUB-1", "Exchange Online"),
		"assignment_fm|no_intent|competitive_solution|Gmail|-|"
		"depends_on_other_workloads|-|account_team|Runs Google Workspace "
		"and will not migrate mail|-|notify_account_team|2");
	assert_string_equal(q_text(ft, "SELECT what FROM changeset ORDER BY id "
		"DESC"), "Contoso / Exchange Online (SUB-1): No Intent, Using "
		"Competitive Solution (scenario 2); Contoso / Exchange Online "
		"(SUB-2): No Intent, Using Competitive Solution (scenario 2)");
	assert_int_equal(q_int(ft, "SELECT count(*) FROM declaration"), 1);
	assert_string_equal(q_text(ft, "SELECT role FROM changeset ORDER BY id "
				   "DESC"), "assignment_fm");
}

static void declare__no_intent_in_delivery_after_intent__is_scenario_3(void **state)
{
	struct ft *ft = *state;

	to_delivery(ft);
	set_status(ft, "SUB-1", "blocked", "security-privacy");
	assert_int_equal(declare(ft, (struct ft_declaration){
		.customer = "Contoso", .workload = "Exchange Online",
		.subscription = "SUB-1", .l2 = "executive_sponsorship",
		.notes = "Leadership sees no business value in moving mail"}),
		FT_OK);
	assert_string_equal(columns(ft, "SUB-1", "Exchange Online"),
		"delivery_fm|no_intent|executive_sponsorship|-|-|"
		"depends_on_other_workloads|-|account_team|Leadership sees no "
		"business value in moving mail|-|notify_account_team|3");
	assert_string_equal(q_text(ft, "SELECT what FROM changeset ORDER BY id "
		"DESC"), "Contoso / Exchange Online (SUB-1): No Intent, Executive "
		"Sponsorship (scenario 3)");
}

static void declare__no_intent_on_unknown_service_in_delivery__is_scenario_4(void **state)
{
	struct ft *ft = *state;

	to_delivery(ft);
	assert_int_equal(declare(ft, (struct ft_declaration){
		.customer = "Contoso", .workload = "Microsoft Teams",
		.l2 = "microsoft-on-premises",
		.notes = "Keeps Skype for Business Server on premises"}), FT_OK);
	assert_string_equal(columns(ft, "SUB-1", "Microsoft Teams"),
		"delivery_fm|no_intent|microsoft_on_premises|-|-|"
		"depends_on_other_workloads|-|account_team|Keeps Skype for "
		"Business Server on premises|-|notify_account_team|4");
}

static void declare__unknown_subscription_of_no_intent_service__is_scenario_5(void **state)
{
	struct ft *ft = *state;

	to_delivery(ft);
	assert_int_equal(declare(ft, (struct ft_declaration){
		.customer = "Contoso", .workload = "Exchange Online",
		.subscription = "SUB-1", .l2 = "competitive_solution",
		.l3 = "Gmail", .notes = "Runs Google Workspace for all mail"}),
		FT_OK);
	assert_int_equal(declare(ft, (struct ft_declaration){
		.customer = "Contoso", .workload = "Exchange Online",
		.subscription = "SUB-2", .validated_with = "account-team"}),
		FT_OK);
	assert_string_equal(columns(ft, "SUB-2", "Exchange Online"),
		"delivery_fm|no_intent|competitive_solution|Gmail|-|"
		"depends_on_other_workloads|-|account_team|-|-|-|5");
	assert_string_equal(q_text(ft, "SELECT validated_with FROM declaration "
				   "ORDER BY id DESC"), "account_team");
}

static void declare__one_declaration_applies_3_and_5(void **state)
{
	struct ft *ft = *state;
	const char *const exo[] = {"Exchange Online"};

	to_delivery(ft);
	assert_int_equal(ft_subscription_add(ft, "Contoso", "SUB-3", exo, 1),
			 FT_OK);
	assert_int_equal(declare(ft, (struct ft_declaration){
		.customer = "Contoso", .workload = "Exchange Online",
		.subscription = "SUB-1", .l2 = "competitive_solution",
		.notes = "Runs Google Workspace for all mail"}), FT_OK);
	set_status(ft, "SUB-2", "in_progress", "migration");
	assert_int_equal(declare(ft, (struct ft_declaration){
		.customer = "Contoso", .workload = "Exchange Online",
		.l2 = "competitive_solution", .validated_with = "customer",
		.notes = "Runs Google Workspace for all mail"}), FT_OK);
	assert_string_equal(q_text(ft, "SELECT group_concat(s.code || '=' || "
		"e.scenario, ',') FROM entitlement e JOIN subscription s ON "
		"s.id = e.subscription_id WHERE e.workload_id = 1 ORDER BY s.code"),
		"SUB-1=4,SUB-2=3,SUB-3=5");
	assert_string_equal(q_text(ft, "SELECT what FROM changeset ORDER BY id "
		"DESC"), "Contoso / Exchange Online (SUB-2): No Intent, Using "
		"Competitive Solution (scenario 3); Contoso / Exchange Online "
		"(SUB-3): No Intent, Using Competitive Solution (scenario 5)");
	/* one change set for the declaration, SUB-1 left as it was */
	assert_int_equal(q_int(ft, "SELECT count(*) FROM change WHERE "
		"changeset_id = (SELECT max(id) FROM changeset) AND entity = "
		"'entitlement' AND entity_id = 1"), 0);
}

/* Each refusal: FT_REFUSED, its message, and the database as it was. */
static void refuse(struct ft *ft, struct ft_declaration d, const char *msg)
{
	char *before = db_fingerprint(ft);

	assert_int_equal(declare(ft, d), FT_REFUSED);
	assert_string_equal(ft_error(ft), msg);
	assert_unchanged(ft, before);
	sqlite3_free(before);
}

static void declare__refusals_change_nothing(void **state)
{
	struct ft *ft = *state;
	struct ft_declaration d = {.customer = "Contoso",
		.workload = "Exchange Online",
		.notes = "Runs Google Workspace for all mail"};

	refuse(ft, d, "Contoso / Exchange Online (SUB-1): scenario 2 needs --l2 "
	       "(executive-sponsorship, competitive-solution or "
	       "microsoft-on-premises)");
	d.l2 = "migration";
	refuse(ft, d, "invalid No Intent L2 'migration' (expected one of: "
	       "executive_sponsorship, competitive_solution, "
	       "microsoft_on_premises)");
	d.l2 = "competitive_solution";
	d.notes = "   ";
	refuse(ft, d, "Contoso / Exchange Online (SUB-1): scenario 2 needs "
	       "--notes with the detailed reason for declaring No Intent");
	refuse(ft, (struct ft_declaration){.customer = "Contoso",
	       .workload = "Exchange Online",
	       .declared = FT_DECLARE_INTENT_DECLINES_FTC, .led_by = "partner"},
	       "Contoso / Exchange Online (SUB-1): scenario 1 needs --kickoff "
	       "<YYYY-MM-DD> (the kickoff date)");
	refuse(ft, (struct ft_declaration){.customer = "Contoso",
	       .workload = "Exchange Online",
	       .declared = FT_DECLARE_INTENT_DECLINES_FTC, .kickoff = "2026-05-01"},
	       "Contoso / Exchange Online (SUB-1): scenario 1 needs --led-by "
	       "(customer or partner)");
	refuse(ft, (struct ft_declaration){.customer = "Contoso",
	       .workload = "Exchange Online", .led_by = "partner",
	       .declared = FT_DECLARE_INTENT_DECLINES_FTC, .kickoff = "2026-02-30"},
	       "invalid --kickoff '2026-02-30' (expected a date that exists, as "
	       "YYYY-MM-DD)");
	d.notes = "Runs Google Workspace for all mail";
	d.workload = "Exchnge Online";
	refuse(ft, d, "unknown workload 'Exchnge Online' (did you mean "
	       "'Exchange Online'?)");
	d.workload = "Exchange Online";
	d.customer = "Contso";
	refuse(ft, d, "unknown customer 'Contso' (did you mean 'Contoso'?)");
	d.customer = "Contoso";
	d.subscription = "SUB-9";
	refuse(ft, d, "unknown subscription 'SUB-9' (did you mean 'SUB-1'?)");
	d.subscription = NULL;
	d.workload = "Yammer";
	refuse(ft, d, "'Contoso' has no entitlement for Yammer");
}

static void declare__refusals_in_delivery_change_nothing(void **state)
{
	struct ft *ft = *state;
	struct ft_status_change dup = {"Contoso", "Microsoft Teams", NULL,
				       "duplicate-invalid", NULL, NULL};
	int changed;

	to_delivery(ft);
	refuse(ft, (struct ft_declaration){.customer = "Contoso",
	       .workload = "Exchange Online", .led_by = "partner",
	       .declared = FT_DECLARE_INTENT_DECLINES_FTC, .kickoff = "2026-05-01"},
	       "Contoso / Exchange Online (SUB-1): scenario 1 (intent, declining "
	       "FTC) applies only in the assignment phase, and 'Contoso' is in "
	       "the delivery phase; record the status with 'ftrack status set'");
	assert_int_equal(ft_status_set(ft, &dup, &changed), FT_OK);
	refuse(ft, (struct ft_declaration){.customer = "Contoso",
	       .workload = "Microsoft Teams", .l2 = "competitive_solution",
	       .notes = "Uses Slack across the whole company"},
	       "Contoso / Microsoft Teams (SUB-1) is Duplicate/Invalid; no "
	       "declaration applies to it");
	assert_int_equal(declare(ft, (struct ft_declaration){
		.customer = "Contoso", .workload = "Exchange Online",
		.subscription = "SUB-1", .l2 = "competitive_solution",
		.notes = "Runs Google Workspace for all mail"}), FT_OK);
	refuse(ft, (struct ft_declaration){.customer = "Contoso",
	       .workload = "Exchange Online", .subscription = "SUB-2"},
	       "Contoso / Exchange Online (SUB-2): scenario 5 (the service is "
	       "already No Intent on another subscription) needs "
	       "--validated-with (account-team or customer)");
	refuse(ft, (struct ft_declaration){.customer = "Contoso",
	       .workload = "Exchange Online", .subscription = "SUB-2",
	       .l2 = "executive-sponsorship", .validated_with = "customer"},
	       "Contoso / Exchange Online (SUB-2): scenario 5 takes the "
	       "service's existing L2 'competitive_solution', not "
	       "'executive_sponsorship'");
}

static void declare__role_must_be_the_scenarios_when_users_exist(void **state)
{
	struct ft *ft = *state;
	struct ft_declaration d = {.customer = "Contoso",
		.workload = "Exchange Online", .l2 = "competitive_solution",
		.notes = "Runs Google Workspace for all mail"};

	/* nobody registered: anyone may declare, the audit has the role */
	ft_set_actor(ft, "Walk-in");
	assert_int_equal(declare(ft, d), FT_OK);
	assert_string_equal(q_text(ft, "SELECT who || '/' || role FROM "
		"changeset ORDER BY id DESC"), "Walk-in/assignment_fm");
	to_delivery(ft);
	assert_int_equal(ft_user_add(ft, "Ana", "assignment-fm"), FT_OK);
	ft_set_actor(ft, "Ana");
	d.workload = "Microsoft Teams";
	refuse(ft, d, "scenario 4 is updated by the Delivery FM, and 'Ana' is "
	       "assignment_fm");
	ft_set_actor(ft, "Stranger");
	refuse(ft, d, "scenario 4 is updated by the Delivery FM, and 'Stranger' "
	       "is not a registered user; use --as <name> or 'ftrack user add'");
	ft_set_actor(ft, "Dana");
	assert_int_equal(declare(ft, d), FT_OK);
}

static void declare__again_changes_nothing(void **state)
{
	struct ft *ft = *state;
	struct ft_declaration d = {.customer = "Contoso",
		.workload = "Exchange Online", .l2 = "competitive_solution",
		.notes = "Runs Google Workspace for all mail"};
	struct ft_declare_outcome out;
	char *before;

	assert_int_equal(declare(ft, d), FT_OK);
	before = db_fingerprint(ft);
	assert_int_equal(ft_declare(ft, &d, FT_SHAPE_TABLE, ignore, NULL, &out),
			 FT_OK);
	assert_int_equal(out.changed, 0);
	assert_int_equal(out.declaration, 0);
	assert_unchanged(ft, before);
	sqlite3_free(before);
	/* a different L3 updates the No Intent entitlements, scenario kept */
	d.l3 = "Gmail";
	assert_int_equal(ft_declare(ft, &d, FT_SHAPE_TABLE, ignore, NULL, &out),
			 FT_OK);
	assert_int_equal(out.changed, 2);
	assert_string_equal(columns(ft, "SUB-2", "Exchange Online"),
		"assignment_fm|no_intent|competitive_solution|Gmail|-|"
		"depends_on_other_workloads|-|account_team|Runs Google Workspace "
		"for all mail|-|notify_account_team|2");
	assert_string_equal(q_text(ft, "SELECT what FROM changeset ORDER BY id "
		"DESC"), "Contoso / Exchange Online (SUB-1): No Intent, Using "
		"Competitive Solution (updated, scenario 2); Contoso / Exchange "
		"Online (SUB-2): No Intent, Using Competitive Solution (updated, "
		"scenario 2)");
}

static int first_json(void *arg, int ncol, const char *const *names,
		      const char *const *values)
{
	*(char **)arg = strdup(values[0]);
	return FT_OK;
}

static void declare__dry_run_reports_and_writes_nothing(void **state)
{
	struct ft *ft = *state;
	struct ft_declaration d = {.customer = "Contoso",
		.workload = "Microsoft Teams", .l2 = "competitive_solution",
		.notes = "Uses Slack across the whole company", .dry_run = true};
	struct ft_declare_outcome out;
	char *before = db_fingerprint(ft), *json = NULL;

	assert_int_equal(ft_declare(ft, &d, FT_SHAPE_JSON, first_json, &json,
				    &out), FT_OK);
	assert_int_equal(out.changed, 1);
	assert_unchanged(ft, before);
	assert_string_equal(json, "{\"declaration\":null,\"entitlements\":[{"
		"\"subscription\":\"SUB-1\",\"workload\":\"Microsoft Teams\","
		"\"scenario\":2,\"before\":{\"l1\":\"status_unknown\",\"l2\":"
		"\"new_subscription_or_workload\",\"l3\":null,\"service_status\":"
		"null,\"engagement_scenario\":null,\"target_date\":null,\"owner\":"
		"null,\"notes\":null,\"next_action_date\":null,\"next_action\":"
		"null},\"after\":{\"l1\":\"no_intent\",\"l2\":"
		"\"competitive_solution\",\"l3\":null,\"service_status\":null,"
		"\"engagement_scenario\":\"depends_on_other_workloads\","
		"\"target_date\":null,\"owner\":\"account_team\",\"notes\":\"Uses "
		"Slack across the whole company\",\"next_action_date\":null,"
		"\"next_action\":\"notify_account_team\"}}]}");
	free(json);
	sqlite3_free(before);
}

static void declare__all_workloads_covers_every_service(void **state)
{
	struct ft *ft = *state;
	struct ft_declare_outcome out;
	struct ft_declaration d = {.customer = "Contoso",
		.l2 = "executive-sponsorship",
		.notes = "No sponsor for any cloud move this decade"};

	assert_int_equal(ft_declare(ft, &d, FT_SHAPE_TABLE, ignore, NULL, &out),
			 FT_OK);
	assert_int_equal(out.changed, 3);
	assert_int_equal(q_int(ft, "SELECT count(*) FROM entitlement "
			       "WHERE l1 = 'no_intent'"), 3);
	assert_int_equal(q_int(ft, "SELECT count(*) FROM changeset WHERE "
		"scenario = 2 AND workload_id IS NULL"), 1);
	assert_int_equal(q_int(ft, "SELECT count(*) FROM change WHERE "
		"changeset_id = (SELECT max(id) FROM changeset) AND entity = "
		"'entitlement'"), 3 * 8);
}

static void actions__list_and_done(void **state)
{
	struct ft *ft = *state;
	int n = 0;

	assert_int_equal(declare(ft, (struct ft_declaration){
		.customer = "Contoso", .workload = "Exchange Online",
		.l2 = "competitive_solution",
		.notes = "Runs Google Workspace for all mail"}), FT_OK);
	assert_int_equal(q_int(ft, "SELECT count(*) FROM entitlement WHERE "
			       "next_action = 'notify_account_team'"), 2);
	/* one open action for the service, over its two subscriptions */
	assert_int_equal(ft_actions(ft, FT_SHAPE_TABLE, count_rows, &n), FT_OK);
	assert_int_equal(n, 1);
	n = 0;
	assert_int_equal(ft_action_done(ft, "Contoso", "Exchange Online"), FT_OK);
	assert_int_equal(q_int(ft, "SELECT count(*) FROM entitlement WHERE "
			       "next_action IS NOT NULL"), 0);
	assert_string_equal(q_text(ft, "SELECT what FROM changeset ORDER BY id "
		"DESC"), "Contoso / Exchange Online: next action done: Notify "
		"account team of No Intent");
	assert_int_equal(ft_action_done(ft, "Contoso", "Exchange Online"),
			 FT_REFUSED);
	assert_int_equal(ft_actions(ft, FT_SHAPE_TABLE, count_rows, &n), FT_OK);
	assert_int_equal(n, 0);
}

static void status_set__checks_l2_against_l1_and_refuses_no_intent(void **state)
{
	struct ft *ft = *state;
	struct ft_status_change s = {"Contoso", "Exchange Online", NULL,
				     "in-progress", "legal-regulatory", NULL};
	int changed;

	assert_int_equal(ft_status_set(ft, &s, &changed), FT_REFUSED);
	assert_string_equal(ft_error(ft), "invalid L2 'legal-regulatory' for L1 "
		"in_progress (expected one of: technical_onboarding, migration, "
		"adoption)");
	s.l1 = "no-intent";
	assert_int_equal(ft_status_set(ft, &s, &changed), FT_REFUSED);
	s.l1 = "duplicate_invalid";
	s.l2 = "migration";
	assert_int_equal(ft_status_set(ft, &s, &changed), FT_REFUSED);
	assert_string_equal(ft_error(ft), "L1 duplicate_invalid has no L2; leave "
			    "out --l2");
	s.l1 = "blocked";
	s.l2 = "legal-regulatory";
	assert_int_equal(ft_status_set(ft, &s, &changed), FT_OK);
	assert_int_equal(changed, 2);
	assert_int_equal(ft_status_set(ft, &s, &changed), FT_OK);
	assert_int_equal(changed, 0);
}

static void notes_advice__warns_on_vague_or_short_notes(void **state)
{
	assert_non_null(ft_notes_advice("Not moving mail for now, maybe later"));
	assert_non_null(ft_notes_advice("Not ready yet to move anything"));
	assert_non_null(ft_notes_advice("Uses Gmail"));
	assert_null(ft_notes_advice("Runs Google Workspace for all mail"));
	assert_null(ft_notes_advice("The yeti team runs its own mail servers"));
}

static void rules__table_has_the_five_scenarios(void **state)
{
	struct ft *ft = *state;
	int n = 0;

	assert_int_equal(q_int(ft, "SELECT count(*) FROM rule"), 5);
	assert_int_equal(ft_rules(ft, FT_SHAPE_TABLE, count_rows, &n), FT_OK);
	assert_int_equal(n, 5);
	assert_string_equal(q_text(ft, "SELECT group_concat(updater) FROM "
		"(SELECT updater FROM rule ORDER BY scenario)"),
		"assignment_fm,assignment_fm,delivery_fm,delivery_fm,delivery_fm");
}

#define T(f) cmocka_unit_test_setup_teardown(f, setup_contoso, teardown_db)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(declare__intent_declining_ftc_in_assignment__is_scenario_1),
		T(declare__no_intent_in_assignment__is_scenario_2),
		T(declare__no_intent_in_delivery_after_intent__is_scenario_3),
		T(declare__no_intent_on_unknown_service_in_delivery__is_scenario_4),
		T(declare__unknown_subscription_of_no_intent_service__is_scenario_5),
		T(declare__one_declaration_applies_3_and_5),
		T(declare__refusals_change_nothing),
		T(declare__refusals_in_delivery_change_nothing),
		T(declare__role_must_be_the_scenarios_when_users_exist),
		T(declare__again_changes_nothing),
		T(declare__dry_run_reports_and_writes_nothing),
		T(declare__all_workloads_covers_every_service),
		T(actions__list_and_done),
		T(status_set__checks_l2_against_l1_and_refuses_no_intent),
		T(notes_advice__warns_on_vague_or_short_notes),
		T(rules__table_has_the_five_scenarios),
	};

	return cmocka_run_group_tests_name("declare", tests, NULL, NULL);
}
