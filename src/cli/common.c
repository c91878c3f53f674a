/* Messages, option parsing and argument checks shared by the commands. */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "ftrack/text.h"

/* Writes fmt's text to out with every control character escaped
 * (text_visible): whatever a message quotes from argv or a file reaches
 * the terminal as text, never as a sequence it acts on. */
static void print_visible(FILE *out, const char *keep, const char *fmt,
			  va_list ap)
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
	visible = text_visible(text, keep);
	fputs(visible ? visible : "(out of memory)", out);
	free(visible);
	if (text != small)
		free(text);
}

const char *cli_quote(const char *s)
{
	static const char ellipsis[] = "\u2026";
	static char ring[4][FT_QUOTE_MAX + sizeof ellipsis];
	static unsigned next;
	char *cut;
	size_t n = FT_QUOTE_MAX;

	if (s == NULL || strlen(s) <= FT_QUOTE_MAX)
		return s;
	/* after a whole character: not before a continuation byte */
	while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
		n--;
	cut = ring[next++ % 4];
	memcpy(cut, s, n);
	memcpy(cut + n, ellipsis, sizeof ellipsis);
	return cut;
}

void cli_print(FILE *out, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	print_visible(out, "\n", fmt, ap);
	va_end(ap);
}

int cli_say(struct app *app, const char *key, ...)
{
	const char *args[8];
	char *line;
	int n = 0;
	va_list ap;

	va_start(ap, key);
	for (const char *a; n < 8 && (a = va_arg(ap, const char *)) != NULL;)
		args[n++] = a;
	va_end(ap);
	if ((line = ft_text_fill(app->ft, key, args, n)) == NULL) {
		cli_error("out of memory");
		return FT_DBERR;
	}
	cli_print(stdout, "%s\n", line);
	free(line);
	return FT_OK;
}

const char *cli_text(struct app *app, const char *key)
{
	return ft_text(app->ft, key);
}

void cli_error(const char *fmt, ...)
{
	va_list ap;

	fputs("ftrack: ", stderr);
	va_start(ap, fmt);
	print_visible(stderr, NULL, fmt, ap);
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
	print_visible(stderr, NULL, fmt, ap);
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

/* The global options, which go before the command. */
static const char *const GLOBAL_OPTIONS[] = {"--db", "--as", "--lang",
					     "--busy-timeout"};

/* Keeps name in *best when it is closer to given than *best_d edits (two
 * at most: a typo, not another word). */
static void keep_closer(const char *given, const char *name, const char **best,
			int *best_d)
{
	int d = text_distance(given, name, 2);

	if (d < *best_d) {
		*best_d = d;
		*best = name;
	}
}

const char *cli_closest(const char *given, const char *const *names)
{
	const char *best = NULL;
	int best_d = 3;

	for (; *names != NULL; names++)
		keep_closer(given, *names, &best, &best_d);
	return best;
}

const char *cli_closest_option(const char *arg, const struct option *longopts)
{
	const char *best = NULL;
	int best_d = 3;
	size_t n = strcspn(arg, "=");
	char given[64];

	snprintf(given, sizeof given, "%.*s", (int)(n > 2 ? n - 2 : 0), arg + 2);
	for (const struct option *o = longopts; o && o->name; o++)
		keep_closer(given, o->name, &best, &best_d);
	return best;
}

int cli_unknown_subcommand(struct app *app, const char *given,
			   const char *const *subs)
{
	const char *near = cli_closest(given, subs);
	char list[160] = "";

	if (near != NULL)
		return cli_usage(app, "unknown subcommand '%s' (did you mean "
				 "'%s'?)", cli_quote(given), near);
	for (size_t i = 0, used = 0; subs[i] != NULL && used < sizeof list;
	     i++) {
		int n = snprintf(list + used, sizeof list - used, "%s%s",
				 i == 0 ? "" : subs[i + 1] ? ", " : " or ",
				 subs[i]);

		used += n > 0 ? (size_t)n : 0;
	}
	return cli_usage(app, "unknown subcommand '%s' (%s)", cli_quote(given),
			 list);
}

int cli_getopt(struct app *app, int argc, char **argv, const char *shortopts,
	       const struct option *longopts)
{
	int c;

	opterr = 0;
	for (;;) {
		const char *arg, *near;
		size_t n;

		c = getopt_long(argc, argv, shortopts, longopts, NULL);
		if (c != '?')
			break;
		arg = argv[optind - 1];
		n = strcspn(arg, "=");
		/* --wide is taken wherever it stands */
		if (strcmp(arg, "--wide") == 0) {
			output_set_width(0);
			continue;
		}
		for (size_t i = 0; i < sizeof GLOBAL_OPTIONS /
		     sizeof GLOBAL_OPTIONS[0]; i++)
			if (strlen(GLOBAL_OPTIONS[i]) == n &&
			    strncmp(arg, GLOBAL_OPTIONS[i], n) == 0) {
				cli_usage(app, "global options go before the "
					  "command: ftrack %s <value> %s ...",
					  GLOBAL_OPTIONS[i], app->cmd);
				return '?';
			}
		if (optopt != 0 && strncmp(arg, "--", 2) != 0)
			cli_usage(app, "unknown option '-%c'", optopt);
		else if (strchr(arg, '=') != NULL && optopt != 0)
			cli_usage(app, "option '%s' takes no value",
				  cli_quote(arg));
		else if ((near = cli_closest_option(arg, longopts)) != NULL)
			cli_usage(app, "unknown option '%s' (did you mean "
				  "'--%s'?)", cli_quote(arg), near);
		else
			cli_usage(app, "unknown option '%s'", cli_quote(arg));
		return '?';
	}
	if (c == ':') {
		cli_usage(app, "option '%s' needs a value",
			  cli_quote(argv[optind - 1]));
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
	cli_usage(app, "invalid --format '%s' (expected %s)", cli_quote(value),
		  list);
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
		cli_usage(app, "unexpected argument '%s'",
			  cli_quote(argv[optind + max]));
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

int64_t cli_parse_changeset_id(const char *arg)
{
	long long id;
	char *end;

	/* digits only: no sign, no blanks; past 2^63-1 is invalid, not
	 * clamped to it */
	errno = 0;
	id = strtoll(arg, &end, 10);
	if (strspn(arg, "0123456789") != strlen(arg) || *arg == '\0' ||
	    *end != '\0' || errno == ERANGE || id <= 0)
		return 0;
	return id;
}

int64_t cli_changeset_id(const char *arg)
{
	int64_t id = cli_parse_changeset_id(arg);

	if (id <= 0) {
		cli_error(CLI_BAD_ID, cli_quote(arg));
		return 0;
	}
	return id;
}
