/* ftrack copy --to, through the binary: a copy verifies and digests as its
 * original does, takes the next id where the original would, and a target
 * that is not new is refused and left as it was. The source is the test's
 * database (SQLite, or PostgreSQL under make check-pg); the cases that
 * need a PostgreSQL target run under make check-pg only. */
#include <stdlib.h>

#include "run.h"

/* A history with a user, customers, a subscription, a workload of the
 * team's, a declaration and a creation reverted (so that the customers'
 * id sequence lies past their largest id), on the database at db. */
static void make_history(const char *db)
{
	ftrack(0, "--db", db, "init");
	ftrack(0, "--db", db, "user", "add", "tester", "--role",
	       "assignment-fm", "--email", "tester@example.com");
	ftrack(0, "--db", db, "customer", "add", "Contoso", "--tenant",
	       "contoso.example", "--managed");
	ftrack(0, "--db", db, "customer", "add", "Compañía Ñandú");
	ftrack(0, "--db", db, "workload", "add", "Loop");
	ftrack(0, "--db", db, "subscription", "add", "Contoso", "SUB-1",
	       "--workload", "Yammer", "--workload", "Loop");
	ftrack(0, "--db", db, "declare", "Contoso", "Yammer", "--no-intent",
	       "--l2", "competitive-solution", "--notes",
	       "Uses Slack in every team");
	ftrack(0, "--db", db, "customer", "add", "Gone");
	/* the seventh change set made Gone */
	ftrack(0, "--db", db, "revert", "7");
}

/* The hash of 'ftrack digest' on db ("sha256:..."), in a new string. */
static char *digest_hash(const char *db)
{
	struct run r = ftrack(0, "--db", db, "digest");
	char *hash = strstr(r.out, "sha256:");

	assert_non_null(hash);
	hash = strdup(hash);
	run_free(&r);
	return hash;
}

/* The rows sql gives on the SQLite file at path, through the sqlite3
 * shell (whatever backend the test's own database is on). */
static char *sqlite_query(const char *path, const char *sql)
{
	char cmd[1024], chunk[4096], *buf = NULL;
	size_t len = 0, got;
	FILE *p;

	snprintf(cmd, sizeof cmd, "sqlite3 '%s' \"%s\"", path, sql);
	assert_non_null(p = popen(cmd, "r"));
	append(&buf, &len, "", 0);
	while ((got = fread(chunk, 1, sizeof chunk, p)) > 0)
		append(&buf, &len, chunk, got);
	pclose(p);
	return buf;
}

/* What a database holds, rows and schema, to see that a refused copy
 * changed nothing: target is a SQLite path or a PostgreSQL URL. */
static char *snapshot(const char *target)
{
	return strstr(target, "://") != NULL ? testdb_pg_snapshot(target)
					     : sqlite_query(target, ".dump");
}

/* The rows sql gives on target, a SQLite path or a PostgreSQL URL. */
static char *query(const char *target, const char *sql)
{
	return strstr(target, "://") != NULL ? testdb_query(target, sql)
					     : sqlite_query(target, sql);
}

/* Checks that the copy at target verifies and has the hash want. */
static void check_copy(const char *target, const char *want)
{
	struct run r = ftrack(0, "--db", target, "verify");
	char *hash = digest_hash(target);

	/* the first line; the second says what protects the engine's copy */
	assert_true(strncmp(r.out, "ok: 8 change sets sealed, 6 records match "
			    "their audit history\nprotections: ", 75) == 0);
	assert_string_equal(hash, want);
	run_free(&r);
	free(hash);
}

/* Checks that the next customer db makes gets id 4: Gone was customer 3,
 * and its id is never given again. */
static void check_next_customer_id(const char *db)
{
	char *id;

	ftrack(0, "--db", db, "customer", "add", "Later");
	id = query(db, "SELECT id FROM customer WHERE name = 'Later'");
	assert_string_equal(id, "4\n");
	free(id);
}

static void copy__to_a_new_file__verifies_with_the_same_digest(void **state)
{
	char target[256], *want;
	struct run r;

	snprintf(target, sizeof target, "%s/copy.db", box.dir);
	make_history(box.db);
	want = digest_hash(box.db);
	r = ftrack(0, "copy", "--to", target);
	assert_string_equal(r.err, "");
	assert_non_null(strstr(r.out, "copied 8 change sets and 6 records to '"));
	run_free(&r);
	check_copy(target, want);
	check_next_customer_id(target);
	check_next_customer_id(box.db);
	free(want);
}

static void copy__keeps_ids_sequences_and_seals(void **state)
{
	char target[256], *before, *after;
	static const char *const queries[] = {
		"SELECT * FROM customer ORDER BY id",
		"SELECT * FROM app_user ORDER BY id",
		"SELECT * FROM workload ORDER BY id",
		"SELECT * FROM entitlement ORDER BY id",
		"SELECT * FROM declaration ORDER BY id",
		"SELECT * FROM changeset ORDER BY id",
		"SELECT * FROM change ORDER BY id",
		"SELECT changeset_id, lower(hex(hash)), format FROM seal "
		"ORDER BY changeset_id",
		"SELECT name, seq FROM sqlite_sequence ORDER BY name",
	};

	sqlite_only("reads both files with the sqlite3 shell");
	snprintf(target, sizeof target, "%s/copy.db", box.dir);
	make_history(box.db);
	ftrack(0, "copy", "--to", target);
	for (size_t i = 0; i < sizeof queries / sizeof queries[0]; i++) {
		before = sqlite_query(box.db, queries[i]);
		after = sqlite_query(target, queries[i]);
		assert_true(strlen(before) > 0);
		assert_string_equal(after, before);
		free(before);
		free(after);
	}
	/* the customers' sequence lies past Gone, customer 3 */
	after = sqlite_query(target, "SELECT seq FROM sqlite_sequence WHERE "
			     "name = 'customer'");
	assert_string_equal(after, "3\n");
	free(after);
}

static void copy__a_target_with_records__is_refused_unchanged(void **state)
{
	const char *target = sandbox_new_db("other.db");
	char *before, *after;
	struct run r;

	make_history(box.db);
	ftrack(0, "--db", target, "init");
	ftrack(0, "--db", target, "customer", "add", "Fabrikam");
	before = snapshot(target);
	r = ftrack(1, "copy", "--to", target);
	assert_string_equal(r.out, "");
	/* a file is refused for being there, a server's database for what
	 * it holds */
	assert_true(strstr(r.err, "': it exists\n") != NULL ||
		    strcmp(r.err, "ftrack: the target database already holds "
			   "records or change sets: copy into a new one\n") == 0);
	run_free(&r);
	after = snapshot(target);
	assert_string_equal(after, before);
	free(before);
	free(after);
}

static void copy__to_a_path_that_exists__is_refused(void **state)
{
	char target[256], expected[512], *content = NULL;
	size_t len = 0;
	FILE *f;
	struct run r;

	snprintf(target, sizeof target, "%s/notes.txt", box.dir);
	assert_non_null(f = fopen(target, "w"));
	fputs("not a database\n", f);
	fclose(f);
	make_history(box.db);
	r = ftrack(1, "copy", "--to", target);
	snprintf(expected, sizeof expected, "ftrack: cannot copy to '%s': it "
		 "exists\n", target);
	assert_string_equal(r.err, expected);
	assert_string_equal(r.out, "");
	run_free(&r);
	assert_non_null(f = fopen(target, "r"));
	char chunk[64];
	size_t got;
	while ((got = fread(chunk, 1, sizeof chunk, f)) > 0)
		append(&content, &len, chunk, got);
	fclose(f);
	assert_string_equal(content, "not a database\n");
	free(content);
}

static void copy__a_failed_copy__leaves_no_file(void **state)
{
	char target[256], wal[300], cmd[512];
	struct run r;

	sqlite_only("edits the SQLite file with the sqlite3 shell");
	snprintf(target, sizeof target, "%s/copy.db", box.dir);
	snprintf(wal, sizeof wal, "%s-wal", target);
	make_history(box.db);
	/* a value the target's CHECK refuses, put there behind ftrack's back */
	snprintf(cmd, sizeof cmd, "sqlite3 '%s' 'PRAGMA ignore_check_constraints "
		 "= ON; UPDATE customer SET managed = 7 WHERE id = 2'", box.db);
	assert_int_equal(system(cmd), 0);
	r = ftrack(3, "copy", "--to", target);
	assert_string_equal(r.out, "");
	assert_memory_equal(r.err, "ftrack: cannot copy customer 2: ", 32);
	run_free(&r);
	assert_int_equal(access(target, F_OK), -1);
	assert_int_equal(access(wal, F_OK), -1);
}

static void copy__an_unknown_connection__fails_cleanly(void **state)
{
	char target[256];
	struct run r;

	/* no server listens in the test's folder */
	snprintf(target, sizeof target, "postgresql:///ftrack_nowhere?host=%s",
		 box.dir);
	make_history(box.db);
	r = ftrack(3, "copy", "--to", target);
	assert_string_equal(r.out, "");
	/* one line, the server's reason after the words */
	assert_true(strncmp(r.err, "ftrack: cannot connect to the PostgreSQL "
			    "database: ", 51) == 0);
	assert_ptr_equal(strchr(r.err, '\n'), r.err + r.errlen - 1);
	run_free(&r);
}

static void copy__usage_errors(void **state)
{
	ftrack(0, "init");
	expect_err(2, "ftrack copy: missing --to <target> (see 'ftrack copy "
		   "--help')\n", "copy");
	expect_err(2, "ftrack copy: unexpected argument 'x' (see 'ftrack copy "
		   "--help')\n", "copy", "--to", "y", "x");
}

static void copy__sqlite_to_postgresql__verifies_with_the_same_digest(
	void **state)
{
	char source[256], back[256], *want;
	const char *target;
	struct run r;

	if (!testdb_pg()) {
		print_message("PostgreSQL only: run it with make check-pg\n");
		skip();
	}
	snprintf(source, sizeof source, "%s/source.db", box.dir);
	snprintf(back, sizeof back, "%s/back.db", box.dir);
	target = sandbox_new_db("target");
	make_history(source);
	want = digest_hash(source);
	r = ftrack(0, "--db", source, "copy", "--to", target);
	assert_non_null(strstr(r.out, "copied 8 change sets and 6 records"));
	run_free(&r);
	/* and back: what PostgreSQL holds verifies on SQLite too */
	ftrack(0, "--db", target, "copy", "--to", back);
	check_copy(back, want);
	check_copy(target, want);
	check_next_customer_id(back);
	check_next_customer_id(target);
	free(want);
}

static void copy__spanish_result_line(void **state)
{
	char target[256], expected[512];
	struct run r;

	snprintf(target, sizeof target, "%s/copia.db", box.dir);
	make_history(box.db);
	r = ftrack(0, "--lang", "es", "copy", "--to", target);
	snprintf(expected, sizeof expected, "copiados 8 conjuntos de cambios y "
		 "6 registros a '%s'\n", target);
	assert_string_equal(r.out, expected);
	run_free(&r);
}

#define T(f) cmocka_unit_test_setup_teardown(f, sandbox_setup, sandbox_teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(copy__to_a_new_file__verifies_with_the_same_digest),
		T(copy__keeps_ids_sequences_and_seals),
		T(copy__a_target_with_records__is_refused_unchanged),
		T(copy__to_a_path_that_exists__is_refused),
		T(copy__a_failed_copy__leaves_no_file),
		T(copy__an_unknown_connection__fails_cleanly),
		T(copy__usage_errors),
		T(copy__sqlite_to_postgresql__verifies_with_the_same_digest),
		T(copy__spanish_result_line),
	};

	return cmocka_run_group_tests_name("copy", tests, NULL, NULL);
}
