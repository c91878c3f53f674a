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
#include "dialect.h"
#include "driver.h"
#include "ftrack/integrity.h"
#include "ftrack/text.h"

/* For each kind of record: its fields' current values as text, one row per
 * (record, field), beside the last value the audit recorded for that field
 * (NULL when never); the first row where they differ. Workloads seeded by
 * the migrations have no audit of their own and are not replayed. */
/* The last change of each (record, field) of an entity, as "last". */
#define LAST_CHANGE(entity) "last AS (SELECT ch.entity_id, ch.field, " \
	"ch.new_value FROM change ch JOIN (SELECT max(id) AS id FROM change " \
	"WHERE entity = '" entity "' GROUP BY entity_id, field) m " \
	"ON m.id = ch.id)"
/* (no LIMIT: verify reads the first row only, and a LIMIT leads
 * PostgreSQL's planner to nested loops that read every row anyway) */
static const char *const REPLAY_SQL[] = {
	"WITH " LAST_CHANGE("entitlement") ", "
	"f(field) AS (VALUES ('subscription'), ('workload'), ('l1'), ('l2'), "
	" ('l3'), ('service_status'), ('engagement_scenario'), ('target_date'), "
	" ('owner'), ('notes'), ('next_action_date'), ('next_action'), "
	" ('scenario'), ('declaration')), "
	"cur AS (SELECT e.id, f.field, CASE f.field "
	" WHEN 'subscription' THEN s.code WHEN 'workload' THEN w.name "
	" WHEN 'l1' THEN e.l1 WHEN 'l2' THEN e.l2 WHEN 'l3' THEN e.l3 "
	" WHEN 'service_status' THEN e.service_status "
	" WHEN 'engagement_scenario' THEN e.engagement_scenario "
	" WHEN 'target_date' THEN e.target_date WHEN 'owner' THEN e.owner "
	" WHEN 'notes' THEN e.notes WHEN 'next_action_date' THEN "
	" e.next_action_date WHEN 'next_action' THEN e.next_action "
	" WHEN 'scenario' THEN CAST(e.scenario AS TEXT) "
	" WHEN 'declaration' THEN CAST(e.declaration_id AS TEXT) END AS value "
	" FROM entitlement e JOIN subscription s ON s.id = e.subscription_id "
	" JOIN workload w ON w.id = e.workload_id, f) "
	"SELECT 'entitlement', cur.id, cur.field, cur.value, last.new_value "
	"FROM cur LEFT JOIN last ON last.entity_id = cur.id "
	"AND last.field = cur.field WHERE cur.value IS DISTINCT FROM last.new_value "
	"ORDER BY cur.id",

	"WITH " LAST_CHANGE("customer") ", "
	"f(field) AS (VALUES ('name'), ('tenant'), ('managed'), ('phase'), "
	" ('delivery_fm')), "
	"cur AS (SELECT c.id, f.field, CASE f.field WHEN 'name' THEN c.name "
	" WHEN 'tenant' THEN c.tenant WHEN 'managed' THEN "
	" CAST(c.managed AS TEXT) WHEN 'phase' THEN c.phase "
	" WHEN 'delivery_fm' THEN u.name END AS value FROM customer c "
	" LEFT JOIN app_user u ON u.id = c.delivery_fm, f) "
	"SELECT 'customer', cur.id, cur.field, cur.value, last.new_value "
	"FROM cur LEFT JOIN last ON last.entity_id = cur.id "
	"AND last.field = cur.field WHERE cur.value IS DISTINCT FROM last.new_value "
	"ORDER BY cur.id",

	"WITH " LAST_CHANGE("user") ", "
	"f(field) AS (VALUES ('name'), ('role'), ('active'), ('email')), "
	/* active is audited once it changes: none means still active; an
	 * e-mail address once set */
	"cur AS (SELECT u.id, f.field, CASE f.field WHEN 'name' THEN u.name "
	" WHEN 'role' THEN u.role WHEN 'active' THEN CASE u.active WHEN 0 "
	" THEN '0' END WHEN 'email' THEN u.email END AS value "
	" FROM app_user u, f) "
	"SELECT 'user', cur.id, cur.field, cur.value, last.new_value "
	"FROM cur LEFT JOIN last ON last.entity_id = cur.id "
	"AND last.field = cur.field WHERE cur.value IS DISTINCT FROM "
	"nullif(last.new_value, '1') ORDER BY cur.id",

	"WITH " LAST_CHANGE("subscription") ", "
	"f(field) AS (VALUES ('code'), ('customer')), "
	"cur AS (SELECT s.id, f.field, CASE f.field WHEN 'code' THEN s.code "
	" WHEN 'customer' THEN c.name END AS value FROM subscription s "
	" JOIN customer c ON c.id = s.customer_id, f) "
	"SELECT 'subscription', cur.id, cur.field, cur.value, last.new_value "
	"FROM cur LEFT JOIN last ON last.entity_id = cur.id "
	"AND last.field = cur.field WHERE cur.value IS DISTINCT FROM last.new_value "
	"ORDER BY cur.id",

	/* a user's workload (the seeded ones are the migrations'), compared
	 * byte for byte: its name column folds case */
	"WITH " LAST_CHANGE("workload") " "
	"SELECT 'workload', w.id, 'name', w.name, last.new_value FROM workload "
	"w JOIN last ON last.entity_id = w.id AND last.field = 'name' "
	/* (w.name || '' drops SQLite's NOCASE: compared byte for byte) */
	"WHERE w.name || '' IS DISTINCT FROM last.new_value",

	"SELECT 'declaration', d.id, 'declared', d.declared, ch.new_value "
	"FROM declaration d LEFT JOIN change ch ON ch.entity = 'declaration' "
	"AND ch.entity_id = d.id AND ch.field = 'declared' "
	"WHERE d.declared IS DISTINCT FROM ch.new_value",

	/* who changed an entitlement last, and when: the change set of its
	 * last change */
	"WITH last AS (SELECT entity_id AS id, max(changeset_id) AS cs "
	" FROM change WHERE entity = 'entitlement' GROUP BY entity_id), "
	"f(field) AS (VALUES ('updated_by'), ('updated_role'), ('updated_at')), "
	"cur AS (SELECT e.id, f.field, CASE f.field "
	" WHEN 'updated_by' THEN e.updated_by WHEN 'updated_role' THEN "
	" e.updated_role ELSE e.updated_at END AS value, CASE f.field "
	" WHEN 'updated_by' THEN cs.who WHEN 'updated_role' THEN cs.role "
	" ELSE cs.at END AS was FROM entitlement e "
	" LEFT JOIN last ON last.id = e.id "
	" LEFT JOIN changeset cs ON cs.id = last.cs, f) "
	"SELECT 'entitlement', id, field, value, was FROM cur "
	"WHERE value IS DISTINCT FROM was ORDER BY id",

	/* when a record was made: the change set that made it */
	"WITH born AS (SELECT entity, entity_id, min(changeset_id) AS cs "
	" FROM change WHERE (entity = 'customer' AND field = 'name') "
	" OR (entity = 'user' AND field = 'name') "
	" OR (entity = 'subscription' AND field = 'code') "
	" OR (entity = 'workload' AND field = 'name') "
	" GROUP BY entity, entity_id), "
	"cur AS (SELECT 'customer' AS entity, id, created_at FROM customer "
	" UNION ALL SELECT 'user', id, created_at FROM app_user "
	" UNION ALL SELECT 'subscription', id, created_at FROM subscription "
	" UNION ALL SELECT 'workload', w.id, w.created_at FROM workload w "
	" WHERE EXISTS (SELECT 1 FROM change WHERE entity = 'workload' "
	" AND entity_id = w.id)) "
	"SELECT cur.entity, cur.id, 'created_at', cur.created_at, cs.at "
	"FROM cur LEFT JOIN born ON born.entity = cur.entity "
	"AND born.entity_id = cur.id LEFT JOIN changeset cs ON cs.id = born.cs "
	"WHERE cur.created_at IS DISTINCT FROM cs.at",

	/* a declaration's when, who, role and customer: its change set's
	 * (what "Since" and "Declared by" show, sealed with it) */
	"SELECT 'declaration', d.id, CASE WHEN d.at IS DISTINCT FROM cs.at THEN 'at' "
	" WHEN d.who IS DISTINCT FROM cs.who THEN 'who' WHEN d.role IS DISTINCT FROM cs.role "
	" THEN 'role' ELSE 'customer' END, CASE WHEN d.at IS DISTINCT FROM cs.at "
	" THEN d.at WHEN d.who IS DISTINCT FROM cs.who THEN d.who WHEN d.role IS DISTINCT FROM "
	" cs.role THEN d.role ELSE CAST(d.customer_id AS TEXT) END, "
	" CASE WHEN d.at IS DISTINCT FROM cs.at THEN cs.at WHEN d.who IS DISTINCT FROM cs.who "
	" THEN cs.who WHEN d.role IS DISTINCT FROM cs.role THEN cs.role "
	" ELSE CAST(cs.customer_id AS TEXT) END "
	"FROM declaration d LEFT JOIN changeset cs ON cs.id = d.changeset_id "
	"WHERE d.at IS DISTINCT FROM cs.at OR d.who IS DISTINCT FROM cs.who OR d.role IS DISTINCT FROM "
	"cs.role OR d.customer_id IS DISTINCT FROM cs.customer_id",

	/* a record the audit speaks of that is no longer there, unless its
	 * last change removed it (its key field's new value none) */
	"WITH key(entity, field) AS (VALUES ('customer', 'name'), "
	" ('user', 'name'), ('workload', 'name'), ('subscription', 'code'), "
	" ('entitlement', 'subscription'), ('declaration', 'declared')), "
	"last AS (SELECT ch.entity, ch.entity_id, ch.field, "
	" ch.new_value "
	" FROM change ch JOIN (SELECT max(c.id) AS id FROM change c JOIN key "
	" ON key.entity = c.entity AND key.field = c.field "
	" GROUP BY c.entity, c.entity_id) m ON m.id = ch.id) "
	"SELECT ch.entity, ch.entity_id, ch.field, NULL, ch.new_value "
	"FROM last ch WHERE ch.new_value IS NOT NULL AND "
	"NOT EXISTS (SELECT 1 FROM entitlement WHERE "
	"ch.entity = 'entitlement' AND id = ch.entity_id UNION ALL SELECT 1 "
	"FROM customer WHERE ch.entity = 'customer' AND id = ch.entity_id "
	"UNION ALL SELECT 1 FROM app_user WHERE ch.entity = 'user' AND "
	"id = ch.entity_id UNION ALL SELECT 1 FROM subscription WHERE "
	"ch.entity = 'subscription' AND id = ch.entity_id UNION ALL SELECT 1 "
	"FROM workload WHERE ch.entity = 'workload' AND id = ch.entity_id "
	"UNION ALL SELECT 1 FROM declaration WHERE ch.entity = 'declaration' "
	"AND id = ch.entity_id)",
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

/* The keys names are looked up by: each the folded form of its name
 * (text_fold(), in C on every engine). */
static int keys_check(struct ft *ft)
{
	static const char *const KEYS_SQL[] = {
		"SELECT 'customer', id, 'name_key', name_key, name FROM "
		"customer ORDER BY id",
		"SELECT 'customer', id, 'tenant_key', tenant_key, tenant FROM "
		"customer ORDER BY id",
		"SELECT 'user', id, 'name_key', name_key, name FROM app_user "
		"ORDER BY id",
		"SELECT 'workload', id, 'name_key', name_key, name FROM "
		"workload ORDER BY id",
		"SELECT 'subscription', id, 'code_key', code_key, code FROM "
		"subscription ORDER BY id",
	};
	int rc = FT_OK;

	for (size_t i = 0; rc == FT_OK && i < sizeof KEYS_SQL /
	     sizeof KEYS_SQL[0]; i++) {
		struct db_stmt *st = NULL;
		int step;

		if ((rc = db_prepare(ft, &st, KEYS_SQL[i])) != FT_OK)
			break;
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

static int replay(struct ft *ft, int64_t *records)
{
	int rc = FT_OK;

	for (size_t i = 0; rc == FT_OK && i < sizeof REPLAY_SQL /
	     sizeof REPLAY_SQL[0]; i++) {
		struct db_stmt *st = NULL;
		int step;

		if ((rc = db_prepare(ft, &st, REPLAY_SQL[i])) != FT_OK)
			break;
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
		rc = keys_check(ft);
	if (rc == FT_OK) {
		struct db_stmt *st = NULL;

		rc = db_prepare(ft, &st, "SELECT (SELECT count(*) FROM "
				"entitlement) + (SELECT count(*) FROM customer) + "
				"(SELECT count(*) FROM app_user) + (SELECT "
				"count(*) FROM subscription)");
		if (rc == FT_OK && db_step(ft, st) == DB_ROW)
			*records = db_col_int(st, 0);
		db_release(st);
	}
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
			int64_t *count, char want[2 * SEAL_BYTES + 1])
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
	int rc = parse_digest(ft, line, &last, &count, want);

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

int ft_verify(struct ft *ft, const char *const *digests, int ndigests,
	      struct ft_verify_report *r)
{
	unsigned char hash[SEAL_BYTES];
	int64_t bad = 0;
	bool missing = false;
	int rc;

	memset(r, 0, sizeof *r);
	/* what only migrations write: schema, rules, reference data */
	if ((rc = ft->drv->check_schema(ft)) != FT_OK)
		return rc;
	/* one read transaction: the checks see one state */
	if ((rc = db_begin_read(ft)) != FT_OK)
		return rc;
	rc = ft->drv->integrity(ft);
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
		rc = replay(ft, &r->records);
	if (rc == FT_OK)
		rc = no_intent_summary_check(ft);
	for (int i = 0; rc == FT_OK && i < ndigests; i++)
		if ((rc = check_digest(ft, digests[i])) == FT_OK)
			r->digests++;
	if (rc == FT_OK)
		rc = ft->drv->protections(ft, r);
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
