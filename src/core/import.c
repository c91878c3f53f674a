/* Reading CSV with libcsv and applying each row through the one-row core
 * functions, all in one transaction with a savepoint per row so that a bad
 * row is reported and the ones after it are still checked. */
#include <csv.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "ftrack/import.h"
#include "ftrack/records.h"
#include "ftrack/rules.h"
#include "ftrack/text.h"

#define MAX_COLS 12

struct kind_spec {
	const char *name;
	int required;			/* the first columns must be present */
	const char *columns[MAX_COLS];	/* NULL-terminated */
	const char *header;
};

static const struct kind_spec kinds[] = {
	[FT_IMPORT_CUSTOMERS] = {"customers", 1,
		{"name", "tenant", "managed"}, "name,tenant,managed"},
	[FT_IMPORT_SUBSCRIPTIONS] = {"subscriptions", 3,
		{"customer", "subscription", "workload"},
		"customer,subscription,workload"},
	[FT_IMPORT_STATUSES] = {"statuses", 3,
		{"customer", "workload", "l1", "l2", "notes", "subscription",
		 "l3", "engagement", "next_action_date", "target_date"},
		"customer,workload,l1,l2,notes,subscription,l3,engagement,"
		"next_action_date,target_date"},
	[FT_IMPORT_DECLARATIONS] = {"declarations", 3,
		{"customer", "workload", "declared", "l2", "l3", "notes",
		 "subscription", "validated_with", "led_by", "kickoff"},
		"customer,workload,declared,l2,l3,notes,subscription,"
		"validated_with,led_by,kickoff"},
};

int ft_import_kind(const char *name, enum ft_import_kind *kind)
{
	for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
		if (strcmp(kinds[i].name, name) == 0) {
			*kind = (enum ft_import_kind)i;
			return FT_OK;
		}
	return FT_USAGE;
}

const char *ft_import_header(enum ft_import_kind kind)
{
	return kinds[kind].header;
}

/* The state of one import while libcsv calls back. */
struct import {
	struct ft *ft;
	const struct kind_spec *spec;
	enum ft_import_kind kind;
	ft_import_error_fn on_error;
	ft_import_progress_fn on_progress;
	void *arg;
	struct ft_import_result *result;
	int rc;			/* a database error stops the import */
	/* the record being read */
	char *fields[MAX_COLS * 2];
	int nfields;
	bool too_many, has_nul, too_long;
	long line, record_line;	/* the line being fed; where the record began */
	/* the header's column index of each spec column, -1 when absent */
	int col[MAX_COLS];
	int ncols;		/* fields in the header */
	bool have_header;
	/* the context's warning handler, which row warnings go to */
	ft_warn_fn warn;
	void *warn_arg;
};

static void refuse(struct import *im, long line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void refuse(struct import *im, long line, const char *fmt, ...)
{
	char msg[1200];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	im->result->refused++;
	if (im->on_error)
		im->on_error(im->arg, line, msg);
}

static void on_field(void *data, size_t len, void *arg)
{
	struct import *im = arg;

	if (im->nfields >= MAX_COLS * 2) {
		im->too_many = true;
		return;
	}
	if (data != NULL && memchr(data, '\0', len) != NULL)
		im->has_nul = true;
	if (len > FT_IMPORT_FIELD_MAX)
		im->too_long = true;
	/* CSV_APPEND_NULL terminates data; an empty field is NULL */
	im->fields[im->nfields++] = len ? strndup(data, len) : NULL;
}

static void clear_record(struct import *im)
{
	for (int i = 0; i < im->nfields; i++)
		free(im->fields[i]);
	im->nfields = 0;
	im->too_many = im->has_nul = im->too_long = false;
}

static int read_header(struct import *im)
{
	const struct kind_spec *s = im->spec;

	for (int c = 0; c < MAX_COLS; c++)
		im->col[c] = -1;
	im->ncols = im->nfields;
	for (int i = 0; i < im->nfields; i++) {
		char code[40];
		int found = -1;

		if (im->fields[i] && text_code(im->fields[i], code, sizeof code))
			for (int c = 0; s->columns[c]; c++)
				if (strcmp(code, s->columns[c]) == 0)
					found = c;
		if (found < 0) {
			refuse(im, im->record_line, "unknown column '%s' (a %s "
			       "file has: %s)", im->fields[i] ? im->fields[i] : "",
			       s->name, s->header);
			return FT_REFUSED;
		}
		if (im->col[found] >= 0) {
			refuse(im, im->record_line, "column '%s' appears twice",
			       s->columns[found]);
			return FT_REFUSED;
		}
		im->col[found] = i;
	}
	for (int c = 0; c < s->required; c++)
		if (im->col[c] < 0) {
			refuse(im, im->record_line, "missing column '%s' (a %s "
			       "file has: %s)", s->columns[c], s->name, s->header);
			return FT_REFUSED;
		}
	return FT_OK;
}

/* The record's value for spec column c, NULL when absent or empty. */
static const char *value(const struct import *im, int c)
{
	int i = im->col[c];

	return i >= 0 && i < im->nfields ? im->fields[i] : NULL;
}

/* Applies the record through the one-row core function. */
static int apply_row(struct import *im)
{
	struct ft *ft = im->ft;
	const char *v0 = value(im, 0), *v1 = value(im, 1), *v2 = value(im, 2);

	switch (im->kind) {
	case FT_IMPORT_CUSTOMERS: {
		const char *m = value(im, 2);
		char code[16] = "";
		int managed = -1;

		if (m != NULL && text_code(m, code, sizeof code)) {
			if (!strcmp(code, "yes") || !strcmp(code, "true") ||
			    !strcmp(code, "1") || !strcmp(code, "managed"))
				managed = 1;
			else if (!strcmp(code, "no") || !strcmp(code, "false") ||
				 !strcmp(code, "0") || !strcmp(code, "unmanaged"))
				managed = 0;
		}
		if (m != NULL && managed < 0)
			return ft_fail(ft, FT_REFUSED, "invalid managed '%s' "
				       "(expected yes or no)", m);
		return ft_customer_add(ft, v0 ? v0 : "", v1, managed);
	}
	case FT_IMPORT_SUBSCRIPTIONS: {
		const char *workload = v2 ? v2 : "";

		return ft_subscription_add(ft, v0 ? v0 : "", v1 ? v1 : "",
					   &workload, 1);
	}
	case FT_IMPORT_STATUSES: {
		struct ft_status_change s = {.customer = v0 ? v0 : "",
			.workload = v1, .subscription = value(im, 5),
			.l1 = v2 ? v2 : "", .l2 = value(im, 3),
			.notes = value(im, 4), .l3 = value(im, 6),
			.engagement = value(im, 7),
			.next_action_date = value(im, 8),
			.target_date = value(im, 9)};
		int changed;

		return ft_status_set(ft, &s, &changed);
	}
	case FT_IMPORT_DECLARATIONS: {
		struct ft_declaration d = {.customer = v0 ? v0 : "",
			.workload = v1, .l2 = value(im, 3), .l3 = value(im, 4),
			.notes = value(im, 5), .subscription = value(im, 6),
			.validated_with = value(im, 7), .led_by = value(im, 8),
			.kickoff = value(im, 9)};
		struct ft_declare_outcome out;
		char code[32] = "";

		if (v2 != NULL)
			text_code(v2, code, sizeof code);
		if (strcmp(code, "no_intent") == 0)
			d.declared = FT_DECLARE_NO_INTENT;
		else if (strcmp(code, "intent_declines_ftc") == 0)
			d.declared = FT_DECLARE_INTENT_DECLINES_FTC;
		else
			return ft_fail(ft, FT_REFUSED, "invalid declared '%s' "
				       "(expected no-intent or "
				       "intent-declines-ftc)", v2 ? v2 : "");
		return ft_declare(ft, &d, FT_SHAPE_TABLE, NULL, NULL, &out);
	}
	}
	return FT_DBERR;
}

/* A warning of the row being applied, passed on with its line. */
static void row_warning(void *arg, const char *message)
{
	struct import *im = arg;
	char *msg = sqlite3_mprintf("line %ld: %s", im->record_line, message);

	if (msg != NULL)
		im->warn(im->warn_arg, msg);
	sqlite3_free(msg);
}

static void on_record(int terminator, void *arg)
{
	struct import *im = arg;
	int rc;

	(void)terminator;
	if (im->rc != FT_OK)
		goto done;
	if (!im->have_header) {
		im->have_header = true;
		if (read_header(im) != FT_OK)
			im->rc = FT_REFUSED;
		goto done;
	}
	im->result->rows++;
	/* A short row lacks its last values; a long one is a mistake. */
	if (im->has_nul || im->too_long) {
		refuse(im, im->record_line, im->has_nul ? "a NUL byte in a field"
		       : "a field longer than 65536 bytes");
		goto done;
	}
	if (im->too_many || im->nfields > im->ncols) {
		refuse(im, im->record_line, "%d fields where the header names %d",
		       im->nfields, im->ncols);
		goto done;
	}
	if ((rc = db_exec_kept(im->ft, "SAVEPOINT import_row")) != FT_OK) {
		im->rc = rc;
		goto done;
	}
	if (im->warn != NULL)
		ft_set_warn(im->ft, row_warning, im);
	rc = apply_row(im);
	ft_set_warn(im->ft, im->warn, im->warn_arg);
	if (rc == FT_REFUSED) {
		refuse(im, im->record_line, "%s", ft_error(im->ft));
		rc = db_exec_kept(im->ft, "ROLLBACK TO import_row");
	}
	if (rc == FT_OK)
		rc = db_exec_kept(im->ft, "RELEASE import_row");
	if (rc != FT_OK)
		im->rc = rc;
	if (im->on_progress && im->result->rows % 4096 == 0)
		im->on_progress(im->arg, im->result->rows);
done:
	clear_record(im);
	/* the next record starts on the line after this one ends */
	im->record_line = im->line + 1;
}

/* libcsv grows a field's buffer through this, by its block size (128);
 * far past the limit the parse fails with CSV_ENOMEM rather than take all
 * memory. on_field() checks the limit to the byte. */
static void *bounded_realloc(void *p, size_t size)
{
	return size > FT_IMPORT_FIELD_MAX + 1024 ? NULL : realloc(p, size);
}

int ft_import(struct ft *ft, enum ft_import_kind kind, FILE *in,
	      ft_import_error_fn on_error, ft_import_progress_fn on_progress,
	      void *arg, struct ft_import_result *result)
{
	struct import im = {.ft = ft, .spec = &kinds[kind], .kind = kind,
		.on_error = on_error, .on_progress = on_progress, .arg = arg,
		.result = result, .rc = FT_OK, .line = 0, .record_line = 1};
	struct csv_parser p;
	char *buf = NULL;
	size_t cap = 0;
	ssize_t len;
	int rc;

	memset(result, 0, sizeof *result);
	im.warn = ft->warn;
	im.warn_arg = ft->warn_arg;
	if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0)
		return ft_fail(ft, FT_DBERR, "out of memory");
	csv_set_realloc_func(&p, bounded_realloc);
	if ((rc = db_begin_write(ft)) != FT_OK) {
		csv_free(&p);
		return rc;
	}
	/* Fed a line at a time, so that each record knows where it began. */
	while (im.rc == FT_OK && (len = getline(&buf, &cap, in)) > 0) {
		im.line++;
		/* a blank line between records is no record */
		if (p.pstate == 0 && (buf[0] == '\n' ||
				      (buf[0] == '\r' && buf[1] == '\n'))) {
			im.record_line = im.line + 1;
			continue;
		}
		if (csv_parse(&p, buf, (size_t)len, on_field, on_record, &im) !=
		    (size_t)len) {
			refuse(&im, im.record_line, csv_error(&p) == CSV_EPARSE
			       ? "malformed CSV (a quote inside an unquoted "
				 "field, or text after a closing quote)"
			       : "a field longer than 65536 bytes");
			im.rc = FT_REFUSED;
		}
	}
	if (im.rc == FT_OK && ferror(in))
		im.rc = ft_fail(ft, FT_REFUSED, "cannot read the file");
	if (im.rc == FT_OK && csv_fini(&p, on_field, on_record, &im) != 0) {
		refuse(&im, im.record_line, "a quoted field is not closed");
		im.rc = FT_REFUSED;
	}
	if (im.rc == FT_OK && !im.have_header) {
		refuse(&im, 1, "the file is empty (it needs a header row: %s)",
		       im.spec->header);
		im.rc = FT_REFUSED;
	}
	clear_record(&im);
	csv_free(&p);
	free(buf);
	if (im.rc == FT_OK && result->refused > 0)
		im.rc = FT_REFUSED;
	if (im.rc == FT_REFUSED && result->refused <= result->rows)
		ft_fail(ft, FT_REFUSED, "%ld of %ld rows refused; nothing was "
			"imported", result->refused, result->rows);
	else if (im.rc == FT_REFUSED)
		ft_fail(ft, FT_REFUSED, "the file is refused; nothing was "
			"imported");
	if (on_progress && im.rc == FT_OK)
		on_progress(arg, result->rows);
	return db_end_write(ft, im.rc);
}
