/* ftrack __complete: what the shell completion scripts (completion/) ask.
 * Hidden from --help. Prints one candidate a line and never fails loudly:
 * an unknown kind, or no database, gives no candidates and exit 0.
 *
 * Commands, subcommands, options and the values of options such as
 * --format are read from the usage texts of main.c's table, so completion
 * offers what --help says; names come from the database, codes from its
 * reference tables (an in-memory database's when there is none). */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "ftrack/complete.h"

/* What a word may be, beyond the literal candidates. */
enum {
	K_CUSTOMERS = 1 << FT_CAND_CUSTOMERS,
	K_WORKLOADS = 1 << FT_CAND_WORKLOADS,
	K_USERS = 1 << FT_CAND_USERS,
	K_SUBSCRIPTIONS = 1 << FT_CAND_SUBSCRIPTIONS,
	K_L1 = 1 << FT_CAND_L1,
	K_L2 = 1 << FT_CAND_L2,
	K_ROLES = 1 << FT_CAND_ROLES,
	K_ACTIVE_USERS = 1 << FT_CAND_ACTIVE_USERS,
	K_DELIVERY_FMS = 1 << FT_CAND_DELIVERY_FMS,
	K_CHANGESETS = 1 << FT_CAND_CHANGESETS,
	K_FILES = 1 << 12
};

/* Options whose values are names or codes, by option name. */
static const struct {
	const char *option;
	unsigned kind;
} OPTION_KINDS[] = {
	{"customer", K_CUSTOMERS}, {"workload", K_WORKLOADS},
	{"subscription", K_SUBSCRIPTIONS}, {"delivery-fm", K_DELIVERY_FMS},
	{"who", K_USERS}, {"as", K_ACTIVE_USERS}, {"l1", K_L1}, {"l2", K_L2},
	{"role", K_ROLES},
};

/* Placeholders of the usage texts ("<customer>") that name a kind: in
 * every command, or (cmd and sub set) in that subcommand's form only,
 * where "<name>" is an existing record's rather than a new one's. */
static const struct {
	const char *cmd, *sub;
	const char *placeholder;
	unsigned kind;
} PLACEHOLDER_KINDS[] = {
	{NULL, NULL, "customer", K_CUSTOMERS},
	{NULL, NULL, "workload", K_WORKLOADS},
	{NULL, NULL, "user", K_USERS},
	{NULL, NULL, "file", K_FILES},
	{NULL, NULL, "path", K_FILES},
	/* copy --to: a new file (or a connection string, typed whole) */
	{NULL, NULL, "target", K_FILES},
	{NULL, NULL, "changeset-id", K_CHANGESETS},
	{"history", "show", "id", K_CHANGESETS},
	{"customer", "show", "name", K_CUSTOMERS},
	{"customer", "rename", "name", K_CUSTOMERS},
	{"customer", "set", "name", K_CUSTOMERS},
	{"user", "set", "name", K_USERS},
	{"user", "deactivate", "name", K_ACTIVE_USERS},
	{"subscription", "remove-workload", "subscription-id", K_SUBSCRIPTIONS},
};

/* Placeholders whose word narrows the names offered after it: the
 * customer's subscriptions, the subscription's workloads. */
enum { SCOPE_CUSTOMER = 1, SCOPE_SUBSCRIPTION };
static const struct {
	const char *placeholder;
	int scope;
} SCOPE_PLACEHOLDERS[] = {
	{"<customer>", SCOPE_CUSTOMER},
	{"<subscription-id>", SCOPE_SUBSCRIPTION},
};

struct span {
	const char *s;
	size_t n;
};

/* One form of a command's usage ("customer add <name> ..."). */
struct form {
	struct span sub;	/* its subcommand, n == 0 for none */
	struct span text;	/* what follows the command and subcommand */
};

#define MAX_FORMS 8

struct usage {
	const char *cmd;
	struct form forms[MAX_FORMS];
	int nforms;
};

/* The candidates found: literal words, once each in order, and kinds of
 * names or codes to list. */
struct cands {
	char **words;
	size_t n;
	unsigned kinds;
	const char *prefix;	/* what the user typed so far */
	struct ft_candidate_scope scope;	/* the L1 of the L2s, the customer
						 * and subscription typed */
	const char *skip;	/* an L1 not to offer, or NULL */
	bool failed;		/* out of memory */
};

static bool span_is(struct span sp, const char *s)
{
	return sp.n == strlen(s) && memcmp(sp.s, s, sp.n) == 0;
}

static void add_word(struct cands *c, const char *s, size_t n)
{
	char **grown;

	if (strlen(c->prefix) > n || strncmp(s, c->prefix, strlen(c->prefix)))
		return;
	for (size_t i = 0; i < c->n; i++)
		if (strlen(c->words[i]) == n && memcmp(c->words[i], s, n) == 0)
			return;
	if ((grown = realloc(c->words, (c->n + 1) * sizeof *grown)) == NULL) {
		c->failed = true;
		return;
	}
	c->words = grown;
	if ((c->words[c->n] = strndup(s, n)) == NULL)
		c->failed = true;
	else
		c->n++;
}

/* The next token of a usage text: a bracketed group ([...], (...), <...>,
 * with what it nests) or a bare word. */
static bool next_token(const char **p, const char *end, struct span *tok)
{
	const char *s = *p;
	int depth = 0;

	while (s < end && isspace((unsigned char)*s))
		s++;
	if (s >= end)
		return false;
	tok->s = s;
	if (*s == '[' || *s == '(' || *s == '<') {
		do {
			if (*s == '[' || *s == '(' || *s == '<')
				depth++;
			else if (*s == ']' || *s == ')' || *s == '>')
				depth--;
			s++;
		} while (s < end && depth > 0);
	} else {
		while (s < end && !isspace((unsigned char)*s))
			s++;
	}
	tok->n = (size_t)(s - tok->s);
	*p = s;
	return true;
}

/* Splits usage (cmd's text in the table) into its forms: each starts at a
 * line "usage: ftrack CMD" or "   or: ftrack CMD" and runs on through its
 * continuation lines; the usage ends at the first blank line. */
static void parse_usage(const char *cmd, const char *usage, struct usage *u)
{
	const char *end = strstr(usage, "\n\n"), *line = usage;
	size_t cmdlen = strlen(cmd);

	u->cmd = cmd;
	u->nforms = 0;
	if (end == NULL)
		end = usage + strlen(usage);
	for (; line < end; line = strchr(line, '\n') + 1) {
		const char *s = line + 7, *q;	/* "usage: ", "   or: " */
		struct form *f;
		struct span tok;

		if (strncmp(line, "usage: ftrack ", 14) != 0 &&
		    strncmp(line, "   or: ftrack ", 14) != 0) {
			if (strchr(line, '\n') == NULL)
				break;
			continue;
		}
		if (u->nforms > 0)
			u->forms[u->nforms - 1].text.n = (size_t)(line -
				u->forms[u->nforms - 1].text.s);
		if (u->nforms == MAX_FORMS)
			break;
		f = &u->forms[u->nforms++];
		s += 7 + cmdlen;
		f->sub.n = 0;
		q = s;
		if (next_token(&q, end, &tok) && islower((unsigned char)*tok.s)) {
			f->sub = tok;
			s = q;
		}
		f->text.s = s;
		f->text.n = (size_t)(end - s);
		if (strchr(line, '\n') == NULL)
			break;
	}
}

/* The usage of the command named name; false when there is none. */
static bool command_usage(const char *name, struct usage *u)
{
	const char *cmd, *usage;

	for (size_t i = 0; cli_command_at(i, &cmd, &usage); i++)
		if (strcmp(cmd, name) == 0) {
			parse_usage(cmd, usage, u);
			return true;
		}
	return false;
}

/* Finds "--option" in text; *after points past it. */
static bool find_option(struct span text, const char *option,
			const char **after)
{
	const char *p = text.s, *end = text.s + text.n;
	size_t n = strlen(option);

	while ((p = memmem(p, (size_t)(end - p), "--", 2)) != NULL) {
		const char *name = p + 2;

		p = name;
		if ((size_t)(end - name) >= n && memcmp(name, option, n) == 0 &&
		    (name + n == end || !(isalnum((unsigned char)name[n]) ||
					  name[n] == '-'))) {
			*after = name + n;
			return true;
		}
	}
	return false;
}

/* The value token that follows "--option" in text (a <placeholder> or a
 * (choice | list)); false when the option takes no value there. */
static bool option_value(struct span text, const char *option,
			 struct span *value)
{
	const char *after;
	struct span rest;

	while (find_option(text, option, &after)) {
		const char *end = text.s + text.n;

		if (next_token(&after, end, value) &&
		    (*value->s == '<' || *value->s == '('))
			return true;
		rest.s = after;
		rest.n = (size_t)(end - after);
		text = rest;
	}
	return false;
}

/* Adds the alternatives of a token: "(a | b)" gives a and b, "<x>" the
 * kind of names x stands for; options among them are left out. */
static void add_alternatives(struct cands *c, struct span tok,
			     const struct usage *u, const struct form *f)
{
	const char *p = tok.s, *end = tok.s + tok.n;

	if (*p == '(' || *p == '[') {
		p++;
		end--;
	}
	while (p < end) {
		const char *alt_end = p;
		int depth = 0;

		while (alt_end < end && (depth > 0 || *alt_end != '|')) {
			if (*alt_end == '(' || *alt_end == '[' || *alt_end == '<')
				depth++;
			else if (*alt_end == ')' || *alt_end == ']' ||
				 *alt_end == '>')
				depth--;
			alt_end++;
		}
		while (p < alt_end && isspace((unsigned char)*p))
			p++;
		size_t n = (size_t)(alt_end - p);
		while (n > 0 && isspace((unsigned char)p[n - 1]))
			n--;
		if (n > 2 && *p == '<') {
			struct span name = {p + 1, n - 2};

			for (size_t i = 0; i < sizeof PLACEHOLDER_KINDS /
			     sizeof PLACEHOLDER_KINDS[0]; i++)
				if (span_is(name, PLACEHOLDER_KINDS[i].placeholder) &&
				    (PLACEHOLDER_KINDS[i].cmd == NULL ||
				     (f != NULL && strcmp(u->cmd,
					PLACEHOLDER_KINDS[i].cmd) == 0 &&
				      span_is(f->sub, PLACEHOLDER_KINDS[i].sub))))
					c->kinds |= PLACEHOLDER_KINDS[i].kind;
		} else if (n > 0 && *p != '-' && *p != '<' && *p != '.') {
			add_word(c, p, n);
		}
		p = alt_end + 1;
	}
}

/* The k-th positional argument of form f (options and their values left
 * out); false when it has fewer. */
static bool form_positional(const struct form *f, int k, struct span *out)
{
	const char *p = f->text.s, *end = f->text.s + f->text.n;
	struct span t;

	while (next_token(&p, end, &t)) {
		const char *in = t.s + (*t.s == '[' || *t.s == '(');

		while (in < t.s + t.n && *in == ' ')
			in++;
		if (*t.s == '-') {
			/* a bare option: its value too */
			const char *q = p;
			struct span v;

			if (next_token(&q, end, &v) && (*v.s == '<' || *v.s == '('))
				p = q;
			continue;
		}
		if (*in == '-' || span_is(t, "..."))
			continue;
		if (k-- == 0) {
			*out = t;
			return true;
		}
	}
	return false;
}

/* Adds the values of option (a name, no dashes) in the forms of u that
 * have subcommand sub (NULL: any), cmd being its command. */
static void add_option_values(struct cands *c, const struct usage *u,
			      const char *sub, const char *option)
{
	for (size_t i = 0; i < sizeof OPTION_KINDS / sizeof OPTION_KINDS[0];
	     i++)
		if (strcmp(option, OPTION_KINDS[i].option) == 0) {
			c->kinds |= OPTION_KINDS[i].kind;
			return;
		}
	for (int i = 0; i < u->nforms; i++) {
		const struct form *f = &u->forms[i];
		struct span v;

		if (sub != NULL && !span_is(f->sub, sub))
			continue;
		if (option_value(f->text, option, &v))
			add_alternatives(c, v, u, f);
	}
}

/* Adds every long option of text that starts with the prefix. */
static void add_options(struct cands *c, struct span text)
{
	const char *p = text.s, *end = text.s + text.n;

	while ((p = memmem(p, (size_t)(end - p), "--", 2)) != NULL) {
		const char *name = p + 2, *q = name;

		while (q < end && (islower((unsigned char)*q) ||
				   isdigit((unsigned char)*q) || *q == '-'))
			q++;
		if (q > name)
			add_word(c, p, (size_t)(q - p));
		p = q;
	}
}

/* The global options' usage as one form. */
static void global_usage(struct usage *u)
{
	const char *text = cli_global_usage();

	u->cmd = "";
	u->nforms = 1;
	u->forms[0].sub.n = 0;
	u->forms[0].text.s = text;
	u->forms[0].text.n = strlen(text);
}

static bool has_sub(const struct usage *u, const char *word)
{
	for (int i = 0; i < u->nforms; i++)
		if (u->forms[i].sub.n > 0 && span_is(u->forms[i].sub, word))
			return true;
	return false;
}

/* Whether "--option" takes a value in any form of u with subcommand sub. */
static bool takes_value(const struct usage *u, const char *sub,
			const char *option)
{
	struct span v;

	for (int i = 0; i < u->nforms; i++)
		if ((sub == NULL ? u->forms[i].sub.n == 0
				 : span_is(u->forms[i].sub, sub)) &&
		    option_value(u->forms[i].text, option, &v))
			return true;
	return false;
}

/* The option's name in a word "--name" or "--name=value" (into buf). */
static const char *option_name(const char *word, char *buf, size_t len)
{
	snprintf(buf, len, "%.*s", (int)strcspn(word + 2, "="), word + 2);
	return buf;
}

/* Whether form f is the one of subcommand sub (NULL: the form without). */
static bool form_is(const struct form *f, const char *sub)
{
	return sub == NULL ? f->sub.n == 0 : span_is(f->sub, sub);
}

#define MAX_POSITIONAL 16

/* Narrows c's names by the words typed so far (npos positional words) at
 * the <customer> and <subscription-id> places of form f. */
static void scope_by_words(struct cands *c, const struct form *f,
			   char *const *words, int npos)
{
	struct span tok;

	for (int j = 0; j < npos && form_positional(f, j, &tok); j++)
		for (size_t k = 0; k < sizeof SCOPE_PLACEHOLDERS /
		     sizeof SCOPE_PLACEHOLDERS[0]; k++) {
			if (!span_is(tok, SCOPE_PLACEHOLDERS[k].placeholder))
				continue;
			if (SCOPE_PLACEHOLDERS[k].scope == SCOPE_CUSTOMER)
				c->scope.customer = words[j];
			else
				c->scope.subscription = words[j];
		}
}

/* Works out what the last of the words (those after "ftrack") can be. */
static void complete_line(int n, char **w, struct cands *c, const char **db)
{
	static const char *const GLOBALS_WITH_VALUE[] = {"--db", "--as",
		"--lang", "--busy-timeout"};
	const char *cur = w[n - 1], *sub = NULL, *pending = NULL;
	char name[64], *positional[MAX_POSITIONAL];
	struct usage u;
	int i = 0, pos = 0;

	c->prefix = cur;
	global_usage(&u);
	for (; i < n - 1 && w[i][0] == '-'; i++) {
		if (strncmp(w[i], "--db=", 5) == 0)
			*db = w[i] + 5;
		for (size_t g = 0; g < 4; g++)
			if (strcmp(w[i], GLOBALS_WITH_VALUE[g]) == 0) {
				if (i + 1 == n - 1) {
					add_option_values(c, &u, NULL, w[i] + 2);
					return;
				}
				if (g == 0)
					*db = w[i + 1];
				i++;
				break;
			}
	}
	if (i == n - 1) {
		if (strncmp(cur, "--", 2) == 0 && strchr(cur, '=') != NULL) {
			c->prefix = strchr(cur, '=') + 1;
			add_option_values(c, &u, NULL, option_name(cur, name,
								   sizeof name));
		} else if (*cur == '-') {
			add_options(c, u.forms[0].text);
		} else {
			const char *cmd, *usage;

			for (size_t k = 0; cli_command_at(k, &cmd, &usage); k++)
				add_word(c, cmd, strlen(cmd));
		}
		return;
	}
	if (!command_usage(w[i], &u))
		return;
	if (++i < n - 1 && has_sub(&u, w[i]))
		sub = w[i++];
	for (; i < n - 1; i++) {
		if (pending != NULL) {
			if (strcmp(pending, "l1") == 0)
				c->scope.l1 = w[i];
			pending = NULL;
		} else if (strncmp(w[i], "--l1=", 5) == 0) {
			c->scope.l1 = w[i] + 5;
		} else if (strncmp(w[i], "--", 2) == 0 && w[i][2] != '\0') {
			if (strchr(w[i], '=') == NULL &&
			    takes_value(&u, sub, option_name(w[i], name,
							      sizeof name)))
				pending = w[i] + 2;
		} else if (w[i][0] != '-' || w[i][1] == '\0') {
			if (pos < MAX_POSITIONAL)
				positional[pos] = w[i];
			pos++;
		}
	}
	for (int f = 0; f < u.nforms; f++)
		if (form_is(&u.forms[f], sub))
			scope_by_words(c, &u.forms[f], positional,
				       pos < MAX_POSITIONAL ? pos : MAX_POSITIONAL);
	/* L2s that fit: a declaration's are No Intent's, a status's its L1's */
	if (strcmp(u.cmd, "declare") == 0 || strcmp(u.cmd, "no-intent") == 0)
		c->scope.l1 = "no-intent";
	if (strcmp(u.cmd, "status") == 0)
		c->skip = "no-intent";	/* only 'declare' reaches No Intent */
	if (pending != NULL) {
		add_option_values(c, &u, sub, pending);
	} else if (strncmp(cur, "--", 2) == 0 && strchr(cur, '=') != NULL) {
		c->prefix = strchr(cur, '=') + 1;
		add_option_values(c, &u, sub, option_name(cur, name, sizeof name));
	} else if (*cur == '-') {
		/* the options of the form typed: "actions" has not "actions
		 * done"'s --subscription */
		for (int f = 0; f < u.nforms; f++)
			if (form_is(&u.forms[f], sub))
				add_options(c, u.forms[f].text);
	} else {
		for (int f = 0; f < u.nforms; f++) {
			struct span tok;

			if (sub == NULL && pos == 0 && u.forms[f].sub.n > 0)
				add_word(c, u.forms[f].sub.s, u.forms[f].sub.n);
			if (form_is(&u.forms[f], sub) &&
			    form_positional(&u.forms[f], pos, &tok))
				add_alternatives(c, tok, &u, &u.forms[f]);
		}
	}
}

/* An ft_row_fn printing the candidate unless it is arg (a code to skip). */
static int print_candidate(void *arg, int ncol, const char *const *names,
			   const char *const *values)
{
	const char *skip = arg;

	if (values[0] != NULL && (skip == NULL || strcmp(values[0], skip) != 0))
		printf("%s\n", values[0]);
	return FT_OK;
}

/* Prints the names and codes of c's kinds, from the database at db (the
 * --db path, or NULL for the usual place); codes from an in-memory
 * database when that one cannot be opened. Says nothing on failure. */
static void print_kinds(struct app *app, struct cands *c, const char *db)
{
	unsigned codes = K_L1 | K_L2 | K_ROLES;
	char err[1100], *path;
	struct ft *ft = NULL;

	if ((c->kinds & ~K_FILES) == 0)
		return;
	if ((path = ft_db_path(db)) != NULL) {
		ft_open(&ft, path, 0, app->busy_timeout_ms, err, sizeof err);
		free(path);
	}
	if (ft == NULL && (c->kinds & codes))
		ft_open(&ft, NULL, FT_OPEN_MEMORY, 0, err, sizeof err);
	if (ft == NULL)
		return;
	for (int k = FT_CAND_CUSTOMERS; k <= FT_CAND_CHANGESETS; k++)
		if (c->kinds & (1u << k))
			ft_candidates(ft, (enum ft_candidate_kind)k, c->prefix,
				      &c->scope, print_candidate, k == FT_CAND_L1
				      ? (void *)c->skip : NULL);
	ft_close(ft);
}

/* Kinds asked for by name ("customers" ...): their bit, 0 for none. */
static unsigned kind_named(const char *name)
{
	static const struct {
		const char *name;
		unsigned kind;
	} kinds[] = {
		{"customers", K_CUSTOMERS}, {"workloads", K_WORKLOADS},
		{"users", K_USERS}, {"subscriptions", K_SUBSCRIPTIONS},
		{"l1", K_L1}, {"l2", K_L2}, {"roles", K_ROLES},
	};

	for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
		if (strcmp(name, kinds[i].name) == 0)
			return kinds[i].kind;
	return 0;
}

int cmd_complete(int argc, char **argv, struct app *app)
{
	struct cands c = {.prefix = ""};
	const char *kind = argc > 1 ? argv[1] : "", *db = app->db_flag;
	struct usage u;
	char cmd[64];

	if (strcmp(kind, "line") == 0 && argc > 3 && strcmp(argv[2], "--") == 0) {
		complete_line(argc - 3, argv + 3, &c, &db);
		printf("%s\n", c.kinds & K_FILES ? "files" : "words");
	} else if (strcmp(kind, "commands") == 0) {
		const char *name, *usage;

		c.prefix = argc > 2 ? argv[2] : "";
		for (size_t i = 0; cli_command_at(i, &name, &usage); i++)
			add_word(&c, name, strlen(name));
	} else if ((strcmp(kind, "subcommands") == 0 ||
		    strcmp(kind, "options") == 0) && argc > 2) {
		/* the command may be "customer add" */
		const char *sub = strchr(argv[2], ' ');

		snprintf(cmd, sizeof cmd, "%.*s", sub ? (int)(sub - argv[2])
			 : (int)strlen(argv[2]), argv[2]);
		c.prefix = argc > 3 ? argv[3] : "";
		if (command_usage(cmd, &u))
			for (int f = 0; f < u.nforms; f++) {
				if (kind[0] == 's' && u.forms[f].sub.n > 0)
					add_word(&c, u.forms[f].sub.s,
						 u.forms[f].sub.n);
				if (kind[0] == 'o' && form_is(&u.forms[f],
							       sub ? sub + 1 : NULL))
					add_options(&c, u.forms[f].text);
			}
	} else if (strcmp(kind, "values") == 0 && argc > 3) {
		c.prefix = argc > 4 ? argv[4] : "";
		if (argv[2][0] == '\0')
			global_usage(&u);
		if (argv[2][0] == '\0' || command_usage(argv[2], &u))
			add_option_values(&c, &u, NULL, argv[3] +
					  2 * (strncmp(argv[3], "--", 2) == 0));
	} else if ((c.kinds = kind_named(kind)) != 0) {
		c.prefix = argc > 2 ? argv[2] : "";
		c.scope.l1 = c.kinds == K_L2 && argc > 3 ? argv[3] : NULL;
	}
	for (size_t i = 0; i < c.n; i++) {
		if (!c.failed)
			printf("%s\n", c.words[i]);
		free(c.words[i]);
	}
	free(c.words);
	print_kinds(app, &c, db);
	return FT_OK;
}
