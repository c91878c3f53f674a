/* The playbook's rules: declarations, status changes, the rules tables,
 * next actions. Every change of an entitlement's status goes through the
 * rules tables (pages of scenarios) and the who_updates table. */
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
	const char *kickoff;		/* YYYY-MM-DD or an ISO 8601 time */
	bool dry_run;
};

struct ft_declare_outcome {
	int64_t declaration;	/* the stored declaration, 0 when none */
	int changed;		/* entitlements changed (or that would be) */
	int covered;		/* entitlements the declaration covers (those
				 * passed over as Duplicate/Invalid aside) */
};

/* Applies a declaration: finds each covered entitlement's scenario in the
 * rules table and sets its columns, all or nothing, with one change set;
 * keeps one L2 and one L3 per No Intent service (a different one given
 * changes every No Intent entitlement of the service); without a workload,
 * passes over Duplicate/Invalid entitlements (with a warning). With users
 * registered the actor must be the one who updates in the customer's
 * phase. With dry_run nothing is written. Then reports, unless fn is NULL: table
 * rows (Subscription,
 * Workload, Scenario, Column, Before, After; labels) or one JSON row
 * {"declaration", "entitlements": [{"subscription", "workload",
 * "scenario", "before", "after"}]} (codes). Refusals return FT_REFUSED
 * with the reason. */
int ft_declare(struct ft *ft, const struct ft_declaration *d,
	       enum ft_shape shape, ft_row_fn fn, void *arg,
	       struct ft_declare_outcome *out);

/* The code of the advice on a note (the message table: the playbook asks
 * for the reason, not "for now", "currently" or "yet"), NULL when there is
 * none. */
const char *ft_notes_advice(const char *notes);

/* The rules tables, one row per scenario of every page (No Intent,
 * Blocked, the status list): table rows of labels, or JSON objects with
 * the codes, each column's source, and who updates. */
int ft_rules(struct ft *ft, enum ft_shape shape, ft_row_fn fn, void *arg);

/* Who may update, one row per phase (the who_updates table): table rows
 * of labels, or JSON objects of codes. */
int ft_rules_updaters(struct ft *ft, enum ft_shape shape, ft_row_fn fn,
		      void *arg);

/* Which open next actions; NULL / false members do not filter. */
struct ft_actions_filter {
	bool mine;		/* the actor's customers: as their delivery FM,
				 * or, for an Assignment FM, those still in the
				 * assignment phase */
	const char *customer;
	bool overdue;		/* dated before today */
	const char *due_before;	/* dated before this date */
};

/* Open next actions, one row per service (customer x workload x action),
 * soonest first, overdue ones marked. f may be NULL. */
int ft_actions(struct ft *ft, const struct ft_actions_filter *f,
	       enum ft_shape shape, ft_row_fn fn, void *arg);

/* Records that the open next actions of the service (of subscription only,
 * when not NULL) were done and clears them; the actor must be one who
 * updates. */
int ft_action_done(struct ft *ft, const char *customer, const char *workload,
		   const char *subscription);

struct ft_status_change {
	const char *customer;
	const char *workload;		/* NULL: every workload */
	const char *subscription;	/* NULL: every subscription */
	const char *l1;			/* any L1 but no_intent */
	const char *l2;			/* NULL or an L2 of that L1 */
	const char *notes;		/* NULL: as the rule says */
	const char *l3;
	const char *engagement;		/* customer_led | partner_led */
	const char *next_action_date;	/* dates: YYYY-MM-DD or ISO 8601 */
	const char *target_date;
};

/* Sets the L1 of the service's entitlements (of every workload when
 * workload is NULL) through the rules tables' status-change scenarios (the
 * Blocked page's B1/B2, the status list's S1-S3), which say what each
 * column becomes; leaving No Intent clears what No Intent set. *changed is
 * how many changed. */
int ft_status_set(struct ft *ft, const struct ft_status_change *s,
		  int *changed);

#endif
