/* A history that can be trusted, through the binary: only the commit that
 * writes a change set seals it, the audit tables refuse REPLACE, what
 * reaches the terminal shows control characters escaped, and the database
 * file is opened only where it is what it should be. */
#include <sqlite3.h>

#include "run.h"

/* Runs sql on the database with the sqlite3 shell; its exit status. */
static int shell(const char *sql)
{
	char cmd[2048];

	snprintf(cmd, sizeof cmd, "sqlite3 '%s' \"%s\" 2>/dev/null", box.db,
		 sql);
	return system(cmd);
}

static long count(const char *sql)
{
	sqlite3 *db = NULL;
	sqlite3_stmt *st = NULL;
	long n = -1;

	assert_int_equal(sqlite3_open_v2(box.db, &db, SQLITE_OPEN_READONLY,
					 NULL), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(db);
	return n;
}

/* A database with three change sets, one of them a declaration. */
static void three_change_sets(void)
{
	ftrack(0, "init");
	ftrack(0, "customer", "add", "Contoso");
	ftrack(0, "subscription", "add", "Contoso", "SUB-1", "--workload",
	       "Yammer");
	ftrack(0, "declare", "Contoso", "Yammer", "--no-intent", "--l2",
	       "competitive-solution", "--notes", "Uses Slack in every team");
}

static void seal__an_edit_with_its_seals_deleted_stays_unsealed(void **state)
{
	char *before, *after;
	struct run r;

	three_change_sets();
	assert_int_equal(count("SELECT count(*) FROM seal"), 3);
	/* edit change set 2 and delete the seals from it on */
	assert_int_equal(shell("DROP TRIGGER changeset_no_update; "
			       "DROP TRIGGER seal_no_delete; "
			       "UPDATE changeset SET what = 'nothing happened' "
			       "WHERE id = 2; DELETE FROM seal WHERE "
			       "changeset_id >= 2"), 0);
	/* readers seal nothing */
	r = ftrack(0, "history");
	assert_non_null(strstr(r.out, "nothing happened"));
	run_free(&r);
	ftrack(0, "no-intent");
	ftrack(0, "customer", "show", "Contoso");
	assert_int_equal(count("SELECT count(*) FROM seal"), 1);
	expect_err(3, "ftrack: change set 2 has no seal: the audit history was "
		   "changed at or after it, or written outside ftrack\n",
		   "verify");
	/* nor does a writer: it refuses to commit on top of the gap */
	before = db_snapshot();
	expect_err(3, "ftrack: change set 2 has no seal: the audit history was "
		   "changed outside ftrack; nothing was written ('ftrack "
		   "verify' tells more)\n", "customer", "add", "Fabrikam");
	after = db_snapshot();
	assert_string_equal(before, after);
	free(before);
	free(after);
	assert_int_equal(count("SELECT count(*) FROM seal"), 1);
	ftrack(3, "verify");
	/* a command that writes no change set still works */
	ftrack(0, "init");
	ftrack(3, "verify");
}

static void seal__each_commit_seals_its_own_change_sets(void **state)
{
	three_change_sets();
	ftrack(0, "customer", "add", "Fabrikam");
	assert_int_equal(count("SELECT count(*) FROM changeset"), 4);
	assert_int_equal(count("SELECT count(*) FROM seal"), 4);
	/* a seal deleted at the end: the next write does not cover it up */
	assert_int_equal(shell("DROP TRIGGER seal_no_delete; DELETE FROM seal "
			       "WHERE changeset_id = 4"), 0);
	ftrack(3, "customer", "add", "Northwind");
	assert_int_equal(count("SELECT count(*) FROM changeset"), 4);
	expect_err(3, "ftrack: change set 4 has no seal: the audit history was "
		   "changed at or after it, or written outside ftrack\n",
		   "verify");
}

#define T(f) cmocka_unit_test_setup_teardown(f, sandbox_setup, sandbox_teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(seal__an_edit_with_its_seals_deleted_stays_unsealed),
		T(seal__each_commit_seals_its_own_change_sets),
	};

	return cmocka_run_group_tests_name("trust", tests, NULL, NULL);
}
