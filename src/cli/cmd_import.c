/* ftrack import: CSV files in, all or nothing. */
#include <errno.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "ftrack/import.h"

#define MAX_REPORTED 20

struct progress {
	const char *file;
	bool bar;		/* stderr is a terminal */
	struct timespec start, last;
	long reported;		/* refused rows reported (printed or not) */
	long warned;		/* warnings given (printed or not) */
};

static double seconds_since(const struct timespec *t)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (double)(now.tv_sec - t->tv_sec) +
	       (double)(now.tv_nsec - t->tv_nsec) / 1e9;
}

static void on_error(void *arg, long line, const char *why)
{
	struct progress *p = arg;

	if (p->reported++ >= MAX_REPORTED)
		return;
	if (p->bar)
		fputs("\r\033[K", stderr);
	cli_print(stderr, "%s:%ld: %s", p->file, line, why);
	fputc('\n', stderr);
}

static void on_warning(void *arg, long line, const char *message)
{
	struct progress *p = arg;

	if (p->warned++ >= MAX_REPORTED)
		return;
	if (p->bar)
		fputs("\r\033[K", stderr);
	cli_print(stderr, "%s:%ld: warning: %s", p->file, line, message);
	fputc('\n', stderr);
}

static void on_progress(void *arg, long rows)
{
	struct progress *p = arg;
	double elapsed = seconds_since(&p->start);

	if (!p->bar || seconds_since(&p->last) < 0.1)
		return;
	clock_gettime(CLOCK_MONOTONIC, &p->last);
	fputs("\r\033[K", stderr);
	cli_print(stderr, "%s: %ld rows, %.0f rows/s", p->file, rows,
		  elapsed > 0 ? (double)rows / elapsed : 0.0);
}

/* The delimiter named by --delimiter's value, 0 when it names none. */
static char delimiter_named(const char *name)
{
	if (!strcmp(name, "comma") || !strcmp(name, ","))
		return ',';
	if (!strcmp(name, "semicolon") || !strcmp(name, ";"))
		return ';';
	if (!strcmp(name, "tab") || !strcmp(name, "\\t") || !strcmp(name, "\t"))
		return '\t';
	return 0;
}

int cmd_import(int argc, char **argv, struct app *app)
{
	static const struct option opts[] = {
		{"delimiter", required_argument, NULL, 'd'},
		{"ignore-columns", no_argument, NULL, 'i'},
		{"dry-run", no_argument, NULL, 'n'},
		{0}
	};
	struct ft_import_result result;
	struct progress p = {0};
	struct ft_import_options opt = {.on_error = on_error,
		.on_warning = on_warning, .on_progress = on_progress,
		.arg = &p};
	enum ft_import_kind kind;
	FILE *in = stdin;
	char rows[24], changed[24], unchanged[24], refused[24];
	struct stat st;
	int c, rc, read_failed;

	while ((c = cli_getopt(app, argc, argv, ":", opts)) != -1) {
		switch (c) {
		case 'd':
			if ((opt.delimiter = delimiter_named(optarg)) == 0)
				return cli_usage(app, "unknown delimiter '%s' "
						 "(comma, semicolon or tab)",
						 cli_quote(optarg));
			break;
		case 'i': opt.ignore_columns = true; break;
		case 'n': opt.dry_run = true; break;
		default: return FT_USAGE;
		}
	}
	if (!cli_positional(app, argc, argv, 2, 2))
		return FT_USAGE;
	if (ft_import_kind(argv[optind], &kind) != FT_OK)
		return cli_usage(app, "unknown kind '%s' (customers, "
				 "subscriptions, statuses or declarations)",
				 cli_quote(argv[optind]));
	p.file = argv[optind + 1];
	if (strcmp(p.file, "-") != 0 && (in = fopen(p.file, "r")) == NULL) {
		cli_error("cannot read '%s': %s", cli_quote(p.file),
			  strerror(errno));
		return FT_REFUSED;
	}
	/* a folder opens, but reading it fails */
	if (in != stdin && fstat(fileno(in), &st) == 0 && S_ISDIR(st.st_mode)) {
		cli_error("cannot read '%s': %s", cli_quote(p.file),
			  strerror(EISDIR));
		fclose(in);
		return FT_REFUSED;
	}
	if (in == stdin)
		p.file = "stdin";
	p.bar = isatty(STDERR_FILENO);
	clock_gettime(CLOCK_MONOTONIC, &p.start);
	p.last = p.start;
	rc = ft_import(app->ft, kind, in, &opt, &result);
	read_failed = ferror(in);
	if (in != stdin)
		fclose(in);
	if (p.bar)
		fputs("\r\033[K", stderr);
	if (p.warned > MAX_REPORTED)
		fprintf(stderr, "... and %ld more warnings\n",
			p.warned - MAX_REPORTED);
	if (p.reported > MAX_REPORTED)
		fprintf(stderr, "... and %ld more refused rows\n",
			p.reported - MAX_REPORTED);
	snprintf(rows, sizeof rows, "%ld", result.rows);
	snprintf(changed, sizeof changed, "%ld", result.changed);
	snprintf(unchanged, sizeof unchanged, "%ld", result.unchanged);
	snprintf(refused, sizeof refused, "%ld", result.refused);
	if (opt.dry_run && (rc == FT_OK || result.rows > 0))
		cli_say(app, result.rows == 1 ? "msg.import_dry_run_one"
			: "msg.import_dry_run_many", argv[optind], p.file, rows,
			changed, unchanged, refused, NULL);
	if (rc != FT_OK && read_failed) {
		/* the core cannot name the file: say which */
		cli_error("cannot read '%s'", cli_quote(p.file));
		return rc;
	}
	if (rc != FT_OK)
		return cli_fail(app, rc);
	if (!opt.dry_run)
		return cli_say(app, result.rows == 1 ? "msg.imported_one"
			       : "msg.imported_many", argv[optind], p.file, rows,
			       changed, unchanged, NULL);
	return FT_OK;
}
