/* The No Intent summaries (migration 0023) checked against a recount. */
#ifndef FTRACK_NO_INTENT_SUMMARY_H
#define FTRACK_NO_INTENT_SUMMARY_H

#include "core.h"

/* Recounts the summaries from the entitlements inside the caller's read
 * transaction; the first row that differs fails with FT_DBERR, naming
 * it. */
int no_intent_summary_check(struct ft *ft);

#endif
