/* The rules engine: matching an entitlement's state to a rule of the rules
 * tables (migrations 0003 and 0008) and computing what the rule sets. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "lookup.h"
#include "rules_engine.h"
#include "texts.h"
#include "ftrack/rules.h"
#include "ftrack/text.h"

/* One rule_value row. */
struct rule_value {
	char source[24];
	char *value;
	int required, advised;
};

struct rule {
	char scenario[8];
	char page[16];
	int needs_validation;
	struct rule_value v[F_COUNT];
};

static void rule_clear(struct rule *r)
{
	for (int f = 0; f < F_COUNT; f++)
		free(r->v[f].value);
	memset(r, 0, sizeof *r);
}

/* What a write transaction has read of the rules, kept until it ends
 * (db_begin_write()/db_end_write() forget it): an import reads each rule
 * once for the file rather than once a row, and a single command reads
 * only the rules it uses, as it did. The rules are data no command
 * changes; the actor's standing is kept only once it has been found
 * allowed, and only for the same phase and delivery FM. */
struct memo_match {
	char *key;		/* via, event, phase, l1, l2, service_no_intent */
	bool found;
	char scenario[8], page[16];
	int needs_validation;
};

struct memo_values {
	char scenario[8];
	struct rule_value v[F_COUNT];
	bool cleared[F_COUNT];	/* cleared_on_leave */
};

struct memo_actor {
	char phase[16];
	int64_t delivery_fm;
	char role[16];
};

struct rules_memo {
	struct memo_match *matches;
	size_t nmatches;
	struct memo_values *values;
	size_t nvalues;
	struct memo_actor *actors;
	size_t nactors;
	bool writer_ok;		/* rules_check_writer() said yes */
	char writer_role[16];
};

void rules_forget(struct ft *ft)
{
	struct rules_memo *m = ft->rules_memo;

	if (m == NULL)
		return;
	for (size_t i = 0; i < m->nmatches; i++)
		free(m->matches[i].key);
	for (size_t i = 0; i < m->nvalues; i++)
		for (int f = 0; f < F_COUNT; f++)
			free(m->values[i].v[f].value);
	free(m->matches);
	free(m->values);
	free(m->actors);
	free(m);
	ft->rules_memo = NULL;
}

/* The memo of the current write, made on first use; NULL outside a write
 * (nothing then says when the rules read would go stale) or out of
 * memory: then the rules are read as they are needed. */
static struct rules_memo *memo(struct ft *ft)
{
	if (ft->write_depth == 0)
		return NULL;
	if (ft->rules_memo == NULL)
		ft->rules_memo = calloc(1, sizeof *ft->rules_memo);
	return ft->rules_memo;
}

/* Grows *items (of size each) by one zeroed item: its address, or NULL. */
static void *memo_add(void *items, size_t *n, size_t size)
{
	void **p = items;
	char *grown = realloc(*p, (*n + 1) * size);

	if (grown == NULL)
		return NULL;
	*p = grown;
	memset(grown + *n * size, 0, size);
	return grown + (*n)++ * size;
}

/* The rule_value rows of scenario into v and cleared (each field's
 * cleared_on_leave); on an error, what was read is freed. The one reader
 * of the rule's values, within a write (scenario_values()) or not. */
static int read_values(struct ft *ft, const char *scenario,
		       struct rule_value v[F_COUNT], bool cleared[F_COUNT])
{
	struct db_stmt *st = NULL;
	int step, rc = db_prepare(ft, &st, "SELECT field, source, value, "
				  "required, advised, cleared_on_leave FROM "
				  "rule_value WHERE scenario = :scenario");

	if (rc != FT_OK)
		return rc;
	db_bind_text(ft, st, ":scenario", scenario);
	while ((step = db_step(ft, st)) == DB_ROW) {
		int f = ent_field_index(db_col_text(st, 0));
		const char *value = db_col_text(st, 2);

		if (f < 0)
			continue;
		snprintf(v[f].source, sizeof v[f].source, "%s",
			 db_col_text(st, 1));
		v[f].value = value ? strdup(value) : NULL;
		v[f].required = (int)db_col_int(st, 3);
		v[f].advised = (int)db_col_int(st, 4);
		cleared[f] = db_col_int(st, 5) == 1;
		if (value != NULL && v[f].value == NULL) {
			rc = ft_fail(ft, FT_DBERR, "out of memory");
			break;
		}
	}
	db_release(st);
	if (rc == FT_OK && step < 0)
		rc = FT_DBERR;
	if (rc != FT_OK)
		for (int f = 0; f < F_COUNT; f++) {
			free(v[f].value);
			v[f].value = NULL;
		}
	return rc;
}

/* The rule_value rows of scenario, read once a write: NULL on error. */
static struct memo_values *scenario_values(struct ft *ft,
					   struct rules_memo *m,
					   const char *scenario)
{
	struct memo_values *mv;

	for (size_t i = 0; i < m->nvalues; i++)
		if (strcmp(m->values[i].scenario, scenario) == 0)
			return &m->values[i];
	if ((mv = memo_add(&m->values, &m->nvalues, sizeof *mv)) == NULL) {
		ft_fail(ft, FT_DBERR, "out of memory");
		return NULL;
	}
	snprintf(mv->scenario, sizeof mv->scenario, "%s", scenario);
	if (read_values(ft, scenario, mv->v, mv->cleared) != FT_OK) {
		m->nvalues--;	/* forgotten: the next call reads it again */
		return NULL;
	}
	return mv;
}

int rules_subject(struct ft *ft, struct rule_subject *s)
{
	struct db_stmt *st = NULL;
	int rc = db_prepare(ft, &st, "SELECT phase, delivery_fm FROM customer "
			    "WHERE id = :id");

	if (rc != FT_OK)
		return rc;
	db_bind_int(ft, st, ":id", s->customer_id);
	if (db_step(ft, st) == DB_ROW) {
		snprintf(s->phase, sizeof s->phase, "%s", db_col_text(st, 0));
		s->delivery_fm = db_col_int(st, 1);
	} else {
		rc = ft_fail(ft, FT_DBERR, "no customer %lld",
			     (long long)s->customer_id);
	}
	db_release(st);
	return rc;
}

/* The rule for an entitlement in (l1, l2) read from the database;
 * *found false when none. */
static int rule_query(struct ft *ft, const struct rule_subject *s,
		      const struct rule_input *in, const struct ent *before,
		      int service_no_intent, struct rule *r, bool *found)
{
	struct db_stmt *st = NULL;
	int rc, step;

	*found = false;
	rc = db_prepare(ft, &st,
		"SELECT r.scenario, r.page, r.needs_validation FROM rule r "
		"JOIN rule_prior p ON p.scenario = r.scenario AND p.l1 = :l1 "
		"AND (p.l2 IS NULL OR p.l2 = :l2) AND (p.service_no_intent IS NULL "
		"OR p.service_no_intent = :service_no_intent) "
		"WHERE r.via = :via AND r.event = :event "
		"AND (r.phase IS NULL OR r.phase = :phase) "
		"ORDER BY r.position LIMIT 1");
	if (rc != FT_OK)
		return rc;
	db_bind_text(ft, st, ":l1", before->v[F_L1]);
	db_bind_text(ft, st, ":l2", before->v[F_L2]);
	if (service_no_intent >= 0)
		db_bind_int(ft, st, ":service_no_intent", service_no_intent);
	db_bind_text(ft, st, ":via", in->via);
	db_bind_text(ft, st, ":event", in->event);
	db_bind_text(ft, st, ":phase", s->phase);
	step = db_step(ft, st);
	if (step == DB_ROW) {
		*found = true;
		snprintf(r->scenario, sizeof r->scenario, "%s", db_col_text(st, 0));
		snprintf(r->page, sizeof r->page, "%s", db_col_text(st, 1));
		r->needs_validation = (int)db_col_int(st, 2);
	}
	db_release(st);
	return step < 0 ? FT_DBERR : FT_OK;
}

/* The rule for an entitlement in (l1, l2), with the values it sets;
 * *found false when none. Within a write, from what the write has read. */
static int rule_match(struct ft *ft, const struct rule_subject *s,
		      const struct rule_input *in, const struct ent *before,
		      int service_no_intent, struct rule *r, bool *found)
{
	struct rules_memo *m = memo(ft);
	struct memo_match *mm = NULL;
	struct memo_values *mv;
	char *key = NULL;
	int rc;

	*found = false;
	if (m != NULL)
		key = str_printf("%s\x1f%s\x1f%s\x1f%s\x1f%s\x1f%d", in->via,
				 in->event, s->phase, before->v[F_L1]
				 ? before->v[F_L1] : "\x1e", before->v[F_L2]
				 ? before->v[F_L2] : "\x1e", service_no_intent);
	for (size_t i = 0; key != NULL && i < m->nmatches; i++)
		if (strcmp(m->matches[i].key, key) == 0) {
			mm = &m->matches[i];
			break;
		}
	if (mm != NULL) {
		free(key);
		*found = mm->found;
		snprintf(r->scenario, sizeof r->scenario, "%s", mm->scenario);
		snprintf(r->page, sizeof r->page, "%s", mm->page);
		r->needs_validation = mm->needs_validation;
	} else {
		rc = rule_query(ft, s, in, before, service_no_intent, r, found);
		if (rc == FT_OK && key != NULL &&
		    (mm = memo_add(&m->matches, &m->nmatches, sizeof *mm))
		    != NULL) {
			mm->key = key;
			key = NULL;
			mm->found = *found;
			snprintf(mm->scenario, sizeof mm->scenario, "%s",
				 r->scenario);
			snprintf(mm->page, sizeof mm->page, "%s", r->page);
			mm->needs_validation = r->needs_validation;
		}
		free(key);
		if (rc != FT_OK)
			return rc;
	}
	if (!*found)
		return FT_OK;
	if (m == NULL) {
		bool cleared[F_COUNT];

		return read_values(ft, r->scenario, r->v, cleared);
	}
	if ((mv = scenario_values(ft, m, r->scenario)) == NULL)
		return FT_DBERR;
	for (int f = 0; f < F_COUNT; f++) {
		r->v[f] = mv->v[f];
		r->v[f].value = NULL;
		if (mv->v[f].value != NULL &&
		    (r->v[f].value = strdup(mv->v[f].value)) == NULL)
			return ft_fail(ft, FT_DBERR, "out of memory");
	}
	return FT_OK;
}

/* Whether the value of field f, kept from e, no longer stands: the rule
 * that set e (its scenario) says so once e leaves that rule's L1
 * (leaving); or e has no scenario (written before the rules said what
 * each status sets) and the value is one a rule sets for another L1 and
 * says does not stand outside it: a leftover. */
static int cleared_on_leave(struct ft *ft, const struct ent *e, int f,
			    bool leaving, bool *cleared)
{
	struct db_stmt *st = NULL;
	int rc, step;

	*cleared = false;
	if (e->scenario[0] != '\0' && !leaving)
		return FT_OK;
	if (e->scenario[0] != '\0' && memo(ft) != NULL) {
		struct memo_values *mv = scenario_values(ft, memo(ft),
							 e->scenario);

		if (mv == NULL)
			return FT_DBERR;
		*cleared = mv->cleared[f];
		return FT_OK;
	}
	if (e->scenario[0] != '\0')
		rc = db_prepare(ft, &st, "SELECT 1 FROM rule_value WHERE "
				"scenario = :scenario AND field = :field "
				"AND cleared_on_leave = 1");
	else
		rc = db_prepare(ft, &st, "SELECT 1 FROM rule_value v "
				"JOIN rule_value l ON l.scenario = v.scenario "
				"AND l.field = 'l1' WHERE v.field = :field "
				"AND v.source = 'constant' AND v.value = :value "
				"AND v.cleared_on_leave = 1 AND l.value <> :l1");
	if (rc != FT_OK)
		return rc;
	db_bind_text(ft, st, ":field", ent_field_name[f]);
	if (e->scenario[0] != '\0') {
		db_bind_text(ft, st, ":scenario", e->scenario);
	} else {
		db_bind_text(ft, st, ":value", e->v[f]);
		db_bind_text(ft, st, ":l1", e->v[F_L1]);
	}
	step = db_step(ft, st);
	*cleared = step == DB_ROW;
	db_release(st);
	return step < 0 ? FT_DBERR : FT_OK;
}

/* The option that gives field f, for refusals. */
static const char *option_for(const struct rule_input *in, int f)
{
	bool declaration = strcmp(in->via, "declaration") == 0;

	switch (f) {
	case F_L2: return declaration ? "--l2 (executive-sponsorship, "
		"competitive-solution or microsoft-on-premises)"
		: "--l2 <code> (an L2 of the L1)";
	case F_NOTES: return declaration ? "--notes with the detailed reason for "
		"declaring No Intent" : "--notes with the explanation";
	case F_ENGAGEMENT_SCENARIO: return declaration
		? "--led-by (customer or partner)"
		: "--engagement (customer-led or partner-led)";
	case F_NEXT_ACTION_DATE: return declaration
		? "--kickoff <date> (the kickoff date)"
		: "--next-action-date <date> (the date of the initiate "
		  "discussion)";
	case F_TARGET_DATE: return "--target-date <date> (the projected "
		"unblock date)";
	default: return ent_field_name[f];
	}
}

/* The option alone that gives field f. */
static const char *option_name(const struct rule_input *in, int f)
{
	bool declaration = strcmp(in->via, "declaration") == 0;

	switch (f) {
	case F_L2: return "--l2";
	case F_L3: return "--l3";
	case F_NOTES: return "--notes";
	case F_ENGAGEMENT_SCENARIO: return declaration ? "--led-by"
						       : "--engagement";
	case F_NEXT_ACTION_DATE: return declaration ? "--kickoff"
						    : "--next-action-date";
	case F_TARGET_DATE: return "--target-date";
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

/* Why no rule applies to the entitlement. */
static int refuse_unmatched(struct ft *ft, const struct rule_subject *s,
			    const struct rule_input *in, const struct ent *e,
			    const char *name)
{
	char l1[64], l2[96];
	int rc;

	if (strcmp(in->via, "declaration") == 0 &&
	    strcmp(e->v[F_L1], "duplicate_invalid") == 0)
		return ft_fail(ft, FT_REFUSED, "%s is Duplicate/Invalid; no "
			       "declaration applies to it", name);
	if (strcmp(in->event, "intent_declines_ftc") == 0 &&
	    strcmp(s->phase, "assignment") != 0)
		return ft_fail(ft, FT_REFUSED, "%s: scenario 1 (intent, declining "
			       "FTC) applies only in the assignment phase, and "
			       "'%s' is in the %s phase; record the status with "
			       "'ftrack status set'", name, s->customer, s->phase);
	if (strcmp(e->v[F_L1], "status_unknown") == 0 && e->v[F_L2] == NULL)
		return ft_fail(ft, FT_REFUSED, "%s is Status Unknown without an "
			       "L2; say why first with 'ftrack status set' --l1 "
			       "status-unknown --l2 (customer-unresponsive | "
			       "new-subscription-or-workload)", name);
	rc = lookup_field_label(ft, "l1", e->v[F_L1], "en", l1, sizeof l1);
	if (rc == FT_OK)
		rc = lookup_field_label(ft, "l2", e->v[F_L2], "en", l2, sizeof l2);
	if (rc != FT_OK)
		return rc;
	return ft_fail(ft, FT_REFUSED, "%s: no playbook scenario applies to %s "
		       "'%s' on an entitlement in %s%s%s in the %s phase", name,
		       strcmp(in->via, "declaration") == 0 ? "a declaration"
		       : "a status change to", in->event, l1, l2[0] ? " / " : "",
		       l2, s->phase);
}

/* The value rule value v gives field f. */
static const char *rule_value_for(const struct rule_value *v, int f,
				  const char *given, const struct ent *before,
				  const struct ent *service)
{
	if (strcmp(v->source, "constant") == 0)
		return v->value;
	if (strcmp(v->source, "declared") == 0)
		return given;
	if (strcmp(v->source, "kept") == 0)
		return before->v[f];
	if (strcmp(v->source, "declared_or_kept") == 0)
		return given ? given : before->v[f];
	if (strcmp(v->source, "declared_or_service") == 0)
		return given ? given : service ? service->v[f] : NULL;
	if (strcmp(v->source, "service") == 0)
		return service ? service->v[f] : NULL;
	return NULL;
}

int rules_plan(struct ft *ft, const struct rule_subject *s,
	       const struct rule_input *in, const struct ent *service,
	       bool service_known, const struct ent *before, struct ent *after,
	       const char *name, struct rule_plan *plan)
{
	struct rule r = {0};
	bool found = false;
	bool leaving;
	int rc;

	plan->notes_advised = false;
	plan->advised_missing = -1;
	rc = rule_match(ft, s, in, before, service_known ? service != NULL : -1,
			&r, &found);
	if (rc == FT_OK && !found)
		rc = refuse_unmatched(ft, s, in, before, name);
	if (rc == FT_OK)
		rc = ent_copy(ft, after, before);
	leaving = rc == FT_OK && strcmp(before->v[F_L1], r.v[F_L1].value ?
					r.v[F_L1].value : "") != 0;
	for (int f = 0; rc == FT_OK && f < F_COUNT; f++) {
		const struct rule_value *v = &r.v[f];
		const char *given = in->given[f];
		const char *value = rule_value_for(v, f, given, before, service);
		bool cleared = false;

		if (v->required && blank(given)) {
			rc = ft_fail(ft, FT_REFUSED, "%s: scenario %s needs %s",
				     name, r.scenario, option_for(in, f));
			break;
		}
		if (strcmp(v->source, "service") == 0 && given != NULL &&
		    (value == NULL || strcmp(given, value) != 0)) {
			rc = ft_fail(ft, FT_REFUSED, "%s: scenario %s takes the "
				     "service's existing %s '%s', not '%s'", name,
				     r.scenario, f == F_L2 ? "L2" : f == F_L3 ? "L3"
				     : ent_field_name[f], value ? value : "",
				     given);
			break;
		}
		/* the rule takes no value for this column: say so rather
		 * than drop what was given */
		if (given != NULL && strncmp(v->source, "declared", 8) != 0 &&
		    strcmp(v->source, "service") != 0) {
			rc = ft_fail(ft, FT_REFUSED, "%s: scenario %s does not "
				     "take %s ('ftrack rules' shows what it "
				     "sets)", name, r.scenario,
				     option_name(in, f));
			break;
		}
		/* A value kept from the state being left may no longer stand. */
		if (value != NULL && value == before->v[f])
			rc = cleared_on_leave(ft, before, f, leaving, &cleared);
		if (rc == FT_OK)
			rc = ent_set(ft, after, f, cleared ? NULL : value);
		/* the notes guidance, but for scenario 5's "update notes as
		 * necessary" */
		if (f == F_NOTES && strncmp(v->source, "declared", 8) == 0 &&
		    strcmp(v->source, "declared_or_service") != 0)
			plan->notes_advised = true;
		if (rc == FT_OK && v->advised && after->v[f] == NULL)
			plan->advised_missing = f;
	}
	if (rc == FT_OK && r.needs_validation && in->validated_with == NULL)
		rc = ft_fail(ft, FT_REFUSED, "%s: scenario %s (the service is "
			     "already No Intent on another subscription) needs "
			     "--validated-with (account-team or customer)", name,
			     r.scenario);
	if (rc == FT_OK)
		snprintf(after->scenario, sizeof after->scenario, "%s",
			 r.scenario);
	rule_clear(&r);
	return rc;
}

/* The role label of code in English, for messages. */
static void role_label(struct ft *ft, const char *code, char *out, size_t len)
{
	if (lookup_field_label(ft, "owner", code, "en", out, len) != FT_OK ||
	    out[0] == '\0')
		snprintf(out, len, "%s", code);
}

/* Keeps that the actor may update in s's phase and delivery FM. */
static int remember_actor(struct rules_memo *m, const struct rule_subject *s,
			  const char *role)
{
	struct memo_actor *ma;

	if (m != NULL && (ma = memo_add(&m->actors, &m->nactors,
					sizeof *ma)) != NULL) {
		snprintf(ma->phase, sizeof ma->phase, "%s", s->phase);
		ma->delivery_fm = s->delivery_fm;
		snprintf(ma->role, sizeof ma->role, "%s", role);
	}
	return FT_OK;
}

int rules_check_actor(struct ft *ft, const struct rule_subject *s,
		      char *role, size_t len)
{
	struct rules_memo *m = memo(ft);
	struct db_stmt *st = NULL;
	char needed[16] = "", needed_label[64], has_label[64];
	char fm_name[FT_NAME_MAX + 1] = "";
	int64_t users = 0, actor_id = 0;
	int own = 0, active = 0, rc;

	role[0] = '\0';
	for (size_t i = 0; m != NULL && i < m->nactors; i++)
		if (strcmp(m->actors[i].phase, s->phase) == 0 &&
		    m->actors[i].delivery_fm == s->delivery_fm) {
			snprintf(role, len, "%s", m->actors[i].role);
			return FT_OK;
		}
	rc = db_prepare(ft, &st,
		"SELECT (SELECT count(*) FROM app_user), a.id, a.role, "
		"w.role, w.own_delivery_fm, "
		"(SELECT name FROM app_user WHERE id = :fm), a.active "
		"FROM who_updates w LEFT JOIN app_user a ON "
		"a.name_key = :actor_key AND lower(a.name) = :actor_nocase "
		"WHERE w.phase = :phase");
	if (rc != FT_OK)
		return rc;
	/* the actor's name as SQLite's NOCASE name column compares it
	 * (db_bind_nocase()) */
	db_bind_key(ft, st, ":actor_key", ft_actor(ft));
	db_bind_nocase(ft, st, ":actor_nocase", ft_actor(ft));
	db_bind_id(ft, st, ":fm", s->delivery_fm);
	db_bind_text(ft, st, ":phase", s->phase);
	if (db_step(ft, st) == DB_ROW) {
		users = db_col_int(st, 0);
		actor_id = db_col_int(st, 1);
		snprintf(role, len, "%s", db_col_text(st, 2) ? db_col_text(st, 2)
							     : "");
		snprintf(needed, sizeof needed, "%s", db_col_text(st, 3));
		own = (int)db_col_int(st, 4);
		snprintf(fm_name, sizeof fm_name, "%s",
			 db_col_text(st, 5) ? db_col_text(st, 5) : "");
		active = (int)db_col_int(st, 6);
	} else {
		rc = ft_fail(ft, FT_DBERR, "the who_updates table has no row "
			     "for the %s phase", s->phase);
	}
	db_release(st);
	if (rc != FT_OK)
		return rc;
	if (users == 0)
		return remember_actor(m, s, role);
	role_label(ft, needed, needed_label, sizeof needed_label);
	if (actor_id == 0)
		return ft_fail(ft, FT_REFUSED, "'%s' is not a registered user; in "
			       "the %s phase '%s' is updated by the %s%s%s%s (use "
			       "--as <name>)", ft_actor(ft), s->phase, s->customer,
			       needed_label, fm_name[0] && own ? " '" : "",
			       own ? fm_name : "", fm_name[0] && own ? "'" : "");
	if (!active)
		return ft_fail(ft, FT_REFUSED, "'%s' was deactivated and can no "
			       "longer write", ft_actor(ft));
	if (strcmp(role, needed) != 0) {
		role_label(ft, role, has_label, sizeof has_label);
		return ft_fail(ft, FT_REFUSED, "'%s' is %s; in the %s phase '%s' "
			       "is updated by the %s%s%s%s", ft_actor(ft),
			       has_label, s->phase, s->customer, needed_label,
			       fm_name[0] && own ? " '" : "", own ? fm_name : "",
			       fm_name[0] && own ? "'" : "");
	}
	if (own && s->delivery_fm != actor_id)
		return ft_fail(ft, FT_REFUSED, "'%s' is not the delivery FM of "
			       "'%s'; its delivery FM '%s' updates it",
			       ft_actor(ft), s->customer, fm_name);
	return remember_actor(m, s, role);
}

int rules_check_writer(struct ft *ft, const char *what, char *role,
		       size_t len)
{
	struct db_stmt *st = NULL;
	struct rules_memo *m = memo(ft);
	int64_t writers = 0, actor = 0;
	int may = 0, active = 0, rc;

	role[0] = '\0';
	if (m != NULL && m->writer_ok) {
		snprintf(role, len, "%s", m->writer_role);
		return FT_OK;
	}
	rc = db_prepare(ft, &st,
		"SELECT (SELECT count(*) FROM app_user u JOIN record_writer w "
		"ON w.role = u.role), u.id, u.role, CASE WHEN EXISTS (SELECT 1 "
		"FROM record_writer w WHERE w.role = u.role) THEN 1 ELSE 0 END, "
		"u.active FROM (SELECT 1 AS one) AS one LEFT JOIN app_user u ON "
		"u.name_key = :actor_key AND lower(u.name) = :actor_nocase");
	if (rc != FT_OK)
		return rc;
	db_bind_key(ft, st, ":actor_key", ft_actor(ft));
	db_bind_nocase(ft, st, ":actor_nocase", ft_actor(ft));
	if (db_step(ft, st) == DB_ROW) {
		writers = db_col_int(st, 0);
		actor = db_col_int(st, 1);
		snprintf(role, len, "%s", db_col_text(st, 2) ? db_col_text(st, 2)
							     : "");
		may = (int)db_col_int(st, 3);
		active = (int)db_col_int(st, 4);
	} else {
		rc = FT_DBERR;
	}
	db_release(st);
	if (rc != FT_OK)
		return rc;
	if (writers == 0 || ((actor == 0 || active) && may)) {
		if (m != NULL) {
			m->writer_ok = true;
			snprintf(m->writer_role, sizeof m->writer_role, "%s",
				 role);
		}
		return FT_OK;
	}
	if (actor != 0 && !active)
		return ft_fail(ft, FT_REFUSED, "'%s' was deactivated and can no "
			       "longer write", ft_actor(ft));
	if (may)
		return FT_OK;
	if (actor == 0)
		return ft_fail(ft, FT_REFUSED, "'%s' is not a registered user; "
			       "%s is for a registered Assignment FM or Delivery "
			       "FM (use --as <name>)", ft_actor(ft), what);
	return ft_fail(ft, FT_REFUSED, "'%s' is %s, who reads; %s is for an "
		       "Assignment FM or a Delivery FM", ft_actor(ft),
		       strcmp(role, "account_team") == 0 ? "Account Team" : role,
		       what);
}

int rules_has_writer(struct ft *ft, bool *yes)
{
	struct db_stmt *st = NULL;
	int rc = db_prepare(ft, &st, "SELECT CASE WHEN EXISTS (SELECT 1 FROM "
			    "app_user u JOIN record_writer w ON w.role = u.role "
			    "WHERE u.active = 1) THEN 1 ELSE 0 END");

	*yes = false;
	if (rc != FT_OK)
		return rc;
	if (db_step(ft, st) == DB_ROW)
		*yes = (int)db_col_int(st, 0) != 0;
	else
		rc = FT_DBERR;
	db_release(st);
	return rc;
}

int rules_keep_a_writer(struct ft *ft, bool had_writers)
{
	struct db_stmt *st = NULL;
	bool writers = false, users = false;
	int rc = rules_has_writer(ft, &writers);

	if (rc != FT_OK || writers)
		return rc;
	if ((rc = db_prepare(ft, &st, "SELECT CASE WHEN EXISTS (SELECT 1 "
			     "FROM app_user) THEN 1 ELSE 0 END")) != FT_OK)
		return rc;
	if (db_step(ft, st) == DB_ROW)
		users = (int)db_col_int(st, 0) != 0;
	else
		rc = FT_DBERR;
	db_release(st);
	if (rc == FT_OK && users && had_writers)
		rc = ft_fail(ft, FT_REFUSED, "that would leave the team without "
			     "an active Assignment FM or Delivery FM, and no one "
			     "could add records or users again; register or "
			     "promote another FM first");
	else if (rc == FT_OK && users)
		rc = ft_fail(ft, FT_REFUSED, "register an Assignment FM or a "
			     "Delivery FM first: with users registered, only "
			     "they may add records and users");
	return rc;
}

const char *rules_notes_advice(const char *notes)
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
			return "notes_vague";
	}
	return words < 5 ? "notes_short" : NULL;
}

int rules_date(struct ft *ft, const char *opt, const char *in, char out[11])
{
	char t[21];
	int y, m, d;

	if (text_parse_date(in, &y, &m, &d)) {
		snprintf(out, 11, "%04d-%02d-%02d", y, m, d);
		return FT_OK;
	}
	if (text_parse_time(in, t)) {
		snprintf(out, 11, "%.10s", t);
		return FT_OK;
	}
	return ft_fail(ft, FT_REFUSED, "invalid %s '%s' (expected a date that "
		       "exists, as YYYY-MM-DD or an ISO 8601 time)", opt, in);
}

int rules_text(struct ft *ft, const char *key, char *out, size_t len)
{
	snprintf(out, len, "%s", texts_tr(ft, key));
	return FT_OK;
}

void rules_warn(struct ft *ft, const char *code, const char *const *args,
		int nargs)
{
	char key[64], *text;

	if (ft->warn == NULL)
		return;
	snprintf(key, sizeof key, "msg.%s", code);
	if ((text = texts_fill(ft, key, ft_lang_code(ft), args, nargs)) != NULL)
		ft->warn(ft->warn_arg, text);
	free(text);
}

/* The column's label ("Target date") in the context's language. */
static void column_label(struct ft *ft, int f, char *out, size_t len)
{
	char code[40];

	snprintf(code, sizeof code, "col.%s", ent_field_name[f]);
	rules_text(ft, code, out, len);
}

void rules_warn_past(struct ft *ft, const char *subject, int f,
		     const char *date)
{
	char clock[21], label[96];
	const char *args[3];

	if (date == NULL || strncmp(date, ft_clock(ft, clock), 10) >= 0)
		return;
	column_label(ft, f, label, sizeof label);
	args[0] = subject;
	args[1] = label;
	args[2] = date;
	rules_warn(ft, "date_past", args, 3);
}

void rules_warn_missing(struct ft *ft, const char *subject, int f,
			const char *l1)
{
	char label[96], l1label[64] = "";
	const char *args[3];

	column_label(ft, f, label, sizeof label);
	lookup_field_label(ft, "l1", l1, ft_lang_code(ft), l1label,
			   sizeof l1label);
	args[0] = subject;
	args[1] = label;
	args[2] = l1label;
	rules_warn(ft, "missing_advised", args, 3);
}
