/* ftrack import through the binary: files and stdin, the FILE:LINE report
 * capped at 20 lines, exit codes, and an unchanged database on refusal. */
#include "run.h"

static void import__file_and_stdin(void **state)
{
	char file[192];
	FILE *f;

	ftrack(0, "init");
	snprintf(file, sizeof file, "%s/subs.csv", box.dir);
	f = fopen(file, "w");
	fputs("workload,customer,subscription\r\nYammer,Contoso,SUB-1\r\n", f);
	fclose(f);
	struct run r = ftrack_in(0, "name,tenant\nContoso,c.example\n\"Fab, "
				 "Inc\",\n", "import", "customers", "-");
	assert_string_equal(r.out, "imported customers from stdin: 2 rows: 2 "
			    "changed, 0 unchanged\n");
	run_free(&r);
	r = ftrack(0, "import", "subscriptions", file);
	assert_non_null(strstr(r.out, "imported subscriptions from "));
	assert_non_null(strstr(r.out, "subs.csv: 1 row: 1 changed, 0 "
			       "unchanged\n"));
	assert_string_equal(r.err, "");
	run_free(&r);
	expect_out("Customer  Tenant     Managed  Phase       Delivery FM  "
		   "Subscriptions\n"
		   "--------  ---------  -------  ----------  -----------  "
		   "-------------\n"
		   "Contoso   c.example           Assignment               1\n"
		   "Fab, Inc                      Assignment               0\n",
		   "customer", "list");
}

static void import__refusal_names_lines_and_changes_nothing(void **state)
{
	char *before, *after, input[4096] = "name\n";

	ftrack(0, "init");
	ftrack(0, "customer", "add", "Dup");
	before = db_snapshot();
	/* 25 rows that contradict what is recorded: 20 reported, then a
	 * count */
	strcpy(input, "name,tenant\n");
	for (int i = 0; i < 25; i++)
		strcat(input, "Dup,d.example\n");
	struct run r = ftrack_in(1, input, "import", "customers", "-");
	assert_memory_equal(r.err, "stdin:2: customer 'Dup' already exists "
			    "with no tenant (the row has 'd.example')\n"
			    "stdin:3: ", 83);
	assert_non_null(strstr(r.err, "stdin:21: customer 'Dup' already exists "
			       "with no tenant (the row has 'd.example')\n"
			       "... and 5 more refused rows\n"
			       "ftrack: 25 of 25 rows refused; nothing was "
			       "imported\n"));
	assert_null(strstr(r.err, "stdin:22:"));
	run_free(&r);
	expect_err(2, "ftrack import: unknown kind 'clients' (customers, "
		   "subscriptions, statuses or declarations) (see 'ftrack "
		   "import --help')\n", "import", "clients", "-");
	r = ftrack(1, "import", "customers", "/nonexistent/file.csv");
	assert_string_equal(r.err, "ftrack: cannot read '/nonexistent/file.csv': "
			    "No such file or directory\n");
	run_free(&r);
	after = db_snapshot();
	assert_string_equal(before, after);
	free(before);
	free(after);
	r = ftrack(0, "import", "--help");
	assert_non_null(strstr(r.out, "customers      name, tenant, managed"));
	run_free(&r);
}

#define T(f) cmocka_unit_test_setup_teardown(f, sandbox_setup, sandbox_teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(import__file_and_stdin),
		T(import__refusal_names_lines_and_changes_nothing),
	};

	return cmocka_run_group_tests_name("import-cli", tests, NULL, NULL);
}
