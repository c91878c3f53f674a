/* ftrack revert: undo one change set. */
#include "cli.h"
#include "ftrack/history.h"

int cmd_revert(int argc, char **argv, struct app *app)
{
	static const struct option no_opts[] = {{0}};
	int64_t id, revert_id;
	char was[24], by[24];
	int rc;

	if (cli_getopt(app, argc, argv, ":", no_opts) != -1 ||
	    !cli_positional(app, argc, argv, 1, 1))
		return FT_USAGE;
	if ((id = cli_changeset_id(argv[optind])) <= 0)
		return FT_REFUSED;
	if ((rc = ft_revert(app->ft, id, &revert_id)) != FT_OK)
		return cli_fail(app, rc);
	snprintf(was, sizeof was, "%lld", (long long)id);
	snprintf(by, sizeof by, "%lld", (long long)revert_id);
	return cli_say(app, "msg.reverted", was, by, NULL);
}
