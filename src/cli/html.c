/* HTML that stands alone: escaped text and charts as inline SVG, drawn
 * here from the bars the core gives (no script, no external file). */
#include <string.h>

#include "html.h"

#define LABEL_CHARS 32	/* a bar's label in the chart; its <title> has all */

/* Writes the first max_chars characters of s (UTF-8) escaped, and "…"
 * when there was more. */
static void html_text_cut(FILE *out, const char *s, size_t max_chars)
{
	size_t chars = 0, i;

	if (s == NULL)
		return;
	for (i = 0; s[i] != '\0'; i++) {
		/* a character starts at a byte that is not a continuation */
		if (((unsigned char)s[i] & 0xC0) != 0x80 && chars++ == max_chars)
			break;
	}
	for (size_t j = 0; j < i; j++) {
		switch (s[j]) {
		case '&': fputs("&amp;", out); break;
		case '<': fputs("&lt;", out); break;
		case '>': fputs("&gt;", out); break;
		case '"': fputs("&quot;", out); break;
		case '\'': fputs("&#39;", out); break;
		default: fputc(s[j], out); break;
		}
	}
	if (s[i] != '\0')
		fputs("…", out);
}

void html_text(FILE *out, const char *s)
{
	html_text_cut(out, s, (size_t)-1);
}

static int64_t chart_max(const struct ft_report_chart *chart)
{
	int64_t max = 0;

	for (size_t i = 0; i < chart->n; i++)
		if (chart->bars[i].value > max)
			max = chart->bars[i].value;
	return max;
}

/* The opening <svg> of a chart of width x height. */
static void svg_open(FILE *out, const char *id, const char *caption,
		     int width, int height)
{
	fprintf(out, "<svg id=\"%s\" class=\"chart\" role=\"img\" width=\"%d\" "
		"height=\"%d\" viewBox=\"0 0 %d %d\" aria-label=\"", id, width,
		height, width, height);
	html_text(out, caption);
	fputs("\">\n", out);
}

/* A bar's <rect> with its data and <title> ("label: value"). */
static void svg_bar(FILE *out, const struct ft_report_bar *bar, double x,
		    double y, double w, double h)
{
	fprintf(out, "<rect class=\"bar\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" "
		"height=\"%.1f\" data-key=\"", x, y, w, h);
	html_text(out, bar->key);
	fprintf(out, "\" data-value=\"%lld\"><title>", (long long)bar->value);
	html_text(out, bar->label);
	fprintf(out, ": %lld</title></rect>\n", (long long)bar->value);
}

void html_bar_chart(FILE *out, const char *id, const char *caption,
		    const struct ft_report_chart *chart, const char *empty)
{
	enum { WIDTH = 760, LABEL_X = 250, BAR_X = 260, BAR_MAX = 400,
	       ROW = 26, BAR_H = 18, PAD = 8 };
	int64_t max = chart_max(chart);
	int height = (int)chart->n * ROW + 2 * PAD;

	if (chart->n == 0) {
		fputs("<p class=\"none\">", out);
		html_text(out, empty);
		fputs("</p>\n", out);
		return;
	}
	svg_open(out, id, caption, WIDTH, height);
	for (size_t i = 0; i < chart->n; i++) {
		const struct ft_report_bar *bar = &chart->bars[i];
		double y = PAD + (double)i * ROW, w = max > 0
			? (double)bar->value * BAR_MAX / (double)max : 0;

		fprintf(out, "<text class=\"label\" x=\"%d\" y=\"%.1f\" "
			"text-anchor=\"end\">", LABEL_X, y + BAR_H - 4);
		html_text_cut(out, bar->label, LABEL_CHARS);
		fputs("</text>\n", out);
		svg_bar(out, bar, BAR_X, y, w, BAR_H);
		fprintf(out, "<text class=\"value\" x=\"%.1f\" y=\"%.1f\">%lld"
			"</text>\n", BAR_X + w + 6, y + BAR_H - 4,
			(long long)bar->value);
	}
	fputs("</svg>\n", out);
}

void html_column_chart(FILE *out, const char *id, const char *caption,
		       const struct ft_report_chart *chart, const char *empty)
{
	enum { LEFT = 40, TOP = 24, PLOT_H = 200, KEY_W = 52, RIGHT = 16 };
	int64_t max = chart_max(chart);
	int col, every, width;

	if (chart->n == 0) {
		fputs("<p class=\"none\">", out);
		html_text(out, empty);
		fputs("</p>\n", out);
		return;
	}
	/* columns 8 to 56 wide within about 720; a key every few columns
	 * when they are narrower than a key */
	col = 720 / (int)(chart->n < 720 ? chart->n : 720);
	col = col > 56 ? 56 : col < 8 ? 8 : col;
	every = (KEY_W + col - 1) / col;
	width = LEFT + (int)chart->n * col + RIGHT;
	svg_open(out, id, caption, width, TOP + PLOT_H + 30);
	fprintf(out, "<line class=\"axis\" x1=\"%d\" y1=\"%d\" x2=\"%d\" "
		"y2=\"%d\"/>\n<text class=\"value\" x=\"%d\" y=\"%d\" "
		"text-anchor=\"end\">%lld</text>\n", LEFT, TOP + PLOT_H,
		width - RIGHT, TOP + PLOT_H, LEFT - 6, TOP + 4, (long long)max);
	for (size_t i = 0; i < chart->n; i++) {
		const struct ft_report_bar *bar = &chart->bars[i];
		double h = max > 0 ? (double)bar->value * PLOT_H / (double)max
				   : 0;
		double x = LEFT + (double)i * col;

		svg_bar(out, bar, x + col * 0.15, TOP + PLOT_H - h, col * 0.7,
			h);
		if (bar->value > 0 && col >= 20)
			fprintf(out, "<text class=\"value\" x=\"%.1f\" y=\"%.1f\" "
				"text-anchor=\"middle\">%lld</text>\n",
				x + col / 2.0, TOP + PLOT_H - h - 4,
				(long long)bar->value);
		if (i % (size_t)every == 0) {
			fprintf(out, "<text class=\"key\" x=\"%.1f\" y=\"%d\" "
				"text-anchor=\"middle\">", x + col / 2.0,
				TOP + PLOT_H + 18);
			html_text(out, bar->label);
			fputs("</text>\n", out);
		}
	}
	fputs("</svg>\n", out);
}
