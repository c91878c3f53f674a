/* The playbook's No Intent rules: declarations, the rules table, next
 * actions, and the other statuses. */
#ifndef FTRACK_RULES_H
#define FTRACK_RULES_H

#include <stdbool.h>

#include "ftrack.h"

enum ft_declared {
	FT_DECLARE_NO_INTENT,
	FT_DECLARE_INTENT_DECLINES_FTC	/* intent, but the customer declines FTC */
};

struct ft_declaration {
	const char *customer;
	const char *workload;		/* NULL: every workload of the customer */
	const char *subscription;	/* NULL: every subscription */
	enum ft_declared declared;
	const char *l2;			/* a No Intent L2 code */
	const char *l3;
	const char *notes;
	const char *validated_with;	/* account_team | customer */
	const char *led_by;		/* customer | partner */
	const char *kickoff;		/* YYYY-MM-DD */
	bool dry_run;
};

struct ft_declare_outcome {
	int64_t declaration;	/* the stored declaration, 0 when none */
	int changed;		/* entitlements changed (or that would be) */
	int covered;		/* entitlements the declaration covers */
};

/* Applies a declaration: finds each covered entitlement's scenario in the
 * rules table and sets its columns, all or nothing, with one change set.
 * With dry_run nothing is written. Then reports, unless fn is NULL: table
 * rows (Subscription,
 * Workload, Scenario, Column, Before, After; labels) or one JSON row
 * {"declaration", "entitlements": [{"subscription", "workload",
 * "scenario", "before", "after"}]} (codes). Refusals return FT_REFUSED
 * with the reason. */
int ft_declare(struct ft *ft, const struct ft_declaration *d,
	       enum ft_shape shape, ft_row_fn fn, void *arg,
	       struct ft_declare_outcome *out);

/* Advice on a No Intent note (the playbook asks for the reason, not "for
 * now", "currently" or "yet"); NULL when there is none. */
const char *ft_notes_advice(const char *notes);

/* The rules table, one row per scenario: table rows of labels, or JSON
 * objects with the codes and each column's source. */
int ft_rules(struct ft *ft, enum ft_shape shape, ft_row_fn fn, void *arg);

/* Open next actions, one row per service (customer x workload x action). */
int ft_actions(struct ft *ft, enum ft_shape shape, ft_row_fn fn, void *arg);

/* Records that the open next action of the service was done and clears it
 * on each of its entitlements. */
int ft_action_done(struct ft *ft, const char *customer, const char *workload);

struct ft_status_change {
	const char *customer;
	const char *workload;
	const char *subscription;	/* NULL: every subscription */
	const char *l1;			/* any L1 but no_intent */
	const char *l2;			/* NULL or an L2 of that L1 */
	const char *notes;		/* NULL: unchanged */
};

/* Sets the L1 (and L2, notes) of the service's entitlements; *changed is
 * how many changed. */
int ft_status_set(struct ft *ft, const struct ft_status_change *s,
		  int *changed);

#endif
