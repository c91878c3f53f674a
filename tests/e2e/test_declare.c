/* Declarations, rules, actions and status through the binary. */
#include <stdlib.h>
#include "run.h"

static void contoso(void)
{
	ftrack(0, "init");
	ftrack(0, "customer", "add", "Contoso");
	ftrack(0, "subscription", "add", "Contoso", "SUB-1", "--workload",
	       "Exchange Online", "--workload", "Yammer");
	ftrack(0, "subscription", "add", "Contoso", "SUB-2", "--workload",
	       "Exchange Online");
}

static void declare__prints_scenario_and_values_and_audits(void **state)
{
	contoso();
	expect_out("Subscription  Workload  Scenario  Column               "
		   "Before                        After\n"
		   "------------  --------  --------  -------------------  "
		   "----------------------------  -------------------\n"
		   "SUB-1         Yammer    1         L1                   "
		   "Status Unknown                In Progress\n"
		   "SUB-1         Yammer    1         L2                   "
		   "New Subscription or Workload\n"
		   "SUB-1         Yammer    1         Service status       "
		   "                              Initiate\n"
		   "SUB-1         Yammer    1         Engagement scenario  "
		   "                              Partner led\n"
		   "SUB-1         Yammer    1         Next action date     "
		   "                              2026-04-15\n"
		   "SUB-1         Yammer    1         Next action          "
		   "                              Delivery Assignment\n"
		   "declaration 1: 1 of 1 entitlement changed\n",
		   "declare", "Contoso", "Yammer", "--intent", "--declines-ftc",
		   "--led-by", "partner", "--kickoff", "2026-04-15");
	expect_out("Subscription  Workload  Scenario  Column              Before"
		   "  After\n------------  --------  --------  ------------------"
		   "  ------  -----\nSUB-1         Yammer    1         (already "
		   "recorded)\nalready recorded; nothing changed\n",
		   "declare", "Contoso", "Yammer", "--intent", "--declines-ftc",
		   "--led-by", "partner", "--kickoff", "2026-04-15");
	struct run r = ftrack(0, "history", "--format", "json");
	assert_non_null(strstr(r.out, "\"what\":\"Contoso / Yammer (SUB-1): In "
			       "Progress, Partner led, kickoff 2026-04-15 "
			       "(scenario 1)\",\"what_es\":\"Contoso / Yammer "
			       "(SUB-1): En progreso, Dirigida por el socio, "
			       "inicio 2026-04-15 (escenario 1)\",\"customer\":"
			       "\"Contoso\",\"workload\":\"Yammer\","
			       "\"subscription\":\"SUB-1\",\"scenario\":\"1\""));
	run_free(&r);
	expect_out("Customer  Workload  Subscriptions  Next action          "
		   "Next action date  Overdue\n--------  --------  "
		   "-------------  -------------------  ----------------  "
		   "-------\nContoso   Yammer    SUB-1          Delivery "
		   "Assignment  2026-04-15\n", "actions");
	expect_out("next action of 'Contoso' / 'Yammer' done\n", "actions",
		   "done", "Contoso", "Yammer");
	expect_out("(no open next actions)\n", "actions");
}

static void declare__json_dry_run_and_notes_warning(void **state)
{
	char *before, *after;

	contoso();
	before = db_snapshot();
	struct run r = ftrack(0, "declare", "Contoso", "Exchange Online",
			      "--no-intent", "--l2", "competitive-solution",
			      "--notes", "Gmail for now", "--dry-run",
			      "--format", "json");
	assert_memory_equal(r.out, "{\"declaration\":null,\"entitlements\":[{"
			    "\"subscription\":\"SUB-1\",\"workload\":\"Exchange "
			    "Online\",\"scenario\":\"2\",\"before\":{", 104);
	assert_string_equal(r.err, "ftrack: warning: the note says when, not "
			    "why: the playbook asks for the reason and to avoid "
			    "\"for now\", \"currently\" and \"yet\" (templates: "
			    "ftrack declare --help)\n");
	run_free(&r);
	after = db_snapshot();
	assert_string_equal(before, after);
	free(before);
	free(after);
}

static void declare__usage_and_refusals(void **state)
{
	char *before, *after;

	contoso();
	before = db_snapshot();
	expect_err(2, "ftrack declare: say --no-intent or --intent "
		   "--declines-ftc (see 'ftrack declare --help')\n", "declare",
		   "Contoso", "Yammer");
	expect_err(2, "ftrack declare: --intent needs --declines-ftc: only a "
		   "customer who declines FTC is recorded by a declaration "
		   "(otherwise use 'ftrack status set') (see 'ftrack declare "
		   "--help')\n", "declare", "Contoso", "Yammer", "--intent");
	expect_err(2, "ftrack declare: --led-by and --kickoff go with --intent "
		   "(see 'ftrack declare --help')\n", "declare", "Contoso",
		   "Yammer", "--no-intent", "--led-by", "customer");
	expect_err(1, "ftrack: Contoso / Exchange Online (SUB-1): scenario 2 "
		   "needs --l2 (executive-sponsorship, competitive-solution or "
		   "microsoft-on-premises)\n", "declare", "Contoso",
		   "Exchange Online", "--no-intent", "--notes", "no reason given");
	expect_err(1, "ftrack: invalid No Intent L2 'blocked' (expected one of: "
		   "executive-sponsorship, competitive-solution, "
		   "microsoft-on-premises)\n", "declare", "Contoso", "--all-workloads",
		   "--no-intent", "--l2", "blocked", "--notes", "x");
	expect_err(1, "ftrack: invalid --kickoff '2026-02-30' (expected a date "
		   "that exists, as YYYY-MM-DD or an ISO 8601 time)\n", "declare", "Contoso", "Yammer",
		   "--intent", "--declines-ftc", "--led-by", "customer",
		   "--kickoff", "2026-02-30");
	expect_err(1, "ftrack: invalid --notes: it is not valid UTF-8\n",
		   "declare", "Contoso", "Yammer", "--no-intent", "--l2",
		   "competitive-solution", "--notes", "bad \xc3\x28");
	expect_err(1, "ftrack: No Intent is reached only through 'ftrack declare "
		   "--no-intent', which applies the playbook's scenarios\n",
		   "status", "set", "Contoso", "Yammer", "--l1", "no-intent");
	expect_err(1, "ftrack: 'Contoso' / 'Yammer' has no open next action\n",
		   "actions", "done", "Contoso", "Yammer");
	after = db_snapshot();
	assert_string_equal(before, after);
	free(before);
	free(after);
}

static void rules__print_in_both_languages(void **state)
{
	ftrack(0, "init");
	struct run r = ftrack(0, "rules", "--format", "md");
	assert_memory_equal(r.out, "|Page|Scenario|Phase|Description|Who "
			    "updates FTOP|L1|L2|L3|Service status|Engagement "
			    "scenario|Target date|Owner|Notes|Next action date|"
			    "Next action|\n", 139);
	assert_non_null(strstr(r.out, "|No Intent|3|Delivery|Customer later "
			       "declares no intent after initial intent "
			       "assignment|Delivery FM|No Intent|from the "
			       "declaration (required)|from the declaration|N/A|"
			       "Depends on intent of other workloads and those "
			       "engagements|N/A|Account Team|from the declaration "
			       "(required)|TBD|Notify account team of No Intent|\n"));
	/* the Blocked page, and who may update */
	assert_non_null(strstr(r.out, "|Blocked|B2|Delivery|"));
	assert_non_null(strstr(r.out, "|Depends on L2/L3|\n"));
	assert_non_null(strstr(r.out, "|Delivery|Delivery FM|yes|\n"));
	run_free(&r);
	r = ftrack(0, "--lang", "es", "rules");
	assert_non_null(strstr(r.out, "Quién actualiza FTOP"));
	assert_non_null(strstr(r.out, "Notificar al equipo de cuentas de la No "
			       "intención"));
	assert_non_null(strstr(r.out, "Bloqueo"));
	assert_non_null(strstr(r.out, "Reunión de inicio"));
	assert_non_null(strstr(r.out, "Depende de L2 y L3"));
	run_free(&r);
	r = ftrack(0, "rules", "--format", "json");
	assert_non_null(strstr(r.out, "{\"page\":\"no_intent\",\"scenario\":"
			       "\"5\",\"phase\":\"delivery\",\"via\":"
			       "\"declaration\",\"event\":\"no_intent\",\"prior\":"
			       "[{\"l1\":\"status_unknown\",\"l2\":null,"
			       "\"service_no_intent\":true}],\"updater\":"
			       "\"delivery_fm\""));
	assert_non_null(strstr(r.out, "{\"page\":\"blocked\",\"scenario\":"
			       "\"B1\""));
	run_free(&r);
}

#define T(f) cmocka_unit_test_setup_teardown(f, sandbox_setup, sandbox_teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(declare__prints_scenario_and_values_and_audits),
		T(declare__json_dry_run_and_notes_warning),
		T(declare__usage_and_refusals),
		T(rules__print_in_both_languages),
	};

	return cmocka_run_group_tests_name("declare-cli", tests, NULL, NULL);
}
