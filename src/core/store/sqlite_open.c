/* Opening a database: creating it safely, refusing what is not ours or is
 * newer than this binary, and bringing an older one up to date. */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "db.h"
#include "driver.h"
#include "migrations.h"
#include "reference.h"
#include "seal.h"
#include "sqlite.h"
#include "ftrack/text.h"

/* "FTRK": marks the file as ftrack's (PRAGMA application_id). */
#define FT_APPLICATION_ID 0x4654524b


/* What ft_open() found at the database's path. */
struct file_state {
	bool fresh;		/* created or taken over empty: init makes it ours */
	bool readonly;		/* opened read-only, for the reason in why */
	bool immutable;		/* read-only folder and no pending WAL */
	bool created;		/* ft_open() created the file */
	char why[600];
	char *real;		/* path with its folders' links resolved */
};

/* The command that creates the database at path, quoted for a shell when
 * it needs to be. */
static void init_hint(const char *path, char *out, size_t outlen)
{
	size_t used;

	if (*path && strspn(path, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMN"
			    "OPQRSTUVWXYZ0123456789/._-+,:@%") == strlen(path)) {
		snprintf(out, outlen, "ftrack --db %s init", path);
		return;
	}
	snprintf(out, outlen, "ftrack --db '");
	for (const char *p = path; *p && (used = strlen(out)) + 8 < outlen; p++)
		snprintf(out + used, outlen - used, "%s",
			 *p == '\'' ? "'\\''" : (char[2]){*p, '\0'});
	used = strlen(out);
	snprintf(out + used, outlen - used, "' init");
}

/* Removes the folders make_parents() created for path: those whose name is
 * at least `from` bytes long (0: none). */
static void remove_parents(const char *path, size_t from)
{
	char *dir = from ? strdup(path) : NULL;
	char *slash;

	while (dir != NULL && (slash = strrchr(dir, '/')) != NULL &&
	       (size_t)(slash - dir) >= from) {
		*slash = '\0';
		rmdir(dir);
	}
	free(dir);
}

/* Creates each missing folder of path's parent, mode 0700; *from is the
 * length of the first one created (0 when none was), for remove_parents().
 * On failure removes what it created. */
static int make_parents(const char *path, size_t *from, char *err,
			size_t errlen)
{
	char *dir = strdup(path);
	int rc = FT_OK;

	*from = 0;
	if (dir == NULL) {
		snprintf(err, errlen, "out of memory");
		return FT_DBERR;
	}
	for (char *p = dir + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(dir, 0700) == 0) {
			if (*from == 0)
				*from = (size_t)(p - dir);
		} else if (errno != EEXIST) {
			snprintf(err, errlen, "cannot create folder '%s': %s",
				 dir, strerror(errno));
			rc = FT_DBERR;
			break;
		}
		*p = '/';
	}
	free(dir);
	if (rc != FT_OK)
		remove_parents(path, *from);
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

/* Creates an empty database file, mode 0600, without following a symlink;
 * on failure leaves no folder it made behind. */
static int create_file(const char *path, char *err, size_t errlen)
{
	size_t from = 0;
	int fd;

	if (make_parents(path, &from, err, errlen) != FT_OK)
		return FT_DBERR;
	fd = open(path, O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
	if (fd < 0 && errno == EEXIST)
		return refuse_symlink(path, err, errlen);
	if (fd < 0) {
		snprintf(err, errlen, "cannot create database '%s': %s", path,
			 strerror(errno));
		remove_parents(path, from);
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

static const char *file_kind(mode_t mode)
{
	return S_ISDIR(mode) ? "a folder" : S_ISFIFO(mode) ? "a FIFO"
		: S_ISCHR(mode) || S_ISBLK(mode) ? "a device"
		: S_ISSOCK(mode) ? "a socket" : "not a regular file";
}

/* Decides, for a database file that exists and is not empty, whether it is
 * opened read-write or read-only: read-only when the file or its folder is
 * not writable (readers still work). In a read-only folder SQLite cannot
 * make the -shm file a WAL reader needs: without a -wal the file is read as
 * immutable, with one it cannot be read. */
static int check_writable(const char *path, struct file_state *fs, char *err,
			  size_t errlen)
{
	char *dir = strdup(path), *slash, wal[4096], shm[4096];
	struct stat st;
	bool file_ok, dir_ok;
	int rc = FT_OK;

	if (dir == NULL) {
		snprintf(err, errlen, "out of memory");
		return FT_DBERR;
	}
	if ((slash = strrchr(dir, '/')) == NULL)
		snprintf(dir, strlen(dir) + 1, ".");
	else
		slash[slash == dir] = '\0';
	if (faccessat(AT_FDCWD, path, R_OK, AT_EACCESS) != 0) {
		snprintf(err, errlen, "cannot read '%s': %s", path,
			 strerror(errno));
		rc = FT_DBERR;
		goto cleanup;
	}
	file_ok = faccessat(AT_FDCWD, path, W_OK, AT_EACCESS) == 0;
	dir_ok = faccessat(AT_FDCWD, dir, W_OK | X_OK, AT_EACCESS) == 0;
	if (file_ok && dir_ok)
		goto cleanup;
	fs->readonly = true;
	if (!file_ok)
		snprintf(fs->why, sizeof fs->why, "'%s' is read-only", path);
	else
		snprintf(fs->why, sizeof fs->why, "its folder '%s' is read-only",
			 dir);
	if (dir_ok)
		goto cleanup;
	snprintf(wal, sizeof wal, "%s-wal", path);
	snprintf(shm, sizeof shm, "%s-shm", path);
	if (lstat(wal, &st) != 0 || st.st_size == 0) {
		fs->immutable = true;
	} else if (lstat(shm, &st) != 0) {
		snprintf(err, errlen, "cannot read '%s': its folder '%s' is "
			 "read-only and its write-ahead log '%s' holds changes "
			 "not yet in it; open it once with write access to the "
			 "folder", path, dir, wal);
		rc = FT_DBERR;
	}
cleanup:
	free(dir);
	return rc;
}

/* The checks before SQLite sees path: no symbolic link (the file or its
 * companions), a regular file; only init (FT_OPEN_CREATE) creates one or
 * takes over an empty one (made 0600); read-write or read-only. */
static int check_file(const char *path, unsigned flags, struct file_state *fs,
		      char *err, size_t errlen)
{
	char hint[4200];
	struct stat st;
	int rc, fd;

	if ((rc = check_companions(path, err, errlen)) != FT_OK)
		return rc;
	init_hint(path, hint, sizeof hint);
	if (lstat(path, &st) != 0) {
		if (errno != ENOENT && errno != ENOTDIR) {
			snprintf(err, errlen, "cannot open database '%s': %s",
				 path, strerror(errno));
			return FT_DBERR;
		}
		if (!(flags & FT_OPEN_CREATE)) {
			snprintf(err, errlen, "no database at '%s'; create one "
				 "with: %s", path, hint);
			return FT_DBERR;
		}
		if ((rc = create_file(path, err, errlen)) == FT_OK)
			fs->fresh = fs->created = true;
		return rc;
	}
	if (S_ISLNK(st.st_mode) && (flags & FT_OPEN_CREATE))
		return refuse_symlink(path, err, errlen);
	if (S_ISLNK(st.st_mode)) {
		snprintf(err, errlen, "'%s' is a symbolic link; ftrack does not "
			 "open a database through one", path);
		return FT_DBERR;
	}
	if (!S_ISREG(st.st_mode)) {
		snprintf(err, errlen, "'%s' is %s, not a database file", path,
			 file_kind(st.st_mode));
		return FT_DBERR;
	}
	if (st.st_size > 0)
		return check_writable(path, fs, err, errlen);
	if (!(flags & FT_OPEN_CREATE)) {
		snprintf(err, errlen, "'%s' is an empty file, not an ftrack "
			 "database; make it one with: %s", path, hint);
		return FT_DBERR;
	}
	fd = open(path, O_RDWR | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0 || fchmod(fd, 0600) != 0) {
		snprintf(err, errlen, "cannot take over the empty file '%s': %s",
			 path, strerror(errno));
		rc = FT_DBERR;
	}
	if (fd >= 0)
		close(fd);
	fs->fresh = true;
	return rc;
}

/* path with the links in its folders resolved (realpath of the folder),
 * its last part as it is: SQLite's SQLITE_OPEN_NOFOLLOW refuses a link
 * anywhere in the path, and only the file itself must not be one. NULL
 * when out of memory or the folder cannot be resolved. */
static char *resolve_folder(const char *path)
{
	const char *slash = strrchr(path, '/');
	char *dir, *real, *out = NULL;

	if (slash == NULL)
		dir = strdup(".");
	else
		dir = strndup(path, slash == path ? 1 : (size_t)(slash - path));
	real = dir ? realpath(dir, NULL) : NULL;
	if (real != NULL)
		out = str_printf("%s/%s", strcmp(real, "/") ? real : "",
				      slash ? slash + 1 : path);
	free(real);
	free(dir);
	return out;
}

/* A file: URI for path, read-only and immutable (percent-encoding what a
 * URI would take otherwise); NULL when out of memory. */
char *sqlite_immutable_uri(const char *path)
{
	struct strbuf *s = strbuf_new();

	strbuf_add(s, path[0] == '/' ? "file://" : "file:");
	for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
		if (*p == '%' || *p == '?' || *p == '#' || *p <= 0x20 ||
		    *p >= 0x7f)
			strbuf_addf(s, "%%%02X", *p);
		else
			strbuf_addch(s, 1, (char)*p);
	}
	strbuf_add(s, "?immutable=1");
	return strbuf_finish(s);
}

int ft_is_database_file(struct ft *ft, const struct stat *st)
{
	static const char *const suffixes[] = {"", "-wal", "-shm", "-journal"};
	const char *db = ft->drv == &db_sqlite
		? sqlite3_db_filename((sqlite3 *)ft->conn, "main") : NULL;
	char path[4200];
	struct stat other;

	for (size_t i = 0; db != NULL && *db && i < 4; i++) {
		snprintf(path, sizeof path, "%s%s", db, suffixes[i]);
		if (stat(path, &other) == 0 && other.st_dev == st->st_dev &&
		    other.st_ino == st->st_ino)
			return 1;
	}
	return 0;
}

static int pragma_int(struct ft *ft, const char *sql, int *out)
{
	struct db_stmt *st = NULL;
	int rc = db_prepare(ft, &st, sql);

	if (rc == FT_OK) {
		int step = db_step(ft, st);

		if (step == DB_ROW)
			*out = (int)db_col_int(st, 0);
		else if (step < 0)
			rc = FT_DBERR;
	}
	db_release(st);
	return rc;
}

/* Refuses to commit a migration that leaves a foreign key dangling. */
static int check_foreign_keys(struct ft *ft)
{
	struct db_stmt *st = NULL;
	int rc = db_prepare(ft, &st, "PRAGMA foreign_key_check");

	if (rc == FT_OK && db_step(ft, st) == DB_ROW)
		rc = ft_fail(ft, FT_DBERR, "%s row %lld refers to a missing %s",
			     db_col_text(st, 0),
			     (long long)db_col_int(st, 1),
			     db_col_text(st, 2));
	db_release(st);
	return rc;
}

static int apply_migrations(struct ft *ft)
{
	int rc;

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
			sql = str_printf("PRAGMA user_version = %d; "
					      "PRAGMA application_id = %d",
					      version + 1, FT_APPLICATION_ID);
			rc = sql ? db_exec(ft, sql)
				 : ft_fail(ft, FT_DBERR, "out of memory");
			free(sql);
		}
		if (rc == FT_OK)
			rc = check_foreign_keys(ft);
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

/* Applies every migration past the database's user_version, each in its own
 * transaction that also records the new version. Foreign keys are off
 * meanwhile, so that a migration can rebuild a table others refer to (the
 * procedure of SQLite's ALTER TABLE page); each is checked before it
 * commits. */
static int migrate(struct ft *ft)
{
	int current = 0, rc = pragma_int(ft, "PRAGMA user_version", &current);

	/* Up to date, the usual case: no write lock, so that readers never
	 * wait for writers (nor writers for them). */
	if (rc != FT_OK || current >= ft_migration_count)
		return rc;
	if ((rc = db_exec(ft, "PRAGMA foreign_keys = OFF")) != FT_OK)
		return rc;
	rc = apply_migrations(ft);
	if (db_exec(ft, "PRAGMA foreign_keys = ON") != FT_OK && rc == FT_OK)
		rc = FT_DBERR;
	return rc;
}

/* True when the database's schema is the one the first `version`
 * migrations build: its user_version was written by ftrack, not by hand. */
static bool schema_matches(struct ft *ft, int version)
{
	static const char SCHEMA_SQL[] = "SELECT group_concat(type || ' ' || "
		"name || ' ' || coalesce(sql, ''), char(10)) FROM (SELECT * FROM "
		"sqlite_schema WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name)";
	sqlite3 *mem = NULL;
	sqlite3_stmt *want = NULL;
	struct db_stmt *st = NULL;
	bool same = false;

	if (reference_build(version, &mem) != FT_OK)
		goto cleanup;
	if (sqlite3_prepare_v2(mem, SCHEMA_SQL, -1, &want, NULL) != SQLITE_OK ||
	    db_prepare(ft, &st, SCHEMA_SQL) != FT_OK)
		goto cleanup;
	if (sqlite3_step(want) == SQLITE_ROW && db_step(ft, st) == DB_ROW) {
		const char *w = (const char *)sqlite3_column_text(want, 0);

		same = strcmp(db_col_text(st, 0) ? db_col_text(st, 0) : "",
			      w ? w : "") == 0;
	}
cleanup:
	db_release(st);
	sqlite3_finalize(want);
	sqlite3_close(mem);
	return same;
}

/* Refuses a file that is not an ftrack database, is newer than us, or has a
 * user_version that this ftrack did not write. Only a fresh file (created
 * or taken over empty by init) may be without ftrack's application_id. */
static int check_identity(struct ft *ft, const char *path, bool fresh)
{
	int app = 0, version = 0, objects = 0, rc, code = SQLITE_OK;
	bool altered = false;

	/* one read transaction: another process may be migrating */
	if ((rc = db_exec(ft, "BEGIN")) != FT_OK)
		goto done;
	rc = pragma_int(ft, "PRAGMA application_id", &app);
	if (rc == FT_OK)
		rc = pragma_int(ft, "PRAGMA user_version", &version);
	if (rc == FT_OK)
		rc = pragma_int(ft, "SELECT count(*) FROM sqlite_schema", &objects);
	if (rc == FT_OK && app == FT_APPLICATION_ID && version < ft_migration_count)
		altered = version == 0 || !schema_matches(ft, version);
	/* what failed, before COMMIT sets another error code */
	code = rc != FT_OK ? sqlite3_errcode((sqlite3 *)ft->conn) : SQLITE_OK;
	sqlite3_exec((sqlite3 *)ft->conn, "COMMIT", NULL, NULL, NULL);
done:
	if (rc != FT_OK) {
		if (code == SQLITE_NOTADB || sqlite3_errcode((sqlite3 *)ft->conn) ==
		    SQLITE_NOTADB)
			return ft_fail(ft, FT_DBERR,
				       "'%s' is not a SQLite database", path);
		return rc;
	}
	if (app != FT_APPLICATION_ID && !(fresh && app == 0 && version == 0 &&
					   objects == 0))
		return ft_fail(ft, FT_DBERR,
			       "'%s' is a SQLite database but not an ftrack "
			       "database; refusing to touch it", path);
	if (version > ft_migration_count)
		return ft_fail(ft, FT_DBERR,
			       "database '%s' has schema version %d, newer than "
			       "this ftrack (%d); use a newer ftrack", path,
			       version, ft_migration_count);
	if (altered)
		return ft_fail(ft, FT_DBERR,
			       "'%s' is not a database this ftrack wrote, or one "
			       "altered by hand: its schema is not that of its "
			       "version (%d)", path, version);
	return FT_OK;
}

int sqlite_open(struct ft **out, const char *path, unsigned flags,
		int busy_timeout_ms, char *err, size_t errlen)
{
	struct ft *ft = NULL;
	struct file_state fs = {.fresh = (flags & FT_OPEN_MEMORY) != 0};
	const char *target = (flags & FT_OPEN_MEMORY) ? ":memory:" : path;
	char *uri = NULL;
	sqlite3 *db = NULL;
	int rc = FT_OK, mode = 0;

	*out = NULL;
	/* No count of the memory SQLite holds (ftrack reads none): keeping
	 * it takes a lock process-wide on every allocation, which verify's
	 * two threads (sqlite_check.c) would wait on. Only before SQLite is
	 * initialised: later calls change nothing. */
	sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
	if (!(flags & FT_OPEN_MEMORY) &&
	    (rc = check_file(path, flags, &fs, err, errlen)) != FT_OK)
		return rc;
	ft = calloc(1, sizeof *ft);
	if (ft == NULL) {
		snprintf(err, errlen, "out of memory");
		rc = FT_DBERR;
		goto cleanup;
	}
	if (!(flags & FT_OPEN_MEMORY) &&
	    (target = fs.real = resolve_folder(path)) == NULL) {
		rc = ft_fail(ft, FT_DBERR, "cannot open database '%s': %s", path,
			     strerror(errno));
		goto cleanup;
	}
	snprintf(ft->readonly_why, sizeof ft->readonly_why, "%s", fs.why);
	/* One connection per context, used by one thread: no mutexes. Never
	 * through a symbolic link, even one planted after the checks. */
	mode = (fs.readonly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE) |
	       SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_NOFOLLOW;
	if (fs.immutable) {
		if ((uri = sqlite_immutable_uri(fs.real)) == NULL) {
			rc = ft_fail(ft, FT_DBERR, "out of memory");
			goto cleanup;
		}
		target = uri;
		mode |= SQLITE_OPEN_URI;
	}
	ft->drv = &db_sqlite;
	if (sqlite3_open_v2(target, &db, mode, NULL) != SQLITE_OK) {
		rc = ft_fail(ft, FT_DBERR, "cannot open database '%s': %s",
			     path, db ? sqlite3_errmsg(db) : "out of memory");
		sqlite3_close(db);
		goto cleanup;
	}
	ft->conn = db;
	sqlite3_busy_timeout(db, busy_timeout_ms);
	ft->busy_timeout_ms = busy_timeout_ms;
	if ((rc = check_identity(ft, path, fs.fresh)) != FT_OK)
		goto cleanup;
	if ((rc = db_exec(ft, "PRAGMA foreign_keys = ON")) != FT_OK)
		goto cleanup;
	/* before migrate(): migration 0011 fills the name keys with fold() */
	if ((rc = sqlite_register(ft)) != FT_OK)
		goto cleanup;
	/* (where temporary storage lives is set by each transaction's kind:
	 * lite_begin_write, lite_begin_read) */

	/* From here on, each commit seals the change sets it writes. */
	if ((rc = migrate(ft)) == FT_OK)
		ft->seal_ready = 1;
	/* WAL once the first migration has made the file ftrack's: a new
	 * file killed mid-init is left empty (its rollback journal undoes
	 * it), never a SQLite file without ftrack's mark. */
	if (rc == FT_OK && !(flags & FT_OPEN_MEMORY) && !fs.readonly)
		rc = db_exec(ft, "PRAGMA journal_mode = WAL");
cleanup:
	free(uri);
	free(fs.real);
	if (rc != FT_OK) {
		struct stat st;

		if (ft != NULL)
			snprintf(err, errlen, "%s", ft->err);
		ft_close(ft);
		/* a file init made (or took over empty) and could not make a
		 * whole database of: as it was, with no companions left */
		if (fs.fresh && !(flags & FT_OPEN_MEMORY) &&
		    stat(path, &st) == 0) {
			static const char *const suffixes[] = {"-journal",
							       "-wal", "-shm"};
			char companion[4096];

			if (fs.created)
				unlink(path);
			else if (truncate(path, 0) != 0)
				(void)0;	/* left as SQLite left it */
			for (size_t i = 0; i < 3; i++) {
				snprintf(companion, sizeof companion, "%s%s",
					 path, suffixes[i]);
				unlink(companion);
			}
		}
		return rc;
	}
	*out = ft;
	return FT_OK;
}

