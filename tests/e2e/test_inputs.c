/* The hostile-input catalogue: names, notes, codes, dates, numbers, CSV
 * files and paths that a user, a script or an attacker may hand ftrack.
 * Each case runs the binary once and must give its exit code, exactly one
 * line on stderr (an import's refusals: `FILE:LINE: why` lines, then one
 * `ftrack:` line), no raw control character on stdout or stderr, and an
 * unchanged database (and an unchanged file at the path the case is about).
 * A last test fills a small tmpfs (as root only) and checks that a write
 * fails with exit 3 and verify passes once there is room again. */
#include <stdlib.h>
#include <signal.h>
#include <sys/mount.h>

#include "run.h"

/* Control characters, as C strings (each ends its literal, so that a
 * following hex digit is not taken into the escape). */
#define ESC "\x1b[2J\x1b]0;owned\x07"
#define BEL "\x07"
#define DEL "\x7f"
#define NEL "\xc2\x85"		/* U+0085 */
#define CSI "\xc2\x9b"		/* U+009B */
#define RLO "\xe2\x80\xae"	/* U+202E */
#define LRI "\xe2\x81\xa6"	/* U+2066 */
#define LRM "\xe2\x80\x8e"	/* U+200E */
#define RLM "\xe2\x80\x8f"	/* U+200F */
#define LSEP "\xe2\x80\xa8"	/* U+2028 */
#define PSEP "\xe2\x80\xa9"	/* U+2029 */
#define OVERLONG "\xc0\xaf"
#define LONECONT "\x80"
#define TRUNC "\xe2\x82"
#define SURROGATE "\xed\xa0\x80"
#define SQL "x'); DROP TABLE customer; --"

enum {
	IMPORT = 1,	/* FILE:LINE: lines may come before the ftrack: line */
	CHANGES = 2,	/* accepted: the database changes */
	NOBODY = 4,	/* run as nobody when the tests run as root */
};

/* One case. Strings may hold {dir} (the sandbox), {db} (its database),
 * {file} (where file is written) and {N*TEXT} (TEXT N times). */
struct ccase {
	const char *name;
	int status;
	const char *args[24];
	const char *file;	/* written to {file} before the run */
	size_t filelen;
	const char *in;		/* standard input */
	const char *env;	/* NAME=VALUE for this run */
	const char *want;	/* stderr holds it */
	const char *nowant;	/* stderr does not hold it */
	const char *path;	/* a path that must stay as it was */
	const char *absent;	/* a path that must not exist afterwards */
	unsigned flags;
};

#define A(...) .args = {__VA_ARGS__}
#define F(s) .file = (s), .filelen = sizeof(s) - 1
#define AS "--as", "Ana"

/* declare No Intent on an assignment-phase entitlement, with one value */
#define NOTES(v) A(AS, "declare", "Contoso", "Exchange Online", "--no-intent", \
		   "--l2", "competitive-solution", "--notes", v)
#define L3(v) A(AS, "declare", "Contoso", "Exchange Online", "--no-intent", \
		"--l2", "competitive-solution", "--l3", v, "--notes", \
		"Customer does not have intent because of Slack")
#define KICKOFF(v) A(AS, "declare", "Contoso", "Exchange Online", "--intent", \
		     "--declines-ftc", "--led-by", "customer", "--kickoff", v)
#define BLOCKED(...) A(AS, "status", "set", "Contoso", "Exchange Online", \
		       "--l1", "blocked", __VA_ARGS__)
#define B1_NOTES "Unable to deploy because of the proxy"
#define CUSTOMERS "name,tenant,managed\n"

static const struct ccase cases[] = {
	/* customer names */
	{"customer ESC", 1, A(AS, "customer", "add", "Evil" ESC), .want = "(U+001B)"},
	{"customer BEL", 1, A(AS, "customer", "add", "Evil" BEL "Corp"), .want = "(U+0007)"},
	{"customer DEL", 1, A(AS, "customer", "add", "Evil" DEL "Corp"), .want = "(U+007F)"},
	{"customer U+0085", 1, A(AS, "customer", "add", "Evil" NEL "Corp"), .want = "(U+0085)"},
	{"customer U+009B", 1, A(AS, "customer", "add", "Evil" CSI "31m"), .want = "(U+009B)"},
	{"customer U+202E", 1, A(AS, "customer", "add", "Evil" RLO "proC"), .want = "(U+202E)"},
	{"customer U+2066", 1, A(AS, "customer", "add", "Evil" LRI "Corp"), .want = "(U+2066)"},
	{"customer U+200E", 1, A(AS, "customer", "add", "Evil" LRM "Corp"), .want = "(U+200E)"},
	{"customer U+200F", 1, A(AS, "customer", "add", "Evil" RLM "Corp"), .want = "(U+200F)"},
	{"customer U+2028", 1, A(AS, "customer", "add", "Evil" LSEP "Corp"), .want = "(U+2028)"},
	{"customer U+2029", 1, A(AS, "customer", "add", "Evil" PSEP "Corp"), .want = "(U+2029)"},
	{"customer overlong C0 AF", 1, A(AS, "customer", "add", "Evil" OVERLONG "x"), .want = "not valid UTF-8"},
	{"customer lone 80", 1, A(AS, "customer", "add", "Evil" LONECONT "x"), .want = "not valid UTF-8"},
	{"customer truncated E2 82", 1, A(AS, "customer", "add", "Evil" TRUNC), .want = "not valid UTF-8"},
	{"customer surrogate ED A0 80", 1, A(AS, "customer", "add", "Evil" SURROGATE "x"), .want = "not valid UTF-8"},
	{"customer 201 bytes", 1, A(AS, "customer", "add", "{201*n}"), .want = "longer than 200 bytes"},
	{"customer 201 bytes of 2-byte chars", 1, A(AS, "customer", "add", "x{100*é}"), .want = "longer than 200 bytes"},
	{"customer empty", 1, A(AS, "customer", "add", ""), .want = "it is empty"},
	{"customer whitespace", 1, A(AS, "customer", "add", " \t  "), .want = "it is empty"},
	{"customer 200 bytes accepted", 0, A(AS, "customer", "add", "{200*n}"), .flags = CHANGES},
	{"customer SQL stored verbatim", 0, A(AS, "customer", "add", SQL), .flags = CHANGES},
	{"customer SQL duplicate", 1, A(AS, "customer", "add", SQL)},
	{"customer SQL show", 0, A("customer", "show", SQL)},
	{"customer show ESC unknown", 1, A("customer", "show", "Evil" ESC), .want = "unknown customer 'Evil\\x1b"},
	{"customer show U+202E unknown", 1, A("customer", "show", "Con" RLO "toso"), .want = "\\u202e"},
	{"customer show invalid UTF-8", 1, A("customer", "show", "Con" LONECONT "toso"), .want = "\\x80"},
	{"tenant ESC", 1, A(AS, "customer", "add", "T1", "--tenant", "t" ESC)},
	{"tenant U+2066", 1, A(AS, "customer", "add", "T1", "--tenant", "t" LRI ".example")},
	{"tenant 201 bytes", 1, A(AS, "customer", "add", "T1", "--tenant", "{201*t}")},
	{"tenant invalid UTF-8", 1, A(AS, "customer", "add", "T1", "--tenant", "t" SURROGATE)},
	/* users */
	{"user ESC", 1, A(AS, "user", "add", "Eve" ESC, "--role", "assignment-fm"), .want = "(U+001B)"},
	{"user U+009B", 1, A(AS, "user", "add", "Eve" CSI "1m", "--role", "delivery-fm"), .want = "(U+009B)"},
	{"user U+202E", 1, A(AS, "user", "add", "Eve" RLO, "--role", "account-team"), .want = "(U+202E)"},
	{"user overlong", 1, A(AS, "user", "add", "Eve" OVERLONG, "--role", "account-team")},
	{"user 201 bytes", 1, A(AS, "user", "add", "{201*u}", "--role", "account-team")},
	{"user empty", 1, A(AS, "user", "add", "", "--role", "account-team")},
	/* workloads */
	{"workload BEL", 1, A(AS, "workload", "add", "Teams" BEL), .want = "(U+0007)"},
	{"workload U+2029", 1, A(AS, "workload", "add", "Teams" PSEP "x"), .want = "(U+2029)"},
	{"workload lone 80", 1, A(AS, "workload", "add", LONECONT)},
	{"workload whitespace", 1, A(AS, "workload", "add", "   ")},
	{"workload 201 bytes", 1, A(AS, "workload", "add", "{201*w}")},
	{"declare unknown workload U+202E", 1, A(AS, "declare", "Contoso", "Yam" RLO "mer", "--no-intent", "--l2", "competitive-solution", "--notes", "n"), .want = "\\u202e"},
	/* subscription ids */
	{"subscription ESC", 1, A(AS, "subscription", "add", "Contoso", "SUB" ESC, "--workload", "Intune"), .want = "U+001B"},
	{"subscription U+0085", 1, A(AS, "subscription", "add", "Contoso", "SUB" NEL, "--workload", "Intune")},
	{"subscription U+200F", 1, A(AS, "subscription", "add", "Contoso", "SUB" RLM "9", "--workload", "Intune")},
	{"subscription truncated", 1, A(AS, "subscription", "add", "Contoso", "SUB" TRUNC, "--workload", "Intune")},
	{"subscription 201 bytes", 1, A(AS, "subscription", "add", "Contoso", "{201*s}", "--workload", "Intune")},
	{"subscription empty", 1, A(AS, "subscription", "add", "Contoso", "", "--workload", "Intune")},
	{"subscription workload DEL", 1, A(AS, "subscription", "add", "Contoso", "SUB-9", "--workload", "Intune" DEL)},
	{"--subscription ESC", 1, A(AS, "declare", "Contoso", "Exchange Online", "--no-intent", "--l2", "competitive-solution", "--notes", "n", "--subscription", "SUB" ESC)},
	/* the actor */
	{"--as ESC", 1, A("--as", "Ana" ESC, "customer", "add", "Z1"), .want = "invalid actor name"},
	{"--as U+202E", 1, A("--as", RLO "anA", "customer", "add", "Z1"), .want = "(U+202E)"},
	{"--as U+2028", 1, A("--as", "Ana" LSEP, "customer", "add", "Z1")},
	{"--as invalid UTF-8", 1, A("--as", "Ana" OVERLONG, "customer", "add", "Z1")},
	{"--as 201 bytes", 1, A("--as", "{201*a}", "customer", "add", "Z1")},
	{"--as empty", 1, A("--as", "", "customer", "add", "Z1")},
	{"--as whitespace", 1, A("--as", "  ", "customer", "add", "Z1")},
	{"--as unregistered", 1, A("--as", "Mallory", "customer", "add", "Z1")},
	{"--as account team", 1, A("--as", "Acc", "customer", "add", "Z1")},
	{"FTRACK_USER ESC", 1, A("customer", "add", "Z1"), .env = "FTRACK_USER=Ana" ESC},
	{"--who ESC", 0, A("history", "--who", "Ana" ESC)},
	/* notes and L3 */
	{"notes ESC", 1, NOTES("Uses Slack" ESC), .want = "(U+001B)"},
	{"notes BEL", 1, NOTES("Uses Slack" BEL)},
	{"notes CR", 1, NOTES("Uses Slack\rsince 2024"), .want = "(U+000D)"},
	{"notes DEL", 1, NOTES("Uses Slack" DEL)},
	{"notes U+0085", 1, NOTES("Uses Slack" NEL "x")},
	{"notes U+009B", 1, NOTES("Uses Slack" CSI "2J")},
	{"notes U+202E", 1, NOTES("Uses " RLO "kcalS")},
	{"notes U+2066", 1, NOTES("Uses " LRI "Slack")},
	{"notes U+200E", 1, NOTES("Uses " LRM "Slack")},
	{"notes U+2028", 1, NOTES("Uses Slack" LSEP "since 2024"), .want = "(U+2028)"},
	{"notes overlong", 1, NOTES("Uses Slack" OVERLONG)},
	{"notes surrogate", 1, NOTES("Uses Slack" SURROGATE)},
	{"notes 4001 bytes", 1, NOTES("{4001*n}"), .want = "longer than 4000 bytes"},
	{"status notes ESC", 1, BLOCKED("--l2", "it-infrastructure", "--notes", B1_NOTES ESC, "--engagement", "customer-led", "--next-action-date", "2026-04-10")},
	{"status notes 4001 bytes", 1, BLOCKED("--l2", "it-infrastructure", "--notes", "{4001*b}", "--engagement", "customer-led", "--next-action-date", "2026-04-10")},
	{"l3 ESC", 1, L3("Slack" ESC)},
	{"l3 U+2029", 1, L3("Slack" PSEP)},
	{"l3 lone 80", 1, L3("Slack" LONECONT)},
	{"l3 4001 bytes", 1, L3("{4001*l}")},
	{"notes with newline and tab accepted", 0, A(AS, "declare", "Northwind", "Microsoft Teams", "--no-intent", "--l2", "competitive-solution", "--notes", "Customer does not have intent to use the service\n\tbecause of Slack", "--l3", "Slack\nin every team"), .flags = CHANGES},
	{"notes of 4000 bytes accepted", 0, A(AS, "declare", "Northwind", "Intune", "--no-intent", "--l2", "microsoft-on-premises", "--notes", "{4000*n}"), .flags = CHANGES},
	/* codes */
	{"--l1 wrong", 1, A(AS, "status", "set", "Contoso", "Exchange Online", "--l1", "bogus"), .want = "invalid L1"},
	{"--l1 no-intent", 1, A(AS, "status", "set", "Contoso", "Exchange Online", "--l1", "no-intent")},
	{"--l1 ESC", 1, A(AS, "status", "set", "Contoso", "Exchange Online", "--l1", "blocked" ESC), .want = "\\x1b"},
	{"--l1 U+202E", 1, A(AS, "status", "set", "Contoso", "Exchange Online", "--l1", "in" RLO "progress")},
	{"--l1 5000 bytes", 1, A(AS, "status", "set", "Contoso", "Exchange Online", "--l1", "{5000*x}")},
	{"--l1 empty", 1, A(AS, "status", "set", "Contoso", "Exchange Online", "--l1", "")},
	{"--l2 wrong for L1", 1, BLOCKED("--l2", "competitive-solution", "--notes", B1_NOTES, "--engagement", "customer-led", "--next-action-date", "2026-04-10")},
	{"--l2 ESC", 1, A(AS, "declare", "Contoso", "Exchange Online", "--no-intent", "--l2", "competitive" ESC, "--notes", "n"), .want = "\\x1b"},
	{"--l2 5000 bytes", 1, A(AS, "declare", "Contoso", "Exchange Online", "--no-intent", "--l2", "{5000*z}", "--notes", "n")},
	{"--role wrong", 1, A(AS, "user", "add", "Eve", "--role", "admin"), .want = "invalid role"},
	{"--role ESC", 1, A(AS, "user", "add", "Eve", "--role", "assignment" ESC)},
	{"--role 5000 bytes", 1, A(AS, "user", "add", "Eve", "--role", "{5000*r}")},
	{"--role invalid UTF-8", 1, A(AS, "user", "add", "Eve", "--role", "assignment" LONECONT)},
	{"--validated-with wrong", 1, A(AS, "declare", "Contoso", "Exchange Online", "--no-intent", "--l2", "competitive-solution", "--notes", "n", "--validated-with", "boss")},
	{"--validated-with U+0085", 1, A(AS, "declare", "Contoso", "Exchange Online", "--no-intent", "--l2", "competitive-solution", "--notes", "n", "--validated-with", "customer" NEL)},
	{"--led-by wrong", 1, A(AS, "declare", "Contoso", "Exchange Online", "--intent", "--declines-ftc", "--led-by", "nobody", "--kickoff", "2026-04-10")},
	{"--led-by 5000 bytes", 1, A(AS, "declare", "Contoso", "Exchange Online", "--intent", "--declines-ftc", "--led-by", "{5000*c}", "--kickoff", "2026-04-10")},
	{"--engagement wrong", 1, BLOCKED("--l2", "it-infrastructure", "--notes", B1_NOTES, "--engagement", "self-led", "--next-action-date", "2026-04-10")},
	{"--engagement U+2066", 1, BLOCKED("--l2", "it-infrastructure", "--notes", B1_NOTES, "--engagement", LRI "customer-led", "--next-action-date", "2026-04-10")},
	{"--format wrong", 2, A("customer", "list", "--format", "xml" ESC)},
	{"--lang wrong", 2, A("--lang", "fr" ESC, "history")},
	{"unknown command ESC", 2, A("hist" ESC "ory")},
	{"unknown option U+202E", 2, A("history", "--fo" RLO "rmat", "csv")},
	{"import kind wrong", 2, A(AS, "import", "customer" ESC, "-"), .in = ""},
	/* huge arguments: a message quotes 1000 bytes of one, then "…" */
	{"unknown command 100000 bytes", 2, A("{100000*a}"), .want = "unknown command '{1000*a}…' (see"},
	{"unknown global option 100000 bytes", 2, A("--{100000*a}", "history"), .want = "'--{998*a}…'"},
	{"unknown option 100000 bytes", 2, A("history", "--{100000*a}"), .want = "'--{998*a}…'"},
	{"--format 100000 bytes", 2, A("history", "--format", "{100000*a}"), .want = "invalid --format '{1000*a}…' (expected"},
	{"--format= 100000 bytes", 2, A("user", "list", "--format={100000*a}"), .want = "'{1000*a}…'"},
	{"--lang 100000 bytes", 2, A("--lang", "{100000*a}", "history"), .want = "'{1000*a}…'"},
	{"--busy-timeout 100000 bytes", 2, A("--busy-timeout", "{100000*1}", "history"), .want = "'{1000*1}…'"},
	{"unexpected argument 100000 bytes", 2, A("customer", "show", "Contoso", "{100000*a}"), .want = "unexpected argument '{1000*a}…'"},
	{"unknown subcommand 100000 bytes", 2, A("customer", "{100000*a}"), .want = "unknown subcommand '{1000*a}…' (add,"},
	{"unknown subcommand cut in a character", 2, A("customer", "a{50000*é}"), .want = "'a{499*é}…'"},
	{"history show 100000 bytes", 2, A("history", "show", "{100000*1}x"), .want = "invalid change set id '{1000*1}…'"},
	{"import kind 100000 bytes", 2, A(AS, "import", "{100000*a}", "-"), .in = "", .want = "'{1000*a}…'"},
	{"import delimiter 100000 bytes", 2, A(AS, "import", "--delimiter", "{100000*a}", "customers", "-"), .in = "", .want = "'{1000*a}…'"},
	{"import missing file 100000 bytes", 1, A(AS, "import", "customers", "{dir}/{100000*a}"), .want = "…': "},
	{"unknown customer 100000 bytes", 1, A("customer", "show", "{100000*a}"), .want = "{900*a}…"},
	{"history --output 100000 bytes", 1, A("history", "--output", "{dir}/{100000*a}"), .want = "…': "},
	{"revert 100000 bytes", 1, A(AS, "revert", "{100000*1}"), .want = "'{1000*1}…'"},
	/* dates */
	{"kickoff 2026-02-30", 1, KICKOFF("2026-02-30"), .want = "invalid --kickoff"},
	{"kickoff 2026-13-01", 1, KICKOFF("2026-13-01")},
	{"kickoff 0000-01-01", 1, KICKOFF("0000-01-01")},
	{"kickoff 0000-00-00", 1, KICKOFF("0000-00-00")},
	{"kickoff 99999-01-01", 1, KICKOFF("99999-01-01")},
	{"kickoff hour 25", 1, KICKOFF("2026-03-15T25:00:00Z")},
	{"kickoff second 60", 1, KICKOFF("2026-03-15T09:00:60Z")},
	{"kickoff next week", 1, KICKOFF("next week")},
	{"kickoff empty", 1, KICKOFF("")},
	{"kickoff trailing space", 1, KICKOFF("2026-04-10 ")},
	{"kickoff ESC", 1, KICKOFF("2026-04-10" ESC), .want = "\\x1b"},
	{"next-action-date 2026-02-29", 1, BLOCKED("--l2", "it-infrastructure", "--notes", B1_NOTES, "--engagement", "customer-led", "--next-action-date", "2026-02-29")},
	{"target-date 2026-13-01", 1, A(AS, "status", "set", "Contoso", "Exchange Online", "--l1", "in-progress", "--target-date", "2026-13-01")},
	{"target-date offset +24:00", 1, A(AS, "status", "set", "Contoso", "Exchange Online", "--l1", "in-progress", "--target-date", "2026-04-10T09:00:00+24:00")},
	{"history --since garbage", 1, A("history", "--since", "yesterday")},
	{"history --until 2026-02-30", 1, A("history", "--until", "2026-02-30")},
	{"no-intent --since 99999-01-01", 1, A("no-intent", "--since", "99999-01-01")},
	{"FTRACK_NOW garbage", 1, A("customer", "list"), .env = "FTRACK_NOW=garbage", .want = "invalid FTRACK_NOW"},
	{"FTRACK_NOW ESC", 1, A(AS, "customer", "add", "Z2"), .env = "FTRACK_NOW=2026-03-27" ESC, .want = "\\x1b"},
	{"FTRACK_NOW 2026-02-30", 1, A(AS, "customer", "add", "Z2"), .env = "FTRACK_NOW=2026-02-30T10:00:00Z"},
	{"FTRACK_NOW year 10000", 1, A(AS, "customer", "add", "Z2"), .env = "FTRACK_NOW=9999-12-31T23:00:00-02:00"},
	/* numbers */
	{"revert 0", 1, A(AS, "revert", "0"), .want = "invalid change set id"},
	{"revert -1", 2, A(AS, "revert", "-1")},
	{"revert 1e3", 1, A(AS, "revert", "1e3")},
	{"revert 2^64+", 1, A(AS, "revert", "99999999999999999999")},
	{"revert 12abc", 1, A(AS, "revert", "12abc")},
	{"revert empty", 1, A(AS, "revert", "")},
	{"revert ESC", 1, A(AS, "revert", "1" ESC), .want = "\\x1b"},
	{"revert unknown id", 1, A(AS, "revert", "999999")},
	{"--busy-timeout letters", 2, A("--busy-timeout", "abc", "history"), .want = "invalid --busy-timeout"},
	{"--busy-timeout negative", 2, A("--busy-timeout", "-5", "history")},
	{"--busy-timeout huge", 2, A("--busy-timeout", "99999999999", "history")},
	{"--busy-timeout ESC", 2, A("--busy-timeout=5" ESC, "history")},
	/* CSV imports */
	{"import managed ESC", 1, A(AS, "import", "customers", "{file}"), F(CUSTOMERS "Contoso2,c.example," ESC "\n"), .want = ":2: invalid managed '\\x1b[2J", .flags = IMPORT},
	{"import name ESC", 1, A(AS, "import", "customers", "{file}"), F(CUSTOMERS "Evil" ESC ",e.example,yes\n"), .want = "(U+001B)", .flags = IMPORT},
	{"import name U+202E", 1, A(AS, "import", "customers", "{file}"), F(CUSTOMERS "Evil" RLO ",e.example,yes\n"), .flags = IMPORT},
	{"import NUL byte", 1, A(AS, "import", "customers", "{file}"), F(CUSTOMERS "Ev\0il,e.example,yes\n"), .want = ":2:", .flags = IMPORT},
	{"import field over 65536 bytes", 1, A(AS, "import", "customers", "{file}"), F(CUSTOMERS "{65537*f},e.example,yes\n"), .flags = IMPORT},
	{"import quoted field over 65536 bytes", 1, A(AS, "import", "customers", "{file}"), F(CUSTOMERS "\"{70000*q}\",e.example,yes\n"), .flags = IMPORT},
	{"import unclosed quote", 1, A(AS, "import", "customers", "{file}"), F(CUSTOMERS "\"Unclosed,e.example,yes\n"), .flags = IMPORT},
	{"import header U+202E", 1, A(AS, "import", "customers", "{file}"), F("name,tenant,managed,ev" RLO "il\nA1,a.example,yes\n"), .want = "\\u202e", .flags = IMPORT},
	{"import header ESC", 1, A(AS, "import", "customers", "{file}"), F("name" ESC ",tenant,managed\nA1,a.example,yes\n"), .want = "\\x1b", .flags = IMPORT},
	{"import empty file", 1, A(AS, "import", "customers", "{file}"), F(""), .flags = IMPORT},
	{"import only a header", 0, A(AS, "import", "customers", "{file}"), F(CUSTOMERS)},
	{"import binary junk", 1, A(AS, "import", "customers", "{file}"), F("\x89PNG\r\n\x1a\n\0\0\0\rIHDR\xff\xfe\x1b[2J\"\x80\x9b\xc2\x85,,\n\x7f"), .flags = IMPORT},
	{"import invalid UTF-8", 1, A(AS, "import", "customers", "{file}"), F(CUSTOMERS "Evil" OVERLONG ",e.example,yes\n"), .flags = IMPORT},
	{"import a bad row among good", 1, A(AS, "import", "customers", "{file}"), F(CUSTOMERS "Good1,g.example,yes\n\"Line\nbreak\",b.example,no\nEvil" CSI ",e.example,yes\n"), .want = "case.csv:5: invalid customer name: it contains a control character (U+009B)", .flags = IMPORT},
	{"import 25 bad rows", 1, A(AS, "import", "customers", "{file}"), F(CUSTOMERS "{25*Evil\x1b,e.example,yes\n}"), .flags = IMPORT},
	{"import from stdin ESC", 1, A(AS, "import", "customers", "-"), .in = CUSTOMERS "Evil" ESC ",e.example,yes\n", .want = "stdin:2:", .flags = IMPORT},
	{"import subscriptions workload U+2066", 1, A(AS, "import", "subscriptions", "{file}"), F("customer,subscription,workload\nContoso,SUB-7,Yam" LRI "mer\n"), .flags = IMPORT},
	{"import statuses notes ESC", 1, A(AS, "import", "statuses", "{file}"), F("customer,workload,l1,l2,notes,engagement,next_action_date\nContoso,Exchange Online,blocked,it-infrastructure," B1_NOTES ESC ",customer-led,2026-04-10\n"), .flags = IMPORT},
	{"import declarations kickoff 2026-02-30", 1, A(AS, "import", "declarations", "{file}"), F("customer,workload,declared,led_by,kickoff\nContoso,Exchange Online,intent-declines-ftc,customer,2026-02-30\n"), .flags = IMPORT},
	{"import declarations declared ESC", 1, A(AS, "import", "declarations", "{file}"), F("customer,workload,declared,l2,notes\nContoso,Exchange Online,no-intent" ESC ",competitive-solution,Customer does not have intent because of Slack\n"), .want = "\\x1b", .flags = IMPORT},
	{"import declarations declared with a tail", 1, A(AS, "import", "declarations", "{file}"), F("customer,workload,declared,led_by,kickoff\nContoso,Exchange Online,intent-declines-ftc!?,customer,2026-04-10\n"), .want = "invalid declared", .flags = IMPORT},
	{"import a warned row, then a refused one", 1, A(AS, "import", "declarations", "{file}"), F("customer,workload,declared,l2,notes\nNorthwind,Microsoft Teams,no-intent,executive-sponsorship,short\nNorthwind,Nope" ESC ",no-intent,executive-sponsorship,short\n"), .want = "case.csv:3: unknown workload 'Nope\\x1b", .flags = IMPORT},
	{"import a missing file", 1, A(AS, "import", "customers", "{dir}/missing" ESC ".csv"), .want = "\\x1b"},
	{"import a folder", 1, A(AS, "import", "customers", "{dir}/dir.db"), .want = "cannot read '{dir}/dir.db': Is a directory", .nowant = "0 of 0 rows", .flags = IMPORT},
	/* --db paths */
	{"--db symlink, history", 3, A("--db", "{dir}/link.db", "history"), .want = "is a symbolic link", .path = "{dir}/link.db"},
	{"--db symlink, write", 3, A("--db", "{dir}/link.db", AS, "customer", "add", "Z3"), .path = "{dir}/link.db"},
	{"--db dangling symlink, init", 3, A("--db", "{dir}/dangling.db", "init"), .path = "{dir}/dangling.db", .absent = "{dir}/nowhere.db"},
	{"--db dangling symlink, history", 3, A("--db", "{dir}/dangling.db", "history"), .path = "{dir}/dangling.db", .absent = "{dir}/nowhere.db"},
	{"--db FIFO, history", 3, A("--db", "{dir}/fifo.db", "history"), .want = "is a FIFO", .path = "{dir}/fifo.db"},
	{"--db FIFO, init", 3, A("--db", "{dir}/fifo.db", "init"), .path = "{dir}/fifo.db"},
	{"--db folder, history", 3, A("--db", "{dir}/dir.db", "history"), .want = "is a folder", .path = "{dir}/dir.db"},
	{"--db folder, init", 3, A("--db", "{dir}/dir.db", "init"), .path = "{dir}/dir.db"},
	{"--db empty file, history", 3, A("--db", "{dir}/empty.db", "history"), .want = "is an empty file", .path = "{dir}/empty.db"},
	{"--db empty file, write", 3, A("--db", "{dir}/empty.db", AS, "customer", "add", "Z3"), .path = "{dir}/empty.db"},
	{"--db /dev/null, verify", 3, A("--db", "/dev/null", "verify"), .want = "is a device", .path = "/dev/null"},
	{"--db /dev/null, init", 3, A("--db", "/dev/null", "init"), .path = "/dev/null"},
	{"--db text file, history", 3, A("--db", "{dir}/text.db", "history"), .want = "'{dir}/text.db' is not a SQLite database", .path = "{dir}/text.db"},
	{"--db text file, init", 3, A("--db", "{dir}/text.db", "init"), .want = "'{dir}/text.db' is not a SQLite database", .path = "{dir}/text.db"},
	{"--db other SQLite, history", 3, A("--db", "{dir}/other.db", "history"), .path = "{dir}/other.db"},
	{"--db other SQLite, init", 3, A("--db", "{dir}/other.db", "init"), .path = "{dir}/other.db"},
	{"--db other SQLite, write", 3, A("--db", "{dir}/other.db", AS, "customer", "add", "Z3"), .path = "{dir}/other.db"},
	{"--db missing folder", 3, A("--db", "{dir}/no/such/f.db", "history"), .want = "no database at", .absent = "{dir}/no"},
	{"--db ESC in path", 3, A("--db", "{dir}/missing" ESC ".db", "history"), .want = "\\x1b", .absent = "{dir}/missing" ESC ".db"},
	{"--db empty", 3, A("--db", "", "history"), .nowant = "--db  init"},
	{"--db 5000-byte name, init", 3, A("--db", "{dir}/{5000*p}", "init")},
	{"--db 5000-byte path, init", 3, A("--db", "{dir}/{2500*a/}x.db", "init"), .absent = "{dir}/a"},
	{"--db 5000-byte path, history", 3, A("--db", "{dir}/{2500*a/}x.db", "history")},
	{"--db read-only folder, init", 3, A("--db", "{dir}/ro/f.db", "init"), .absent = "{dir}/ro/f.db", .flags = NOBODY},
	{"--db read-only folder, deeper, init", 3, A("--db", "{dir}/ro/sub/f.db", "init"), .absent = "{dir}/ro/sub", .flags = NOBODY},
	{"--db -wal symlink", 3, A("--db", "{dir}/walk.db", "history"), .path = "{dir}/walk.db-wal"},
	/* exports and backups */
	{"history --output existing", 1, A("history", "--output", "{dir}/export.csv"), .path = "{dir}/export.csv"},
	{"history --output the database --force", 1, A("history", "--output", "{db}", "--force"), .want = "is the database"},
	{"history --output a folder", 1, A("history", "--output", "{dir}/dir.db"), .path = "{dir}/dir.db"},
	{"history --output a folder --force", 1, A("history", "--output", "{dir}/dir.db", "--force"), .path = "{dir}/dir.db"},
	{"history --output /dev/null --force", 1, A("history", "--output", "/dev/null", "--force"), .path = "/dev/null"},
	{"history --output a symlink --force", 1, A("history", "--output", "{dir}/out.link", "--force"), .path = "{dir}/out.link"},
	{"history --output a FIFO --force", 1, A("history", "--output", "{dir}/fifo.db", "--force"), .path = "{dir}/fifo.db"},
	{"history --output ESC missing folder", 1, A("history", "--output", "{dir}/no" ESC "/x.csv"), .want = "\\x1b"},
	{"backup to an existing file", 1, A("backup", "{dir}/backup.db"), .path = "{dir}/backup.db"},
	{"backup to the database", 1, A("backup", "{db}")},
	{"backup to a symlink", 1, A("backup", "{dir}/out.link"), .path = "{dir}/out.link"},
	{"backup to a dangling symlink", 1, A("backup", "{dir}/dangling.db"), .path = "{dir}/dangling.db", .absent = "{dir}/nowhere.db"},
	{"backup to /dev/null", 1, A("backup", "/dev/null"), .path = "/dev/null"},
	{"verify --digest ESC", 1, A("verify", "--digest", "2026" ESC)},
	{"verify --digests a folder", 1, A("verify", "--digests", "{dir}/dir.db")},
};

/* ---- expanding {dir}, {db}, {file} and {N*TEXT} ---- */

static char case_file[160];

static char *expand(const char *s, size_t len, size_t *outlen)
{
	char *out = NULL;
	size_t n = 0;

	append(&out, &n, "", 0);
	for (size_t i = 0; i < len;) {
		const char *rest = s + i, *end;
		char *stop;
		unsigned long times;

		if (*rest == '{' && (end = memchr(rest, '}', len - i)) != NULL) {
			size_t tok = (size_t)(end - rest) + 1;

			if (tok == 5 && memcmp(rest, "{dir}", 5) == 0) {
				append(&out, &n, box.dir, strlen(box.dir));
				i += tok;
				continue;
			}
			if (tok == 4 && memcmp(rest, "{db}", 4) == 0) {
				append(&out, &n, box.db, strlen(box.db));
				i += tok;
				continue;
			}
			if (tok == 6 && memcmp(rest, "{file}", 6) == 0) {
				append(&out, &n, case_file, strlen(case_file));
				i += tok;
				continue;
			}
			times = strtoul(rest + 1, &stop, 10);
			if (stop > rest + 1 && *stop == '*') {
				for (unsigned long k = 0; k < times; k++)
					append(&out, &n, stop + 1,
					       (size_t)(end - stop - 1));
				i += tok;
				continue;
			}
		}
		append(&out, &n, rest, 1);
		i++;
	}
	if (outlen)
		*outlen = n;
	return out;
}

static char *expand_str(const char *s)
{
	return s ? expand(s, strlen(s), NULL) : NULL;
}

/* ---- what a terminal would act on ---- */

/* The first offset in buf (len bytes) that a terminal would act on, or
 * that is not UTF-8: C0 but newline (NUL included), DEL, C1 (as UTF-8 or
 * as a lone byte), U+061C, U+200E/F, U+2028-202E, U+2066-2069; -1 when
 * none. */
static long raw_control(const char *buf, size_t len)
{
	const unsigned char *p = (const unsigned char *)buf;

	for (size_t i = 0; i < len;) {
		unsigned c = p[i];
		size_t k = c < 0x80 ? 0 : c >= 0xc2 && c <= 0xdf ? 1
			   : c >= 0xe0 && c <= 0xef ? 2
			   : c >= 0xf0 && c <= 0xf4 ? 3 : 9;
		unsigned long cp = c & (0x7f >> k);

		if (k == 0) {
			if ((c < 0x20 && c != '\n') || c == 0x7f)
				return (long)i;
			i++;
			continue;
		}
		if (k == 9 || len - i <= k)
			return (long)i;
		for (size_t j = 1; j <= k; j++) {
			if ((p[i + j] & 0xc0) != 0x80)
				return (long)i;
			cp = (cp << 6) | (p[i + j] & 0x3f);
		}
		if (cp < (k == 1 ? 0x80ul : k == 2 ? 0x800ul : 0x10000ul) ||
		    (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff)
			return (long)i;
		if (cp <= 0x9f || cp == 0x061c || cp == 0x200e || cp == 0x200f ||
		    (cp >= 0x2028 && cp <= 0x202e) ||
		    (cp >= 0x2066 && cp <= 0x2069))
			return (long)i;
		i += k + 1;
	}
	return -1;
}

static void checker__finds_every_kind_of_raw_control(void **state)
{
	static const char *const bad[] = {
		"a" ESC, "a" BEL, "a" DEL, "a" NEL, "a" CSI, "a" RLO, "a" LRI,
		"a" LRM, "a" RLM, "a" LSEP, "a" PSEP, "a" OVERLONG, "a" LONECONT,
		"a" TRUNC, "a" SURROGATE, "a\r", "a\t", "\xe2\x81\xa9",
		"\xd8\x9c", "\xff", "\xf4\x90\x80\x80",
	};

	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		if (raw_control(bad[i], strlen(bad[i])) < 0)
			fail_msg("not caught: case %zu", i);
	assert_true(raw_control("a\0b", 3) == 1);
	assert_true(raw_control("Ana García\n\xe2\x80\x94 \xf0\x9f\x98\x80 "
				"\\x1b \\u202e\n", 27) < 0);
	assert_true(raw_control("\xe2\x80\xaf\xe2\x81\xa0", 6) < 0);
}

/* ---- the state of a path ---- */

struct pstate {
	bool exists;
	struct stat st;
	char *bytes;		/* a regular file's content, a link's target */
	size_t len;
};

static struct pstate path_state(const char *path)
{
	struct pstate s = {0};
	char buf[8192];

	if (path == NULL || lstat(path, &s.st) != 0)
		return s;
	s.exists = true;
	append(&s.bytes, &s.len, "", 0);
	if (S_ISLNK(s.st.st_mode)) {
		ssize_t n = readlink(path, buf, sizeof buf);

		if (n > 0)
			append(&s.bytes, &s.len, buf, (size_t)n);
	} else if (S_ISREG(s.st.st_mode)) {
		int fd = open(path, O_RDONLY | O_NOFOLLOW);
		ssize_t n;

		while (fd >= 0 && (n = read(fd, buf, sizeof buf)) > 0)
			append(&s.bytes, &s.len, buf, (size_t)n);
		if (fd >= 0)
			close(fd);
	}
	return s;
}

static bool same_state(const struct pstate *a, const struct pstate *b)
{
	if (a->exists != b->exists)
		return false;
	if (!a->exists)
		return true;
	return a->st.st_mode == b->st.st_mode && a->st.st_ino == b->st.st_ino &&
	       a->st.st_rdev == b->st.st_rdev && a->st.st_size == b->st.st_size &&
	       a->len == b->len && memcmp(a->bytes, b->bytes, a->len) == 0;
}

/* ---- running one case ---- */

/* text with every byte outside printable ASCII as \\xHH, for a report */
static char *text_shown(const char *text)
{
	char *out = NULL, hex[8];
	size_t n = 0;

	append(&out, &n, "", 0);
	for (const unsigned char *p = (const unsigned char *)text; *p; p++) {
		if (*p >= 0x20 && *p < 0x7f) {
			append(&out, &n, (const char *)p, 1);
		} else {
			snprintf(hex, sizeof hex, "\\x%02x", *p);
			append(&out, &n, hex, strlen(hex));
		}
	}
	return out;
}

static void read_all(int fd, char **buf, size_t *len)
{
	char chunk[8192];
	ssize_t got;

	append(buf, len, "", 0);
	lseek(fd, 0, SEEK_SET);
	while ((got = read(fd, chunk, sizeof chunk)) > 0)
		append(buf, len, chunk, (size_t)got);
}

/* Runs ftrack with args (NULL-terminated), stdin from in (len bytes),
 * stdout and stderr kept whole, NUL bytes included; as nobody when asked
 * and root; killed after 60 s. */
static struct run run_case(char *const *args, const char *in, size_t inlen,
			   bool nobody)
{
	const char *bin = getenv("FTRACK_BIN") ? getenv("FTRACK_BIN")
					       : "./ftrack";
	char inf[] = "/tmp/ftrack-in-XXXXXX", outf[] = "/tmp/ftrack-out-XXXXXX";
	char errf[] = "/tmp/ftrack-err-XXXXXX";
	int fin = mkstemp(inf), fout = mkstemp(outf), ferr = mkstemp(errf);
	const char *argv[32];
	struct run r = {0};
	int n = 0, wstatus;
	pid_t pid;

	assert_true(fin >= 0 && fout >= 0 && ferr >= 0);
	argv[n++] = bin;
	for (; args[n - 1] != NULL && n < 31; n++)
		argv[n] = args[n - 1];
	argv[n] = NULL;
	if (inlen > 0)
		assert_int_equal(write(fin, in, inlen), (ssize_t)inlen);
	lseek(fin, 0, SEEK_SET);
	if ((pid = fork()) == 0) {
		dup2(fin, 0);
		dup2(fout, 1);
		dup2(ferr, 2);
		if (nobody && geteuid() == 0 &&
		    (setgid(65534) != 0 || setuid(65534) != 0))
			_exit(126);
		alarm(60);
		execv(bin, (char *const *)argv);
		_exit(127);
	}
	waitpid(pid, &wstatus, 0);
	r.status = WIFEXITED(wstatus) ? WEXITSTATUS(wstatus)
				      : 128 + WTERMSIG(wstatus);
	read_all(fout, &r.out, &r.outlen);
	read_all(ferr, &r.err, &r.errlen);
	close(fin);
	close(fout);
	close(ferr);
	unlink(inf);
	unlink(outf);
	unlink(errf);
	return r;
}

static bool starts(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

/* Whether line (up to its newline) is an import's `FILE:LINE: why`, or the
 * "... and N more refused rows" that follows the first 20 of them. */
static bool import_line(const char *line, const char *file)
{
	const char *p = line;

	if (starts(line, "... and "))
		return true;
	if (starts(p, "stdin:"))
		p += 6;
	else if (file && starts(p, file) && p[strlen(file)] == ':')
		p += strlen(file) + 1;
	else
		return false;
	if (*p < '0' || *p > '9')
		return false;
	while (*p >= '0' && *p <= '9')
		p++;
	return starts(p, ": ");
}

/* The longest line on stderr: a message quoting a huge argument quotes at
 * most 1000 bytes of it, then "…". */
#define MAX_LINE 1200

/* What is wrong with stderr for a case that exits with status: NULL when
 * nothing. */
static const char *stderr_shape(const struct run *r, int status,
				unsigned flags, const char *file)
{
	int lines = 0;
	const char *last = r->err;

	if (r->errlen > 0 && r->err[r->errlen - 1] != '\n')
		return "stderr does not end with a line break";
	for (size_t i = 0; i < r->errlen; i++)
		if (r->err[i] == '\n') {
			lines++;
			/* what a message quotes is cut at 1000 bytes */
			if (r->err + i - last > MAX_LINE)
				return "a line longer than 1200 bytes on stderr";
			if (i + 1 < r->errlen)
				last = r->err + i + 1;
		}
	if (status == 0) {
		if (lines > 1)
			return "more than one line on stderr";
		if (lines == 1 && !starts(r->err, "ftrack: warning: "))
			return "success with a line on stderr that is not a "
			       "warning";
		return NULL;
	}
	if (lines == 0)
		return "nothing on stderr";
	if (!starts(last, "ftrack: ") && !starts(last, "ftrack "))
		return "the last stderr line is not ftrack's";
	if (lines == 1)
		return NULL;
	if (!(flags & IMPORT))
		return "more than one line on stderr";
	for (const char *l = r->err; l != last; l = strchr(l, '\n') + 1)
		if (!import_line(l, file))
			return "an import line that is not FILE:LINE: why";
	if (lines > 22)
		return "more than 20 refused rows printed";
	return NULL;
}

static int failures;

#define CASE_FAIL(c, ...) do { \
	fprintf(stderr, "[case '%s'] ", (c)->name); \
	fprintf(stderr, __VA_ARGS__); \
	fputc('\n', stderr); \
	failures++; \
} while (0)

static void print_args(char *const *args)
{
	fputs("    ftrack", stderr);
	for (; *args; args++) {
		char *v = strlen(*args) > 80 ? strndup(*args, 80) : strdup(*args);

		for (char *p = v; *p; p++)
			if ((unsigned char)*p < 0x20 || (unsigned char)*p >= 0x7f)
				*p = '?';
		fprintf(stderr, " '%s'%s", v, strlen(*args) > 80 ? "..." : "");
		free(v);
	}
	fputc('\n', stderr);
}

static void run_one(const struct ccase *c)
{
	char *args[32] = {0}, *dump_before, *dump_after, *in = NULL;
	char *path = expand_str(c->path), *absent = expand_str(c->absent);
	char *env_name = NULL, *env_old = NULL;
	const char *why;
	size_t inlen = 0;
	struct pstate before, after;
	struct run r;
	int bad = failures, n;
	long at;

	if (c->file) {
		size_t len;
		char *content = expand(c->file, c->filelen, &len);
		FILE *f = fopen(case_file, "wb");

		assert_non_null(f);
		assert_int_equal(fwrite(content, 1, len, f), len);
		fclose(f);
		free(content);
	}
	if (c->in)
		in = expand(c->in, strlen(c->in), &inlen);
	for (int i = 0; c->args[i]; i++)
		args[i] = expand_str(c->args[i]);
	if (c->env) {
		const char *eq = strchr(c->env, '=');

		env_name = strndup(c->env, (size_t)(eq - c->env));
		if (getenv(env_name))
			env_old = strdup(getenv(env_name));
		setenv(env_name, eq + 1, 1);
	}
	before = path_state(path);
	dump_before = db_snapshot();
	r = run_case(args, in, inlen, c->flags & NOBODY);
	dump_after = db_snapshot();
	after = path_state(path);
	if (env_name) {
		if (env_old)
			setenv(env_name, env_old, 1);
		else
			unsetenv(env_name);
	}

	if (r.status != c->status)
		CASE_FAIL(c, "exit %d, expected %d", r.status, c->status);
	for (n = 0; args[n]; n++)
		;
	if ((why = stderr_shape(&r, c->status, c->flags,
				n ? args[n - 1] : NULL)) != NULL)
		CASE_FAIL(c, "%s", why);
	if ((at = raw_control(r.err, r.errlen)) >= 0)
		CASE_FAIL(c, "raw control or non-UTF-8 byte 0x%02x on stderr at "
			  "%ld", (unsigned char)r.err[at], at);
	if ((at = raw_control(r.out, r.outlen)) >= 0)
		CASE_FAIL(c, "raw control or non-UTF-8 byte 0x%02x on stdout at "
			  "%ld", (unsigned char)r.out[at], at);
	if (c->flags & CHANGES) {
		if (strcmp(dump_before, dump_after) == 0)
			CASE_FAIL(c, "accepted, but the database did not change");
	} else if (strcmp(dump_before, dump_after) != 0) {
		CASE_FAIL(c, "the database changed");
	}
	if (path && !same_state(&before, &after))
		CASE_FAIL(c, "'%s' changed", path);
	if (absent && access(absent, F_OK) == 0)
		CASE_FAIL(c, "'%s' was left behind", absent);
	if (c->want) {
		char *want = expand_str(c->want);

		if (strstr(r.err, want) == NULL)
			CASE_FAIL(c, "stderr does not hold the expected text");
		free(want);
	}
	if (c->nowant && strstr(r.err, c->nowant) != NULL)
		CASE_FAIL(c, "stderr holds text it should not");
	if (failures != bad) {
		char *shown = text_shown(r.err);

		print_args(args);
		fprintf(stderr, "    stderr: %s\n", shown);
		free(shown);
	}

	if (c->file)
		unlink(case_file);
	for (int i = 0; args[i]; i++)
		free(args[i]);
	free(in);
	free(path);
	free(absent);
	free(env_name);
	free(env_old);
	free(before.bytes);
	free(after.bytes);
	free(dump_before);
	free(dump_after);
	run_free(&r);
}

/* ---- the fixture ---- */

static void shell(const char *fmt, ...)
{
	char cmd[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(cmd, sizeof cmd, fmt, ap);
	va_end(ap);
	if (system(cmd) != 0)
		fail_msg("failed: %s", cmd);
}

/* Three customers (one in the delivery phase), three users, a declaration
 * to revert, and beside the database the odd files the path cases use. */
static void fixture(void)
{
	char path[256], target[256];
	FILE *f;

	ftrack(0, "init");
	ftrack(0, "user", "add", "Ana", "--role", "assignment-fm");
	ftrack(0, AS, "user", "add", "Dan", "--role", "delivery-fm");
	ftrack(0, AS, "user", "add", "Acc", "--role", "account-team");
	ftrack(0, AS, "customer", "add", "Contoso", "--tenant",
	       "contoso.example", "--managed");
	ftrack(0, AS, "customer", "add", "Fabrikam");
	ftrack(0, AS, "customer", "add", "Northwind");
	ftrack(0, AS, "subscription", "add", "Contoso", "SUB-1", "--workload",
	       "Yammer", "--workload", "Exchange Online");
	ftrack(0, AS, "subscription", "add", "Fabrikam", "SUB-2", "--workload",
	       "Yammer");
	ftrack(0, AS, "subscription", "add", "Northwind", "SUB-3", "--workload",
	       "Microsoft Teams", "--workload", "Intune");
	ftrack(0, AS, "assign", "Fabrikam", "--delivery-fm", "Dan");
	ftrack(0, AS, "declare", "Contoso", "Yammer", "--no-intent", "--l2",
	       "competitive-solution", "--notes", "Customer does not have "
	       "intent to use the service because of Slack");
	setenv("FTRACK_USER", "Ana", 1);

#define AT(name) (snprintf(path, sizeof path, "%s/%s", box.dir, name), path)
	assert_int_equal(symlink(box.db, AT("link.db")), 0);
	snprintf(target, sizeof target, "%s/nowhere.db", box.dir);
	assert_int_equal(symlink(target, AT("dangling.db")), 0);
	assert_int_equal(mkfifo(AT("fifo.db"), 0600), 0);
	assert_int_equal(mkdir(AT("dir.db"), 0700), 0);
	close(open(AT("empty.db"), O_WRONLY | O_CREAT, 0644));
	assert_non_null(f = fopen(AT("text.db"), "w"));
	fputs("name,tenant\nContoso,contoso.example\n", f);
	fclose(f);
	shell("sqlite3 '%s/other.db' 'CREATE TABLE t(x); INSERT INTO t "
	      "VALUES (1);'", box.dir);
	assert_int_equal(mkdir(AT("ro"), 0555), 0);
	assert_int_equal(chmod(path, 0555), 0);
	assert_non_null(f = fopen(AT("export.csv"), "w"));
	fputs("keep me\n", f);
	fclose(f);
	assert_non_null(f = fopen(AT("backup.db"), "w"));
	fputs("an older backup\n", f);
	fclose(f);
	snprintf(target, sizeof target, "%s/export.csv", box.dir);
	assert_int_equal(symlink(target, AT("out.link")), 0);
	/* an ftrack database whose -wal is a link (a SQLite file on either
	 * backend) */
	if (testdb_pg())
		ftrack(0, "--db", AT("walk.db"), "init");
	else
		shell("sqlite3 '%s' 'PRAGMA wal_checkpoint(TRUNCATE)' >/dev/null "
		      "&& cp '%s' '%s/walk.db'", box.db, box.db, box.dir);
	snprintf(target, sizeof target, "%s/export.csv", box.dir);
	assert_int_equal(symlink(target, AT("walk.db-wal")), 0);
#undef AT
	snprintf(case_file, sizeof case_file, "%s/case.csv", box.dir);
	/* nobody reaches the read-only folder */
	assert_int_equal(chmod(box.dir, 0755), 0);
}

static void catalogue__each_case_refused_in_one_line_and_harmless(
	void **state)
{
	size_t n = sizeof cases / sizeof cases[0];

	fixture();
	failures = 0;
	for (size_t i = 0; i < n; i++)
		run_one(&cases[i]);
	fprintf(stderr, "%zu cases, %d failed checks\n", n, failures);
	/* what was accepted went in through the rules and the audit */
	ftrack(0, "verify");
	assert_int_equal(failures, 0);
}

/* ---- a full disk ---- */

static void full_disk__a_write_fails_with_exit_3_and_verify_passes(
	void **state)
{
	sqlite_only("a full disk under a SQLite file");
	char mnt[128], db[160], fill[160], fresh[160], cmd[512];
	struct pstate before, after;
	struct run r;
	const char *why;
	char *args[8];
	long at;
	FILE *f;

	if (geteuid() != 0) {
		fprintf(stderr, "skipped: a full disk needs root to mount a "
			"tmpfs\n");
		skip();
	}
	snprintf(mnt, sizeof mnt, "%s/full", box.dir);
	assert_int_equal(mkdir(mnt, 0700), 0);
	if (mount("tmpfs", mnt, "tmpfs", 0, "size=1m") != 0) {
		fprintf(stderr, "skipped: cannot mount a tmpfs: %s\n",
			strerror(errno));
		skip();
	}
	/* a database made elsewhere (init needs more room than a full disk has,
	 * its -wal included), copied in whole */
	ftrack(0, "init");
	ftrack(0, "customer", "add", "Contoso");
	snprintf(cmd, sizeof cmd, "sqlite3 '%s' 'PRAGMA wal_checkpoint"
		 "(TRUNCATE)' >/dev/null && cp '%s' '%s/f.db'", box.db, box.db,
		 mnt);
	assert_int_equal(system(cmd), 0);
	snprintf(db, sizeof db, "%s/f.db", mnt);
	snprintf(fill, sizeof fill, "%s/fill", mnt);
	/* fill what is left, a kilobyte at a time */
	assert_non_null(f = fopen(fill, "w"));
	setvbuf(f, NULL, _IONBF, 0);
	for (char kb[1024] = {0}; fwrite(kb, 1, sizeof kb, f) == sizeof kb;)
		;
	fclose(f);
	before = path_state(db);
	args[0] = "--db", args[1] = db, args[2] = "customer", args[3] = "add";
	args[4] = "Fabrikam", args[5] = NULL;
	r = run_case(args, NULL, 0, false);
	after = path_state(db);
	assert_int_equal(r.status, 3);
	if ((why = stderr_shape(&r, 3, 0, NULL)) != NULL)
		fail_msg("%s: %s", why, r.err);
	assert_true((at = raw_control(r.err, r.errlen)) < 0);
	assert_true(same_state(&before, &after));
	run_free(&r);
	free(before.bytes);
	free(after.bytes);
	/* room again: nothing was half written */
	assert_int_equal(unlink(fill), 0);
	r = ftrack(0, "--db", db, "verify");
	run_free(&r);
	r = ftrack(0, "--db", db, "customer", "list");
	assert_null(strstr(r.out, "Fabrikam"));
	run_free(&r);
	/* a failed init leaves no file behind (README, Reliability), even
	 * when the disk fills half way through the migrations */
	assert_non_null(f = fopen(fill, "w"));
	setvbuf(f, NULL, _IONBF, 0);
	/* leave 128 KiB: less than a new database needs */
	for (char kb[1024] = {0}; ftell(f) < 896 * 1024 &&
	     fwrite(kb, 1, sizeof kb, f) == sizeof kb;)
		;
	fclose(f);
	unlink(db);
	snprintf(fresh, sizeof fresh, "%s/fresh.db", mnt);
	args[1] = fresh, args[2] = "init", args[3] = NULL;
	r = run_case(args, NULL, 0, false);
	if (r.status != 3 || stderr_shape(&r, 3, 0, NULL) != NULL ||
	    access(fresh, F_OK) == 0) {
		fprintf(stderr, "init on a full disk: exit %d, stderr '%s', "
			"file %s\n", r.status, r.err, access(fresh, F_OK) == 0
			? "left behind" : "gone");
		run_free(&r);
		umount(mnt);
		fail();
	}
	run_free(&r);
	assert_int_equal(umount(mnt), 0);
}

static int teardown(void **state)
{
	char mnt[128];

	snprintf(mnt, sizeof mnt, "%s/full", box.dir);
	umount(mnt);
	return sandbox_teardown(state);
}

#define T(f) cmocka_unit_test_setup_teardown(f, sandbox_setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(checker__finds_every_kind_of_raw_control),
		T(catalogue__each_case_refused_in_one_line_and_harmless),
		T(full_disk__a_write_fails_with_exit_3_and_verify_passes),
	};

	signal(SIGPIPE, SIG_IGN);
	return cmocka_run_group_tests_name("inputs", tests, NULL, NULL);
}
