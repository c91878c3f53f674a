/* verify's check of the No Intent summaries that the entitlement triggers
 * of migration 0023 keep: each table against a recount, the first row
 * that differs named (a row missing on either side counts as zeros). The
 * services are recounted from the entitlements, their L2s from the No
 * Intent entitlements; the accounts, once the services are known to hold,
 * from the services. */
#include <stdio.h>

#include "db.h"
#include "no_intent_summary.h"

/* The names of a service's customer and workload, by id when gone. */
#define NAMES(v) "coalesce(c.name, '#' || CAST(" v ".customer_id AS TEXT)), " \
	"coalesce(w.name, '#' || CAST(" v ".workload_id AS TEXT))"
#define NAMES_FROM(v) " LEFT JOIN customer c ON c.id = " v ".customer_id " \
	"LEFT JOIN workload w ON w.id = " v ".workload_id"

/* customer, workload, the summary's counted and no_intent, the recount's */
static const char SERVICES_SQL[] =
	"WITH r AS (SELECT s.customer_id AS customer_id, e.workload_id AS "
	"workload_id, count(*) AS counted, sum(CASE WHEN e.l1 = 'no_intent' "
	"THEN 1 ELSE 0 END) AS no_intent FROM entitlement e JOIN subscription s "
	"ON s.id = e.subscription_id WHERE e.l1 <> 'duplicate_invalid' "
	"GROUP BY s.customer_id, e.workload_id), "
	"d AS (SELECT r.customer_id, r.workload_id, coalesce(v.counted, 0) "
	"AS have_counted, coalesce(v.no_intent, 0) AS have_ni, r.counted, "
	"r.no_intent FROM r LEFT JOIN no_intent_service v ON v.customer_id = "
	"r.customer_id AND v.workload_id = r.workload_id WHERE v.counted IS "
	"NULL OR v.counted <> r.counted OR v.no_intent <> r.no_intent "
	"UNION ALL SELECT v.customer_id, v.workload_id, v.counted, "
	"v.no_intent, 0, 0 FROM no_intent_service v WHERE NOT EXISTS (SELECT 1 "
	"FROM r WHERE r.customer_id = v.customer_id AND r.workload_id = "
	"v.workload_id)) "
	"SELECT " NAMES("d") ", d.have_counted, d.have_ni, d.counted, "
	"d.no_intent FROM d" NAMES_FROM("d") " ORDER BY d.customer_id, "
	"d.workload_id";

/* customer, workload, l2, the summary's entitlements and first
 * subscription, the recount's */
static const char L2S_SQL[] =
	"WITH r AS (SELECT s.customer_id AS customer_id, e.workload_id AS "
	"workload_id, e.l2 AS l2, count(*) AS entitlements, min(s.id) AS "
	"first_subscription FROM entitlement e JOIN subscription s ON s.id = "
	"e.subscription_id WHERE e.l1 = 'no_intent' AND e.l2 IS NOT NULL "
	"GROUP BY s.customer_id, e.workload_id, e.l2), "
	"d AS (SELECT r.customer_id, r.workload_id, r.l2, "
	"coalesce(v.entitlements, 0) AS have_n, coalesce(v.first_subscription, "
	"0) AS have_first, r.entitlements, r.first_subscription FROM r LEFT "
	"JOIN no_intent_l2 v ON v.customer_id = r.customer_id AND "
	"v.workload_id = r.workload_id AND v.l2 = r.l2 WHERE v.entitlements "
	"IS NULL OR v.entitlements <> r.entitlements OR v.first_subscription "
	"<> r.first_subscription UNION ALL SELECT v.customer_id, "
	"v.workload_id, v.l2, v.entitlements, v.first_subscription, 0, 0 "
	"FROM no_intent_l2 v WHERE NOT EXISTS (SELECT 1 FROM r WHERE "
	"r.customer_id = v.customer_id AND r.workload_id = v.workload_id AND "
	"r.l2 = v.l2)) "
	"SELECT " NAMES("d") ", d.l2, d.have_n, d.have_first, d.entitlements, "
	"d.first_subscription FROM d" NAMES_FROM("d") " ORDER BY "
	"d.customer_id, d.workload_id, d.l2";

/* customer, the summary's services and no_intent, the recount's */
static const char ACCOUNTS_SQL[] =
	"WITH r AS (SELECT customer_id, count(*) AS services, sum(CASE WHEN "
	"no_intent > 0 THEN 1 ELSE 0 END) AS no_intent FROM no_intent_service "
	"GROUP BY customer_id), "
	"d AS (SELECT r.customer_id, coalesce(a.services, 0) AS have_services, "
	"coalesce(a.no_intent, 0) AS have_ni, r.services, r.no_intent FROM r "
	"LEFT JOIN no_intent_account a ON a.customer_id = r.customer_id WHERE "
	"a.services IS NULL OR a.services <> r.services OR a.no_intent <> "
	"r.no_intent UNION ALL SELECT a.customer_id, a.services, a.no_intent, "
	"0, 0 FROM no_intent_account a WHERE NOT EXISTS (SELECT 1 FROM r WHERE "
	"r.customer_id = a.customer_id)) "
	"SELECT coalesce(c.name, '#' || CAST(d.customer_id AS TEXT)), "
	"d.have_services, d.have_ni, d.services, d.no_intent FROM d LEFT JOIN "
	"customer c ON c.id = d.customer_id ORDER BY d.customer_id";

/* Steps st to its first row: 1 when there is one, 0 when none, -1 on
 * error. */
static int first_row(struct ft *ft, struct db_stmt *st)
{
	int step = db_step(ft, st);

	return step == DB_ROW ? 1 : step == DB_DONE ? 0 : -1;
}

int no_intent_summary_check(struct ft *ft)
{
	struct db_stmt *st = NULL;
	int rc, row;

	if ((rc = db_prepare(ft, &st, SERVICES_SQL)) != FT_OK)
		return rc;
	if ((row = first_row(ft, st)) == 1)
		rc = ft_fail(ft, FT_DBERR, "the no-intent summary of service "
			     "'%s' x '%s' does not match its entitlements: it "
			     "says %lld counted, %lld in No Intent, where they "
			     "are %lld and %lld", db_col_text(st, 0),
			     db_col_text(st, 1), (long long)db_col_int(st, 2),
			     (long long)db_col_int(st, 3),
			     (long long)db_col_int(st, 4),
			     (long long)db_col_int(st, 5));
	db_release(st);
	if (row != 0)
		return row < 0 ? FT_DBERR : rc;

	if ((rc = db_prepare(ft, &st, L2S_SQL)) != FT_OK)
		return rc;
	if ((row = first_row(ft, st)) == 1)
		rc = ft_fail(ft, FT_DBERR, "the no-intent summary of service "
			     "'%s' x '%s', l2 '%s', does not match its "
			     "entitlements: it says %lld from subscription id "
			     "%lld, where they are %lld from id %lld",
			     db_col_text(st, 0), db_col_text(st, 1),
			     db_col_text(st, 2), (long long)db_col_int(st, 3),
			     (long long)db_col_int(st, 4),
			     (long long)db_col_int(st, 5),
			     (long long)db_col_int(st, 6));
	db_release(st);
	if (row != 0)
		return row < 0 ? FT_DBERR : rc;

	if ((rc = db_prepare(ft, &st, ACCOUNTS_SQL)) != FT_OK)
		return rc;
	if ((row = first_row(ft, st)) == 1)
		rc = ft_fail(ft, FT_DBERR, "the no-intent summary of customer "
			     "'%s' does not match its services: it says %lld "
			     "services, %lld in No Intent, where they are %lld "
			     "and %lld", db_col_text(st, 0),
			     (long long)db_col_int(st, 1),
			     (long long)db_col_int(st, 2),
			     (long long)db_col_int(st, 3),
			     (long long)db_col_int(st, 4));
	db_release(st);
	return row < 0 ? FT_DBERR : rc;
}
