/* RFC 5322 / MIME encodings for 'ftrack notify --format eml'. */
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <nettle/base64.h>

#include "mail.h"

/* Bytes of UTF-8 per encoded word: 45 make 60 base64 characters, and
 * "=?UTF-8?B?" and "?=" bring the word to 72 (RFC 2047 allows 75). */
#define WORD_BYTES 45

static bool plain_ascii(const char *s, size_t max)
{
	size_t n = 0;

	for (; s[n]; n++)
		if ((unsigned char)s[n] < 0x20 || (unsigned char)s[n] > 0x7e)
			return false;
	/* "=?" would read as an encoded word */
	return n <= max && strstr(s, "=?") == NULL;
}

/* Appends one encoded word of the n bytes at s. */
static void encoded_word(struct strbuf *out, const char *s, size_t n)
{
	struct base64_encode_ctx ctx;
	char b64[BASE64_ENCODE_RAW_LENGTH(WORD_BYTES) + 1];

	base64_encode_init(&ctx);
	base64_encode_raw((void *)b64, n, (const uint8_t *)s);
	b64[BASE64_ENCODE_RAW_LENGTH(n)] = '\0';
	strbuf_addf(out, "=?UTF-8?B?%s?=", b64);
}

void mail_header_text(struct strbuf *out, const char *text, bool quote)
{
	size_t len = strlen(text), at = 0;

	if (plain_ascii(text, 60)) {
		if (!quote) {
			strbuf_add(out, text);
			return;
		}
		strbuf_addch(out, 1, '"');
		for (const char *p = text; *p; p++) {
			if (*p == '"' || *p == '\\')
				strbuf_addch(out, 1, '\\');
			strbuf_addch(out, 1, *p);
		}
		strbuf_addch(out, 1, '"');
		return;
	}
	while (at < len) {
		size_t n = len - at < WORD_BYTES ? len - at : WORD_BYTES;

		/* never split a UTF-8 sequence between two words */
		while (at + n < len && n > 1 &&
		       ((unsigned char)text[at + n] & 0xc0) == 0x80)
			n--;
		if (at > 0)
			strbuf_add(out, "\r\n ");
		encoded_word(out, text + at, n);
		at += n;
	}
}

bool mail_date(struct strbuf *out, const char *iso)
{
	static const char *const days[] = {"Sun", "Mon", "Tue", "Wed", "Thu",
		"Fri", "Sat"};
	static const char *const months[] = {"Jan", "Feb", "Mar", "Apr",
		"May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
	struct tm tm = {0};
	time_t t;

	if (sscanf(iso, "%4d-%2d-%2dT%2d:%2d:%2d", &tm.tm_year, &tm.tm_mon,
		   &tm.tm_mday, &tm.tm_hour, &tm.tm_min, &tm.tm_sec) != 6)
		return false;
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	if ((t = timegm(&tm)) == (time_t)-1 || gmtime_r(&t, &tm) == NULL)
		return false;
	strbuf_addf(out, "%s, %02d %s %04d %02d:%02d:%02d +0000",
			    days[tm.tm_wday], tm.tm_mday, months[tm.tm_mon],
			    tm.tm_year + 1900, tm.tm_hour, tm.tm_min,
			    tm.tm_sec);
	return true;
}

/* Whether byte c of a line may stay as it is (a blank only when more of
 * the line follows). */
static bool qp_literal(unsigned char c, bool last)
{
	if (c == ' ' || c == '\t')
		return !last;
	return c >= 33 && c <= 126 && c != '=';
}

void mail_quoted_printable(struct strbuf *out, const char *text)
{
	const char *p = text;

	while (*p) {
		size_t n = strcspn(p, "\n"), col = 0;

		if (n > 0 && p[n - 1] == '\r')
			n--;	/* a CRLF line end */
		for (size_t i = 0; i < n; i++) {
			unsigned char c = (unsigned char)p[i];
			bool literal = qp_literal(c, i + 1 == n);
			size_t w = literal ? 1 : 3;

			/* 75 characters and the soft break's '=' */
			if (col + w > 75) {
				strbuf_add(out, "=\r\n");
				col = 0;
			}
			if (literal)
				strbuf_addch(out, 1, (char)c);
			else
				strbuf_addf(out, "=%02X", c);
			col += w;
		}
		strbuf_add(out, "\r\n");
		p += n;
		if (*p == '\r')
			p++;
		if (*p == '\n')
			p++;
	}
}
