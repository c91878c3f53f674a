/* The rules engine: which scenario of the rules tables applies to an
 * entitlement when a declaration or a status change reaches it, what it
 * sets, who may make the change, and the warnings the playbook's guidance
 * gives. Declarations (declare.c) and status changes (status.c) both plan
 * through it; no scenario's values are written in C. */
#ifndef FTRACK_RULES_ENGINE_H
#define FTRACK_RULES_ENGINE_H

#include <stdbool.h>

#include "entitlement.h"

/* What reaches the entitlements, in codes. */
struct rule_input {
	const char *via;		/* "declaration" | "status" */
	const char *event;		/* no_intent | intent_declines_ftc | an L1 */
	const char *given[F_COUNT];	/* the values given, NULL for none */
	const char *validated_with;	/* NULL when not given */
};

/* The customer the change is about. */
struct rule_subject {
	int64_t customer_id;
	const char *customer;		/* its name, as stored */
	char phase[16];
	int64_t delivery_fm;		/* app_user id, 0 when none */
};

/* What a planned entitlement asks of the caller. */
struct rule_plan {
	bool notes_advised;	/* the notes guidance applies to the notes */
	int advised_missing;	/* a field the rule advises is left empty, or -1 */
};

/* Loads the customer's phase and delivery FM into s (customer_id and
 * customer set by the caller). */
/* Forgets the rules a write read (rules_engine.c keeps them for the write
 * that read them: an import reads each once). */
void rules_forget(struct ft *ft);

int rules_subject(struct ft *ft, struct rule_subject *s);

/* Plans one entitlement: finds the rule for before's state (service is the
 * service's No Intent entitlement or NULL; service_known false when the
 * caller did not look, and then only rules indifferent to it match) and
 * fills after with what it sets, its scenario included. Refuses
 * (FT_REFUSED) with the reason, name naming the entitlement. */
int rules_plan(struct ft *ft, const struct rule_subject *s,
	       const struct rule_input *in, const struct ent *service,
	       bool service_known, const struct ent *before, struct ent *after,
	       const char *name, struct rule_plan *plan);

/* Refuses (FT_REFUSED) unless the actor may update the customer's
 * entitlements: with users registered, a registered user with the role
 * who_updates gives for the customer's phase and, where it says so, the
 * customer's own delivery FM. role receives the actor's registered role
 * ("" when none; len >= 16): the role the audit records. */
int rules_check_actor(struct ft *ft, const struct rule_subject *s,
		      char *role, size_t len);

/* Refuses (FT_REFUSED) unless the actor may add records (users,
 * customers, workloads, subscriptions): with users registered, a
 * registered user whose role the record_writer table lists. While no user
 * has such a role anyone may (so that the first FM can be registered).
 * role receives the actor's registered role ("" when none; len >= 16). */
int rules_check_writer(struct ft *ft, const char *what, char *role,
		       size_t len);

/* Refuses (FT_REFUSED) a state where users are registered but none active
 * has a role record_writer lists: no one could then ever add a record or
 * register an FM again, or, as rules_check_writer would open the
 * database to anyone, anyone could. Run before the commit of what may
 * bring it about (a user added, a role changed, a user deactivated, a
 * revert); had_writers says whether an active FM existed before. */
int rules_keep_a_writer(struct ft *ft, bool had_writers);

/* Whether some active user has a role record_writer lists, into *yes. */
int rules_has_writer(struct ft *ft, bool *yes);

/* The message code of the advice on a note (the playbook's notes
 * guidance), NULL when there is none. */
const char *rules_notes_advice(const char *notes);

/* Canonicalises a date given as YYYY-MM-DD or a full ISO 8601 time into
 * out (YYYY-MM-DD, the UTC day); refuses naming opt otherwise. */
int rules_date(struct ft *ft, const char *opt, const char *in, char out[11]);

/* Hands a warning to the context's handler: the message code's text in
 * the context's language with each %s replaced by the next of args. */
void rules_warn(struct ft *ft, const char *code, const char *const *args,
		int nargs);

/* Warns when a given date (field f, YYYY-MM-DD) is before today. */
void rules_warn_past(struct ft *ft, const char *subject, int f,
		     const char *date);

/* Warns that subject's field f is missing though the rule advises it. */
void rules_warn_missing(struct ft *ft, const char *subject, int f,
			const char *l1);

/* ft_action_done() for the open next actions of code only (NULL: every
 * one): the same check of the actor, change set and audit rows; refused
 * when the service has none open. Nests in the caller's write. */
int rules_action_done(struct ft *ft, const char *customer,
		      const char *workload, const char *subscription,
		      const char *only);

/* The text of key (the text table) in the context's language into out. */
int rules_text(struct ft *ft, const char *key, char *out, size_t len);

#endif
