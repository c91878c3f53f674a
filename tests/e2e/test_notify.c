/* ftrack notify through the binary: the 'Notify account team of No Intent'
 * message as plain text, Markdown and an RFC 5322 file (CRLF, encoded
 * words, a quoted-printable body that decodes back to the text), in both
 * languages, on the fixed clock; --done recording the action in the same
 * step, refused for who may not update and when the message cannot be
 * written; users' e-mail addresses checked, audited and reverted. */
#include <stdlib.h>
#include "run.h"

/* Ana (assignment FM, with an address); the account team: Tom and Zoë
 * Núñez with addresses, Pat without, Old deactivated. Contoso's Yammer
 * (SUB-1, SUB-2) declared No Intent; its Intune is not. Fabrikam has
 * nothing in No Intent. Commands run as Ana. */
static void team(void)
{
	ftrack(0, "init");
	ftrack(0, "user", "add", "Ana", "--role", "assignment-fm", "--email",
	       "ana@partner.example");
	setenv("FTRACK_USER", "Ana", 1);
	ftrack(0, "user", "add", "Tom", "--role", "account-team", "--email",
	       "tom@contoso.example");
	ftrack(0, "user", "add", "Zoë Núñez", "--role", "account-team",
	       "--email", "zoe@contoso.example");
	ftrack(0, "user", "add", "Pat", "--role", "account-team");
	ftrack(0, "user", "add", "Old", "--role", "account-team", "--email",
	       "old@contoso.example");
	ftrack(0, "user", "deactivate", "Old");
	ftrack(0, "customer", "add", "Contoso");
	ftrack(0, "customer", "add", "Fabrikam");
	ftrack(0, "subscription", "add", "Contoso", "SUB-1", "--workload",
	       "Yammer", "--workload", "Intune");
	ftrack(0, "subscription", "add", "Contoso", "SUB-2", "--workload",
	       "Yammer");
	ftrack(0, "subscription", "add", "Fabrikam", "FAB-1", "--workload",
	       "Yammer");
	ftrack(0, "declare", "Contoso", "Yammer", "--no-intent", "--l2",
	       "competitive-solution", "--l3", "Slack", "--notes",
	       "Customer does not have intent to use the service because of "
	       "Slack and its *bots*, which [every] team relies on.",
	       "--validated-with", "customer");
}

static const char TEXT_EN[] =
	"No Intent: Contoso\n"
	"\n"
	"Hello account team,\n"
	"\n"
	"The customer Contoso has declared No Intent for the services below: it\n"
	"does not intend to deploy them, now or in the future (FastTrack partner\n"
	"playbook, No Intent). Number of services: 1.\n"
	"\n"
	"Yammer\n"
	"  L2:              Using Competitive Solution\n"
	"  Meaning:         a competitor's product does the job\n"
	"  L3:              Slack\n"
	"  Reason:          Customer does not have intent to use the service\n"
	"                   because of Slack and its *bots*, which [every] team\n"
	"                   relies on.\n"
	"  Validated with:  Customer\n"
	"  Subscriptions:   SUB-1, SUB-2\n"
	"  Declared by:     Ana (Assignment FM), 2026-03-27T10:00:00Z\n"
	"\n"
	"Regards,\n"
	"Ana\n";

/* Decodes a quoted-printable body: soft line breaks removed, =XX made
 * bytes. A new string. */
static char *qp_decode(const char *in)
{
	size_t n = strlen(in), o = 0;
	char *out = malloc(n + 1);

	assert_non_null(out);
	for (size_t i = 0; i < n; i++) {
		if (in[i] == '=' && in[i + 1] == '\r' && in[i + 2] == '\n') {
			i += 2;
		} else if (in[i] == '=') {
			char hex[3] = {in[i + 1], in[i + 2], 0};

			assert_true(strspn(hex, "0123456789ABCDEF") == 2);
			out[o++] = (char)strtol(hex, NULL, 16);
			i += 2;
		} else {
			out[o++] = in[i];
		}
	}
	out[o] = '\0';
	return out;
}

/* text with each LF made CRLF, a new string. */
static char *crlf(const char *text)
{
	char *out = malloc(2 * strlen(text) + 1), *p = out;

	assert_non_null(out);
	for (; *text; text++) {
		if (*text == '\n')
			*p++ = '\r';
		*p++ = *text;
	}
	*p = '\0';
	return out;
}

/* Checks that every line of msg ends with CRLF and is at most max bytes
 * long (the CRLF aside). */
static void lines_crlf(const char *msg, size_t max)
{
	for (const char *p = msg; *p;) {
		const char *lf = strchr(p, '\n');

		assert_non_null(lf);
		assert_true(lf > p ? lf[-1] == '\r' : false);
		if ((size_t)(lf - p - 1) > max)
			fail_msg("line longer than %zu: %.*s", max,
				 (int)(lf - p), p);
		p = lf + 1;
	}
}

static void text__every_field_of_the_service_on_a_fixed_clock(void **state)
{
	team();
	expect_out(TEXT_EN, "notify", "Contoso");
	expect_out(TEXT_EN, "notify", "contoso", "yammer", "--format", "text");
}

static void md__headings_lists_and_the_users_text_escaped(void **state)
{
	struct run r;

	team();
	r = ftrack(0, "notify", "Contoso", "--format", "md");
	assert_non_null(strstr(r.out, "# No Intent: Contoso\n\nHello account "
			       "team,\n"));
	assert_non_null(strstr(r.out, "\n## Yammer\n\n- **L2:** Using "
			       "Competitive Solution\n- **Meaning:** a "
			       "competitor's product does the job\n- **L3:** "
			       "Slack\n"));
	assert_non_null(strstr(r.out, "its \\*bots\\*, which \\[every\\] "
			       "team relies on\\.\n"));
	assert_non_null(strstr(r.out, "- **Subscriptions:** SUB\\-1, SUB\\-2\n"
			       "- **Declared by:** Ana \\(Assignment FM\\), "
			       "2026\\-03\\-27T10:00:00Z\n\nRegards,\\\nAna\n"));
	run_free(&r);
}

static void eml__headers_crlf_and_a_body_that_decodes_to_the_text(void **state)
{
	struct run r;
	const char *body;
	char *decoded, *want;

	team();
	r = ftrack(0, "notify", "Contoso", "--format", "eml");
	lines_crlf(r.out, 76);
	/* the deactivated member is not a recipient, Pat has no address */
	assert_non_null(strstr(r.out,
		"From: \"Ana\" <ana@partner.example>\r\n"
		"To: \"Tom\" <tom@contoso.example>,\r\n"
		" =?UTF-8?B?Wm/DqyBOw7rDsWV6?= <zoe@contoso.example>\r\n"
		"Subject: No Intent: Contoso\r\n"
		"Date: Fri, 27 Mar 2026 10:00:00 +0000\r\n"
		"Message-ID: <"));
	assert_null(strstr(r.out, "old@"));
	assert_non_null(strstr(r.out, ".ftrack@partner.example>\r\n"
		"MIME-Version: 1.0\r\n"
		"Content-Type: text/plain; charset=UTF-8\r\n"
		"Content-Transfer-Encoding: quoted-printable\r\n"));
	assert_string_equal(r.err, "ftrack: warning: 1 of 3 active account "
			    "team members have no e-mail address ('ftrack user "
			    "set NAME --email ADDR'); they are not among the "
			    "recipients\n");
	body = strstr(r.out, "\r\n\r\n");
	assert_non_null(body);
	decoded = qp_decode(body + 4);
	/* the text without its title line */
	want = crlf(strstr(TEXT_EN, "Hello"));
	assert_string_equal(decoded, want);
	free(decoded);
	free(want);
	/* the same message, the same Message-ID */
	struct run again = ftrack(0, "notify", "Contoso", "--format", "eml");
	assert_string_equal(again.out, r.out);
	run_free(&again);
	run_free(&r);
}

static void eml__non_ascii_is_encoded_and_long_lines_soft_broken(void **state)
{
	struct run r;
	char *decoded;
	const char *body;

	team();
	r = ftrack(0, "--lang", "es", "notify", "Contoso", "--format", "eml");
	lines_crlf(r.out, 76);
	assert_non_null(strstr(r.out, "\r\nSubject: =?UTF-8?B?Tm8gaW50ZW5jacOz"
			       "bjogQ29udG9zbw==?=\r\n"));
	assert_non_null(strstr(r.out, "Content-Language: es\r\n"));
	body = strstr(r.out, "\r\n\r\n");
	assert_non_null(body);
	/* ó is =C3=B3 in the body, and nothing but ASCII is left */
	assert_non_null(strstr(body, "No intenci=C3=B3n"));
	for (const char *p = r.out; *p; p++)
		assert_true((unsigned char)*p < 0x80);
	decoded = qp_decode(body + 4);
	assert_non_null(strstr(decoded, "Hola, equipo de cuentas:\r\n"));
	assert_non_null(strstr(decoded, "  Significado:    un producto de la "
			       "competencia cumple esa función\r\n"));
	free(decoded);
	assert_non_null(strstr(r.err, "1 de 3 miembros activos del equipo de "
			       "cuentas no tienen"));
	run_free(&r);
	/* a word longer than a line: soft line breaks, and it decodes whole */
	char word[301];
	for (int i = 0; i < 100; i++)
		memcpy(word + 3 * i, i % 2 ? "ñ" "a" : "b=a", 3);
	word[300] = '\0';
	ftrack(0, "declare", "Fabrikam", "Yammer", "--no-intent", "--l2",
	       "microsoft-on-premises", "--notes", word, "--validated-with",
	       "customer");
	r = ftrack(0, "notify", "Fabrikam", "--format", "eml");
	lines_crlf(r.out, 76);
	assert_non_null(strstr(r.out, "=\r\n"));
	decoded = qp_decode(strstr(r.out, "\r\n\r\n") + 4);
	assert_non_null(strstr(decoded, word));
	free(decoded);
	run_free(&r);
}

static void lang_es__the_whole_message_is_spanish(void **state)
{
	static const char *const english[] = {"Hello", "Meaning", "Reason",
		"Validated", "Subscriptions", "Declared", "Regards", "Customer\n",
		"Assignment FM", "services below", NULL};
	struct run r;

	team();
	r = ftrack(0, "--lang", "es", "notify", "Contoso");
	assert_non_null(strstr(r.out, "No intención: Contoso\n\nHola, equipo "
			       "de cuentas:\n\nEl cliente Contoso ha declarado "
			       "No intención"));
	assert_non_null(strstr(r.out, "  L2:             Usar una solución "
			       "competitiva\n"));
	assert_non_null(strstr(r.out, "  Motivo:         Customer does not"));
	assert_non_null(strstr(r.out, "  Validado con:   Cliente\n"
			       "  Suscripciones:  SUB-1, SUB-2\n"
			       "  Declarado por:  Ana (Asignación FM), "
			       "2026-03-27T10:00:00Z\n\nSaludos,\nAna\n"));
	for (int i = 0; english[i]; i++)
		if (strstr(r.out, english[i]) != NULL)
			fail_msg("'%s' left in English: %s", english[i], r.out);
	run_free(&r);
}

static void eml__without_addresses_still_written_and_said(void **state)
{
	struct run r;

	ftrack(0, "init");
	ftrack(0, "user", "add", "Ana", "--role", "assignment-fm");
	setenv("FTRACK_USER", "Ana", 1);
	ftrack(0, "user", "add", "Pat", "--role", "account-team");
	ftrack(0, "customer", "add", "Contoso");
	ftrack(0, "subscription", "add", "Contoso", "SUB-1", "--workload",
	       "Yammer");
	ftrack(0, "declare", "Contoso", "Yammer", "--no-intent", "--l2",
	       "executive-sponsorship", "--notes", "No business sponsor.",
	       "--validated-with", "account-team");
	r = ftrack(0, "notify", "Contoso", "--format", "eml");
	assert_null(strstr(r.out, "To:"));
	assert_null(strstr(r.out, "From:"));
	assert_true(strncmp(r.out, "Subject: No Intent: Contoso\r\n", 29) == 0);
	assert_non_null(strstr(r.out, ".ftrack@ftrack.invalid>\r\n"));
	assert_string_equal(r.err,
		"ftrack: warning: you (Ana) have no e-mail address: the "
		"message has no From: line; your mail program fills it in\n"
		"ftrack: warning: no active account team member has an e-mail "
		"address: the message has no To: line; add the recipients in "
		"your mail program\n");
	run_free(&r);
	/* the L2 meaning and what the service has not (no L3) */
	r = ftrack(0, "notify", "Contoso");
	assert_non_null(strstr(r.out, "  Meaning:         no awareness, "
			       "conviction or sponsorship where\n"
			       "                   decisions are made\n"
			       "  L3:              (none)\n"));
	assert_non_null(strstr(r.out, "  Validated with:  Account Team\n"));
	run_free(&r);
}

static void eml__no_header_can_be_injected(void **state)
{
	static const char *const bad[] = {
		"tom@contoso.example\r\nBcc: spy@evil.example",
		"tom@contoso.example\nBcc: spy@evil.example",
		"\"Tom\" <tom@contoso.example>", "tom@contoso.example, "
		"spy@evil.example", "tom smith@contoso.example",
		"tom@@contoso.example", "tom@contoso", "tóm@contoso.example",
		"tom@-contoso.example", ".tom@contoso.example",
		"tom..x@contoso.example", "tom@contoso..example", "", NULL};
	struct run r;
	char *before, *after;

	team();
	before = db_snapshot();
	for (int i = 0; bad[i]; i++) {
		r = ftrack(1, "user", "set", "Tom", "--email", bad[i]);
		assert_true(strncmp(r.err, "ftrack: invalid e-mail address '",
				    32) == 0);
		assert_null(strchr(r.err, '\r'));
		assert_true(strchr(r.err, '\n') == r.err + r.errlen - 1);
		run_free(&r);
		r = ftrack(1, "user", "add", "Spy", "--role", "account-team",
			   "--email", bad[i]);
		run_free(&r);
	}
	/* a name with CR LF cannot be stored either */
	r = ftrack(1, "user", "add", "Eve\r\nBcc: spy@evil.example", "--role",
		   "account-team", "--email", "eve@evil.example");
	run_free(&r);
	after = db_snapshot();
	assert_string_equal(before, after);
	free(before);
	free(after);
	/* quotes, angle brackets and "=?" in names stay inside the phrase */
	ftrack(0, "user", "add", "Tom \"Boss\" <x@y.z>, Bcc", "--role",
	       "account-team", "--email", "boss@contoso.example");
	ftrack(0, "user", "add", "=?UTF-8?B?QmNj?=", "--role", "account-team",
	       "--email", "w@contoso.example");
	r = ftrack(0, "notify", "Contoso", "--format", "eml");
	assert_non_null(strstr(r.out, "\r\n \"Tom \\\"Boss\\\" <x@y.z>, Bcc\" "
			       "<boss@contoso.example>,\r\n"));
	assert_non_null(strstr(r.out, "To: =?UTF-8?B?PT9VVEYtOD9CP1FtTmo/PQ=="
			       "?= <w@contoso.example>,\r\n"));
	/* every header line is a known header or a continuation */
	for (const char *p = r.out; strncmp(p, "\r\n", 2) != 0;) {
		static const char *const names[] = {"From: ", "To: ", " ",
			"Subject: ", "Date: ", "Message-ID: ", "MIME-Version: ",
			"Content-Type: ", "Content-Transfer-Encoding: ",
			"Content-Language: ", "X-Unsent: ", NULL};
		bool known = false;

		for (int i = 0; names[i]; i++)
			known |= strncmp(p, names[i], strlen(names[i])) == 0;
		if (!known)
			fail_msg("unexpected header line: %.40s", p);
		p = strstr(p, "\r\n") + 2;
	}
	assert_null(strstr(r.out, "\r\nBcc"));
	run_free(&r);
}

/* The newest change set's what, from history's CSV. */
static bool newest_is(const char *what)
{
	struct run r = ftrack(0, "history", "--format", "csv");
	const char *line = strchr(r.out, '\n');
	const char *end = line ? strchr(line + 1, '\n') : NULL;
	bool found = line && end && memmem(line, (size_t)(end - line), what,
					   strlen(what)) != NULL;

	run_free(&r);
	return found;
}

static void done__records_the_action_audited_and_verified(void **state)
{
	char path[200];
	struct run r;

	team();
	snprintf(path, sizeof path, "%s/notice.eml", box.dir);
	r = ftrack(0, "actions", "--customer", "Contoso");
	assert_non_null(strstr(r.out, "Notify account team of No Intent"));
	run_free(&r);
	r = ftrack(0, "notify", "Contoso", "--format", "eml", "--output", path,
		   "--done");
	assert_string_equal(r.out, "next action 'notify account team' of "
			    "'Contoso' recorded done\n");
	run_free(&r);
	assert_int_equal(access(path, F_OK), 0);
	expect_out("(no open next actions)\n", "actions", "--customer",
		   "Contoso");
	assert_true(newest_is("Contoso / Yammer: next action done: Notify "
			      "account team of No Intent"));
	ftrack(0, "verify");
	/* the message still reads; the action is no longer open */
	expect_out(TEXT_EN, "notify", "Contoso");
	expect_err(1, "ftrack: 'Contoso' / 'Yammer' has no open next action "
		   "'Notify account team of No Intent' to record done\n",
		   "notify", "Contoso", "--done");
}

static void done__refused_or_unwritten_records_nothing(void **state)
{
	char path[200], *before, *after;
	struct run r;

	team();
	before = db_snapshot();
	/* the account team reads, but may not update the customer */
	r = ftrack(1, "--as", "Tom", "notify", "Contoso", "--done");
	assert_string_equal(r.out, "");
	assert_non_null(strstr(r.err, "'Tom' is Account Team"));
	run_free(&r);
	r = ftrack(0, "--as", "Tom", "notify", "Contoso");
	assert_memory_equal(r.out, TEXT_EN, strlen(TEXT_EN) - 4);
	assert_string_equal(r.out + strlen(TEXT_EN) - 4, "Tom\n");
	run_free(&r);
	/* a file that cannot be written: nothing recorded */
	snprintf(path, sizeof path, "%s/no/such/dir/notice.txt", box.dir);
	r = ftrack(1, "notify", "Contoso", "--output", path, "--done");
	run_free(&r);
	/* nor one that exists, without --force */
	snprintf(path, sizeof path, "%s/kept.txt", box.dir);
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs("kept\n", f);
	fclose(f);
	r = ftrack(1, "notify", "Contoso", "--output", path, "--done");
	run_free(&r);
	after = db_snapshot();
	assert_string_equal(before, after);
	free(after);
	/* a read-only notify changes nothing either */
	r = ftrack(0, "notify", "Contoso", "--format", "eml");
	run_free(&r);
	after = db_snapshot();
	assert_string_equal(before, after);
	free(before);
	free(after);
	expect_out("next action 'notify account team' of 'Contoso' recorded "
		   "done\n", "notify", "Contoso", "--output", path, "--force",
		   "--done");
	f = fopen(path, "r");
	assert_non_null(f);
	char text[sizeof TEXT_EN + 16] = "";
	size_t got = fread(text, 1, sizeof text - 1, f);
	fclose(f);
	text[got] = '\0';
	assert_string_equal(text, TEXT_EN);
}

static void errors__unknown_or_without_no_intent(void **state)
{
	team();
	expect_err(1, "ftrack: unknown customer 'Nope' (see 'ftrack customer "
		   "list')\n", "notify", "Nope");
	expect_err(1, "ftrack: customer 'Fabrikam' has no service in No "
		   "Intent\n", "notify", "Fabrikam");
	expect_err(1, "ftrack: 'Contoso' / 'Intune' is not in No Intent (see "
		   "'ftrack no-intent --customer Contoso')\n", "notify",
		   "Contoso", "Intune");
	expect_err(2, "ftrack notify: invalid --format 'html' (expected text, "
		   "md or eml) (see 'ftrack notify --help')\n", "notify", "Contoso", "--format", "html");
	struct run r = ftrack(2, "notify", "Contoso", "--force");
	run_free(&r);
}

static void email__set_audited_reverted_and_listed(void **state)
{
	struct run r;
	char id[24];

	team();
	ftrack(0, "user", "set", "Pat", "--email", "pat@contoso.example");
	assert_true(newest_is("user Pat: e-mail address pat@contoso.example"));
	r = ftrack(0, "user", "list", "--format", "json");
	assert_non_null(strstr(r.out, "\"name\":\"Pat\",\"role\":"
			       "\"account_team\",\"active\":true,\"email\":"
			       "\"pat@contoso.example\""));
	run_free(&r);
	expect_err(1, "ftrack: user 'Pat' already has the e-mail address "
		   "'pat@contoso.example'\n", "user", "set", "Pat", "--email",
		   "pat@contoso.example");
	ftrack(0, "verify");
	r = ftrack(0, "notify", "Contoso", "--format", "eml");
	assert_non_null(strstr(r.out, "\"Pat\" <pat@contoso.example>"));
	assert_string_equal(r.err, "");
	run_free(&r);
	/* the account team may not set it */
	expect_err(1, "ftrack: 'Tom' is Account Team, who reads; changing a "
		   "user's e-mail address is for an Assignment FM or a "
		   "Delivery FM\n", "--as", "Tom", "user", "set", "Pat", "--email",
		   "p@contoso.example");
	r = ftrack(0, "history", "--format", "csv");
	snprintf(id, sizeof id, "%ld", strtol(strchr(r.out, '\n') + 1, NULL,
					      10));
	run_free(&r);
	ftrack(0, "revert", id);
	r = ftrack(0, "user", "list", "--format", "json");
	assert_null(strstr(r.out, "pat@contoso.example"));
	run_free(&r);
	ftrack(0, "verify");
}

#define T(f) cmocka_unit_test_setup_teardown(f, sandbox_setup, sandbox_teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(text__every_field_of_the_service_on_a_fixed_clock),
		T(md__headings_lists_and_the_users_text_escaped),
		T(eml__headers_crlf_and_a_body_that_decodes_to_the_text),
		T(eml__non_ascii_is_encoded_and_long_lines_soft_broken),
		T(lang_es__the_whole_message_is_spanish),
		T(eml__without_addresses_still_written_and_said),
		T(eml__no_header_can_be_injected),
		T(done__records_the_action_audited_and_verified),
		T(done__refused_or_unwritten_records_nothing),
		T(errors__unknown_or_without_no_intent),
		T(email__set_audited_reverted_and_listed),
	};

	return cmocka_run_group_tests_name("notify", tests, NULL, NULL);
}
