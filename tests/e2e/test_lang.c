/* One home for language: every text shown in two languages comes from the
 * text table, which has each key in both; and under --lang es no table
 * shows an English header, nor a label left in English. */
#include <poll.h>
#include <stdlib.h>
#include <pty.h>
#include <utmp.h>

#include "run.h"

/* The English texts of the text table that Spanish says otherwise (a
 * header such as "Customer", a label such as "Account Team"). */
static char **english_only(int *n)
{
	char *rows = testdb_query(box.db, "SELECT en.value FROM text en "
		"JOIN text es ON es.key = en.key AND es.lang = 'es' "
		"WHERE en.lang = 'en' AND en.value <> es.value "
		/* a word both languages use ("L2") is no English */
		"AND en.value NOT IN (SELECT value FROM text WHERE lang = 'es') "
		"AND (en.key LIKE 'col.%' OR en.key LIKE 'l1.%' OR en.key LIKE "
		"'l2.%' OR en.key LIKE 'role.%' OR en.key LIKE 'phase.%' OR "
		"en.key LIKE 'next_action.%')");
	char **list = NULL, *line, *save = NULL;

	*n = 0;
	for (line = strtok_r(rows, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		list = realloc(list, (size_t)(*n + 1) * sizeof *list);
		list[(*n)++] = strdup(line);
	}
	free(rows);
	return list;
}

/* The cells of a table line (separated by two spaces or more), or the
 * label of a record line ("  Label   value"), each checked against the
 * English-only texts. */
static void check_cells(const char *line, size_t len, char **english, int n,
			const char *cmd)
{
	char buf[2048];
	char *cell, *save = NULL;

	snprintf(buf, sizeof buf, "%.*s", (int)(len < sizeof buf - 1 ? len
					       : sizeof buf - 1), line);
	for (char *p = strstr(buf, "  "); p; p = strstr(p + 1, "  "))
		p[0] = '\t', p[1] = '\t';
	for (cell = strtok_r(buf, "\t", &save); cell;
	     cell = strtok_r(NULL, "\t", &save))
		for (int i = 0; i < n; i++)
			if (strcmp(cell, english[i]) == 0)
				fail_msg("'%s' under --lang es shows '%s' in "
					 "English: %.*s", cmd, cell, (int)len,
					 line);
}

/* Runs the command under --lang es and checks its headers (the first line
 * of a table) and record labels (lines indented by two spaces). */
static void spanish(char **english, int n, const char *const *args)
{
	const char *full[16] = {"--lang", "es"};
	struct run r;
	int k = 2;

	for (int i = 0; args[i] && k < 15; i++)
		full[k++] = args[i];
	full[k] = NULL;
	r = ftrack_expect(__FILE__, __LINE__, 0, NULL, full);
	for (const char *p = r.out, *nl; *p; p = nl + 1) {
		bool label = strncmp(p, "  ", 2) == 0;
		bool header;

		if ((nl = strchr(p, '\n')) == NULL)
			nl = p + strlen(p);
		/* a table's header: the line above its dashes */
		header = *nl == '\n' && strncmp(nl + 1, "--", 2) == 0;
		if (header || label)
			check_cells(p + (label ? 2 : 0),
				    (size_t)(nl - p) - (label ? 2 : 0),
				    english, n, args[0]);
		if (*nl == '\0')
			break;
	}
	run_free(&r);
}
#define SPANISH(...) spanish(english, n, (const char *const[]){__VA_ARGS__, \
			     NULL})

static void texts__every_key_in_both_languages(void **state)
{
	char *rows;

	ftrack(0, "init");
	rows = testdb_query(box.db, "SELECT key, min(lang) FROM text GROUP BY "
		"key HAVING count(DISTINCT lang) <> 2 OR min(lang) <> 'en' OR "
		"max(lang) <> 'es'");
	if (*rows)
		fail_msg("text (key|language) in one language only: %s", rows);
	free(rows);
	/* and no table of the code keeps a text of its own */
	rows = testdb_query(box.db, testdb_pg()
		? "SELECT table_name || '.' || column_name FROM "
		  "information_schema.columns WHERE table_schema = 'public' "
		  "AND column_name IN ('en', 'es')"
		: "SELECT m.name || '.' || p.name FROM sqlite_schema m, "
		  "pragma_table_info(m.name) p WHERE m.type = 'table' AND "
		  "p.name IN ('en', 'es')");
	if (*rows)
		fail_msg("column %s holds a language of its own", rows);
	free(rows);
}

static void lang_es__no_table_shows_english(void **state)
{
	char **english;
	int n;

	ftrack(0, "init");
	ftrack(0, "user", "add", "Ana", "--role", "assignment-fm");
	setenv("FTRACK_USER", "Ana", 1);
	ftrack(0, "user", "add", "Dana", "--role", "delivery-fm");
	ftrack(0, "customer", "add", "Contoso", "--tenant", "c.example",
	       "--managed");
	ftrack(0, "subscription", "add", "Contoso", "SUB-1", "--workload",
	       "Yammer", "--workload", "Intune");
	ftrack(0, "declare", "Contoso", "Yammer", "--no-intent", "--l2",
	       "competitive-solution", "--notes", "Customer does not have "
	       "intent to use the service because of Slack");
	ftrack(0, "status", "set", "Contoso", "Intune", "--l1", "blocked",
	       "--l2", "app-compatibility", "--notes", "Unable to deploy "
	       "because the line-of-business app is not certified",
	       "--engagement", "customer-led", "--next-action-date",
	       "2026-01-15");
	english = english_only(&n);
	assert_true(n > 40);
	SPANISH("user", "list");
	SPANISH("customer", "list");
	SPANISH("customer", "show", "Contoso");
	SPANISH("workload", "list");
	SPANISH("actions");
	SPANISH("rules");
	SPANISH("no-intent");
	SPANISH("no-intent", "--accounts");
	SPANISH("history");
	SPANISH("history", "show", "5");
	SPANISH("declare", "Contoso", "Yammer", "--no-intent", "--l2",
		"competitive-solution", "--notes", "Customer does not have "
		"intent to use the service because of Slack", "--dry-run");
	for (int i = 0; i < n; i++)
		free(english[i]);
	free(english);
}

/* The English result lines of the writing commands, and the raw words
 * history show printed before its texts: none may show under --lang es. */
static const char *const ENGLISH_RESULTS[] = {
	"database ready", "schema version", "' added", " added\n",
	"renamed", "changed", "deactivated", "is now", "reverted by",
	"already recorded", "already so", "nothing", "dry run", "declaration ",
	"entitlement", "imported", "row", "change sets sealed", "digest holds",
	"backed up", "removed from", "delivery phase", "delivery FM",
	"next action of", "(no ", "customer ", "user ", "subscription ",
	"workload ", "declared", "no_intent", "Delivery FM", "delivery-fm",
};

/* Runs ftrack --lang es with args, expecting status, and fails when its
 * stdout holds an English result phrase; returns the run (to free). */
static struct run spanish_result(int line, int status, const char *input,
				 const char *const *args)
{
	const char *full[24] = {"--lang", "es"};
	struct run r;
	int k = 2;

	for (int i = 0; args[i] && k < 23; i++)
		full[k++] = args[i];
	full[k] = NULL;
	r = ftrack_expect(__FILE__, line, status, input, full);
	for (size_t i = 0; i < sizeof ENGLISH_RESULTS /
	     sizeof ENGLISH_RESULTS[0]; i++)
		if (strstr(r.out, ENGLISH_RESULTS[i]) != NULL)
			fail_msg("line %d: '%s' under --lang es prints '%s' in "
				 "English:\n%s", line, args[0],
				 ENGLISH_RESULTS[i], r.out);
	return r;
}
#define ES(...) es_line(__LINE__, 0, NULL, \
			     (const char *const[]){__VA_ARGS__, NULL})
static void es_line(int line, int status, const char *input,
		    const char *const *args)
{
	struct run r = spanish_result(line, status, input, args);

	run_free(&r);
}
/* Runs ftrack --lang es and checks that stdout holds expected (csv and
 * json: their names and codes are English). */
#define ES_CONTAINS(expected, ...) do { \
	struct run r_ = ftrack(0, "--lang", "es", __VA_ARGS__); \
	if (strstr(r_.out, expected) == NULL) \
		fail_msg("no '%s' in:\n%s", expected, r_.out); \
	run_free(&r_); \
} while (0)
/* The same, checking the line printed. */
#define ES_SAYS(expected, ...) do { \
	struct run r_ = spanish_result(__LINE__, 0, NULL, \
		(const char *const[]){__VA_ARGS__, NULL}); \
	assert_string_equal(r_.out, expected); \
	run_free(&r_); \
} while (0)

static void lang_es__writing_commands_print_spanish_results(void **state)
{
	char csv[256], backup[256];
	FILE *f;

	snprintf(csv, sizeof csv, "%s/clientes.csv", box.dir);
	snprintf(backup, sizeof backup, "%s/copia.db", box.dir);
	assert_non_null(f = fopen(csv, "w"));
	fputs("name,tenant\nZeta,z.example\n", f);
	fclose(f);
	struct run r = spanish_result(__LINE__, 0, NULL,
				      (const char *const[]){"init", NULL});
	/* (the version is the number of migrations) */
	assert_non_null(strstr(r.out, "base de datos lista (versión del "
			       "esquema "));
	run_free(&r);
	ES_SAYS("usuario 'Ana' añadido\n", "user", "add", "Ana", "--role",
		"assignment-fm");
	setenv("FTRACK_USER", "Ana", 1);
	ES("user", "add", "Dana", "--role", "account-team");
	ES_SAYS("el usuario 'Dana' es ahora FM de entrega\n", "user", "set",
		"Dana", "--role", "delivery-fm");
	ES("user", "add", "Tom", "--role", "account-team");
	ES("user", "deactivate", "Tom");
	ES_SAYS("cliente 'Contoso' añadido\n", "customer", "add", "Contoso");
	ES("customer", "add", "Fabrikam");
	ES_SAYS("cliente 'Fabrikam' renombrado 'Fabrikam SA'\n", "customer",
		"rename", "Fabrikam", "Fabrikam SA");
	ES("customer", "set", "Contoso", "--managed");
	ES("customer", "set", "Contoso", "--managed");
	ES("workload", "add", "Loop");
	ES_SAYS("suscripción 'SUB-1' de 'Contoso': 3 derechos añadidos\n",
		"subscription", "add", "Contoso", "SUB-1", "--workload", "Yammer",
		"--workload", "Intune", "--workload", "Loop");
	ES("subscription", "add", "Contoso", "SUB-2", "--workload", "Yammer");
	ES("subscription", "remove-workload", "Contoso", "SUB-1", "Loop");
	ES("status", "set", "Contoso", "Intune", "--l1", "in-progress",
	   "--target-date", "2026-06-30");
	ES("status", "set", "Contoso", "Intune", "--l1", "in-progress",
	   "--target-date", "2026-06-30");
	ES("status", "set", "Contoso", "--all-workloads", "--l1", "in-progress",
	   "--target-date", "2026-06-30");
	ES("declare", "Contoso", "Yammer", "--subscription", "SUB-1",
	   "--no-intent", "--l2", "competitive-solution", "--notes",
	   "El cliente usa Slack, por eso no quiere Yammer", "--dry-run");
	ES("declare", "Contoso", "Yammer", "--subscription", "SUB-1",
	   "--no-intent", "--l2", "competitive-solution", "--notes",
	   "El cliente usa Slack, por eso no quiere Yammer");
	ES("declare", "Contoso", "Yammer", "--subscription", "SUB-2",
	   "--no-intent", "--l2", "competitive-solution", "--notes",
	   "Otra nota, también con coma");
	ES("declare", "Contoso", "Yammer", "--subscription", "SUB-2",
	   "--no-intent", "--l2", "competitive-solution", "--notes",
	   "Otra nota, también con coma");
	ES("actions", "done", "Contoso", "Yammer");
	ES("import", "customers", csv, "--dry-run");
	ES("import", "customers", csv);
	ES("assign", "Contoso", "--delivery-fm", "Dana");
	ES("assign", "Contoso", "--delivery-fm", "Dana");
	setenv("FTRACK_USER", "Dana", 1);
	ES_SAYS("conjunto de cambios 13 revertido por el conjunto de cambios "
		"21\n", "revert", "13");
	setenv("FTRACK_USER", "Ana", 1);
	ES("verify");
	ES("backup", backup);
	ES("history", "--since", "2030-01-01");
	ES("actions", "--customer", "Zeta");
	/* history show: kinds, fields and values as labels, in Spanish */
	for (int id = 1; id <= 21; id++) {
		char n[8];

		snprintf(n, sizeof n, "%d", id);
		ES("history", "show", n);
		ES("history", "show", n, "--format", "md");
	}
	/* a service's notes: split back in csv (" | ") and json (an array),
	 * its labels in the run's language beside the codes */
	ES_CONTAINS("El cliente usa Slack, por eso no quiere Yammer | Otra "
		    "nota, también con coma", "no-intent", "--format", "csv");
	ES_CONTAINS(",competitive_solution,Usar una solución competitiva,",
		    "no-intent", "--format", "csv");
	ES_CONTAINS("\"notes_list\":[\"El cliente usa Slack, por eso no quiere "
		    "Yammer\",\"Otra nota, también con coma\"]", "no-intent",
		    "--format", "json");
	unsetenv("FTRACK_USER");
}

/* Runs ftrack on a terminal of the given width (a pseudo-terminal, as a
 * user's): what it prints, to free. The parent keeps the terminal's other
 * end open, so that what the child wrote before it exited is never lost to
 * the EIO a pseudo-terminal gives once its last user has gone. */
static char *on_terminal(int columns, const char *const *args)
{
	const char *bin = getenv("FTRACK_BIN") ? getenv("FTRACK_BIN")
					       : "./ftrack";
	const char *argv[24] = {bin};
	char *out = NULL, buf[4096], width[16];
	size_t len = 0;
	int master, slave, k = 1;
	bool exited = false;
	pid_t pid;

	for (int i = 0; args[i] && k < 23; i++)
		argv[k++] = args[i];
	argv[k] = NULL;
	snprintf(width, sizeof width, "%d", columns);
	assert_int_equal(openpty(&master, &slave, NULL, NULL, NULL), 0);
	if ((pid = fork()) == 0) {
		close(master);
		if (login_tty(slave) != 0)
			_exit(127);
		setenv("COLUMNS", width, 1);
		execv(bin, (char *const *)argv);
		_exit(127);
	}
	assert_true(pid > 0);
	append(&out, &len, "", 0);
	/* read until the child has exited and nothing is left to read */
	for (;;) {
		struct pollfd p = {.fd = master, .events = POLLIN};
		int ready = poll(&p, 1, exited ? 0 : 50);
		ssize_t got;

		if (ready > 0 && (got = read(master, buf, sizeof buf)) > 0) {
			append(&out, &len, buf, (size_t)got);
			continue;
		}
		if (exited)
			break;
		exited = waitpid(pid, NULL, WNOHANG) == pid;
	}
	close(master);
	close(slave);
	return out;
}

static void history_show__wraps_long_values_on_a_terminal(void **state)
{
	static const char NOTE[] = "El cliente usa Slack en toda la empresa "
		"desde hace tres años y no quiere otra herramienta de chat";
	char *out;

	ftrack(0, "init");
	ftrack(0, "user", "add", "Ana", "--role", "assignment-fm");
	setenv("FTRACK_USER", "Ana", 1);
	ftrack(0, "customer", "add", "Contoso");
	ftrack(0, "subscription", "add", "Contoso", "SUB-1", "--workload",
	       "Yammer");
	ftrack(0, "declare", "Contoso", "Yammer", "--no-intent", "--l2",
	       "competitive-solution", "--notes", NOTE);
	unsetenv("FTRACK_USER");
	out = on_terminal(80, (const char *const[]){"--db", box.db, "--lang",
			  "es", "history", "show", "4", NULL});
	/* nothing cut, every line within the width, every word of the note
	 * shown */
	if (strstr(out, "…") != NULL)
		fail_msg("a value is cut:\n%s", out);
	for (const char *p = out, *nl; *p; p = nl + 1) {
		int chars = 0;

		if ((nl = strchr(p, '\n')) == NULL)
			nl = p + strlen(p);
		for (const char *q = p; q < nl; q++)
			chars += (*q & 0xC0) != 0x80 && *q != '\r';
		if (chars > 80)
			fail_msg("a line is wider than 80:\n%.*s", (int)(nl - p),
				 p);
		if (*nl == '\0')
			break;
	}
	for (const char *w = NOTE; *w;) {
		size_t n = strcspn(w, " ");
		char word[64];

		snprintf(word, sizeof word, "%.*s", (int)n, w);
		if (strstr(out, word) == NULL)
			fail_msg("'%s' of the note is missing:\n%s", word, out);
		w += n + (w[n] == ' ');
	}
	if (strstr(out, "declaración") == NULL)
		fail_msg("no 'declaración' in:\n%s", out);
	assert_non_null(strstr(out, "Declarado"));
	assert_non_null(strstr(out, "No intención"));
	free(out);
}

#define T(f) cmocka_unit_test_setup_teardown(f, sandbox_setup, sandbox_teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(texts__every_key_in_both_languages),
		T(lang_es__no_table_shows_english),
		T(lang_es__writing_commands_print_spanish_results),
		T(history_show__wraps_long_values_on_a_terminal),
	};

	return cmocka_run_group_tests_name("lang", tests, NULL, NULL);
}
