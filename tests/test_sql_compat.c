/* string_agg, strpos, greatest and least as ftrack gives them to SQLite
 * (store/sqlite_compat.c): PostgreSQL's results, NULLs included. */
#include "testutil.h"

static void string_agg__skips_nulls_and_is_null_for_none(void **state)
{
	struct ft *ft = *state;

	assert_string_equal(q_text(ft, "SELECT string_agg(x, ', ') FROM "
		"(SELECT 'a' AS x UNION ALL SELECT NULL UNION ALL SELECT 'b' "
		"UNION ALL SELECT 'c') AS t"), "a, b, c");
	/* a NULL first value adds no separator */
	assert_string_equal(q_text(ft, "SELECT string_agg(x, '-') FROM "
		"(SELECT NULL AS x UNION ALL SELECT 'a' UNION ALL SELECT 'b') "
		"AS t"),
		"a-b");
	assert_string_equal(q_text(ft, "SELECT string_agg(x, ',') FROM "
		"(SELECT NULL AS x UNION ALL SELECT NULL) AS t"), "(null)");
	assert_string_equal(q_text(ft, "SELECT string_agg(code, ',') FROM l1 "
		"WHERE false"), "(null)");
	assert_string_equal(q_text(ft, "SELECT string_agg(x, NULL) FROM "
		"(SELECT 'a' AS x UNION ALL SELECT 'b') AS t"), "ab");
	assert_string_equal(q_text(ft, "SELECT string_agg(x, '') FROM "
		"(SELECT 'Müller' AS x UNION ALL SELECT '工場') AS t"),
		"Müller工場");
	/* one value per group */
	assert_string_equal(q_text(ft, "SELECT string_agg(n, ';') FROM "
		"(SELECT string_agg(x, ',') AS n FROM (SELECT 1 AS g, 'a' AS x "
		"UNION ALL SELECT 1, 'b' UNION ALL SELECT 2, 'c') AS t GROUP BY "
		"g ORDER BY g) AS u"), "a,b;c");
}

static void strpos__counts_characters(void **state)
{
	struct ft *ft = *state;

	assert_int_equal(q_int(ft, "SELECT strpos('abc', 'c')"), 3);
	assert_int_equal(q_int(ft, "SELECT strpos('abc', 'x')"), 0);
	assert_int_equal(q_int(ft, "SELECT strpos('abc', '')"), 1);
	assert_int_equal(q_int(ft, "SELECT strpos('Müller, 工場', '工')"), 9);
	assert_string_equal(q_text(ft, "SELECT strpos(NULL, 'a')"), "(null)");
	assert_string_equal(q_text(ft, "SELECT strpos('a', NULL)"), "(null)");
}

static void greatest_least__ignore_nulls(void **state)
{
	struct ft *ft = *state;

	assert_int_equal(q_int(ft, "SELECT greatest(1, 3, 2)"), 3);
	assert_int_equal(q_int(ft, "SELECT least(4, 3, 5)"), 3);
	assert_int_equal(q_int(ft, "SELECT greatest(NULL, 2)"), 2);
	assert_int_equal(q_int(ft, "SELECT least(2, NULL)"), 2);
	assert_string_equal(q_text(ft, "SELECT greatest(NULL, NULL)"), "(null)");
	assert_string_equal(q_text(ft, "SELECT greatest('2026-03', '2025-12')"),
			    "2026-03");
	assert_string_equal(q_text(ft, "SELECT least('2026-03', '2025-12')"),
			    "2025-12");
	/* by bytes, as PostgreSQL's COLLATE "C" */
	assert_string_equal(q_text(ft, "SELECT greatest('Zeta', 'alpha')"),
			    "alpha");
	assert_string_equal(q_text(ft, "SELECT greatest('ab', 'abc')"), "abc");
	assert_string_equal(q_text(ft, "SELECT least(2.5, 3)"), "2.5");
	assert_string_equal(q_text(ft, "SELECT greatest(max(code), NULL) FROM "
		"l1"), "status_unknown");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(
			string_agg__skips_nulls_and_is_null_for_none, setup_db,
			teardown_db),
		cmocka_unit_test_setup_teardown(strpos__counts_characters,
			setup_db, teardown_db),
		cmocka_unit_test_setup_teardown(greatest_least__ignore_nulls,
			setup_db, teardown_db),
	};

	return cmocka_run_group_tests_name("sql_compat", tests, NULL, NULL);
}
