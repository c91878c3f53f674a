/* ftrack verify: SQLite's own checks, the hash chain, and a replay of the
 * audit history against every record: the last value the audit gives each
 * field must be the value the record holds. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "no_intent_summary.h"
#include "seal.h"
#include "strbuf.h"
#include "dialect.h"
#include "driver.h"
#include "ftrack/integrity.h"
#include "ftrack/text.h"

/* For each kind of record: its fields' current values as text, one row per
 * (record, field), beside the last value the audit recorded for that field
 * (NULL when never); the first row where they differ. Workloads seeded by
 * the migrations have no audit of their own and are not replayed.
 *
 * Each query is written once for two scopes: every record (SCOPE_ALL), or
 * only those the change sets after :after touched (SCOPE_SINCE, verify
 * --since), found through the change_changeset index; the same checks. */
#define ALL_TOUCHED(entity, table) ""
#define ALL_IN ""
#define ALL_WHERE(id) ""
#define ALL_AND(id) ""
/* what the change sets after :after touched, and the records beyond every
 * id the audit names (:beyond_<entity>, added behind ftrack's back),
 * through indexes: the change rows by change set (entity || '' keeps
 * SQLite's planner, which has no statistics, from reading every change of
 * the entity through change_entity instead) */
#define SINCE_TOUCHED_CTE(entity, table) "touched(id) AS (SELECT " \
	"entity_id FROM change WHERE changeset_id > :after AND entity || '' = '" \
	entity "' UNION SELECT id FROM " table " WHERE id > :beyond_" entity ")"
#define SINCE_TOUCHED(entity, table) SINCE_TOUCHED_CTE(entity, table) ", "
#define SINCE_IN " AND entity_id IN (SELECT id FROM touched)"
#define SINCE_WHERE(id) " WHERE " id " IN (SELECT id FROM touched)"
#define SINCE_AND(id) " AND " id " IN (SELECT id FROM touched)"

/* The last change of each (record, field) of an entity, as "last", all
 * grouped at once; since a digest, each touched record's looked up by
 * change_entity instead, one index descent a record and field on either
 * engine (grouping made PostgreSQL read the whole change table, and a
 * "last" of the touched records alone was re-read for every row). */
#define ALL_LAST_CHANGE(entity, table) "last AS (SELECT " \
	"ch.entity_id, ch.field, ch.new_value FROM change ch JOIN (SELECT " \
	"max(id) AS id FROM change WHERE entity = '" entity "'" \
	" GROUP BY entity_id, field) m ON m.id = ch.id)"
#define SINCE_LAST_CHANGE(entity, table) SINCE_TOUCHED_CTE(entity, table)
#define LAST_CHANGE(S, entity, table) S##_LAST_CHANGE(entity, table)
/* The last value of field of record id of an entity, by change_entity. */
#define LAST_VALUE(entity, id, field) "(SELECT c.new_value FROM change c " \
	"WHERE c.entity = '" entity "' AND c.entity_id = " id " AND " \
	"c.field = " field " ORDER BY c.id DESC LIMIT 1)"
/* The rows of "cur" whose value is not the last the audit gives it
 * (pre and post around it: the user's 'active' reads none as '1'). */
#define ALL_COMPARE(entity, pre, post) "SELECT '" entity "', cur.id, " \
	"cur.field, cur.value, " pre "last.new_value" post " FROM cur LEFT " \
	"JOIN last ON last.entity_id = cur.id AND last.field = cur.field " \
	"WHERE cur.value IS DISTINCT FROM " pre "last.new_value" post \
	" ORDER BY cur.id"
#define SINCE_COMPARE(entity, pre, post) "SELECT '" entity "', id, field, " \
	"value, " pre "was" post " FROM (SELECT cur.id, cur.field, cur.value, " \
	LAST_VALUE(entity, "cur.id", "cur.field") " AS was FROM cur) r " \
	"WHERE value IS DISTINCT FROM " pre "was" post " ORDER BY id"
/* A user's workload (the seeded ones are the migrations'), compared byte
 * for byte: its name column folds case (w.name || '' drops SQLite's
 * NOCASE). */
#define ALL_WORKLOAD "WITH " ALL_LAST_CHANGE("workload", "workload") " " \
	"SELECT 'workload', w.id, 'name', w.name, last.new_value FROM workload " \
	"w JOIN last ON last.entity_id = w.id AND last.field = 'name' " \
	"WHERE w.name || '' IS DISTINCT FROM last.new_value"
#define SINCE_WORKLOAD "WITH " SINCE_TOUCHED_CTE("workload", "workload") " " \
	"SELECT 'workload', id, 'name', name, was FROM (SELECT w.id, w.name, " \
	LAST_VALUE("workload", "w.id", "'name'") " AS was FROM workload w " \
	"WHERE w.id IN (SELECT id FROM touched) AND EXISTS (SELECT 1 FROM " \
	"change WHERE entity = 'workload' AND entity_id = w.id AND field = " \
	"'name')) r WHERE name || '' IS DISTINCT FROM was"
#define REPLAY_QUERIES(S) \
	"WITH " LAST_CHANGE(S, "customer", "customer") ", " \
	"f(field) AS (VALUES ('name'), ('tenant'), ('managed'), ('phase'), " \
	" ('delivery_fm')), " \
	"cur AS (SELECT c.id, f.field, CASE f.field WHEN 'name' THEN c.name " \
	" WHEN 'tenant' THEN c.tenant WHEN 'managed' THEN " \
	" CAST(c.managed AS TEXT) WHEN 'phase' THEN c.phase " \
	" WHEN 'delivery_fm' THEN u.name END AS value FROM customer c " \
	" LEFT JOIN app_user u ON u.id = c.delivery_fm, f" S##_WHERE("c.id") ") " \
	S##_COMPARE("customer", "", ""), \
	\
	"WITH " LAST_CHANGE(S, "user", "app_user") ", " \
	"f(field) AS (VALUES ('name'), ('role'), ('active'), ('email')), " \
	/* active is audited once it changes: none means still active; an \
	 * e-mail address once set */ \
	"cur AS (SELECT u.id, f.field, CASE f.field WHEN 'name' THEN u.name " \
	" WHEN 'role' THEN u.role WHEN 'active' THEN CASE u.active WHEN 0 " \
	" THEN '0' END WHEN 'email' THEN u.email END AS value " \
	" FROM app_user u, f" S##_WHERE("u.id") ") " \
	S##_COMPARE("user", "nullif(", ", '1')"), \
	\
	"WITH " LAST_CHANGE(S, "subscription", "subscription") ", " \
	"f(field) AS (VALUES ('code'), ('customer')), " \
	"cur AS (SELECT s.id, f.field, CASE f.field WHEN 'code' THEN s.code " \
	" WHEN 'customer' THEN c.name END AS value FROM subscription s " \
	" JOIN customer c ON c.id = s.customer_id, f" S##_WHERE("s.id") ") " \
	S##_COMPARE("subscription", "", ""), \
	\
	S##_WORKLOAD, \
	\
	"WITH " S##_TOUCHED("declaration", "declaration") "x AS (SELECT 1) " \
	"SELECT 'declaration', d.id, 'declared', d.declared, ch.new_value " \
	"FROM declaration d LEFT JOIN change ch ON ch.entity = 'declaration' " \
	"AND ch.entity_id = d.id AND ch.field = 'declared' " \
	"WHERE d.declared IS DISTINCT FROM ch.new_value" S##_AND("d.id")

/* A declaration's when, who, role and customer must be its change set's;
 * `and` narrows the declarations read. */
#define DECLARATION_MADE(and) \
	"SELECT 'declaration', d.id, CASE WHEN d.at IS DISTINCT FROM cs.at THEN 'at' " \
	" WHEN d.who IS DISTINCT FROM cs.who THEN 'who' WHEN d.role IS DISTINCT FROM cs.role " \
	" THEN 'role' ELSE 'customer' END, CASE WHEN d.at IS DISTINCT FROM cs.at " \
	" THEN d.at WHEN d.who IS DISTINCT FROM cs.who THEN d.who WHEN d.role IS DISTINCT FROM " \
	" cs.role THEN d.role ELSE CAST(d.customer_id AS TEXT) END, " \
	" CASE WHEN d.at IS DISTINCT FROM cs.at THEN cs.at WHEN d.who IS DISTINCT FROM cs.who " \
	" THEN cs.who WHEN d.role IS DISTINCT FROM cs.role THEN cs.role " \
	" ELSE CAST(cs.customer_id AS TEXT) END " \
	"FROM declaration d LEFT JOIN changeset cs ON cs.id = d.changeset_id " \
	"WHERE (d.at IS DISTINCT FROM cs.at OR d.who IS DISTINCT FROM cs.who OR d.role IS DISTINCT FROM " \
	"cs.role OR d.customer_id IS DISTINCT FROM cs.customer_id)" and

/* The key field of each kind of record, and the first record whose last
 * key change (in "last") did not remove it but that is not there. */
#define GONE_KEYS_BUT_ENTITLEMENT "key(entity, field) AS (VALUES " \
	"('customer', 'name'), ('user', 'name'), ('workload', 'name'), " \
	"('subscription', 'code'), ('declaration', 'declared')"
#define GONE_KEYS GONE_KEYS_BUT_ENTITLEMENT ", ('entitlement', 'subscription'))"
#define GONE_TAIL \
	"SELECT ch.entity, ch.entity_id, ch.field, NULL, ch.new_value " \
	"FROM last ch WHERE ch.new_value IS NOT NULL AND " \
	"NOT EXISTS (SELECT 1 FROM entitlement WHERE " \
	"ch.entity = 'entitlement' AND id = ch.entity_id UNION ALL SELECT 1 " \
	"FROM customer WHERE ch.entity = 'customer' AND id = ch.entity_id " \
	"UNION ALL SELECT 1 FROM app_user WHERE ch.entity = 'user' AND " \
	"id = ch.entity_id UNION ALL SELECT 1 FROM subscription WHERE " \
	"ch.entity = 'subscription' AND id = ch.entity_id UNION ALL SELECT 1 " \
	"FROM workload WHERE ch.entity = 'workload' AND id = ch.entity_id " \
	"UNION ALL SELECT 1 FROM declaration WHERE ch.entity = 'declaration' " \
	"AND id = ch.entity_id)"

/* (every entitlement's fields, and who changed each last: replayed in C,
 * entitlement_fields()) */
static const char *const REPLAY_SQL[] = {
	REPLAY_QUERIES(ALL),

	/* when a record was made: the change set that made it, the first
	 * of its key field's, each record's by change_entity (not the whole
	 * change table grouped) */
	"WITH cur AS (SELECT 'customer' AS entity, 'name' AS field, id, "
	" created_at FROM customer "
	" UNION ALL SELECT 'user', 'name', id, created_at FROM app_user "
	" UNION ALL SELECT 'subscription', 'code', id, created_at FROM "
	" subscription "
	" UNION ALL SELECT 'workload', 'name', w.id, w.created_at FROM "
	" workload w WHERE EXISTS (SELECT 1 FROM change WHERE entity = "
	" 'workload' AND entity_id = w.id)) "
	"SELECT cur.entity, cur.id, 'created_at', cur.created_at, cs.at "
	"FROM cur LEFT JOIN changeset cs ON cs.id = (SELECT "
	" min(changeset_id) FROM change WHERE entity = cur.entity AND "
	" entity_id = cur.id AND field = cur.field) "
	"WHERE cur.created_at IS DISTINCT FROM cs.at",

	/* a declaration's when, who, role and customer: its change set's
	 * (what "Since" and "Declared by" show, sealed with it) */
	DECLARATION_MADE(""),

	/* a record the audit speaks of that is no longer there, unless its
	 * last change removed it (its key field's new value none); an
	 * entitlement's, by entitlement_fields() */
	"WITH " GONE_KEYS_BUT_ENTITLEMENT "), "
	"last AS (SELECT ch.entity, ch.entity_id, ch.field, "
	" ch.new_value "
	" FROM change ch JOIN (SELECT max(c.id) AS id FROM change c JOIN key "
	" ON key.entity = c.entity AND key.field = c.field "
	" GROUP BY c.entity, c.entity_id) m ON m.id = ch.id) " GONE_TAIL,
};

/* Where replay() tells who changed an entitlement last: after the SQL of
 * REPLAY_QUERIES (the same count in either scope), where it stood among
 * them before entitlement_fields() checked it. */
#define REPLAY_UPDATED_AT \
	(sizeof (const char *const[]){REPLAY_QUERIES(ALL)} / sizeof (char *))

/* The same for the records the change sets after :after touched, and the
 * declarations they made (the touched entitlements' fields and who
 * changed each last: entitlement_fields(), over their ids). */
static const char *const REPLAY_SINCE_SQL[] = {
	REPLAY_QUERIES(SINCE),

	"WITH touched AS (SELECT DISTINCT entity || '' AS entity, entity_id "
	" AS id FROM change "
	" WHERE changeset_id > :after AND entity || '' IN ('customer', 'user', "
	" 'subscription', 'workload')), "
	"cur AS (SELECT 'customer' AS entity, c.id, c.created_at FROM customer c "
	" JOIN touched t ON t.entity = 'customer' AND t.id = c.id "
	" UNION ALL SELECT 'user', u.id, u.created_at FROM app_user u "
	" JOIN touched t ON t.entity = 'user' AND t.id = u.id "
	" UNION ALL SELECT 'subscription', s.id, s.created_at FROM subscription s "
	" JOIN touched t ON t.entity = 'subscription' AND t.id = s.id "
	" UNION ALL SELECT 'workload', w.id, w.created_at FROM workload w "
	" JOIN touched t ON t.entity = 'workload' AND t.id = w.id) "
	"SELECT cur.entity, cur.id, 'created_at', cur.created_at, cs.at "
	"FROM cur LEFT JOIN changeset cs ON cs.id = (SELECT min(changeset_id) "
	" FROM change WHERE entity = cur.entity AND entity_id = cur.id AND "
	" field = CASE cur.entity WHEN 'subscription' THEN 'code' "
	" ELSE 'name' END) "
	"WHERE cur.created_at IS DISTINCT FROM cs.at",

	/* (one IN of a UNION, not an OR, which PostgreSQL reads the
	 * declarations and change sets whole for) */
	DECLARATION_MADE(" AND d.id IN (SELECT id FROM declaration WHERE "
			 "changeset_id > :after UNION SELECT entity_id FROM "
			 "change WHERE changeset_id > :after AND entity || '' = "
			 "'declaration')"),

	/* each touched record's last key change, by change_entity */
	"WITH " GONE_KEYS ", "
	"touched AS (SELECT DISTINCT entity || '' AS entity, entity_id FROM "
	" change WHERE changeset_id > :after), "
	"last AS (SELECT t.entity, t.entity_id, key.field, (SELECT c.new_value "
	" FROM change c WHERE c.entity = t.entity AND c.entity_id = "
	" t.entity_id AND c.field = key.field ORDER BY c.id DESC LIMIT 1) "
	" AS new_value FROM touched t JOIN key ON key.entity = t.entity) "
	GONE_TAIL,
};

/* A record's id is never given to another (migration 0016): each table's
 * AUTOINCREMENT sequence must lie past every id its history names, else
 * the next record would inherit the history of a removed one. */
static int sequence_check(struct ft *ft)
{
	struct db_stmt *st = NULL;
	int rc = db_prepare(ft, &st, db_dialect(ft, SQL_SEQUENCE_BEHIND));

	if (rc != FT_OK)
		return rc;
	if (db_step(ft, st) == DB_ROW)
		rc = ft_fail(ft, FT_DBERR, "the id sequence of %s is behind its "
			     "history (id %lld is used): it was changed outside "
			     "ftrack", db_col_text(st, 0),
			     (long long)db_col_int(st, 1));
	db_release(st);
	return rc;
}

/* The kinds of record the audit speaks of, and the largest id the audit
 * names of each (bound as :beyond_<entity>: a number rather than a
 * subquery, which PostgreSQL's planner cannot estimate). */
static const char *const ENTITIES[] = {
	"entitlement", "customer", "user", "subscription", "workload",
	"declaration",
};
#define NENTITIES (sizeof ENTITIES / sizeof ENTITIES[0])

static int audited_ids(struct ft *ft, int64_t beyond[NENTITIES])
{
	struct db_stmt *st = NULL;
	int rc = db_prepare(ft, &st, "SELECT coalesce(max(entity_id), 0) FROM "
			    "change WHERE entity = :entity");

	for (size_t i = 0; rc == FT_OK && i < NENTITIES; i++) {
		db_release(st);
		db_bind_text(ft, st, ":entity", ENTITIES[i]);
		if (db_step(ft, st) == DB_ROW)
			beyond[i] = db_col_int(st, 0);
		else
			rc = FT_DBERR;
	}
	db_release(st);
	return rc;
}

static void bind_since(struct ft *ft, struct db_stmt *st, int64_t after,
		       const int64_t *beyond)
{
	char name[32];

	db_bind_int(ft, st, ":after", after);
	for (size_t i = 0; i < NENTITIES; i++) {
		snprintf(name, sizeof name, ":beyond_%s", ENTITIES[i]);
		if (db_has_param(st, name))
			db_bind_int(ft, st, name, beyond[i]);
	}
}

/* The keys names are looked up by: each the folded form of its name
 * (text_fold(), in C on every engine). Since a change set (after > 0):
 * only the records the change sets after it touched. */
#define KEYS(S, entity, table, key, name) \
	"WITH " S##_TOUCHED(entity, table) "x AS (SELECT 1) SELECT '" entity \
	"', id, '" key "', " key ", " name " FROM " table S##_WHERE("id") \
	" ORDER BY id"
#define KEYS_QUERIES(S) \
	KEYS(S, "customer", "customer", "name_key", "name"), \
	KEYS(S, "customer", "customer", "tenant_key", "tenant"), \
	KEYS(S, "user", "app_user", "name_key", "name"), \
	KEYS(S, "workload", "workload", "name_key", "name"), \
	KEYS(S, "subscription", "subscription", "code_key", "code")
static int keys_check(struct ft *ft, int64_t after, const int64_t *beyond)
{
	static const char *const KEYS_SQL[2][5] = {
		{KEYS_QUERIES(ALL)}, {KEYS_QUERIES(SINCE)},
	};
	int rc = FT_OK;

	for (size_t i = 0; rc == FT_OK && i < 5; i++) {
		struct db_stmt *st = NULL;
		int step;

		if ((rc = db_prepare(ft, &st, KEYS_SQL[after != 0][i])) != FT_OK)
			break;
		if (after)
			bind_since(ft, st, after, beyond);
		while ((step = db_step(ft, st)) == DB_ROW) {
			const char *key = db_col_text(st, 3);
			const char *name = db_col_text(st, 4);
			char *want = name ? text_fold(name) : NULL;

			if (name != NULL && want == NULL) {
				rc = ft_fail(ft, FT_DBERR, "out of memory");
				break;
			}
			if ((key == NULL) != (want == NULL) ||
			    (key != NULL && strcmp(key, want) != 0))
				rc = ft_fail(ft, FT_DBERR, "%s %lld does not match "
					     "its audit history: %s is %s%s%s "
					     "where the history says %s%s%s",
					     db_col_text(st, 0),
					     (long long)db_col_int(st, 1),
					     db_col_text(st, 2), key ? "'" : "",
					     key ? key : "nothing", key ? "'" : "",
					     want ? "'" : "", want ? want
					     : "nothing", want ? "'" : "");
			free(want);
			if (rc != FT_OK)
				break;
		}
		if (rc == FT_OK && step < 0)
			rc = FT_DBERR;
		db_release(st);
	}
	return rc;
}

/* Every entitlement's fields against the last value the audit gives each,
 * as one ordered merge: the records of a slice of ids (SLICE of them, read
 * whole), beside their change rows read in (entity_id, field, id) order
 * through change_entity; the last row of a (record, field) is its last
 * value. Memory: one slice, whatever the size; nothing materialised or
 * sorted by the engine. The fields in the order the SQL replay names
 * them (the first that differs is the one told). */
static const char *const ENTITLEMENT_FIELD_NAMES[] = {
	"subscription", "workload", "l1", "l2", "l3", "service_status",
	"engagement_scenario", "target_date", "owner", "notes",
	"next_action_date", "next_action", "scenario", "declaration",
};
#define NFIELDS (sizeof ENTITLEMENT_FIELD_NAMES / \
		 sizeof ENTITLEMENT_FIELD_NAMES[0])
#define SLICE 2048
#define SLICE_TEXT "2048"	/* SLICE, in the SQL */

/* Who changed an entitlement last, and when: its updated_by,
 * updated_role and updated_at, beside the who, role and at of the change
 * set of its last change (the largest change set id among its changes). */
static const char *const UPDATED_FIELD_NAMES[] = {
	"updated_by", "updated_role", "updated_at",
};
#define NUPDATED 3

struct slice_record {
	int64_t id;
	char *value[NFIELDS];	/* the record's */
	char *last[NFIELDS];	/* the audit's last, NULL when none */
	int64_t last_cs;	/* its last change's change set, 0: none */
	char *updated[NUPDATED];	/* the record's */
	char *was[NUPDATED];	/* last_cs's who, role, at; NULL: none */
};

static void slice_free(struct slice_record *rec, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		for (size_t f = 0; f < NFIELDS; f++) {
			free(rec[i].value[f]);
			free(rec[i].last[f]);
		}
		for (size_t f = 0; f < NUPDATED; f++) {
			free(rec[i].updated[f]);
			free(rec[i].was[f]);
		}
	}
}

/* The first entitlement, by id, whose updated_* is not its last change
 * set's: found by entitlement_fields(), told by replay() where the SQL
 * that checked it stood (after the other records' fields). id 0: none. */
struct updated_differs {
	int64_t id;
	const char *field;
	char *is, *was;
};

static bool same_text(const char *a, const char *b)
{
	return a == NULL ? b == NULL : b != NULL && strcmp(a, b) == 0;
}

static char *dup_or_null(const char *text, bool *oom)
{
	char *copy = text ? strdup(text) : NULL;

	if (text != NULL && copy == NULL)
		*oom = true;
	return copy;
}

/* ids as a JSON array, bound as :ids (SQL_IDS_LISTED, SQL_CHANGESETS_LISTED) */
static char *json_ids(const int64_t *ids, size_t n)
{
	struct strbuf *list = strbuf_new();

	strbuf_add(list, "[");
	for (size_t i = 0; i < n; i++)
		strbuf_addf(list, "%s%lld", i ? "," : "", (long long)ids[i]);
	strbuf_add(list, "]");
	return strbuf_finish(list);
}

/* The change sets of a slice's last changes, read by one statement (a
 * list of their ids: one statement a slice rather than one a record);
 * the first record of the slice that differs from its, in *first. */
static int updated_check(struct ft *ft, struct slice_record *rec, size_t n,
			 struct updated_differs *first, bool *oom)
{
	struct db_stmt *st = NULL;
	int64_t cs[SLICE];
	char *ids;
	int step, rc;

	for (size_t i = 0; i < n; i++)
		cs[i] = rec[i].last_cs;
	if ((ids = json_ids(cs, n)) == NULL) {
		*oom = true;
		return FT_OK;
	}
	rc = db_prepare(ft, &st, db_dialect(ft, SQL_CHANGESETS_LISTED));
	if (rc == FT_OK) {
		db_bind_text(ft, st, ":ids", ids);
		while ((step = db_step(ft, st)) == DB_ROW) {
			int64_t i = db_col_int(st, 0);

			if (i < 0 || (size_t)i >= n || rec[i].last_cs == 0)
				continue;
			for (size_t f = 0; f < NUPDATED; f++) {
				free(rec[i].was[f]);
				rec[i].was[f] = dup_or_null(db_col_text(st,
							    1 + (int)f), oom);
			}
		}
		if (step < 0)
			rc = FT_DBERR;
		db_release(st);
	}
	free(ids);
	for (size_t i = 0; rc == FT_OK && !*oom && i < n; i++)
		for (size_t f = 0; f < NUPDATED; f++) {
			if (same_text(rec[i].updated[f], rec[i].was[f]))
				continue;
			first->id = rec[i].id;
			first->field = UPDATED_FIELD_NAMES[f];
			first->is = dup_or_null(rec[i].updated[f], oom);
			first->was = dup_or_null(rec[i].was[f], oom);
			return rc;
		}
	return rc;
}

/* An entitlement the audit speaks of that is not there: its last
 * 'subscription' (its key) did not remove it. */
static int gone(struct ft *ft, int64_t id, const char *key)
{
	return ft_fail(ft, FT_DBERR, "entitlement %lld does not match its audit "
		       "history: subscription is nothing where the history says "
		       "'%s'", (long long)id, key);
}

/* An entitlement's fields and who changed it last, and its change rows
 * in the merge's order, each read by a slice: the WHERE clauses below. */
#define ENTITLEMENT_RECORDS "SELECT e.id, s.code, w.name, e.l1, e.l2, " \
	"e.l3, e.service_status, e.engagement_scenario, e.target_date, " \
	"e.owner, e.notes, e.next_action_date, e.next_action, " \
	"CAST(e.scenario AS TEXT), CAST(e.declaration_id AS TEXT), " \
	"e.updated_by, e.updated_role, e.updated_at FROM entitlement e " \
	"JOIN subscription s ON s.id = e.subscription_id " \
	"JOIN workload w ON w.id = e.workload_id "
#define ENTITLEMENT_CHANGES "SELECT entity_id, field, new_value, " \
	"changeset_id FROM change WHERE entity = 'entitlement' AND "

/* The entitlements the change sets after :after touched, and those past
 * every id the audit names, in id order: a --since's slices. */
static int touched_entitlements(struct ft *ft, int64_t after,
				const int64_t *beyond, int64_t **ids,
				size_t *n)
{
	struct db_stmt *st = NULL;
	size_t cap = 0;
	int step, rc = db_prepare(ft, &st, "WITH " SINCE_TOUCHED_CTE(
		"entitlement", "entitlement") " SELECT id FROM touched "
		"ORDER BY id");

	*ids = NULL;
	*n = 0;
	if (rc != FT_OK)
		return rc;
	bind_since(ft, st, after, beyond);
	while ((step = db_step(ft, st)) == DB_ROW) {
		if (*n == cap) {
			int64_t *more = realloc(*ids, (cap = cap ? 2 * cap
						       : SLICE) * sizeof *more);

			if (more == NULL) {
				rc = ft_fail(ft, FT_DBERR, "out of memory");
				break;
			}
			*ids = more;
		}
		(*ids)[(*n)++] = db_col_int(st, 0);
	}
	if (rc == FT_OK && step < 0)
		rc = FT_DBERR;
	db_release(st);
	return rc;
}

/* Prepares head, the ids :ids lists in parentheses (the dialect's
 * subquery), then tail. */
static int prepare_listed(struct ft *ft, struct db_stmt **st,
			  const char *head, const char *tail)
{
	char *sql = str_printf("%s(%s) %s", head,
			       db_dialect(ft, SQL_IDS_LISTED), tail);
	int rc = sql ? db_prepare_text(ft, st, sql)
		     : ft_fail(ft, FT_DBERR, "out of memory");

	free(sql);
	return rc;
}

/* Every entitlement (after 0), by slices of ids; or, since a change set,
 * the ones the change sets after it touched (touched_entitlements()), a
 * slice of that list at a time bound as :ids (SQL_IDS_LISTED: an index
 * descent a record on either engine). */
static int entitlement_fields(struct ft *ft, int64_t since,
			      const int64_t *beyond,
			      struct updated_differs *first)
{
	struct db_stmt *rec_st = NULL, *ch_st = NULL;
	struct slice_record *rec = calloc(SLICE, sizeof *rec);
	int64_t after = 0, gone_id = 0, *touched = NULL;
	size_t ntouched = 0, next = 0;
	char *gone_key = NULL;	/* the last key of gone_id, not a record */
	char *ids = NULL;	/* a since slice's, as :ids */
	bool oom = rec == NULL, done = false;
	int rc = oom ? ft_fail(ft, FT_DBERR, "out of memory") : FT_OK;

	if (rc == FT_OK && since == 0) {
		rc = db_prepare(ft, &rec_st, ENTITLEMENT_RECORDS
			"WHERE e.id > :after ORDER BY e.id LIMIT " SLICE_TEXT);
		/* (a range of change_entity: to the slice's last record, or
		 * on to the end after the last slice) */
		if (rc == FT_OK)
			rc = db_prepare(ft, &ch_st, ENTITLEMENT_CHANGES
				"entity_id > :after AND entity_id <= :last "
				"ORDER BY entity_id, field, id");
	} else if (rc == FT_OK) {
		rc = touched_entitlements(ft, since, beyond, &touched,
					  &ntouched);
		done = ntouched == 0;
		if (rc == FT_OK && !done)
			rc = prepare_listed(ft, &rec_st, ENTITLEMENT_RECORDS
					    "WHERE e.id IN ", "ORDER BY e.id");
		if (rc == FT_OK && !done)
			rc = prepare_listed(ft, &ch_st, ENTITLEMENT_CHANGES
					    "entity_id IN ",
					    "ORDER BY entity_id, field, id");
	}
	while (rc == FT_OK && !done) {
		size_t n = 0, at = 0;
		int step = DB_DONE;

		/* the records of the slice, whole */
		db_release(rec_st);
		if (touched != NULL) {
			size_t take = ntouched - next < SLICE ? ntouched - next
							      : SLICE;

			free(ids);
			if ((ids = json_ids(touched + next, take)) == NULL) {
				oom = true;
				break;
			}
			next += take;
			db_bind_text(ft, rec_st, ":ids", ids);
		} else {
			db_bind_int(ft, rec_st, ":after", after);
		}
		while (!oom && (step = db_step(ft, rec_st)) == DB_ROW) {
			rec[n].id = db_col_int(rec_st, 0);
			for (size_t f = 0; f < NFIELDS; f++)
				rec[n].value[f] = dup_or_null(
					db_col_text(rec_st, 1 + (int)f), &oom);
			for (size_t f = 0; f < NUPDATED; f++)
				rec[n].updated[f] = dup_or_null(db_col_text(
					rec_st, 1 + NFIELDS + (int)f), &oom);
			n++;
		}
		db_release(rec_st);
		if (!oom && step < 0)
			rc = FT_DBERR;
		if (rc != FT_OK || oom)
			break;
		/* their change rows, in order: the last of each field wins;
		 * a record's that is not there, to the end after the last
		 * (since: those of the slice's ids) */
		db_release(ch_st);
		if (touched != NULL) {
			done = next == ntouched;
			db_bind_text(ft, ch_st, ":ids", ids);
		} else {
			done = n < SLICE;
			db_bind_int(ft, ch_st, ":after", after);
			db_bind_int(ft, ch_st, ":last", done ? INT64_MAX
							    : rec[n - 1].id);
		}
		while (rc == FT_OK && !oom &&
		       (step = db_step(ft, ch_st)) == DB_ROW) {
			int64_t id = db_col_int(ch_st, 0);
			const char *field = db_col_text(ch_st, 1);
			size_t f = 0;

			if (gone_id != 0 && id != gone_id && gone_key != NULL)
				rc = gone(ft, gone_id, gone_key);
			if (id != gone_id) {
				free(gone_key);
				gone_key = NULL;
				gone_id = 0;
			}
			while (at < n && rec[at].id < id)
				at++;
			if (at == n || rec[at].id != id) {
				if (strcmp(field, "subscription") == 0) {
					gone_id = id;
					free(gone_key);
					gone_key = dup_or_null(db_col_text(ch_st,
									   2),
							       &oom);
				}
				continue;
			}
			if (db_col_int(ch_st, 3) > rec[at].last_cs)
				rec[at].last_cs = db_col_int(ch_st, 3);
			while (f < NFIELDS && strcmp(field,
						     ENTITLEMENT_FIELD_NAMES[f]))
				f++;
			if (f == NFIELDS)
				continue;
			free(rec[at].last[f]);
			rec[at].last[f] = dup_or_null(db_col_text(ch_st, 2),
						      &oom);
		}
		db_release(ch_st);
		if (rc == FT_OK && !oom && step < 0)
			rc = FT_DBERR;
		/* a gone record's rows end with the slice's */
		if (rc == FT_OK && gone_id != 0 && gone_key != NULL)
			rc = gone(ft, gone_id, gone_key);
		free(gone_key);
		gone_key = NULL;
		gone_id = 0;
		for (size_t i = 0; rc == FT_OK && !oom && i < n; i++)
			for (size_t f = 0; rc == FT_OK && f < NFIELDS; f++) {
				const char *is = rec[i].value[f];
				const char *was = rec[i].last[f];

				if (same_text(is, was))
					continue;
				rc = ft_fail(ft, FT_DBERR, "entitlement %lld does "
					     "not match its audit history: %s is "
					     "%s%s%s where the history says %s%s%s",
					     (long long)rec[i].id,
					     ENTITLEMENT_FIELD_NAMES[f],
					     is ? "'" : "", is ? is : "nothing",
					     is ? "'" : "", was ? "'" : "",
					     was ? was : "nothing", was ? "'" : "");
			}
		if (rc == FT_OK && !oom && n > 0 && first->id == 0)
			rc = updated_check(ft, rec, n, first, &oom);
		if (n > 0)
			after = rec[n - 1].id;
		slice_free(rec, n);
		memset(rec, 0, SLICE * sizeof *rec);
	}
	if (oom && rc == FT_OK)
		rc = ft_fail(ft, FT_DBERR, "out of memory");
	if (rec != NULL)
		slice_free(rec, SLICE);
	free(rec);
	free(gone_key);
	free(touched);
	free(ids);
	db_release(rec_st);
	db_release(ch_st);
	return rc;
}

/* Replays the audit against the records: all of them (after 0), or those
 * the change sets after `after` touched. *records: how many records. */
static int replay(struct ft *ft, int64_t after, int64_t *records)
{
	const char *const *sql = after ? REPLAY_SINCE_SQL : REPLAY_SQL;
	size_t n = after ? sizeof REPLAY_SINCE_SQL / sizeof REPLAY_SINCE_SQL[0]
			 : sizeof REPLAY_SQL / sizeof REPLAY_SQL[0];
	int64_t beyond[NENTITIES] = {0};
	struct updated_differs updated = {0};
	int rc = after ? audited_ids(ft, beyond) : FT_OK;

	if (rc == FT_OK)
		rc = entitlement_fields(ft, after, beyond, &updated);

	for (size_t i = 0; rc == FT_OK && i < n; i++) {
		struct db_stmt *st = NULL;
		int step;

		if (i == REPLAY_UPDATED_AT && updated.id != 0) {
			const char *is = updated.is, *was = updated.was;

			rc = ft_fail(ft, FT_DBERR, "entitlement %lld does not "
				     "match its audit history: %s is %s%s%s where "
				     "the history says %s%s%s",
				     (long long)updated.id, updated.field,
				     is ? "'" : "", is ? is : "nothing",
				     is ? "'" : "", was ? "'" : "",
				     was ? was : "nothing", was ? "'" : "");
			break;
		}
		if ((rc = db_prepare(ft, &st, sql[i])) != FT_OK)
			break;
		if (after)
			bind_since(ft, st, after, beyond);
		step = db_step(ft, st);
		if (step == DB_ROW) {
			const char *is = db_col_text(st, 3), *was = db_col_text(st, 4);

			rc = ft_fail(ft, FT_DBERR, "%s %lld does not match its "
				     "audit history: %s is %s%s%s where the history "
				     "says %s%s%s", db_col_text(st, 0),
				     (long long)db_col_int(st, 1),
				     db_col_text(st, 2), is ? "'" : "",
				     is ? is : "nothing", is ? "'" : "",
				     was ? "'" : "", was ? was : "nothing",
				     was ? "'" : "");
		} else if (step < 0) {
			rc = FT_DBERR;
		}
		db_release(st);
	}
	if (rc == FT_OK)
		rc = keys_check(ft, after, beyond);
	if (rc == FT_OK) {
		struct db_stmt *st = NULL;

		rc = db_prepare(ft, &st, after ? "SELECT count(*) FROM (SELECT "
				"DISTINCT entity || '', entity_id FROM change WHERE "
				"changeset_id > :after AND entity || '' IN ('entitlement', "
				"'customer', 'user', 'subscription')) t"
				: "SELECT (SELECT count(*) FROM "
				"entitlement) + (SELECT count(*) FROM customer) + "
				"(SELECT count(*) FROM app_user) + (SELECT "
				"count(*) FROM subscription)");
		if (rc == FT_OK && after)
			db_bind_int(ft, st, ":after", after);
		if (rc == FT_OK && db_step(ft, st) == DB_ROW)
			*records = db_col_int(st, 0);
		db_release(st);
	}
	free(updated.is);
	free(updated.was);
	return rc;
}

static void hex(const unsigned char *in, size_t n, char *out)
{
	for (size_t i = 0; i < n; i++)
		snprintf(out + 2 * i, 3, "%02x", in[i]);
}

/* A digest line: "TIME N change sets sha256:HEX", or the older
 * "changeset ID sha256:HEX". The chain it covers ends at change set *last
 * (the N-th by id, or ID); *count is N (0 for the older form). */
static int parse_digest(struct ft *ft, const char *line, int64_t *last,
			int64_t *count, char want[2 * SEAL_BYTES + 1],
			bool lookup)
{
	struct db_stmt *st = NULL;
	char when[21];
	long long n = 0;
	int used = 0, rc = FT_OK;

	*last = *count = 0;
	if (sscanf(line, "%20[0-9T:Z-] %lld change sets sha256:%64[0-9a-f]%n",
		   when, &n, want, &used) == 3 && line[used] == '\0' &&
	    strlen(want) == 64 && n > 0) {
		*count = n;
	} else if (sscanf(line, "changeset %lld sha256:%64[0-9a-f]%n", &n, want,
			  &used) == 2 && line[used] == '\0' &&
		   strlen(want) == 64 && n > 0) {
		*last = n;
		return FT_OK;
	} else {
		return ft_fail(ft, FT_REFUSED, "invalid digest '%.120s' (expected "
			       "a line from 'ftrack digest': TIME N change sets "
			       "sha256:HEX)", line);
	}
	if (!lookup)
		return FT_OK;
	rc = db_prepare(ft, &st, "SELECT id FROM changeset ORDER BY id "
			"LIMIT 1 OFFSET CAST(:n AS BIGINT) - 1");
	if (rc != FT_OK)
		return rc;
	db_bind_int(ft, st, ":n", *count);
	if (db_step(ft, st) == DB_ROW)
		*last = db_col_int(st, 0);
	else
		rc = ft_fail(ft, FT_DBERR, "the history has fewer change sets "
			     "than the %lld of the digest taken at %s: change "
			     "sets were removed", n, when);
	db_release(st);
	return rc;
}

/* Proves that the history up to a digest is the one it was taken of. */
static int check_digest(struct ft *ft, const char *line)
{
	unsigned char hash[SEAL_BYTES];
	char want[2 * SEAL_BYTES + 1], got[2 * SEAL_BYTES + 1];
	int64_t last, count, walked = 0, bad = 0;
	bool missing = false;
	int rc = parse_digest(ft, line, &last, &count, want, true);

	if (rc == FT_OK)
		rc = seal_check(ft, last, &bad, &missing, &walked, hash);
	hex(hash, SEAL_BYTES, got);
	if (rc == FT_OK && (walked == 0 || (count && walked != count) ||
			    strcmp(got, want) != 0))
		rc = ft_fail(ft, FT_DBERR, "the history up to change set %lld is "
			     "not the one the digest '%.40s...' was taken of",
			     (long long)last, line);
	return rc;
}

static int verify(struct ft *ft, const char *const *digests, int ndigests,
		  bool quick, struct ft_verify_report *r)
{
	unsigned char hash[SEAL_BYTES];
	int64_t bad = 0;
	bool missing = false;
	struct db_check *check = NULL;
	int rc, irc;

	memset(r, 0, sizeof *r);
	/* what only migrations write: schema, rules, reference data */
	if ((rc = ft->drv->check_schema(ft)) != FT_OK)
		return rc;
	/* one read transaction: the checks see one state */
	if ((rc = db_begin_read(ft)) != FT_OK)
		return rc;
	/* the engine's own check, beside the others where it can be: its
	 * verdict told first (the others read what it checks) */
	rc = ft->drv->integrity_start
		? ft->drv->integrity_start(ft, quick, &check)
		: ft->drv->integrity(ft, quick);
	if (rc == FT_OK)
		rc = seal_check(ft, 0, &bad, &missing, &r->changesets, hash);
	/* Every change set must carry its seal: nothing seals later. */
	if (rc == FT_OK && bad && missing)
		rc = ft_fail(ft, FT_DBERR, "change set %lld has no seal: the "
			     "audit history was changed at or after it, or "
			     "written outside ftrack", (long long)bad);
	else if (rc == FT_OK && bad)
		rc = ft_fail(ft, FT_DBERR, "change set %lld does not match its "
			     "seal: the audit history was changed at or after "
			     "it", (long long)bad);
	if (rc == FT_OK)
		rc = sequence_check(ft);
	if (rc == FT_OK)
		rc = replay(ft, 0, &r->records);
	if (rc == FT_OK)
		rc = no_intent_summary_check(ft);
	for (int i = 0; rc == FT_OK && i < ndigests; i++)
		if ((rc = check_digest(ft, digests[i])) == FT_OK)
			r->digests++;
	if (rc == FT_OK)
		rc = ft->drv->protections(ft, r);
	if (check != NULL && (irc = ft->drv->integrity_finish(ft, check))
	    != FT_OK)
		rc = irc;
	db_end_read(ft);
	return rc;
}

int ft_verify(struct ft *ft, const char *const *digests, int ndigests,
	      struct ft_verify_report *r)
{
	return verify(ft, digests, ndigests, false, r);
}

int ft_verify_quick(struct ft *ft, const char *const *digests, int ndigests,
		    struct ft_verify_report *r)
{
	return verify(ft, digests, ndigests, true, r);
}

/* The change set a digest was taken at (*at) and the seal before it (the
 * id in *after, 0 and zeros when it is the first): found from the newest
 * seal down to the one that holds the digest's hash, which lies at or
 * after the count-th id (ids are distinct and positive). Then the count:
 * the change sets up to it must be the digest's. */
static int find_digest(struct ft *ft, const char *line, int64_t count,
		       int64_t *at, const unsigned char want[SEAL_BYTES],
		       int64_t *after, unsigned char prev[SEAL_BYTES],
		       int *prev_format)
{
	struct db_stmt *st = NULL;
	const void *seal;
	size_t len = 0;
	int64_t total = 0, later = 0;
	int step, rc;

	rc = db_prepare(ft, &st, *at ? "SELECT changeset_id, hash FROM seal "
			"WHERE changeset_id = :at" : "SELECT changeset_id, hash "
			"FROM seal WHERE changeset_id >= :n ORDER BY changeset_id "
			"DESC");
	if (rc != FT_OK)
		return rc;
	if (*at)
		db_bind_int(ft, st, ":at", *at);
	else
		db_bind_int(ft, st, ":n", count);
	*at = 0;
	while ((step = db_step(ft, st)) == DB_ROW)
		if ((seal = db_col_bytes(st, 1, &len)) != NULL &&
		    len == SEAL_BYTES && memcmp(seal, want, SEAL_BYTES) == 0) {
			*at = db_col_int(st, 0);
			break;
		}
	db_release(st);
	if (step < 0)
		return FT_DBERR;
	if (*at == 0)
		return ft_fail(ft, FT_DBERR, "no change set holds the seal of the "
			       "digest '%.40s...': the history up to it was "
			       "changed, or the digest is another database's",
			       line);
	/* the change sets up to it: all of them less those after it (a
	 * count of the whole table is a count of pages on SQLite) */
	if (count && (rc = db_prepare(ft, &st, "SELECT count(*) FROM "
				      "changeset")) == FT_OK) {
		total = db_step(ft, st) == DB_ROW ? db_col_int(st, 0) : -1;
		db_release(st);
		rc = db_prepare(ft, &st, "SELECT count(*) FROM changeset WHERE "
				"id > :at");
	}
	if (count && rc == FT_OK) {
		db_bind_int(ft, st, ":at", *at);
		later = db_step(ft, st) == DB_ROW ? db_col_int(st, 0) : -1;
		db_release(st);
		if (total < 0 || later < 0)
			return FT_DBERR;
		if (total - later != count)
			return ft_fail(ft, FT_DBERR, "the history up to change set "
				       "%lld is not the one the digest '%.40s...' "
				       "was taken of: it has %lld change sets, the "
				       "digest %lld", (long long)*at, line,
				       (long long)(total - later),
				       (long long)count);
	}
	if (rc != FT_OK)
		return rc;
	/* the seal it was chained from */
	*after = 0;
	*prev_format = 1;
	memset(prev, 0, SEAL_BYTES);
	rc = db_prepare(ft, &st, "SELECT changeset_id, hash, format FROM seal "
			"WHERE changeset_id < :at ORDER BY changeset_id DESC "
			"LIMIT 1");
	if (rc != FT_OK)
		return rc;
	db_bind_int(ft, st, ":at", *at);
	if ((step = db_step(ft, st)) == DB_ROW &&
	    (seal = db_col_bytes(st, 1, &len)) != NULL && len == SEAL_BYTES) {
		*after = db_col_int(st, 0);
		*prev_format = (int)db_col_int(st, 2);
		memcpy(prev, seal, SEAL_BYTES);
	} else if (step < 0) {
		rc = FT_DBERR;
	}
	db_release(st);
	return rc;
}

int ft_verify_since(struct ft *ft, const char *digest,
		    struct ft_verify_report *r)
{
	unsigned char want[SEAL_BYTES], prev[SEAL_BYTES], hash[SEAL_BYTES];
	char hexwant[2 * SEAL_BYTES + 1];
	int64_t at = 0, count = 0, after = 0, bad = 0, walked = 0;
	int prev_format = 1;
	bool missing = false;
	int rc;

	memset(r, 0, sizeof *r);
	if ((rc = parse_digest(ft, digest, &at, &count, hexwant, false)) != FT_OK)
		return rc;
	for (int i = 0; i < SEAL_BYTES; i++)
		sscanf(hexwant + 2 * i, "%2hhx", &want[i]);
	if ((rc = ft->drv->check_schema(ft)) != FT_OK)
		return rc;
	if ((rc = db_begin_read(ft)) != FT_OK)
		return rc;
	rc = find_digest(ft, digest, count, &at, want, &after, prev,
			 &prev_format);
	/* the digest's change set again, from the seal before it, and every
	 * one after it, each from the one before */
	if (rc == FT_OK)
		rc = seal_check_since(ft, after, prev, prev_format, &bad,
				      &missing, &walked, hash);
	if (rc == FT_OK && bad == at)
		rc = ft_fail(ft, FT_DBERR, "change set %lld, the digest's, does "
			     "not match its seal: the history up to the digest "
			     "was changed", (long long)at);
	else if (rc == FT_OK && bad && missing)
		rc = ft_fail(ft, FT_DBERR, "change set %lld has no seal: the "
			     "audit history was changed at or after it, or "
			     "written outside ftrack", (long long)bad);
	else if (rc == FT_OK && bad)
		rc = ft_fail(ft, FT_DBERR, "change set %lld does not match its "
			     "seal: the audit history was changed at or after "
			     "it", (long long)bad);
	if (rc == FT_OK)
		rc = sequence_check(ft);
	if (rc == FT_OK)
		rc = replay(ft, at, &r->records);
	if (rc == FT_OK) {
		/* the change sets after the digest's (walked: it too; one
		 * between would have been found without its seal) */
		r->changesets = walked - 1;
		r->since = true;
		rc = ft->drv->protections(ft, r);
	}
	db_end_read(ft);
	return rc;
}

int ft_digest(struct ft *ft, char *out, size_t outlen)
{
	struct db_stmt *st = NULL;
	char h[2 * SEAL_BYTES + 1], clock[21];
	size_t len = 0;
	const void *seal;
	int rc = db_prepare(ft, &st, "SELECT changeset_id, hash, (SELECT "
			    "count(*) FROM changeset WHERE id <= s.changeset_id) "
			    "FROM seal s ORDER BY changeset_id DESC LIMIT 1");

	if (rc != FT_OK)
		return rc;
	if (db_step(ft, st) == DB_ROW &&
	    (seal = db_col_bytes(st, 1, &len)) != NULL && len == SEAL_BYTES) {
		hex(seal, SEAL_BYTES, h);
		snprintf(out, outlen, "%s %lld change sets sha256:%s",
			 ft_clock(ft, clock), (long long)db_col_int(st, 2),
			 h);
	} else {
		rc = ft_fail(ft, FT_REFUSED, "the history is empty: there is "
			     "nothing to digest yet");
	}
	db_release(st);
	return rc;
}
