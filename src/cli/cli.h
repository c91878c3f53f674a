/* What the command line's files share: the application state, the command
 * table's shape, option helpers and output. */
#ifndef FTRACK_CLI_H
#define FTRACK_CLI_H

#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>

#include "ftrack/ftrack.h"

struct app {
	const char *db_flag;	/* --db, or NULL */
	const char *as;		/* --as, or NULL */
	enum ft_lang lang;
	int busy_timeout_ms;
	const char *cmd;	/* "customer add", for messages */
	struct ft *ft;		/* opened by main() for commands that need it */
};

/* Output formats; a command accepts a subset. */
enum fmt { FMT_TABLE = 1, FMT_JSON = 2, FMT_CSV = 4, FMT_MD = 8 };

/* s as a message quotes what a user typed: itself when at most
 * FT_QUOTE_MAX bytes, else its first FT_QUOTE_MAX bytes (whole characters)
 * and "…", in a static buffer that the fourth call after reuses. Every
 * argument, path or value a CLI message quotes goes through it. */
const char *cli_quote(const char *s);

/* Prints fmt's text to out with every control character but the line
 * break escaped (text_visible), as cli_error() and cli_usage() do. */
void cli_print(FILE *out, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Prints the text of key (a result line, "msg.customer_added") in the
 * run's language on stdout, each %s filled by the next of the arguments
 * (a NULL ends them), control characters but the line break escaped, then
 * a line break. FT_OK, or FT_DBERR when out of memory. */
int cli_say(struct app *app, const char *key, ...)
	__attribute__((sentinel));
/* The text of key in the run's language (an empty listing's line). */
const char *cli_text(struct app *app, const char *key);
/* Prints "ftrack: <message>" on stderr, control characters escaped. */
void cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* An ft_warn_fn: prints "ftrack: warning: <message>" on stderr. */
void cli_warning(void *arg, const char *message);
/* Prints a usage error for the running command and returns 2. */
int cli_usage(struct app *app, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Prints the core's message for status and returns status. */
int cli_fail(struct app *app, int status);

/* Parses the command's options with getopt_long from argv[0] on; returns
 * the option, -1 at the end, or '?' after reporting a usage error. */
int cli_getopt(struct app *app, int argc, char **argv, const char *shortopts,
	       const struct option *longopts);

/* Parses --format's value among allowed (FMT_* bits); 0 on a bad value,
 * after reporting it. */
int cli_format(struct app *app, const char *value, int allowed);

/* Parses the options of a plain listing: --format among allowed. */
int cli_list_format(int argc, char **argv, struct app *app, int allowed,
		    enum fmt *format);

/* Why a change set id is refused; its %s is the id, through cli_quote(). */
#define CLI_BAD_ID "invalid change set id '%s' (expected a positive number, " \
	"as in the Id column of 'ftrack history')"
/* A change set id given on the command line (digits only, at most
 * 2^63-1), or 0 when it is not one. */
int64_t cli_parse_changeset_id(const char *arg);
/* The same, printing CLI_BAD_ID as an error when it is 0. */
int64_t cli_changeset_id(const char *arg);

/* The closest of names (NULL-terminated) to given, within two edits; NULL
 * when none is that close. Did-you-mean for commands and subcommands. */
const char *cli_closest(const char *given, const char *const *names);
/* The closest long option of longopts to arg ("--l3" for "--l4", "--as"
 * for "--aas"), NULL when none is close. */
const char *cli_closest_option(const char *arg, const struct option *longopts);
/* Prints the usage error for an unknown subcommand given among subs
 * (NULL-terminated): the closest suggested, else the list; returns 2. */
int cli_unknown_subcommand(struct app *app, const char *given,
			   const char *const *subs);

/* Checks that exactly n positional arguments remain from optind. */
bool cli_positional(struct app *app, int argc, char **argv, int min, int max);

/* Row sinks for the core's listings. A table is buffered to align its
 * columns by display width; JSON arrays, CSV (RFC 4180) and Markdown tables
 * are streamed row by row. */
struct table;
struct table *table_new(void);
int table_row(void *table, int ncol, const char *const *names,
	      const char *const *values);
/* The width tables fit in (cells cut with "…"), 0 for none: main() sets
 * the terminal's, or none for a pipe or --wide. */
void output_set_width(int columns);
/* Prints the table to out; empty (when not NULL) when it has no rows. */
void table_print(struct table *t, FILE *out, const char *empty);
/* Prints the table as one record a row: the first heading cells joined
 * as a title, then each other cell under its column's name, wrapped to the
 * width; empty (when not NULL) when it has no rows. */
void table_print_records(struct table *t, FILE *out, int heading,
			 const char *empty);
/* Prints the table as table_print() does, but a cell wider than its
 * column wraps onto more lines inside it (at spaces, else anywhere)
 * instead of being cut. */
void table_print_wrapped(struct table *t, FILE *out, const char *empty);
void table_free(struct table *t);

struct sink {
	enum fmt fmt;
	FILE *out;
	long rows;
	struct table *table;	/* FMT_TABLE only */
	int records;		/* FMT_TABLE as records with this many
				 * heading cells (table_print_records) */
	bool wrap;		/* FMT_TABLE with long cells wrapped in their
				 * column (table_print_wrapped) */
};

/* Starts a sink of format fmt on out. FT_OK or FT_DBERR (out of memory). */
int sink_open(struct sink *s, enum fmt fmt, FILE *out);
/* An ft_row_fn writing one row to the sink (arg is the struct sink). */
int sink_row(void *sink, int ncol, const char *const *names,
	     const char *const *values);
/* Ends the output (prints the table, closes the JSON array); empty is
 * printed for a table without rows when not NULL. Frees the sink. */
void sink_close(struct sink *s, const char *empty);

/* The core shape that feeds format fmt. */
enum ft_shape fmt_shape(enum fmt fmt);

/* Runs a core listing into stdout in the chosen format. */
typedef int (*listing_fn)(struct ft *ft, enum ft_shape shape, ft_row_fn fn,
			  void *arg);
int cli_list(struct app *app, listing_fn list, enum fmt format,
	     const char *empty);
/* The same, a table printed as records with heading title cells. */
int cli_list_records(struct app *app, listing_fn list, enum fmt format,
		     int heading, const char *empty);

/* A file written with --output: to a temporary file beside its target,
 * then moved into place, so that a failed write leaves no half file; an
 * existing file is replaced only with --force (link() refuses to), and
 * then only a regular file that is not the database or one of its files. */
struct outfile {
	const char *path;
	char *tmp;
	FILE *f;	/* write here once opened */
};

/* Opens o for path (the caller's string, kept); FT_OK, else FT_REFUSED or
 * FT_DBERR after printing why. */
int outfile_open(struct app *app, struct outfile *o, const char *path,
		 bool force);
/* Moves the written file into place when ok (and every byte was written),
 * else removes it; frees o's memory. FT_OK, or FT_REFUSED after printing
 * why. Nothing to do when o was not opened. */
int outfile_close(struct outfile *o, bool ok, bool force);

/* Runs one command line (argv[0] is the program) and returns its exit
 * status; main() and the fuzzer call it. */
int cli_run(int argc, char **argv);

/* The i-th command of the table that --help lists (from 0): its name and
 * usage text, static; false past the last. */
bool cli_command_at(size_t i, const char **name, const char **usage);
/* The usage text of the global options, static. */
const char *cli_global_usage(void);

/* The command groups, each in its own file. */
int cmd_init(int argc, char **argv, struct app *app);
int cmd_user(int argc, char **argv, struct app *app);
int cmd_customer(int argc, char **argv, struct app *app);
int cmd_workload(int argc, char **argv, struct app *app);
int cmd_subscription(int argc, char **argv, struct app *app);
int cmd_assign(int argc, char **argv, struct app *app);
int cmd_history(int argc, char **argv, struct app *app);
int cmd_declare(int argc, char **argv, struct app *app);
int cmd_rules(int argc, char **argv, struct app *app);
int cmd_actions(int argc, char **argv, struct app *app);
int cmd_status(int argc, char **argv, struct app *app);
int cmd_no_intent(int argc, char **argv, struct app *app);
int cmd_revert(int argc, char **argv, struct app *app);
int cmd_import(int argc, char **argv, struct app *app);
int cmd_verify(int argc, char **argv, struct app *app);
int cmd_digest(int argc, char **argv, struct app *app);
int cmd_backup(int argc, char **argv, struct app *app);
int cmd_copy(int argc, char **argv, struct app *app);
int cmd_complete(int argc, char **argv, struct app *app);
int cmd_report(int argc, char **argv, struct app *app);
int cmd_notify(int argc, char **argv, struct app *app);

#endif
