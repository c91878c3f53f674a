/* The hash chain over the audit history. */
#ifndef FTRACK_SEAL_H
#define FTRACK_SEAL_H

#include <stdbool.h>

#include "core.h"

#define SEAL_BYTES 32

/* Seals the change sets this write transaction wrote (from
 * ft->tx_changeset on), in id order: each hash (format 2) is SHA-256 over
 * the previous hash, the change set's fields, its declaration's and its
 * changes. Format 1, before migration 0010, had no declaration. Called by db_end_write()
 * just before the commit, and only there. Refuses (FT_DBERR, naming it)
 * when an older change set has no seal, rather than sealing it. */
int seal_pending(struct ft *ft);

/* Called by migrate() after each migration, in its transaction. After the
 * one that introduces the seals (0006_audit_seal) it seals the history an
 * older ftrack wrote, once: the only place where change sets are sealed
 * other than by the commit that writes them. FT_OK or FT_DBERR. */
int seal_after_migration(struct ft *ft, const char *migration);

/* Recomputes the chain from the first change set up to last (0: all) and
 * compares it with the stored seals. *bad is the first change set that
 * does not match (0 when all do), *missing true when it has no seal at
 * all; *count the change sets checked; the hash of last (or of the newest)
 * in hash. */
int seal_check(struct ft *ft, int64_t last, int64_t *bad, bool *missing,
	       int64_t *count, unsigned char hash[SEAL_BYTES]);

/* The same from the change set after `after` on, chained from prev, the
 * stored seal of `after` (zeros when after is 0), sealed in prev_format:
 * the chain since a digest, without reading what came before it. */
int seal_check_since(struct ft *ft, int64_t after,
		     const unsigned char prev[SEAL_BYTES], int prev_format,
		     int64_t *bad, bool *missing, int64_t *count,
		     unsigned char hash[SEAL_BYTES]);

#endif
