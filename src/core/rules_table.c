/* Printing the rules table: what ftrack will do in each scenario. */
#include <stdio.h>
#include <string.h>

#include "db.h"
#include "entitlement.h"
#include "ftrack/rules.h"

/* The text of a rule_text code in the context's language. */
static int rule_text(struct ft *ft, const char *code, char *out, size_t len)
{
	sqlite3_stmt *st = NULL;
	int rc = db_prepare(ft, &st, "SELECT CASE :lang WHEN 'es' THEN es "
			    "ELSE en END FROM rule_text WHERE code = :code");

	if (rc != FT_OK)
		return rc;
	db_bind_text(ft, st, ":lang", ft_lang_code(ft));
	db_bind_text(ft, st, ":code", code);
	if (db_step(ft, st) == SQLITE_ROW)
		snprintf(out, len, "%s", db_col_text(st, 0));
	else
		rc = ft_fail(ft, FT_DBERR, "rule_text has no '%s'", code);
	db_release(st);
	return rc;
}

static int rules_json(struct ft *ft, ft_row_fn fn, void *arg)
{
	sqlite3_stmt *st = NULL;
	int rc = db_prepare(ft, &st,
		"SELECT json_object('scenario', r.scenario, 'phase', r.phase, "
		"'declared', r.declared, 'prior_l1', (SELECT json_group_array(l1) "
		"FROM rule_prior p WHERE p.scenario = r.scenario), "
		"'service_no_intent', CASE r.service_no_intent WHEN 1 THEN "
		"json('true') WHEN 0 THEN json('false') END, "
		"'updater', r.updater, 'needs_validation', "
		"json(CASE r.needs_validation WHEN 1 THEN 'true' ELSE 'false' END), "
		"'label', CASE :lang WHEN 'es' THEN r.es ELSE r.en END, "
		"'columns', (SELECT json_group_object(v.field, json_object("
		"'source', v.source, 'value', v.value, 'required', "
		"json(CASE v.required WHEN 1 THEN 'true' ELSE 'false' END))) "
		"FROM rule_value v WHERE v.scenario = r.scenario)) AS json "
		"FROM rule r ORDER BY r.scenario");

	if (rc != FT_OK)
		return rc;
	db_bind_text(ft, st, ":lang", ft_lang_code(ft));
	rc = db_emit_all(ft, st, fn, arg);
	db_release(st);
	return rc;
}

int ft_rules(struct ft *ft, enum ft_shape shape, ft_row_fn fn, void *arg)
{
	enum { NCOL = 4 + F_COUNT };
	static const char *const heads[4] = {"col_scenario", "col_phase",
					     "col_description", "col_updater"};
	char names[NCOL][64], cells[NCOL][256];
	const char *name_ptr[NCOL], *cell_ptr[NCOL];
	sqlite3_stmt *st = NULL;
	int rc = FT_OK, step;

	if (shape == FT_SHAPE_JSON)
		return rules_json(ft, fn, arg);
	for (int c = 0; rc == FT_OK && c < NCOL; c++) {
		char code[40];

		if (c < 4)
			snprintf(code, sizeof code, "%s", heads[c]);
		else
			snprintf(code, sizeof code, "col_%s", ent_field_name[c - 4]);
		rc = rule_text(ft, code, names[c], sizeof names[c]);
		name_ptr[c] = names[c];
		cell_ptr[c] = cells[c];
	}
	if (rc != FT_OK)
		return rc;
	/* Each column's description: a constant's label, or its source's. */
	rc = db_prepare(ft, &st,
		"SELECT r.scenario, "
		"(SELECT CASE :lang WHEN 'es' THEN es ELSE en END FROM label "
		" WHERE kind = 'phase' AND code = r.phase), "
		"CASE :lang WHEN 'es' THEN r.es ELSE r.en END, "
		"(SELECT CASE :lang WHEN 'es' THEN es ELSE en END FROM label "
		" WHERE kind = 'role' AND code = r.updater), "
		"v.field, CASE v.source WHEN 'constant' THEN coalesce(("
		" SELECT CASE :lang WHEN 'es' THEN es ELSE en END FROM ("
		"  SELECT en, es FROM l1 WHERE v.field = 'l1' AND code = v.value "
		"  UNION ALL SELECT en, es FROM label WHERE code = v.value "
		"  AND kind = CASE v.field WHEN 'owner' THEN 'role' "
		"  ELSE v.field END)), v.value) "
		"ELSE (SELECT CASE :lang WHEN 'es' THEN es ELSE en END "
		" FROM rule_text WHERE code = CASE v.source "
		" WHEN 'none' THEN coalesce(v.value, 'none') "
		" ELSE v.source || CASE v.required WHEN 1 THEN '_required' "
		" ELSE '' END END) END "
		"FROM rule r JOIN rule_value v ON v.scenario = r.scenario "
		"ORDER BY r.scenario");
	if (rc != FT_OK)
		return rc;
	db_bind_text(ft, st, ":lang", ft_lang_code(ft));
	int current = 0;
	while ((step = db_step(ft, st)) == SQLITE_ROW) {
		int scenario = sqlite3_column_int(st, 0);
		int f = ent_field_index(db_col_text(st, 4));

		if (scenario != current) {
			if (current != 0 &&
			    (rc = fn(arg, NCOL, name_ptr, cell_ptr)) != FT_OK)
				break;
			current = scenario;
			for (int c = 0; c < NCOL; c++)
				cells[c][0] = '\0';
			for (int c = 0; c < 4; c++)
				snprintf(cells[c], sizeof cells[c], "%s",
					 db_col_text(st, c) ? db_col_text(st, c)
							    : "");
		}
		if (f >= 0)
			snprintf(cells[4 + f], sizeof cells[4 + f], "%s",
				 db_col_text(st, 5) ? db_col_text(st, 5) : "");
	}
	db_release(st);
	if (step < 0)
		return FT_DBERR;
	if (rc == FT_OK && current != 0)
		rc = fn(arg, NCOL, name_ptr, cell_ptr);
	return rc;
}
