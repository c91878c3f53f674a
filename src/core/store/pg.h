/* What the PostgreSQL driver's files share. */
#ifndef FTRACK_PG_H
#define FTRACK_PG_H

#include <stdbool.h>

#include <libpq-fe.h>

#include "core.h"
#include "pg_lib.h"

/* libpq's functions, through the table pg_open() fills (pg_lib.h). */
#define PQclear (*pg_lib.PQclear)
#define PQconnectdb (*pg_lib.PQconnectdb)
#define PQdb (*pg_lib.PQdb)
#define PQenterPipelineMode (*pg_lib.PQenterPipelineMode)
#define PQerrorMessage (*pg_lib.PQerrorMessage)
#define PQexec (*pg_lib.PQexec)
#define PQexitPipelineMode (*pg_lib.PQexitPipelineMode)
#define PQfinish (*pg_lib.PQfinish)
#define PQfname (*pg_lib.PQfname)
#define PQfreemem (*pg_lib.PQfreemem)
#define PQftype (*pg_lib.PQftype)
#define PQgetResult (*pg_lib.PQgetResult)
#define PQgetisnull (*pg_lib.PQgetisnull)
#define PQgetvalue (*pg_lib.PQgetvalue)
#define PQnfields (*pg_lib.PQnfields)
#define PQntuples (*pg_lib.PQntuples)
#define PQpipelineSync (*pg_lib.PQpipelineSync)
#define PQprepare (*pg_lib.PQprepare)
#define PQresultErrorField (*pg_lib.PQresultErrorField)
#define PQresultStatus (*pg_lib.PQresultStatus)
#define PQsendQueryPrepared (*pg_lib.PQsendQueryPrepared)
#define PQsetNoticeProcessor (*pg_lib.PQsetNoticeProcessor)
#define PQsetSingleRowMode (*pg_lib.PQsetSingleRowMode)
#define PQstatus (*pg_lib.PQstatus)
#define PQunescapeBytea (*pg_lib.PQunescapeBytea)

/* A connection: libpq's, the last failure, the statements' names. */
struct pg_conn {
	PGconn *conn;
	PGresult *err;		/* the last failure, for fault() and message() */
	char message[512];
	int nstmt;
	struct pg_stmt *streaming;	/* whose rows are still coming */
	int sent;		/* statements sent in pipeline mode, unread */
	bool sent_failed;	/* one of them failed: the next call says so */
};


/* The table that holds the schema version (PRAGMA user_version's place),
 * made at 0 before the first migration. */
#define PG_VERSION_TABLE "CREATE TABLE ftrack_schema (id integer PRIMARY " \
	"KEY DEFAULT 1 CHECK (id = 1), version integer NOT NULL CHECK " \
	"(version >= 0)); INSERT INTO ftrack_schema VALUES (1, 0)"

/* Connects to the database conninfo names (a URL or keyword=value) and
 * migrates it (ft_open()'s contract; FT_OPEN_CREATE makes an empty database
 * ftrack's). */
int pg_open(struct ft **out, const char *conninfo, unsigned flags,
	    int busy_timeout_ms, char *err, size_t errlen);
/* libpq's connection behind ft. */
PGconn *pg_conn_of(struct ft *ft);
/* A notice processor that drops the server's notices. */
void pg_notice_ignore(void *arg, const char *message);
/* Tells the server the context's language: tr() reads it. */
int pg_set_lang(struct ft *ft);
/* The driver's checks and copy (driver.h). */
int pg_integrity(struct ft *ft, bool quick);
int pg_check_schema(struct ft *ft);
int pg_protections(struct ft *ft, struct ft_verify_report *r);
/* After init: the application role (ftrack_app, when it exists) may read
 * everything, write records, and only add to the audit tables. */
int pg_grant(struct ft *ft);

#endif
