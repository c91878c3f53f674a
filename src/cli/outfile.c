/* Files that commands write with --output (history's exports, the report):
 * through a temporary file, so that a failed write leaves none. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"

int outfile_open(struct app *app, struct outfile *o, const char *path,
		 bool force)
{
	struct stat st;
	mode_t mask;
	int fd;

	o->path = path;
	/* a connection string names a database, never a file to write */
	if (ft_is_conninfo(path)) {
		char *db = ft_db_path(app->db_flag);

		cli_error("'%s' is %s connection string, not a file; refusing "
			  "to write to it", cli_quote(path),
			  db && strcmp(db, path) == 0 ? "the database's"
			  : "a database");
		free(db);
		return FT_REFUSED;
	}
	if (lstat(path, &st) == 0) {
		if (!force) {
			cli_error("'%s' already exists; use --force to "
				  "overwrite it", cli_quote(path));
			return FT_REFUSED;
		}
		/* --force replaces an export, never anything else */
		if (!S_ISREG(st.st_mode)) {
			cli_error("'%s' is not a regular file; --force replaces "
				  "only one", cli_quote(path));
			return FT_REFUSED;
		}
		if (ft_is_database_file(app->ft, &st)) {
			cli_error("'%s' is the database or one of its files; "
				  "refusing to replace it", cli_quote(path));
			return FT_REFUSED;
		}
	}
	if ((o->tmp = malloc(strlen(path) + 8)) == NULL)
		return FT_DBERR;
	snprintf(o->tmp, strlen(path) + 8, "%s.XXXXXX", path);
	if ((fd = mkstemp(o->tmp)) < 0) {
		cli_error("cannot write '%s': %s", cli_quote(path),
			  strerror(errno));
		free(o->tmp);
		o->tmp = NULL;
		return FT_REFUSED;
	}
	/* mkstemp makes 0600; give the file the usual mode. */
	mask = umask(0);
	umask(mask);
	fchmod(fd, 0666 & ~mask);
	if ((o->f = fdopen(fd, "w")) == NULL) {
		cli_error("cannot write '%s': %s", cli_quote(path),
			  strerror(errno));
		close(fd);
		unlink(o->tmp);
		free(o->tmp);
		o->tmp = NULL;
		return FT_DBERR;
	}
	return FT_OK;
}

int outfile_close(struct outfile *o, bool ok, bool force)
{
	int rc = FT_OK;

	if (o->f == NULL)
		return FT_OK;
	if (ok && (fflush(o->f) != 0 || ferror(o->f) ||
		   fsync(fileno(o->f)) != 0)) {
		cli_error("cannot write '%s': %s", cli_quote(o->path),
			  strerror(errno));
		ok = false;
		rc = FT_REFUSED;
	}
	fclose(o->f);
	if (ok) {
		if (force ? rename(o->tmp, o->path) != 0
			  : link(o->tmp, o->path) != 0) {
			cli_error("cannot write '%s': %s", cli_quote(o->path),
				  errno == EEXIST ? "it exists (use --force)"
						  : strerror(errno));
			rc = FT_REFUSED;
		}
	}
	unlink(o->tmp);
	free(o->tmp);
	return rc;
}

