/* SQL functions for the No Intent listings. l2_labels(list, lang): the
 * labels of a comma-separated list of L2 codes, joined by ", ". The
 * listings call it once per row; a sub-select with instr() over the l2
 * table cost a second at 75k accounts. The 18 labels are read once per
 * statement run into an auxiliary cache. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db.h"

struct l2_label {
	char code[40], en[80], es[80];
};

struct l2_labels {
	int n;
	struct l2_label l[64];
};

static struct l2_labels *load(sqlite3 *db)
{
	struct l2_labels *t = calloc(1, sizeof *t);
	sqlite3_stmt *st = NULL;

	if (t == NULL)
		return NULL;
	if (sqlite3_prepare_v2(db, "SELECT code, en, es FROM l2", -1, &st,
			       NULL) != SQLITE_OK) {
		free(t);
		return NULL;
	}
	while (t->n < 64 && sqlite3_step(st) == SQLITE_ROW) {
		struct l2_label *l = &t->l[t->n++];

		snprintf(l->code, sizeof l->code, "%s", sqlite3_column_text(st, 0));
		snprintf(l->en, sizeof l->en, "%s", sqlite3_column_text(st, 1));
		snprintf(l->es, sizeof l->es, "%s", sqlite3_column_text(st, 2));
	}
	sqlite3_finalize(st);
	return t;
}

static void l2_labels_fn(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	const char *list = (const char *)sqlite3_value_text(argv[0]);
	const char *lang = (const char *)sqlite3_value_text(argv[1]);
	struct l2_labels *t = sqlite3_get_auxdata(ctx, 1);
	sqlite3_str *out;
	bool es = lang && strcmp(lang, "es") == 0;

	(void)argc;
	if (list == NULL) {
		sqlite3_result_null(ctx);
		return;
	}
	if (t == NULL) {
		if ((t = load(sqlite3_context_db_handle(ctx))) == NULL) {
			sqlite3_result_error_nomem(ctx);
			return;
		}
		/* kept while the statement runs (argument 1 is constant) */
		sqlite3_set_auxdata(ctx, 1, t, free);
	}
	out = sqlite3_str_new(sqlite3_context_db_handle(ctx));
	for (const char *p = list; *p;) {
		size_t len = strcspn(p, ",");

		for (int i = 0; i < t->n; i++)
			if (strlen(t->l[i].code) == len &&
			    memcmp(t->l[i].code, p, len) == 0) {
				sqlite3_str_appendf(out, "%s%s",
					sqlite3_str_length(out) ? ", " : "",
					es ? t->l[i].es : t->l[i].en);
				break;
			}
		p += len + (p[len] == ',');
	}
	sqlite3_result_text(ctx, sqlite3_str_finish(out), -1, sqlite3_free);
}

int labels_register(struct ft *ft)
{
	if (sqlite3_create_function(ft->db, "l2_labels", 2, SQLITE_UTF8 |
				    SQLITE_DETERMINISTIC, NULL, l2_labels_fn,
				    NULL, NULL) != SQLITE_OK)
		return db_error(ft, "registering l2_labels()");
	return FT_OK;
}

/* The aggregates distinct_count(x) and distinct_list(x): count(DISTINCT x)
 * and group_concat(DISTINCT x) for the few values of one account's
 * services (NULLs skipped), kept in a small array. SQLite's DISTINCT opens
 * a temporary b-tree for every group and aggregate; at 100k accounts these
 * made `no-intent --accounts` about a tenth faster. */
struct distinct {
	int n, cap;
	char **values;
};

static void distinct_step(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	struct distinct *d = sqlite3_aggregate_context(ctx, sizeof *d);
	const char *v = (const char *)sqlite3_value_text(argv[0]);

	(void)argc;
	if (d == NULL || v == NULL)
		return;
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
		sqlite3_str_appendf(out, "%s%s", i ? "," : "", d->values[i]);
	sqlite3_result_text(ctx, sqlite3_str_finish(out), -1, sqlite3_free);
	distinct_free(d);
}

int aggregates_register(struct ft *ft)
{
	if (sqlite3_create_function(ft->db, "distinct_count", 1, SQLITE_UTF8 |
				    SQLITE_DETERMINISTIC, NULL, NULL,
				    distinct_step, distinct_count_final) !=
	    SQLITE_OK ||
	    sqlite3_create_function(ft->db, "distinct_list", 1, SQLITE_UTF8 |
				    SQLITE_DETERMINISTIC, NULL, NULL,
				    distinct_step, distinct_list_final) !=
	    SQLITE_OK)
		return db_error(ft, "registering the distinct aggregates");
	return FT_OK;
}
