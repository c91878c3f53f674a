/* Reading the audit history back, newest first, in the shapes the exports
 * need. The query is assembled from constant fragments for the filters in
 * use, so that each runs on its index; values are always bound. */
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include "db.h"
#include "json.h"
#include "lookup.h"
#include "texts.h"
#include "ftrack/history.h"
#include "ftrack/text.h"

/* The summary as written in the context's language: a change set keeps
 * the English and Spanish ones it was sealed with. */
#define WHAT "CASE CAST(:lang AS TEXT) WHEN 'es' THEN coalesce(cs.what_es, cs.what) " \
	"ELSE cs.what END"

/* The bounds of an open time range: no change set is dated outside them. */
#define TIME_FIRST "0000-01-01T00:00:00Z"
#define TIME_LAST "9999-12-31T23:59:59Z"

/* A time range of at most this many change sets is read through
 * changeset_at and then put in id order (a sort of a few MiB); a wider one
 * is read in id order, as without a range, so that its memory stays flat
 * (SQLite sorts in memory: temp_store is MEMORY). */
#define NARROW_RANGE 10000
#define STR(x) #x
#define XSTR(x) STR(x)

/* The columns of each shape; the FROM and WHERE follow. */
static const char TABLE_COLS[] =
	"SELECT cs.id, cs.at, cs.who, tr('role.' || cs.role), " WHAT;
static const char SUMMARY_COLS[] =
	"SELECT CAST(substr(cs.at, 6, 2) AS INTEGER) || '/' || "
	"CAST(substr(cs.at, 9, 2) AS INTEGER) || '/' || substr(cs.at, 1, 4), "
	"cs.who, " WHAT;
/* A record's name, or, once it was removed, the last its history gave it
 * (the removal's old value): a removed record's change sets keep naming
 * it. A change set about no such record (a NULL id) looks for none:
 * PostgreSQL, once its statistics say every change row is about one
 * record, would walk the whole change table backwards for it. */
#define LAST_KNOWN(entity, key, id) "CASE WHEN " id " IS NOT NULL THEN " \
	"(SELECT coalesce(h.new_value, h.old_value) FROM change h WHERE " \
	"h.entity = '" entity "' AND h.entity_id = " id " AND h.field = '" \
	key "' ORDER BY h.id DESC LIMIT 1) END"
#define NAME_OF(table, col, entity, key, id) "coalesce((SELECT " col \
	" FROM " table " WHERE id = " id "), " LAST_KNOWN(entity, key, id) ")"
/* The same, read from a join: alias is the record's table joined on id. */
#define JOINED_NAME(alias, col, entity, id) "coalesce(" alias "." col ", " \
	LAST_KNOWN(entity, col, id) ")"
#define CUSTOMER_OF(id) NAME_OF("customer", "name", "customer", "name", id)
#define WORKLOAD_OF(id) NAME_OF("workload", "name", "workload", "name", id)
#define SUBSCRIPTION_OF(id) NAME_OF("subscription", "code", \
	"subscription", "code", id)

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
	JOINED_NAME("jc", "name", "customer", "cs.customer_id") ", ch.entity, "
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

/* The csv, JSON and fields shapes: a change set's names come from joins
 * (NAMED_FROM; the ones a shape does not read, both engines leave out)
 * rather than subqueries: on SQLite the JSON shape's join is read once per
 * change set where a subquery ran once per change (the export ran at 0.7x
 * the sqlite3 shell's rows/s with them); on PostgreSQL hash joins replace
 * three index look-ups a row (the server's time for the csv export at 100k
 * entitlements: 3.0 s, now 1.9 s). */
static const char CSV_COLS[] =
	"SELECT cs.id, cs.at, cs.who, cs.role, tr('role.' || cs.role), "
	"cs.what, cs.what_es, "
	JOINED_NAME("jc", "name", "customer", "cs.customer_id") ", "
	JOINED_NAME("jw", "name", "workload", "cs.workload_id") ", "
	JOINED_NAME("js", "code", "subscription", "cs.subscription_id") ", "
	"cs.scenario";
static const char NAMED_FROM[] = " FROM changeset cs "
	"LEFT JOIN customer jc ON jc.id = cs.customer_id "
	"LEFT JOIN workload jw ON jw.id = cs.workload_id "
	"LEFT JOIN subscription js ON js.id = cs.subscription_id";
/* The JSON shape reads each change set's row of CSV_COLS beside each of
 * its changes (LEFT JOIN: none, NULLs), in one statement, so that an
 * export streams; a change set's object is written out when the next
 * begins. */
static const char JSON_CHANGES[] = ", ch.entity, ch.entity_id, ch.field, "
	"ch.old_value, ch.new_value";

struct changeset_json {
	struct json j;
	struct strbuf *out;	/* the object's text, reused for each */
	int64_t id;		/* the change set being written, 0: none */
};

/* Writes out the change set being written, if any. */
static int changeset_json_end(struct ft *ft, struct changeset_json *cj,
			      ft_row_fn fn, void *arg)
{
	int rc = FT_OK;

	if (cj->id == 0)
		return FT_OK;
	json_array_close(&cj->j);
	json_object_close(&cj->j);
	rc = json_emit(ft, &cj->j, fn, arg);
	cj->id = 0;
	return rc;
}

/* Adds a row: a change set's first row begins its object; each row with a
 * change (columns from col on) adds {entity, entity_id, field, old, new}. */
static int changeset_json_row(struct ft *ft, struct db_stmt *st, int col,
			      struct changeset_json *cj, ft_row_fn fn,
			      void *arg)
{
	int64_t id = db_col_int(st, 0);
	int rc = FT_OK;

	if (id != cj->id) {
		if ((rc = changeset_json_end(ft, cj, fn, arg)) != FT_OK)
			return rc;
		if (cj->out == NULL)
			cj->out = strbuf_new();
		strbuf_reset(cj->out);
		json_init(&cj->j, cj->out);
		json_object_open(&cj->j);
		json_key_int(&cj->j, CSV_NAMES[0], id);
		for (int c = 1; c < 11; c++)
			json_key_text(&cj->j, CSV_NAMES[c], db_col_text(st, c));
		json_key(&cj->j, "changes");
		json_array_open(&cj->j);
		cj->id = id;
	}
	if (!db_col_null(st, col)) {
		json_object_open(&cj->j);
		json_key_text(&cj->j, "entity", db_col_text(st, col));
		json_key_int(&cj->j, "entity_id", db_col_int(st, col + 1));
		json_key_text(&cj->j, "field", db_col_text(st, col + 2));
		json_key_text(&cj->j, "old", db_col_text(st, col + 3));
		json_key_text(&cj->j, "new", db_col_text(st, col + 4));
		json_object_close(&cj->j);
	}
	return FT_OK;
}

/* Whether at most NARROW_RANGE change sets are dated from since to until
 * (read from changeset_at, at most that many entries of it). */
static int range_is_narrow(struct ft *ft, const char *since,
			   const char *until, bool *narrow)
{
	struct db_stmt *st = NULL;
	int rc = db_prepare(ft, &st, "SELECT count(*) FROM (SELECT 1 FROM "
			    "changeset WHERE at >= :since AND at <= :until "
			    "LIMIT " XSTR(NARROW_RANGE) " + 1) r");

	if (rc != FT_OK)
		return rc;
	db_bind_text(ft, st, ":since", since);
	db_bind_text(ft, st, ":until", until);
	if (db_step(ft, st) == DB_ROW)
		*narrow = db_col_int(st, 0) <= NARROW_RANGE;
	else
		rc = FT_DBERR;
	db_release(st);
	return rc;
}

/* Whether who, folded, is key (--who compares names as lookups do). */
static int same_who(struct ft *ft, const char *who, const char *key,
		    bool *same)
{
	char *folded = text_fold(who ? who : "");

	if (folded == NULL)
		return ft_fail(ft, FT_DBERR, "out of memory");
	*same = strcmp(folded, key) == 0;
	free(folded);
	return FT_OK;
}

int ft_history(struct ft *ft, const struct ft_history_filter *f,
	       enum ft_shape shape, ft_row_fn fn, void *arg)
{
	struct db_stmt *st = NULL;
	struct strbuf *sql = NULL;
	const char *const *names = NULL;
	char since[21], until[21], *who_key = NULL;
	struct changeset_json cj = {.id = 0};
	int64_t customer = 0, workload = 0;
	const char *heads[5], *values[12];
	int ncol, rc = FT_OK, step = DB_DONE;
	bool lang = false, narrow = false;

	if (f->customer != NULL)
		rc = lookup_id(ft, LOOKUP_CUSTOMER, f->customer, &customer, NULL);
	if (rc == FT_OK && f->workload != NULL)
		rc = lookup_id(ft, LOOKUP_WORKLOAD, f->workload, &workload, NULL);
	if (rc == FT_OK && f->since != NULL)
		rc = lookup_time_bound(ft, "--since", f->since, false, since);
	if (rc == FT_OK && f->until != NULL)
		rc = lookup_time_bound(ft, "--until", f->until, true, until);
	if (rc == FT_OK && (f->since || f->until))
		rc = range_is_narrow(ft, f->since ? since : TIME_FIRST,
				     f->until ? until : TIME_LAST, &narrow);
	if (rc == FT_OK && f->who != NULL && (who_key = text_fold(f->who)) == NULL)
		rc = ft_fail(ft, FT_DBERR, "out of memory");
	if (rc != FT_OK)
		return rc;

	sql = strbuf_new();
	switch (shape) {
	case FT_SHAPE_SUMMARY:
		strbuf_add(sql, SUMMARY_COLS);
		texts_names(ft, SUMMARY_HEADS, 3, heads);
		names = heads;
		ncol = 3;
		lang = true;
		break;
	case FT_SHAPE_CSV:
	case FT_SHAPE_JSON:
		strbuf_add(sql, CSV_COLS);
		names = CSV_NAMES;
		ncol = 11;
		break;
	case FT_SHAPE_FIELDS:
		strbuf_add(sql, FIELDS_COLS);
		names = FIELDS_NAMES;
		ncol = 12;
		break;
	case FT_SHAPE_CHANGES:
		strbuf_add(sql, CHANGES_COLS);
		texts_names(ft, CHANGES_HEADS, 5, heads);
		names = heads;
		ncol = 5;
		break;
	default:
		strbuf_add(sql, TABLE_COLS);
		texts_names(ft, TABLE_HEADS, 5, heads);
		names = heads;
		ncol = 5;
		lang = true;
		break;
	}
	/* --who is compared in C, on this column after the shown ones */
	if (f->who)
		strbuf_add(sql, ", cs.who");
	if (shape == FT_SHAPE_JSON)
		strbuf_add(sql, JSON_CHANGES);
	if (shape == FT_SHAPE_CSV || shape == FT_SHAPE_JSON ||
	    shape == FT_SHAPE_FIELDS)
		strbuf_add(sql, NAMED_FROM);
	else
		strbuf_add(sql, " FROM changeset cs");
	if (shape == FT_SHAPE_FIELDS || shape == FT_SHAPE_CHANGES)
		strbuf_add(sql, " JOIN change ch ON "
				      "ch.changeset_id = cs.id");
	else if (shape == FT_SHAPE_JSON)
		strbuf_add(sql, " LEFT JOIN change ch ON "
				      "ch.changeset_id = cs.id");
	strbuf_add(sql, " WHERE true");
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
	/* A narrow time range is read from changeset_at, then put in id
	 * order. Both bounds are always given (an open one as the first or
	 * last time an ISO 8601 date can say): with one, SQLite, which has no
	 * statistics, guesses a quarter of the table and scans it all. A wide
	 * one is compared where no index can serve it (IS TRUE), so that
	 * neither engine sorts it: read in id order, as without a range. */
	if (narrow)
		strbuf_add(sql, " AND cs.at >= :since AND cs.at <= :until");
	else if (f->since || f->until)
		strbuf_add(sql, " AND (cs.at >= :since AND cs.at <= :until) "
				"IS TRUE");
	strbuf_add(sql, shape == FT_SHAPE_FIELDS ||
			      shape == FT_SHAPE_CHANGES || shape == FT_SHAPE_JSON
			      ? " ORDER BY cs.id DESC, ch.id"
			      : " ORDER BY cs.id DESC");
	if (strbuf_failed(sql))
		rc = ft_fail(ft, FT_DBERR, "out of memory");
	if (rc == FT_OK)
		rc = db_prepare_text(ft, &st, strbuf_value(sql));
	free(strbuf_finish(sql));
	if (rc != FT_OK)
		goto done;
	if (lang)
		db_bind_text(ft, st, ":lang", ft_lang_code(ft));
	if (customer)
		db_bind_int(ft, st, ":customer", customer);
	if (f->id)
		db_bind_int(ft, st, ":id", f->id);
	if (workload)
		db_bind_int(ft, st, ":workload", workload);
	if (f->since || f->until) {
		db_bind_text(ft, st, ":since", f->since ? since : TIME_FIRST);
		db_bind_text(ft, st, ":until", f->until ? until : TIME_LAST);
	}
	while (rc == FT_OK && (step = db_step(ft, st)) == DB_ROW) {
		bool same = true;

		if (who_key != NULL &&
		    ((rc = same_who(ft, db_col_text(st, ncol), who_key,
				    &same)) != FT_OK || !same))
			continue;
		if (shape == FT_SHAPE_JSON) {
			rc = changeset_json_row(ft, st, ncol + (f->who ? 1 : 0),
						&cj, fn, arg);
			continue;
		}
		for (int i = 0; i < ncol; i++)
			values[i] = db_col_text(st, i);
		rc = fn(arg, ncol, names, values);
	}
	if (rc == FT_OK && step < 0)
		rc = FT_DBERR;
	if (rc == FT_OK)
		rc = changeset_json_end(ft, &cj, fn, arg);
	free(strbuf_finish(cj.out));
	db_release(st);
done:
	free(who_key);
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
