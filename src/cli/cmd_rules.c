/* ftrack rules: the playbook's scenarios as ftrack applies them, and who
 * may update in each phase. */
#include "cli.h"
#include "ftrack/rules.h"

int cmd_rules(int argc, char **argv, struct app *app)
{
	static const struct option opts[] = {
		{"format", required_argument, NULL, 'f'},
		{0},
	};
	enum fmt format = FMT_TABLE;
	int c, rc;

	while ((c = cli_getopt(app, argc, argv, ":", opts)) != -1)
		if (c != 'f' || !(format = cli_format(app, optarg, FMT_TABLE |
						     FMT_MD | FMT_JSON)))
			return FT_USAGE;
	if (!cli_positional(app, argc, argv, 0, 0))
		return FT_USAGE;
	/* a scenario a record: its page, code, phase and description as the
	 * title, then what it sets, column by column */
	rc = cli_list_records(app, ft_rules, format, 4, NULL);
	/* JSON: every rule object carries its updater already */
	if (rc != FT_OK || format == FMT_JSON)
		return rc;
	putchar('\n');
	return cli_list(app, ft_rules_updaters, format, NULL);
}
