/* An LD_PRELOAD shim for the benchmark's write floor: appends to the file
 * $SQLTRACE the writes a process makes to the SQLite database files it
 * opens: each top-level INSERT, UPDATE, DELETE or REPLACE with its
 * parameters bound in (sqlite3_expanded_sql), and the BEGIN, SAVEPOINT,
 * RELEASE, COMMIT (END) and ROLLBACK around them, each followed by an
 * ASCII record separator (036) and a new line, since a statement's
 * values may hold new lines; `bench/floor.sh writes` turns the log into
 * the shell's SQL. Reads, pragmas and a
 * transaction that wrote nothing are left out; so are a trigger's own
 * statements, which fire again when the writes are replayed. Usage:
 *   SQLTRACE=FILE LD_PRELOAD=build/bench/sqltrace.so COMMAND ...
 * Built by `make bench` beside bench/gen and bench/measure. */
#include <dlfcn.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static FILE *file;
/* a BEGIN not written yet: written before the transaction's first write,
 * dropped with its COMMIT if none came */
static char *begun;

/* is SQL's first word one of WORDS (space-separated, upper case)? */
static int starts(const char *sql, const char *words)
{
	size_t n = 0;
	const char *w;

	while (*sql == ' ' || *sql == '\t' || *sql == '\n' || *sql == '\r')
		sql++;
	while (sql[n] != '\0' && sql[n] != ' ' && sql[n] != '\t' &&
	       sql[n] != '\n' && sql[n] != '\r' && sql[n] != ';')
		n++;
	for (w = words; *w != '\0'; w += strcspn(w, " "), w += *w == ' ')
		if (strcspn(w, " ") == n && strncasecmp(w, sql, n) == 0)
			return 1;
	return 0;
}

static int trace(unsigned type, void *ctx, void *stmt, void *text)
{
	const char *sql = text;
	char *x;

	(void)type; (void)ctx;
	if (strncmp(sql, "--", 2) == 0)	/* a trigger's statement */
		return 0;
	if (starts(sql, "BEGIN")) {
		sqlite3_free(begun);
		begun = sqlite3_expanded_sql(stmt);
		return 0;
	}
	/* a transaction's end (not ROLLBACK TO a savepoint) */
	if (begun != NULL && (starts(sql, "COMMIT END") ||
	    (starts(sql, "ROLLBACK") && strcasestr(sql, " TO ") == NULL))) {
		sqlite3_free(begun);	/* a transaction that wrote nothing */
		begun = NULL;
		return 0;
	}
	if (!starts(sql, "INSERT UPDATE DELETE REPLACE SAVEPOINT RELEASE "
		    "COMMIT END ROLLBACK"))
		return 0;
	if ((x = sqlite3_expanded_sql(stmt)) == NULL)
		return 0;
	if (begun != NULL)
		fprintf(file, "%s\036\n", begun);
	sqlite3_free(begun);
	begun = NULL;
	fprintf(file, "%s\036\n", x);
	fflush(file);
	sqlite3_free(x);
	return 0;
}

int sqlite3_open_v2(const char *name, sqlite3 **db, int flags,
		    const char *vfs)
{
	int (*real)(const char *, sqlite3 **, int, const char *) =
		(int (*)(const char *, sqlite3 **, int, const char *))
		dlsym(RTLD_NEXT, "sqlite3_open_v2");
	int rc = real(name, db, flags, vfs);
	const char *path = getenv("SQLTRACE");

	/* database files only: not an in-memory or temporary one */
	if (rc != SQLITE_OK || path == NULL || name == NULL ||
	    name[0] == '\0' || strcmp(name, ":memory:") == 0 ||
	    (flags & SQLITE_OPEN_MEMORY) != 0)
		return rc;
	if (file == NULL && (file = fopen(path, "a")) == NULL)
		return rc;
	sqlite3_trace_v2(*db, SQLITE_TRACE_STMT, trace, NULL);
	return rc;
}

int sqlite3_open(const char *name, sqlite3 **db)
{
	return sqlite3_open_v2(name, db, SQLITE_OPEN_READWRITE |
			       SQLITE_OPEN_CREATE, NULL);
}
