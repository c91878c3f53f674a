/* ftrack core: opening a database, the context every call takes, and the
 * status codes the core returns. The core never prints and never exits: it
 * returns a status and leaves a one-line message in ft_error(). */
#ifndef FTRACK_FTRACK_H
#define FTRACK_FTRACK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define FTRACK_VERSION "0.1.0"

/* Statuses, equal to the command line's exit codes. */
enum ft_status {
	FT_OK = 0,
	FT_REFUSED = 1,	/* invalid value, unknown or duplicate name, rule refusal */
	FT_USAGE = 2,	/* unknown command or option, missing argument */
	FT_DBERR = 3	/* cannot open, locked, newer schema, not ftrack's, corrupt */
};

enum ft_lang { FT_LANG_EN, FT_LANG_ES };

struct ft;

struct stat;

/* Flags for ft_open(). */
#define FT_OPEN_CREATE 0x1	/* init: create the file (and its folders) if
				 * missing, or take over an empty one */
#define FT_OPEN_MEMORY 0x2	/* path is ignored; an in-memory database */

/* Opens (creating with FT_OPEN_CREATE) and migrates the database at path:
 * a PostgreSQL database when path is a connection string (ft_is_conninfo(),
 * FT_OPEN_CREATE then makes an empty database ftrack's), else a SQLite
 * file, never through a symbolic link, and only a regular file; without
 * FT_OPEN_CREATE a missing or empty file is refused. A file or folder that
 * is not writable is opened read-only: reads work, writes fail saying why.
 * On success *out is a context to free with ft_close(). On failure *out is
 * NULL, the status is returned and a message is written to err. */
int ft_open(struct ft **out, const char *path, unsigned flags,
	    int busy_timeout_ms, char *err, size_t errlen);
void ft_close(struct ft *ft);
/* Whether a --db names a PostgreSQL database: a postgresql:// or
 * postgres:// URL, or libpq's keyword=value form ("service=team"). */
bool ft_is_conninfo(const char *target);

/* 1 when st (from stat or lstat) is the open database's file or its -wal,
 * -shm or -journal (same device and inode, whatever the name), else 0. */
int ft_is_database_file(struct ft *ft, const struct stat *st);

/* The actor ("who") and the clock ("at", ISO 8601 UTC) of the changes made
 * through ft. now NULL means the system clock. Return FT_REFUSED on a bad
 * value. */
int ft_set_actor(struct ft *ft, const char *actor);
/* The actor when none was asked for: on PostgreSQL the authenticated
 * database role (ft_set_actor() refuses another name there unless the role
 * is one of the tables' owner's), on SQLite login. */
int ft_set_default_actor(struct ft *ft, const char *login);
int ft_set_now(struct ft *ft, const char *iso8601);
void ft_set_lang(struct ft *ft, enum ft_lang lang);

const char *ft_actor(const struct ft *ft);
const char *ft_now(const struct ft *ft);
enum ft_lang ft_lang(const struct ft *ft);

/* Warnings (the playbook's advice on a change that is still made) go to
 * fn with arg, one message at a time, in the context's language. */
typedef void (*ft_warn_fn)(void *arg, const char *message);
void ft_set_warn(struct ft *ft, ft_warn_fn fn, void *arg);

/* The summary, in the context's language, of what the last status change
 * made or found already recorded ("Contoso / Yammer: In Progress,
 * Adoption"); "" when none. */
const char *ft_summary(const struct ft *ft);

/* The text of key in the text table ("msg.customer_added") in the
 * context's language, else in English, else key itself; valid until
 * ft_close(). */
const char *ft_text(struct ft *ft, const char *key);

/* The same with each %s replaced by the next of args (a template is data,
 * never a printf format), in a new string to free with free(); NULL when
 * out of memory. */
char *ft_text_fill(struct ft *ft, const char *key, const char *const *args,
		   int nargs);

/* The message of the last failed call ("" when none). */
const char *ft_error(const struct ft *ft);

/* The underlying SQLite handle, for tests and tools. */
struct sqlite3 *ft_sqlite(struct ft *ft);

/* Where the database is: flag (--db) when not NULL, else $FTRACK_DB, else
 * $XDG_DATA_HOME/ftrack/ftrack.db, else ~/.local/share/ftrack/ftrack.db.
 * Returns a string to free with free(), or NULL when no home is known. */
char *ft_db_path(const char *flag);

/* Schema version of this binary (the number of embedded migrations). */
int ft_schema_version(void);
/* The version of the SQLite library in use. */
const char *ft_sqlite_version(void);

/* A row of a listing: ncol names and values (NULL for no value). Return
 * FT_OK to go on, anything else to stop: the core then returns that status. */
typedef int (*ft_row_fn)(void *arg, int ncol, const char *const *names,
			 const char *const *values);

/* How a listing is produced:
 *   FT_SHAPE_TABLE    rows of labels in the context's language
 *   FT_SHAPE_JSON     one column "json", one JSON object per row (codes)
 *   FT_SHAPE_CSV      rows of codes, each with its label beside it, ISO times
 *   FT_SHAPE_SUMMARY  the playbook's update-summary table (history only)
 *   FT_SHAPE_FIELDS   one row per changed field (history only)
 *   FT_SHAPE_CHANGES  one row per changed field, as labels (history only) */
enum ft_shape {
	FT_SHAPE_TABLE, FT_SHAPE_JSON, FT_SHAPE_CSV, FT_SHAPE_SUMMARY,
	FT_SHAPE_FIELDS, FT_SHAPE_CHANGES
};

#endif
