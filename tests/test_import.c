/* Bulk import: each kind, CSV quoting, the all-or-nothing refusal with the
 * refused rows' lines, and a 100k-row file. */
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
	assert_string_equal(q_text(ft, "SELECT group_concat(name || '=' || "
		"ifnull(managed, '-'), ';') FROM (SELECT * FROM customer ORDER BY "
		"id)"), "Fab, \"Inc\"=1;Ñandú 🚀=0;Contoso=-");
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
	sqlite3_str *s = sqlite3_str_new(NULL);
	char *text, *before;

	sqlite3_str_appendall(s, "name,tenant\n");
	for (int i = 0; i < 10000; i++)
		sqlite3_str_appendf(s, "Customer %05d,%s\n", i,
				    i == 10 || i == 7340 ? "dup.example" : "");
	text = sqlite3_str_finish(s);
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
	sqlite3_free(before);
	sqlite3_free(text);
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
	sqlite3_str *s = sqlite3_str_new(NULL);
	char *text;

	sqlite3_str_appendall(s, "name,tenant,managed\n");
	for (int i = 0; i < 100000; i++)
		sqlite3_str_appendf(s, "Customer %06d,t%06d.example,yes\n", i, i);
	text = sqlite3_str_finish(s);
	assert_int_equal(import(ft, FT_IMPORT_CUSTOMERS, text, &e, &r), FT_OK);
	assert_int_equal(r.rows, 100000);
	assert_int_equal(q_int(ft, "SELECT count(*) FROM customer"), 100000);
	assert_int_equal(q_int(ft, "SELECT count(*) FROM changeset"), 100000);
	sqlite3_free(text);
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
	};

	return cmocka_run_group_tests_name("import", tests, NULL, NULL);
}
