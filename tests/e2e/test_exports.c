/* Queries and exports through the binary: golden files for every format in
 * both languages, read back by real parsers (libcsv, SQLite's JSON), the
 * escaping of hostile text, every filter, revert, --output, and flat
 * memory over 200k change sets. Set FTRACK_UPDATE_GOLDEN=1 to rewrite the
 * golden files (then read their diff). */
#include <stdlib.h>
#include <csv.h>
#include <sqlite3.h>
#include <sys/resource.h>

#include "run.h"

#define NOTES_FAB "=HYPERLINK(\"x\") first line\nsecond line: \"Slack\" everywhere"
#define NOTES_CONTOSO "Board: no cloud mail; archive stays at C:\\mail\\"

static void at(const char *when)
{
	setenv("FTRACK_NOW", when, 1);
}

/* Three customers whose names and notes test every escape. */
static void fixture(void)
{
	at("2026-03-01T09:00:00Z");
	ftrack(0, "init");
	ftrack(0, "user", "add", "Ana García", "--role", "assignment-fm");
	ftrack(0, "--as", "Ana García", "user", "add", "Dana Smith", "--role",
	       "delivery-fm");
	ftrack(0, "--as", "Ana García", "customer", "add", "Contoso",
	       "--tenant", "contoso.example");
	ftrack(0, "--as", "Ana García", "customer", "add", "Fab|rikam \"Ltd\"");
	ftrack(0, "--as", "Ana García", "customer", "add", "Ñandú 🚀 S.A.");
	ftrack(0, "--as", "Ana García", "subscription", "add", "Contoso",
	       "SUB-1", "--workload", "Exchange Online", "--workload",
	       "Microsoft Teams");
	ftrack(0, "--as", "Ana García", "subscription", "add", "Contoso",
	       "SUB-2", "--workload", "Exchange Online");
	ftrack(0, "--as", "Ana García", "subscription", "add",
	       "Fab|rikam \"Ltd\"", "SUB-3", "--workload", "Yammer");
	ftrack(0, "--as", "Ana García", "subscription", "add", "Ñandú 🚀 S.A.",
	       "SUB-4", "--workload", "Power BI", "--workload", "Intune");
	at("2026-03-05T10:30:00Z");
	ftrack(0, "--as", "Ana García", "declare", "Fab|rikam \"Ltd\"", "Yammer",
	       "--no-intent", "--l2", "competitive-solution", "--l3",
	       "Slack | Teams-like", "--notes", NOTES_FAB);
	at("2026-03-10T08:00:00Z");
	ftrack(0, "--as", "Ana García", "assign", "Contoso", "--delivery-fm",
	       "Dana Smith");
	ftrack(0, "--as", "Dana Smith", "status", "set", "Contoso",
	       "Exchange Online", "--l1", "in-progress", "--l2", "migration",
	       "--subscription", "SUB-1");
	at("2026-03-12T16:45:00Z");
	ftrack(0, "--as", "Dana Smith", "declare", "Contoso", "Exchange Online",
	       "--no-intent", "--l2", "executive-sponsorship", "--notes",
	       NOTES_CONTOSO);
	at("2026-03-20T11:00:00Z");
	ftrack(0, "--as", "Ana García", "declare", "Ñandú 🚀 S.A.",
	       "--all-workloads", "--no-intent", "--l2", "microsoft-on-premises",
	       "--notes", "Keeps Exchange 2019 and SharePoint 2019 on premises");
	at("2026-03-27T10:00:00Z");
}

/* Compares text with tests/golden/name, or rewrites it. */
static void golden(const char *name, const char *text)
{
	char path[256];
	FILE *f;

	snprintf(path, sizeof path, "tests/golden/%s", name);
	if (getenv("FTRACK_UPDATE_GOLDEN")) {
		f = fopen(path, "wb");
		assert_non_null(f);
		fputs(text, f);
		fclose(f);
		return;
	}
	f = fopen(path, "rb");
	if (f == NULL)
		fail_msg("missing golden file %s (FTRACK_UPDATE_GOLDEN=1 makes it)",
			 path);
	char *want = NULL;
	size_t len = 0, got;
	char chunk[4096];
	while ((got = fread(chunk, 1, sizeof chunk, f)) > 0)
		append(&want, &len, chunk, got);
	fclose(f);
	if (want == NULL)
		append(&want, &len, "", 0);
	if (strcmp(want, text) != 0)
		fail_msg("%s differs from its golden file:\n%s", name, text);
	free(want);
}

static void exports__match_golden_files_in_both_languages(void **state)
{
	static const char *const commands[][5] = {
		{"history", "--format", "table", NULL},
		{"history", "--format", "md", NULL},
		{"history", "--format", "csv", NULL},
		{"history", "--format", "csv", "--fields"},
		{"history", "--format", "json", NULL},
		{"no-intent", "--format", "table", NULL},
		{"no-intent", "--format", "md", NULL},
		{"no-intent", "--format", "csv", NULL},
		{"no-intent", "--format", "json", NULL},
		{"no-intent", "--accounts", "--format", "table"},
		{"no-intent", "--accounts", "--format", "md"},
		{"no-intent", "--accounts", "--format", "csv"},
		{"no-intent", "--accounts", "--format", "json"},
		{"rules", "--format", "table", NULL},
		{"rules", "--format", "md", NULL},
		{"rules", "--format", "json", NULL},
		{"actions", "--format", "table", NULL},
		{"customer", "show", "Contoso", NULL},
		{"customer", "show", "Contoso", "--format", "md"},
	};
	static const char *const langs[] = {"en", "es"};

	fixture();
	for (size_t l = 0; l < 2; l++) {
		for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++) {
			const char *args[8] = {"--lang", langs[l]};
			char name[128] = "";
			int n = 2;

			for (int j = 0; j < 5 && commands[i][j]; j++) {
				args[n++] = commands[i][j];
				strncat(name, commands[i][j][0] == '-' ?
					commands[i][j] + 2 : commands[i][j],
					sizeof name - strlen(name) - 8);
				strncat(name, "_", sizeof name - strlen(name) - 1);
			}
			args[n] = NULL;
			strncat(name, langs[l], sizeof name - strlen(name) - 1);
			struct run r = run_argv(NULL, args);
			assert_int_equal(r.status, 0);
			assert_string_equal(r.err, "");
			/* no line ends in a blank */
			if (strstr(r.out, " \n") != NULL)
				fail_msg("%s: a line ends in a blank", name);
			golden(name, r.out);
			run_free(&r);
		}
	}
}

/* libcsv's callbacks: count fields and rows, keep every field. */
struct csv_read {
	int fields, rows, width;
	bool ragged;
	char *cells[4096];
	int ncells;
};

static void on_field(void *s, size_t len, void *data)
{
	struct csv_read *c = data;

	if (c->ncells < 4096) {
		c->cells[c->ncells] = strndup(s ? s : "", len);
		c->ncells++;
	}
	c->fields++;
}

static void on_row(int end, void *data)
{
	struct csv_read *c = data;

	if (c->rows > 0 && c->fields != c->width)
		c->ragged = true;
	c->width = c->fields;
	c->fields = 0;
	c->rows++;
}

static struct csv_read parse_csv(const char *text)
{
	struct csv_parser p;
	struct csv_read c = {0};

	assert_int_equal(csv_init(&p, CSV_STRICT | CSV_STRICT_FINI |
				  CSV_APPEND_NULL), 0);
	assert_int_equal(csv_parse(&p, text, strlen(text), on_field, on_row, &c),
			 strlen(text));
	assert_int_equal(csv_fini(&p, on_field, on_row, &c), 0);
	csv_free(&p);
	assert_false(c.ragged);
	return c;
}

static bool has_cell(const struct csv_read *c, const char *want)
{
	for (int i = 0; i < c->ncells; i++)
		if (strcmp(c->cells[i], want) == 0)
			return true;
	return false;
}

static void free_csv(struct csv_read *c)
{
	for (int i = 0; i < c->ncells; i++)
		free(c->cells[i]);
}

static void csv__reads_back_with_a_real_parser(void **state)
{
	fixture();
	struct run r = ftrack(0, "history", "--format", "csv", "--fields");
	struct csv_read c = parse_csv(r.out);

	/* CRLF line ends, one header */
	assert_memory_equal(r.out, "changeset,at,who,role,customer,entity,"
			    "entity_id,field,old,old_label,new,new_label\r\n", 79);
	assert_int_equal(c.width, 12);
	/* the formula is neutralised, the rest verbatim */
	assert_true(has_cell(&c, "'" NOTES_FAB));
	assert_true(has_cell(&c, NOTES_CONTOSO));
	assert_true(has_cell(&c, "Fab|rikam \"Ltd\""));
	assert_true(has_cell(&c, "Ñandú 🚀 S.A."));
	free_csv(&c);
	run_free(&r);
	r = ftrack(0, "no-intent", "--format", "csv");
	c = parse_csv(r.out);
	assert_int_equal(c.rows, 5);
	assert_int_equal(c.width, 12);
	assert_true(has_cell(&c, "Slack | Teams-like"));
	free_csv(&c);
	run_free(&r);
}

/* Evaluates a SQL expression over the JSON text :j with SQLite's parser. */
static char *json_eval(const char *json, const char *expr)
{
	sqlite3 *db = NULL;
	sqlite3_stmt *st = NULL;
	char *sql = sqlite3_mprintf("SELECT %s", expr), *out = NULL;

	assert_int_equal(sqlite3_open(":memory:", &db), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
	sqlite3_bind_text(st, 1, json, -1, SQLITE_STATIC);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	out = strdup(sqlite3_column_text(st, 0) ? (const char *)
		     sqlite3_column_text(st, 0) : "(null)");
	sqlite3_finalize(st);
	sqlite3_close(db);
	sqlite3_free(sql);
	return out;
}

#define assert_json(json, expr, want) do { \
	char *got_ = json_eval(json, expr); \
	assert_string_equal(got_, want); \
	free(got_); \
} while (0)

static void json__reads_back_with_a_real_parser(void **state)
{
	fixture();
	struct run r = ftrack(0, "history", "--format", "json");

	assert_json(r.out, "json_valid(?1)", "1");
	assert_json(r.out, "json_array_length(?1)", "14");
	assert_json(r.out, "json_extract(?1, '$[0].what')", "Ñandú 🚀 S.A. / "
		    "Intune (SUB-4): No Intent, Using Microsoft On-Premises "
		    "Solution (scenario 2); Ñandú 🚀 S.A. / Power BI (SUB-4): No "
		    "Intent, Using Microsoft On-Premises Solution (scenario 2)");
	assert_json(r.out, "(SELECT json_extract(value, '$.new') FROM "
		    "json_each(json_extract(?1, '$[4].changes')) WHERE "
		    "json_extract(value, '$.field') = 'notes')", NOTES_FAB);
	assert_json(r.out, "json_extract(?1, '$[4].customer')",
		    "Fab|rikam \"Ltd\"");
	run_free(&r);
	r = ftrack(0, "no-intent", "--accounts", "--format", "json");
	assert_json(r.out, "json_extract(?1, '$[2].customer') || ' ' || "
		    "json_extract(?1, '$[2].no_intent') || '/' || "
		    "json_extract(?1, '$[2].services') || ' ' || "
		    "json_extract(?1, '$[2].all_workloads')",
		    "Ñandú 🚀 S.A. 2/2 1");
	run_free(&r);
}

/* Counts the cells of a GFM table row: pipes not escaped by a backslash. */
static int md_cells(const char *line, size_t len)
{
	int pipes = 0;

	for (size_t i = 0; i < len; i++)
		if (line[i] == '|' && (i == 0 || line[i - 1] != '\\'))
			pipes++;
	return pipes - 1;
}

static void md__rows_keep_exactly_their_cells(void **state)
{
	const char *p, *nl;

	fixture();
	struct run r = ftrack(0, "--lang", "es", "history", "--format", "md");
	assert_memory_equal(r.out, "|Fecha|Quién realizó el cambio|Qué cambió|\n",
			    44);
	for (p = r.out; (nl = strchr(p, '\n')) != NULL; p = nl + 1)
		assert_int_equal(md_cells(p, (size_t)(nl - p)), 3);
	assert_non_null(strstr(r.out, "|3/5/2026|Ana García|Fab\\|rikam \"Ltd\" / "
			       "Yammer (SUB-3): No intención, Usar una solución "
			       "competitiva (escenario 2)|\n"));
	run_free(&r);
	r = ftrack(0, "no-intent", "--format", "md");
	for (p = r.out; (nl = strchr(p, '\n')) != NULL; p = nl + 1)
		assert_int_equal(md_cells(p, (size_t)(nl - p)), 9);
	run_free(&r);
}

static int lines(const char *s)
{
	int n = 0;

	for (; *s; s++)
		n += *s == '\n';
	return n;
}

static void filters__narrow_history_and_no_intent(void **state)
{
	struct run r;

	fixture();
#define COUNT(expected, ...) do { \
	r = ftrack(0, __VA_ARGS__); \
	assert_int_equal(lines(r.out) - 2, expected); \
	run_free(&r); \
} while (0)
	COUNT(14, "history", "--format", "md");
	COUNT(6, "history", "Contoso", "--format", "md");
	COUNT(2, "history", "--workload", "Exchange Online", "--since",
	      "2026-03-10", "--format", "md");
	COUNT(4, "history", "--workload", "exchange online", "--format", "md");
	COUNT(3, "history", "--since", "2026-03-10T00:00:00Z", "--until",
	      "2026-03-12", "--format", "md");
	COUNT(1, "history", "--until", "2026-03-01", "--who", "tester",
	      "--format", "md");
	COUNT(2, "history", "--who", "dana smith", "--format", "md");
	COUNT(4, "no-intent", "--format", "md");
	COUNT(1, "no-intent", "--l2", "competitive_solution", "--format", "md");
	COUNT(1, "no-intent", "--workload", "Intune", "--format", "md");
	COUNT(1, "no-intent", "--customer", "contoso", "--format", "md");
	COUNT(2, "no-intent", "--since", "2026-03-20", "--format", "md");
	COUNT(1, "no-intent", "--accounts", "--l2", "executive-sponsorship",
	      "--format", "md");
	expect_err(1, "ftrack: invalid --since '2026-13-01' (expected ISO 8601: "
		   "YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ)\n", "history", "--since",
		   "2026-13-01");
	expect_err(1, "ftrack: invalid --until '03/27/2026' (expected ISO 8601: "
		   "YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ)\n", "history", "--until",
		   "03/27/2026");
	expect_err(1, "ftrack: invalid --since '0000-00-00' (expected ISO 8601: "
		   "YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ)\n", "no-intent",
		   "--since", "0000-00-00");
	expect_err(1, "ftrack: unknown workload 'Yamer' (did you mean "
		   "'Yammer'?)\n", "no-intent", "--workload", "Yamer");
}

/* --since and --until take a change set dated exactly at the bound, as a
 * date (the whole day), a time in UTC or a time with an offset; with
 * --customer and the other filters too (read through changeset_at). */
static void filters__time_bounds_take_a_change_set_at_the_bound(void **state)
{
	const char *p;
	struct run r;

	fixture();
	/* nothing to list: no output at all */
#define NONE(...) do { \
	r = ftrack(0, __VA_ARGS__); \
	assert_string_equal(r.out, ""); \
	run_free(&r); \
} while (0)
	/* 2026-03-10T08:00:00Z: change sets 11 and 12 */
	COUNT(2, "history", "--since", "2026-03-10T08:00:00Z", "--until",
	      "2026-03-10T08:00:00Z", "--format", "md");
	COUNT(2, "history", "--since", "2026-03-10", "--until", "2026-03-10",
	      "--format", "md");
	COUNT(2, "history", "--since", "2026-03-10T09:00:00+01:00", "--until",
	      "2026-03-10T03:00-05:00", "--format", "md");
	NONE("history", "--since", "2026-03-10T08:00:01Z", "--until",
	      "2026-03-11", "--format", "md");
	NONE("history", "--since", "2026-03-09T12:00:00Z", "--until",
	      "2026-03-10T07:59:59Z", "--format", "md");
	/* one bound: the other is open */
	COUNT(4, "history", "--since", "2026-03-10T08:00:00Z", "--format", "md");
	COUNT(2, "history", "--since", "2026-03-10T08:00:01Z", "--format", "md");
	COUNT(12, "history", "--until", "2026-03-10T08:00:00Z", "--format", "md");
	COUNT(10, "history", "--until", "2026-03-10T07:59:59Z", "--format", "md");
	COUNT(10, "history", "--until", "2026-03-09", "--format", "md");
	COUNT(9, "history", "--until", "2026-03-01T09:00:00Z", "--format", "md");
	NONE("history", "--until", "2026-03-01T08:59:59Z", "--format", "md");
	/* the last change set, exactly at --since */
	COUNT(1, "history", "--since", "2026-03-20T11:00:00Z", "--format", "md");
	COUNT(1, "history", "--since", "2026-03-20T12:00:00+01:00", "--format",
	      "md");
	NONE("history", "--since", "2026-03-20T11:00:01Z", "--format", "md");
	/* with the other filters */
	COUNT(3, "history", "Contoso", "--since", "2026-03-10T08:00:00Z",
	      "--until", "2026-03-12T16:45:00Z", "--format", "md");
	COUNT(1, "history", "Contoso", "--since", "2026-03-12T16:45:00Z",
	      "--format", "md");
	COUNT(1, "history", "--who", "dana smith", "--until",
	      "2026-03-10T08:00:00Z", "--format", "md");
	COUNT(1, "history", "--workload", "Exchange Online", "--since",
	      "2026-03-12T16:45:00Z", "--until", "2026-03-12T16:45:00Z",
	      "--format", "md");
	r = ftrack(0, "history", "--since", "2026-03-10T08:00:00Z", "--until",
		   "2026-03-12T16:45:00Z", "--format", "csv");
	assert_int_equal(lines(r.out) - 1, 3);
	run_free(&r);
	r = ftrack(0, "history", "--since", "2026-03-12T16:45:00Z", "--format",
		   "json");
	assert_non_null(strstr(r.out, "\"at\":\"2026-03-20T11:00:00Z\""));
	assert_non_null(strstr(r.out, "\"at\":\"2026-03-12T16:45:00Z\""));
	assert_null(strstr(r.out, "\"at\":\"2026-03-10T08:00:00Z\""));
	run_free(&r);
	/* a change set dated before the last one (a clock set back) is
	 * still listed by id, newest first */
	at("2026-03-08T00:00:00Z");
	ftrack(0, "--as", "Ana García", "customer", "set", "Contoso",
	       "--tenant", "contoso2.example");
	COUNT(1, "history", "--since", "2026-03-08", "--until", "2026-03-08",
	      "--format", "md");
	r = ftrack(0, "history", "--since", "2026-03-05", "--format", "csv");
	assert_int_equal(lines(r.out) - 1, 6);
	p = strstr(r.out, "\n15,2026-03-08T00:00:00Z,");
	assert_non_null(p);
	assert_ptr_equal(strchr(r.out, '\n'), p);
	assert_non_null(strstr(p + 1, "\n14,2026-03-20T11:00:00Z,"));
	run_free(&r);
}

static void revert__restores_and_refuses_when_overtaken(void **state)
{
	char *before, *after;

	fixture();
	/* change set 13: Contoso's declaration (SUB-1 scenario 3, SUB-2 4) */
	expect_err(1, "ftrack: 'tester' is not a registered user; in the "
		   "delivery phase 'Contoso' is updated by the Delivery FM "
		   "'Dana Smith' (use --as <name>)\n", "revert", "13");
	expect_out("change set 13 reverted by change set 15\n", "--as",
		   "Dana Smith", "revert", "13");
	struct run r = ftrack(0, "customer", "show", "Contoso", "--format",
			      "json");
	assert_json(r.out, "json_extract(?1, '$.entitlements[0].l1') || ',' || "
		    "json_extract(?1, '$.entitlements[0].l2') || ',' || "
		    "ifnull(json_extract(?1, '$.entitlements[0].scenario'), '-')",
		    "in_progress,migration,S1");
	run_free(&r);
	before = db_snapshot();
	expect_err(1, "ftrack: change set 13 cannot be reverted: change set 15 "
		   "changed the same fields or status later (revert that one first)\n",
		   "--as", "Dana Smith", "revert", "13");
	/* a customer that subscriptions refer to is not removed */
	expect_err(1, "ftrack: change set 4 added customer 2; it cannot be "
		   "removed while subscription 'SUB-3' refers to it\n", "--as",
		   "Ana García", "revert", "4");
	expect_err(1, "ftrack: no change set 99 (see the Id column of 'ftrack "
		   "history')\n", "revert", "99");
	expect_err(1, "ftrack: invalid change set id 'x1' (expected a positive "
		   "number, as in the Id column of 'ftrack history')\n", "revert",
		   "x1");
	after = db_snapshot();
	assert_string_equal(before, after);
	free(before);
	free(after);
	/* undoing the undo would put No Intent back: only a declaration does */
	before = db_snapshot();
	expect_err(1, "ftrack: the revert would put Exchange Online (SUB-1) "
		   "back into No Intent, which only a declaration does ('ftrack "
		   "declare --no-intent')\n", "--as", "Dana Smith", "revert",
		   "15");
	after = db_snapshot();
	assert_string_equal(before, after);
	free(before);
	free(after);
}

static void output__refuses_to_overwrite_without_force(void **state)
{
	char file[192], msg[256];
	struct stat st;
	struct run r;

	fixture();
	snprintf(file, sizeof file, "%s/history.csv", box.dir);
	expect_out("", "history", "--format", "csv", "--output", file);
	assert_int_equal(stat(file, &st), 0);
	assert_true(st.st_size > 100);
	truncate(file, 10);
	snprintf(msg, sizeof msg, "ftrack: '%s' already exists; use --force to "
		 "overwrite it\n", file);
	r = ftrack(1, "history", "--format", "csv", "--output", file);
	assert_string_equal(r.err, msg);
	run_free(&r);
	assert_int_equal(stat(file, &st), 0);
	assert_int_equal(st.st_size, 10);
	expect_out("", "history", "--format", "csv", "--output", file, "--force");
	assert_int_equal(stat(file, &st), 0);
	assert_true(st.st_size > 100);
	expect_err(2, "ftrack history: --force goes with --output <file> (see "
		   "'ftrack history --help')\n", "history", "--force");
}

/* Peak resident memory (KiB) of one export to /dev/null. */
/* The peak memory of `history --format format`, over the change sets
 * from since on when since is not NULL. */
static long export_peak(const char *format, const char *since)
{
	const char *bin = getenv("FTRACK_BIN") ? getenv("FTRACK_BIN")
					       : "./ftrack";
	struct rusage ru;
	int status;
	pid_t pid = fork();

	if (pid == 0) {
		int fd = open("/dev/null", O_WRONLY);
		char asan[512];

		/* ASan holds freed memory in quarantine (256 MiB by default),
		 * which would be counted here; the other tests keep it. */
		snprintf(asan, sizeof asan, "%s:quarantine_size_mb=1",
			 getenv("ASAN_OPTIONS") ? getenv("ASAN_OPTIONS") : "");
		setenv("ASAN_OPTIONS", asan, 1);
		dup2(fd, 1);
		if (since != NULL)
			execl(bin, bin, "history", "--format", format, "--since",
			      since, (char *)NULL);
		else
			execl(bin, bin, "history", "--format", format,
			      (char *)NULL);
		_exit(127);
	}
	assert_true(wait4(pid, &status, 0, &ru) == pid);
	assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	return ru.ru_maxrss;
}

/* Adds n change sets of one change each, straight into the tables. */
static void add_changesets(int n)
{
	char sql[1024];

	snprintf(sql, sizeof sql, "WITH RECURSIVE i(k) AS "
		 "(SELECT 1 UNION ALL SELECT k + 1 FROM i WHERE k < %d) "
		 "INSERT INTO changeset (at, who, what) SELECT "
		 "'2026-03-27T10:00:00Z', 'loader', 'bulk change number ' || k || "
		 "' with some text to make the row about as long as a real one' "
		 "FROM i; INSERT INTO change (changeset_id, entity, entity_id, "
		 "field, old_value, new_value) SELECT id, 'customer', 1, 'phase', "
		 "'assignment', 'delivery' FROM changeset WHERE who = 'loader' "
		 "AND id > (SELECT coalesce(max(changeset_id), 0) FROM change)",
		 n);
	free(testdb_query(box.db, sql));
}

static void export__memory_stays_flat_over_200k_change_sets(void **state)
{
	/* the last: a time range over every change set (not sorted) */
	const char *formats[] = {"csv", "json", "md", "json"};
	const char *since[] = {NULL, NULL, NULL, "2026-01-01"};
	long small[4], large[4];

	ftrack(0, "init");
	ftrack(0, "customer", "add", "Contoso");
	add_changesets(1000);
	for (int i = 0; i < 4; i++)
		small[i] = export_peak(formats[i], since[i]);
	add_changesets(199000);
	for (int i = 0; i < 4; i++) {
		large[i] = export_peak(formats[i], since[i]);
		/* 200 times the rows, at most 8 MiB more memory */
		if (large[i] - small[i] > 8 * 1024)
			fail_msg("%s export: %ld KiB at 1k change sets, %ld KiB "
				 "at 200k", formats[i], small[i], large[i]);
	}
}

#define T(f) cmocka_unit_test_setup_teardown(f, sandbox_setup, sandbox_teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(exports__match_golden_files_in_both_languages),
		T(csv__reads_back_with_a_real_parser),
		T(json__reads_back_with_a_real_parser),
		T(md__rows_keep_exactly_their_cells),
		T(filters__narrow_history_and_no_intent),
		T(filters__time_bounds_take_a_change_set_at_the_bound),
		T(revert__restores_and_refuses_when_overtaken),
		T(output__refuses_to_overwrite_without_force),
		T(export__memory_stays_flat_over_200k_change_sets),
	};

	return cmocka_run_group_tests_name("exports", tests, NULL, NULL);
}
