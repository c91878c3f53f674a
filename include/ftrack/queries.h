/* The questions users ask every week: which services and accounts are in
 * No Intent. */
#ifndef FTRACK_QUERIES_H
#define FTRACK_QUERIES_H

#include <stdbool.h>

#include "ftrack.h"

/* NULL members do not filter. since is an ISO 8601 date or timestamp: the
 * declaration that set the No Intent is that recent. */
struct ft_no_intent_filter {
	const char *l2;
	const char *workload;
	const char *customer;
	const char *since;
	bool accounts;		/* one row per customer instead of per service */
};

/* Streams the services (customer x workload) in No Intent, by customer
 * then workload:
 *   TABLE  Customer, Workload, Subscriptions, L2, L3, Since, Declared by,
 *          Next action (labels)
 *   CSV    customer, workload, subscriptions, l2, l2_label, l3, since,
 *          declared_by, next_action, next_action_label
 *   JSON   the CSV's keys, subscriptions as an array
 * With accounts, one row per customer with a No Intent service: customer,
 * no_intent (services), services, l2s, all_workloads. */
int ft_no_intent(struct ft *ft, const struct ft_no_intent_filter *f,
		 enum ft_shape shape, ft_row_fn fn, void *arg);

#endif
