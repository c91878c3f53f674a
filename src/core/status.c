/* The statuses reached without a declaration (In Progress, Blocked, Status
 * Unknown, Duplicate/Invalid), and the open next actions. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "db.h"
#include "entitlement.h"
#include "lookup.h"
#include "ftrack/rules.h"
#include "ftrack/text.h"

/* Saves every entitlement whose after differs from before in one change
 * set summarised by what (English, Spanish); *changed is how many. */
static int save_changed(struct ft *ft, int64_t customer_id,
			struct ent *before, struct ent *after, int n,
			char *const what[2], int *changed)
{
	struct audit_ref ref = {.customer_id = customer_id};
	char role[16];
	int64_t cs = 0;
	int rc = audit_actor_role(ft, role, sizeof role);

	*changed = 0;
	for (int i = 0; i < n; i++)
		if (!ent_same(&before[i], &after[i])) {
			if (*changed == 0) {
				ref.workload_id = after[i].workload_id;
				ref.subscription_id = after[i].subscription_id;
			}
			if (ref.subscription_id != after[i].subscription_id)
				ref.subscription_id = 0;
			(*changed)++;
		}
	if (rc != FT_OK || *changed == 0)
		return rc;
	rc = audit_begin(ft, &ref, what[0], what[1], &cs);
	for (int i = 0; rc == FT_OK && i < n; i++)
		if (!ent_same(&before[i], &after[i]))
			rc = ent_save(ft, &before[i], &after[i], cs,
				      role[0] ? role : NULL);
	return rc;
}

/* Copies every entitlement of ents into a new array (to free with
 * ent_free_all). */
static int copy_all(struct ft *ft, const struct ent *ents, int n,
		    struct ent **out)
{
	int rc = FT_OK;

	if ((*out = calloc((size_t)(n ? n : 1), sizeof **out)) == NULL)
		return ft_fail(ft, FT_DBERR, "out of memory");
	for (int i = 0; rc == FT_OK && i < n; i++)
		rc = ent_copy(ft, &(*out)[i], &ents[i]);
	return rc;
}

/* Looks up the service and loads its entitlements. */
static int load_service(struct ft *ft, const char *customer,
			const char *workload, const char *subscription,
			int64_t *cid, char *cname, char *wname,
			struct ent **ents, int *n)
{
	int64_t wid = 0, sid = 0;
	int rc = lookup_id(ft, LOOKUP_CUSTOMER, customer, cid, cname);

	if (rc == FT_OK)
		rc = lookup_id(ft, LOOKUP_WORKLOAD, workload, &wid, wname);
	if (rc == FT_OK && subscription != NULL)
		rc = lookup_id(ft, LOOKUP_SUBSCRIPTION, subscription, &sid, NULL);
	if (rc == FT_OK)
		rc = ent_load(ft, *cid, wid, sid, ents, n);
	if (rc == FT_OK && *n == 0)
		rc = ft_fail(ft, FT_REFUSED, "'%s' has no entitlement for %s%s%s",
			     cname, wname, subscription ? " in subscription " : "",
			     subscription ? subscription : "");
	return rc;
}

/* Canonicalises l2 into out and checks that it is an L2 of l1. */
static int check_l2(struct ft *ft, const char *l1, const char *l2, char *out,
		    size_t outlen)
{
	sqlite3_stmt *st = NULL;
	char list[400] = "";
	int rc, step, found = 0;

	rc = db_prepare(ft, &st, "SELECT code FROM l2 WHERE l1 = :l1 "
			"ORDER BY position");
	if (rc != FT_OK)
		return rc;
	db_bind_text(ft, st, ":l1", l1);
	if (!text_code(l2, out, outlen))
		out[0] = '\0';
	while ((step = db_step(ft, st)) == SQLITE_ROW) {
		size_t used = strlen(list);

		found |= strcmp(db_col_text(st, 0), out) == 0;
		snprintf(list + used, sizeof list - used, "%s%s",
			 used ? ", " : "", db_col_text(st, 0));
	}
	db_release(st);
	if (step < 0)
		return FT_DBERR;
	if (list[0] == '\0')
		return ft_fail(ft, FT_REFUSED, "L1 %s has no L2; leave out --l2",
			       l1);
	if (!found)
		return ft_fail(ft, FT_REFUSED, "invalid L2 '%s' for L1 %s "
			       "(expected one of: %s)", l2, l1, list);
	return FT_OK;
}

int ft_status_set(struct ft *ft, const struct ft_status_change *s,
		  int *changed)
{
	char l1[32], l2[40] = "", cname[FT_NAME_MAX + 1], wname[FT_NAME_MAX + 1];
	static const char *const langs[2] = {"en", "es"};
	char l1label[64], l2label[96], *what[2] = {NULL, NULL};
	struct ent *before = NULL, *after = NULL;
	const char *why;
	int64_t cid;
	int n = 0, rc;

	*changed = 0;
	if (s->notes != NULL && (why = text_check_free(s->notes)) != NULL)
		return ft_fail(ft, FT_REFUSED, "invalid --notes: %s", why);
	if ((rc = db_begin_write(ft)) != FT_OK)
		return rc;
	rc = lookup_code(ft, "L1", s->l1, "SELECT 1 FROM l1 WHERE code = :code",
			 "SELECT code FROM l1 ORDER BY position", l1, sizeof l1);
	if (rc == FT_OK && strcmp(l1, "no_intent") == 0)
		rc = ft_fail(ft, FT_REFUSED, "No Intent is reached only through "
			     "'ftrack declare --no-intent', which applies the "
			     "playbook's scenarios");
	if (rc == FT_OK && s->l2 != NULL)
		rc = check_l2(ft, l1, s->l2, l2, sizeof l2);
	if (rc == FT_OK)
		rc = load_service(ft, s->customer, s->workload, s->subscription,
				  &cid, cname, wname, &before, &n);
	if (rc == FT_OK)
		rc = copy_all(ft, before, n, &after);
	for (int i = 0; rc == FT_OK && i < n; i++) {
		bool new_l1 = strcmp(after[i].v[F_L1], l1) != 0;

		rc = ent_set(ft, &after[i], F_L1, l1);
		if (rc == FT_OK)
			rc = ent_set(ft, &after[i], F_L2, l2[0] ? l2 : NULL);
		if (rc == FT_OK && new_l1)
			rc = ent_set(ft, &after[i], F_L3, NULL);
		if (rc == FT_OK && s->notes != NULL)
			rc = ent_set(ft, &after[i], F_NOTES, s->notes);
		if (rc == FT_OK && !ent_same(&before[i], &after[i]))
			after[i].scenario = 0;
		if (new_l1)
			after[i].declaration = 0;
	}
	for (int l = 0; rc == FT_OK && l < 2; l++) {
		rc = lookup_field_label(ft, "l1", l1, langs[l], l1label,
					sizeof l1label);
		if (rc == FT_OK)
			rc = lookup_field_label(ft, "l2", l2[0] ? l2 : NULL,
						langs[l], l2label, sizeof l2label);
		if (rc == FT_OK)
			what[l] = sqlite3_mprintf("%s / %s%s%s%s: %s%s%s", cname,
				wname, s->subscription ? " (" : "",
				s->subscription ? s->subscription : "",
				s->subscription ? ")" : "", l1label,
				l2label[0] ? ", " : "", l2label);
		if (rc == FT_OK && what[l] == NULL)
			rc = ft_fail(ft, FT_DBERR, "out of memory");
	}
	if (rc == FT_OK)
		rc = save_changed(ft, cid, before, after, n, what, changed);
	rc = db_end_write(ft, rc);
	sqlite3_free(what[0]);
	sqlite3_free(what[1]);
	ent_free_all(before, n);
	ent_free_all(after, n);
	return rc;
}

int ft_action_done(struct ft *ft, const char *customer, const char *workload)
{
	char cname[FT_NAME_MAX + 1], wname[FT_NAME_MAX + 1], label[96] = "";
	char label_es[128] = "";
	struct ent *before = NULL, *after = NULL;
	char *what[2] = {NULL, NULL};
	int64_t cid;
	int n = 0, changed = 0, rc;

	if ((rc = db_begin_write(ft)) != FT_OK)
		return rc;
	rc = load_service(ft, customer, workload, NULL, &cid, cname, wname,
			  &before, &n);
	if (rc == FT_OK)
		rc = copy_all(ft, before, n, &after);
	for (int i = 0; rc == FT_OK && i < n; i++) {
		if (after[i].v[F_NEXT_ACTION] == NULL)
			continue;
		if (label[0] == '\0')
			rc = lookup_field_label(ft, "next_action",
						after[i].v[F_NEXT_ACTION], "en",
						label, sizeof label);
		if (rc == FT_OK && label_es[0] == '\0')
			rc = lookup_field_label(ft, "next_action",
						after[i].v[F_NEXT_ACTION], "es",
						label_es, sizeof label_es);
		if (rc == FT_OK)
			rc = ent_set(ft, &after[i], F_NEXT_ACTION, NULL);
		if (rc == FT_OK)
			rc = ent_set(ft, &after[i], F_NEXT_ACTION_DATE, NULL);
	}
	if (rc == FT_OK && label[0] == '\0')
		rc = ft_fail(ft, FT_REFUSED, "'%s' / '%s' has no open next action",
			     cname, wname);
	if (rc == FT_OK) {
		what[0] = sqlite3_mprintf("%s / %s: next action done: %s", cname,
					  wname, label);
		what[1] = sqlite3_mprintf("%s / %s: próxima acción hecha: %s",
					  cname, wname, label_es);
		rc = what[0] && what[1]
			? save_changed(ft, cid, before, after, n, what, &changed)
			: ft_fail(ft, FT_DBERR, "out of memory");
	}
	rc = db_end_write(ft, rc);
	sqlite3_free(what[0]);
	sqlite3_free(what[1]);
	ent_free_all(before, n);
	ent_free_all(after, n);
	return rc;
}

int ft_actions(struct ft *ft, enum ft_shape shape, ft_row_fn fn, void *arg)
{
	sqlite3_stmt *st = NULL;
	int rc;

	if (shape == FT_SHAPE_JSON)
		rc = db_prepare(ft, &st,
			"SELECT json_object('customer', c.name, 'workload', w.name, "
			"'subscriptions', json_group_array(s.code), "
			"'next_action', e.next_action, "
			"'next_action_date', min(e.next_action_date)) AS json "
			"FROM entitlement e "
			"JOIN subscription s ON s.id = e.subscription_id "
			"JOIN customer c ON c.id = s.customer_id "
			"JOIN workload w ON w.id = e.workload_id "
			"WHERE e.next_action IS NOT NULL "
			"GROUP BY c.id, w.id, e.next_action ORDER BY c.name, w.name");
	else
		rc = db_prepare(ft, &st,
			"SELECT c.name AS \"Customer\", w.name AS \"Workload\", "
			"group_concat(s.code, ', ') AS \"Subscriptions\", "
			"(SELECT CASE :lang WHEN 'es' THEN es ELSE en END FROM label "
			" WHERE kind = 'next_action' AND code = e.next_action) "
			"AS \"Next action\", "
			"coalesce(min(e.next_action_date), 'TBD') "
			"AS \"Next action date\" "
			"FROM entitlement e "
			"JOIN subscription s ON s.id = e.subscription_id "
			"JOIN customer c ON c.id = s.customer_id "
			"JOIN workload w ON w.id = e.workload_id "
			"WHERE e.next_action IS NOT NULL "
			"GROUP BY c.id, w.id, e.next_action ORDER BY c.name, w.name");
	if (rc != FT_OK)
		return rc;
	if (shape != FT_SHAPE_JSON)
		db_bind_text(ft, st, ":lang", ft_lang_code(ft));
	rc = db_emit_all(ft, st, fn, arg);
	db_release(st);
	return rc;
}
