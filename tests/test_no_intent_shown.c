/* no_intent_shown_each(): the rows of no_intent_shown as SQLite's
 * json_group_array() and PostgreSQL's json_agg() write them, every
 * character SQLite escapes read back, and malformed rows refused. */
#include <stdlib.h>
#include "testutil.h"
#include "no_intent_summary.h"

/* What the rows gave: each value, "(null)" for NULL, joined by "|", the
 * entitlements by "\n". */
struct got {
	char text[4096];
};

static bool collect(void *arg, const char *const *v)
{
	struct got *g = arg;
	size_t len = strlen(g->text);

	for (int i = 0; i < SHOWN_FIELDS; i++) {
		snprintf(g->text + len, sizeof g->text - len, "%s%s",
			 i ? "|" : len ? "\n" : "", v[i] ? v[i] : "(null)");
		len = strlen(g->text);
	}
	return true;
}

static int read_row(const char *json, struct got *g)
{
	memset(g, 0, sizeof *g);
	return no_intent_shown_each(json, collect, g);
}

static void shown__reads_both_engines_rows(void **state)
{
	struct got g;

	/* SQLite: no blanks */
	assert_int_equal(read_row("[[\"S1\",\"competitive_solution\",null,"
				  "\"Another product\",\"2026-01-01T00:00:00Z\","
				  "\"Ana\",\"customer\",null],[\"S2\",null,null,"
				  "null,null,null,null,\"kickoff_meeting\"]]", &g),
			 1);
	assert_string_equal(g.text, "S1|competitive_solution|(null)|Another "
			    "product|2026-01-01T00:00:00Z|Ana|customer|(null)\n"
			    "S2|(null)|(null)|(null)|(null)|(null)|(null)|"
			    "kickoff_meeting");
	/* PostgreSQL's json_agg(): blanks and line breaks between */
	assert_int_equal(read_row("[[\"S1\", \"a\", null, \"n\", null, null, "
				  "null, null], \n [\"S2\", \"b\", null, null, "
				  "null, null, null, null]]", &g), 1);
	assert_string_equal(g.text, "S1|a|(null)|n|(null)|(null)|(null)|(null)\n"
			    "S2|b|(null)|(null)|(null)|(null)|(null)|(null)");
	/* no entitlements */
	assert_int_equal(read_row("[]", &g), 1);
	assert_string_equal(g.text, "");
}

/* Every byte SQLite's json_quote() escapes, and text it keeps (UTF-8,
 * quotes, backslashes), comes back as it was. */
static void shown__reads_back_what_sqlite_escapes(void **state)
{
	static const char *const texts[] = {"line one\n\tline two",
		"a \"quoted\" \\ back/slash", "Fábrica 工場 🚀",
		"\x01\x1f\b\f\r", "a | b, c"};
	sqlite3 *db = NULL;

	assert_int_equal(sqlite3_open(":memory:", &db), SQLITE_OK);
	for (size_t i = 0; i < sizeof texts / sizeof *texts; i++) {
		sqlite3_stmt *st = NULL;
		struct got g;
		char want[1024];

		assert_int_equal(sqlite3_prepare_v2(db, "SELECT json_group_array("
			"json(r)) FROM (SELECT json_array(?1, ?1, NULL, ?1, ?1, "
			"?1, ?1, ?1) AS r UNION ALL SELECT json_array('\\u00e9', "
			"?1, ?1, ?1, ?1, ?1, ?1, NULL))", -1, &st, NULL),
			SQLITE_OK);
		sqlite3_bind_text(st, 1, texts[i], -1, SQLITE_STATIC);
		assert_int_equal(sqlite3_step(st), SQLITE_ROW);
		assert_int_equal(read_row((const char *)sqlite3_column_text(st,
						0), &g), 1);
		sqlite3_finalize(st);
		snprintf(want, sizeof want, "%s|%s|(null)|%s|%s|%s|%s|%s\n"
			 "\\u00e9|%s|%s|%s|%s|%s|%s|(null)", texts[i], texts[i],
			 texts[i], texts[i], texts[i], texts[i], texts[i],
			 texts[i], texts[i], texts[i], texts[i], texts[i],
			 texts[i]);
		assert_string_equal(g.text, want);
	}
	sqlite3_close(db);
}

static void shown__decodes_unicode_escapes(void **state)
{
	struct got g;

	assert_int_equal(read_row("[[\"\\u00e9\\u5de5\\ud83d\\ude80\\n\\\"\", "
				  "null, null, null, null, null, null, null]]",
				  &g), 1);
	assert_string_equal(g.text, "é工🚀\n\"|(null)|(null)|(null)|(null)|"
			    "(null)|(null)|(null)");
}

static void shown__refuses_malformed_rows(void **state)
{
	static const char *const bad[] = {"", "{}", "[", "[[]]",
		"[[\"a\",null,null,null,null,null,null]]",
		"[[\"a\",null,null,null,null,null,null,null,null]]",
		"[[\"a\",null,null,null,null,null,null,null]",
		"[[\"a,null,null,null,null,null,null,null]]",
		"[[\"\\x\",null,null,null,null,null,null,null]]",
		"[[1,null,null,null,null,null,null,null]]",
		"[[\"a\",null,null,null,null,null,null,null]] x",
		"[[\"a\",null,null,null,null,null,null,null] [\"b\",null,null,"
		"null,null,null,null,null]]"};
	struct got g;

	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
		if (read_row(bad[i], &g) != 0)
			fail_msg("read: %s", bad[i]);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(shown__reads_both_engines_rows),
		cmocka_unit_test(shown__reads_back_what_sqlite_escapes),
		cmocka_unit_test(shown__decodes_unicode_escapes),
		cmocka_unit_test(shown__refuses_malformed_rows),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
