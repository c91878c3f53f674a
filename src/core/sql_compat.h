/* PostgreSQL's string_agg, strpos, greatest and least for SQLite, which
 * (3.40) has none of them, so that one SQL text runs on both engines. */
#ifndef FTRACK_SQL_COMPAT_H
#define FTRACK_SQL_COMPAT_H

#include "core.h"

/* Registers them on ft's connection; FT_OK, else FT_DBERR recorded. */
int sql_compat_register(struct ft *ft);

struct db_stmt;

/* Names are found by key on both engines: bind text_fold(text) to param
 * (NULL for NULL), where SQLite's statements said fold(:x). */
void sql_bind_key(struct ft *ft, struct db_stmt *st, const char *param,
		  const char *text);

/* SQLite compares the name columns (COLLATE NOCASE) with ASCII letters
 * folded, PostgreSQL's (COLLATE "C") by bytes, with a unique index on
 * lower(name). Where a statement found a record as SQLite's `name = :x`
 * did, it says `name_key = :x_key AND lower(name) = :x_nocase`: the key
 * (sql_bind_key) finds the row through an index on both, and this binds
 * text with its ASCII letters lowered (as lower() does to a "C" column on
 * PostgreSQL and to any text on SQLite), keeping NOCASE's meaning. */
void sql_bind_nocase(struct ft *ft, struct db_stmt *st, const char *param,
		     const char *text);

#endif
