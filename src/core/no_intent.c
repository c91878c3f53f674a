/* Which services and accounts are in No Intent. The query is assembled
 * from constant fragments for the filters in use, so that each one runs on
 * an index (a customer's subscriptions, a workload's statuses); values are
 * always bound. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "json.h"
#include "lookup.h"
#include "no_intent_summary.h"
#include "texts.h"
#include "ftrack/queries.h"
#include "ftrack/text.h"

/* The labels of a comma-separated list of codes of a kind
 * (sql_functions.c), in the context's language: csv and json give them
 * beside the codes, in the --lang of the run. */
#define LABELS(kind, list) "code_labels('" kind "', " list ", :lang)"

static const char *const SERVICE_HEADS[] = {"col.customer", "col.workload",
	"col.subscriptions", "col.l2s", "col.l3", "col.reason", "col.since",
	"col.declared_by", "col.next_action"};
static const char *const SERVICE_CSV_NAMES[] = {"customer", "workload",
	"subscriptions", "l2", "l2_label", "l3", "notes", "since",
	"declared_by", "validated_with", "next_action", "next_action_label"};
static const char *const ACCOUNT_HEADS[] = {"col.customer",
	"col.no_intent", "col.services", "col.l2s", "col.all_workloads"};
static const char *const ACCOUNT_CSV_NAMES[] = {"customer", "no_intent",
	"services", "l2s", "l2_labels", "all_workloads"};

/* Per service: one row per customer x workload with a No Intent
 * entitlement matching the filters, aggregated in C (service_add) from one
 * row per No Intent entitlement in customer, workload and entitlement
 * order, so that the lists come out in the same order on every engine.
 * With a customer, the join starts from its subscriptions (CROSS JOIN
 * fixes the order: the planner would rather read every No Intent
 * entitlement). The last two columns say whether the entitlement matches
 * --l2 and --since: a service is shown whole when any part of it does. */
static const char SERVICES_COLS[] =
	"SELECT s.customer_id, e.workload_id, c.name, w.name, s.code, e.l2, "
	"e.l3, e.notes, d.at, d.who, d.validated_with, e.next_action, "
	"CASE WHEN e.l2 = CAST(:l2 AS TEXT) THEN 1 ELSE 0 END, "
	"CASE WHEN d.at >= CAST(:since AS TEXT) THEN 1 ELSE 0 END";
static const char SERVICES_FROM_ANY[] =
	" FROM entitlement e JOIN subscription s ON s.id = e.subscription_id";
static const char SERVICES_FROM_CUSTOMER[] =
	" FROM subscription s CROSS JOIN entitlement e";
static const char SERVICES_WHERE[] =
	" JOIN customer c ON c.id = s.customer_id "
	"JOIN workload w ON w.id = e.workload_id "
	"LEFT JOIN declaration d ON d.id = e.declaration_id "
	"WHERE e.l1 = 'no_intent'";
static const char SERVICES_ORDER[] = " ORDER BY c.name, w.name, e.id";

/* Distinct values in the order first seen. */
struct seen {
	char **v;
	int n, cap;
};

/* Adds v to l unless it is NULL or there; false when out of memory. */
static bool seen_add(struct seen *l, const char *v, bool distinct)
{
	char **grown;

	if (v == NULL)
		return true;
	for (int i = 0; distinct && i < l->n; i++)
		if (strcmp(l->v[i], v) == 0)
			return true;
	if (l->n == l->cap) {
		int cap = l->cap ? 2 * l->cap : 8;

		if ((grown = realloc(l->v, (size_t)cap * sizeof *grown)) == NULL)
			return false;
		l->v = grown;
		l->cap = cap;
	}
	if ((l->v[l->n] = strdup(v)) == NULL)
		return false;
	l->n++;
	return true;
}

static void seen_clear(struct seen *l)
{
	for (int i = 0; i < l->n; i++)
		free(l->v[i]);
	l->n = 0;
}

static void seen_free(struct seen *l)
{
	seen_clear(l);
	free(l->v);
}

/* The values joined by sep into a new string, NULL when there are none
 * (or out of memory: *failed). */
static char *seen_join(const struct seen *l, const char *sep, bool *failed)
{
	struct strbuf *b;
	char *joined;

	if (l->n == 0)
		return NULL;
	b = strbuf_new();
	for (int i = 0; i < l->n; i++) {
		strbuf_add(b, i ? sep : "");
		strbuf_add(b, l->v[i]);
	}
	if (strbuf_failed(b))
		*failed = true;
	joined = strbuf_finish(b);
	if (joined == NULL)
		*failed = true;
	return joined;
}

/* The labels of the codes of kind, joined by ", " (code_labels() in
 * sql_functions.c): NULL for none. */
static char *labels_join(struct ft *ft, const char *kind,
			 const struct seen *l, bool *failed)
{
	struct strbuf *b;
	char *joined;

	if (l->n == 0)
		return NULL;
	b = strbuf_new();
	for (int i = 0; i < l->n; i++) {
		char key[96];

		snprintf(key, sizeof key, "%s.%s", kind, l->v[i]);
		strbuf_add(b, i ? ", " : "");
		strbuf_add(b, texts_get(ft, key, ft_lang_code(ft)));
	}
	joined = strbuf_finish(b);
	if (joined == NULL)
		*failed = true;
	return joined;
}

/* One service being aggregated. */
struct service {
	int64_t customer_id, workload_id;
	char customer[FT_NAME_MAX + 1], workload[FT_NAME_MAX + 1];
	struct seen subs, l2s, l3s, notes, validated_with, actions;
	char since[32], *declared_by;
	bool has_since, matches_l2, matches_since;
};

static void service_clear(struct service *sv)
{
	seen_clear(&sv->subs);
	seen_clear(&sv->l2s);
	seen_clear(&sv->l3s);
	seen_clear(&sv->notes);
	seen_clear(&sv->validated_with);
	seen_clear(&sv->actions);
	free(sv->declared_by);
	sv->declared_by = NULL;
	sv->has_since = sv->matches_l2 = sv->matches_since = false;
	sv->customer_id = sv->workload_id = 0;
}

/* Frees what sv holds once its last service is emitted. */
static void service_free(struct service *sv)
{
	service_clear(sv);
	seen_free(&sv->subs);
	seen_free(&sv->l2s);
	seen_free(&sv->l3s);
	seen_free(&sv->notes);
	seen_free(&sv->validated_with);
	seen_free(&sv->actions);
}

/* Adds the entitlement v (SHOWN_FIELDS values: columns 4 to 11 of
 * SERVICES_COLS) to sv; false when out of memory. */
static bool service_add_values(struct service *sv, const char *const *v)
{
	const char *at = v[4];
	bool ok = true;

	ok &= seen_add(&sv->subs, v[0], false);
	ok &= seen_add(&sv->l2s, v[1], true);
	ok &= seen_add(&sv->l3s, v[2], true);
	ok &= seen_add(&sv->notes, v[3], true);
	ok &= seen_add(&sv->validated_with, v[6], true);
	ok &= seen_add(&sv->actions, v[7], true);
	/* the declaration declared first: its time and who */
	if (at != NULL && (!sv->has_since || strcmp(at, sv->since) < 0)) {
		const char *who = v[5];

		snprintf(sv->since, sizeof sv->since, "%s", at);
		sv->has_since = true;
		free(sv->declared_by);
		sv->declared_by = who ? strdup(who) : NULL;
		ok &= who == NULL || sv->declared_by != NULL;
	}
	return ok;
}

/* Adds a row of SERVICES_COLS to sv; false when out of memory. */
static bool service_add(struct service *sv, struct db_stmt *st)
{
	const char *v[SHOWN_FIELDS];

	if (sv->customer_id == 0) {
		sv->customer_id = db_col_int(st, 0);
		sv->workload_id = db_col_int(st, 1);
		snprintf(sv->customer, sizeof sv->customer, "%s",
			 db_col_text(st, 2));
		snprintf(sv->workload, sizeof sv->workload, "%s",
			 db_col_text(st, 3));
	}
	for (int i = 0; i < SHOWN_FIELDS; i++)
		v[i] = db_col_text(st, 4 + i);
	sv->matches_l2 |= db_col_int(st, 12) == 1;
	sv->matches_since |= db_col_int(st, 13) == 1;
	return service_add_values(sv, v);
}

/* Emits the service in the shape asked for. */
static int service_emit(struct ft *ft, const struct service *sv,
			enum ft_shape shape, const char *const *names,
			ft_row_fn fn, void *arg)
{
	bool failed = false;
	char *subs = seen_join(&sv->subs, ", ", &failed);
	char *l2s = seen_join(&sv->l2s, ",", &failed);
	char *l2_labels = labels_join(ft, "l2", &sv->l2s, &failed);
	char *l3s = seen_join(&sv->l3s, ",", &failed);
	char *reasons = seen_join(&sv->notes, " | ", &failed);
	char *validated = seen_join(&sv->validated_with, ",", &failed);
	char *actions = seen_join(&sv->actions, ",", &failed);
	char *action_labels = labels_join(ft, "next_action", &sv->actions,
					  &failed);
	const char *since = sv->has_since ? sv->since : NULL;
	int rc = FT_OK;

	if (failed) {
		rc = ft_fail(ft, FT_DBERR, "out of memory");
	} else if (shape == FT_SHAPE_JSON) {
		struct json j;

		json_init(&j, strbuf_new());
		json_object_open(&j);
		json_key_text(&j, "customer", sv->customer);
		json_key_text(&j, "workload", sv->workload);
		json_key(&j, "subscriptions");
		json_array_open(&j);
		for (int i = 0; i < sv->subs.n; i++)
			json_text(&j, sv->subs.v[i]);
		json_array_close(&j);
		json_key_text(&j, "l2", l2s);
		json_key_text(&j, "l2_label", l2_labels);
		json_key_text(&j, "l3", l3s);
		json_key_text(&j, "notes", reasons);
		json_key(&j, "notes_list");
		json_array_open(&j);
		for (int i = 0; i < sv->notes.n; i++)
			json_text(&j, sv->notes.v[i]);
		json_array_close(&j);
		json_key_text(&j, "since", since);
		json_key_text(&j, "declared_by", sv->declared_by);
		json_key_text(&j, "validated_with", validated);
		json_key_text(&j, "next_action", actions);
		json_key_text(&j, "next_action_label", action_labels);
		json_object_close(&j);
		rc = json_emit(ft, &j, fn, arg);
		free(strbuf_finish(j.out));
	} else if (shape == FT_SHAPE_CSV) {
		const char *row[12] = {sv->customer, sv->workload, subs, l2s,
			l2_labels, l3s, reasons, since, sv->declared_by,
			validated, actions, action_labels};

		rc = fn(arg, 12, names, row);
	} else {
		const char *row[9] = {sv->customer, sv->workload, subs,
			l2_labels, l3s, reasons, since, sv->declared_by,
			action_labels};

		rc = fn(arg, 9, names, row);
	}
	free(subs);
	free(l2s);
	free(l2_labels);
	free(l3s);
	free(reasons);
	free(validated);
	free(actions);
	free(action_labels);
	return rc;
}

/* Whether the service matches --l2 and --since (f): any of its
 * entitlements matching each is enough. */
static bool service_matches(const struct service *sv,
			    const struct ft_no_intent_filter *f)
{
	return (!f->l2 || sv->matches_l2) && (!f->since || sv->matches_since);
}

/* Steps st (SERVICES_COLS) to the end, emitting each service that
 * matches f. */
static int services_emit(struct ft *ft, struct db_stmt *st,
			 const struct ft_no_intent_filter *f,
			 enum ft_shape shape, const char *const *names,
			 ft_row_fn fn, void *arg)
{
	struct service sv = {0};
	int rc = FT_OK, step = DB_DONE;

	while (rc == FT_OK && (step = db_step(ft, st)) == DB_ROW) {
		if (sv.customer_id != 0 &&
		    (sv.customer_id != db_col_int(st, 0) ||
		     sv.workload_id != db_col_int(st, 1))) {
			if (service_matches(&sv, f))
				rc = service_emit(ft, &sv, shape, names, fn, arg);
			service_clear(&sv);
		}
		if (rc == FT_OK && !service_add(&sv, st))
			rc = ft_fail(ft, FT_DBERR, "out of memory");
	}
	if (rc == FT_OK && step < 0)
		rc = FT_DBERR;
	if (rc == FT_OK && sv.customer_id != 0 && service_matches(&sv, f))
		rc = service_emit(ft, &sv, shape, names, fn, arg);
	service_free(&sv);
	return rc;
}

/* With --l2, one no_intent_shown row per service (kept by the entitlement
 * triggers of migration 0023) instead of its entitlements: the services
 * that have a No Intent entitlement of that L2 (no_intent_l2), in the
 * order SERVICES_ORDER gives them (the row's customer is its name). */
static const char SHOWN_SQL[] =
	"SELECT v.customer_id, v.workload_id, v.customer, w.name, "
	"v.entitlements FROM no_intent_l2 n CROSS JOIN no_intent_shown v "
	"JOIN workload w ON w.id = n.workload_id "
	"WHERE n.l2 = :l2 AND v.workload_id = n.workload_id "
	"AND v.customer_id = n.customer_id";
static const char SHOWN_ORDER[] =
	" ORDER BY v.customer, w.name, v.customer_id, v.workload_id";

/* shown_add's state: the service and the --since bound. */
struct shown_add {
	struct service *sv;
	const char *since;
};

static bool shown_add(void *arg, const char *const *v)
{
	struct shown_add *a = arg;

	a->sv->matches_since |= a->since && v[4] && strcmp(v[4], a->since) >= 0;
	return service_add_values(a->sv, v);
}

/* Steps st (SHOWN_SQL) to the end, emitting each service that matches
 * --since when given (each matches --l2). */
static int shown_emit(struct ft *ft, struct db_stmt *st, const char *since,
		      enum ft_shape shape, const char *const *names,
		      ft_row_fn fn, void *arg)
{
	struct service sv = {0};
	int rc = FT_OK, step = DB_DONE;

	while (rc == FT_OK && (step = db_step(ft, st)) == DB_ROW) {
		struct shown_add add = {&sv, since};
		int read;

		sv.customer_id = db_col_int(st, 0);
		sv.workload_id = db_col_int(st, 1);
		snprintf(sv.customer, sizeof sv.customer, "%s",
			 db_col_text(st, 2));
		snprintf(sv.workload, sizeof sv.workload, "%s",
			 db_col_text(st, 3));
		read = no_intent_shown_each(db_col_text(st, 4), shown_add, &add);
		if (read == 0)
			rc = ft_fail(ft, FT_DBERR, "the no-intent summary of "
				     "service '%s' x '%s' is not readable",
				     sv.customer, sv.workload);
		else if (read < 0)
			rc = ft_fail(ft, FT_DBERR, "out of memory");
		else if (!since || sv.matches_since)
			rc = service_emit(ft, &sv, shape, names, fn, arg);
		service_clear(&sv);
	}
	if (rc == FT_OK && step < 0)
		rc = FT_DBERR;
	service_free(&sv);
	return rc;
}

/* Per account: one pass over every entitlement in customer order (a
 * Duplicate/Invalid entitlement counts in no figure: the playbook takes it
 * out of all reporting) (the
 * subscription index gives it, so grouping needs no sort), counting each
 * customer's services and those in No Intent under the filters. CROSS JOIN
 * keeps that order: the planner would rather start from the No Intent
 * entitlements. */
static const char ACCOUNTS_TABLE[] =
	"SELECT w.name, w.ni, w.total, " LABELS("l2", "w.l2s") ", "
	"tr(CASE WHEN w.ni = w.total THEN 'ui.yes' ELSE 'ui.no' END)";
static const char ACCOUNTS_CSV[] =
	"SELECT w.name, w.ni, w.total, w.l2s, " LABELS("l2", "w.l2s") ", "
	"CASE WHEN w.ni = w.total THEN 'true' ELSE 'false' END";

/* The accounts with a No Intent service matching the filters, each
 * counted against all of its services: the filters choose the accounts,
 * they do not narrow what is counted. Without --since, from the summaries
 * the entitlement triggers keep (migration 0023): an account's counts are
 * its no_intent_account row (ACCOUNTS_SUMMARY, in name order), its L2s
 * those of its no_intent_l2 rows (ACCOUNT_L2S, read once beside it). */
static const char ACCOUNTS_SUMMARY[] =
	"SELECT c.name, a.no_intent, a.services, a.customer_id "
	"FROM no_intent_account a JOIN customer c ON c.id = a.customer_id "
	"WHERE a.no_intent > 0";

static void accounts_summary_sql(struct strbuf *sql,
				 const struct ft_no_intent_filter *f,
				 int64_t customer, int64_t workload)
{
	strbuf_add(sql, ACCOUNTS_SUMMARY);
	if (customer)
		strbuf_add(sql, " AND a.customer_id = :customer");
	if (f->l2)
		strbuf_add(sql, " AND EXISTS (SELECT 1 FROM no_intent_l2 n "
				      "WHERE n.customer_id = a.customer_id AND "
				      "n.l2 = :l2");
	else if (workload)
		strbuf_add(sql, " AND EXISTS (SELECT 1 FROM no_intent_service "
				      "n WHERE n.customer_id = a.customer_id AND "
				      "n.no_intent > 0");
	if (workload)
		strbuf_add(sql, " AND n.workload_id = :workload");
	if (f->l2 || workload)
		strbuf_add(sql, ")");
	strbuf_add(sql, " ORDER BY c.name, a.customer_id");
}

/* Every account's No Intent L2 rows, by customer (the key's order). */
static const char ACCOUNT_L2S[] =
	"SELECT customer_id, first_subscription, workload_id, l2 "
	"FROM no_intent_l2 ORDER BY customer_id";

/* One no_intent_l2 row of an account. */
struct l2_row {
	int64_t first_subscription, workload_id;
	char l2[40];
};

static int l2_row_cmp(const void *a, const void *b)
{
	const struct l2_row *x = a, *y = b;

	if (x->first_subscription != y->first_subscription)
		return x->first_subscription < y->first_subscription ? -1 : 1;
	return x->workload_id < y->workload_id ? -1
	       : x->workload_id > y->workload_id;
}

/* An account's L2 codes: the distinct L2s of its no_intent_l2 rows, in
 * the order a pass over its subscriptions (by id) and their workloads (by
 * id) first meets them, joined by "," (as distinct_list gives them), NULL
 * for none. */
struct account_l2s {
	int64_t customer_id;
	const char *l2s;	/* one of accounts_l2s' codes */
};

/* All accounts' L2 codes, by customer id; each list of codes kept once
 * (codes), and the labels of each list met (a few lists at most: the L2s
 * are few). */
struct accounts_l2s {
	struct account_l2s *v;
	size_t n, cap;
	struct seen codes, lists, labels;
};

/* Adds the account of rows[0..n) to a; false when out of memory. */
static bool accounts_l2s_add(struct accounts_l2s *a, int64_t customer_id,
			     struct l2_row *rows, size_t n)
{
	struct seen l2s = {0};
	bool failed = false;
	char *joined;

	qsort(rows, n, sizeof *rows, l2_row_cmp);
	for (size_t i = 0; i < n; i++)
		failed |= !seen_add(&l2s, rows[i].l2, true);
	joined = failed ? NULL : seen_join(&l2s, ",", &failed);
	seen_free(&l2s);
	/* the list as kept once */
	failed |= joined != NULL && !seen_add(&a->codes, joined, true);
	if (!failed && a->n == a->cap) {
		size_t cap = a->cap ? 2 * a->cap : 1024;
		struct account_l2s *grown = realloc(a->v, cap * sizeof *grown);

		failed = grown == NULL;
		a->v = grown ? grown : a->v;
		a->cap = grown ? cap : a->cap;
	}
	if (!failed) {
		a->v[a->n].customer_id = customer_id;
		a->v[a->n].l2s = NULL;
		for (int i = 0; joined != NULL && i < a->codes.n; i++)
			if (strcmp(a->codes.v[i], joined) == 0)
				a->v[a->n].l2s = a->codes.v[i];
		a->n++;
	}
	free(joined);
	return !failed;
}

static void accounts_l2s_free(struct accounts_l2s *a)
{
	free(a->v);
	seen_free(&a->codes);
	seen_free(&a->lists);
	seen_free(&a->labels);
}

/* Reads the L2s of every account (of the customer when given) into a. */
static int accounts_l2s_read(struct ft *ft, int64_t customer,
			     struct accounts_l2s *a)
{
	struct db_stmt *st = NULL;
	struct l2_row *rows = NULL, *grown;
	size_t n = 0, cap = 0;
	int64_t at = 0;
	int rc, step = DB_DONE;

	rc = db_prepare(ft, &st, customer ? "SELECT customer_id, "
			"first_subscription, workload_id, l2 FROM no_intent_l2 "
			"WHERE customer_id = :customer" : ACCOUNT_L2S);
	if (rc != FT_OK)
		return rc;
	if (customer)
		db_bind_int(ft, st, ":customer", customer);
	while (rc == FT_OK && (step = db_step(ft, st)) == DB_ROW) {
		int64_t id = db_col_int(st, 0);

		if (n > 0 && id != at && !accounts_l2s_add(a, at, rows, n))
			rc = ft_fail(ft, FT_DBERR, "out of memory");
		if (id != at)
			n = 0;
		at = id;
		if (rc == FT_OK && n == cap) {
			cap = cap ? 2 * cap : 16;
			if ((grown = realloc(rows, cap * sizeof *rows)) == NULL)
				rc = ft_fail(ft, FT_DBERR, "out of memory");
			else
				rows = grown;
		}
		if (rc == FT_OK) {
			rows[n].first_subscription = db_col_int(st, 1);
			rows[n].workload_id = db_col_int(st, 2);
			snprintf(rows[n].l2, sizeof rows[n].l2, "%s",
				 db_col_text(st, 3));
			n++;
		}
	}
	if (rc == FT_OK && step < 0)
		rc = FT_DBERR;
	if (rc == FT_OK && n > 0 && !accounts_l2s_add(a, at, rows, n))
		rc = ft_fail(ft, FT_DBERR, "out of memory");
	free(rows);
	db_release(st);
	return rc;
}

static int account_cmp(const void *key, const void *elem)
{
	int64_t id = *(const int64_t *)key;
	const struct account_l2s *e = elem;

	return id < e->customer_id ? -1 : id > e->customer_id;
}

/* The L2 codes of the account, NULL for none. */
static const char *account_l2s(const struct accounts_l2s *a, int64_t id)
{
	const struct account_l2s *e = a->n == 0 ? NULL
		: bsearch(&id, a->v, a->n, sizeof *a->v, account_cmp);

	return e ? e->l2s : NULL;
}

/* The labels of the list of L2 codes (code_labels() in sql_functions.c),
 * NULL for none; each list's labels are made once. */
static const char *account_labels(struct ft *ft, struct accounts_l2s *a,
				  const char *l2s, bool *failed)
{
	struct seen codes = {0};
	char *labels;

	if (l2s == NULL)
		return NULL;
	for (int i = 0; i < a->lists.n; i++)
		if (strcmp(a->lists.v[i], l2s) == 0)
			return *a->labels.v[i] ? a->labels.v[i] : NULL;
	for (const char *p = l2s; *p;) {
		size_t len = strcspn(p, ",");
		char code[40];

		snprintf(code, sizeof code, "%.*s", (int)len, p);
		*failed |= !seen_add(&codes, code, false);
		p += len + (p[len] == ',');
	}
	labels = *failed ? NULL : labels_join(ft, "l2", &codes, failed);
	seen_free(&codes);
	if (*failed)
		return NULL;
	/* labels_join gives NULL for no codes: kept as "" beside its list */
	*failed |= !seen_add(&a->lists, l2s, false) ||
		   !seen_add(&a->labels, labels ? labels : "", false);
	free(labels);
	if (*failed || *a->labels.v[a->labels.n - 1] == '\0')
		return NULL;
	return a->labels.v[a->labels.n - 1];
}

/* Steps st (ACCOUNTS_SUMMARY) to the end, emitting each account in the
 * shape asked for, its L2s from a. */
static int accounts_summary_emit(struct ft *ft, struct db_stmt *st,
				 struct accounts_l2s *a, enum ft_shape shape,
				 const char *const *names, ft_row_fn fn,
				 void *arg)
{
	const char *yes = texts_tr(ft, "ui.yes"), *no = texts_tr(ft, "ui.no");
	int rc = FT_OK, step = DB_DONE;
	bool failed = false;

	/* tr() gives NULL for a key with no text */
	yes = strcmp(yes, "ui.yes") == 0 ? NULL : yes;
	no = strcmp(no, "ui.no") == 0 ? NULL : no;
	while (rc == FT_OK && (step = db_step(ft, st)) == DB_ROW) {
		const char *l2s = account_l2s(a, db_col_int(st, 3));
		const char *labels = account_labels(ft, a, l2s, &failed);
		bool all = db_col_int(st, 1) == db_col_int(st, 2);

		if (failed) {
			rc = ft_fail(ft, FT_DBERR, "out of memory");
		} else if (shape == FT_SHAPE_JSON) {
			struct json j;

			json_init(&j, strbuf_new());
			json_object_open(&j);
			json_key_text(&j, "customer", db_col_text(st, 0));
			json_key_int(&j, "no_intent", db_col_int(st, 1));
			json_key_int(&j, "services", db_col_int(st, 2));
			json_key_text(&j, "l2s", l2s);
			json_key_text(&j, "l2_labels", labels);
			json_key_bool(&j, "all_workloads", all);
			json_object_close(&j);
			rc = json_emit(ft, &j, fn, arg);
			free(strbuf_finish(j.out));
		} else if (shape == FT_SHAPE_CSV) {
			const char *row[6] = {db_col_text(st, 0),
				db_col_text(st, 1), db_col_text(st, 2), l2s,
				labels, all ? "true" : "false"};

			rc = fn(arg, 6, names, row);
		} else {
			const char *row[5] = {db_col_text(st, 0),
				db_col_text(st, 1), db_col_text(st, 2), labels,
				all ? yes : no};

			rc = fn(arg, 5, names, row);
		}
	}
	if (rc == FT_OK && step < 0)
		rc = FT_DBERR;
	return rc;
}

/* The same accounts counted from every entitlement: --since asks about
 * declarations, which the summaries do not keep. */
static void accounts_sql(struct strbuf *sql, const struct ft_no_intent_filter *f,
			 int64_t customer, int64_t workload)
{
	strbuf_add(sql, " FROM (SELECT c.name AS name, v.ni AS ni, "
			      "v.total AS total, v.l2s AS l2s FROM (SELECT "
			      "s.customer_id AS cid, distinct_count(CASE WHEN "
			      "e.l1 = 'no_intent' THEN e.workload_id END) AS ni, "
			      "distinct_count(CASE WHEN e.l1 <> "
			      "'duplicate_invalid' THEN e.workload_id END) "
			      "AS total, distinct_list(CASE WHEN e.l1 = "
			      "'no_intent' THEN e.l2 END) AS l2s, max(CASE WHEN "
			      "e.l1 = 'no_intent'");
	if (f->l2)
		strbuf_add(sql, " AND e.l2 = :l2");
	if (f->since)
		strbuf_add(sql, " AND (SELECT at FROM declaration "
				      "WHERE id = e.declaration_id) >= :since");
	if (workload)
		strbuf_add(sql, " AND e.workload_id = :workload");
	strbuf_add(sql, " THEN 1 ELSE 0 END) AS matches FROM subscription s "
			      "CROSS JOIN entitlement e WHERE e.subscription_id = "
			      "s.id");
	if (customer)
		strbuf_add(sql, " AND s.customer_id = :customer");
	strbuf_add(sql, " GROUP BY s.customer_id) v JOIN customer c "
			      "ON c.id = v.cid WHERE v.matches = 1) w ORDER BY w.name");
}

/* Emits the rows of ACCOUNTS_CSV's query as JSON objects. */
static int accounts_json(struct ft *ft, struct db_stmt *st, ft_row_fn fn,
			 void *arg)
{
	int rc = FT_OK, step = DB_DONE;

	while (rc == FT_OK && (step = db_step(ft, st)) == DB_ROW) {
		struct json j;

		json_init(&j, strbuf_new());
		json_object_open(&j);
		json_key_text(&j, "customer", db_col_text(st, 0));
		json_key_int(&j, "no_intent", db_col_int(st, 1));
		json_key_int(&j, "services", db_col_int(st, 2));
		json_key_text(&j, "l2s", db_col_text(st, 3));
		json_key_text(&j, "l2_labels", db_col_text(st, 4));
		json_key_bool(&j, "all_workloads",
			      db_col_int(st, 1) == db_col_int(st, 2));
		json_object_close(&j);
		rc = json_emit(ft, &j, fn, arg);
		free(strbuf_finish(j.out));
	}
	if (rc == FT_OK && step < 0)
		rc = FT_DBERR;
	return rc;
}

/* The accounts of st (ACCOUNTS_SUMMARY) with their L2s. */
static int accounts_from_summary(struct ft *ft, struct db_stmt *st,
				 int64_t customer, enum ft_shape shape,
				 const char *const *names, ft_row_fn fn,
				 void *arg)
{
	struct accounts_l2s a = {0};
	int rc = accounts_l2s_read(ft, customer, &a);

	if (rc == FT_OK)
		rc = accounts_summary_emit(ft, st, &a, shape, names, fn, arg);
	accounts_l2s_free(&a);
	return rc;
}

int ft_no_intent(struct ft *ft, const struct ft_no_intent_filter *f,
		 enum ft_shape shape, ft_row_fn fn, void *arg)
{
	struct db_stmt *st = NULL;
	struct strbuf *sql;
	const char *const *names = NULL;
	char since[21], l2[40];
	int64_t customer = 0, workload = 0;
	const char *heads[9];
	int rc = FT_OK;

	if (f->customer != NULL)
		rc = lookup_id(ft, LOOKUP_CUSTOMER, f->customer, &customer, NULL);
	if (rc == FT_OK && f->workload != NULL)
		rc = lookup_id(ft, LOOKUP_WORKLOAD, f->workload, &workload, NULL);
	if (rc == FT_OK && f->l2 != NULL)
		rc = lookup_no_intent_l2(ft, f->l2, l2, sizeof l2);
	if (rc == FT_OK && f->since != NULL)
		rc = lookup_time_bound(ft, "--since", f->since, false, since);
	if (rc != FT_OK)
		return rc;

	sql = strbuf_new();
	if (f->accounts) {
		names = shape == FT_SHAPE_CSV ? ACCOUNT_CSV_NAMES : heads;
		texts_names(ft, ACCOUNT_HEADS, 5, heads);
	}
	if (f->accounts && !f->since) {
		accounts_summary_sql(sql, f, customer, workload);
	} else if (f->accounts) {
		strbuf_add(sql, shape == FT_SHAPE_TABLE ? ACCOUNTS_TABLE
			   : ACCOUNTS_CSV);
		accounts_sql(sql, f, customer, workload);
	} else {
		names = shape == FT_SHAPE_CSV ? SERVICE_CSV_NAMES : heads;
		texts_names(ft, SERVICE_HEADS, 9, heads);
	}
	if (!f->accounts && f->l2) {
		strbuf_add(sql, SHOWN_SQL);
		if (customer)
			strbuf_add(sql, " AND n.customer_id = :customer");
		if (workload)
			strbuf_add(sql, " AND n.workload_id = :workload");
		strbuf_add(sql, SHOWN_ORDER);
	} else if (!f->accounts) {
		strbuf_add(sql, SERVICES_COLS);
		strbuf_add(sql, customer ? SERVICES_FROM_CUSTOMER
			   : SERVICES_FROM_ANY);
		strbuf_add(sql, SERVICES_WHERE);
		if (customer)
			strbuf_add(sql, " AND e.subscription_id = s.id "
				   "AND s.customer_id = :customer");
		if (workload)
			strbuf_add(sql, " AND e.workload_id = :workload");
		strbuf_add(sql, SERVICES_ORDER);
	}
	if (strbuf_failed(sql))
		rc = ft_fail(ft, FT_DBERR, "out of memory");
	if (rc == FT_OK)
		rc = db_prepare_text(ft, &st, strbuf_value(sql));
	free(strbuf_finish(sql));
	if (rc != FT_OK)
		return rc;
	if (f->accounts && f->since)
		db_bind_text(ft, st, ":lang", ft_lang_code(ft));
	if (f->accounts && f->l2)
		db_bind_text(ft, st, ":l2", l2);
	if (f->accounts && f->since)
		db_bind_text(ft, st, ":since", since);
	if (!f->accounts && f->l2) {
		db_bind_text(ft, st, ":l2", l2);
	} else if (!f->accounts) {
		db_bind_text(ft, st, ":l2", NULL);
		db_bind_text(ft, st, ":since", f->since ? since : NULL);
	}
	if (customer)
		db_bind_int(ft, st, ":customer", customer);
	if (workload)
		db_bind_int(ft, st, ":workload", workload);
	if (!f->accounts && f->l2)
		rc = shown_emit(ft, st, f->since ? since : NULL, shape, names,
				fn, arg);
	else if (!f->accounts)
		rc = services_emit(ft, st, f, shape, names, fn, arg);
	else if (!f->since)
		rc = accounts_from_summary(ft, st, customer, shape, names, fn,
					   arg);
	else if (shape == FT_SHAPE_JSON)
		rc = accounts_json(ft, st, fn, arg);
	else
		rc = db_emit_all_named(ft, st, names, fn, arg);
	db_release(st);
	return rc;
}
