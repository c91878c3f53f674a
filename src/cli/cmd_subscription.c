/* ftrack subscription add | remove-workload */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "ftrack/records.h"

/* ftrack subscription remove-workload <customer> <id> <workload> [--force] */
static int remove_workload(int argc, char **argv, struct app *app)
{
	static const struct option opts[] = {
		{"force", no_argument, NULL, 'f'},
		{0},
	};
	bool force = false;
	int c, rc;

	while ((c = cli_getopt(app, argc, argv, ":", opts)) != -1) {
		if (c != 'f')
			return FT_USAGE;
		force = true;
	}
	if (!cli_positional(app, argc, argv, 3, 3))
		return FT_USAGE;
	rc = ft_subscription_remove_workload(app->ft, argv[optind],
					     argv[optind + 1], argv[optind + 2],
					     force);
	if (rc != FT_OK)
		return cli_fail(app, rc);
	return cli_say(app, "msg.workload_removed", argv[optind + 2],
		       argv[optind + 1], argv[optind], NULL);
}

int cmd_subscription(int argc, char **argv, struct app *app)
{
	static const struct option opts[] = {
		{"workload", required_argument, NULL, 'w'},
		{0},
	};
	static const char *const subs[] = {"add", "remove-workload", NULL};
	const char **workloads = NULL;
	int c, rc = FT_OK, n = 0;

	if (argc >= 2 && strcmp(argv[1], "remove-workload") == 0)
		return remove_workload(argc - 1, argv + 1, app);
	if (argc < 2)
		return cli_usage(app, "missing subcommand (add or "
				 "remove-workload)");
	if (strcmp(argv[1], "add") != 0)
		return cli_unknown_subcommand(app, argv[1], subs);
	argc--;
	argv++;
	if ((workloads = calloc((size_t)argc, sizeof *workloads)) == NULL)
		return FT_DBERR;
	while (rc == FT_OK && (c = cli_getopt(app, argc, argv, ":", opts)) != -1) {
		if (c == 'w')
			workloads[n++] = optarg;
		else
			rc = FT_USAGE;
	}
	if (rc == FT_OK && !cli_positional(app, argc, argv, 2, 2))
		rc = FT_USAGE;
	if (rc == FT_OK && n == 0)
		rc = cli_usage(app, "missing --workload <name>");
	if (rc == FT_OK) {
		char count[16];

		rc = ft_subscription_add(app->ft, argv[optind], argv[optind + 1],
					 workloads, n);
		snprintf(count, sizeof count, "%d", n);
		if (rc == FT_OK)
			rc = cli_say(app, n == 1 ? "msg.subscription_added_one"
				     : "msg.subscription_added_many",
				     argv[optind + 1], argv[optind], count, NULL);
		else
			cli_fail(app, rc);
	}
	free(workloads);
	return rc;
}
