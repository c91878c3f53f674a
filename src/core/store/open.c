/* Which engine a --db names: a PostgreSQL connection string (a URL or
 * libpq's keyword=value form) or a SQLite file's path. */
#include <stdbool.h>
#include <string.h>

#include "db.h"
#include "driver.h"
#include "migrations.h"
#include "pg.h"
#include "sqlite.h"
#include "ftrack/integrity.h"

bool ft_is_conninfo(const char *target)
{
	size_t key;

	if (strncmp(target, "postgresql://", 13) == 0 ||
	    strncmp(target, "postgres://", 11) == 0)
		return true;
	/* "service=team", "host=db dbname=ftrack": a keyword, then '='. A
	 * file of that name is reached as ./service=team. */
	key = strspn(target, "abcdefghijklmnopqrstuvwxyz_");
	return key > 0 && target[key] == '=';
}

int ft_open(struct ft **out, const char *target, unsigned flags,
	    int busy_timeout_ms, char *err, size_t errlen)
{
	if (!(flags & FT_OPEN_MEMORY) && ft_is_conninfo(target))
		return pg_open(out, target, flags, busy_timeout_ms, err,
			       errlen);
	return sqlite_open(out, target, flags, busy_timeout_ms, err, errlen);
}

int ft_schema_version(void)
{
	return ft_migration_count;
}
