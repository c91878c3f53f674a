/* Turning the core's rows into text: aligned tables and JSON arrays. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "ftrack/text.h"

struct table {
	int ncol;
	char **cells;		/* (nrows + 1) * ncol, the header first */
	size_t nrows, cap;
};

struct table *table_new(void)
{
	return calloc(1, sizeof(struct table));
}

/* A copy of s fit for one table cell: control characters become spaces. */
static char *cell_text(const char *s)
{
	char *copy = strdup(s ? s : "");

	for (char *p = copy; p && *p; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7F)
			*p = ' ';
	return copy;
}

static int table_add(struct table *t, const char *const *values)
{
	if (t->nrows + 1 >= t->cap) {
		size_t cap = t->cap ? t->cap * 2 : 16;
		char **cells = realloc(t->cells, cap * (size_t)t->ncol *
				       sizeof *cells);

		if (cells == NULL)
			return FT_DBERR;
		t->cells = cells;
		t->cap = cap;
	}
	for (int i = 0; i < t->ncol; i++) {
		char *c = cell_text(values[i]);

		if (c == NULL)
			return FT_DBERR;
		t->cells[t->nrows * (size_t)t->ncol + (size_t)i] = c;
	}
	t->nrows++;
	return FT_OK;
}

int table_row(void *arg, int ncol, const char *const *names,
	      const char *const *values)
{
	struct table *t = arg;
	int rc;

	if (t->ncol == 0) {
		t->ncol = ncol;
		if ((rc = table_add(t, names)) != FT_OK)
			return rc;
	}
	return table_add(t, values);
}

void table_print(struct table *t, FILE *out, const char *empty)
{
	int *width;

	if (t->nrows <= 1) {
		if (empty != NULL)
			fprintf(out, "%s\n", empty);
		return;
	}
	if ((width = calloc((size_t)t->ncol, sizeof *width)) == NULL)
		return;
	for (size_t r = 0; r < t->nrows; r++)
		for (int c = 0; c < t->ncol; c++) {
			int w = text_width(t->cells[r * (size_t)t->ncol + (size_t)c]);

			if (w > width[c])
				width[c] = w;
		}
	for (size_t r = 0; r < t->nrows; r++) {
		for (int c = 0; c < t->ncol; c++) {
			const char *s = t->cells[r * (size_t)t->ncol + (size_t)c];
			int pad = c + 1 < t->ncol ? width[c] - text_width(s) : 0;

			fprintf(out, "%s%s%*s", c ? "  " : "", s, pad, "");
		}
		fputc('\n', out);
		if (r == 0) {
			for (int c = 0; c < t->ncol; c++) {
				fputs(c ? "  " : "", out);
				for (int i = 0; i < width[c]; i++)
					fputc('-', out);
			}
			fputc('\n', out);
		}
	}
	free(width);
}

void table_free(struct table *t)
{
	if (t == NULL)
		return;
	for (size_t i = 0; i < t->nrows * (size_t)t->ncol; i++)
		free(t->cells[i]);
	free(t->cells);
	free(t);
}

int json_array_row(void *arg, int ncol, const char *const *names,
		   const char *const *values)
{
	struct json_array *a = arg;

	fputs(a->n++ ? ",\n  " : "[\n  ", a->out);
	fputs(values[0], a->out);
	return ferror(a->out) ? FT_DBERR : FT_OK;
}

void json_array_end(struct json_array *a)
{
	fputs(a->n ? "\n]\n" : "[]\n", a->out);
}

/* Writes s as one Markdown table cell, so the row keeps its cell count: a
 * pipe is escaped, a backslash (which would escape the cell's closing pipe)
 * is written as an entity, and a line break becomes <br>. */
static void md_cell(FILE *out, const char *s)
{
	for (; s && *s; s++) {
		if (*s == '|')
			fputc('\\', out);
		if (*s == '\\')
			fputs("&#92;", out);
		else if (*s == '\n')
			fputs("<br>", out);
		else if (*s == '\r' || (unsigned char)*s < 0x20 || *s == 0x7F)
			fputc(' ', out);
		else
			fputc(*s, out);
	}
}

int md_row(void *arg, int ncol, const char *const *names,
	   const char *const *values)
{
	struct md_table *t = arg;

	if (t->n++ == 0) {
		for (int i = 0; i < ncol; i++) {
			fputc('|', t->out);
			md_cell(t->out, names[i]);
		}
		fputs("|\n", t->out);
		for (int i = 0; i < ncol; i++)
			fputs("|---", t->out);
		fputs("|\n", t->out);
	}
	for (int i = 0; i < ncol; i++) {
		fputc('|', t->out);
		md_cell(t->out, values[i]);
	}
	fputs("|\n", t->out);
	return ferror(t->out) ? FT_DBERR : FT_OK;
}

int cli_list(struct app *app, listing_fn list, enum fmt format,
	     const char *empty)
{
	int rc;

	if (format == FMT_MD) {
		struct md_table t = {stdout, 0};

		rc = list(app->ft, FT_SHAPE_TABLE, md_row, &t);
	} else if (format == FMT_JSON) {
		struct json_array a = {stdout, 0};

		rc = list(app->ft, FT_SHAPE_JSON, json_array_row, &a);
		if (rc == FT_OK)
			json_array_end(&a);
	} else {
		struct table *t = table_new();

		if (t == NULL)
			return FT_DBERR;
		rc = list(app->ft, FT_SHAPE_TABLE, table_row, t);
		if (rc == FT_OK)
			table_print(t, stdout, empty);
		table_free(t);
	}
	return rc == FT_OK ? FT_OK : cli_fail(app, rc);
}
