/* Reading the audit history back, newest first, in the shapes the exports
 * need. The query is assembled from constant fragments for the filters in
 * use, so that each runs on its index; values are always bound. */
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include "db.h"
#include "lookup.h"
#include "texts.h"
#include "ftrack/history.h"
#include "ftrack/text.h"

/* The summary as written in the context's language: a change set keeps
 * the English and Spanish ones it was sealed with. */
#define WHAT "CASE :lang WHEN 'es' THEN coalesce(cs.what_es, cs.what) " \
	"ELSE cs.what END"

/* The columns of each shape; the FROM and WHERE follow. */
static const char TABLE_COLS[] =
	"SELECT cs.id, cs.at, cs.who, tr('role.' || cs.role), " WHAT;
static const char SUMMARY_COLS[] =
	"SELECT CAST(substr(cs.at, 6, 2) AS INTEGER) || '/' || "
	"CAST(substr(cs.at, 9, 2) AS INTEGER) || '/' || substr(cs.at, 1, 4), "
	"cs.who, " WHAT;
/* A record's name, or, once it was removed, the last its history gave it
 * (the removal's old value): a removed record's change sets keep naming
 * it. */
#define LAST_KNOWN(entity, key, id) "(SELECT coalesce(h.new_value, " \
	"h.old_value) FROM change h WHERE h.entity = '" entity "' AND " \
	"h.entity_id = " id " AND h.field = '" key "' ORDER BY h.id DESC " \
	"LIMIT 1)"
#define NAME_OF(table, col, entity, key, id) "coalesce((SELECT " col \
	" FROM " table " WHERE id = " id "), " LAST_KNOWN(entity, key, id) ")"
#define CUSTOMER_OF(id) NAME_OF("customer", "name", "customer", "name", id)
#define WORKLOAD_OF(id) NAME_OF("workload", "name", "workload", "name", id)
#define SUBSCRIPTION_OF(id) NAME_OF("subscription", "code", \
	"subscription", "code", id)

static const char CSV_COLS[] =
	"SELECT cs.id, cs.at, cs.who, cs.role, tr('role.' || cs.role), "
	"cs.what, cs.what_es, "
	CUSTOMER_OF("cs.customer_id") ", " WORKLOAD_OF("cs.workload_id") ", "
	SUBSCRIPTION_OF("cs.subscription_id") ", cs.scenario";
static const char JSON_COLS[] =
	"SELECT json_object('id', cs.id, 'at', cs.at, 'who', cs.who, "
	"'role', cs.role, 'role_label', tr('role.' || cs.role), "
	"'what', cs.what, 'what_es', cs.what_es, "
	"'customer', " CUSTOMER_OF("cs.customer_id") ", "
	"'workload', " WORKLOAD_OF("cs.workload_id") ", "
	"'subscription', " SUBSCRIPTION_OF("cs.subscription_id") ", "
	"'scenario', cs.scenario, "
	"'changes', (SELECT json_group_array(json_object('entity', ch.entity, "
	"'entity_id', ch.entity_id, "
	"'field', ch.field, 'old', ch.old_value, 'new', ch.new_value)) "
	"FROM change ch WHERE ch.changeset_id = cs.id))";
/* The key of a field's value's text: L1, L2 or another labelled code (an
 * owner is a role). */
#define VALUE_KEY(v) "CASE ch.field WHEN 'owner' THEN 'role' " \
	"ELSE ch.field END || '.' || " v
/* Its label in the context's language: NULL for a value that is no code
 * (csv), or the value itself then (table). */
#define VALUE_LABEL(v) "tr(" VALUE_KEY(v) ")"
/* (a user's active flag is audited as nothing while active: shown "yes") */
#define VALUE_LABEL_LANG(v) "coalesce(tr(" VALUE_KEY(v) "), " v ", " \
	"CASE ch.field WHEN 'active' THEN tr('active.1') END)"
/* One change set's field changes: the record, the kind of record and its
 * id, the column, before and after, as labels (a field's own text, else
 * its column header's). */
static const char CHANGES_COLS[] =
	"SELECT CASE ch.entity WHEN 'entitlement' THEN coalesce((SELECT "
	"s.code || ' / ' || w.name FROM entitlement e JOIN subscription s ON "
	"s.id = e.subscription_id JOIN workload w ON w.id = e.workload_id "
	"WHERE e.id = ch.entity_id), "
	LAST_KNOWN("entitlement", "subscription", "ch.entity_id") " || ' / ' || "
	LAST_KNOWN("entitlement", "workload", "ch.entity_id") ") "
	"WHEN 'customer' THEN " CUSTOMER_OF("ch.entity_id") " "
	"WHEN 'user' THEN " NAME_OF("app_user", "name", "user", "name",
				    "ch.entity_id") " "
	"WHEN 'subscription' THEN " SUBSCRIPTION_OF("ch.entity_id") " "
	"WHEN 'workload' THEN " WORKLOAD_OF("ch.entity_id") " END, "
	"coalesce(tr('entity.' || ch.entity), ch.entity) || ' ' || "
	"ch.entity_id, "
	"coalesce(tr('field.' || ch.field), tr('col.' || ch.field), ch.field), "
	VALUE_LABEL_LANG("ch.old_value") ", " VALUE_LABEL_LANG("ch.new_value");
static const char FIELDS_COLS[] =
	"SELECT cs.id, cs.at, cs.who, cs.role, "
	CUSTOMER_OF("cs.customer_id") ", ch.entity, "
	"ch.entity_id, ch.field, ch.old_value, " VALUE_LABEL("ch.old_value")
	", ch.new_value, " VALUE_LABEL("ch.new_value");

static const char *const TABLE_HEADS[] = {"col.id", "col.date",
	"col.who_changed", "col.role", "col.what_changed"};
static const char *const CHANGES_HEADS[] = {"col.record", "col.entity",
	"col.column", "col.before", "col.after"};
static const char *const SUMMARY_HEADS[] = {"col.date", "col.who_changed",
	"col.what_changed"};
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
	struct db_stmt *st = NULL;
	struct strbuf *sql = NULL;
	const char *const *names;
	char since[21], until[21];
	int64_t customer = 0, workload = 0;
	const char *heads[5];
	int rc = FT_OK;

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

	sql = strbuf_new();
	switch (shape) {
	case FT_SHAPE_SUMMARY:
		strbuf_add(sql, SUMMARY_COLS);
		texts_names(ft, SUMMARY_HEADS, 3, heads);
		names = heads;
		break;
	case FT_SHAPE_CSV:
		strbuf_add(sql, CSV_COLS);
		names = CSV_NAMES;
		break;
	case FT_SHAPE_FIELDS:
		strbuf_add(sql, FIELDS_COLS);
		names = FIELDS_NAMES;
		break;
	case FT_SHAPE_JSON:
		strbuf_add(sql, JSON_COLS);
		names = JSON_NAMES;
		break;
	case FT_SHAPE_CHANGES:
		strbuf_add(sql, CHANGES_COLS);
		texts_names(ft, CHANGES_HEADS, 5, heads);
		names = heads;
		break;
	default:
		strbuf_add(sql, TABLE_COLS);
		texts_names(ft, TABLE_HEADS, 5, heads);
		names = heads;
		break;
	}
	strbuf_add(sql, " FROM changeset cs");
	if (shape == FT_SHAPE_FIELDS || shape == FT_SHAPE_CHANGES)
		strbuf_add(sql, " JOIN change ch ON "
				      "ch.changeset_id = cs.id");
	strbuf_add(sql, " WHERE 1");
	if (f->id)
		strbuf_add(sql, " AND cs.id = :id");
	if (customer)
		strbuf_add(sql, " AND cs.customer_id = :customer");
	/* A change set about several workloads has no workload of its own:
	 * look at the entitlements it changed. */
	if (workload)
		strbuf_add(sql, " AND (cs.workload_id = :workload OR "
			"(cs.workload_id IS NULL AND EXISTS (SELECT 1 FROM change "
			"x JOIN entitlement e ON e.id = x.entity_id WHERE "
			"x.changeset_id = cs.id AND x.entity = 'entitlement' AND "
			"e.workload_id = :workload)))");
	if (f->since)
		strbuf_add(sql, " AND cs.at >= :since");
	if (f->until)
		strbuf_add(sql, " AND cs.at <= :until");
	if (f->who)
		strbuf_add(sql, " AND fold(cs.who) = fold(:who)");
	strbuf_add(sql, shape == FT_SHAPE_FIELDS ||
			      shape == FT_SHAPE_CHANGES
			      ? " ORDER BY cs.id DESC, ch.id"
			      : " ORDER BY cs.id DESC");
	if (strbuf_failed(sql))
		rc = ft_fail(ft, FT_DBERR, "out of memory");
	if (rc == FT_OK)
		rc = db_prepare_text(ft, &st, strbuf_value(sql));
	free(strbuf_finish(sql));
	if (rc != FT_OK)
		return rc;
	if (db_has_param(st, ":lang"))
		db_bind_text(ft, st, ":lang", ft_lang_code(ft));
	if (customer)
		db_bind_int(ft, st, ":customer", customer);
	if (f->id)
		db_bind_int(ft, st, ":id", f->id);
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

int ft_history_exists(struct ft *ft, int64_t id)
{
	struct db_stmt *st = NULL;
	int rc = db_prepare(ft, &st, "SELECT 1 FROM changeset WHERE id = :id");

	if (rc != FT_OK)
		return rc;
	db_bind_int(ft, st, ":id", id);
	if (db_step(ft, st) != DB_ROW)
		rc = ft_fail(ft, FT_REFUSED, "no change set %lld (see 'ftrack "
			     "history', its Id column)", (long long)id);
	db_release(st);
	return rc;
}
