/* Bulk import from CSV files (the spreadsheets and FTOP exports teams have
 * today). Every row goes through the same checks and rules as the one-row
 * commands and leaves its audit record; a file is one transaction. */
#ifndef FTRACK_IMPORT_H
#define FTRACK_IMPORT_H

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

/* Called for each refused row: its line in the file and why. */
typedef void (*ft_import_error_fn)(void *arg, long line, const char *why);
/* Called every few thousand rows with the number of rows done. */
typedef void (*ft_import_progress_fn)(void *arg, long rows);

struct ft_import_result {
	long rows;	/* data rows read */
	long refused;	/* rows refused */
};

/* Imports the CSV read from in (with a header row naming the columns, in
 * any order). All or nothing: when any row is refused, nothing changes and
 * FT_REFUSED is returned after on_error was called for every refused row. */
int ft_import(struct ft *ft, enum ft_import_kind kind, FILE *in,
	      ft_import_error_fn on_error, ft_import_progress_fn on_progress,
	      void *arg, struct ft_import_result *result);

#endif
