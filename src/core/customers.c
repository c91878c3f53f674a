/* Customers: adding, listing, showing, and the move to the delivery phase. */
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include "audit.h"
#include "db.h"
#include "entitlement.h"
#include "json.h"
#include "lookup.h"
#include "rules_engine.h"
#include "texts.h"
#include "ftrack/records.h"
#include "ftrack/text.h"

int ft_customer_add(struct ft *ft, const char *name, const char *tenant,
		    int managed)
{
	struct db_stmt *st = NULL;
	char clock[21];
	char actor_role[16];
	struct audit_ref ref = {0};
	const char *why = text_check_new_name(name);
	int64_t id, cs;
	int rc;

	if (why != NULL)
		return ft_fail(ft, FT_REFUSED, "invalid customer name: %s", why);
	if (tenant != NULL && (why = text_check_new_name(tenant)) != NULL)
		return ft_fail(ft, FT_REFUSED, "invalid tenant id: %s", why);
	if ((rc = db_begin_write(ft)) != FT_OK)
		return rc;
	rc = rules_check_writer(ft, "adding a customer", actor_role,
				sizeof actor_role);
	ref.role = actor_role;
	if (rc == FT_OK)
		rc = lookup_name_free(ft, LOOKUP_CUSTOMER, name);
	if (rc == FT_OK && tenant != NULL)
		rc = db_prepare(ft, &st, "SELECT name FROM customer "
				"WHERE tenant_key = :tenant_key");
	if (rc == FT_OK && tenant != NULL) {
		int step = db_bind_key(ft, st, ":tenant_key", tenant) == FT_OK
			   ? db_step(ft, st) : -1;

		if (step == DB_ROW)
			rc = ft_fail(ft, FT_REFUSED, "tenant '%s' already "
				     "belongs to customer '%s'", tenant,
				     db_col_text(st, 0));
		else if (step < 0)
			rc = FT_DBERR;
		db_release(st);
	}
	if (rc == FT_OK)
		rc = db_prepare(ft, &st, "INSERT INTO customer (name, name_key, "
				"tenant, tenant_key, managed, created_at) "
				"VALUES (:name, :name_key, :tenant, "
				":tenant_key, :managed, :at) RETURNING id");
	if (rc == FT_OK) {
		db_bind_text(ft, st, ":name", name);
		rc = db_bind_key(ft, st, ":name_key", name);
		db_bind_text(ft, st, ":tenant", tenant);
		if (rc == FT_OK)
			rc = db_bind_key(ft, st, ":tenant_key", tenant);
		if (managed >= 0)
			db_bind_int(ft, st, ":managed", managed);
		else
			db_bind_text(ft, st, ":managed", NULL);
		db_bind_text(ft, st, ":at", ft_clock(ft, clock));
		if (rc == FT_OK && db_step(ft, st) == DB_ROW)
			id = db_col_int(st, 0);
		else
			rc = FT_DBERR;
		db_release(st);
	}
	if (rc == FT_OK) {
		ref.customer_id = id;
		const char *const args[2][4] = {{name}, {name}};

		rc = audit_begin_text(ft, &ref, "what.customer_added", args, 1,
				      &cs);
	}
	if (rc == FT_OK)
		rc = audit_change(ft, cs, "customer", id, "name", NULL, name);
	if (rc == FT_OK && tenant != NULL)
		rc = audit_change(ft, cs, "customer", id, "tenant", NULL, tenant);
	if (rc == FT_OK && managed >= 0)
		rc = audit_change(ft, cs, "customer", id, "managed", NULL,
				  managed ? "1" : "0");
	if (rc == FT_OK)
		rc = audit_change(ft, cs, "customer", id, "phase", NULL,
				  "assignment");
	return db_end_write(ft, rc);
}

/* The listing's FROM and filters: a delivery FM's, a phase's. */
#define CUSTOMERS_FROM \
	" FROM customer c LEFT JOIN app_user u ON u.id = c.delivery_fm " \
	"WHERE (CAST(:fm AS BIGINT) IS NULL OR c.delivery_fm = :fm) " \
	"AND (CAST(:phase AS TEXT) IS NULL OR c.phase = :phase) " \
	"ORDER BY c.name"
static const char CUSTOMERS_JSON[] =
	"SELECT c.name, c.tenant, c.managed, c.phase, u.name, "
	"(SELECT count(*) FROM subscription s WHERE s.customer_id = c.id)"
	CUSTOMERS_FROM;
static const char *const CUSTOMERS_HEADS[] = {"col.customer", "col.tenant",
	"col.managed", "col.phase", "col.delivery_fm", "col.subscriptions"};
static const char CUSTOMERS_TABLE[] =
	"SELECT c.name, c.tenant, CASE c.managed WHEN 1 THEN tr('ui.yes') "
	"WHEN 0 THEN tr('ui.no') END, tr('phase.' || c.phase), u.name, "
	"(SELECT count(*) FROM subscription s WHERE s.customer_id = c.id)"
	CUSTOMERS_FROM;

/* The managed flag: true, false, or null when not known. */
static void json_key_flag(struct json *j, const char *key,
			  struct db_stmt *st, int col)
{
	if (db_col_null(st, col))
		json_key_null(j, key);
	else
		json_key_bool(j, key, db_col_int(st, col) == 1);
}

/* A row of CUSTOMERS_JSON as its JSON object, to fn. */
static int customer_row_json(struct ft *ft, struct db_stmt *st,
			     ft_row_fn fn, void *arg)
{
	struct json j;
	int rc;

	json_init(&j, strbuf_new());
	json_object_open(&j);
	json_key_text(&j, "customer", db_col_text(st, 0));
	json_key_text(&j, "tenant", db_col_text(st, 1));
	json_key_flag(&j, "managed", st, 2);
	json_key_text(&j, "phase", db_col_text(st, 3));
	json_key_text(&j, "delivery_fm", db_col_text(st, 4));
	json_key_int(&j, "subscriptions", db_col_int(st, 5));
	json_object_close(&j);
	rc = json_emit(ft, &j, fn, arg);
	free(strbuf_finish(j.out));
	return rc;
}

int ft_customer_list(struct ft *ft, const struct ft_customer_filter *f,
		     enum ft_shape shape, ft_row_fn fn, void *arg)
{
	struct db_stmt *st = NULL;
	char phase[16] = "";
	int64_t fm = 0;
	int rc = FT_OK, step = DB_DONE;

	if (f != NULL && f->delivery_fm != NULL)
		rc = lookup_id(ft, LOOKUP_USER, f->delivery_fm, &fm, NULL);
	if (rc == FT_OK && f != NULL && f->phase != NULL)
		rc = lookup_code(ft, "--phase", f->phase, "SELECT 1 FROM label "
				 "WHERE kind = 'phase' AND code = :code",
				 "SELECT code FROM label WHERE kind = 'phase' "
				 "ORDER BY code", phase, sizeof phase);
	if (rc == FT_OK)
		rc = db_prepare(ft, &st, shape == FT_SHAPE_JSON ? CUSTOMERS_JSON
				: CUSTOMERS_TABLE);
	if (rc != FT_OK)
		return rc;
	db_bind_id(ft, st, ":fm", fm);
	db_bind_text(ft, st, ":phase", phase[0] ? phase : NULL);
	if (shape == FT_SHAPE_JSON) {
		while (rc == FT_OK && (step = db_step(ft, st)) == DB_ROW)
			rc = customer_row_json(ft, st, fn, arg);
		if (rc == FT_OK && step < 0)
			rc = FT_DBERR;
	} else {
		const char *names[6];

		texts_names(ft, CUSTOMERS_HEADS, 6, names);
		rc = db_emit_all_named(ft, st, names, fn, arg);
	}
	db_release(st);
	return rc;
}

int ft_customer_fields(struct ft *ft, const char *name, ft_row_fn fn,
		       void *arg)
{
	struct db_stmt *st = NULL;
	int64_t id;
	int rc = lookup_id(ft, LOOKUP_CUSTOMER, name, &id, NULL);

	if (rc == FT_OK)
		rc = db_prepare(ft, &st,
			"SELECT c.name, c.tenant, CASE c.managed WHEN 1 THEN "
			"tr('ui.yes') WHEN 0 THEN tr('ui.no') END, "
			"tr('phase.' || c.phase), u.name "
			"FROM customer c LEFT JOIN app_user u ON u.id = c.delivery_fm "
			"WHERE c.id = :id");
	if (rc != FT_OK)
		return rc;
	{
		static const char *const heads[] = {"col.customer", "col.tenant",
			"col.managed", "col.phase", "col.delivery_fm"};
		const char *names[5];

		texts_names(ft, heads, 5, names);
		db_bind_int(ft, st, ":id", id);
		rc = db_emit_all_named(ft, st, names, fn, arg);
	}
	db_release(st);
	return rc;
}

int ft_entitlement_list(struct ft *ft, const char *customer, ft_row_fn fn,
			void *arg)
{
	struct db_stmt *st = NULL;
	int64_t id;
	int rc = lookup_id(ft, LOOKUP_CUSTOMER, customer, &id, NULL);

	if (rc == FT_OK)
		rc = db_prepare(ft, &st,
			"SELECT s.code, w.name, tr('l1.' || e.l1), tr('l2.' || e.l2), "
			"e.l3, tr('service_status.' || e.service_status), "
			"tr('engagement_scenario.' || e.engagement_scenario), "
			"e.target_date, tr('role.' || e.owner), e.notes, "
			"CASE WHEN e.next_action IS NOT NULL THEN "
			" coalesce(e.next_action_date, tr('ui.tbd')) "
			" ELSE e.next_action_date END, "
			"tr('next_action.' || e.next_action), e.scenario, "
			"(SELECT tr('validated_with.' || d.validated_with) "
			" FROM declaration d WHERE d.id = e.declaration_id), "
			"e.updated_by || coalesce(' (' || tr('role.' || "
			" e.updated_role) || ')', ''), e.updated_at "
			"FROM entitlement e "
			"JOIN subscription s ON s.id = e.subscription_id "
			"JOIN workload w ON w.id = e.workload_id "
			"WHERE s.customer_id = :id ORDER BY s.code, w.name");
	if (rc != FT_OK)
		return rc;
	{
		static const char *const heads[] = {"col.subscription",
			"col.workload", "col.l1", "col.l2", "col.l3",
			"col.service_status", "col.engagement_scenario",
			"col.target_date", "col.owner", "col.notes",
			"col.next_action_date", "col.next_action", "col.scenario",
			"col.validated_with", "col.updated_by", "col.updated"};
		const char *names[16];

		texts_names(ft, heads, 16, names);
		db_bind_int(ft, st, ":id", id);
		rc = db_emit_all_named(ft, st, names, fn, arg);
	}
	db_release(st);
	return rc;
}

/* The keys of a customer's entitlements in its JSON, in the order of
 * ENTITLEMENTS_JSON's columns. */
static const char *const ENTITLEMENT_KEYS[] = {"subscription", "workload",
	"l1", "l2", "l3", "service_status", "engagement_scenario",
	"target_date", "owner", "notes", "next_action_date", "next_action",
	"updated_by", "updated_role", "updated_at", "scenario",
	"validated_with"};

/* Appends the customer's entitlements to j as an array of objects. */
static int entitlements_json(struct ft *ft, int64_t id, struct json *j)
{
	struct db_stmt *st = NULL;
	int step, rc = db_prepare(ft, &st,
		"SELECT s.code, w.name, e.l1, e.l2, e.l3, e.service_status, "
		"e.engagement_scenario, e.target_date, e.owner, e.notes, "
		"e.next_action_date, e.next_action, e.updated_by, "
		"e.updated_role, e.updated_at, e.scenario, "
		"(SELECT validated_with FROM declaration "
		"WHERE id = e.declaration_id) "
		"FROM entitlement e "
		"JOIN subscription s ON s.id = e.subscription_id "
		"JOIN workload w ON w.id = e.workload_id "
		"WHERE s.customer_id = :id ORDER BY s.code, w.name");

	if (rc != FT_OK)
		return rc;
	db_bind_int(ft, st, ":id", id);
	json_array_open(j);
	while ((step = db_step(ft, st)) == DB_ROW) {
		json_object_open(j);
		for (int c = 0; c < 17; c++)
			json_key_text(j, ENTITLEMENT_KEYS[c], db_col_text(st, c));
		json_object_close(j);
	}
	json_array_close(j);
	db_release(st);
	return step < 0 ? FT_DBERR : FT_OK;
}

int ft_customer_json(struct ft *ft, const char *name, char **json)
{
	struct db_stmt *st = NULL;
	struct json j;
	int64_t id;
	int rc = lookup_id(ft, LOOKUP_CUSTOMER, name, &id, NULL);

	*json = NULL;
	if (rc == FT_OK)
		rc = db_prepare(ft, &st,
			"SELECT c.name, c.tenant, c.managed, c.phase, u.name "
			"FROM customer c LEFT JOIN app_user u ON u.id = c.delivery_fm "
			"WHERE c.id = :id");
	if (rc != FT_OK)
		return rc;
	json_init(&j, strbuf_new());
	db_bind_int(ft, st, ":id", id);
	if (db_step(ft, st) == DB_ROW) {
		json_object_open(&j);
		json_key_text(&j, "customer", db_col_text(st, 0));
		json_key_text(&j, "tenant", db_col_text(st, 1));
		json_key_flag(&j, "managed", st, 2);
		json_key_text(&j, "phase", db_col_text(st, 3));
		json_key_text(&j, "delivery_fm", db_col_text(st, 4));
		json_key(&j, "entitlements");
	} else {
		rc = FT_DBERR;
	}
	db_release(st);
	if (rc == FT_OK)
		rc = entitlements_json(ft, id, &j);
	if (rc == FT_OK) {
		json_object_close(&j);
		if (json_failed(&j))
			rc = ft_fail(ft, FT_DBERR, "out of memory");
	}
	*json = rc == FT_OK ? strbuf_finish(j.out) : NULL;
	if (rc != FT_OK)
		free(strbuf_finish(j.out));
	return rc;
}

/* Closes, in change set cs, the next actions that assigning the delivery FM
 * does (the rule_closes table: scenario 1's Delivery Assignment). */
static int close_actions(struct ft *ft, int64_t cid, int64_t cs,
			 const char *role)
{
	struct ent *before = NULL;
	int n = 0, rc = ent_load(ft, cid, 0, 0, &before, &n);
	struct db_stmt *st = NULL;

	for (int i = 0; rc == FT_OK && i < n; i++) {
		struct ent after = {0};
		int step;

		if (before[i].v[F_NEXT_ACTION] == NULL)
			continue;
		rc = db_prepare(ft, &st, "SELECT 1 FROM rule_closes WHERE "
				"command = 'assign' AND next_action = :action");
		if (rc != FT_OK)
			break;
		db_bind_text(ft, st, ":action", before[i].v[F_NEXT_ACTION]);
		step = db_step(ft, st);
		db_release(st);
		if (step < 0)
			rc = FT_DBERR;
		if (step != DB_ROW)
			continue;
		rc = ent_copy(ft, &after, &before[i]);
		if (rc == FT_OK)
			rc = ent_set(ft, &after, F_NEXT_ACTION, NULL);
		if (rc == FT_OK)
			rc = ent_set(ft, &after, F_NEXT_ACTION_DATE, NULL);
		if (rc == FT_OK)
			rc = ent_save(ft, &before[i], &after, cs,
				      role[0] ? role : NULL);
		ent_free(&after);
	}
	ent_free_all(before, n);
	return rc;
}

int ft_assign(struct ft *ft, const char *customer, const char *delivery_fm,
	      int *changed)
{
	struct db_stmt *st = NULL;
	struct audit_ref ref = {0};
	char phase[16] = "", old_fm[FT_NAME_MAX + 1];
	char cname[FT_NAME_MAX + 1], uname[FT_NAME_MAX + 1], role[16] = "";
	char actor_role[16] = "";
	int new_active = 1, old_active = 1;
	struct rule_subject subject = {0};
	int64_t cid, uid, old_uid = 0, cs;
	int rc;

	*changed = 0;
	if ((rc = db_begin_write(ft)) != FT_OK)
		return rc;
	rc = lookup_id(ft, LOOKUP_CUSTOMER, customer, &cid, cname);
	if (rc == FT_OK)
		rc = lookup_id(ft, LOOKUP_USER, delivery_fm, &uid, uname);
	if (rc == FT_OK)
		rc = db_prepare(ft, &st,
			"SELECT c.phase, c.delivery_fm, coalesce(u.name, ''), "
			"(SELECT role FROM app_user WHERE id = :uid), "
			"(SELECT active FROM app_user WHERE id = :uid), "
			"coalesce(u.active, 1) "
			"FROM customer c LEFT JOIN app_user u ON u.id = c.delivery_fm "
			"WHERE c.id = :cid");
	if (rc == FT_OK) {
		db_bind_int(ft, st, ":cid", cid);
		db_bind_int(ft, st, ":uid", uid);
		if (db_step(ft, st) == DB_ROW) {
			snprintf(phase, sizeof phase, "%s", db_col_text(st, 0));
			old_uid = db_col_int(st, 1);
			snprintf(old_fm, sizeof old_fm, "%s", db_col_text(st, 2));
			snprintf(role, sizeof role, "%s", db_col_text(st, 3));
			new_active = (int)db_col_int(st, 4);
			old_active = (int)db_col_int(st, 5);
		} else {
			rc = FT_DBERR;
		}
		db_release(st);
	}
	if (rc == FT_OK && strcmp(role, "delivery_fm") != 0)
		rc = ft_fail(ft, FT_REFUSED, "user '%s' is not a delivery FM "
			     "(role %s); register one with 'ftrack user add "
			     "<name> --role delivery-fm'", uname, role);
	if (rc == FT_OK && !new_active)
		rc = ft_fail(ft, FT_REFUSED, "user '%s' was deactivated", uname);
	if (rc != FT_OK || old_uid == uid)
		return db_end_write(ft, rc);
	/* who assigns: the one who updates in the customer's phase; when
	 * its delivery FM was deactivated, the one of the assignment phase
	 * hands the customer on */
	subject.customer_id = cid;
	subject.customer = cname;
	rc = rules_subject(ft, &subject);
	if (rc == FT_OK && !old_active)
		snprintf(subject.phase, sizeof subject.phase, "assignment");
	if (rc == FT_OK)
		rc = rules_check_actor(ft, &subject, actor_role,
				       sizeof actor_role);
	ref.role = actor_role;
	if (rc != FT_OK)
		return db_end_write(ft, rc);
	rc = db_prepare(ft, &st, "UPDATE customer SET phase = 'delivery', "
			"delivery_fm = :uid WHERE id = :cid");
	if (rc == FT_OK) {
		db_bind_int(ft, st, ":uid", uid);
		db_bind_int(ft, st, ":cid", cid);
		rc = db_run(ft, st);
		db_release(st);
	}
	if (rc == FT_OK) {
		char *what[2];

		ref.customer_id = cid;
		for (int l = 0; l < 2; l++) {
			const char *args[2] = {cname, uname};
			char *head = texts_fill(ft, "what.assigned",
						audit_langs[l], args, 2);

			what[l] = head ? str_printf("%s%s", head, old_uid ? ""
				: texts_get(ft, "what.delivery_phase",
					    audit_langs[l])) : NULL;
			free(head);
		}
		rc = what[0] && what[1]
			? audit_begin(ft, &ref, what[0], what[1], &cs)
			: ft_fail(ft, FT_DBERR, "out of memory");
		free(what[0]);
		free(what[1]);
	}
	if (rc == FT_OK && strcmp(phase, "delivery") != 0)
		rc = audit_change(ft, cs, "customer", cid, "phase", phase,
				  "delivery");
	if (rc == FT_OK)
		rc = audit_change(ft, cs, "customer", cid, "delivery_fm",
				  old_uid ? old_fm : NULL, uname);
	if (rc == FT_OK)
		rc = close_actions(ft, cid, cs, actor_role);
	if (rc == FT_OK)
		*changed = 1;
	return db_end_write(ft, rc);
}
