/* ftrack subscription add */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "ftrack/records.h"

int cmd_subscription(int argc, char **argv, struct app *app)
{
	static const struct option opts[] = {
		{"workload", required_argument, NULL, 'w'},
		{0},
	};
	const char **workloads = NULL;
	int c, rc = FT_OK, n = 0;

	if (argc < 2 || strcmp(argv[1], "add") != 0)
		return cli_usage(app, argc < 2 ? "missing subcommand (add)"
				 : "unknown subcommand '%s'", argv[argc < 2 ? 0 : 1]);
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
		rc = ft_subscription_add(app->ft, argv[optind], argv[optind + 1],
					 workloads, n);
		if (rc == FT_OK)
			printf("subscription '%s' of '%s': %d entitlement%s "
			       "added\n", argv[optind + 1], argv[optind], n,
			       n == 1 ? "" : "s");
		else
			cli_fail(app, rc);
	}
	free(workloads);
	return rc;
}
