/* The migrations embedded at build time from migrations/NNNN_name.sql
 * (SQLite) and migrations/pg/NNNN_name.sql (PostgreSQL: one per SQLite
 * step, of the same name, so that both count versions alike). */
#ifndef FTRACK_MIGRATIONS_H
#define FTRACK_MIGRATIONS_H

struct ft_migration {
	const char *name;
	const char *sql;
};

extern const struct ft_migration ft_migrations[];
extern const int ft_migration_count;
extern const struct ft_migration ft_pg_migrations[];
extern const int ft_pg_migration_count;

#endif
