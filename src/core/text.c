#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicase.h>
#include <unictype.h>
#include <uninorm.h>
#include <wchar.h>

#include "ftrack/text.h"

bool text_is_utf8(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s, *end = p + len;

	while (p < end) {
		unsigned c = *p;
		size_t n;
		unsigned min;

		if (c == 0)
			return false;
		if (c < 0x80) {
			p++;
			continue;
		}
		if (c >= 0xC2 && c <= 0xDF)
			n = 1, min = 0x80;
		else if (c >= 0xE0 && c <= 0xEF)
			n = 2, min = 0x800;
		else if (c >= 0xF0 && c <= 0xF4)
			n = 3, min = 0x10000;
		else
			return false;
		if ((size_t)(end - p) <= n)
			return false;
		unsigned cp = c & (0x3F >> n);
		for (size_t i = 1; i <= n; i++) {
			if ((p[i] & 0xC0) != 0x80)
				return false;
			cp = (cp << 6) | (p[i] & 0x3F);
		}
		/* Overlong forms, surrogates and past U+10FFFF are not UTF-8. */
		if (cp < min || (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF)
			return false;
		p += n + 1;
	}
	return true;
}

static bool is_blank(const char *s)
{
	for (; *s; s++)
		if (!isspace((unsigned char)*s))
			return false;
	return true;
}

/* The code point of the UTF-8 sequence at s (at most n bytes) and its
 * length in *len; -1 (and *len 1) when s does not start a well-formed one. */
static long utf8_at(const unsigned char *s, size_t n, size_t *len)
{
	size_t k;
	long cp;

	*len = 1;
	if (s[0] < 0x80)
		return s[0];
	if (s[0] >= 0xC2 && s[0] <= 0xDF)
		k = 1, cp = s[0] & 0x1F;
	else if (s[0] >= 0xE0 && s[0] <= 0xEF)
		k = 2, cp = s[0] & 0x0F;
	else if (s[0] >= 0xF0 && s[0] <= 0xF4)
		k = 3, cp = s[0] & 0x07;
	else
		return -1;
	if (n <= k)
		return -1;
	for (size_t i = 1; i <= k; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return -1;
		cp = (cp << 6) | (s[i] & 0x3F);
	}
	if (cp < (k == 1 ? 0x80 : k == 2 ? 0x800 : 0x10000) ||
	    (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF)
		return -1;
	*len = k + 1;
	return cp;
}

bool text_is_control(long cp)
{
	return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) ||
	       (cp >= 0x202A && cp <= 0x202E) ||
	       (cp >= 0x2066 && cp <= 0x2069) || cp == 0x200E || cp == 0x200F ||
	       cp == 0x061C || cp == 0x2028 || cp == 0x2029;
}

/* The first control character of s (text_is_control) that allowed does not
 * list, or -1 when there is none; s is valid UTF-8. */
static long first_control(const char *s, const char *allowed)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n = strlen(s), len;

	while (n > 0) {
		long cp = utf8_at(p, n, &len);

		if (cp >= 0 && text_is_control(cp) &&
		    (cp == 0 || cp > 0x7F || strchr(allowed, (int)cp) == NULL))
			return cp;
		p += len;
		n -= len;
	}
	return -1;
}

/* The reason for a refused control character, naming it by its code point
 * rather than echoing it. One buffer per thread: read it before the next
 * check. */
static const char *control_reason(long cp)
{
	static _Thread_local char why[80];

	snprintf(why, sizeof why, "it contains a control character (U+%04lX)",
		 (unsigned long)cp);
	return why;
}

const char *text_check_name(const char *s)
{
	size_t len = strlen(s);
	long cp;

	if (len == 0 || is_blank(s))
		return "it is empty";
	if (!text_is_utf8(s, len))
		return "it is not valid UTF-8";
	if ((cp = first_control(s, "")) >= 0)
		return control_reason(cp);
	if (len > FT_NAME_MAX)
		return "it is longer than 200 bytes";
	return NULL;
}

/* White space that would hide at a name's ends (Unicode White_Space but
 * the controls, which text_is_control refuses anyway). */
static bool is_space(long cp)
{
	return cp == 0x20 || cp == 0xA0 || cp == 0x1680 ||
	       (cp >= 0x2000 && cp <= 0x200A) || cp == 0x202F ||
	       cp == 0x205F || cp == 0x2800 || cp == 0x3000;
}

/* Characters that show as nothing and are no part of a script's spelling
 * (zero width joiners, which some scripts and emoji need, are kept). */
static bool is_invisible(long cp)
{
	return cp == 0xAD || cp == 0x34F || cp == 0x115F || cp == 0x1160 ||
	       cp == 0x17B4 || cp == 0x17B5 || cp == 0x180E || cp == 0x200B ||
	       (cp >= 0x2060 && cp <= 0x2064) || cp == 0x3164 ||
	       cp == 0xFEFF || cp == 0xFFA0;
}

const char *text_check_new_name(const char *s)
{
	static _Thread_local char why[80];
	const unsigned char *p = (const unsigned char *)s;
	const char *bad = text_check_name(s);
	size_t n = strlen(s), len;
	long cp = -1;

	if (bad != NULL)
		return bad;
	if (is_space(utf8_at(p, n, &len)))
		return "it begins with a space";
	while (n > 0) {
		cp = utf8_at(p, n, &len);
		if (is_invisible(cp)) {
			snprintf(why, sizeof why, "it contains an invisible "
				 "character (U+%04lX)", (unsigned long)cp);
			return why;
		}
		p += len;
		n -= len;
	}
	return is_space(cp) ? "it ends with a space" : NULL;
}

const char *text_check_free(const char *s)
{
	size_t len = strlen(s);
	long cp;

	if (!text_is_utf8(s, len))
		return "it is not valid UTF-8";
	if ((cp = first_control(s, "\n\t")) >= 0)
		return control_reason(cp);
	if (len > FT_TEXT_MAX)
		return "it is longer than 4000 bytes";
	return NULL;
}

/* RFC 5322 atext: letters, digits and these. */
static bool is_atext(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || strchr("!#$%&'*+/=?^_`{|}~-", c);
}

static bool is_label_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c == '-';
}

/* Checks dot-separated parts of [s, end): none empty, each char passing
 * ok; labels (hyphens) may not start or end with '-'. */
static bool dotted(const char *s, const char *end, bool (*ok)(char),
		   bool labels)
{
	const char *part = s;

	for (const char *p = s; p <= end; p++) {
		if (p < end && *p != '.') {
			if (*p == '\0' || !ok(*p))
				return false;
			continue;
		}
		if (p == part || (labels && (*part == '-' || p[-1] == '-')))
			return false;
		part = p + 1;
	}
	return true;
}

const char *text_check_email(const char *s)
{
	const char *at = strchr(s, '@');
	size_t len = strlen(s);

	if (len == 0)
		return "it is empty";
	if (len > 254)
		return "it is longer than 254 bytes";
	if (at == NULL || strchr(at + 1, '@') != NULL)
		return "it needs exactly one '@' (name@example.com)";
	if (at == s || at - s > 64)
		return "the part before '@' must have 1 to 64 characters";
	if (!dotted(s, at, is_atext, false))
		return "the part before '@' may hold only letters, digits, "
		       "single dots and !#$%&'*+/=?^_`{|}~-";
	/* what a mail reader would decode as an RFC 2047 encoded word */
	if (strstr(s, "=?") != NULL)
		return "it may not hold '=?' (it would read as an encoded word)";
	if (strchr(at + 1, '.') == NULL ||
	    !dotted(at + 1, s + len, is_label_char, true))
		return "the domain after '@' must be names of letters, digits "
		       "and hyphens joined by dots (example.com)";
	return NULL;
}

char *text_visible(const char *s, const char *keep)
{
	const unsigned char *p = (const unsigned char *)(s ? s : "");
	size_t n = strlen((const char *)p), len, used = 0;
	/* the longest escape, \uHHHHHH, is 8 bytes for at least 2 in */
	char *out = malloc(4 * n + 1);

	if (out == NULL)
		return NULL;
	while (n > 0) {
		long cp;

		/* printable ASCII as it is */
		if (*p >= 0x20 && *p < 0x7F) {
			out[used++] = (char)*p++;
			n--;
			continue;
		}
		cp = utf8_at(p, n, &len);
		if (cp < 0 || (text_is_control(cp) &&
			       (cp == 0 || cp > 0x7F ||
				strchr(keep ? keep : "", (int)cp) == NULL))) {
			if (cp < 0 || cp < 0x80)
				used += (size_t)snprintf(out + used, 5, "\\x%02x",
							 cp < 0 ? p[0]
								: (unsigned)cp);
			else
				used += (size_t)snprintf(out + used, 7, "\\u%04lx",
							 (unsigned long)cp);
		} else {
			memcpy(out + used, p, len);
			used += len;
		}
		p += len;
		n -= len;
	}
	out[used] = '\0';
	return out;
}

bool text_code(const char *in, char *out, size_t outlen)
{
	size_t i = 0;

	for (; in[i] != '\0'; i++) {
		unsigned char c = (unsigned char)in[i];

		/* a refused code leaves no half of itself behind */
		if (i + 1 >= outlen || !(c == '-' || c == '_' || c == ' ' ||
					 (isalnum(c) && c < 0x80))) {
			if (outlen > 0)
				out[0] = '\0';
			return false;
		}
		out[i] = c == '-' || c == ' ' ? '_' : (char)tolower(c);
	}
	out[i] = '\0';
	return i > 0;
}

static int days_in_month(int y, int m)
{
	static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;

	return m == 2 && leap ? 29 : days[m - 1];
}

/* Reads exactly n decimal digits. */
static bool digits(const char **s, int n, int *out)
{
	int v = 0;

	for (int i = 0; i < n; i++) {
		if (!isdigit((unsigned char)(*s)[i]))
			return false;
		v = v * 10 + ((*s)[i] - '0');
	}
	*s += n;
	*out = v;
	return true;
}

static bool parse_ymd(const char **p, int *y, int *m, int *d)
{
	if (!digits(p, 4, y) || *(*p)++ != '-' || !digits(p, 2, m) ||
	    *(*p)++ != '-' || !digits(p, 2, d))
		return false;
	return *y >= 1 && *m >= 1 && *m <= 12 && *d >= 1 &&
	       *d <= days_in_month(*y, *m);
}

bool text_parse_date(const char *s, int *y, int *m, int *d)
{
	return parse_ymd(&s, y, m, d) && *s == '\0';
}

/* Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's
 * days_from_civil). */
static long long days_from_civil(int y, int m, int d)
{
	y -= m <= 2;
	long long era = (y >= 0 ? y : y - 399) / 400;
	long long yoe = y - era * 400;
	long long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	long long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

	return era * 146097 + doe - 719468;
}

static void civil_from_days(long long z, int *y, int *m, int *d)
{
	z += 719468;
	long long era = (z >= 0 ? z : z - 146096) / 146097;
	long long doe = z - era * 146097;
	long long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long long mp = (5 * doy + 2) / 153;

	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

bool text_parse_time(const char *s, char out[21])
{
	int y, mo, d, h = 0, mi = 0, sec = 0, oh = 0, om = 0, sign = 0;
	const char *p = s;

	if (!parse_ymd(&p, &y, &mo, &d))
		return false;
	if (*p == 'T' || *p == 't' || *p == ' ') {
		p++;
		if (!digits(&p, 2, &h) || *p++ != ':' || !digits(&p, 2, &mi))
			return false;
		if (*p == ':') {
			p++;
			if (!digits(&p, 2, &sec))
				return false;
			if (*p == '.' || *p == ',') {
				p++;
				if (!isdigit((unsigned char)*p))
					return false;
				while (isdigit((unsigned char)*p))
					p++;
			}
		}
		if (h > 23 || mi > 59 || sec > 59)
			return false;
		if (*p == 'Z' || *p == 'z') {
			p++;
		} else if (*p == '+' || *p == '-') {
			sign = *p++ == '+' ? 1 : -1;
			if (!digits(&p, 2, &oh))
				return false;
			if (*p == ':')
				p++;
			if (!digits(&p, 2, &om) || oh > 23 || om > 59)
				return false;
		}
	}
	if (*p != '\0')
		return false;
	long long t = days_from_civil(y, mo, d) * 86400LL + h * 3600 + mi * 60 +
		      sec - sign * (oh * 3600 + om * 60);
	long long days = t >= 0 ? t / 86400 : (t - 86399) / 86400;
	long long rest = t - days * 86400;
	civil_from_days(days, &y, &mo, &d);
	if (y < 1 || y > 9999)
		return false;
	/* The fields are in range; the wide buffer only quiets -Wformat. */
	char buf[64];
	snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02dZ", y, mo, d,
		 (int)(rest / 3600), (int)(rest / 60 % 60), (int)(rest % 60));
	memcpy(out, buf, 21);
	return true;
}

char *text_fold(const char *s)
{
	size_t n = strlen(s), len = 0;
	uint8_t *key;
	char *out;

	if (!text_is_utf8(s, n))
		return strdup(s);
	key = u8_casefold((const uint8_t *)s, n, NULL, UNINORM_NFC, NULL, &len);
	if (key == NULL || (out = malloc(len + 1)) == NULL) {
		free(key);
		return NULL;
	}
	/* Default ignorable code points (joiners, variation selectors, tags
	 * ...) show as nothing: two names that differ only by them are one
	 * (migration 0018). The bidi controls among them stay, so that a name
	 * holding one finds nothing (names refuse them). */
	n = 0;
	for (size_t i = 0, k; i < len; i += k) {
		long cp = utf8_at(key + i, len - i, &k);

		if (cp < 0 || text_is_control(cp) ||
		    !uc_is_property_default_ignorable_code_point((ucs4_t)cp)) {
			memcpy(out + n, key + i, k);
			n += k;
		}
	}
	out[n] = '\0';
	free(key);
	return out;
}

size_t text_length(const char *s)
{
	size_t n = strlen(s), len, count = 0;

	for (; n > 0; count++) {
		utf8_at((const unsigned char *)s, n, &len);
		s += len;
		n -= len;
	}
	return count;
}

/* The code points of s into a new array (*n of them); a byte that is not
 * UTF-8 stands for itself, below zero. NULL when out of memory. */
static long *code_points(const char *s, size_t *n)
{
	size_t left = strlen(s), len;
	long *cps = malloc((left + 1) * sizeof *cps);

	*n = 0;
	while (cps != NULL && left > 0) {
		long cp = utf8_at((const unsigned char *)s, left, &len);

		cps[(*n)++] = cp >= 0 ? cp : -1 - (long)(unsigned char)*s;
		s += len;
		left -= len;
	}
	return cps;
}

int text_distance(const char *a, const char *b, int cap)
{
	size_t la, lb;
	long *ca = code_points(a, &la), *cb = code_points(b, &lb);
	int *row = NULL, result = cap + 1;

	if (ca == NULL || cb == NULL ||
	    (la > lb ? la - lb : lb - la) > (size_t)cap ||
	    (row = malloc((lb + 1) * sizeof *row)) == NULL)
		goto cleanup;
	for (size_t j = 0; j <= lb; j++)
		row[j] = (int)j;
	for (size_t i = 1; i <= la; i++) {
		int diag = row[0];

		row[0] = (int)i;
		for (size_t j = 1; j <= lb; j++) {
			int up = row[j];
			int best = diag + (ca[i - 1] != cb[j - 1]);

			if (up + 1 < best)
				best = up + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			row[j] = best;
			diag = up;
		}
	}
	result = row[lb] > cap ? cap + 1 : row[lb];
cleanup:
	free(row);
	free(ca);
	free(cb);
	return result;
}

int text_width(const char *s)
{
	mbstate_t st;
	size_t len = strlen(s);
	int width = 0;

	memset(&st, 0, sizeof st);
	while (len > 0) {
		wchar_t wc;
		size_t n;
		int w;

		/* ASCII, as mbrtowc() and wcwidth() would count it: one
		 * column, none for a control character */
		if ((unsigned char)*s < 0x80 && mbsinit(&st)) {
			width += *s >= 0x20 && *s < 0x7F;
			s++;
			len--;
			continue;
		}
		n = mbrtowc(&wc, s, len, &st);
		if (n == (size_t)-1 || n == (size_t)-2 || n == 0) {
			/* Not decodable here: count the byte as one column. */
			memset(&st, 0, sizeof st);
			n = 1;
			w = 1;
		} else {
			w = wcwidth(wc);
			if (w < 0)
				w = 0;
		}
		width += w;
		s += n;
		len -= n;
	}
	return width;
}

char *text_truncate(const char *s, int width)
{
	static const char ellipsis[] = "\u2026";
	mbstate_t st;
	size_t len = strlen(s), keep = 0;
	int used = 0;
	char *out;

	if (text_width(s) <= width)
		return strdup(s);
	memset(&st, 0, sizeof st);
	/* whole characters while one column is left for the ellipsis */
	while (keep < len) {
		wchar_t wc;
		size_t n = mbrtowc(&wc, s + keep, len - keep, &st);
		int w;

		if (n == (size_t)-1 || n == (size_t)-2 || n == 0) {
			memset(&st, 0, sizeof st);
			n = 1;
			w = 1;
		} else if ((w = wcwidth(wc)) < 0) {
			w = 0;
		}
		if (used + w > width - 1)
			break;
		used += w;
		keep += n;
	}
	if ((out = malloc(keep + sizeof ellipsis)) == NULL)
		return NULL;
	memcpy(out, s, keep);
	memcpy(out + keep, ellipsis, sizeof ellipsis);
	return out;
}
