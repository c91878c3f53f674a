/* libpq, loaded when the first connection string is opened rather than
 * linked: a SQLite command never pays for loading it and the libraries it
 * pulls in (libssl, libcrypto, Kerberos, LDAP ...). The driver's files
 * call PQ* by their names through pg.h, which points them at this table. */
#ifndef FTRACK_PG_LIB_H
#define FTRACK_PG_LIB_H

#include <stddef.h>

#include <libpq-fe.h>

/* libpq's soname: its ABI has been 5 since PostgreSQL 8.0. */
#define PG_LIB_SONAME "libpq.so.5"

/* Every libpq function the driver calls. */
#define PG_LIB_CALLS(X) \
	X(PQclear) X(PQconnectdb) X(PQdb) X(PQenterPipelineMode) \
	X(PQerrorMessage) X(PQexec) X(PQexitPipelineMode) X(PQfinish) \
	X(PQfname) X(PQfreemem) X(PQftype) X(PQgetResult) X(PQgetisnull) \
	X(PQgetvalue) X(PQnfields) X(PQntuples) X(PQpipelineSync) \
	X(PQprepare) X(PQresultErrorField) X(PQresultStatus) \
	X(PQsendQueryPrepared) X(PQsetNoticeProcessor) \
	X(PQsetSingleRowMode) X(PQstatus) X(PQunescapeBytea)

#define PG_LIB_POINTER(f) __typeof__(f) *f;
struct pg_lib {
	PG_LIB_CALLS(PG_LIB_POINTER)
};
#undef PG_LIB_POINTER

/* The functions, once pg_lib_load() has succeeded. */
extern struct pg_lib pg_lib;

/* Loads libpq the first time (later calls return at once). FT_OK, or
 * FT_DBERR with one line in err naming the library and why. */
int pg_lib_load(char *err, size_t errlen);

#endif
