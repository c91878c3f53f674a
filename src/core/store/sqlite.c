/* The SQLite driver: a file, one connection per context, used by one
 * thread. Statements are SQLite's own; "BEGIN IMMEDIATE" is the writer
 * lock. */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "db.h"
#include "driver.h"
#include "reference.h"
#include "sqlite.h"
#include "ftrack/ftrack.h"

struct lite_stmt {
	struct db_stmt base;
	sqlite3_stmt *st;
};

#define LITE(s) (((struct lite_stmt *)(s))->st)
#define CONN(ft) ((sqlite3 *)(ft)->conn)

static int lite_prepare(struct ft *ft, const char *sql, struct db_stmt **out)
{
	struct lite_stmt *s = calloc(1, sizeof *s);

	*out = NULL;
	if (s == NULL)
		return FT_DBERR;
	if (sqlite3_prepare_v3(CONN(ft), sql, -1, SQLITE_PREPARE_PERSISTENT,
			       &s->st, NULL) != SQLITE_OK) {
		sqlite3_finalize(s->st);
		free(s);
		return FT_DBERR;
	}
	s->base.drv = &db_sqlite;
	s->base.sql = sql;
	*out = &s->base;
	return FT_OK;
}

static void lite_finalize(struct db_stmt *st)
{
	sqlite3_finalize(LITE(st));
	free(st);
}

static void lite_reset(struct db_stmt *st)
{
	sqlite3_reset(LITE(st));
	sqlite3_clear_bindings(LITE(st));
}

static int lite_bind(struct ft *ft, struct db_stmt *st, const char *name,
		     const char *text, const void *bytes, size_t len)
{
	int i = sqlite3_bind_parameter_index(LITE(st), name), rc;

	if (i == 0)
		return -1;
	if (bytes != NULL)
		rc = sqlite3_bind_blob(LITE(st), i, bytes, (int)len,
				       SQLITE_TRANSIENT);
	else if (text != NULL)
		rc = sqlite3_bind_text(LITE(st), i, text, -1, SQLITE_TRANSIENT);
	else
		rc = sqlite3_bind_null(LITE(st), i);
	return rc == SQLITE_OK ? 0 : -2;
}

static int lite_bind_int(struct ft *ft, struct db_stmt *st, const char *name,
			 int64_t value)
{
	int i = sqlite3_bind_parameter_index(LITE(st), name);

	if (i == 0)
		return -1;
	return sqlite3_bind_int64(LITE(st), i, value) == SQLITE_OK ? 0 : -2;
}

static bool lite_has_param(struct db_stmt *st, const char *name)
{
	return sqlite3_bind_parameter_index(LITE(st), name) != 0;
}

static int lite_step(struct ft *ft, struct db_stmt *st)
{
	int rc = sqlite3_step(LITE(st));

	return rc == SQLITE_ROW ? DB_ROW : rc == SQLITE_DONE ? DB_DONE : -1;
}

static int lite_ncols(struct db_stmt *st)
{
	return sqlite3_column_count(LITE(st));
}

static const char *lite_col_name(struct db_stmt *st, int i)
{
	return sqlite3_column_name(LITE(st), i);
}

static const char *lite_col_text(struct db_stmt *st, int i)
{
	return (const char *)sqlite3_column_text(LITE(st), i);
}

/* read as an integer: no text made of it on every read */
static int64_t lite_col_int(struct db_stmt *st, int i)
{
	return sqlite3_column_int64(LITE(st), i);
}

static bool lite_col_null(struct db_stmt *st, int i)
{
	return sqlite3_column_type(LITE(st), i) == SQLITE_NULL;
}

static enum db_kind lite_col_kind(struct db_stmt *st, int i)
{
	switch (sqlite3_column_type(LITE(st), i)) {
	case SQLITE_NULL:
		return DB_NULL;
	case SQLITE_INTEGER:
		return DB_INT;
	default:
		return DB_TEXT;
	}
}

static const void *lite_col_bytes(struct db_stmt *st, int i, size_t *len)
{
	const void *p = sqlite3_column_blob(LITE(st), i);

	*len = (size_t)sqlite3_column_bytes(LITE(st), i);
	return p;
}

static int lite_exec(struct ft *ft, const char *sql)
{
	return sqlite3_exec(CONN(ft), sql, NULL, NULL, NULL) == SQLITE_OK
	       ? FT_OK : FT_DBERR;
}

/* Milliseconds since an arbitrary start. */
static int64_t now_ms(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (int64_t)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

static int lite_begin_write(struct ft *ft)
{
	int64_t deadline = now_ms() + ft->busy_timeout_ms;

	/* A write's statement journals (an import's savepoint a row) in
	 * memory: in a temporary file they cost a write per page touched
	 * (measured: 27 a row). Set outside the transaction, where SQLite
	 * allows it. */
	if (sqlite3_exec(CONN(ft), "PRAGMA temp_store = MEMORY", NULL, NULL,
			 NULL) != SQLITE_OK)
		return db_error(ft, "'PRAGMA temp_store'");
	/* SQLite's busy handler waits for the write lock, but in WAL mode
	 * BEGIN IMMEDIATE can also meet a lock it does not wait for (another
	 * connection recovering or resetting the WAL): seen with 8 writers.
	 * Retry those until the same timeout. */
	while (sqlite3_exec(CONN(ft), "BEGIN IMMEDIATE", NULL, NULL, NULL)
	       != SQLITE_OK) {
		int code = sqlite3_errcode(CONN(ft));

		if ((code != SQLITE_BUSY && code != SQLITE_LOCKED) ||
		    now_ms() >= deadline)
			return db_error(ft, "'BEGIN IMMEDIATE'");
		sqlite3_sleep(5 + (int)(now_ms() % 20));
	}
	return FT_OK;
}

static int lite_commit(struct ft *ft)
{
	return db_exec(ft, "COMMIT");
}

static void lite_rollback(struct ft *ft)
{
	sqlite3_exec(CONN(ft), "ROLLBACK", NULL, NULL, NULL);
}

/* A read's sorts (verify groups every record and change) spill to a
 * temporary file, so that its memory stays flat whatever the size (verify
 * at 1M entitlements: 62.6 MiB peak with them in memory, 24.1 MiB). */
static int lite_begin_read(struct ft *ft)
{
	int rc = db_exec(ft, "PRAGMA temp_store = FILE");

	return rc == FT_OK ? db_exec(ft, "BEGIN") : rc;
}

static void lite_end_read(struct ft *ft)
{
	sqlite3_exec(CONN(ft), "COMMIT", NULL, NULL, NULL);
}

static enum db_fault lite_fault(struct ft *ft)
{
	return sqlite_fault(CONN(ft));
}

enum db_fault sqlite_fault(sqlite3 *db)
{
	switch (sqlite3_extended_errcode(db)) {
	case SQLITE_CONSTRAINT_UNIQUE:
	case SQLITE_CONSTRAINT_PRIMARYKEY:
		return DB_FAULT_UNIQUE;
	default:
		break;
	}
	switch (sqlite3_errcode(db)) {
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return DB_FAULT_BUSY;
	case SQLITE_CONSTRAINT:
		return DB_FAULT_CONSTRAINT;
	case SQLITE_READONLY:
	case SQLITE_CANTOPEN:
	case SQLITE_PERM:
		return DB_FAULT_READONLY;
	case SQLITE_NOTADB:
		return DB_FAULT_NOTADB;
	default:
		return DB_FAULT_OTHER;
	}
}

static const char *lite_message(struct ft *ft)
{
	return sqlite3_errmsg(CONN(ft));
}

/* "UNIQUE constraint failed: T.C, …": T.C */
static const char *lite_fault_key(struct ft *ft)
{
	static const char head[] = "UNIQUE constraint failed: ";
	const char *msg = sqlite3_errmsg(CONN(ft));

	if (strncmp(msg, head, sizeof head - 1) != 0)
		return "";
	msg += sizeof head - 1;
	snprintf(ft->fault_key, sizeof ft->fault_key, "%.*s",
		 (int)strcspn(msg, ", "), msg);
	return ft->fault_key;
}

/* A file protects itself with triggers and seals only. */
static int lite_protections(struct ft *ft, struct ft_verify_report *r)
{
	(void)ft;
	r->protection = "msg.protect_file";
	return FT_OK;
}

static void lite_close(struct ft *ft)
{
	sqlite3_close(CONN(ft));
	ft->conn = NULL;
}

const struct db_driver db_sqlite = {
	.name = "sqlite",
	.prepare = lite_prepare,
	.finalize = lite_finalize,
	.reset = lite_reset,
	.bind = lite_bind,
	.bind_int = lite_bind_int,
	.has_param = lite_has_param,
	.step = lite_step,
	.queue = NULL,	/* each statement runs at once */
	.sync = NULL,
	.ncols = lite_ncols,
	.col_name = lite_col_name,
	.col_text = lite_col_text,
	.col_int = lite_col_int,
	.col_null = lite_col_null,
	.col_kind = lite_col_kind,
	.col_bytes = lite_col_bytes,
	.exec = lite_exec,
	.begin_write = lite_begin_write,
	.commit = lite_commit,
	.rollback = lite_rollback,
	.begin_read = lite_begin_read,
	.end_read = lite_end_read,
	.fault = lite_fault,
	.message = lite_message,
	.fault_key = lite_fault_key,
	.integrity = sqlite_integrity,
	.integrity_start = sqlite_integrity_start,
	.integrity_finish = sqlite_integrity_finish,
	.check_schema = reference_verify,
	.protections = lite_protections,
	.backup = sqlite_backup,
	.close = lite_close,
};

const char *ft_sqlite_version(void)
{
	return sqlite3_libversion();
}

struct sqlite3 *ft_sqlite(struct ft *ft)
{
	return ft->drv == &db_sqlite ? ft->conn : NULL;
}
