/* Trusting the history: verifying the hash chain and the records against
 * the audit, anchoring it with a digest, and backing the database up. */
#ifndef FTRACK_INTEGRITY_H
#define FTRACK_INTEGRITY_H

#include <stddef.h>
#include <stdint.h>

#include "ftrack.h"

struct ft_verify_report {
	int64_t changesets;	/* change sets whose seals were recomputed */
	int64_t records;	/* records replayed against the audit */
	int digests;		/* digests that hold */
	/* what keeps the history from being rewritten: a text key
	 * (msg.protect_*) and what it names, in order */
	const char *protection;
	char protection_args[3][64];
};

/* Checks everything a local check can: SQLite's integrity_check and
 * foreign_key_check; the schema, rules and reference data against what the
 * migrations make; the hash chain (every change set sealed, in order); and
 * a replay of the audit against every record. With digests (lines from
 * ft_digest(), kept elsewhere), also proves that the history up to each is
 * the one it was taken of. FT_OK when all holds; FT_DBERR naming the first
 * thing that does not; FT_REFUSED for a malformed digest. */
int ft_verify(struct ft *ft, const char *const *digests, int ndigests,
	      struct ft_verify_report *r);

/* One line for the history as it stands: when it was taken, the number of
 * change sets, and the chain's hash ("2026-03-27T10:00:00Z 42 change sets
 * sha256:HEX"), into out (at least 128 bytes). */
int ft_digest(struct ft *ft, char *out, size_t outlen);

/* Writes a consistent copy of the database to path (which must not exist),
 * a SQLite file, while others go on writing: on SQLite with its online
 * backup API, on PostgreSQL as ft_copy() into a new file (the same
 * history: it verifies with the same digest). */
int ft_backup(struct ft *ft, const char *path);

struct ft_copy_report {
	int64_t changesets;	/* change sets copied, with their seals */
	int64_t records;	/* users, customers, subscriptions and
				 * entitlements copied */
};

/* Copies the database of ft, one snapshot of it, into target: a new
 * ftrack database of either engine (a SQLite path that does not exist
 * yet, or a PostgreSQL connection string naming an empty database, see
 * ft_is_conninfo()), which it creates and migrates. The copy holds the
 * same records under the same ids, the same audit history (the seals
 * copied, not made anew) and the same id sequences: it verifies, and its
 * digest is the original's. All or nothing. FT_OK; FT_REFUSED when target
 * exists (a path) or holds records or change sets; FT_DBERR when it cannot
 * be opened or written. */
int ft_copy(struct ft *ft, const char *target, struct ft_copy_report *r);

#endif
