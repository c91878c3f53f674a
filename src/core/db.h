/* A thin layer over SQLite: prepared statements with named parameters,
 * errors that carry sqlite3_errmsg, and nesting write transactions. */
#ifndef FTRACK_DB_H
#define FTRACK_DB_H

#include <stdbool.h>

#include "core.h"

/* A prepared statement of the engine behind ft (for now SQLite's). */
#define db_stmt sqlite3_stmt
/* What db_step() returns for a row and for the end. */
enum { DB_ROW = SQLITE_ROW, DB_DONE = SQLITE_DONE };

/* Gives the prepared statement for sql, a string literal: prepared once per
 * connection and kept (the address of the literal is the key), handed out
 * reset with no bindings. Hand it back with db_release(). On error records
 * the message and returns FT_DBERR. */
int db_prepare(struct ft *ft, sqlite3_stmt **st, const char *sql);
/* Like db_prepare() for SQL assembled at run time from constant fragments
 * (never from user text): kept by its content rather than its address. */
int db_prepare_text(struct ft *ft, sqlite3_stmt **st, const char *sql);

/* Emits every row of st like db_emit_all(), under the given column names
 * rather than the query's. */
int db_emit_all_named(struct ft *ft, sqlite3_stmt *st,
		      const char *const *names, ft_row_fn fn, void *arg);

/* Resets st so that it holds no lock; NULL is fine. */
void db_release(sqlite3_stmt *st);
/* Finalizes every kept statement (on close). */
void db_cache_clear(struct ft *ft);

/* Bind a value to the named parameter (":name"); text NULL binds NULL, and
 * db_bind_id() binds NULL for an id <= 0. A failed bind is remembered and
 * makes the next db_step() fail, so callers bind without checking each. */
void db_bind_text(struct ft *ft, sqlite3_stmt *st, const char *param,
		  const char *text);
void db_bind_int(struct ft *ft, sqlite3_stmt *st, const char *param,
		 int64_t value);
void db_bind_id(struct ft *ft, sqlite3_stmt *st, const char *param,
		int64_t id);

/* Steps st: returns SQLITE_ROW or SQLITE_DONE, or -1 after recording the
 * error (FT_DBERR in ft->err), also when a bind failed before. */
int db_step(struct ft *ft, sqlite3_stmt *st);

/* Steps st once and expects no row (INSERT, UPDATE ...): FT_OK or FT_DBERR. */
int db_run(struct ft *ft, sqlite3_stmt *st);

/* Runs sql without parameters (pragmas, BEGIN ...). */
int db_exec(struct ft *ft, const char *sql);

/* Runs one statement without parameters, prepared once and kept (sql is a
 * string literal): for the statements a loop runs on every row. */
int db_exec_kept(struct ft *ft, const char *sql);

/* Nesting write transaction: the outermost begin is BEGIN IMMEDIATE; the
 * outermost end commits when rc is FT_OK and nothing nested failed, else
 * rolls back. Returns rc when it is not FT_OK, else the commit's status. */
int db_begin_write(struct ft *ft);
int db_end_write(struct ft *ft, int rc);

/* Register the SQL function l2_labels(list, lang) and the aggregates
 * distinct_count(x) and distinct_list(x) (sql_functions.c). */
int labels_register(struct ft *ft);
int aggregates_register(struct ft *ft);

/* Records sqlite3_errmsg and returns FT_DBERR. */
int db_error(struct ft *ft, const char *what);

/* The text of column i as a NUL-terminated string, or NULL. */
const char *db_col_text(sqlite3_stmt *st, int i);
/* Column i as an integer (0 for NULL), and whether it is NULL. */
int64_t db_col_int(sqlite3_stmt *st, int i);
bool db_col_null(sqlite3_stmt *st, int i);

/* Emits the current row of st to fn: every column, names from the query. */
int db_emit_row(sqlite3_stmt *st, ft_row_fn fn, void *arg);

/* Steps st to the end, emitting every row; returns the first non-FT_OK. */
int db_emit_all(struct ft *ft, sqlite3_stmt *st, ft_row_fn fn, void *arg);

#endif
