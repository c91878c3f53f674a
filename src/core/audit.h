/* Writing the audit history: a change set per command, a change row per
 * field. Call inside db_begin_write()/db_end_write() with the change itself. */
#ifndef FTRACK_AUDIT_H
#define FTRACK_AUDIT_H

#include "core.h"

/* What a change set is about; 0 / NULL where it does not apply. */
struct audit_ref {
	int64_t customer_id;
	int64_t workload_id;
	int64_t subscription_id;
	const char *scenario;	/* a rule's code, NULL or "" for none */
	const char *role;	/* NULL: the actor's registered role, if any;
				 * "": none */
};

/* Writes a change set summarised by what, in English and in Spanish
 * (what_es); its id in *changeset. */
int audit_begin(struct ft *ft, const struct audit_ref *ref, const char *what,
		const char *what_es, int64_t *changeset);

/* The languages change summaries are written in (the changeset's what and
 * what_es columns). */
extern const char *const audit_langs[2];

/* Writes a change set summarised by text key (texts.c) filled with
 * args[l] in audit_langs[l], nargs each; its id in *changeset. */
int audit_begin_text(struct ft *ft, const struct audit_ref *ref,
		     const char *key, const char *const args[2][4], int nargs,
		     int64_t *changeset);

/* Writes one changed field; old or new NULL for no value. */
int audit_change(struct ft *ft, int64_t changeset, const char *entity,
		 int64_t entity_id, const char *field, const char *old_value,
		 const char *new_value);

/* The actor's registered role code into role (len >= 16), "" when the actor
 * is not a registered user. */
int audit_actor_role(struct ft *ft, char *role, size_t len);

#endif
