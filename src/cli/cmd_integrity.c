/* ftrack verify | digest | backup: trusting the history. */
#include "cli.h"
#include "ftrack/integrity.h"

int cmd_verify(int argc, char **argv, struct app *app)
{
	static const struct option opts[] = {
		{"digest", required_argument, NULL, 'd'},
		{0},
	};
	struct ft_verify_report r;
	const char *digest = NULL;
	int c, rc;

	while ((c = cli_getopt(app, argc, argv, ":", opts)) != -1) {
		if (c != 'd')
			return FT_USAGE;
		digest = optarg;
	}
	if (!cli_positional(app, argc, argv, 0, 0))
		return FT_USAGE;
	if ((rc = ft_verify(app->ft, digest, &r)) != FT_OK)
		return cli_fail(app, rc);
	printf("ok: %lld change sets sealed, %lld records match their audit "
	       "history%s\n", (long long)r.changesets, (long long)r.records,
	       digest ? ", and the digest holds" : "");
	return FT_OK;
}

int cmd_digest(int argc, char **argv, struct app *app)
{
	static const struct option no_opts[] = {{0}};
	char line[128];
	int rc;

	if (cli_getopt(app, argc, argv, ":", no_opts) != -1 ||
	    !cli_positional(app, argc, argv, 0, 0))
		return FT_USAGE;
	if ((rc = ft_digest(app->ft, line, sizeof line)) != FT_OK)
		return cli_fail(app, rc);
	printf("%s\n", line);
	return FT_OK;
}

int cmd_backup(int argc, char **argv, struct app *app)
{
	static const struct option no_opts[] = {{0}};
	int rc;

	if (cli_getopt(app, argc, argv, ":", no_opts) != -1 ||
	    !cli_positional(app, argc, argv, 1, 1))
		return FT_USAGE;
	if ((rc = ft_backup(app->ft, argv[optind])) != FT_OK)
		return cli_fail(app, rc);
	cli_print(stdout, "backed up to '%s'", argv[optind]);
	putchar('\n');
	return FT_OK;
}
