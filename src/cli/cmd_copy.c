/* ftrack copy --to: the database into a new one, of either engine. */
#include <stdio.h>

#include "cli.h"
#include "ftrack/integrity.h"

int cmd_copy(int argc, char **argv, struct app *app)
{
	static const struct option opts[] = {
		{"to", required_argument, NULL, 't'},
		{0},
	};
	struct ft_copy_report r;
	const char *to = NULL;
	char sets[24], records[24];
	int c, rc;

	while ((c = cli_getopt(app, argc, argv, ":", opts)) != -1) {
		if (c != 't')
			return FT_USAGE;
		to = optarg;
	}
	if (!cli_positional(app, argc, argv, 0, 0))
		return FT_USAGE;
	if (to == NULL || *to == '\0')
		return cli_usage(app, "missing --to <target>");
	if ((rc = ft_copy(app->ft, to, &r)) != FT_OK)
		return cli_fail(app, rc);
	snprintf(sets, sizeof sets, "%lld", (long long)r.changesets);
	snprintf(records, sizeof records, "%lld", (long long)r.records);
	return cli_say(app, "msg.copied", sets, records, to, NULL);
}
