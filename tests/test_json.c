/* json.c against SQLite's own JSON functions: every byte json_quote()
 * escapes or keeps, and documents built member by member. */
#include "testutil.h"
#include "json.h"

/* SQLite's json_quote() of text, into buf. */
static void sqlite_quote(sqlite3 *db, const char *text, char *buf, size_t len)
{
	sqlite3_stmt *st = NULL;

	assert_int_equal(sqlite3_prepare_v2(db, "SELECT json_quote(CAST(? AS "
					    "TEXT))", -1, &st, NULL), SQLITE_OK);
	sqlite3_bind_text(st, 1, text, -1, SQLITE_STATIC);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	snprintf(buf, len, "%s", (const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
}

/* json.c's quoting of text, to free with free(). */
static char *our_quote(const char *text)
{
	struct strbuf *s = strbuf_new();

	json_quote_into(s, text);
	assert_false(strbuf_failed(s));
	return strbuf_finish(s);
}

static void assert_same_quote(sqlite3 *db, const char *text)
{
	char want[256];
	char *got = our_quote(text);

	sqlite_quote(db, text, want, sizeof want);
	assert_string_equal(got, want);
	free(got);
}

static void quote__every_byte_as_sqlite_json_quote(void **state)
{
	sqlite3 *db = NULL;

	(void)state;
	assert_int_equal(sqlite3_open(":memory:", &db), SQLITE_OK);
	/* each byte alone and between letters (0x00 ends a C string) */
	for (int c = 1; c <= 0xff; c++) {
		char alone[2] = {(char)c, 0}, inside[4] = {'a', (char)c, 'b', 0};

		assert_same_quote(db, alone);
		assert_same_quote(db, inside);
	}
	/* UTF-8 and what is not: kept as it is */
	assert_same_quote(db, "");
	assert_same_quote(db, "Fábrica 工場 🚀 €");
	assert_same_quote(db, "line\u2028sep\u2029");
	assert_same_quote(db, "\xff\xfe bad \xc3");
	assert_same_quote(db, "O'Brien \"Ltd\" C:\\path\\ /slash/ \x7f");
	assert_same_quote(db, "\b\f\n\r\t\v\x1b\x1f");
	sqlite3_close(db);
}

static void quote__short_forms_and_lowercase_hex(void **state)
{
	char *got = our_quote("\"\\\b\f\n\r\t\x01\x1a\x1f\x7f/");

	(void)state;
	assert_string_equal(got, "\"\\\"\\\\\\b\\f\\n\\r\\t\\u0001\\u001a"
			    "\\u001f\x7f/\"");
	free(got);
}

/* SQLite's result of sql (no parameters), into buf. */
static void sqlite_text(const char *sql, char *buf, size_t len)
{
	sqlite3 *db = NULL;
	sqlite3_stmt *st = NULL;

	assert_int_equal(sqlite3_open(":memory:", &db), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	snprintf(buf, len, "%s", (const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	sqlite3_close(db);
}

static void writer__nested_document_as_sqlite_builds_it(void **state)
{
	struct strbuf *s = strbuf_new();
	struct json j;
	char want[512];

	(void)state;
	sqlite_text("SELECT json_object('b', 1, 'a', 'x\"y', 'n', NULL, "
		    "'t', json('true'), 'f', json('false'), 'neg', -42, "
		    "'big', 9223372036854775807, "
		    "'list', json_array(json_object('k', 'v'), json_array(), "
		    "json_object(), 7, NULL, 'z'), 'empty', "
		    "(SELECT json_group_array(1) WHERE 0))", want, sizeof want);
	json_init(&j, s);
	json_object_open(&j);
	json_key_int(&j, "b", 1);
	json_key_text(&j, "a", "x\"y");
	json_key_text(&j, "n", NULL);
	json_key_bool(&j, "t", true);
	json_key_bool(&j, "f", false);
	json_key_int(&j, "neg", -42);
	json_key_int(&j, "big", INT64_MAX);
	json_key(&j, "list");
	json_array_open(&j);
	json_object_open(&j);
	json_key_text(&j, "k", "v");
	json_object_close(&j);
	json_array_open(&j);
	json_array_close(&j);
	json_object_open(&j);
	json_object_close(&j);
	json_int(&j, 7);
	json_null(&j);
	json_text(&j, "z");
	json_array_close(&j);
	json_key(&j, "empty");
	json_array_open(&j);
	json_array_close(&j);
	json_object_close(&j);
	assert_false(json_failed(&j));
	assert_string_equal(strbuf_value(s), want);
	free(strbuf_finish(s));
}

/* One buffer for many documents (the history export's): each is written
 * alone, the longer one before it left no trace. */
static void writer__reused_buffer_holds_only_the_new_document(void **state)
{
	struct strbuf *s = strbuf_new();
	struct json j;
	char want[256];

	(void)state;
	json_init(&j, s);
	json_object_open(&j);
	json_key_text(&j, "long", "a value longer than the next document");
	json_key_int(&j, "min", INT64_MIN);
	json_object_close(&j);
	sqlite_text("SELECT json_object('long', 'a value longer than the next "
		    "document', 'min', -9223372036854775808)", want, sizeof want);
	assert_string_equal(strbuf_value(s), want);
	strbuf_reset(s);
	json_init(&j, s);
	json_array_open(&j);
	json_text(&j, "x\ty");
	json_int(&j, 0);
	json_array_close(&j);
	assert_false(json_failed(&j));
	sqlite_text("SELECT json_array('x	' || 'y', 0)", want, sizeof want);
	assert_string_equal(strbuf_value(s), want);
	assert_int_equal(strbuf_len(s), strlen(want));
	free(strbuf_finish(s));
}

static void writer__unbalanced_or_too_deep_fails(void **state)
{
	struct strbuf *s = strbuf_new();
	struct json j;

	(void)state;
	json_init(&j, s);
	json_array_close(&j);
	assert_true(json_failed(&j));
	json_init(&j, s);
	for (int i = 0; i <= JSON_DEPTH; i++)
		json_array_open(&j);
	assert_true(json_failed(&j));
	free(strbuf_finish(s));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(quote__every_byte_as_sqlite_json_quote),
		cmocka_unit_test(quote__short_forms_and_lowercase_hex),
		cmocka_unit_test(writer__nested_document_as_sqlite_builds_it),
		cmocka_unit_test(writer__reused_buffer_holds_only_the_new_document),
		cmocka_unit_test(writer__unbalanced_or_too_deep_fails),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
