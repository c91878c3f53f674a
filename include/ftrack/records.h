/* The records ftrack keeps: users, workloads, customers, subscriptions and
 * their entitlements. Every change is written with its audit change set in
 * one transaction. Names are looked up case-insensitively; an unknown name
 * is refused with the closest existing one suggested. */
#ifndef FTRACK_RECORDS_H
#define FTRACK_RECORDS_H

#include <stdbool.h>

#include "ftrack.h"

/* Registers a team member with a role (assignment_fm, delivery_fm,
 * account_team; dashes accepted). */
int ft_user_add(struct ft *ft, const char *name, const char *role);
/* The same with an e-mail address (text_check_email(); NULL for none),
 * audited with the user. */
int ft_user_add_email(struct ft *ft, const char *name, const char *role,
		      const char *email);
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

/* Corrections, each audited (one change set) and revertable, by a
 * registered FM once users exist. */

/* Renames a customer (another may not have the name; a change of case or
 * form alone is fine). */
int ft_customer_rename(struct ft *ft, const char *name, const char *new_name);

/* Sets a customer's tenant (when not NULL) and managed (1, 0; -1 leaves
 * it); *changed is non-zero when anything changed. */
int ft_customer_set(struct ft *ft, const char *name, const char *tenant,
		    int managed, int *changed);

/* Changes a user's role; refused while the user is some customer's
 * delivery FM. */
int ft_user_set_role(struct ft *ft, const char *name, const char *role);

/* Sets a user's e-mail address (text_check_email()); the same address
 * again is refused as no change. */
int ft_user_set_email(struct ft *ft, const char *name, const char *email);

/* Deactivates a user who left: the name stays in the history, and the
 * user can no longer write. */
int ft_user_deactivate(struct ft *ft, const char *name);

/* Takes a workload off a customer's subscription (its entitlement
 * removed); refused when the entitlement has a status beyond the one it
 * started with unless force. The actor must be one who updates the
 * customer. */
int ft_subscription_remove_workload(struct ft *ft, const char *customer,
				    const char *code, const char *workload,
				    bool force);

#endif
