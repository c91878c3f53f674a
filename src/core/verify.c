/* ftrack verify: SQLite's own checks, the hash chain, and a replay of the
 * audit history against every record: the last value the audit gives each
 * field must be the value the record holds. */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "db.h"
#include "seal.h"
#include "ftrack/integrity.h"

/* For each kind of record: its fields' current values as text, one row per
 * (record, field), beside the last value the audit recorded for that field
 * (NULL when never); the first row where they differ. Workloads seeded by
 * the migrations have no audit of their own and are not replayed. */
static const char *const REPLAY_SQL[] = {
	"WITH last AS (SELECT entity_id, field, new_value, max(id) "
	" FROM change WHERE entity = 'entitlement' GROUP BY entity_id, field), "
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
	"AND last.field = cur.field WHERE cur.value IS NOT last.new_value "
	"ORDER BY cur.id LIMIT 1",

	"WITH last AS (SELECT entity_id, field, new_value, max(id) "
	" FROM change WHERE entity = 'customer' GROUP BY entity_id, field), "
	"f(field) AS (VALUES ('name'), ('tenant'), ('managed'), ('phase'), "
	" ('delivery_fm')), "
	"cur AS (SELECT c.id, f.field, CASE f.field WHEN 'name' THEN c.name "
	" WHEN 'tenant' THEN c.tenant WHEN 'managed' THEN "
	" CAST(c.managed AS TEXT) WHEN 'phase' THEN c.phase "
	" WHEN 'delivery_fm' THEN u.name END AS value FROM customer c "
	" LEFT JOIN app_user u ON u.id = c.delivery_fm, f) "
	"SELECT 'customer', cur.id, cur.field, cur.value, last.new_value "
	"FROM cur LEFT JOIN last ON last.entity_id = cur.id "
	"AND last.field = cur.field WHERE cur.value IS NOT last.new_value "
	"ORDER BY cur.id LIMIT 1",

	"WITH last AS (SELECT entity_id, field, new_value, max(id) "
	" FROM change WHERE entity = 'user' GROUP BY entity_id, field), "
	"f(field) AS (VALUES ('name'), ('role')), "
	"cur AS (SELECT u.id, f.field, CASE f.field WHEN 'name' THEN u.name "
	" WHEN 'role' THEN u.role END AS value FROM app_user u, f) "
	"SELECT 'user', cur.id, cur.field, cur.value, last.new_value "
	"FROM cur LEFT JOIN last ON last.entity_id = cur.id "
	"AND last.field = cur.field WHERE cur.value IS NOT last.new_value "
	"ORDER BY cur.id LIMIT 1",

	"WITH last AS (SELECT entity_id, field, new_value, max(id) "
	" FROM change WHERE entity = 'subscription' GROUP BY entity_id, field), "
	"f(field) AS (VALUES ('code'), ('customer')), "
	"cur AS (SELECT s.id, f.field, CASE f.field WHEN 'code' THEN s.code "
	" WHEN 'customer' THEN c.name END AS value FROM subscription s "
	" JOIN customer c ON c.id = s.customer_id, f) "
	"SELECT 'subscription', cur.id, cur.field, cur.value, last.new_value "
	"FROM cur LEFT JOIN last ON last.entity_id = cur.id "
	"AND last.field = cur.field WHERE cur.value IS NOT last.new_value "
	"ORDER BY cur.id LIMIT 1",

	"SELECT 'workload', w.id, 'name', w.name, ch.new_value FROM workload w "
	"JOIN change ch ON ch.entity = 'workload' AND ch.entity_id = w.id "
	"AND ch.field = 'name' WHERE w.name IS NOT ch.new_value LIMIT 1",

	"SELECT 'declaration', d.id, 'declared', d.declared, ch.new_value "
	"FROM declaration d LEFT JOIN change ch ON ch.entity = 'declaration' "
	"AND ch.entity_id = d.id AND ch.field = 'declared' "
	"WHERE d.declared IS NOT ch.new_value LIMIT 1",

	/* a record the audit speaks of that is no longer there */
	"SELECT ch.entity, ch.entity_id, ch.field, NULL, ch.new_value "
	"FROM change ch WHERE NOT EXISTS (SELECT 1 FROM entitlement WHERE "
	"ch.entity = 'entitlement' AND id = ch.entity_id UNION ALL SELECT 1 "
	"FROM customer WHERE ch.entity = 'customer' AND id = ch.entity_id "
	"UNION ALL SELECT 1 FROM app_user WHERE ch.entity = 'user' AND "
	"id = ch.entity_id UNION ALL SELECT 1 FROM subscription WHERE "
	"ch.entity = 'subscription' AND id = ch.entity_id UNION ALL SELECT 1 "
	"FROM workload WHERE ch.entity = 'workload' AND id = ch.entity_id "
	"UNION ALL SELECT 1 FROM declaration WHERE ch.entity = 'declaration' "
	"AND id = ch.entity_id) LIMIT 1",
};

static int sqlite_checks(struct ft *ft)
{
	sqlite3_stmt *st = NULL;
	int rc = db_prepare(ft, &st, "PRAGMA integrity_check(1)");

	if (rc != FT_OK)
		return rc;
	if (db_step(ft, st) == SQLITE_ROW &&
	    strcmp(db_col_text(st, 0), "ok") != 0)
		rc = ft_fail(ft, FT_DBERR, "integrity_check: %s",
			     db_col_text(st, 0));
	db_release(st);
	if (rc != FT_OK)
		return rc;
	if ((rc = db_prepare(ft, &st, "PRAGMA foreign_key_check")) != FT_OK)
		return rc;
	if (db_step(ft, st) == SQLITE_ROW)
		rc = ft_fail(ft, FT_DBERR, "foreign_key_check: %s row %lld "
			     "refers to a missing %s", db_col_text(st, 0),
			     (long long)sqlite3_column_int64(st, 1),
			     db_col_text(st, 2));
	db_release(st);
	return rc;
}

static int replay(struct ft *ft, int64_t *records)
{
	int rc = FT_OK;

	for (size_t i = 0; rc == FT_OK && i < sizeof REPLAY_SQL /
	     sizeof REPLAY_SQL[0]; i++) {
		sqlite3_stmt *st = NULL;
		int step;

		if ((rc = db_prepare(ft, &st, REPLAY_SQL[i])) != FT_OK)
			break;
		step = db_step(ft, st);
		if (step == SQLITE_ROW) {
			const char *is = db_col_text(st, 3), *was = db_col_text(st, 4);

			rc = ft_fail(ft, FT_DBERR, "%s %lld does not match its "
				     "audit history: %s is %s%s%s where the history "
				     "says %s%s%s", db_col_text(st, 0),
				     (long long)sqlite3_column_int64(st, 1),
				     db_col_text(st, 2), is ? "'" : "",
				     is ? is : "nothing", is ? "'" : "",
				     was ? "'" : "", was ? was : "nothing",
				     was ? "'" : "");
		} else if (step < 0) {
			rc = FT_DBERR;
		}
		db_release(st);
	}
	if (rc == FT_OK) {
		sqlite3_stmt *st = NULL;

		rc = db_prepare(ft, &st, "SELECT (SELECT count(*) FROM "
				"entitlement) + (SELECT count(*) FROM customer) + "
				"(SELECT count(*) FROM app_user) + (SELECT "
				"count(*) FROM subscription)");
		if (rc == FT_OK && db_step(ft, st) == SQLITE_ROW)
			*records = sqlite3_column_int64(st, 0);
		db_release(st);
	}
	return rc;
}

static void hex(const unsigned char *in, size_t n, char *out)
{
	for (size_t i = 0; i < n; i++)
		snprintf(out + 2 * i, 3, "%02x", in[i]);
}

int ft_verify(struct ft *ft, const char *digest, struct ft_verify_report *r)
{
	unsigned char hash[SEAL_BYTES];
	char want[2 * SEAL_BYTES + 1], got[2 * SEAL_BYTES + 1];
	int64_t bad = 0, upto = 0;
	bool missing = false;
	long long n = 0;
	int rc, used = 0;

	memset(r, 0, sizeof *r);
	if (digest != NULL) {
		if (sscanf(digest, "changeset %lld sha256:%64[0-9a-f]%n", &n, want,
			   &used) != 2 || digest[used] != '\0' || strlen(want) != 64)
			return ft_fail(ft, FT_REFUSED, "invalid digest '%s' "
				       "(expected a line from 'ftrack digest': "
				       "changeset N sha256:HEX)", digest);
		upto = n;
	}
	/* one read transaction: the checks see one state */
	if ((rc = db_exec(ft, "BEGIN")) != FT_OK)
		return rc;
	rc = sqlite_checks(ft);
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
		rc = replay(ft, &r->records);
	if (rc == FT_OK && digest != NULL) {
		int64_t count;

		rc = seal_check(ft, upto, &bad, &missing, &count, hash);
		hex(hash, SEAL_BYTES, got);
		if (rc == FT_OK && (count == 0 || strcmp(got, want) != 0))
			rc = ft_fail(ft, FT_DBERR, "the history up to change set "
				     "%lld is not the one the digest was taken of",
				     n);
	}
	sqlite3_exec(ft->db, "COMMIT", NULL, NULL, NULL);
	return rc;
}

int ft_digest(struct ft *ft, char *out, size_t outlen)
{
	sqlite3_stmt *st = NULL;
	char h[2 * SEAL_BYTES + 1];
	int rc = db_prepare(ft, &st, "SELECT changeset_id, hash FROM seal "
			    "ORDER BY changeset_id DESC LIMIT 1");

	if (rc != FT_OK)
		return rc;
	if (db_step(ft, st) == SQLITE_ROW &&
	    sqlite3_column_bytes(st, 1) == SEAL_BYTES) {
		hex(sqlite3_column_blob(st, 1), SEAL_BYTES, h);
		snprintf(out, outlen, "changeset %lld sha256:%s",
			 (long long)sqlite3_column_int64(st, 0), h);
	} else {
		rc = ft_fail(ft, FT_REFUSED, "the history is empty: there is "
			     "nothing to digest yet");
	}
	db_release(st);
	return rc;
}
