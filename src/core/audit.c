#include <stdlib.h>
#include <stdio.h>

#include "audit.h"
#include "db.h"
#include "texts.h"

int audit_actor_role(struct ft *ft, char *role, size_t len)
{
	struct db_stmt *st = NULL;
	int rc = db_prepare(ft, &st,
		"SELECT role FROM app_user WHERE name_key = :key "
		"AND lower(name) = :nocase");

	role[0] = '\0';
	if (rc == FT_OK) {
		/* as SQLite's NOCASE name column compares (db_bind_nocase()) */
		db_bind_key(ft, st, ":key", ft_actor(ft));
		db_bind_nocase(ft, st, ":nocase", ft_actor(ft));
		int step = db_step(ft, st);

		if (step == DB_ROW)
			snprintf(role, len, "%s", db_col_text(st, 0));
		else if (step < 0)
			rc = FT_DBERR;
	}
	db_release(st);
	return rc;
}

int audit_begin(struct ft *ft, const struct audit_ref *ref, const char *what,
		const char *what_es, int64_t *changeset)
{
	struct db_stmt *st = NULL;
	char role[16], clock[21];
	int rc;

	/* A role given as "" is the actor's looked-up absence of one. */
	if (ref->role != NULL)
		snprintf(role, sizeof role, "%s", ref->role);
	else if ((rc = audit_actor_role(ft, role, sizeof role)) != FT_OK)
		return rc;
	rc = db_prepare(ft, &st,
		"INSERT INTO changeset (at, who, role, what, what_es, customer_id, "
		"workload_id, subscription_id, scenario) VALUES (:at, :who, "
		":role, :what, :what_es, :customer, :workload, :subscription, "
		":scenario) RETURNING id");
	if (rc != FT_OK)
		return rc;
	db_bind_text(ft, st, ":at", ft_clock(ft, clock));
	db_bind_text(ft, st, ":who", ft_actor(ft));
	db_bind_text(ft, st, ":role", role[0] ? role : NULL);
	db_bind_text(ft, st, ":what", what);
	db_bind_text(ft, st, ":what_es", what_es);
	db_bind_id(ft, st, ":customer", ref->customer_id);
	db_bind_id(ft, st, ":workload", ref->workload_id);
	db_bind_id(ft, st, ":subscription", ref->subscription_id);
	db_bind_text(ft, st, ":scenario", ref->scenario && ref->scenario[0]
		     ? ref->scenario : NULL);
	if (db_step(ft, st) == DB_ROW)
		*changeset = db_col_int(st, 0);
	else
		rc = FT_DBERR;
	/* The commit seals this transaction's change sets, from this one. */
	if (rc == FT_OK && ft->tx_changeset == 0)
		ft->tx_changeset = *changeset;
	db_release(st);
	return rc;
}

int audit_change(struct ft *ft, int64_t changeset, const char *entity,
		 int64_t entity_id, const char *field, const char *old_value,
		 const char *new_value)
{
	struct db_stmt *st = NULL;
	int rc = db_prepare(ft, &st,
		"INSERT INTO change (changeset_id, entity, entity_id, field, "
		"old_value, new_value) VALUES (:cs, :entity, :id, :field, "
		":old, :new)");

	if (rc != FT_OK)
		return rc;
	db_bind_int(ft, st, ":cs", changeset);
	db_bind_text(ft, st, ":entity", entity);
	db_bind_int(ft, st, ":id", entity_id);
	db_bind_text(ft, st, ":field", field);
	db_bind_text(ft, st, ":old", old_value);
	db_bind_text(ft, st, ":new", new_value);
	/* nothing waits on it: a command writing many sends them together */
	rc = db_queue(ft, st);
	db_release(st);
	return rc;
}

const char *const audit_langs[2] = {"en", "es"};

int audit_begin_text(struct ft *ft, const struct audit_ref *ref,
		     const char *key, const char *const args[2][4], int nargs,
		     int64_t *changeset)
{
	char *what[2];
	int rc;

	for (int l = 0; l < 2; l++)
		what[l] = texts_fill(ft, key, audit_langs[l], args[l], nargs);
	rc = what[0] && what[1]
		? audit_begin(ft, ref, what[0], what[1], changeset)
		: ft_fail(ft, FT_DBERR, "out of memory");
	free(what[0]);
	free(what[1]);
	return rc;
}
