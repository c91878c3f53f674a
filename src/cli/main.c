/* The command line: global options, the command table, opening the
 * database, and turning statuses into exit codes. */
#include <locale.h>
#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "cli.h"
#include "ftrack/text.h"

#define NEEDS_DB 0x1	/* opens the database before running */
#define CREATES_DB 0x2	/* may create the database */
#define HIDDEN 0x4	/* for scripts: not in --help, never suggested */

struct command {
	const char *name;
	int (*fn)(int argc, char **argv, struct app *app);
	unsigned flags;
	const char *summary;
	const char *usage;
};

static const struct command commands[] = {
	{"init", cmd_init, NEEDS_DB | CREATES_DB,
	 "create the database, or bring it up to date",
	 "usage: ftrack init\n"},
	{"user", cmd_user, NEEDS_DB,
	 "register, list, change or deactivate the team's users",
	 "usage: ftrack user add <name> --role "
	 "(assignment-fm | delivery-fm | account-team)\n"
	 "                       [--email <address>]\n"
	 "   or: ftrack user set <name> (--role (assignment-fm | delivery-fm | "
	 "account-team)\n"
	 "                              | --email <address>)\n"
	 "   or: ftrack user deactivate <name>\n"
	 "   or: ftrack user list [--format (table | json)]\n"
	 "\nThe e-mail address (name@example.com) is where 'ftrack notify "
	 "--format eml'\naddresses an account team member, and the sender "
	 "of a user's own messages.\n"},
	{"customer", cmd_customer, NEEDS_DB,
	 "add, list, show, rename or change customers",
	 "usage: ftrack customer add <name> [--tenant <id>] "
	 "[--managed | --unmanaged]\n"
	 "   or: ftrack customer list [--delivery-fm <user>] [--phase "
	 "(assignment | delivery)]\n"
	 "                            [--format (table | json | md)]\n"
	 "   or: ftrack customer show <name> [--format (table | json | md)]\n"
	 "   or: ftrack customer rename <name> <new-name>\n"
	 "   or: ftrack customer set <name> [--tenant <id>] [--managed | "
	 "--unmanaged]\n"},
	{"workload", cmd_workload, NEEDS_DB, "add and list workloads",
	 "usage: ftrack workload add <name>\n"
	 "   or: ftrack workload list [--format (table | json)]\n"},
	{"subscription", cmd_subscription, NEEDS_DB,
	 "add a subscription and its entitlements, or take a workload off",
	 "usage: ftrack subscription add <customer> <subscription-id> "
	 "--workload <name> [--workload <name> ...]\n"
	 "   or: ftrack subscription remove-workload <customer> "
	 "<subscription-id> <workload>\n"
	 "                                        [--force]\n"
	 "\nEach workload becomes an entitlement in Status Unknown, New "
	 "Subscription or\nWorkload. Adding to an existing subscription of the "
	 "customer adds workloads.\nremove-workload takes one added by mistake "
	 "off (audited, revertable); one with a\nstatus beyond the one it "
	 "started with needs --force.\n"},
	{"assign", cmd_assign, NEEDS_DB,
	 "assign a delivery FM: the customer enters the delivery phase",
	 "usage: ftrack assign <customer> --delivery-fm <user>\n"},
	{"declare", cmd_declare, NEEDS_DB,
	 "declare No Intent, or intent while declining FTC, for a service",
	 "usage: ftrack declare <customer> (<workload> | --all-workloads) "
	 "--no-intent\n"
	 "                      [--l2 <code>] [--l3 <text>] [--notes <text>]\n"
	 "                      [--validated-with (account-team | customer)]\n"
	 "                      [--subscription <id>] [--dry-run] "
	 "[--format (table | json)]\n"
	 "   or: ftrack declare <customer> (<workload> | --all-workloads) "
	 "--intent --declines-ftc\n"
	 "                      --led-by (customer | partner) --kickoff "
	 "<date>\n"
	 "                      [--subscription <id>] [--dry-run] "
	 "[--format (table | json)]\n"
	 "\nEach entitlement of the service (or of --subscription) gets the "
	 "playbook scenario\nthat fits it ('ftrack rules' shows them). "
	 "No Intent L2s: executive-sponsorship,\ncompetitive-solution, "
	 "microsoft-on-premises. All or nothing: one refusal changes\n"
	 "nothing. Without a workload, Duplicate/Invalid entitlements are "
	 "passed over.\nDates are YYYY-MM-DD or an ISO 8601 time; a kickoff "
	 "in the past draws a warning.\n"
	 "\nNotes: a sentence or two that states the intent (or its lack) and "
	 "why, in plain\nwords (\"unable\", \"blocked\", \"do not have "
	 "intent\", \"no value\"), not \"for now\",\n\"currently\" or "
	 "\"yet\". Templates (docs/rules.md, section Notes):\n"
	 "  No Intent  Customer does not have intent to use the service because "
	 "of\n             [primary issue] and [specifics].\n"
	 "             No need for this workload as [primary issue] is a "
	 "limiting\n             factor of [specifics].\n"
	 "  Blocked    Unable to deploy because of [primary issue] and "
	 "[technical\n             details] due to [specific limitations].\n"
	 "  In Progress  Onboarding to service. Customer at [phase of "
	 "deployment].\n"},
	{"import", cmd_import, NEEDS_DB,
	 "import customers, subscriptions, statuses or declarations from CSV",
	 "usage: ftrack import [--dry-run] [--delimiter (comma | semicolon | "
	 "tab)]\n"
	 "                     [--ignore-columns] (customers | subscriptions "
	 "|\n"
	 "                     statuses | declarations) (<file> | -)\n"
	 "\nThe file is CSV (RFC 4180) with a header row naming its columns, "
	 "in any order;\nthe first ones of each kind are required:\n"
	 "  customers      name, tenant, managed (yes or no)\n"
	 "  subscriptions  customer, subscription, workload (one entitlement "
	 "a row)\n"
	 "  statuses       customer, workload, l1, l2, notes, subscription\n"
	 "  declarations   customer, workload, declared (no-intent or\n"
	 "                 intent-declines-ftc), l2, l3, notes, subscription,\n"
	 "                 validated_with, led_by, kickoff\n"
	 "An empty workload in a declaration means every workload. The file "
	 "is UTF-8\n(a BOM is skipped; another encoding is refused at its "
	 "first line that is not\nUTF-8), with CRLF or LF line ends; blank "
	 "rows and rows of empty cells are\nskipped. The delimiter is the one "
	 "of comma, semicolon and tab the header row\nholds most outside "
	 "quotes, unless --delimiter says (also , ; \\t). An unknown\n"
	 "column refuses the file unless --ignore-columns skips it (with a "
	 "warning).\n"
	 "\nEach row is checked and applied as the one-row command would, "
	 "with its audit\nrecord; a row already recorded changes nothing and "
	 "counts as unchanged, so an\nexport can be imported again. Warnings "
	 "come as FILE:LINE: warning: ... The file\nis one transaction: any "
	 "refused row refuses it whole, reported as FILE:LINE: why\n(the "
	 "first 20), and nothing changes. --dry-run checks and counts every "
	 "row,\nthen changes nothing. A field may hold at most 65536 "
	 "bytes.\n"},
	{"rules", cmd_rules, NEEDS_DB,
	 "show the rules pages' scenarios, what each sets, and who updates",
	 "usage: ftrack rules [--format (table | md | json)]\n"},
	{"actions", cmd_actions, NEEDS_DB,
	 "the open next actions (a worklist), or record one done",
	 "usage: ftrack actions [--mine] [--customer <name>] [--overdue] "
	 "[--due-before <date>]\n"
	 "                      [--format (table | json | md)]\n"
	 "   or: ftrack actions done <customer> <workload> [--subscription "
	 "<id>]\n"
	 "\nSoonest first, overdue ones marked. --mine: the customers whose "
	 "delivery FM you\nare, or, for an Assignment FM, those still in the "
	 "assignment phase.\n"},
	{"status", cmd_status, NEEDS_DB,
	 "set an L1 other than No Intent (In Progress, Blocked ...)",
	 "usage: ftrack status set <customer> (<workload> | --all-workloads) "
	 "--l1 <code>\n"
	 "                         [--l2 <code>] [--l3 <text>] [--notes <text>] "
	 "[--subscription <id>]\n"
	 "                         [--engagement (customer-led | partner-led)]\n"
	 "                         [--next-action-date <date>] "
	 "[--target-date <date>]\n"
	 "\nL1: status-unknown, in-progress, blocked, duplicate-invalid (No "
	 "Intent is\nreached only through 'ftrack declare'). The L2 must be "
	 "one of the L1's. Each\nchange goes through the rules tables ('ftrack "
	 "rules'), which say what every\ncolumn becomes:\n"
	 "  blocked, assignment phase (B1)  needs --l2, --notes, --engagement and\n"
	 "                                  --next-action-date (the initiate "
	 "discussion)\n"
	 "  blocked, delivery phase (B2)    needs --l2, --notes and --target-date\n"
	 "                                  (the projected unblock date)\n"
	 "  in-progress (S1)                takes --target-date (a warning when "
	 "none)\n"
	 "  status-unknown (S2)             needs --l2 (customer-unresponsive or\n"
	 "                                  new-subscription-or-workload)\n"
	 "  duplicate-invalid (S3)          the whole tenant: --all-workloads\n"
	 "Leaving No Intent clears what its scenario set. Dates are YYYY-MM-DD "
	 "or an ISO\n8601 time; one in the past draws a warning.\n"},
	{"no-intent", cmd_no_intent, NEEDS_DB,
	 "list the services (or accounts) in No Intent",
	 "usage: ftrack no-intent [--l2 <code>] [--workload <name>] "
	 "[--customer <name>]\n"
	 "                        [--since <date>] [--accounts] "
	 "[--format (table | csv | json | md)]\n"
	 "\nOne row per service (customer x workload) in No Intent, or with "
	 "--accounts one\nrow per customer: how many of its services are No "
	 "Intent, its L2s, and whether\nall of them are.\n"},
	{"history", cmd_history, NEEDS_DB, "show or export the audit history",
	 "usage: ftrack history [<customer>] [--workload <name>] "
	 "[--since <date>] [--until <date>]\n"
	 "                      [--who <name>] [--format (table | md | csv | "
	 "json)] [--fields]\n"
	 "                      [--output <file> [--force]]\n"
	 "   or: ftrack history show <id> [--format (table | md | csv | "
	 "json)]\n"
	 "\nNewest first, with each change set's Id (what 'history show' and "
	 "'revert' take).\nmd is the playbook's update-summary table (Date | "
	 "Who Changed | What Changed);\ncsv has one row per change set, or "
	 "with --fields one per changed field. Dates\nare ISO 8601; a date as "
	 "--until takes in that whole day. 'history show' prints\none change "
	 "set and its field changes, before and after.\n"},
	{"report", cmd_report, NEEDS_DB,
	 "write a self-contained HTML report of No Intent for a manager",
	 "usage: ftrack report [--customer <name>] [--since <date>] "
	 "[--output <file> [--force]]\n"
	 "\nOne HTML page that opens anywhere with nothing else (inline CSS "
	 "and SVG charts,\nno script, nothing loaded from the network), in "
	 "the --lang of the run: the\nscope and when it was made ($FTRACK_NOW "
	 "respected); No Intent services by L2\n(a chart and the numbers) and "
	 "by workload; the accounts in No Intent on every\nworkload; No Intent "
	 "declarations per month; open next actions, overdue ones\nmarked; the "
	 "20 newest change sets. Duplicate/Invalid entitlements count in no\n"
	 "figure. --customer narrows every section to that customer; --since "
	 "narrows the\ndeclarations per month and the latest changes. Written "
	 "to stdout, or to --output\n<file> (never replacing one without "
	 "--force, as history's exports).\n"},
	{"notify", cmd_notify, NEEDS_DB,
	 "a message telling the account team of No Intent, or record it sent",
	 "usage: ftrack notify <customer> [<workload>] [--format (text | md | "
	 "eml)]\n"
	 "                     [--output <file> [--force]] [--done]\n"
	 "\nThe 'Notify account team of No Intent' next action, ready to "
	 "send, in the\n--lang of the run: per service of the customer in No "
	 "Intent (or the one\nworkload) its L2 and the L2's meaning, the L3, "
	 "the reason, with whom it was\nvalidated, the subscriptions, and who "
	 "declared it when. text (the default) is\nplain and wrapped; md is "
	 "Markdown; eml is an RFC 5322 message file (MIME,\nUTF-8, "
	 "quoted-printable) to every active account team member with an "
	 "e-mail\naddress ('ftrack user set <name> --email <address>'), from "
	 "yours, dated by the\nclock ($FTRACK_NOW respected); a warning names "
	 "the members without one. Written\nto stdout, or to --output <file> "
	 "(never replacing one without --force).\n--done records the open "
	 "action done (as 'actions done', by who may update the\ncustomer) "
	 "in the same transaction, once the message is written; without it\n"
	 "notify only reads.\n"},
	{"verify", cmd_verify, NEEDS_DB,
	 "check the database, the audit's hash chain, and every record",
	 "usage: ftrack verify [--quick] [--digest <line> ...] [--digests <file>]\n"
	 "   or: ftrack verify --since <line>\n"
	 "\nRuns SQLite's integrity_check and foreign_key_check, compares the "
	 "schema, the\nrules and the reference data with what the migrations "
	 "make, recomputes the\nSHA-256 chain over the change sets (every one "
	 "must carry its seal), and replays\nthe audit history against every "
	 "record. Exit 0 when all holds, 3 naming the\nfirst thing that does "
	 "not. With --digest (a line from 'ftrack digest' kept\nelsewhere; "
	 "repeatable) or --digests (a file of them, one a line, as a cron job\n"
	 "appends them), also proves the history up to each unchanged.\n"
	 "--quick runs SQLite's quick_check in place of integrity_check (no "
	 "index matched\nrow by row with its table; on PostgreSQL the same "
	 "as without it).\n"
	 "\n--since <line> (a line from 'ftrack digest') checks only what "
	 "changed after it:\nthe digest's change set holds its seal and is "
	 "the N-th, every later change set\nhashes to its seal in a chain "
	 "from it, the records they touched match their\naudit, and the "
	 "schema, rules, reference data and id sequences are as above.\nWhat "
	 "was changed before the digest and not touched since only a full "
	 "verify\nfinds.\n"},
	{"digest", cmd_digest, NEEDS_DB,
	 "print one line that pins the history: time, change sets, chain hash",
	 "usage: ftrack digest\n"
	 "\nPrints 'TIME N change sets sha256:HEX'. Keep it where whoever can "
	 "write the\ndatabase cannot (another machine, a ticket, an e-mail); "
	 "'ftrack verify --digest'\nthen proves that nothing up to it "
	 "changed.\n"},
	{"backup", cmd_backup, NEEDS_DB,
	 "write a consistent copy of the database while others write",
	 "usage: ftrack backup <file>\n"},
	{"copy", cmd_copy, NEEDS_DB,
	 "copy the database into a new one, SQLite or PostgreSQL",
	 "usage: ftrack copy --to <target>\n"
	 "\nCopies the database (--db, either engine), as one snapshot, into "
	 "<target>: a\nSQLite file's path that does not exist yet, or a "
	 "PostgreSQL connection string\n(postgresql://..., service=...) "
	 "naming an empty database, which it makes\nftrack's. The copy holds "
	 "the same records under the same ids, the same audit\nhistory with "
	 "its seals and the same id sequences: 'ftrack verify' passes on it\n"
	 "and 'ftrack digest' gives the same hash. A target that holds "
	 "records or change\nsets is refused. A failed copy leaves no file, "
	 "and a server's database empty.\n"},
	{"revert", cmd_revert, NEEDS_DB,
	 "undo a change set with a new change set",
	 "usage: ftrack revert <changeset-id>\n"
	 "\nRestores the old values of the change set's fields, removes the "
	 "records it added\n(when nothing refers to them since) and puts back "
	 "the ones it removed. Refused\nwhen a later change set touched the "
	 "same fields, when the result would break the\nplaybook's rules (No "
	 "Intent reached outside 'declare', an L2 that does not fit),\nor when "
	 "the actor's role may not make that change.\n"},
	{"__complete", cmd_complete, HIDDEN,
	 "candidates for shell completion (completion/)",
	 "usage: ftrack __complete (commands | customers | workloads | users | "
	 "subscriptions |\n"
	 "                          l1 | roles) [<prefix>]\n"
	 "   or: ftrack __complete l2 [<prefix> [<l1>]]\n"
	 "   or: ftrack __complete (subcommands | options) <command> "
	 "[<prefix>]\n"
	 "   or: ftrack __complete values <command> <option> [<prefix>]\n"
	 "   or: ftrack __complete line -- <word> ...\n"
	 "\nOne candidate a line, exit 0 even when there are none (no "
	 "database: no names).\n'line' takes the words after 'ftrack', the "
	 "last being the one completed, and\nprints 'files' (complete a file "
	 "name) or 'words' and then the candidates.\n"},
};

static const char global_usage[] =
	"usage: ftrack [--db <path>] [--as <name>] [--lang (en | es)] "
	"[--busy-timeout <ms>]\n"
	"              [--wide] <command> [<args>]\n"
	"       ftrack (--help | --version)\n";

/* The global options, for did-you-mean (parse_globals() reads them). */
static const struct option global_options[] = {
	{"db", required_argument, NULL, 0},
	{"as", required_argument, NULL, 0},
	{"lang", required_argument, NULL, 0},
	{"busy-timeout", required_argument, NULL, 0},
	{"wide", no_argument, NULL, 0},
	{"help", no_argument, NULL, 0},
	{"version", no_argument, NULL, 0},
	{0},
};

static void print_help(void)
{
	printf("%s\nftrack tracks FastTrack engagements and applies the "
	       "playbook's No Intent rules.\n\nCommands:\n", global_usage);
	for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
		if (!(commands[i].flags & HIDDEN))
			printf("  %-14s %s\n", commands[i].name,
			       commands[i].summary);
	printf("\nThe database is --db, else $FTRACK_DB, else "
	       "$XDG_DATA_HOME/ftrack/ftrack.db\n(~/.local/share/ftrack/"
	       "ftrack.db). The actor is --as, else $FTRACK_USER, else\nthe "
	       "login name. $FTRACK_NOW (ISO 8601) fixes the clock. On a "
	       "terminal, tables\nfit its width ($COLUMNS when set), long cells "
	       "cut with '…'; --wide (anywhere\non the line) or a pipe prints "
	       "them whole.\n"
	       "Run 'ftrack <command> --help' for a command's usage.\n");
}

/* The command whose name is closest to name, NULL when none is close. */
static const struct command *closest_command(const char *name)
{
	const struct command *best = NULL;
	int best_d = 3;

	for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++) {
		int d = text_distance(name, commands[i].name, 2);

		if (d < best_d && !(commands[i].flags & HIDDEN)) {
			best_d = d;
			best = &commands[i];
		}
	}
	return best;
}

/* The width tables fit in: the terminal's (COLUMNS when set) when stdout
 * is one, else none (a pipe gets whole cells). */
static int terminal_width(void)
{
	const char *cols = getenv("COLUMNS");
	struct winsize ws;
	long n;

	if (!isatty(STDOUT_FILENO))
		return 0;
	if (cols != NULL && strspn(cols, "0123456789") == strlen(cols) &&
	    *cols && strlen(cols) < 6 && (n = strtol(cols, NULL, 10)) > 0)
		return (int)n;
	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
		return ws.ws_col;
	return 80;
}

bool cli_command_at(size_t i, const char **name, const char **usage)
{
	for (size_t j = 0; j < sizeof commands / sizeof commands[0]; j++) {
		if (commands[j].flags & HIDDEN)
			continue;
		if (i-- == 0) {
			*name = commands[j].name;
			*usage = commands[j].usage;
			return true;
		}
	}
	return false;
}

const char *cli_global_usage(void)
{
	return global_usage;
}

static const struct command *find_command(const char *name)
{
	for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
		if (strcmp(commands[i].name, name) == 0)
			return &commands[i];
	return NULL;
}

/* Spanish when the locale's language is Spanish (LC_ALL, LC_MESSAGES, LANG
 * in the order POSIX gives them precedence). */
static enum ft_lang default_lang(void)
{
	static const char *const vars[] = {"LC_ALL", "LC_MESSAGES", "LANG"};

	for (size_t i = 0; i < 3; i++) {
		const char *v = getenv(vars[i]);

		if (v != NULL && *v != '\0')
			return strncmp(v, "es", 2) == 0 ? FT_LANG_ES : FT_LANG_EN;
	}
	return FT_LANG_EN;
}

/* The actor asked for: --as, else FTRACK_USER; NULL when neither. */
static const char *explicit_actor(const struct app *app)
{
	const char *s = getenv("FTRACK_USER");

	if (app->as != NULL)
		return app->as;
	return s != NULL && *s != '\0' ? s : NULL;
}

/* Who is logged in, the actor on a file when none is asked for. */
static const char *login_name(void)
{
	const char *s;
	struct passwd *pw;

	if ((s = getlogin()) != NULL && *s != '\0')
		return s;
	if ((pw = getpwuid(getuid())) != NULL)
		return pw->pw_name;
	return "unknown";
}

/* Reads the value of a global option given as "--opt value" or
 * "--opt=value"; NULL when it is not that option. */
static const char *global_value(int argc, char **argv, int *i,
				const char *opt, int *missing)
{
	size_t n = strlen(opt);

	if (strncmp(argv[*i], opt, n) != 0)
		return NULL;
	if (argv[*i][n] == '=')
		return argv[*i] + n + 1;
	if (argv[*i][n] != '\0')
		return NULL;
	if (*i + 1 >= argc) {
		*missing = 1;
		return NULL;
	}
	return argv[++*i];
}

/* Parses the options before the command; returns the command's index in
 * argv, or -1 after printing a usage error (*status set). */
static int parse_globals(int argc, char **argv, struct app *app, int *status)
{
	int i;

	for (i = 1; i < argc && argv[i][0] == '-'; i++) {
		const char *v, *arg = argv[i];
		int missing = 0;

		if (strcmp(arg, "--help") == 0 || strcmp(arg, "-h") == 0) {
			print_help();
			*status = FT_OK;
			return -1;
		} else if (strcmp(arg, "--version") == 0) {
			printf("ftrack %s (schema %d, SQLite %s)\n", FTRACK_VERSION,
			       ft_schema_version(), ft_sqlite_version());
			*status = FT_OK;
			return -1;
		} else if (strcmp(arg, "--wide") == 0) {
			output_set_width(0);
		} else if ((v = global_value(argc, argv, &i, "--db", &missing))) {
			app->db_flag = v;
		} else if ((v = global_value(argc, argv, &i, "--as", &missing))) {
			app->as = v;
		} else if ((v = global_value(argc, argv, &i, "--lang",
					     &missing))) {
			if (strcmp(v, "en") != 0 && strcmp(v, "es") != 0) {
				cli_error("invalid --lang '%s' (expected en or es)",
					  cli_quote(v));
				*status = FT_USAGE;
				return -1;
			}
			app->lang = strcmp(v, "es") == 0 ? FT_LANG_ES : FT_LANG_EN;
		} else if ((v = global_value(argc, argv, &i, "--busy-timeout",
					     &missing))) {
			/* digits only (no sign, blank or hex), at most an
			 * hour: strtol alone would take " +5" */
			size_t digits = strspn(v, "0123456789");
			long ms = digits == strlen(v) && digits > 0 && digits <= 7
				  ? strtol(v, NULL, 10) : -1;

			if (ms < 0 || ms > 3600000) {
				cli_error("invalid --busy-timeout '%s' (expected "
					  "milliseconds, 0 to 3600000)",
					  cli_quote(v));
				*status = FT_USAGE;
				return -1;
			}
			app->busy_timeout_ms = (int)ms;
		} else {
			const char *near = cli_closest_option(arg, global_options);

			if (missing)
				cli_error("option '%s' needs a value", arg);
			else if (near != NULL)
				cli_error("unknown option '%s' (did you mean "
					  "'--%s'?)", cli_quote(arg), near);
			else
				cli_error("unknown option '%s' (see 'ftrack --help')",
					  cli_quote(arg));
			*status = FT_USAGE;
			return -1;
		}
		if (missing) {
			cli_error("option '%s' needs a value", arg);
			*status = FT_USAGE;
			return -1;
		}
	}
	if (i >= argc) {
		fputs(global_usage, stderr);
		*status = FT_USAGE;
		return -1;
	}
	return i;
}

static bool wants_help(int argc, char **argv)
{
	for (int i = 1; i < argc && strcmp(argv[i], "--") != 0; i++)
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0)
			return true;
	return false;
}

static int open_database(struct app *app, const struct command *cmd)
{
	char err[1100];
	char *path = ft_db_path(app->db_flag);
	const char *now = getenv("FTRACK_NOW");
	int rc;

	if (path == NULL) {
		cli_error("cannot tell where the database is; use --db <path> "
			  "or set FTRACK_DB");
		return FT_DBERR;
	}
	rc = ft_open(&app->ft, path, (cmd->flags & CREATES_DB) ? FT_OPEN_CREATE
			 : 0, app->busy_timeout_ms, err, sizeof err);
	free(path);
	if (rc != FT_OK) {
		cli_error("%s", err);
		return rc;
	}
	ft_set_lang(app->ft, app->lang);
	ft_set_warn(app->ft, cli_warning, NULL);
	if ((rc = explicit_actor(app) != NULL
		  ? ft_set_actor(app->ft, explicit_actor(app))
		  : ft_set_default_actor(app->ft, login_name())) != FT_OK)
		return cli_fail(app, rc);
	if (now != NULL && *now != '\0' && (rc = ft_set_now(app->ft, now))) {
		cli_error("invalid FTRACK_NOW '%s' (expected ISO 8601, e.g. "
			  "2026-03-27T10:00:00Z)", cli_quote(now));
		return rc;
	}
	return FT_OK;
}

int cli_run(int argc, char **argv)
{
	struct app app = {.busy_timeout_ms = 5000, .lang = default_lang()};
	const struct command *cmd;
	int status = FT_OK, first;

	/* Display widths of UTF-8 text; everything else stays in "C". */
	if (setlocale(LC_CTYPE, "C.UTF-8") == NULL)
		setlocale(LC_CTYPE, "");
	output_set_width(terminal_width());
	if ((first = parse_globals(argc, argv, &app, &status)) < 0)
		return status;
	if ((cmd = find_command(argv[first])) == NULL) {
		const struct command *near = closest_command(argv[first]);

		if (near != NULL)
			cli_error("unknown command '%s' (did you mean '%s'?)",
				  cli_quote(argv[first]), near->name);
		else
			cli_error("unknown command '%s' (see 'ftrack --help')",
				  cli_quote(argv[first]));
		return FT_USAGE;
	}
	argc -= first;
	argv += first;
	app.cmd = cmd->name;
	optind = 0;	/* getopt starts afresh for each run (GNU) */
	if (wants_help(argc, argv)) {
		fputs(cmd->usage, stdout);
	} else {
		if (cmd->flags & NEEDS_DB)
			status = open_database(&app, cmd);
		if (status == FT_OK)
			status = cmd->fn(argc, argv, &app);
		ft_close(app.ft);
	}
	/* Output that could not be written is a failure (git run_builtin). */
	if (fflush(stdout) != 0 || ferror(stdout)) {
		cli_error("cannot write the output");
		if (status == FT_OK)
			status = FT_REFUSED;
	}
	return status;
}
