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

/* A copy of s fit for one table cell: control characters (a note's line
 * breaks and tabs too) escaped as the messages escape them. */
static char *cell_text(const char *s)
{
	return text_visible(s, NULL);
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

/* Writes one CSV field (RFC 4180): quoted when it holds a comma, quote or
 * line break. A field that a spreadsheet would run as a formula (it starts
 * with =, +, -, @, tab or carriage return) gets a leading apostrophe so that
 * it shows as text (OWASP's advice on CSV injection). */
static void csv_cell(FILE *out, const char *s)
{
	bool formula, quote;

	if (s == NULL || *s == '\0')
		return;
	formula = strchr("=+-@\t\r", *s) != NULL;
	quote = formula || strpbrk(s, ",\"\r\n") != NULL;
	if (quote)
		fputc('"', out);
	if (formula)
		fputc('\'', out);
	for (; *s; s++) {
		if (*s == '"')
			fputc('"', out);
		fputc(*s, out);
	}
	if (quote)
		fputc('"', out);
}

static void csv_line(FILE *out, int ncol, const char *const *cells)
{
	for (int i = 0; i < ncol; i++) {
		if (i)
			fputc(',', out);
		csv_cell(out, cells[i]);
	}
	fputs("\r\n", out);
}

/* Writes text as one Markdown table cell, so the row keeps its cell count: a
 * pipe is escaped, a backslash (which would escape the cell's closing pipe)
 * is written as an entity, a line break becomes <br>, and any other control
 * character is escaped (text_visible). */
static void md_cell(FILE *out, const char *text)
{
	char *visible = text_visible(text, "\n");

	for (const char *s = visible; s && *s; s++) {
		if (*s == '|')
			fputc('\\', out);
		if (*s == '\\')
			fputs("&#92;", out);
		else if (*s == '\n')
			fputs("<br>", out);
		else
			fputc(*s, out);
	}
	free(visible);
}

static void md_line(FILE *out, int ncol, const char *const *cells)
{
	for (int i = 0; i < ncol; i++) {
		fputc('|', out);
		md_cell(out, cells[i]);
	}
	fputs("|\n", out);
}

int sink_open(struct sink *s, enum fmt fmt, FILE *out)
{
	memset(s, 0, sizeof *s);
	s->fmt = fmt;
	s->out = out;
	if (fmt == FMT_TABLE && (s->table = table_new()) == NULL)
		return FT_DBERR;
	return FT_OK;
}

int sink_row(void *arg, int ncol, const char *const *names,
	     const char *const *values)
{
	struct sink *s = arg;

	switch (s->fmt) {
	case FMT_TABLE:
		return table_row(s->table, ncol, names, values);
	case FMT_JSON:
		fputs(s->rows ? ",\n  " : "[\n  ", s->out);
		fputs(values[0], s->out);
		break;
	case FMT_CSV:
		if (s->rows == 0)
			csv_line(s->out, ncol, names);
		csv_line(s->out, ncol, values);
		break;
	case FMT_MD:
		if (s->rows == 0) {
			md_line(s->out, ncol, names);
			for (int i = 0; i < ncol; i++)
				fputs("|---", s->out);
			fputs("|\n", s->out);
		}
		md_line(s->out, ncol, values);
		break;
	}
	s->rows++;
	/* Stop early when the output is gone (a closed pipe, a full disk). */
	return ferror(s->out) ? FT_DBERR : FT_OK;
}

void sink_close(struct sink *s, const char *empty)
{
	if (s->fmt == FMT_TABLE)
		table_print(s->table, s->out, empty);
	else if (s->fmt == FMT_JSON)
		fputs(s->rows ? "\n]\n" : "[]\n", s->out);
	table_free(s->table);
	s->table = NULL;
}

enum ft_shape fmt_shape(enum fmt fmt)
{
	switch (fmt) {
	case FMT_JSON: return FT_SHAPE_JSON;
	case FMT_CSV: return FT_SHAPE_CSV;
	default: return FT_SHAPE_TABLE;
	}
}

int cli_list(struct app *app, listing_fn list, enum fmt format,
	     const char *empty)
{
	struct sink s;
	int rc = sink_open(&s, format, stdout);

	if (rc == FT_OK)
		rc = list(app->ft, fmt_shape(format), sink_row, &s);
	if (rc == FT_OK)
		sink_close(&s, empty);
	else
		table_free(s.table);
	return rc == FT_OK ? FT_OK : cli_fail(app, rc);
}
