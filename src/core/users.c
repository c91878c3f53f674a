/* Team members and their roles; workloads. */
#include <stdlib.h>
#include <stdio.h>

#include "audit.h"
#include "db.h"
#include "json.h"
#include "lookup.h"
#include "texts.h"
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
	const char *why = text_check_new_name(name);

	if (why != NULL)
		return ft_fail(ft, FT_REFUSED, "invalid %s name: %s", what, why);
	return lookup_name_free(ft, kind, name);
}

int ft_user_add(struct ft *ft, const char *name, const char *role)
{
	return ft_user_add_email(ft, name, role, NULL);
}

int ft_user_add_email(struct ft *ft, const char *name, const char *role,
		      const char *email)
{
	struct db_stmt *st = NULL;
	char code[32], label[64], label_es[64], clock[21];
	char actor_role[16];
	struct audit_ref ref = {0};
	const char *why = email ? text_check_email(email) : NULL;
	int64_t id, cs;
	bool had_writers = false;
	int rc;

	if (why != NULL)
		return ft_fail(ft, FT_REFUSED, "invalid e-mail address '%s': %s",
			       email, why);
	if ((rc = db_begin_write(ft)) != FT_OK)
		return rc;
	rc = rules_check_writer(ft, "registering a user", actor_role,
				sizeof actor_role);
	if (rc == FT_OK)
		rc = rules_has_writer(ft, &had_writers);
	ref.role = actor_role;
	if (rc == FT_OK)
		rc = check_new_name(ft, LOOKUP_USER, "user", name);
	if (rc == FT_OK)
		rc = lookup_code(ft, "role", role, ROLE_CHECK, ROLE_LIST, code,
				 sizeof code);
	if (rc == FT_OK)
		rc = db_prepare(ft, &st, "INSERT INTO app_user (name, name_key, "
				"role, email, created_at) VALUES (:name, "
				":name_key, :role, :email, :at) RETURNING id");
	if (rc == FT_OK) {
		db_bind_text(ft, st, ":name", name);
		rc = db_bind_key(ft, st, ":name_key", name);
		db_bind_text(ft, st, ":email", email);
		db_bind_text(ft, st, ":role", code);
		db_bind_text(ft, st, ":at", ft_clock(ft, clock));
		if (rc == FT_OK && db_step(ft, st) == DB_ROW)
			id = db_col_int(st, 0);
		else
			rc = FT_DBERR;
		db_release(st);
	}
	if (rc == FT_OK)
		rc = lookup_field_label(ft, "owner", code, audit_langs[0], label,
					sizeof label);
	if (rc == FT_OK)
		rc = lookup_field_label(ft, "owner", code, audit_langs[1],
					label_es,
					sizeof label_es);
	if (rc == FT_OK) {
		const char *const args[2][4] = {{name, label}, {name, label_es}};

		rc = audit_begin_text(ft, &ref, "what.user_added", args, 2, &cs);
	}
	if (rc == FT_OK)
		rc = audit_change(ft, cs, "user", id, "name", NULL, name);
	if (rc == FT_OK)
		rc = audit_change(ft, cs, "user", id, "role", NULL, code);
	if (rc == FT_OK && email != NULL)
		rc = audit_change(ft, cs, "user", id, "email", NULL, email);
	if (rc == FT_OK)
		rc = rules_keep_a_writer(ft, had_writers);
	return db_end_write(ft, rc);
}

/* Each user as a JSON object, from a plain row of ft_user_list's query. */
static int user_json(struct ft *ft, struct db_stmt *st, ft_row_fn fn,
		     void *arg)
{
	struct json j;
	int rc;

	json_init(&j, strbuf_new());
	json_object_open(&j);
	json_key_text(&j, "name", db_col_text(st, 0));
	json_key_text(&j, "role", db_col_text(st, 1));
	json_key_bool(&j, "active", db_col_int(st, 2) == 1);
	json_key_text(&j, "email", db_col_text(st, 3));
	json_key_text(&j, "created_at", db_col_text(st, 4));
	json_object_close(&j);
	rc = json_emit(ft, &j, fn, arg);
	free(strbuf_finish(j.out));
	return rc;
}

int ft_user_list(struct ft *ft, enum ft_shape shape, ft_row_fn fn, void *arg)
{
	struct db_stmt *st = NULL;
	int rc, step = DB_DONE;

	if (shape == FT_SHAPE_JSON)
		rc = db_prepare(ft, &st,
			"SELECT name, role, active, email, created_at "
			"FROM app_user ORDER BY name");
	else
		rc = db_prepare(ft, &st,
			"SELECT name, tr('role.' || role), email, created_at, "
			"CASE active WHEN 0 THEN tr('ui.deactivated') END "
			"FROM app_user ORDER BY name");
	if (rc != FT_OK)
		return rc;
	if (shape == FT_SHAPE_JSON) {
		while ((step = db_step(ft, st)) == DB_ROW &&
		       (rc = user_json(ft, st, fn, arg)) == FT_OK)
			;
		if (step < 0)
			rc = FT_DBERR;
	} else {
		static const char *const heads[] = {"col.name", "col.role",
			"col.email", "col.added", "col.deactivated"};
		const char *names[5];

		texts_names(ft, heads, 5, names);
		rc = db_emit_all_named(ft, st, names, fn, arg);
	}
	db_release(st);
	return rc;
}

int ft_workload_add(struct ft *ft, const char *name)
{
	struct db_stmt *st = NULL;
	char clock[21];
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
				"created_at) VALUES (:name, :name_key, :at) "
				"RETURNING id");
	if (rc == FT_OK) {
		db_bind_text(ft, st, ":name", name);
		rc = db_bind_key(ft, st, ":name_key", name);
		db_bind_text(ft, st, ":at", ft_clock(ft, clock));
		if (rc == FT_OK && db_step(ft, st) == DB_ROW)
			id = db_col_int(st, 0);
		else
			rc = FT_DBERR;
		db_release(st);
	}
	if (rc == FT_OK) {
		const char *const args[2][4] = {{name}, {name}};

		ref.workload_id = id;
		rc = audit_begin_text(ft, &ref, "what.workload_added", args, 1,
				      &cs);
	}
	if (rc == FT_OK)
		rc = audit_change(ft, cs, "workload", id, "name", NULL, name);
	return db_end_write(ft, rc);
}

int ft_workload_list(struct ft *ft, enum ft_shape shape, ft_row_fn fn,
		     void *arg)
{
	struct db_stmt *st = NULL;
	int rc = db_prepare(ft, &st,
		"SELECT w.name, (SELECT count(*) FROM entitlement e "
		"WHERE e.workload_id = w.id) "
		"FROM workload w ORDER BY w.name");
	int step = DB_DONE;

	if (rc != FT_OK)
		return rc;
	if (shape == FT_SHAPE_JSON) {
		while (rc == FT_OK && (step = db_step(ft, st)) == DB_ROW) {
			struct json j;

			json_init(&j, strbuf_new());
			json_object_open(&j);
			json_key_text(&j, "name", db_col_text(st, 0));
			json_key_int(&j, "entitlements", db_col_int(st, 1));
			json_object_close(&j);
			rc = json_emit(ft, &j, fn, arg);
			free(strbuf_finish(j.out));
		}
		if (rc == FT_OK && step < 0)
			rc = FT_DBERR;
	} else {
		static const char *const heads[] = {"col.workload",
			"col.entitlements"};
		const char *names[2];

		texts_names(ft, heads, 2, names);
		rc = db_emit_all_named(ft, st, names, fn, arg);
	}
	db_release(st);
	return rc;
}
