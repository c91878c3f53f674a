/* ftrack actions [done]: the open next actions, and marking one done. */
#include <string.h>

#include "cli.h"
#include "ftrack/rules.h"

int cmd_actions(int argc, char **argv, struct app *app)
{
	static const struct option no_opts[] = {{0}};
	enum fmt format;
	int rc;

	if (argc >= 2 && strcmp(argv[1], "done") == 0) {
		argc--;
		argv++;
		if (cli_getopt(app, argc, argv, ":", no_opts) != -1 ||
		    !cli_positional(app, argc, argv, 2, 2))
			return FT_USAGE;
		rc = ft_action_done(app->ft, argv[optind], argv[optind + 1]);
		if (rc != FT_OK)
			return cli_fail(app, rc);
		printf("next action of '%s' / '%s' done\n", argv[optind],
		       argv[optind + 1]);
		return FT_OK;
	}
	if (cli_list_format(argc, argv, app,
			    FMT_TABLE | FMT_JSON | FMT_MD, &format) != FT_OK ||
	    !cli_positional(app, argc, argv, 0, 0))
		return FT_USAGE;
	return cli_list(app, ft_actions, format, "(no open next actions)");
}
