/* ftrack notify: the message that tells the account team of a customer's
 * No Intent services, to stdout or a file, and with --done the next action
 * recorded done once the message is written. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "ftrack/notify.h"
#include "ftrack/text.h"

/* Where the message goes: stdout, or --output's file. */
struct target {
	struct app *app;
	const char *file;	/* NULL: stdout */
	bool force;
	bool failed;		/* the write failed and said why */
};

/* An ft_notify_write_fn: writes the message whole, or nothing (a file is
 * written beside its target and moved into place). */
static int write_message(void *arg, const char *message, size_t len)
{
	struct target *t = arg;
	struct outfile out = {0};
	int rc;

	t->failed = true;
	if (t->file == NULL) {
		/* main() says "cannot write the output" */
		if (fwrite(message, 1, len, stdout) != len ||
		    fflush(stdout) != 0)
			return FT_REFUSED;
	} else {
		if ((rc = outfile_open(t->app, &out, t->file, t->force)) != FT_OK)
			return rc;
		rc = outfile_close(&out, fwrite(message, 1, len, out.f) == len,
				   t->force);
		if (rc != FT_OK)
			return rc;
	}
	t->failed = false;
	return FT_OK;
}

static int parse_format(struct app *app, const char *v,
			enum ft_notify_format *format)
{
	if (strcmp(v, "text") == 0)
		*format = FT_NOTIFY_TEXT;
	else if (strcmp(v, "md") == 0)
		*format = FT_NOTIFY_MD;
	else if (strcmp(v, "eml") == 0)
		*format = FT_NOTIFY_EML;
	else
		return cli_usage(app, "invalid --format '%s' (expected text, md "
				 "or eml)", v);
	return FT_OK;
}

int cmd_notify(int argc, char **argv, struct app *app)
{
	static const struct option opts[] = {
		{"format", required_argument, NULL, 'f'},
		{"output", required_argument, NULL, 'o'},
		{"force", no_argument, NULL, 'x'},
		{"done", no_argument, NULL, 'd'},
		{0},
	};
	struct ft_notify_request req = {.format = FT_NOTIFY_TEXT};
	struct target t = {.app = app};
	int c, rc;

	while ((c = cli_getopt(app, argc, argv, ":", opts)) != -1) {
		switch (c) {
		case 'f':
			if (parse_format(app, optarg, &req.format) != FT_OK)
				return FT_USAGE;
			break;
		case 'o': t.file = optarg; break;
		case 'x': t.force = true; break;
		case 'd': req.done = true; break;
		default: return FT_USAGE;
		}
	}
	if (!cli_positional(app, argc, argv, 1, 2))
		return FT_USAGE;
	if (t.force && t.file == NULL)
		return cli_usage(app, "--force goes with --output <file>");
	req.customer = argv[optind];
	req.workload = optind + 1 < argc ? argv[optind + 1] : NULL;
	rc = ft_notify(app->ft, &req, write_message, &t);
	if (rc != FT_OK)
		return t.failed ? rc : cli_fail(app, rc);
	if (req.done) {
		char what[2 * FT_NAME_MAX + 8], *line;
		const char *args[1] = {what};

		snprintf(what, sizeof what, "%s%s%s", req.customer,
			 req.workload ? "' / '" : "",
			 req.workload ? req.workload : "");
		if ((line = ft_text_fill(app->ft, "msg.notify_done", args,
					 1)) == NULL) {
			cli_error("out of memory");
			return FT_DBERR;
		}
		/* stdout may hold the message itself */
		cli_print(t.file ? stdout : stderr, "%s\n", line);
		free(line);
	}
	return FT_OK;
}
