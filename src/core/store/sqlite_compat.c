/* PostgreSQL's words where SQLite 3.40 has none, with PostgreSQL's
 * semantics (docs/sql.md):
 *   string_agg(x, sep)  group_concat's job: NULL x skipped, the separator
 *                       of each value but the first before it, NULL when
 *                       no value was joined;
 *   strpos(a, b)        instr's: the 1-based character position of b in a,
 *                       0 when absent, NULL when either is;
 *   greatest(...)       the scalar max(...) and min(...), but NULL
 *   least(...)          arguments are ignored (NULL only when all are).
 * A later SQLite's own string_agg is the same function; ftrack's takes its
 * place on the connection. */
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "sqlite.h"
#include "ftrack/text.h"

struct agg {
	char *text;
	size_t len, cap;
	bool any;	/* a value was joined */
	bool failed;
};

static bool agg_append(struct agg *a, const void *bytes, size_t n)
{
	if (a->len + n + 1 > a->cap) {
		size_t cap = a->cap ? a->cap : 64;
		char *grown;

		while (cap < a->len + n + 1)
			cap *= 2;
		if ((grown = realloc(a->text, cap)) == NULL)
			return false;
		a->text = grown;
		a->cap = cap;
	}
	if (n > 0)
		memcpy(a->text + a->len, bytes, n);
	a->len += n;
	a->text[a->len] = '\0';
	return true;
}

static void string_agg_step(sqlite3_context *ctx, int argc,
			    sqlite3_value **argv)
{
	struct agg *a = sqlite3_aggregate_context(ctx, sizeof *a);
	const unsigned char *v, *sep;

	(void)argc;
	if (a == NULL) {
		sqlite3_result_error_nomem(ctx);
		return;
	}
	if (a->failed || sqlite3_value_type(argv[0]) == SQLITE_NULL)
		return;
	if (a->any && sqlite3_value_type(argv[1]) != SQLITE_NULL) {
		sep = sqlite3_value_text(argv[1]);
		if (sep == NULL || !agg_append(a, sep,
				(size_t)sqlite3_value_bytes(argv[1])))
			goto nomem;
	}
	v = sqlite3_value_text(argv[0]);
	if (v == NULL || !agg_append(a, v, (size_t)sqlite3_value_bytes(argv[0])))
		goto nomem;
	a->any = true;
	return;
nomem:
	a->failed = true;
	sqlite3_result_error_nomem(ctx);
}

static void string_agg_final(sqlite3_context *ctx)
{
	struct agg *a = sqlite3_aggregate_context(ctx, 0);

	if (a == NULL || !a->any || a->failed) {
		if (a != NULL && a->failed)
			sqlite3_result_error_nomem(ctx);
		else
			sqlite3_result_null(ctx);
	} else {
		sqlite3_result_text(ctx, a->text, (int)a->len, free);
		a->text = NULL;
	}
	if (a != NULL)
		free(a->text);
}

static void strpos_fn(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	const char *hay, *needle, *at;
	int nhay, nneedle;
	sqlite3_int64 pos = 1;

	(void)argc;
	if (sqlite3_value_type(argv[0]) == SQLITE_NULL ||
	    sqlite3_value_type(argv[1]) == SQLITE_NULL)
		return;		/* NULL */
	hay = (const char *)sqlite3_value_text(argv[0]);
	nhay = sqlite3_value_bytes(argv[0]);
	needle = (const char *)sqlite3_value_text(argv[1]);
	nneedle = sqlite3_value_bytes(argv[1]);
	if (hay == NULL || needle == NULL) {
		sqlite3_result_error_nomem(ctx);
		return;
	}
	at = memmem(hay, (size_t)nhay, needle, (size_t)nneedle);
	if (at == NULL) {
		sqlite3_result_int64(ctx, 0);
		return;
	}
	/* characters before the match: the bytes that start one */
	for (const char *p = hay; p < at; p++)
		pos += ((unsigned char)*p & 0xc0) != 0x80;
	sqlite3_result_int64(ctx, pos);
}

/* SQLite's order of values: numbers (by value), then text, then blobs
 * (by bytes; ftrack's text columns compare by bytes on both engines). */
static int value_cmp(sqlite3_value *a, sqlite3_value *b)
{
	int ta = sqlite3_value_type(a), tb = sqlite3_value_type(b);
	int ra = ta == SQLITE_INTEGER || ta == SQLITE_FLOAT ? 1
		 : ta == SQLITE_TEXT ? 2 : 3;
	int rb = tb == SQLITE_INTEGER || tb == SQLITE_FLOAT ? 1
		 : tb == SQLITE_TEXT ? 2 : 3;
	int na, nb, c;

	if (ra != rb)
		return ra < rb ? -1 : 1;
	if (ra == 1 && ta == SQLITE_INTEGER && tb == SQLITE_INTEGER) {
		sqlite3_int64 x = sqlite3_value_int64(a), y = sqlite3_value_int64(b);

		return x < y ? -1 : x > y;
	}
	if (ra == 1) {
		double x = sqlite3_value_double(a), y = sqlite3_value_double(b);

		return x < y ? -1 : x > y;
	}
	{
		const void *pa = ra == 2 ? (const void *)sqlite3_value_text(a)
					 : sqlite3_value_blob(a);
		const void *pb = rb == 2 ? (const void *)sqlite3_value_text(b)
					 : sqlite3_value_blob(b);

		na = sqlite3_value_bytes(a);
		nb = sqlite3_value_bytes(b);
		c = na == 0 || nb == 0 ? 0
		    : memcmp(pa, pb, (size_t)(na < nb ? na : nb));
		return c != 0 ? c : na < nb ? -1 : na > nb;
	}
}

/* greatest (user data non-NULL) or least of the arguments not NULL. */
static void extreme_fn(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	bool greatest = sqlite3_user_data(ctx) != NULL;
	sqlite3_value *best = NULL;

	for (int i = 0; i < argc; i++) {
		int c;

		if (sqlite3_value_type(argv[i]) == SQLITE_NULL)
			continue;
		if (best == NULL) {
			best = argv[i];
			continue;
		}
		c = value_cmp(argv[i], best);
		if (greatest ? c > 0 : c < 0)
			best = argv[i];
	}
	if (best != NULL)
		sqlite3_result_value(ctx, best);
}

int sqlite_compat_register(struct ft *ft)
{
	static int greatest = 1;
	const int flags = SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS;

	if (sqlite3_create_function((sqlite3 *)ft->conn, "string_agg", 2, flags, NULL, NULL,
				    string_agg_step, string_agg_final) !=
	    SQLITE_OK ||
	    sqlite3_create_function((sqlite3 *)ft->conn, "strpos", 2, flags, NULL, strpos_fn,
				    NULL, NULL) != SQLITE_OK ||
	    sqlite3_create_function((sqlite3 *)ft->conn, "greatest", -1, flags, &greatest,
				    extreme_fn, NULL, NULL) != SQLITE_OK ||
	    sqlite3_create_function((sqlite3 *)ft->conn, "least", -1, flags, NULL,
				    extreme_fn, NULL, NULL) != SQLITE_OK)
		return db_error(ft, "registering string_agg(), strpos(), "
				"greatest() and least()");
	return FT_OK;
}
