/* The foundation through the binary: set-up, records, history, and every
 * error path with its exit code and message. */
#include <stdlib.h>
#include "run.h"

static void help_and_version__need_no_database(void **state)
{
	struct run r = ftrack(0, "--help");

	assert_non_null(strstr(r.out, "usage: ftrack"));
	assert_non_null(strstr(r.out, "subscription"));
	run_free(&r);
	r = ftrack(0, "customer", "add", "--help");
	assert_non_null(strstr(r.out, "usage: ftrack customer add <name>"));
	run_free(&r);
	r = ftrack(0, "--version");
	assert_memory_equal(r.out, "ftrack ", 7);
	run_free(&r);
	assert_int_equal(access(box.db, F_OK), -1);
}

static void usage_errors__exit_2(void **state)
{
	struct run r;

	expect_err(2, "ftrack: unknown command 'frobnicate' (see 'ftrack "
		   "--help')\n", "frobnicate");
	expect_err(2, "ftrack: unknown option '--colour' (see 'ftrack "
		   "--help')\n", "--colour", "init");
	ftrack(0, "init");
	expect_err(2, "ftrack customer: unknown option '--tennant' (did you "
		   "mean '--tenant'?) (see 'ftrack customer --help')\n",
		   "customer", "add", "X", "--tennant", "t");
	expect_err(2, "ftrack customer: missing argument (see 'ftrack "
		   "customer --help')\n", "customer", "add");
	expect_err(2, "ftrack user: missing --role (assignment-fm, delivery-fm "
		   "or account-team) (see 'ftrack user --help')\n", "user",
		   "add", "Ana");
	expect_err(2, "ftrack customer: invalid --format 'xml' (expected "
		   "table|json|md) (see 'ftrack customer --help')\n", "customer",
		   "list", "--format", "xml");
	expect_err(2, "ftrack subscription: missing --workload <name> (see "
		   "'ftrack subscription --help')\n", "subscription", "add",
		   "C", "S");
	/* did-you-mean for subcommands and global options too */
	expect_err(2, "ftrack customer: unknown subcommand 'lst' (did you mean "
		   "'list'?) (see 'ftrack customer --help')\n", "customer",
		   "lst");
	expect_err(2, "ftrack user: unknown subcommand 'frob' (add, list, set "
		   "or deactivate) (see 'ftrack user --help')\n", "user", "frob");
	expect_err(2, "ftrack subscription: unknown subcommand "
		   "'remove-worklod' (did you mean 'remove-workload'?) (see "
		   "'ftrack subscription --help')\n", "subscription",
		   "remove-worklod");
	expect_err(2, "ftrack: unknown option '--aas' (did you mean '--as'?)\n",
		   "--aas", "Ana", "history");
	/* history show: a missing or invalid id is a usage error */
	expect_err(2, "ftrack history: missing change set id (see 'ftrack "
		   "history --help')\n", "history", "show");
	expect_err(2, "ftrack history: invalid change set id '1x' (expected a "
		   "positive number, as in the Id column of 'ftrack history') "
		   "(see 'ftrack history --help')\n", "history", "show", "1x");
	expect_err(2, "ftrack history: invalid change set id 'abc' (expected a "
		   "positive number, as in the Id column of 'ftrack history') "
		   "(see 'ftrack history --help')\n", "history", "show", "abc");
	/* a customer named "show" is still there, after "--" */
	r = ftrack(0, "customer", "add", "show");
	run_free(&r);
	r = ftrack(0, "history", "--", "show");
	assert_non_null(strstr(r.out, "show: customer added"));
	run_free(&r);
}

static void init__creates_private_file_in_private_folder(void **state)
{
	char db[256], dir[200];
	struct stat st;
	struct run r;

	snprintf(dir, sizeof dir, "%s/new/nested", box.dir);
	snprintf(db, sizeof db, "%s/ftrack.db", dir);
	r = ftrack(0, "--db", db, "init");
	assert_memory_equal(r.out, "database ready (schema version ", 31);
	run_free(&r);
	assert_int_equal(stat(db, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	assert_int_equal(stat(dir, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0700);
	/* init again only checks that it is up to date */
	r = ftrack(0, "--db", db, "init");
	assert_memory_equal(r.out, "database ready (schema version ", 31);
	run_free(&r);
}

static void database__defaults_to_xdg_data_home(void **state)
{
	char xdg[128], db[192];

	snprintf(xdg, sizeof xdg, "%s/xdg", box.dir);
	snprintf(db, sizeof db, "%s/ftrack/ftrack.db", xdg);
	unsetenv("FTRACK_DB");
	setenv("XDG_DATA_HOME", xdg, 1);
	ftrack(0, "init");
	assert_int_equal(access(db, F_OK), 0);
}

/* libpq is loaded only when a connection string is opened: without it a
 * SQLite file works as ever, and PostgreSQL fails with one line. An empty
 * libpq.so.5 first on the library path stands for a broken or missing
 * one. */
static void database__postgresql_without_libpq__one_line_exit_3(void **state)
{
	static const char want[] = "ftrack: cannot load PostgreSQL's client "
		"library 'libpq.so.5' (install libpq5): ";
	char lib[128], path[192], db[192];
	struct run r;
	FILE *f;

	snprintf(lib, sizeof lib, "%s/lib", box.dir);
	assert_int_equal(mkdir(lib, 0700), 0);
	snprintf(path, sizeof path, "%s/libpq.so.5", lib);
	assert_non_null(f = fopen(path, "w"));
	fclose(f);
	setenv("LD_LIBRARY_PATH", lib, 1);
	r = ftrack(3, "--db", "postgresql://127.0.0.1:1/none", "verify");
	assert_memory_equal(r.err, want, sizeof want - 1);
	assert_non_null(strstr(r.err, "libpq.so.5"));
	assert_ptr_equal(strchr(r.err, '\n'), r.err + strlen(r.err) - 1);
	assert_string_equal(r.out, "");
	run_free(&r);
	snprintf(db, sizeof db, "%s/lite.db", box.dir);
	r = ftrack(0, "--db", db, "init");
	assert_memory_equal(r.out, "database ready (schema version ", 31);
	run_free(&r);
	r = ftrack(0, "--db", db, "customer", "add", "Contoso");
	run_free(&r);
	unsetenv("LD_LIBRARY_PATH");
}

static void database__missing_foreign_or_newer_exits_3(void **state)
{
	char path[192];
	FILE *f;

	expect_err(3, "ftrack: no database at '/dev/null/x.db'; create one "
		   "with: ftrack --db /dev/null/x.db init\n", "--db",
		   "/dev/null/x.db", "customer", "list");
	snprintf(path, sizeof path, "%s/notes.txt", box.dir);
	f = fopen(path, "w");
	fputs("this is not a database, just some text that is long enough "
	      "to fill a header of one hundred bytes or so..............\n", f);
	fclose(f);
	struct run r = ftrack(3, "--db", path, "customer", "list");
	assert_non_null(strstr(r.err, "is not a SQLite database"));
	run_free(&r);
	snprintf(path, sizeof path, "sqlite3 '%s/other.db' 'CREATE TABLE t(x)'",
		 box.dir);
	assert_int_equal(system(path), 0);
	snprintf(path, sizeof path, "%s/other.db", box.dir);
	r = ftrack(3, "--db", path, "init");
	assert_non_null(strstr(r.err, "not an ftrack database"));
	run_free(&r);
	sqlite_only("sets SQLite's user_version by hand");
	ftrack(0, "init");
	snprintf(path, sizeof path, "sqlite3 '%s' 'PRAGMA user_version = 99'",
		 box.db);
	assert_int_equal(system(path), 0);
	r = ftrack(3, "user", "list");
	assert_non_null(strstr(r.err, "has schema version 99, newer than this "
			       "ftrack"));
	run_free(&r);
}

/* The sample a new user would type, and what they would then see. */
static void records__flow_through_to_history(void **state)
{
	ftrack(0, "init");
	ftrack(0, "user", "add", "Ana", "--role", "assignment_fm");
	ftrack(0, "--as", "Ana", "user", "add", "Dana", "--role", "delivery-fm");
	ftrack(0, "--as", "Ana", "customer", "add", "Contoso", "--tenant",
	       "contoso.example", "--managed");
	ftrack(0, "--as", "Ana", "subscription", "add", "Contoso", "SUB-1",
	       "--workload", "Exchange Online", "--workload", "yammer");
	expect_out("'Contoso' is in the delivery phase with delivery FM "
		   "'Dana'\n", "--as", "Ana", "assign", "Contoso", "--delivery-fm",
		   "Dana");
	expect_out("Customer  Tenant           Managed  Phase     Delivery FM  "
		   "Subscriptions\n"
		   "--------  ---------------  -------  --------  -----------  "
		   "-------------\n"
		   "Contoso   contoso.example  yes      Delivery  Dana         1\n",
		   "customer", "list");
	expect_out("[\n  {\"customer\":\"Contoso\",\"tenant\":\"contoso.example\","
		   "\"managed\":true,\"phase\":\"delivery\",\"delivery_fm\":"
		   "\"Dana\",\"subscriptions\":1}\n]\n",
		   "customer", "list", "--format", "json");
	expect_out("Id  Date                  Who Changed  Role           What "
		   "Changed\n"
		   "--  --------------------  -----------  -------------  "
		   "--------------------------------------------------------------\n"
		   "5   2026-03-27T10:00:00Z  Ana          Assignment FM  Contoso: "
		   "delivery FM Dana assigned (delivery phase)\n"
		   "4   2026-03-27T10:00:00Z  Ana          Assignment FM  Contoso: "
		   "subscription SUB-1 added with Exchange Online, Yammer\n"
		   "3   2026-03-27T10:00:00Z  Ana          Assignment FM  Contoso: "
		   "customer added\n",
		   "history", "Contoso");
	struct run r = ftrack(0, "customer", "show", "contoso", "--format",
			      "json");
	assert_non_null(strstr(r.out, "\"entitlements\":[{\"subscription\":"
			       "\"SUB-1\",\"workload\":\"Exchange Online\",\"l1\":"
			       "\"status_unknown\",\"l2\":"
			       "\"new_subscription_or_workload\""));
	assert_non_null(strstr(r.out, "\"updated_by\":\"Ana\",\"updated_role\":"
			       "\"assignment_fm\""));
	run_free(&r);
	r = ftrack(0, "history", "--format", "json");
	assert_memory_equal(r.out, "[\n  {\"id\":5,\"at\":\"2026-03-27T10:00:00Z\","
			    "\"who\":\"Ana\",\"role\":\"assignment_fm\",", 72);
	run_free(&r);
	r = ftrack(0, "customer", "show", "Contoso");
	/* an entitlement a record, with every playbook column */
	assert_non_null(strstr(r.out, "SUB-1 \u00b7 Yammer\n"
			       "  L1                   Status Unknown\n"
			       "  L2                   New Subscription or "
			       "Workload\n"));
	assert_non_null(strstr(r.out, "  Updated by           Ana "
			       "(Assignment FM)\n"));
	run_free(&r);
}

static void lang_es__shows_spanish_labels(void **state)
{
	ftrack(0, "init");
	ftrack(0, "user", "add", "Dana", "--role", "delivery-fm");
	expect_out("Nombre  Rol            Correo electrónico  Añadido        "
		   "       Desactivado\n"
		   "------  -------------  ------------------  ---------------"
		   "-----  -----------\n"
		   "Dana    FM de entrega                      2026-03-27T10:00"
		   ":00Z\n", "--lang", "es",
		   "user", "list");
	setenv("LANG", "es_ES.UTF-8", 1);
	expect_out("Nombre  Rol            Correo electrónico  Añadido        "
		   "       Desactivado\n"
		   "------  -------------  ------------------  ---------------"
		   "-----  -----------\n"
		   "Dana    FM de entrega                      2026-03-27T10:00"
		   ":00Z\n", "user", "list");
}

static void refusals__exit_1_and_change_nothing(void **state)
{
	char *before, *after;

	ftrack(0, "init");
	ftrack(0, "customer", "add", "Contoso");
	ftrack(0, "user", "add", "Ana", "--role", "assignment-fm");
	/* once an FM is registered, records are added by one */
	expect_err(1, "ftrack: 'tester' is not a registered user; adding a "
		   "customer is for a registered Assignment FM or Delivery FM "
		   "(use --as <name>)\n", "customer", "add", "Fabrikam");
	setenv("FTRACK_USER", "Ana", 1);
	before = db_snapshot();
	expect_err(1, "ftrack: customer 'contoso' already exists (as "
		   "'Contoso')\n",
		   "customer", "add", "contoso");
	expect_err(1, "ftrack: invalid customer name: it is empty\n",
		   "customer", "add", " ");
	expect_err(1, "ftrack: invalid customer name: it is not valid UTF-8\n",
		   "customer", "add", "Bad\xff\xfe");
	expect_err(1, "ftrack: unknown customer 'Contosso' (did you mean "
		   "'Contoso'?)\n", "subscription", "add", "Contosso", "S-1",
		   "--workload", "Yammer");
	expect_err(1, "ftrack: unknown workload 'Yamer' (did you mean "
		   "'Yammer'?)\n", "subscription", "add", "Contoso", "S-1",
		   "--workload", "Exchange Online", "--workload", "Yamer");
	expect_err(1, "ftrack: invalid role 'boss' (expected one of: "
		   "account-team, assignment-fm, delivery-fm)\n", "user", "add",
		   "Bo", "--role", "boss");
	expect_err(1, "ftrack: user 'Ana' is not a delivery FM (role "
		   "assignment_fm); register one with 'ftrack user add <name> "
		   "--role delivery-fm'\n", "assign", "Contoso", "--delivery-fm",
		   "Ana");
	expect_err(1, "ftrack: unknown user 'Dna' (did you mean 'Ana'?)\n",
		   "assign", "Contoso", "--delivery-fm", "Dna");
	setenv("FTRACK_NOW", "2026-02-30T10:00:00Z", 1);
	expect_err(1, "ftrack: invalid FTRACK_NOW '2026-02-30T10:00:00Z' "
		   "(expected ISO 8601, e.g. 2026-03-27T10:00:00Z)\n",
		   "customer", "add", "Later");
	after = db_snapshot();
	assert_string_equal(before, after);
	free(before);
	free(after);
}

static void actor__comes_from_as_then_environment(void **state)
{
	ftrack(0, "init");
	ftrack(0, "workload", "add", "Viva Engage");
	ftrack(0, "--as", "Marta Núñez", "workload", "add", "Copilot");
	struct run r = ftrack(0, "history", "--format", "json");
	assert_non_null(strstr(r.out, "\"who\":\"Marta Núñez\",\"role\":null,"
			       "\"role_label\":null,\"what\":\"workload Copilot "
			       "added\""));
	assert_non_null(strstr(r.out, "\"who\":\"tester\",\"role\":null,"
			       "\"role_label\":null,\"what\":\"workload Viva "
			       "Engage added\""));
	run_free(&r);
	expect_err(1, "ftrack: workload 'copilot' already exists (as "
		   "'Copilot')\n", "workload",
		   "add", "copilot");
}

#define T(f) cmocka_unit_test_setup_teardown(f, sandbox_setup, sandbox_teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(help_and_version__need_no_database),
		T(usage_errors__exit_2),
		T(init__creates_private_file_in_private_folder),
		T(database__defaults_to_xdg_data_home),
		T(database__postgresql_without_libpq__one_line_exit_3),
		T(database__missing_foreign_or_newer_exits_3),
		T(records__flow_through_to_history),
		T(lang_es__shows_spanish_labels),
		T(refusals__exit_1_and_change_nothing),
		T(actor__comes_from_as_then_environment),
	};

	return cmocka_run_group_tests_name("cli", tests, NULL, NULL);
}
