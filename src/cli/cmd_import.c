/* ftrack import: CSV files in, all or nothing. */
#include <errno.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "ftrack/import.h"

#define MAX_REPORTED 20

struct progress {
	const char *file;
	bool bar;		/* stderr is a terminal */
	struct timespec start, last;
	long reported;		/* refused rows printed */
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

int cmd_import(int argc, char **argv, struct app *app)
{
	static const struct option no_opts[] = {{0}};
	struct ft_import_result result;
	struct progress p = {0};
	enum ft_import_kind kind;
	FILE *in = stdin;
	int rc;

	if (cli_getopt(app, argc, argv, ":", no_opts) != -1 ||
	    !cli_positional(app, argc, argv, 2, 2))
		return FT_USAGE;
	if (ft_import_kind(argv[optind], &kind) != FT_OK)
		return cli_usage(app, "unknown kind '%s' (customers, "
				 "subscriptions, statuses or declarations)",
				 argv[optind]);
	p.file = argv[optind + 1];
	if (strcmp(p.file, "-") != 0 && (in = fopen(p.file, "r")) == NULL) {
		cli_error("cannot read '%s': %s", p.file, strerror(errno));
		return FT_REFUSED;
	}
	if (in == stdin)
		p.file = "stdin";
	p.bar = isatty(STDERR_FILENO);
	clock_gettime(CLOCK_MONOTONIC, &p.start);
	p.last = p.start;
	rc = ft_import(app->ft, kind, in, on_error, on_progress, &p, &result);
	if (in != stdin)
		fclose(in);
	if (p.bar)
		fputs("\r\033[K", stderr);
	if (rc != FT_OK) {
		if (p.reported > MAX_REPORTED)
			fprintf(stderr, "... and %ld more refused rows\n",
				p.reported - MAX_REPORTED);
		return cli_fail(app, rc);
	}
	cli_print(stdout, "imported %ld %s row%s from %s", result.rows,
		  argv[optind], result.rows == 1 ? "" : "s", p.file);
	putchar('\n');
	return FT_OK;
}
