/* Checking and normalising what users type: names, codes, dates. */
#ifndef FTRACK_TEXT_H
#define FTRACK_TEXT_H

#include <stdbool.h>
#include <stddef.h>

#define FT_NAME_MAX 200		/* bytes in a name, tenant or subscription id */
#define FT_TEXT_MAX 4000	/* bytes in notes and L3 */

/* True when s (len bytes) is well-formed UTF-8 without NUL. */
bool text_is_utf8(const char *s, size_t len);

/* Checks a name: non-blank, valid UTF-8, no control characters, at most
 * FT_NAME_MAX bytes. Returns NULL when fine, else a reason ("is empty" ...). */
const char *text_check_name(const char *s);

/* Checks free text (notes, L3): valid UTF-8, no control characters other than
 * newline and tab, at most FT_TEXT_MAX bytes. NULL when fine, else a reason. */
const char *text_check_free(const char *s);

/* Writes the canonical form of a code into out: ASCII lowercase, dashes and
 * spaces as underscores. Returns false when the code has other characters or
 * does not fit. */
bool text_code(const char *in, char *out, size_t outlen);

/* Parses a calendar date YYYY-MM-DD that exists. */
bool text_parse_date(const char *s, int *y, int *m, int *d);

/* Parses an ISO 8601 date or timestamp (YYYY-MM-DD, YYYY-MM-DDTHH:MM[:SS[.f]]
 * with Z or +HH:MM / -HH:MM, or none meaning UTC) and writes it in UTC as
 * YYYY-MM-DDTHH:MM:SSZ (out needs 21 bytes). */
bool text_parse_time(const char *s, char out[21]);

/* Edit distance between a and b, ASCII case folded, capped at cap+1. */
int text_distance(const char *a, const char *b, int cap);

/* Display width in terminal columns of UTF-8 text (wide characters count 2,
 * combining marks 0). Needs an UTF-8 LC_CTYPE for non-ASCII. */
int text_width(const char *s);

#endif
