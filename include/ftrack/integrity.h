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
	bool since;		/* ft_verify_since(): changesets and records
				 * are those since the digest */
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

/* The same, with SQLite's quick_check in place of integrity_check (the
 * b-trees' structure without matching each index to its table); on
 * PostgreSQL, which has no such check to run, the same as ft_verify(). */
int ft_verify_quick(struct ft *ft, const char *const *digests, int ndigests,
		    struct ft_verify_report *r);

/* Checks what changed after a digest (a line from ft_digest()), without
 * reading what came before it: the digest's change set holds the digest's
 * seal and is the count-th; it and every change set after it hash to their
 * seals, each chained from the one before; the records those change sets
 * touched, and the declarations they made, match their audit history; the
 * schema, rules and reference data are the migrations'; the id sequences
 * lie past the history. Not what changed before the digest and was not
 * touched since: that is ft_verify()'s. r->changesets: the change sets
 * after the digest's; r->records: the records they touched. FT_OK,
 * FT_DBERR naming the first thing that does not hold, FT_REFUSED for a
 * malformed digest. */
int ft_verify_since(struct ft *ft, const char *digest,
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
