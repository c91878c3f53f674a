/* Checking and normalising what users type: names, codes, dates. */
#ifndef FTRACK_TEXT_H
#define FTRACK_TEXT_H

#include <stdbool.h>
#include <stddef.h>

#define FT_NAME_MAX 200		/* bytes in a name, tenant or subscription id */
#define FT_TEXT_MAX 4000	/* bytes in notes and L3 */
#define FT_QUOTE_MAX 1000	/* bytes of what a user typed that a message
				 * quotes; longer is cut, ending with "…" (the
				 * core's messages are cut at 1 KB alike) */

/* True when s (len bytes) is well-formed UTF-8 without NUL. */
bool text_is_utf8(const char *s, size_t len);

/* True for a character a terminal acts on rather than shows: C0 and C1
 * controls and DEL, the bidirectional marks, embeddings, overrides and
 * isolates (U+061C, U+200E, U+200F, U+202A-U+202E, U+2066-U+2069), and the
 * line and paragraph separators U+2028 and U+2029. */
bool text_is_control(long codepoint);

/* Checks a name: non-blank, valid UTF-8, no control characters
 * (text_is_control), at most FT_NAME_MAX bytes. Returns NULL when fine, else
 * a reason ("it is empty" ...) that names a control character by its code
 * point, never echoing it. */
const char *text_check_name(const char *s);

/* Checks a name being given to a record (added, renamed): as
 * text_check_name, and no white space at either end nor an invisible
 * character (U+200B, U+FEFF, a soft hyphen ...), which would make a second
 * record that reads as the first. Names already stored are still found. */
const char *text_check_new_name(const char *s);

/* Checks free text (notes, L3): valid UTF-8, no control characters other than
 * newline and tab, at most FT_TEXT_MAX bytes. NULL when fine, else a reason. */
const char *text_check_free(const char *s);

/* Checks an e-mail address: an addr-spec local@domain of at most 254
 * bytes, the local part dot-separated atoms of RFC 5322 atext (at most 64
 * bytes), the domain dot-separated labels of letters, digits and inner
 * hyphens with at least one dot. No blank, quote, angle bracket, comma or
 * control character can pass, so it is safe in a mail header. NULL when
 * fine, else a reason. */
const char *text_check_email(const char *s);

/* A copy of s (NULL taken as "") safe to show on a terminal: each control
 * character (text_is_control) other than the ASCII ones in keep (may be
 * NULL) written as \xHH (below U+0080) or \uHHHH, and each byte that is
 * not UTF-8 as \xHH. NULL when out of memory; the caller frees it. */
char *text_visible(const char *s, const char *keep);

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

/* The key a name is compared by: s with full Unicode case folding, then in
 * NFC (libunistring's u8_casefold), so that "MÜLLER & SÖHNE" and "Müller &
 * Söhne", a decomposed and a precomposed "Café", "STRASSE" and "Straße"
 * share one. The folding is the default one, not Turkish: "I" folds to
 * "i" and "İ" (U+0130) to "i" + U+0307, so "İstanbul" and "istanbul" are
 * two names. Text that is not UTF-8 is its own key, as it is. NULL when out
 * of memory; the caller frees the result. */
char *text_fold(const char *s);

/* The number of code points of UTF-8 text (a byte that is not UTF-8 counts
 * one). */
size_t text_length(const char *s);

/* Edit distance in code points between a and b, compared as given (pass
 * text_fold() keys for a case-blind distance), capped at cap+1. */
int text_distance(const char *a, const char *b, int cap);

/* Display width in terminal columns of UTF-8 text (wide characters count 2,
 * combining marks 0). Needs an UTF-8 LC_CTYPE for non-ASCII. */
int text_width(const char *s);

/* A copy of s cut to at most width columns, ending with "…" when it was
 * cut (width >= 1); NULL when out of memory. The caller frees it. */
char *text_truncate(const char *s, int width);

#endif
