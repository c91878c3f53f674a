/* ftrack report through the binary: a database built as users build it
 * (declarations over several months on a fixed clock, a Duplicate/Invalid
 * tenant, an overdue blocked service, names with markup in them), then the
 * HTML file: self-contained, every name escaped, the figures equal to what
 * 'ftrack no-intent' says, the filters; then the page as headless Chromium
 * renders it (the DOM and a screenshot, build/report.png), skipped with the
 * reason printed when Chromium cannot be installed or started. */
#include <stdlib.h>
#include <sqlite3.h>

#include "run.h"

#define CONTOSO "Contoso <script>alert('x')</script>"
#define CONTOSO_HTML "Contoso &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"
#define FABRIKAM "Fabrikam & Sons \"Ltd\""
#define FABRIKAM_HTML "Fabrikam &amp; Sons &quot;Ltd&quot;"
#define ANA "Ana <b>García</b> & Co"
#define ANA_HTML "Ana &lt;b&gt;García&lt;/b&gt; &amp; Co"
#define WIDGETS "<Widgets & 'Co'>"
#define WIDGETS_HTML "&lt;Widgets &amp; &#39;Co&#39;&gt;"
#define NOTES "Customer does not have intent to use the service because " \
	"of a competitor's suite and the board's decision."

static void at(const char *when)
{
	setenv("FTRACK_NOW", when, 1);
}

/* Four customers: Contoso No Intent on every workload (January), Fabrikam
 * one No Intent (February) and one blocked service whose next action date
 * has passed, Northwind No Intent on a workload named with markup (April),
 * and a tenant declared No Intent (January) then found Duplicate/Invalid:
 * it must count in no figure; Tailspin, new in April, has no status yet.
 * 21 change sets; the report is made on 2026-05-15. */
static void fixture(void)
{
	at("2026-01-05T09:00:00Z");
	ftrack(0, "init");
	ftrack(0, "user", "add", ANA, "--role", "assignment-fm");
	setenv("FTRACK_USER", ANA, 1);
	ftrack(0, "user", "add", "Dana Smith", "--role", "delivery-fm");
	ftrack(0, "workload", "add", WIDGETS);
	ftrack(0, "customer", "add", CONTOSO, "--tenant", "contoso.example");
	ftrack(0, "customer", "add", FABRIKAM, "--tenant", "fabrikam.example");
	ftrack(0, "customer", "add", "Northwind", "--tenant", "nw.example");
	ftrack(0, "customer", "add", "Dupe Tenant", "--tenant", "dupe.example");
	ftrack(0, "subscription", "add", CONTOSO, "SUB-1", "--workload",
	       "Exchange Online", "--workload", "Microsoft Teams");
	ftrack(0, "subscription", "add", CONTOSO, "SUB-2", "--workload",
	       "Exchange Online");
	ftrack(0, "subscription", "add", FABRIKAM, "SUB-3", "--workload",
	       "Yammer", "--workload", "Microsoft Teams", "--workload",
	       "Exchange Online");
	ftrack(0, "subscription", "add", "Northwind", "SUB-4", "--workload",
	       WIDGETS);
	ftrack(0, "subscription", "add", "Dupe Tenant", "SUB-5", "--workload",
	       "Yammer");
	at("2026-01-12T10:00:00Z");
	ftrack(0, "declare", CONTOSO, "--all-workloads", "--no-intent", "--l2",
	       "competitive-solution", "--notes", NOTES);
	ftrack(0, "declare", "Dupe Tenant", "Yammer", "--no-intent", "--l2",
	       "executive-sponsorship", "--notes", NOTES);
	at("2026-02-20T10:00:00Z");
	ftrack(0, "declare", FABRIKAM, "Yammer", "--no-intent", "--l2",
	       "executive-sponsorship", "--notes", NOTES);
	at("2026-03-02T10:00:00Z");
	ftrack(0, "status", "set", FABRIKAM, "Microsoft Teams", "--l1",
	       "blocked", "--l2", "it-infrastructure", "--notes", "Unable to "
	       "deploy because of the proxy and firewall rules due to policy.",
	       "--engagement", "customer-led", "--next-action-date",
	       "2026-03-20");
	ftrack(0, "status", "set", "Dupe Tenant", "--all-workloads", "--l1",
	       "duplicate-invalid");
	at("2026-04-08T10:00:00Z");
	ftrack(0, "declare", "Northwind", WIDGETS, "--no-intent", "--l2",
	       "microsoft-on-premises", "--notes", NOTES);
	ftrack(0, "assign", "Northwind", "--delivery-fm", "Dana Smith");
	ftrack(0, "customer", "add", "Tailspin", "--tenant", "ts.example");
	ftrack(0, "subscription", "add", "Tailspin", "SUB-6", "--workload",
	       "Intune");
	at("2026-05-15T08:00:00Z");
}

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL, chunk[8192];
	size_t n, total = 0;

	assert_non_null(f);
	append(&buf, &total, "", 0);
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		append(&buf, &total, chunk, n);
	fclose(f);
	if (len != NULL)
		*len = total;
	return buf;
}

static int count(const char *hay, const char *needle)
{
	int n = 0;

	for (const char *p = hay; (p = strstr(p, needle)) != NULL;
	     p += strlen(needle))
		n++;
	return n;
}

/* A copy of the part of text from the first start to the next end (both
 * included), "" when there is none; to free. */
static char *between(const char *text, const char *start, const char *end)
{
	const char *a = strstr(text, start), *b = a ? strstr(a, end) : NULL;
	size_t n = b ? (size_t)(b - a) + strlen(end) : 0;
	char *out = malloc(n + 1);

	memcpy(out, a ? a : "", n);
	out[n] = '\0';
	return out;
}

/* The data-value of the bar whose data-key is key in chart, -1 for none. */
static long bar_value(const char *chart, const char *key)
{
	char pat[256];
	const char *p;

	snprintf(pat, sizeof pat, "data-key=\"%s\" data-value=\"", key);
	p = strstr(chart, pat);
	return p ? strtol(p + strlen(pat), NULL, 10) : -1;
}

/* Runs sql (one text parameter, json) in an in-memory SQLite and returns
 * its first column as a number. */
static long json_query(const char *sql, const char *json)
{
	sqlite3 *db = NULL;
	sqlite3_stmt *st = NULL;
	long v = -1;

	assert_int_equal(sqlite3_open(":memory:", &db), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
	sqlite3_bind_text(st, 1, json, -1, SQLITE_TRANSIENT);
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(db);
	return v;
}

/* How many services 'no-intent --format json' gives where field = value
 * (all of them when field is NULL). */
static long no_intent_count(const char *field, const char *value)
{
	struct run r = ftrack(0, "no-intent", "--format", "json");
	long n;

	if (field == NULL) {
		n = json_query("SELECT count(*) FROM json_each(?1)", r.out);
	} else {
		char sql[200];
		sqlite3 *db = NULL;
		sqlite3_stmt *st = NULL;

		snprintf(sql, sizeof sql, "SELECT count(*) FROM json_each(?1) "
			 "WHERE value ->> '%s' = ?2", field);
		assert_int_equal(sqlite3_open(":memory:", &db), SQLITE_OK);
		assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL),
				 SQLITE_OK);
		sqlite3_bind_text(st, 1, r.out, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 2, value, -1, SQLITE_TRANSIENT);
		assert_int_equal(sqlite3_step(st), SQLITE_ROW);
		n = sqlite3_column_int(st, 0);
		sqlite3_finalize(st);
		sqlite3_close(db);
	}
	run_free(&r);
	return n;
}

/* What a page may not hold: a script, a stylesheet or font from elsewhere,
 * any external address. */
static void assert_self_contained(const char *html)
{
	assert_null(strstr(html, "http://"));
	assert_null(strstr(html, "https://"));
	assert_null(strcasestr(html, "<script"));
	assert_null(strcasestr(html, "<link"));
	assert_null(strcasestr(html, "<iframe"));
	assert_null(strcasestr(html, "<img"));
	assert_null(strcasestr(html, " src="));
	assert_null(strcasestr(html, "@import"));
	assert_null(strcasestr(html, "url("));
	assert_null(strcasestr(html, "javascript:"));
}

static void report__is_self_contained_and_escapes_every_name(void **state)
{
	char path[200], *html;
	struct run r;

	fixture();
	snprintf(path, sizeof path, "%s/report.html", box.dir);
	r = ftrack(0, "report", "--output", path);
	assert_string_equal(r.out, "");
	assert_string_equal(r.err, "");
	run_free(&r);
	html = slurp(path, NULL);
	assert_true(strncmp(html, "<!DOCTYPE html>\n<html lang=\"en\">", 32) == 0);
	assert_self_contained(html);
	/* every name escaped, none raw */
	assert_non_null(strstr(html, CONTOSO_HTML));
	assert_non_null(strstr(html, FABRIKAM_HTML));
	assert_non_null(strstr(html, ANA_HTML));
	assert_non_null(strstr(html, WIDGETS_HTML));
	assert_null(strstr(html, CONTOSO));
	assert_null(strstr(html, FABRIKAM));
	assert_null(strstr(html, ANA));
	assert_null(strstr(html, WIDGETS));
	/* the clock and the scope */
	assert_non_null(strstr(html, "<title>No Intent report — all customers "
			       "— 2026-05-15T08:00:00Z</title>"));
	/* without --output, the same page on stdout */
	r = ftrack(0, "report");
	assert_string_equal(r.out, html);
	run_free(&r);
	free(html);
}

static void report__figures_match_no_intent_and_leave_out_duplicates(void **state)
{
	char *html, *l2, *wl, *month, *accounts, *actions;
	struct run r;

	fixture();
	r = ftrack(0, "report");
	html = r.out;
	l2 = between(html, "<svg id=\"chart-l2\"", "</svg>");
	wl = between(html, "<svg id=\"chart-workload\"", "</svg>");
	month = between(html, "<svg id=\"chart-month\"", "</svg>");
	accounts = between(html, "<section id=\"accounts\"", "</section>");
	actions = between(html, "<section id=\"actions\"", "</section>");
	/* every No Intent L2, each with the services no-intent lists */
	assert_int_equal(count(l2, "<rect class=\"bar\""), 3);
	assert_int_equal(bar_value(l2, "competitive_solution"),
			 no_intent_count("l2", "competitive_solution"));
	assert_int_equal(bar_value(l2, "executive_sponsorship"),
			 no_intent_count("l2", "executive_sponsorship"));
	assert_int_equal(bar_value(l2, "microsoft_on_premises"),
			 no_intent_count("l2", "microsoft_on_premises"));
	/* the Duplicate/Invalid tenant's Executive Sponsorship is not there */
	assert_int_equal(bar_value(l2, "executive_sponsorship"), 1);
	assert_int_equal(no_intent_count(NULL, NULL), 4);
	assert_non_null(strstr(html, "<dd id=\"no-intent-services\">4</dd>"));
	/* one bar per workload with a No Intent service */
	assert_int_equal(count(wl, "<rect class=\"bar\""), 4);
	assert_int_equal(bar_value(wl, "Exchange Online"),
			 no_intent_count("workload", "Exchange Online"));
	assert_int_equal(bar_value(wl, "Microsoft Teams"),
			 no_intent_count("workload", "Microsoft Teams"));
	assert_int_equal(bar_value(wl, "Yammer"),
			 no_intent_count("workload", "Yammer"));
	assert_int_equal(bar_value(wl, WIDGETS_HTML),
			 no_intent_count("workload", WIDGETS));
	/* declarations per month, January to this May, the duplicate's out */
	assert_int_equal(count(month, "<rect class=\"bar\""), 5);
	assert_int_equal(bar_value(month, "2026-01"), 1);
	assert_int_equal(bar_value(month, "2026-02"), 1);
	assert_int_equal(bar_value(month, "2026-03"), 0);
	assert_int_equal(bar_value(month, "2026-04"), 1);
	assert_int_equal(bar_value(month, "2026-05"), 0);
	/* Contoso and Northwind are No Intent on every workload */
	assert_int_equal(count(accounts, "<tr><td>"), 2);
	assert_non_null(strstr(accounts, CONTOSO_HTML));
	assert_non_null(strstr(accounts, "<td>Northwind</td>"));
	assert_null(strstr(accounts, "Dupe"));
	/* five open actions, Fabrikam's blocked Teams overdue */
	assert_int_equal(count(actions, "<tr>") + count(actions,
			 "<tr class=\"overdue\">"), 5 + 1);	/* + the head */
	assert_int_equal(count(actions, "<tr class=\"overdue\"><td>"
			       FABRIKAM_HTML "</td><td>Microsoft Teams</td>"), 1);
	assert_int_equal(count(actions, "class=\"overdue-mark\""), 1);
	free(l2);
	free(wl);
	free(month);
	free(accounts);
	free(actions);
	run_free(&r);
}

static void report__filters_narrow_their_sections(void **state)
{
	char *month, *changes;
	struct run r;

	fixture();
	/* --customer: every section */
	r = ftrack(0, "report", "--customer", "fabrikam & sons \"ltd\"");
	assert_non_null(strstr(r.out, "<h1>No Intent report — " FABRIKAM_HTML
			       "</h1>"));
	assert_int_equal(count(r.out, "data-value=\"1\""), 3);	/* L2, workload,
								 * February */
	assert_null(strstr(r.out, "Contoso"));
	assert_null(strstr(r.out, "Northwind"));
	assert_non_null(strstr(r.out, "<section id=\"accounts\">\n<h2>Accounts "
			       "in No Intent on every workload</h2>\n<p class="
			       "\"none\">None.</p>"));
	run_free(&r);
	/* --since: declarations per month and the latest changes only */
	r = ftrack(0, "report", "--since", "2026-02-01");
	month = between(r.out, "<svg id=\"chart-month\"", "</svg>");
	changes = between(r.out, "<section id=\"changes\"", "</section>");
	assert_int_equal(bar_value(month, "2026-01"), -1);
	assert_int_equal(bar_value(month, "2026-02"), 1);
	assert_int_equal(count(changes, "<td class=\"date\">2026-01"), 0);
	assert_int_equal(count(changes, "<td class=\"date\">"), 7);
	assert_non_null(strstr(r.out, "data-key=\"competitive_solution\" "
			       "data-value=\"2\""));	/* not narrowed */
	free(month);
	free(changes);
	run_free(&r);
	/* the 20 newest change sets of all */
	r = ftrack(0, "report");
	changes = between(r.out, "<section id=\"changes\"", "</section>");
	assert_int_equal(count(changes, "<td class=\"date\">"), 20);
	free(changes);
	run_free(&r);
}

static void report__refusals_and_files(void **state)
{
	char path[200], *before, *after;
	struct run r;

	fixture();
	snprintf(path, sizeof path, "%s/report.html", box.dir);
	expect_err(1, "ftrack: unknown customer 'Contso' (see 'ftrack "
		   "customer list')\n", "report", "--customer", "Contso",
		   "--output", path);
	assert_int_equal(access(path, F_OK), -1);	/* no file left */
	expect_err(1, "ftrack: invalid --since 'May' (expected ISO 8601: "
		   "YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ)\n", "report", "--since",
		   "May");
	r = ftrack(2, "report", "--force");
	run_free(&r);
	r = ftrack(2, "report", "extra");
	run_free(&r);
	ftrack(0, "report", "--output", path);
	before = slurp(path, NULL);
	at("2026-05-16T08:00:00Z");
	r = ftrack(1, "report", "--output", path);
	assert_non_null(strstr(r.err, "already exists; use --force"));
	run_free(&r);
	after = slurp(path, NULL);
	assert_string_equal(before, after);
	free(after);
	ftrack(0, "report", "--output", path, "--force");
	after = slurp(path, NULL);
	assert_non_null(strstr(after, "2026-05-16T08:00:00Z"));
	free(before);
	free(after);
	/* the database itself is never replaced */
	r = ftrack(1, "report", "--output", box.db, "--force");
	run_free(&r);
	/* in Spanish, from the label tables */
	r = ftrack(0, "--lang", "es", "report");
	assert_non_null(strstr(r.out, "<html lang=\"es\">"));
	assert_non_null(strstr(r.out, "<h1>Informe de No intención — todos los "
			       "clientes</h1>"));
	assert_non_null(strstr(r.out, "<title>Usar una solución competitiva: 2"
			       "</title>"));
	assert_non_null(strstr(r.out, "vencida</span>"));
	run_free(&r);
}

/* Chromium, installed by tools/deps.sh when missing (as root); NULL, with
 * the reason printed, when there is none. */
static const char *chromium(void)
{
	if (system("command -v chromium >/dev/null 2>&1") == 0)
		return "chromium";
	if (access("tools/deps.sh", R_OK) == 0 &&
	    system("sh tools/deps.sh report >/dev/null 2>&1") == 0 &&
	    system("command -v chromium >/dev/null 2>&1") == 0)
		return "chromium";
	printf("skipping the Chromium part: chromium is not installed and "
	       "'sh tools/deps.sh report' could not install it (it needs "
	       "root and apt-get)\n");
	return NULL;
}

/* Runs chromium headless on file with the extra arguments, nothing
 * resolved or fetched from the network; its stdout (to free), NULL when it
 * did not run. */
static char *run_chromium(const char *bin, const char *extra,
			  const char *file)
{
	char cmd[1024], chunk[8192], *out = NULL;
	size_t len = 0, n;
	FILE *p;

	snprintf(cmd, sizeof cmd, "%s --headless --no-sandbox --disable-gpu "
		 "--no-first-run --disable-extensions --disable-sync "
		 "--host-resolver-rules='MAP * ~NOTFOUND' "
		 "--user-data-dir='%s/chromium' %s 'file://%s' 2>/dev/null",
		 bin, box.dir, extra, file);
	if ((p = popen(cmd, "r")) == NULL)
		return NULL;
	append(&out, &len, "", 0);
	while ((n = fread(chunk, 1, sizeof chunk, p)) > 0)
		append(&out, &len, chunk, n);
	if (pclose(p) != 0) {
		free(out);
		return NULL;
	}
	return out;
}

static void report__renders_in_chromium(void **state)
{
	const char *bin;
	char path[200], *dom, *l2, *wl, *accounts, *actions;
	struct stat st;
	struct run r;

	fixture();
	snprintf(path, sizeof path, "%s/report.html", box.dir);
	r = ftrack(0, "report", "--output", path);
	run_free(&r);
	if ((bin = chromium()) == NULL)
		skip();
	dom = run_chromium(bin, "--dump-dom", path);
	if (dom == NULL || strstr(dom, "<html") == NULL) {
		printf("skipping the Chromium part: chromium did not start\n");
		free(dom);
		skip();
	}
	/* the page as the browser built it */
	assert_non_null(strstr(dom, "<title>No Intent report — all customers — "
			       "2026-05-15T08:00:00Z</title>"));
	assert_self_contained(dom);
	l2 = between(dom, "<svg id=\"chart-l2\"", "</svg>");
	wl = between(dom, "<svg id=\"chart-workload\"", "</svg>");
	accounts = between(dom, "<section id=\"accounts\"", "</section>");
	actions = between(dom, "<section id=\"actions\"", "</section>");
	assert_int_equal(count(l2, "<rect class=\"bar\""), 3);
	assert_int_equal(bar_value(l2, "competitive_solution"),
			 no_intent_count("l2", "competitive_solution"));
	assert_int_equal(bar_value(l2, "executive_sponsorship"),
			 no_intent_count("l2", "executive_sponsorship"));
	assert_int_equal(bar_value(l2, "microsoft_on_premises"),
			 no_intent_count("l2", "microsoft_on_premises"));
	assert_int_equal(count(wl, "<rect class=\"bar\""), 4);
	assert_int_equal(bar_value(wl, "Exchange Online"),
			 no_intent_count("workload", "Exchange Online"));
	assert_int_equal(bar_value(wl, "Yammer"),
			 no_intent_count("workload", "Yammer"));
	/* markup in a name stays text: no element made of it */
	assert_non_null(strstr(accounts, "<td>Contoso &lt;script&gt;alert('x')"
			       "&lt;/script&gt;</td>"));
	assert_null(strstr(dom, "<b>García</b>"));
	assert_int_equal(count(accounts, "<tr><td>"), 2);
	assert_int_equal(count(actions, "<tr>") +
			 count(actions, "<tr class=\"overdue\">"), 6);
	assert_int_equal(count(actions, "<tr class=\"overdue\">"), 1);
	assert_int_equal(count(actions, "<span class=\"overdue-mark\">"), 1);
	free(l2);
	free(wl);
	free(accounts);
	free(actions);
	free(dom);
	/* a screenshot a person can look at */
	unlink("build/report.png");
	dom = run_chromium(bin, "--screenshot=build/report.png "
			   "--window-size=1200,2000", path);
	free(dom);
	assert_int_equal(stat("build/report.png", &st), 0);
	assert_true(st.st_size > 20000);
}

#define T(f) cmocka_unit_test_setup_teardown(f, sandbox_setup, sandbox_teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(report__is_self_contained_and_escapes_every_name),
		T(report__figures_match_no_intent_and_leave_out_duplicates),
		T(report__filters_narrow_their_sections),
		T(report__refusals_and_files),
		T(report__renders_in_chromium),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
