/* ftrack user add | list | set | deactivate */
#include <string.h>

#include "cli.h"
#include "ftrack/records.h"
#include "ftrack/text.h"

static int user_add(int argc, char **argv, struct app *app)
{
	static const struct option opts[] = {
		{"role", required_argument, NULL, 'r'},
		{"email", required_argument, NULL, 'e'},
		{0},
	};
	const char *role = NULL, *email = NULL;
	int c, rc;

	while ((c = cli_getopt(app, argc, argv, ":", opts)) != -1) {
		if (c == 'r')
			role = optarg;
		else if (c == 'e')
			email = optarg;
		else
			return FT_USAGE;
	}
	if (!cli_positional(app, argc, argv, 1, 1))
		return FT_USAGE;
	if (role == NULL)
		return cli_usage(app, "missing --role (assignment-fm, "
				 "delivery-fm or account-team)");
	if ((rc = ft_user_add_email(app->ft, argv[optind], role, email)) !=
	    FT_OK)
		return cli_fail(app, rc);
	return cli_say(app, "msg.user_added", argv[optind], NULL);
}

/* ftrack user set <name> (--role <role> | --email <address>) */
static int user_set(int argc, char **argv, struct app *app)
{
	static const struct option opts[] = {
		{"role", required_argument, NULL, 'r'},
		{"email", required_argument, NULL, 'e'},
		{0},
	};
	const char *role = NULL, *email = NULL;
	char key[64];
	int c, rc;

	while ((c = cli_getopt(app, argc, argv, ":", opts)) != -1) {
		if (c == 'r')
			role = optarg;
		else if (c == 'e')
			email = optarg;
		else
			return FT_USAGE;
	}
	if (!cli_positional(app, argc, argv, 1, 1))
		return FT_USAGE;
	if (role == NULL && email == NULL)
		return cli_usage(app, "missing --role (assignment-fm, "
				 "delivery-fm or account-team) or --email");
	/* one change a command, so that a refusal leaves all as it was */
	if (role != NULL && email != NULL)
		return cli_usage(app, "--role and --email are two changes: give "
				 "each in its own 'ftrack user set'");
	if (email != NULL) {
		if ((rc = ft_user_set_email(app->ft, argv[optind], email)) !=
		    FT_OK)
			return cli_fail(app, rc);
		return cli_say(app, "msg.user_email", argv[optind], email, NULL);
	}
	if ((rc = ft_user_set_role(app->ft, argv[optind], role)) != FT_OK)
		return cli_fail(app, rc);
	/* the role's label: "Delivery FM" for delivery-fm */
	memcpy(key, "role.", 5);
	if (!text_code(role, key + 5, sizeof key - 5))
		snprintf(key + 5, sizeof key - 5, "%s", role);
	return cli_say(app, "msg.user_role", argv[optind],
		       ft_text(app->ft, key), NULL);
}

/* ftrack user deactivate <name> */
static int user_deactivate(int argc, char **argv, struct app *app)
{
	static const struct option no_opts[] = {{0}};
	int rc;

	if (cli_getopt(app, argc, argv, ":", no_opts) != -1 ||
	    !cli_positional(app, argc, argv, 1, 1))
		return FT_USAGE;
	if ((rc = ft_user_deactivate(app->ft, argv[optind])) != FT_OK)
		return cli_fail(app, rc);
	return cli_say(app, "msg.user_deactivated", argv[optind], NULL);
}

int cmd_user(int argc, char **argv, struct app *app)
{
	static const char *const subs[] = {"add", "list", "set", "deactivate",
					   NULL};
	enum fmt format;

	if (argc < 2)
		return cli_usage(app, "missing subcommand (add, list, set or "
				 "deactivate)");
	if (strcmp(argv[1], "add") == 0)
		return user_add(argc - 1, argv + 1, app);
	if (strcmp(argv[1], "set") == 0)
		return user_set(argc - 1, argv + 1, app);
	if (strcmp(argv[1], "deactivate") == 0)
		return user_deactivate(argc - 1, argv + 1, app);
	if (strcmp(argv[1], "list") != 0)
		return cli_unknown_subcommand(app, argv[1], subs);
	if (cli_list_format(argc - 1, argv + 1, app,
			    FMT_TABLE | FMT_JSON | FMT_MD, &format) != FT_OK ||
	    !cli_positional(app, argc - 1, argv + 1, 0, 0))
		return FT_USAGE;
	return cli_list(app, ft_user_list, format,
			cli_text(app, "msg.no_users"));
}
