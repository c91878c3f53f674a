/* A growing string for text built piece by piece (SQL from constant
 * fragments, messages, mail bodies). An allocation failure is remembered,
 * so callers append without checking and ask strbuf_failed() once. */
#ifndef FTRACK_STRBUF_H
#define FTRACK_STRBUF_H

#include <stdbool.h>
#include <stddef.h>

struct strbuf;

/* A new empty string, or NULL when out of memory (every function below
 * takes NULL as a string that failed). */
struct strbuf *strbuf_new(void);
void strbuf_add(struct strbuf *s, const char *text);
/* Appends the n bytes at text (no NUL among them). */
void strbuf_addn(struct strbuf *s, const char *text, size_t n);
/* Empties s, keeping its memory for what is written next. */
void strbuf_reset(struct strbuf *s);
void strbuf_addf(struct strbuf *s, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Appends n copies of c. */
void strbuf_addch(struct strbuf *s, int n, char c);
bool strbuf_failed(const struct strbuf *s);
/* The text so far, or NULL while it is empty or after a failure. */
const char *strbuf_value(const struct strbuf *s);
size_t strbuf_len(const struct strbuf *s);
/* Frees s and gives its text to the caller (free() it), or NULL when it
 * was empty or failed. */
char *strbuf_finish(struct strbuf *s);

/* A formatted string in memory from malloc(), or NULL. */
char *str_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
