#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "db.h"
#include "entitlement.h"

const char *const ent_field_name[F_COUNT] = {
	"l1", "l2", "l3", "service_status", "engagement_scenario",
	"target_date", "owner", "notes", "next_action_date", "next_action",
};

int ent_field_index(const char *name)
{
	for (int f = 0; f < F_COUNT; f++)
		if (strcmp(ent_field_name[f], name) == 0)
			return f;
	return -1;
}

static char *dup_or_null(const char *s, bool *oom)
{
	char *copy;

	if (s == NULL)
		return NULL;
	if ((copy = strdup(s)) == NULL)
		*oom = true;
	return copy;
}

/* The columns ent_read() reads, from entitlement e, subscription s and
 * workload w. */
#define ENT_COLUMNS "e.id, e.subscription_id, e.workload_id, s.code, w.name, " \
	"e.l1, e.l2, e.l3, e.service_status, e.engagement_scenario, " \
	"e.target_date, e.owner, e.notes, e.next_action_date, " \
	"e.next_action, e.scenario, e.declaration_id " \
	"FROM subscription s JOIN entitlement e ON e.subscription_id = s.id " \
	"JOIN workload w ON w.id = e.workload_id "

/* Fills e from the current row of a query on ENT_COLUMNS. */
static void ent_read(struct db_stmt *st, struct ent *e, bool *oom)
{
	memset(e, 0, sizeof *e);
	e->id = db_col_int(st, 0);
	e->subscription_id = db_col_int(st, 1);
	e->workload_id = db_col_int(st, 2);
	e->subscription = dup_or_null(db_col_text(st, 3), oom);
	e->workload = dup_or_null(db_col_text(st, 4), oom);
	for (int f = 0; f < F_COUNT; f++)
		e->v[f] = dup_or_null(db_col_text(st, 5 + f), oom);
	snprintf(e->scenario, sizeof e->scenario, "%s",
		 db_col_text(st, 5 + F_COUNT) ? db_col_text(st, 5 + F_COUNT) : "");
	e->declaration = db_col_int(st, 6 + F_COUNT);
}

int ent_load_id(struct ft *ft, int64_t id, struct ent *e)
{
	struct db_stmt *st = NULL;
	bool oom = false;
	int rc = db_prepare(ft, &st, "SELECT " ENT_COLUMNS "WHERE e.id = :id");
	int step;

	if (rc != FT_OK)
		return rc;
	db_bind_int(ft, st, ":id", id);
	step = db_step(ft, st);
	if (step == DB_ROW)
		ent_read(st, e, &oom);
	db_release(st);
	if (step < 0)
		return FT_DBERR;
	if (step != DB_ROW)
		return ft_fail(ft, FT_DBERR, "no entitlement %lld", (long long)id);
	if (oom) {
		ent_free(e);
		return ft_fail(ft, FT_DBERR, "out of memory");
	}
	return FT_OK;
}

int ent_load(struct ft *ft, int64_t customer_id, int64_t workload_id,
	     int64_t subscription_id, struct ent **ents, int *n)
{
	struct db_stmt *st = NULL;
	struct ent *list = NULL;
	int count = 0, cap = 0, rc, step;
	bool oom = false;

	*ents = NULL;
	*n = 0;
	rc = db_prepare(ft, &st, "SELECT " ENT_COLUMNS
		"WHERE s.customer_id = :customer "
		"AND (CAST(:workload AS BIGINT) IS NULL "
		"OR e.workload_id = :workload) "
		"AND (CAST(:subscription AS BIGINT) IS NULL "
		"OR e.subscription_id = :subscription) "
		/* SQLite's order of the NOCASE names on both engines */
		"ORDER BY lower(w.name), lower(s.code), e.id");
	if (rc != FT_OK)
		return rc;
	db_bind_int(ft, st, ":customer", customer_id);
	db_bind_id(ft, st, ":workload", workload_id);
	db_bind_id(ft, st, ":subscription", subscription_id);
	while (!oom && (step = db_step(ft, st)) == DB_ROW) {
		if (count == cap) {
			struct ent *grown;

			cap = cap ? cap * 2 : 8;
			if ((grown = realloc(list, (size_t)cap * sizeof *grown)) == NULL) {
				oom = true;
				break;
			}
			list = grown;
		}
		ent_read(st, &list[count++], &oom);
	}
	db_release(st);
	if (oom)
		rc = ft_fail(ft, FT_DBERR, "out of memory");
	else if (step < 0)
		rc = FT_DBERR;
	if (rc != FT_OK) {
		ent_free_all(list, count);
		return rc;
	}
	*ents = list;
	*n = count;
	return FT_OK;
}

int ent_copy(struct ft *ft, struct ent *dst, const struct ent *src)
{
	bool oom = false;

	*dst = *src;
	dst->subscription = dup_or_null(src->subscription, &oom);
	dst->workload = dup_or_null(src->workload, &oom);
	for (int f = 0; f < F_COUNT; f++)
		dst->v[f] = dup_or_null(src->v[f], &oom);
	return oom ? ft_fail(ft, FT_DBERR, "out of memory") : FT_OK;
}

int ent_set(struct ft *ft, struct ent *e, enum ent_field f, const char *value)
{
	bool oom = false;
	char *copy = dup_or_null(value, &oom);

	if (oom)
		return ft_fail(ft, FT_DBERR, "out of memory");
	free(e->v[f]);
	e->v[f] = copy;
	return FT_OK;
}

static bool same_text(const char *a, const char *b)
{
	return a == b || (a != NULL && b != NULL && strcmp(a, b) == 0);
}

bool ent_same(const struct ent *a, const struct ent *b)
{
	for (int f = 0; f < F_COUNT; f++)
		if (!same_text(a->v[f], b->v[f]))
			return false;
	return strcmp(a->scenario, b->scenario) == 0;
}

void ent_free(struct ent *e)
{
	free(e->subscription);
	free(e->workload);
	for (int f = 0; f < F_COUNT; f++)
		free(e->v[f]);
	memset(e, 0, sizeof *e);
}

void ent_free_all(struct ent *ents, int n)
{
	for (int i = 0; i < n; i++)
		ent_free(&ents[i]);
	free(ents);
}

/* The UPDATE of ent_save(): only the columns that change are set, so that
 * the engines leave alone the indexes and foreign keys of the others (an
 * index on l1, l2 is not rewritten for a new note). At most 2^12 texts,
 * a handful in practice, each prepared once and kept by its content. */
static int ent_update_sql(const struct ent *before, const struct ent *after,
			  char *sql, size_t len)
{
	size_t n = (size_t)snprintf(sql, len, "UPDATE entitlement SET "
				    "updated_by = :who, updated_role = :role, "
				    "updated_at = :at");

	for (int f = 0; f < F_COUNT && n < len; f++)
		if (!same_text(before->v[f], after->v[f]))
			n += (size_t)snprintf(sql + n, len - n, ", %s = :%s",
					      ent_field_name[f],
					      ent_field_name[f]);
	if (n < len && strcmp(before->scenario, after->scenario) != 0)
		n += (size_t)snprintf(sql + n, len - n,
				      ", scenario = :scenario");
	if (n < len && before->declaration != after->declaration)
		n += (size_t)snprintf(sql + n, len - n,
				      ", declaration_id = :declaration");
	if (n < len)
		n += (size_t)snprintf(sql + n, len - n, " WHERE id = :id");
	return n < len ? FT_OK : FT_DBERR;
}

int ent_save(struct ft *ft, const struct ent *before, const struct ent *after,
	     int64_t cs, const char *role)
{
	struct db_stmt *st = NULL;
	char clock[21], oldv[24], newv[24], sql[512];
	int rc = ent_update_sql(before, after, sql, sizeof sql);

	if (rc != FT_OK)
		return ft_fail(ft, FT_DBERR, "internal error: entitlement "
			       "update too long");
	if ((rc = db_prepare_text(ft, &st, sql)) != FT_OK)
		return rc;
	for (int f = 0; f < F_COUNT; f++) {
		char param[32];

		snprintf(param, sizeof param, ":%s", ent_field_name[f]);
		if (db_has_param(st, param))
			db_bind_text(ft, st, param, after->v[f]);
	}
	if (db_has_param(st, ":scenario"))
		db_bind_text(ft, st, ":scenario", after->scenario[0]
			     ? after->scenario : NULL);
	if (db_has_param(st, ":declaration"))
		db_bind_id(ft, st, ":declaration", after->declaration);
	db_bind_text(ft, st, ":who", ft_actor(ft));
	db_bind_text(ft, st, ":role", role);
	db_bind_text(ft, st, ":at", ft_clock(ft, clock));
	db_bind_int(ft, st, ":id", after->id);
	/* nothing reads its answer: on PostgreSQL it goes with the change
	 * rows rather than waiting for a round trip of its own */
	rc = db_queue(ft, st);
	db_release(st);
	for (int f = 0; rc == FT_OK && f < F_COUNT; f++)
		if (!same_text(before->v[f], after->v[f]))
			rc = audit_change(ft, cs, "entitlement", after->id,
					  ent_field_name[f], before->v[f],
					  after->v[f]);
	if (rc == FT_OK && strcmp(before->scenario, after->scenario) != 0)
		rc = audit_change(ft, cs, "entitlement", after->id, "scenario",
				  before->scenario[0] ? before->scenario : NULL,
				  after->scenario[0] ? after->scenario : NULL);
	if (rc == FT_OK && before->declaration != after->declaration) {
		snprintf(oldv, sizeof oldv, "%lld", (long long)before->declaration);
		snprintf(newv, sizeof newv, "%lld", (long long)after->declaration);
		rc = audit_change(ft, cs, "entitlement", after->id, "declaration",
				  before->declaration ? oldv : NULL,
				  after->declaration ? newv : NULL);
	}
	return rc;
}

/* The subscription, workload, scenario and declaration of e as the audit
 * writes them, beside its ten columns. */
static void ent_keys(const struct ent *e, char scenario_buf[8],
		     char declaration[24], const char *out[4])
{
	snprintf(scenario_buf, 8, "%s", e->scenario);
	snprintf(declaration, 24, "%lld", (long long)e->declaration);
	out[0] = e->subscription;
	out[1] = e->workload;
	out[2] = e->scenario[0] ? scenario_buf : NULL;
	out[3] = e->declaration ? declaration : NULL;
}

static const char *const KEY_FIELDS[4] = {"subscription", "workload",
					  "scenario", "declaration"};

int ent_remove(struct ft *ft, const struct ent *e, int64_t cs)
{
	struct db_stmt *st = NULL;
	char scenario[8], declaration[24];
	const char *keys[4];
	int rc = db_prepare(ft, &st, "DELETE FROM entitlement WHERE id = :id");

	if (rc != FT_OK)
		return rc;
	db_bind_int(ft, st, ":id", e->id);
	rc = db_run(ft, st);
	db_release(st);
	ent_keys(e, scenario, declaration, keys);
	for (int f = 0; rc == FT_OK && f < F_COUNT; f++)
		if (e->v[f] != NULL)
			rc = audit_change(ft, cs, "entitlement", e->id,
					  ent_field_name[f], e->v[f], NULL);
	for (int k = 0; rc == FT_OK && k < 4; k++)
		if (keys[k] != NULL)
			rc = audit_change(ft, cs, "entitlement", e->id,
					  KEY_FIELDS[k], keys[k], NULL);
	return rc;
}

int ent_restore(struct ft *ft, const struct ent *e, int64_t cs,
		const char *role)
{
	struct db_stmt *st = NULL;
	char scenario[8], declaration[24], clock[21];
	const char *keys[4];
	int rc = db_prepare(ft, &st,
		"INSERT INTO entitlement (id, subscription_id, workload_id, l1, "
		"l2, l3, service_status, engagement_scenario, target_date, owner, "
		"notes, next_action_date, next_action, updated_by, updated_role, "
		"updated_at, scenario, declaration_id) VALUES (:id, "
		"(SELECT id FROM subscription WHERE code_key = :subscription_key "
		"AND lower(code) = :subscription_nocase), "
		"(SELECT id FROM workload WHERE name_key = :workload_key "
		"AND lower(name) = :workload_nocase), :l1, :l2, :l3, "
		":service_status, :engagement_scenario, :target_date, :owner, "
		":notes, :next_action_date, :next_action, :who, :role, :at, "
		":scenario, :declaration)");

	if (rc != FT_OK)
		return rc;
	db_bind_int(ft, st, ":id", e->id);
	db_bind_key(ft, st, ":subscription_key", e->subscription);
	db_bind_nocase(ft, st, ":subscription_nocase", e->subscription);
	db_bind_key(ft, st, ":workload_key", e->workload);
	db_bind_nocase(ft, st, ":workload_nocase", e->workload);
	for (int f = 0; f < F_COUNT; f++) {
		char param[32];

		snprintf(param, sizeof param, ":%s", ent_field_name[f]);
		db_bind_text(ft, st, param, e->v[f]);
	}
	db_bind_text(ft, st, ":who", ft_actor(ft));
	db_bind_text(ft, st, ":role", role);
	db_bind_text(ft, st, ":at", ft_clock(ft, clock));
	db_bind_text(ft, st, ":scenario", e->scenario[0] ? e->scenario : NULL);
	db_bind_id(ft, st, ":declaration", e->declaration);
	rc = db_run(ft, st);
	db_release(st);
	ent_keys(e, scenario, declaration, keys);
	for (int k = 0; rc == FT_OK && k < 2; k++)
		rc = audit_change(ft, cs, "entitlement", e->id, KEY_FIELDS[k],
				  NULL, keys[k]);
	for (int f = 0; rc == FT_OK && f < F_COUNT; f++)
		if (e->v[f] != NULL)
			rc = audit_change(ft, cs, "entitlement", e->id,
					  ent_field_name[f], NULL, e->v[f]);
	for (int k = 2; rc == FT_OK && k < 4; k++)
		if (keys[k] != NULL)
			rc = audit_change(ft, cs, "entitlement", e->id,
					  KEY_FIELDS[k], NULL, keys[k]);
	return rc;
}
