/* ftrack history */
#include "cli.h"
#include "ftrack/history.h"

/* The filter of this run, for the listing callback. */
static struct ft_history_filter filter;

static int list_history(struct ft *ft, enum ft_shape shape, ft_row_fn fn,
			void *arg)
{
	return ft_history(ft, &filter, shape, fn, arg);
}

int cmd_history(int argc, char **argv, struct app *app)
{
	enum fmt format;

	if (cli_list_format(argc, argv, app, &format) != FT_OK ||
	    !cli_positional(app, argc, argv, 0, 1))
		return FT_USAGE;
	filter.customer = optind < argc ? argv[optind] : NULL;
	return cli_list(app, list_history, format, "(no changes)");
}
