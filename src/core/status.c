/* The statuses reached without a declaration (In Progress, Blocked, Status
 * Unknown, Duplicate/Invalid), through the rules tables' status-change
 * scenarios, and the open next actions. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "db.h"
#include "entitlement.h"
#include "json.h"
#include "lookup.h"
#include "rules_engine.h"
#include "texts.h"
#include "ftrack/rules.h"
#include "ftrack/text.h"

/* Saves every entitlement whose after differs from before in one change
 * set summarised by what (English, Spanish) with the actor's role; *changed
 * is how many. */
static int save_changed(struct ft *ft, int64_t customer_id,
			struct ent *before, struct ent *after, int n,
			char *const what[2], const char *role, int *changed)
{
	struct audit_ref ref = {.customer_id = customer_id, .role = role};
	int64_t cs = 0;
	int rc = FT_OK;

	*changed = 0;
	for (int i = 0; i < n; i++)
		if (!ent_same(&before[i], &after[i])) {
			if (*changed == 0) {
				ref.workload_id = after[i].workload_id;
				ref.subscription_id = after[i].subscription_id;
				ref.scenario = after[i].scenario;
			}
			if (ref.workload_id != after[i].workload_id)
				ref.workload_id = 0;
			if (ref.subscription_id != after[i].subscription_id)
				ref.subscription_id = 0;
			if (ref.scenario &&
			    strcmp(ref.scenario, after[i].scenario) != 0)
				ref.scenario = NULL;
			(*changed)++;
		}
	if (*changed == 0)
		return FT_OK;
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

/* Looks up the customer (into s), the service (every workload when workload
 * is NULL) and loads its entitlements. */
static int load_service(struct ft *ft, const char *customer,
			const char *workload, const char *subscription,
			struct rule_subject *s, char *cname, char *wname,
			struct ent **ents, int *n)
{
	int64_t wid = 0, sid = 0;
	int rc = lookup_id(ft, LOOKUP_CUSTOMER, customer, &s->customer_id,
			   cname);

	s->customer = cname;
	wname[0] = '\0';
	if (rc == FT_OK && workload != NULL)
		rc = lookup_id(ft, LOOKUP_WORKLOAD, workload, &wid, wname);
	if (rc == FT_OK && subscription != NULL)
		rc = lookup_id(ft, LOOKUP_SUBSCRIPTION, subscription, &sid, NULL);
	if (rc == FT_OK)
		rc = rules_subject(ft, s);
	if (rc == FT_OK)
		rc = ent_load(ft, s->customer_id, wid, sid, ents, n);
	if (rc == FT_OK && *n == 0)
		rc = ft_fail(ft, FT_REFUSED, "'%s' has no entitlement%s%s%s%s",
			     cname, wname[0] ? " for " : "", wname,
			     subscription ? " in subscription " : "",
			     subscription ? subscription : "");
	return rc;
}

/* Canonicalises l2 into out and checks that it is an L2 of l1. */
static int check_l2(struct ft *ft, const char *l1, const char *l2, char *out,
		    size_t outlen)
{
	struct db_stmt *st = NULL;
	char list[400] = "", shown[32];
	int rc, step, found = 0;

	/* the L1 as the docs write it, with dashes */
	snprintf(shown, sizeof shown, "%s", l1);
	for (char *p = shown; *p != '\0'; p++)
		if (*p == '_')
			*p = '-';

	rc = db_prepare(ft, &st, "SELECT code, replace(code, '_', '-') "
			"FROM l2 WHERE l1 = :l1 ORDER BY position");
	if (rc != FT_OK)
		return rc;
	db_bind_text(ft, st, ":l1", l1);
	if (!text_code(l2, out, outlen))
		out[0] = '\0';
	while ((step = db_step(ft, st)) == DB_ROW) {
		size_t used = strlen(list);

		found |= strcmp(db_col_text(st, 0), out) == 0;
		snprintf(list + used, sizeof list - used, "%s%s",
			 used ? ", " : "", db_col_text(st, 1));
	}
	db_release(st);
	if (step < 0)
		return FT_DBERR;
	if (list[0] == '\0')
		return ft_fail(ft, FT_REFUSED, "L1 %s has no L2; leave out --l2",
			       shown);
	if (!found)
		return ft_fail(ft, FT_REFUSED, "invalid L2 '%s' for L1 %s "
			       "(expected one of: %s)", l2, shown, list);
	return FT_OK;
}

/* The status change in codes, checked. */
struct status_input {
	char l1[32], l2[40], engagement[32];
	char target[11], next_date[11];
	struct rule_input in;
};

/* Whether a rule sets L1 l1 by a status change. */
static int status_rule_exists(struct ft *ft, const char *l1, bool *exists)
{
	struct db_stmt *st = NULL;
	int rc = db_prepare(ft, &st, "SELECT 1 FROM rule WHERE via = 'status' "
			    "AND event = :l1");
	int step;

	if (rc != FT_OK)
		return rc;
	db_bind_text(ft, st, ":l1", l1);
	step = db_step(ft, st);
	*exists = step == DB_ROW;
	db_release(st);
	return step < 0 ? FT_DBERR : FT_OK;
}

static int check_status(struct ft *ft, const struct ft_status_change *s,
			struct status_input *si)
{
	const char *why;
	bool exists = false;
	int rc;

	if (s->notes != NULL && (why = text_check_free(s->notes)) != NULL)
		return ft_fail(ft, FT_REFUSED, "invalid --notes: %s", why);
	if (s->l3 != NULL && (why = text_check_free(s->l3)) != NULL)
		return ft_fail(ft, FT_REFUSED, "invalid --l3: %s", why);
	rc = lookup_code(ft, "L1", s->l1, "SELECT 1 FROM l1 WHERE code = :code",
			 /* the L1s it takes: those a status rule sets */
			 "SELECT code FROM l1 WHERE code IN (SELECT event FROM "
			 "rule WHERE via = 'status') ORDER BY position", si->l1,
			 sizeof si->l1);
	if (rc == FT_OK)
		rc = status_rule_exists(ft, si->l1, &exists);
	if (rc == FT_OK && !exists)
		rc = strcmp(si->l1, "no_intent") == 0
			? ft_fail(ft, FT_REFUSED, "No Intent is reached only "
				  "through 'ftrack declare --no-intent', which "
				  "applies the playbook's scenarios")
			: ft_fail(ft, FT_REFUSED, "no rule sets L1 %s by a status "
				  "change", si->l1);
	if (rc == FT_OK && s->l2 != NULL)
		rc = check_l2(ft, si->l1, s->l2, si->l2, sizeof si->l2);
	if (rc == FT_OK && s->engagement != NULL)
		rc = lookup_code(ft, "--engagement", s->engagement,
			"SELECT 1 FROM label WHERE kind = 'engagement_scenario' "
			"AND code = :code AND substr(code, length(code) - 3) = '_led'",
			"SELECT code FROM label WHERE kind = "
			"'engagement_scenario' AND substr(code, length(code) - 3) "
			"= '_led' ORDER BY code",
			si->engagement, sizeof si->engagement);
	if (rc == FT_OK && s->target_date != NULL)
		rc = rules_date(ft, "--target-date", s->target_date, si->target);
	if (rc == FT_OK && s->next_action_date != NULL)
		rc = rules_date(ft, "--next-action-date", s->next_action_date,
				si->next_date);
	si->in.via = "status";
	si->in.event = si->l1;
	si->in.given[F_L2] = si->l2[0] ? si->l2 : NULL;
	si->in.given[F_L3] = s->l3 && s->l3[0] ? s->l3 : NULL;
	si->in.given[F_NOTES] = s->notes;
	si->in.given[F_ENGAGEMENT_SCENARIO] = si->engagement[0] ? si->engagement
								: NULL;
	si->in.given[F_TARGET_DATE] = si->target[0] ? si->target : NULL;
	si->in.given[F_NEXT_ACTION_DATE] = si->next_date[0] ? si->next_date
							    : NULL;
	return rc;
}

/* The summaries of a status change, English and Spanish. */
static int status_what(struct ft *ft, const struct ft_status_change *s,
		       const struct status_input *si, const char *cname,
		       const char *wname, const char *scenario, char *what[2])
{
	char l1label[64], l2label[96];
	int rc = FT_OK;

	for (int l = 0; rc == FT_OK && l < 2; l++) {
		const char *args[1] = {scenario};
		char *tail = scenario ? texts_fill(ft, "what.scenario",
						   audit_langs[l], args, 1)
				      : NULL;

		rc = lookup_field_label(ft, "l1", si->l1, audit_langs[l],
					l1label, sizeof l1label);
		if (rc == FT_OK)
			rc = lookup_field_label(ft, "l2", si->l2[0] ? si->l2 : NULL,
						audit_langs[l], l2label,
						sizeof l2label);
		if (rc == FT_OK)
			what[l] = str_printf("%s%s%s%s%s%s: %s%s%s%s", cname,
				wname[0] ? " / " : "", wname,
				s->subscription ? " (" : "",
				s->subscription ? s->subscription : "",
				s->subscription ? ")" : "", l1label,
				l2label[0] ? ", " : "", l2label,
				tail ? tail : "");
		free(tail);
		if (rc == FT_OK && what[l] == NULL)
			rc = ft_fail(ft, FT_DBERR, "out of memory");
	}
	return rc;
}

int ft_status_set(struct ft *ft, const struct ft_status_change *s,
		  int *changed)
{
	char cname[FT_NAME_MAX + 1], wname[FT_NAME_MAX + 1], role[16] = "";
	char name[2 * FT_NAME_MAX + 64], *what[2] = {NULL, NULL};
	struct status_input si = {0};
	struct rule_subject subject = {0};
	struct rule_plan plan = {0};
	struct ent *before = NULL, *after = NULL;
	const char *scenario = NULL;
	int n = 0, advised = -1, rc;

	*changed = 0;
	ft->summary[0] = '\0';
	if ((rc = db_begin_write(ft)) != FT_OK)
		return rc;
	rc = check_status(ft, s, &si);
	if (rc == FT_OK)
		rc = load_service(ft, s->customer, s->workload, s->subscription,
				  &subject, cname, wname, &before, &n);
	if (rc == FT_OK)
		rc = copy_all(ft, before, n, &after);
	for (int i = 0; rc == FT_OK && i < n; i++) {
		snprintf(name, sizeof name, "%s / %s (%s)", cname,
			 before[i].workload, before[i].subscription);
		ent_free(&after[i]);
		rc = rules_plan(ft, &subject, &si.in, NULL, false, &before[i],
				&after[i], name, &plan);
		if (rc == FT_OK && plan.advised_missing >= 0)
			advised = plan.advised_missing;
		if (rc == FT_OK && !ent_same(&before[i], &after[i])) {
			if (strcmp(before[i].v[F_L1], after[i].v[F_L1]) != 0)
				after[i].declaration = 0;
			scenario = after[i].scenario;
			(*changed)++;
		}
	}
	/* the actor is checked even when nothing would change */
	if (rc == FT_OK)
		rc = rules_check_actor(ft, &subject, role, sizeof role);
	if (rc == FT_OK)
		rc = status_what(ft, s, &si, cname, wname, scenario, what);
	if (rc == FT_OK)
		snprintf(ft->summary, sizeof ft->summary, "%s",
			 what[ft->lang == FT_LANG_ES]);
	if (rc == FT_OK && *changed)
		rc = save_changed(ft, subject.customer_id, before, after, n, what,
				  role, changed);
	rc = db_end_write(ft, rc);
	if (rc == FT_OK) {
		snprintf(name, sizeof name, "%s%s%s", cname, wname[0] ? " / " : "",
			 wname);
		if (advised >= 0)
			rules_warn_missing(ft, name, advised, si.l1);
		rules_warn_past(ft, name, F_TARGET_DATE,
				si.in.given[F_TARGET_DATE]);
		rules_warn_past(ft, name, F_NEXT_ACTION_DATE,
				si.in.given[F_NEXT_ACTION_DATE]);
		if (*changed && s->notes && plan.notes_advised &&
		    rules_notes_advice(s->notes))
			rules_warn(ft, rules_notes_advice(s->notes), NULL, 0);
	}
	free(what[0]);
	free(what[1]);
	ent_free_all(before, n);
	ent_free_all(after, n);
	return rc;
}

/* Appends the labels of next action code to the lists (English, Spanish)
 * unless seen (",code,..." of the codes already listed) has it. */
static int add_labels(struct ft *ft, const char *code, char *seen, size_t len,
		      struct strbuf *const lists[2])
{
	char label[128], key[48];
	size_t used = strlen(seen);
	int rc = FT_OK;

	snprintf(key, sizeof key, ",%s,", code);
	if (strstr(seen, key) != NULL)
		return FT_OK;
	snprintf(seen + used, len - used, "%s", used ? key + 1 : key);
	for (int l = 0; rc == FT_OK && l < 2; l++) {
		rc = lookup_field_label(ft, "next_action", code, audit_langs[l],
					label,
					sizeof label);
		if (rc == FT_OK)
			strbuf_addf(lists[l], "%s%s",
					    strbuf_len(lists[l]) ? ", "
					    : "", label);
	}
	return rc;
}

int ft_action_done(struct ft *ft, const char *customer, const char *workload,
		   const char *subscription)
{
	return rules_action_done(ft, customer, workload, subscription, NULL);
}

int rules_action_done(struct ft *ft, const char *customer,
		      const char *workload, const char *subscription,
		      const char *only)
{
	char cname[FT_NAME_MAX + 1], wname[FT_NAME_MAX + 1], role[16] = "";
	struct rule_subject subject = {0};
	struct ent *before = NULL, *after = NULL;
	struct strbuf *labels[2] = {strbuf_new(), strbuf_new()};
	char seen[256] = "", *what[2] = {NULL, NULL};
	int n = 0, changed = 0, rc;

	if ((rc = db_begin_write(ft)) != FT_OK)
		goto done;
	rc = load_service(ft, customer, workload, subscription, &subject, cname,
			  wname, &before, &n);
	if (rc == FT_OK)
		rc = copy_all(ft, before, n, &after);
	for (int i = 0; rc == FT_OK && i < n; i++) {
		if (after[i].v[F_NEXT_ACTION] == NULL || (only != NULL &&
		    strcmp(after[i].v[F_NEXT_ACTION], only) != 0))
			continue;
		rc = add_labels(ft, after[i].v[F_NEXT_ACTION], seen, sizeof seen,
				labels);
		if (rc == FT_OK)
			rc = ent_set(ft, &after[i], F_NEXT_ACTION, NULL);
		if (rc == FT_OK)
			rc = ent_set(ft, &after[i], F_NEXT_ACTION_DATE, NULL);
	}
	if (rc == FT_OK && strbuf_len(labels[0]) == 0)
		rc = ft_fail(ft, FT_REFUSED, "'%s' / '%s'%s%s has no open next "
			     "action", cname, wname, subscription ? " in " : "",
			     subscription ? subscription : "");
	if (rc == FT_OK)
		rc = rules_check_actor(ft, &subject, role, sizeof role);
	if (rc == FT_OK) {
		for (int l = 0; l < 2; l++) {
			const char *args[3] = {cname, wname,
					       strbuf_value(labels[l])};

			what[l] = texts_fill(ft, "what.action_done",
					     audit_langs[l], args, 3);
		}
		rc = what[0] && what[1]
			? save_changed(ft, subject.customer_id, before, after, n,
				       what, role, &changed)
			: ft_fail(ft, FT_DBERR, "out of memory");
	}
	rc = db_end_write(ft, rc);
done:
	free(strbuf_finish(labels[0]));
	free(strbuf_finish(labels[1]));
	free(what[0]);
	free(what[1]);
	ent_free_all(before, n);
	ent_free_all(after, n);
	return rc;
}

/* The open next actions, one row per customer, workload and action: its
 * ids, the columns of the table and whether it is overdue; FROM and the
 * filters follow. The subscriptions come from ACTION_SUBSCRIPTIONS. */
static const char ACTIONS_COLS[] =
	"SELECT c.id, w.id, e.next_action, c.name, w.name, "
	"tr('next_action.' || e.next_action), "
	"min(e.next_action_date), "
	"coalesce(min(e.next_action_date), tr('ui.tbd')), "
	"CASE WHEN min(e.next_action_date) < :today THEN tr('ui.overdue') "
	"ELSE '' END, "
	"CASE WHEN min(e.next_action_date) < :today THEN 1 ELSE 0 END";
static const char *const ACTIONS_HEADS[] = {"col.customer", "col.workload",
	"col.subscriptions", "col.next_action", "col.next_action_date",
	"col.overdue"};
static const char ACTIONS_FROM[] =
	" FROM entitlement e JOIN subscription s ON s.id = e.subscription_id "
	"JOIN customer c ON c.id = s.customer_id "
	"JOIN workload w ON w.id = e.workload_id "
	"WHERE e.next_action IS NOT NULL";
/* The subscriptions of an action's row, in the order of the entitlements
 * (the order SQLite's group_concat() gave them). */
static const char ACTION_SUBSCRIPTIONS[] =
	"SELECT s.code FROM entitlement e "
	"JOIN subscription s ON s.id = e.subscription_id "
	"WHERE s.customer_id = :customer AND e.workload_id = :workload "
	"AND e.next_action = :action ORDER BY e.id";

/* Emits the action row st is on: the table's columns, or its JSON. */
static int action_row(struct ft *ft, struct db_stmt *st, enum ft_shape shape,
		      const char *const *names, ft_row_fn fn, void *arg)
{
	struct db_stmt *subs = NULL;
	struct strbuf *list = strbuf_new();
	struct json j;
	int rc = db_prepare(ft, &subs, ACTION_SUBSCRIPTIONS), step = DB_DONE;

	json_init(&j, strbuf_new());
	json_object_open(&j);
	json_key_text(&j, "customer", db_col_text(st, 3));
	json_key_text(&j, "workload", db_col_text(st, 4));
	json_key(&j, "subscriptions");
	json_array_open(&j);
	if (rc == FT_OK) {
		db_bind_int(ft, subs, ":customer", db_col_int(st, 0));
		db_bind_int(ft, subs, ":workload", db_col_int(st, 1));
		db_bind_text(ft, subs, ":action", db_col_text(st, 2));
		while ((step = db_step(ft, subs)) == DB_ROW) {
			strbuf_addf(list, "%s%s", strbuf_len(list) ? ", " : "",
				    db_col_text(subs, 0));
			json_text(&j, db_col_text(subs, 0));
		}
		if (step < 0)
			rc = FT_DBERR;
		db_release(subs);
	}
	json_array_close(&j);
	json_key_text(&j, "next_action", db_col_text(st, 2));
	json_key_text(&j, "next_action_date", db_col_text(st, 6));
	json_key_bool(&j, "overdue", db_col_int(st, 9) == 1);
	json_object_close(&j);
	if (rc == FT_OK && strbuf_failed(list))
		rc = ft_fail(ft, FT_DBERR, "out of memory");
	if (rc == FT_OK && shape == FT_SHAPE_JSON) {
		rc = json_emit(ft, &j, fn, arg);
	} else if (rc == FT_OK) {
		const char *values[6] = {db_col_text(st, 3), db_col_text(st, 4),
			strbuf_value(list) ? strbuf_value(list) : "",
			db_col_text(st, 5), db_col_text(st, 7),
			db_col_text(st, 8)};

		rc = fn(arg, 6, names, values);
	}
	free(strbuf_finish(j.out));
	free(strbuf_finish(list));
	return rc;
}

int ft_actions(struct ft *ft, const struct ft_actions_filter *f,
	       enum ft_shape shape, ft_row_fn fn, void *arg)
{
	static const struct ft_actions_filter none = {0};
	struct db_stmt *st = NULL;
	struct strbuf *sql;
	char clock[21], today[11], before[11] = "", *actor_key = NULL;
	const char *names[6];
	int64_t customer = 0;
	int rc = FT_OK, step = DB_DONE;

	if (f == NULL)
		f = &none;
	snprintf(today, sizeof today, "%.10s", ft_clock(ft, clock));
	if (f->customer != NULL)
		rc = lookup_id(ft, LOOKUP_CUSTOMER, f->customer, &customer, NULL);
	if (rc == FT_OK && f->due_before != NULL)
		rc = rules_date(ft, "--due-before", f->due_before, before);
	if (rc == FT_OK && f->mine && (actor_key = text_fold(ft_actor(ft))) == NULL)
		rc = ft_fail(ft, FT_DBERR, "out of memory");
	if (rc != FT_OK)
		return rc;
	sql = strbuf_new();
	strbuf_add(sql, ACTIONS_COLS);
	strbuf_add(sql, ACTIONS_FROM);
	if (customer)
		strbuf_add(sql, " AND c.id = :customer");
	if (f->mine)
		strbuf_add(sql, " AND (c.delivery_fm = (SELECT id "
			"FROM app_user WHERE name_key = :actor_key) OR (c.phase = "
			"'assignment' AND (SELECT role FROM app_user WHERE "
			"name_key = :actor_key) = 'assignment_fm'))");
	strbuf_add(sql, " GROUP BY c.id, w.id, e.next_action");
	/* a date a service's action has (TBD has none) */
	if (f->overdue || f->due_before)
		strbuf_add(sql, " HAVING min(e.next_action_date) IS NOT "
				      "NULL");
	if (f->overdue)
		strbuf_add(sql, " AND min(e.next_action_date) < :today");
	if (f->due_before)
		strbuf_add(sql, " AND min(e.next_action_date) < :before");
	strbuf_add(sql, " ORDER BY min(e.next_action_date) NULLS LAST, "
			      "c.name, w.name, e.next_action");
	if (strbuf_failed(sql))
		rc = ft_fail(ft, FT_DBERR, "out of memory");
	if (rc == FT_OK)
		rc = db_prepare_text(ft, &st, strbuf_value(sql));
	free(strbuf_finish(sql));
	if (rc != FT_OK) {
		free(actor_key);
		return rc;
	}
	db_bind_text(ft, st, ":today", today);
	if (customer)
		db_bind_int(ft, st, ":customer", customer);
	if (f->mine)
		db_bind_text(ft, st, ":actor_key", actor_key);
	if (f->due_before)
		db_bind_text(ft, st, ":before", before);
	texts_names(ft, ACTIONS_HEADS, 6, names);
	while (rc == FT_OK && (step = db_step(ft, st)) == DB_ROW)
		rc = action_row(ft, st, shape, names, fn, arg);
	if (rc == FT_OK && step < 0)
		rc = FT_DBERR;
	db_release(st);
	free(actor_key);
	return rc;
}
