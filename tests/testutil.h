/* Fixtures shared by the unit tests: a migrated database on a fixed clock
 * (SQLite in memory, or a fresh PostgreSQL database when FTRACK_TEST_PG
 * says so: ../testdb.h), and small queries to check what the core wrote. */
#ifndef FTRACK_TESTUTIL_H
#define FTRACK_TESTUTIL_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <sqlite3.h>

#include "strbuf.h"

#include "ftrack/ftrack.h"
#include "testdb.h"

/* The test's PostgreSQL database (unused on SQLite). */
static struct testdb unit_db;

static inline int setup_db(void **state)
{
	struct ft *ft = NULL;
	char err[256];
	int rc;

	if (testdb_pg()) {
		if (testdb_create(&unit_db, NULL) != 0)
			return -1;
		rc = ft_open(&ft, unit_db.target, FT_OPEN_CREATE, 1000, err,
			     sizeof err);
	} else {
		rc = ft_open(&ft, NULL, FT_OPEN_MEMORY, 1000, err, sizeof err);
	}
	if (rc != FT_OK) {
		fprintf(stderr, "setup: %s\n", err);
		return -1;
	}
	ft_set_actor(ft, "tester");
	ft_set_now(ft, "2026-03-27T10:00:00Z");
	*state = ft;
	return 0;
}

static inline int teardown_db(void **state)
{
	ft_close(*state);
	return testdb_drop(&unit_db);
}

/* PostgreSQL: the first column of the first row psql gives for sql on the
 * test's database, in a static buffer ("(no row)" for none, "(null)"). */
static inline const char *q_pg(const char *sql)
{
	static char buf[4096];
	char *script = NULL, *out = NULL;
	size_t n;

	/* fields and rows end at the ASCII unit and record separators */
	assert_true(asprintf(&script, "\\pset null '(null)'\n"
			     "\\pset fieldsep '\\037'\n"
			     "\\pset recordsep '\\036'\n%s;\n", sql) > 0);
	assert_int_equal(testdb_psql(unit_db.target, script, &out), 0);
	free(script);
	/* the first field; psql ends the last row with a newline, which a
	 * value may also hold */
	n = strcspn(out, "\037\036");
	if (out[n] == '\0' && n > 0 && out[n - 1] == '\n')
		n--;
	snprintf(buf, sizeof buf, "%.*s", (int)n, *out ? out : "(no row)");
	free(out);
	return buf;
}

/* The integer the query returns (first column of the first row). */
static inline int64_t q_int(struct ft *ft, const char *sql)
{
	sqlite3_stmt *st = NULL;
	int64_t v = -1;

	if (testdb_pg()) {
		const char *t = q_pg(sql);

		return strcmp(t, "(no row)") ? strtoll(t, NULL, 10) : -1;
	}
	assert_int_equal(sqlite3_prepare_v2(ft_sqlite(ft), sql, -1, &st, NULL),
			 SQLITE_OK);
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

/* The text the query returns, in a static buffer ("(null)" for NULL). */
static inline const char *q_text(struct ft *ft, const char *sql)
{
	static char buf[4096];
	sqlite3_stmt *st = NULL;

	if (testdb_pg())
		return q_pg(sql);
	assert_int_equal(sqlite3_prepare_v2(ft_sqlite(ft), sql, -1, &st, NULL),
			 SQLITE_OK);
	snprintf(buf, sizeof buf, "(no row)");
	if (sqlite3_step(st) == SQLITE_ROW) {
		const unsigned char *t = sqlite3_column_text(st, 0);

		snprintf(buf, sizeof buf, "%s", t ? (const char *)t : "(null)");
	}
	sqlite3_finalize(st);
	return buf;
}

/* A fingerprint of every row of every table, to check that a refused call
 * changed nothing. Free with free(). */
static inline char *db_fingerprint(struct ft *ft)
{
	static const char *const tables[] = {"customer", "app_user", "workload",
		"subscription", "entitlement", "changeset", "change", NULL};
	struct strbuf *s;

	if (testdb_pg()) {
		char *rows = testdb_pg_snapshot(unit_db.target);

		assert_non_null(rows);
		return rows;
	}
	s = strbuf_new();

	for (int i = 0; tables[i]; i++) {
		char *sql = str_printf("SELECT * FROM %s ORDER BY 1",
					    tables[i]);
		sqlite3_stmt *st = NULL;

		assert_int_equal(sqlite3_prepare_v2(ft_sqlite(ft), sql, -1, &st,
						    NULL), SQLITE_OK);
		while (sqlite3_step(st) == SQLITE_ROW)
			for (int c = 0; c < sqlite3_column_count(st); c++)
				strbuf_addf(s, "%s|", (const char *)
					    sqlite3_column_text(st, c));
		sqlite3_finalize(st);
		free(sql);
	}
	return strbuf_finish(s);
}

#define assert_unchanged(ft, before) do { \
	char *after_ = db_fingerprint(ft); \
	assert_string_equal(before, after_); \
	free(after_); \
} while (0)

#endif
