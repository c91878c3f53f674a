/* Candidates for shell completion (ftrack __complete): names by their key,
 * codes from the reference tables, each as the command line takes it. */
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "ftrack/complete.h"

/* One statement per kind. Names compare by key, as look-ups do: :key is
 * the folded prefix (text_fold()), :customer_key and :subscription_key the
 * scope's keys (NULL: any). Codes compare as the command line writes them:
 * :code is the prefix, :l1 the scope, each with ASCII letters lowered and
 * dashes as underscores. Changeset ids compare as text (:prefix). */
static const char *const CANDIDATE_SQL[] = {
	[FT_CAND_CUSTOMERS] =
		"SELECT name AS candidate FROM customer "
		"WHERE substr(name_key, 1, length(CAST(:key AS TEXT))) = :key "
		"ORDER BY name_key",
	[FT_CAND_WORKLOADS] =
		"SELECT name AS candidate FROM workload w "
		"WHERE substr(name_key, 1, length(CAST(:key AS TEXT))) = :key "
		"AND (CAST(:subscription_key AS TEXT) IS NULL OR EXISTS ("
		"SELECT 1 FROM entitlement e JOIN subscription s "
		"ON s.id = e.subscription_id WHERE e.workload_id = w.id "
		"AND s.code_key = :subscription_key AND "
		"(CAST(:customer_key AS TEXT) IS NULL "
		"OR s.customer_id IN (SELECT id FROM customer "
		"WHERE name_key = :customer_key)))) ORDER BY name_key",
	[FT_CAND_USERS] =
		"SELECT name AS candidate FROM app_user "
		"WHERE substr(name_key, 1, length(CAST(:key AS TEXT))) = :key "
		"ORDER BY name_key",
	[FT_CAND_SUBSCRIPTIONS] =
		"SELECT code AS candidate FROM subscription "
		"WHERE substr(code_key, 1, length(CAST(:key AS TEXT))) = :key "
		"AND (CAST(:customer_key AS TEXT) IS NULL OR customer_id IN ("
		"SELECT id FROM customer WHERE name_key = :customer_key)) "
		"ORDER BY code_key",
	[FT_CAND_L1] =
		"SELECT replace(code, '_', '-') AS candidate FROM l1 "
		"WHERE substr(code, 1, length(CAST(:code AS TEXT))) = :code "
		"ORDER BY position",
	[FT_CAND_L2] =
		"SELECT replace(code, '_', '-') AS candidate FROM l2 "
		"WHERE substr(code, 1, length(CAST(:code AS TEXT))) = :code "
		"AND (CAST(:l1 AS TEXT) IS NULL OR l1 = :l1) "
		"ORDER BY position",
	[FT_CAND_ROLES] =
		"SELECT replace(code, '_', '-') AS candidate FROM label "
		"WHERE kind = 'role' AND "
		"substr(code, 1, length(CAST(:code AS TEXT))) = :code "
		"ORDER BY code",
	[FT_CAND_ACTIVE_USERS] =
		"SELECT name AS candidate FROM app_user "
		"WHERE substr(name_key, 1, length(CAST(:key AS TEXT))) = :key "
		"AND active = 1 ORDER BY name_key",
	[FT_CAND_DELIVERY_FMS] =
		"SELECT name AS candidate FROM app_user "
		"WHERE substr(name_key, 1, length(CAST(:key AS TEXT))) = :key "
		"AND active = 1 AND role = 'delivery_fm' ORDER BY name_key",
	[FT_CAND_CHANGESETS] =
		"SELECT id AS candidate FROM changeset WHERE "
		"substr(CAST(id AS TEXT), 1, length(CAST(:prefix AS TEXT))) = "
		":prefix ORDER BY id DESC LIMIT 20",
};

/* Binds text as a code is compared (NULL for NULL): ASCII letters lowered
 * and dashes made underscores, byte by byte as SQLite's
 * replace(lower(x), '-', '_') did. */
static void bind_code(struct ft *ft, struct db_stmt *st, const char *param,
		      const char *text)
{
	char *code = text ? strdup(text) : NULL;

	if (text != NULL && code == NULL) {
		ft_fail(ft, FT_DBERR, "out of memory");
		ft->bind_failed = 1;
		return;
	}
	for (char *p = code; p && *p; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p - 'A' + 'a');
		else if (*p == '-')
			*p = '_';
	db_bind_text(ft, st, param, code);
	free(code);
}

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
	if (prefix == NULL)
		prefix = "";
	if (scope == NULL)
		scope = &none;
	switch (kind) {
	case FT_CAND_L1:
	case FT_CAND_ROLES:
		bind_code(ft, st, ":code", prefix);
		break;
	case FT_CAND_L2:
		bind_code(ft, st, ":code", prefix);
		bind_code(ft, st, ":l1", scope->l1);
		break;
	case FT_CAND_CHANGESETS:
		db_bind_text(ft, st, ":prefix", prefix);
		break;
	default:
		db_bind_key(ft, st, ":key", prefix);
		break;
	}
	if (kind == FT_CAND_SUBSCRIPTIONS || kind == FT_CAND_WORKLOADS)
		db_bind_key(ft, st, ":customer_key", scope->customer);
	if (kind == FT_CAND_WORKLOADS)
		db_bind_key(ft, st, ":subscription_key", scope->subscription);
	rc = db_emit_all(ft, st, fn, arg);
	db_release(st);
	return rc;
}
