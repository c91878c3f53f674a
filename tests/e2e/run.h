/* Running the built ftrack binary ($FTRACK_BIN) as a user would: argv,
 * standard input, environment, and what comes back (stdout, stderr, exit
 * status). Each test gets its own temporary folder and database, on SQLite
 * or on PostgreSQL as FTRACK_TEST_PG says (../testdb.h). */
#ifndef FTRACK_E2E_RUN_H
#define FTRACK_E2E_RUN_H

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdbool.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <cmocka.h>

#include "../testdb.h"

struct run {
	char *out;
	char *err;
	size_t outlen, errlen;
	int status;		/* exit code, or 128 + signal */
};

struct sandbox {
	char dir[64];
	char db[128];		/* the database's path or URL (FTRACK_DB) */
};

static struct sandbox box;
/* The test's databases: box.db's first, then sandbox_new_db()'s. */
static struct testdb box_dbs[8];
static int box_ndbs;

static inline int sandbox_setup(void **state)
{
	snprintf(box.dir, sizeof box.dir, "/tmp/ftrack-e2e-XXXXXX");
	if (mkdtemp(box.dir) == NULL)
		return -1;
	snprintf(box.db, sizeof box.db, "%s/ftrack.db", box.dir);
	box_ndbs = 0;
	if (testdb_create(&box_dbs[box_ndbs++], box.db) != 0)
		return -1;
	if (snprintf(box.db, sizeof box.db, "%s", box_dbs[0].target) >=
	    (int)sizeof box.db) {
		fprintf(stderr, "the database's URL is too long: %s\n",
			box_dbs[0].target);
		return -1;
	}
	setenv("FTRACK_DB", box.db, 1);
	setenv("FTRACK_NOW", "2026-03-27T10:00:00Z", 1);
	setenv("FTRACK_USER", "tester", 1);
	setenv("LANG", "C", 1);
	unsetenv("LC_ALL");
	unsetenv("LC_MESSAGES");
	unsetenv("XDG_DATA_HOME");
	return 0;
}

static inline int sandbox_teardown(void **state)
{
	char cmd[128];
	int rc = 0;

	while (box_ndbs > 0)
		rc |= testdb_drop(&box_dbs[--box_ndbs]);
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", box.dir);
	return system(cmd) == 0 && rc == 0 ? 0 : -1;
}

/* Another fresh database for this test, beside box.db, for --db: on SQLite
 * the file `file` in the test's folder, on PostgreSQL a database of its own
 * (dropped with the test's). */
static inline const char *sandbox_new_db(const char *file)
{
	char path[256];

	assert_true(box_ndbs < (int)(sizeof box_dbs / sizeof box_dbs[0]));
	snprintf(path, sizeof path, "%s/%s", box.dir, file);
	assert_int_equal(testdb_create(&box_dbs[box_ndbs], path), 0);
	return box_dbs[box_ndbs++].target;
}

static inline void append(char **buf, size_t *len, const char *data, size_t n)
{
	*buf = realloc(*buf, *len + n + 1);
	memcpy(*buf + *len, data, n);
	*len += n;
	(*buf)[*len] = '\0';
}

/* Runs ftrack with the NULL-terminated argv (without argv[0]), writing input
 * (may be NULL) to its stdin. */
static inline struct run run_argv(const char *input, const char *const *args)
{
	const char *bin = getenv("FTRACK_BIN") ? getenv("FTRACK_BIN")
					       : "./ftrack";
	int in[2], out[2], err[2], wstatus;
	struct run r = {0};
	const char *argv[64];
	size_t n = 0, inlen = input ? strlen(input) : 0, inpos = 0;
	pid_t pid;

	argv[n++] = bin;
	for (; args[n - 1] != NULL && n < 63; n++)
		argv[n] = args[n - 1];
	argv[n] = NULL;
	assert_int_equal(pipe(in), 0);
	assert_int_equal(pipe(out), 0);
	assert_int_equal(pipe(err), 0);
	append(&r.out, &r.outlen, "", 0);
	append(&r.err, &r.errlen, "", 0);
	if ((pid = fork()) == 0) {
		dup2(in[0], 0);
		dup2(out[1], 1);
		dup2(err[1], 2);
		close(in[1]);
		close(out[0]);
		close(err[0]);
		execv(bin, (char *const *)argv);
		_exit(127);
	}
	close(in[0]);
	close(out[1]);
	close(err[1]);
	if (inlen == 0) {
		close(in[1]);
		in[1] = -1;
	}
	for (int open_fds = 2; open_fds > 0;) {
		struct pollfd p[3] = {{out[0], POLLIN, 0}, {err[0], POLLIN, 0},
				      {in[1], POLLOUT, 0}};
		char buf[8192];

		if (poll(p, in[1] >= 0 ? 3 : 2, -1) < 0 && errno != EINTR)
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
				close(i ? err[0] : out[0]);
				if (i)
					err[0] = -1;
				else
					out[0] = -1;
				open_fds--;
			}
		}
		if (in[1] >= 0 && (p[2].revents & (POLLOUT | POLLERR))) {
			ssize_t put = write(in[1], input + inpos, inlen - inpos);

			if (put > 0)
				inpos += (size_t)put;
			if (put <= 0 || inpos == inlen) {
				close(in[1]);
				in[1] = -1;
			}
		}
		if (out[0] < 0 && err[0] < 0)
			break;
	}
	if (in[1] >= 0)
		close(in[1]);
	waitpid(pid, &wstatus, 0);
	r.status = WIFEXITED(wstatus) ? WEXITSTATUS(wstatus)
				      : 128 + WTERMSIG(wstatus);
	return r;
}

static inline void run_free(struct run *r)
{
	free(r->out);
	free(r->err);
}

/* ftrack(expected_status, "arg", ..., NULL): runs, checks the status, and
 * returns the result (free with run_free). */
#define ftrack(status, ...) ftrack_expect(__FILE__, __LINE__, status, NULL, \
					  (const char *const[]){__VA_ARGS__, NULL})
#define ftrack_in(status, input, ...) ftrack_expect(__FILE__, __LINE__, \
	status, input, (const char *const[]){__VA_ARGS__, NULL})

static inline struct run ftrack_expect(const char *file, int line, int status,
				       const char *input,
				       const char *const *args)
{
	struct run r = run_argv(input, args);

	if (r.status != status) {
		fprintf(stderr, "%s:%d: ftrack", file, line);
		for (const char *const *a = args; *a; a++)
			fprintf(stderr, " '%s'", *a);
		fprintf(stderr, ": exit %d, expected %d\nstdout: %s\nstderr: %s\n",
			r.status, status, r.out, r.err);
		fail();
	}
	return r;
}

/* Runs and expects success with this exact stdout. */
#define expect_out(expected, ...) do { \
	struct run r_ = ftrack(0, __VA_ARGS__); \
	assert_string_equal(r_.out, expected); \
	run_free(&r_); \
} while (0)

/* Runs and expects this exit status and exactly this one-line stderr. */
#define expect_err(status, expected, ...) do { \
	struct run r_ = ftrack(status, __VA_ARGS__); \
	assert_string_equal(r_.err, expected); \
	run_free(&r_); \
} while (0)

/* The database's contents (rows and schema), to check a refused command
 * left it alone. */
static inline char *db_snapshot(void)
{
	char cmd[sizeof box.db + 32];
	FILE *p;
	char *buf = NULL;
	size_t len = 0, got;
	char chunk[4096];

	if (testdb_pg()) {
		buf = testdb_pg_snapshot(box.db);
		assert_non_null(buf);
		return buf;
	}
	snprintf(cmd, sizeof cmd, "sqlite3 '%s' .dump", box.db);
	p = popen(cmd, "r");
	assert_non_null(p);
	while ((got = fread(chunk, 1, sizeof chunk, p)) > 0)
		append(&buf, &len, chunk, got);
	pclose(p);
	if (buf == NULL)
		append(&buf, &len, "", 0);
	return buf;
}

#endif
