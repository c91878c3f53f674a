/* Opening a database: creating it safely, refusing what is not ours or is
 * newer than this binary, and bringing an older one up to date. */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "db.h"
#include "migrations.h"
#include "seal.h"
#include "ftrack/text.h"

/* "FTRK": marks the file as ftrack's (PRAGMA application_id). */
#define FT_APPLICATION_ID 0x4654524b

int ft_fail(struct ft *ft, int status, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(ft->err, sizeof ft->err, fmt, ap);
	va_end(ap);
	return status;
}

int ft_schema_version(void)
{
	return ft_migration_count;
}

const char *ft_sqlite_version(void)
{
	return sqlite3_libversion();
}

/* Creates each missing folder of path's parent, mode 0700. */
static int make_parents(const char *path, char *err, size_t errlen)
{
	char *dir = strdup(path);
	int rc = FT_OK;

	if (dir == NULL) {
		snprintf(err, errlen, "out of memory");
		return FT_DBERR;
	}
	for (char *p = dir + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(dir, 0700) != 0 && errno != EEXIST) {
			snprintf(err, errlen, "cannot create folder '%s': %s",
				 dir, strerror(errno));
			rc = FT_DBERR;
			break;
		}
		*p = '/';
	}
	free(dir);
	return rc;
}

/* Refuses path when it is a symbolic link: ftrack creates the database and
 * SQLite its -wal and -shm files, and neither should land where a link
 * points. */
static int refuse_symlink(const char *path, char *err, size_t errlen)
{
	struct stat st;

	if (lstat(path, &st) == 0 && S_ISLNK(st.st_mode)) {
		snprintf(err, errlen, "'%s' is a symbolic link; ftrack does not "
			 "create files through one", path);
		return FT_DBERR;
	}
	return FT_OK;
}

/* Creates an empty database file, mode 0600, without following a symlink. */
static int create_file(const char *path, char *err, size_t errlen)
{
	int fd;

	if (make_parents(path, err, errlen) != FT_OK)
		return FT_DBERR;
	fd = open(path, O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
	if (fd < 0 && errno == EEXIST)
		return refuse_symlink(path, err, errlen);
	if (fd < 0) {
		snprintf(err, errlen, "cannot create database '%s': %s", path,
			 strerror(errno));
		return FT_DBERR;
	}
	close(fd);
	return FT_OK;
}

/* Refuses a -wal or -shm beside the database that is a symbolic link. */
static int check_companions(const char *path, char *err, size_t errlen)
{
	static const char *const suffixes[] = {"-wal", "-shm", "-journal"};
	char companion[4096];

	for (size_t i = 0; i < 3; i++) {
		snprintf(companion, sizeof companion, "%s%s", path, suffixes[i]);
		if (refuse_symlink(companion, err, errlen) != FT_OK)
			return FT_DBERR;
	}
	return FT_OK;
}

static int pragma_int(struct ft *ft, const char *sql, int *out)
{
	sqlite3_stmt *st = NULL;
	int rc = db_prepare(ft, &st, sql);

	if (rc == FT_OK) {
		int step = db_step(ft, st);

		if (step == SQLITE_ROW)
			*out = sqlite3_column_int(st, 0);
		else if (step < 0)
			rc = FT_DBERR;
	}
	db_release(st);
	return rc;
}

/* Applies every migration past the database's user_version, each in its own
 * transaction that also records the new version. */
static int migrate(struct ft *ft)
{
	int current = 0, rc = pragma_int(ft, "PRAGMA user_version", &current);

	/* Up to date, the usual case: no write lock, so that readers never
	 * wait for writers (nor writers for them). */
	if (rc != FT_OK || current >= ft_migration_count)
		return rc;
	for (;;) {
		int version = 0;
		char *sql;

		if ((rc = db_begin_write(ft)) != FT_OK)
			return rc;
		/* Read inside the transaction: another process may have
		 * migrated since we looked. */
		rc = pragma_int(ft, "PRAGMA user_version", &version);
		if (rc == FT_OK && version >= ft_migration_count)
			return db_end_write(ft, FT_OK);
		if (rc == FT_OK)
			rc = db_exec(ft, ft_migrations[version].sql);
		if (rc == FT_OK)
			rc = seal_after_migration(ft, ft_migrations[version].name);
		if (rc == FT_OK) {
			sql = sqlite3_mprintf("PRAGMA user_version = %d; "
					      "PRAGMA application_id = %d",
					      version + 1, FT_APPLICATION_ID);
			rc = sql ? db_exec(ft, sql)
				 : ft_fail(ft, FT_DBERR, "out of memory");
			sqlite3_free(sql);
		}
		if (rc != FT_OK) {
			char why[sizeof ft->err];

			snprintf(why, sizeof why, "%s", ft->err);
			ft_fail(ft, rc, "cannot apply migration %s: %s",
				ft_migrations[version].name, why);
		}
		if ((rc = db_end_write(ft, rc)) != FT_OK)
			return rc;
	}
}

/* Refuses a file that is not an ftrack database or is newer than us. */
static int check_identity(struct ft *ft, const char *path)
{
	int app = 0, version = 0, objects = 0, rc;

	rc = pragma_int(ft, "PRAGMA application_id", &app);
	if (rc == FT_OK)
		rc = pragma_int(ft, "PRAGMA user_version", &version);
	if (rc == FT_OK)
		rc = pragma_int(ft, "SELECT count(*) FROM sqlite_schema", &objects);
	if (rc != FT_OK) {
		if (sqlite3_errcode(ft->db) == SQLITE_NOTADB)
			return ft_fail(ft, FT_DBERR,
				       "'%s' is not a SQLite database", path);
		return rc;
	}
	if (app != FT_APPLICATION_ID && !(app == 0 && version == 0 &&
					   objects == 0))
		return ft_fail(ft, FT_DBERR,
			       "'%s' is a SQLite database but not an ftrack "
			       "database; refusing to touch it", path);
	if (version > ft_migration_count)
		return ft_fail(ft, FT_DBERR,
			       "database '%s' has schema version %d, newer than "
			       "this ftrack (%d); use a newer ftrack", path,
			       version, ft_migration_count);
	return FT_OK;
}

int ft_open(struct ft **out, const char *path, unsigned flags,
	    int busy_timeout_ms, char *err, size_t errlen)
{
	struct ft *ft = NULL;
	const char *target = (flags & FT_OPEN_MEMORY) ? ":memory:" : path;
	int rc = FT_OK, mode = 0;

	*out = NULL;
	if (!(flags & FT_OPEN_MEMORY)) {
		if ((rc = check_companions(path, err, errlen)) != FT_OK)
			return rc;
		if (access(path, F_OK) != 0) {
			if (!(flags & FT_OPEN_CREATE)) {
				snprintf(err, errlen, "no database at '%s'; "
					 "run 'ftrack init' to create one", path);
				return FT_DBERR;
			}
			if ((rc = create_file(path, err, errlen)) != FT_OK)
				return rc;
		}
		/* a dangling link: access() followed it and found nothing */
		if (access(path, F_OK) != 0 &&
		    (rc = refuse_symlink(path, err, errlen)) != FT_OK)
			return rc;
	}
	ft = calloc(1, sizeof *ft);
	if (ft == NULL) {
		snprintf(err, errlen, "out of memory");
		return FT_DBERR;
	}
	/* One connection per context, used by one thread: no mutexes. */
	mode = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX;
	if (sqlite3_open_v2(target, &ft->db, mode, NULL) != SQLITE_OK) {
		rc = ft_fail(ft, FT_DBERR, "cannot open database '%s': %s",
			     path, ft->db ? sqlite3_errmsg(ft->db) : "out of memory");
		goto cleanup;
	}
	sqlite3_extended_result_codes(ft->db, 0);
	sqlite3_busy_timeout(ft->db, busy_timeout_ms);
	ft->busy_timeout_ms = busy_timeout_ms;
	if ((rc = check_identity(ft, path)) != FT_OK)
		goto cleanup;
	if (!(flags & FT_OPEN_MEMORY) &&
	    (rc = db_exec(ft, "PRAGMA journal_mode = WAL")) != FT_OK)
		goto cleanup;
	if ((rc = db_exec(ft, "PRAGMA foreign_keys = ON")) != FT_OK)
		goto cleanup;
	if ((rc = labels_register(ft)) != FT_OK ||
	    (rc = aggregates_register(ft)) != FT_OK)
		goto cleanup;
	/* An import keeps a savepoint per row: its statement journal in a
	 * temporary file costs a write per page touched (measured: 27 writes
	 * a row); in memory it is a few KiB a row, freed at each release. */
	if ((rc = db_exec(ft, "PRAGMA temp_store = MEMORY")) != FT_OK)
		goto cleanup;

	/* From here on, each commit seals the change sets it writes. */
	if ((rc = migrate(ft)) == FT_OK)
		ft->seal_ready = 1;
cleanup:
	if (rc != FT_OK) {
		snprintf(err, errlen, "%s", ft->err);
		ft_close(ft);
		return rc;
	}
	*out = ft;
	return FT_OK;
}

void ft_close(struct ft *ft)
{
	if (ft == NULL)
		return;
	db_cache_clear(ft);
	sqlite3_close(ft->db);
	free(ft->actor);
	free(ft);
}

int ft_set_actor(struct ft *ft, const char *actor)
{
	const char *why = text_check_name(actor ? actor : "");
	char *copy;

	if (why != NULL)
		return ft_fail(ft, FT_REFUSED, "invalid actor name: %s", why);
	if ((copy = strdup(actor)) == NULL)
		return ft_fail(ft, FT_DBERR, "out of memory");
	free(ft->actor);
	ft->actor = copy;
	return FT_OK;
}

int ft_set_now(struct ft *ft, const char *iso8601)
{
	if (iso8601 == NULL) {
		ft->now[0] = '\0';
		return FT_OK;
	}
	if (!text_parse_time(iso8601, ft->now)) {
		ft->now[0] = '\0';
		return ft_fail(ft, FT_REFUSED, "invalid time '%s' (expected "
			       "ISO 8601, e.g. 2026-03-27T10:00:00Z)", iso8601);
	}
	return FT_OK;
}

void ft_set_lang(struct ft *ft, enum ft_lang lang)
{
	ft->lang = lang;
}

const char *ft_actor(const struct ft *ft)
{
	return ft->actor ? ft->actor : "unknown";
}

const char *ft_now(const struct ft *ft)
{
	return ft->now;
}

enum ft_lang ft_lang(const struct ft *ft)
{
	return ft->lang;
}

const char *ft_lang_code(const struct ft *ft)
{
	return ft->lang == FT_LANG_ES ? "es" : "en";
}

const char *ft_error(const struct ft *ft)
{
	return ft->err;
}

struct sqlite3 *ft_sqlite(struct ft *ft)
{
	return ft->db;
}

const char *ft_clock(struct ft *ft, char buf[21])
{
	time_t t;
	struct tm tm;

	if (ft->now[0] != '\0')
		return ft->now;
	t = time(NULL);
	gmtime_r(&t, &tm);
	strftime(buf, 21, "%Y-%m-%dT%H:%M:%SZ", &tm);
	return buf;
}
