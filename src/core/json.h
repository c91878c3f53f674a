/* A small streaming JSON writer into a strbuf: objects, arrays, keys,
 * strings, integers, booleans and null, written in the order given. It
 * writes exactly the bytes SQLite's JSON functions do (json_object,
 * json_group_array, json_quote): no white space, keys in the order
 * written, and strings escaped as json_quote() escapes them, so that JSON
 * output is the same on every engine. Like strbuf, a failure (out of
 * memory, nesting too deep) is remembered: callers write without checking
 * and ask json_failed() once. */
#ifndef FTRACK_JSON_H
#define FTRACK_JSON_H

#include <stdbool.h>
#include <stdint.h>

#include "ftrack/ftrack.h"
#include "strbuf.h"

struct ft;

/* Objects and arrays nest at most this deep. */
#define JSON_DEPTH 8

struct json {
	struct strbuf *out;
	int depth;
	bool started[JSON_DEPTH + 1];	/* the container has a member */
	bool after_key;			/* a key was written, its value not */
	bool failed;
};

/* Starts writing into out (which the caller owns and frees). */
void json_init(struct json *j, struct strbuf *out);

void json_object_open(struct json *j);
void json_object_close(struct json *j);
void json_array_open(struct json *j);
void json_array_close(struct json *j);

/* The key of the next member of the open object. */
void json_key(struct json *j, const char *key);

/* Values: text as a JSON string (NULL as null), an integer, true or
 * false, null. */
void json_text(struct json *j, const char *text);
void json_int(struct json *j, int64_t value);
void json_bool(struct json *j, bool value);
void json_null(struct json *j);

/* A key and its value in one call. */
void json_key_text(struct json *j, const char *key, const char *text);
void json_key_int(struct json *j, const char *key, int64_t value);
void json_key_bool(struct json *j, const char *key, bool value);
void json_key_null(struct json *j, const char *key);

/* True when something failed (out of memory, unbalanced or too deep). */
bool json_failed(const struct json *j);

/* Appends text to out as a JSON string, quoted and escaped exactly as
 * SQLite's json_quote() does: '"' and '\\' get a backslash; \b \f \n \r
 * \t their short forms; every other byte below 0x20 \u00XX (lowercase
 * hex); everything else, DEL and every byte of 0x80 and above included,
 * as it is. */
void json_quote_into(struct strbuf *out, const char *text);

/* Hands the finished document to fn as a row of one column "json" (the
 * FT_SHAPE_JSON row); FT_DBERR with a message when writing it failed or
 * left something open, else what fn returns. */
int json_emit(struct ft *ft, struct json *j, ft_row_fn fn, void *arg);

#endif
