/* Reading CSV with libcsv and applying each row through the one-row core
 * functions, all in one transaction. Rows run one after the other until
 * one is refused; then the file is read again from its start, each row in
 * a savepoint of its own, so that the bad row is reported and the ones
 * after it are still checked as they would be without it (a refused row
 * may have written part of itself). What is reported is what one careful
 * pass reports: nothing is said twice. What
 * spreadsheets write is read as they write it: a UTF-8 BOM, the delimiter
 * of the header row (comma, semicolon or tab), blank rows and rows of empty
 * cells, CRLF line ends; a file that is not UTF-8 is refused at its first
 * such line rather than imported as mojibake. */
#include <csv.h>
#include <errno.h>
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
#include "rules_engine.h"

#define MAX_COLS 12		/* columns a kind knows */
#define MAX_FIELDS 64		/* fields in a record, known or not */

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
	const struct ft_import_options *opt;
	struct ft_import_result *result;
	int rc;			/* a database error stops the import */
	/* the record being read */
	char *fields[MAX_FIELDS];
	int nfields;
	bool too_many, has_nul, too_long;
	long line, record_line;	/* the line being fed; where the record began */
	/* the header's column index of each spec column, -1 when absent */
	int col[MAX_COLS];
	int ncols;		/* fields in the header */
	bool have_header;
	/* Fast: no savepoint a row, until a row is refused (then restart).
	 * Careful: a savepoint a row, and the rows before quiet_rows, already
	 * reported by the fast pass, are not reported again. */
	bool careful, restart;
	long quiet_rows;
	char **warnings;	/* fast: the row's, said once it stands */
	int nwarnings, warnings_cap;
};

/* Whether what the current row says was said by the fast pass. */
static bool quiet(const struct import *im)
{
	return im->result->rows < im->quiet_rows;
}

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
	if (im->opt->on_error && !quiet(im))
		im->opt->on_error(im->opt->arg, line, msg);
}

static void warn_at(struct import *im, long line, const char *message)
{
	if (im->opt->on_warning && !quiet(im))
		im->opt->on_warning(im->opt->arg, line, message);
}

/* Turns each CR LF of s into LF, in place. */
static void crlf_to_lf(char *s)
{
	char *out = s;

	for (const char *in = s; *in; in++)
		if (!(in[0] == '\r' && in[1] == '\n'))
			*out++ = *in;
	*out = '\0';
}

static void on_field(void *data, size_t len, void *arg)
{
	struct import *im = arg;

	if (im->nfields >= MAX_FIELDS) {
		im->too_many = true;
		return;
	}
	if (data != NULL && memchr(data, '\0', len) != NULL)
		im->has_nul = true;
	if (len > FT_IMPORT_FIELD_MAX)
		im->too_long = true;
	/* CSV_APPEND_NULL terminates data; an empty field is NULL */
	im->fields[im->nfields++] = len ? strndup(data, len) : NULL;
	/* a line break inside a quoted cell of a CRLF file is CRLF: the text
	 * holds it as a newline */
	if (len && im->fields[im->nfields - 1] != NULL)
		crlf_to_lf(im->fields[im->nfields - 1]);
}

static void clear_record(struct import *im)
{
	for (int i = 0; i < im->nfields; i++)
		free(im->fields[i]);
	im->nfields = 0;
	im->too_many = im->has_nul = im->too_long = false;
}

/* True when every field of the record is empty (a blank row, ",,,"). */
static bool record_is_blank(const struct import *im)
{
	for (int i = 0; i < im->nfields; i++)
		if (im->fields[i] != NULL)
			return false;
	return !im->too_many && !im->has_nul;
}

/* Maps the header's columns to the kind's; unknown ones refuse the file or,
 * with ignore_columns, are skipped with one warning. */
static int read_header(struct import *im)
{
	const struct kind_spec *s = im->spec;
	struct strbuf *unknown = strbuf_new();
	int nunknown = 0, rc = FT_OK;

	for (int c = 0; c < MAX_COLS; c++)
		im->col[c] = -1;
	im->ncols = im->nfields;
	if (im->too_many) {
		refuse(im, im->record_line, "the header row has more than %d "
		       "columns", MAX_FIELDS);
		rc = FT_REFUSED;
		goto done;
	}
	for (int i = 0; i < im->nfields; i++) {
		char code[40];
		int found = -1;

		if (im->fields[i] && text_code(im->fields[i], code, sizeof code))
			for (int c = 0; s->columns[c]; c++)
				if (strcmp(code, s->columns[c]) == 0)
					found = c;
		if (found < 0) {
			strbuf_addf(unknown, "%s'%s'", nunknown ? ", " :
					    "", im->fields[i] ? im->fields[i] : "");
			nunknown++;
			continue;
		}
		if (im->col[found] >= 0) {
			refuse(im, im->record_line, "column '%s' appears twice",
			       s->columns[found]);
			rc = FT_REFUSED;
			goto done;
		}
		im->col[found] = i;
	}
	if (strbuf_failed(unknown)) {
		rc = ft_fail(im->ft, FT_DBERR, "out of memory");
		goto done;
	}
	if (nunknown > 0 && !im->opt->ignore_columns) {
		refuse(im, im->record_line, "unknown column%s %s (a %s file has: "
		       "%s; --ignore-columns skips %s)", nunknown > 1 ? "s" : "",
		       strbuf_value(unknown), s->name, s->header,
		       nunknown > 1 ? "them" : "it");
		rc = FT_REFUSED;
		goto done;
	}
	for (int c = 0; c < s->required; c++)
		if (im->col[c] < 0) {
			refuse(im, im->record_line, "missing column '%s' (a %s "
			       "file has: %s)", s->columns[c], s->name, s->header);
			rc = FT_REFUSED;
			goto done;
		}
	if (nunknown > 0) {
		char *msg = str_printf("ignoring unknown column%s %s",
					    nunknown > 1 ? "s" : "",
					    strbuf_value(unknown));

		if (msg == NULL)
			rc = ft_fail(im->ft, FT_DBERR, "out of memory");
		else
			warn_at(im, im->record_line, msg);
		free(msg);
	}
done:
	free(strbuf_finish(unknown));
	return rc;
}

/* The record's value for spec column c, NULL when absent or empty. */
static const char *value(const struct import *im, int c)
{
	int i = im->col[c];

	return i >= 0 && i < im->nfields ? im->fields[i] : NULL;
}

/* Whether customer name is recorded with what the row gives (a tenant or
 * managed the row leaves empty is not said): *same 1 when it is, 0 when no
 * such customer exists; refused, naming what differs, when it is recorded
 * otherwise. */
static int customer_recorded(struct ft *ft, const char *name,
			     const char *tenant, int managed, int *same)
{
	static const char *const said[] = {"not said", "no", "yes"};
	struct db_stmt *st = NULL;
	struct strbuf *diff = NULL;
	const char *stored_tenant;
	char role[16];
	int rc, step, stored_managed;
	bool tenant_differs, managed_differs;

	*same = 0;
	/* names and tenants compare as SQLite's NOCASE columns do
	 * (db_bind_nocase()) */
	if ((rc = db_prepare(ft, &st, "SELECT name, tenant, managed, "
			     "CASE WHEN lower(tenant) = :tenant_nocase THEN 1 "
			     "ELSE 0 END FROM customer WHERE name_key = :name_key "
			     "AND lower(name) = :name_nocase")) != FT_OK)
		return rc;
	db_bind_key(ft, st, ":name_key", name);
	db_bind_nocase(ft, st, ":name_nocase", name);
	db_bind_nocase(ft, st, ":tenant_nocase", tenant);
	if ((step = db_step(ft, st)) != DB_ROW) {
		rc = step < 0 ? FT_DBERR : FT_OK;
		goto cleanup;
	}
	stored_tenant = db_col_text(st, 1);
	stored_managed = db_col_null(st, 2) ? -1 :
			 (int)db_col_int(st, 2);
	tenant_differs = tenant != NULL && (int)db_col_int(st, 3) != 1;
	managed_differs = managed >= 0 && managed != stored_managed;
	if (tenant_differs || managed_differs) {
		diff = strbuf_new();
		strbuf_addf(diff, "customer '%s' already exists with ",
				    db_col_text(st, 0));
		if (tenant_differs && stored_tenant != NULL)
			strbuf_addf(diff, "tenant '%s'", stored_tenant);
		else if (tenant_differs)
			strbuf_add(diff, "no tenant");
		if (tenant_differs)
			strbuf_addf(diff, " (the row has '%s')", tenant);
		if (tenant_differs && managed_differs)
			strbuf_add(diff, " and ");
		if (managed_differs)
			strbuf_addf(diff, "managed %s (the row has %s)",
					    said[stored_managed + 1],
					    said[managed + 1]);
		rc = strbuf_failed(diff)
			? ft_fail(ft, FT_DBERR, "out of memory")
			: ft_fail(ft, FT_REFUSED, "%s", strbuf_value(diff));
		goto cleanup;
	}
	/* the actor is checked even when nothing would change */
	if ((rc = rules_check_writer(ft, "adding a customer", role,
				     sizeof role)) == FT_OK)
		*same = 1;
cleanup:
	db_release(st);
	free(strbuf_finish(diff));
	return rc;
}

/* Whether the entitlement (customer, subscription, workload) is recorded:
 * *same 1 when it is (the actor may add records), else 0. */
static int entitlement_recorded(struct ft *ft, const char *customer,
				const char *code, const char *workload,
				int *same)
{
	struct db_stmt *st = NULL;
	char role[16];
	int rc, step;

	*same = 0;
	if ((rc = db_prepare(ft, &st, "SELECT 1 FROM entitlement e "
			     "JOIN subscription s ON s.id = e.subscription_id "
			     "JOIN customer c ON c.id = s.customer_id "
			     "JOIN workload w ON w.id = e.workload_id "
			     "WHERE c.name_key = :customer_key "
			     "AND lower(c.name) = :customer_nocase "
			     "AND s.code_key = :code_key "
			     "AND lower(s.code) = :code_nocase "
			     "AND w.name_key = :workload_key "
			     "AND lower(w.name) = :workload_nocase")) != FT_OK)
		return rc;
	db_bind_key(ft, st, ":customer_key", customer);
	db_bind_nocase(ft, st, ":customer_nocase", customer);
	db_bind_key(ft, st, ":code_key", code);
	db_bind_nocase(ft, st, ":code_nocase", code);
	db_bind_key(ft, st, ":workload_key", workload);
	db_bind_nocase(ft, st, ":workload_nocase", workload);
	step = db_step(ft, st);
	db_release(st);
	if (step < 0)
		return FT_DBERR;
	if (step == DB_ROW &&
	    (rc = rules_check_writer(ft, "adding a subscription", role,
				     sizeof role)) == FT_OK)
		*same = 1;
	return rc;
}

/* Applies the record through the one-row core function; *changed is
 * whether it changed anything. */
static int apply_row(struct import *im, bool *changed)
{
	struct ft *ft = im->ft;
	const char *v0 = value(im, 0), *v1 = value(im, 1), *v2 = value(im, 2);
	int rc, same = 0;

	*changed = false;
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
		if (v0 != NULL && (rc = customer_recorded(ft, v0, v1, managed,
							  &same)) != FT_OK)
			return rc;
		if (same)
			return FT_OK;
		*changed = true;
		return ft_customer_add(ft, v0 ? v0 : "", v1, managed);
	}
	case FT_IMPORT_SUBSCRIPTIONS: {
		const char *workload = v2 ? v2 : "";

		if (v0 != NULL && v1 != NULL && v2 != NULL &&
		    (rc = entitlement_recorded(ft, v0, v1, v2, &same)) != FT_OK)
			return rc;
		if (same)
			return FT_OK;
		*changed = true;
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
		int n = 0;

		rc = ft_status_set(ft, &s, &n);
		*changed = n > 0;
		return rc;
	}
	case FT_IMPORT_DECLARATIONS: {
		struct ft_declaration d = {.customer = v0 ? v0 : "",
			.workload = v1, .l2 = value(im, 3), .l3 = value(im, 4),
			.notes = value(im, 5), .subscription = value(im, 6),
			.validated_with = value(im, 7), .led_by = value(im, 8),
			.kickoff = value(im, 9)};
		struct ft_declare_outcome out = {0};
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
		rc = ft_declare(ft, &d, FT_SHAPE_TABLE, NULL, NULL, &out);
		*changed = out.changed > 0;
		return rc;
	}
	}
	return FT_DBERR;
}

/* A warning of the row being applied (the context's warning handler while
 * it is), passed on with the row's line. */
static void row_warning(void *arg, const char *message)
{
	struct import *im = arg;
	char *copy;

	if (im->careful || im->opt->on_warning == NULL) {
		warn_at(im, im->record_line, message);
		return;
	}
	if (im->nwarnings == im->warnings_cap) {
		int cap = im->warnings_cap ? 2 * im->warnings_cap : 4;
		char **grown = realloc(im->warnings, (size_t)cap *
				       sizeof *grown);

		if (grown == NULL) {
			im->rc = ft_fail(im->ft, FT_DBERR, "out of memory");
			return;
		}
		im->warnings = grown;
		im->warnings_cap = cap;
	}
	if ((copy = strdup(message)) == NULL) {
		im->rc = ft_fail(im->ft, FT_DBERR, "out of memory");
		return;
	}
	im->warnings[im->nwarnings++] = copy;
}

/* Says (when say) and forgets the warnings the fast pass kept for the
 * row. */
static void row_warnings_done(struct import *im, bool say)
{
	for (int i = 0; i < im->nwarnings; i++) {
		if (say)
			warn_at(im, im->record_line, im->warnings[i]);
		free(im->warnings[i]);
	}
	im->nwarnings = 0;
}

static void progress(struct import *im)
{
	if (im->opt->on_progress && im->result->rows % 4096 == 0 &&
	    !quiet(im))
		im->opt->on_progress(im->opt->arg, im->result->rows);
}

/* Applies the record without a savepoint of its own; a refusal stops the
 * fast pass (im->restart), unsaid: the careful pass says it. */
static void apply_fast(struct import *im)
{
	struct ft *ft = im->ft;
	ft_warn_fn warn = ft->warn;
	void *warn_arg = ft->warn_arg;
	bool changed = false;
	int rc;

	ft_set_warn(ft, row_warning, im);
	rc = apply_row(im, &changed);
	ft_set_warn(ft, warn, warn_arg);
	row_warnings_done(im, rc == FT_OK && im->rc == FT_OK);
	if (rc == FT_REFUSED) {
		im->restart = true;
		im->quiet_rows = im->result->rows;
		im->rc = FT_REFUSED;
		return;
	}
	if (rc != FT_OK) {
		im->rc = rc;
		return;
	}
	if (changed)
		im->result->changed++;
	else
		im->result->unchanged++;
	progress(im);
}

/* Checks and applies one data record: in the careful pass inside its own
 * savepoint. */
static void import_record(struct import *im)
{
	struct ft *ft = im->ft;
	ft_warn_fn warn = ft->warn;
	void *warn_arg = ft->warn_arg;
	bool changed = false;
	int rc;

	im->result->rows++;
	/* A short row lacks its last values; a long one is a mistake. */
	if (im->has_nul || im->too_long) {
		refuse(im, im->record_line, im->has_nul ? "a NUL byte in a field"
		       : "a field longer than 65536 bytes");
		return;
	}
	if (im->too_many || im->nfields > im->ncols) {
		if (im->too_many)
			refuse(im, im->record_line, "more than %d fields where "
			       "the header names %d", MAX_FIELDS, im->ncols);
		else
			refuse(im, im->record_line, "%d fields where the header "
			       "names %d", im->nfields, im->ncols);
		return;
	}
	if (!im->careful) {
		apply_fast(im);
		return;
	}
	if ((rc = db_exec_kept(ft, "SAVEPOINT import_row")) != FT_OK) {
		im->rc = rc;
		return;
	}
	ft_set_warn(ft, row_warning, im);
	rc = apply_row(im, &changed);
	ft_set_warn(ft, warn, warn_arg);
	if (rc == FT_REFUSED) {
		refuse(im, im->record_line, "%s", ft_error(ft));
		rc = db_exec_kept(ft, "ROLLBACK TO import_row");
	} else if (rc == FT_OK && changed) {
		im->result->changed++;
	} else if (rc == FT_OK) {
		im->result->unchanged++;
	}
	if (rc == FT_OK)
		rc = db_exec_kept(ft, "RELEASE import_row");
	if (rc != FT_OK)
		im->rc = rc;
	progress(im);
}

static void on_record(int terminator, void *arg)
{
	struct import *im = arg;

	(void)terminator;
	if (im->rc != FT_OK || record_is_blank(im))
		goto done;
	if (!im->have_header) {
		im->have_header = true;
		if (read_header(im) != FT_OK)
			im->rc = FT_REFUSED;
		goto done;
	}
	import_record(im);
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

/* True when the line holds nothing but line ends and delimiters (delim, or
 * any of the three while it is not known yet): no record, or one of empty
 * fields only. */
static bool line_is_blank(const char *s, size_t n, char delim)
{
	for (size_t i = 0; i < n; i++) {
		char c = s[i];

		if (c == '\n' || c == '\r' || (delim && c == delim) ||
		    (!delim && (c == ',' || c == ';' || c == '\t')))
			continue;
		return false;
	}
	return true;
}

/* The delimiter of the header line: the one of comma, semicolon and tab it
 * holds most often outside quotes, comma when it holds none. FT_REFUSED
 * (through im) when two are as frequent. */
static int detect_delimiter(struct import *im, const char *s, size_t n,
			    char *delim)
{
	static const char candidates[] = {',', ';', '\t'};
	static const char *const names[] = {"','", "';'", "tab"};
	long count[3] = {0, 0, 0};
	bool quoted = false;
	int best = 0;

	for (size_t i = 0; i < n; i++) {
		if (s[i] == '"')
			quoted = !quoted;
		for (int k = 0; !quoted && k < 3; k++)
			count[k] += s[i] == candidates[k];
	}
	for (int k = 1; k < 3; k++)
		if (count[k] > count[best])
			best = k;
	for (int k = 0; k < 3; k++)
		if (k != best && count[k] > 0 && count[k] == count[best]) {
			refuse(im, im->line, "the header row has as many %s as %s; "
			       "say which separates the columns (--delimiter)",
			       names[k < best ? k : best],
			       names[k < best ? best : k]);
			return FT_REFUSED;
		}
	*delim = candidates[best];
	return FT_OK;
}

/* Where the lines come from: in, and for the careful pass over a stream
 * that cannot seek back (a pipe), the copy of what the fast pass read. */
struct source {
	FILE *in;
	off_t start;		/* where in began, or -1: it cannot seek */
	FILE *spool;		/* the fast pass's lines when it cannot */
	bool replay;		/* the careful pass reading spool back */
};

/* The next line, as getline() gives it. */
static ssize_t next_line(struct import *im, struct source *src, char **buf,
			 size_t *cap)
{
	ssize_t len;

	if (src->replay) {
		if ((len = getline(buf, cap, src->spool)) > 0)
			return len;
		src->replay = false;
	}
	len = getline(buf, cap, src->in);
	if (len > 0 && src->spool != NULL && !im->careful &&
	    fwrite(*buf, 1, (size_t)len, src->spool) != (size_t)len)
		im->rc = ft_fail(im->ft, FT_DBERR, "cannot keep a copy of the "
				 "input: %s", strerror(errno));
	return len;
}

/* One pass over the file, from its first line. */
static void read_all(struct import *im, struct source *src)
{
	struct ft *ft = im->ft;
	struct csv_parser p;
	char *buf = NULL, delim = im->opt->delimiter;
	bool delim_set = false;
	size_t cap = 0;
	ssize_t len;

	if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0) {
		im->rc = ft_fail(ft, FT_DBERR, "out of memory");
		return;
	}
	csv_set_realloc_func(&p, bounded_realloc);
	/* Fed a line at a time, so that each record knows where it began. */
	while (im->rc == FT_OK && (len = next_line(im, src, &buf, &cap)) > 0) {
		char *line = buf;
		size_t n = (size_t)len;

		im->line++;
		if (im->line == 1 && n >= 3 && memcmp(line, "\xEF\xBB\xBF", 3) == 0) {
			line += 3;	/* the BOM some spreadsheets write */
			n -= 3;
		}
		if (im->line == 1 && n >= 2 &&
		    (memcmp(line, "\xFF\xFE", 2) == 0 ||
		     memcmp(line, "\xFE\xFF", 2) == 0)) {
			im->rc = ft_fail(ft, FT_REFUSED, "the file is UTF-16 "
					 "(Excel's Unicode Text); save it as CSV "
					 "UTF-8; nothing was imported");
			break;
		}
		/* a NUL byte is refused as such, in its field */
		if (memchr(line, '\0', n) == NULL && !text_is_utf8(line, n)) {
			im->rc = ft_fail(ft, FT_REFUSED, "line %ld is not UTF-8 "
					 "(save the file as CSV UTF-8); nothing "
					 "was imported", im->line);
			break;
		}
		/* a blank line between records is no record */
		if (p.pstate == 0 && line_is_blank(line, n, delim_set ? delim : 0)) {
			im->record_line = im->line + 1;
			continue;
		}
		if (!delim_set) {
			if (delim == 0 && detect_delimiter(im, line, n, &delim)
			    != FT_OK) {
				im->rc = FT_REFUSED;
				break;
			}
			csv_set_delim(&p, (unsigned char)delim);
			delim_set = true;
		}
		if (csv_parse(&p, line, n, on_field, on_record, im) != n &&
		    !im->restart) {
			refuse(im, im->record_line, csv_error(&p) == CSV_EPARSE
			       ? "malformed CSV (a quote inside an unquoted "
				 "field, or text after a closing quote)"
			       : "a field longer than 65536 bytes");
			im->rc = FT_REFUSED;
		}
	}
	if (im->rc == FT_OK && ferror(src->in))
		im->rc = ft_fail(ft, FT_REFUSED, "cannot read the file");
	if (im->rc == FT_OK && csv_fini(&p, on_field, on_record, im) != 0) {
		refuse(im, im->record_line, "a quoted field is not closed");
		im->rc = FT_REFUSED;
	}
	if (im->rc == FT_OK && !im->have_header) {
		refuse(im, 1, "the file is empty (it needs a header row: %s)",
		       im->spec->header);
		im->rc = FT_REFUSED;
	}
	clear_record(im);
	csv_free(&p);
	free(buf);
}

/* Undoes the fast pass and sets up the careful one. */
static int restart(struct import *im, struct source *src)
{
	int rc = db_restart_write(im->ft);

	memset(im->result, 0, sizeof *im->result);
	im->rc = FT_OK;
	im->restart = false;
	im->careful = true;
	im->line = 0;
	im->record_line = 1;
	im->have_header = false;
	if (rc != FT_OK)
		return rc;
	if (src->spool != NULL) {
		rewind(src->spool);
		src->replay = true;
	} else if (fseeko(src->in, src->start, SEEK_SET) != 0) {
		return ft_fail(im->ft, FT_DBERR, "cannot read the file again: "
			       "%s", strerror(errno));
	}
	clearerr(src->in);
	return FT_OK;
}

int ft_import(struct ft *ft, enum ft_import_kind kind, FILE *in,
	      const struct ft_import_options *opt,
	      struct ft_import_result *result)
{
	static const struct ft_import_options defaults = {0};
	struct import im = {.ft = ft, .spec = &kinds[kind], .kind = kind,
		.opt = opt ? opt : &defaults, .result = result, .rc = FT_OK,
		.line = 0, .record_line = 1};
	struct source src = {.in = in, .start = ftello(in)};
	char delim = im.opt->delimiter;
	int rc;

	memset(result, 0, sizeof *result);
	if (delim != 0 && delim != ',' && delim != ';' && delim != '\t')
		return ft_fail(ft, FT_USAGE, "invalid delimiter (comma, "
			       "semicolon or tab)");
	if (src.start < 0 && (src.spool = tmpfile()) == NULL)
		return ft_fail(ft, FT_DBERR, "cannot keep a copy of the input: "
			       "%s", strerror(errno));
	if ((rc = db_begin_write(ft)) != FT_OK) {
		if (src.spool != NULL)
			fclose(src.spool);
		return rc;
	}
	/* inside another write, the fast pass could not start again */
	im.careful = ft->write_depth > 1;
	read_all(&im, &src);
	if (im.restart && (im.rc = restart(&im, &src)) == FT_OK)
		read_all(&im, &src);
	if (src.spool != NULL)
		fclose(src.spool);
	row_warnings_done(&im, false);
	free(im.warnings);
	if (im.rc == FT_OK && result->refused > 0)
		im.rc = FT_REFUSED;
	/* (refused == 0: the message is set, a line that is not UTF-8) */
	if (im.rc == FT_REFUSED && result->refused > 0 &&
	    result->refused <= result->rows)
		ft_fail(ft, FT_REFUSED, "%ld of %ld rows refused; nothing was "
			"imported", result->refused, result->rows);
	else if (im.rc == FT_REFUSED && result->refused > 0)
		ft_fail(ft, FT_REFUSED, "the file is refused; nothing was "
			"imported");
	if (im.opt->on_progress && im.rc == FT_OK)
		im.opt->on_progress(im.opt->arg, result->rows);
	/* a dry run rolls back what it did, and says so by no error */
	if (im.opt->dry_run && im.rc == FT_OK)
		return db_end_write(ft, FT_REFUSED) == FT_REFUSED ? FT_OK
								  : FT_DBERR;
	return db_end_write(ft, im.rc);
}
