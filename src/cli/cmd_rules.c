/* ftrack rules: the playbook's scenarios as ftrack applies them. */
#include "cli.h"
#include "ftrack/rules.h"

int cmd_rules(int argc, char **argv, struct app *app)
{
	static const struct option opts[] = {
		{"format", required_argument, NULL, 'f'},
		{0},
	};
	enum fmt format = FMT_TABLE;
	int c;

	while ((c = cli_getopt(app, argc, argv, ":", opts)) != -1)
		if (c != 'f' || !(format = cli_format(app, optarg, FMT_TABLE |
						     FMT_MD | FMT_JSON)))
			return FT_USAGE;
	if (!cli_positional(app, argc, argv, 0, 0))
		return FT_USAGE;
	return cli_list(app, ft_rules, format, NULL);
}
