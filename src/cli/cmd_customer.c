/* ftrack customer add | list | show | rename | set */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "ftrack/records.h"
#include "ftrack/text.h"

/* The options customer add and customer set share, then the one name:
 * --tenant into *tenant, --managed/--unmanaged into *managed (-1 when
 * neither). FT_OK, or FT_USAGE said. */
static int tenant_options(int argc, char **argv, struct app *app,
			  const char **tenant, int *managed)
{
	static const struct option opts[] = {
		{"tenant", required_argument, NULL, 't'},
		{"managed", no_argument, NULL, 'm'},
		{"unmanaged", no_argument, NULL, 'u'},
		{0},
	};
	int c;

	*tenant = NULL;
	*managed = -1;
	while ((c = cli_getopt(app, argc, argv, ":", opts)) != -1) {
		if (c == 't') {
			*tenant = optarg;
		} else if (c == 'm' || c == 'u') {
			if (*managed == (c == 'u'))
				return cli_usage(app, "--managed and --unmanaged "
						 "exclude each other");
			*managed = c == 'm';
		} else {
			return FT_USAGE;
		}
	}
	return cli_positional(app, argc, argv, 1, 1) ? FT_OK : FT_USAGE;
}

static int customer_add(int argc, char **argv, struct app *app)
{
	const char *tenant;
	int rc, managed;

	if ((rc = tenant_options(argc, argv, app, &tenant, &managed)) != FT_OK)
		return rc;
	rc = ft_customer_add(app->ft, argv[optind], tenant, managed);
	if (rc != FT_OK)
		return cli_fail(app, rc);
	return cli_say(app, "msg.customer_added", argv[optind], NULL);
}

/* Prints a one-row result as "Field  value" lines, the values aligned;
 * a field without a value is its name alone (no trailing blanks). */
static int print_fields(void *arg, int ncol, const char *const *names,
			const char *const *values)
{
	int width = 0;

	for (int i = 0; i < ncol; i++)
		if (text_width(names[i]) > width)
			width = text_width(names[i]);
	for (int i = 0; i < ncol; i++) {
		if (values[i] == NULL || values[i][0] == '\0')
			cli_print(stdout, "%s", names[i]);
		else
			cli_print(stdout, "%s%*s  %s", names[i],
				  width - text_width(names[i]), "", values[i]);
		putchar('\n');
	}
	return FT_OK;
}

static int customer_show(int argc, char **argv, struct app *app)
{
	enum fmt format;
	struct sink sink;
	char *json = NULL;
	int rc;

	if (cli_list_format(argc, argv, app, FMT_TABLE | FMT_JSON | FMT_MD,
			    &format) != FT_OK ||
	    !cli_positional(app, argc, argv, 1, 1))
		return FT_USAGE;
	if (format == FMT_JSON) {
		if ((rc = ft_customer_json(app->ft, argv[optind], &json)) == FT_OK)
			printf("%s\n", json);
		free(json);
		return rc == FT_OK ? FT_OK : cli_fail(app, rc);
	}
	if (format == FMT_MD) {
		/* the customer as a one-row Markdown table, then its
		 * entitlements as another */
		if ((rc = sink_open(&sink, FMT_MD, stdout)) == FT_OK &&
		    (rc = ft_customer_fields(app->ft, argv[optind], sink_row,
					     &sink)) == FT_OK)
			sink_close(&sink, NULL);
	} else {
		rc = ft_customer_fields(app->ft, argv[optind], print_fields,
					NULL);
	}
	if (rc == FT_OK) {
		putchar('\n');
		rc = sink_open(&sink, format, stdout);
		/* an entitlement a record, titled by subscription and
		 * workload, with every playbook column */
		sink.records = 2;
	}
	if (rc == FT_OK) {
		rc = ft_entitlement_list(app->ft, argv[optind], sink_row, &sink);
		if (rc == FT_OK)
			sink_close(&sink, cli_text(app, "msg.no_subscriptions"));
		else
			table_free(sink.table);
	}
	return rc == FT_OK ? FT_OK : cli_fail(app, rc);
}

/* ftrack customer rename <name> <new-name> */
static int customer_rename(int argc, char **argv, struct app *app)
{
	static const struct option no_opts[] = {{0}};
	int rc;

	if (cli_getopt(app, argc, argv, ":", no_opts) != -1 ||
	    !cli_positional(app, argc, argv, 2, 2))
		return FT_USAGE;
	rc = ft_customer_rename(app->ft, argv[optind], argv[optind + 1]);
	if (rc != FT_OK)
		return cli_fail(app, rc);
	return cli_say(app, "msg.customer_renamed", argv[optind],
		       argv[optind + 1], NULL);
}

/* ftrack customer set <name> [--tenant <id>] [--managed | --unmanaged] */
static int customer_set(int argc, char **argv, struct app *app)
{
	const char *tenant;
	int rc, managed, changed = 0;

	if ((rc = tenant_options(argc, argv, app, &tenant, &managed)) != FT_OK)
		return rc;
	if (tenant == NULL && managed < 0)
		return cli_usage(app, "say what to set: --tenant <id>, --managed "
				 "or --unmanaged");
	rc = ft_customer_set(app->ft, argv[optind], tenant, managed, &changed);
	if (rc != FT_OK)
		return cli_fail(app, rc);
	return cli_say(app, changed ? "msg.customer_changed"
		       : "msg.customer_unchanged", argv[optind], NULL);
}

static struct ft_customer_filter list_filter;

static int list_customers(struct ft *ft, enum ft_shape shape, ft_row_fn fn,
			  void *arg)
{
	return ft_customer_list(ft, &list_filter, shape, fn, arg);
}

static int customer_list(int argc, char **argv, struct app *app)
{
	static const struct option opts[] = {
		{"delivery-fm", required_argument, NULL, 'd'},
		{"phase", required_argument, NULL, 'p'},
		{"format", required_argument, NULL, 'f'},
		{0},
	};
	enum fmt format = FMT_TABLE;
	int c;

	memset(&list_filter, 0, sizeof list_filter);
	while ((c = cli_getopt(app, argc, argv, ":", opts)) != -1) {
		switch (c) {
		case 'd': list_filter.delivery_fm = optarg; break;
		case 'p': list_filter.phase = optarg; break;
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
	return cli_list(app, list_customers, format,
			cli_text(app, "msg.no_customers"));
}

int cmd_customer(int argc, char **argv, struct app *app)
{
	static const char *const subs[] = {"add", "list", "show", "rename",
					   "set", NULL};

	if (argc < 2)
		return cli_usage(app, "missing subcommand (add, list, show, rename or set)");
	argc--;
	argv++;
	if (strcmp(argv[0], "add") == 0)
		return customer_add(argc, argv, app);
	if (strcmp(argv[0], "show") == 0)
		return customer_show(argc, argv, app);
	if (strcmp(argv[0], "rename") == 0)
		return customer_rename(argc, argv, app);
	if (strcmp(argv[0], "set") == 0)
		return customer_set(argc, argv, app);
	if (strcmp(argv[0], "list") != 0)
		return cli_unknown_subcommand(app, argv[0], subs);
	return customer_list(argc, argv, app);
}
