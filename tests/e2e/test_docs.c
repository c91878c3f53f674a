/* The man page cannot drift from the binary: every command 'ftrack --help'
 * lists has its section in man/ftrack.1.scd (and in each translation),
 * and each section names every long option of 'ftrack <command> --help';
 * the environment, the files and the exit codes are there; and 'make man'
 * has turned each page into roff. */
#include <stdlib.h>
#include <ctype.h>

#include "spawn.h"

static const char *const PAGES[] = {"man/ftrack.1.scd", "man/es/ftrack.1.scd"};

/* The text of the page from the line "marker" (e.g. "## declare") to the
 * next heading, in a new string; NULL when the page has no such line. */
static char *section(const char *page, const char *marker)
{
	size_t n = strlen(marker);
	const char *s = page, *end;

	while ((s = strstr(s, marker)) != NULL) {
		if ((s == page || s[-1] == '\n') && s[n] == '\n')
			break;
		s += n;
	}
	if (s == NULL)
		return NULL;
	s += n;
	for (end = s; (end = strstr(end, "\n#")) != NULL; end++)
		if (end[2] == ' ' || end[2] == '#')
			break;
	if (end == NULL)
		end = s + strlen(s);
	return strndup(s, (size_t)(end - s));
}

/* The commands of 'ftrack --help', a name a line, after a line break
 * ("\ninit\nuser\n..."). */
static char *commands(void)
{
	struct run r = ftrack(0, "--help");
	char *list = NULL, *line;
	size_t len = 0;

	append(&list, &len, "\n", 1);
	line = strstr(r.out, "\nCommands:\n");
	assert_non_null(line);
	for (line = strchr(line + 1, '\n') + 1; strncmp(line, "  ", 2) == 0;
	     line = strchr(line, '\n') + 1) {
		size_t n = strcspn(line + 2, " ");

		append(&list, &len, line + 2, n);
		append(&list, &len, "\n", 1);
	}
	run_free(&r);
	return list;
}

/* Checks that text names, as *--option*, every long option of help (the
 * usage text of a command, or of ftrack); where says which section. */
static void names_every_option(const char *text, const char *help,
			       const char *where, int *missing)
{
	for (const char *p = help; (p = strstr(p, "--")) != NULL;) {
		char want[80];
		size_t n = 2;

		if (p > help && (isalnum((unsigned char)p[-1]) || p[-1] == '-')) {
			p += 2;
			continue;
		}
		while (islower((unsigned char)p[n]) || isdigit((unsigned char)p[n]) ||
		       p[n] == '-')
			n++;
		if (n > 2) {
			snprintf(want, sizeof want, "*%.*s*", (int)n, p);
			if (strstr(text, want) == NULL) {
				print_error("%s does not name %s\n", where, want);
				(*missing)++;
			}
		}
		p += n;
	}
}

static void man_page__covers_every_command_and_option(void **state)
{
	char *list = commands();
	int missing = 0;

	assert_non_null(strstr(list, "\ndeclare\n"));
	assert_null(strstr(list, "__complete"));
	for (size_t i = 0; i < sizeof PAGES / sizeof PAGES[0]; i++) {
		char *page = slurp(PAGES[i]), *globals, where[160];
		struct run help;

		if (page == NULL && i > 0)
			continue;	/* a translation not written (yet) */
		assert_non_null(page);
		/* the global options, in the section before the commands */
		globals = section(page, i == 0 ? "# GLOBAL OPTIONS"
					       : "# OPCIONES GLOBALES");
		assert_non_null(globals);
		help = ftrack(0, "--help");
		*strstr(help.out, "\n\n") = '\0';	/* the usage lines */
		snprintf(where, sizeof where, "%s, global options", PAGES[i]);
		names_every_option(globals, help.out, where, &missing);
		run_free(&help);
		free(globals);
		for (char *name = list + 1, *nl; (nl = strchr(name, '\n')) != NULL;
		     name = nl + 1) {
			char marker[64], *text;

			snprintf(marker, sizeof marker, "## %.*s", (int)(nl - name),
				 name);
			snprintf(where, sizeof where, "%s, %s", PAGES[i], marker);
			if ((text = section(page, marker)) == NULL) {
				print_error("%s has no section '%s'\n", PAGES[i],
					    marker);
				missing++;
				continue;
			}
			*nl = '\0';
			help = ftrack(0, name, "--help");
			*nl = '\n';
			names_every_option(text, help.out, where, &missing);
			run_free(&help);
			free(text);
		}
		free(page);
	}
	free(list);
	assert_int_equal(missing, 0);
}

/* A "## name" section for a command that is not there would be drift the
 * other way round. */
static void man_page__describes_no_command_that_is_not_there(void **state)
{
	char *list = commands();

	for (size_t i = 0; i < sizeof PAGES / sizeof PAGES[0]; i++) {
		char *page = slurp(PAGES[i]);

		if (page == NULL)
			continue;
		for (char *s = page; (s = strstr(s, "\n## ")) != NULL; s += 4) {
			char want[64];
			size_t n = strcspn(s + 4, "\n");

			snprintf(want, sizeof want, "\n%.*s\n", (int)n, s + 4);
			if (strstr(list, want) == NULL)
				fail_msg("%s: '## %.*s' is not a command", PAGES[i],
					 (int)n, s + 4);
		}
		free(page);
	}
	free(list);
}

static void man_page__says_environment_files_and_exit_codes(void **state)
{
	static const char *const needed[] = {
		"*FTRACK_DB*", "*FTRACK_USER*", "*FTRACK_NOW*", "*XDG_DATA_HOME*",
		"*NO_COLOR*", "*LC_ALL*", "*LC_MESSAGES*", "*LANG*", "*COLUMNS*",
		"_ftrack.db-wal_", "_ftrack.db-shm_",
		"\n*0*\n", "\n*1*\n", "\n*2*\n", "\n*3*\n",
	};

	for (size_t i = 0; i < sizeof PAGES / sizeof PAGES[0]; i++) {
		char *page = slurp(PAGES[i]);

		if (page == NULL && i > 0)
			continue;
		assert_non_null(page);
		for (size_t k = 0; k < sizeof needed / sizeof needed[0]; k++)
			if (strstr(page, needed[k]) == NULL)
				fail_msg("%s does not say %s", PAGES[i], needed[k]);
		/* NO_COLOR: the page says ftrack prints none */
		assert_non_null(strstr(page, i == 0 ? "no colour" : "color"));
		free(page);
	}
}

/* 'make man' (a prerequisite of make check) wrote the roff pages. */
static void man_page__is_built_into_roff(void **state)
{
	for (size_t i = 0; i < sizeof PAGES / sizeof PAGES[0]; i++) {
		char built[64], *roff, *scd = slurp(PAGES[i]);

		if (scd == NULL && i > 0)
			continue;
		free(scd);
		snprintf(built, sizeof built, "build/%.*s", (int)(strlen(PAGES[i]) -
			 4), PAGES[i]);
		roff = slurp(built);
		if (roff == NULL)
			fail_msg("%s is missing: run 'make man'", built);
		assert_non_null(strstr(roff, "\n.TH \"ftrack\" \"1\""));
		assert_non_null(strstr(roff, "FTRACK_DB"));
		free(roff);
	}
}

#define T(f) cmocka_unit_test_setup_teardown(f, sandbox_setup, sandbox_teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(man_page__covers_every_command_and_option),
		T(man_page__describes_no_command_that_is_not_there),
		T(man_page__says_environment_files_and_exit_codes),
		T(man_page__is_built_into_roff),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
