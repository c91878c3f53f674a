/* Candidates for shell completion: the names a database holds and the
 * codes its reference tables define, as a user types them. */
#ifndef FTRACK_COMPLETE_H
#define FTRACK_COMPLETE_H

#include "ftrack.h"

enum ft_candidate_kind {
	FT_CAND_CUSTOMERS,
	FT_CAND_WORKLOADS,	/* every workload, or the subscription's */
	FT_CAND_USERS,		/* every user, deactivated ones too */
	FT_CAND_SUBSCRIPTIONS,	/* every subscription, or the customer's */
	FT_CAND_L1,		/* every L1 code */
	FT_CAND_L2,		/* every L2 code, or the L1 given's */
	FT_CAND_ROLES,
	FT_CAND_ACTIVE_USERS,	/* the users who are not deactivated */
	FT_CAND_DELIVERY_FMS,	/* the active users whose role is delivery FM */
	FT_CAND_CHANGESETS	/* the 20 newest change set ids, newest first */
};

/* What narrows the candidates; a NULL member narrows nothing. Names and
 * codes are taken as the command line takes them (any case, dashes or
 * underscores). */
struct ft_candidate_scope {
	const char *l1;		  /* FT_CAND_L2: the L2s of this L1 */
	const char *customer;	  /* FT_CAND_SUBSCRIPTIONS: this customer's;
				   * FT_CAND_WORKLOADS: with subscription */
	const char *subscription; /* FT_CAND_WORKLOADS: the workloads this
				   * subscription has an entitlement of */
};

/* Streams one row (one column, "candidate") per record or code of kind
 * whose name starts with prefix ("" or NULL: all), within scope (NULL:
 * none): names as stored, compared by their key (text_fold(), so "cont"
 * finds "Contoso"), in the order of their keys; codes written with dashes
 * ("assignment-fm"), in the playbook's order. */
int ft_candidates(struct ft *ft, enum ft_candidate_kind kind,
		  const char *prefix, const struct ft_candidate_scope *scope,
		  ft_row_fn fn, void *arg);

#endif
