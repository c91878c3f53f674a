/* Printing the rules tables: what ftrack does in each scenario of each
 * page, and who may update in each phase. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "entitlement.h"
#include "json.h"
#include "rules_engine.h"
#include "ftrack/rules.h"

/* A 0/1 flag that may be NULL: true, false or null. */
static void json_key_flag(struct json *j, const char *key,
			  struct db_stmt *st, int col)
{
	if (db_col_null(st, col))
		json_key_null(j, key);
	else
		json_key_bool(j, key, db_col_int(st, col) == 1);
}

/* A scenario's prior states: an array of {l1, l2, service_no_intent}, in
 * the playbook's order of L1 and L2 codes (the same on every engine). */
static int prior_json(struct ft *ft, const char *scenario, struct json *j)
{
	struct db_stmt *st = NULL;
	int step, rc = db_prepare(ft, &st, "SELECT p.l1, p.l2, "
				  "p.service_no_intent FROM rule_prior p "
				  "JOIN l1 ON l1.code = p.l1 LEFT JOIN l2 ON "
				  "l2.code = p.l2 WHERE p.scenario = :scenario "
				  "ORDER BY l1.position, l2.position NULLS FIRST, "
				  "p.service_no_intent NULLS FIRST");

	if (rc != FT_OK)
		return rc;
	db_bind_text(ft, st, ":scenario", scenario);
	json_array_open(j);
	while ((step = db_step(ft, st)) == DB_ROW) {
		json_object_open(j);
		json_key_text(j, "l1", db_col_text(st, 0));
		json_key_text(j, "l2", db_col_text(st, 1));
		json_key_flag(j, "service_no_intent", st, 2);
		json_object_close(j);
	}
	json_array_close(j);
	db_release(st);
	return step < 0 ? FT_DBERR : FT_OK;
}

/* A scenario's columns: an object of field: {source, value, required,
 * advised, cleared_on_leave}, by field. */
static int columns_json(struct ft *ft, const char *scenario, struct json *j)
{
	struct db_stmt *st = NULL;
	int step, rc = db_prepare(ft, &st, "SELECT field, source, value, "
				  "required, advised, cleared_on_leave "
				  "FROM rule_value WHERE scenario = :scenario "
				  "ORDER BY field");

	if (rc != FT_OK)
		return rc;
	db_bind_text(ft, st, ":scenario", scenario);
	json_object_open(j);
	while ((step = db_step(ft, st)) == DB_ROW) {
		json_key(j, db_col_text(st, 0));
		json_object_open(j);
		json_key_text(j, "source", db_col_text(st, 1));
		json_key_text(j, "value", db_col_text(st, 2));
		json_key_bool(j, "required", db_col_int(st, 3) == 1);
		json_key_bool(j, "advised", db_col_int(st, 4) == 1);
		json_key_bool(j, "cleared_on_leave", db_col_int(st, 5) == 1);
		json_object_close(j);
	}
	json_object_close(j);
	db_release(st);
	return step < 0 ? FT_DBERR : FT_OK;
}

/* One rule's JSON object from a row of rules_json's query. */
static int rule_json(struct ft *ft, struct db_stmt *st, ft_row_fn fn,
		     void *arg)
{
	struct json j;
	int rc;

	json_init(&j, strbuf_new());
	json_object_open(&j);
	json_key_text(&j, "page", db_col_text(st, 0));
	json_key_text(&j, "scenario", db_col_text(st, 1));
	json_key_text(&j, "phase", db_col_text(st, 2));
	json_key_text(&j, "via", db_col_text(st, 3));
	json_key_text(&j, "event", db_col_text(st, 4));
	json_key(&j, "prior");
	rc = prior_json(ft, db_col_text(st, 1), &j);
	json_key_text(&j, "updater", db_col_text(st, 5));
	json_key_flag(&j, "own_delivery_fm", st, 6);
	json_key_bool(&j, "needs_validation", db_col_int(st, 7) == 1);
	json_key_text(&j, "label", db_col_text(st, 8));
	json_key(&j, "columns");
	if (rc == FT_OK)
		rc = columns_json(ft, db_col_text(st, 1), &j);
	json_object_close(&j);
	if (rc == FT_OK)
		rc = json_emit(ft, &j, fn, arg);
	free(strbuf_finish(j.out));
	return rc;
}

static int rules_json(struct ft *ft, ft_row_fn fn, void *arg)
{
	struct db_stmt *st = NULL;
	int step = DB_DONE, rc = db_prepare(ft, &st,
		"SELECT r.page, r.scenario, r.phase, r.via, r.event, w.role, "
		"w.own_delivery_fm, r.needs_validation, tr('rule.' || r.scenario) "
		"FROM rule r LEFT JOIN who_updates w ON w.phase = r.phase "
		"ORDER BY r.position");

	if (rc != FT_OK)
		return rc;
	while (rc == FT_OK && (step = db_step(ft, st)) == DB_ROW)
		rc = rule_json(ft, st, fn, arg);
	if (rc == FT_OK && step < 0)
		rc = FT_DBERR;
	db_release(st);
	return rc;
}

int ft_rules(struct ft *ft, enum ft_shape shape, ft_row_fn fn, void *arg)
{
	enum { HEADS = 5, NCOL = HEADS + F_COUNT };
	static const char *const heads[HEADS] = {"col.page", "col.scenario",
		"col.phase", "col.description", "col.updater"};
	char names[NCOL][64], cells[NCOL][256];
	const char *name_ptr[NCOL], *cell_ptr[NCOL];
	char current[8] = "";
	struct db_stmt *st = NULL;
	int rc = FT_OK, step;

	if (shape == FT_SHAPE_JSON)
		return rules_json(ft, fn, arg);
	for (int c = 0; rc == FT_OK && c < NCOL; c++) {
		char code[40];

		if (c < HEADS)
			snprintf(code, sizeof code, "%s", heads[c]);
		else
			snprintf(code, sizeof code, "col.%s",
				 ent_field_name[c - HEADS]);
		rc = rules_text(ft, code, names[c], sizeof names[c]);
		name_ptr[c] = names[c];
		cell_ptr[c] = cells[c];
	}
	if (rc != FT_OK)
		return rc;
	/* Each column's description: a constant's label, or its source's
	 * ("given" rather than "from the declaration" for a status change). */
	rc = db_prepare(ft, &st,
		"SELECT tr('page.' || r.page), r.scenario, "
		"coalesce(tr('phase.' || r.phase), tr('ui.any_phase')), "
		"tr('rule.' || r.scenario), "
		"coalesce((SELECT tr('role.' || w.role) FROM who_updates w "
		" WHERE w.phase = r.phase), tr('ui.by_phase')), "
		"v.field, CASE v.source WHEN 'constant' THEN "
		" tr(CASE v.field WHEN 'owner' THEN 'role' ELSE v.field END "
		" || '.' || v.value) "
		"ELSE tr('ui.' || CASE v.source "
		" WHEN 'none' THEN coalesce(v.value, 'none') "
		" ELSE CASE WHEN r.via = 'status' AND "
		" substr(v.source, 1, 8) = 'declared' "
		" THEN replace(v.source, 'declared', 'given') ELSE v.source END "
		" || CASE v.required WHEN 1 THEN '_required' ELSE '' END END) END "
		"|| CASE v.advised WHEN 1 THEN '; ' || tr('ui.advised') "
		"ELSE '' END "
		"FROM rule r JOIN rule_value v ON v.scenario = r.scenario "
		"ORDER BY r.position, v.field");
	if (rc != FT_OK)
		return rc;
	while ((step = db_step(ft, st)) == DB_ROW) {
		const char *scenario = db_col_text(st, 1);
		int f = ent_field_index(db_col_text(st, HEADS));

		if (strcmp(scenario, current) != 0) {
			if (current[0] != '\0' &&
			    (rc = fn(arg, NCOL, name_ptr, cell_ptr)) != FT_OK)
				break;
			snprintf(current, sizeof current, "%s", scenario);
			for (int c = 0; c < NCOL; c++)
				cells[c][0] = '\0';
			for (int c = 0; c < HEADS; c++)
				snprintf(cells[c], sizeof cells[c], "%s",
					 db_col_text(st, c) ? db_col_text(st, c)
							    : "");
		}
		if (f >= 0)
			snprintf(cells[HEADS + f], sizeof cells[HEADS + f], "%s",
				 db_col_text(st, HEADS + 1)
				 ? db_col_text(st, HEADS + 1) : "");
	}
	db_release(st);
	if (step < 0)
		return FT_DBERR;
	if (rc == FT_OK && current[0] != '\0')
		rc = fn(arg, NCOL, name_ptr, cell_ptr);
	return rc;
}

int ft_rules_updaters(struct ft *ft, enum ft_shape shape, ft_row_fn fn,
		      void *arg)
{
	char names[3][64];
	const char *name_ptr[3] = {names[0], names[1], names[2]};
	struct db_stmt *st = NULL;
	int rc;

	if (shape == FT_SHAPE_JSON)
		rc = db_prepare(ft, &st, "SELECT phase, role, own_delivery_fm "
				"FROM who_updates ORDER BY phase");
	else
		rc = db_prepare(ft, &st,
			"SELECT tr('phase.' || w.phase), tr('role.' || w.role), "
			"tr(CASE w.own_delivery_fm WHEN 1 THEN 'ui.yes' "
			"ELSE 'ui.no' END) FROM who_updates w "
			"ORDER BY w.phase");
	if (rc != FT_OK)
		return rc;
	if (shape == FT_SHAPE_JSON) {
		int step = DB_DONE;

		while (rc == FT_OK && (step = db_step(ft, st)) == DB_ROW) {
			struct json j;

			json_init(&j, strbuf_new());
			json_object_open(&j);
			json_key_text(&j, "phase", db_col_text(st, 0));
			json_key_text(&j, "role", db_col_text(st, 1));
			json_key_bool(&j, "own_delivery_fm",
				      db_col_int(st, 2) == 1);
			json_object_close(&j);
			rc = json_emit(ft, &j, fn, arg);
			free(strbuf_finish(j.out));
		}
		if (rc == FT_OK && step < 0)
			rc = FT_DBERR;
		db_release(st);
		return rc;
	}
	rc = rules_text(ft, "col.phase", names[0], sizeof names[0]);
	if (rc == FT_OK)
		rc = rules_text(ft, "col.updater", names[1], sizeof names[1]);
	if (rc == FT_OK)
		rc = rules_text(ft, "col.own_delivery_fm", names[2],
				sizeof names[2]);
	if (rc == FT_OK)
		rc = db_emit_all_named(ft, st, name_ptr, fn, arg);
	db_release(st);
	return rc;
}
