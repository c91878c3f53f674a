/* The texts shown in more than one language, read once per context from
 * the text table into a sorted array and looked up by binary search. */
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
};

static int compare(const char *key, const char *lang, const struct text *t)
{
	int c = strcmp(key, t->key);

	return c ? c : strcmp(lang, t->lang);
}

/* Reads every text, sorted by key then language (byte order, as
 * compare() sorts). */
static int load(struct ft *ft)
{
	struct texts *t;
	struct db_stmt *st = NULL;
	size_t cap = 0;
	int rc, step;

	if ((t = calloc(1, sizeof *t)) == NULL)
		return ft_fail(ft, FT_DBERR, "out of memory");
	ft->texts = t;
	rc = db_prepare(ft, &st, "SELECT key, lang, value FROM text "
			"ORDER BY key, lang");
	if (rc != FT_OK)
		return rc;
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
	if (ft->texts == NULL && load(ft) != FT_OK)
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
	struct texts *t = ft->texts;

	if (t == NULL)
		return;
	for (size_t i = 0; i < t->n; i++) {
		free(t->rows[i].key);
		free(t->rows[i].lang);
		free(t->rows[i].value);
	}
	free(t->rows);
	free(t);
	ft->texts = NULL;
}
