/* Subscriptions and the entitlements they bring (subscription x workload). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "db.h"
#include "lookup.h"
#include "rules_engine.h"
#include "ftrack/records.h"
#include "ftrack/text.h"

/* The subscription's id, owner and code as stored (into stored, FT_NAME_MAX
 * + 1 bytes) of the one whose code has code's key (text_fold()); id 0 when
 * there is no such subscription. */
static int find_subscription(struct ft *ft, const char *code, int64_t *id,
			     int64_t *customer_id, char *stored)
{
	struct db_stmt *st = NULL;
	int rc = db_prepare(ft, &st, "SELECT id, customer_id, code FROM "
			    "subscription WHERE code_key = :code_key");
	int step;

	*id = *customer_id = 0;
	if (rc != FT_OK)
		return rc;
	db_bind_key(ft, st, ":code_key", code);
	step = db_step(ft, st);
	if (step == DB_ROW) {
		*id = db_col_int(st, 0);
		*customer_id = db_col_int(st, 1);
		snprintf(stored, FT_NAME_MAX + 1, "%s", db_col_text(st, 2));
	}
	db_release(st);
	return step < 0 ? FT_DBERR : FT_OK;
}

static int insert_subscription(struct ft *ft, int64_t customer_id,
			       const char *code, int64_t *id)
{
	struct db_stmt *st = NULL;
	char clock[21];
	int rc = db_prepare(ft, &st, "INSERT INTO subscription (customer_id, "
			    "code, code_key, created_at) VALUES (:customer, "
			    ":code, :code_key, :at) RETURNING id");

	if (rc != FT_OK)
		return rc;
	db_bind_int(ft, st, ":customer", customer_id);
	db_bind_text(ft, st, ":code", code);
	db_bind_key(ft, st, ":code_key", code);
	db_bind_text(ft, st, ":at", ft_clock(ft, clock));
	*id = 0;
	if (db_step(ft, st) == DB_ROW)
		*id = db_col_int(st, 0);
	else
		rc = FT_DBERR;
	db_release(st);
	return rc;
}

/* Inserts the entitlement in its starting state; refuses one that exists. */
static int insert_entitlement(struct ft *ft, int64_t subscription_id,
			      int64_t workload_id, const char *role,
			      int64_t *id)
{
	struct db_stmt *st = NULL;
	char clock[21];
	int step;
	int rc = db_prepare(ft, &st,
		"INSERT INTO entitlement (subscription_id, workload_id, l1, l2, "
		"updated_by, updated_role, updated_at) VALUES (:sub, :workload, "
		"'status_unknown', 'new_subscription_or_workload', :who, :role, "
		":at) ON CONFLICT DO NOTHING RETURNING id");

	if (rc != FT_OK)
		return rc;
	db_bind_int(ft, st, ":sub", subscription_id);
	db_bind_int(ft, st, ":workload", workload_id);
	db_bind_text(ft, st, ":who", ft_actor(ft));
	db_bind_text(ft, st, ":role", role[0] ? role : NULL);
	db_bind_text(ft, st, ":at", ft_clock(ft, clock));
	/* no row when the entitlement exists */
	*id = 0;
	step = db_step(ft, st);
	if (step == DB_ROW)
		*id = db_col_int(st, 0);
	else if (step != DB_DONE)
		rc = FT_DBERR;
	db_release(st);
	return rc;
}

int ft_subscription_add(struct ft *ft, const char *customer, const char *code,
			const char *const *workloads, int nworkloads)
{
	char cname[FT_NAME_MAX + 1], role[16], (*wnames)[FT_NAME_MAX + 1] = NULL;
	char stored[FT_NAME_MAX + 1];
	struct audit_ref ref = {0};
	struct strbuf *what = NULL;
	const char *why = text_check_new_name(code);
	int64_t cid = 0, sid = 0, owner = 0, eid, cs = 0;
	int64_t *wids = NULL;
	int rc, existing = 0;

	if (why != NULL)
		return ft_fail(ft, FT_REFUSED, "invalid subscription id: %s", why);
	if (nworkloads < 1)
		return ft_fail(ft, FT_REFUSED, "a subscription needs at least "
			       "one workload (--workload <name>)");
	wids = calloc((size_t)nworkloads, sizeof *wids);
	wnames = calloc((size_t)nworkloads, sizeof *wnames);
	if (wids == NULL || wnames == NULL) {
		free(wids);
		free(wnames);
		return ft_fail(ft, FT_DBERR, "out of memory");
	}
	if ((rc = db_begin_write(ft)) != FT_OK)
		goto cleanup;
	rc = rules_check_writer(ft, "adding a subscription", role, sizeof role);
	if (rc == FT_OK)
		rc = lookup_id(ft, LOOKUP_CUSTOMER, customer, &cid, cname);
	if (rc == FT_OK)
		rc = find_subscription(ft, code, &sid, &owner, stored);
	/* an existing subscription is named as it was stored */
	if (rc == FT_OK && sid != 0)
		code = stored;
	if (rc == FT_OK && sid != 0 && owner != cid)
		rc = ft_fail(ft, FT_REFUSED, "subscription '%s' belongs to "
			     "another customer", code);
	existing = sid != 0;
	for (int i = 0; rc == FT_OK && i < nworkloads; i++)
		rc = lookup_id(ft, LOOKUP_WORKLOAD, workloads[i], &wids[i],
			       wnames[i]);
	for (int i = 0; rc == FT_OK && i < nworkloads; i++)
		for (int j = 0; j < i; j++)
			if (wids[i] == wids[j])
				rc = ft_fail(ft, FT_REFUSED, "workload '%s' is "
					     "given twice", workloads[i]);
	if (rc == FT_OK && !existing)
		rc = insert_subscription(ft, cid, code, &sid);
	if (rc != FT_OK)
		goto finish;

	/* the workloads, then the summary in each language */
	what = strbuf_new();
	for (int i = 0; i < nworkloads; i++)
		strbuf_addf(what, "%s%s", i ? ", " : "", wnames[i]);
	ref.customer_id = cid;
	ref.subscription_id = sid;
	ref.workload_id = nworkloads == 1 ? wids[0] : 0;
	ref.role = role;
	if (strbuf_failed(what))
		rc = ft_fail(ft, FT_DBERR, "out of memory");
	if (rc == FT_OK) {
		const char *list = strbuf_value(what);
		const char *const args[2][4] = {{cname, code, list},
						{cname, code, list}};

		rc = audit_begin_text(ft, &ref, existing
				      ? "what.subscription_gains"
				      : "what.subscription_added", args, 3, &cs);
	}
	if (rc == FT_OK && !existing)
		rc = audit_change(ft, cs, "subscription", sid, "code", NULL, code);
	if (rc == FT_OK && !existing)
		rc = audit_change(ft, cs, "subscription", sid, "customer", NULL,
				  cname);
	for (int i = 0; rc == FT_OK && i < nworkloads; i++) {
		rc = insert_entitlement(ft, sid, wids[i], role, &eid);
		if (rc == FT_OK && eid == 0)
			rc = ft_fail(ft, FT_REFUSED, "subscription '%s' already "
				     "has workload '%s'", code, workloads[i]);
		if (rc == FT_OK)
			rc = audit_change(ft, cs, "entitlement", eid,
					  "subscription", NULL, code);
		if (rc == FT_OK)
			rc = audit_change(ft, cs, "entitlement", eid, "workload",
					  NULL, wnames[i]);
		if (rc == FT_OK)
			rc = audit_change(ft, cs, "entitlement", eid, "l1", NULL,
					  "status_unknown");
		if (rc == FT_OK)
			rc = audit_change(ft, cs, "entitlement", eid, "l2", NULL,
					  "new_subscription_or_workload");
	}
finish:
	rc = db_end_write(ft, rc);
cleanup:
	free(strbuf_finish(what));
	free(wids);
	free(wnames);
	return rc;
}
