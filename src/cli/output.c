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

/* The terminal's width tables fit in, 0 for no limit. */
static int out_width;

void output_set_width(int columns)
{
	out_width = columns > 0 ? columns : 0;
}

/* Narrows the widest columns, one column at a time, until the line fits in
 * out_width: first down to floor[c] when given (a column's longest word,
 * so that wrapped text breaks between words), then down to MIN_COLUMN (a
 * column keeps its whole width when that is less). */
enum { MIN_COLUMN = 6 };
static void fit_widths(int *width, int ncol, const int *floor)
{
	int total = 2 * (ncol - 1);

	for (int c = 0; c < ncol; c++)
		total += width[c];
	for (int pass = floor ? 0 : 1; pass < 2; pass++)
		while (out_width > 0 && total > out_width) {
			int widest = -1;

			for (int c = 0; c < ncol; c++) {
				int least = pass == 0 && floor[c] > MIN_COLUMN
					    ? floor[c] : MIN_COLUMN;

				if (width[c] > least &&
				    (widest < 0 || width[c] > width[widest]))
					widest = c;
			}
			if (widest < 0)
				break;
			width[widest]--;
			total--;
		}
}

/* The display width of the longest word (run without a space) of s. */
static int longest_word(const char *s)
{
	int longest = 0;

	while (*s) {
		size_t n = strcspn(s, " ");
		char *word = strndup(s, n);
		int w = word ? text_width(word) : 0;

		free(word);
		if (w > longest)
			longest = w;
		s += n;
		while (*s == ' ')
			s++;
	}
	return longest;
}

/* The first line of text that fits in room columns: the longest run of
 * whole words, else as many characters as fit (one at least); *rest is
 * set to where the next line starts, past the blanks. A new string, NULL
 * when out of memory. */
static char *fit_line(const char *text, int room, const char **rest)
{
	size_t fit = 0, space = 0, end = 0, len = strlen(text);
	int w = 0;

	if (text_width(text) <= room) {
		*rest = text + len;
		return strdup(text);
	}
	while (end < len) {
		char ch[8];
		size_t start = end;

		/* the next character's end (UTF-8 continuation bytes skipped);
		 * widths add up character by character */
		end++;
		while (end < len && ((unsigned char)text[end] & 0xC0) == 0x80)
			end++;
		snprintf(ch, sizeof ch, "%.*s", (int)(end - start), text + start);
		if ((w += text_width(ch)) > room)
			break;
		fit = end;
		if (end < len && text[end] == ' ')
			space = end;
	}
	if (space > 0)
		fit = space;
	else if (fit == 0)
		fit = end;
	*rest = text + fit;
	while (**rest == ' ')
		(*rest)++;
	return strndup(text, fit);
}

/* Prints one row of cells whose text is wider than its column as lines
 * of the column's width, side by side: a long value wraps inside its
 * column instead of being cut. */
static void print_row_wrapped(FILE *out, char *const *cells, int ncol,
			      const int *width)
{
	const char **rest = calloc((size_t)ncol, sizeof *rest);

	if (rest == NULL)
		return;
	for (int c = 0; c < ncol; c++)
		rest[c] = cells[c];
	for (;;) {
		char **line = calloc((size_t)ncol, sizeof *line);
		int last = -1;

		if (line == NULL)
			break;
		for (int c = 0; c < ncol; c++) {
			line[c] = fit_line(rest[c], width[c], &rest[c]);
			if (line[c] != NULL && line[c][0] != '\0')
				last = c;
		}
		for (int c = 0; c <= last; c++) {
			const char *s = line[c] ? line[c] : "";
			int pad = c < last ? width[c] - text_width(s) : 0;

			fprintf(out, "%s%s%*s", c ? "  " : "", s, pad, "");
		}
		fputc('\n', out);
		for (int c = 0; c < ncol; c++)
			free(line[c]);
		free(line);
		last = -1;
		for (int c = 0; c < ncol; c++)
			if (*rest[c] != '\0')
				last = c;
		if (last < 0)
			break;
	}
	free(rest);
}

/* Writes n blanks. */
static void pad_out(FILE *out, int n)
{
	static const char blanks[] = "                                ";

	while (n > 0) {
		int k = n < (int)sizeof blanks - 1 ? n : (int)sizeof blanks - 1;

		fwrite(blanks, 1, (size_t)k, out);
		n -= k;
	}
}

/* Prints the table, each cell cut with "…" to its column's width, or,
 * with wrap, wrapped onto more lines. Each cell's width is measured once
 * (cellw), and a cell that fits is written as it is. */
static void print_table(struct table *t, FILE *out, const char *empty,
			bool wrap)
{
	size_t ncells = t->nrows * (size_t)t->ncol;
	int *width, *cellw;

	if (t->nrows <= 1) {
		if (empty != NULL)
			fprintf(out, "%s\n", empty);
		return;
	}
	if ((width = calloc(2 * (size_t)t->ncol, sizeof *width)) == NULL)
		return;
	if ((cellw = malloc(ncells * sizeof *cellw)) == NULL) {
		free(width);
		return;
	}
	/* width[ncol + c]: column c's longest word, the floor of wrapping */
	for (size_t r = 0; r < t->nrows; r++)
		for (int c = 0; c < t->ncol; c++) {
			size_t i = r * (size_t)t->ncol + (size_t)c;
			int w = cellw[i] = text_width(t->cells[i]);

			if (w > width[c])
				width[c] = w;
			if (wrap && (w = longest_word(t->cells[i])) >
				    width[t->ncol + c])
				width[t->ncol + c] = w;
		}
	fit_widths(width, t->ncol, wrap ? width + t->ncol : NULL);
	for (size_t r = 0; r < t->nrows; r++) {
		char *const *cells = &t->cells[r * (size_t)t->ncol];
		const int *cw = &cellw[r * (size_t)t->ncol];
		int last = t->ncol - 1;

		if (wrap && r > 0) {
			print_row_wrapped(out, cells, t->ncol, width);
			continue;
		}
		/* no trailing blanks: the line ends with its last cell */
		while (last > 0 && cells[last][0] == '\0')
			last--;
		for (int c = 0; c <= last; c++) {
			char *cut = NULL;
			const char *s = cells[c];
			int w = cw[c];

			if (w > width[c]) {
				cut = text_truncate(s, width[c]);
				s = cut ? cut : "";
				w = cut ? text_width(cut) : width[c];
			}
			if (c)
				fputs("  ", out);
			fputs(s, out);
			/* abs(): as printf's "%*s" padded it, a cut cell
			 * wider than its column (an ellipsis the locale
			 * cannot decode counts 3) taking as many blanks */
			if (c < last)
				pad_out(out, abs(width[c] - w));
			free(cut);
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
	free(cellw);
	free(width);
}

void table_print(struct table *t, FILE *out, const char *empty)
{
	print_table(t, out, empty, false);
}

void table_print_wrapped(struct table *t, FILE *out, const char *empty)
{
	print_table(t, out, empty, true);
}

/* Prints text (one cell of a record) from column indent on, wrapped at
 * spaces to what is left of the width (a word longer than that breaks
 * where the line ends), or whole when the width is unknown or too small. */
static void print_wrapped(FILE *out, const char *text, int indent)
{
	int room = out_width > 0 ? out_width - indent : 0;
	const char *p = text;

	if (room < 20) {
		fprintf(out, "%s\n", text);
		return;
	}
	while (*p) {
		char *line = fit_line(p, room, &p);

		if (line == NULL)
			break;
		fputs(line, out);
		free(line);
		if (*p)
			fprintf(out, "\n%*s", indent, "");
	}
	fputc('\n', out);
}

void table_print_records(struct table *t, FILE *out, int heading,
			 const char *empty)
{
	int label = 0;

	if (t->nrows <= 1) {
		if (empty != NULL)
			fprintf(out, "%s\n", empty);
		return;
	}
	for (int c = heading; c < t->ncol; c++) {
		int w = text_width(t->cells[c]);

		if (w > label)
			label = w;
	}
	for (size_t r = 1; r < t->nrows; r++) {
		const char *const *row = (const char *const *)&t->cells[r *
					 (size_t)t->ncol];
		char *head = NULL;
		size_t len = 0;
		FILE *h = open_memstream(&head, &len);

		if (h == NULL)
			return;
		for (int c = 0; c < heading && c < t->ncol; c++)
			if (row[c][0] != '\0')
				fprintf(h, "%s%s", ftell(h) ? " \u00b7 " : "",
					row[c]);
		fclose(h);
		if (r > 1)
			fputc('\n', out);
		print_wrapped(out, head ? head : "", 0);
		free(head);
		for (int c = heading; c < t->ncol; c++) {
			/* no value: the name alone, no trailing blanks */
			if (row[c][0] == '\0') {
				fprintf(out, "  %s\n", t->cells[c]);
				continue;
			}
			fprintf(out, "  %s%*s  ", t->cells[c],
				label - text_width(t->cells[c]), "");
			print_wrapped(out, row[c], label + 4);
		}
	}
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
	if (s->fmt == FMT_TABLE && s->records > 0)
		table_print_records(s->table, s->out, s->records, empty);
	else if (s->fmt == FMT_TABLE)
		print_table(s->table, s->out, empty, s->wrap);
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
	return cli_list_records(app, list, format, 0, empty);
}

int cli_list_records(struct app *app, listing_fn list, enum fmt format,
		     int heading, const char *empty)
{
	struct sink s;
	int rc = sink_open(&s, format, stdout);

	s.records = heading;

	if (rc == FT_OK)
		rc = list(app->ft, fmt_shape(format), sink_row, &s);
	if (rc == FT_OK)
		sink_close(&s, empty);
	else
		table_free(s.table);
	return rc == FT_OK ? FT_OK : cli_fail(app, rc);
}
