/* Running another program (bash, zsh, make) with an argv and capturing its
 * standard output, for the tests of what ships beside the binary. */
#ifndef FTRACK_E2E_SPAWN_H
#define FTRACK_E2E_SPAWN_H

#include "run.h"

/* Runs argv (NULL-terminated, argv[0] found on PATH) with stdin from
 * /dev/null; returns its stdout and stderr and exit status (free with
 * run_free). */
static inline struct run spawn(const char *const *argv)
{
	int out[2], err[2], wstatus;
	struct run r = {0};
	pid_t pid;

	assert_int_equal(pipe(out), 0);
	assert_int_equal(pipe(err), 0);
	append(&r.out, &r.outlen, "", 0);
	append(&r.err, &r.errlen, "", 0);
	if ((pid = fork()) == 0) {
		int null = open("/dev/null", O_RDONLY);

		dup2(null, 0);
		dup2(out[1], 1);
		dup2(err[1], 2);
		close(out[0]);
		close(err[0]);
		execvp(argv[0], (char *const *)argv);
		_exit(127);
	}
	close(out[1]);
	close(err[1]);
	for (int open_fds = 2; open_fds > 0;) {
		struct pollfd p[2] = {{out[0], POLLIN, 0}, {err[0], POLLIN, 0}};
		char buf[8192];

		if (poll(p, 2, -1) < 0 && errno != EINTR)
			break;
		for (int i = 0; i < 2; i++) {
			ssize_t got;

			if (p[i].fd < 0 || !(p[i].revents & (POLLIN | POLLHUP)))
				continue;
			got = read(p[i].fd, buf, sizeof buf);
			if (got > 0) {
				append(i ? &r.err : &r.out, i ? &r.errlen : &r.outlen,
				       buf, (size_t)got);
			} else {
				close(p[i].fd);
				if (i)
					err[0] = -1;
				else
					out[0] = -1;
				open_fds--;
			}
		}
	}
	waitpid(pid, &wstatus, 0);
	r.status = WIFEXITED(wstatus) ? WEXITSTATUS(wstatus)
				      : 128 + WTERMSIG(wstatus);
	return r;
}

/* The file's contents, NUL-terminated (free with free()), or NULL. */
static inline char *slurp(const char *path)
{
	FILE *f = fopen(path, "r");
	char *buf = NULL, chunk[8192];
	size_t len = 0, got;

	if (f == NULL)
		return NULL;
	append(&buf, &len, "", 0);
	while ((got = fread(chunk, 1, sizeof chunk, f)) > 0)
		append(&buf, &len, chunk, got);
	fclose(f);
	return buf;
}

#endif
