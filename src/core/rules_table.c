/* Printing the rules tables: what ftrack does in each scenario of each
 * page, and who may update in each phase. */
#include <stdio.h>
#include <string.h>

#include "db.h"
#include "entitlement.h"
#include "rules_engine.h"
#include "ftrack/rules.h"

static int rules_json(struct ft *ft, ft_row_fn fn, void *arg)
{
	struct db_stmt *st = NULL;
	int rc = db_prepare(ft, &st,
		"SELECT json_object('page', r.page, 'scenario', r.scenario, "
		"'phase', r.phase, 'via', r.via, 'event', r.event, "
		"'prior', (SELECT json_group_array(json_object('l1', p.l1, "
		"'l2', p.l2, 'service_no_intent', CASE p.service_no_intent "
		"WHEN 1 THEN json('true') WHEN 0 THEN json('false') END)) "
		"FROM rule_prior p WHERE p.scenario = r.scenario), "
		"'updater', w.role, 'own_delivery_fm', CASE w.own_delivery_fm "
		"WHEN 1 THEN json('true') WHEN 0 THEN json('false') END, "
		"'needs_validation', "
		"json(CASE r.needs_validation WHEN 1 THEN 'true' ELSE 'false' END), "
		"'label', tr('rule.' || r.scenario), "
		"'columns', (SELECT json_group_object(v.field, json_object("
		"'source', v.source, 'value', v.value, 'required', "
		"json(CASE v.required WHEN 1 THEN 'true' ELSE 'false' END), "
		"'advised', json(CASE v.advised WHEN 1 THEN 'true' ELSE 'false' "
		"END), 'cleared_on_leave', json(CASE v.cleared_on_leave WHEN 1 "
		"THEN 'true' ELSE 'false' END))) "
		"FROM rule_value v WHERE v.scenario = r.scenario)) AS json "
		"FROM rule r LEFT JOIN who_updates w ON w.phase = r.phase "
		"ORDER BY r.position");

	if (rc != FT_OK)
		return rc;
	rc = db_emit_all(ft, st, fn, arg);
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
		" ELSE CASE WHEN r.via = 'status' AND v.source LIKE 'declared%' "
		" THEN replace(v.source, 'declared', 'given') ELSE v.source END "
		" || CASE v.required WHEN 1 THEN '_required' ELSE '' END END) END "
		"|| CASE v.advised WHEN 1 THEN '; ' || tr('ui.advised') "
		"ELSE '' END "
		"FROM rule r JOIN rule_value v ON v.scenario = r.scenario "
		"ORDER BY r.position");
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
		rc = db_prepare(ft, &st, "SELECT json_object('phase', phase, "
				"'role', role, 'own_delivery_fm', "
				"json(CASE own_delivery_fm WHEN 1 THEN 'true' "
				"ELSE 'false' END)) AS json FROM who_updates "
				"ORDER BY phase");
	else
		rc = db_prepare(ft, &st,
			"SELECT tr('phase.' || w.phase), tr('role.' || w.role), "
			"tr(CASE w.own_delivery_fm WHEN 1 THEN 'ui.yes' "
			"ELSE 'ui.no' END) FROM who_updates w "
			"ORDER BY w.phase");
	if (rc != FT_OK)
		return rc;
	if (shape == FT_SHAPE_JSON) {
		rc = db_emit_all(ft, st, fn, arg);
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
