/* What PostgreSQL's roles, grants and triggers make of an attempt to
 * rewrite the history, and what `ftrack verify` catches of what gets past
 * them (issue 13 points 4 and 5). PostgreSQL only: without FTRACK_TEST_PG
 * every case skips, saying why.
 *
 * One history is made once through the binary, by `ftrack init` and
 * commands run as ftrack_owner (FTRACK_USER Ana), in a database of its own
 * (the fixture); each case, and each attack of a table, gets a fresh
 * database cloned from it (CREATE DATABASE … TEMPLATE), under the name the
 * harness gave the test's database so that box.db and db_snapshot() are
 * that clone's. Attacks are SQL run with psql as one of the cluster's
 * roles: ftrack_app (what the team's people log in through), ftrack_owner
 * (the tables' owner) or ftrack_admin (a superuser).
 *
 * The history (change set: what):
 *   1-2 users Ana (assignment FM), Dana (delivery FM); 3-4 customers
 *   Contoso (managed), Fabrikam; 5 SUB-1 of Contoso with Yammer and
 *   Exchange Online (entitlements 1-2); 6 declaration 1: Contoso / Yammer
 *   No Intent, validated with the account team; 7 Contoso / Exchange
 *   Online In Progress; 8 customer Gone (customer 3); 9 revert of 8
 *   [digest A]; 10-11 customers Northwind, Tailspin (4, 5) [digest B]
 *
 * Verdicts (counted, and printed at the end of the run):
 *   refused by the grants (ftrack_app: permission denied / must be owner)
 *   refused by the triggers (even ftrack_owner: append-only)
 *   caught by verify alone (exit 3 naming what)
 *   caught only with a digest taken before (verify alone exits 0)
 *   missed by verify although the README says it catches them: these
 *     fail their case (DEFECT), see pg_trust__verify_compares_rules_… */
#include <stdlib.h>

#include "run.h"

#define T0 "2026-03-27T10:00:00Z"

static struct testdb fixture;
static char digest_a[256], digest_b[256];

enum verdict { GRANTS, TRIGGERS, ALONE, DIGEST_ONLY, MISSED, VERDICTS };
static int tally[VERDICTS];
static const char *const verdict_names[VERDICTS] = {
	"refused by the grants (ftrack_app), database unchanged",
	"refused by the triggers (even the owner), database unchanged",
	"caught by verify alone (exit 3)",
	"caught only with a digest taken before",
	"MISSED by verify (defect, case fails)",
};

#define PG_ONLY() do { \
	if (!testdb_pg()) { \
		print_message("PostgreSQL only: roles and grants are the " \
			      "server's; run it with make check-pg\n"); \
		skip(); \
	} \
} while (0)

/* ---- databases and roles ---- */

/* The URL of the test's database as role. */
static const char *url_as(const char *role)
{
	static char buf[4][1024];
	static int next;
	char *url = buf[next++ % 4];

	assert_true(testdb_url(url, sizeof buf[0], box_dbs[0].name, role));
	return url;
}

/* The test's database, dropped and made again as a copy of the fixture. */
static void fresh(void)
{
	char url[1024], sql[512];

	assert_true(testdb_url(url, sizeof url, NULL, NULL));
	snprintf(sql, sizeof sql, "DROP DATABASE IF EXISTS %s WITH (FORCE);\n"
		 "CREATE DATABASE %s TEMPLATE %s OWNER " TESTDB_OWNER ";\n",
		 box_dbs[0].name, box_dbs[0].name, fixture.name);
	assert_int_equal(testdb_psql(url, sql, NULL), 0);
}

/* Runs sql with psql on the test's database as role (stopping at the first
 * error); its exit status, and stdout and stderr together in *out (free). */
static int psql_as(const char *role, const char *sql, char **out)
{
	char *text = NULL;
	int rc = testdb_exec((const char *const[]){"sh", "-c",
		"exec psql -X -q -A -t -v ON_ERROR_STOP=1 -d \"$0\" -f - 2>&1",
		url_as(role), NULL}, sql, &text);

	if (out)
		*out = text;
	else
		free(text);
	return rc;
}

/* The one value sql gives on the test's database. */
static char *value(const char *sql)
{
	char *out = testdb_query(box.db, sql);
	size_t n = strlen(out);

	if (n > 0 && out[n - 1] == '\n')
		out[n - 1] = '\0';
	return out;
}

static long count(const char *sql)
{
	char *out = value(sql);
	long n = *out ? strtol(out, NULL, 10) : -1;

	free(out);
	return n;
}

/* ftrack on the test's database as role (FTRACK_USER unset unless user). */
static struct run ftrack_as(const char *role, const char *user,
			    const char *const *args)
{
	const char *argv[32] = {"--db", url_as(role)};
	size_t n = 2;
	struct run r;

	for (; *args && n < 31; args++)
		argv[n++] = *args;
	argv[n] = NULL;
	if (user)
		setenv("FTRACK_USER", user, 1);
	else
		unsetenv("FTRACK_USER");
	r = run_argv(NULL, argv);
	setenv("FTRACK_USER", "Ana", 1);
	return r;
}
#define AS(role, user, ...) \
	ftrack_as(role, user, (const char *const[]){__VA_ARGS__, NULL})

/* ftrack_app registered as a user by the owner acting as Ana. */
static void register_app_role(void)
{
	struct run r = AS(TESTDB_OWNER, NULL, "--as", "Ana", "user", "add",
			  TESTDB_APP, "--role", "delivery-fm");

	assert_int_equal(r.status, 0);
	run_free(&r);
}

/* ---- verify ---- */

static char *first_line(const char *text)
{
	size_t n = strcspn(text, "\n");
	char *line = malloc(n + 1);

	memcpy(line, text, n);
	line[n] = '\0';
	return line;
}

/* verify (with extra, NULL-terminated) on the test's database as the
 * owner: exit status, and want in the first line of stderr (of stdout when
 * it passes). False, saying what happened, when not. */
static bool verify_is(const char *name, int status, const char *want,
		      const char *const *extra)
{
	const char *args[8] = {"verify"};
	size_t n = 1;
	struct run r;
	char *line;
	bool ok;

	for (; extra && *extra && n < 7; extra++)
		args[n++] = *extra;
	args[n] = NULL;
	r = ftrack_as(TESTDB_OWNER, "Ana", args);
	line = first_line(status == 0 ? r.out : r.err);
	ok = r.status == status && strstr(line, want) != NULL;
	if (!ok)
		print_error("%s: verify%s%s exited %d, expected %d with '%s'\n"
			    "stdout: %sstderr: %s\n", name, n > 1 ? " " : "",
			    n > 1 ? args[1] : "", r.status, status, want, r.out,
			    r.err);
	free(line);
	run_free(&r);
	return ok;
}

/* ---- the fixture ---- */

static void at(const char *when)
{
	setenv("FTRACK_NOW", when, 1);
}

static void take_digest(char *out, size_t len)
{
	struct run r = ftrack(0, "digest");
	char *line = first_line(r.out);

	snprintf(out, len, "%s", line);
	free(line);
	run_free(&r);
}

static int group_setup(void **state)
{
	if (!testdb_pg())
		return 0;
	if (sandbox_setup(state) != 0)
		return -1;
	setenv("FTRACK_USER", "Ana", 1);
	at(T0);
	ftrack(0, "init");
	ftrack(0, "user", "add", "Ana", "--role", "assignment-fm");
	ftrack(0, "user", "add", "Dana", "--role", "delivery-fm");
	ftrack(0, "customer", "add", "Contoso", "--tenant", "contoso.example",
	       "--managed");
	ftrack(0, "customer", "add", "Fabrikam");
	ftrack(0, "subscription", "add", "Contoso", "SUB-1", "--workload",
	       "Yammer", "--workload", "Exchange Online");
	at("2026-03-28T10:00:00Z");
	ftrack(0, "declare", "Contoso", "Yammer", "--no-intent", "--l2",
	       "competitive-solution", "--notes", "Customer does not have "
	       "intent to use the service because of Slack in every team",
	       "--validated-with", "account-team");
	at("2026-03-29T10:00:00Z");
	ftrack(0, "status", "set", "Contoso", "Exchange Online", "--l1",
	       "in-progress", "--l2", "migration", "--target-date",
	       "2026-09-30");
	ftrack(0, "customer", "add", "Gone");
	ftrack(0, "revert", "8");
	at("2026-03-29T12:00:00Z");
	take_digest(digest_a, sizeof digest_a);
	at("2026-03-30T10:00:00Z");
	ftrack(0, "customer", "add", "Northwind");
	ftrack(0, "customer", "add", "Tailspin");
	at("2026-03-30T12:00:00Z");
	take_digest(digest_b, sizeof digest_b);
	at(T0);
	assert_non_null(strstr(digest_a, " 9 change sets sha256:"));
	assert_non_null(strstr(digest_b, " 11 change sets sha256:"));
	/* the history's database becomes the fixture: the folder goes */
	fixture = box_dbs[0];
	box_ndbs = 0;
	return sandbox_teardown(state);
}

static int group_teardown(void **state)
{
	int total = 0;

	if (!testdb_pg())
		return 0;
	for (int v = 0; v < VERDICTS; v++)
		total += tally[v];
	print_message("PostgreSQL trust: %d attacks\n", total);
	for (int v = 0; v < VERDICTS; v++)
		print_message("  %-62s %3d\n", verdict_names[v], tally[v]);
	return testdb_drop(&fixture);
}

static int case_setup(void **state)
{
	if (sandbox_setup(state) != 0)
		return -1;
	setenv("FTRACK_USER", "Ana", 1);
	if (testdb_pg())
		fresh();
	return 0;
}

/* ---- attacks refused: the database is left as it was ---- */

struct refusal {
	const char *role, *sql, *want;	/* want: in psql's error */
};

/* Each statement run alone as its role must fail with want, and the
 * database must be the same after all of them; verify passes after. */
static void run_refusals(const struct refusal *list, size_t n,
			 enum verdict verdict)
{
	char *before = db_snapshot(), *after, *failed = NULL;
	size_t len = 0;

	append(&failed, &len, "", 0);
	for (size_t i = 0; i < n; i++) {
		char *out = NULL, *sql = NULL;
		int rc;

		assert_true(asprintf(&sql, "%s;\n", list[i].sql) > 0);
		rc = psql_as(list[i].role, sql, &out);
		tally[verdict]++;
		if (rc == 0 || strstr(out, list[i].want) == NULL) {
			print_error("as %s: %s: exit %d, expected an error "
				    "with '%s'; psql said: %s\n", list[i].role,
				    list[i].sql, rc, list[i].want, out);
			append(&failed, &len, "\n  ", 3);
			append(&failed, &len, list[i].sql, strlen(list[i].sql));
		}
		free(out);
		free(sql);
	}
	after = db_snapshot();
	assert_string_equal(after, before);
	if (len > 0)
		fail_msg("not refused as expected:%s", failed);
	assert_true(verify_is("after the refusals", 0, "ok: 11 change sets "
			      "sealed", NULL));
	free(before);
	free(after);
	free(failed);
}

#define DENIED "permission denied"
#define NOT_OWNER "must be owner of"

/* 1. What the grants make impossible for the application role. */
static void pg_trust__app_role__cannot_rewrite_history_or_rules(void **state)
{
	static const struct refusal list[] = {
		/* the audit tables: add and read only */
		{TESTDB_APP, "UPDATE changeset SET who = 'Dana' WHERE id = 3",
		 DENIED},
		{TESTDB_APP, "DELETE FROM changeset WHERE id = 11", DENIED},
		{TESTDB_APP, "TRUNCATE changeset CASCADE", DENIED},
		{TESTDB_APP, "UPDATE change SET new_value = 'x' WHERE id = 1",
		 DENIED},
		{TESTDB_APP, "DELETE FROM change WHERE changeset_id = 11",
		 DENIED},
		{TESTDB_APP, "TRUNCATE change", DENIED},
		{TESTDB_APP, "UPDATE declaration SET notes = 'x'", DENIED},
		{TESTDB_APP, "DELETE FROM declaration", DENIED},
		{TESTDB_APP, "TRUNCATE declaration CASCADE", DENIED},
		{TESTDB_APP, "UPDATE seal SET hash = sha256('x') WHERE "
		 "changeset_id = 5", DENIED},
		{TESTDB_APP, "DELETE FROM seal WHERE changeset_id = 11",
		 DENIED},
		{TESTDB_APP, "TRUNCATE seal", DENIED},
		/* going behind the triggers */
		{TESTDB_APP, "ALTER TABLE seal DISABLE TRIGGER seal_no_update",
		 NOT_OWNER},
		{TESTDB_APP, "ALTER TABLE change DISABLE TRIGGER USER",
		 NOT_OWNER},
		{TESTDB_APP, "DROP TRIGGER changeset_no_delete ON changeset",
		 NOT_OWNER},
		{TESTDB_APP, "ALTER TABLE change ADD COLUMN x integer",
		 NOT_OWNER},
		{TESTDB_APP, "ALTER TABLE seal OWNER TO ftrack_app", NOT_OWNER},
		{TESTDB_APP, "CREATE OR REPLACE FUNCTION audit_append_only() "
		 "RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END "
		 "$$", DENIED},
		{TESTDB_APP, "SET session_replication_role = replica", DENIED},
		{TESTDB_APP, "GRANT UPDATE ON change TO ftrack_app; "
		 "UPDATE change SET new_value = 'x' WHERE id = 1", DENIED},
		{TESTDB_APP, "CREATE TABLE seal_copy (x integer)", DENIED},
		/* the rules, reference and text tables: read only */
		{TESTDB_APP, "UPDATE rule SET needs_validation = 1 - "
		 "needs_validation WHERE scenario = '2'", DENIED},
		{TESTDB_APP, "UPDATE rule_value SET value = 'x' WHERE source "
		 "= 'constant' AND scenario = '2' AND field = 'next_action'",
		 DENIED},
		{TESTDB_APP, "DELETE FROM rule_prior", DENIED},
		{TESTDB_APP, "UPDATE rule_page SET position = position + 100",
		 DENIED},
		{TESTDB_APP, "DELETE FROM rule_closes", DENIED},
		{TESTDB_APP, "UPDATE who_updates SET own_delivery_fm = 0",
		 DENIED},
		{TESTDB_APP, "UPDATE text SET value = 'x' WHERE lang = 'en'",
		 DENIED},
		{TESTDB_APP, "UPDATE l2 SET position = position + 100", DENIED},
		{TESTDB_APP, "UPDATE label SET code = code", DENIED},
		{TESTDB_APP, "INSERT INTO record_writer VALUES "
		 "('account_team')", DENIED},
		{TESTDB_APP, "UPDATE ftrack_schema SET version = 1", DENIED},
		{TESTDB_APP, "INSERT INTO l1 (code, position) VALUES "
		 "('duplicate_invalid', 99)", DENIED},
		{TESTDB_APP, "INSERT INTO l2 SELECT * FROM l2 LIMIT 1", DENIED},
		{TESTDB_APP, "INSERT INTO label (kind, code) VALUES ('role', "
		 "'boss')", DENIED},
		{TESTDB_APP, "INSERT INTO text (key, lang, value) VALUES "
		 "('msg.x', 'en', 'x')", DENIED},
		{TESTDB_APP, "INSERT INTO rule_page SELECT 'x', 999", DENIED},
		{TESTDB_APP, "INSERT INTO ftrack_schema SELECT * FROM "
		 "ftrack_schema", DENIED},
	};

	PG_ONLY();
	run_refusals(list, sizeof list / sizeof list[0], GRANTS);
}

/* 2. What the triggers refuse even the tables' owner, and the application
 * role the INSERTs its grants allow but that would rewrite. */
#define APPEND_ONLY "the audit history is append-only"
static void pg_trust__owner__triggers_refuse_rewriting_audit_rows(
	void **state)
{
	static const struct refusal list[] = {
		{TESTDB_OWNER, "UPDATE changeset SET who = 'Dana' WHERE id = 3",
		 APPEND_ONLY},
		{TESTDB_OWNER, "DELETE FROM changeset WHERE id = 11",
		 APPEND_ONLY},
		/* CASCADE: past the foreign keys, to the triggers */
		{TESTDB_OWNER, "TRUNCATE changeset CASCADE", APPEND_ONLY},
		{TESTDB_OWNER, "UPDATE change SET new_value = 'x' WHERE id = 1",
		 APPEND_ONLY},
		{TESTDB_OWNER, "DELETE FROM change WHERE changeset_id = 11",
		 APPEND_ONLY},
		{TESTDB_OWNER, "TRUNCATE change", APPEND_ONLY},
		{TESTDB_OWNER, "UPDATE declaration SET notes = 'x'",
		 APPEND_ONLY},
		{TESTDB_OWNER, "DELETE FROM declaration", APPEND_ONLY},
		{TESTDB_OWNER, "TRUNCATE declaration CASCADE", APPEND_ONLY},
		{TESTDB_OWNER, "UPDATE seal SET hash = sha256('x') WHERE "
		 "changeset_id = 5", APPEND_ONLY},
		{TESTDB_OWNER, "DELETE FROM seal WHERE changeset_id = 11",
		 APPEND_ONLY},
		{TESTDB_OWNER, "TRUNCATE seal", APPEND_ONLY},
		/* an INSERT that would take a row's place, or add to a
		 * sealed change set */
		{TESTDB_OWNER, "INSERT INTO changeset SELECT * FROM changeset "
		 "WHERE id = 3 ON CONFLICT (id) DO NOTHING", APPEND_ONLY},
		{TESTDB_OWNER, "INSERT INTO seal SELECT * FROM seal WHERE "
		 "changeset_id = 5 ON CONFLICT (changeset_id) DO UPDATE SET "
		 "hash = sha256('x')", APPEND_ONLY},
		{TESTDB_APP, "INSERT INTO change SELECT * FROM change WHERE "
		 "id = 1", APPEND_ONLY},
		{TESTDB_APP, "INSERT INTO declaration SELECT * FROM "
		 "declaration WHERE id = 1", APPEND_ONLY},
		{TESTDB_APP, "INSERT INTO change (changeset_id, entity, "
		 "entity_id, field, old_value, new_value) VALUES (4, "
		 "'customer', 2, 'tenant', NULL, 'evil.example')",
		 "the change set is sealed"},
		/* a change set in another's name: the server ties Who Changed
		 * to the login (migration 0021) */
		{TESTDB_APP, "INSERT INTO changeset (at, who, role, what, "
		 "what_es) VALUES ('2026-04-01T00:00:00Z', 'Ana', "
		 "'assignment_fm', 'forged', 'falsificado')",
		 "may write change sets only in its own name"},
	};

	PG_ONLY();
	run_refusals(list, sizeof list / sizeof list[0], TRIGGERS);
}

/* ---- attacks behind the triggers, and what verify says ---- */

struct attack {
	const char *name, *role, *sql;
	int status;		/* verify's exit code */
	const char *want;	/* in the first line of its stderr */
	const char *revert;	/* a change set the owner reverts first */
};

/* As the superuser, the triggers switched off for the session. */
#define REPLICA(sql) "SET session_replication_role = replica; " sql
/* As the owner, the table's triggers disabled and enabled again. */
#define DISABLED(table, sql) "ALTER TABLE " table " DISABLE TRIGGER USER; " \
	sql "; ALTER TABLE " table " ENABLE TRIGGER USER"

/* Each attack on a fresh copy, which psql must take; verify after each.
 * Every one runs; the case fails at the end naming the wrong verdicts. */
/* Runs each attack on a fresh database, then verify (with extra, when
 * given) must answer as the attack says; counted in *caught when it is
 * given. */
static void attacks_verified(const struct attack *list, size_t n,
			     const char *const *extra, int *caught,
			     const char *defect)
{
	char *failed = NULL;
	size_t len = 0;

	append(&failed, &len, "", 0);
	for (size_t i = 0; i < n; i++) {
		const struct attack *a = &list[i];
		char *out = NULL, *sql = NULL;

		fresh();
		if (a->revert) {
			struct run r = AS(TESTDB_OWNER, "Ana", "revert",
					  a->revert);

			assert_int_equal(r.status, 0);
			run_free(&r);
		}
		assert_true(asprintf(&sql, "%s;\n", a->sql) > 0);
		if (psql_as(a->role, sql, &out) != 0)
			fail_msg("%s: psql as %s refused the attack: %s",
				 a->name, a->role, out);
		free(out);
		free(sql);
		if (verify_is(a->name, a->status, a->want, extra)) {
			if (caught)
				(*caught)++;
		} else {
			tally[MISSED]++;
			append(&failed, &len, " ", 1);
			append(&failed, &len, a->name, strlen(a->name));
		}
	}
	if (len > 0)
		fail_msg("%s%sverdicts not as expected:%s", defect ? defect : "",
			 defect ? "\n" : "", failed);
	free(failed);
}

static void run_attacks(const struct attack *list, size_t n,
			enum verdict verdict, const char *defect)
{
	attacks_verified(list, n, NULL, &tally[verdict], defect);
}

#define NO_SEAL_MATCH(n) "ftrack: change set " #n " does not match its seal"

/* 3a. The audit tables and the records, rewritten behind the triggers:
 * verify alone names what. */
static void pg_trust__rewritten_behind_the_triggers__verify_catches(
	void **state)
{
	static const struct attack list[] = {
		{"change row edited (superuser)", TESTDB_ADMIN, REPLICA(
		 "UPDATE change SET new_value = 'Contosa' WHERE id = (SELECT "
		 "min(id) FROM change WHERE changeset_id = 3)"), 3,
		 NO_SEAL_MATCH(3), NULL},
		{"change row edited (owner)", TESTDB_OWNER, DISABLED("change",
		 "UPDATE change SET new_value = 'Contosa' WHERE id = (SELECT "
		 "min(id) FROM change WHERE changeset_id = 3)"), 3,
		 NO_SEAL_MATCH(3), NULL},
		{"change row deleted", TESTDB_ADMIN, REPLICA("DELETE FROM "
		 "change WHERE id = (SELECT max(id) FROM change WHERE "
		 "changeset_id = 7)"), 3, NO_SEAL_MATCH(7), NULL},
		{"change set's author edited", TESTDB_OWNER, DISABLED(
		 "changeset", "UPDATE changeset SET who = 'Dana' WHERE id = 7"),
		 3, NO_SEAL_MATCH(7), NULL},
		{"change set's time edited", TESTDB_ADMIN, REPLICA("UPDATE "
		 "changeset SET at = '2026-01-01T00:00:00Z' WHERE id = 6"), 3,
		 NO_SEAL_MATCH(6), NULL},
		{"declaration edited", TESTDB_ADMIN, REPLICA("UPDATE "
		 "declaration SET validated_with = NULL WHERE id = 1"), 3,
		 NO_SEAL_MATCH(6), NULL},
		{"seal deleted", TESTDB_ADMIN, REPLICA("DELETE FROM seal WHERE "
		 "changeset_id = 5"), 3, "ftrack: change set 5 has no seal", NULL},
		{"newest seal deleted", TESTDB_OWNER, DISABLED("seal",
		 "DELETE FROM seal WHERE changeset_id = 11"), 3,
		 "ftrack: change set 11 has no seal", NULL},
		{"seal changed", TESTDB_ADMIN, REPLICA("UPDATE seal SET hash = "
		 "sha256('x') WHERE changeset_id = 5"), 3, NO_SEAL_MATCH(5), NULL},
		{"seals swapped", TESTDB_ADMIN, REPLICA("UPDATE seal s SET "
		 "hash = o.hash FROM seal o WHERE s.changeset_id IN (6, 7) AND "
		 "o.changeset_id = 13 - s.changeset_id"), 3, NO_SEAL_MATCH(6), NULL},
		{"change set deleted with its seal", TESTDB_ADMIN, REPLICA(
		 "DELETE FROM change WHERE changeset_id = 4; DELETE FROM seal "
		 "WHERE changeset_id = 4; DELETE FROM changeset WHERE id = 4"),
		 3, NO_SEAL_MATCH(5), NULL},
		{"newest change set deleted, record kept", TESTDB_ADMIN,
		 REPLICA("DELETE FROM change WHERE changeset_id = 11; DELETE "
		 "FROM seal WHERE changeset_id = 11; DELETE FROM changeset "
		 "WHERE id = 11"), 3, "ftrack: customer 5 does not match its "
		 "audit history", NULL},
		{"customer's tenant edited", TESTDB_ADMIN, REPLICA("UPDATE "
		 "customer SET tenant = 'evil.example' WHERE id = 1"), 3,
		 "ftrack: customer 1 does not match its audit history: tenant "
		 "is 'evil.example'", NULL},
		{"entitlement's notes edited", TESTDB_ADMIN, REPLICA("UPDATE "
		 "entitlement SET notes = 'x' WHERE id = 1"), 3,
		 "ftrack: entitlement 1 does not match its audit history: "
		 "notes is 'x'", NULL},
		/* who changed it last and when: its last change set's */
		{"entitlement's updated_by edited", TESTDB_ADMIN, REPLICA(
		 "UPDATE entitlement SET updated_by = 'Mallory' WHERE id = 2"),
		 3, "ftrack: entitlement 2 does not match its audit history: "
		 "updated_by is 'Mallory' where the history says '", NULL},
		{"entitlement's updated_at edited", TESTDB_ADMIN, REPLICA(
		 "UPDATE entitlement SET updated_at = '2020-01-01T00:00:00Z' "
		 "WHERE id = 1"), 3, "ftrack: entitlement 1 does not match its "
		 "audit history: updated_at is '2020-01-01T00:00:00Z' where the "
		 "history says '", NULL},
		{"entitlement's L1 edited", TESTDB_ADMIN, REPLICA("UPDATE "
		 "entitlement SET l1 = 'blocked' WHERE id = 2"), 3,
		 "ftrack: entitlement 2 does not match its audit history", NULL},
		{"user's role edited", TESTDB_ADMIN, REPLICA("UPDATE app_user "
		 "SET role = 'assignment_fm' WHERE name = 'Dana'"), 3,
		 "ftrack: user 2 does not match its audit history", NULL},
		/* what the application role's grants on the records allow,
		 * with no change set: replay and the sequence check see it */
		{"customer edited by ftrack_app", TESTDB_APP, "UPDATE customer "
		 "SET managed = 0 WHERE id = 1", 3, "ftrack: customer 1 does "
		 "not match its audit history: managed", NULL},
		{"customer added by ftrack_app", TESTDB_APP, "INSERT INTO "
		 "customer (name, created_at) VALUES ('Forged', "
		 "'2026-03-30T11:00:00Z')", 3, "ftrack: customer 6 does not "
		 "match its audit history: name is 'Forged'", NULL},
		{"customer deleted by ftrack_app", TESTDB_APP, "DELETE FROM "
		 "customer WHERE id = 2", 3, "ftrack: customer 2 does not "
		 "match its audit history: name is nothing", NULL},
		/* Tailspin (customer 5, the largest id) reverted by the owner
		 * first: the sequence alone keeps 5 from being given again */
		{"id sequence lowered by ftrack_app", TESTDB_APP, "UPDATE "
		 "ftrack_sequence SET seq = 1 WHERE name = 'customer'", 3,
		 "ftrack: the id sequence of customer is behind its history",
		 "11"},
		{"id sequence deleted by ftrack_app", TESTDB_APP, "DELETE FROM "
		 "ftrack_sequence WHERE name = 'customer'", 3,
		 "ftrack: the id sequence of customer is behind its history",
		 "11"},
		/* the No Intent summaries, which the application role's
		 * grants let it write (the entitlement triggers run as it):
		 * verify recounts them */
		{"no-intent summary edited by ftrack_app", TESTDB_APP, "UPDATE "
		 "no_intent_account SET no_intent = 2 WHERE customer_id = 1", 3,
		 "ftrack: the no-intent summary of customer 'Contoso' does not "
		 "match its services: it says 2 services, 2 in No Intent, where "
		 "they are 2 and 1", NULL},
		{"no-intent summary row deleted by ftrack_app", TESTDB_APP,
		 "DELETE FROM no_intent_service WHERE customer_id = 1 AND "
		 "workload_id = (SELECT id FROM workload WHERE name = 'Exchange "
		 "Online')", 3, "ftrack: the no-intent summary of service "
		 "'Contoso' x 'Exchange Online' does not match its entitlements: "
		 "it says 0 counted, 0 in No Intent, where they are 1 and 0",
		 NULL},
		{"no-intent L2 row edited by the owner", TESTDB_OWNER, "UPDATE "
		 "no_intent_l2 SET first_subscription = 7 WHERE customer_id = 1",
		 3, "ftrack: the no-intent summary of service 'Contoso' x "
		 "'Yammer', l2 'competitive_solution', does not match its "
		 "entitlements: it says 1 from subscription id 7, where they are "
		 "1 from id 1", NULL},
		{"no-intent shown row edited by ftrack_app", TESTDB_APP, "UPDATE "
		 "no_intent_shown SET customer = 'Contoso Ltd' WHERE customer_id "
		 "= 1 AND workload_id = (SELECT id FROM workload WHERE name = "
		 "'Yammer')", 3, "ftrack: the no-intent summary of service "
		 "'Contoso' x 'Yammer' does not match its entitlements: it names "
		 "the customer 'Contoso Ltd'", NULL},
	};

	PG_ONLY();
	fresh();
	assert_true(verify_is("untouched", 0, "ok: 11 change sets sealed, ",
			      NULL));
	run_attacks(list, sizeof list / sizeof list[0], ALONE, NULL);
}

/* 3b. DEFECT: the rules, reference and text tables and the schema,
 * changed by the owner or the superuser, are not compared with the
 * migrations on PostgreSQL (pg_check_schema() in
 * src/core/store/pg_verify.c returns FT_OK), where on SQLite verify
 * catches each (test_tamper: reference check, schema check) and the README
 * says it does. Kept failing until verify catches them. */
static void pg_trust__verify_compares_rules_reference_data_and_schema(
	void **state)
{
	static const struct attack list[] = {
		{"rule_value edited", TESTDB_ADMIN, "UPDATE rule_value SET "
		 "value = 'x' WHERE source = 'constant' AND scenario = '2' AND "
		 "field = 'next_action'", 3, "ftrack: ", NULL},
		{"rule edited", TESTDB_OWNER, "UPDATE rule SET needs_validation "
		 "= 1 - needs_validation WHERE scenario = '2'", 3, "ftrack: ", NULL},
		{"text edited", TESTDB_OWNER, "UPDATE text SET value = 'x' "
		 "WHERE key = 'msg.protect_grants' AND lang = 'en'", 3,
		 "ftrack: ", NULL},
		{"l2 reordered", TESTDB_OWNER, "UPDATE l2 SET position = "
		 "position + 1000 WHERE code = 'migration'", 3, "ftrack: ", NULL},
		{"audit trigger dropped", TESTDB_OWNER, "DROP TRIGGER "
		 "seal_no_update ON seal", 3, "ftrack: ", NULL},
		{"audit trigger disabled", TESTDB_OWNER, "ALTER TABLE change "
		 "DISABLE TRIGGER change_no_update", 3, "ftrack: ", NULL},
	};

	PG_ONLY();
	run_attacks(list, sizeof list / sizeof list[0], ALONE, "DEFECT: on "
		    "PostgreSQL verify does not compare the schema, rules, "
		    "reference and text rows with the migrations "
		    "(pg_check_schema() in src/core/store/pg_verify.c returns "
		    "FT_OK); SQLite's verify catches each of these");
}

/* 3c. The newest change sets cut with their seals and the records they
 * made removed: a shorter chain that verifies; only a digest taken after
 * them sees it. */
static void pg_trust__newest_change_sets_cut__caught_only_by_a_digest(
	void **state)
{
	static const char cut[] = REPLICA(
		"DELETE FROM change WHERE changeset_id IN (10, 11); "
		"DELETE FROM seal WHERE changeset_id IN (10, 11); "
		"DELETE FROM changeset WHERE id IN (10, 11); "
		"DELETE FROM customer WHERE id IN (4, 5)") ";\n";
	char *out = NULL;

	PG_ONLY();
	assert_true(verify_is("untouched", 0, "and every digest holds",
			      (const char *const[]){"--digest", digest_a,
			      "--digest", digest_b, NULL}));
	if (psql_as(TESTDB_ADMIN, cut, &out) != 0)
		fail_msg("psql refused the cut: %s", out);
	free(out);
	assert_true(verify_is("cut", 0, "ok: 9 change sets sealed, ", NULL));
	/* digest A is older than the cut: it holds */
	assert_true(verify_is("cut", 0, "and the digest holds",
			      (const char *const[]){"--digest", digest_a,
			      NULL}));
	assert_true(verify_is("cut", 3, "ftrack: ", (const char *const[]){
			      "--digest", digest_b, NULL}));
	tally[DIGEST_ONLY]++;
}

/* 3d. verify --since digest A (change set 9): what came after it (10-11,
 * customers Northwind and Tailspin), the digest's own change set, and the
 * schema, rules and sequences; not counted in the verdicts above. */
static void pg_trust__since_a_digest__checks_what_came_after_it(void **state)
{
	static const struct attack list[] = {
		{"since: change row after edited", TESTDB_ADMIN, REPLICA(
		 "UPDATE change SET new_value = 'Northwinds' WHERE id = (SELECT "
		 "min(id) FROM change WHERE changeset_id = 10)"), 3,
		 NO_SEAL_MATCH(10), NULL},
		{"since: seal after deleted", TESTDB_ADMIN, REPLICA("DELETE FROM "
		 "seal WHERE changeset_id = 10"), 3, "ftrack: change set 10 has "
		 "no seal", NULL},
		{"since: newest seal changed", TESTDB_ADMIN, REPLICA("UPDATE seal "
		 "SET hash = sha256('x') WHERE changeset_id = 11"), 3,
		 NO_SEAL_MATCH(11), NULL},
		{"since: digest's change set edited", TESTDB_OWNER, DISABLED(
		 "changeset", "UPDATE changeset SET who = 'Dana' WHERE id = 9"),
		 3, "ftrack: change set 9, the digest's, does not match its seal",
		 NULL},
		{"since: digest's seal changed", TESTDB_ADMIN, REPLICA("UPDATE "
		 "seal SET hash = sha256('x') WHERE changeset_id = 9"), 3,
		 "ftrack: no change set holds the seal of the digest", NULL},
		{"since: change set before deleted", TESTDB_ADMIN, REPLICA(
		 "DELETE FROM change WHERE changeset_id = 2; DELETE FROM seal "
		 "WHERE changeset_id = 2; DELETE FROM changeset WHERE id = 2"),
		 3, "it has 8 change sets, the digest 9", NULL},
		{"since: touched customer edited", TESTDB_ADMIN, REPLICA("UPDATE "
		 "customer SET tenant = 'evil.example' WHERE id = 4"), 3,
		 "ftrack: customer 4 does not match its audit history: tenant "
		 "is 'evil.example'", NULL},
		{"since: customer added by ftrack_app", TESTDB_APP, "INSERT INTO "
		 "customer (name, created_at) VALUES ('Forged', "
		 "'2026-03-30T11:00:00Z')", 3, "ftrack: customer 6 does not "
		 "match its audit history: name is 'Forged'", NULL},
		{"since: id sequence lowered by ftrack_app", TESTDB_APP, "UPDATE "
		 "ftrack_sequence SET seq = 1 WHERE name = 'customer'", 3,
		 "ftrack: the id sequence of customer is behind its history",
		 "11"},
		{"since: rule edited", TESTDB_OWNER, "UPDATE rule SET "
		 "needs_validation = 1 - needs_validation WHERE scenario = '2'",
		 3, "ftrack: the rule table is not the one the migrations seed",
		 NULL},
		{"since: audit trigger disabled", TESTDB_OWNER, "ALTER TABLE "
		 "change DISABLE TRIGGER change_no_update", 3, "ftrack: the "
		 "schema is not the one the migrations make", NULL},
		/* before the digest and not touched since: a full verify's */
		{"since: untouched customer edited", TESTDB_ADMIN, REPLICA(
		 "UPDATE customer SET tenant = 'evil.example' WHERE id = 1"), 0,
		 "ok since the digest", NULL},
	};
	const char *const since[] = {"--since", digest_a, NULL};
	char wrong[300];

	PG_ONLY();
	fresh();
	assert_true(verify_is("since: untouched", 0, "ok since the digest: its "
			      "change set holds its seal, 2 change sets after "
			      "it sealed in a chain from it, 2 records they "
			      "touched match their audit history", since));
	assert_true(verify_is("since: digest B", 0, "ok since the digest: its "
			      "change set holds its seal, 0 change sets",
			      (const char *const[]){"--since", digest_b,
			      NULL}));
	snprintf(wrong, sizeof wrong, "%s", digest_a);
	wrong[strlen(wrong) - 1] ^= 1;
	assert_true(verify_is("since: wrong hash", 3, "ftrack: no change set "
			      "holds the seal of the digest",
			      (const char *const[]){"--since", wrong, NULL}));
	assert_true(verify_is("since: garbled", 1, "ftrack: invalid digest",
			      (const char *const[]){"--since", "x", NULL}));
	assert_true(verify_is("quick", 0, "ok: 11 change sets sealed, ",
			      (const char *const[]){"--quick", NULL}));
	attacks_verified(list, sizeof list / sizeof list[0], since, NULL, NULL);
	/* the edit before the digest, caught by a full verify */
	assert_true(verify_is("since: untouched customer edited", 3,
			      "ftrack: customer 1 does not match its audit "
			      "history", NULL));
}

/* ---- roles ---- */

/* 4. The application role acts as itself; the owner for anyone. */
static void pg_trust__roles__app_acts_as_itself_owner_for_anyone(
	void **state)
{
	char *before, *after, *who;
	struct run r;

	PG_ONLY();
	register_app_role();
	who = value("SELECT who || '/' || role FROM changeset WHERE id = 12");
	assert_string_equal(who, "Ana/assignment_fm");
	free(who);
	/* FTRACK_USER unset, or naming the role itself */
	r = AS(TESTDB_APP, NULL, "customer", "add", "Litware");
	assert_int_equal(r.status, 0);
	run_free(&r);
	r = AS(TESTDB_APP, TESTDB_APP, "customer", "add", "Proseware");
	assert_int_equal(r.status, 0);
	run_free(&r);
	who = value("SELECT string_agg(who || '/' || role, ' ' ORDER BY id) "
		    "FROM changeset WHERE id > 12");
	assert_string_equal(who, "ftrack_app/delivery_fm "
			    "ftrack_app/delivery_fm");
	free(who);
	r = AS(TESTDB_APP, NULL, "history");
	assert_int_equal(r.status, 0);
	assert_non_null(strstr(r.out, "ftrack_app"));
	run_free(&r);
	/* --as or FTRACK_USER naming someone else: refused, nothing done */
	before = db_snapshot();
	r = AS(TESTDB_APP, NULL, "--as", "Dana", "customer", "add", "Evil");
	assert_int_equal(r.status, 1);
	assert_string_equal(r.err, "ftrack: the database role 'ftrack_app' "
			    "acts as itself, not as 'Dana': only roles of the "
			    "tables' owner may act for others\n");
	run_free(&r);
	r = AS(TESTDB_APP, "Ana", "status", "set", "Contoso",
	       "Exchange Online", "--l1", "blocked", "--l2",
	       "it-infrastructure", "--notes", "Unable to deploy: the proxy "
	       "blocks it", "--engagement", "customer-led",
	       "--next-action-date", "2026-06-01");
	assert_int_equal(r.status, 1);
	assert_non_null(strstr(r.err, "acts as itself, not as 'Ana'"));
	run_free(&r);
	r = AS(TESTDB_APP, NULL, "--as", "Ana", "revert", "7");
	assert_int_equal(r.status, 1);
	run_free(&r);
	after = db_snapshot();
	assert_string_equal(after, before);
	free(before);
	free(after);
	/* the owner acts for anyone */
	r = AS(TESTDB_OWNER, NULL, "--as", "Dana", "customer", "add",
	       "Adventure Works");
	assert_int_equal(r.status, 0);
	run_free(&r);
	r = AS(TESTDB_OWNER, "Ana", "customer", "add", "Woodgrove");
	assert_int_equal(r.status, 0);
	run_free(&r);
	who = value("SELECT string_agg(who, ' ' ORDER BY id) FROM changeset "
		    "WHERE id > 14");
	assert_string_equal(who, "Dana Ana");
	free(who);
	assert_true(verify_is("roles", 0, "ok: 16 change sets sealed, ",
			      NULL));
}

/* 5. verify's protections line. */
static void pg_trust__protections_line_names_who_may_rewrite(void **state)
{
	static const char owner_only[] = "protections: only the owner role "
		"'ftrack_owner' may change or remove audit rows; every other "
		"role can only add and read them\n";
	static const struct {
		const char *grant, *line;
	} opened[] = {
		{"GRANT UPDATE ON change TO ftrack_app", "protections: role "
		 "'ftrack_app' may UPDATE audit table change: it can rewrite "
		 "the history unseen but by digests\n"},
		{"GRANT DELETE ON seal TO ftrack_app", "protections: role "
		 "'ftrack_app' may DELETE audit table seal: it can rewrite the "
		 "history unseen but by digests\n"},
		{"GRANT TRUNCATE ON changeset TO PUBLIC", "protections: role "
		 "'PUBLIC' may TRUNCATE audit table changeset: it can rewrite "
		 "the history unseen but by digests\n"},
	};
	struct run r;
	char *line;

	PG_ONLY();
	r = AS(TESTDB_OWNER, "Ana", "verify");
	assert_int_equal(r.status, 0);
	line = strchr(r.out, '\n');
	assert_non_null(line);
	assert_string_equal(line + 1, owner_only);
	run_free(&r);
	/* the application role sees the same */
	register_app_role();
	r = AS(TESTDB_APP, NULL, "verify");
	assert_int_equal(r.status, 0);
	assert_non_null(strstr(r.out, owner_only));
	run_free(&r);
	for (size_t i = 0; i < sizeof opened / sizeof opened[0]; i++) {
		char *sql = NULL;

		fresh();
		assert_true(asprintf(&sql, "%s;\n", opened[i].grant) > 0);
		assert_int_equal(psql_as(TESTDB_OWNER, sql, NULL), 0);
		free(sql);
		r = AS(TESTDB_OWNER, "Ana", "verify");
		assert_int_equal(r.status, 0);
		line = strchr(r.out, '\n');
		assert_non_null(line);
		assert_string_equal(line + 1, opened[i].line);
		run_free(&r);
	}
}

/* ---- concurrency ---- */

#define WRITERS 4
#define WRITES 50

static const char *bin(void)
{
	return getenv("FTRACK_BIN") ? getenv("FTRACK_BIN") : "./ftrack";
}

/* One writer as ftrack_app on connections of its own: WRITES customers
 * added. Exits with the number that failed; errors to its log. */
static void writer(int k)
{
	char log[160], name[32];
	int failed = 0;

	snprintf(log, sizeof log, "%s/writer%d.log", box.dir, k);
	unsetenv("FTRACK_USER");
	for (int i = 0; i < WRITES; i++) {
		const char *argv[] = {bin(), "--db", url_as(TESTDB_APP),
			"customer", "add", name, NULL};
		int status;
		pid_t pid;

		snprintf(name, sizeof name, "Writer %d customer %d", k, i);
		if ((pid = fork()) == 0) {
			int out = open("/dev/null", O_WRONLY);
			int err = open(log, O_WRONLY | O_CREAT | O_APPEND,
				       0644);

			dup2(out, 1);
			dup2(err, 2);
			execv(bin(), (char *const *)argv);
			_exit(127);
		}
		waitpid(pid, &status, 0);
		failed += !WIFEXITED(status) || WEXITSTATUS(status) != 0;
	}
	_exit(failed > 255 ? 255 : failed);
}

/* 6. Several writers as the application role keep one chain. */
static void pg_trust__app_role_writers__keep_one_unbroken_chain(
	void **state)
{
	pid_t pids[WRITERS];
	long before;
	int status;

	PG_ONLY();
	register_app_role();
	before = count("SELECT count(*) FROM changeset");
	for (int k = 0; k < WRITERS; k++)
		if ((pids[k] = fork()) == 0)
			writer(k);
	for (int k = 0; k < WRITERS; k++) {
		waitpid(pids[k], &status, 0);
		if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
			char cmd[192];

			snprintf(cmd, sizeof cmd, "cat %s/writer%d.log >&2",
				 box.dir, k);
			assert_int_equal(system(cmd), 0);
			fail_msg("writer %d: %d writes failed", k,
				 WEXITSTATUS(status));
		}
	}
	assert_int_equal(count("SELECT count(*) FROM changeset") - before,
			 WRITERS * WRITES);
	assert_int_equal(count("SELECT count(*) FROM changeset WHERE who = "
			       "'ftrack_app'"), WRITERS * WRITES);
	assert_int_equal(count("SELECT count(*) FROM seal"),
			 before + WRITERS * WRITES);
	assert_true(verify_is("writers", 0, "ok: 212 change sets sealed, ",
			      NULL));
}

#define T(f) cmocka_unit_test_setup_teardown(f, case_setup, sandbox_teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(pg_trust__app_role__cannot_rewrite_history_or_rules),
		T(pg_trust__owner__triggers_refuse_rewriting_audit_rows),
		T(pg_trust__rewritten_behind_the_triggers__verify_catches),
		T(pg_trust__verify_compares_rules_reference_data_and_schema),
		T(pg_trust__newest_change_sets_cut__caught_only_by_a_digest),
		T(pg_trust__since_a_digest__checks_what_came_after_it),
		T(pg_trust__roles__app_acts_as_itself_owner_for_anyone),
		T(pg_trust__protections_line_names_who_may_rewrite),
		T(pg_trust__app_role_writers__keep_one_unbroken_chain),
	};

	return cmocka_run_group_tests_name("pg_trust", tests, group_setup,
					   group_teardown);
}
