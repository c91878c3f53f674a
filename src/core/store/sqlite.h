/* What the SQLite driver's files share. */
#ifndef FTRACK_SQLITE_H
#define FTRACK_SQLITE_H

#include <sqlite3.h>

#include "core.h"

struct db_check;

/* Opens and migrates the SQLite database at path (ft_open()'s contract). */
int sqlite_open(struct ft **out, const char *path, unsigned flags,
		int busy_timeout_ms, char *err, size_t errlen);
/* Registers the SQL functions ftrack's statements call: tr(), code_labels(),
 * the distinct aggregates, fold() and refuse(). */
int sqlite_register(struct ft *ft);
/* string_agg(), strpos(), greatest() and least(), as PostgreSQL has them
 * (sqlite_compat.c). */
int sqlite_compat_register(struct ft *ft);
/* fold() and refuse() alone, for a reference database (reference.c). */
int sqlite_register_fold(sqlite3 *db);

/* A file: URI for path, read-only and immutable (percent-encoding what a
 * URI would take otherwise); NULL when out of memory. */
char *sqlite_immutable_uri(const char *path);

/* The driver's checks and copy (driver.h). */
int sqlite_integrity(struct ft *ft, bool quick);
int sqlite_integrity_start(struct ft *ft, bool quick, struct db_check **job);
int sqlite_integrity_finish(struct ft *ft, struct db_check *job);
/* What an error of db means (driver.h's fault()). */
enum db_fault sqlite_fault(sqlite3 *db);
int sqlite_backup(struct ft *ft, const char *path);

#endif
