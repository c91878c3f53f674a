/* Bulk import: each kind, CSV quoting, the all-or-nothing refusal with the
 * refused rows' lines, a 100k-row file; what spreadsheets write (the real
 * exports in tests/samples/), rows already recorded, dry runs, unknown
 * columns and the rows' warnings. */
#include <stdlib.h>
#include <unistd.h>
#include "testutil.h"
#include "ftrack/import.h"
#include "ftrack/records.h"

struct errors {
	long lines[32];
	char first[512];
	int n;
	long warning_lines[8];
	char warnings[8][512];
	int nwarnings;
};

static void on_error(void *arg, long line, const char *why)
{
	struct errors *e = arg;

	if (e->n == 0)
		snprintf(e->first, sizeof e->first, "%s", why);
	if (e->n < 32)
		e->lines[e->n] = line;
	e->n++;
}

static void on_warning(void *arg, long line, const char *message)
{
	struct errors *e = arg;

	if (e->nwarnings < 8) {
		e->warning_lines[e->nwarnings] = line;
		snprintf(e->warnings[e->nwarnings], sizeof e->warnings[0], "%s",
			 message);
	}
	e->nwarnings++;
}

/* Imports in as a file of the kind with the options of opt (its callbacks
 * set here). */
static int import_file(struct ft *ft, enum ft_import_kind kind, FILE *in,
		       struct ft_import_options opt, struct errors *e,
		       struct ft_import_result *r)
{
	memset(e, 0, sizeof *e);
	opt.on_error = on_error;
	opt.on_warning = on_warning;
	opt.arg = e;
	return ft_import(ft, kind, in, &opt, r);
}

/* Imports text as a file of the kind, with options. */
static int import_with(struct ft *ft, enum ft_import_kind kind,
		       const char *text, struct ft_import_options opt,
		       struct errors *e, struct ft_import_result *r)
{
	FILE *in = fmemopen((void *)text, strlen(text), "r");
	int rc;

	assert_non_null(in);
	rc = import_file(ft, kind, in, opt, e, r);
	fclose(in);
	return rc;
}

/* Imports text as a file of the kind. */
static int import(struct ft *ft, enum ft_import_kind kind, const char *text,
		  struct errors *e, struct ft_import_result *r)
{
	return import_with(ft, kind, text, (struct ft_import_options){0}, e, r);
}

static void import__each_kind_with_quoted_fields(void **state)
{
	struct ft *ft = *state;
	struct ft_import_result r;
	struct errors e;

	assert_int_equal(import(ft, FT_IMPORT_CUSTOMERS,
		"name,managed,tenant\r\n"
		"\"Fab, \"\"Inc\"\"\",yes,fab.example\r\n"
		"Ñandú 🚀,no,\r\n"
		"Contoso,,\r\n", &e, &r), FT_OK);
	assert_int_equal(r.rows, 3);
	assert_string_equal(q_text(ft, "SELECT string_agg(name || '=' || "
		"coalesce(CAST(managed AS TEXT), '-'), ';') FROM (SELECT * FROM "
		"customer ORDER BY id) AS c"), "Fab, \"Inc\"=1;Ñandú 🚀=0;Contoso=-");
	assert_int_equal(import(ft, FT_IMPORT_SUBSCRIPTIONS,
		"customer,subscription,workload\n"
		"\"Fab, \"\"Inc\"\"\",SUB-1,Exchange Online\n"
		"\"Fab, \"\"Inc\"\"\",SUB-1,yammer\n"
		"Contoso,SUB-2,Exchange Online\n", &e, &r), FT_OK);
	assert_int_equal(q_int(ft, "SELECT count(*) FROM entitlement"), 3);
	assert_int_equal(import(ft, FT_IMPORT_STATUSES,
		"customer,workload,l1,l2,subscription,notes,engagement,"
		"next_action_date\n"
		"Contoso,Exchange Online,blocked,security-privacy,SUB-2,"
		"Blocked by the DLP rules of the legal team,partner-led,"
		"2026-05-04\n",
		&e, &r), FT_OK);
	assert_int_equal(import(ft, FT_IMPORT_DECLARATIONS,
		"customer,workload,declared,l2,notes\n"
		"\"Fab, \"\"Inc\"\"\",Yammer,no-intent,competitive_solution,"
		"\"Uses Slack, everywhere;\nsecond line\"\n"
		"Contoso,,intent-declines-ftc,,\n", &e, &r), FT_REFUSED);
	/* scenario 1 needs --led-by: the whole file is refused */
	assert_int_equal(e.n, 1);
	assert_int_equal(e.lines[0], 4);
	assert_string_equal(e.first, "Contoso / Exchange Online (SUB-2): "
		"scenario 1 needs --led-by (customer or partner)");
	assert_int_equal(q_int(ft, "SELECT count(*) FROM declaration"), 0);
	assert_int_equal(import(ft, FT_IMPORT_DECLARATIONS,
		"customer,workload,declared,l2,notes,led_by,kickoff\n"
		"\"Fab, \"\"Inc\"\"\",Yammer,no-intent,competitive_solution,"
		"\"Uses Slack, everywhere;\nsecond line\",,\n"
		"Contoso,Exchange Online,intent-declines-ftc,,,partner,2026-05-01\n",
		&e, &r), FT_OK);
	assert_string_equal(q_text(ft, "SELECT notes FROM entitlement WHERE "
		"l1 = 'no_intent'"), "Uses Slack, everywhere;\nsecond line");
	assert_int_equal(q_int(ft, "SELECT count(*) FROM declaration"), 2);
}

static void import__bad_row_refuses_the_file_and_names_its_line(void **state)
{
	struct ft *ft = *state;
	struct ft_import_result r;
	struct errors e;
	struct strbuf *s = strbuf_new();
	char *text, *before;

	strbuf_add(s, "name,tenant\n");
	for (int i = 0; i < 10000; i++)
		strbuf_addf(s, "Customer %05d,%s\n", i,
				    i == 10 || i == 7340 ? "dup.example" : "");
	text = strbuf_finish(s);
	before = db_fingerprint(ft);
	assert_int_equal(import(ft, FT_IMPORT_CUSTOMERS, text, &e, &r),
			 FT_REFUSED);
	assert_int_equal(r.rows, 10000);
	assert_int_equal(e.n, 1);
	assert_int_equal(e.lines[0], 7342);
	assert_string_equal(e.first, "tenant 'dup.example' already belongs to "
			    "customer 'Customer 00010'");
	assert_string_equal(ft_error(ft), "1 of 10000 rows refused; nothing "
			    "was imported");
	assert_unchanged(ft, before);
	free(before);
	free(text);
}

static void import__reports_every_refused_row(void **state)
{
	struct ft *ft = *state;
	struct ft_import_result r;
	struct errors e;

	/* a customer again with another tenant, a quoted newline before a
	 * bad row, a blank line, and a row with too many fields */
	assert_int_equal(import(ft, FT_IMPORT_CUSTOMERS,
		"name,tenant\n"
		"A,\n"
		"\"B\nstill B\",\n"
		"A,a.example\n"
		"\n"
		"C,t,extra\n", &e, &r), FT_REFUSED);
	assert_int_equal(e.n, 3);
	assert_int_equal(e.lines[0], 3);	/* a newline in a name */
	assert_int_equal(e.lines[1], 5);
	assert_int_equal(e.lines[2], 7);
	assert_int_equal(q_int(ft, "SELECT count(*) FROM customer"), 0);
}

static void import__refuses_malformed_files(void **state)
{
	struct ft *ft = *state;
	struct ft_import_result r;
	struct errors e;
	char *huge = malloc(FT_IMPORT_FIELD_MAX + 64);

	assert_int_equal(import(ft, FT_IMPORT_CUSTOMERS, "", &e, &r), FT_REFUSED);
	assert_string_equal(e.first, "the file is empty (it needs a header "
			    "row: name,tenant,managed)");
	assert_int_equal(import(ft, FT_IMPORT_CUSTOMERS, "nom\nA\n", &e, &r),
			 FT_REFUSED);
	assert_string_equal(e.first, "unknown column 'nom' (a customers file "
			    "has: name,tenant,managed; --ignore-columns skips "
			    "it)");
	assert_int_equal(import(ft, FT_IMPORT_SUBSCRIPTIONS,
		"customer,workload\nA,Yammer\n", &e, &r), FT_REFUSED);
	assert_string_equal(e.first, "missing column 'subscription' (a "
		"subscriptions file has: customer,subscription,workload)");
	assert_int_equal(import(ft, FT_IMPORT_CUSTOMERS, "name\n\"open\n", &e,
				&r), FT_REFUSED);
	assert_string_equal(e.first, "a quoted field is not closed");
	assert_int_equal(import(ft, FT_IMPORT_CUSTOMERS, "name\na\"b\n", &e, &r),
			 FT_REFUSED);
	assert_int_equal(e.lines[0], 2);
	/* a NUL byte inside a field */
	FILE *in = fmemopen((void *)"name\nA\0B\n", 9, "r");
	assert_int_equal(import_file(ft, FT_IMPORT_CUSTOMERS, in,
				     (struct ft_import_options){0}, &e, &r),
			 FT_REFUSED);
	fclose(in);
	assert_string_equal(e.first, "a NUL byte in a field");
	memcpy(huge, "name\n", 5);
	memset(huge + 5, 'x', FT_IMPORT_FIELD_MAX + 10);
	memcpy(huge + FT_IMPORT_FIELD_MAX + 15, "\n", 2);
	assert_int_equal(import(ft, FT_IMPORT_CUSTOMERS, huge, &e, &r),
			 FT_REFUSED);
	assert_string_equal(e.first, "a field longer than 65536 bytes");
	free(huge);
	assert_int_equal(q_int(ft, "SELECT count(*) FROM changeset"), 0);
}

static void import__100k_rows_in_one_transaction(void **state)
{
	struct ft *ft = *state;
	struct ft_import_result r;
	struct errors e;
	struct strbuf *s = strbuf_new();
	char *text;

	strbuf_add(s, "name,tenant,managed\n");
	for (int i = 0; i < 100000; i++)
		strbuf_addf(s, "Customer %06d,t%06d.example,yes\n", i, i);
	text = strbuf_finish(s);
	assert_int_equal(import(ft, FT_IMPORT_CUSTOMERS, text, &e, &r), FT_OK);
	assert_int_equal(r.rows, 100000);
	assert_int_equal(q_int(ft, "SELECT count(*) FROM customer"), 100000);
	assert_int_equal(q_int(ft, "SELECT count(*) FROM changeset"), 100000);
	free(text);
}


/* The spreadsheet exports in tests/samples/ (see its README.md). */
static const char *const utf8_variants[] = {"comma-utf8", "semicolon-utf8",
	"tab-utf8", "comma-utf8-bom-added", "comma-utf8-crlf-converted"};

static int import_sample(struct ft *ft, enum ft_import_kind kind,
			 const char *name, const char *variant,
			 struct errors *e, struct ft_import_result *r)
{
	char path[128];
	FILE *in;
	int rc;

	snprintf(path, sizeof path, "tests/samples/%s.%s.csv", name, variant);
	in = fopen(path, "rb");
	if (in == NULL)
		fail_msg("cannot open %s (tests run from the project's root)",
			 path);
	rc = import_file(ft, kind, in, (struct ft_import_options){0}, e, r);
	fclose(in);
	return rc;
}

static void import__spreadsheet_exports_read_alike_in_every_variant(void **state)
{
	struct ft *ft = *state;
	struct ft_import_result r;
	struct errors e, first;

	/* the first variant adds the twelve customers; each other one,
	 * read the same, finds them all recorded */
	for (size_t v = 0; v < 5; v++) {
		assert_int_equal(import_sample(ft, FT_IMPORT_CUSTOMERS,
			"customers", utf8_variants[v], &e, &r), FT_OK);
		assert_int_equal(r.rows, 12);
		assert_int_equal(r.changed, v == 0 ? 12 : 0);
		assert_int_equal(r.unchanged, v == 0 ? 0 : 12);
	}
	assert_string_equal(q_text(ft, "SELECT string_agg(name, '|') FROM "
		"(SELECT name FROM customer WHERE strpos(name, ';') > 0 OR "
		"strpos(name, ',') > 0 OR strpos(name, '\"') > 0 OR "
		"strpos(name, '=') > 0 ORDER BY id) AS c"), "Contoso, Ltd.|O'Neil \"Quotes\" Inc.|"
		"=SUM(1) Corp|Tailspin Toys; Europe");
	assert_string_equal(q_text(ft, "SELECT tenant || managed FROM customer "
		"WHERE name = '東京商事'"), "tokyoshoji.onmicrosoft.com1");
	/* subscription ids are unique across customers in ftrack, and the
	 * export shares some (Microsoft 365 E3 ...): the same 8 rows of 29
	 * are refused whatever the variant */
	for (size_t v = 0; v < 5; v++) {
		assert_int_equal(import_sample(ft, FT_IMPORT_SUBSCRIPTIONS,
			"subscriptions", utf8_variants[v], &e, &r), FT_REFUSED);
		assert_int_equal(r.rows, 29);
		assert_int_equal(e.n, 8);
		if (v == 0)
			first = e;
		assert_memory_equal(e.lines, first.lines, sizeof e.lines);
		assert_string_equal(e.first, first.first);
	}
	assert_int_equal(first.lines[0], 19);
	assert_string_equal(first.first, "subscription 'Microsoft 365 E3' "
			    "belongs to another customer");
	/* 12 rows (the trailing ',,,,,' of a formula "" is none), two notes
	 * over several lines: every variant names the same lines */
	for (size_t v = 0; v < 5; v++) {
		assert_int_equal(import_sample(ft, FT_IMPORT_STATUSES,
			"statuses", utf8_variants[v], &e, &r), FT_REFUSED);
		assert_int_equal(r.rows, 12);
		assert_int_equal(e.n, 12);
		if (v == 0)
			first = e;
		assert_memory_equal(e.lines, first.lines, sizeof e.lines);
	}
	assert_int_equal(first.lines[5], 8);	/* after a 2-line note */
	assert_int_equal(first.lines[6], 11);	/* after a 3-line note */
	assert_int_equal(first.lines[11], 16);
	assert_int_equal(q_int(ft, "SELECT count(*) FROM subscription"), 0);
}

static void import__windows_1252_is_refused_naming_the_line(void **state)
{
	static const char *const names[] = {"customers", "subscriptions",
					    "statuses"};
	struct ft *ft = *state;
	struct ft_import_result r;
	struct errors e;
	char *before = db_fingerprint(ft);

	for (int k = 0; k < 3; k++) {
		assert_int_equal(import_sample(ft, (enum ft_import_kind)k,
			names[k], "comma-cp1252", &e, &r), FT_REFUSED);
		assert_int_equal(e.n, 0);
		assert_string_equal(ft_error(ft), "line 2 is not UTF-8 (save "
			"the file as CSV UTF-8); nothing was imported");
	}
	/* a later line, after rows that were fine */
	assert_int_equal(import(ft, FT_IMPORT_CUSTOMERS,
		"name\nA\nB\nZo\xeb\n", &e, &r), FT_REFUSED);
	assert_string_equal(ft_error(ft), "line 4 is not UTF-8 (save the file "
			    "as CSV UTF-8); nothing was imported");
	assert_unchanged(ft, before);
	free(before);
}

static void import__delimiter_found_in_the_header_or_given(void **state)
{
	struct ft *ft = *state;
	struct ft_import_result r;
	struct errors e;

	/* a quoted ',' in the header is no delimiter */
	assert_int_equal(import_with(ft, FT_IMPORT_CUSTOMERS,
		"name;\"Notes, internal\";tenant\n\"A, B\";x;a.example\n",
		(struct ft_import_options){.ignore_columns = true}, &e, &r),
		FT_OK);
	assert_string_equal(q_text(ft, "SELECT tenant FROM customer WHERE "
				   "name = 'A, B'"), "a.example");
	assert_int_equal(import(ft, FT_IMPORT_CUSTOMERS, "name\ttenant\nC\t\n",
				&e, &r), FT_OK);
	assert_int_equal(q_int(ft, "SELECT count(*) FROM customer"), 2);
	/* given: the header's ';' is then text */
	assert_int_equal(import_with(ft, FT_IMPORT_CUSTOMERS,
		"name;tenant\nD;d\n", (struct ft_import_options){
		.delimiter = ','}, &e, &r), FT_REFUSED);
	assert_string_equal(e.first, "unknown column 'name;tenant' (a "
		"customers file has: name,tenant,managed; --ignore-columns "
		"skips it)");
	assert_int_equal(import_with(ft, FT_IMPORT_CUSTOMERS,
		"name,tenant;managed\nD,d;yes\n", (struct ft_import_options){
		.delimiter = ';'}, &e, &r), FT_REFUSED);
	assert_string_equal(e.first, "unknown column 'name,tenant' (a "
		"customers file has: name,tenant,managed; --ignore-columns "
		"skips it)");
	/* as many of two: the file says not which */
	assert_int_equal(import(ft, FT_IMPORT_CUSTOMERS, "name,tenant;managed\n"
				"D,d;yes\n", &e, &r), FT_REFUSED);
	assert_string_equal(e.first, "the header row has as many ',' as ';'; "
			    "say which separates the columns (--delimiter)");
	assert_int_equal(import_with(ft, FT_IMPORT_CUSTOMERS,
		"name,tenant;managed\nD,d;yes\n", (struct ft_import_options){
		.delimiter = '|'}, &e, &r), FT_USAGE);
	assert_int_equal(q_int(ft, "SELECT count(*) FROM customer"), 2);
}

static void import__blank_rows_are_no_rows(void **state)
{
	struct ft *ft = *state;
	struct ft_import_result r;
	struct errors e;

	assert_int_equal(import(ft, FT_IMPORT_CUSTOMERS,
		"\r\n;;\n"
		"name;tenant;managed\r\n"
		";;\r\n"
		"A;a.example;yes\r\n"
		"\r\n"
		"\"\";\"\";\r\n"
		"B;;\r\n"
		";;\r\n", &e, &r), FT_OK);
	assert_int_equal(r.rows, 2);
	assert_int_equal(r.changed, 2);
	assert_int_equal(q_int(ft, "SELECT count(*) FROM customer"), 2);
	/* a row of spaces is a row, refused for its empty name */
	assert_int_equal(import(ft, FT_IMPORT_CUSTOMERS,
		"name,tenant\n,\n \" \",\n", &e, &r), FT_REFUSED);
	assert_int_equal(r.rows, 1);
	assert_int_equal(e.lines[0], 3);
	assert_string_equal(e.first, "invalid customer name: it is empty");
}

static void import__unknown_columns_refused_or_skipped_with_a_warning(
	void **state)
{
	struct ft *ft = *state;
	struct ft_import_result r;
	struct errors e;
	const char *text = "Owner,name,Region,tenant\n"
			   "Ana,A,EU,a.example\nBo,B,US,\n";

	assert_int_equal(import(ft, FT_IMPORT_CUSTOMERS, text, &e, &r),
			 FT_REFUSED);
	assert_int_equal(e.lines[0], 1);
	assert_string_equal(e.first, "unknown columns 'Owner', 'Region' (a "
		"customers file has: name,tenant,managed; --ignore-columns "
		"skips them)");
	assert_int_equal(q_int(ft, "SELECT count(*) FROM customer"), 0);
	assert_int_equal(import_with(ft, FT_IMPORT_CUSTOMERS, text,
		(struct ft_import_options){.ignore_columns = true}, &e, &r),
		FT_OK);
	assert_int_equal(e.nwarnings, 1);
	assert_int_equal(e.warning_lines[0], 1);
	assert_string_equal(e.warnings[0], "ignoring unknown columns 'Owner', "
			    "'Region'");
	assert_string_equal(q_text(ft, "SELECT string_agg(name || '=' || "
		"coalesce(tenant, '-'), ';') FROM (SELECT * FROM customer ORDER "
		"BY id) AS c"), "A=a.example;B=-");
	/* required columns stay required */
	assert_int_equal(import_with(ft, FT_IMPORT_CUSTOMERS, "Owner\nAna\n",
		(struct ft_import_options){.ignore_columns = true}, &e, &r),
		FT_REFUSED);
	assert_string_equal(e.first, "missing column 'name' (a customers file "
			    "has: name,tenant,managed)");
}

/* The four kinds of file a test repeats. */
static const char customers_csv[] =
	"name,tenant,managed\nContoso,contoso.example,yes\nFabrikam,,\n";
static const char subscriptions_csv[] =
	"customer,subscription,workload\nContoso,SUB-1,Exchange Online\n"
	"Contoso,SUB-1,Yammer\nFabrikam,SUB-2,Yammer\n";
static const char statuses_csv[] =
	"customer,workload,l1,l2,notes,engagement,next_action_date,"
	"target_date\n"
	"Contoso,Exchange Online,blocked,security-privacy,DLP rules of "
	"legal,partner-led,2026-04-02,\n"
	"Fabrikam,Yammer,in-progress,,,,,2026-06-30\n";
static const char declarations_csv[] =
	"customer,workload,declared,l2,notes\n"
	"Contoso,Yammer,no-intent,competitive-solution,Uses Slack\n";

static void import__rows_already_recorded_change_nothing(void **state)
{
	struct ft *ft = *state;
	struct ft_import_result r;
	struct errors e;
	char *before;

	assert_int_equal(import(ft, FT_IMPORT_CUSTOMERS, customers_csv, &e, &r),
			 FT_OK);
	assert_int_equal(import(ft, FT_IMPORT_SUBSCRIPTIONS, subscriptions_csv,
				&e, &r), FT_OK);
	assert_int_equal(import(ft, FT_IMPORT_STATUSES, statuses_csv, &e, &r),
			 FT_OK);
	assert_int_equal(r.changed, 2);
	assert_int_equal(import(ft, FT_IMPORT_DECLARATIONS, declarations_csv,
				&e, &r), FT_OK);
	assert_int_equal(r.changed, 1);
	before = db_fingerprint(ft);
	assert_int_equal(q_int(ft, "SELECT count(*) FROM declaration"), 1);
	/* again: every row unchanged, nothing written */
	assert_int_equal(import(ft, FT_IMPORT_CUSTOMERS, customers_csv, &e, &r),
			 FT_OK);
	assert_true(r.rows == 2 && r.changed == 0 && r.unchanged == 2);
	assert_int_equal(import(ft, FT_IMPORT_SUBSCRIPTIONS, subscriptions_csv,
				&e, &r), FT_OK);
	assert_true(r.rows == 3 && r.changed == 0 && r.unchanged == 3);
	assert_int_equal(import(ft, FT_IMPORT_STATUSES, statuses_csv, &e, &r),
			 FT_OK);
	assert_true(r.rows == 2 && r.changed == 0 && r.unchanged == 2);
	assert_int_equal(import(ft, FT_IMPORT_DECLARATIONS, declarations_csv,
				&e, &r), FT_OK);
	assert_true(r.rows == 1 && r.changed == 0 && r.unchanged == 1);
	assert_int_equal(q_int(ft, "SELECT count(*) FROM declaration"), 1);
	assert_unchanged(ft, before);
	/* what contradicts the record is refused, naming the difference */
	assert_int_equal(import(ft, FT_IMPORT_CUSTOMERS, "name,tenant,managed\n"
		"Contoso,other.example,no\nFabrikam,f.example,\n", &e, &r),
		FT_REFUSED);
	assert_int_equal(e.n, 2);
	assert_string_equal(e.first, "customer 'Contoso' already exists with "
		"tenant 'contoso.example' (the row has 'other.example') and "
		"managed yes (the row has no)");
	assert_unchanged(ft, before);
	free(before);
	/* a newer export: a customer more, names in another case, a value
	 * the row leaves empty */
	assert_int_equal(import(ft, FT_IMPORT_CUSTOMERS, "name,tenant,managed\n"
		"CONTOSO,,yes\nfabrikam,,\nTailspin,,no\n", &e, &r), FT_OK);
	assert_true(r.rows == 3 && r.changed == 1 && r.unchanged == 2);
}

static void import__unchanged_rows_still_need_a_writer(void **state)
{
	struct ft *ft = *state;
	struct ft_import_result r;
	struct errors e;

	assert_int_equal(import(ft, FT_IMPORT_CUSTOMERS, customers_csv, &e, &r),
			 FT_OK);
	assert_int_equal(import(ft, FT_IMPORT_SUBSCRIPTIONS, subscriptions_csv,
				&e, &r), FT_OK);
	assert_int_equal(ft_user_add(ft, "Ana", "assignment_fm"), FT_OK);
	ft_set_actor(ft, "Ana");
	assert_int_equal(ft_user_add(ft, "Tom", "account_team"), FT_OK);
	ft_set_actor(ft, "Tom");
	assert_int_equal(import(ft, FT_IMPORT_CUSTOMERS, customers_csv, &e, &r),
			 FT_REFUSED);
	assert_int_equal(e.n, 2);
	assert_string_equal(e.first, "'Tom' is Account Team, who reads; adding "
			    "a customer is for an Assignment FM or a Delivery FM");
	assert_int_equal(import(ft, FT_IMPORT_SUBSCRIPTIONS, subscriptions_csv,
				&e, &r), FT_REFUSED);
	assert_int_equal(e.n, 3);
	ft_set_actor(ft, "Ana");
	assert_int_equal(import(ft, FT_IMPORT_SUBSCRIPTIONS, subscriptions_csv,
				&e, &r), FT_OK);
	assert_int_equal(r.unchanged, 3);
}

static void import__dry_run_reports_and_changes_nothing(void **state)
{
	struct ft *ft = *state;
	struct ft_import_result r;
	struct errors e;
	const struct ft_import_options dry = {.dry_run = true};
	char *before;

	assert_int_equal(import(ft, FT_IMPORT_CUSTOMERS, customers_csv, &e, &r),
			 FT_OK);
	assert_int_equal(import(ft, FT_IMPORT_SUBSCRIPTIONS, subscriptions_csv,
				&e, &r), FT_OK);
	before = db_fingerprint(ft);
	/* rows that would change, an unchanged one, later rows that see the
	 * earlier ones' changes */
	assert_int_equal(import_with(ft, FT_IMPORT_CUSTOMERS,
		"name,tenant\nContoso,contoso.example\nNew,new.example\n"
		"NEW,\n", dry, &e, &r), FT_OK);
	assert_true(r.rows == 3 && r.changed == 1 && r.unchanged == 2 &&
		    r.refused == 0);
	assert_int_equal(import_with(ft, FT_IMPORT_STATUSES, statuses_csv, dry,
				     &e, &r), FT_OK);
	assert_true(r.rows == 2 && r.changed == 2 && r.unchanged == 0);
	/* the warnings the import would give (a short note) */
	assert_int_equal(e.nwarnings, 1);
	assert_int_equal(e.warning_lines[0], 2);
	/* a refused row: every row still checked and counted */
	assert_int_equal(import_with(ft, FT_IMPORT_CUSTOMERS,
		"name,tenant\nContoso,x.example\nNew,\nFabrikam,\n", dry, &e,
		&r), FT_REFUSED);
	assert_true(r.rows == 3 && r.changed == 1 && r.unchanged == 1 &&
		    r.refused == 1);
	assert_int_equal(e.lines[0], 2);
	assert_unchanged(ft, before);
	assert_int_equal(q_int(ft, "SELECT count(*) FROM declaration"), 0);
	free(before);
}

static void import__row_warnings_name_their_line(void **state)
{
	struct ft *ft = *state;
	struct ft_import_result r;
	struct errors e;

	assert_int_equal(import(ft, FT_IMPORT_CUSTOMERS, customers_csv, &e, &r),
			 FT_OK);
	assert_int_equal(import(ft, FT_IMPORT_SUBSCRIPTIONS, subscriptions_csv,
				&e, &r), FT_OK);
	assert_int_equal(import(ft, FT_IMPORT_STATUSES,
		"customer,workload,l1,l2,notes,engagement,next_action_date,"
		"target_date\n"
		"Contoso,Exchange Online,blocked,security-privacy,\"Blocked\n"
		"for now\",partner-led,2026-04-02,\n"
		"Fabrikam,Yammer,in-progress,,,,,2026-01-02\n", &e, &r), FT_OK);
	assert_int_equal(e.nwarnings, 2);
	assert_int_equal(e.warning_lines[0], 2);
	assert_non_null(strstr(e.warnings[0], "the note says when, not why"));
	assert_int_equal(e.warning_lines[1], 4);
	assert_string_equal(e.warnings[1], "Fabrikam / Yammer: Target date "
			    "2026-01-02 is in the past");
	assert_null(strstr(e.warnings[1], "line "));
}

/* A refused row makes the import read the file again from the start, each
 * row then in a savepoint: what is said is what one careful pass says,
 * each warning and refusal once, also read from a pipe (no seeking back),
 * and the rows after the refused one are checked as if it had not been
 * there. */
static void import__refusal_says_each_thing_once_from_a_file_or_a_pipe(
	void **state)
{
	static const char csv[] =
		"customer,workload,l1,l2,notes,engagement,next_action_date,"
		"target_date\n"
		"Contoso,Exchange Online,blocked,security-privacy,\"Blocked "
		"for now\",partner-led,2026-04-02,\n"
		"Nobody,Yammer,in-progress,,,,,\n"
		"Contoso,Exchange Online,blocked,security-privacy,\"Blocked "
		"for now\",partner-led,2026-04-02,\n"
		"Fabrikam,Yammer,in-progress,,,,,2026-01-02\n";
	struct ft *ft = *state;
	struct ft_import_result r;
	struct errors e;
	int64_t changesets;

	assert_int_equal(import(ft, FT_IMPORT_CUSTOMERS, customers_csv, &e, &r),
			 FT_OK);
	assert_int_equal(import(ft, FT_IMPORT_SUBSCRIPTIONS, subscriptions_csv,
				&e, &r), FT_OK);
	changesets = q_int(ft, "SELECT count(*) FROM changeset");
	for (int pass = 0; pass < 2; pass++) {
		int fd[2];
		FILE *in;

		if (pass == 0) {
			in = fmemopen((void *)csv, strlen(csv), "r");
		} else {
			assert_int_equal(pipe(fd), 0);
			assert_int_equal(write(fd[1], csv, strlen(csv)),
					 (ssize_t)strlen(csv));
			close(fd[1]);
			in = fdopen(fd[0], "r");
		}
		assert_non_null(in);
		assert_int_equal(import_file(ft, FT_IMPORT_STATUSES, in,
			(struct ft_import_options){0}, &e, &r), FT_REFUSED);
		fclose(in);
		assert_int_equal(e.n, 1);
		assert_int_equal(e.lines[0], 3);
		assert_non_null(strstr(e.first, "Nobody"));
		/* row 2's warning once; row 4 unchanged (row 2 stands, row
		 * 3 does not) says nothing; row 5's warning */
		assert_int_equal(e.nwarnings, 2);
		assert_int_equal(e.warning_lines[0], 2);
		assert_int_equal(e.warning_lines[1], 5);
		assert_int_equal(r.rows, 4);
		assert_int_equal(r.refused, 1);
		assert_int_equal(r.changed, 2);
		assert_int_equal(r.unchanged, 1);
		assert_int_equal(q_int(ft, "SELECT count(*) FROM changeset"),
				 changesets);
	}
}

#define T(f) cmocka_unit_test_setup_teardown(f, setup_db, teardown_db)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(import__each_kind_with_quoted_fields),
		T(import__bad_row_refuses_the_file_and_names_its_line),
		T(import__reports_every_refused_row),
		T(import__refuses_malformed_files),
		T(import__100k_rows_in_one_transaction),
		T(import__spreadsheet_exports_read_alike_in_every_variant),
		T(import__windows_1252_is_refused_naming_the_line),
		T(import__delimiter_found_in_the_header_or_given),
		T(import__blank_rows_are_no_rows),
		T(import__unknown_columns_refused_or_skipped_with_a_warning),
		T(import__rows_already_recorded_change_nothing),
		T(import__unchanged_rows_still_need_a_writer),
		T(import__dry_run_reports_and_changes_nothing),
		T(import__row_warnings_name_their_line),
		T(import__refusal_says_each_thing_once_from_a_file_or_a_pipe),
	};

	return cmocka_run_group_tests_name("import", tests, NULL, NULL);
}
