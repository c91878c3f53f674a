/* Reading the audit history back, newest first, in the shapes the exports
 * need. The query is assembled from constant fragments for the filters in
 * use, so that each runs on its index; values are always bound. */
#include <stdio.h>
#include <string.h>

#include "db.h"
#include "lookup.h"
#include "ftrack/history.h"
#include "ftrack/text.h"

/* The columns of each shape; the FROM and WHERE follow. */
static const char TABLE_COLS[] =
	"SELECT cs.at, cs.who, (SELECT CASE :lang WHEN 'es' THEN es ELSE en END "
	"FROM label WHERE kind = 'role' AND code = cs.role), "
	"CASE :lang WHEN 'es' THEN coalesce(cs.what_es, cs.what) ELSE cs.what END";
static const char SUMMARY_COLS[] =
	"SELECT CAST(substr(cs.at, 6, 2) AS INTEGER) || '/' || "
	"CAST(substr(cs.at, 9, 2) AS INTEGER) || '/' || substr(cs.at, 1, 4), "
	"cs.who, CASE :lang WHEN 'es' THEN coalesce(cs.what_es, cs.what) "
	"ELSE cs.what END";
static const char CSV_COLS[] =
	"SELECT cs.id, cs.at, cs.who, cs.role, (SELECT en FROM label WHERE "
	"kind = 'role' AND code = cs.role), cs.what, cs.what_es, "
	"(SELECT name FROM customer WHERE id = cs.customer_id), "
	"(SELECT name FROM workload WHERE id = cs.workload_id), "
	"(SELECT code FROM subscription WHERE id = cs.subscription_id), "
	"cs.scenario";
static const char JSON_COLS[] =
	"SELECT json_object('id', cs.id, 'at', cs.at, 'who', cs.who, "
	"'role', cs.role, 'role_label', (SELECT CASE :lang WHEN 'es' THEN es "
	"ELSE en END FROM label WHERE kind = 'role' AND code = cs.role), "
	"'what', cs.what, 'what_es', cs.what_es, "
	"'customer', (SELECT name FROM customer WHERE id = cs.customer_id), "
	"'workload', (SELECT name FROM workload WHERE id = cs.workload_id), "
	"'subscription', (SELECT code FROM subscription "
	"WHERE id = cs.subscription_id), 'scenario', cs.scenario, "
	"'changes', (SELECT json_group_array(json_object('entity', ch.entity, "
	"'entity_id', ch.entity_id, "
	"'field', ch.field, 'old', ch.old_value, 'new', ch.new_value)) "
	"FROM change ch WHERE ch.changeset_id = cs.id))";
/* The label of a field's value: L1, L2 or another labelled code. */
#define VALUE_LABEL(v) \
	"(SELECT en FROM l1 WHERE ch.field = 'l1' AND code = " v \
	" UNION ALL SELECT en FROM l2 WHERE ch.field = 'l2' AND code = " v \
	" UNION ALL SELECT en FROM label WHERE code = " v " AND kind = " \
	"CASE ch.field WHEN 'owner' THEN 'role' ELSE ch.field END LIMIT 1)"
static const char FIELDS_COLS[] =
	"SELECT cs.id, cs.at, cs.who, cs.role, "
	"(SELECT name FROM customer WHERE id = cs.customer_id), ch.entity, "
	"ch.entity_id, ch.field, ch.old_value, " VALUE_LABEL("ch.old_value")
	", ch.new_value, " VALUE_LABEL("ch.new_value");

static const char *const TABLE_NAMES[2][4] = {
	{"Date", "Who Changed", "Role", "What Changed"},
	{"Fecha", "Quién realizó el cambio", "Rol", "Qué cambió"},
};
static const char *const SUMMARY_NAMES[2][3] = {
	{"Date", "Who Changed", "What Changed"},
	{"Fecha", "Quién realizó el cambio", "Qué cambió"},
};
static const char *const CSV_NAMES[] = {"id", "at", "who", "role",
	"role_label", "what", "what_es", "customer", "workload",
	"subscription", "scenario"};
static const char *const FIELDS_NAMES[] = {"changeset", "at", "who", "role",
	"customer", "entity", "entity_id", "field", "old", "old_label", "new",
	"new_label"};
static const char *const JSON_NAMES[] = {"json"};

int ft_history(struct ft *ft, const struct ft_history_filter *f,
	       enum ft_shape shape, ft_row_fn fn, void *arg)
{
	sqlite3_stmt *st = NULL;
	sqlite3_str *sql = NULL;
	const char *const *names;
	char since[21], until[21];
	int64_t customer = 0, workload = 0;
	int rc = FT_OK, es = ft->lang == FT_LANG_ES;

	if (f->customer != NULL)
		rc = lookup_id(ft, LOOKUP_CUSTOMER, f->customer, &customer, NULL);
	if (rc == FT_OK && f->workload != NULL)
		rc = lookup_id(ft, LOOKUP_WORKLOAD, f->workload, &workload, NULL);
	if (rc == FT_OK && f->since != NULL)
		rc = lookup_time_bound(ft, "--since", f->since, false, since);
	if (rc == FT_OK && f->until != NULL)
		rc = lookup_time_bound(ft, "--until", f->until, true, until);
	if (rc != FT_OK)
		return rc;

	sql = sqlite3_str_new(ft->db);
	switch (shape) {
	case FT_SHAPE_SUMMARY:
		sqlite3_str_appendall(sql, SUMMARY_COLS);
		names = SUMMARY_NAMES[es];
		break;
	case FT_SHAPE_CSV:
		sqlite3_str_appendall(sql, CSV_COLS);
		names = CSV_NAMES;
		break;
	case FT_SHAPE_FIELDS:
		sqlite3_str_appendall(sql, FIELDS_COLS);
		names = FIELDS_NAMES;
		break;
	case FT_SHAPE_JSON:
		sqlite3_str_appendall(sql, JSON_COLS);
		names = JSON_NAMES;
		break;
	default:
		sqlite3_str_appendall(sql, TABLE_COLS);
		names = TABLE_NAMES[es];
		break;
	}
	sqlite3_str_appendall(sql, " FROM changeset cs");
	if (shape == FT_SHAPE_FIELDS)
		sqlite3_str_appendall(sql, " JOIN change ch ON "
				      "ch.changeset_id = cs.id");
	sqlite3_str_appendall(sql, " WHERE 1");
	if (customer)
		sqlite3_str_appendall(sql, " AND cs.customer_id = :customer");
	/* A change set about several workloads has no workload of its own:
	 * look at the entitlements it changed. */
	if (workload)
		sqlite3_str_appendall(sql, " AND (cs.workload_id = :workload OR "
			"(cs.workload_id IS NULL AND EXISTS (SELECT 1 FROM change "
			"x JOIN entitlement e ON e.id = x.entity_id WHERE "
			"x.changeset_id = cs.id AND x.entity = 'entitlement' AND "
			"e.workload_id = :workload)))");
	if (f->since)
		sqlite3_str_appendall(sql, " AND cs.at >= :since");
	if (f->until)
		sqlite3_str_appendall(sql, " AND cs.at <= :until");
	if (f->who)
		sqlite3_str_appendall(sql, " AND cs.who = :who COLLATE NOCASE");
	sqlite3_str_appendall(sql, shape == FT_SHAPE_FIELDS
			      ? " ORDER BY cs.id DESC, ch.id"
			      : " ORDER BY cs.id DESC");
	if (sqlite3_str_errcode(sql) != SQLITE_OK)
		rc = ft_fail(ft, FT_DBERR, "out of memory");
	if (rc == FT_OK)
		rc = db_prepare_text(ft, &st, sqlite3_str_value(sql));
	sqlite3_free(sqlite3_str_finish(sql));
	if (rc != FT_OK)
		return rc;
	if (sqlite3_bind_parameter_index(st, ":lang"))
		db_bind_text(ft, st, ":lang", ft_lang_code(ft));
	if (customer)
		db_bind_int(ft, st, ":customer", customer);
	if (workload)
		db_bind_int(ft, st, ":workload", workload);
	if (f->since)
		db_bind_text(ft, st, ":since", since);
	if (f->until)
		db_bind_text(ft, st, ":until", until);
	if (f->who)
		db_bind_text(ft, st, ":who", f->who);
	rc = db_emit_all_named(ft, st, names, fn, arg);
	db_release(st);
	return rc;
}
