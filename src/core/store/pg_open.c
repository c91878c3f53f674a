/* Opening a PostgreSQL database: connecting, refusing a database that is
 * not ftrack's or is newer than this binary, and migrating under the
 * writer lock so that two ftracks migrating at once are safe. */
#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "driver.h"
#include "migrations.h"
#include "pg.h"
#include "seal.h"

/* An integer from a one-row query, or -1 (error recorded). */
static int64_t query_int(struct ft *ft, const char *sql)
{
	struct db_stmt *st = NULL;
	int64_t v = -1;

	if (db_prepare_text(ft, &st, sql) == FT_OK && db_step(ft, st) == DB_ROW)
		v = db_col_int(st, 0);
	db_release(st);
	return v;
}

/* The version the database's schema is at: 0 for an empty database
 * (init may make it ftrack's), -1 when it is not ftrack's. */
static int schema_version(struct ft *ft, bool create, int *version)
{
	int64_t has = query_int(ft, "SELECT CASE WHEN to_regclass("
				"'ftrack_schema') IS NULL THEN 0 ELSE 1 END");

	if (has < 0)
		return FT_DBERR;
	if (has == 1) {
		*version = (int)query_int(ft, "SELECT version FROM "
					  "ftrack_schema");
		return *version < 0 ? FT_DBERR : FT_OK;
	}
	if (query_int(ft, "SELECT count(*) FROM pg_class c JOIN pg_namespace "
		      "n ON n.oid = c.relnamespace WHERE n.nspname = "
		      "current_schema()") != 0)
		return ft_fail(ft, FT_DBERR, "database '%s' is a PostgreSQL "
			       "database but not an ftrack database; refusing "
			       "to touch it", PQdb(pg_conn_of(ft)));
	if (!create)
		return ft_fail(ft, FT_DBERR, "database '%s' holds no ftrack "
			       "database yet; create it with 'ftrack --db "
			       "<connection> init'", PQdb(pg_conn_of(ft)));
	*version = 0;
	return FT_OK;
}

static int apply_migrations(struct ft *ft, bool create)
{
	int version = 0, rc = db_begin_write(ft);

	/* read again under the lock: another ftrack may have migrated */
	if (rc == FT_OK)
		rc = schema_version(ft, create, &version);
	if (rc == FT_OK && version == 0)
		rc = db_exec(ft, PG_VERSION_TABLE);
	for (; rc == FT_OK && version < ft_pg_migration_count; version++) {
		rc = db_exec(ft, ft_pg_migrations[version].sql);
		if (rc == FT_OK)
			rc = seal_after_migration(ft,
					ft_pg_migrations[version].name);
		if (rc != FT_OK) {
			char why[sizeof ft->err];

			snprintf(why, sizeof why, "%s", ft->err);
			ft_fail(ft, rc, "cannot apply migration %s: %s",
				ft_pg_migrations[version].name, why);
		}
	}
	if (rc == FT_OK) {
		char sql[64];

		snprintf(sql, sizeof sql, "UPDATE ftrack_schema SET version "
			 "= %d", version);
		rc = db_exec(ft, sql);
	}
	/* every migration may add tables: the grants are made anew */
	if (rc == FT_OK)
		rc = pg_grant(ft);
	return db_end_write(ft, rc);
}

/* Refuses what is not ftrack's or is newer; migrates what is older. The
 * usual case, up to date, takes no lock. */
static int migrate(struct ft *ft, bool create)
{
	int version = 0, rc = schema_version(ft, create, &version);

	if (rc != FT_OK)
		return rc;
	if (version > ft_pg_migration_count)
		return ft_fail(ft, FT_DBERR, "database '%s' has schema version "
			       "%d, newer than this ftrack (%d); use a newer "
			       "ftrack", PQdb(pg_conn_of(ft)), version,
			       ft_pg_migration_count);
	if (version == ft_pg_migration_count)
		return FT_OK;
	return apply_migrations(ft, create);
}

/* The first line of libpq's message, without the connection string. */
static void connect_error(PGconn *conn, char *err, size_t errlen)
{
	const char *msg = conn ? PQerrorMessage(conn) : "out of memory";

	snprintf(err, errlen, "cannot connect to the PostgreSQL database: "
		 "%.*s", (int)strcspn(msg, "\n"), msg);
}

int pg_open(struct ft **out, const char *conninfo, unsigned flags,
	    int busy_timeout_ms, char *err, size_t errlen)
{
	struct ft *ft;
	struct pg_conn *pc;
	char sql[160];
	int rc;

	*out = NULL;
	/* libpq is loaded here, by the first connection string */
	if (pg_lib_load(err, errlen) != FT_OK)
		return FT_DBERR;
	ft = calloc(1, sizeof *ft);
	pc = calloc(1, sizeof *pc);
	if (ft == NULL || pc == NULL) {
		free(ft);
		free(pc);
		snprintf(err, errlen, "out of memory");
		return FT_DBERR;
	}
	ft->drv = &db_pg;
	ft->conn = pc;
	ft->busy_timeout_ms = busy_timeout_ms;
	pc->conn = PQconnectdb(conninfo);
	if (pc->conn == NULL || PQstatus(pc->conn) != CONNECTION_OK) {
		connect_error(pc->conn, err, errlen);
		ft_close(ft);
		return FT_DBERR;
	}
	/* the busy timeout bounds every wait for a lock; text as UTF-8;
	 * notices (NOTICE, WARNING) are the server's, not the user's */
	PQsetNoticeProcessor(pc->conn, pg_notice_ignore, NULL);
	snprintf(sql, sizeof sql, "SET client_encoding = 'UTF8'; "
		 "SET lock_timeout = %d; SET application_name = 'ftrack'",
		 busy_timeout_ms > 0 ? busy_timeout_ms : 1);
	rc = db_exec(ft, sql);
	if (rc == FT_OK)
		rc = pg_set_lang(ft);
	if (rc == FT_OK)
		rc = migrate(ft, (flags & FT_OPEN_CREATE) != 0);
	if (rc == FT_OK)
		ft->seal_ready = 1;
	if (rc != FT_OK) {
		snprintf(err, errlen, "%s", ft->err);
		ft_close(ft);
		return rc;
	}
	*out = ft;
	return FT_OK;
}
