/* ftrack no-intent: which services, or accounts, are in No Intent. */
#include "cli.h"
#include "ftrack/queries.h"

int cmd_no_intent(int argc, char **argv, struct app *app)
{
	static const struct option opts[] = {
		{"l2", required_argument, NULL, '2'},
		{"workload", required_argument, NULL, 'w'},
		{"customer", required_argument, NULL, 'c'},
		{"since", required_argument, NULL, 's'},
		{"accounts", no_argument, NULL, 'a'},
		{"format", required_argument, NULL, 'f'},
		{0},
	};
	struct ft_no_intent_filter f = {0};
	enum fmt format = FMT_TABLE;
	struct sink sink;
	int c, rc;

	while ((c = cli_getopt(app, argc, argv, ":", opts)) != -1) {
		switch (c) {
		case '2': f.l2 = optarg; break;
		case 'w': f.workload = optarg; break;
		case 'c': f.customer = optarg; break;
		case 's': f.since = optarg; break;
		case 'a': f.accounts = true; break;
		case 'f':
			format = cli_format(app, optarg, FMT_TABLE | FMT_CSV |
					    FMT_JSON | FMT_MD);
			if (!format)
				return FT_USAGE;
			break;
		default:
			return FT_USAGE;
		}
	}
	if (!cli_positional(app, argc, argv, 0, 0))
		return FT_USAGE;
	if ((rc = sink_open(&sink, format, stdout)) != FT_OK)
		return rc;
	rc = ft_no_intent(app->ft, &f, fmt_shape(format), sink_row, &sink);
	if (rc != FT_OK) {
		table_free(sink.table);
		return cli_fail(app, rc);
	}
	sink_close(&sink, cli_text(app, "msg.no_no_intent"));
	return FT_OK;
}
