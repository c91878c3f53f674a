/* ftrack import through the binary: files and stdin, the FILE:LINE report
 * capped at 20 lines, exit codes, and an unchanged database on refusal; the
 * spreadsheet exports of tests/samples/, repeated imports, --dry-run,
 * --delimiter, --ignore-columns and the rows' FILE:LINE warnings. */
#include <stdlib.h>
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


#define SAMPLE(name) "tests/samples/" name ".csv"

static void import__spreadsheet_exports_by_an_fm(void **state)
{
	static const char *const variants[] = {SAMPLE("customers.comma-utf8"),
		SAMPLE("customers.semicolon-utf8"), SAMPLE("customers.tab-utf8"),
		SAMPLE("customers.comma-utf8-bom-added"),
		SAMPLE("customers.comma-utf8-crlf-converted")};
	char expected[256], *before, *after;
	struct run r;

	ftrack(0, "init");
	ftrack(0, "user", "add", "Ana", "--role", "assignment-fm");
	before = db_snapshot();
	r = ftrack(1, "import", "customers", variants[0]);
	assert_non_null(strstr(r.err, "customers.comma-utf8.csv:2: 'tester' is "
		"not a registered user; adding a customer is for a registered "
		"Assignment FM or Delivery FM (use --as <name>)\n"));
	run_free(&r);
	/* Windows-1252: one line, nothing imported */
	expect_err(1, "ftrack: line 2 is not UTF-8 (save the file as CSV "
		   "UTF-8); nothing was imported\n", "--as", "Ana", "import",
		   "customers", SAMPLE("customers.comma-cp1252"));
	after = db_snapshot();
	assert_string_equal(before, after);
	free(before);
	free(after);
	/* the first adds them; the others, read alike, find them recorded */
	for (int v = 0; v < 5; v++) {
		snprintf(expected, sizeof expected, "imported customers from "
			 "%s: 12 rows: %s\n", variants[v], v == 0
			 ? "12 changed, 0 unchanged" : "0 changed, 12 unchanged");
		r = ftrack(0, "--as", "Ana", "import", "customers", variants[v]);
		assert_string_equal(r.out, expected);
		assert_string_equal(r.err, "");
		run_free(&r);
	}
	/* the statuses' trailing ",,,,," is no row; lines count the notes'
	 * line breaks */
	r = ftrack(1, "--as", "Ana", "import", "statuses",
		   SAMPLE("statuses.semicolon-utf8"));
	assert_non_null(strstr(r.err, "statuses.semicolon-utf8.csv:8: unknown "
		"subscription 'Exchange Online (Plan 1)'"));
	assert_non_null(strstr(r.err, "ftrack: 12 of 12 rows refused; nothing "
			       "was imported\n"));
	run_free(&r);
}

static const char statuses[] =
	"customer,workload,l1,l2,notes,engagement,next_action_date,"
	"target_date\n"
	"Contoso,Exchange Online,blocked,security-privacy,\"Blocked by DLP\n"
	"for now\",partner-led,2026-04-02,\n"
	"Contoso,Yammer,in-progress,,,,,2026-01-02\n";

static void import__dry_run_and_repeats_change_nothing(void **state)
{
	char *before, *after;
	struct run r;

	ftrack(0, "init");
	ftrack(0, "customer", "add", "Contoso");
	ftrack(0, "subscription", "add", "Contoso", "SUB-1", "--workload",
	       "Exchange Online", "--workload", "Yammer");
	before = db_snapshot();
	r = ftrack_in(0, statuses, "import", "--dry-run", "statuses", "-");
	assert_string_equal(r.out, "dry run of statuses from stdin: 2 rows: 2 "
			    "would change, 0 unchanged, 0 refused; nothing was "
			    "changed\n");
	assert_non_null(strstr(r.err, "stdin:2: warning: the note says when, "
			       "not why"));
	assert_non_null(strstr(r.err, "stdin:4: warning: Contoso / Yammer: "
			       "Target date 2026-01-02 is in the past\n"));
	run_free(&r);
	r = ftrack_in(1, "name,tenant\nContoso,c.example\nFabrikam,\n",
		      "import", "customers", "--dry-run", "-");
	assert_string_equal(r.out, "dry run of customers from stdin: 2 rows: "
			    "1 would change, 0 unchanged, 1 refused; nothing "
			    "was changed\n");
	assert_string_equal(r.err, "stdin:2: customer 'Contoso' already exists "
			    "with no tenant (the row has 'c.example')\n"
			    "ftrack: 1 of 2 rows refused; nothing was "
			    "imported\n");
	run_free(&r);
	after = db_snapshot();
	assert_string_equal(before, after);
	free(after);
	free(before);
	r = ftrack_in(0, statuses, "import", "statuses", "-");
	assert_string_equal(r.out, "imported statuses from stdin: 2 rows: 2 "
			    "changed, 0 unchanged\n");
	run_free(&r);
	before = db_snapshot();
	r = ftrack_in(0, statuses, "import", "statuses", "-");
	assert_string_equal(r.out, "imported statuses from stdin: 2 rows: 0 "
			    "changed, 2 unchanged\n");
	run_free(&r);
	after = db_snapshot();
	assert_string_equal(before, after);
	free(after);
	free(before);
}

static void import__delimiter_and_unknown_columns(void **state)
{
	struct run r;

	ftrack(0, "init");
	r = ftrack_in(1, "name;Owner\nA, Inc;Ana\n", "import", "customers",
		      "-");
	assert_string_equal(r.err, "stdin:1: unknown column 'Owner' (a "
			    "customers file has: name,tenant,managed; "
			    "--ignore-columns skips it)\n"
			    "ftrack: the file is refused; nothing was "
			    "imported\n");
	run_free(&r);
	r = ftrack_in(0, "name;Owner\nA, Inc;Ana\n", "import",
		      "--ignore-columns", "customers", "-");
	assert_string_equal(r.out, "imported customers from stdin: 1 row: 1 "
			    "changed, 0 unchanged\n");
	assert_string_equal(r.err, "stdin:1: warning: ignoring unknown column "
			    "'Owner'\n");
	run_free(&r);
	/* a header with as many tabs as commas says not which; given, the
	 * delimiter settles it */
	r = ftrack_in(1, "name\tRegion,Country\nB\tEU,DE\n", "import",
		      "customers", "-");
	assert_string_equal(r.err, "stdin:1: the header row has as many ',' "
			    "as tab; say which separates the columns "
			    "(--delimiter)\nftrack: the file is refused; "
			    "nothing was imported\n");
	run_free(&r);
	r = ftrack_in(0, "name\tRegion,Country\nB\tEU,DE\n", "import",
		      "--delimiter", "\\t", "--ignore-columns", "customers",
		      "-");
	assert_string_equal(r.err, "stdin:1: warning: ignoring unknown column "
			    "'Region,Country'\n");
	run_free(&r);
	expect_err(2, "ftrack import: unknown delimiter 'pipe' (comma, "
		   "semicolon or tab) (see 'ftrack import --help')\n",
		   "import", "--delimiter", "pipe", "customers", "-");
	expect_out("Customer  Tenant  Managed  Phase       Delivery FM  "
		   "Subscriptions\n"
		   "--------  ------  -------  ----------  -----------  "
		   "-------------\n"
		   "A, Inc                     Assignment               0\n"
		   "B                          Assignment               0\n",
		   "customer", "list");
}

/* A line break inside a quoted cell of a CRLF file is a newline of the
 * notes; a UTF-16 file (Excel's "Unicode Text") is named as such. */
static void import__crlf_inside_cells_and_utf16(void **state)
{
	ftrack(0, "init");
	ftrack(0, "customer", "add", "Zeta");
	ftrack(0, "subscription", "add", "Zeta", "S1", "--workload",
	       "Exchange Online");
	struct run r = ftrack_in(0, "customer,workload,l1,l2,notes\r\n"
				 "Zeta,Exchange Online,in-progress,migration,"
				 "\"Mail first\r\nthen archives\"\r\n",
				 "import", "statuses", "-");
	run_free(&r);
	r = ftrack(0, "customer", "show", "Zeta", "--format", "json");
	assert_non_null(strstr(r.out, "\"notes\":\"Mail first\\nthen "
			       "archives\""));
	run_free(&r);
	char *before = db_snapshot();
	/* (its NUL bytes end the input here; the byte-order mark tells) */
	r = ftrack_in(1, "\xff\xfe" "n", "import", "customers", "-");
	assert_string_equal(r.err, "ftrack: the file is UTF-16 (Excel's "
			    "Unicode Text); save it as CSV UTF-8; nothing was "
			    "imported\n");
	run_free(&r);
	char *after = db_snapshot();
	assert_string_equal(before, after);
	free(before);
	free(after);
}

#define T(f) cmocka_unit_test_setup_teardown(f, sandbox_setup, sandbox_teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(import__file_and_stdin),
		T(import__refusal_names_lines_and_changes_nothing),
		T(import__spreadsheet_exports_by_an_fm),
		T(import__dry_run_and_repeats_change_nothing),
		T(import__delimiter_and_unknown_columns),
		T(import__crlf_inside_cells_and_utf16),
	};

	return cmocka_run_group_tests_name("import-cli", tests, NULL, NULL);
}
