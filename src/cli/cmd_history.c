/* ftrack history: the audit history, and its exports. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "ftrack/history.h"

/* An export written to a temporary file beside its target, then moved into
 * place: a failed export leaves no half file, and without --force an
 * existing file is never replaced (link() refuses to). */
struct output {
	const char *path;
	char *tmp;
	FILE *f;
};

static int output_open(struct app *app, struct output *o, const char *path,
		       bool force)
{
	struct stat st;
	mode_t mask;
	int fd;

	o->path = path;
	if (lstat(path, &st) == 0) {
		if (!force) {
			cli_error("'%s' already exists; use --force to "
				  "overwrite it", path);
			return FT_REFUSED;
		}
		/* --force replaces an export, never anything else */
		if (!S_ISREG(st.st_mode)) {
			cli_error("'%s' is not a regular file; --force replaces "
				  "only one", path);
			return FT_REFUSED;
		}
		if (ft_is_database_file(app->ft, &st)) {
			cli_error("'%s' is the database or one of its files; "
				  "refusing to replace it", path);
			return FT_REFUSED;
		}
	}
	if ((o->tmp = malloc(strlen(path) + 8)) == NULL)
		return FT_DBERR;
	snprintf(o->tmp, strlen(path) + 8, "%s.XXXXXX", path);
	if ((fd = mkstemp(o->tmp)) < 0) {
		cli_error("cannot write '%s': %s", path, strerror(errno));
		free(o->tmp);
		o->tmp = NULL;
		return FT_REFUSED;
	}
	/* mkstemp makes 0600; give the file the usual mode. */
	mask = umask(0);
	umask(mask);
	fchmod(fd, 0666 & ~mask);
	o->f = fdopen(fd, "w");
	return FT_OK;
}

/* Moves the written file into place when ok, else removes it. */
static int output_close(struct output *o, bool ok, bool force)
{
	int rc = FT_OK;

	if (o->f == NULL)
		return FT_OK;
	if (ok && (fflush(o->f) != 0 || ferror(o->f) ||
		   fsync(fileno(o->f)) != 0)) {
		cli_error("cannot write '%s': %s", o->path, strerror(errno));
		ok = false;
		rc = FT_REFUSED;
	}
	fclose(o->f);
	if (ok) {
		if (force ? rename(o->tmp, o->path) != 0
			  : link(o->tmp, o->path) != 0) {
			cli_error("cannot write '%s': %s", o->path,
				  errno == EEXIST ? "it exists (use --force)"
						  : strerror(errno));
			rc = FT_REFUSED;
		}
	}
	unlink(o->tmp);
	free(o->tmp);
	return rc;
}

/* ftrack history show ID: one change set, then its field changes. */
static int history_show(int argc, char **argv, struct app *app)
{
	struct ft_history_filter filter = {0};
	enum fmt format;
	struct sink sink;
	int rc;

	if (cli_list_format(argc, argv, app, FMT_TABLE | FMT_MD | FMT_CSV |
			    FMT_JSON, &format) != FT_OK ||
	    !cli_positional(app, argc, argv, 1, 1))
		return FT_USAGE;
	if ((filter.id = cli_changeset_id(argv[optind])) <= 0)
		return FT_REFUSED;
	if ((rc = ft_history_exists(app->ft, filter.id)) != FT_OK)
		return cli_fail(app, rc);
	if (format == FMT_JSON || format == FMT_CSV) {
		/* the change set as the exports carry it */
		rc = sink_open(&sink, format, stdout);
		if (rc == FT_OK)
			rc = ft_history(app->ft, &filter, format == FMT_CSV
					? FT_SHAPE_FIELDS : FT_SHAPE_JSON,
					sink_row, &sink);
		if (rc == FT_OK)
			sink_close(&sink, NULL);
		else
			table_free(sink.table);
		return rc == FT_OK ? FT_OK : cli_fail(app, rc);
	}
	/* the change set as a record, then its changes as a table */
	rc = sink_open(&sink, format, stdout);
	sink.records = 2;
	if (rc == FT_OK)
		rc = ft_history(app->ft, &filter, FT_SHAPE_TABLE, sink_row, &sink);
	if (rc == FT_OK)
		sink_close(&sink, NULL);
	else
		table_free(sink.table);
	if (rc == FT_OK)
		rc = sink_open(&sink, format, stdout);
	if (rc == FT_OK) {
		putchar('\n');
		rc = ft_history(app->ft, &filter, FT_SHAPE_CHANGES, sink_row,
				&sink);
		if (rc == FT_OK)
			sink_close(&sink, "(no field changes)");
		else
			table_free(sink.table);
	}
	return rc == FT_OK ? FT_OK : cli_fail(app, rc);
}

int cmd_history(int argc, char **argv, struct app *app)
{
	static const struct option opts[] = {
		{"workload", required_argument, NULL, 'w'},
		{"since", required_argument, NULL, 's'},
		{"until", required_argument, NULL, 'u'},
		{"who", required_argument, NULL, 'W'},
		{"format", required_argument, NULL, 'f'},
		{"fields", no_argument, NULL, 'F'},
		{"output", required_argument, NULL, 'o'},
		{"force", no_argument, NULL, 'x'},
		{0},
	};
	struct ft_history_filter filter = {0};
	struct output out = {0};
	struct sink sink;
	enum fmt format = FMT_TABLE;
	enum ft_shape shape;
	const char *file = NULL;
	bool fields = false, force = false;
	int c, rc;

	/* "history show 12"; "history show" alone is a customer's */
	if (argc >= 3 && strcmp(argv[1], "show") == 0 &&
	    strspn(argv[2], "0123456789") > 0)
		return history_show(argc - 1, argv + 1, app);

	while ((c = cli_getopt(app, argc, argv, ":", opts)) != -1) {
		switch (c) {
		case 'w': filter.workload = optarg; break;
		case 's': filter.since = optarg; break;
		case 'u': filter.until = optarg; break;
		case 'W': filter.who = optarg; break;
		case 'F': fields = true; break;
		case 'o': file = optarg; break;
		case 'x': force = true; break;
		case 'f':
			format = cli_format(app, optarg, FMT_TABLE | FMT_MD |
					    FMT_CSV | FMT_JSON);
			if (!format)
				return FT_USAGE;
			break;
		default:
			return FT_USAGE;
		}
	}
	if (!cli_positional(app, argc, argv, 0, 1))
		return FT_USAGE;
	if (fields && format != FMT_CSV)
		return cli_usage(app, "--fields goes with --format csv");
	if (force && file == NULL)
		return cli_usage(app, "--force goes with --output <file>");
	filter.customer = optind < argc ? argv[optind] : NULL;
	shape = fields ? FT_SHAPE_FIELDS
		: format == FMT_MD ? FT_SHAPE_SUMMARY : fmt_shape(format);
	if (file != NULL && (rc = output_open(app, &out, file, force)) != FT_OK)
		return rc;
	if (file != NULL && out.f == NULL)
		return FT_DBERR;
	rc = sink_open(&sink, format, file ? out.f : stdout);
	if (rc == FT_OK)
		rc = ft_history(app->ft, &filter, shape, sink_row, &sink);
	if (rc == FT_OK)
		sink_close(&sink, "(no changes)");
	else
		table_free(sink.table);
	if (rc != FT_OK)
		cli_fail(app, rc);
	if (file != NULL) {
		int closed = output_close(&out, rc == FT_OK, force);

		if (rc == FT_OK)
			rc = closed;
	}
	return rc;
}
