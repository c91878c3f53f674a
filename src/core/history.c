/* Reading the audit history back, newest first. */
#include "db.h"
#include "lookup.h"
#include "ftrack/history.h"

int ft_history(struct ft *ft, const struct ft_history_filter *f,
	       enum ft_shape shape, ft_row_fn fn, void *arg)
{
	sqlite3_stmt *st = NULL;
	int64_t customer = 0;
	int rc = FT_OK;

	if (f->customer != NULL)
		rc = lookup_id(ft, LOOKUP_CUSTOMER, f->customer, &customer, NULL);
	if (rc != FT_OK)
		return rc;
	if (shape == FT_SHAPE_JSON)
		rc = db_prepare(ft, &st,
			"SELECT json_object('id', cs.id, 'at', cs.at, "
			"'who', cs.who, 'role', cs.role, 'what', cs.what, "
			"'customer', c.name, 'workload', w.name, "
			"'subscription', s.code, 'scenario', cs.scenario, "
			"'changes', (SELECT json_group_array(json_object("
			"'entity', ch.entity, 'field', ch.field, "
			"'old', ch.old_value, 'new', ch.new_value)) "
			"FROM change ch WHERE ch.changeset_id = cs.id)) AS json "
			"FROM changeset cs "
			"LEFT JOIN customer c ON c.id = cs.customer_id "
			"LEFT JOIN workload w ON w.id = cs.workload_id "
			"LEFT JOIN subscription s ON s.id = cs.subscription_id "
			"WHERE :customer IS NULL OR cs.customer_id = :customer "
			"ORDER BY cs.id DESC");
	else
		rc = db_prepare(ft, &st,
			"SELECT cs.at AS \"Date\", cs.who AS \"Who Changed\", "
			"CASE :lang WHEN 'es' THEN r.es ELSE r.en END AS \"Role\", "
			"cs.what AS \"What Changed\" FROM changeset cs "
			"LEFT JOIN label r ON r.kind = 'role' AND r.code = cs.role "
			"WHERE :customer IS NULL OR cs.customer_id = :customer "
			"ORDER BY cs.id DESC");
	if (rc != FT_OK)
		return rc;
	if (shape != FT_SHAPE_JSON)
		db_bind_text(ft, st, ":lang", ft_lang_code(ft));
	db_bind_id(ft, st, ":customer", customer);
	rc = db_emit_all(ft, st, fn, arg);
	db_release(st);
	return rc;
}
