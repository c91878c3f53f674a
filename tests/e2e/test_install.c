/* make install puts exactly the shipped files in their FHS places under
 * DESTDIR and PREFIX, with their modes; make uninstall takes exactly those
 * away. */
#include <stdlib.h>
#include "spawn.h"

/* Runs make TARGET DESTDIR=box.dir/root PREFIX=prefix in the source tree,
 * as a user would (not as part of the make that runs the tests). */
static void run_make(const char *target, const char *prefix)
{
	char destdir[160], prefix_arg[80];
	const char *argv[] = {"make", "-s", "--no-print-directory", target,
			      destdir, prefix_arg, NULL};
	struct run r;

	snprintf(destdir, sizeof destdir, "DESTDIR=%s/root", box.dir);
	snprintf(prefix_arg, sizeof prefix_arg, "PREFIX=%s", prefix);
	unsetenv("MAKEFLAGS");
	unsetenv("MAKELEVEL");
	unsetenv("MFLAGS");
	r = spawn(argv);
	if (r.status != 0)
		fail_msg("make %s: exit %d\n%s%s", target, r.status, r.out, r.err);
	run_free(&r);
}

/* Every file and link under box.dir/root, a path (under it) a line, with
 * its mode in octal, sorted. */
static char *installed(void)
{
	char cmd[300];
	const char *argv[] = {"sh", "-c", cmd, NULL};
	struct run r;

	snprintf(cmd, sizeof cmd, "cd '%s/root' 2>/dev/null && find . "
		 "\\( -type f -o -type l \\) -printf '%%m %%p\\n' | sort",
		 box.dir);
	r = spawn(argv);
	free(r.err);
	return r.out;
}

/* Which of the folders install puts files in exist under box.dir/root,
 * a path a line. */
static char *leaf_folders(const char *prefix)
{
	char cmd[600];
	const char *argv[] = {"sh", "-c", cmd, NULL};
	struct run r;

	snprintf(cmd, sizeof cmd, "cd '%s/root' 2>/dev/null && for d in "
		 ".%s/bin .%s/share/man/man1 .%s/share/man/es/man1 "
		 ".%s/share/bash-completion/completions "
		 ".%s/share/zsh/vendor-completions; do [ -d $d ] && echo $d; "
		 "done; true", box.dir, prefix, prefix, prefix, prefix, prefix);
	r = spawn(argv);
	free(r.err);
	return r.out;
}

static void install__puts_each_file_in_its_place(void **state)
{
	bool es = access("man/es/ftrack.1.scd", F_OK) == 0;
	char expected[600], *got;

	run_make("install", "/usr/local");
	snprintf(expected, sizeof expected,
		 "644 ./usr/local/share/bash-completion/completions/ftrack\n"
		 "644 ./usr/local/share/man/%sman1/ftrack.1\n"
		 "%s"
		 "644 ./usr/local/share/zsh/vendor-completions/_ftrack\n"
		 "755 ./usr/local/bin/ftrack\n",
		 es ? "es/" : "", es ? "644 ./usr/local/share/man/man1/ftrack.1\n"
				     : "");
	got = installed();
	/* sorted by mode first, then path */
	assert_string_equal(got, expected);
	free(got);
	run_make("uninstall", "/usr/local");
	got = installed();
	assert_string_equal(got, "");
	free(got);
	/* nor the folders it made for them */
	got = leaf_folders("/usr/local");
	assert_string_equal(got, "");
	free(got);
}

static void install__follows_prefix_and_the_page_reads(void **state)
{
	char page[200], *roff, *got;
	FILE *other;

	run_make("install", "/usr");
	snprintf(page, sizeof page, "%s/root/usr/share/man/man1/ftrack.1",
		 box.dir);
	roff = slurp(page);
	assert_non_null(roff);
	assert_non_null(strstr(roff, ".SH NAME"));
	free(roff);
	got = installed();
	assert_non_null(strstr(got, "755 ./usr/bin/ftrack\n"));
	free(got);
	/* a folder that holds another file stays, with the file */
	snprintf(page, sizeof page, "%s/root/usr/bin/other", box.dir);
	other = fopen(page, "w");
	assert_non_null(other);
	fclose(other);
	chmod(page, 0644);
	run_make("uninstall", "/usr");
	got = installed();
	assert_string_equal(got, "644 ./usr/bin/other\n");
	free(got);
	got = leaf_folders("/usr");
	assert_string_equal(got, "./usr/bin\n");
	free(got);
}

#define T(f) cmocka_unit_test_setup_teardown(f, sandbox_setup, sandbox_teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(install__puts_each_file_in_its_place),
		T(install__follows_prefix_and_the_page_reads),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
