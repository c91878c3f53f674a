/* A history that can be trusted, through the binary: only the commit that
 * writes a change set seals it, the audit tables refuse REPLACE, what
 * reaches the terminal shows control characters escaped, and the database
 * file is opened only where it is what it should be. */
#include <stdlib.h>
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

/* Runs sql with the sqlite3 shell and returns what it printed, stderr
 * included (free it). */
static char *shell_output(const char *sql)
{
	char cmd[2048], chunk[512], *buf = NULL;
	size_t len = 0, got;
	FILE *p;

	snprintf(cmd, sizeof cmd, "sqlite3 '%s' \"%s\" 2>&1", box.db, sql);
	assert_non_null(p = popen(cmd, "r"));
	append(&buf, &len, "", 0);
	while ((got = fread(chunk, 1, sizeof chunk, p)) > 0)
		append(&buf, &len, chunk, got);
	pclose(p);
	return buf;
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

/* The SQL that puts back an append-only trigger as the migrations made
 * it, so that an edit hides from verify's schema check and only the seals
 * can catch it. */
#define TRIGGER(name, op, table) \
	"CREATE TRIGGER " name " BEFORE " op " ON " table "\nBEGIN SELECT " \
	"RAISE(ABORT, 'the audit history is append-only'); END;"

static void seal__an_edit_with_its_seals_deleted_stays_unsealed(void **state)
{
	sqlite_only("edits the SQLite file with the sqlite3 shell");
	char *before, *after;
	struct run r;

	three_change_sets();
	assert_int_equal(count("SELECT count(*) FROM seal"), 3);
	/* edit change set 2 and delete the seals from it on */
	assert_int_equal(shell("DROP TRIGGER changeset_no_update; "
			       "DROP TRIGGER seal_no_delete; "
			       "UPDATE changeset SET what = 'nothing happened' "
			       "WHERE id = 2; DELETE FROM seal WHERE "
			       "changeset_id >= 2; "
			       TRIGGER("changeset_no_update", "UPDATE",
				       "changeset")
			       TRIGGER("seal_no_delete", "DELETE", "seal")), 0);
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
	sqlite_only("edits the SQLite file with the sqlite3 shell");
	three_change_sets();
	ftrack(0, "customer", "add", "Fabrikam");
	assert_int_equal(count("SELECT count(*) FROM changeset"), 4);
	assert_int_equal(count("SELECT count(*) FROM seal"), 4);
	/* a seal deleted at the end: the next write does not cover it up */
	assert_int_equal(shell("DROP TRIGGER seal_no_delete; DELETE FROM seal "
			       "WHERE changeset_id = 4; "
			       TRIGGER("seal_no_delete", "DELETE", "seal")), 0);
	ftrack(3, "customer", "add", "Northwind");
	assert_int_equal(count("SELECT count(*) FROM changeset"), 4);
	expect_err(3, "ftrack: change set 4 has no seal: the audit history was "
		   "changed at or after it, or written outside ftrack\n",
		   "verify");
}

static void guards__insert_or_replace_into_audit_tables_is_refused(
	void **state)
{
	sqlite_only("SQLite's INSERT OR REPLACE through the sqlite3 shell");
	static const char *const replaces[] = {
		"INSERT OR REPLACE INTO changeset (id, at, who, what) VALUES "
		"(1, '2020-01-01T00:00:00Z', 'mallory', 'nothing')",
		"REPLACE INTO changeset (id, at, who, what) VALUES "
		"(2, '2020-01-01T00:00:00Z', 'mallory', 'nothing')",
		"INSERT OR REPLACE INTO change (id, changeset_id, entity, "
		"entity_id, field, old_value, new_value) SELECT id, "
		"changeset_id, entity, entity_id, field, old_value, 'Evil' "
		"FROM change WHERE id = 1",
		"INSERT OR REPLACE INTO seal (changeset_id, hash) VALUES "
		"(1, zeroblob(32))",
		"INSERT OR REPLACE INTO declaration SELECT * FROM declaration",
		/* a new id, but the changeset_id of an existing declaration */
		"INSERT OR REPLACE INTO declaration (id, at, who, role, "
		"customer_id, declared, changeset_id) SELECT id + 100, at, who, "
		"role, customer_id, declared, changeset_id FROM declaration",
	};
	char *before, *after;

	three_change_sets();
	assert_int_equal(count("SELECT count(*) FROM declaration"), 1);
	before = db_snapshot();
	for (size_t i = 0; i < sizeof replaces / sizeof replaces[0]; i++) {
		char *out = shell_output(replaces[i]);

		if (strstr(out, "the audit history is append-only") == NULL)
			fail_msg("not refused: %s (%s)", replaces[i], out);
		free(out);
	}
	after = db_snapshot();
	assert_string_equal(before, after);
	free(before);
	free(after);
	ftrack(0, "verify");
	/* ftrack's own inserts still go in */
	ftrack(0, "customer", "add", "Fabrikam");
	ftrack(0, "verify");
}

/* True when text holds a byte a terminal acts on: C0 but newline, DEL,
 * the C1 range as single bytes, or the UTF-8 of U+0080-U+009F, U+202A-E,
 * U+2066-9, U+2028/9. */
static bool has_raw_control(const char *text)
{
	const unsigned char *p = (const unsigned char *)text;

	for (; *p; p++) {
		if ((*p < 0x20 && *p != '\n') || *p == 0x7f)
			return true;
		if (p[0] == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f)
			return true;
		if (p[0] == 0xe2 && p[1] == 0x80 && p[2] >= 0xa8 && p[2] <= 0xae)
			return true;
		if (p[0] == 0xe2 && p[1] == 0x81 && p[2] >= 0xa6 && p[2] <= 0xa9)
			return true;
	}
	return false;
}

static void terminal__names_with_controls_are_refused_unechoed(void **state)
{
	static const struct {
		const char *name, *codepoint;
	} bad[] = {
		{"Evil\x1b[2J\x1b]0;owned\x07", "U+001B"},
		{"Evil\xc2\x85" "Corp", "U+0085"},
		{"Evil\xc2\x9b" "31m", "U+009B"},
		{"Evil\xe2\x80\xae" "proC", "U+202E"},
		{"Evil\xe2\x80\xa8" "Corp", "U+2028"},
	};
	char *before, *after, want[128];

	ftrack(0, "init");
	ftrack(0, "customer", "add", "Contoso");
	before = db_snapshot();
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		struct run r = ftrack(1, "customer", "add", bad[i].name);

		snprintf(want, sizeof want, "ftrack: invalid customer name: it "
			 "contains a control character (%s)\n",
			 bad[i].codepoint);
		assert_string_equal(r.err, want);
		assert_false(has_raw_control(r.err));
		run_free(&r);
		r = ftrack(1, "user", "add", bad[i].name, "--role",
			   "assignment-fm");
		assert_false(has_raw_control(r.err));
		run_free(&r);
		/* an unknown name is quoted back escaped */
		r = ftrack(1, "customer", "show", bad[i].name);
		assert_false(has_raw_control(r.err));
		assert_memory_equal(r.err, "ftrack: unknown customer 'Evil\\",
				    30);
		run_free(&r);
	}
	after = db_snapshot();
	assert_string_equal(before, after);
	free(before);
	free(after);
}

static void terminal__import_errors_show_a_fields_escapes_escaped(
	void **state)
{
	char file[192], *before, *after;
	FILE *f;
	struct run r;

	ftrack(0, "init");
	snprintf(file, sizeof file, "%s/evil.csv", box.dir);
	assert_non_null(f = fopen(file, "w"));
	fputs("name,tenant,managed\nContoso,contoso.example,\x1b[31m\n"
	      "Fabrikam,fabrikam.example,yes\n", f);
	fclose(f);
	before = db_snapshot();
	r = ftrack(1, "import", "customers", file);
	assert_false(has_raw_control(r.err));
	assert_non_null(strstr(r.err, ":2: invalid managed '\\x1b[31m'"));
	run_free(&r);
	after = db_snapshot();
	assert_string_equal(before, after);
	free(before);
	free(after);
}

static void terminal__tables_show_a_notes_line_breaks_escaped(void **state)
{
	struct run r;

	ftrack(0, "init");
	ftrack(0, "customer", "add", "Contoso");
	ftrack(0, "subscription", "add", "Contoso", "SUB-1", "--workload",
	       "Yammer");
	r = ftrack(0, "declare", "Contoso", "Yammer", "--no-intent", "--l2",
		   "competitive-solution", "--notes",
		   "Uses Slack in every team\n\tsince 2024");
	assert_non_null(strstr(r.out, "Uses Slack in every team\\x0a\\x09since "
			       "2024\n"));
	assert_false(has_raw_control(r.out));
	run_free(&r);
}

static int lines(const char *text)
{
	int n = 0;

	for (; *text; text++)
		n += *text == '\n';
	return n;
}

/* Runs ftrack on --db path with args after it, expects status and one line
 * on stderr holding want. */
static void refused(int status, const char *path, const char *want,
		    const char *cmd)
{
	struct run r = ftrack(status, "--db", path, cmd);

	if (strstr(r.err, want) == NULL || lines(r.err) != 1)
		fail_msg("--db %s %s: stderr '%s', expected one line with '%s'",
			 path, cmd, r.err, want);
	run_free(&r);
}

static void files__odd_paths_are_refused_and_left_as_they_were(void **state)
{
	sqlite_only("about database files");
	char link[192], fifo[192], dir[192], empty[192], missing[192];
	char want[512], *before, *after;
	struct stat st;

	ftrack(0, "init");
	ftrack(0, "customer", "add", "Contoso");
	before = db_snapshot();
	snprintf(link, sizeof link, "%s/link.db", box.dir);
	assert_int_equal(symlink(box.db, link), 0);
	refused(3, link, "is a symbolic link; ftrack does not open a database "
		"through one", "history");
	refused(3, link, "is a symbolic link", "init");
	snprintf(fifo, sizeof fifo, "%s/fifo.db", box.dir);
	assert_int_equal(mkfifo(fifo, 0600), 0);
	refused(3, fifo, "is a FIFO, not a database file", "customer");
	refused(3, fifo, "is a FIFO, not a database file", "init");
	assert_int_equal(lstat(fifo, &st), 0);
	assert_true(S_ISFIFO(st.st_mode));
	snprintf(dir, sizeof dir, "%s/dir.db", box.dir);
	assert_int_equal(mkdir(dir, 0700), 0);
	refused(3, dir, "is a folder, not a database file", "history");
	refused(3, dir, "is a folder, not a database file", "init");
	refused(3, "/dev/null", "'/dev/null' is a device, not a database file",
		"verify");
	refused(3, "/dev/null", "is a device", "init");
	assert_int_equal(stat("/dev/null", &st), 0);
	assert_true(S_ISCHR(st.st_mode));
	snprintf(missing, sizeof missing, "%s/missing.db", box.dir);
	snprintf(want, sizeof want, "no database at '%s'; create one with: "
		 "ftrack --db %s init", missing, missing);
	refused(3, missing, want, "history");
	assert_int_equal(access(missing, F_OK), -1);
	/* an empty file: only init takes it over, and makes it private */
	snprintf(empty, sizeof empty, "%s/empty.db", box.dir);
	close(open(empty, O_WRONLY | O_CREAT, 0644));
	snprintf(want, sizeof want, "'%s' is an empty file, not an ftrack "
		 "database; make it one with: ftrack --db %s init", empty, empty);
	refused(3, empty, want, "history");
	refused(3, empty, want, "digest");
	assert_int_equal(stat(empty, &st), 0);
	assert_int_equal(st.st_size, 0);
	ftrack(0, "--db", empty, "init");
	assert_int_equal(stat(empty, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	ftrack(0, "--db", empty, "verify");
	after = db_snapshot();
	assert_string_equal(before, after);
	free(before);
	free(after);
}

/* Runs ftrack with args as another user than root when the tests run as
 * root (which ignores file modes), stdout and stderr into r. */
static struct run as_user(int status, const char *const *args)
{
	const char *bin = getenv("FTRACK_BIN") ? getenv("FTRACK_BIN")
					       : "./ftrack";
	const char *argv[16];
	char outf[] = "/tmp/ftrack-out-XXXXXX", errf[] = "/tmp/ftrack-err-XXXXXX";
	int out = mkstemp(outf), err = mkstemp(errf), n = 0, wstatus;
	struct run r = {0};
	char buf[8192];
	ssize_t got;
	pid_t pid;

	argv[n++] = bin;
	for (; args[n - 1] && n < 15; n++)
		argv[n] = args[n - 1];
	argv[n] = NULL;
	assert_true(out >= 0 && err >= 0);
	if ((pid = fork()) == 0) {
		dup2(out, 1);
		dup2(err, 2);
		if (geteuid() == 0 && (setgid(65534) != 0 || setuid(65534) != 0))
			_exit(126);
		execv(bin, (char *const *)argv);
		_exit(127);
	}
	waitpid(pid, &wstatus, 0);
	r.status = WIFEXITED(wstatus) ? WEXITSTATUS(wstatus) : 128;
	append(&r.out, &r.outlen, "", 0);
	append(&r.err, &r.errlen, "", 0);
	lseek(out, 0, SEEK_SET);
	while ((got = read(out, buf, sizeof buf)) > 0)
		append(&r.out, &r.outlen, buf, (size_t)got);
	lseek(err, 0, SEEK_SET);
	while ((got = read(err, buf, sizeof buf)) > 0)
		append(&r.err, &r.errlen, buf, (size_t)got);
	close(out);
	close(err);
	unlink(outf);
	unlink(errf);
	if (r.status != status)
		fail_msg("ftrack %s %s: exit %d, expected %d; stderr: %s",
			 args[0], args[1] ? args[1] : "", r.status, status, r.err);
	return r;
}

#define AS_USER(status, ...) \
	as_user(status, (const char *const[]){__VA_ARGS__, NULL})

static void files__readers_work_read_only_and_writers_say_why(void **state)
{
	sqlite_only("about database files");
	static const char *const readers[][4] = {
		{"history", NULL}, {"no-intent", NULL},
		{"customer", "show", "Contoso"}, {"verify", NULL},
		{"rules", NULL}, {"actions", NULL}, {"digest", NULL},
	};
	char want[256], *before, *after;
	struct run r;

	ftrack(0, "init");
	ftrack(0, "customer", "add", "Contoso");
	before = db_snapshot();
	if (geteuid() == 0) {
		assert_int_equal(chown(box.dir, 65534, 65534), 0);
		assert_int_equal(chown(box.db, 65534, 65534), 0);
	}
	/* a read-only folder: no -wal or -shm can be made there */
	assert_int_equal(chmod(box.dir, 0555), 0);
	for (size_t i = 0; i < sizeof readers / sizeof readers[0]; i++) {
		r = as_user(0, readers[i]);
		assert_string_equal(r.err, "");
		run_free(&r);
	}
	r = AS_USER(3, "customer", "add", "Fabrikam");
	snprintf(want, sizeof want, "ftrack: cannot write the database: its "
		 "folder '%s' is read-only\n", box.dir);
	assert_string_equal(r.err, want);
	run_free(&r);
	/* a read-only file in a folder that is not */
	assert_int_equal(chmod(box.dir, 0755), 0);
	assert_int_equal(chmod(box.db, 0444), 0);
	r = AS_USER(0, "history");
	run_free(&r);
	r = AS_USER(3, "customer", "add", "Fabrikam");
	snprintf(want, sizeof want, "ftrack: cannot write the database: '%s' "
		 "is read-only\n", box.db);
	assert_string_equal(r.err, want);
	run_free(&r);
	assert_int_equal(chmod(box.db, 0600), 0);
	after = db_snapshot();
	assert_string_equal(before, after);
	free(before);
	free(after);
}

static void files__force_replaces_only_an_export(void **state)
{
	sqlite_only("about database files and their -wal");
	char path[192], *before, *after;
	sqlite3 *held = NULL;
	struct run r;

	ftrack(0, "init");
	ftrack(0, "customer", "add", "Contoso");
	/* a connection held open keeps the -wal and -shm files */
	assert_int_equal(sqlite3_open(box.db, &held), SQLITE_OK);
	assert_int_equal(sqlite3_exec(held, "SELECT count(*) FROM customer",
				      NULL, NULL, NULL), SQLITE_OK);
	before = db_snapshot();
	for (int i = 0; i < 3; i++) {
		snprintf(path, sizeof path, "%s%s", box.db,
			 (const char *[]){"", "-wal", "-shm"}[i]);
		r = ftrack(1, "history", "--format", "csv", "--output", path,
			   "--force");
		assert_non_null(strstr(r.err, "is the database or one of its "
				       "files; refusing to replace it"));
		run_free(&r);
	}
	/* under another name: a hard link */
	snprintf(path, sizeof path, "%s/other-name.db", box.dir);
	assert_int_equal(link(box.db, path), 0);
	r = ftrack(1, "history", "--output", path, "--force");
	assert_non_null(strstr(r.err, "is the database"));
	run_free(&r);
	snprintf(path, sizeof path, "%s/folder", box.dir);
	assert_int_equal(mkdir(path, 0700), 0);
	expect_err(1, "ftrack: '/dev/null' is not a regular file; --force "
		   "replaces only one\n", "history", "--output", "/dev/null",
		   "--force");
	ftrack(1, "history", "--output", path, "--force");
	after = db_snapshot();
	assert_string_equal(before, after);
	free(before);
	free(after);
	sqlite3_close(held);
	snprintf(path, sizeof path, "%s/export.csv", box.dir);
	ftrack(0, "history", "--format", "csv", "--output", path);
	ftrack(1, "history", "--format", "csv", "--output", path);
	ftrack(0, "history", "--format", "csv", "--output", path, "--force");
}

static void rest__numbers_and_paths_are_taken_exactly(void **state)
{
	char path[600], top[192], *before, *after;
	struct run r;

	ftrack(0, "init");
	ftrack(0, "customer", "add", "Contoso");
	before = db_snapshot();
	/* past 2^63-1 is not clamped to it */
	expect_err(1, "ftrack: invalid change set id '9223372036854775808' "
		   "(expected a positive number, as in the Id column of 'ftrack "
		   "history')\n", "revert", "9223372036854775808");
	ftrack(1, "revert", "99999999999999999999999");
	ftrack(1, "revert", "+1");
	ftrack(1, "revert", " 1");
	static const char *const timeouts[] = {"+5", " 5", "5 ", "-0", "0x10",
		"1e3", "", "99999999999999999999", "3600001"};
	for (size_t i = 0; i < sizeof timeouts / sizeof timeouts[0]; i++) {
		r = ftrack(2, "--busy-timeout", timeouts[i], "customer", "list");
		assert_non_null(strstr(r.err, "invalid --busy-timeout"));
		run_free(&r);
	}
	ftrack(0, "--busy-timeout", "3600000", "customer", "list");
	ftrack(0, "--busy-timeout=0", "customer", "list");
	/* init on a path too long to create leaves no folder behind */
	snprintf(top, sizeof top, "%s/deep", box.dir);
	snprintf(path, sizeof path, "%s/a/%0300d/x.db", top, 0);
	r = ftrack(3, "--db", path, "init");
	assert_non_null(strstr(r.err, "File name too long"));
	run_free(&r);
	assert_int_equal(access(top, F_OK), -1);
	after = db_snapshot();
	assert_string_equal(before, after);
	free(after);
	sqlite_only("sets SQLite's user_version by hand");
	/* a user_version changed by hand is not taken for a migration due */
	assert_int_equal(shell("PRAGMA user_version = 3"), 0);
	r = ftrack(3, "customer", "list");
	snprintf(path, sizeof path, "ftrack: '%s' is not a database this ftrack "
		 "wrote, or one altered by hand: its schema is not that of its "
		 "version (3)\n", box.db);
	assert_string_equal(r.err, path);
	run_free(&r);
	ftrack(3, "init");
	assert_int_equal(count("PRAGMA user_version"), 3);
	after = db_snapshot();
	assert_string_equal(before, after);
	free(after);
	free(before);
}

#define T(f) cmocka_unit_test_setup_teardown(f, sandbox_setup, sandbox_teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(seal__an_edit_with_its_seals_deleted_stays_unsealed),
		T(seal__each_commit_seals_its_own_change_sets),
		T(guards__insert_or_replace_into_audit_tables_is_refused),
		T(terminal__names_with_controls_are_refused_unechoed),
		T(terminal__import_errors_show_a_fields_escapes_escaped),
		T(terminal__tables_show_a_notes_line_breaks_escaped),
		T(files__odd_paths_are_refused_and_left_as_they_were),
		T(files__readers_work_read_only_and_writers_say_why),
		T(files__force_replaces_only_an_export),
		T(rest__numbers_and_paths_are_taken_exactly),
	};

	return cmocka_run_group_tests_name("trust", tests, NULL, NULL);
}
