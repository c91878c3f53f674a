/* verify's checks of SQLite's own: integrity_check (or quick_check) and
 * foreign_key_check, in place, or integrity_check beside verify's other
 * checks, on a second connection in a thread of its own (the machine's
 * other core: integrity_check is single-threaded and took as long as all
 * the rest). */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "driver.h"
#include "sqlite.h"

/* The checks' SQL, and their verdict's first words. */
static const char *check_sql(bool quick)
{
	return quick ? "PRAGMA quick_check(1)" : "PRAGMA integrity_check(1)";
}

static const char *check_name(bool quick)
{
	return quick ? "quick_check" : "integrity_check";
}

/* Every foreign key: a second of the 1M benchmark's 17, on ft's
 * connection (the other's thread has the rest). */
static int foreign_key_check(struct ft *ft)
{
	struct db_stmt *st = NULL;
	int rc = db_prepare(ft, &st, "PRAGMA foreign_key_check");

	if (rc == FT_OK && db_step(ft, st) == DB_ROW)
		rc = ft_fail(ft, FT_DBERR, "foreign_key_check: %s row %lld "
			     "refers to a missing %s", db_col_text(st, 0),
			     (long long)db_col_int(st, 1),
			     db_col_text(st, 2));
	db_release(st);
	return rc;
}

/* quick: quick_check, which walks every b-tree but does not match each
 * index with its table (and so reads the file once rather than looking
 * every row up in every index). */
int sqlite_integrity(struct ft *ft, bool quick)
{
	struct db_stmt *st = NULL;
	int rc = db_prepare(ft, &st, check_sql(quick));

	if (rc != FT_OK)
		return rc;
	if (db_step(ft, st) == DB_ROW &&
	    strcmp(db_col_text(st, 0), "ok") != 0)
		rc = ft_fail(ft, FT_DBERR, "%s: %s", check_name(quick),
			     db_col_text(st, 0));
	db_release(st);
	return rc == FT_OK ? foreign_key_check(ft) : rc;
}

/* integrity_check (or quick_check) on a connection of its own, in a
 * thread, while foreign_key_check and verify's others run on ft's: it
 * touches nothing of struct ft (neither its connection nor its error
 * buffer) and leaves its verdict here for sqlite_integrity_finish(). */
struct db_check {
	sqlite3 *db;		/* query_only, in its read transaction */
	bool quick;
	pthread_t thread;
	bool threaded;		/* thread started, to be joined */
	/* the verdict: failed, and either what a check found (found[0])
	 * or the engine's failure (fault, message, in what) */
	bool failed;
	char found[512];
	enum db_fault fault;
	char message[512];
	char what[80];
};

/* Steps *st (sql, prepared on c's connection the first time): true when
 * it gives a row; a failure is kept in c. */
static bool check_step(struct db_check *c, sqlite3_stmt **st, const char *sql)
{
	int step;

	if (*st == NULL &&
	    sqlite3_prepare_v2(c->db, sql, -1, st, NULL) != SQLITE_OK) {
		snprintf(c->what, sizeof c->what, "'%.60s'", sql);
		goto failed;
	}
	if ((step = sqlite3_step(*st)) == SQLITE_ROW)
		return true;
	if (step == SQLITE_DONE)
		return false;
	snprintf(c->what, sizeof c->what, "query");
failed:
	c->failed = true;
	c->fault = sqlite_fault(c->db);
	snprintf(c->message, sizeof c->message, "%s", sqlite3_errmsg(c->db));
	return false;
}

static void *check_run(void *arg)
{
	struct db_check *c = arg;
	sqlite3_stmt *st = NULL;
	const char *text;

	if (check_step(c, &st, check_sql(c->quick)) &&
	    (text = (const char *)sqlite3_column_text(st, 0)) != NULL &&
	    strcmp(text, "ok") != 0) {
		c->failed = true;
		snprintf(c->found, sizeof c->found, "%s: %s",
			 check_name(c->quick), text);
	}
	sqlite3_finalize(st);
	return NULL;
}

/* PRAGMA data_version on db: it changes whenever another connection has
 * committed since this one last read. -1 on failure. */
static int64_t data_version(sqlite3 *db)
{
	sqlite3_stmt *st = NULL;
	int64_t v = -1;

	if (sqlite3_prepare_v2(db, "PRAGMA data_version", -1, &st, NULL) ==
	    SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

/* Both connections must check one state: the one ft's read transaction
 * sees. SQLite here has no sqlite3_snapshot_open() (no
 * SQLITE_ENABLE_SNAPSHOT), so the second connection's read transaction is
 * proven to hold the same state instead:
 *
 *   1. the second connection reads data_version (v0), outside a
 *      transaction;
 *   2. ft's connection, in the read transaction db_begin_read() opened
 *      and nothing has read in yet (verify starts this first), reads:
 *      its snapshot is taken now, and kept until db_end_read();
 *   3. the second connection begins its read transaction and reads
 *      data_version again (v1): its snapshot is taken now.
 *
 * data_version changes when a connection's new read finds that another
 * has committed since its last (for WAL, a changed WAL header; for a
 * rollback journal, a changed change counter). v0 == v1 then means no
 * commit fell between steps 1 and 3, and so none between the two
 * snapshots, taken in that span: they are the same state. When they differ
 * (a writer committed in that span of a millisecond or so), the checks run
 * in place on ft's connection, as they always did. A commit after step 3
 * is seen by neither. The second connection only reads (query_only, no
 * symbolic link followed, read-only or immutable when ft's is). It opens
 * the file by the name ft's connection did: whoever could put another file
 * in its place meanwhile could as well rewrite this one, which the seals
 * and the replay, on ft's connection, are there for. */
int sqlite_integrity_start(struct ft *ft, bool quick, struct db_check **job)
{
	sqlite3 *main_db = ft->conn;
	const char *path = sqlite3_db_filename(main_db, "main");
	struct db_check *c = calloc(1, sizeof *c);
	/* read-write when ft's is: SQLite reads no CHECK constraint of a
	 * read-only database, and so integrity_check checks none there (nor
	 * on ft's own connection when the file is read-only to us) */
	int flags = (sqlite3_db_readonly(main_db, "main") ? SQLITE_OPEN_READONLY
		     : SQLITE_OPEN_READWRITE) | SQLITE_OPEN_NOMUTEX |
		    SQLITE_OPEN_NOFOLLOW;
	char *uri = NULL;
	int64_t v0 = -1, v1 = -2;

	*job = NULL;
	if (c == NULL || path == NULL || *path == '\0')
		goto in_place;
	c->quick = quick;
	if (sqlite3_uri_boolean(path, "immutable", 0)) {
		uri = sqlite_immutable_uri(path);
		flags |= SQLITE_OPEN_URI;
		if (uri == NULL)
			goto in_place;
	}
	if (sqlite3_open_v2(uri ? uri : path, &c->db, flags, NULL) != SQLITE_OK)
		goto in_place;
	sqlite3_busy_timeout(c->db, ft->busy_timeout_ms);
	if (sqlite3_exec(c->db, "PRAGMA query_only = ON", NULL, NULL, NULL) !=
	    SQLITE_OK)
		goto in_place;
	v0 = data_version(c->db);
	if (data_version(main_db) < 0 ||
	    sqlite3_exec(c->db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK)
		goto in_place;
	v1 = data_version(c->db);
	if (v0 < 0 || v0 != v1)
		goto in_place;
	free(uri);
	c->threaded = pthread_create(&c->thread, NULL, check_run, c) == 0;
	if (!c->threaded)
		check_run(c);
	*job = c;
	/* (told after integrity_check's failure, as before: finish() tells
	 * that one first) */
	return foreign_key_check(ft);
in_place:
	free(uri);
	if (c != NULL)
		sqlite3_close(c->db);
	free(c);
	return sqlite_integrity(ft, quick);
}

int sqlite_integrity_finish(struct ft *ft, struct db_check *c)
{
	int rc = FT_OK;

	if (c == NULL)
		return FT_OK;
	if (c->threaded)
		pthread_join(c->thread, NULL);
	if (c->failed && c->found[0])
		rc = ft_fail(ft, FT_DBERR, "%s", c->found);
	else if (c->failed)
		rc = db_fail_fault(ft, c->fault, c->message, c->what);
	sqlite3_close(c->db);
	free(c);
	return rc;
}
