/* One home for language: every text shown in two languages comes from the
 * text table, which has each key in both; and under --lang es no table
 * shows an English header, nor a label left in English. */
#include <sqlite3.h>

#include "run.h"

/* The English texts of the text table that Spanish says otherwise (a
 * header such as "Customer", a label such as "Account Team"). */
static char **english_only(int *n)
{
	sqlite3 *db = NULL;
	sqlite3_stmt *st = NULL;
	char **list = NULL;

	*n = 0;
	assert_int_equal(sqlite3_open(box.db, &db), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, "SELECT en.value FROM text en "
		"JOIN text es ON es.key = en.key AND es.lang = 'es' "
		"WHERE en.lang = 'en' AND en.value <> es.value "
		/* a word both languages use ("L2") is no English */
		"AND en.value NOT IN (SELECT value FROM text WHERE lang = 'es') "
		"AND (en.key LIKE 'col.%' OR en.key LIKE 'l1.%' OR en.key LIKE "
		"'l2.%' OR en.key LIKE 'role.%' OR en.key LIKE 'phase.%' OR "
		"en.key LIKE 'next_action.%')", -1, &st, NULL), SQLITE_OK);
	while (sqlite3_step(st) == SQLITE_ROW) {
		list = realloc(list, (size_t)(*n + 1) * sizeof *list);
		list[(*n)++] = strdup((const char *)sqlite3_column_text(st, 0));
	}
	sqlite3_finalize(st);
	sqlite3_close(db);
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
	sqlite3 *db = NULL;
	sqlite3_stmt *st = NULL;

	ftrack(0, "init");
	assert_int_equal(sqlite3_open(box.db, &db), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, "SELECT key, group_concat(lang) "
		"FROM text GROUP BY key HAVING count(DISTINCT lang) <> 2 OR "
		"min(lang) <> 'en' OR max(lang) <> 'es'", -1, &st, NULL),
		SQLITE_OK);
	if (sqlite3_step(st) == SQLITE_ROW)
		fail_msg("text '%s' is in %s only", sqlite3_column_text(st, 0),
			 sqlite3_column_text(st, 1));
	sqlite3_finalize(st);
	/* and no table of the code keeps a text of its own */
	assert_int_equal(sqlite3_prepare_v2(db, "SELECT m.name || '.' || p.name "
		"FROM sqlite_schema m, pragma_table_info(m.name) p WHERE "
		"m.type = 'table' AND p.name IN ('en', 'es')", -1, &st, NULL),
		SQLITE_OK);
	if (sqlite3_step(st) == SQLITE_ROW)
		fail_msg("column %s holds a language of its own",
			 sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	sqlite3_close(db);
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

#define T(f) cmocka_unit_test_setup_teardown(f, sandbox_setup, sandbox_teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(texts__every_key_in_both_languages),
		T(lang_es__no_table_shows_english),
	};

	return cmocka_run_group_tests_name("lang", tests, NULL, NULL);
}
