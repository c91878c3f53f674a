/* The migrations, schema/schema.sql and the database's identity checks. */
#include <stdlib.h>
#include <unistd.h>

#include "testutil.h"
#include "migrations.h"
#include "ftrack/records.h"
#include "ftrack/integrity.h"

static void sql_ok(sqlite3 *db, const char *sql)
{
	char *why = NULL;

	if (sqlite3_exec(db, sql, NULL, NULL, &why) != SQLITE_OK)
		fail_msg("%s: %s", sql, why);
}

/* Every schema object as "type name: sql" lines, sorted. */
static char *schema_of(sqlite3 *db)
{
	struct strbuf *s = strbuf_new();
	sqlite3_stmt *st = NULL;

	assert_int_equal(sqlite3_prepare_v2(db,
		"SELECT type, name, sql FROM sqlite_schema "
		"WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name",
		-1, &st, NULL), SQLITE_OK);
	while (sqlite3_step(st) == SQLITE_ROW)
		strbuf_addf(s, "%s %s: %s\n", sqlite3_column_text(st, 0),
				    sqlite3_column_text(st, 1),
				    sqlite3_column_text(st, 2));
	sqlite3_finalize(st);
	return strbuf_finish(s);
}

static char *read_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long n;

	assert_non_null(f);
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	buf = malloc((size_t)n + 1);
	assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
	buf[n] = '\0';
	fclose(f);
	return buf;
}

static void migrations__build_exactly_schema_sql(void **state)
{
	struct ft *ft = *state;
	sqlite3 *plain = NULL;
	char *sql = read_file("schema/schema.sql");
	char *migrated, *declared;

	sqlite_only("compares SQLite's schema with schema/schema.sql");
	assert_int_equal(sqlite3_open(":memory:", &plain), SQLITE_OK);
	assert_int_equal(sqlite3_exec(plain, sql, NULL, NULL, NULL), SQLITE_OK);
	migrated = schema_of(ft_sqlite(ft));
	declared = schema_of(plain);
	assert_string_equal(migrated, declared);
	free(migrated);
	free(declared);
	sqlite3_close(plain);
	free(sql);
}

/* The schema version the database records: SQLite's user_version, the
 * table ftrack_schema on PostgreSQL (src/core/store/pg_open.c). */
static int64_t recorded_version(struct ft *ft)
{
	return q_int(ft, testdb_pg() ? "SELECT version FROM ftrack_schema" :
		     "PRAGMA user_version");
}

static void migrations__seed_the_playbook_codes_and_workloads(void **state)
{
	struct ft *ft = *state;

	assert_int_equal(recorded_version(ft), ft_schema_version());
	assert_int_equal(q_int(ft, "SELECT count(*) FROM l1"), 5);
	assert_int_equal(q_int(ft, "SELECT count(*) FROM l2 "
			       "WHERE l1 = 'no_intent'"), 3);
	assert_string_equal(q_text(ft, "SELECT value FROM text "
				   "WHERE key = 'l1.no_intent' AND lang = 'es'"),
			    "No intención");
	assert_int_equal(q_int(ft, "SELECT count(*) FROM workload"), 11);
	assert_int_equal(q_int(ft, "SELECT count(*) FROM l2 WHERE l1 = "
			       "'duplicate_invalid'"), 0);
}

static void schema__checks_codes_and_l2_against_l1(void **state)
{
	sqlite3 *db = ft_sqlite(*state);

	sqlite_only("writes through SQLite's handle to reach its constraints");
	assert_int_equal(sqlite3_exec(db, "INSERT INTO app_user (name, role, "
		"created_at) VALUES ('x', 'boss', 'now')", NULL, NULL, NULL),
		SQLITE_CONSTRAINT);
	assert_int_equal(sqlite3_exec(db,
		"INSERT INTO customer (name, created_at) VALUES ('C', 't');"
		"INSERT INTO subscription (customer_id, code, created_at) "
		"VALUES (1, 'S', 't');", NULL, NULL, NULL), SQLITE_OK);
	/* An L2 of another L1 breaks the composite foreign key. */
	assert_int_equal(sqlite3_exec(db, "INSERT INTO entitlement "
		"(subscription_id, workload_id, l1, l2, updated_by, updated_at) "
		"VALUES (1, 1, 'no_intent', 'migration', 'x', 't')",
		NULL, NULL, NULL), SQLITE_CONSTRAINT);
	assert_int_equal(sqlite3_exec(db, "INSERT INTO entitlement "
		"(subscription_id, workload_id, l1, l2, updated_by, updated_at, "
		"next_action_date) VALUES (1, 1, 'no_intent', "
		"'competitive_solution', 'x', 't', '2026-02-30')",
		NULL, NULL, NULL), SQLITE_CONSTRAINT);
}

/* A file database left at schema version 1, as an older ftrack wrote it. */
static void older_database__is_migrated(void **state)
{
	char path[] = "/tmp/ftrack-test-XXXXXX", file[64], err[256];
	struct ft *ft = NULL;
	sqlite3 *db = NULL;

	sqlite_only("an older SQLite file");
	assert_non_null(mkdtemp(path));
	snprintf(file, sizeof file, "%s/old.db", path);
	assert_int_equal(sqlite3_open(file, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, ft_migrations[0].sql, NULL, NULL,
				      NULL), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "PRAGMA user_version = 1; "
		"PRAGMA application_id = 1179931211", NULL, NULL, NULL),
		SQLITE_OK);
	sqlite3_close(db);
	assert_int_equal(ft_open(&ft, file, 0, 1000, err, sizeof err), FT_OK);
	assert_int_equal(q_int(ft, "PRAGMA user_version"), ft_schema_version());
	assert_int_equal(q_int(ft, "SELECT count(*) FROM workload"), 11);
	ft_close(ft);
	unlink(file);
	rmdir(path);
}

/* A database an ftrack from before the seals wrote, with its history: the
 * migration that introduces the seals seals it, once; opening it again
 * seals nothing more. */
static void pre_seal_database__is_sealed_once_by_its_migration(void **state)
{
	char path[] = "/tmp/ftrack-test-XXXXXX", file[64], err[256];
	struct ft_verify_report report;
	struct ft *ft = NULL;
	sqlite3 *db = NULL;
	int seal_at = -1;

	sqlite_only("an older SQLite file");
	for (int i = 0; i < ft_migration_count; i++)
		if (strcmp(ft_migrations[i].name, "0006_audit_seal") == 0)
			seal_at = i;
	assert_true(seal_at > 0);
	assert_non_null(mkdtemp(path));
	snprintf(file, sizeof file, "%s/old.db", path);
	assert_int_equal(sqlite3_open(file, &db), SQLITE_OK);
	for (int i = 0; i < seal_at; i++)
		assert_int_equal(sqlite3_exec(db, ft_migrations[i].sql, NULL,
					      NULL, NULL), SQLITE_OK);
	sql_ok(db, "INSERT INTO customer (name, managed, created_at) VALUES "
	       "('Contoso', 0, '2025-01-01T00:00:00Z');"
	       "INSERT INTO changeset (at, who, what, customer_id) VALUES "
	       "('2025-01-01T00:00:00Z', 'ana', 'Contoso: customer added', 1);"
	       "INSERT INTO change (changeset_id, entity, entity_id, field, "
	       "new_value) VALUES (1, 'customer', 1, 'name', 'Contoso'), "
	       "(1, 'customer', 1, 'phase', 'assignment'), "
	       "(1, 'customer', 1, 'managed', '0');"
	       "INSERT INTO changeset (at, who, what) VALUES "
	       "('2025-01-02T00:00:00Z', 'ana', 'something else');");
	{
		char *v = str_printf("PRAGMA user_version = %d; "
					  "PRAGMA application_id = 1179931211",
					  seal_at);

		sql_ok(db, v);
		free(v);
	}
	sqlite3_close(db);
	assert_int_equal(ft_open(&ft, file, 0, 1000, err, sizeof err), FT_OK);
	assert_int_equal(q_int(ft, "SELECT count(*) FROM seal"), 2);
	if (ft_verify(ft, NULL, 0, &report) != FT_OK)
		fail_msg("verify: %s", ft_error(ft));
	assert_int_equal(report.changesets, 2);
	ft_close(ft);
	assert_int_equal(ft_open(&ft, file, 0, 1000, err, sizeof err), FT_OK);
	assert_int_equal(q_int(ft, "SELECT count(*) FROM seal"), 2);
	ft_close(ft);
	unlink(file);
	rmdir(path);
}

static void newer_or_foreign_database__is_refused(void **state)
{
	char path[] = "/tmp/ftrack-test-XXXXXX", file[64], err[256];
	struct ft *ft = NULL;
	sqlite3 *db = NULL;
	char *sql;

	sqlite_only("SQLite files altered by hand");
	assert_non_null(mkdtemp(path));
	snprintf(file, sizeof file, "%s/new.db", path);
	assert_int_equal(ft_open(&ft, file, FT_OPEN_CREATE, 1000, err,
				 sizeof err), FT_OK);
	ft_close(ft);
	assert_int_equal(sqlite3_open(file, &db), SQLITE_OK);
	sql = str_printf("PRAGMA user_version = %d",
			      ft_schema_version() + 1);
	assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
	free(sql);
	sqlite3_close(db);
	assert_int_equal(ft_open(&ft, file, 0, 1000, err, sizeof err), FT_DBERR);
	assert_null(ft);
	assert_non_null(strstr(err, "newer than this ftrack"));

	/* A SQLite database of some other program. */
	unlink(file);
	assert_int_equal(sqlite3_open(file, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "CREATE TABLE t (x)", NULL, NULL,
				      NULL), SQLITE_OK);
	sqlite3_close(db);
	assert_int_equal(ft_open(&ft, file, 0, 1000, err, sizeof err), FT_DBERR);
	assert_non_null(strstr(err, "not an ftrack database"));
	unlink(file);
	rmdir(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(
			migrations__build_exactly_schema_sql, setup_db, teardown_db),
		cmocka_unit_test_setup_teardown(
			migrations__seed_the_playbook_codes_and_workloads,
			setup_db, teardown_db),
		cmocka_unit_test_setup_teardown(
			schema__checks_codes_and_l2_against_l1, setup_db,
			teardown_db),
		cmocka_unit_test(older_database__is_migrated),
		cmocka_unit_test(pre_seal_database__is_sealed_once_by_its_migration),
		cmocka_unit_test(newer_or_foreign_database__is_refused),
	};

	return cmocka_run_group_tests_name("schema", tests, NULL, NULL);
}
