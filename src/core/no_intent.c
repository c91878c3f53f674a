/* Which services and accounts are in No Intent. The query is assembled
 * from constant fragments for the filters in use, so that each one runs on
 * an index (a customer's subscriptions, a workload's statuses); values are
 * always bound. */
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "lookup.h"
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
static const char *const JSON_NAMES[] = {"json"};

/* Per service: one row per customer x workload with a No Intent
 * entitlement matching the filters. With a customer, the join starts from
 * its subscriptions (CROSS JOIN fixes the order: the planner would rather
 * read every No Intent entitlement). */
static const char SERVICES_SELECT[] =
	" FROM (SELECT s.customer_id AS cid, e.workload_id AS wid, "
	"group_concat(s.code, ', ') AS subs, "
	"json_group_array(s.code) AS subs_json, "
	"group_concat(DISTINCT e.l2) AS l2s, group_concat(DISTINCT e.l3) AS l3s, "
	/* the distinct notes: joined by " | " (a note holds commas), and
	 * as a JSON array */
	"distinct_list(e.notes, ' | ') AS reasons, "
	"distinct_json(e.notes) AS reasons_json, "
	/* the bare d.who is that of min(d.at), its only min/max */
	"min(d.at) AS since, d.who AS declared_by, "
	"group_concat(DISTINCT d.validated_with) AS validated_with, "
	"group_concat(DISTINCT e.next_action) AS actions";
static const char SERVICES_FROM_ANY[] =
	" FROM entitlement e JOIN subscription s ON s.id = e.subscription_id";
static const char SERVICES_FROM_CUSTOMER[] =
	" FROM subscription s CROSS JOIN entitlement e "
	"ON e.subscription_id = s.id";
static const char SERVICES_WHERE[] =
	" LEFT JOIN declaration d ON d.id = e.declaration_id "
	"WHERE e.l1 = 'no_intent'";
static const char SERVICES_GROUP[] =
	" GROUP BY s.customer_id, e.workload_id";
static const char SERVICES_END[] =
	") v JOIN customer c ON c.id = v.cid JOIN workload w ON w.id = v.wid "
	"ORDER BY c.name, w.name";

static const char SERVICES_TABLE[] =
	"SELECT c.name, w.name, v.subs, " LABELS("l2", "v.l2s") ", v.l3s, "
	"v.reasons, v.since, v.declared_by, "
	LABELS("next_action", "v.actions");
static const char SERVICES_CSV[] =
	"SELECT c.name, w.name, v.subs, v.l2s, " LABELS("l2", "v.l2s") ", "
	"v.l3s, v.reasons, v.since, v.declared_by, v.validated_with, "
	"v.actions, " LABELS("next_action", "v.actions");
static const char SERVICES_JSON[] =
	"SELECT json_object('customer', c.name, 'workload', w.name, "
	"'subscriptions', json(v.subs_json), 'l2', v.l2s, 'l2_label', "
	LABELS("l2", "v.l2s") ", 'l3', v.l3s, 'notes', v.reasons, "
	"'notes_list', json(v.reasons_json), "
	"'since', v.since, "
	"'declared_by', v.declared_by, 'validated_with', v.validated_with, "
	"'next_action', v.actions, "
	"'next_action_label', " LABELS("next_action", "v.actions") ")";

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
static const char ACCOUNTS_JSON[] =
	"SELECT json_object('customer', w.name, 'no_intent', w.ni, "
	"'services', w.total, 'l2s', w.l2s, 'l2_labels', "
	LABELS("l2", "w.l2s") ", 'all_workloads', "
	"json(CASE WHEN w.ni = w.total THEN 'true' ELSE 'false' END))";

/* The accounts with a No Intent service matching the filters, each
 * counted against all of its services: the filters choose the accounts,
 * they do not narrow what is counted. */
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
			      "'no_intent' THEN e.l2 END) AS l2s, max(e.l1 = "
			      "'no_intent'");
	if (f->l2)
		strbuf_add(sql, " AND e.l2 = :l2");
	if (f->since)
		strbuf_add(sql, " AND (SELECT at FROM declaration "
				      "WHERE id = e.declaration_id) >= :since");
	if (workload)
		strbuf_add(sql, " AND e.workload_id = :workload");
	strbuf_add(sql, ") AS matches FROM subscription s "
			      "CROSS JOIN entitlement e ON e.subscription_id = "
			      "s.id WHERE 1");
	if (customer)
		strbuf_add(sql, " AND s.customer_id = :customer");
	strbuf_add(sql, " GROUP BY s.customer_id) v JOIN customer c "
			      "ON c.id = v.cid WHERE v.matches) w ORDER BY w.name");
}

int ft_no_intent(struct ft *ft, const struct ft_no_intent_filter *f,
		 enum ft_shape shape, ft_row_fn fn, void *arg)
{
	struct db_stmt *st = NULL;
	struct strbuf *sql;
	const char *const *names;
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
		strbuf_add(sql, shape == FT_SHAPE_JSON ? ACCOUNTS_JSON
				      : shape == FT_SHAPE_CSV ? ACCOUNTS_CSV
				      : ACCOUNTS_TABLE);
		names = shape == FT_SHAPE_JSON ? JSON_NAMES
			: shape == FT_SHAPE_CSV ? ACCOUNT_CSV_NAMES
			: heads;
		texts_names(ft, ACCOUNT_HEADS, 5, heads);
		accounts_sql(sql, f, customer, workload);
	} else {
		strbuf_add(sql, shape == FT_SHAPE_JSON ? SERVICES_JSON
				      : shape == FT_SHAPE_CSV ? SERVICES_CSV
				      : SERVICES_TABLE);
		names = shape == FT_SHAPE_JSON ? JSON_NAMES
			: shape == FT_SHAPE_CSV ? SERVICE_CSV_NAMES
			: heads;
		texts_names(ft, SERVICE_HEADS, 9, heads);
		strbuf_add(sql, SERVICES_SELECT);
		strbuf_add(sql, customer ? SERVICES_FROM_CUSTOMER
				      : SERVICES_FROM_ANY);
		strbuf_add(sql, SERVICES_WHERE);
		if (customer)
			strbuf_add(sql, " AND s.customer_id = :customer");
		if (workload)
			strbuf_add(sql, " AND e.workload_id = :workload");
		strbuf_add(sql, SERVICES_GROUP);
		/* a service is shown whole when any part of it matches */
		if (f->l2 || f->since)
			strbuf_add(sql, " HAVING 1");
		if (f->l2)
			strbuf_add(sql, " AND sum(e.l2 = :l2) > 0");
		if (f->since)
			strbuf_add(sql, " AND sum(d.at >= :since) > 0");
		strbuf_add(sql, SERVICES_END);
	}
	if (strbuf_failed(sql))
		rc = ft_fail(ft, FT_DBERR, "out of memory");
	if (rc == FT_OK)
		rc = db_prepare_text(ft, &st, strbuf_value(sql));
	free(strbuf_finish(sql));
	if (rc != FT_OK)
		return rc;
	if (db_has_param(st, ":lang"))
		db_bind_text(ft, st, ":lang", ft_lang_code(ft));
	if (f->l2)
		db_bind_text(ft, st, ":l2", l2);
	if (f->since)
		db_bind_text(ft, st, ":since", since);
	if (customer)
		db_bind_int(ft, st, ":customer", customer);
	if (workload)
		db_bind_int(ft, st, ":workload", workload);
	rc = db_emit_all_named(ft, st, names, fn, arg);
	db_release(st);
	return rc;
}
