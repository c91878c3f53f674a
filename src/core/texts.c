/* The texts shown in more than one language, read once per context from
 * the text table into a sorted array and looked up by binary search. A
 * command that knows the few groups of keys it shows (a write) reads only
 * those, in one statement; a key outside them reads the whole table. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "texts.h"

struct text {
	char *key, *lang, *value;
};

struct texts {
	struct text *rows;
	size_t n;
	/* the key groups read ("l1." ...), NULL when every text was */
	const char *const *groups;
	int ngroups;
	/* the rows of the groups read before the whole table was: their
	 * texts stay valid until texts_free() */
	struct texts *before;
};

static int compare(const char *key, const char *lang, const struct text *t)
{
	int c = strcmp(key, t->key);

	return c ? c : strcmp(lang, t->lang);
}

/* Reads the rows st gives (key, lang, value sorted by key then language,
 * byte order as compare() sorts) into t. */
static int read_rows(struct ft *ft, struct texts *t, struct db_stmt *st)
{
	size_t cap = 0;
	int rc = FT_OK, step;

	while ((step = db_step(ft, st)) == DB_ROW) {
		if (t->n == cap) {
			struct text *grown;

			cap = cap ? 2 * cap : 512;
			if ((grown = realloc(t->rows, cap * sizeof *grown)) == NULL) {
				rc = ft_fail(ft, FT_DBERR, "out of memory");
				break;
			}
			t->rows = grown;
		}
		t->rows[t->n].key = strdup(db_col_text(st, 0));
		t->rows[t->n].lang = strdup(db_col_text(st, 1));
		t->rows[t->n].value = strdup(db_col_text(st, 2));
		if (!t->rows[t->n].key || !t->rows[t->n].lang ||
		    !t->rows[t->n].value) {
			t->n++;
			rc = ft_fail(ft, FT_DBERR, "out of memory");
			break;
		}
		t->n++;
	}
	db_release(st);
	return rc == FT_OK && step < 0 ? FT_DBERR : rc;
}

/* Reads every text; the groups read before are kept aside. */
static int load(struct ft *ft)
{
	struct texts *t;
	struct db_stmt *st = NULL;
	int rc;

	if ((t = calloc(1, sizeof *t)) == NULL)
		return ft_fail(ft, FT_DBERR, "out of memory");
	t->before = ft->texts;
	ft->texts = t;
	rc = db_prepare(ft, &st, "SELECT key, lang, value FROM text "
			"ORDER BY key, lang");
	return rc == FT_OK ? read_rows(ft, t, st) : rc;
}

/* Whether key's group (up to its first '.') is among those read. */
static bool in_groups(const struct texts *t, const char *key)
{
	const char *dot = strchr(key, '.');

	if (t->groups == NULL)
		return true;
	for (int i = 0; dot != NULL && i < t->ngroups; i++)
		if (strncmp(key, t->groups[i], (size_t)(dot - key) + 1) == 0 &&
		    t->groups[i][dot - key + 1] == '\0')
			return true;
	return false;
}

int texts_read_groups(struct ft *ft, const char *const *groups, int n)
{
	struct texts *t;
	struct strbuf *sql;
	struct db_stmt *st = NULL;
	char *text;
	int rc;

	if (ft->texts != NULL || n <= 0)
		return FT_OK;
	if ((t = calloc(1, sizeof *t)) == NULL)
		return ft_fail(ft, FT_DBERR, "out of memory");
	ft->texts = t;
	t->groups = groups;
	t->ngroups = n;
	/* each group a range of the primary key: "l1." <= key < "l1/" */
	sql = strbuf_new();
	strbuf_add(sql, "SELECT key, lang, value FROM text WHERE ");
	for (int i = 0; i < n; i++)
		strbuf_addf(sql, "%s(key >= :lo%d AND key < :hi%d)",
			      i ? " OR " : "", i, i);
	strbuf_add(sql, " ORDER BY key, lang");
	if (strbuf_failed(sql)) {
		free(strbuf_finish(sql));
		return ft_fail(ft, FT_DBERR, "out of memory");
	}
	text = strbuf_finish(sql);
	rc = db_prepare_text(ft, &st, text);
	free(text);
	if (rc != FT_OK)
		return rc;
	for (int i = 0; i < n; i++) {
		char name[16], hi[64];
		size_t len = strlen(groups[i]);

		/* the byte after the group's last ('.' + 1 = '/') */
		snprintf(hi, sizeof hi, "%s", groups[i]);
		if (len > 0 && len < sizeof hi)
			hi[len - 1]++;
		snprintf(name, sizeof name, ":lo%d", i);
		db_bind_text(ft, st, name, groups[i]);
		snprintf(name, sizeof name, ":hi%d", i);
		db_bind_text(ft, st, name, hi);
	}
	return read_rows(ft, t, st);
}

static const char *find(const struct texts *t, const char *key,
			const char *lang)
{
	size_t lo = 0, hi = t->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = compare(key, lang, &t->rows[mid]);

		if (c == 0)
			return t->rows[mid].value;
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

const char *texts_get(struct ft *ft, const char *key, const char *lang)
{
	const char *v;

	if (key == NULL)
		return NULL;
	if ((ft->texts == NULL || !in_groups(ft->texts, key)) &&
	    load(ft) != FT_OK)
		return key;
	if ((v = find(ft->texts, key, lang)) == NULL)
		v = find(ft->texts, key, "en");
	return v ? v : key;
}

const char *texts_tr(struct ft *ft, const char *key)
{
	return texts_get(ft, key, ft_lang_code(ft));
}

char *texts_fill(struct ft *ft, const char *key, const char *lang,
		 const char *const *args, int nargs)
{
	struct strbuf *out = strbuf_new();
	int next = 0;

	for (const char *p = texts_get(ft, key, lang); *p; p++) {
		if (p[0] == '%' && p[1] == 's') {
			strbuf_add(out, next < nargs && args[next]
					      ? args[next] : "");
			next++;
			p++;
		} else {
			strbuf_addch(out, 1, *p);
		}
	}
	if (strbuf_failed(out)) {
		free(strbuf_finish(out));
		return NULL;
	}
	return strbuf_finish(out);
}

const char *ft_text(struct ft *ft, const char *key)
{
	return texts_tr(ft, key);
}

char *ft_text_fill(struct ft *ft, const char *key, const char *const *args,
		   int nargs)
{
	char *filled = texts_fill(ft, key, ft_lang_code(ft), args, nargs);
	char *copy = filled ? strdup(filled) : NULL;

	free(filled);
	return copy;
}

void texts_names(struct ft *ft, const char *const *keys, int n,
		 const char **names)
{
	for (int i = 0; i < n; i++)
		names[i] = texts_tr(ft, keys[i]);
}

void texts_free(struct ft *ft)
{
	struct texts *t = ft->texts, *before;

	for (; t != NULL; t = before) {
		for (size_t i = 0; i < t->n; i++) {
			free(t->rows[i].key);
			free(t->rows[i].lang);
			free(t->rows[i].value);
		}
		before = t->before;
		free(t->rows);
		free(t);
	}
	ft->texts = NULL;
}
