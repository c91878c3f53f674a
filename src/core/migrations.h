/* The migrations embedded at build time from migrations/NNNN_name.sql. */
#ifndef FTRACK_MIGRATIONS_H
#define FTRACK_MIGRATIONS_H

struct ft_migration {
	const char *name;
	const char *sql;
};

extern const struct ft_migration ft_migrations[];
extern const int ft_migration_count;

#endif
