/* The tests' databases, on the backend the environment chooses:
 *   FTRACK_TEST_PG unset or empty   SQLite: a file in the test's folder
 *   FTRACK_TEST_PG=/a/folder        PostgreSQL: the socket folder of a
 *                                   cluster from tools/pg-cluster.sh
 *   FTRACK_TEST_PG=postgresql://…   PostgreSQL: a URL to a maintenance
 *                                   database as a role that may create
 *                                   databases (pg-cluster.sh url DIR)
 * On PostgreSQL each test gets a database of its own, made and dropped with
 * psql as the superuser and owned by ftrack_owner; its URL is what --db (or
 * FTRACK_DB) takes. Shared by the unit tests and the end-to-end tests;
 * include it after cmocka.h. */
#ifndef FTRACK_TESTDB_H
#define FTRACK_TESTDB_H

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

/* The roles tools/pg-cluster.sh makes. */
#define TESTDB_ADMIN "ftrack_admin"
#define TESTDB_OWNER "ftrack_owner"
#define TESTDB_APP "ftrack_app"

struct testdb {
	char target[1024];	/* what --db takes: a file's path or a URL */
	char name[64];		/* PostgreSQL: the database; "" on SQLite */
};

/* Whether the tests run on PostgreSQL. */
static inline bool testdb_pg(void)
{
	const char *e = getenv("FTRACK_TEST_PG");

	return e != NULL && *e != '\0';
}

/* A URL to database db (NULL: the maintenance database) as role (NULL:
 * the superuser), built from FTRACK_TEST_PG. False if it does not fit. */
static inline bool testdb_url(char *buf, size_t size, const char *db,
			      const char *role)
{
	const char *base = getenv("FTRACK_TEST_PG"), *auth, *path, *query;
	int n, dblen = 0;

	if (base[0] == '/') {
		n = snprintf(buf, size, "postgresql:///%s?host=%s&user=%s",
			     db ? db : "postgres", base, role ? role : TESTDB_ADMIN);
		return n > 0 && (size_t)n < size;
	}
	/* scheme://authority[/dbname][?query]: dbname swapped for db, and
	 * user=role added (libpq takes the last user given) */
	auth = strstr(base, "://");
	auth = auth ? auth + 3 : base;
	query = strchr(auth, '?');
	if (query == NULL)
		query = auth + strlen(auth);
	path = memchr(auth, '/', (size_t)(query - auth));
	if (path == NULL)
		path = query;
	if (db == NULL && path < query)
		db = path + 1, dblen = (int)(query - path - 1);
	else if (db != NULL)
		dblen = (int)strlen(db);
	n = snprintf(buf, size, "%.*s%s%.*s%s%s%s%s", (int)(path - base), base,
		     db ? "/" : "", db ? dblen : 0, db ? db : "", query,
		     role ? (*query == '?' ? "&" : "?") : "",
		     role ? "user=" : "", role ? role : "");
	return n > 0 && (size_t)n < size;
}

/* Runs argv (argv[0] found on PATH) with script on its standard input;
 * its errors go to stderr. Returns its exit status; *out (if out) gets its
 * standard output, to free(). */
static inline int testdb_exec(const char *const *argv, const char *script,
			      char **out)
{
	int in[2], from[2], wstatus;
	char *buf = NULL, chunk[8192];
	size_t len = 0, cap = 0;
	ssize_t got;
	pid_t pid;

	if (pipe(in) != 0 || pipe(from) != 0)
		return -1;
	fflush(NULL);
	if ((pid = fork()) == 0) {
		dup2(in[0], 0);
		dup2(from[1], 1);
		close(in[0]);
		close(in[1]);
		close(from[0]);
		close(from[1]);
		execvp(argv[0], (char *const *)argv);
		_exit(127);
	}
	close(in[0]);
	close(from[1]);
	/* scripts are short: the pipe takes one whole before it is read */
	if (write(in[1], script, strlen(script)) < 0)
		perror(argv[0]);
	close(in[1]);
	while ((got = read(from[0], chunk, sizeof chunk)) > 0) {
		if (len + (size_t)got + 1 > cap) {
			cap = 2 * (len + (size_t)got + 1);
			buf = realloc(buf, cap);
		}
		memcpy(buf + len, chunk, (size_t)got);
		len += (size_t)got;
	}
	close(from[0]);
	if (buf == NULL)
		buf = calloc(1, 1);
	else
		buf[len] = '\0';
	if (out)
		*out = buf;
	else
		free(buf);
	if (pid < 0 || waitpid(pid, &wstatus, 0) < 0)
		return -1;
	return WIFEXITED(wstatus) ? WEXITSTATUS(wstatus) : 128;
}

/* psql on url with script (quiet, unaligned, tuples only, stopping at the
 * first error), as testdb_exec(). */
static inline int testdb_psql(const char *url, const char *script, char **out)
{
	return testdb_exec((const char *const[]){"psql", "-X", "-q", "-A", "-t",
		"-v", "ON_ERROR_STOP=1", "-d", url, "-f", "-", NULL}, script,
		out);
}

/* The rows sql gives on the database at target (a path or a URL): one line
 * a row, columns between '|', NULL as nothing, through the sqlite3 shell
 * or psql. Fails the test on an error. Free with free(). */
static inline char *testdb_query(const char *target, const char *sql)
{
	char *script = NULL, *out = NULL;
	int rc;

	assert_true(asprintf(&script, "%s;\n", sql) > 0);
	if (testdb_pg())
		rc = testdb_psql(target, script, &out);
	else
		rc = testdb_exec((const char *const[]){"sqlite3", "-batch",
			"-bail", "-list", "-noheader", "-cmd", ".timeout 5000",
			target, NULL}, script, &out);
	free(script);
	if (rc != 0)
		fail_msg("query failed on %s: %s", target, sql);
	return out;
}

/* Makes a fresh database: on SQLite the path sqlite_path (the file is left
 * to `ftrack init`); on PostgreSQL an empty database owned by ftrack_owner
 * and its URL as that role. 0, or -1 after saying why on stderr. */
static inline int testdb_create(struct testdb *t, const char *sqlite_path)
{
	static int count;
	char url[1024], sql[256];

	t->name[0] = '\0';
	if (!testdb_pg()) {
		snprintf(t->target, sizeof t->target, "%s",
			 sqlite_path ? sqlite_path : ":memory:");
		return 0;
	}
	snprintf(t->name, sizeof t->name, "ftrack_test_%ld_%d", (long)getpid(),
		 count++);
	/* template0 and C: the same bytes and order whatever the server's
	 * defaults */
	snprintf(sql, sizeof sql, "CREATE DATABASE %s OWNER " TESTDB_OWNER
		 " TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' "
		 "LC_CTYPE 'C';\n", t->name);
	if (!testdb_url(url, sizeof url, NULL, NULL) ||
	    !testdb_url(t->target, sizeof t->target, t->name, TESTDB_OWNER)) {
		fprintf(stderr, "FTRACK_TEST_PG is too long\n");
		return -1;
	}
	if (testdb_psql(url, sql, NULL) != 0) {
		fprintf(stderr, "could not create database %s on %s\n", t->name,
			url);
		t->name[0] = '\0';
		return -1;
	}
	return 0;
}

/* Drops a database testdb_create() made (nothing on SQLite: the file goes
 * with the test's folder), whoever is still connected. */
static inline int testdb_drop(struct testdb *t)
{
	char url[1024], sql[128];

	if (t->name[0] == '\0')
		return 0;
	snprintf(sql, sizeof sql, "DROP DATABASE IF EXISTS %s WITH (FORCE);\n",
		 t->name);
	t->name[0] = '\0';
	if (!testdb_url(url, sizeof url, NULL, NULL))
		return -1;
	return testdb_psql(url, sql, NULL) == 0 ? 0 : -1;
}

/* Every row of every table of a PostgreSQL database (and its columns,
 * indexes and triggers) as text in a stable order, to check that a refused
 * command changed nothing. Sequences are left out: PostgreSQL advances them
 * also in a transaction that rolls back. Free with free(). */
static inline char *testdb_pg_snapshot(const char *url)
{
	static const char script[] =
		"SELECT format('SELECT %L', '== ' || table_name),\n"
		"  format('SELECT r FROM (SELECT x::text COLLATE \"C\" AS r "
		"FROM %I.%I x) s ORDER BY r', table_schema, table_name)\n"
		"FROM information_schema.tables WHERE table_type = 'BASE TABLE'\n"
		"  AND table_schema NOT IN ('pg_catalog', 'information_schema')\n"
		"ORDER BY table_schema COLLATE \"C\", table_name COLLATE \"C\"\n"
		"\\gexec\n"
		"SELECT '== columns';\n"
		"SELECT table_name || '.' || column_name || ' ' || data_type || "
		"' ' || is_nullable || ' ' || coalesce(column_default, '')\n"
		"FROM information_schema.columns\n"
		"WHERE table_schema NOT IN ('pg_catalog', 'information_schema')\n"
		"ORDER BY table_schema COLLATE \"C\", table_name COLLATE \"C\", "
		"ordinal_position;\n"
		"SELECT '== indexes';\n"
		"SELECT d FROM (SELECT indexdef COLLATE \"C\" AS d FROM "
		"pg_indexes\n"
		"WHERE schemaname NOT IN ('pg_catalog', 'information_schema'))"
		" s ORDER BY d;\n"
		"SELECT '== triggers';\n"
		"SELECT d FROM (SELECT pg_get_triggerdef(oid) COLLATE \"C\" AS d "
		"FROM pg_trigger WHERE NOT tgisinternal) s ORDER BY d;\n";
	char *out = NULL;

	if (testdb_psql(url, script, &out) != 0) {
		fprintf(stderr, "could not read database %s\n", url);
		free(out);
		return NULL;
	}
	return out;
}

/* In a cmocka test: skips the rest of it on PostgreSQL, saying why (the
 * case is about SQLite's files, or reads them with SQLite's library). */
#define sqlite_only(why) do { \
	if (testdb_pg()) { \
		print_message("SQLite only: %s\n", why); \
		skip(); \
	} \
} while (0)

#endif
