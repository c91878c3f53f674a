#include "cli.h"

int cmd_init(int argc, char **argv, struct app *app)
{
	static const struct option opts[] = {{0}};
	int c;

	while ((c = cli_getopt(app, argc, argv, ":", opts)) != -1)
		return FT_USAGE;
	if (!cli_positional(app, argc, argv, 0, 0))
		return FT_USAGE;
	printf("database ready (schema version %d)\n", ft_schema_version());
	return FT_OK;
}
