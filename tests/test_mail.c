/* The mail encodings of 'ftrack notify --format eml' (src/core/mail.c):
 * quoted-printable bodies, header words, dates; and the e-mail address
 * check (text_check_email). */
#include <stdlib.h>
#include "testutil.h"
#include "mail.h"
#include "ftrack/text.h"

/* What f appends to a new string, as a new string to free(). */
static char *built(void (*f)(struct strbuf *, const char *), const char *in)
{
	struct strbuf *s = strbuf_new();
	char *v, *out;

	f(s, in);
	v = strbuf_finish(s);
	out = strdup(v ? v : "");
	free(v);
	return out;
}

static void header_plain(struct strbuf *s, const char *in)
{
	mail_header_text(s, in, false);
}

static void header_quoted(struct strbuf *s, const char *in)
{
	mail_header_text(s, in, true);
}

static void date(struct strbuf *s, const char *in)
{
	assert_true(mail_date(s, in));
}

#define EXPECT(f, in, want) do { \
	char *got_ = built(f, in); \
	assert_string_equal(got_, want); \
	free(got_); \
} while (0)

static void qp__equals_non_ascii_and_trailing_blanks_encoded(void **state)
{
	EXPECT(mail_quoted_printable, "a=b ñ\nend \n\ttab\t\n",
	       "a=3Db =C3=B1\r\nend=20\r\n\ttab=09\r\n");
	EXPECT(mail_quoted_printable, "crlf\r\nkept\r\n", "crlf\r\nkept\r\n");
	EXPECT(mail_quoted_printable, "", "");
}

static void qp__long_lines_soft_broken_at_76_never_inside_an_escape(
	void **state)
{
	char in[200], *out;

	memset(in, 'x', 74);
	memcpy(in + 74, "é", 2);	/* =C3=A9 does not fit after 74 */
	memset(in + 76, 'y', 100);
	in[176] = '\0';
	out = built(mail_quoted_printable, in);
	for (const char *p = out; *p;) {
		const char *end = strstr(p, "\r\n");

		assert_non_null(end);
		assert_true(end - p <= 76);
		p = end + 2;
	}
	assert_true(strncmp(out + 74, "=\r\n=C3=A9", 9) == 0);
	free(out);
}

static void header__ascii_as_is_quoted_escaped_else_encoded_words(
	void **state)
{
	EXPECT(header_plain, "No Intent: Contoso", "No Intent: Contoso");
	EXPECT(header_quoted, "Tom \"T\" \\ <x>", "\"Tom \\\"T\\\" \\\\ <x>\"");
	EXPECT(header_quoted, "Zoë", "=?UTF-8?B?Wm/Dqw==?=");
	/* a CR LF never passes as it is */
	EXPECT(header_plain, "a\r\nBcc: x", "=?UTF-8?B?YQ0KQmNjOiB4?=");
	EXPECT(header_plain, "=?x?=", "=?UTF-8?B?PT94Pz0=?=");
}

static void header__long_text_in_words_of_whole_characters(void **state)
{
	char in[3 * 40 + 1], *out;

	for (int i = 0; i < 40; i++)
		memcpy(in + 3 * i, "€", 3);	/* 45 bytes a word: 15 */
	in[120] = '\0';
	out = built(header_plain, in);
	assert_string_equal(out,
		"=?UTF-8?B?4oKs4oKs4oKs4oKs4oKs4oKs4oKs4oKs4oKs4oKs4oKs4oKs4o"
		"Ks4oKs4oKs?=\r\n =?UTF-8?B?4oKs4oKs4oKs4oKs4oKs4oKs4oKs4oKs4"
		"oKs4oKs4oKs4oKs4oKs4oKs4oKs?=\r\n =?UTF-8?B?4oKs4oKs4oKs4oKs"
		"4oKs4oKs4oKs4oKs4oKs4oKs?=");
	free(out);
}

static void date__rfc_5322_with_the_weekday(void **state)
{
	EXPECT(date, "2026-03-27T10:00:00Z", "Fri, 27 Mar 2026 10:00:00 +0000");
	EXPECT(date, "2024-02-29T23:59:59Z", "Thu, 29 Feb 2024 23:59:59 +0000");
}

static void email__addr_spec_only(void **state)
{
	static const char *const good[] = {"ana@example.com",
		"ana.garcia+ftrack@mail.contoso.example", "o'brien@x-y.example",
		NULL};
	static const char *const bad[] = {"", "ana", "ana@", "@example.com",
		"ana@example", "a b@example.com", "\"ana\"@example.com",
		"<ana@example.com>", "ana@example.com,bo@example.com",
		"ana@example.com\r\nBcc: x@y.example", "añа@example.com",
		"ana@@example.com", "ana@exa_mple.com", "ana@-example.com",
		"ana@example-.com", ".ana@example.com", "ana.@example.com",
		"a..na@example.com", "ana@example..com", "ana@example.com.",
		NULL};

	for (int i = 0; good[i]; i++)
		assert_null(text_check_email(good[i]));
	for (int i = 0; bad[i]; i++)
		if (text_check_email(bad[i]) == NULL)
			fail_msg("'%s' passed", bad[i]);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(qp__equals_non_ascii_and_trailing_blanks_encoded),
		cmocka_unit_test(
			qp__long_lines_soft_broken_at_76_never_inside_an_escape),
		cmocka_unit_test(
			header__ascii_as_is_quoted_escaped_else_encoded_words),
		cmocka_unit_test(header__long_text_in_words_of_whole_characters),
		cmocka_unit_test(date__rfc_5322_with_the_weekday),
		cmocka_unit_test(email__addr_spec_only),
	};

	return cmocka_run_group_tests_name("mail", tests, NULL, NULL);
}
