/* ftrack report: one self-contained HTML page for a manager — the scope,
 * the No Intent charts, the accounts No Intent on every workload, the open
 * next actions and the latest changes. Inline CSS and SVG only: no script,
 * and nothing the page loads from elsewhere (its Content-Security-Policy
 * forbids it). Every text comes from the database, escaped. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "html.h"
#include "ftrack/report.h"

#define NEWEST_CHANGES 20

/* The report's texts (report_text, and rule_text's 'overdue'). */
enum text {
	T_TITLE, T_SCOPE, T_SCOPE_ALL, T_SCOPE_CUSTOMER, T_DATABASE,
	T_GENERATED, T_SINCE, T_CUSTOMERS, T_SERVICES, T_NO_INTENT_SERVICES,
	T_EXCLUDED, T_BY_L2, T_BY_WORKLOAD, T_ALL_WORKLOADS, T_BY_MONTH,
	T_ACTIONS, T_CHANGES, T_NONE, T_TOTAL, T_SHARE, T_COL_L2,
	T_COL_CUSTOMER, T_COL_TENANT, T_COL_WORKLOAD, T_COL_SUBSCRIPTIONS,
	T_COL_SERVICES, T_COL_NEXT_ACTION, T_COL_DUE, T_COL_MONTH,
	T_COL_DECLARATIONS, T_COL_ID, T_COL_DATE, T_COL_WHO, T_COL_WHAT,
	T_TBD, T_OVERDUE, T_COUNT
};
static const char *const TEXT_CODES[T_COUNT] = {
	"title", "scope", "scope_all", "scope_customer", "database",
	"generated", "since", "customers", "services", "no_intent_services",
	"excluded", "by_l2", "by_workload", "all_workloads", "by_month",
	"actions", "changes", "none", "total", "share", "col_l2",
	"col_customer", "col_tenant", "col_workload", "col_subscriptions",
	"col_services", "col_next_action", "col_due", "col_month",
	"col_declarations", "col_id", "col_date", "col_who", "col_what",
	"tbd", "overdue",
};

struct report {
	FILE *out;
	char *text[T_COUNT];
	long rows;		/* rows of the table being written */
};

static int keep_text(void *arg, const char *code, const char *text)
{
	struct report *r = arg;

	for (int i = 0; i < T_COUNT; i++)
		if (strcmp(code, TEXT_CODES[i]) == 0 && r->text[i] == NULL &&
		    (r->text[i] = strdup(text ? text : "")) == NULL)
			return FT_DBERR;
	return FT_OK;
}

/* Loads every text; FT_DBERR naming the first that is missing. */
static int load_texts(struct app *app, struct report *r)
{
	int rc = ft_report_texts(app->ft, keep_text, r);

	if (rc != FT_OK)
		return cli_fail(app, rc);
	for (int i = 0; i < T_COUNT; i++)
		if (r->text[i] == NULL) {
			cli_error("the database has no report text '%s'",
				  TEXT_CODES[i]);
			return FT_DBERR;
		}
	return FT_OK;
}

static const char STYLE[] =
	"body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;"
	"margin:2rem auto;max-width:1100px;padding:0 1rem;color:#1c2430;"
	"background:#fff}"
	"h1{margin-bottom:.25rem}h2{margin-top:2.2rem;border-bottom:1px solid "
	"#d6dbe1;padding-bottom:.25rem;font-size:1.2rem}"
	"dl.scope{display:grid;grid-template-columns:max-content auto;"
	"gap:.2rem 1rem;margin:.5rem 0}dl.scope dt{font-weight:600}"
	"dl.scope dd{margin:0}"
	"p.note,p.none{color:#5a6472}"
	"table{border-collapse:collapse;margin:.5rem 0;font-size:.92rem}"
	"th,td{text-align:left;padding:.3rem .6rem;border-bottom:1px solid "
	"#e3e7ec;vertical-align:top}th{background:#f3f5f8}"
	"td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}"
	"td.date{white-space:nowrap}tr.overdue td{background:#fdecea}"
	".overdue-mark{color:#b3261e;font-weight:700;margin-left:.4rem}"
	"svg.chart{display:block;max-width:100%;height:auto;margin:.5rem 0}"
	"svg .bar{fill:#2f6fb0}svg .label,svg .value,svg .key{font-size:13px;"
	"fill:#1c2430}svg .key{font-size:11px}svg .axis{stroke:#9aa4b1}";

/* <tag>text</tag>, the text escaped. */
static void element(FILE *out, const char *tag, const char *text)
{
	fprintf(out, "<%s>", tag);
	html_text(out, text);
	fprintf(out, "</%s>", tag);
}

/* A table's head: its columns' texts, numeric ones (1 in num) aligned
 * right. */
static void table_head(struct report *r, int n, const enum text *cols,
		       const int *num)
{
	fputs("<table>\n<thead><tr>", r->out);
	for (int i = 0; i < n; i++) {
		fputs(num[i] ? "<th class=\"num\">" : "<th>", r->out);
		html_text(r->out, r->text[cols[i]]);
		fputs("</th>", r->out);
	}
	fputs("</tr></thead>\n<tbody>\n", r->out);
}

/* Ends the table, or says there was nothing. */
static void table_end(struct report *r)
{
	if (r->rows > 0) {
		fputs("</tbody>\n</table>\n", r->out);
	} else {
		fputs("<p class=\"none\">", r->out);
		html_text(r->out, r->text[T_NONE]);
		fputs("</p>\n", r->out);
	}
	r->rows = 0;
}

static void write_header(struct report *r, const struct ft_report_scope *s,
			 const char *db_name, enum ft_lang lang)
{
	FILE *out = r->out;

	fprintf(out, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n"
		"<meta charset=\"utf-8\">\n<meta http-equiv=\"Content-Security-"
		"Policy\" content=\"default-src 'none'; style-src "
		"'unsafe-inline'\">\n<meta name=\"viewport\" content=\"width="
		"device-width, initial-scale=1\">\n<meta name=\"generator\" "
		"content=\"ftrack %s\">\n<title>", lang == FT_LANG_ES ? "es" : "en",
		FTRACK_VERSION);
	html_text(out, r->text[T_TITLE]);
	fputs(" — ", out);
	if (s->customer[0])
		html_text(out, s->customer);
	else
		html_text(out, r->text[T_SCOPE_ALL]);
	fputs(" — ", out);
	html_text(out, s->generated);
	fprintf(out, "</title>\n<style>%s</style>\n</head>\n<body>\n<header>\n",
		STYLE);
	fputs("<h1>", out);
	html_text(out, r->text[T_TITLE]);
	fputs(" — ", out);
	html_text(out, s->customer[0] ? s->customer : r->text[T_SCOPE_ALL]);
	fputs("</h1>\n<dl class=\"scope\">\n", out);
	element(out, "dt", r->text[T_SCOPE]);
	fputs("<dd id=\"scope\">", out);
	if (s->customer[0]) {
		html_text(out, r->text[T_SCOPE_CUSTOMER]);
		fputs(" <strong>", out);
		html_text(out, s->customer);
		fputs("</strong>", out);
	} else {
		html_text(out, r->text[T_SCOPE_ALL]);
	}
	fputs("</dd>\n", out);
	if (db_name != NULL) {
		element(out, "dt", r->text[T_DATABASE]);
		element(out, "dd", db_name);
		fputc('\n', out);
	}
	element(out, "dt", r->text[T_GENERATED]);
	fputs("<dd id=\"generated\"><time datetime=\"", out);
	html_text(out, s->generated);
	fputs("\">", out);
	html_text(out, s->generated);
	fputs("</time></dd>\n", out);
	if (s->since[0]) {
		element(out, "dt", r->text[T_SINCE]);
		element(out, "dd", s->since);
		fputc('\n', out);
	}
	element(out, "dt", r->text[T_CUSTOMERS]);
	fprintf(out, "<dd>%lld</dd>\n", (long long)s->customers);
	element(out, "dt", r->text[T_SERVICES]);
	fprintf(out, "<dd>%lld</dd>\n", (long long)s->services);
	element(out, "dt", r->text[T_NO_INTENT_SERVICES]);
	fprintf(out, "<dd id=\"no-intent-services\">%lld</dd>\n</dl>\n",
		(long long)s->no_intent_services);
	fputs("<p class=\"note\">", out);
	html_text(out, r->text[T_EXCLUDED]);
	fputs("</p>\n</header>\n", out);
}

/* A section's opening: <section id> and its heading. */
static void section(struct report *r, const char *id, enum text title)
{
	fprintf(r->out, "<section id=\"%s\">\n", id);
	element(r->out, "h2", r->text[title]);
	fputc('\n', r->out);
}

/* The L2 chart's numbers: each L2's services and share, and the total. */
static void l2_numbers(struct report *r, const struct ft_report_chart *c)
{
	static const enum text cols[] = {T_COL_L2, T_COL_SERVICES, T_SHARE};
	static const int num[] = {0, 1, 1};
	int64_t total = 0;

	for (size_t i = 0; i < c->n; i++)
		total += c->bars[i].value;
	fputs("<div id=\"l2-numbers\">\n", r->out);
	table_head(r, 3, cols, num);
	for (size_t i = 0; i < c->n; i++) {
		fputs("<tr><td>", r->out);
		html_text(r->out, c->bars[i].label);
		fprintf(r->out, "</td><td class=\"num\">%lld</td><td class=\"num\">"
			"%.0f%%</td></tr>\n", (long long)c->bars[i].value,
			total ? 100.0 * (double)c->bars[i].value / (double)total
			      : 0.0);
	}
	fputs("<tr><th>", r->out);
	html_text(r->out, r->text[T_TOTAL]);
	fprintf(r->out, "</th><th class=\"num\">%lld</th><th></th></tr>\n"
		"</tbody>\n</table>\n</div>\n", (long long)total);
}

/* The three charts, each a section. */
static int write_charts(struct app *app, struct report *r,
			const struct ft_report_filter *f)
{
	struct ft_report_chart chart = {0};
	int rc;

	rc = ft_report_chart(app->ft, f, FT_REPORT_BY_L2, &chart);
	if (rc == FT_OK) {
		section(r, "by-l2", T_BY_L2);
		html_bar_chart(r->out, "chart-l2", r->text[T_BY_L2], &chart,
			       r->text[T_NONE]);
		l2_numbers(r, &chart);
		fputs("</section>\n", r->out);
	}
	ft_report_chart_free(&chart);
	if (rc == FT_OK)
		rc = ft_report_chart(app->ft, f, FT_REPORT_BY_WORKLOAD, &chart);
	if (rc == FT_OK) {
		section(r, "by-workload", T_BY_WORKLOAD);
		html_bar_chart(r->out, "chart-workload", r->text[T_BY_WORKLOAD],
			       &chart, r->text[T_NONE]);
		fputs("</section>\n", r->out);
	}
	ft_report_chart_free(&chart);
	if (rc == FT_OK)
		rc = ft_report_chart(app->ft, f, FT_REPORT_BY_MONTH, &chart);
	if (rc == FT_OK) {
		section(r, "by-month", T_BY_MONTH);
		html_column_chart(r->out, "chart-month", r->text[T_BY_MONTH],
				  &chart, r->text[T_NONE]);
		fputs("</section>\n", r->out);
	}
	ft_report_chart_free(&chart);
	return rc;
}

static int account_row(void *arg, const struct ft_report_account *a)
{
	static const enum text cols[] = {T_COL_CUSTOMER, T_COL_TENANT,
					 T_COL_SERVICES, T_COL_L2};
	static const int num[] = {0, 0, 1, 0};
	struct report *r = arg;

	if (r->rows++ == 0)
		table_head(r, 4, cols, num);
	fputs("<tr>", r->out);
	element(r->out, "td", a->customer);
	element(r->out, "td", a->tenant);
	fprintf(r->out, "<td class=\"num\">%lld</td>", (long long)a->services);
	element(r->out, "td", a->l2s);
	fputs("</tr>\n", r->out);
	return FT_OK;
}

static int action_row(void *arg, const struct ft_report_action *a)
{
	static const enum text cols[] = {T_COL_CUSTOMER, T_COL_WORKLOAD,
		T_COL_SUBSCRIPTIONS, T_COL_NEXT_ACTION, T_COL_DUE};
	static const int num[] = {0, 0, 0, 0, 0};
	struct report *r = arg;

	if (r->rows++ == 0)
		table_head(r, 5, cols, num);
	fputs(a->overdue ? "<tr class=\"overdue\">" : "<tr>", r->out);
	element(r->out, "td", a->customer);
	element(r->out, "td", a->workload);
	element(r->out, "td", a->subscriptions);
	element(r->out, "td", a->action);
	fputs("<td>", r->out);
	html_text(r->out, a->date ? a->date : r->text[T_TBD]);
	if (a->overdue) {
		fputs("<span class=\"overdue-mark\">⚠ ", r->out);
		html_text(r->out, r->text[T_OVERDUE]);
		fputs("</span>", r->out);
	}
	fputs("</td></tr>\n", r->out);
	return FT_OK;
}

static int change_row(void *arg, const struct ft_report_change *c)
{
	static const enum text cols[] = {T_COL_ID, T_COL_DATE, T_COL_WHO,
					 T_COL_WHAT};
	static const int num[] = {1, 0, 0, 0};
	struct report *r = arg;

	if (r->rows++ == 0)
		table_head(r, 4, cols, num);
	fprintf(r->out, "<tr><td class=\"num\">%lld</td>", (long long)c->id);
	fputs("<td class=\"date\">", r->out);
	html_text(r->out, c->at);
	fputs("</td>", r->out);
	element(r->out, "td", c->who);
	element(r->out, "td", c->what);
	fputs("</tr>\n", r->out);
	return FT_OK;
}

/* The three tables, each a section. */
static int write_tables(struct app *app, struct report *r,
			const struct ft_report_filter *f)
{
	int rc;

	section(r, "accounts", T_ALL_WORKLOADS);
	rc = ft_report_accounts(app->ft, f, account_row, r);
	table_end(r);
	fputs("</section>\n", r->out);
	if (rc == FT_OK) {
		section(r, "actions", T_ACTIONS);
		rc = ft_report_actions(app->ft, f, action_row, r);
		table_end(r);
		fputs("</section>\n", r->out);
	}
	if (rc == FT_OK) {
		section(r, "changes", T_CHANGES);
		rc = ft_report_changes(app->ft, f, NEWEST_CHANGES, change_row, r);
		table_end(r);
		fputs("</section>\n", r->out);
	}
	return rc;
}

/* The database file's name, without its folders (to free), or NULL. */
static char *database_name(struct app *app)
{
	char *path = ft_db_path(app->db_flag), *name = NULL;
	const char *slash;

	if (path != NULL) {
		slash = strrchr(path, '/');
		name = strdup(slash ? slash + 1 : path);
	}
	free(path);
	return name;
}

int cmd_report(int argc, char **argv, struct app *app)
{
	static const struct option opts[] = {
		{"customer", required_argument, NULL, 'c'},
		{"since", required_argument, NULL, 's'},
		{"output", required_argument, NULL, 'o'},
		{"force", no_argument, NULL, 'x'},
		{0},
	};
	struct ft_report_filter filter = {0};
	struct ft_report_scope scope;
	struct report r = {0};
	struct outfile out = {0};
	const char *file = NULL;
	char *db_name = NULL;
	bool force = false;
	int c, rc = FT_OK;

	while ((c = cli_getopt(app, argc, argv, ":", opts)) != -1) {
		switch (c) {
		case 'c': filter.customer = optarg; break;
		case 's': filter.since = optarg; break;
		case 'o': file = optarg; break;
		case 'x': force = true; break;
		default: rc = FT_USAGE; goto done;
		}
	}
	if (!cli_positional(app, argc, argv, 0, 0)) {
		rc = FT_USAGE;
		goto done;
	}
	if (force && file == NULL) {
		rc = cli_usage(app, "--force goes with --output <file>");
		goto done;
	}
	/* refusals (an unknown customer, a bad date) before any file */
	if ((rc = load_texts(app, &r)) != FT_OK)
		goto done;
	if ((rc = ft_report_scope(app->ft, &filter, &scope)) != FT_OK) {
		cli_fail(app, rc);
		goto done;
	}
	if (file != NULL && (rc = outfile_open(app, &out, file, force)) != FT_OK)
		goto done;
	r.out = file != NULL ? out.f : stdout;
	db_name = database_name(app);
	write_header(&r, &scope, db_name, ft_lang(app->ft));
	fputs("<main>\n", r.out);
	rc = write_charts(app, &r, &filter);
	if (rc == FT_OK)
		rc = write_tables(app, &r, &filter);
	fputs("</main>\n</body>\n</html>\n", r.out);
	if (rc != FT_OK)
		cli_fail(app, rc);
done:
	if (file != NULL) {
		int closed = outfile_close(&out, rc == FT_OK, force);

		if (rc == FT_OK)
			rc = closed;
	}
	for (int i = 0; i < T_COUNT; i++)
		free(r.text[i]);
	free(db_name);
	return rc;
}
