/* ftrack actions [done]: the open next actions (a worklist), and marking
 * one done. */
#include <string.h>

#include "cli.h"
#include "ftrack/rules.h"

static int actions_done(int argc, char **argv, struct app *app)
{
	static const struct option opts[] = {
		{"subscription", required_argument, NULL, 's'},
		{0},
	};
	const char *subscription = NULL;
	int c, rc;

	while ((c = cli_getopt(app, argc, argv, ":", opts)) != -1) {
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
	return subscription
		? cli_say(app, "msg.action_done_in", argv[optind],
			  argv[optind + 1], subscription, NULL)
		: cli_say(app, "msg.action_done", argv[optind],
			  argv[optind + 1], NULL);
}

static struct ft_actions_filter filter;

static int list_actions(struct ft *ft, enum ft_shape shape, ft_row_fn fn,
			void *arg)
{
	return ft_actions(ft, &filter, shape, fn, arg);
}

int cmd_actions(int argc, char **argv, struct app *app)
{
	static const struct option opts[] = {
		{"mine", no_argument, NULL, 'm'},
		{"customer", required_argument, NULL, 'c'},
		{"overdue", no_argument, NULL, 'o'},
		{"due-before", required_argument, NULL, 'd'},
		{"format", required_argument, NULL, 'f'},
		{0},
	};
	enum fmt format = FMT_TABLE;
	int c;

	if (argc >= 2 && strcmp(argv[1], "done") == 0)
		return actions_done(argc - 1, argv + 1, app);
	memset(&filter, 0, sizeof filter);
	while ((c = cli_getopt(app, argc, argv, ":", opts)) != -1) {
		switch (c) {
		case 'm': filter.mine = true; break;
		case 'c': filter.customer = optarg; break;
		case 'o': filter.overdue = true; break;
		case 'd': filter.due_before = optarg; break;
		case 'f':
			if (!(format = cli_format(app, optarg, FMT_TABLE |
						  FMT_JSON | FMT_MD)))
				return FT_USAGE;
			break;
		default:
			return FT_USAGE;
		}
	}
	if (!cli_positional(app, argc, argv, 0, 0))
		return FT_USAGE;
	return cli_list(app, list_actions, format,
			cli_text(app, "msg.no_actions"));
}
