/* The migrations embedded at build time from migrations/NNNN_name.sql. */
#ifndef FTRACK_MIGRATIONS_H
#define FTRACK_MIGRATIONS_H

struct ft_migration {
	const char *name;
	const char *sql;
};

extern const struct ft_migration ft_migrations[];
extern const int ft_migration_count;
/* PostgreSQL's, from migrations/pg/ (the same steps, the same data). */
extern const struct ft_migration ft_pg_migrations[];
extern const int ft_pg_migration_count;

#endif
