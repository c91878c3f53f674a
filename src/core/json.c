/* The JSON writer (json.h). */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core.h"
#include "json.h"

void json_init(struct json *j, struct strbuf *out)
{
	memset(j, 0, sizeof *j);
	j->out = out;
	j->failed = out == NULL;
}

/* Before any value or key: the comma between members. */
static void member(struct json *j)
{
	if (j->after_key) {
		j->after_key = false;
		return;
	}
	if (j->started[j->depth])
		strbuf_addn(j->out, ",", 1);
	j->started[j->depth] = true;
}

static void open_with(struct json *j, const char *bracket)
{
	member(j);
	if (j->depth == JSON_DEPTH) {
		j->failed = true;
		return;
	}
	strbuf_addn(j->out, bracket, 1);
	j->started[++j->depth] = false;
}

static void close_with(struct json *j, const char *bracket)
{
	if (j->depth == 0 || j->after_key) {
		j->failed = true;
		return;
	}
	strbuf_addn(j->out, bracket, 1);
	j->depth--;
}

void json_object_open(struct json *j)
{
	open_with(j, "{");
}

void json_object_close(struct json *j)
{
	close_with(j, "}");
}

void json_array_open(struct json *j)
{
	open_with(j, "[");
}

void json_array_close(struct json *j)
{
	close_with(j, "]");
}

void json_key(struct json *j, const char *key)
{
	member(j);
	json_quote_into(j->out, key);
	strbuf_addn(j->out, ":", 1);
	j->after_key = true;
}

void json_text(struct json *j, const char *text)
{
	member(j);
	if (text == NULL)
		strbuf_add(j->out, "null");
	else
		json_quote_into(j->out, text);
}

void json_int(struct json *j, int64_t value)
{
	char digits[24];
	int n = snprintf(digits, sizeof digits, "%" PRId64, value);

	member(j);
	strbuf_addn(j->out, digits, (size_t)n);
}

void json_bool(struct json *j, bool value)
{
	member(j);
	strbuf_add(j->out, value ? "true" : "false");
}

void json_null(struct json *j)
{
	member(j);
	strbuf_add(j->out, "null");
}

void json_key_text(struct json *j, const char *key, const char *text)
{
	json_key(j, key);
	json_text(j, text);
}

void json_key_int(struct json *j, const char *key, int64_t value)
{
	json_key(j, key);
	json_int(j, value);
}

void json_key_bool(struct json *j, const char *key, bool value)
{
	json_key(j, key);
	json_bool(j, value);
}

void json_key_null(struct json *j, const char *key)
{
	json_key(j, key);
	json_null(j);
}

bool json_failed(const struct json *j)
{
	return j->failed || strbuf_failed(j->out);
}

void json_quote_into(struct strbuf *out, const char *text)
{
	const unsigned char *p = (const unsigned char *)text, *run = p;

	strbuf_addn(out, "\"", 1);
	for (;; p++) {
		const char *esc;
		char hex[8];

		if (*p >= 0x20 && *p != '"' && *p != '\\')
			continue;
		if (p > run)
			strbuf_addn(out, (const char *)run, (size_t)(p - run));
		if (*p == '\0')
			break;
		switch (*p) {
		case '"': esc = "\\\""; break;
		case '\\': esc = "\\\\"; break;
		case '\b': esc = "\\b"; break;
		case '\f': esc = "\\f"; break;
		case '\n': esc = "\\n"; break;
		case '\r': esc = "\\r"; break;
		case '\t': esc = "\\t"; break;
		default:
			snprintf(hex, sizeof hex, "\\u%04x", *p);
			esc = hex;
		}
		strbuf_add(out, esc);
		run = p + 1;
	}
	strbuf_addn(out, "\"", 1);
}

int json_emit(struct ft *ft, struct json *j, ft_row_fn fn, void *arg)
{
	static const char *const names[] = {"json"};
	const char *values[1];

	if (json_failed(j) || j->depth != 0)
		return ft_fail(ft, FT_DBERR, "cannot make the JSON output");
	values[0] = strbuf_value(j->out);
	return fn(arg, 1, names, values);
}
