/* The audit history: one change set per command, newest first. */
#ifndef FTRACK_HISTORY_H
#define FTRACK_HISTORY_H

#include "ftrack.h"

/* Which change sets; NULL members do not filter. since and until are ISO
 * 8601 dates or timestamps; a date as until takes in that whole day. */
struct ft_history_filter {
	const char *customer;
	const char *workload;
	const char *since;
	const char *until;
	const char *who;
	int64_t id;		/* one change set, 0 for all */
};

/* Streams the change sets matching f, newest first, row by row (the
 * summary "What Changed" in the context's language where the table has
 * it):
 *   TABLE    Id, Date, Who Changed, Role, What Changed (labels)
 *   CHANGES  one row per changed field: Record, Entity, Column, Before,
 *            After (labels)
 *   SUMMARY  Date as M/D/YYYY, Who Changed, What Changed, headed as in the
 *            playbook's page in the context's language
 *   CSV      id, at, who, role, role_label, what, what_es, customer,
 *            workload, subscription, scenario
 *   FIELDS   one row per changed field: changeset, at, who, role, customer,
 *            entity, entity_id, field, old, old_label, new, new_label
 *   JSON     {id, at, who, role, role_label, what, what_es, customer,
 *            workload, subscription, scenario, changes: [{entity,
 *            entity_id, field, old, new}]} */
int ft_history(struct ft *ft, const struct ft_history_filter *f,
	       enum ft_shape shape, ft_row_fn fn, void *arg);

/* FT_OK when change set id exists, else FT_REFUSED saying so. */
int ft_history_exists(struct ft *ft, int64_t id);

/* Undoes change set id with a new change set that restores the old values.
 * Refused when a later change set touched the same fields, or when it
 * created records. The new change set's id in *revert_id. */
int ft_revert(struct ft *ft, int64_t id, int64_t *revert_id);

#endif
