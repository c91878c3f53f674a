/* Shell completion as a user meets it: bash's _ftrack (completion/
 * ftrack.bash) is given COMP_WORDS and COMP_CWORD as readline would, and
 * its COMPREPLY is checked; 'ftrack __complete' on its own; zsh's script
 * when zsh is installed. */
#include <stdlib.h>
#include "spawn.h"

/* COMPREPLY of bash's _ftrack for the words (the last one is completed),
 * one candidate a line; free it. */
#define bash_complete(...) \
	bash_complete_words((const char *const[]){__VA_ARGS__, NULL})

static char *bash_complete_words(const char *const *words)
{
	const char *argv[32] = {
		"bash", "-c",
		"source completion/ftrack.bash; COMP_WORDS=(\"$@\"); "
		"COMP_CWORD=$(($# - 1)); _ftrack; "
		"[ ${#COMPREPLY[@]} -eq 0 ] || printf '%s\\n' \"${COMPREPLY[@]}\"",
		"bash", getenv("FTRACK_BIN"),
	};
	size_t n = 5;
	struct run r;

	/* words[0] is "ftrack": the binary under test stands in for it */
	for (words++; *words && n < 31; words++)
		argv[n++] = *words;
	argv[n] = NULL;
	r = spawn(argv);
	assert_int_equal(r.status, 0);
	assert_string_equal(r.err, "");
	free(r.err);
	return r.out;
}

#define expect_reply(expected, ...) do { \
	char *got_ = bash_complete(__VA_ARGS__); \
	assert_string_equal(got_, expected); \
	free(got_); \
} while (0)

static int team_setup(void **state)
{
	struct run r;

	if (sandbox_setup(state) != 0)
		return -1;
	r = ftrack(0, "init");
	run_free(&r);
	r = ftrack(0, "user", "add", "Ana García", "--role", "assignment-fm");
	run_free(&r);
	setenv("FTRACK_USER", "Ana García", 1);
	r = ftrack(0, "customer", "add", "Contoso");
	run_free(&r);
	r = ftrack(0, "customer", "add", "Café Ltd");
	run_free(&r);
	r = ftrack(0, "subscription", "add", "Contoso", "SUB-0001", "--workload",
		   "Exchange Online");
	run_free(&r);
	return 0;
}

static void bash__completes_command_names(void **state)
{
	char *all;

	expect_reply("declare\n", "ftrack", "decl");
	expect_reply("history\n", "ftrack", "hi");
	all = bash_complete("ftrack", "");
	assert_non_null(strstr(all, "init\nuser\ncustomer\n"));
	assert_non_null(strstr(all, "\nrevert\n"));
	assert_null(strstr(all, "__complete"));
	free(all);
	/* after the global options too */
	expect_reply("subscription\nstatus\n", "ftrack", "--as", "Ana", "s");
	expect_reply("en\nes\n", "ftrack", "--lang", "");
	expect_reply("--db\n", "ftrack", "--d");
}

static void bash__completes_each_commands_options(void **state)
{
	expect_reply("--l2\n--l3\n--led-by\n", "ftrack", "declare", "Contoso",
		     "Yammer", "--l");
	expect_reply("--validated-with\n", "ftrack", "declare", "Contoso",
		     "Yammer", "--no-intent", "--va");
	expect_reply("--tenant\n", "ftrack", "customer", "add", "X", "--t");
	/* a subcommand's options, not its siblings' */
	expect_reply("--delivery-fm\n", "ftrack", "customer", "list", "--d");
	expect_reply("add\nlist\nshow\nrename\nset\n", "ftrack", "customer", "");
	expect_reply("set\n", "ftrack", "status", "");
}

static void bash__completes_codes(void **state)
{
	expect_reply("executive-sponsorship\ncompetitive-solution\n"
		     "microsoft-on-premises\n", "ftrack", "declare", "Contoso",
		     "Yammer", "--no-intent", "--l2", "");
	/* a status's L2s are its L1's */
	expect_reply("it-infrastructure\nit-change-management\n", "ftrack",
		     "status", "set", "Contoso", "Yammer", "--l1", "blocked",
		     "--l2", "it");
	expect_reply("status-unknown\nin-progress\nblocked\n"
		     "duplicate-invalid\n", "ftrack", "status", "set", "Contoso",
		     "Yammer", "--l1", "");
	expect_reply("account-team\nassignment-fm\ndelivery-fm\n", "ftrack",
		     "user", "add", "Bo", "--role", "");
	expect_reply("customer-led\npartner-led\n", "ftrack", "status", "set",
		     "Contoso", "Yammer", "--engagement", "");
	expect_reply("customer\npartner\n", "ftrack", "declare", "Contoso",
		     "Yammer", "--intent", "--led-by", "");
	expect_reply("account-team\ncustomer\n", "ftrack", "declare", "Contoso",
		     "Yammer", "--validated-with", "");
	expect_reply("assignment\ndelivery\n", "ftrack", "customer", "list",
		     "--phase", "");
	expect_reply("table\njson\nmd\n", "ftrack", "customer", "list",
		     "--format", "");
	expect_reply("table\nmd\ncsv\njson\n", "ftrack", "history", "--format",
		     "");
	/* bash splits --format=json at '=' */
	expect_reply("json\n", "ftrack", "rules", "--format", "=", "j");
	expect_reply("customers\n", "ftrack", "import", "cu");
}

static void bash__completes_names_from_the_database(void **state)
{
	/* names match as look-ups do: in any case */
	expect_reply("Contoso\n", "ftrack", "declare", "co");
	expect_reply("Café Ltd\nContoso\n", "ftrack", "assign", "");
	expect_reply("Café Ltd\n", "ftrack", "customer", "show", "CAF");
	/* a name with a space, typed escaped or quoted */
	expect_reply("Exchange Online\n", "ftrack", "declare", "Contoso",
		     "Exchange\\ On");
	expect_reply("Exchange Online\n", "ftrack", "declare", "Contoso",
		     "\"Exchange On");
	expect_reply("Ana García\n", "ftrack", "history", "--who", "an");
	expect_reply("SUB-0001\n", "ftrack", "declare", "Contoso", "Yammer",
		     "--subscription", "s");
	/* the line's own --db wins over FTRACK_DB */
	expect_reply("", "ftrack", "--db", "/nonexistent/ftrack.db", "declare",
		     "co");
	/* files where a file goes */
	{
		char *files = bash_complete("ftrack", "import", "customers",
					    "Makef");

		assert_string_equal(files, "Makefile\n");
		free(files);
	}
}

/* The corrections' subcommands are first-class: their <name> is an
 * existing record's, a subscription narrows to its workloads. */
static void bash__completes_the_corrections_records(void **state)
{
	static const char *const setup[][10] = {
		{"user", "add", "Dana Smith", "--role", "delivery-fm"},
		{"user", "add", "Dora Lee", "--role", "delivery-fm"},
		{"user", "deactivate", "Dora Lee"},
		{"user", "add", "Acc Team", "--role", "account-team"},
		{"subscription", "add", "Contoso", "SUB-0002", "--workload",
		 "Yammer", "--workload", "Intune"},
		{"subscription", "add", "Café Ltd", "CAF-1", "--workload",
		 "Intune"},
	};

	for (size_t i = 0; i < sizeof setup / sizeof setup[0]; i++) {
		struct run r = run_argv(NULL, setup[i]);

		if (r.status != 0)
			fail_msg("%s %s: %s", setup[i][0], setup[i][1], r.err);
		run_free(&r);
	}
	expect_reply("Acc Team\nAna García\nDana Smith\nDora Lee\n", "ftrack",
		     "user", "set", "");
	/* a deactivated user is not deactivated again */
	expect_reply("Acc Team\nAna García\nDana Smith\n", "ftrack", "user",
		     "deactivate", "");
	expect_reply("Café Ltd\nContoso\n", "ftrack", "customer", "rename", "");
	expect_reply("", "ftrack", "customer", "rename", "Contoso", "");
	expect_reply("Contoso\n", "ftrack", "customer", "set", "con");
	expect_reply("Café Ltd\nContoso\n", "ftrack", "subscription",
		     "remove-workload", "");
	/* the customer's subscriptions, then that subscription's workloads */
	expect_reply("SUB-0001\nSUB-0002\n", "ftrack", "subscription",
		     "remove-workload", "Contoso", "");
	expect_reply("CAF-1\n", "ftrack", "subscription", "remove-workload",
		     "Café\\ Ltd", "");
	expect_reply("Intune\nYammer\n", "ftrack", "subscription",
		     "remove-workload", "Contoso", "SUB-0002", "");
	expect_reply("Exchange Online\n", "ftrack", "subscription",
		     "remove-workload", "contoso", "sub-0001", "--force", "");
	expect_reply("--force\n", "ftrack", "subscription", "remove-workload",
		     "Contoso", "SUB-0001", "--");
	/* a delivery FM is an active user with that role */
	expect_reply("Dana Smith\n", "ftrack", "assign", "Contoso",
		     "--delivery-fm", "");
	expect_reply("Dana Smith\n", "ftrack", "customer", "list",
		     "--delivery-fm", "");
	/* --subscription is actions done's, not the worklist's */
	expect_reply("--mine\n--customer\n--overdue\n--due-before\n--format\n",
		     "ftrack", "actions", "--");
	expect_reply("--subscription\n", "ftrack", "actions", "done", "Contoso",
		     "Yammer", "--");
	expect_reply("SUB-0001\nSUB-0002\n", "ftrack", "actions", "done",
		     "Contoso", "Yammer", "--subscription", "");
	/* history show and revert take the newest change set ids */
	expect_reply("10\n9\n8\n7\n6\n5\n4\n3\n2\n1\n", "ftrack", "history",
		     "show", "");
	expect_reply("10\n1\n", "ftrack", "revert", "1");
	expect_reply("--format\n", "ftrack", "history", "show", "3", "--f");
}

static void complete__without_a_database_says_nothing_and_exits_0(void **state)
{
	struct run r;

	setenv("FTRACK_DB", "/nonexistent/ftrack.db", 1);
	r = ftrack(0, "__complete", "customers", "");
	assert_string_equal(r.out, "");
	assert_string_equal(r.err, "");
	run_free(&r);
	/* codes come from the binary's own rules tables */
	r = ftrack(0, "__complete", "l1", "b");
	assert_string_equal(r.out, "blocked\n");
	assert_string_equal(r.err, "");
	run_free(&r);
	r = ftrack(0, "__complete", "no-such-kind");
	assert_string_equal(r.out, "");
	run_free(&r);
	r = ftrack(0, "__complete");
	assert_string_equal(r.out, "");
	run_free(&r);
	r = ftrack(0, "__complete", "options", "customer add");
	assert_string_equal(r.out, "--tenant\n--managed\n--unmanaged\n");
	run_free(&r);
	r = ftrack(0, "__complete", "values", "", "--lang");
	assert_string_equal(r.out, "en\nes\n");
	run_free(&r);
	/* hidden: not listed, never suggested */
	r = ftrack(0, "--help");
	assert_null(strstr(r.out, "__complete"));
	run_free(&r);
	expect_err(2, "ftrack: unknown command '__complet' (see 'ftrack "
		   "--help')\n", "__complet");
}

/* What zsh's _ftrack offers for the words (words[0] is "ftrack"), with
 * compadd, compset and _files stood in for; free it. */
#define zsh_complete(...) \
	zsh_complete_words((const char *const[]){__VA_ARGS__, NULL})

static char *zsh_complete_words(const char *const *words)
{
	const char *argv[32] = {
		"zsh", "-fc",
		"compadd() { shift; printf '%s\\n' \"$@\"; }; "
		"_files() { echo FILES; }; "
		"compset() { PREFIX=${PREFIX#*=}; }; "
		"source completion/_ftrack; "
		"words=(\"$@\"); CURRENT=$#; PREFIX=${words[CURRENT]}; _ftrack",
		"zsh", getenv("FTRACK_BIN"),
	};
	size_t n = 5;
	struct run r;

	for (words++; *words && n < 31; words++)
		argv[n++] = *words;
	argv[n] = NULL;
	r = spawn(argv);
	assert_string_equal(r.err, "");
	free(r.err);
	return r.out;
}

static void zsh__completes_the_same(void **state)
{
	char *got;

	if (system("command -v zsh >/dev/null 2>&1") != 0)
		skip();
	got = zsh_complete("ftrack", "declare", "Contoso", "Exchange\\ On");
	assert_string_equal(got, "Exchange Online\n");
	free(got);
	got = zsh_complete("ftrack", "--db", "");
	assert_string_equal(got, "FILES\n");
	free(got);
	got = zsh_complete("ftrack", "declare", "Contoso", "Yammer", "--l2=exe");
	assert_string_equal(got, "executive-sponsorship\n");
	free(got);
	got = zsh_complete("ftrack", "st");
	assert_string_equal(got, "status\n");
	free(got);
}

#define T(f) cmocka_unit_test_setup_teardown(f, team_setup, sandbox_teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(bash__completes_command_names),
		T(bash__completes_each_commands_options),
		T(bash__completes_codes),
		T(bash__completes_names_from_the_database),
		T(bash__completes_the_corrections_records),
		T(complete__without_a_database_says_nothing_and_exits_0),
		T(zsh__completes_the_same),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
