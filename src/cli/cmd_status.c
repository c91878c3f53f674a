/* ftrack status set: the L1s reached without a declaration, through the
 * rules tables' status-change scenarios. */
#include <string.h>

#include "cli.h"
#include "ftrack/rules.h"

int cmd_status(int argc, char **argv, struct app *app)
{
	static const struct option opts[] = {
		{"l1", required_argument, NULL, '1'},
		{"l2", required_argument, NULL, '2'},
		{"l3", required_argument, NULL, '3'},
		{"notes", required_argument, NULL, 'n'},
		{"subscription", required_argument, NULL, 's'},
		{"engagement", required_argument, NULL, 'e'},
		{"next-action-date", required_argument, NULL, 'N'},
		{"target-date", required_argument, NULL, 't'},
		{"all-workloads", no_argument, NULL, 'A'},
		{0},
	};
	struct ft_status_change s = {0};
	char count[16];
	int c, rc, changed, all = 0;

	static const char *const subs[] = {"set", NULL};

	if (argc < 2)
		return cli_usage(app, "missing subcommand (set)");
	if (strcmp(argv[1], "set") != 0)
		return cli_unknown_subcommand(app, argv[1], subs);
	argc--;
	argv++;
	while ((c = cli_getopt(app, argc, argv, ":", opts)) != -1) {
		switch (c) {
		case '1': s.l1 = optarg; break;
		case '2': s.l2 = optarg; break;
		case '3': s.l3 = optarg; break;
		case 'n': s.notes = optarg; break;
		case 's': s.subscription = optarg; break;
		case 'e': s.engagement = optarg; break;
		case 'N': s.next_action_date = optarg; break;
		case 't': s.target_date = optarg; break;
		case 'A': all = 1; break;
		default: return FT_USAGE;
		}
	}
	if (!cli_positional(app, argc, argv, all ? 1 : 2, all ? 1 : 2))
		return FT_USAGE;
	if (s.l1 == NULL)
		return cli_usage(app, "missing --l1 <code>");
	s.customer = argv[optind];
	s.workload = all ? NULL : argv[optind + 1];
	if ((rc = ft_status_set(app->ft, &s, &changed)) != FT_OK)
		return cli_fail(app, rc);
	snprintf(count, sizeof count, "%d", changed);
	if (!changed)
		return cli_say(app, "msg.status_unchanged", ft_summary(app->ft),
			       NULL);
	if (all)
		return cli_say(app, changed == 1 ? "msg.status_changed_all_one"
			       : "msg.status_changed_all_many", count,
			       s.customer, NULL);
	return cli_say(app, changed == 1 ? "msg.status_changed_one"
		       : "msg.status_changed_many", count, s.customer,
		       s.workload, NULL);
}
