/* ftrack verify | digest | backup: trusting the history. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "ftrack/integrity.h"

/* Adds the digest lines of path (one a line, as a cron job appends them;
 * blank lines and lines starting with '#' skipped) to *list. */
static int read_digests(struct app *app, const char *path, char ***list,
			int *n)
{
	FILE *f = fopen(path, "r");
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;
	int rc = FT_OK;

	if (f == NULL) {
		cli_print(stderr, "ftrack: cannot read '%s'", cli_quote(path));
		fputc('\n', stderr);
		return FT_REFUSED;
	}
	while (rc == FT_OK && (len = getline(&line, &cap, f)) >= 0) {
		char **grown;

		while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
			line[--len] = '\0';
		if (len == 0 || line[0] == '#')
			continue;
		if ((grown = realloc(*list, (size_t)(*n + 1) * sizeof *grown)) ==
		    NULL || (grown[*n] = strdup(line)) == NULL) {
			if (grown != NULL)
				*list = grown;
			rc = FT_DBERR;
			break;
		}
		*list = grown;
		(*n)++;
	}
	/* a folder opens but cannot be read */
	if (rc == FT_OK && ferror(f)) {
		cli_print(stderr, "ftrack: cannot read '%s'", cli_quote(path));
		fputc('\n', stderr);
		rc = FT_REFUSED;
	}
	free(line);
	fclose(f);
	return rc;
}

int cmd_verify(int argc, char **argv, struct app *app)
{
	static const struct option opts[] = {
		{"digest", required_argument, NULL, 'd'},
		{"digests", required_argument, NULL, 'f'},
		{"since", required_argument, NULL, 's'},
		{"quick", no_argument, NULL, 'q'},
		{0},
	};
	struct ft_verify_report r;
	char **digests = NULL;
	const char *since = NULL;
	bool quick = false;
	int c, n = 0, rc = FT_OK;

	while (rc == FT_OK &&
	       (c = cli_getopt(app, argc, argv, ":", opts)) != -1) {
		char **grown;

		if (c == 'f') {
			rc = read_digests(app, optarg, &digests, &n);
		} else if (c == 's') {
			since = optarg;
		} else if (c == 'q') {
			quick = true;
		} else if (c != 'd') {
			rc = FT_USAGE;
		} else if ((grown = realloc(digests, (size_t)(n + 1) *
					   sizeof *grown)) == NULL ||
			   (grown[n] = strdup(optarg)) == NULL) {
			if (grown != NULL)
				digests = grown;
			rc = FT_DBERR;
		} else {
			digests = grown;
			n++;
		}
	}
	/* --since checks only what came after one digest: nothing to add */
	if (rc == FT_OK && !cli_positional(app, argc, argv, 0, 0))
		rc = FT_USAGE;
	else if (rc == FT_OK && since != NULL && (n > 0 || quick))
		rc = cli_usage(app, "--since checks what came after one digest: "
			       "not with %s", quick ? "--quick" : "--digest or "
			       "--digests");
	if (rc == FT_OK && (rc = since ? ft_verify_since(app->ft, since, &r)
			    : quick ? ft_verify_quick(app->ft, (const char *const *)
						      digests, n, &r)
			    : ft_verify(app->ft, (const char *const *)digests, n,
					&r)) != FT_OK)
		rc = cli_fail(app, rc);
	else if (rc == FT_OK) {
		char sets[24], records[24];

		snprintf(sets, sizeof sets, "%lld", (long long)r.changesets);
		snprintf(records, sizeof records, "%lld", (long long)r.records);
		rc = cli_say(app, r.since ? "msg.verified_since"
			     : r.digests == 1 ? "msg.verified_digest"
			     : r.digests > 1 ? "msg.verified_digests"
			     : "msg.verified", sets, records, NULL);
		if (rc == FT_OK && r.protection != NULL)
			rc = cli_say(app, r.protection, r.protection_args[0],
				     r.protection_args[1], r.protection_args[2],
				     NULL);
	}
	for (int i = 0; i < n; i++)
		free(digests[i]);
	free(digests);
	return rc;
}

int cmd_digest(int argc, char **argv, struct app *app)
{
	static const struct option no_opts[] = {{0}};
	char line[160];
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
	return cli_say(app, "msg.backed_up", argv[optind], NULL);
}
