#include "cli.h"

int cmd_init(int argc, char **argv, struct app *app)
{
	static const struct option opts[] = {{0}};
	char version[16];
	int c;

	while ((c = cli_getopt(app, argc, argv, ":", opts)) != -1)
		return FT_USAGE;
	if (!cli_positional(app, argc, argv, 0, 0))
		return FT_USAGE;
	snprintf(version, sizeof version, "%d", ft_schema_version());
	return cli_say(app, "msg.database_ready", version, NULL);
}
