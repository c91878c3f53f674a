/* The rules against docs/rules.md: each scenario's eleven columns, both
 * pages, mixed scenarios, refusals, roles on every path, idempotence. */
#include <stdlib.h>
#include "testutil.h"
#include "ftrack/records.h"
#include "ftrack/rules.h"
#include "ftrack/history.h"

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

	assert_int_equal(ft_user_add(ft, "Ana", "assignment-fm"), FT_OK);
	ft_set_actor(ft, "Ana");
	assert_int_equal(ft_user_add(ft, "Dana", "delivery-fm"), FT_OK);
	assert_int_equal(ft_assign(ft, "Contoso", "Dana", &changed), FT_OK);
	ft_set_actor(ft, "Dana");
}

static void set_status(struct ft *ft, const char *sub, const char *l1,
		       const char *l2)
{
	struct ft_status_change s = {.customer = "Contoso",
		.workload = "Exchange Online", .subscription = sub, .l1 = l1,
		.l2 = l2};
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
		"-|in_progress|-|-|initiate|customer_led|-|-|-|"
		"2026-04-15|delivery_assignment|1");
	assert_string_equal(columns(ft, "SUB-2", "Exchange Online"),
		"-|in_progress|-|-|initiate|customer_led|-|-|-|"
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
		"-|no_intent|competitive_solution|Gmail|-|"
		"depends_on_other_workloads|-|account_team|Runs Google Workspace "
		"and will not migrate mail|-|notify_account_team|2");
	assert_string_equal(q_text(ft, "SELECT what FROM changeset ORDER BY id "
		"DESC"), "Contoso / Exchange Online (SUB-1): No Intent, Using "
		"Competitive Solution (scenario 2); Contoso / Exchange Online "
		"(SUB-2): No Intent, Using Competitive Solution (scenario 2)");
	assert_int_equal(q_int(ft, "SELECT count(*) FROM declaration"), 1);
	/* nobody registered: the audit lends the actor no role */
	assert_string_equal(q_text(ft, "SELECT role FROM changeset ORDER BY id "
				   "DESC"), "(null)");
	assert_string_equal(q_text(ft, "SELECT role FROM declaration"),
			    "(null)");
}

static void declare__no_intent_in_delivery_after_intent__is_scenario_3(void **state)
{
	struct ft *ft = *state;

	struct ft_status_change blocked = {.customer = "Contoso",
		.workload = "Exchange Online", .subscription = "SUB-1",
		.l1 = "blocked", .l2 = "security-privacy", .target_date =
		"2026-06-30", .notes = "Blocked because the DLP policies "
		"cannot be met until the new tenant settings exist"};
	int changed;

	to_delivery(ft);
	assert_int_equal(ft_status_set(ft, &blocked, &changed), FT_OK);
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
		"depends_on_other_workloads|-|account_team|Runs Google Workspace "
		"for all mail|-|-|5");
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
	assert_string_equal(q_text(ft, "SELECT string_agg(v, ',') FROM "
		"(SELECT s.code || '=' || e.scenario AS v FROM entitlement e "
		"JOIN subscription s ON s.id = e.subscription_id WHERE "
		"e.workload_id = 1 ORDER BY s.code, e.id) AS t"),
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
	free(before);
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
	       "executive-sponsorship, competitive-solution, "
	       "microsoft-on-premises)");
	d.l2 = "competitive_solution";
	d.notes = "   ";
	refuse(ft, d, "Contoso / Exchange Online (SUB-1): scenario 2 needs "
	       "--notes with the detailed reason for declaring No Intent");
	refuse(ft, (struct ft_declaration){.customer = "Contoso",
	       .workload = "Exchange Online",
	       .declared = FT_DECLARE_INTENT_DECLINES_FTC, .led_by = "partner"},
	       "Contoso / Exchange Online (SUB-1): scenario 1 needs --kickoff "
	       "<date> (the kickoff date)");
	refuse(ft, (struct ft_declaration){.customer = "Contoso",
	       .workload = "Exchange Online",
	       .declared = FT_DECLARE_INTENT_DECLINES_FTC, .kickoff = "2026-05-01"},
	       "Contoso / Exchange Online (SUB-1): scenario 1 needs --led-by "
	       "(customer or partner)");
	refuse(ft, (struct ft_declaration){.customer = "Contoso",
	       .workload = "Exchange Online", .led_by = "partner",
	       .declared = FT_DECLARE_INTENT_DECLINES_FTC, .kickoff = "2026-02-30"},
	       "invalid --kickoff '2026-02-30' (expected a date that exists, as "
	       "YYYY-MM-DD or an ISO 8601 time)");
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
	struct ft_status_change dup = {.customer = "Contoso",
		.workload = "Microsoft Teams", .l1 = "duplicate-invalid"};
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

	/* nobody registered: anyone may declare, with no role recorded */
	ft_set_actor(ft, "Walk-in");
	assert_int_equal(declare(ft, d), FT_OK);
	assert_string_equal(q_text(ft, "SELECT who || '/' || coalesce(role, "
		"'none') FROM changeset ORDER BY id DESC"), "Walk-in/none");
	to_delivery(ft);
	assert_int_equal(ft_user_add(ft, "Dario", "delivery-fm"), FT_OK);
	assert_int_equal(ft_user_add(ft, "Tom", "account-team"), FT_OK);
	ft_set_actor(ft, "Ana");
	d.workload = "Microsoft Teams";
	refuse(ft, d, "'Ana' is Assignment FM; in the delivery phase 'Contoso' "
	       "is updated by the Delivery FM 'Dana'");
	ft_set_actor(ft, "Tom");
	refuse(ft, d, "'Tom' is Account Team; in the delivery phase 'Contoso' "
	       "is updated by the Delivery FM 'Dana'");
	ft_set_actor(ft, "Stranger");
	refuse(ft, d, "'Stranger' is not a registered user; in the delivery "
	       "phase 'Contoso' is updated by the Delivery FM 'Dana' (use --as "
	       "<name>)");
	/* a delivery FM, but not this customer's */
	ft_set_actor(ft, "Dario");
	refuse(ft, d, "'Dario' is not the delivery FM of 'Contoso'; its "
	       "delivery FM 'Dana' updates it");
	ft_set_actor(ft, "Dana");
	assert_int_equal(declare(ft, d), FT_OK);
	assert_string_equal(q_text(ft, "SELECT role FROM declaration ORDER BY "
				   "id DESC"), "delivery_fm");
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
	free(before);
	/* a different L3 updates the No Intent entitlements, scenario kept */
	d.l3 = "Gmail";
	assert_int_equal(ft_declare(ft, &d, FT_SHAPE_TABLE, ignore, NULL, &out),
			 FT_OK);
	assert_int_equal(out.changed, 2);
	assert_string_equal(columns(ft, "SUB-2", "Exchange Online"),
		"-|no_intent|competitive_solution|Gmail|-|"
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
		"\"scenario\":\"2\",\"before\":{\"l1\":\"status_unknown\",\"l2\":"
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
	free(before);
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
		"scenario = '2' AND workload_id IS NULL"), 1);
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
	assert_int_equal(ft_actions(ft, NULL, FT_SHAPE_TABLE, count_rows, &n), FT_OK);
	assert_int_equal(n, 1);
	n = 0;
	assert_int_equal(ft_action_done(ft, "Contoso", "Exchange Online", NULL), FT_OK);
	assert_int_equal(q_int(ft, "SELECT count(*) FROM entitlement WHERE "
			       "next_action IS NOT NULL"), 0);
	assert_string_equal(q_text(ft, "SELECT what FROM changeset ORDER BY id "
		"DESC"), "Contoso / Exchange Online: next action done: Notify "
		"account team of No Intent");
	assert_int_equal(ft_action_done(ft, "Contoso", "Exchange Online", NULL),
			 FT_REFUSED);
	assert_int_equal(ft_actions(ft, NULL, FT_SHAPE_TABLE, count_rows, &n), FT_OK);
	assert_int_equal(n, 0);
}

static void status_set__checks_l2_against_l1_and_refuses_no_intent(void **state)
{
	struct ft *ft = *state;
	struct ft_status_change s = {.customer = "Contoso",
		.workload = "Exchange Online", .l1 = "in-progress",
		.l2 = "legal-regulatory"};
	int changed;

	assert_int_equal(ft_status_set(ft, &s, &changed), FT_REFUSED);
	assert_string_equal(ft_error(ft), "invalid L2 'legal-regulatory' for L1 "
		"in-progress (expected one of: technical-onboarding, migration, "
		"adoption)");
	s.l1 = "no-intent";
	assert_int_equal(ft_status_set(ft, &s, &changed), FT_REFUSED);
	/* the L1s listed are those a status change takes, dashed */
	s.l1 = "done";
	assert_int_equal(ft_status_set(ft, &s, &changed), FT_REFUSED);
	assert_string_equal(ft_error(ft), "invalid L1 'done' (expected one of: "
			    "status-unknown, in-progress, blocked, "
			    "duplicate-invalid)");
	s.l1 = "duplicate_invalid";
	s.l2 = "migration";
	assert_int_equal(ft_status_set(ft, &s, &changed), FT_REFUSED);
	assert_string_equal(ft_error(ft), "L1 duplicate-invalid has no L2; leave "
			    "out --l2");
	s.l1 = "blocked";
	s.l2 = "legal-regulatory";
	s.notes = "Unable to deploy: the regulator prohibits cloud mail";
	s.engagement = "customer-led";
	s.next_action_date = "2026-05-04";
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

static void status_set__leaving_no_intent_clears_what_it_set(void **state)
{
	struct ft *ft = *state;
	int n = 0;

	assert_int_equal(declare(ft, (struct ft_declaration){
		.customer = "Contoso", .workload = "Exchange Online",
		.l2 = "competitive_solution", .l3 = "Gmail",
		.notes = "Runs Google Workspace for all mail"}), FT_OK);
	set_status(ft, "SUB-1", "in_progress", "adoption");
	assert_string_equal(columns(ft, "SUB-1", "Exchange Online"),
		"-|in_progress|adoption|-|-|-|-|-|-|-|-|S1");
	/* SUB-2 is still No Intent: its action stands, SUB-1's does not */
	assert_int_equal(q_int(ft, "SELECT count(*) FROM entitlement WHERE "
			       "next_action IS NOT NULL"), 1);
	/* scenario 1 from No Intent clears owner and reason too */
	assert_int_equal(declare(ft, (struct ft_declaration){
		.customer = "Contoso", .workload = "Exchange Online",
		.subscription = "SUB-2", .declared =
		FT_DECLARE_INTENT_DECLINES_FTC, .led_by = "partner",
		.kickoff = "2026-05-04T09:00:00Z"}), FT_OK);
	assert_string_equal(columns(ft, "SUB-2", "Exchange Online"),
		"-|in_progress|-|-|initiate|partner_led|-|-|-|2026-05-04|"
		"delivery_assignment|1");
	assert_int_equal(ft_actions(ft, NULL, FT_SHAPE_TABLE, count_rows, &n), FT_OK);
	assert_int_equal(n, 1);
}

static void assign__closes_delivery_assignment_in_its_change_set(void **state)
{
	struct ft *ft = *state;
	int changed;

	assert_int_equal(declare(ft, (struct ft_declaration){
		.customer = "Contoso", .workload = "Exchange Online",
		.declared = FT_DECLARE_INTENT_DECLINES_FTC, .led_by = "customer",
		.kickoff = "2026-05-04"}), FT_OK);
	assert_int_equal(ft_user_add(ft, "Ana", "assignment-fm"), FT_OK);
	ft_set_actor(ft, "Ana");
	assert_int_equal(ft_user_add(ft, "Dana", "delivery-fm"), FT_OK);
	ft_set_actor(ft, "Dana");
	assert_int_equal(ft_assign(ft, "Contoso", "Dana", &changed),
			 FT_REFUSED);
	ft_set_actor(ft, "Ana");
	assert_int_equal(ft_assign(ft, "Contoso", "Dana", &changed), FT_OK);
	assert_int_equal(q_int(ft, "SELECT count(*) FROM entitlement WHERE "
			       "next_action IS NOT NULL"), 0);
	assert_int_equal(q_int(ft, "SELECT count(*) FROM change WHERE "
		"changeset_id = (SELECT max(id) FROM changeset) AND "
		"field = 'next_action'"), 2);
}

static void revert__never_reaches_no_intent(void **state)
{
	struct ft *ft = *state;
	int64_t id = 0, revert_id = 0;
	char *before;

	assert_int_equal(declare(ft, (struct ft_declaration){
		.customer = "Contoso", .workload = "Exchange Online",
		.l2 = "competitive_solution",
		.notes = "Runs Google Workspace for all mail"}), FT_OK);
	set_status(ft, NULL, "in_progress", NULL);
	id = q_int(ft, "SELECT max(id) FROM changeset");
	before = db_fingerprint(ft);
	assert_int_equal(ft_revert(ft, id, &revert_id), FT_REFUSED);
	assert_non_null(strstr(ft_error(ft), "only a declaration does"));
	assert_unchanged(ft, before);
	free(before);
}

static void declare__a_new_l2_changes_the_whole_service(void **state)
{
	struct ft *ft = *state;

	to_delivery(ft);
	set_status(ft, NULL, "in_progress", "migration");
	assert_int_equal(declare(ft, (struct ft_declaration){
		.customer = "Contoso", .workload = "Exchange Online",
		.subscription = "SUB-1", .l2 = "competitive_solution",
		.notes = "Runs Google Workspace for all mail"}), FT_OK);
	assert_int_equal(declare(ft, (struct ft_declaration){
		.customer = "Contoso", .workload = "Exchange Online",
		.subscription = "SUB-2", .l2 = "executive_sponsorship",
		.notes = "No sponsor for moving mail to the cloud"}), FT_OK);
	assert_string_equal(q_text(ft, "SELECT string_agg(l2, ',') FROM "
		"(SELECT DISTINCT l2 FROM entitlement WHERE workload_id = 1 AND "
		"l1 = 'no_intent' ORDER BY l2) AS t"), "executive_sponsorship");
	/* SUB-1 keeps its own reason */
	assert_string_equal(q_text(ft, "SELECT notes FROM entitlement WHERE "
		"id = 1"), "Runs Google Workspace for all mail");
}

static void declare__unresponsive_is_3_and_new_workload_is_4(void **state)
{
	struct ft *ft = *state;

	to_delivery(ft);
	set_status(ft, "SUB-1", "status_unknown", "customer_unresponsive");
	assert_int_equal(declare(ft, (struct ft_declaration){
		.customer = "Contoso", .workload = "Exchange Online",
		.l2 = "competitive_solution",
		.notes = "Runs Google Workspace for all mail"}), FT_OK);
	assert_string_equal(q_text(ft, "SELECT string_agg(scenario, ',') FROM "
		"(SELECT scenario FROM entitlement WHERE workload_id = 1 "
		"ORDER BY id) AS t"), "3,4");
}

static void declare__all_workloads_passes_over_duplicate_invalid(void **state)
{
	struct ft *ft = *state;
	struct ft_status_change dup = {.customer = "Contoso",
		.workload = "Microsoft Teams", .l1 = "duplicate-invalid"};
	struct ft_declare_outcome out;
	struct ft_declaration d = {.customer = "Contoso",
		.l2 = "executive-sponsorship",
		.notes = "No sponsor for any cloud move this decade"};
	int changed;

	assert_int_equal(ft_status_set(ft, &dup, &changed), FT_OK);
	assert_int_equal(ft_declare(ft, &d, FT_SHAPE_TABLE, ignore, NULL, &out),
			 FT_OK);
	assert_int_equal(out.changed, 2);
	assert_int_equal(out.covered, 2);
	assert_string_equal(q_text(ft, "SELECT l1 FROM entitlement WHERE "
		"workload_id = 4"), "duplicate_invalid");
	/* the whole tenant at once */
	dup.workload = NULL;
	assert_int_equal(ft_status_set(ft, &dup, &changed), FT_OK);
	assert_int_equal(changed, 2);
	assert_int_equal(q_int(ft, "SELECT count(*) FROM entitlement WHERE "
			       "l1 <> 'duplicate_invalid'"), 0);
}

static void status_set__blocked_is_b1_then_b2(void **state)
{
	struct ft *ft = *state;
	struct ft_status_change b = {.customer = "Contoso",
		.workload = "Exchange Online", .subscription = "SUB-2",
		.l1 = "blocked", .l2 = "it-infrastructure",
		.notes = "Unable to deploy because the VPN devices are not "
			 "compatible", .engagement = "customer-led"};
	int changed;
	char *before = db_fingerprint(ft);

	/* B1 needs the date of the initiate discussion */
	assert_int_equal(ft_status_set(ft, &b, &changed), FT_REFUSED);
	assert_string_equal(ft_error(ft), "Contoso / Exchange Online (SUB-2): "
		"scenario B1 needs --next-action-date <date> (the date of the "
		"initiate discussion)");
	assert_unchanged(ft, before);
	free(before);
	b.next_action_date = "2026-05-04";
	assert_int_equal(ft_status_set(ft, &b, &changed), FT_OK);
	assert_string_equal(columns(ft, "SUB-2", "Exchange Online"),
		"-|blocked|it_infrastructure|-|-|customer_led|-|delivery_fm|"
		"Unable to deploy because the VPN devices are not compatible|"
		"2026-05-04|kickoff_meeting|B1");
	to_delivery(ft);
	b.l2 = "billing-licensing";
	b.engagement = NULL;
	b.next_action_date = NULL;
	b.notes = "Blocked until the licences are transferred to the tenant";
	assert_int_equal(ft_status_set(ft, &b, &changed), FT_REFUSED);
	b.target_date = "2026-07-01";
	assert_int_equal(ft_status_set(ft, &b, &changed), FT_OK);
	assert_string_equal(columns(ft, "SUB-2", "Exchange Online"),
		"delivery_fm|blocked|billing_licensing|-|-|customer_led|2026-07-01|"
		"account_team|Blocked until the licences are transferred to the "
		"tenant|-|depends_on_l2_l3|B2");
}

/* What the rules tables say of one scenario: page, phase, who updates
 * (the who_updates table) and each column as field=source[:value][!]
 * ("!" required), in the playbook's order. */
static const char *rule_row(struct ft *ft, const char *scenario)
{
	char *sql = sqlite3_mprintf(
		"SELECT r.page || '|' || r.phase || '|' || w.role || '|' || "
		"(SELECT string_agg(field || '=' || source || "
		" coalesce(':' || value, '') || CASE required WHEN 1 THEN '!' "
		" ELSE '' END, ' ') FROM (SELECT * FROM rule_value v "
		" WHERE v.scenario = r.scenario ORDER BY CASE field "
		" WHEN 'l1' THEN 1 WHEN 'l2' THEN 2 WHEN 'l3' THEN 3 "
		" WHEN 'service_status' THEN 4 WHEN 'engagement_scenario' THEN 5 "
		" WHEN 'target_date' THEN 6 WHEN 'owner' THEN 7 WHEN 'notes' THEN 8 "
		" WHEN 'next_action_date' THEN 9 ELSE 10 END) AS f) "
		"FROM rule r JOIN who_updates w ON w.phase = r.phase "
		"WHERE r.scenario = %Q", scenario);
	const char *row = q_text(ft, sql);

	sqlite3_free(sql);
	return row;
}

/* Every value of the No Intent and Blocked pages, as docs/rules.md gives
 * them, against the tables the migrations build. */
static void rules__both_pages_match_the_playbook(void **state)
{
	struct ft *ft = *state;
	static const char no_intent_2_4[] =
		"l1=constant:no_intent l2=declared! l3=declared "
		"service_status=none "
		"engagement_scenario=constant:depends_on_other_workloads "
		"target_date=none owner=constant:account_team notes=declared! "
		"next_action_date=none:tbd next_action=constant:notify_account_team";
	char want[1024];
	int n = 0;

	assert_string_equal(rule_row(ft, "1"), "no_intent|assignment|"
		"assignment_fm|l1=constant:in_progress l2=none l3=none "
		"service_status=constant:initiate engagement_scenario=declared! "
		"target_date=none owner=kept notes=kept next_action_date=declared! "
		"next_action=constant:delivery_assignment");
	snprintf(want, sizeof want, "no_intent|assignment|assignment_fm|%s",
		 no_intent_2_4);
	assert_string_equal(rule_row(ft, "2"), want);
	snprintf(want, sizeof want, "no_intent|delivery|delivery_fm|%s",
		 no_intent_2_4);
	assert_string_equal(rule_row(ft, "3"), want);
	assert_string_equal(rule_row(ft, "4"), want);
	assert_string_equal(rule_row(ft, "5"), "no_intent|delivery|delivery_fm|"
		"l1=constant:no_intent l2=service l3=service service_status=none "
		"engagement_scenario=constant:depends_on_other_workloads "
		"target_date=none owner=constant:account_team "
		"notes=declared_or_service next_action_date=none:tbd "
		"next_action=none");
	assert_string_equal(rule_row(ft, "B1"), "blocked|assignment|"
		"assignment_fm|l1=constant:blocked l2=declared! l3=declared "
		"service_status=none engagement_scenario=declared! "
		"target_date=none owner=constant:delivery_fm notes=declared! "
		"next_action_date=declared! next_action=constant:kickoff_meeting");
	assert_string_equal(rule_row(ft, "B2"), "blocked|delivery|delivery_fm|"
		"l1=constant:blocked l2=declared! l3=declared service_status=none "
		"engagement_scenario=kept target_date=declared! "
		"owner=constant:account_team notes=declared! "
		"next_action_date=none:tbd next_action=constant:depends_on_l2_l3");
	/* scenario 5 needs with whom No Intent was validated */
	assert_string_equal(q_text(ft, "SELECT string_agg(scenario, ',') FROM "
		"(SELECT scenario FROM rule WHERE needs_validation = 1 ORDER BY "
		"scenario) AS t"), "5");
	/* who each scenario applies to: 3 takes an unresponsive customer,
	 * 4 a new subscription or workload, 5 any Status Unknown once the
	 * service is No Intent */
	assert_string_equal(q_text(ft, "SELECT string_agg(scenario || ':' || "
		"l1 || '/' || coalesce(l2, '*') || '/' || "
		"coalesce(CAST(service_no_intent AS TEXT), '*'), ' ') FROM "
		"(SELECT * FROM rule_prior WHERE scenario IN ('3', '4', '5') "
		"ORDER BY scenario, l1, l2 NULLS FIRST, service_no_intent NULLS "
		"FIRST) AS p"), "3:blocked/*/* 3:in_progress/*/* "
		"3:status_unknown/customer_unresponsive/0 "
		"4:status_unknown/new_subscription_or_workload/0 "
		"5:status_unknown/*/1");
	/* the Blocked page's labels, both languages */
	assert_string_equal(q_text(ft, "SELECT string_agg(v, '; ') FROM "
		"(SELECT en.value || '=' || es.value AS v FROM text en JOIN "
		"text es ON es.key = en.key AND es.lang = 'es' WHERE "
		"en.lang = 'en' AND en.key IN ('next_action.kickoff_meeting', "
		"'next_action.depends_on_l2_l3') ORDER BY en.key) AS t"),
		"Depends on L2/L3=Depende de L2 y L3; "
		"Kickoff Meeting=Reunión de inicio");
	assert_int_equal(q_int(ft, "SELECT count(*) FROM l2 WHERE "
			       "l1 = 'blocked'"), 10);
	assert_int_equal(ft_rules(ft, FT_SHAPE_TABLE, count_rows, &n), FT_OK);
	assert_int_equal(n, 10);
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
		T(rules__both_pages_match_the_playbook),
		T(status_set__leaving_no_intent_clears_what_it_set),
		T(assign__closes_delivery_assignment_in_its_change_set),
		T(revert__never_reaches_no_intent),
		T(declare__a_new_l2_changes_the_whole_service),
		T(declare__unresponsive_is_3_and_new_workload_is_4),
		T(declare__all_workloads_passes_over_duplicate_invalid),
		T(status_set__blocked_is_b1_then_b2),
	};

	return cmocka_run_group_tests_name("declare", tests, NULL, NULL);
}
