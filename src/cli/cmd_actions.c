/* ftrack actions [done]: the open next actions, and marking one done. */
#include <string.h>

#include "cli.h"
#include "ftrack/rules.h"

int cmd_actions(int argc, char **argv, struct app *app)
{
	static const struct option done_opts[] = {
		{"subscription", required_argument, NULL, 's'},
		{0},
	};
	const char *subscription = NULL;
	enum fmt format;
	int c, rc;

	if (argc >= 2 && strcmp(argv[1], "done") == 0) {
		argc--;
		argv++;
		while ((c = cli_getopt(app, argc, argv, ":", done_opts)) != -1) {
			if (c != 's')
				return FT_USAGE;
			subscription = optarg;
		}
		if (!cli_positional(app, argc, argv, 2, 2))
			return FT_USAGE;
		rc = ft_action_done(app->ft, argv[optind], argv[optind + 1],
				    subscription);
		if (rc != FT_OK)
			return cli_fail(app, rc);
		printf("next action of '%s' / '%s'%s%s done\n", argv[optind],
		       argv[optind + 1], subscription ? " in " : "",
		       subscription ? subscription : "");
		return FT_OK;
	}
	if (cli_list_format(argc, argv, app,
			    FMT_TABLE | FMT_JSON | FMT_MD, &format) != FT_OK ||
	    !cli_positional(app, argc, argv, 0, 0))
		return FT_USAGE;
	return cli_list(app, ft_actions, format, "(no open next actions)");
}
