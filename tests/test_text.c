#include <locale.h>
#include <stdlib.h>
#include <wchar.h>
#include "testutil.h"
#include "ftrack/text.h"

static void utf8__accepts_text_and_refuses_malformed(void **state)
{
	assert_true(text_is_utf8("Fábrica 工場 🚀", strlen("Fábrica 工場 🚀")));
	assert_false(text_is_utf8("\xC3", 1));			/* truncated */
	assert_false(text_is_utf8("\xC0\xAF", 2));		/* overlong */
	assert_false(text_is_utf8("\xED\xA0\x80", 3));		/* surrogate */
	assert_false(text_is_utf8("\xF4\x90\x80\x80", 4));	/* > U+10FFFF */
	assert_false(text_is_utf8("a\0b", 3));			/* NUL */
}

static void name__refuses_empty_blank_control_and_long(void **state)
{
	char longname[FT_NAME_MAX + 2];

	memset(longname, 'x', sizeof longname - 1);
	longname[sizeof longname - 1] = '\0';
	assert_null(text_check_name("O'Brien \"Ltd\"; DROP TABLE customer"));
	assert_non_null(text_check_name(""));
	assert_non_null(text_check_name("   "));
	assert_non_null(text_check_name("a\nb"));
	assert_non_null(text_check_name("\xff"));
	assert_non_null(text_check_name(longname));
	longname[FT_NAME_MAX] = '\0';
	assert_null(text_check_name(longname));
}

static void name__refuses_terminal_controls_without_echoing_them(
	void **state)
{
	static const char *const bad[] = {
		"a\x1b[31mb",		/* ESC */
		"a\x7f",		/* DEL */
		"a\xc2\x85" "b",		/* U+0085, next line */
		"a\xc2\x9b" "31mb",	/* U+009B, CSI */
		"a\xe2\x80\xae" "b",	/* U+202E, right-to-left override */
		"a\xe2\x81\xa6" "b",	/* U+2066, left-to-right isolate */
		"a\xe2\x80\x8f" "b",	/* U+200F, right-to-left mark */
		"a\xd8\x9c" "b",		/* U+061C, Arabic letter mark */
		"a\xe2\x80\xa8" "b",	/* U+2028, line separator */
		"a\xe2\x80\xa9" "b",	/* U+2029, paragraph separator */
	};

	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		const char *why = text_check_name(bad[i]);

		assert_non_null(why);
		assert_non_null(strstr(why, "control character (U+"));
		for (const char *p = why; *p; p++)
			assert_true((unsigned char)*p >= 0x20 &&
				    (unsigned char)*p < 0x7f);
		assert_non_null(text_check_free(bad[i]));
	}
	assert_string_equal(text_check_name("a\xe2\x80\xae" "b"),
			    "it contains a control character (U+202E)");
	/* what is shown, not acted on, stays: accents, Arabic, emoji, ZWJ */
	assert_null(text_check_name("Fábrica \xd8\xb9\xd8\xb1\xd8\xa8 "
				    "\xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x92\xbb"));
	/* notes keep their line breaks and tabs */
	assert_null(text_check_free("line one\n\tline two"));
	assert_non_null(text_check_free("a\rb"));
}

static void visible__escapes_every_control_character(void **state)
{
	char *v = text_visible("a\x1b[31mb\xc2\x9b\xe2\x80\xae\n\tc\xff "
			       "\xc3\xa9", NULL);

	assert_string_equal(v, "a\\x1b[31mb\\u009b\\u202e\\x0a\\x09c\\xff "
			    "\xc3\xa9");
	free(v);
	v = text_visible("one\ntwo\x1b", "\n");
	assert_string_equal(v, "one\ntwo\\x1b");
	free(v);
	v = text_visible(NULL, NULL);
	assert_string_equal(v, "");
	free(v);
}

/* text_width as it counted before its ASCII shortcut: every character
 * through mbrtowc() and wcwidth(). */
static int width_by_wcwidth(const char *s)
{
	mbstate_t st;
	size_t len = strlen(s);
	int width = 0;

	memset(&st, 0, sizeof st);
	while (len > 0) {
		wchar_t wc;
		size_t n = mbrtowc(&wc, s, len, &st);
		int w = 1;

		if (n == (size_t)-1 || n == (size_t)-2 || n == 0) {
			memset(&st, 0, sizeof st);
			n = 1;
		} else if ((w = wcwidth(wc)) < 0) {
			w = 0;
		}
		width += w;
		s += n;
		len -= n;
	}
	return width;
}

static void width__counts_as_wcwidth_in_both_locales(void **state)
{
	static const char *const texts[] = {"", "Customer 0000042",
		"a\tb\x1b[31m\x7f~ ", "Fábrica 工場 🚀", "e\xcc\x81",
		"\xff\xc3 x", "Usar una solución competitiva, \xe2\x80\xa6"};
	static const char *const locales[] = {"C.UTF-8", "C"};

	for (size_t l = 0; l < 2; l++) {
		if (setlocale(LC_CTYPE, locales[l]) == NULL)
			continue;
		for (size_t i = 0; i < sizeof texts / sizeof *texts; i++)
			assert_int_equal(text_width(texts[i]),
					 width_by_wcwidth(texts[i]));
	}
	setlocale(LC_CTYPE, "C");
	assert_int_equal(text_width("a\tb\x7f c"), 4);
}

static void code__takes_dashes_and_underscores_alike(void **state)
{
	char out[32];

	assert_true(text_code("assignment-fm", out, sizeof out));
	assert_string_equal(out, "assignment_fm");
	assert_true(text_code("Executive_Sponsorship", out, sizeof out));
	assert_string_equal(out, "executive_sponsorship");
	assert_false(text_code("bad;code", out, sizeof out));
	assert_false(text_code("", out, sizeof out));
}

static void date__refuses_impossible_days(void **state)
{
	int y, m, d;

	assert_true(text_parse_date("2024-02-29", &y, &m, &d));
	assert_int_equal(d, 29);
	assert_false(text_parse_date("2026-02-29", &y, &m, &d));
	assert_false(text_parse_date("2026-02-30", &y, &m, &d));
	assert_false(text_parse_date("2026-13-01", &y, &m, &d));
	assert_false(text_parse_date("0000-00-00", &y, &m, &d));
	assert_false(text_parse_date("2026-1-01", &y, &m, &d));
	assert_false(text_parse_date("2026-01-01x", &y, &m, &d));
}

static void time__normalises_to_utc(void **state)
{
	char out[21];

	assert_true(text_parse_time("2026-03-27", out));
	assert_string_equal(out, "2026-03-27T00:00:00Z");
	assert_true(text_parse_time("2026-03-27T10:00:00Z", out));
	assert_string_equal(out, "2026-03-27T10:00:00Z");
	assert_true(text_parse_time("2026-03-27T01:30+02:00", out));
	assert_string_equal(out, "2026-03-26T23:30:00Z");
	assert_true(text_parse_time("2026-12-31T23:59:59.5-01:00", out));
	assert_string_equal(out, "2027-01-01T00:59:59Z");
	assert_false(text_parse_time("2026-03-27T24:00:00Z", out));
	assert_false(text_parse_time("yesterday", out));
	assert_false(text_parse_time("2026-03-27T10:00:00Q", out));
}

/* Two names are one when their keys (text_fold) are equal. */
static bool same_name(const char *a, const char *b)
{
	char *ka = text_fold(a), *kb = text_fold(b);
	bool same;

	assert_non_null(ka);
	assert_non_null(kb);
	same = strcmp(ka, kb) == 0;
	free(ka);
	free(kb);
	return same;
}

static void fold__case_and_umlauts(void **state)
{
	char *key = text_fold("MÜLLER & SÖHNE GMBH");

	assert_string_equal(key, "müller & söhne gmbh");
	free(key);
	assert_true(same_name("MÜLLER & SÖHNE GMBH", "Müller & Söhne GmbH"));
	assert_true(same_name("Ü", "ü"));
	assert_true(same_name("ΣΟΦΊΑ", "σοφία"));
	/* accents are kept: folding is case and form, not spelling */
	assert_false(same_name("Müller", "Muller"));
	assert_false(same_name("Café", "Cafe"));
}

static void fold__nfd_is_nfc(void **state)
{
	char *key = text_fold("Cafe\xcc\x81");	/* e + U+0301 */

	assert_string_equal(key, "caf\xc3\xa9");	/* U+00E9 */
	free(key);
	assert_true(same_name("Cafe\xcc\x81", "Caf\xc3\xa9"));
	assert_true(same_name("CAFE\xcc\x81", "caf\xc3\xa9"));
}

static void fold__sharp_s_is_ss(void **state)
{
	assert_true(same_name("STRASSE", "Straße"));
	assert_true(same_name("straße", "STRASSE"));
	assert_true(same_name("ﬁne", "FINE"));	/* U+FB01 ligature fi */
}

/* Default folding, not Turkish: "I" and "i" are one; "İ" (U+0130) folds to
 * "i" + U+0307, so "İstanbul" is not "istanbul" (nor "ISTANBUL"), and
 * dotless "ı" is a letter of its own. */
static void fold__turkish_i_takes_the_default_folding(void **state)
{
	char *key = text_fold("İstanbul");

	assert_string_equal(key, "i\xcc\x87stanbul");
	free(key);
	assert_true(same_name("ISTANBUL", "istanbul"));
	assert_true(same_name("İSTANBUL", "İstanbul"));
	assert_true(same_name("İstanbul", "i\xcc\x87stanbul"));
	assert_false(same_name("İstanbul", "istanbul"));
	assert_false(same_name("İstanbul", "ISTANBUL"));
	assert_false(same_name("ıstanbul", "istanbul"));
}

static void fold__keeps_text_that_is_not_utf8(void **state)
{
	char *key = text_fold("AB\xff");

	assert_string_equal(key, "AB\xff");
	free(key);
	key = text_fold("");
	assert_string_equal(key, "");
	free(key);
}

static void distance__counts_edits_in_code_points(void **state)
{
	char *a = text_fold("Exchnge Online"), *b = text_fold("exchange online");

	assert_int_equal(text_distance(a, b, 5), 1);
	free(a);
	free(b);
	assert_int_equal(text_distance("abc", "abc", 2), 0);
	assert_int_equal(text_distance("a", "abcdefgh", 2), 3);
	/* one accent is one edit, not two bytes */
	assert_int_equal(text_distance("müller", "muller", 2), 1);
	assert_int_equal(text_distance("工場", "工場x", 2), 1);
	assert_int_equal(text_length("Müller 工場"), 9);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(utf8__accepts_text_and_refuses_malformed),
		cmocka_unit_test(name__refuses_empty_blank_control_and_long),
		cmocka_unit_test(
			name__refuses_terminal_controls_without_echoing_them),
		cmocka_unit_test(visible__escapes_every_control_character),
		cmocka_unit_test(width__counts_as_wcwidth_in_both_locales),
		cmocka_unit_test(code__takes_dashes_and_underscores_alike),
		cmocka_unit_test(date__refuses_impossible_days),
		cmocka_unit_test(time__normalises_to_utc),
		cmocka_unit_test(fold__case_and_umlauts),
		cmocka_unit_test(fold__nfd_is_nfc),
		cmocka_unit_test(fold__sharp_s_is_ss),
		cmocka_unit_test(fold__turkish_i_takes_the_default_folding),
		cmocka_unit_test(fold__keeps_text_that_is_not_utf8),
		cmocka_unit_test(distance__counts_edits_in_code_points),
	};

	return cmocka_run_group_tests_name("text", tests, NULL, NULL);
}
