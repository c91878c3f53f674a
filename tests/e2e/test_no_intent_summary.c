/* The No Intent summaries (migration 0023) against a recount, over a
 * randomized history made through the binary: declarations of one
 * workload and of all, status changes (Duplicate/Invalid included),
 * reverts, workloads taken off and added, imports of statuses and
 * declarations, a copy. After each round: verify (whose recount,
 * src/core/no_intent_summary.c, compares every summary row); `no-intent
 * --l2` (read through the summaries) against the services of the full
 * list (read from the entitlements) that hold that L2; and, on SQLite,
 * `no-intent --accounts` against the recount SQL run on the file. */
#include <sqlite3.h>

#include "run.h"

#define NCUSTOMERS 6
#define NWORKLOADS 4

static const char *const WORKLOADS[NWORKLOADS] = {"Yammer",
	"Exchange Online", "SharePoint Online", "Power BI"};
static const char *const NI_L2[] = {"competitive-solution",
	"executive-sponsorship", "microsoft-on-premises"};
static const char *const NI_L2_CODES[] = {"competitive_solution",
	"executive_sponsorship", "microsoft_on_premises"};
static const struct {
	const char *l1, *l2;
} STATUSES[] = {
	{"in-progress", "adoption"}, {"in-progress", "migration"},
	{"blocked", "it-infrastructure"}, {"status-unknown",
	"customer-unresponsive"}, {"duplicate-invalid", NULL},
};
#define N(a) (sizeof a / sizeof a[0])

static unsigned rnd_state = 14;

static unsigned rnd(unsigned n)
{
	rnd_state = rnd_state * 1103515245u + 12345u;
	return (rnd_state >> 16) % n;
}

static int tried, took;

/* Runs args, whatever the outcome: a random command may be refused. */
static void attempt(const char *input, const char *const *args)
{
	struct run r = run_argv(input, args);

	tried++;
	took += r.status == 0;
	assert_true(r.status == 0 || r.status == 1 || r.status == 4 ||
		    r.status == 5);
	run_free(&r);
}

static void customer_name(char *buf, size_t len, unsigned i)
{
	snprintf(buf, len, "C%u", i);
}

/* One random command. */
static void step(int *subs)
{
	char c[16], sub[16], csv[512], id[16];
	unsigned ci = rnd(NCUSTOMERS), w = rnd(NWORKLOADS), l2 = rnd(N(NI_L2));
	unsigned st = rnd(N(STATUSES));

	customer_name(c, sizeof c, ci);
	snprintf(sub, sizeof sub, "S%u", rnd((unsigned)*subs) + 1);
	switch (rnd(10)) {
	case 0: case 1:
		attempt(NULL, (const char *const[]){"declare", c, WORKLOADS[w],
			"--no-intent", "--l2", NI_L2[l2], "--validated-with",
			"account-team", "--notes", "Another product", NULL});
		break;
	case 2:
		attempt(NULL, (const char *const[]){"declare", c,
			"--all-workloads", "--no-intent", "--l2", NI_L2[l2],
			"--validated-with", "customer", "--notes", "No plans",
			NULL});
		break;
	case 3:
		attempt(NULL, (const char *const[]){"declare", c, WORKLOADS[w],
			"--no-intent", "--validated-with", "customer",
			"--notes", "Not now", "--subscription", sub, NULL});
		break;
	case 4: case 5:
		attempt(NULL, STATUSES[st].l2 ? (const char *const[]){"status",
			"set", c, WORKLOADS[w], "--l1", STATUSES[st].l1, "--l2",
			STATUSES[st].l2, NULL} : (const char *const[]){"status",
			"set", c, WORKLOADS[w], "--l1", STATUSES[st].l1, NULL});
		break;
	case 6: {
		struct run r = ftrack(0, "history", "--format", "csv");
		int n = 0;

		for (const char *p = r.out; (p = strchr(p, '\n')) != NULL; p++)
			n++;
		run_free(&r);
		snprintf(id, sizeof id, "%u", (unsigned)(n > 4 ? n - rnd(4) - 1
							 : 1));
		attempt(NULL, (const char *const[]){"revert", id, NULL});
		break;
	}
	case 7:
		if (rnd(3) == 0) {
			/* its name in another case: the rows that carry it
			 * follow (commands find it either way) */
			snprintf(id, sizeof id, "%c%u", rnd(2) ? 'c' : 'C', ci);
			attempt(NULL, (const char *const[]){"customer", "rename",
				c, id, NULL});
			break;
		}
		attempt(NULL, (const char *const[]){"subscription",
			"remove-workload", c, sub, WORKLOADS[w], "--force", NULL});
		break;
	case 8:
		snprintf(sub, sizeof sub, "S%d", ++*subs);
		attempt(NULL, (const char *const[]){"subscription", "add", c,
			sub, "--workload", WORKLOADS[w], "--workload",
			WORKLOADS[(w + 1) % NWORKLOADS], NULL});
		break;
	default:
		if (rnd(2)) {
			snprintf(csv, sizeof csv, "customer,workload,declared,l2,"
				 "validated_with,notes\n%s,%s,no-intent,%s,"
				 "customer,Imported\nC%u,,no-intent,%s,"
				 "account-team,Imported too\n", c,
				 WORKLOADS[w], NI_L2[l2], (ci + 1) % NCUSTOMERS,
				 NI_L2[(l2 + 1) % N(NI_L2)]);
			attempt(csv, (const char *const[]){"import",
				"declarations", "-", NULL});
		} else {
			snprintf(csv, sizeof csv, "customer,workload,l1,l2\n"
				 "%s,%s,%s,%s\nC%u,%s,duplicate-invalid,\n", c,
				 WORKLOADS[w], STATUSES[st].l1, STATUSES[st].l2 ?
				 STATUSES[st].l2 : "", (ci + 2) % NCUSTOMERS,
				 WORKLOADS[(w + 3) % NWORKLOADS]);
			attempt(csv, (const char *const[]){"import", "statuses",
				"-", NULL});
		}
	}
}

/* The start of the csv field after the one at p (quoted fields hold no
 * quotes here). */
static const char *next_field(const char *p)
{
	if (*p == '"')
		p = strchr(p + 1, '"') + 1;
	else
		p += strcspn(p, ",\n");
	return *p == ',' ? p + 1 : p;
}

/* The csv rows of `no-intent --format csv` (its header kept) whose l2
 * column, the 4th, names code; "" for none, as ftrack prints it. */
static char *rows_with_l2(const char *csv, const char *code)
{
	char *out = NULL;
	size_t len = 0;
	int rows = 0;
	const char *line = strchr(csv, '\n');

	append(&out, &len, "", 0);
	if (line == NULL) {
		append(&out, &len, csv, strlen(csv));
		return out;
	}
	line++;
	append(&out, &len, csv, (size_t)(line - csv));
	while (*line) {
		const char *end = strchr(line, '\n') + 1, *p = line;
		char field[256];
		size_t n;

		for (int f = 0; f < 3; f++)
			p = next_field(p);
		n = (size_t)(next_field(p) - p);
		snprintf(field, sizeof field, "%.*s", (int)n, p);
		if (strstr(field, code) != NULL) {
			append(&out, &len, line, (size_t)(end - line));
			rows++;
		}
		line = end;
	}
	if (rows == 0)	/* none: no header either */
		out[0] = '\0';
	return out;
}

/* The accounts recount, as the query before the summaries counted them,
 * in `no-intent --accounts --format json`'s words (l2_labels aside). */
static char *accounts_recount(void)
{
	static const char sql[] =
		"SELECT c.name, v.ni, v.total, (SELECT group_concat(l2, ',') "
		"FROM (SELECT e.l2 AS l2, min(s.id * 100000 + e.workload_id) "
		"AS k FROM subscription s JOIN entitlement e ON "
		"e.subscription_id = s.id WHERE s.customer_id = v.cid AND "
		"e.l1 = 'no_intent' AND e.l2 IS NOT NULL GROUP BY e.l2 "
		"ORDER BY k)) FROM (SELECT s.customer_id AS cid, count(DISTINCT "
		"CASE WHEN e.l1 = 'no_intent' THEN e.workload_id END) AS ni, "
		"count(DISTINCT CASE WHEN e.l1 <> 'duplicate_invalid' THEN "
		"e.workload_id END) AS total FROM subscription s JOIN "
		"entitlement e ON e.subscription_id = s.id GROUP BY "
		"s.customer_id) v JOIN customer c ON c.id = v.cid WHERE v.ni > 0 "
		"ORDER BY c.name";
	sqlite3 *db = NULL;
	sqlite3_stmt *st = NULL;
	char *out = NULL, row[512];
	size_t len = 0;

	append(&out, &len, "", 0);
	assert_int_equal(sqlite3_open_v2(box.db, &db, SQLITE_OPEN_READONLY,
					 NULL), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *l2s = (const char *)sqlite3_column_text(st, 3);

		if (l2s)
			snprintf(row, sizeof row, "{\"customer\":\"%s\","
				 "\"no_intent\":%d,\"services\":%d,\"l2s\":\"%s\"",
				 sqlite3_column_text(st, 0),
				 sqlite3_column_int(st, 1),
				 sqlite3_column_int(st, 2), l2s);
		else
			snprintf(row, sizeof row, "{\"customer\":\"%s\","
				 "\"no_intent\":%d,\"services\":%d,\"l2s\":null",
				 sqlite3_column_text(st, 0),
				 sqlite3_column_int(st, 1),
				 sqlite3_column_int(st, 2));
		append(&out, &len, row, strlen(row));
		append(&out, &len, "\n", 1);
	}
	sqlite3_finalize(st);
	sqlite3_close(db);
	return out;
}

/* The same prefix of each object `no-intent --accounts --format json`
 * gives, one a line. */
static char *accounts_shown(void)
{
	struct run r = ftrack(0, "no-intent", "--accounts", "--format", "json");
	char *out = NULL;
	size_t len = 0;

	append(&out, &len, "", 0);
	for (const char *p = r.out; (p = strstr(p, "{\"customer\"")) != NULL;) {
		const char *end = strstr(p, ",\"l2_labels\"");

		assert_non_null(end);
		append(&out, &len, p, (size_t)(end - p));
		append(&out, &len, "\n", 1);
		p = end;
	}
	run_free(&r);
	return out;
}

/* Each of the first few accounts of `no-intent --accounts` is, whole,
 * what `--accounts --customer` gives for its customer alone (which reads
 * that customer's L2 rows only). */
static void check_one_account(int round)
{
	struct run all = ftrack(0, "no-intent", "--accounts", "--format",
				"json");
	const char *p = all.out;

	for (int n = 0; n < 4 && (p = strstr(p, "{\"customer\":\"")) != NULL;
	     n++) {
		const char *name = p + strlen("{\"customer\":\""), *end;
		char customer[64], *object;
		struct run one;

		end = strchr(name, '"');
		assert_non_null(end);
		snprintf(customer, sizeof customer, "%.*s", (int)(end - name),
			 name);
		end = strchr(p, '}');
		assert_non_null(end);
		object = strndup(p, (size_t)(end + 1 - p));
		one = ftrack(0, "no-intent", "--accounts", "--customer",
			     customer, "--format", "json");
		if (strstr(one.out, object) == NULL)
			fail_msg("round %d, --accounts --customer %s:\n%s\n"
				 "among all:\n%s", round, customer, one.out,
				 object);
		free(object);
		run_free(&one);
		p = end;
	}
	run_free(&all);
}

static void check(int round)
{
	struct run all = ftrack(0, "no-intent", "--format", "csv");

	ftrack(0, "verify");
	for (size_t i = 0; i < N(NI_L2); i++) {
		struct run one = ftrack(0, "no-intent", "--l2", NI_L2[i],
					"--format", "csv");
		char *want = rows_with_l2(all.out, NI_L2_CODES[i]);

		if (strcmp(one.out, want) != 0)
			fail_msg("round %d, --l2 %s:\nsummaries:\n%s\nrecount:\n"
				 "%s", round, NI_L2[i], one.out, want);
		free(want);
		run_free(&one);
	}
	run_free(&all);
	check_one_account(round);
	if (!testdb_pg()) {
		char *want = accounts_recount(), *got = accounts_shown();

		if (strcmp(want, got) != 0)
			fail_msg("round %d, --accounts:\nsummaries:\n%s\nrecount:"
				 "\n%s", round, got, want);
		free(want);
		free(got);
	}
}

static void no_intent_summary__randomized_history__matches_recount(
	void **state)
{
	char c[16], sub[16];
	int subs = 0;

	setenv("FTRACK_USER", "Ana", 1);
	ftrack(0, "init");
	ftrack(0, "user", "add", "Ana", "--role", "assignment-fm");
	for (unsigned i = 0; i < NCUSTOMERS; i++) {
		customer_name(c, sizeof c, i);
		ftrack(0, "customer", "add", c);
		for (unsigned k = 0; k < 1 + i % 3; k++) {
			snprintf(sub, sizeof sub, "S%d", ++subs);
			ftrack(0, "subscription", "add", c, sub, "--workload",
			       WORKLOADS[(i + k) % NWORKLOADS], "--workload",
			       WORKLOADS[(i + k + 1) % NWORKLOADS],
			       "--workload", WORKLOADS[(i + k + 2) % NWORKLOADS]);
		}
	}
	check(0);
	for (int round = 1; round <= 12; round++) {
		for (int i = 0; i < 12; i++)
			step(&subs);
		check(round);
	}
	print_message("%d of %d random commands took effect\n", took, tried);
	{
		struct run r = ftrack(0, "no-intent", "--accounts");

		print_message("%s", r.out);
		run_free(&r);
	}
	/* a copy carries the summaries: the triggers rebuild them row by
	 * row, and the copy verifies */
	if (!testdb_pg()) {
		char to[192];
		struct run r;

		snprintf(to, sizeof to, "%s/copy.db", box.dir);
		ftrack(0, "copy", "--to", to);
		r = run_argv(NULL, (const char *const[]){"--db", to, "verify",
			     NULL});
		assert_int_equal(r.status, 0);
		run_free(&r);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(
			no_intent_summary__randomized_history__matches_recount,
			sandbox_setup, sandbox_teardown),
	};

	return cmocka_run_group_tests_name("no_intent_summary", tests, NULL,
					   NULL);
}
