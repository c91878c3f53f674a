/* Messages, option parsing and argument checks shared by the commands. */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "ftrack/text.h"

/* Writes fmt's text to out with every control character escaped
 * (text_visible): whatever a message quotes from argv or a file reaches
 * the terminal as text, never as a sequence it acts on. */
static void print_visible(FILE *out, const char *fmt, va_list ap)
{
	char small[512], *text = small, *visible = NULL;
	va_list again;
	int n;

	va_copy(again, ap);
	n = vsnprintf(small, sizeof small, fmt, ap);
	if (n >= (int)sizeof small && (text = malloc((size_t)n + 1)) != NULL)
		vsnprintf(text, (size_t)n + 1, fmt, again);
	va_end(again);
	if (n < 0 || text == NULL)
		text = small;
	visible = text_visible(text, NULL);
	fputs(visible ? visible : "(out of memory)", out);
	free(visible);
	if (text != small)
		free(text);
}

void cli_print(FILE *out, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	print_visible(out, fmt, ap);
	va_end(ap);
}

void cli_error(const char *fmt, ...)
{
	va_list ap;

	fputs("ftrack: ", stderr);
	va_start(ap, fmt);
	print_visible(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

void cli_warning(void *arg, const char *message)
{
	cli_error("warning: %s", message);
}

int cli_usage(struct app *app, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "ftrack %s: ", app->cmd);
	va_start(ap, fmt);
	print_visible(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, " (see 'ftrack %s --help')\n", app->cmd);
	return FT_USAGE;
}

int cli_fail(struct app *app, int status)
{
	const char *msg = app->ft ? ft_error(app->ft) : "";

	cli_error("%s", *msg ? msg : "cannot write the output");
	return status;
}

int cli_getopt(struct app *app, int argc, char **argv, const char *shortopts,
	       const struct option *longopts)
{
	int c;

	opterr = 0;
	c = getopt_long(argc, argv, shortopts, longopts, NULL);
	if (c == '?') {
		const char *arg = argv[optind - 1];

		if (optopt != 0 && strncmp(arg, "--", 2) != 0)
			cli_usage(app, "unknown option '-%c'", optopt);
		else if (strchr(arg, '=') == NULL || optopt == 0)
			cli_usage(app, "unknown option '%s'", arg);
		else
			cli_usage(app, "option '%s' takes no value", arg);
	} else if (c == ':') {
		cli_usage(app, "option '%s' needs a value", argv[optind - 1]);
		c = '?';
	}
	return c;
}

int cli_format(struct app *app, const char *value, int allowed)
{
	static const struct {
		const char *name;
		int fmt;
	} names[] = {
		{"table", FMT_TABLE}, {"json", FMT_JSON}, {"csv", FMT_CSV},
		{"md", FMT_MD},
	};
	char list[64] = "";

	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
		if ((allowed & names[i].fmt) && strcmp(value, names[i].name) == 0)
			return names[i].fmt;
		if (allowed & names[i].fmt) {
			size_t used = strlen(list);

			snprintf(list + used, sizeof list - used, "%s%s",
				 used ? "|" : "", names[i].name);
		}
	}
	cli_usage(app, "invalid --format '%s' (expected %s)", value, list);
	return 0;
}

bool cli_positional(struct app *app, int argc, char **argv, int min, int max)
{
	int n = argc - optind;

	if (n < min) {
		cli_usage(app, "missing argument");
		return false;
	}
	if (n > max) {
		cli_usage(app, "unexpected argument '%s'", argv[optind + max]);
		return false;
	}
	return true;
}

int cli_list_format(int argc, char **argv, struct app *app, int allowed,
		    enum fmt *format)
{
	static const struct option opts[] = {
		{"format", required_argument, NULL, 'f'},
		{0},
	};
	int c;

	*format = FMT_TABLE;
	while ((c = cli_getopt(app, argc, argv, ":", opts)) != -1) {
		if (c != 'f' || !(*format = cli_format(app, optarg, allowed)))
			return FT_USAGE;
	}
	return FT_OK;
}
