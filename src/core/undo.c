/* Removing a record a change set added and putting back one it removed:
 * a revert of a record's creation removes it when nothing refers to it
 * since, and a revert of that removal puts it back, with its id. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "db.h"
#include "entitlement.h"
#include "undo.h"

/* Each kind of record: the field whose first value marks its creation,
 * what may refer to it (a query on :id giving a description of the first
 * referrer), its fields as audited (a query on :id giving one row of
 * them, in the order of fields[]), how it is deleted, and how it is put
 * back (named parameters: :id, :at, a parameter per field and, for the
 * fields of keyed[], :field_key with its key, text_fold()). A delivery FM
 * is found by name as SQLite's NOCASE column compares (db_bind_nocase()):
 * :delivery_fm_key and :delivery_fm_nocase. */
struct record_kind {
	const char *entity, *key;
	const char *referrers, *values, *delete_sql, *insert_sql;
	const char *fields[6];
	const char *keyed[3];
};

static const struct record_kind kinds[] = {
	{"customer", "name",
	 "SELECT what FROM (SELECT 1 AS part, id, 'subscription ''' || code "
	 "|| '''' AS what FROM subscription WHERE customer_id = :id "
	 "UNION ALL SELECT 2, id, 'declaration ' || id FROM declaration "
	 "WHERE customer_id = :id) t ORDER BY part, id LIMIT 1",
	 "SELECT c.name, c.tenant, CAST(c.managed AS TEXT), c.phase, u.name "
	 "FROM customer c LEFT JOIN app_user u ON u.id = c.delivery_fm "
	 "WHERE c.id = :id",
	 "DELETE FROM customer WHERE id = :id",
	 "INSERT INTO customer (id, name, name_key, tenant, tenant_key, "
	 "managed, phase, delivery_fm, created_at) VALUES (:id, :name, "
	 ":name_key, :tenant, :tenant_key, CAST(:managed AS INTEGER), "
	 ":phase, (SELECT id FROM app_user WHERE name_key = :delivery_fm_key "
	 "AND lower(name) = :delivery_fm_nocase), :at)",
	 {"name", "tenant", "managed", "phase", "delivery_fm", NULL},
	 {"name", "tenant", NULL}},
	{"user", "name",
	 "SELECT 'customer ''' || name || ''' (its delivery FM)' FROM customer "
	 "WHERE delivery_fm = :id ORDER BY id LIMIT 1",
	 "SELECT name, role, CASE active WHEN 0 THEN '0' END, email "
	 "FROM app_user WHERE id = :id",
	 "DELETE FROM app_user WHERE id = :id",
	 "INSERT INTO app_user (id, name, name_key, role, active, email, "
	 "created_at) VALUES (:id, :name, :name_key, :role, "
	 "coalesce(CAST(:active AS INTEGER), 1), :email, :at)",
	 {"name", "role", "active", "email", NULL}, {"name", NULL}},
	{"subscription", "code",
	 "SELECT what FROM (SELECT 1 AS part, e.workload_id AS id, "
	 "'entitlement of ' || w.name AS what FROM entitlement e "
	 "JOIN workload w ON w.id = e.workload_id WHERE e.subscription_id = :id "
	 "UNION ALL SELECT 2, id, 'declaration ' || id FROM declaration "
	 "WHERE subscription_id = :id) t ORDER BY part, id LIMIT 1",
	 "SELECT s.code, c.name FROM subscription s JOIN customer c "
	 "ON c.id = s.customer_id WHERE s.id = :id",
	 "DELETE FROM subscription WHERE id = :id",
	 "INSERT INTO subscription (id, customer_id, code, code_key, "
	 "created_at) VALUES (:id, (SELECT id FROM customer WHERE name_key = "
	 ":customer_key), :code, :code_key, :at)",
	 {"code", "customer", NULL}, {"code", "customer", NULL}},
	{"workload", "name",
	 "SELECT what FROM (SELECT 1 AS part, e.id, 'an entitlement of "
	 "subscription ''' || s.code || '''' AS what FROM entitlement e "
	 "JOIN subscription s ON s.id = e.subscription_id "
	 "WHERE e.workload_id = :id UNION ALL SELECT 2, id, 'declaration ' "
	 "|| id FROM declaration WHERE workload_id = :id) t "
	 "ORDER BY part, id LIMIT 1",
	 "SELECT name FROM workload WHERE id = :id",
	 "DELETE FROM workload WHERE id = :id",
	 "INSERT INTO workload (id, name, name_key, created_at) VALUES (:id, "
	 ":name, :name_key, :at)",
	 {"name", NULL}, {"name", NULL}},
	{"entitlement", "subscription", NULL, NULL, NULL, NULL, {NULL}, {NULL}},
};

static const struct record_kind *kind_of(const char *entity)
{
	for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
		if (strcmp(kinds[i].entity, entity) == 0)
			return &kinds[i];
	return NULL;
}

enum record_fate record_fate(const struct change *c, int n,
			     const char *entity, int64_t id)
{
	const struct record_kind *k = kind_of(entity);

	for (int i = 0; k != NULL && i < n; i++)
		if (c[i].entity_id == id && strcmp(c[i].entity, entity) == 0 &&
		    strcmp(c[i].field, k->key) == 0) {
			if (c[i].old_value == NULL && c[i].new_value != NULL)
				return RECORD_ADDED;
			if (c[i].old_value != NULL && c[i].new_value == NULL)
				return RECORD_REMOVED;
		}
	return RECORD_CHANGED;
}

/* Refuses when a change set after made_in changed the record, or when
 * something refers to it. */
static int check_unreferenced(struct ft *ft, const struct record_kind *k,
			      int64_t id, int64_t made_in, int64_t cs)
{
	struct db_stmt *st = NULL;
	int rc = db_prepare(ft, &st, "SELECT min(changeset_id) FROM change "
			    "WHERE entity = :entity AND entity_id = :id "
			    "AND changeset_id > :made AND changeset_id <> :cs");

	if (rc != FT_OK)
		return rc;
	db_bind_text(ft, st, ":entity", k->entity);
	db_bind_int(ft, st, ":id", id);
	db_bind_int(ft, st, ":made", made_in);
	db_bind_int(ft, st, ":cs", cs);
	if (db_step(ft, st) == DB_ROW &&
	    !db_col_null(st, 0))
		rc = ft_fail(ft, FT_REFUSED, "change set %lld added %s %lld, and "
			     "change set %lld changed it since (revert that one "
			     "first)", (long long)made_in, k->entity,
			     (long long)id,
			     (long long)db_col_int(st, 0));
	db_release(st);
	if (rc != FT_OK || k->referrers == NULL)
		return rc;
	if ((rc = db_prepare(ft, &st, k->referrers)) != FT_OK)
		return rc;
	db_bind_int(ft, st, ":id", id);
	if (db_step(ft, st) == DB_ROW)
		rc = ft_fail(ft, FT_REFUSED, "change set %lld added %s %lld; it "
			     "cannot be removed while %s refers to it",
			     (long long)made_in, k->entity, (long long)id,
			     db_col_text(st, 0));
	db_release(st);
	return rc;
}

int record_remove(struct ft *ft, const char *entity, int64_t id,
		  int64_t made_in, int64_t cs)
{
	const struct record_kind *k = kind_of(entity);
	struct db_stmt *st = NULL;
	struct ent e = {0};
	char *values[6] = {NULL};
	int rc;

	if (k == NULL)
		return ft_fail(ft, FT_REFUSED, "ftrack cannot remove a %s", entity);
	rc = check_unreferenced(ft, k, id, made_in, cs);
	if (rc == FT_OK && strcmp(entity, "entitlement") == 0) {
		rc = ent_load_id(ft, id, &e);
		if (rc == FT_OK)
			rc = ent_remove(ft, &e, cs);
		ent_free(&e);
		return rc;
	}
	if (rc == FT_OK)
		rc = db_prepare(ft, &st, k->values);
	if (rc != FT_OK)
		return rc;
	db_bind_int(ft, st, ":id", id);
	if (db_step(ft, st) == DB_ROW)
		for (int f = 0; k->fields[f]; f++)
			values[f] = db_col_text(st, f)
				? strdup(db_col_text(st, f)) : NULL;
	db_release(st);
	if ((rc = db_prepare(ft, &st, k->delete_sql)) == FT_OK) {
		db_bind_int(ft, st, ":id", id);
		rc = db_run(ft, st);
		db_release(st);
	}
	for (int f = 0; k->fields[f]; f++) {
		if (rc == FT_OK && values[f] != NULL)
			rc = audit_change(ft, cs, entity, id, k->fields[f],
					  values[f], NULL);
		free(values[f]);
	}
	return rc;
}

/* The old value of field of record (entity, id) in the rows c[0..n). */
static const char *old_value(const struct change *c, int n, const char *entity,
			     int64_t id, const char *field)
{
	for (int i = 0; i < n; i++)
		if (c[i].entity_id == id && strcmp(c[i].entity, entity) == 0 &&
		    strcmp(c[i].field, field) == 0)
			return c[i].old_value;
	return NULL;
}

/* An entitlement removed in No Intent comes back in No Intent only while
 * its service is as it was: once a later change set moved the status or
 * L2 of the service's entitlements, it would bring back a stale No Intent
 * that no declaration stands behind now. */
static int check_service_unmoved(struct ft *ft, const struct ent *e,
				 int64_t removed_in)
{
	struct db_stmt *st = NULL;
	int rc = db_prepare(ft, &st, "SELECT min(ch.changeset_id) FROM change ch "
			    "JOIN entitlement en ON en.id = ch.entity_id "
			    "JOIN subscription s ON s.id = en.subscription_id "
			    "JOIN workload w ON w.id = en.workload_id "
			    "WHERE ch.entity = 'entitlement' AND ch.field IN "
			    "('l1', 'l2') AND ch.changeset_id > :removed AND "
			    "w.name_key = :workload_key AND "
			    "lower(w.name) = :workload_nocase AND "
			    "s.customer_id = (SELECT customer_id FROM subscription "
			    "WHERE code_key = :subscription_key AND "
			    "lower(code) = :subscription_nocase)");

	if (rc != FT_OK)
		return rc;
	db_bind_int(ft, st, ":removed", removed_in);
	db_bind_key(ft, st, ":workload_key", e->workload);
	db_bind_nocase(ft, st, ":workload_nocase", e->workload);
	db_bind_key(ft, st, ":subscription_key", e->subscription);
	db_bind_nocase(ft, st, ":subscription_nocase", e->subscription);
	if (db_step(ft, st) == DB_ROW &&
	    !db_col_null(st, 0))
		rc = ft_fail(ft, FT_REFUSED, "the revert would put %s (%s) back "
			     "in No Intent, but change set %lld moved the "
			     "service since: No Intent needs a declaration "
			     "('ftrack declare')", e->workload, e->subscription,
			     (long long)db_col_int(st, 0));
	db_release(st);
	return rc;
}

/* Puts back an entitlement from its removal's rows. */
static int restore_entitlement(struct ft *ft, int64_t id,
			       const struct change *c, int n,
			       int64_t removed_in, int64_t cs,
			       const char *role)
{
	struct ent e = {0};
	int rc;
	const char *scenario = old_value(c, n, "entitlement", id, "scenario");
	const char *declaration = old_value(c, n, "entitlement", id,
					    "declaration");

	e.id = id;
	e.subscription = (char *)old_value(c, n, "entitlement", id,
					   "subscription");
	e.workload = (char *)old_value(c, n, "entitlement", id, "workload");
	for (int f = 0; f < F_COUNT; f++)
		e.v[f] = (char *)old_value(c, n, "entitlement", id,
					   ent_field_name[f]);
	snprintf(e.scenario, sizeof e.scenario, "%s", scenario ? scenario : "");
	e.declaration = declaration ? strtoll(declaration, NULL, 10) : 0;
	rc = e.v[F_L1] && strcmp(e.v[F_L1], "no_intent") == 0
		? check_service_unmoved(ft, &e, removed_in) : FT_OK;
	/* the values are the change rows': nothing here to free */
	return rc == FT_OK ? ent_restore(ft, &e, cs, role) : rc;
}

/* When record (entity, id) was made: the time of the change set that
 * first gave it its key field, into at (21 bytes). */
static int made_at(struct ft *ft, const struct record_kind *k, int64_t id,
		   char at[21])
{
	struct db_stmt *st = NULL;
	int rc = db_prepare(ft, &st, "SELECT at FROM changeset WHERE id = "
			    "(SELECT min(changeset_id) FROM change WHERE "
			    "entity = :entity AND entity_id = :id AND "
			    "field = :key)");

	if (rc != FT_OK)
		return rc;
	db_bind_text(ft, st, ":entity", k->entity);
	db_bind_int(ft, st, ":id", id);
	db_bind_text(ft, st, ":key", k->key);
	if (db_step(ft, st) == DB_ROW)
		snprintf(at, 21, "%s", db_col_text(st, 0));
	else
		rc = ft_fail(ft, FT_DBERR, "%s %lld has no audit of its making",
			     k->entity, (long long)id);
	db_release(st);
	return rc;
}

int record_restore(struct ft *ft, const char *entity, int64_t id,
		   const struct change *c, int n, int64_t removed_in,
		   int64_t cs, const char *role)
{
	const struct record_kind *k = kind_of(entity);
	struct db_stmt *st = NULL;
	char at[21] = "";
	int rc;

	if (k == NULL)
		return ft_fail(ft, FT_REFUSED, "ftrack cannot restore a %s",
			       entity);
	if (strcmp(entity, "entitlement") == 0)
		return restore_entitlement(ft, id, c, n, removed_in, cs, role);
	rc = made_at(ft, k, id, at);
	if (rc == FT_OK)
		rc = db_prepare(ft, &st, k->insert_sql);
	if (rc != FT_OK)
		return rc;
	db_bind_int(ft, st, ":id", id);
	db_bind_text(ft, st, ":at", at);
	for (int f = 0; k->fields[f]; f++) {
		char param[32];

		/* the delivery FM is bound by key, below */
		if (strcmp(k->fields[f], "delivery_fm") == 0)
			continue;
		snprintf(param, sizeof param, ":%s", k->fields[f]);
		db_bind_text(ft, st, param, old_value(c, n, entity, id,
						      k->fields[f]));
	}
	for (int f = 0; k->keyed[f]; f++) {
		char param[40];

		snprintf(param, sizeof param, ":%s_key", k->keyed[f]);
		db_bind_key(ft, st, param, old_value(c, n, entity, id,
						      k->keyed[f]));
	}
	if (strcmp(entity, "customer") == 0) {
		const char *fm = old_value(c, n, entity, id, "delivery_fm");

		db_bind_key(ft, st, ":delivery_fm_key", fm);
		db_bind_nocase(ft, st, ":delivery_fm_nocase", fm);
	}
	rc = db_run(ft, st);
	db_release(st);
	for (int f = 0; rc == FT_OK && k->fields[f]; f++) {
		const char *v = old_value(c, n, entity, id, k->fields[f]);

		if (v != NULL)
			rc = audit_change(ft, cs, entity, id, k->fields[f], NULL,
					  v);
	}
	return rc;
}

/* The fields a correction or a revert sets on a record that stays: the
 * UPDATE of each (parameters :value and :id). */
static const struct {
	const char *entity, *field, *sql;
} field_updates[] = {
	{"customer", "name", "UPDATE customer SET name = :value, "
	 "name_key = :value_key WHERE id = :id"},
	{"customer", "tenant", "UPDATE customer SET tenant = :value, "
	 "tenant_key = :value_key WHERE id = :id"},
	{"customer", "managed", "UPDATE customer SET managed = "
	 "CAST(:value AS INTEGER) WHERE id = :id"},
	{"user", "role", "UPDATE app_user SET role = :value WHERE id = :id"},
	{"user", "active", "UPDATE app_user SET active = "
	 "coalesce(CAST(:value AS INTEGER), 1) WHERE id = :id"},
	{"user", "email", "UPDATE app_user SET email = :value WHERE id = :id"},
};

int record_set_field(struct ft *ft, const char *entity, int64_t id,
		     const char *field, const char *value, int64_t cs)
{
	const struct record_kind *k = kind_of(entity);
	const char *sql = NULL;
	struct db_stmt *st = NULL;
	char *old = NULL;
	int rc, col = -1;

	for (size_t i = 0; i < sizeof field_updates / sizeof field_updates[0];
	     i++)
		if (strcmp(field_updates[i].entity, entity) == 0 &&
		    strcmp(field_updates[i].field, field) == 0)
			sql = field_updates[i].sql;
	for (int f = 0; k != NULL && k->fields[f]; f++)
		if (strcmp(k->fields[f], field) == 0)
			col = f;
	if (sql == NULL || col < 0)
		return ft_fail(ft, FT_REFUSED, "ftrack cannot change the %s's %s",
			       entity, field);
	/* the value it had, as the audit writes it */
	if ((rc = db_prepare(ft, &st, k->values)) != FT_OK)
		return rc;
	db_bind_int(ft, st, ":id", id);
	if (db_step(ft, st) == DB_ROW && db_col_text(st, col) != NULL)
		old = strdup(db_col_text(st, col));
	db_release(st);
	if ((rc = db_prepare(ft, &st, sql)) == FT_OK) {
		db_bind_text(ft, st, ":value", value);
		/* a name and a tenant keep their key (text_fold()) */
		if (strstr(sql, ":value_key") != NULL)
			db_bind_key(ft, st, ":value_key", value);
		db_bind_int(ft, st, ":id", id);
		rc = db_run(ft, st);
		db_release(st);
	}
	if (rc == FT_OK)
		rc = audit_change(ft, cs, entity, id, field, old, value);
	/* a subscription's customer is audited by name: a renamed customer
	 * renames it there too */
	if (rc == FT_OK && strcmp(entity, "customer") == 0 &&
	    strcmp(field, "name") == 0)
		rc = db_prepare(ft, &st, "SELECT id FROM subscription "
				"WHERE customer_id = :id ORDER BY id");
	if (rc == FT_OK && strcmp(entity, "customer") == 0 &&
	    strcmp(field, "name") == 0) {
		int step;

		db_bind_int(ft, st, ":id", id);
		while (rc == FT_OK && (step = db_step(ft, st)) == DB_ROW)
			rc = audit_change(ft, cs, "subscription",
					  db_col_int(st, 0), "customer",
					  old, value);
		db_release(st);
	}
	free(old);
	return rc;
}
