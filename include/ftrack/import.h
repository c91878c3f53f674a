/* Bulk import from CSV files (the spreadsheets and FTOP exports teams have
 * today). Every row goes through the same checks and rules as the one-row
 * commands and leaves its audit record; a file is one transaction. */
#ifndef FTRACK_IMPORT_H
#define FTRACK_IMPORT_H

#include <stdbool.h>
#include <stdio.h>

#include "ftrack.h"

enum ft_import_kind {
	FT_IMPORT_CUSTOMERS,
	FT_IMPORT_SUBSCRIPTIONS,
	FT_IMPORT_STATUSES,
	FT_IMPORT_DECLARATIONS
};

#define FT_IMPORT_FIELD_MAX 65536	/* bytes in one CSV field */

/* The kind named name ("customers" ...); FT_USAGE when there is none. */
int ft_import_kind(const char *name, enum ft_import_kind *kind);

/* The header a file of this kind takes, required columns first, e.g.
 * "name,tenant,managed" (a static string). */
const char *ft_import_header(enum ft_import_kind kind);

/* Called for each refused row (or a file refused at its header): the line
 * where the record begins and why. */
typedef void (*ft_import_error_fn)(void *arg, long line, const char *why);
/* Called for each warning: a row's (the advice the one-row command gives on
 * notes or dates) or the header's (columns ignored), with its line. */
typedef void (*ft_import_warning_fn)(void *arg, long line,
				     const char *message);
/* Called every few thousand rows with the number of rows done. */
typedef void (*ft_import_progress_fn)(void *arg, long rows);

struct ft_import_options {
	char delimiter;		/* ',', ';' or '\t'; 0: found in the header
				 * row (the one of the three it holds most
				 * often outside quotes; ',' when none) */
	bool ignore_columns;	/* skip unknown columns (with one warning)
				 * rather than refuse the file */
	bool dry_run;		/* check every row, then change nothing */
	ft_import_error_fn on_error;		/* each may be NULL */
	ft_import_warning_fn on_warning;
	ft_import_progress_fn on_progress;
	void *arg;		/* passed to the three */
};

struct ft_import_result {
	long rows;	/* data rows read (blank rows are no rows) */
	long changed;	/* rows that changed something (or would: dry run) */
	long unchanged;	/* rows already recorded: nothing to change */
	long refused;	/* rows refused */
};

/* Imports the CSV read from in: UTF-8 (a leading BOM is skipped; the first
 * line that is not UTF-8 refuses the file), with a header row naming the
 * columns, in any order; blank rows and rows of empty fields are skipped.
 * Each row goes through the one-row core function; a row already recorded
 * (the same customer, an existing entitlement, a status or declaration that
 * changes nothing) is counted unchanged. All or nothing: when any row is
 * refused, nothing changes and FT_REFUSED is returned after on_error was
 * called for every refused row. With dry_run every row is checked and
 * counted the same way, and the transaction is rolled back. opt may be
 * NULL (detect the delimiter, no callbacks). */
int ft_import(struct ft *ft, enum ft_import_kind kind, FILE *in,
	      const struct ft_import_options *opt,
	      struct ft_import_result *result);

#endif
