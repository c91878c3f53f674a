/* Undoing a change set: a new change set restores the old values. History
 * is never deleted, and a revert is itself a change set that can be
 * reverted. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "db.h"
#include "entitlement.h"
#include "rules_engine.h"
#include "undo.h"
#include "texts.h"
#include "ftrack/history.h"
#include "ftrack/text.h"

static void changes_free(struct change *c, int n)
{
	for (int i = 0; i < n; i++) {
		free(c[i].entity);
		free(c[i].field);
		free(c[i].old_value);
		free(c[i].new_value);
	}
	free(c);
}

static int load_changes(struct ft *ft, int64_t id, struct change **out, int *n)
{
	struct db_stmt *st = NULL;
	struct change *list = NULL;
	int rc = db_prepare(ft, &st, "SELECT entity, entity_id, field, "
			    "old_value, new_value FROM change WHERE "
			    "changeset_id = :id ORDER BY id"), step, count = 0;

	*out = NULL;
	*n = 0;
	if (rc != FT_OK)
		return rc;
	db_bind_int(ft, st, ":id", id);
	while ((step = db_step(ft, st)) == DB_ROW) {
		struct change *grown = realloc(list, (size_t)(count + 1) *
					       sizeof *grown);
		const char *old_value = db_col_text(st, 3);
		const char *new_value = db_col_text(st, 4);

		if (grown == NULL) {
			rc = ft_fail(ft, FT_DBERR, "out of memory");
			break;
		}
		list = grown;
		list[count].entity = strdup(db_col_text(st, 0));
		list[count].entity_id = db_col_int(st, 1);
		list[count].field = strdup(db_col_text(st, 2));
		list[count].old_value = old_value ? strdup(old_value) : NULL;
		list[count].new_value = new_value ? strdup(new_value) : NULL;
		count++;
	}
	db_release(st);
	if (rc == FT_OK && step < 0)
		rc = FT_DBERR;
	*out = list;
	*n = count;
	return rc;
}

/* Refuses when a later change set changed one of the same fields, or the
 * status of one of the same entitlements: the values being restored
 * belonged to a status that has since been left. */
static int check_later(struct ft *ft, int64_t id)
{
	struct db_stmt *st = NULL;
	int rc = db_prepare(ft, &st,
		"SELECT min(later.changeset_id) FROM change later "
		"JOIN change ch ON ch.changeset_id = :id "
		"AND ch.entity = later.entity AND ch.entity_id = later.entity_id "
		"AND (ch.field = later.field OR (later.entity = 'entitlement' "
		"AND later.field IN ('l1', 'scenario'))) "
		"WHERE later.changeset_id > :id");

	if (rc != FT_OK)
		return rc;
	db_bind_int(ft, st, ":id", id);
	if (db_step(ft, st) != DB_ROW)
		rc = FT_DBERR;
	else if (!db_col_null(st, 0))
		rc = ft_fail(ft, FT_REFUSED, "change set %lld cannot be reverted: "
			     "change set %lld changed the same fields or "
			     "status later (revert that one first)", (long long)id,
			     (long long)db_col_int(st, 0));
	db_release(st);
	return rc;
}

/* Restores one entitlement's fields from the change set. */
static int revert_entitlement(struct ft *ft, int64_t eid,
			      const struct change *c, int n, int64_t cs,
			      const char *role)
{
	struct ent before = {0}, after = {0};
	int rc = ent_load_id(ft, eid, &before);

	if (rc == FT_OK)
		rc = ent_copy(ft, &after, &before);
	for (int i = 0; rc == FT_OK && i < n; i++) {
		int f;

		if (strcmp(c[i].entity, "entitlement") != 0 ||
		    c[i].entity_id != eid)
			continue;
		if ((f = ent_field_index(c[i].field)) >= 0)
			rc = ent_set(ft, &after, f, c[i].old_value);
		else if (strcmp(c[i].field, "scenario") == 0)
			snprintf(after.scenario, sizeof after.scenario, "%s",
				 c[i].old_value ? c[i].old_value : "");
		else if (strcmp(c[i].field, "declaration") == 0)
			after.declaration = c[i].old_value
				? strtoll(c[i].old_value, NULL, 10) : 0;
	}
	/* No Intent is reached only by a declaration. */
	if (rc == FT_OK && strcmp(after.v[F_L1], "no_intent") == 0 &&
	    strcmp(before.v[F_L1], "no_intent") != 0)
		rc = ft_fail(ft, FT_REFUSED, "the revert would put %s (%s) back "
			     "into No Intent, which only a declaration does "
			     "('ftrack declare --no-intent')", before.workload,
			     before.subscription);
	if (rc == FT_OK)
		rc = ent_save(ft, &before, &after, cs, role);
	ent_free(&before);
	ent_free(&after);
	return rc;
}

/* Whether customer id is there (a revert may put back a removed one). */
static bool customer_exists(struct ft *ft, int64_t id)
{
	struct db_stmt *st = NULL;
	bool there = false;

	if (db_prepare(ft, &st, "SELECT 1 FROM customer WHERE id = :id") !=
	    FT_OK)
		return false;
	db_bind_int(ft, st, ":id", id);
	there = db_step(ft, st) == DB_ROW;
	db_release(st);
	return there;
}

/* The name of customer id into out. */
static int customer_name(struct ft *ft, int64_t id, char *out, size_t len)
{
	struct db_stmt *st = NULL;
	int rc = db_prepare(ft, &st, "SELECT name FROM customer WHERE id = :id");

	if (rc != FT_OK)
		return rc;
	db_bind_int(ft, st, ":id", id);
	if (db_step(ft, st) == DB_ROW)
		snprintf(out, len, "%s", db_col_text(st, 0));
	else
		rc = ft_fail(ft, FT_DBERR, "no customer %lld", (long long)id);
	db_release(st);
	return rc;
}

/* Refuses when the service of entitlement eid would have more than one L2
 * or L3 among its No Intent entitlements. */
static int check_one_l2(struct ft *ft, int64_t eid)
{
	struct db_stmt *st = NULL;
	int rc = db_prepare(ft, &st,
		"SELECT count(DISTINCT coalesce(e.l2, '')), "
		"count(DISTINCT coalesce(e.l3, '')), w.name FROM entitlement x "
		"JOIN subscription xs ON xs.id = x.subscription_id "
		"JOIN subscription s ON s.customer_id = xs.customer_id "
		"JOIN entitlement e ON e.subscription_id = s.id "
		"AND e.workload_id = x.workload_id AND e.l1 = 'no_intent' "
		"JOIN workload w ON w.id = x.workload_id WHERE x.id = :id "
		"GROUP BY w.id, w.name");

	if (rc != FT_OK)
		return rc;
	db_bind_int(ft, st, ":id", eid);
	if (db_step(ft, st) == DB_ROW && ((int)db_col_int(st, 0) > 1 ||
					      (int)db_col_int(st, 1) > 1))
		rc = ft_fail(ft, FT_REFUSED, "the revert would leave the No "
			     "Intent service %s with two L2s or L3s; a No Intent "
			     "service has one (declare it again instead)",
			     db_col_text(st, 2));
	db_release(st);
	return rc;
}

/* A revert may not make a customer's delivery FM someone who may not be
 * one (deactivated, or no longer a delivery FM), which `assign` and `user
 * set` refuse: sql, on :id, gives that user's name and active flag. */
static int check_fm_now(struct ft *ft, const char *sql, int64_t id)
{
	struct db_stmt *st = NULL;
	int rc = db_prepare(ft, &st, sql);

	if (rc != FT_OK)
		return rc;
	db_bind_int(ft, st, ":id", id);
	if (db_step(ft, st) == DB_ROW)
		rc = ft_fail(ft, FT_REFUSED, "change set cannot be reverted: "
			     "'%s' would be a customer's delivery FM while %s",
			     db_col_text(st, 0), (int)db_col_int(st, 1)
			     ? "not a delivery FM" : "deactivated");
	db_release(st);
	return rc;
}

/* Restores a customer's phase and delivery FM together (the schema checks
 * that they agree). */
static int revert_customer(struct ft *ft, int64_t cid, const struct change *c,
			   int n, int64_t cs)
{
	struct db_stmt *st = NULL;
	char phase[16] = "", fm[256] = "";
	bool has_phase = false, has_fm = false, fm_null = false;
	int rc;

	rc = db_prepare(ft, &st, "SELECT c.phase, u.name FROM customer c "
			"LEFT JOIN app_user u ON u.id = c.delivery_fm "
			"WHERE c.id = :id");
	if (rc != FT_OK)
		return rc;
	db_bind_int(ft, st, ":id", cid);
	if (db_step(ft, st) == DB_ROW) {
		snprintf(phase, sizeof phase, "%s", db_col_text(st, 0));
		snprintf(fm, sizeof fm, "%s", db_col_text(st, 1) ? db_col_text(st, 1)
								: "");
	}
	db_release(st);
	for (int i = 0; i < n; i++) {
		if (strcmp(c[i].entity, "customer") != 0 || c[i].entity_id != cid)
			continue;
		if (strcmp(c[i].field, "phase") == 0) {
			rc = audit_change(ft, cs, "customer", cid, "phase", phase,
					  c[i].old_value);
			snprintf(phase, sizeof phase, "%s", c[i].old_value);
			has_phase = true;
		} else if (strcmp(c[i].field, "delivery_fm") == 0) {
			rc = audit_change(ft, cs, "customer", cid, "delivery_fm",
					  fm[0] ? fm : NULL, c[i].old_value);
			fm_null = c[i].old_value == NULL;
			snprintf(fm, sizeof fm, "%s",
				 c[i].old_value ? c[i].old_value : "");
			has_fm = true;
		} else {
			rc = record_set_field(ft, "customer", cid, c[i].field,
					      c[i].old_value, cs);
		}
		if (rc != FT_OK)
			return rc;
	}
	if (!has_phase && !has_fm)
		return FT_OK;
	rc = db_prepare(ft, &st, "UPDATE customer SET phase = :phase, "
			"delivery_fm = (SELECT id FROM app_user WHERE "
			"name_key = :fm_key AND lower(name) = :fm_nocase) "
			"WHERE id = :id");
	if (rc != FT_OK)
		return rc;
	db_bind_text(ft, st, ":phase", phase);
	db_bind_key(ft, st, ":fm_key", fm_null || fm[0] == '\0' ? NULL : fm);
	db_bind_nocase(ft, st, ":fm_nocase", fm_null || fm[0] == '\0' ? NULL
			: fm);
	db_bind_int(ft, st, ":id", cid);
	rc = db_run(ft, st);
	db_release(st);
	if (rc != FT_OK)
		return ft_fail(ft, FT_REFUSED, "change set cannot be reverted: the "
			       "customer's phase and delivery FM would disagree");
	return has_fm ? check_fm_now(ft, "SELECT u.name, u.active FROM customer c "
				     "JOIN app_user u ON u.id = c.delivery_fm "
				     "WHERE c.id = :id AND (u.active = 0 OR "
				     "u.role <> 'delivery_fm')", cid) : FT_OK;
}

/* Restores a user's changed fields. A user stays a delivery FM while a
 * customer names them, as `user set` requires. */
static int revert_user(struct ft *ft, int64_t uid, const struct change *c,
		       int n, int64_t cs)
{
	int rc = FT_OK;

	for (int i = 0; rc == FT_OK && i < n; i++)
		if (strcmp(c[i].entity, "user") == 0 && c[i].entity_id == uid)
			rc = record_set_field(ft, "user", uid, c[i].field,
					      c[i].old_value, cs);
	if (rc == FT_OK)
		rc = check_fm_now(ft, "SELECT u.name, 1 FROM app_user u WHERE "
				  "u.id = :id AND u.role <> 'delivery_fm' AND "
				  "EXISTS (SELECT 1 FROM customer WHERE "
				  "delivery_fm = u.id)", uid);
	return rc;
}

/* Undoes what change set id did to the record of row c[i]: removes it if
 * the change set added it, puts it back if it removed it, else restores
 * its fields. */
static int revert_record(struct ft *ft, int64_t id, const struct change *c,
			 int n, int i, int64_t cs, const char *role)
{
	const char *entity = c[i].entity;
	int64_t rid = c[i].entity_id;

	switch (record_fate(c, n, entity, rid)) {
	case RECORD_ADDED:
		return record_remove(ft, entity, rid, id, cs);
	case RECORD_REMOVED:
		return record_restore(ft, entity, rid, c, n, id, cs, role);
	default:
		break;
	}
	if (strcmp(entity, "entitlement") == 0)
		return revert_entitlement(ft, rid, c, n, cs, role);
	if (strcmp(entity, "customer") == 0)
		return revert_customer(ft, rid, c, n, cs);
	if (strcmp(entity, "user") == 0)
		return revert_user(ft, rid, c, n, cs);
	/* a subscription's customer is its customer's name: it comes back
	 * with the customer's */
	if (strcmp(entity, "subscription") == 0)
		return FT_OK;
	return ft_fail(ft, FT_REFUSED, "ftrack cannot revert a change of %s",
		       entity);
}

/* A value the revert would put back that a record made since holds: a
 * name, a tenant, a subscription id, the entitlement itself. Said as a
 * refusal, naming what is taken, rather than as a database error. */
static int taken_since(struct ft *ft, int64_t id)
{
	static const struct {
		const char *constraint, *what;
	} taken[] = {
		{"customer.name_key", "a customer has its name"},
		{"customer.tenant_key", "a customer has its tenant"},
		{"app_user.name_key", "a user has its name"},
		{"workload.name_key", "a workload has its name"},
		{"subscription.code_key", "a subscription has its id"},
		{"entitlement.subscription_id", "the subscription has that "
		 "workload again"},
	};
	const char *key = db_fault_key(ft);

	for (size_t i = 0; i < sizeof taken / sizeof taken[0]; i++)
		if (strcmp(key, taken[i].constraint) == 0)
			return ft_fail(ft, FT_REFUSED, "change set %lld cannot "
				       "be reverted: what it would put back is "
				       "taken since (%s now)", (long long)id,
				       taken[i].what);
	return ft_fail(ft, FT_REFUSED, "change set %lld cannot be reverted: "
		       "what it would put back is taken since", (long long)id);
}

int ft_revert(struct ft *ft, int64_t id, int64_t *revert_id)
{
	struct db_stmt *st = NULL;
	struct audit_ref ref = {0};
	struct rule_subject subject = {0};
	struct change *c = NULL;
	char *what = NULL, *what_es = NULL, role[16] = "";
	char cname[FT_NAME_MAX + 1] = "";
	bool had_writers = false;
	int n = 0, rc;

	*revert_id = 0;
	if ((rc = db_begin_write(ft)) != FT_OK)
		return rc;
	rc = db_prepare(ft, &st, "SELECT what, customer_id, workload_id, "
			"subscription_id, coalesce(what_es, what) FROM changeset "
			"WHERE id = :id");
	if (rc == FT_OK) {
		db_bind_int(ft, st, ":id", id);
		if (db_step(ft, st) == DB_ROW) {
			char num[24];
			const char *en[2] = {num, db_col_text(st, 0)};
			const char *es[2] = {num, db_col_text(st, 4)};

			snprintf(num, sizeof num, "%lld", (long long)id);
			what = texts_fill(ft, "what.revert", audit_langs[0], en,
					  2);
			what_es = texts_fill(ft, "what.revert", audit_langs[1],
					     es, 2);
			ref.customer_id = db_col_int(st, 1);
			ref.workload_id = db_col_int(st, 2);
			ref.subscription_id = db_col_int(st, 3);
		} else {
			rc = ft_fail(ft, FT_REFUSED, "no change set %lld (see "
				     "the Id column of 'ftrack history')",
				     (long long)id);
		}
		db_release(st);
	}
	if (rc == FT_OK && (what == NULL || what_es == NULL))
		rc = ft_fail(ft, FT_DBERR, "out of memory");
	if (rc == FT_OK)
		rc = load_changes(ft, id, &c, &n);
	if (rc == FT_OK)
		rc = check_later(ft, id);
	/* the same check as the change being undone: who may update the
	 * customer in its phase */
	if (rc == FT_OK && ref.customer_id &&
	    customer_exists(ft, ref.customer_id)) {
		subject.customer_id = ref.customer_id;
		rc = customer_name(ft, ref.customer_id, cname, sizeof cname);
		subject.customer = cname;
		if (rc == FT_OK)
			rc = rules_subject(ft, &subject);
		if (rc == FT_OK)
			rc = rules_check_actor(ft, &subject, role, sizeof role);
	} else if (rc == FT_OK) {
		/* a user, a workload, a customer no longer there: the ones
		 * who add records */
		rc = rules_check_writer(ft, "reverting this change set", role,
					sizeof role);
	}
	ref.role = role;
	if (rc == FT_OK)
		rc = rules_has_writer(ft, &had_writers);
	if (rc == FT_OK)
		rc = audit_begin(ft, &ref, what, what_es, revert_id);
	/* Each record once, at its first change, the last first: what was
	 * added after what it belongs to (an entitlement after its
	 * subscription) goes first, what was removed first comes back last. */
	for (int i = n - 1; rc == FT_OK && i >= 0; i--) {
		bool seen = false;

		for (int j = 0; j < i; j++)
			seen |= strcmp(c[j].entity, c[i].entity) == 0 &&
				c[j].entity_id == c[i].entity_id;
		if (seen || strcmp(c[i].entity, "declaration") == 0)
			continue;
		rc = revert_record(ft, id, c, n, i, *revert_id,
				   role[0] ? role : NULL);
	}
	for (int i = 0; rc == FT_OK && i < n; i++)
		if (strcmp(c[i].entity, "entitlement") == 0 &&
		    strcmp(c[i].field, "l2") == 0)
			rc = check_one_l2(ft, c[i].entity_id);
	if (rc == FT_DBERR && db_fault(ft) == DB_FAULT_UNIQUE)
		rc = taken_since(ft, id);
	if (rc == FT_OK)
		rc = rules_keep_a_writer(ft, had_writers);
	rc = db_end_write(ft, rc);
	if (rc != FT_OK)
		*revert_id = 0;
	changes_free(c, n);
	free(what);
	free(what_es);
	return rc;
}
