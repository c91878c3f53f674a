/* Declarations: a customer's No Intent, or intent while declining FTC, for
 * one service or all of them. Each covered entitlement is planned by the
 * rules engine (rules_engine.c); here are what only declarations do: the
 * declaration record, one L2 and one L3 per No Intent service, passing over
 * Duplicate/Invalid entitlements, and the report. */
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

/* The declaration in canonical codes. */
struct declared {
	const struct ft_declaration *d;
	const char *declared;		/* "no_intent" | "intent_declines_ftc" */
	char l2[40], validated_with[16], led_by[16], engagement[24];
	char kickoff[11];
	char customer[FT_NAME_MAX + 1];
	int64_t workload_id, subscription_id;
	struct rule_subject subject;
	struct rule_input input;
};

/* One entitlement of a service the declaration touches. */
struct item {
	struct ent before, after;
	bool covered;		/* the declaration names it */
	bool planned;		/* after holds what it becomes */
	bool passed;		/* Duplicate/Invalid, passed over */
	bool changed;
	struct rule_plan plan;
};

/* "Contoso / Exchange Online (SUB-1)" */
static void entitlement_name(const struct declared *dc, const struct ent *e,
			     char *out, size_t len)
{
	snprintf(out, len, "%s / %s (%s)", dc->customer, e->workload,
		 e->subscription);
}

/* The service's No Intent entitlement declared last, among items of
 * workload_id as they were before; NULL when the service has none. */
static const struct ent *service_no_intent(const struct item *items, int n,
					   int64_t workload_id)
{
	const struct ent *best = NULL;

	for (int i = 0; i < n; i++) {
		const struct ent *e = &items[i].before;

		if (e->workload_id == workload_id &&
		    strcmp(e->v[F_L1], "no_intent") == 0 &&
		    (best == NULL || e->declaration > best->declaration))
			best = e;
	}
	return best;
}

/* An entitlement already in No Intent: only a different L2, L3 or notes
 * change it, and its scenario stays. */
static int plan_update(struct ft *ft, const struct declared *dc,
		       struct item *it)
{
	const int fields[] = {F_L2, F_L3, F_NOTES};
	int rc = ent_copy(ft, &it->after, &it->before);

	for (size_t i = 0; rc == FT_OK && i < 3; i++) {
		const char *v = dc->input.given[fields[i]];

		if (v != NULL)
			rc = ent_set(ft, &it->after, fields[i], v);
	}
	if (rc == FT_OK && dc->input.given[F_L3] == NULL &&
	    dc->input.given[F_L2] != NULL && it->before.v[F_L2] != NULL &&
	    strcmp(dc->input.given[F_L2], it->before.v[F_L2]) != 0)
		rc = ent_set(ft, &it->after, F_L3, NULL);
	it->plan.notes_advised = true;
	it->plan.advised_missing = -1;
	return rc;
}

/* Keeps one L2 and one L3 per No Intent service: a value the declaration
 * gives goes to every No Intent entitlement of the service, named or not;
 * one it does not give is the service's existing one. Scenario 5 keeps the
 * other entitlements' reasons as they were. */
static int align_service(struct ft *ft, const struct declared *dc,
			 struct item *items, int n, int64_t workload_id)
{
	const struct ent *service = service_no_intent(items, n, workload_id);
	const int fields[] = {F_L2, F_L3};
	const char *l2 = dc->input.given[F_L2];
	bool new_l2 = service != NULL && l2 != NULL &&
		      (service->v[F_L2] == NULL || strcmp(l2, service->v[F_L2]));
	bool scenario_5 = false;
	int rc = FT_OK;

	/* an entitlement entering No Intent through scenario 5 */
	for (int i = 0; i < n; i++)
		scenario_5 |= items[i].after.workload_id == workload_id &&
			      items[i].planned && !items[i].passed &&
			      strcmp(items[i].before.v[F_L1], "no_intent") != 0 &&
			      strcmp(items[i].after.scenario, "5") == 0;
	for (int i = 0; rc == FT_OK && i < n; i++) {
		struct item *it = &items[i];
		bool was_ni = strcmp(it->before.v[F_L1], "no_intent") == 0;

		if (it->before.workload_id != workload_id || it->passed)
			continue;
		if (!it->planned) {
			if (!was_ni)
				continue;
			rc = ent_copy(ft, &it->after, &it->before);
			it->planned = rc == FT_OK;
		}
		if (rc != FT_OK || strcmp(it->after.v[F_L1], "no_intent") != 0)
			continue;
		for (size_t k = 0; rc == FT_OK && k < 2; k++) {
			const char *v = dc->input.given[fields[k]];

			/* an L3 is a sub-reason of its L2: a new L2 given
			 * without an L3 leaves none */
			if (v == NULL && service != NULL &&
			    !(fields[k] == F_L3 && new_l2))
				v = service->v[fields[k]];
			if (v != NULL || service != NULL)
				rc = ent_set(ft, &it->after, fields[k], v);
		}
		if (rc == FT_OK && scenario_5 && was_ni)
			rc = ent_set(ft, &it->after, F_NOTES, it->before.v[F_NOTES]);
	}
	return rc;
}

/* Plans every entitlement the declaration covers, then aligns the
 * services. */
static int plan_all(struct ft *ft, struct declared *dc, struct item *items,
		    int n, int *passed)
{
	bool no_intent = strcmp(dc->declared, "no_intent") == 0;
	char name[2 * FT_NAME_MAX + 64];
	int rc = FT_OK;

	*passed = 0;
	for (int i = 0; rc == FT_OK && i < n; i++) {
		struct item *it = &items[i];

		if (!it->covered)
			continue;
		entitlement_name(dc, &it->before, name, sizeof name);
		if (dc->d->workload == NULL &&
		    strcmp(it->before.v[F_L1], "duplicate_invalid") == 0) {
			it->passed = true;
			(*passed)++;
			continue;
		}
		if (no_intent && strcmp(it->before.v[F_L1], "no_intent") == 0)
			rc = plan_update(ft, dc, it);
		else
			rc = rules_plan(ft, &dc->subject, &dc->input,
					service_no_intent(items, n,
							  it->before.workload_id),
					true, &it->before, &it->after, name,
					&it->plan);
		it->planned = rc == FT_OK;
	}
	for (int i = 0; rc == FT_OK && no_intent && i < n; i++) {
		bool first = true;

		for (int j = 0; j < i; j++)
			first &= items[j].before.workload_id !=
				 items[i].before.workload_id;
		if (first)
			rc = align_service(ft, dc, items, n,
					   items[i].before.workload_id);
	}
	return rc;
}

/* Checks and canonicalises what was declared; looks up its subject. */
static int check_declaration(struct ft *ft, const struct ft_declaration *d,
			     struct declared *dc)
{
	const char *why;
	int rc = FT_OK;
	char sub_owner[FT_NAME_MAX + 1] = "";

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
	if (rc == FT_OK && d->kickoff != NULL)
		rc = rules_date(ft, "--kickoff", d->kickoff, dc->kickoff);
	if (rc == FT_OK)
		rc = lookup_id(ft, LOOKUP_CUSTOMER, d->customer,
			       &dc->subject.customer_id, dc->customer);
	if (rc == FT_OK && d->workload != NULL)
		rc = lookup_id(ft, LOOKUP_WORKLOAD, d->workload, &dc->workload_id,
			       NULL);
	if (rc == FT_OK && d->subscription != NULL)
		rc = lookup_id(ft, LOOKUP_SUBSCRIPTION, d->subscription,
			       &dc->subscription_id, NULL);
	dc->subject.customer = dc->customer;
	if (rc == FT_OK)
		rc = rules_subject(ft, &dc->subject);
	if (rc == FT_OK && dc->subscription_id) {
		struct db_stmt *st = NULL;

		rc = db_prepare(ft, &st, "SELECT c.name FROM subscription s "
				"JOIN customer c ON c.id = s.customer_id "
				"WHERE s.id = :sub");
		if (rc == FT_OK) {
			db_bind_int(ft, st, ":sub", dc->subscription_id);
			if (db_step(ft, st) == DB_ROW)
				snprintf(sub_owner, sizeof sub_owner, "%s",
					 db_col_text(st, 0));
			db_release(st);
		}
		if (rc == FT_OK && strcmp(sub_owner, dc->customer) != 0)
			rc = ft_fail(ft, FT_REFUSED, "subscription '%s' belongs to "
				     "'%s', not '%s'", d->subscription, sub_owner,
				     dc->customer);
	}
	dc->input.via = "declaration";
	dc->input.event = dc->declared;
	dc->input.given[F_L2] = dc->l2[0] ? dc->l2 : NULL;
	dc->input.given[F_L3] = d->l3 && d->l3[0] ? d->l3 : NULL;
	dc->input.given[F_NOTES] = d->notes;
	dc->input.given[F_ENGAGEMENT_SCENARIO] = dc->engagement[0]
						 ? dc->engagement : NULL;
	dc->input.given[F_NEXT_ACTION_DATE] = dc->kickoff[0] ? dc->kickoff
							     : NULL;
	dc->input.validated_with = dc->validated_with[0] ? dc->validated_with
							 : NULL;
	return rc;
}

/* Appends one entitlement's line to the change set summary, in lang
 * ("en" or "es"). */
static int summarise(struct ft *ft, const struct declared *dc,
		     const struct item *it, const char *lang, struct strbuf *what)
{
	char l1[64], l2[96], engagement[128], *piece;
	const char *args[2];
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
	strbuf_addf(what, "%s%s / %s (%s): %s",
			    strbuf_len(what) ? "; " : "", dc->customer,
			    it->after.workload, it->after.subscription, l1);
	if (l2[0])
		strbuf_addf(what, ", %s", l2);
	/* scenario 1's engagement and kickoff */
	if (it->after.v[F_NEXT_ACTION] &&
	    strcmp(it->after.v[F_NEXT_ACTION], "delivery_assignment") == 0) {
		args[0] = engagement;
		args[1] = it->after.v[F_NEXT_ACTION_DATE];
		piece = texts_fill(ft, "what.kickoff", lang, args, 2);
		strbuf_add(what, piece ? piece : "");
		free(piece);
	}
	args[0] = it->after.scenario;
	piece = texts_fill(ft, strcmp(it->after.scenario, it->before.scenario) ||
			   strcmp(it->before.v[F_L1], it->after.v[F_L1])
			   ? "what.scenario" : "what.updated_scenario", lang,
			   args, 1);
	strbuf_add(what, piece ? piece : "");
	free(piece);
	return FT_OK;
}

/* Stores the declaration, with an audit row for each value it gives. */
static int store_declaration(struct ft *ft, const struct declared *dc,
			     const char *role, int64_t cs, int64_t *id)
{
	const char *const fields[][2] = {
		{"declared", dc->declared},
		{"l2", dc->input.given[F_L2]},
		{"l3", dc->input.given[F_L3]},
		{"notes", dc->d->notes},
		{"validated_with", dc->input.validated_with},
		{"led_by", dc->led_by[0] ? dc->led_by : NULL},
		{"kickoff", dc->input.given[F_NEXT_ACTION_DATE]},
	};
	struct db_stmt *st = NULL;
	char clock[21];
	int rc = db_prepare(ft, &st,
		"INSERT INTO declaration (at, who, role, customer_id, "
		"workload_id, subscription_id, declared, l2, l3, notes, "
		"validated_with, led_by, kickoff, changeset_id) VALUES (:at, "
		":who, :role, :customer, :workload, :subscription, :declared, "
		":l2, :l3, :notes, :validated_with, :led_by, :kickoff, :cs) "
		"RETURNING id");

	if (rc != FT_OK)
		return rc;
	db_bind_text(ft, st, ":at", ft_clock(ft, clock));
	db_bind_text(ft, st, ":who", ft_actor(ft));
	db_bind_text(ft, st, ":role", role[0] ? role : NULL);
	db_bind_int(ft, st, ":customer", dc->subject.customer_id);
	db_bind_id(ft, st, ":workload", dc->workload_id);
	db_bind_id(ft, st, ":subscription", dc->subscription_id);
	db_bind_text(ft, st, ":declared", dc->declared);
	db_bind_text(ft, st, ":l2", dc->l2[0] ? dc->l2 : NULL);
	db_bind_text(ft, st, ":l3", dc->input.given[F_L3]);
	db_bind_text(ft, st, ":notes", dc->d->notes);
	db_bind_text(ft, st, ":validated_with",
		     dc->validated_with[0] ? dc->validated_with : NULL);
	db_bind_text(ft, st, ":led_by", dc->led_by[0] ? dc->led_by : NULL);
	db_bind_text(ft, st, ":kickoff", dc->input.given[F_NEXT_ACTION_DATE]);
	db_bind_int(ft, st, ":cs", cs);
	if (db_step(ft, st) == DB_ROW)
		*id = db_col_int(st, 0);
	else
		rc = FT_DBERR;
	db_release(st);
	for (size_t i = 0; rc == FT_OK && i < sizeof fields / sizeof fields[0];
	     i++)
		if (fields[i][1] != NULL)
			rc = audit_change(ft, cs, "declaration", *id, fields[i][0],
					  NULL, fields[i][1]);
	return rc;
}

/* Writes the change set, the declaration and every changed entitlement. */
static int apply(struct ft *ft, const struct declared *dc, struct item *items,
		 int n, const char *role, int64_t *declaration)
{
	struct audit_ref ref = {.customer_id = dc->subject.customer_id,
				.role = role};
	struct strbuf *what = strbuf_new();
	struct strbuf *what_es = strbuf_new();
	int64_t cs = 0;
	int rc = FT_OK, first = 1;

	for (int i = 0; rc == FT_OK && i < n; i++) {
		if (!items[i].changed)
			continue;
		rc = summarise(ft, dc, &items[i], audit_langs[0], what);
		if (rc == FT_OK)
			rc = summarise(ft, dc, &items[i], audit_langs[1],
				       what_es);
		if (first) {
			ref.scenario = items[i].after.scenario;
			ref.workload_id = items[i].after.workload_id;
			ref.subscription_id = items[i].after.subscription_id;
			first = 0;
		}
		if (ref.scenario && strcmp(ref.scenario,
					   items[i].after.scenario) != 0)
			ref.scenario = NULL;
		if (ref.workload_id != items[i].after.workload_id)
			ref.workload_id = 0;
		if (ref.subscription_id != items[i].after.subscription_id)
			ref.subscription_id = 0;
	}
	if (rc == FT_OK && (strbuf_failed(what) ||
			    strbuf_failed(what_es)))
		rc = ft_fail(ft, FT_DBERR, "out of memory");
	if (rc == FT_OK)
		rc = audit_begin(ft, &ref, strbuf_value(what),
				 strbuf_value(what_es), &cs);
	if (rc == FT_OK)
		rc = store_declaration(ft, dc, role, cs, declaration);
	for (int i = 0; rc == FT_OK && i < n; i++) {
		if (!items[i].changed)
			continue;
		/* An update of an entitlement already in No Intent keeps
		 * the declaration that put it there. */
		if (strcmp(items[i].after.scenario, items[i].before.scenario) ||
		    strcmp(items[i].before.v[F_L1], items[i].after.v[F_L1]) != 0)
			items[i].after.declaration = *declaration;
		rc = ent_save(ft, &items[i].before, &items[i].after, cs,
			      role[0] ? role : NULL);
	}
	free(strbuf_finish(what));
	free(strbuf_finish(what_es));
	return rc;
}

/* Appends the entitlement's ten columns to j as an object. */
static void ent_json(struct json *j, const struct ent *e)
{
	json_object_open(j);
	for (int f = 0; f < F_COUNT; f++)
		json_key_text(j, ent_field_name[f], e->v[f]);
	json_object_close(j);
}

/* Whether the report shows the item: named by the declaration, or changed
 * with its service. */
static bool reported(const struct item *it)
{
	return (it->covered && !it->passed) || it->changed;
}

/* The report as one JSON document: the declaration's id (null when none
 * was stored) and each reported entitlement before and after. */
static int report_json(struct ft *ft, const struct item *items, int n,
		       int64_t declaration, ft_row_fn fn, void *arg)
{
	struct json j;
	int rc;

	json_init(&j, strbuf_new());
	json_object_open(&j);
	if (declaration > 0)
		json_key_int(&j, "declaration", declaration);
	else
		json_key_null(&j, "declaration");
	json_key(&j, "entitlements");
	json_array_open(&j);
	for (int i = 0; i < n; i++) {
		if (!reported(&items[i]))
			continue;
		json_object_open(&j);
		json_key_text(&j, "subscription", items[i].after.subscription);
		json_key_text(&j, "workload", items[i].after.workload);
		json_key_text(&j, "scenario", items[i].after.scenario);
		json_key(&j, "before");
		ent_json(&j, &items[i].before);
		json_key(&j, "after");
		ent_json(&j, &items[i].after);
		json_object_close(&j);
	}
	json_array_close(&j);
	json_object_close(&j);
	rc = json_emit(ft, &j, fn, arg);
	free(strbuf_finish(j.out));
	return rc;
}

static int report_table(struct ft *ft, const struct item *items, int n,
			ft_row_fn fn, void *arg)
{
	static const char *const heads[] = {"col.subscription",
		"col.workload", "col.scenario", "col.column", "col.before",
		"col.after"};
	const char *lang = ft_lang_code(ft), *names[6];
	int rc = FT_OK;

	texts_names(ft, heads, 6, names);
	for (int i = 0; rc == FT_OK && i < n; i++) {
		const struct item *it = &items[i];
		char before[256], after[256], column[96], code[40];
		const char *row[6] = {it->before.subscription,
				      it->before.workload, it->after.scenario,
				      column, "", ""};

		if (it->passed) {
			row[2] = "";
			rc = lookup_field_label(ft, "l1", it->before.v[F_L1], lang,
						column, sizeof column);
			if (rc == FT_OK)
				rc = fn(arg, 6, names, row);
			continue;
		}
		if (!reported(it))
			continue;
		if (!it->changed) {
			row[3] = texts_tr(ft, "ui.already_recorded");
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
			snprintf(code, sizeof code, "col.%s", ent_field_name[f]);
			if (rc == FT_OK)
				rc = rules_text(ft, code, column, sizeof column);
			row[3] = column;
			row[4] = before;
			row[5] = after;
			if (rc == FT_OK)
				rc = fn(arg, 6, names, row);
		}
	}
	return rc;
}

/* The warnings of a declaration that is made: entitlements passed over,
 * the notes guidance, a kickoff in the past. */
static void warn(struct ft *ft, const struct declared *dc,
		 const struct item *items, int n)
{
	const char *advice = NULL, *args[1];
	char name[2 * FT_NAME_MAX + 64];
	bool notes_asked = false;

	for (int i = 0; i < n; i++) {
		if (items[i].passed) {
			entitlement_name(dc, &items[i].before, name, sizeof name);
			args[0] = name;
			rules_warn(ft, "passed_over", args, 1);
		}
		notes_asked |= items[i].changed && items[i].plan.notes_advised;
	}
	if (notes_asked && dc->d->notes != NULL)
		advice = rules_notes_advice(dc->d->notes);
	if (advice != NULL)
		rules_warn(ft, advice, NULL, 0);
	snprintf(name, sizeof name, "%s%s%s", dc->customer,
		 dc->d->workload ? " / " : "",
		 dc->d->workload ? dc->d->workload : "");
	rules_warn_past(ft, name, F_NEXT_ACTION_DATE,
			dc->input.given[F_NEXT_ACTION_DATE]);
}

int ft_declare(struct ft *ft, const struct ft_declaration *d,
	       enum ft_shape shape, ft_row_fn fn, void *arg,
	       struct ft_declare_outcome *out)
{
	struct declared dc = {0};
	struct ent *ents = NULL;
	struct item *items = NULL;
	char role[16] = "";
	int n = 0, passed = 0, rc;

	memset(out, 0, sizeof *out);
	if ((rc = db_begin_write(ft)) != FT_OK)
		return rc;
	rc = check_declaration(ft, d, &dc);
	/* the whole of each service: one L2 per service looks at all of it */
	if (rc == FT_OK)
		rc = ent_load(ft, dc.subject.customer_id, dc.workload_id, 0,
			      &ents, &n);
	if (rc == FT_OK && (items = calloc((size_t)n + 1, sizeof *items)) == NULL)
		rc = ft_fail(ft, FT_DBERR, "out of memory");
	for (int i = 0; rc == FT_OK && i < n; i++) {
		items[i].before = ents[i];
		memset(&ents[i], 0, sizeof ents[i]);
		items[i].covered = !dc.subscription_id ||
			items[i].before.subscription_id == dc.subscription_id;
		out->covered += items[i].covered;
	}
	if (rc == FT_OK && out->covered == 0)
		rc = ft_fail(ft, FT_REFUSED, "'%s' has no entitlement %s%s%s%s",
			     dc.customer, d->workload ? "for " : "",
			     d->workload ? d->workload : "",
			     d->subscription ? " in subscription " : "",
			     d->subscription ? d->subscription : "");
	if (rc == FT_OK)
		rc = plan_all(ft, &dc, items, n, &passed);
	if (rc == FT_OK && passed == out->covered)
		rc = ft_fail(ft, FT_REFUSED, "every entitlement of '%s' is "
			     "Duplicate/Invalid; no declaration applies to them",
			     dc.customer);
	for (int i = 0; rc == FT_OK && i < n; i++) {
		items[i].changed = items[i].planned && !items[i].passed &&
				   !ent_same(&items[i].before, &items[i].after);
		out->changed += items[i].changed;
	}
	out->covered -= passed;
	/* the actor is checked even when nothing would change */
	if (rc == FT_OK)
		rc = rules_check_actor(ft, &dc.subject, role, sizeof role);
	if (rc == FT_OK && out->changed > 0 && !d->dry_run)
		rc = apply(ft, &dc, items, n, role, &out->declaration);
	rc = db_end_write(ft, rc);
	if (rc == FT_OK)
		warn(ft, &dc, items, n);
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
	return rules_notes_advice(notes);
}
