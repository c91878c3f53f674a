/* ftrack assign */
#include "cli.h"
#include "ftrack/records.h"

int cmd_assign(int argc, char **argv, struct app *app)
{
	static const struct option opts[] = {
		{"delivery-fm", required_argument, NULL, 'd'},
		{0},
	};
	const char *fm = NULL;
	int c, rc, changed;

	while ((c = cli_getopt(app, argc, argv, ":", opts)) != -1) {
		if (c != 'd')
			return FT_USAGE;
		fm = optarg;
	}
	if (!cli_positional(app, argc, argv, 1, 1))
		return FT_USAGE;
	if (fm == NULL)
		return cli_usage(app, "missing --delivery-fm <user>");
	if ((rc = ft_assign(app->ft, argv[optind], fm, &changed)) != FT_OK)
		return cli_fail(app, rc);
	return cli_say(app, changed ? "msg.assigned" : "msg.assigned_already",
		       argv[optind], fm, NULL);
}
