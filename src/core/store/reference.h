/* The schema and reference data the embedded migrations build, in a
 * database of their own: what a database ftrack wrote must match. */
#ifndef FTRACK_REFERENCE_H
#define FTRACK_REFERENCE_H

#include "sqlite.h"

/* Applies the first upto embedded migrations to a new in-memory database
 * into *out (to close with sqlite3_close()). FT_OK, or FT_DBERR with *out
 * NULL. */
int reference_build(int upto, sqlite3 **out);

/* Compares what only the migrations write — the schema (every table,
 * index and trigger), the rules and reference tables, the seeded
 * workloads — with the database's: FT_OK when they are the same, FT_DBERR
 * naming the first difference. Call outside a transaction (it attaches a
 * database). */
int reference_verify(struct ft *ft);

#endif
