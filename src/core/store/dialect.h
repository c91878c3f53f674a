/* The statements whose SQL differs between SQLite and PostgreSQL, by name:
 * the one place each difference lives. */
#ifndef FTRACK_DIALECT_H
#define FTRACK_DIALECT_H

#include "core.h"

enum db_dialect_sql {
	SQL_SEQUENCE_BEHIND,	/* verify: name, used of a sequence behind */
	SQL_SEQUENCES_READ,	/* copy: name, seq of each table's sequence */
	SQL_SEQUENCE_FORGET,	/* copy: drop :name's */
	SQL_SEQUENCE_KEEP,	/* copy: set :name's to :seq */
	SQL_CHANGESETS_LISTED,	/* verify: at, who, role of the change sets
				 * :ids lists (a JSON array), by position */
	SQL_IDS_LISTED,		/* verify: the ids :ids lists (a JSON
				 * array), as a subquery's one column */
};

/* The statement's text for ft's engine (a literal: db_prepare() keeps it). */
const char *db_dialect(struct ft *ft, enum db_dialect_sql which);

#endif
