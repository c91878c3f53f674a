/* ftrack workload add | list */
#include <string.h>

#include "cli.h"
#include "ftrack/records.h"

int cmd_workload(int argc, char **argv, struct app *app)
{
	static const struct option no_opts[] = {{0}};
	static const char *const subs[] = {"add", "list", NULL};
	enum fmt format;
	int rc;

	if (argc < 2)
		return cli_usage(app, "missing subcommand (add or list)");
	argc--;
	argv++;
	if (strcmp(argv[0], "add") == 0) {
		if (cli_getopt(app, argc, argv, ":", no_opts) != -1 ||
		    !cli_positional(app, argc, argv, 1, 1))
			return FT_USAGE;
		if ((rc = ft_workload_add(app->ft, argv[optind])) != FT_OK)
			return cli_fail(app, rc);
		return cli_say(app, "msg.workload_added", argv[optind], NULL);
	}
	if (strcmp(argv[0], "list") != 0)
		return cli_unknown_subcommand(app, argv[0], subs);
	if (cli_list_format(argc, argv, app,
			    FMT_TABLE | FMT_JSON | FMT_MD, &format) != FT_OK ||
	    !cli_positional(app, argc, argv, 0, 0))
		return FT_USAGE;
	return cli_list(app, ft_workload_list, format,
			cli_text(app, "msg.no_workloads"));
}
