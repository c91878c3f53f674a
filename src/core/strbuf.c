#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "strbuf.h"

struct strbuf {
	char *buf;
	size_t len, cap;
	bool failed;
};

struct strbuf *strbuf_new(void)
{
	return calloc(1, sizeof(struct strbuf));
}

/* Makes room for n more bytes and the NUL. */
static bool grow(struct strbuf *s, size_t n)
{
	size_t cap;
	char *buf;

	if (s == NULL || s->failed)
		return false;
	if (s->len + n + 1 <= s->cap)
		return true;
	cap = s->cap ? s->cap : 64;
	while (cap < s->len + n + 1) {
		if (cap > SIZE_MAX / 2)
			goto fail;
		cap *= 2;
	}
	if ((buf = realloc(s->buf, cap)) == NULL)
		goto fail;
	s->buf = buf;
	s->cap = cap;
	return true;
fail:
	s->failed = true;
	return false;
}

void strbuf_add(struct strbuf *s, const char *text)
{
	strbuf_addn(s, text, strlen(text));
}

void strbuf_addn(struct strbuf *s, const char *text, size_t n)
{
	if (grow(s, n)) {
		memcpy(s->buf + s->len, text, n);
		s->len += n;
		s->buf[s->len] = '\0';
	}
}

void strbuf_reset(struct strbuf *s)
{
	if (s == NULL || s->failed || s->buf == NULL)
		return;
	s->len = 0;
	s->buf[0] = '\0';
}

void strbuf_addf(struct strbuf *s, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0) {
		if (s != NULL)
			s->failed = true;
		return;
	}
	if (!grow(s, (size_t)n))
		return;
	va_start(ap, fmt);
	vsnprintf(s->buf + s->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	s->len += (size_t)n;
}

void strbuf_addch(struct strbuf *s, int n, char c)
{
	if (n <= 0 || !grow(s, (size_t)n))
		return;
	memset(s->buf + s->len, c, (size_t)n);
	s->len += (size_t)n;
	s->buf[s->len] = '\0';
}

bool strbuf_failed(const struct strbuf *s)
{
	return s == NULL || s->failed;
}

const char *strbuf_value(const struct strbuf *s)
{
	return s == NULL || s->failed || s->len == 0 ? NULL : s->buf;
}

size_t strbuf_len(const struct strbuf *s)
{
	return s == NULL || s->failed ? 0 : s->len;
}

char *strbuf_finish(struct strbuf *s)
{
	char *text = NULL;

	if (s == NULL)
		return NULL;
	if (!s->failed && s->len > 0)
		text = s->buf;
	else
		free(s->buf);
	free(s);
	return text;
}

char *str_printf(const char *fmt, ...)
{
	va_list ap;
	char *text;
	int n;

	va_start(ap, fmt);
	n = vasprintf(&text, fmt, ap);
	va_end(ap);
	return n < 0 ? NULL : text;
}
