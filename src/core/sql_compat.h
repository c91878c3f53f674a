/* PostgreSQL's string_agg, strpos, greatest and least for SQLite, which
 * (3.40) has none of them, so that one SQL text runs on both engines. */
#ifndef FTRACK_SQL_COMPAT_H
#define FTRACK_SQL_COMPAT_H

#include "core.h"

/* Registers them on ft's connection; FT_OK, else FT_DBERR recorded. */
int sql_compat_register(struct ft *ft);

#endif
