/* The audit history: one change set per command, newest first. */
#ifndef FTRACK_HISTORY_H
#define FTRACK_HISTORY_H

#include "ftrack.h"

struct ft_history_filter {
	const char *customer;	/* NULL: every change set */
};

/* Streams the change sets matching f, newest first. Table rows are
 * (date, who, role, what); JSON rows are objects {id, at, who, role, what,
 * customer, workload, subscription, scenario, changes: [{entity, field, old,
 * new}]}. */
int ft_history(struct ft *ft, const struct ft_history_filter *f,
	       enum ft_shape shape, ft_row_fn fn, void *arg);

#endif
