/* Reliability and security through the binary: concurrent writers, SIGKILL
 * in the middle of an import, tampering behind ftrack's back, hostile
 * input, file modes and symlinks, and a backup taken while others write. */
#include <stdlib.h>
#include <signal.h>
#include <sqlite3.h>
#include <time.h>

#include "run.h"

#define WRITERS 8
#define WRITES 500

static const char *bin(void)
{
	return getenv("FTRACK_BIN") ? getenv("FTRACK_BIN") : "./ftrack";
}

/* Runs ftrack with args, output to /dev/null and stderr to errlog; its exit
 * status. */
static int quiet(const char *errlog, const char *const *args)
{
	const char *argv[32];
	int n = 0, status;
	pid_t pid;

	argv[n++] = bin();
	/* The writers test that nothing is lost or forked, not how long a
	 * writer waits: on a loaded machine (or under the sanitizers) a
	 * writer can wait out the default 5 s while seven others take the
	 * lock, and then exits 3 "locked" as it should. */
	argv[n++] = "--busy-timeout";
	argv[n++] = "60000";
	for (int i = 0; args[i] && n < 31; i++)
		argv[n++] = args[i];
	argv[n] = NULL;
	if ((pid = fork()) == 0) {
		int out = open("/dev/null", O_WRONLY);
		int err = open(errlog, O_WRONLY | O_CREAT | O_APPEND, 0644);

		dup2(out, 1);
		dup2(err, 2);
		execv(bin(), (char *const *)argv);
		_exit(127);
	}
	waitpid(pid, &status, 0);
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

#define QUIET(log, ...) quiet(log, (const char *const[]){__VA_ARGS__, NULL})

static long count(const char *sql)
{
	char *out = testdb_query(box.db, sql);
	long n = *out ? strtol(out, NULL, 10) : -1;

	free(out);
	return n;
}

/* One writer: WRITES status changes and declarations on its own customer,
 * each of which changes something. Exits with the number that failed. */
static void writer(int k)
{
	static const char *const l2s[] = {"executive-sponsorship",
		"competitive-solution", "microsoft-on-premises"};
	char customer[32], notes[64], log[160];
	int failed = 0;

	snprintf(customer, sizeof customer, "Customer %d", k);
	snprintf(log, sizeof log, "%s/writer%d.log", box.dir, k);
	for (int i = 0; i < WRITES; i++) {
		int rc;

		if (i % 2 == 0) {
			bool up = (i / 2) % 2 == 0;

			rc = up ? QUIET(log, "status", "set", customer,
					"Exchange Online", "--l1", "in-progress",
					"--l2", "migration", "--target-date",
					"2026-09-30")
				: QUIET(log, "status", "set", customer,
					"Exchange Online", "--l1", "blocked",
					"--l2", "it-infrastructure", "--notes",
					"Unable to deploy: the VPN devices are "
					"not compatible", "--engagement",
					"customer-led", "--next-action-date",
					"2026-06-01");
		} else {
			snprintf(notes, sizeof notes, "Declared again by writer "
				 "%d, round %d", k, i);
			rc = QUIET(log, "declare", customer, "Yammer",
				   "--no-intent", "--l2", l2s[(i / 2) % 3],
				   "--notes", notes);
		}
		failed += rc != 0;
	}
	_exit(failed > 255 ? 255 : failed);
}

static void concurrency__8_writers_lose_nothing(void **state)
{
	pid_t pids[WRITERS], reader;
	long before;
	char log[160], name[32];
	int status, reads = 0;

	ftrack(0, "init");
	for (int k = 0; k < WRITERS; k++) {
		char sub[16];

		snprintf(name, sizeof name, "Customer %d", k);
		snprintf(sub, sizeof sub, "SUB-%d", k);
		ftrack(0, "customer", "add", name);
		ftrack(0, "subscription", "add", name, sub, "--workload",
		       "Exchange Online", "--workload", "Yammer");
	}
	before = count("SELECT count(*) FROM changeset");
	for (int k = 0; k < WRITERS; k++)
		if ((pids[k] = fork()) == 0)
			writer(k);
	/* a reader all along: it must neither fail nor stop the writers */
	if ((reader = fork()) == 0) {
		int failed = 0;

		snprintf(log, sizeof log, "%s/reader.log", box.dir);
		for (int i = 0; i < 40; i++) {
			failed += QUIET(log, "no-intent", "--accounts") != 0;
			failed += QUIET(log, "history", "--format", "csv") != 0;
		}
		_exit(failed);
	}
	for (int k = 0; k < WRITERS; k++) {
		waitpid(pids[k], &status, 0);
		if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
			snprintf(log, sizeof log, "cat %s/writer%d.log >&2",
				 box.dir, k);
			assert_int_equal(system(log), 0);
			fail_msg("writer %d: %d writes failed", k,
				 WEXITSTATUS(status));
		}
	}
	waitpid(reader, &status, 0);
	reads = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
	assert_int_equal(reads, 0);
	assert_int_equal(count("SELECT count(*) FROM changeset") - before,
			 WRITERS * WRITES);
	struct run r = ftrack(0, "verify");
	assert_memory_equal(r.out, "ok: ", 4);
	run_free(&r);
}

static void crash__sigkill_during_import_keeps_all_or_nothing(void **state)
{
	char file[192], line[96];
	unsigned seed = 20261125;
	int kills = 0, whole = 0, none = 0;
	FILE *f;

	ftrack(0, "init");
	for (int round = 0; round < 24; round++) {
		char like[96], sql[160], log[160];
		struct timespec pause;
		long n;
		pid_t pid;

		snprintf(file, sizeof file, "%s/batch%d.csv", box.dir, round);
		f = fopen(file, "w");
		fputs("name,tenant,managed\n", f);
		for (int i = 0; i < 20000; i++) {
			snprintf(line, sizeof line, "Batch %d customer %05d,b%d-%d."
				 "example,yes\n", round, i, round, i);
			fputs(line, f);
		}
		fclose(f);
		snprintf(log, sizeof log, "%s/import.log", box.dir);
		if ((pid = fork()) == 0) {
			int out = open("/dev/null", O_WRONLY);

			dup2(out, 1);
			dup2(out, 2);
			execl(bin(), bin(), "import", "customers", file,
			      (char *)NULL);
			_exit(127);
		}
		/* anywhere from the start to past the end of the import */
		pause.tv_sec = 0;
		pause.tv_nsec = (long)(rand_r(&seed) % 900 + 5) * 1000000L;
		nanosleep(&pause, NULL);
		kill(pid, SIGKILL);
		waitpid(pid, NULL, 0);
		kills++;
		snprintf(like, sizeof like, "Batch %d customer %%", round);
		snprintf(sql, sizeof sql, "SELECT count(*) FROM customer WHERE "
			 "name LIKE '%s'", like);
		n = count(sql);
		if (n != 0 && n != 20000)
			fail_msg("round %d: %ld of 20000 rows after SIGKILL", round,
				 n);
		whole += n == 20000;
		none += n == 0;
		assert_int_equal(QUIET(log, "verify"), 0);
		unlink(file);
	}
	print_message("%d kills: %d imports whole, %d not at all\n", kills, whole,
		      none);
	assert_true(kills >= 20);
	assert_true(none > 0);	/* the kills did land mid-import */
}

static void tamper__verify_catches_edits_behind_ftracks_back(void **state)
{
	char cmd[512];
	struct run r;

	ftrack(0, "init");
	ftrack(0, "customer", "add", "Contoso");
	ftrack(0, "subscription", "add", "Contoso", "SUB-1", "--workload",
	       "Yammer");
	ftrack(0, "declare", "Contoso", "Yammer", "--no-intent", "--l2",
	       "competitive-solution", "--notes", "Uses Slack in every team");
	r = ftrack(0, "digest");
	char digest[128];
	snprintf(digest, sizeof digest, "%.*s", (int)strcspn(r.out, "\n"), r.out);
	run_free(&r);
	ftrack(0, "customer", "add", "Fabrikam");
	r = ftrack(0, "verify", "--digest", digest);
	assert_true(strncmp(r.out, "ok: 4 change sets sealed, 4 records match "
			    "their audit history, and the digest holds\n"
			    "protections: ", 97) == 0);
	run_free(&r);
	/* the triggers stop a plain edit of the history */
	sqlite_only("edits the SQLite file with the sqlite3 shell");
	snprintf(cmd, sizeof cmd, "sqlite3 '%s' \"UPDATE change SET new_value = "
		 "'Contoso Ltd' WHERE id = 1\" 2>/dev/null", box.db);
	assert_true(system(cmd) != 0);
	/* without them, verify notices an edited audit row */
	snprintf(cmd, sizeof cmd, "sqlite3 '%s' \"DROP TRIGGER change_no_update; "
		 "UPDATE change SET new_value = 'Contoso Ltd' WHERE id = 1\"",
		 box.db);
	assert_int_equal(system(cmd), 0);
	expect_err(3, "ftrack: the schema is not the one the migrations make: "
		   "trigger change_no_update was dropped\n", "verify");
	/* the trigger put back as it was: the seal still tells */
	snprintf(cmd, sizeof cmd, "sqlite3 '%s' \"CREATE TRIGGER "
		 "change_no_update BEFORE UPDATE ON change\nBEGIN SELECT "
		 "RAISE(ABORT, 'the audit history is append-only'); END;\"",
		 box.db);
	assert_int_equal(system(cmd), 0);
	expect_err(3, "ftrack: change set 1 does not match its seal: the audit "
		   "history was changed at or after it\n", "verify");
	expect_err(3, "ftrack: change set 1 does not match its seal: the audit "
		   "history was changed at or after it\n", "verify", "--digest",
		   digest);
	snprintf(cmd, sizeof cmd, "sqlite3 '%s' \"DROP TRIGGER change_no_update; "
		 "UPDATE change SET new_value = 'Contoso' WHERE id = 1; "
		 "CREATE TRIGGER change_no_update BEFORE UPDATE ON change\nBEGIN "
		 "SELECT RAISE(ABORT, 'the audit history is append-only'); "
		 "END;\"", box.db);
	assert_int_equal(system(cmd), 0);
	ftrack(0, "verify");
	/* and an entitlement edited without its change set */
	snprintf(cmd, sizeof cmd, "sqlite3 '%s' \"UPDATE entitlement SET l2 = "
		 "'executive_sponsorship'\"", box.db);
	assert_int_equal(system(cmd), 0);
	expect_err(3, "ftrack: entitlement 1 does not match its audit history: "
		   "l2 is 'executive_sponsorship' where the history says "
		   "'competitive_solution'\n", "verify");
	snprintf(cmd, sizeof cmd, "sqlite3 '%s' \"UPDATE entitlement SET l2 = "
		 "'competitive_solution'\"", box.db);
	assert_int_equal(system(cmd), 0);
	expect_err(3, "ftrack: the history up to change set 3 is not the one "
		   "the digest 'changeset 3 sha256:000000000000000000000...' was "
		   "taken of\n", "verify", "--digest",
		   "changeset 3 sha256:00000000000000000000000000000000000000"
		   "00000000000000000000000000");
}

static void hostile__input_is_refused_with_the_database_unchanged(void **state)
{
	char longname[260], longnotes[4100], *before, *after;
	const char *sql = "Robert'); DROP TABLE customer; --";

	memset(longname, 'n', 201);
	longname[201] = '\0';
	memset(longnotes, 'x', 4001);
	longnotes[4001] = '\0';
	ftrack(0, "init");
	ftrack(0, "customer", "add", sql);
	ftrack(0, "subscription", "add", sql, "SUB-1", "--workload", "Yammer");
	expect_out("Customer                           Tenant  Managed  Phase     "
		   "  Delivery FM  Subscriptions\n"
		   "---------------------------------  ------  -------  ----------"
		   "  -----------  -------------\n"
		   "Robert'); DROP TABLE customer; --                   Assignment"
		   "               1\n", "customer", "list");
	before = db_snapshot();
	expect_err(1, "ftrack: invalid customer name: it is longer than 200 "
		   "bytes\n", "customer", "add", longname);
	expect_err(1, "ftrack: invalid --notes: it is longer than 4000 bytes\n",
		   "declare", sql, "Yammer", "--no-intent", "--l2",
		   "competitive-solution", "--notes", longnotes);
	expect_err(1, "ftrack: invalid --kickoff '2026-13-01' (expected a date "
		   "that exists, as YYYY-MM-DD or an ISO 8601 time)\n", "declare",
		   sql, "Yammer",
		   "--intent", "--declines-ftc", "--led-by", "partner",
		   "--kickoff", "2026-13-01");
	expect_err(1, "ftrack: invalid --kickoff '0000-00-00' (expected a date "
		   "that exists, as YYYY-MM-DD or an ISO 8601 time)\n", "declare",
		   sql, "Yammer",
		   "--intent", "--declines-ftc", "--led-by", "partner",
		   "--kickoff", "0000-00-00");
	expect_err(1, "ftrack: invalid customer name: it is not valid UTF-8\n",
		   "customer", "add", "\xc0\xaf");
	expect_err(3, "ftrack: cannot create folder '/proc/ftrack': No such "
		   "file or directory\n", "--db", "/proc/ftrack/x.db", "init");
	expect_err(3, "ftrack: cannot create database '/etc/hostname/x.db': "
		   "Not a directory\n", "--db", "/etc/hostname/x.db", "init");
	after = db_snapshot();
	assert_string_equal(before, after);
	free(before);
	free(after);
}

static void files__are_private_and_never_through_a_symlink(void **state)
{
	sqlite_only("about database files, their -wal and -shm");
	char path[192], link_path[192];
	sqlite3 *held = NULL;
	struct stat st;

	ftrack(0, "init");
	/* a connection held open keeps the -wal and -shm files */
	assert_int_equal(sqlite3_open(box.db, &held), SQLITE_OK);
	assert_int_equal(sqlite3_exec(held, "SELECT count(*) FROM customer",
				      NULL, NULL, NULL), SQLITE_OK);
	ftrack(0, "customer", "add", "Contoso");
	for (int i = 0; i < 3; i++) {
		snprintf(path, sizeof path, "%s%s", box.db,
			 (const char *[]){"", "-wal", "-shm"}[i]);
		assert_int_equal(stat(path, &st), 0);
		assert_int_equal(st.st_mode & 0777, 0600);
	}
	sqlite3_close(held);
	/* a database path that is a link to somewhere else */
	snprintf(path, sizeof path, "%s/elsewhere.db", box.dir);
	snprintf(link_path, sizeof link_path, "%s/link.db", box.dir);
	assert_int_equal(symlink(path, link_path), 0);
	struct run r = ftrack(3, "--db", link_path, "init");
	assert_non_null(strstr(r.err, "is a symbolic link; ftrack does not "
			       "create files through one"));
	run_free(&r);
	assert_int_equal(access(path, F_OK), -1);
	/* a -wal planted as a link */
	snprintf(link_path, sizeof link_path, "%s-wal", box.db);
	unlink(link_path);
	assert_int_equal(symlink(path, link_path), 0);
	ftrack(3, "customer", "list");
	assert_int_equal(access(path, F_OK), -1);
	unlink(link_path);
	/* backup and export refuse to write over a file or through a link */
	snprintf(link_path, sizeof link_path, "%s/out.csv", box.dir);
	assert_int_equal(symlink(path, link_path), 0);
	ftrack(1, "backup", link_path);
	ftrack(1, "history", "--format", "csv", "--output", link_path);
	assert_int_equal(access(path, F_OK), -1);
}

static void backup__while_others_write_passes_verify(void **state)
{
	char copy[192], log[192];
	pid_t pids[2];
	int status;

	ftrack(0, "init");
	ftrack(0, "customer", "add", "Contoso");
	ftrack(0, "subscription", "add", "Contoso", "SUB-1", "--workload",
	       "Exchange Online");
	snprintf(log, sizeof log, "%s/backup-writers.log", box.dir);
	for (int k = 0; k < 2; k++)
		if ((pids[k] = fork()) == 0) {
			int failed = 0;

			for (int i = 0; i < 60; i++) {
				char name[48];

				snprintf(name, sizeof name, "Writer %d customer %d",
					 k, i);
				failed += QUIET(log, "customer", "add", name) != 0;
			}
			_exit(failed);
		}
	for (int i = 0; i < 3; i++) {
		snprintf(copy, sizeof copy, "%s/copy%d.db", box.dir, i);
		ftrack(0, "backup", copy);
		struct run r = ftrack(0, "--db", copy, "verify");
		assert_memory_equal(r.out, "ok: ", 4);
		run_free(&r);
	}
	for (int k = 0; k < 2; k++) {
		waitpid(pids[k], &status, 0);
		assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	}
	ftrack(1, "backup", copy);	/* exists */
}

#define T(f) cmocka_unit_test_setup_teardown(f, sandbox_setup, sandbox_teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(tamper__verify_catches_edits_behind_ftracks_back),
		T(hostile__input_is_refused_with_the_database_unchanged),
		T(files__are_private_and_never_through_a_symlink),
		T(backup__while_others_write_passes_verify),
		T(crash__sigkill_during_import_keeps_all_or_nothing),
		T(concurrency__8_writers_lose_nothing),
	};

	return cmocka_run_group_tests_name("reliability", tests, NULL, NULL);
}
