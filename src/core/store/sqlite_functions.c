/* SQL functions for the No Intent listings. code_labels(kind, list, lang):
 * the labels of a comma-separated list of codes of a kind (l2,
 * next_action ...), joined by ", ". The listings call it once per row; a
 * sub-select with instr() over the l2 table cost a second at 75k accounts:
 * the texts come from the context's cache (texts.c). */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "db.h"
#include "driver.h"
#include "sqlite.h"
#include "texts.h"
#include "ftrack/text.h"

static void code_labels_fn(sqlite3_context *ctx, int argc,
			   sqlite3_value **argv)
{
	struct ft *ft = sqlite3_user_data(ctx);
	const char *kind = (const char *)sqlite3_value_text(argv[0]);
	const char *list = (const char *)sqlite3_value_text(argv[1]);
	const char *lang = (const char *)sqlite3_value_text(argv[2]);
	sqlite3_str *out;

	(void)argc;
	if (list == NULL || kind == NULL) {
		sqlite3_result_null(ctx);
		return;
	}
	out = sqlite3_str_new(sqlite3_context_db_handle(ctx));
	for (const char *p = list; *p;) {
		size_t len = strcspn(p, ",");
		char key[96];

		snprintf(key, sizeof key, "%s.%.*s", kind, (int)len, p);
		sqlite3_str_appendf(out, "%s%s", sqlite3_str_length(out) ? ", "
				    : "", texts_get(ft, key, lang ? lang : "en"));
		p += len + (p[len] == ',');
	}
	sqlite3_result_text(ctx, sqlite3_str_finish(out), -1, sqlite3_free);
}

static int labels_register(struct ft *ft)
{
	if (sqlite3_create_function((sqlite3 *)ft->conn, "code_labels", 3, SQLITE_UTF8, ft,
				    code_labels_fn, NULL, NULL) != SQLITE_OK)
		return db_error(ft, "registering code_labels()");
	return FT_OK;
}

/* The aggregates distinct_count(x), distinct_list(x[, sep]) and
 * distinct_json(x): count(DISTINCT x), group_concat(DISTINCT x, sep) (sep
 * "," when not given) and the JSON array of the distinct x, for the few
 * values of one account's services (NULLs skipped, first seen first), kept
 * in a small array. SQLite's DISTINCT opens a temporary b-tree for every
 * group and aggregate; at 100k accounts these made `no-intent --accounts`
 * about a tenth faster. */
struct distinct {
	int n, cap;
	char **values;
	char *sep;	/* distinct_list's separator, when given */
};

static void distinct_step(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	struct distinct *d = sqlite3_aggregate_context(ctx, sizeof *d);
	const char *v = (const char *)sqlite3_value_text(argv[0]);

	if (d == NULL || v == NULL)
		return;
	if (argc > 1 && d->sep == NULL) {
		const char *sep = (const char *)sqlite3_value_text(argv[1]);

		if ((d->sep = strdup(sep ? sep : "")) == NULL) {
			sqlite3_result_error_nomem(ctx);
			return;
		}
	}
	for (int i = 0; i < d->n; i++)
		if (strcmp(d->values[i], v) == 0)
			return;
	if (d->n == d->cap) {
		int cap = d->cap ? d->cap * 2 : 8;
		char **grown = realloc(d->values, (size_t)cap * sizeof *grown);

		if (grown == NULL) {
			sqlite3_result_error_nomem(ctx);
			return;
		}
		d->values = grown;
		d->cap = cap;
	}
	if ((d->values[d->n] = strdup(v)) == NULL) {
		sqlite3_result_error_nomem(ctx);
		return;
	}
	d->n++;
}

static void distinct_free(struct distinct *d)
{
	for (int i = 0; i < d->n; i++)
		free(d->values[i]);
	free(d->values);
	free(d->sep);
}

static void distinct_count_final(sqlite3_context *ctx)
{
	struct distinct *d = sqlite3_aggregate_context(ctx, 0);

	sqlite3_result_int(ctx, d ? d->n : 0);
	if (d)
		distinct_free(d);
}

static void distinct_list_final(sqlite3_context *ctx)
{
	struct distinct *d = sqlite3_aggregate_context(ctx, 0);
	sqlite3_str *out;

	if (d == NULL || d->n == 0) {
		sqlite3_result_null(ctx);
		if (d)
			distinct_free(d);
		return;
	}
	out = sqlite3_str_new(sqlite3_context_db_handle(ctx));
	for (int i = 0; i < d->n; i++)
		sqlite3_str_appendf(out, "%s%s", i ? d->sep ? d->sep : "," : "",
				    d->values[i]);
	sqlite3_result_text(ctx, sqlite3_str_finish(out), -1, sqlite3_free);
	distinct_free(d);
}

/* The distinct values as a JSON array of strings ("[]" for none). */
static void distinct_json_final(sqlite3_context *ctx)
{
	struct distinct *d = sqlite3_aggregate_context(ctx, 0);
	sqlite3_str *out = sqlite3_str_new(sqlite3_context_db_handle(ctx));

	sqlite3_str_appendchar(out, 1, '[');
	for (int i = 0; d && i < d->n; i++) {
		sqlite3_str_appendall(out, i ? ",\"" : "\"");
		for (const unsigned char *p = (const unsigned char *)d->values[i];
		     *p; p++) {
			if (*p == '"' || *p == '\\')
				sqlite3_str_appendf(out, "\\%c", *p);
			else if (*p == '\n')
				sqlite3_str_appendall(out, "\\n");
			else if (*p == '\t')
				sqlite3_str_appendall(out, "\\t");
			else if (*p == '\r')
				sqlite3_str_appendall(out, "\\r");
			else if (*p < 0x20)
				sqlite3_str_appendf(out, "\\u%04x", *p);
			else
				sqlite3_str_appendchar(out, 1, (char)*p);
		}
		sqlite3_str_appendchar(out, 1, '"');
	}
	sqlite3_str_appendchar(out, 1, ']');
	if (sqlite3_str_errcode(out) != SQLITE_OK) {
		sqlite3_free(sqlite3_str_finish(out));
		sqlite3_result_error_nomem(ctx);
	} else {
		sqlite3_result_text(ctx, sqlite3_str_finish(out), -1,
				    sqlite3_free);
	}
	if (d)
		distinct_free(d);
}

static int aggregates_register(struct ft *ft)
{
	if (sqlite3_create_function((sqlite3 *)ft->conn, "distinct_count", 1, SQLITE_UTF8 |
				    SQLITE_DETERMINISTIC, NULL, NULL,
				    distinct_step, distinct_count_final) !=
	    SQLITE_OK ||
	    sqlite3_create_function((sqlite3 *)ft->conn, "distinct_list", 1, SQLITE_UTF8 |
				    SQLITE_DETERMINISTIC, NULL, NULL,
				    distinct_step, distinct_list_final) !=
	    SQLITE_OK ||
	    sqlite3_create_function((sqlite3 *)ft->conn, "distinct_list", 2, SQLITE_UTF8 |
				    SQLITE_DETERMINISTIC, NULL, NULL,
				    distinct_step, distinct_list_final) !=
	    SQLITE_OK ||
	    sqlite3_create_function((sqlite3 *)ft->conn, "distinct_json", 1, SQLITE_UTF8 |
				    SQLITE_DETERMINISTIC, NULL, NULL,
				    distinct_step, distinct_json_final) !=
	    SQLITE_OK)
		return db_error(ft, "registering the distinct aggregates");
	return FT_OK;
}

/* fold(text): a name's key (text_fold(); NULL for NULL), which the name_key
 * columns hold; refuse(message) fails the statement with message. Only the
 * SQLite migrations use them (0011 and 0018 fill the keys, and stop with
 * refuse()); statements bind keys computed in C. */
static void fold_fn(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	const char *s = (const char *)sqlite3_value_text(argv[0]);
	char *key;

	(void)argc;
	if (s == NULL) {
		sqlite3_result_null(ctx);
		return;
	}
	if ((key = text_fold(s)) == NULL) {
		sqlite3_result_error_nomem(ctx);
		return;
	}
	sqlite3_result_text(ctx, key, -1, free);
}

static void refuse_fn(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	const char *message = (const char *)sqlite3_value_text(argv[0]);

	(void)argc;
	sqlite3_result_error(ctx, message ? message : "refused", -1);
}

int sqlite_register_fold(sqlite3 *db)
{
	int rc = sqlite3_create_function(db, "fold", 1, SQLITE_UTF8 |
					 SQLITE_DETERMINISTIC, NULL, fold_fn,
					 NULL, NULL);

	if (rc == SQLITE_OK)
		rc = sqlite3_create_function(db, "refuse", 1, SQLITE_UTF8, NULL,
					     refuse_fn, NULL, NULL);
	return rc;
}

/* tr(key) in the context's language, tr(key, lang) in lang: NULL for a
 * NULL key or one with no text (so that coalesce() can give another). */
static void tr_function(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	struct ft *ft = sqlite3_user_data(ctx);
	const char *key = (const char *)sqlite3_value_text(argv[0]);
	const char *lang = argc > 1 ? (const char *)sqlite3_value_text(argv[1])
				    : ft_lang_code(ft);
	const char *text = key ? texts_get(ft, key, lang ? lang : "en") : NULL;

	if (text == NULL || text == key)
		sqlite3_result_null(ctx);
	else
		sqlite3_result_text(ctx, text, -1, SQLITE_TRANSIENT);
}

static int tr_register(struct ft *ft)
{
	if (sqlite3_create_function((sqlite3 *)ft->conn, "tr", 1, SQLITE_UTF8, ft,
				    tr_function, NULL, NULL) != SQLITE_OK ||
	    sqlite3_create_function((sqlite3 *)ft->conn, "tr", 2, SQLITE_UTF8, ft,
				    tr_function, NULL, NULL) != SQLITE_OK)
		return db_error(ft, "registering tr()");
	return FT_OK;
}


int sqlite_register(struct ft *ft)
{
	int rc = labels_register(ft);

	if (rc == FT_OK)
		rc = aggregates_register(ft);
	if (rc == FT_OK)
		rc = tr_register(ft);
	if (rc == FT_OK)
		rc = sqlite_compat_register(ft);
	if (rc == FT_OK && sqlite_register_fold(ft->conn) != SQLITE_OK)
		rc = db_error(ft, "registering fold()");
	return rc;
}
