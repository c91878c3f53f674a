/* The hash chain over the audit history. */
#ifndef FTRACK_SEAL_H
#define FTRACK_SEAL_H

#include <stdbool.h>

#include "core.h"

#define SEAL_BYTES 32

/* Seals every change set written since the last seal, in id order: each
 * hash is SHA-256 over the previous hash, the change set's fields and its
 * changes. Called before a write transaction commits. */
int seal_pending(struct ft *ft);

/* Recomputes the chain from the first change set up to last (0: all) and
 * compares it with the stored seals. *bad is the first change set that
 * does not match (0 when all do); *count the change sets checked; the hash
 * of last (or of the newest) in hash. */
int seal_check(struct ft *ft, int64_t last, int64_t *bad, int64_t *count,
	       unsigned char hash[SEAL_BYTES]);

#endif
