/* The No Intent summaries (migration 0023) checked against a recount. */
#ifndef FTRACK_NO_INTENT_SUMMARY_H
#define FTRACK_NO_INTENT_SUMMARY_H

#include "core.h"

/* Recounts the summaries from the entitlements inside the caller's read
 * transaction; the first row that differs fails with FT_DBERR, naming
 * it. */
int no_intent_summary_check(struct ft *ft);

/* What `no-intent` shows of one No Intent entitlement, a member of a
 * no_intent_shown row: its subscription's code, l2, l3, notes, declared
 * at, declared by, validated with, next action (NULL for none). */
enum { SHOWN_FIELDS = 8 };

/* Calls fn with the SHOWN_FIELDS values of each entitlement of a
 * no_intent_shown row (json, as either engine writes it), in order: 1
 * when all were read, 0 when json is malformed, -1 when out of memory or
 * fn gave false. */
int no_intent_shown_each(const char *json,
			 bool (*fn)(void *arg, const char *const *v),
			 void *arg);

#endif
