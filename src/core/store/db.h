/* The statements every engine runs: prepared once per connection and kept,
 * parameters bound by name (":name"), errors that carry the engine's
 * message, nesting write transactions. The SQL is the subset docs/sql.md
 * describes; the driver behind ft (driver.h) runs it on SQLite or
 * PostgreSQL. */
#ifndef FTRACK_DB_H
#define FTRACK_DB_H

#include <stdbool.h>
#include <stddef.h>

#include "core.h"

struct db_stmt;

/* What went wrong, in words both engines can say. */
enum db_fault {
	DB_FAULT_OTHER,
	DB_FAULT_BUSY,		/* locked, serialization failure, timeout */
	DB_FAULT_UNIQUE,	/* a unique index refused a row */
	DB_FAULT_CONSTRAINT,	/* another constraint or a trigger refused */
	DB_FAULT_READONLY,	/* no right to write */
	DB_FAULT_NOTADB,	/* not a database of this engine */
};

/* What db_step() returns for a row and for the end. */
enum { DB_ROW = 100, DB_DONE = 101 };

/* Gives the prepared statement for sql, a string literal: prepared once per
 * connection and kept (the address of the literal is the key), handed out
 * reset with no bindings. Hand it back with db_release(). On error records
 * the message and returns FT_DBERR. */
int db_prepare(struct ft *ft, struct db_stmt **st, const char *sql);
/* Like db_prepare() for SQL assembled at run time from constant fragments
 * (never from user text): kept by its content rather than its address. */
int db_prepare_text(struct ft *ft, struct db_stmt **st, const char *sql);

/* Emits every row of st like db_emit_all(), under the given column names
 * rather than the query's. */
int db_emit_all_named(struct ft *ft, struct db_stmt *st,
		      const char *const *names, ft_row_fn fn, void *arg);

/* Resets st so that it holds no lock; NULL is fine. */
void db_release(struct db_stmt *st);
/* Finalizes every kept statement (on close). */
void db_cache_clear(struct ft *ft);

/* Bind a value to the named parameter (":name"); text NULL binds NULL, and
 * db_bind_id() binds NULL for an id <= 0. A failed bind is remembered and
 * makes the next db_step() fail, so callers bind without checking each. */
void db_bind_text(struct ft *ft, struct db_stmt *st, const char *param,
		  const char *text);
void db_bind_int(struct ft *ft, struct db_stmt *st, const char *param,
		 int64_t value);
void db_bind_id(struct ft *ft, struct db_stmt *st, const char *param,
		int64_t id);
void db_bind_bytes(struct ft *ft, struct db_stmt *st, const char *param,
		   const void *bytes, size_t len);
/* Binds the key of a name (text_fold(): NFC, case folded), by which the
 * name_key columns find it; NULL, or a name that is not UTF-8, binds NULL
 * (which finds nothing). FT_OK, or FT_DBERR out of memory (remembered as
 * a failed bind). */
int db_bind_key(struct ft *ft, struct db_stmt *st, const char *param,
		const char *name);
/* Binds text with its ASCII letters lowered: what `lower(name) = :x`
 * compares with on both engines, keeping the meaning SQLite's NOCASE name
 * columns gave `name = :x` (PostgreSQL's are COLLATE "C", with unique
 * indexes on lower(name)). */
void db_bind_nocase(struct ft *ft, struct db_stmt *st, const char *param,
		    const char *text);
/* Whether st has the parameter (for SQL assembled from fragments). */
bool db_has_param(struct db_stmt *st, const char *param);

/* Steps st: returns DB_ROW or DB_DONE, or -1 after recording the error
 * (FT_DBERR in ft->err), also when a bind failed before. */
int db_step(struct ft *ft, struct db_stmt *st);

/* Steps st once and expects no row (INSERT, UPDATE ...): FT_OK or FT_DBERR. */
int db_run(struct ft *ft, struct db_stmt *st);

/* Runs st, a statement that returns no row, where its answer can wait:
 * on PostgreSQL sent without waiting (pipeline mode), so that a command
 * writing many rows pays one round trip for all; a failure then fails the
 * next statement or the commit, and so the write, as db_run() would. */
int db_queue(struct ft *ft, struct db_stmt *st);
/* Waits for every statement db_queue() sent: FT_OK, or the first one's
 * failure recorded. */
int db_sync(struct ft *ft);

/* Runs sql without parameters (BEGIN, a migration ...). */
int db_exec(struct ft *ft, const char *sql);

/* Runs one statement without parameters, prepared once and kept (sql is a
 * string literal): for the statements a loop runs on every row. */
int db_exec_kept(struct ft *ft, const char *sql);

/* Nesting write transaction: the outermost begin takes the database's one
 * writer lock (BEGIN IMMEDIATE; a transaction-scoped advisory lock on
 * PostgreSQL); the outermost end seals the change sets it wrote and commits
 * when rc is FT_OK and nothing nested failed, else rolls back. Returns rc
 * when it is not FT_OK, else the commit's status. */
int db_begin_write(struct ft *ft);
int db_end_write(struct ft *ft, int rc);
/* Rolls back the outermost write and begins it again (its clock kept):
 * for a write that finds it must redo its work another way. FT_DBERR
 * inside a nested write. */
int db_restart_write(struct ft *ft);

/* A read transaction: every statement until db_end_read() sees one state. */
int db_begin_read(struct ft *ft);
void db_end_read(struct ft *ft);

/* Records the engine's message and returns FT_DBERR. */
int db_error(struct ft *ft, const char *what);
/* The same for a failure met elsewhere (another connection): its fault and
 * the engine's message. */
int db_fail_fault(struct ft *ft, enum db_fault fault, const char *message,
		  const char *what);
/* What the last failure was (enum db_fault), and for a unique
 * index's refusal, what it refused as "table.column" ("" when unknown). */
int db_fault(struct ft *ft);
const char *db_fault_key(struct ft *ft);
/* Whether ft is on PostgreSQL (for what a server has and a file has not:
 * roles and grants, never for SQL text). */
bool db_is_pg(const struct ft *ft);

/* How many columns a row of st has (known once st has been stepped). */
int db_col_count(struct db_stmt *st);
/* The text of column i as a NUL-terminated string, or NULL. */
const char *db_col_text(struct db_stmt *st, int i);
/* Column i as an integer (0 for NULL), and whether it is NULL. */
int64_t db_col_int(struct db_stmt *st, int i);
bool db_col_null(struct db_stmt *st, int i);
/* Column i's type: the same on every engine for the same column. */
enum db_kind { DB_NULL, DB_INT, DB_TEXT };
enum db_kind db_col_kind(struct db_stmt *st, int i);
/* Column i's bytes (a BLOB or BYTEA), NULL for NULL. */
const void *db_col_bytes(struct db_stmt *st, int i, size_t *len);

/* Emits the current row of st to fn: every column, names from the query. */
int db_emit_row(struct db_stmt *st, ft_row_fn fn, void *arg);

/* Steps st to the end, emitting every row; returns the first non-FT_OK. */
int db_emit_all(struct ft *ft, struct db_stmt *st, ft_row_fn fn, void *arg);

#endif
