/* The engine seam: what a database driver gives db.c. One driver a file
 * (sqlite.c, pg.c); no engine's API is called outside its driver. */
#ifndef FTRACK_DRIVER_H
#define FTRACK_DRIVER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core.h"
#include "db.h"
#include "ftrack/integrity.h"

/* A check running beside the connection's work (integrity_start). */
struct db_check;

/* Every driver's statement starts with this. */
struct db_stmt {
	const struct db_driver *drv;
	const char *sql;
};

struct db_driver {
	const char *name;
	int (*prepare)(struct ft *ft, const char *sql, struct db_stmt **out);
	void (*finalize)(struct db_stmt *st);
	/* back to before the first step, bindings cleared */
	void (*reset)(struct db_stmt *st);
	/* binds text (NULL: SQL NULL) or bytes to the parameter ":name";
	 * 0, or -1 when there is no such parameter, -2 on failure */
	int (*bind)(struct ft *ft, struct db_stmt *st, const char *name,
		    const char *text, const void *bytes, size_t len);
	int (*bind_int)(struct ft *ft, struct db_stmt *st, const char *name,
			int64_t value);
	bool (*has_param)(struct db_stmt *st, const char *name);
	/* DB_ROW, DB_DONE, or -1 with the engine's error kept */
	int (*step)(struct ft *ft, struct db_stmt *st);
	/* runs st whose answer can wait (db_queue()); NULL: db_run() */
	int (*queue)(struct ft *ft, struct db_stmt *st);
	/* waits for what queue sent: FT_OK or the first failure */
	int (*sync)(struct ft *ft);
	int (*ncols)(struct db_stmt *st);
	const char *(*col_name)(struct db_stmt *st, int i);
	const char *(*col_text)(struct db_stmt *st, int i);
	int64_t (*col_int)(struct db_stmt *st, int i);
	bool (*col_null)(struct db_stmt *st, int i);
	enum db_kind (*col_kind)(struct db_stmt *st, int i);
	const void *(*col_bytes)(struct db_stmt *st, int i, size_t *len);
	/* statements without parameters, one or several */
	int (*exec)(struct ft *ft, const char *sql);
	/* the outermost write transaction: taken, committed, dropped */
	int (*begin_write)(struct ft *ft);
	int (*commit)(struct ft *ft);
	void (*rollback)(struct ft *ft);
	/* a read transaction (one snapshot), and its end */
	int (*begin_read)(struct ft *ft);
	void (*end_read)(struct ft *ft);
	enum db_fault (*fault)(struct ft *ft);
	const char *(*message)(struct ft *ft);
	/* what a unique index refused, as "table.column" ("" when unknown) */
	const char *(*fault_key)(struct ft *ft);
	/* verify's checks of the engine's own: its integrity check, and the
	 * schema, rules and reference data against the migrations' */
	int (*integrity)(struct ft *ft, bool quick);
	/* the integrity check begun beside verify's others, first thing in
	 * its read transaction, before anything has read in it (NULL:
	 * integrity() in place); *job NULL when it ran in place after all;
	 * finish waits for it and tells its verdict */
	int (*integrity_start)(struct ft *ft, bool quick,
			       struct db_check **job);
	int (*integrity_finish)(struct ft *ft, struct db_check *job);
	int (*check_schema)(struct ft *ft);
	/* what keeps the history from being rewritten, for verify to say */
	int (*protections)(struct ft *ft, struct ft_verify_report *r);
	/* a consistent copy into a new file at path (NULL: ft_backup()
	 * copies the records into a new SQLite file) */
	int (*backup)(struct ft *ft, const char *path);
	/* the authenticated role and whether it may act for others, NULL
	 * where the engine has no roles */
	int (*session_role)(struct ft *ft, char *role, size_t len,
			    bool *for_others);
	/* tells the engine the context's language, NULL when tr() asks C */
	int (*set_lang)(struct ft *ft);
	void (*close)(struct ft *ft);
};

extern const struct db_driver db_sqlite;
extern const struct db_driver db_pg;

#endif
