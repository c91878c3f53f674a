/* Names as people write them: every look-up and every duplicate check by
 * the key of migration 0011 (NFC and full case folding), the spelling kept
 * as typed, and an older database brought to the keys. */
#include <stdlib.h>
#include <unistd.h>

#include "testutil.h"
#include "migrations.h"
#include "ftrack/integrity.h"
#include "ftrack/records.h"

#define CAFE_NFC "Caf\xc3\xa9"		/* é, U+00E9 */
#define CAFE_NFD "Cafe\xcc\x81"		/* e + U+0301 */

static void sql_ok(sqlite3 *db, const char *sql)
{
	char *why = NULL;

	if (sqlite3_exec(db, sql, NULL, NULL, &why) != SQLITE_OK)
		fail_msg("%s: %s", sql, why);
}

/* The name the customer look-up finds for name, "" when none. */
static const char *customer_found(struct ft *ft, const char *name)
{
	static char found[256];
	char *json = NULL;
	sqlite3 *db = NULL;
	sqlite3_stmt *st = NULL;

	found[0] = '\0';
	if (ft_customer_json(ft, name, &json) != FT_OK)
		return found;
	/* SQLite's JSON reader, on either backend */
	assert_int_equal(sqlite3_open(":memory:", &db), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, "SELECT json_extract("
		":json, '$.customer')", -1, &st, NULL), SQLITE_OK);
	sqlite3_bind_text(st, 1, json, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW)
		snprintf(found, sizeof found, "%s", sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	sqlite3_close(db);
	free(json);
	return found;
}

static void fold__in_sql_is_text_fold(void **state)
{
	struct ft *ft = *state;

	sqlite_only("fold() is a function of ftrack's SQLite connections "
		    "(migration 0011 keys older files with it); on PostgreSQL "
		    "the keys are text_fold()'s, computed in C");
	assert_string_equal(q_text(ft, "SELECT fold('MÜLLER & SÖHNE GMBH')"),
			    "müller & söhne gmbh");
	assert_string_equal(q_text(ft, "SELECT fold('Straße')"), "strasse");
	assert_string_equal(q_text(ft, "SELECT fold('" CAFE_NFD "')"),
			    "caf\xc3\xa9");
	assert_string_equal(q_text(ft, "SELECT fold(NULL)"), "(null)");
}

static void customer__found_in_any_case_or_form_and_kept_as_typed(
	void **state)
{
	struct ft *ft = *state;

	assert_int_equal(ft_customer_add(ft, "Müller & Söhne GmbH", NULL, -1),
			 FT_OK);
	assert_int_equal(ft_customer_add(ft, CAFE_NFC, NULL, -1), FT_OK);
	assert_int_equal(ft_customer_add(ft, "Straße Bau", NULL, -1), FT_OK);
	assert_string_equal(customer_found(ft, "MÜLLER & SÖHNE GMBH"),
			    "Müller & Söhne GmbH");
	assert_string_equal(customer_found(ft, "müller & söhne gmbh"),
			    "Müller & Söhne GmbH");
	assert_string_equal(customer_found(ft, CAFE_NFD), CAFE_NFC);
	assert_string_equal(customer_found(ft, "CAFE\xcc\x81"), CAFE_NFC);
	assert_string_equal(customer_found(ft, "STRASSE BAU"), "Straße Bau");
	/* accents are part of the name */
	assert_string_equal(customer_found(ft, "Muller & Sohne GmbH"), "");
	assert_string_equal(q_text(ft, "SELECT string_agg(name, '|') FROM "
				   "(SELECT name FROM customer ORDER BY id) "
				   "AS c"),
			    "Müller & Söhne GmbH|" CAFE_NFC "|Straße Bau");
	assert_string_equal(q_text(ft, "SELECT string_agg(name_key, '|') "
				   "FROM (SELECT name_key FROM customer "
				   "ORDER BY id) AS c"),
			    "müller & söhne gmbh|caf\xc3\xa9|strasse bau");
}

/* A name typed decomposed is stored decomposed: the spelling is the
 * user's, only the key is NFC. */
static void customer__typed_decomposed_stays_decomposed(void **state)
{
	struct ft *ft = *state;

	assert_int_equal(ft_customer_add(ft, CAFE_NFD, NULL, -1), FT_OK);
	assert_string_equal(q_text(ft, "SELECT name FROM customer"), CAFE_NFD);
	assert_string_equal(customer_found(ft, CAFE_NFC), CAFE_NFD);
	assert_string_equal(q_text(ft, "SELECT new_value FROM change WHERE "
				   "field = 'name'"), CAFE_NFD);
}

static void duplicates__refused_for_every_kind(void **state)
{
	struct ft *ft = *state;
	const char *yammer[] = {"Yammer"};
	char *before;

	assert_int_equal(ft_user_add(ft, "Ana García", "assignment_fm"), FT_OK);
	assert_int_equal(ft_set_actor(ft, "ANA GARCÍA"), FT_OK);
	/* the actor is recorded as registered */
	assert_string_equal(ft_actor(ft), "Ana García");
	assert_int_equal(ft_workload_add(ft, "Büro Suite"), FT_OK);
	assert_int_equal(ft_customer_add(ft, "Straße AG", "Tënant-Ä", -1),
			 FT_OK);
	assert_int_equal(ft_customer_add(ft, CAFE_NFC, NULL, -1), FT_OK);
	assert_int_equal(ft_subscription_add(ft, CAFE_NFC, "SÜB-1", yammer, 1),
			 FT_OK);
	before = db_fingerprint(ft);

	assert_int_equal(ft_user_add(ft, "ANA GARCÍA", "delivery_fm"),
			 FT_REFUSED);
	assert_string_equal(ft_error(ft), "user 'ANA GARCÍA' already exists "
			    "(as 'Ana García')");
	assert_int_equal(ft_workload_add(ft, "BÜRO SUITE"), FT_REFUSED);
	assert_string_equal(ft_error(ft), "workload 'BÜRO SUITE' already "
			    "exists (as 'Büro Suite')");
	assert_int_equal(ft_customer_add(ft, "STRASSE AG", NULL, -1),
			 FT_REFUSED);
	assert_string_equal(ft_error(ft), "customer 'STRASSE AG' already "
			    "exists (as 'Straße AG')");
	assert_int_equal(ft_customer_add(ft, CAFE_NFD, NULL, -1), FT_REFUSED);
	assert_string_equal(ft_error(ft), "customer '" CAFE_NFD "' already "
			    "exists (as '" CAFE_NFC "')");
	assert_int_equal(ft_customer_add(ft, "Other", "TËNANT-ä", -1),
			 FT_REFUSED);
	assert_string_equal(ft_error(ft), "tenant 'TËNANT-ä' already belongs "
			    "to customer 'Straße AG'");
	/* a subscription code in another case is the same subscription */
	assert_int_equal(ft_subscription_add(ft, "Straße AG", "süb-1", yammer,
					     1), FT_REFUSED);
	assert_string_equal(ft_error(ft), "subscription 'SÜB-1' belongs to "
			    "another customer");
	assert_int_equal(ft_subscription_add(ft, CAFE_NFD, "süb-1", yammer, 1),
			 FT_REFUSED);
	assert_string_equal(ft_error(ft), "subscription 'SÜB-1' already has "
			    "workload 'Yammer'");
	assert_unchanged(ft, before);
	free(before);
}

/* Default folding, not Turkish: "İstanbul" and "istanbul" are two names,
 * each found in upper case only as its own ("İSTANBUL", "ISTANBUL"). */
static void turkish_i__takes_the_default_folding(void **state)
{
	struct ft *ft = *state;

	assert_int_equal(ft_customer_add(ft, "İstanbul", NULL, -1), FT_OK);
	assert_int_equal(ft_customer_add(ft, "istanbul", NULL, -1), FT_OK);
	assert_string_equal(customer_found(ft, "İSTANBUL"), "İstanbul");
	assert_string_equal(customer_found(ft, "ISTANBUL"), "istanbul");
	assert_int_equal(ft_customer_add(ft, "İSTANBUL", NULL, -1), FT_REFUSED);
	assert_string_equal(ft_error(ft), "customer 'İSTANBUL' already exists "
			    "(as 'İstanbul')");
	assert_int_equal(ft_customer_add(ft, "ISTANBUL", NULL, -1), FT_REFUSED);
	assert_string_equal(ft_error(ft), "customer 'ISTANBUL' already exists "
			    "(as 'istanbul')");
	/* dotless ı is a letter of its own: one edit from "istanbul" */
	assert_string_equal(customer_found(ft, "ıstanbul"), "");
	assert_string_equal(ft_error(ft), "unknown customer 'ıstanbul' (did "
			    "you mean 'istanbul'?)");
}

static void did_you_mean__compares_keys(void **state)
{
	struct ft *ft = *state;

	assert_int_equal(ft_customer_add(ft, "Müller & Söhne GmbH", NULL, -1),
			 FT_OK);
	assert_int_equal(ft_customer_add(ft, CAFE_NFC, NULL, -1), FT_OK);
	assert_string_equal(customer_found(ft, "MÜLER & SÖHNE GMBH"), "");
	assert_string_equal(ft_error(ft), "unknown customer 'MÜLER & SÖHNE "
			    "GMBH' (did you mean 'Müller & Söhne GmbH'?)");
	assert_string_equal(customer_found(ft, "Muller & Sohne GmbH"), "");
	assert_string_equal(ft_error(ft), "unknown customer 'Muller & Sohne "
			    "GmbH' (did you mean 'Müller & Söhne GmbH'?)");
	assert_string_equal(customer_found(ft, "CAFEE"), "");
	assert_string_equal(ft_error(ft), "unknown customer 'CAFEE' (did you "
			    "mean '" CAFE_NFC "'?)");
	/* contained, in another case: "SÖHNE" is in "Müller & Söhne GmbH" */
	assert_string_equal(customer_found(ft, "SÖHNE"), "");
	assert_string_equal(ft_error(ft), "unknown customer 'SÖHNE' (did you "
			    "mean 'Müller & Söhne GmbH'?)");
}

/* Writes a database as the ftrack of migration `version` left it, with
 * the SQL sql run after the migrations; the caller removes dir. */
static void old_database(char *dir, char *file, size_t filelen,
			 int version, const char *sql)
{
	sqlite3 *db = NULL;
	char *pragma;

	assert_non_null(mkdtemp(dir));
	snprintf(file, filelen, "%s/old.db", dir);
	assert_int_equal(sqlite3_open(file, &db), SQLITE_OK);
	for (int i = 0; i < version; i++)
		sql_ok(db, ft_migrations[i].sql);
	sql_ok(db, sql);
	pragma = str_printf("PRAGMA user_version = %d; "
				 "PRAGMA application_id = 1179931211", version);
	sql_ok(db, pragma);
	free(pragma);
	sqlite3_close(db);
}

static int migration_index(const char *name)
{
	for (int i = 0; i < ft_migration_count; i++)
		if (strcmp(ft_migrations[i].name, name) == 0)
			return i;
	fail_msg("no migration %s", name);
	return -1;
}

/* A database from before the keys, with names in their audit history (as
 * before the seals, so that 0006 seals it): opened, its names get their
 * keys, are found in any case and form, and verify holds. */
static void older_database__gets_keys_and_still_verifies(void **state)
{
	char dir[] = "/tmp/ftrack-test-XXXXXX", file[64], err[256];
	struct ft_verify_report report;
	struct ft *ft = NULL;

	sqlite_only("an older SQLite file");
	old_database(dir, file, sizeof file, migration_index("0006_audit_seal"),
		"INSERT INTO customer (name, tenant, managed, created_at) VALUES "
		"('Müller & Söhne GmbH', 'Tënant-Ä', 0, '2025-01-01T00:00:00Z'), "
		"('" CAFE_NFD "', NULL, 1, '2025-01-01T00:00:00Z');"
		"INSERT INTO app_user (name, role, created_at) VALUES "
		"('Ana García', 'assignment_fm', '2025-01-01T00:00:00Z');"
		"INSERT INTO changeset (at, who, what, customer_id) VALUES "
		"('2025-01-01T00:00:00Z', 'ana', 'added', NULL);"
		"INSERT INTO change (changeset_id, entity, entity_id, field, "
		"new_value) VALUES (1, 'customer', 1, 'name', "
		"'Müller & Söhne GmbH'), (1, 'customer', 1, 'tenant', 'Tënant-Ä'), "
		"(1, 'customer', 1, 'phase', 'assignment'), "
		"(1, 'customer', 1, 'managed', '0'), "
		"(1, 'customer', 2, 'name', '" CAFE_NFD "'), "
		"(1, 'customer', 2, 'phase', 'assignment'), "
		"(1, 'customer', 2, 'managed', '1'), "
		"(1, 'user', 1, 'name', 'Ana García'), "
		"(1, 'user', 1, 'role', 'assignment_fm');");
	assert_int_equal(ft_open(&ft, file, 0, 1000, err, sizeof err), FT_OK);
	assert_int_equal(q_int(ft, "PRAGMA user_version"), ft_schema_version());
	assert_string_equal(q_text(ft, "SELECT group_concat(name_key || '/' || "
		"ifnull(tenant_key, '-'), '|') FROM (SELECT * FROM customer "
		"ORDER BY id)"), "müller & söhne gmbh/tënant-ä|caf\xc3\xa9/-");
	assert_string_equal(q_text(ft, "SELECT name_key FROM app_user"),
			    "ana garcía");
	assert_int_equal(q_int(ft, "SELECT count(*) FROM workload WHERE "
			       "name_key IS NOT fold(name)"), 0);
	assert_string_equal(customer_found(ft, "MÜLLER & SÖHNE GMBH"),
			    "Müller & Söhne GmbH");
	assert_string_equal(customer_found(ft, CAFE_NFC), CAFE_NFD);
	assert_int_equal(ft_set_actor(ft, "ANA GARCÍA"), FT_OK);
	assert_int_equal(ft_customer_add(ft, "CAFÉ", NULL, -1), FT_REFUSED);
	if (ft_verify(ft, NULL, 0, &report) != FT_OK)
		fail_msg("verify: %s", ft_error(ft));
	ft_close(ft);
	unlink(file);
	rmdir(dir);
}

/* An older database with two names that NOCASE told apart but the keys do
 * not: the migration stops naming both, and leaves the database as it
 * was, at its version. */
static void older_database__names_one_once_folded__are_refused(void **state)
{
	sqlite_only("an older SQLite file");
	static const char *const clashes[][2] = {
		{"INSERT INTO customer (name, created_at) VALUES "
		 "('Müller', 't'), ('MÜLLER', 't')",
		 "customers 'Müller' (id 1) and 'MÜLLER' (id 2) are one name "
		 "once case and Unicode forms are folded; the database is left "
		 "as it was"},
		{"INSERT INTO customer (name, created_at) VALUES "
		 "('" CAFE_NFC "', 't'), ('" CAFE_NFD "', 't')",
		 "customers '" CAFE_NFC "' (id 1) and '" CAFE_NFD "' (id 2)"},
		{"INSERT INTO customer (name, tenant, created_at) VALUES "
		 "('A', 'ÄB', 't'), ('B', 'äb', 't')",
		 "tenants 'ÄB' (customer 1) and 'äb' (customer 2)"},
		{"INSERT INTO app_user (name, role, created_at) VALUES "
		 "('Jürgen', 'delivery_fm', 't'), ('JÜRGEN', 'delivery_fm', 't')",
		 "users 'Jürgen' (id 1) and 'JÜRGEN' (id 2)"},
		{"INSERT INTO workload (name, created_at) VALUES "
		 "('Straße', 't'), ('STRASSE', 't')",
		 "workloads 'Straße' (id 12) and 'STRASSE' (id 13)"},
		{"INSERT INTO customer (name, created_at) VALUES ('A', 't');"
		 "INSERT INTO subscription (customer_id, code, created_at) "
		 "VALUES (1, 'SÜB', 't'), (1, 'süb', 't')",
		 "subscriptions 'SÜB' (id 1) and 'süb' (id 2)"},
	};
	int before = migration_index("0011_name_keys");

	for (size_t i = 0; i < sizeof clashes / sizeof clashes[0]; i++) {
		char dir[] = "/tmp/ftrack-test-XXXXXX", file[64], err[512];
		struct ft *ft = NULL;
		sqlite3 *db = NULL;
		sqlite3_stmt *st = NULL;

		old_database(dir, file, sizeof file, before, clashes[i][0]);
		assert_int_equal(ft_open(&ft, file, 0, 1000, err, sizeof err),
				 FT_DBERR);
		assert_null(ft);
		assert_non_null(strstr(err, "cannot apply migration "
				       "0011_name_keys"));
		if (strstr(err, clashes[i][1]) == NULL)
			fail_msg("'%s' does not say '%s'", err, clashes[i][1]);
		assert_int_equal(sqlite3_open(file, &db), SQLITE_OK);
		assert_int_equal(sqlite3_prepare_v2(db, "PRAGMA user_version",
						    -1, &st, NULL), SQLITE_OK);
		assert_int_equal(sqlite3_step(st), SQLITE_ROW);
		assert_int_equal(sqlite3_column_int(st, 0), before);
		sqlite3_finalize(st);
		/* no key column was left behind */
		assert_int_equal(sqlite3_prepare_v2(db, "SELECT name_key FROM "
						    "customer", -1, &st, NULL),
				 SQLITE_ERROR);
		sqlite3_close(db);
		unlink(file);
		rmdir(dir);
	}
}

#define T(f) cmocka_unit_test_setup_teardown(f, setup_db, teardown_db)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(fold__in_sql_is_text_fold),
		T(customer__found_in_any_case_or_form_and_kept_as_typed),
		T(customer__typed_decomposed_stays_decomposed),
		T(duplicates__refused_for_every_kind),
		T(turkish_i__takes_the_default_folding),
		T(did_you_mean__compares_keys),
		cmocka_unit_test(older_database__gets_keys_and_still_verifies),
		cmocka_unit_test(
			older_database__names_one_once_folded__are_refused),
	};

	return cmocka_run_group_tests_name("names", tests, NULL, NULL);
}
