/* Team members and their roles; workloads. */
#include <stdio.h>

#include "audit.h"
#include "db.h"
#include "lookup.h"
#include "rules_engine.h"
#include "ftrack/records.h"
#include "ftrack/text.h"

static const char ROLE_CHECK[] =
	"SELECT 1 FROM label WHERE kind = 'role' AND code = :code";
static const char ROLE_LIST[] =
	"SELECT code FROM label WHERE kind = 'role' ORDER BY code";

/* Refuses a name that is malformed or already taken. */
static int check_new_name(struct ft *ft, enum lookup_kind kind,
			  const char *what, const char *name)
{
	const char *why = text_check_name(name);

	if (why != NULL)
		return ft_fail(ft, FT_REFUSED, "invalid %s name: %s", what, why);
	return lookup_name_free(ft, kind, name);
}

int ft_user_add(struct ft *ft, const char *name, const char *role)
{
	sqlite3_stmt *st = NULL;
	char code[32], label[64], label_es[64], clock[21];
	char what[FT_NAME_MAX + 96], what_es[FT_NAME_MAX + 96];
	char actor_role[16];
	struct audit_ref ref = {0};
	int64_t id, cs;
	int rc;

	if ((rc = db_begin_write(ft)) != FT_OK)
		return rc;
	rc = rules_check_writer(ft, "registering a user", actor_role,
				sizeof actor_role);
	ref.role = actor_role;
	if (rc == FT_OK)
		rc = check_new_name(ft, LOOKUP_USER, "user", name);
	if (rc == FT_OK)
		rc = lookup_code(ft, "role", role, ROLE_CHECK, ROLE_LIST, code,
				 sizeof code);
	if (rc == FT_OK)
		rc = db_prepare(ft, &st, "INSERT INTO app_user (name, name_key, "
				"role, created_at) VALUES (:name, fold(:name), "
				":role, :at)");
	if (rc == FT_OK) {
		db_bind_text(ft, st, ":name", name);
		db_bind_text(ft, st, ":role", code);
		db_bind_text(ft, st, ":at", ft_clock(ft, clock));
		rc = db_run(ft, st);
		id = sqlite3_last_insert_rowid(ft->db);
		db_release(st);
	}
	if (rc == FT_OK)
		rc = lookup_field_label(ft, "owner", code, "en", label,
					sizeof label);
	if (rc == FT_OK)
		rc = lookup_field_label(ft, "owner", code, "es", label_es,
					sizeof label_es);
	if (rc == FT_OK) {
		snprintf(what, sizeof what, "user %s added as %s", name, label);
		snprintf(what_es, sizeof what_es, "usuario %s añadido como %s",
			 name, label_es);
		rc = audit_begin(ft, &ref, what, what_es, &cs);
	}
	if (rc == FT_OK)
		rc = audit_change(ft, cs, "user", id, "name", NULL, name);
	if (rc == FT_OK)
		rc = audit_change(ft, cs, "user", id, "role", NULL, code);
	return db_end_write(ft, rc);
}

int ft_user_list(struct ft *ft, enum ft_shape shape, ft_row_fn fn, void *arg)
{
	sqlite3_stmt *st = NULL;
	int rc;

	if (shape == FT_SHAPE_JSON)
		rc = db_prepare(ft, &st,
			"SELECT json_object('name', name, 'role', role, "
			"'active', json(CASE active WHEN 1 THEN 'true' ELSE "
			"'false' END), 'created_at', created_at) AS json "
			"FROM app_user ORDER BY name");
	else
		rc = db_prepare(ft, &st,
			"SELECT u.name AS \"Name\", "
			"CASE :lang WHEN 'es' THEN l.es ELSE l.en END AS \"Role\", "
			"u.created_at AS \"Added\", CASE u.active WHEN 0 THEN "
			"(SELECT CASE :lang WHEN 'es' THEN es ELSE en END FROM "
			"rule_text WHERE code = 'deactivated') END "
			"AS \"Deactivated\" FROM app_user u "
			"JOIN label l ON l.kind = 'role' AND l.code = u.role "
			"ORDER BY u.name");
	if (rc != FT_OK)
		return rc;
	if (shape != FT_SHAPE_JSON)
		db_bind_text(ft, st, ":lang", ft_lang_code(ft));
	rc = db_emit_all(ft, st, fn, arg);
	db_release(st);
	return rc;
}

int ft_workload_add(struct ft *ft, const char *name)
{
	sqlite3_stmt *st = NULL;
	char clock[21], what[FT_NAME_MAX + 32], what_es[FT_NAME_MAX + 40];
	struct audit_ref ref = {0};
	char actor_role[16];
	int64_t id, cs;
	int rc;

	if ((rc = db_begin_write(ft)) != FT_OK)
		return rc;
	rc = rules_check_writer(ft, "adding a workload", actor_role,
				sizeof actor_role);
	ref.role = actor_role;
	if (rc == FT_OK)
		rc = check_new_name(ft, LOOKUP_WORKLOAD, "workload", name);
	if (rc == FT_OK)
		rc = db_prepare(ft, &st, "INSERT INTO workload (name, name_key, "
				"created_at) VALUES (:name, fold(:name), :at)");
	if (rc == FT_OK) {
		db_bind_text(ft, st, ":name", name);
		db_bind_text(ft, st, ":at", ft_clock(ft, clock));
		rc = db_run(ft, st);
		id = sqlite3_last_insert_rowid(ft->db);
		db_release(st);
	}
	if (rc == FT_OK) {
		ref.workload_id = id;
		snprintf(what, sizeof what, "workload %s added", name);
		snprintf(what_es, sizeof what_es, "carga de trabajo %s añadida",
			 name);
		rc = audit_begin(ft, &ref, what, what_es, &cs);
	}
	if (rc == FT_OK)
		rc = audit_change(ft, cs, "workload", id, "name", NULL, name);
	return db_end_write(ft, rc);
}

int ft_workload_list(struct ft *ft, enum ft_shape shape, ft_row_fn fn,
		     void *arg)
{
	sqlite3_stmt *st = NULL;
	int rc;

	if (shape == FT_SHAPE_JSON)
		rc = db_prepare(ft, &st,
			"SELECT json_object('name', w.name, 'entitlements', "
			"(SELECT count(*) FROM entitlement e "
			"WHERE e.workload_id = w.id)) AS json "
			"FROM workload w ORDER BY w.name");
	else
		rc = db_prepare(ft, &st,
			"SELECT w.name AS \"Workload\", "
			"(SELECT count(*) FROM entitlement e "
			"WHERE e.workload_id = w.id) AS \"Entitlements\" "
			"FROM workload w ORDER BY w.name");
	if (rc != FT_OK)
		return rc;
	rc = db_emit_all(ft, st, fn, arg);
	db_release(st);
	return rc;
}
