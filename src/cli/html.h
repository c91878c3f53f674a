/* Writing HTML that stands alone: text escaped, and charts drawn as inline
 * SVG (no script, no external file). */
#ifndef FTRACK_CLI_HTML_H
#define FTRACK_CLI_HTML_H

#include <stdint.h>
#include <stdio.h>

#include "ftrack/report.h"

/* Writes s (NULL as "") to out with & < > " ' as character references:
 * safe in element text, in quoted attribute values and in SVG. */
void html_text(FILE *out, const char *s);

/* Writes a horizontal bar chart as an <svg> with id: one row per bar, its
 * label (cut to 32 characters, whole in its <title>), a <rect
 * class="bar"> whose data-key and data-value are the bar's, and its value;
 * empty (a paragraph) when there is no bar. */
void html_bar_chart(FILE *out, const char *id, const char *caption,
		    const struct ft_report_chart *chart, const char *empty);

/* Writes a column chart (a time series, left to right) as an <svg> with
 * id: one <rect class="bar"> per bar, as html_bar_chart(), its key below
 * (every one, or evenly spaced ones when there are many); empty when there
 * is no bar. */
void html_column_chart(FILE *out, const char *id, const char *caption,
		       const struct ft_report_chart *chart, const char *empty);

#endif
