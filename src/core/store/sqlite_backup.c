/* A consistent copy of the database while others write: SQLite's online
 * backup API, copying every page in one step so that the copy is one
 * snapshot (in WAL mode this holds a read transaction, which does not
 * block writers). */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "db.h"
#include "sqlite.h"

int sqlite_backup(struct ft *ft, const char *path)
{
	sqlite3 *dest = NULL;
	sqlite3_backup *b;
	int fd, rc = FT_OK, step;

	/* Created here, 0600, never through a symlink nor over a file. */
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
		  0600);
	if (fd < 0)
		return ft_fail(ft, FT_REFUSED, "cannot create '%s': %s", path,
			       errno == EEXIST ? "it exists" : strerror(errno));
	close(fd);
	if (sqlite3_open_v2(path, &dest, SQLITE_OPEN_READWRITE, NULL) !=
	    SQLITE_OK) {
		rc = ft_fail(ft, FT_DBERR, "cannot open '%s': %s", path,
			     dest ? sqlite3_errmsg(dest) : "out of memory");
		goto cleanup;
	}
	if ((b = sqlite3_backup_init(dest, "main", (sqlite3 *)ft->conn, "main")) == NULL) {
		rc = ft_fail(ft, FT_DBERR, "cannot back up to '%s': %s", path,
			     sqlite3_errmsg(dest));
		goto cleanup;
	}
	/* The busy handler does not apply here: retry a locked source. */
	for (int tries = 0; tries < 500; tries++) {
		step = sqlite3_backup_step(b, -1);
		if (step != SQLITE_BUSY && step != SQLITE_LOCKED)
			break;
		sqlite3_sleep(10);
	}
	if (sqlite3_backup_finish(b) != SQLITE_OK || step != SQLITE_DONE)
		rc = ft_fail(ft, FT_DBERR, "cannot back up to '%s': %s", path,
			     sqlite3_errmsg(dest));
cleanup:
	sqlite3_close(dest);
	if (rc != FT_OK)
		unlink(path);
	return rc;
}
