/* Runs a command and prints its wall time in milliseconds and its peak
 * resident memory in KiB: "MS KIB". Standard input may come from a file.
 * Usage: measure [-i FILE] [-o FILE] COMMAND [ARG ...] */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	const char *in = NULL, *out = "/dev/null";
	struct timespec t0, t1;
	struct rusage ru;
	int status, i = 1;
	pid_t pid;

	for (; i + 1 < argc && argv[i][0] == '-'; i += 2) {
		if (strcmp(argv[i], "-i") == 0)
			in = argv[i + 1];
		else if (strcmp(argv[i], "-o") == 0)
			out = argv[i + 1];
	}
	if (i >= argc) {
		fprintf(stderr, "usage: measure [-i FILE] [-o FILE] COMMAND ...\n");
		return 2;
	}
	clock_gettime(CLOCK_MONOTONIC, &t0);
	if ((pid = fork()) == 0) {
		int fd = open(out, O_WRONLY | O_CREAT | O_TRUNC, 0644);

		dup2(fd, 1);
		if (in != NULL) {
			fd = open(in, O_RDONLY);
			dup2(fd, 0);
		}
		execvp(argv[i], argv + i);
		_exit(127);
	}
	if (wait4(pid, &status, 0, &ru) != pid)
		return 1;
	clock_gettime(CLOCK_MONOTONIC, &t1);
	printf("%.1f %ld\n", (double)(t1.tv_sec - t0.tv_sec) * 1e3 +
	       (double)(t1.tv_nsec - t0.tv_nsec) / 1e6, ru.ru_maxrss);
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		fprintf(stderr, "measure: '%s' failed (status %d)\n", argv[i],
			status);
		return 1;
	}
	return 0;
}
