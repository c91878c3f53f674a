/* ftrack history: the audit history, and its exports. */
#include <string.h>

#include "cli.h"
#include "ftrack/history.h"

/* ftrack history show ID: one change set, then its field changes. */
static int history_show(int argc, char **argv, struct app *app)
{
	struct ft_history_filter filter = {0};
	enum fmt format;
	struct sink sink;
	int rc;

	if (cli_list_format(argc, argv, app, FMT_TABLE | FMT_MD | FMT_CSV |
			    FMT_JSON, &format) != FT_OK)
		return FT_USAGE;
	if (optind >= argc)
		return cli_usage(app, "missing change set id");
	if (!cli_positional(app, argc, argv, 1, 1))
		return FT_USAGE;
	if ((filter.id = cli_parse_changeset_id(argv[optind])) <= 0)
		return cli_usage(app, CLI_BAD_ID, cli_quote(argv[optind]));
	if ((rc = ft_history_exists(app->ft, filter.id)) != FT_OK)
		return cli_fail(app, rc);
	if (format == FMT_JSON || format == FMT_CSV) {
		/* the change set as the exports carry it */
		rc = sink_open(&sink, format, stdout);
		if (rc == FT_OK)
			rc = ft_history(app->ft, &filter, format == FMT_CSV
					? FT_SHAPE_FIELDS : FT_SHAPE_JSON,
					sink_row, &sink);
		if (rc == FT_OK)
			sink_close(&sink, NULL);
		else
			table_free(sink.table);
		return rc == FT_OK ? FT_OK : cli_fail(app, rc);
	}
	/* the change set as a record, then its changes as a table */
	rc = sink_open(&sink, format, stdout);
	sink.records = 2;
	if (rc == FT_OK)
		rc = ft_history(app->ft, &filter, FT_SHAPE_TABLE, sink_row, &sink);
	if (rc == FT_OK)
		sink_close(&sink, NULL);
	else
		table_free(sink.table);
	if (rc == FT_OK)
		rc = sink_open(&sink, format, stdout);
	if (rc == FT_OK) {
		/* a long before or after wraps in its column, never cut */
		sink.wrap = true;
		putchar('\n');
		rc = ft_history(app->ft, &filter, FT_SHAPE_CHANGES, sink_row,
				&sink);
		if (rc == FT_OK)
			sink_close(&sink, cli_text(app,
				   "msg.no_field_changes"));
		else
			table_free(sink.table);
	}
	return rc == FT_OK ? FT_OK : cli_fail(app, rc);
}

int cmd_history(int argc, char **argv, struct app *app)
{
	static const struct option opts[] = {
		{"workload", required_argument, NULL, 'w'},
		{"since", required_argument, NULL, 's'},
		{"until", required_argument, NULL, 'u'},
		{"who", required_argument, NULL, 'W'},
		{"format", required_argument, NULL, 'f'},
		{"fields", no_argument, NULL, 'F'},
		{"output", required_argument, NULL, 'o'},
		{"force", no_argument, NULL, 'x'},
		{0},
	};
	struct ft_history_filter filter = {0};
	struct outfile out = {0};
	struct sink sink;
	enum fmt format = FMT_TABLE;
	enum ft_shape shape;
	const char *file = NULL;
	bool fields = false, force = false;
	int c, rc;

	/* "history show 12"; a customer named "show" is "history -- show" */
	if (argc >= 2 && strcmp(argv[1], "show") == 0)
		return history_show(argc - 1, argv + 1, app);

	while ((c = cli_getopt(app, argc, argv, ":", opts)) != -1) {
		switch (c) {
		case 'w': filter.workload = optarg; break;
		case 's': filter.since = optarg; break;
		case 'u': filter.until = optarg; break;
		case 'W': filter.who = optarg; break;
		case 'F': fields = true; break;
		case 'o': file = optarg; break;
		case 'x': force = true; break;
		case 'f':
			format = cli_format(app, optarg, FMT_TABLE | FMT_MD |
					    FMT_CSV | FMT_JSON);
			if (!format)
				return FT_USAGE;
			break;
		default:
			return FT_USAGE;
		}
	}
	if (!cli_positional(app, argc, argv, 0, 1))
		return FT_USAGE;
	if (fields && format != FMT_CSV)
		return cli_usage(app, "--fields goes with --format csv");
	if (force && file == NULL)
		return cli_usage(app, "--force goes with --output <file>");
	filter.customer = optind < argc ? argv[optind] : NULL;
	shape = fields ? FT_SHAPE_FIELDS
		: format == FMT_MD ? FT_SHAPE_SUMMARY : fmt_shape(format);
	if (file != NULL && (rc = outfile_open(app, &out, file, force)) != FT_OK)
		return rc;
	if (file != NULL && out.f == NULL)
		return FT_DBERR;
	rc = sink_open(&sink, format, file ? out.f : stdout);
	if (rc == FT_OK)
		rc = ft_history(app->ft, &filter, shape, sink_row, &sink);
	if (rc == FT_OK)
		sink_close(&sink, cli_text(app, "msg.no_changes"));
	else
		table_free(sink.table);
	if (rc != FT_OK)
		cli_fail(app, rc);
	if (file != NULL) {
		int closed = outfile_close(&out, rc == FT_OK, force);

		if (rc == FT_OK)
			rc = closed;
	}
	return rc;
}
