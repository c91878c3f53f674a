/* ftrack declare: a customer's No Intent (or intent while declining FTC)
 * for a service, through the playbook's scenarios. */
#include <string.h>

#include "cli.h"
#include "ftrack/rules.h"

/* Options that belong to one kind of declaration only. */
static int check_combination(struct app *app, const struct ft_declaration *d,
			     int intent, int no_intent, int declines_ftc)
{
	if (intent == no_intent)
		return cli_usage(app, "say --no-intent or --intent "
				 "--declines-ftc");
	if (intent && !declines_ftc)
		return cli_usage(app, "--intent needs --declines-ftc: only a "
				 "customer who declines FTC is recorded by a "
				 "declaration (otherwise use 'ftrack status set')");
	if (no_intent && declines_ftc)
		return cli_usage(app, "--declines-ftc goes with --intent; "
				 "declining FTC is not No Intent");
	if (intent && (d->l2 || d->l3 || d->notes || d->validated_with))
		return cli_usage(app, "--l2, --l3, --notes and --validated-with "
				 "go with --no-intent");
	if (no_intent && (d->led_by || d->kickoff))
		return cli_usage(app, "--led-by and --kickoff go with --intent");
	return FT_OK;
}

/* Prints the one JSON document the core reports. */
static int print_json(void *arg, int ncol, const char *const *names,
		      const char *const *values)
{
	fputs(values[0], stdout);
	return FT_OK;
}

int cmd_declare(int argc, char **argv, struct app *app)
{
	static const struct option opts[] = {
		{"no-intent", no_argument, NULL, 'N'},
		{"intent", no_argument, NULL, 'I'},
		{"declines-ftc", no_argument, NULL, 'D'},
		{"all-workloads", no_argument, NULL, 'A'},
		{"l2", required_argument, NULL, '2'},
		{"l3", required_argument, NULL, '3'},
		{"notes", required_argument, NULL, 'n'},
		{"subscription", required_argument, NULL, 's'},
		{"validated-with", required_argument, NULL, 'v'},
		{"led-by", required_argument, NULL, 'l'},
		{"kickoff", required_argument, NULL, 'k'},
		{"dry-run", no_argument, NULL, 'd'},
		{"format", required_argument, NULL, 'f'},
		{0},
	};
	struct ft_declaration d = {0};
	struct ft_declare_outcome out;
	enum fmt format = FMT_TABLE;
	int c, rc, intent = 0, no_intent = 0, declines = 0, all = 0;

	while ((c = cli_getopt(app, argc, argv, ":", opts)) != -1) {
		switch (c) {
		case 'N': no_intent = 1; break;
		case 'I': intent = 1; break;
		case 'D': declines = 1; break;
		case 'A': all = 1; break;
		case '2': d.l2 = optarg; break;
		case '3': d.l3 = optarg; break;
		case 'n': d.notes = optarg; break;
		case 's': d.subscription = optarg; break;
		case 'v': d.validated_with = optarg; break;
		case 'l': d.led_by = optarg; break;
		case 'k': d.kickoff = optarg; break;
		case 'd': d.dry_run = true; break;
		case 'f':
			if (!(format = cli_format(app, optarg, FMT_TABLE | FMT_JSON)))
				return FT_USAGE;
			break;
		default:
			return FT_USAGE;
		}
	}
	if (!cli_positional(app, argc, argv, all ? 1 : 2, all ? 1 : 2)) {
		if (all && argc - optind == 2)
			fprintf(stderr, "ftrack declare: give a workload or "
				"--all-workloads, not both\n");
		return FT_USAGE;
	}
	if ((rc = check_combination(app, &d, intent, no_intent, declines)))
		return rc;
	d.customer = argv[optind];
	d.workload = all ? NULL : argv[optind + 1];
	d.declared = intent ? FT_DECLARE_INTENT_DECLINES_FTC
			    : FT_DECLARE_NO_INTENT;

	struct table *t = format == FMT_TABLE ? table_new() : NULL;
	if (format == FMT_TABLE && t == NULL)
		return FT_DBERR;
	rc = format == FMT_JSON
		? ft_declare(app->ft, &d, FT_SHAPE_JSON, print_json, NULL, &out)
		: ft_declare(app->ft, &d, FT_SHAPE_TABLE, table_row, t, &out);
	if (rc != FT_OK) {
		table_free(t);
		return cli_fail(app, rc);
	}
	if (format == FMT_JSON) {
		putchar('\n');
	} else {
		char id[24], changed[16], covered[16];

		table_print(t, stdout, NULL);
		snprintf(id, sizeof id, "%lld", (long long)out.declaration);
		snprintf(changed, sizeof changed, "%d", out.changed);
		snprintf(covered, sizeof covered, "%d", out.covered);
		if (out.changed == 0)
			rc = cli_say(app, "msg.declare_unchanged", NULL);
		else if (d.dry_run)
			rc = cli_say(app, out.covered == 1
				     ? "msg.declare_dry_run_one"
				     : "msg.declare_dry_run_many", changed,
				     covered, NULL);
		else
			rc = cli_say(app, out.covered == 1 ? "msg.declared_one"
				     : "msg.declared_many", id, changed, covered,
				     NULL);
	}
	table_free(t);
	return rc;
}
