/* libFuzzer target: the command line. The input is the argument list, one
 * argument a line; the commands run on a database in a temporary folder
 * that persists across inputs, so that later inputs meet earlier data.
 * Arguments with a '/' are dropped: every file a command may create
 * (--output, backup) lands in that folder. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../../src/cli/cli.h"

#define MAX_ARGS 24

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	static char dir[] = "/tmp/ftrack-fuzz-cli-XXXXXX";

	(void)argc;
	(void)argv;
	if (mkdtemp(dir) == NULL || chdir(dir) != 0)
		abort();
	setenv("FTRACK_DB", "fuzz.db", 1);
	setenv("FTRACK_NOW", "2026-03-27T10:00:00Z", 1);
	setenv("FTRACK_USER", "fuzzer", 1);
	/* a --db the fuzzer writes as a connection string fails at once:
	 * no server's wait, no service file of the machine's */
	setenv("PGCONNECT_TIMEOUT", "1", 1);
	setenv("PGSERVICEFILE", "/dev/null", 1);
	setenv("PGSYSCONFDIR", "/nonexistent", 1);
	/* no input to wait for; ftrack's output goes nowhere (ASan reports
	 * still reach file descriptor 2) */
	if (freopen("/dev/null", "r", stdin) == NULL ||
	    freopen("/dev/null", "w", stdout) == NULL)
		abort();
	stderr = fopen("/dev/null", "w");
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *copy = malloc(size + 1), *argv[MAX_ARGS + 1], *p, *line;
	int argc = 0;

	if (copy == NULL)
		return 0;
	memcpy(copy, data, size);
	copy[size] = '\0';
	argv[argc++] = "ftrack";
	for (p = copy; argc < MAX_ARGS && (line = strsep(&p, "\n")) != NULL;)
		if (strchr(line, '/') == NULL)
			argv[argc++] = line;
	argv[argc] = NULL;
	cli_run(argc, argv);
	clearerr(stdout);
	free(copy);
	return 0;
}
