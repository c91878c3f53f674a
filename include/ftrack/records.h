/* The records ftrack keeps: users, workloads, customers, subscriptions and
 * their entitlements. Every change is written with its audit change set in
 * one transaction. Names are looked up case-insensitively; an unknown name
 * is refused with the closest existing one suggested. */
#ifndef FTRACK_RECORDS_H
#define FTRACK_RECORDS_H

#include "ftrack.h"

/* Registers a team member with a role (assignment_fm, delivery_fm,
 * account_team; dashes accepted). */
int ft_user_add(struct ft *ft, const char *name, const char *role);
int ft_user_list(struct ft *ft, enum ft_shape shape, ft_row_fn fn, void *arg);

int ft_workload_add(struct ft *ft, const char *name);
int ft_workload_list(struct ft *ft, enum ft_shape shape, ft_row_fn fn,
		     void *arg);

/* managed: 1 managed, 0 unmanaged, -1 not said. tenant may be NULL. */
int ft_customer_add(struct ft *ft, const char *name, const char *tenant,
		    int managed);
/* Which customers; NULL members do not filter. */
struct ft_customer_filter {
	const char *delivery_fm;	/* a user's name */
	const char *phase;		/* assignment | delivery */
};
/* The customers, by name; f may be NULL. */
int ft_customer_list(struct ft *ft, const struct ft_customer_filter *f,
		     enum ft_shape shape, ft_row_fn fn, void *arg);

/* The customer's own fields as label rows ("field", "value"), then nothing
 * else; its entitlements come from ft_entitlement_list(). */
int ft_customer_fields(struct ft *ft, const char *name, ft_row_fn fn,
		       void *arg);
/* One row per entitlement of the customer, by subscription then workload:
 * every playbook column as labels, the scenario, with whom No Intent was
 * validated, who updated it last and when. */
int ft_entitlement_list(struct ft *ft, const char *customer, ft_row_fn fn,
			void *arg);
/* The whole customer as one JSON object (codes, null for no value) in
 * *json, to free with free(). */
int ft_customer_json(struct ft *ft, const char *name, char **json);

/* Adds subscription code to customer with one entitlement per workload, each
 * in L1 status_unknown, L2 new_subscription_or_workload. */
int ft_subscription_add(struct ft *ft, const char *customer, const char *code,
			const char *const *workloads, int nworkloads);

/* Assigns a delivery FM (a registered delivery_fm user): the customer enters
 * the delivery phase, and the next actions assigning closes (scenario 1's
 * Delivery Assignment) are closed in the same change set. The actor must be
 * one who updates in the customer's phase. Assigning the FM already
 * assigned changes nothing and returns FT_OK with *changed false. */
int ft_assign(struct ft *ft, const char *customer, const char *delivery_fm,
	      int *changed);

#endif
