/* Declarations: which of the rules table's scenarios applies to each
 * entitlement a declaration covers, and what it sets. No scenario's values
 * are written here; they come from the rule and rule_value tables. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "db.h"
#include "entitlement.h"
#include "lookup.h"
#include "ftrack/rules.h"
#include "ftrack/text.h"


/* One rule_value row. */
struct rule_value {
	char source[20];
	char *value;
	int required;
};

struct rule {
	int scenario;
	char updater[16];
	int needs_validation;
	struct rule_value v[F_COUNT];
};

/* The declaration in canonical codes. */
struct declared {
	const struct ft_declaration *d;
	const char *declared;		/* "no_intent" | "intent_declines_ftc" */
	char l2[40], validated_with[16], led_by[16], engagement[24];
	char customer[FT_NAME_MAX + 1];
	int64_t customer_id, workload_id, subscription_id;
	char phase[16];
};

/* One covered entitlement and what the declaration does to it. */
struct item {
	struct ent before, after;
	char updater[16];
	int changed;
};

static void rule_clear(struct rule *r)
{
	for (int f = 0; f < F_COUNT; f++)
		free(r->v[f].value);
	memset(r, 0, sizeof *r);
}

/* The scenario for an entitlement in L1 l1; *found false when none. */
static int rule_match(struct ft *ft, const struct declared *dc, const char *l1,
		      int service_no_intent, struct rule *r, bool *found)
{
	sqlite3_stmt *st = NULL;
	int rc, step;

	*found = false;
	rc = db_prepare(ft, &st,
		"SELECT r.scenario, r.updater, r.needs_validation FROM rule r "
		"JOIN rule_prior p ON p.scenario = r.scenario AND p.l1 = :l1 "
		"WHERE r.phase = :phase AND r.declared = :declared "
		"AND (r.service_no_intent IS NULL "
		"OR r.service_no_intent = :service_no_intent) "
		"ORDER BY r.scenario LIMIT 1");
	if (rc != FT_OK)
		return rc;
	db_bind_text(ft, st, ":l1", l1);
	db_bind_text(ft, st, ":phase", dc->phase);
	db_bind_text(ft, st, ":declared", dc->declared);
	db_bind_int(ft, st, ":service_no_intent", service_no_intent);
	step = db_step(ft, st);
	if (step == SQLITE_ROW) {
		*found = true;
		r->scenario = sqlite3_column_int(st, 0);
		snprintf(r->updater, sizeof r->updater, "%s", db_col_text(st, 1));
		r->needs_validation = sqlite3_column_int(st, 2);
	}
	db_release(st);
	if (step < 0)
		return FT_DBERR;
	if (!*found)
		return FT_OK;
	rc = db_prepare(ft, &st, "SELECT field, source, value, required "
			"FROM rule_value WHERE scenario = :scenario");
	if (rc != FT_OK)
		return rc;
	db_bind_int(ft, st, ":scenario", r->scenario);
	while ((step = db_step(ft, st)) == SQLITE_ROW) {
		int f = ent_field_index(db_col_text(st, 0));
		const char *value = db_col_text(st, 2);

		if (f < 0)
			continue;
		snprintf(r->v[f].source, sizeof r->v[f].source, "%s",
			 db_col_text(st, 1));
		r->v[f].value = value ? strdup(value) : NULL;
		r->v[f].required = sqlite3_column_int(st, 3);
	}
	db_release(st);
	return step < 0 ? FT_DBERR : FT_OK;
}

/* The service's most recently set No Intent entitlement, over every
 * subscription of the customer; *found false when the service has none. */
static int service_no_intent(struct ft *ft, const struct declared *dc,
			     int64_t workload_id, struct ent *service,
			     bool *found)
{
	struct ent *all = NULL;
	int n = 0, best = -1;
	int rc = ent_load(ft, dc->customer_id, workload_id, 0, &all, &n);

	*found = false;
	if (rc != FT_OK)
		return rc;
	for (int i = 0; i < n; i++)
		if (strcmp(all[i].v[F_L1], "no_intent") == 0 && best < 0)
			best = i;
	if (best >= 0) {
		*found = true;
		rc = ent_copy(ft, service, &all[best]);
	}
	ent_free_all(all, n);
	return rc;
}

/* What the declaration gives for field f, NULL when nothing. */
static const char *declared_value(const struct declared *dc, int f)
{
	const struct ft_declaration *d = dc->d;

	switch (f) {
	case F_L2: return dc->l2[0] ? dc->l2 : NULL;
	case F_L3: return d->l3;
	case F_NOTES: return d->notes;
	case F_ENGAGEMENT_SCENARIO: return dc->engagement[0] ? dc->engagement
							    : NULL;
	case F_NEXT_ACTION_DATE: return d->kickoff;
	default: return NULL;
	}
}

/* The option that gives field f, for refusals. */
static const char *option_for(int f)
{
	switch (f) {
	case F_L2: return "--l2 (executive-sponsorship, competitive-solution "
			  "or microsoft-on-premises)";
	case F_NOTES: return "--notes with the detailed reason for declaring "
			     "No Intent";
	case F_ENGAGEMENT_SCENARIO: return "--led-by (customer or partner)";
	case F_NEXT_ACTION_DATE: return "--kickoff <YYYY-MM-DD> (the kickoff "
					"date)";
	default: return ent_field_name[f];
	}
}

static bool blank(const char *s)
{
	if (s == NULL)
		return true;
	for (; *s; s++)
		if (!isspace((unsigned char)*s))
			return false;
	return true;
}

/* "Contoso / Exchange Online (SUB-1)" */
static void entitlement_name(const struct declared *dc, const struct ent *e,
			     char *out, size_t len)
{
	snprintf(out, len, "%s / %s (%s)", dc->customer, e->workload,
		 e->subscription);
}

/* An entitlement already in No Intent: only a different L2, L3 or notes
 * change it, and its scenario stays. */
static int plan_update(struct ft *ft, const struct declared *dc,
		       struct item *it)
{
	sqlite3_stmt *st = NULL;
	int rc = ent_copy(ft, &it->after, &it->before);
	const int fields[] = {F_L2, F_L3, F_NOTES};

	for (size_t i = 0; rc == FT_OK && i < 3; i++) {
		const char *v = declared_value(dc, fields[i]);

		if (v != NULL)
			rc = ent_set(ft, &it->after, fields[i], v);
	}
	if (rc == FT_OK)
		rc = db_prepare(ft, &st, "SELECT updater FROM rule WHERE "
				"phase = :phase AND declared = 'no_intent' "
				"ORDER BY scenario LIMIT 1");
	if (rc == FT_OK) {
		db_bind_text(ft, st, ":phase", dc->phase);
		if (db_step(ft, st) == SQLITE_ROW)
			snprintf(it->updater, sizeof it->updater, "%s",
				 db_col_text(st, 0));
		else
			rc = ft_fail(ft, FT_DBERR, "the rules table has no No "
				     "Intent rule for the %s phase", dc->phase);
		db_release(st);
	}
	return rc;
}

/* Why no scenario applies to the entitlement. */
static int refuse_unmatched(struct ft *ft, const struct declared *dc,
			    const struct ent *e, const char *name)
{
	if (strcmp(e->v[F_L1], "duplicate_invalid") == 0)
		return ft_fail(ft, FT_REFUSED, "%s is Duplicate/Invalid; no "
			       "declaration applies to it", name);
	if (strcmp(dc->declared, "intent_declines_ftc") == 0 &&
	    strcmp(dc->phase, "assignment") != 0)
		return ft_fail(ft, FT_REFUSED, "%s: scenario 1 (intent, declining "
			       "FTC) applies only in the assignment phase, and "
			       "'%s' is in the %s phase; record the status with "
			       "'ftrack status set'", name, dc->customer,
			       dc->phase);
	return ft_fail(ft, FT_REFUSED, "%s: no playbook scenario applies to a "
		       "%s declaration on an entitlement in %s in the %s phase",
		       name, dc->declared, e->v[F_L1], dc->phase);
}

/* Sets it->after from the matching rule, or refuses. */
static int plan_scenario(struct ft *ft, const struct declared *dc,
			 struct item *it)
{
	struct ent service = {0};
	struct rule r = {0};
	bool found = false, has_service = false;
	char name[2 * FT_NAME_MAX + 64];
	int rc;

	entitlement_name(dc, &it->before, name, sizeof name);
	rc = service_no_intent(ft, dc, it->before.workload_id, &service,
			       &has_service);
	if (rc == FT_OK)
		rc = rule_match(ft, dc, it->before.v[F_L1], has_service, &r,
				&found);
	if (rc == FT_OK && !found)
		rc = refuse_unmatched(ft, dc, &it->before, name);
	if (rc == FT_OK)
		rc = ent_copy(ft, &it->after, &it->before);
	for (int f = 0; rc == FT_OK && f < F_COUNT; f++) {
		const struct rule_value *v = &r.v[f];
		const char *given = declared_value(dc, f), *value = NULL;

		if (v->required && blank(given)) {
			rc = ft_fail(ft, FT_REFUSED, "%s: scenario %d needs %s",
				     name, r.scenario, option_for(f));
			break;
		}
		if (strcmp(v->source, "constant") == 0)
			value = v->value;
		else if (strcmp(v->source, "declared") == 0)
			value = given;
		else if (strcmp(v->source, "kept") == 0)
			value = it->before.v[f];
		else if (strcmp(v->source, "declared_or_kept") == 0)
			value = given ? given : it->before.v[f];
		else if (strcmp(v->source, "service") == 0)
			value = has_service ? service.v[f] : NULL;
		if (strcmp(v->source, "service") == 0 && given != NULL &&
		    (value == NULL || strcmp(given, value) != 0)) {
			rc = ft_fail(ft, FT_REFUSED, "%s: scenario %d takes the "
				     "service's existing %s '%s', not '%s'", name,
				     r.scenario, f == F_L2 ? "L2" : ent_field_name[f],
				     value ? value : "", given);
			break;
		}
		rc = ent_set(ft, &it->after, f, value);
	}
	if (rc == FT_OK && r.needs_validation &&
	    dc->validated_with[0] == '\0')
		rc = ft_fail(ft, FT_REFUSED, "%s: scenario %d (the service is "
			     "already No Intent on another subscription) needs "
			     "--validated-with (account-team or customer)", name,
			     r.scenario);
	if (rc == FT_OK) {
		it->after.scenario = r.scenario;
		snprintf(it->updater, sizeof it->updater, "%s", r.updater);
	}
	ent_free(&service);
	rule_clear(&r);
	return rc;
}

/* Checks and canonicalises what was declared; looks up its subject. */
static int check_declaration(struct ft *ft, const struct ft_declaration *d,
			     struct declared *dc)
{
	const char *why;
	int y, m, day, rc = FT_OK;
	char sub_owner[FT_NAME_MAX + 1];

	dc->d = d;
	dc->declared = d->declared == FT_DECLARE_NO_INTENT ? "no_intent"
							    : "intent_declines_ftc";
	if (d->notes != NULL && (why = text_check_free(d->notes)) != NULL)
		return ft_fail(ft, FT_REFUSED, "invalid --notes: %s", why);
	if (d->l3 != NULL && (why = text_check_free(d->l3)) != NULL)
		return ft_fail(ft, FT_REFUSED, "invalid --l3: %s", why);
	if (d->l2 != NULL)
		rc = lookup_no_intent_l2(ft, d->l2, dc->l2, sizeof dc->l2);
	if (rc == FT_OK && d->validated_with != NULL)
		rc = lookup_code(ft, "--validated-with", d->validated_with,
			"SELECT 1 FROM label WHERE kind = 'validated_with' "
			"AND code = :code", "SELECT code FROM label "
			"WHERE kind = 'validated_with' ORDER BY code",
			dc->validated_with, sizeof dc->validated_with);
	if (rc == FT_OK && d->led_by != NULL)
		rc = lookup_code(ft, "--led-by", d->led_by,
			"SELECT 1 FROM label WHERE kind = 'led_by' "
			"AND code = :code", "SELECT code FROM label "
			"WHERE kind = 'led_by' ORDER BY code",
			dc->led_by, sizeof dc->led_by);
	if (rc == FT_OK && dc->led_by[0] != '\0')
		snprintf(dc->engagement, sizeof dc->engagement, "%s_led",
			 dc->led_by);
	if (rc == FT_OK && d->kickoff != NULL &&
	    !text_parse_date(d->kickoff, &y, &m, &day))
		rc = ft_fail(ft, FT_REFUSED, "invalid --kickoff '%s' (expected a "
			     "date that exists, as YYYY-MM-DD)", d->kickoff);
	if (rc == FT_OK)
		rc = lookup_id(ft, LOOKUP_CUSTOMER, d->customer, &dc->customer_id,
			       dc->customer);
	if (rc == FT_OK && d->workload != NULL)
		rc = lookup_id(ft, LOOKUP_WORKLOAD, d->workload, &dc->workload_id,
			       NULL);
	if (rc == FT_OK && d->subscription != NULL)
		rc = lookup_id(ft, LOOKUP_SUBSCRIPTION, d->subscription,
			       &dc->subscription_id, NULL);
	if (rc != FT_OK)
		return rc;

	sqlite3_stmt *st = NULL;
	rc = db_prepare(ft, &st, "SELECT c.phase, (SELECT o.name FROM "
			"subscription s JOIN customer o ON o.id = s.customer_id "
			"WHERE s.id = :sub) FROM customer c WHERE c.id = :id");
	if (rc != FT_OK)
		return rc;
	db_bind_int(ft, st, ":id", dc->customer_id);
	db_bind_id(ft, st, ":sub", dc->subscription_id);
	if (db_step(ft, st) == SQLITE_ROW) {
		snprintf(dc->phase, sizeof dc->phase, "%s", db_col_text(st, 0));
		snprintf(sub_owner, sizeof sub_owner, "%s",
			 db_col_text(st, 1) ? db_col_text(st, 1) : "");
	} else {
		rc = FT_DBERR;
	}
	db_release(st);
	if (rc == FT_OK && dc->subscription_id &&
	    strcmp(sub_owner, dc->customer) != 0)
		rc = ft_fail(ft, FT_REFUSED, "subscription '%s' belongs to '%s', "
			     "not '%s'", d->subscription, sub_owner, dc->customer);
	return rc;
}

/* Refuses when users are registered and the actor is not one with the role
 * that updates FTOP in the scenario. */
static int check_role(struct ft *ft, const struct item *it, int n)
{
	char role[16], label[64];
	int rc = audit_actor_role(ft, role, sizeof role);
	int64_t users = 0;
	sqlite3_stmt *st = NULL;

	if (rc == FT_OK)
		rc = db_prepare(ft, &st, "SELECT count(*) FROM app_user");
	if (rc == FT_OK) {
		if (db_step(ft, st) == SQLITE_ROW)
			users = sqlite3_column_int64(st, 0);
		db_release(st);
	}
	for (int i = 0; rc == FT_OK && users > 0 && i < n; i++) {
		if (!it[i].changed || strcmp(role, it[i].updater) == 0)
			continue;
		rc = lookup_field_label(ft, "owner", it[i].updater, "en", label,
					sizeof label);
		if (rc != FT_OK)
			break;
		if (role[0] == '\0')
			return ft_fail(ft, FT_REFUSED, "scenario %d is updated by "
				       "the %s, and '%s' is not a registered "
				       "user; use --as <name> or 'ftrack user "
				       "add'", it[i].after.scenario, label,
				       ft_actor(ft));
		return ft_fail(ft, FT_REFUSED, "scenario %d is updated by the "
			       "%s, and '%s' is %s", it[i].after.scenario, label,
			       ft_actor(ft), role);
	}
	return rc;
}

/* Appends one entitlement's line to the change set summary, in lang
 * ("en" or "es"). */
static int summarise(struct ft *ft, const struct declared *dc,
		     const struct item *it, const char *lang, sqlite3_str *what)
{
	bool es = strcmp(lang, "es") == 0;
	char l1[64], l2[96], engagement[128];
	int rc = lookup_field_label(ft, "l1", it->after.v[F_L1], lang, l1,
				    sizeof l1);

	if (rc == FT_OK)
		rc = lookup_field_label(ft, "l2", it->after.v[F_L2], lang, l2,
					sizeof l2);
	if (rc == FT_OK)
		rc = lookup_field_label(ft, "engagement_scenario",
					it->after.v[F_ENGAGEMENT_SCENARIO], lang,
					engagement, sizeof engagement);
	if (rc != FT_OK)
		return rc;
	sqlite3_str_appendf(what, "%s%s / %s (%s): %s",
			    sqlite3_str_length(what) ? "; " : "", dc->customer,
			    it->after.workload, it->after.subscription, l1);
	if (l2[0])
		sqlite3_str_appendf(what, ", %s", l2);
	if (it->after.v[F_NEXT_ACTION] &&
	    strcmp(it->after.v[F_NEXT_ACTION], "delivery_assignment") == 0)
		sqlite3_str_appendf(what, es ? ", %s, inicio %s"
					     : ", %s, kickoff %s", engagement,
				    it->after.v[F_NEXT_ACTION_DATE]);
	if (it->after.scenario != it->before.scenario ||
	    strcmp(it->before.v[F_L1], it->after.v[F_L1]) != 0)
		sqlite3_str_appendf(what, es ? " (escenario %d)"
					     : " (scenario %d)", it->after.scenario);
	else
		sqlite3_str_appendf(what, es ? " (actualizado, escenario %d)"
					     : " (updated, scenario %d)",
				    it->after.scenario);
	return FT_OK;
}

static int store_declaration(struct ft *ft, const struct declared *dc,
			     const char *role, int64_t cs, int64_t *id)
{
	sqlite3_stmt *st = NULL;
	char clock[21];
	int rc = db_prepare(ft, &st,
		"INSERT INTO declaration (at, who, role, customer_id, "
		"workload_id, subscription_id, declared, l2, l3, notes, "
		"validated_with, led_by, kickoff, changeset_id) VALUES (:at, "
		":who, :role, :customer, :workload, :subscription, :declared, "
		":l2, :l3, :notes, :validated_with, :led_by, :kickoff, :cs)");

	if (rc != FT_OK)
		return rc;
	db_bind_text(ft, st, ":at", ft_clock(ft, clock));
	db_bind_text(ft, st, ":who", ft_actor(ft));
	db_bind_text(ft, st, ":role", role);
	db_bind_int(ft, st, ":customer", dc->customer_id);
	db_bind_id(ft, st, ":workload", dc->workload_id);
	db_bind_id(ft, st, ":subscription", dc->subscription_id);
	db_bind_text(ft, st, ":declared", dc->declared);
	db_bind_text(ft, st, ":l2", dc->l2[0] ? dc->l2 : NULL);
	db_bind_text(ft, st, ":l3", dc->d->l3);
	db_bind_text(ft, st, ":notes", dc->d->notes);
	db_bind_text(ft, st, ":validated_with",
		     dc->validated_with[0] ? dc->validated_with : NULL);
	db_bind_text(ft, st, ":led_by", dc->led_by[0] ? dc->led_by : NULL);
	db_bind_text(ft, st, ":kickoff", dc->d->kickoff);
	db_bind_int(ft, st, ":cs", cs);
	rc = db_run(ft, st);
	*id = sqlite3_last_insert_rowid(ft->db);
	db_release(st);
	if (rc == FT_OK)
		rc = audit_change(ft, cs, "declaration", *id, "declared", NULL,
				  dc->declared);
	return rc;
}

/* Writes the change set, the declaration and every changed entitlement. */
static int apply(struct ft *ft, const struct declared *dc, struct item *items,
		 int n, int64_t *declaration)
{
	struct audit_ref ref = {.customer_id = dc->customer_id};
	sqlite3_str *what = sqlite3_str_new(ft->db);
	sqlite3_str *what_es = sqlite3_str_new(ft->db);
	const char *role = NULL;
	int64_t cs = 0;
	int rc = FT_OK, first = 1;

	for (int i = 0; rc == FT_OK && i < n; i++) {
		if (!items[i].changed)
			continue;
		rc = summarise(ft, dc, &items[i], "en", what);
		if (rc == FT_OK)
			rc = summarise(ft, dc, &items[i], "es", what_es);
		if (first) {
			role = items[i].updater;
			ref.scenario = items[i].after.scenario;
			ref.workload_id = items[i].after.workload_id;
			ref.subscription_id = items[i].after.subscription_id;
			first = 0;
		}
		if (ref.scenario != items[i].after.scenario)
			ref.scenario = 0;
		if (ref.workload_id != items[i].after.workload_id)
			ref.workload_id = 0;
		if (ref.subscription_id != items[i].after.subscription_id)
			ref.subscription_id = 0;
	}
	ref.role = role;
	if (rc == FT_OK && (sqlite3_str_errcode(what) != SQLITE_OK ||
			    sqlite3_str_errcode(what_es) != SQLITE_OK))
		rc = ft_fail(ft, FT_DBERR, "out of memory");
	if (rc == FT_OK)
		rc = audit_begin(ft, &ref, sqlite3_str_value(what),
				 sqlite3_str_value(what_es), &cs);
	if (rc == FT_OK)
		rc = store_declaration(ft, dc, role, cs, declaration);
	for (int i = 0; rc == FT_OK && i < n; i++) {
		if (!items[i].changed)
			continue;
		/* An update of an entitlement already in No Intent keeps
		 * the declaration that put it there. */
		if (items[i].after.scenario != items[i].before.scenario ||
		    strcmp(items[i].before.v[F_L1], items[i].after.v[F_L1]) != 0)
			items[i].after.declaration = *declaration;
		rc = ent_save(ft, &items[i].before, &items[i].after, cs,
			      items[i].updater);
	}
	sqlite3_free(sqlite3_str_finish(what));
	sqlite3_free(sqlite3_str_finish(what_es));
	return rc;
}

/* A JSON object of the entitlement's ten columns, made by SQLite, in *json
 * (to free with sqlite3_free()). */
static int ent_json(struct ft *ft, const struct ent *e, char **json)
{
	sqlite3_stmt *st = NULL;
	int rc = db_prepare(ft, &st,
		"SELECT json_object('l1', :l1, 'l2', :l2, 'l3', :l3, "
		"'service_status', :service_status, "
		"'engagement_scenario', :engagement_scenario, "
		"'target_date', :target_date, 'owner', :owner, 'notes', :notes, "
		"'next_action_date', :next_action_date, "
		"'next_action', :next_action)");

	*json = NULL;
	if (rc != FT_OK)
		return rc;
	for (int f = 0; f < F_COUNT; f++) {
		char param[32];

		snprintf(param, sizeof param, ":%s", ent_field_name[f]);
		db_bind_text(ft, st, param, e->v[f]);
	}
	if (db_step(ft, st) == SQLITE_ROW)
		*json = sqlite3_mprintf("%s", db_col_text(st, 0));
	rc = *json ? FT_OK : ft_fail(ft, FT_DBERR, "cannot make the JSON report");
	db_release(st);
	return rc;
}

/* The report as one JSON document; SQLite's JSON functions build it, an
 * entitlement at a time appended to the array. */
static int report_json(struct ft *ft, const struct item *items, int n,
		       int64_t declaration, ft_row_fn fn, void *arg)
{
	sqlite3_stmt *st = NULL;
	char *array = sqlite3_mprintf("[]"), *before = NULL, *after = NULL;
	int rc = array ? FT_OK : ft_fail(ft, FT_DBERR, "out of memory");

	for (int i = 0; rc == FT_OK && i < n; i++) {
		rc = ent_json(ft, &items[i].before, &before);
		if (rc == FT_OK)
			rc = ent_json(ft, &items[i].after, &after);
		if (rc == FT_OK)
			rc = db_prepare(ft, &st, "SELECT json_insert(:array, '$[#]', "
				"json_object('subscription', :s, 'workload', :w, "
				"'scenario', :scenario, 'before', json(:before), "
				"'after', json(:after)))");
		if (rc == FT_OK) {
			db_bind_text(ft, st, ":array", array);
			db_bind_text(ft, st, ":s", items[i].after.subscription);
			db_bind_text(ft, st, ":w", items[i].after.workload);
			db_bind_id(ft, st, ":scenario", items[i].after.scenario);
			db_bind_text(ft, st, ":before", before);
			db_bind_text(ft, st, ":after", after);
			sqlite3_free(array);
			array = db_step(ft, st) == SQLITE_ROW
				? sqlite3_mprintf("%s", db_col_text(st, 0)) : NULL;
			if (array == NULL)
				rc = FT_DBERR;
			db_release(st);
		}
		sqlite3_free(before);
		sqlite3_free(after);
		before = after = NULL;
	}
	if (rc == FT_OK)
		rc = db_prepare(ft, &st, "SELECT json_object('declaration', :id, "
				"'entitlements', json(:entitlements)) AS json");
	if (rc == FT_OK) {
		db_bind_id(ft, st, ":id", declaration);
		db_bind_text(ft, st, ":entitlements", array);
		if (db_step(ft, st) == SQLITE_ROW)
			rc = db_emit_row(st, fn, arg);
		else
			rc = FT_DBERR;
		db_release(st);
	}
	sqlite3_free(array);
	return rc;
}

static int report_table(struct ft *ft, const struct item *items, int n,
			ft_row_fn fn, void *arg)
{
	static const char *const names[] = {"Subscription", "Workload",
		"Scenario", "Column", "Before", "After"};
	const char *lang = ft_lang_code(ft);
	int rc = FT_OK;

	for (int i = 0; rc == FT_OK && i < n; i++) {
		const struct item *it = &items[i];
		char scenario[12], before[256], after[256];
		const char *row[6] = {it->after.subscription, it->after.workload,
				      scenario, "", "", ""};

		snprintf(scenario, sizeof scenario, "%d", it->after.scenario);
		if (!it->changed) {
			row[3] = ft->lang == FT_LANG_ES ? "(ya registrado)"
							: "(already recorded)";
			rc = fn(arg, 6, names, row);
			continue;
		}
		for (int f = 0; rc == FT_OK && f < F_COUNT; f++) {
			const char *b = it->before.v[f], *a = it->after.v[f];

			if (a == b || (a && b && strcmp(a, b) == 0))
				continue;
			rc = lookup_field_label(ft, ent_field_name[f], b, lang,
						before, sizeof before);
			if (rc == FT_OK)
				rc = lookup_field_label(ft, ent_field_name[f], a,
							lang, after, sizeof after);
			row[3] = ent_field_name[f];
			row[4] = before;
			row[5] = after;
			if (rc == FT_OK)
				rc = fn(arg, 6, names, row);
		}
	}
	return rc;
}

int ft_declare(struct ft *ft, const struct ft_declaration *d,
	       enum ft_shape shape, ft_row_fn fn, void *arg,
	       struct ft_declare_outcome *out)
{
	struct declared dc = {0};
	struct ent *ents = NULL;
	struct item *items = NULL;
	int n = 0, rc;

	memset(out, 0, sizeof *out);
	if ((rc = db_begin_write(ft)) != FT_OK)
		return rc;
	rc = check_declaration(ft, d, &dc);
	if (rc == FT_OK)
		rc = ent_load(ft, dc.customer_id, dc.workload_id,
			      dc.subscription_id, &ents, &n);
	if (rc == FT_OK && n == 0)
		rc = ft_fail(ft, FT_REFUSED, "'%s' has no entitlement %s%s%s%s",
			     dc.customer, d->workload ? "for " : "",
			     d->workload ? d->workload : "",
			     d->subscription ? " in subscription " : "",
			     d->subscription ? d->subscription : "");
	if (rc == FT_OK && (items = calloc((size_t)n, sizeof *items)) == NULL)
		rc = ft_fail(ft, FT_DBERR, "out of memory");
	for (int i = 0; rc == FT_OK && i < n; i++) {
		items[i].before = ents[i];
		memset(&ents[i], 0, sizeof ents[i]);
		if (strcmp(dc.declared, "no_intent") == 0 &&
		    strcmp(items[i].before.v[F_L1], "no_intent") == 0)
			rc = plan_update(ft, &dc, &items[i]);
		else
			rc = plan_scenario(ft, &dc, &items[i]);
		if (rc == FT_OK && !ent_same(&items[i].before, &items[i].after)) {
			items[i].changed = 1;
			out->changed++;
		}
	}
	out->covered = n;
	if (rc == FT_OK)
		rc = check_role(ft, items, n);
	if (rc == FT_OK && out->changed > 0 && !d->dry_run)
		rc = apply(ft, &dc, items, n, &out->declaration);
	rc = db_end_write(ft, rc);
	if (rc == FT_OK && fn != NULL)
		rc = shape == FT_SHAPE_JSON
			? report_json(ft, items, n, out->declaration, fn, arg)
			: report_table(ft, items, n, fn, arg);
	for (int i = 0; items && i < n; i++) {
		ent_free(&items[i].before);
		ent_free(&items[i].after);
	}
	free(items);
	ent_free_all(ents, n);
	return rc;
}

const char *ft_notes_advice(const char *notes)
{
	static const char *const vague[] = {"for now", "currently", "yet",
		"por ahora", "actualmente", "todavía", NULL};
	int words = 0;
	bool in_word = false;

	if (notes == NULL)
		return NULL;
	for (const char *p = notes; *p; p++) {
		bool space = isspace((unsigned char)*p);

		if (!space && !in_word)
			words++;
		in_word = !space;
	}
	for (int i = 0; vague[i]; i++) {
		const char *hit = strcasestr(notes, vague[i]);
		size_t len = strlen(vague[i]);

		/* whole words only: "yet" but not "yeti" */
		while (hit && ((hit > notes && isalpha((unsigned char)hit[-1])) ||
			       isalpha((unsigned char)hit[len])))
			hit = strcasestr(hit + 1, vague[i]);
		if (hit)
			return "the note says when, not why: the playbook asks "
			       "for the reason and to avoid \"for now\", "
			       "\"currently\" and \"yet\"";
	}
	if (words < 5)
		return "the note is short: the playbook asks for the detailed "
		       "reason for declaring No Intent";
	return NULL;
}
