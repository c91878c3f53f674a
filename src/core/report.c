/* What 'ftrack report' shows, read from the database for the command line
 * to draw. Each query is assembled from constant fragments for the filters
 * in use (a customer's subscriptions are read through their index); values
 * are always bound. A Duplicate/Invalid entitlement counts in no figure:
 * the playbook takes it out of all reporting. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "lookup.h"
#include "ftrack/report.h"

/* The filter's values, checked: the customer's id (0 for all) and name as
 * stored, the --since bound ("" for none). */
struct bounds {
	int64_t customer;
	char name[FT_NAME_MAX + 1];
	char since[21];
};

static int resolve(struct ft *ft, const struct ft_report_filter *f,
		   struct bounds *b)
{
	int rc = FT_OK;

	memset(b, 0, sizeof *b);
	if (f != NULL && f->customer != NULL)
		rc = lookup_id(ft, LOOKUP_CUSTOMER, f->customer, &b->customer,
			       b->name);
	if (rc == FT_OK && f != NULL && f->since != NULL)
		rc = lookup_time_bound(ft, "--since", f->since, false, b->since);
	return rc;
}

/* Prepares the assembled sql (freeing it) and binds what it names:
 * :lang, :customer, :since, :today (the clock's day). */
static int prepare(struct ft *ft, struct strbuf *sql, const struct bounds *b,
		   struct db_stmt **st)
{
	char clock[21], today[11];
	const char *text = strbuf_value(sql);
	/* the parameters the text names (none is the start of another's
	 * name) */
	bool lang = false, customer = false, since = false, day = false;
	int rc = FT_OK;

	*st = NULL;
	if (strbuf_failed(sql) || text == NULL)
		rc = ft_fail(ft, FT_DBERR, "out of memory");
	if (rc == FT_OK) {
		lang = strstr(text, ":lang") != NULL;
		customer = strstr(text, ":customer") != NULL;
		since = strstr(text, ":since") != NULL;
		day = strstr(text, ":today") != NULL;
		rc = db_prepare_text(ft, st, text);
	}
	free(strbuf_finish(sql));
	if (rc != FT_OK)
		return rc;
	if (lang)
		db_bind_text(ft, *st, ":lang", ft_lang_code(ft));
	if (customer)
		db_bind_int(ft, *st, ":customer", b->customer);
	if (since)
		db_bind_text(ft, *st, ":since", b->since);
	if (day) {
		snprintf(today, sizeof today, "%.10s", ft_clock(ft, clock));
		db_bind_text(ft, *st, ":today", today);
	}
	return FT_OK;
}

/* The entitlements of the filter's customers (s, e): a WHERE follows. */
static void from_entitlements(struct strbuf *sql, const struct bounds *b)
{
	/* CROSS JOIN: SQLite keeps the order (PostgreSQL reads it as a
	 * join), and the join's condition is in the WHERE */
	strbuf_add(sql, b->customer
			      ? " FROM subscription s CROSS JOIN entitlement e "
				"WHERE e.subscription_id = s.id AND "
				"s.customer_id = :customer AND "
			      : " FROM entitlement e JOIN subscription s ON "
				"s.id = e.subscription_id WHERE ");
}

int ft_report_scope(struct ft *ft, const struct ft_report_filter *f,
		    struct ft_report_scope *scope)
{
	struct db_stmt *st = NULL;
	struct strbuf *sql = NULL;
	struct bounds b;
	char clock[21];
	int rc;

	memset(scope, 0, sizeof *scope);
	if ((rc = resolve(ft, f, &b)) != FT_OK)
		goto done;
	/* ft_clock() gives the fixed clock, or fills clock */
	snprintf(scope->generated, sizeof scope->generated, "%s",
		 ft_clock(ft, clock));
	snprintf(scope->today, sizeof scope->today, "%.10s", scope->generated);
	memcpy(scope->customer, b.name, sizeof scope->customer);
	memcpy(scope->since, b.since, sizeof scope->since);

	/* customers with an entitlement that is not Duplicate/Invalid, or
	 * none at all; services and No Intent services by customer x
	 * workload */
	sql = strbuf_new();
	strbuf_add(sql, "SELECT (SELECT count(*) FROM customer c "
		"WHERE ");
	if (b.customer)
		strbuf_add(sql, "c.id = :customer AND ");
	strbuf_add(sql, "(EXISTS (SELECT 1 FROM subscription s "
		"JOIN entitlement e ON e.subscription_id = s.id WHERE "
		"s.customer_id = c.id AND e.l1 <> 'duplicate_invalid') OR NOT "
		"EXISTS (SELECT 1 FROM subscription s JOIN entitlement e ON "
		"e.subscription_id = s.id WHERE s.customer_id = c.id))), "
		"(SELECT count(*) FROM (SELECT DISTINCT s.customer_id, "
		"e.workload_id");
	from_entitlements(sql, &b);
	strbuf_add(sql, "e.l1 <> 'duplicate_invalid') services), "
		"(SELECT count(*) FROM (SELECT DISTINCT s.customer_id, "
		"e.workload_id");
	from_entitlements(sql, &b);
	strbuf_add(sql, "e.l1 = 'no_intent') no_intent_services)");
	rc = prepare(ft, sql, &b, &st);
	if (rc == FT_OK && db_step(ft, st) != DB_ROW)
		rc = FT_DBERR;
	if (rc == FT_OK) {
		scope->customers = db_col_int(st, 0);
		scope->services = db_col_int(st, 1);
		scope->no_intent_services = db_col_int(st, 2);
	}
done:
	db_release(st);
	return rc;
}

/* Every No Intent L2 of the catalogue, in its order, with its services. */
static void by_l2_sql(struct strbuf *sql, const struct bounds *b)
{
	strbuf_add(sql, "SELECT l2.code, tr('l2.' || l2.code), "
		"coalesce(v.n, 0) FROM l2 LEFT JOIN "
		"(SELECT l2, count(*) AS n FROM (SELECT DISTINCT s.customer_id, "
		"e.workload_id, e.l2");
	from_entitlements(sql, b);
	strbuf_add(sql, "e.l1 = 'no_intent') services GROUP BY l2) v ON "
		"v.l2 = l2.code WHERE l2.l1 = 'no_intent' ORDER BY l2.position");
}

/* The workloads with a No Intent service, most first. */
static void by_workload_sql(struct strbuf *sql, const struct bounds *b)
{
	strbuf_add(sql, "SELECT w.name, w.name, v.n FROM (SELECT "
		"e.workload_id AS wid, count(DISTINCT s.customer_id) AS n");
	from_entitlements(sql, b);
	strbuf_add(sql, "e.l1 = 'no_intent' GROUP BY e.workload_id) "
		"v JOIN workload w ON w.id = v.wid "
		/* SQLite's order of the NOCASE names on both engines */
		"ORDER BY v.n DESC, lower(w.name), w.id");
}

/* No Intent declarations per month, from the first month with one to this
 * month (or the last with one, when the clock is set before it), each
 * month there. A declaration whose entitlements are all Duplicate/Invalid
 * now counts no more. */
static void by_month_sql(struct strbuf *sql, const struct bounds *b)
{
	/* months as numbers (year * 12 + month - 1), written back as
	 * YYYY-MM: arithmetic both engines share */
	strbuf_add(sql, "WITH RECURSIVE counts(m, n) AS (SELECT "
		"substr(d.at, 1, 7), count(*) FROM declaration d WHERE "
		"d.declared = 'no_intent'");
	if (b->customer)
		strbuf_add(sql, " AND d.customer_id = :customer");
	if (b->since[0])
		strbuf_add(sql, " AND d.at >= :since");
	strbuf_add(sql, " AND EXISTS (SELECT 1 FROM subscription s "
		"JOIN entitlement e ON e.subscription_id = s.id WHERE "
		"s.customer_id = d.customer_id AND e.l1 <> 'duplicate_invalid' "
		"AND (d.workload_id IS NULL OR e.workload_id = d.workload_id) "
		"AND (d.subscription_id IS NULL OR "
		"e.subscription_id = d.subscription_id)) GROUP BY 1), "
		"numbered(k) AS (SELECT CAST(substr(m, 1, 4) AS INTEGER) * 12 + "
		"CAST(substr(m, 6, 2) AS INTEGER) - 1 FROM counts), "
		"span(lo, hi) AS (SELECT min(k), greatest(max(k), "
		"CAST(substr(CAST(:today AS TEXT), 1, 4) AS INTEGER) * 12 + "
		"CAST(substr(CAST(:today AS TEXT), 6, 2) AS INTEGER) - 1) "
		"FROM numbered), "
		"months(k) AS (SELECT lo FROM span WHERE lo IS NOT NULL "
		"UNION ALL SELECT k + 1 FROM months, span "
		"WHERE k < hi AND k < lo + 1199), "
		"named(m) AS (SELECT CAST(k / 12 AS TEXT) || '-' || "
		"substr(CAST(101 + k % 12 AS TEXT), 2) FROM months) "
		"SELECT named.m, named.m, coalesce(counts.n, 0) FROM named "
		"LEFT JOIN counts ON counts.m = named.m ORDER BY named.m");
}

void ft_report_chart_free(struct ft_report_chart *chart)
{
	for (size_t i = 0; chart != NULL && i < chart->n; i++) {
		free(chart->bars[i].key);
		free(chart->bars[i].label);
	}
	if (chart != NULL) {
		free(chart->bars);
		chart->bars = NULL;
		chart->n = 0;
	}
}

/* Appends the current row of st (key, label, value) to chart. */
static int add_bar(struct ft *ft, struct db_stmt *st,
		   struct ft_report_chart *chart)
{
	struct ft_report_bar *bars = realloc(chart->bars, (chart->n + 1) *
					     sizeof *bars);
	struct ft_report_bar *bar;

	if (bars == NULL)
		return ft_fail(ft, FT_DBERR, "out of memory");
	chart->bars = bars;
	bar = &bars[chart->n];
	bar->key = strdup(db_col_text(st, 0) ? db_col_text(st, 0) : "");
	bar->label = strdup(db_col_text(st, 1) ? db_col_text(st, 1) : "");
	bar->value = db_col_int(st, 2);
	chart->n++;	/* counted even half made: the free frees it */
	if (bar->key == NULL || bar->label == NULL)
		return ft_fail(ft, FT_DBERR, "out of memory");
	return FT_OK;
}

int ft_report_chart(struct ft *ft, const struct ft_report_filter *f,
		    enum ft_report_chart_kind kind,
		    struct ft_report_chart *chart)
{
	struct db_stmt *st = NULL;
	struct strbuf *sql;
	struct bounds b;
	int rc, step = DB_DONE;

	chart->bars = NULL;
	chart->n = 0;
	if ((rc = resolve(ft, f, &b)) != FT_OK)
		goto done;
	sql = strbuf_new();
	if (kind == FT_REPORT_BY_L2)
		by_l2_sql(sql, &b);
	else if (kind == FT_REPORT_BY_WORKLOAD)
		by_workload_sql(sql, &b);
	else
		by_month_sql(sql, &b);
	if ((rc = prepare(ft, sql, &b, &st)) != FT_OK)
		goto done;
	while (rc == FT_OK && (step = db_step(ft, st)) == DB_ROW)
		rc = add_bar(ft, st, chart);
	if (rc == FT_OK && step != DB_DONE)
		rc = FT_DBERR;
done:
	db_release(st);
	return rc;
}

int ft_report_accounts(struct ft *ft, const struct ft_report_filter *f,
		       ft_report_account_fn fn, void *arg)
{
	struct db_stmt *st = NULL;
	struct strbuf *sql;
	struct bounds b;
	int rc, step = DB_DONE;

	if ((rc = resolve(ft, f, &b)) != FT_OK)
		goto done;
	/* as 'no-intent --accounts' counts: a customer's services but the
	 * Duplicate/Invalid ones, each No Intent when one of its
	 * entitlements is */
	sql = strbuf_new();
	strbuf_add(sql, "SELECT c.name, c.tenant, v.ni, "
		"code_labels('l2', v.l2s, :lang) FROM (SELECT s.customer_id "
		"AS cid, "
		"distinct_count(CASE WHEN e.l1 = 'no_intent' THEN e.workload_id "
		"END) AS ni, distinct_count(CASE WHEN e.l1 <> "
		"'duplicate_invalid' THEN e.workload_id END) AS total, "
		"distinct_list(CASE WHEN e.l1 = 'no_intent' THEN e.l2 END) "
		"AS l2s FROM subscription s CROSS JOIN entitlement e WHERE "
		"e.subscription_id = s.id");
	if (b.customer)
		strbuf_add(sql, " AND s.customer_id = :customer");
	strbuf_add(sql, " GROUP BY s.customer_id) v JOIN customer "
		"c ON c.id = v.cid WHERE v.ni > 0 AND v.ni = v.total "
		"ORDER BY lower(c.name), c.id");
	if ((rc = prepare(ft, sql, &b, &st)) != FT_OK)
		goto done;
	while (rc == FT_OK && (step = db_step(ft, st)) == DB_ROW) {
		struct ft_report_account a = {
			.customer = db_col_text(st, 0),
			.tenant = db_col_text(st, 1),
			.services = db_col_int(st, 2),
			.l2s = db_col_text(st, 3),
		};

		rc = fn(arg, &a);
	}
	if (rc == FT_OK && step != DB_DONE)
		rc = FT_DBERR;
done:
	db_release(st);
	return rc;
}

int ft_report_actions(struct ft *ft, const struct ft_report_filter *f,
		      ft_report_action_fn fn, void *arg)
{
	struct db_stmt *st = NULL;
	struct strbuf *sql;
	struct bounds b;
	int rc, step = DB_DONE;

	if ((rc = resolve(ft, f, &b)) != FT_OK)
		goto done;
	/* one row per service and action, as 'ftrack actions' lists them */
	sql = strbuf_new();
	strbuf_add(sql, "SELECT c.name, w.name, string_agg(s.code, "
		"', '), tr('next_action.' || e.next_action), "
		"min(e.next_action_date), CASE WHEN min(e.next_action_date) < "
		"CAST(:today AS TEXT) THEN 1 ELSE 0 END "
		"FROM entitlement e JOIN subscription s ON "
		"s.id = e.subscription_id JOIN customer c ON "
		"c.id = s.customer_id JOIN workload w ON w.id = e.workload_id "
		"WHERE e.next_action IS NOT NULL AND e.l1 <> "
		"'duplicate_invalid'");
	if (b.customer)
		strbuf_add(sql, " AND s.customer_id = :customer");
	strbuf_add(sql, " GROUP BY c.id, w.id, e.next_action "
		"ORDER BY min(e.next_action_date) NULLS LAST, lower(c.name), "
		"lower(w.name), e.next_action");
	if ((rc = prepare(ft, sql, &b, &st)) != FT_OK)
		goto done;
	while (rc == FT_OK && (step = db_step(ft, st)) == DB_ROW) {
		struct ft_report_action a = {
			.customer = db_col_text(st, 0),
			.workload = db_col_text(st, 1),
			.subscriptions = db_col_text(st, 2),
			.action = db_col_text(st, 3),
			.date = db_col_text(st, 4),
			.overdue = (int)db_col_int(st, 5) != 0,
		};

		rc = fn(arg, &a);
	}
	if (rc == FT_OK && step != DB_DONE)
		rc = FT_DBERR;
done:
	db_release(st);
	return rc;
}

int ft_report_changes(struct ft *ft, const struct ft_report_filter *f,
		      int limit, ft_report_change_fn fn, void *arg)
{
	struct db_stmt *st = NULL;
	struct strbuf *sql;
	struct bounds b;
	int rc, step = DB_DONE;

	if ((rc = resolve(ft, f, &b)) != FT_OK)
		goto done;
	/* as 'ftrack history' chooses them, by customer and since */
	sql = strbuf_new();
	strbuf_add(sql, "SELECT cs.id, cs.at, cs.who, CASE :lang "
		"WHEN 'es' THEN coalesce(cs.what_es, cs.what) ELSE cs.what END "
		"FROM changeset cs WHERE true");
	if (b.customer)
		strbuf_add(sql, " AND cs.customer_id = :customer");
	if (b.since[0])
		strbuf_add(sql, " AND cs.at >= :since");
	strbuf_add(sql, " ORDER BY cs.id DESC LIMIT :limit");
	if ((rc = prepare(ft, sql, &b, &st)) != FT_OK)
		goto done;
	db_bind_int(ft, st, ":limit", limit);
	while (rc == FT_OK && (step = db_step(ft, st)) == DB_ROW) {
		struct ft_report_change c = {
			.id = db_col_int(st, 0),
			.at = db_col_text(st, 1),
			.who = db_col_text(st, 2),
			.what = db_col_text(st, 3),
		};

		rc = fn(arg, &c);
	}
	if (rc == FT_OK && step != DB_DONE)
		rc = FT_DBERR;
done:
	db_release(st);
	return rc;
}

int ft_report_texts(struct ft *ft, ft_report_text_fn fn, void *arg)
{
	struct db_stmt *st = NULL;
	int rc, step = DB_DONE;

	rc = db_prepare(ft, &st, "SELECT k, v FROM (SELECT 1 AS part, "
			"substr(key, 8) AS k, tr(key) AS v FROM text "
			"WHERE substr(key, 1, 7) = 'report.' AND lang = 'en' "
			"UNION ALL SELECT 2, 'overdue', tr('ui.overdue') "
			"UNION ALL SELECT 3, 'tbd', tr('ui.tbd')) t "
			"ORDER BY part, k");
	if (rc != FT_OK)
		goto done;
	while (rc == FT_OK && (step = db_step(ft, st)) == DB_ROW)
		rc = fn(arg, db_col_text(st, 0), db_col_text(st, 1));
	if (rc == FT_OK && step != DB_DONE)
		rc = FT_DBERR;
done:
	db_release(st);
	return rc;
}
