/* ftrack notify: the 'Notify account team of No Intent' next action (the
 * playbook's scenarios 2 to 4) as a message ready to send — plain text,
 * Markdown or an RFC 5322 file — and, with --done, the action recorded
 * done in the same write transaction as the message is written. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <nettle/sha2.h>

#include "db.h"
#include "lookup.h"
#include "mail.h"
#include "rules_engine.h"
#include "texts.h"
#include "ftrack/notify.h"
#include "ftrack/text.h"

#define WIDTH 72		/* plain text lines, and the mail body's */
#define ACTION "notify_account_team"

/* One No Intent service (customer x workload), its texts in the context's
 * language; NULL for what it has none of. */
struct service {
	int64_t workload_id;
	char *workload, *l2, *meaning, *l3, *notes, *validated;
	char *who, *role, *at, *subscriptions;
	int64_t open;		/* entitlements with the action open */
};

struct notice {
	char customer[FT_NAME_MAX + 1];
	int64_t customer_id;
	struct service *s;
	int n;
};

/* The entitlement with the first declaration (the smallest id, then the
 * entitlement's) gives the service's L2, L3 and notes and who declared it
 * when, as no-intent's "Since"; the entitlements with the action open are
 * counted. With whom it was validated comes from any of them (scenario 5
 * declarations carry it): VALIDATED_SQL. */
static const char SERVICES_SQL[] =
	"SELECT w.id, w.name, tr('l2.' || f.l2), tr('l2_meaning.' || f.l2), "
	"f.l3, f.notes, d.who, tr('role.' || d.role), d.at, f.open "
	"FROM (SELECT e.workload_id AS wid, e.l2, e.l3, e.notes, "
	"e.declaration_id, row_number() OVER (PARTITION BY e.workload_id "
	"ORDER BY e.declaration_id NULLS LAST, e.id) AS rn, "
	"sum(CASE WHEN e.next_action = '" ACTION "' THEN 1 ELSE 0 END) "
	"OVER (PARTITION BY e.workload_id) AS open "
	"FROM entitlement e JOIN subscription s ON s.id = e.subscription_id "
	"WHERE s.customer_id = :customer AND e.l1 = 'no_intent' "
	"AND (CAST(:workload AS BIGINT) IS NULL OR e.workload_id = :workload)) f "
	"JOIN workload w ON w.id = f.wid "
	"LEFT JOIN declaration d ON d.id = f.declaration_id "
	"WHERE f.rn = 1 ORDER BY w.name_key NULLS FIRST, w.id";

/* With whom the service's declarations were validated, each once, in the
 * order of the entitlements that first say it. */
static const char VALIDATED_SQL[] =
	"SELECT tr('validated_with.' || d.validated_with) FROM entitlement e "
	"JOIN subscription s ON s.id = e.subscription_id "
	"JOIN declaration d ON d.id = e.declaration_id "
	"WHERE s.customer_id = :customer AND e.workload_id = :workload "
	"AND e.l1 = 'no_intent' AND d.validated_with IS NOT NULL "
	"GROUP BY d.validated_with ORDER BY min(e.id), d.validated_with";

static const char SUBSCRIPTIONS_SQL[] =
	"SELECT s.code FROM entitlement e "
	"JOIN subscription s ON s.id = e.subscription_id "
	"WHERE s.customer_id = :customer AND e.workload_id = :workload "
	"AND e.l1 = 'no_intent' ORDER BY s.code_key NULLS FIRST, s.id";

static char *dup_col(struct db_stmt *st, int i)
{
	const char *s = db_col_text(st, i);

	return s != NULL ? strdup(s) : NULL;
}

static void service_free(struct service *s)
{
	free(s->workload);
	free(s->l2);
	free(s->meaning);
	free(s->l3);
	free(s->notes);
	free(s->validated);
	free(s->who);
	free(s->role);
	free(s->at);
	free(s->subscriptions);
}

static void notice_free(struct notice *nt)
{
	for (int i = 0; i < nt->n; i++)
		service_free(&nt->s[i]);
	free(nt->s);
}

/* The first column of sql's rows for the service, joined by sep, into
 * *out ("" for none): its subscriptions in No Intent, with whom it was
 * validated. */
static int load_list(struct ft *ft, const char *sql, const char *sep,
		     int64_t customer, const struct service *s, char **out)
{
	struct db_stmt *st = NULL;
	struct strbuf *list = strbuf_new();
	int rc = db_prepare(ft, &st, sql);

	if (rc == FT_OK) {
		db_bind_int(ft, st, ":customer", customer);
		db_bind_int(ft, st, ":workload", s->workload_id);
		while ((rc = db_step(ft, st)) == DB_ROW)
			strbuf_addf(list, "%s%s", strbuf_len(list)
					    ? sep : "", db_col_text(st, 0));
		rc = rc == DB_DONE ? FT_OK : FT_DBERR;
		db_release(st);
	}
	if (rc == FT_OK && strbuf_failed(list))
		rc = ft_fail(ft, FT_DBERR, "out of memory");
	*out = rc == FT_OK ? strdup(strbuf_value(list)
				    ? strbuf_value(list) : "")
			   : NULL;
	free(strbuf_finish(list));
	return rc;
}

/* Reads the customer's No Intent services (of workload_id, when > 0). */
static int load_services(struct ft *ft, struct notice *nt, int64_t workload_id)
{
	struct db_stmt *st = NULL;
	int rc = db_prepare(ft, &st, SERVICES_SQL), step;

	if (rc != FT_OK)
		return rc;
	db_bind_int(ft, st, ":customer", nt->customer_id);
	db_bind_id(ft, st, ":workload", workload_id);
	while ((step = db_step(ft, st)) == DB_ROW) {
		struct service *grown = realloc(nt->s, (size_t)(nt->n + 1) *
						sizeof *grown), *s;

		if (grown == NULL) {
			rc = ft_fail(ft, FT_DBERR, "out of memory");
			break;
		}
		nt->s = grown;
		s = &nt->s[nt->n++];
		*s = (struct service){
			.workload_id = db_col_int(st, 0),
			.workload = dup_col(st, 1), .l2 = dup_col(st, 2),
			.meaning = dup_col(st, 3), .l3 = dup_col(st, 4),
			.notes = dup_col(st, 5), .who = dup_col(st, 6),
			.role = dup_col(st, 7), .at = dup_col(st, 8),
			.open = db_col_int(st, 9)};
	}
	if (rc == FT_OK && step != DB_DONE)
		rc = FT_DBERR;
	db_release(st);
	for (int i = 0; rc == FT_OK && i < nt->n; i++) {
		struct service *s = &nt->s[i];

		rc = load_list(ft, SUBSCRIPTIONS_SQL, ", ", nt->customer_id, s,
			       &s->subscriptions);
		if (rc == FT_OK)
			rc = load_list(ft, VALIDATED_SQL, ",", nt->customer_id,
				       s, &s->validated);
		/* none: NULL, as the group_concat() that gave it was */
		if (rc == FT_OK && s->validated[0] == '\0') {
			free(s->validated);
			s->validated = NULL;
		}
	}
	return rc;
}

/* Appends text wrapped to WIDTH, its continuation lines indented by indent
 * columns; col is where the first word starts. Blanks and line breaks of
 * text separate words. */
static void wrap(struct strbuf *out, const char *text, int indent, int col)
{
	int start = col;

	while (*text) {
		size_t skip = strspn(text, " \t\r\n"), n;
		char *word;
		int w;

		text += skip;
		if ((n = strcspn(text, " \t\r\n")) == 0)
			break;
		if ((word = strndup(text, n)) == NULL)
			break;
		w = text_width(word);
		if (col > start && col + 1 + w > WIDTH) {
			strbuf_addf(out, "\n%*s", indent, "");
			col = start = indent;
		} else if (col > start) {
			strbuf_addch(out, 1, ' ');
			col++;
		}
		strbuf_add(out, word);
		col += w < 0 ? (int)n : w;
		free(word);
		text += n;
	}
}

/* The field rows of a service: label keys and the values. */
enum { FIELDS = 7 };
static const char *const FIELD_KEYS[FIELDS] = {"notify.l2", "notify.meaning",
	"notify.l3", "notify.reason", "notify.validated_with",
	"notify.subscriptions", "notify.declared"};

/* The service's field values (the declaration's "who (role), at" made,
 * to free: values[6]); "(none)" for what it lacks. */
static void field_values(struct ft *ft, const struct service *s,
			 const char *values[FIELDS], char **declared)
{
	const char *none = texts_tr(ft, "notify.none");
	const char *args[3] = {s->who, s->role, s->at};
	const char *no_role[2] = {s->who, s->at};

	/* a declaration made before users were registered has no role */
	*declared = s->who == NULL ? NULL : s->role
		? texts_fill(ft, "notify.declared_value", ft_lang_code(ft), args,
			     3)
		: texts_fill(ft, "notify.declared_value_no_role",
			     ft_lang_code(ft), no_role, 2);
	values[0] = s->l2 ? s->l2 : none;
	values[1] = s->meaning ? s->meaning : values[0];
	values[2] = s->l3 && *s->l3 ? s->l3 : none;
	values[3] = s->notes && *s->notes ? s->notes : none;
	values[4] = s->validated ? s->validated : none;
	values[5] = s->subscriptions && *s->subscriptions ? s->subscriptions
							   : none;
	values[6] = *declared ? *declared : none;
}

/* The paragraph that opens the message. */
static char *intro(struct ft *ft, const struct notice *nt)
{
	char count[24];
	const char *args[2] = {nt->customer, count};

	snprintf(count, sizeof count, "%d", nt->n);
	return texts_fill(ft, "notify.intro", ft_lang_code(ft), args, 2);
}

/* The plain text message; with title, its subject as the first line. */
static void render_text(struct ft *ft, const struct notice *nt,
			const char *subject, bool title, struct strbuf *out)
{
	int pad = 0;
	char *text = intro(ft, nt);

	for (int f = 0; f < FIELDS; f++) {
		int w = text_width(texts_tr(ft, FIELD_KEYS[f]));

		if (w + 5 > pad)
			pad = w + 5;	/* "  " before, ":  " after */
	}
	if (title)
		strbuf_addf(out, "%s\n\n", subject);
	strbuf_addf(out, "%s\n\n", texts_tr(ft, "notify.greeting"));
	wrap(out, text ? text : "", 0, 0);
	strbuf_add(out, "\n");
	free(text);
	for (int i = 0; i < nt->n; i++) {
		const char *values[FIELDS];
		char *declared;

		field_values(ft, &nt->s[i], values, &declared);
		strbuf_add(out, "\n");
		wrap(out, nt->s[i].workload, 0, 0);
		strbuf_add(out, "\n");
		for (int f = 0; f < FIELDS; f++) {
			const char *label = texts_tr(ft, FIELD_KEYS[f]);

			strbuf_addf(out, "  %s:%*s", label,
					    pad - 3 - text_width(label), "");
			wrap(out, values[f], pad, pad);
			strbuf_add(out, "\n");
		}
		free(declared);
	}
	strbuf_addf(out, "\n%s\n%s\n", texts_tr(ft, "notify.closing"),
			    ft_actor(ft));
}

/* Appends text with every character Markdown gives a meaning escaped and
 * its line breaks and tabs made blanks. */
static void md_escape(struct strbuf *out, const char *text)
{
	for (const char *p = text; *p; p++) {
		if (strchr("\\`*_{}[]<>()#+-.!|~&", *p))
			strbuf_addch(out, 1, '\\');
		strbuf_addch(out, 1, strchr("\r\n\t", *p) ? ' ' : *p);
	}
}

static void render_md(struct ft *ft, const struct notice *nt,
		      const char *subject, struct strbuf *out)
{
	char *text = intro(ft, nt);

	strbuf_add(out, "# ");
	md_escape(out, subject);
	strbuf_add(out, "\n\n");
	md_escape(out, texts_tr(ft, "notify.greeting"));
	strbuf_add(out, "\n\n");
	md_escape(out, text ? text : "");
	strbuf_add(out, "\n");
	free(text);
	for (int i = 0; i < nt->n; i++) {
		const char *values[FIELDS];
		char *declared;

		field_values(ft, &nt->s[i], values, &declared);
		strbuf_add(out, "\n## ");
		md_escape(out, nt->s[i].workload);
		strbuf_add(out, "\n\n");
		for (int f = 0; f < FIELDS; f++) {
			strbuf_add(out, "- **");
			md_escape(out, texts_tr(ft, FIELD_KEYS[f]));
			strbuf_add(out, ":** ");
			md_escape(out, values[f]);
			strbuf_add(out, "\n");
		}
		free(declared);
	}
	strbuf_add(out, "\n");
	md_escape(out, texts_tr(ft, "notify.closing"));
	strbuf_add(out, "\\\n");
	md_escape(out, ft_actor(ft));
	strbuf_add(out, "\n");
}

/* The actor's e-mail address into out ("" for none). */
static int actor_email(struct ft *ft, char *out, size_t len)
{
	struct db_stmt *st = NULL;
	int rc = db_prepare(ft, &st, "SELECT email FROM app_user "
			    "WHERE name_key = :key");

	out[0] = '\0';
	if (rc != FT_OK)
		return rc;
	db_bind_key(ft, st, ":key", ft_actor(ft));
	if (db_step(ft, st) == DB_ROW && db_col_text(st, 0) != NULL)
		snprintf(out, len, "%s", db_col_text(st, 0));
	db_release(st);
	return FT_OK;
}

/* Appends "To: name <address>, ..." of the active account team members
 * with an address (folded one a line); warns of those without. */
static int recipients(struct ft *ft, struct strbuf *out)
{
	struct db_stmt *st = NULL;
	int rc = db_prepare(ft, &st, "SELECT name, email FROM app_user "
			    "WHERE role = 'account_team' AND active = 1 "
			    "ORDER BY name_key NULLS FIRST, id"), step;
	long members = 0, without = 0;

	if (rc != FT_OK)
		return rc;
	while ((step = db_step(ft, st)) == DB_ROW) {
		members++;
		if (db_col_text(st, 1) == NULL) {
			without++;
			continue;
		}
		strbuf_add(out, members - without == 1 ? "To: "
				      : ",\r\n ");
		mail_header_text(out, db_col_text(st, 0), true);
		strbuf_addf(out, " <%s>", db_col_text(st, 1));
	}
	db_release(st);
	if (step != DB_DONE)
		return FT_DBERR;
	if (members > without) {
		strbuf_add(out, "\r\n");
	} else {
		rules_warn(ft, "notify_no_recipients", NULL, 0);
	}
	if (without > 0 && members > without) {
		char a[24], b[24];
		const char *args[2] = {a, b};

		snprintf(a, sizeof a, "%ld", without);
		snprintf(b, sizeof b, "%ld", members);
		rules_warn(ft, "notify_no_address", args, 2);
	}
	return FT_OK;
}

/* A Message-ID from the message's content: the same message, the same
 * id. */
static void message_id(struct strbuf *out, const char *head, const char *body,
		       const char *from)
{
	struct sha256_ctx ctx;
	uint8_t digest[SHA256_DIGEST_SIZE];
	const char *at = strchr(from, '@');

	sha256_init(&ctx);
	sha256_update(&ctx, strlen(head), (const uint8_t *)head);
	sha256_update(&ctx, strlen(body), (const uint8_t *)body);
	sha256_digest(&ctx, sizeof digest, digest);
	strbuf_add(out, "Message-ID: <");
	for (int i = 0; i < 16; i++)
		strbuf_addf(out, "%02x", digest[i]);
	strbuf_addf(out, ".ftrack@%s>\r\n", at ? at + 1
			    : "ftrack.invalid");
}

/* The RFC 5322 message: headers, then the plain text body
 * quoted-printable. */
static int render_eml(struct ft *ft, const struct notice *nt,
		      const char *subject, struct strbuf *out)
{
	struct strbuf *body = strbuf_new(), *qp = strbuf_new();
	char from[256], clock[21];
	int rc = actor_email(ft, from, sizeof from);

	if (rc == FT_OK && from[0]) {
		strbuf_add(out, "From: ");
		mail_header_text(out, ft_actor(ft), true);
		strbuf_addf(out, " <%s>\r\n", from);
	} else if (rc == FT_OK) {
		const char *args[1] = {ft_actor(ft)};

		rules_warn(ft, "notify_no_sender", args, 1);
	}
	if (rc == FT_OK)
		rc = recipients(ft, out);
	if (rc == FT_OK) {
		strbuf_add(out, "Subject: ");
		mail_header_text(out, subject, false);
		strbuf_add(out, "\r\nDate: ");
		if (!mail_date(out, ft_clock(ft, clock)))
			rc = ft_fail(ft, FT_DBERR, "bad clock '%s'", clock);
	}
	if (rc == FT_OK) {
		strbuf_add(out, "\r\n");
		render_text(ft, nt, subject, false, body);
		mail_quoted_printable(qp, strbuf_value(body)
				      ? strbuf_value(body) : "");
		message_id(out, strbuf_value(out), strbuf_value(qp)
			   ? strbuf_value(qp) : "", from);
		strbuf_addf(out, "MIME-Version: 1.0\r\n"
				    "Content-Type: text/plain; charset=UTF-8"
				    "\r\nContent-Transfer-Encoding: "
				    "quoted-printable\r\nContent-Language: %s"
				    "\r\nX-Unsent: 1\r\n\r\n%s",
				    ft_lang_code(ft), strbuf_value(qp)
				    ? strbuf_value(qp) : "");
	}
	free(strbuf_finish(body));
	free(strbuf_finish(qp));
	return rc;
}

/* Records the open actions of the services done; warns of those without
 * one, refuses when none has one. */
static int record_done(struct ft *ft, const struct notice *nt)
{
	char label[128];
	int open = 0, rc = FT_OK;

	for (int i = 0; i < nt->n; i++)
		open += nt->s[i].open > 0;
	snprintf(label, sizeof label, "%s",
		 texts_tr(ft, "next_action." ACTION));
	if (open == 0)
		return nt->n == 1
			? ft_fail(ft, FT_REFUSED, "'%s' / '%s' has no open next "
				  "action '%s' to record done", nt->customer,
				  nt->s[0].workload, label)
			: ft_fail(ft, FT_REFUSED, "'%s' has no open next action "
				  "'%s' to record done", nt->customer, label);
	for (int i = 0; rc == FT_OK && i < nt->n; i++) {
		const char *args[3] = {nt->customer, nt->s[i].workload, label};

		if (nt->s[i].open > 0)
			rc = rules_action_done(ft, nt->customer,
					       nt->s[i].workload, NULL, ACTION);
		else
			rules_warn(ft, "notify_not_open", args, 3);
	}
	return rc;
}

/* Finds the customer and reads its services; refuses when none is in No
 * Intent. */
static int load_notice(struct ft *ft, const struct ft_notify_request *req,
		       struct notice *nt)
{
	char wname[FT_NAME_MAX + 1] = "";
	int64_t wid = 0;
	int rc = lookup_id(ft, LOOKUP_CUSTOMER, req->customer,
			   &nt->customer_id, nt->customer);

	if (rc == FT_OK && req->workload != NULL)
		rc = lookup_id(ft, LOOKUP_WORKLOAD, req->workload, &wid, wname);
	if (rc == FT_OK)
		rc = load_services(ft, nt, wid);
	if (rc == FT_OK && nt->n == 0)
		rc = wname[0]
			? ft_fail(ft, FT_REFUSED, "'%s' / '%s' is not in No "
				  "Intent (see 'ftrack no-intent --customer "
				  "%s')", nt->customer, wname, nt->customer)
			: ft_fail(ft, FT_REFUSED, "customer '%s' has no service "
				  "in No Intent", nt->customer);
	return rc;
}

int ft_notify(struct ft *ft, const struct ft_notify_request *req,
	      ft_notify_write_fn write, void *arg)
{
	struct notice nt = {0};
	struct strbuf *out = strbuf_new();
	const char *args[1];
	char *subject = NULL;
	int rc = req->done ? db_begin_write(ft) : FT_OK;
	bool writing = req->done && rc == FT_OK;

	if (rc == FT_OK)
		rc = load_notice(ft, req, &nt);
	if (rc == FT_OK) {
		args[0] = nt.customer;
		subject = texts_fill(ft, "notify.subject", ft_lang_code(ft),
				     args, 1);
		if (subject == NULL)
			rc = ft_fail(ft, FT_DBERR, "out of memory");
	}
	if (rc == FT_OK && req->format == FT_NOTIFY_EML)
		rc = render_eml(ft, &nt, subject, out);
	else if (rc == FT_OK && req->format == FT_NOTIFY_MD)
		render_md(ft, &nt, subject, out);
	else if (rc == FT_OK)
		render_text(ft, &nt, subject, true, out);
	if (rc == FT_OK && strbuf_failed(out))
		rc = ft_fail(ft, FT_DBERR, "out of memory");
	if (rc == FT_OK && req->done)
		rc = record_done(ft, &nt);
	/* the message is out before the commit: a failed write records
	 * nothing */
	if (rc == FT_OK)
		rc = write(arg, strbuf_value(out) ? strbuf_value(out)
			   : "", (size_t)strbuf_len(out));
	if (writing)
		rc = db_end_write(ft, rc);
	free(strbuf_finish(out));
	free(subject);
	notice_free(&nt);
	return rc;
}
