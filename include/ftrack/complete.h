/* Candidates for shell completion: the names a database holds and the
 * codes its reference tables define, as a user types them. */
#ifndef FTRACK_COMPLETE_H
#define FTRACK_COMPLETE_H

#include "ftrack.h"

enum ft_candidate_kind {
	FT_CAND_CUSTOMERS,
	FT_CAND_WORKLOADS,
	FT_CAND_USERS,
	FT_CAND_SUBSCRIPTIONS,
	FT_CAND_L1,		/* every L1 code */
	FT_CAND_L2,		/* every L2 code, or the L1 given's */
	FT_CAND_ROLES
};

/* Streams one row (one column, "candidate") per record or code of kind
 * whose name starts with prefix ("" or NULL: all): names as stored,
 * compared by their key (text_fold(), so "cont" finds "Contoso"), in the
 * order of their keys; codes written with dashes ("assignment-fm"), in
 * the playbook's order. For FT_CAND_L2, l1 (a code, dashes or
 * underscores; NULL for all) keeps the L2s of that L1. */
int ft_candidates(struct ft *ft, enum ft_candidate_kind kind,
		  const char *prefix, const char *l1, ft_row_fn fn, void *arg);

#endif
