/* The statement layer every engine shares: a cache of prepared statements
 * per connection, binding by name, stepping, nesting write transactions
 * sealed at commit. Each call goes to the connection's driver. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "driver.h"
#include "rules_engine.h"
#include "seal.h"
#include "ftrack/text.h"

int db_error(struct ft *ft, const char *what)
{
	return db_fail_fault(ft, ft->drv->fault(ft), ft->drv->message(ft), what);
}

int db_fail_fault(struct ft *ft, enum db_fault fault, const char *message,
		  const char *what)
{
	switch (fault) {
	case DB_FAULT_BUSY:
		return ft_fail(ft, FT_DBERR,
			       "database is locked by another writer (%s); "
			       "try again or raise --busy-timeout", what);
	case DB_FAULT_NOTADB:
		return ft_fail(ft, FT_DBERR, "the file is not a SQLite database");
	case DB_FAULT_READONLY:
		return ft_fail(ft, FT_DBERR, "cannot write the database: %s",
			       ft->readonly_why[0] ? ft->readonly_why : message);
	default:
		return ft_fail(ft, FT_DBERR, "database error in %s: %s", what,
			       message);
	}
}

int db_fault(struct ft *ft)
{
	return ft->drv->fault(ft);
}

const char *db_fault_key(struct ft *ft)
{
	return ft->drv->fault_key(ft);
}

bool db_is_pg(const struct ft *ft)
{
	return ft->drv == &db_pg;
}

struct db_cache {
	const char *sql;
	struct db_stmt *st;
	char *owned;	/* the key's copy, for SQL assembled at run time */
};

static int prepare_cached(struct ft *ft, struct db_stmt **st, const char *sql,
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
			(*st)->drv->reset(*st);
			return FT_OK;
		}
	}
	grown = realloc(ft->cache, (size_t)(ft->ncache + 1) * sizeof *grown);
	if (grown == NULL)
		return ft_fail(ft, FT_DBERR, "out of memory");
	ft->cache = grown;
	if (ft->drv->prepare(ft, sql, st) != FT_OK) {
		char what[80];

		snprintf(what, sizeof what, "'%.60s'", sql);
		return db_error(ft, what);
	}
	if (by_text && (owned = strdup(sql)) == NULL) {
		(*st)->drv->finalize(*st);
		*st = NULL;
		return ft_fail(ft, FT_DBERR, "out of memory");
	}
	(*st)->sql = by_text ? owned : sql;
	ft->cache[ft->ncache].sql = by_text ? owned : sql;
	ft->cache[ft->ncache].st = *st;
	ft->cache[ft->ncache].owned = owned;
	ft->ncache++;
	return FT_OK;
}

int db_prepare(struct ft *ft, struct db_stmt **st, const char *sql)
{
	return prepare_cached(ft, st, sql, false);
}

int db_prepare_text(struct ft *ft, struct db_stmt **st, const char *sql)
{
	return prepare_cached(ft, st, sql, true);
}

void db_release(struct db_stmt *st)
{
	if (st != NULL)
		st->drv->reset(st);
}

void db_cache_clear(struct ft *ft)
{
	for (int i = 0; i < ft->ncache; i++) {
		ft->cache[i].st->drv->finalize(ft->cache[i].st);
		free(ft->cache[i].owned);
	}
	free(ft->cache);
	ft->cache = NULL;
	ft->ncache = 0;
}

static void bind_result(struct ft *ft, struct db_stmt *st, const char *param,
			int rc)
{
	if (rc == -1) {
		ft->bind_failed = 1;
		ft_fail(ft, FT_DBERR, "internal error: no parameter %s in "
			"'%.60s'", param, st->sql);
	} else if (rc != 0) {
		ft->bind_failed = 1;
		db_error(ft, "bind");
	}
}

static void bind(struct ft *ft, struct db_stmt *st, const char *param,
		 const char *text, const void *bytes, size_t len)
{
	if (!ft->bind_failed)
		bind_result(ft, st, param,
			    st->drv->bind(ft, st, param, text, bytes, len));
}

void db_bind_text(struct ft *ft, struct db_stmt *st, const char *param,
		  const char *text)
{
	bind(ft, st, param, text, NULL, 0);
}

void db_bind_int(struct ft *ft, struct db_stmt *st, const char *param,
		 int64_t value)
{
	if (!ft->bind_failed)
		bind_result(ft, st, param,
			    st->drv->bind_int(ft, st, param, value));
}

void db_bind_id(struct ft *ft, struct db_stmt *st, const char *param,
		int64_t id)
{
	if (id > 0)
		db_bind_int(ft, st, param, id);
	else
		bind(ft, st, param, NULL, NULL, 0);
}

void db_bind_bytes(struct ft *ft, struct db_stmt *st, const char *param,
		   const void *bytes, size_t len)
{
	bind(ft, st, param, NULL, bytes, len);
}

/* Binds made, a copy of text (NULL: out of memory when text was not), and
 * frees it. */
static int bind_made(struct ft *ft, struct db_stmt *st, const char *param,
		     const char *text, char *made)
{
	if (text != NULL && made == NULL) {
		if (!ft->bind_failed)
			ft_fail(ft, FT_DBERR, "out of memory");
		ft->bind_failed = 1;
		return FT_DBERR;
	}
	bind(ft, st, param, made, NULL, 0);
	free(made);
	return ft->bind_failed ? FT_DBERR : FT_OK;
}

int db_bind_key(struct ft *ft, struct db_stmt *st, const char *param,
		const char *name)
{
	/* No name ftrack stored is invalid UTF-8: such a name finds none
	 * (NULL equals nothing), and PostgreSQL would refuse its bytes. */
	if (name != NULL && !text_is_utf8(name, strlen(name)))
		name = NULL;
	return bind_made(ft, st, param, name, name ? text_fold(name) : NULL);
}

void db_bind_nocase(struct ft *ft, struct db_stmt *st, const char *param,
		    const char *text)
{
	char *copy = text ? strdup(text) : NULL;

	for (char *p = copy; p && *p; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p - 'A' + 'a');
	bind_made(ft, st, param, text, copy);
}

bool db_has_param(struct db_stmt *st, const char *param)
{
	return st->drv->has_param(st, param);
}

int db_step(struct ft *ft, struct db_stmt *st)
{
	int rc;

	if (ft->bind_failed)
		return -1;
	rc = st->drv->step(ft, st);
	if (rc == DB_ROW || rc == DB_DONE)
		return rc;
	db_error(ft, "query");
	return -1;
}

int db_run(struct ft *ft, struct db_stmt *st)
{
	return db_step(ft, st) == DB_DONE ? FT_OK : FT_DBERR;
}

int db_queue(struct ft *ft, struct db_stmt *st)
{
	if (st->drv->queue == NULL)
		return db_run(ft, st);
	if (ft->bind_failed)
		return FT_DBERR;
	if (st->drv->queue(ft, st) != FT_OK)
		return db_error(ft, "query");
	return FT_OK;
}

int db_sync(struct ft *ft)
{
	if (ft->drv->sync == NULL || ft->drv->sync(ft) == FT_OK)
		return FT_OK;
	return db_error(ft, "a queued statement");
}

int db_exec(struct ft *ft, const char *sql)
{
	if (ft->drv->exec(ft, sql) != FT_OK) {
		char what[80];

		snprintf(what, sizeof what, "'%.60s'", sql);
		return db_error(ft, what);
	}
	return FT_OK;
}

int db_exec_kept(struct ft *ft, const char *sql)
{
	struct db_stmt *st = NULL;
	int rc = db_prepare(ft, &st, sql);

	if (rc == FT_OK) {
		rc = db_run(ft, st);
		db_release(st);
	}
	return rc;
}

int db_begin_write(struct ft *ft)
{
	if (ft->write_depth == 0) {
		int rc = ft->drv->begin_write(ft);

		if (rc != FT_OK)
			return rc;
		ft->write_failed = 0;
		ft->tx_changeset = 0;
		rules_forget(ft);
		ft->tx_now[0] = '\0';
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
	rules_forget(ft);
	if (!ft->write_failed) {
		/* The change sets of this transaction are sealed with it, and
		 * only those: nothing else ever seals. */
		rc = ft->seal_ready && ft->tx_changeset != 0 ? seal_pending(ft)
							      : FT_OK;
		ft->tx_changeset = 0;
		if (rc == FT_OK)
			rc = ft->drv->commit(ft);
		if (rc == FT_OK)
			return FT_OK;
	}
	ft->tx_changeset = 0;
	/* Keep the first error: ROLLBACK's own message is of no use. */
	ft->drv->rollback(ft);
	return rc != FT_OK ? rc : FT_DBERR;
}

int db_restart_write(struct ft *ft)
{
	int rc;

	if (ft->write_depth != 1)
		return ft_fail(ft, FT_DBERR, "internal error: a nested write "
			       "cannot start again");
	ft->drv->rollback(ft);
	/* a failed begin leaves no transaction: db_end_write()'s rollback
	 * then finds none, which is no error */
	if ((rc = ft->drv->begin_write(ft)) != FT_OK)
		return rc;
	ft->write_failed = 0;
	ft->tx_changeset = 0;
	rules_forget(ft);
	return FT_OK;
}

int db_begin_read(struct ft *ft)
{
	return ft->drv->begin_read(ft);
}

void db_end_read(struct ft *ft)
{
	ft->drv->end_read(ft);
}

int db_col_count(struct db_stmt *st)
{
	return st->drv->ncols(st);
}

const char *db_col_text(struct db_stmt *st, int i)
{
	return st->drv->col_text(st, i);
}

int64_t db_col_int(struct db_stmt *st, int i)
{
	return st->drv->col_int(st, i);
}

bool db_col_null(struct db_stmt *st, int i)
{
	return st->drv->col_null(st, i);
}

enum db_kind db_col_kind(struct db_stmt *st, int i)
{
	return st->drv->col_kind(st, i);
}

const void *db_col_bytes(struct db_stmt *st, int i, size_t *len)
{
	return st->drv->col_bytes(st, i, len);
}

int db_emit_row(struct db_stmt *st, ft_row_fn fn, void *arg)
{
	enum { MAXCOL = 32 };
	const char *names[MAXCOL], *values[MAXCOL];
	int n = st->drv->ncols(st);

	if (n > MAXCOL)
		n = MAXCOL;
	for (int i = 0; i < n; i++) {
		names[i] = st->drv->col_name(st, i);
		values[i] = db_col_text(st, i);
	}
	return fn(arg, n, names, values);
}

int db_emit_all_named(struct ft *ft, struct db_stmt *st,
		      const char *const *names, ft_row_fn fn, void *arg)
{
	enum { MAXCOL = 32 };
	const char *values[MAXCOL];
	int rc;

	while ((rc = db_step(ft, st)) == DB_ROW) {
		int status, n = st->drv->ncols(st);

		if (n > MAXCOL)
			n = MAXCOL;
		for (int i = 0; i < n; i++)
			values[i] = db_col_text(st, i);
		if ((status = fn(arg, n, names, values)) != FT_OK)
			return status;
	}
	return rc == DB_DONE ? FT_OK : FT_DBERR;
}

int db_emit_all(struct ft *ft, struct db_stmt *st, ft_row_fn fn, void *arg)
{
	int rc;

	while ((rc = db_step(ft, st)) == DB_ROW) {
		int status = db_emit_row(st, fn, arg);

		if (status != FT_OK)
			return status;
	}
	return rc == DB_DONE ? FT_OK : FT_DBERR;
}
