#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <string.h>

#include "db.h"
#include "seal.h"

int db_error(struct ft *ft, const char *what)
{
	int code = sqlite3_errcode(ft->db);
	const char *file;

	if (code == SQLITE_BUSY || code == SQLITE_LOCKED)
		return ft_fail(ft, FT_DBERR,
			       "database is locked by another writer (%s); "
			       "try again or raise --busy-timeout", what);
	if (code == SQLITE_NOTADB && (file = sqlite3_db_filename(ft->db,
							"main")) && *file)
		return ft_fail(ft, FT_DBERR, "'%s' is not a SQLite database",
			       file);
	if (code == SQLITE_NOTADB)
		return ft_fail(ft, FT_DBERR, "the file is not a SQLite database");
	if (code == SQLITE_READONLY && ft->readonly_why[0] != '\0')
		return ft_fail(ft, FT_DBERR, "cannot write the database: %s",
			       ft->readonly_why);
	if (code == SQLITE_READONLY || code == SQLITE_CANTOPEN ||
	    code == SQLITE_PERM)
		return ft_fail(ft, FT_DBERR, "cannot write the database: %s",
			       sqlite3_errmsg(ft->db));
	return ft_fail(ft, FT_DBERR, "database error in %s: %s", what,
		       sqlite3_errmsg(ft->db));
}

struct db_cache {
	const char *sql;
	sqlite3_stmt *st;
	char *owned;	/* the key's copy, for SQL assembled at run time */
};

static int prepare_cached(struct ft *ft, sqlite3_stmt **st, const char *sql,
			  bool by_text)
{
	struct db_cache *grown;
	char *owned = NULL;

	*st = NULL;
	ft->bind_failed = 0;
	for (int i = 0; i < ft->ncache; i++) {
		if (by_text ? ft->cache[i].owned != NULL &&
			      strcmp(ft->cache[i].owned, sql) == 0
			    : ft->cache[i].sql == sql) {
			*st = ft->cache[i].st;
			sqlite3_reset(*st);
			sqlite3_clear_bindings(*st);
			return FT_OK;
		}
	}
	grown = realloc(ft->cache, (size_t)(ft->ncache + 1) * sizeof *grown);
	if (grown == NULL)
		return ft_fail(ft, FT_DBERR, "out of memory");
	ft->cache = grown;
	if (sqlite3_prepare_v3(ft->db, sql, -1, SQLITE_PREPARE_PERSISTENT, st,
			       NULL) != SQLITE_OK) {
		char what[80];

		snprintf(what, sizeof what, "'%.60s'", sql);
		return db_error(ft, what);
	}
	if (by_text && (owned = strdup(sql)) == NULL) {
		sqlite3_finalize(*st);
		*st = NULL;
		return ft_fail(ft, FT_DBERR, "out of memory");
	}
	ft->cache[ft->ncache].sql = by_text ? owned : sql;
	ft->cache[ft->ncache].st = *st;
	ft->cache[ft->ncache].owned = owned;
	ft->ncache++;
	return FT_OK;
}

int db_prepare(struct ft *ft, sqlite3_stmt **st, const char *sql)
{
	return prepare_cached(ft, st, sql, false);
}

int db_prepare_text(struct ft *ft, sqlite3_stmt **st, const char *sql)
{
	return prepare_cached(ft, st, sql, true);
}

void db_release(sqlite3_stmt *st)
{
	if (st != NULL)
		sqlite3_reset(st);
}

void db_cache_clear(struct ft *ft)
{
	for (int i = 0; i < ft->ncache; i++) {
		sqlite3_finalize(ft->cache[i].st);
		free(ft->cache[i].owned);
	}
	free(ft->cache);
	ft->cache = NULL;
	ft->ncache = 0;
}

static int param_index(struct ft *ft, sqlite3_stmt *st, const char *param)
{
	int i = sqlite3_bind_parameter_index(st, param);

	if (i == 0 && !ft->bind_failed) {
		ft->bind_failed = 1;
		ft_fail(ft, FT_DBERR, "internal error: no parameter %s in '%.60s'",
			param, sqlite3_sql(st));
	}
	return i;
}

static void bind_result(struct ft *ft, int rc)
{
	if (rc != SQLITE_OK && !ft->bind_failed) {
		ft->bind_failed = 1;
		db_error(ft, "bind");
	}
}

void db_bind_text(struct ft *ft, sqlite3_stmt *st, const char *param,
		  const char *text)
{
	int i = param_index(ft, st, param);

	if (i == 0)
		return;
	bind_result(ft, text == NULL ? sqlite3_bind_null(st, i)
			: sqlite3_bind_text(st, i, text, -1, SQLITE_TRANSIENT));
}

void db_bind_int(struct ft *ft, sqlite3_stmt *st, const char *param,
		 int64_t value)
{
	int i = param_index(ft, st, param);

	if (i != 0)
		bind_result(ft, sqlite3_bind_int64(st, i, value));
}

void db_bind_id(struct ft *ft, sqlite3_stmt *st, const char *param,
		int64_t id)
{
	int i = param_index(ft, st, param);

	if (i != 0)
		bind_result(ft, id > 0 ? sqlite3_bind_int64(st, i, id)
				       : sqlite3_bind_null(st, i));
}

int db_step(struct ft *ft, sqlite3_stmt *st)
{
	int rc;

	if (ft->bind_failed)
		return -1;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW || rc == SQLITE_DONE)
		return rc;
	db_error(ft, "query");
	return -1;
}

int db_run(struct ft *ft, sqlite3_stmt *st)
{
	return db_step(ft, st) == SQLITE_DONE ? FT_OK : FT_DBERR;
}

int db_exec(struct ft *ft, const char *sql)
{
	if (sqlite3_exec(ft->db, sql, NULL, NULL, NULL) != SQLITE_OK) {
		char what[80];

		snprintf(what, sizeof what, "'%.60s'", sql);
		return db_error(ft, what);
	}
	return FT_OK;
}

int db_exec_kept(struct ft *ft, const char *sql)
{
	sqlite3_stmt *st = NULL;
	int rc = db_prepare(ft, &st, sql);

	if (rc == FT_OK) {
		rc = db_run(ft, st);
		db_release(st);
	}
	return rc;
}

/* Milliseconds since an arbitrary start. */
static int64_t now_ms(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (int64_t)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

int db_begin_write(struct ft *ft)
{
	if (ft->write_depth == 0) {
		int64_t deadline = now_ms() + ft->busy_timeout_ms;

		/* SQLite's busy handler waits for the write lock, but in WAL
		 * mode BEGIN IMMEDIATE can also meet a lock it does not wait
		 * for (another connection recovering or resetting the WAL):
		 * seen with 8 writers. Retry those until the same timeout. */
		while (sqlite3_exec(ft->db, "BEGIN IMMEDIATE", NULL, NULL, NULL)
		       != SQLITE_OK) {
			int code = sqlite3_errcode(ft->db);

			if ((code != SQLITE_BUSY && code != SQLITE_LOCKED) ||
			    now_ms() >= deadline)
				return db_error(ft, "'BEGIN IMMEDIATE'");
			sqlite3_sleep(5 + (int)(now_ms() % 20));
		}
		ft->write_failed = 0;
		ft->tx_changeset = 0;
	}
	ft->write_depth++;
	return FT_OK;
}

int db_end_write(struct ft *ft, int rc)
{
	if (rc != FT_OK)
		ft->write_failed = 1;
	if (--ft->write_depth > 0)
		return rc;
	if (!ft->write_failed) {
		/* The change sets of this transaction are sealed with it, and
		 * only those: nothing else ever seals. */
		rc = ft->seal_ready && ft->tx_changeset != 0 ? seal_pending(ft)
							      : FT_OK;
		ft->tx_changeset = 0;
		if (rc == FT_OK)
			rc = db_exec(ft, "COMMIT");
		if (rc == FT_OK)
			return FT_OK;
	}
	ft->tx_changeset = 0;
	/* Keep the first error: ROLLBACK's own message is of no use. */
	sqlite3_exec(ft->db, "ROLLBACK", NULL, NULL, NULL);
	return rc != FT_OK ? rc : FT_DBERR;
}

const char *db_col_text(sqlite3_stmt *st, int i)
{
	return (const char *)sqlite3_column_text(st, i);
}

int64_t db_col_int(sqlite3_stmt *st, int i)
{
	return sqlite3_column_int64(st, i);
}

bool db_col_null(sqlite3_stmt *st, int i)
{
	return sqlite3_column_type(st, i) == SQLITE_NULL;
}

int db_emit_row(sqlite3_stmt *st, ft_row_fn fn, void *arg)
{
	enum { MAXCOL = 32 };
	const char *names[MAXCOL], *values[MAXCOL];
	int n = sqlite3_column_count(st);

	if (n > MAXCOL)
		n = MAXCOL;
	for (int i = 0; i < n; i++) {
		names[i] = sqlite3_column_name(st, i);
		values[i] = db_col_text(st, i);
	}
	return fn(arg, n, names, values);
}

int db_emit_all_named(struct ft *ft, sqlite3_stmt *st,
		      const char *const *names, ft_row_fn fn, void *arg)
{
	enum { MAXCOL = 32 };
	const char *values[MAXCOL];
	int rc, n = sqlite3_column_count(st);

	if (n > MAXCOL)
		n = MAXCOL;
	while ((rc = db_step(ft, st)) == SQLITE_ROW) {
		int status;

		for (int i = 0; i < n; i++)
			values[i] = db_col_text(st, i);
		if ((status = fn(arg, n, names, values)) != FT_OK)
			return status;
	}
	return rc == SQLITE_DONE ? FT_OK : FT_DBERR;
}

int db_emit_all(struct ft *ft, sqlite3_stmt *st, ft_row_fn fn, void *arg)
{
	int rc;

	while ((rc = db_step(ft, st)) == SQLITE_ROW) {
		int status = db_emit_row(st, fn, arg);

		if (status != FT_OK)
			return status;
	}
	return rc == SQLITE_DONE ? FT_OK : FT_DBERR;
}
