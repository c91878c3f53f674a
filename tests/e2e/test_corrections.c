/* Fixing mistakes through the binary: a customer renamed and changed, a
 * user's role changed, a user deactivated, a workload taken off a
 * subscription, and records added by mistake removed by reverting the
 * change set that added them. Each correction is audited, revertable,
 * checked by who may write, and leaves `ftrack verify` passing; each
 * refusal leaves the database as it was. */
#include <stdlib.h>
#include "run.h"

/* Ana (assignment FM) and Dana (delivery FM); Contoso with SUB-1 (Yammer,
 * Intune). Commands run as Ana. */
static void team(void)
{
	ftrack(0, "init");
	ftrack(0, "user", "add", "Ana", "--role", "assignment-fm");
	setenv("FTRACK_USER", "Ana", 1);
	ftrack(0, "user", "add", "Dana", "--role", "delivery-fm");
	ftrack(0, "user", "add", "Tom", "--role", "account-team");
	ftrack(0, "customer", "add", "Contoso", "--tenant", "contoso.example",
	       "--managed");
	ftrack(0, "subscription", "add", "Contoso", "SUB-1", "--workload",
	       "Yammer", "--workload", "Intune");
}

/* The newest change set's id. */
static long newest(void)
{
	struct run r = ftrack(0, "history", "--format", "csv");
	long id = 0;
	const char *line = strchr(r.out, '\n');

	if (line != NULL)
		id = strtol(line + 1, NULL, 10);
	run_free(&r);
	return id;
}

static void refused_unchanged(int status, const char *err,
			      const char *const *args)
{
	char *before = db_snapshot(), *after;
	struct run r = ftrack_expect(__FILE__, __LINE__, status, NULL, args);

	assert_string_equal(r.err, err);
	run_free(&r);
	after = db_snapshot();
	assert_string_equal(before, after);
	free(before);
	free(after);
}
#define REFUSED(status, err, ...) \
	refused_unchanged(status, err, (const char *const[]){__VA_ARGS__, NULL})

/* Runs and expects success with want somewhere in stdout. */
#define CONTAINS(want, ...) do { \
	struct run c_ = ftrack(0, __VA_ARGS__); \
	if (strstr(c_.out, want) == NULL) \
		fail_msg("'%s' not in: %s", want, c_.out); \
	run_free(&c_); \
} while (0)

static void customer__renamed_and_set__audited_and_reverted(void **state)
{
	char id[24];

	team();
	expect_out("customer 'contoso' renamed 'Contoso Ltd'\n", "customer",
		   "rename", "contoso", "Contoso Ltd");
	snprintf(id, sizeof id, "%ld", newest());
	CONTAINS("Contoso Ltd  contoso.example  yes      Assignment",
		 "customer", "list");
	ftrack(0, "verify");
	/* the subscription's customer follows the name, in the same change
	 * set */
	struct run r = ftrack(0, "history", "show", id, "--format", "csv");
	assert_non_null(strstr(r.out, ",subscription,1,customer,Contoso,,"
			       "Contoso Ltd,"));
	run_free(&r);
	REFUSED(1, "ftrack: customer 'CONTOSO LTD' already exists (as "
		"'Contoso Ltd')\n", "customer", "add", "CONTOSO LTD");
	REFUSED(1, "ftrack: 'Tom' is Account Team, who reads; renaming a "
		"customer is for an Assignment FM or a Delivery FM\n", "--as",
		"Tom", "customer", "rename", "Contoso Ltd", "Contoso");
	expect_out("customer 'Contoso Ltd' changed\n", "customer", "set",
		   "Contoso Ltd", "--tenant", "contoso.onmicrosoft.com",
		   "--unmanaged");
	expect_out("customer 'Contoso Ltd' already so; nothing changed\n",
		   "customer", "set", "Contoso Ltd", "--unmanaged");
	ftrack(0, "verify");
	/* undone newest first: the tenant, then the name */
	ftrack(0, "revert", "7");
	ftrack(0, "revert", id);
	CONTAINS("Contoso   contoso.example  yes      Assignment", "customer",
		 "list");
	ftrack(0, "verify");
}

static void user__role_and_deactivation__audited_and_reverted(void **state)
{
	team();
	expect_out("user 'tom' is now Delivery FM\n", "user", "set", "tom",
		   "--role", "delivery-fm");
	ftrack(0, "assign", "Contoso", "--delivery-fm", "Tom");
	/* a delivery FM of a customer keeps the role until replaced */
	REFUSED(1, "ftrack: user 'Tom' is the delivery FM of 1 customer; "
		"assign them another first ('ftrack customer list "
		"--delivery-fm Tom')\n", "user", "set", "Tom", "--role",
		"account-team");
	expect_out("user 'Tom' deactivated\n", "user", "deactivate", "Tom");
	/* a deactivated user writes nothing; the history keeps the name */
	REFUSED(1, "ftrack: 'Tom' was deactivated and can no longer write\n",
		"--as", "Tom", "status", "set", "Contoso", "Yammer", "--l1",
		"in-progress", "--l2", "adoption");
	REFUSED(1, "ftrack: user 'Tom' was deactivated\n", "assign", "Contoso",
		"--delivery-fm", "Tom");
	/* the customer of a deactivated delivery FM is handed on by the
	 * assignment FM */
	ftrack(0, "assign", "Contoso", "--delivery-fm", "Dana");
	struct run r = ftrack(0, "user", "list", "--format", "json");
	assert_non_null(strstr(r.out, "{\"name\":\"Tom\",\"role\":"
			       "\"delivery_fm\",\"active\":false"));
	run_free(&r);
	ftrack(0, "verify");
	/* the deactivation reverted: Tom writes again */
	ftrack(0, "revert", "8");
	ftrack(0, "--as", "Tom", "customer", "add", "Fabrikam");
	ftrack(0, "verify");
}

static void subscription__workload_removed__force_and_revert(void **state)
{
	team();
	expect_out("'intune' removed from subscription 'SUB-1' of 'Contoso'\n",
		   "subscription", "remove-workload", "Contoso", "SUB-1",
		   "intune");
	ftrack(0, "verify");
	ftrack(0, "revert", "6");
	ftrack(0, "declare", "Contoso", "Intune", "--no-intent", "--l2",
	       "competitive-solution", "--notes", "Customer does not have "
	       "intent to use the service because Jamf manages every device");
	/* a status beyond the first one needs --force */
	REFUSED(1, "ftrack: 'Contoso' / Intune (SUB-1) has a status beyond "
		"the one it started with; --force removes it all the same "
		"(audited)\n", "subscription", "remove-workload", "Contoso",
		"SUB-1", "Intune");
	REFUSED(1, "ftrack: 'Tom' is Account Team; in the assignment phase "
		"'Contoso' is updated by the Assignment FM\n", "--as", "Tom",
		"subscription", "remove-workload", "Contoso", "SUB-1", "Intune",
		"--force");
	ftrack(0, "subscription", "remove-workload", "Contoso", "SUB-1",
	       "Intune", "--force");
	expect_out("(no service in No Intent)\n", "no-intent");
	ftrack(0, "verify");
	/* put back whole, declaration and all */
	ftrack(0, "revert", "9");
	struct run r = ftrack(0, "no-intent", "--format", "csv");
	assert_non_null(strstr(r.out, "Contoso,Intune,SUB-1,"
			       "competitive_solution,"));
	run_free(&r);
	ftrack(0, "verify");
}

static void revert__of_a_creation__removes_what_nothing_refers_to(void **state)
{
	team();
	ftrack(0, "customer", "add", "Oops");
	ftrack(0, "workload", "add", "Viva Goals");
	ftrack(0, "subscription", "add", "Contoso", "SUB-2", "--workload",
	       "Viva Goals");
	/* what refers to a record keeps it */
	REFUSED(1, "ftrack: change set 7 added workload 12; it cannot be "
		"removed while an entitlement of subscription 'SUB-2' refers "
		"to it\n", "revert", "7");
	REFUSED(1, "ftrack: change set 4 added customer 1; it cannot be "
		"removed while subscription 'SUB-1' refers to it\n", "revert",
		"4");
	/* the subscription and its entitlement, then the workload, then the
	 * customer nothing refers to */
	ftrack(0, "revert", "8");
	ftrack(0, "revert", "7");
	ftrack(0, "revert", "6");
	expect_out("Customer  Tenant           Managed  Phase       Delivery FM  "
		   "Subscriptions\n--------  ---------------  -------  ----------"
		   "  -----------  -------------\nContoso   contoso.example  yes"
		   "      Assignment               1\n", "customer", "list");
	/* removed, their change sets still name them, in every export */
	struct run h = ftrack(0, "history", "--format", "json");
	assert_non_null(strstr(h.out, "\"customer\":\"Oops\",\"workload\":"
			       "null,\"subscription\":null"));
	assert_non_null(strstr(h.out, "\"customer\":null,\"workload\":"
			       "\"Viva Goals\",\"subscription\":null"));
	assert_non_null(strstr(h.out, "\"customer\":\"Contoso\",\"workload\":"
			       "\"Viva Goals\",\"subscription\":\"SUB-2\""));
	run_free(&h);
	h = ftrack(0, "history", "--format", "csv");
	assert_non_null(strstr(h.out, ",Oops,,,"));
	assert_non_null(strstr(h.out, ",Contoso,Viva Goals,SUB-2,"));
	run_free(&h);
	ftrack(0, "verify");
	/* and a removal is undone too: Oops is back, with its id */
	ftrack(0, "revert", "11");
	struct run r = ftrack(0, "customer", "list", "--format", "json");
	assert_non_null(strstr(r.out, "\"customer\":\"Oops\""));
	run_free(&r);
	ftrack(0, "verify");
}

/* What a revert would bring back must fit what holds now. */
static void revert__refused_when_what_it_restores_no_longer_fits(
	void **state)
{
	team();
	/* an id is never given again: the removed entitlement's id 2 (the
	 * newest) is not reused, so its history stays its own */
	ftrack(0, "subscription", "remove-workload", "Contoso", "SUB-1",
	       "intune");
	ftrack(0, "customer", "add", "Fabrikam");
	ftrack(0, "subscription", "add", "Fabrikam", "SUB-9", "--workload",
	       "Intune");
	struct run r = ftrack(0, "history", "show", "6");
	assert_non_null(strstr(r.out, "SUB-1 / Intune"));
	assert_null(strstr(r.out, "SUB-9"));
	run_free(&r);
	/* Fabrikam's entitlement took id 3, not the removed 2 */
	r = ftrack(0, "history", "show", "8", "--format", "csv");
	assert_non_null(strstr(r.out, ",entitlement,3,"));
	assert_null(strstr(r.out, ",entitlement,2,"));
	run_free(&r);
	/* a name taken since */
	ftrack(0, "customer", "rename", "Fabrikam", "Fabrikam Inc");
	ftrack(0, "customer", "add", "fabrikam");
	REFUSED(1, "ftrack: change set 9 cannot be reverted: what it would "
		"put back is taken since (a customer has its name now)\n",
		"revert", "9");
	/* the removed workload back on its subscription since */
	ftrack(0, "subscription", "add", "Contoso", "SUB-1", "--workload",
	       "Intune");
	REFUSED(1, "ftrack: change set 6 cannot be reverted: what it would "
		"put back is taken since (the subscription has that workload "
		"again now)\n", "revert", "6");
	/* a delivery FM made one who may not be one */
	ftrack(0, "user", "set", "Tom", "--role", "delivery-fm");
	ftrack(0, "assign", "Contoso", "--delivery-fm", "Tom");
	REFUSED(1, "ftrack: change set cannot be reverted: 'Tom' would be a "
		"customer's delivery FM while not a delivery FM\n", "revert",
		"12");
	ftrack(0, "user", "deactivate", "Tom");
	ftrack(0, "assign", "Contoso", "--delivery-fm", "Dana");
	REFUSED(1, "ftrack: change set cannot be reverted: 'Tom' would be a "
		"customer's delivery FM while deactivated\n", "--as", "Dana",
		"revert", "15");
	ftrack(0, "verify");
}

/* A No Intent entitlement removed comes back only while its service has
 * not moved since. */
static void revert__of_a_removal_never_brings_back_a_stale_no_intent(
	void **state)
{
	team();
	ftrack(0, "subscription", "add", "Contoso", "SUB-2", "--workload",
	       "Intune");
	ftrack(0, "declare", "Contoso", "Intune", "--no-intent", "--l2",
	       "competitive-solution", "--notes", "Customer does not have "
	       "intent to use the service because Jamf manages every device");
	ftrack(0, "subscription", "remove-workload", "Contoso", "SUB-1",
	       "Intune", "--force");
	ftrack(0, "status", "set", "Contoso", "Intune", "--l1", "in-progress",
	       "--l2", "migration", "--target-date", "2027-06-01");
	REFUSED(1, "ftrack: the revert would put Intune (SUB-1) back in No "
		"Intent, but change set 9 moved the service since: No Intent "
		"needs a declaration ('ftrack declare')\n", "revert", "8");
	expect_out("(no service in No Intent)\n", "no-intent");
	ftrack(0, "verify");
}

/* The team always keeps an active FM: else no one could add records or
 * users again (or, the rules reading no FM as no users, anyone could). */
static void user__the_last_fm_stays(void **state)
{
	static const char last[] = "ftrack: that would leave the team without "
		"an active Assignment FM or Delivery FM, and no one could add "
		"records or users again; register or promote another FM first\n";

	ftrack(0, "init");
	REFUSED(1, "ftrack: register an Assignment FM or a Delivery FM first: "
		"with users registered, only they may add records and users\n",
		"user", "add", "Tom", "--role", "account-team");
	ftrack(0, "user", "add", "Ana", "--role", "assignment-fm");
	setenv("FTRACK_USER", "Ana", 1);
	ftrack(0, "user", "add", "Tom", "--role", "account-team");
	REFUSED(1, last, "user", "set", "Ana", "--role", "account-team");
	REFUSED(1, last, "user", "deactivate", "Ana");
	REFUSED(1, last, "revert", "1");
	REFUSED(1, "ftrack: 'Mallory' is not a registered user; registering a "
		"user is for a registered Assignment FM or Delivery FM (use --as "
		"<name>)\n", "--as", "Mallory", "user", "add", "Mallory",
		"--role", "assignment-fm");
	/* with another FM, the first may go */
	ftrack(0, "user", "add", "Dana", "--role", "delivery-fm");
	ftrack(0, "user", "deactivate", "Ana");
	ftrack(0, "--as", "Dana", "verify");
}

#define T(f) cmocka_unit_test_setup_teardown(f, sandbox_setup, sandbox_teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(customer__renamed_and_set__audited_and_reverted),
		T(user__role_and_deactivation__audited_and_reverted),
		T(subscription__workload_removed__force_and_revert),
		T(revert__of_a_creation__removes_what_nothing_refers_to),
		T(revert__refused_when_what_it_restores_no_longer_fits),
		T(revert__of_a_removal_never_brings_back_a_stale_no_intent),
		T(user__the_last_fm_stays),
	};

	return cmocka_run_group_tests_name("corrections", tests, NULL, NULL);
}
