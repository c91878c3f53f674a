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
};

/* Runs SQLite's integrity_check and foreign_key_check, recomputes the hash
 * chain, and replays the audit against the current state of every record.
 * With digest (a line from ft_digest()), also proves that the history up
 * to that change set is the one the digest was taken of. FT_OK when all
 * holds; FT_DBERR naming the first change set or record that does not. */
int ft_verify(struct ft *ft, const char *digest, struct ft_verify_report *r);

/* The newest change set's id and chain hash as one line
 * ("changeset N sha256:HEX") into out (at least 96 bytes). */
int ft_digest(struct ft *ft, char *out, size_t outlen);

/* Writes a consistent copy of the database to path (which must not exist)
 * with SQLite's online backup API, while others go on writing. */
int ft_backup(struct ft *ft, const char *path);

#endif
