/* Fixing mistakes: a customer renamed or its tenant and managed set, a
 * user's role changed or a user deactivated, a workload taken off a
 * subscription. Each is audited like any change, revertable, and under
 * the rules' checks of who may write. */
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include "audit.h"
#include "db.h"
#include "entitlement.h"
#include "lookup.h"
#include "rules_engine.h"
#include "undo.h"
#include "texts.h"
#include "ftrack/records.h"
#include "ftrack/text.h"

int ft_customer_rename(struct ft *ft, const char *name, const char *new_name)
{
	struct db_stmt *st = NULL;
	struct audit_ref ref = {0};
	char stored[FT_NAME_MAX + 1], role[16];
	const char *why = text_check_new_name(new_name);
	int64_t id = 0, other = 0, cs;
	int rc;

	if (why != NULL)
		return ft_fail(ft, FT_REFUSED, "invalid customer name: %s", why);
	if ((rc = db_begin_write(ft)) != FT_OK)
		return rc;
	rc = rules_check_writer(ft, "renaming a customer", role, sizeof role);
	if (rc == FT_OK)
		rc = lookup_id(ft, LOOKUP_CUSTOMER, name, &id, stored);
	/* another customer may not have the new name; this one may change
	 * only its case or form */
	if (rc == FT_OK && strcmp(stored, new_name) == 0)
		rc = ft_fail(ft, FT_REFUSED, "customer '%s' is already so named",
			     stored);
	if (rc == FT_OK)
		rc = db_prepare(ft, &st, "SELECT id FROM customer WHERE "
				"name_key = :key AND id <> :id");
	if (rc == FT_OK) {
		db_bind_key(ft, st, ":key", new_name);
		db_bind_int(ft, st, ":id", id);
		if (db_step(ft, st) == DB_ROW)
			other = db_col_int(st, 0);
		db_release(st);
		if (other)
			rc = lookup_name_free(ft, LOOKUP_CUSTOMER, new_name);
	}
	if (rc == FT_OK) {
		const char *const args[2][4] = {{stored, new_name},
						{stored, new_name}};

		ref.customer_id = id;
		ref.role = role;
		rc = audit_begin_text(ft, &ref, "what.customer_renamed", args, 2,
				      &cs);
	}
	if (rc == FT_OK)
		rc = record_set_field(ft, "customer", id, "name", new_name, cs);
	return db_end_write(ft, rc);
}

int ft_customer_set(struct ft *ft, const char *name, const char *tenant,
		    int managed, int *changed)
{
	struct db_stmt *st = NULL;
	struct audit_ref ref = {0};
	char stored[FT_NAME_MAX + 1], role[16], old_tenant[FT_NAME_MAX + 1] = "";
	char old_managed[4] = "", new_managed[4] = "";
	char what[2][3 * FT_NAME_MAX + 96];
	bool had_tenant = false, had_managed = false;
	const char *why;
	int64_t id = 0, cs;
	int rc;

	*changed = 0;
	if (tenant != NULL && (why = text_check_new_name(tenant)) != NULL)
		return ft_fail(ft, FT_REFUSED, "invalid tenant id: %s", why);
	if ((rc = db_begin_write(ft)) != FT_OK)
		return rc;
	rc = rules_check_writer(ft, "changing a customer", role, sizeof role);
	if (rc == FT_OK)
		rc = lookup_id(ft, LOOKUP_CUSTOMER, name, &id, stored);
	if (rc == FT_OK)
		rc = db_prepare(ft, &st, "SELECT tenant, managed FROM customer "
				"WHERE id = :id");
	if (rc == FT_OK) {
		db_bind_int(ft, st, ":id", id);
		if (db_step(ft, st) == DB_ROW) {
			had_tenant = db_col_text(st, 0) != NULL;
			snprintf(old_tenant, sizeof old_tenant, "%s",
				 had_tenant ? db_col_text(st, 0) : "");
			had_managed = !db_col_null(st, 1);
			snprintf(old_managed, sizeof old_managed, "%d",
				 (int)db_col_int(st, 1));
		}
		db_release(st);
	}
	if (managed >= 0)
		snprintf(new_managed, sizeof new_managed, "%d", managed);
	/* a tenant another customer holds is refused */
	if (rc == FT_OK && tenant != NULL)
		rc = db_prepare(ft, &st, "SELECT name FROM customer WHERE "
				"tenant_key = :key AND id <> :id");
	if (rc == FT_OK && tenant != NULL) {
		db_bind_key(ft, st, ":key", tenant);
		db_bind_int(ft, st, ":id", id);
		if (db_step(ft, st) == DB_ROW)
			rc = ft_fail(ft, FT_REFUSED, "tenant '%s' already belongs "
				     "to customer '%s'", tenant,
				     db_col_text(st, 0));
		db_release(st);
	}
	if (rc != FT_OK)
		return db_end_write(ft, rc);
	if (tenant != NULL && !(had_tenant && strcmp(old_tenant, tenant) == 0))
		*changed |= 1;
	if (managed >= 0 && !(had_managed &&
			      strcmp(old_managed, new_managed) == 0))
		*changed |= 2;
	if (*changed == 0)
		return db_end_write(ft, FT_OK);
	{
		ref.customer_id = id;
		ref.role = role;
		for (int l = 0; l < 2; l++) {
			const char *args[1] = {tenant};
			char *t = *changed & 1 ? texts_fill(ft,
				"what.customer_tenant", audit_langs[l], args, 1)
				: NULL;

			snprintf(what[l], sizeof what[l], "%s:%s%s", stored,
				 t ? t : "", *changed & 2 ? texts_get(ft, managed
				 ? "what.customer_managed"
				 : "what.customer_unmanaged", audit_langs[l]) : "");
			free(t);
		}
		rc = audit_begin(ft, &ref, what[0], what[1], &cs);
	}
	if (rc == FT_OK && (*changed & 1))
		rc = record_set_field(ft, "customer", id, "tenant", tenant, cs);
	if (rc == FT_OK && (*changed & 2))
		rc = record_set_field(ft, "customer", id, "managed", new_managed,
				      cs);
	return db_end_write(ft, rc);
}

/* Writes one audited change of a user's field, summarised by what. */
static int change_user(struct ft *ft, int64_t id, const char *field,
		       const char *value, const char *role, const char *key,
		       const char *const args[2][4], int nargs)
{
	struct audit_ref ref = {.role = role};
	int64_t cs;
	int rc = audit_begin_text(ft, &ref, key, args, nargs, &cs);

	if (rc == FT_OK)
		rc = record_set_field(ft, "user", id, field, value, cs);
	return rc;
}

/* The user's id, stored name, role and whether active. */
static int load_user(struct ft *ft, const char *name, int64_t *id,
		     char *stored, char role[16], int *active)
{
	struct db_stmt *st = NULL;
	int rc = lookup_id(ft, LOOKUP_USER, name, id, stored);

	if (rc == FT_OK)
		rc = db_prepare(ft, &st, "SELECT role, active FROM app_user "
				"WHERE id = :id");
	if (rc != FT_OK)
		return rc;
	db_bind_int(ft, st, ":id", *id);
	if (db_step(ft, st) == DB_ROW) {
		snprintf(role, 16, "%s", db_col_text(st, 0));
		*active = (int)db_col_int(st, 1);
	} else {
		rc = FT_DBERR;
	}
	db_release(st);
	return rc;
}

/* The number of customers whose delivery FM the user is. */
static int delivery_customers(struct ft *ft, int64_t id, int64_t *n)
{
	struct db_stmt *st = NULL;
	int rc = db_prepare(ft, &st, "SELECT count(*) FROM customer "
			    "WHERE delivery_fm = :id");

	*n = 0;
	if (rc != FT_OK)
		return rc;
	db_bind_int(ft, st, ":id", id);
	if (db_step(ft, st) == DB_ROW)
		*n = db_col_int(st, 0);
	db_release(st);
	return FT_OK;
}

int ft_user_set_role(struct ft *ft, const char *name, const char *role)
{
	char stored[FT_NAME_MAX + 1], old[16], code[32], actor[16];
	char label[64] = "", label_es[64] = "";
	int64_t id = 0, customers = 0;
	bool had_writers = false;
	int active = 1, rc;

	if ((rc = db_begin_write(ft)) != FT_OK)
		return rc;
	rc = rules_check_writer(ft, "changing a user's role", actor,
				sizeof actor);
	if (rc == FT_OK)
		rc = rules_has_writer(ft, &had_writers);
	if (rc == FT_OK)
		rc = load_user(ft, name, &id, stored, old, &active);
	if (rc == FT_OK)
		rc = lookup_code(ft, "role", role, "SELECT 1 FROM label WHERE "
				 "kind = 'role' AND code = :code", "SELECT code "
				 "FROM label WHERE kind = 'role' ORDER BY code",
				 code, sizeof code);
	if (rc == FT_OK && strcmp(old, code) == 0)
		rc = ft_fail(ft, FT_REFUSED, "user '%s' is already %s", stored,
			     code);
	if (rc == FT_OK)
		rc = delivery_customers(ft, id, &customers);
	if (rc == FT_OK && customers > 0)
		rc = ft_fail(ft, FT_REFUSED, "user '%s' is the delivery FM of %lld "
			     "customer%s; assign them another first ('ftrack "
			     "customer list --delivery-fm %s')", stored,
			     (long long)customers, customers == 1 ? "" : "s",
			     stored);
	if (rc == FT_OK)
		rc = lookup_field_label(ft, "owner", code, audit_langs[0], label,
					sizeof label);
	if (rc == FT_OK)
		rc = lookup_field_label(ft, "owner", code, audit_langs[1],
					label_es,
					sizeof label_es);
	if (rc == FT_OK) {
		const char *const args[2][4] = {{stored, label},
						{stored, label_es}};

		rc = change_user(ft, id, "role", code, actor, "what.user_role",
				 args, 2);
	}
	if (rc == FT_OK)
		rc = rules_keep_a_writer(ft, had_writers);
	return db_end_write(ft, rc);
}

/* The user's e-mail address into out ("" for none). */
static int load_email(struct ft *ft, int64_t id, char *out, size_t len)
{
	struct db_stmt *st = NULL;
	int rc = db_prepare(ft, &st, "SELECT email FROM app_user WHERE "
			    "id = :id");

	out[0] = '\0';
	if (rc != FT_OK)
		return rc;
	db_bind_int(ft, st, ":id", id);
	if (db_step(ft, st) == DB_ROW && db_col_text(st, 0) != NULL)
		snprintf(out, len, "%s", db_col_text(st, 0));
	db_release(st);
	return FT_OK;
}

int ft_user_set_email(struct ft *ft, const char *name, const char *email)
{
	char stored[FT_NAME_MAX + 1], old[256], role[16], actor[16];
	const char *why = text_check_email(email);
	int64_t id = 0;
	int active = 1, rc;

	if (why != NULL)
		return ft_fail(ft, FT_REFUSED, "invalid e-mail address '%s': %s",
			       email, why);
	if ((rc = db_begin_write(ft)) != FT_OK)
		return rc;
	rc = rules_check_writer(ft, "changing a user's e-mail address", actor,
				sizeof actor);
	if (rc == FT_OK)
		rc = load_user(ft, name, &id, stored, role, &active);
	if (rc == FT_OK)
		rc = load_email(ft, id, old, sizeof old);
	if (rc == FT_OK && strcmp(old, email) == 0)
		rc = ft_fail(ft, FT_REFUSED, "user '%s' already has the e-mail "
			     "address '%s'", stored, email);
	if (rc == FT_OK) {
		const char *const args[2][4] = {{stored, email}, {stored, email}};

		rc = change_user(ft, id, "email", email, actor, "what.user_email",
				 args, 2);
	}
	return db_end_write(ft, rc);
}

int ft_user_deactivate(struct ft *ft, const char *name)
{
	char stored[FT_NAME_MAX + 1], old[16], actor[16];
	int64_t id = 0;
	bool had_writers = false;
	int active = 1, rc;

	if ((rc = db_begin_write(ft)) != FT_OK)
		return rc;
	rc = rules_check_writer(ft, "deactivating a user", actor, sizeof actor);
	if (rc == FT_OK)
		rc = rules_has_writer(ft, &had_writers);
	if (rc == FT_OK)
		rc = load_user(ft, name, &id, stored, old, &active);
	if (rc == FT_OK && !active)
		rc = ft_fail(ft, FT_REFUSED, "user '%s' is already deactivated",
			     stored);
	if (rc == FT_OK) {
		const char *const args[2][4] = {{stored}, {stored}};

		rc = change_user(ft, id, "active", "0", actor,
				 "what.user_deactivated", args, 1);
	}
	if (rc == FT_OK)
		rc = rules_keep_a_writer(ft, had_writers);
	return db_end_write(ft, rc);
}

/* True when the entitlement is as a new one starts: Status Unknown / New
 * Subscription or Workload and nothing else set. */
static bool untouched(const struct ent *e)
{
	if (strcmp(e->v[F_L1], "status_unknown") != 0 || e->v[F_L2] == NULL ||
	    strcmp(e->v[F_L2], "new_subscription_or_workload") != 0)
		return false;
	for (int f = F_L3; f < F_COUNT; f++)
		if (e->v[f] != NULL)
			return false;
	return e->scenario[0] == '\0' && e->declaration == 0;
}

int ft_subscription_remove_workload(struct ft *ft, const char *customer,
				    const char *code, const char *workload,
				    bool force)
{
	struct rule_subject subject = {0};
	struct audit_ref ref = {0};
	struct ent *ents = NULL;
	char cname[FT_NAME_MAX + 1], wname[FT_NAME_MAX + 1], role[16] = "";
	int64_t sid = 0, wid = 0, cs;
	int n = 0, rc;

	if ((rc = db_begin_write(ft)) != FT_OK)
		return rc;
	rc = lookup_id(ft, LOOKUP_CUSTOMER, customer, &subject.customer_id,
		       cname);
	subject.customer = cname;
	if (rc == FT_OK)
		rc = lookup_id(ft, LOOKUP_SUBSCRIPTION, code, &sid, NULL);
	if (rc == FT_OK)
		rc = lookup_id(ft, LOOKUP_WORKLOAD, workload, &wid, wname);
	if (rc == FT_OK)
		rc = ent_load(ft, subject.customer_id, wid, sid, &ents, &n);
	if (rc == FT_OK && n == 0)
		rc = ft_fail(ft, FT_REFUSED, "subscription '%s' of '%s' has no "
			     "workload '%s'", code, cname, wname);
	if (rc == FT_OK)
		rc = rules_subject(ft, &subject);
	if (rc == FT_OK)
		rc = rules_check_actor(ft, &subject, role, sizeof role);
	if (rc == FT_OK && !force && !untouched(&ents[0]))
		rc = ft_fail(ft, FT_REFUSED, "'%s' / %s (%s) has a status beyond "
			     "the one it started with; --force removes it all "
			     "the same (audited)", cname, wname, ents[0].subscription);
	if (rc == FT_OK) {
		const char *const args[2][4] = {
			{cname, wname, ents[0].subscription},
			{cname, wname, ents[0].subscription}};

		ref.customer_id = subject.customer_id;
		ref.workload_id = wid;
		ref.subscription_id = sid;
		ref.role = role;
		rc = audit_begin_text(ft, &ref, "what.workload_removed", args, 3,
				      &cs);
	}
	if (rc == FT_OK)
		rc = ent_remove(ft, &ents[0], cs);
	ent_free_all(ents, n);
	return db_end_write(ft, rc);
}
