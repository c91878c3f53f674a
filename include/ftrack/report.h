/* What 'ftrack report' shows, gathered for the command line to draw: the
 * scope, the No Intent figures, the accounts, the open next actions and the
 * latest changes. Duplicate/Invalid entitlements count in no figure. Texts
 * are in the context's language. */
#ifndef FTRACK_REPORT_H
#define FTRACK_REPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ftrack.h"
#include "text.h"

/* NULL members do not narrow. customer narrows every section; since (an
 * ISO 8601 date or timestamp) narrows the declarations per month and the
 * latest changes. */
struct ft_report_filter {
	const char *customer;
	const char *since;
};

/* What the report covers, and when it was made. */
struct ft_report_scope {
	char generated[21];	/* the clock (FTRACK_NOW), ISO 8601 UTC */
	char today[11];		/* its day: an action dated before is overdue */
	char customer[FT_NAME_MAX + 1];	/* as stored, "" for all */
	char since[21];		/* the --since bound, "" for none */
	int64_t customers;	/* but those wholly Duplicate/Invalid */
	int64_t services;	/* customer x workload, Duplicate/Invalid aside */
	int64_t no_intent_services;
};

/* Fills *scope for f; FT_REFUSED for an unknown customer or a bad date. */
int ft_report_scope(struct ft *ft, const struct ft_report_filter *f,
		    struct ft_report_scope *scope);

/* One bar of a chart: a key (an L2 code, a workload name, a month as
 * YYYY-MM), its label in the context's language, and its value. */
struct ft_report_bar {
	char *key;
	char *label;
	int64_t value;
};

struct ft_report_chart {
	struct ft_report_bar *bars;
	size_t n;
};

enum ft_report_chart_kind {
	FT_REPORT_BY_L2,	/* No Intent services per No Intent L2, every
				 * L2 of the catalogue in its order, 0 too */
	FT_REPORT_BY_WORKLOAD,	/* No Intent services per workload that has
				 * any, most first */
	FT_REPORT_BY_MONTH	/* No Intent declarations per month, from the
				 * first month with one to this month, months
				 * without one as 0 */
};

/* Fills *chart with the bars of kind for f; free it with
 * ft_report_chart_free() (also after a failure). */
int ft_report_chart(struct ft *ft, const struct ft_report_filter *f,
		    enum ft_report_chart_kind kind,
		    struct ft_report_chart *chart);
void ft_report_chart_free(struct ft_report_chart *chart);

/* An account whose every workload is No Intent (as 'no-intent --accounts'
 * says "all workloads"). */
struct ft_report_account {
	const char *customer;
	const char *tenant;		/* NULL for none */
	int64_t services;		/* its No Intent services */
	const char *l2s;		/* their L2s' labels, comma-separated */
};
typedef int (*ft_report_account_fn)(void *arg,
				    const struct ft_report_account *a);

/* Calls fn for each such account of f, by name; fn's non-FT_OK status
 * stops and is returned. */
int ft_report_accounts(struct ft *ft, const struct ft_report_filter *f,
		       ft_report_account_fn fn, void *arg);

/* An open next action of a service (customer x workload x action). */
struct ft_report_action {
	const char *customer;
	const char *workload;
	const char *subscriptions;	/* comma-separated */
	const char *action;		/* its label */
	const char *date;		/* YYYY-MM-DD, NULL for TBD */
	bool overdue;			/* dated before today */
};
typedef int (*ft_report_action_fn)(void *arg,
				   const struct ft_report_action *a);

/* Calls fn for each open next action of f, soonest first (TBD last). */
int ft_report_actions(struct ft *ft, const struct ft_report_filter *f,
		      ft_report_action_fn fn, void *arg);

/* A change set of the audit history. */
struct ft_report_change {
	int64_t id;
	const char *at;		/* ISO 8601 UTC */
	const char *who;
	const char *what;	/* in the context's language */
};
typedef int (*ft_report_change_fn)(void *arg,
				   const struct ft_report_change *c);

/* Calls fn for the limit newest change sets of f, newest first. */
int ft_report_changes(struct ft *ft, const struct ft_report_filter *f,
		      int limit, ft_report_change_fn fn, void *arg);

/* Calls fn(arg, code, text) for each of the report's texts (the report.*
 * keys of the text table, and 'overdue' and 'tbd' as every command shows
 * them: ui.overdue, ui.tbd) in the context's language. */
typedef int (*ft_report_text_fn)(void *arg, const char *code,
				 const char *text);
int ft_report_texts(struct ft *ft, ft_report_text_fn fn, void *arg);

#endif
