/* Candidates for shell completion (ftrack __complete): names by their key,
 * codes from the reference tables, each as the command line takes it. */
#include "db.h"
#include "ftrack/complete.h"

/* One statement per kind; :prefix is what the user typed so far, :l1,
 * :customer and :subscription the scope (NULL: any). Names compare by key
 * (fold(), as look-ups do). */
static const char *const CANDIDATE_SQL[] = {
	[FT_CAND_CUSTOMERS] =
		"SELECT name AS candidate FROM customer "
		"WHERE substr(name_key, 1, length(fold(:prefix))) = "
		"fold(:prefix) ORDER BY name_key",
	[FT_CAND_WORKLOADS] =
		"SELECT name AS candidate FROM workload w "
		"WHERE substr(name_key, 1, length(fold(:prefix))) = "
		"fold(:prefix) AND (:subscription IS NULL OR EXISTS ("
		"SELECT 1 FROM entitlement e JOIN subscription s "
		"ON s.id = e.subscription_id WHERE e.workload_id = w.id "
		"AND s.code_key = fold(:subscription) AND (:customer IS NULL "
		"OR s.customer_id IN (SELECT id FROM customer "
		"WHERE name_key = fold(:customer))))) ORDER BY name_key",
	[FT_CAND_USERS] =
		"SELECT name AS candidate FROM app_user "
		"WHERE substr(name_key, 1, length(fold(:prefix))) = "
		"fold(:prefix) ORDER BY name_key",
	[FT_CAND_SUBSCRIPTIONS] =
		"SELECT code AS candidate FROM subscription "
		"WHERE substr(code_key, 1, length(fold(:prefix))) = "
		"fold(:prefix) AND (:customer IS NULL OR customer_id IN ("
		"SELECT id FROM customer WHERE name_key = fold(:customer))) "
		"ORDER BY code_key",
	[FT_CAND_L1] =
		"SELECT replace(code, '_', '-') AS candidate FROM l1 "
		"WHERE substr(code, 1, length(:prefix)) = "
		"replace(lower(:prefix), '-', '_') ORDER BY position",
	[FT_CAND_L2] =
		"SELECT replace(code, '_', '-') AS candidate FROM l2 "
		"WHERE substr(code, 1, length(:prefix)) = "
		"replace(lower(:prefix), '-', '_') "
		"AND (:l1 IS NULL OR l1 = replace(lower(:l1), '-', '_')) "
		"ORDER BY position",
	[FT_CAND_ROLES] =
		"SELECT replace(code, '_', '-') AS candidate FROM label "
		"WHERE kind = 'role' AND substr(code, 1, length(:prefix)) = "
		"replace(lower(:prefix), '-', '_') ORDER BY code",
	[FT_CAND_ACTIVE_USERS] =
		"SELECT name AS candidate FROM app_user "
		"WHERE substr(name_key, 1, length(fold(:prefix))) = "
		"fold(:prefix) AND active ORDER BY name_key",
	[FT_CAND_DELIVERY_FMS] =
		"SELECT name AS candidate FROM app_user "
		"WHERE substr(name_key, 1, length(fold(:prefix))) = "
		"fold(:prefix) AND active AND role = 'delivery_fm' "
		"ORDER BY name_key",
	[FT_CAND_CHANGESETS] =
		"SELECT id AS candidate FROM changeset "
		"WHERE substr(id, 1, length(:prefix)) = :prefix "
		"ORDER BY id DESC LIMIT 20",
};

int ft_candidates(struct ft *ft, enum ft_candidate_kind kind,
		  const char *prefix, const struct ft_candidate_scope *scope,
		  ft_row_fn fn, void *arg)
{
	static const struct ft_candidate_scope none = {0};
	struct db_stmt *st = NULL;
	int rc;

	if ((unsigned)kind >= sizeof CANDIDATE_SQL / sizeof CANDIDATE_SQL[0])
		return ft_fail(ft, FT_USAGE, "unknown kind of candidate");
	if ((rc = db_prepare(ft, &st, CANDIDATE_SQL[kind])) != FT_OK)
		return rc;
	db_bind_text(ft, st, ":prefix", prefix ? prefix : "");
	if (scope == NULL)
		scope = &none;
	if (kind == FT_CAND_L2)
		db_bind_text(ft, st, ":l1", scope->l1);
	if (kind == FT_CAND_SUBSCRIPTIONS || kind == FT_CAND_WORKLOADS)
		db_bind_text(ft, st, ":customer", scope->customer);
	if (kind == FT_CAND_WORKLOADS)
		db_bind_text(ft, st, ":subscription", scope->subscription);
	rc = db_emit_all(ft, st, fn, arg);
	db_release(st);
	return rc;
}
