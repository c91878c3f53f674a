#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ftrack/ftrack.h"

static char *join(const char *a, const char *b)
{
	size_t n = strlen(a) + strlen(b) + 1;
	char *s = malloc(n);

	if (s != NULL)
		snprintf(s, n, "%s%s", a, b);
	return s;
}

char *ft_db_path(const char *flag)
{
	const char *env, *home;
	struct passwd *pw;

	if (flag != NULL)
		return strdup(flag);
	if ((env = getenv("FTRACK_DB")) != NULL && *env != '\0')
		return strdup(env);
	/* XDG Base Directory: a relative XDG_DATA_HOME is to be ignored. */
	if ((env = getenv("XDG_DATA_HOME")) != NULL && env[0] == '/')
		return join(env, "/ftrack/ftrack.db");
	home = getenv("HOME");
	if ((home == NULL || *home == '\0') &&
	    (pw = getpwuid(getuid())) != NULL)
		home = pw->pw_dir;
	if (home == NULL || *home == '\0')
		return NULL;
	return join(home, "/.local/share/ftrack/ftrack.db");
}
