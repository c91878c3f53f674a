/* ftrack revert: undo one change set. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "ftrack/history.h"

int cmd_revert(int argc, char **argv, struct app *app)
{
	static const struct option no_opts[] = {{0}};
	long long id;
	int64_t revert_id;
	char *end;
	int rc;

	if (cli_getopt(app, argc, argv, ":", no_opts) != -1 ||
	    !cli_positional(app, argc, argv, 1, 1))
		return FT_USAGE;
	/* digits only: no sign, no blanks; past 2^63-1 is invalid, not
	 * clamped to it */
	errno = 0;
	id = strtoll(argv[optind], &end, 10);
	if (strspn(argv[optind], "0123456789") != strlen(argv[optind]) ||
	    *argv[optind] == '\0' || *end != '\0' || errno == ERANGE ||
	    id <= 0) {
		cli_error("invalid change set id '%s' (expected a positive "
			  "number, as in 'ftrack history --format json')",
			  argv[optind]);
		return FT_REFUSED;
	}
	if ((rc = ft_revert(app->ft, id, &revert_id)) != FT_OK)
		return cli_fail(app, rc);
	printf("change set %lld reverted by change set %lld\n", id,
	       (long long)revert_id);
	return FT_OK;
}
