/* verify's check of the No Intent summaries that the entitlement triggers
 * of migration 0023 keep: each table against a recount, the first row
 * that differs named (a row missing on either side counts as zeros). The
 * services are recounted from the entitlements, their L2s from the No
 * Intent entitlements; the accounts, once the services are known to hold,
 * from the services. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "no_intent_summary.h"
#include "ftrack/text.h"

/* The names of a service's customer and workload, by id when gone. */
#define NAMES(v) "coalesce(c.name, '#' || CAST(" v ".customer_id AS TEXT)), " \
	"coalesce(w.name, '#' || CAST(" v ".workload_id AS TEXT))"
#define NAMES_FROM(v) " LEFT JOIN customer c ON c.id = " v ".customer_id " \
	"LEFT JOIN workload w ON w.id = " v ".workload_id"

/* customer, workload, the summary's counted and no_intent, the recount's */
static const char SERVICES_SQL[] =
	"WITH r AS (SELECT s.customer_id AS customer_id, e.workload_id AS "
	"workload_id, count(*) AS counted, sum(CASE WHEN e.l1 = 'no_intent' "
	"THEN 1 ELSE 0 END) AS no_intent FROM entitlement e JOIN subscription s "
	"ON s.id = e.subscription_id WHERE e.l1 <> 'duplicate_invalid' "
	"GROUP BY s.customer_id, e.workload_id), "
	"d AS (SELECT r.customer_id, r.workload_id, coalesce(v.counted, 0) "
	"AS have_counted, coalesce(v.no_intent, 0) AS have_ni, r.counted, "
	"r.no_intent FROM r LEFT JOIN no_intent_service v ON v.customer_id = "
	"r.customer_id AND v.workload_id = r.workload_id WHERE v.counted IS "
	"NULL OR v.counted <> r.counted OR v.no_intent <> r.no_intent "
	"UNION ALL SELECT v.customer_id, v.workload_id, v.counted, "
	"v.no_intent, 0, 0 FROM no_intent_service v WHERE NOT EXISTS (SELECT 1 "
	"FROM r WHERE r.customer_id = v.customer_id AND r.workload_id = "
	"v.workload_id)) "
	"SELECT " NAMES("d") ", d.have_counted, d.have_ni, d.counted, "
	"d.no_intent FROM d" NAMES_FROM("d") " ORDER BY d.customer_id, "
	"d.workload_id";

/* customer, workload, l2, the summary's entitlements and first
 * subscription, the recount's */
static const char L2S_SQL[] =
	"WITH r AS (SELECT s.customer_id AS customer_id, e.workload_id AS "
	"workload_id, e.l2 AS l2, count(*) AS entitlements, min(s.id) AS "
	"first_subscription FROM entitlement e JOIN subscription s ON s.id = "
	"e.subscription_id WHERE e.l1 = 'no_intent' AND e.l2 IS NOT NULL "
	"GROUP BY s.customer_id, e.workload_id, e.l2), "
	"d AS (SELECT r.customer_id, r.workload_id, r.l2, "
	"coalesce(v.entitlements, 0) AS have_n, coalesce(v.first_subscription, "
	"0) AS have_first, r.entitlements, r.first_subscription FROM r LEFT "
	"JOIN no_intent_l2 v ON v.customer_id = r.customer_id AND "
	"v.workload_id = r.workload_id AND v.l2 = r.l2 WHERE v.entitlements "
	"IS NULL OR v.entitlements <> r.entitlements OR v.first_subscription "
	"<> r.first_subscription UNION ALL SELECT v.customer_id, "
	"v.workload_id, v.l2, v.entitlements, v.first_subscription, 0, 0 "
	"FROM no_intent_l2 v WHERE NOT EXISTS (SELECT 1 FROM r WHERE "
	"r.customer_id = v.customer_id AND r.workload_id = v.workload_id AND "
	"r.l2 = v.l2)) "
	"SELECT " NAMES("d") ", d.l2, d.have_n, d.have_first, d.entitlements, "
	"d.first_subscription FROM d" NAMES_FROM("d") " ORDER BY "
	"d.customer_id, d.workload_id, d.l2";

/* customer, the summary's services and no_intent, the recount's */
static const char ACCOUNTS_SQL[] =
	"WITH r AS (SELECT customer_id, count(*) AS services, sum(CASE WHEN "
	"no_intent > 0 THEN 1 ELSE 0 END) AS no_intent FROM no_intent_service "
	"GROUP BY customer_id), "
	"d AS (SELECT r.customer_id, coalesce(a.services, 0) AS have_services, "
	"coalesce(a.no_intent, 0) AS have_ni, r.services, r.no_intent FROM r "
	"LEFT JOIN no_intent_account a ON a.customer_id = r.customer_id WHERE "
	"a.services IS NULL OR a.services <> r.services OR a.no_intent <> "
	"r.no_intent UNION ALL SELECT a.customer_id, a.services, a.no_intent, "
	"0, 0 FROM no_intent_account a WHERE NOT EXISTS (SELECT 1 FROM r WHERE "
	"r.customer_id = a.customer_id)) "
	"SELECT coalesce(c.name, '#' || CAST(d.customer_id AS TEXT)), "
	"d.have_services, d.have_ni, d.services, d.no_intent FROM d LEFT JOIN "
	"customer c ON c.id = d.customer_id ORDER BY d.customer_id";

/* The JSON of no_intent_shown rows: arrays of strings and nulls. */
static const char *skip_blanks(const char *p)
{
	while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
		p++;
	return p;
}

static int hex4(const char *p)
{
	int v = 0;

	for (int i = 0; i < 4; i++) {
		int c = p[i], d = c >= '0' && c <= '9' ? c - '0'
			: c >= 'a' && c <= 'f' ? c - 'a' + 10
			: c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;

		if (d < 0)
			return -1;
		v = 16 * v + d;
	}
	return v;
}

/* Writes code point cp as UTF-8 at *out, moving it on. */
static void put_utf8(char **out, long cp)
{
	unsigned char *o = (unsigned char *)*out;

	if (cp < 0x80) {
		*o++ = (unsigned char)cp;
	} else if (cp < 0x800) {
		*o++ = (unsigned char)(0xC0 | cp >> 6);
		*o++ = (unsigned char)(0x80 | (cp & 0x3F));
	} else if (cp < 0x10000) {
		*o++ = (unsigned char)(0xE0 | cp >> 12);
		*o++ = (unsigned char)(0x80 | (cp >> 6 & 0x3F));
		*o++ = (unsigned char)(0x80 | (cp & 0x3F));
	} else {
		*o++ = (unsigned char)(0xF0 | cp >> 18);
		*o++ = (unsigned char)(0x80 | (cp >> 12 & 0x3F));
		*o++ = (unsigned char)(0x80 | (cp >> 6 & 0x3F));
		*o++ = (unsigned char)(0x80 | (cp & 0x3F));
	}
	*out = (char *)o;
}

/* Reads the JSON string or null at *p into *out (its text written at
 * *buf, which moves on; NULL for null); NULL when malformed, else past
 * it. A string's text is never longer than its JSON. */
static const char *shown_value(const char *p, char **buf, const char **out)
{
	char *o = *buf;

	p = skip_blanks(p);
	if (strncmp(p, "null", 4) == 0) {
		*out = NULL;
		return p + 4;
	}
	if (*p++ != '"')
		return NULL;
	*out = o;
	while (*p != '"') {
		long cp, lo;

		if (*p == '\0')
			return NULL;
		if (*p != '\\') {
			*o++ = *p++;
			continue;
		}
		switch (p[1]) {
		case '"': case '\\': case '/': *o++ = p[1]; p += 2; continue;
		case 'b': *o++ = '\b'; p += 2; continue;
		case 'f': *o++ = '\f'; p += 2; continue;
		case 'n': *o++ = '\n'; p += 2; continue;
		case 'r': *o++ = '\r'; p += 2; continue;
		case 't': *o++ = '\t'; p += 2; continue;
		case 'u': break;
		default: return NULL;
		}
		if ((cp = hex4(p + 2)) < 0)
			return NULL;
		p += 6;
		/* a surrogate pair: one code point */
		if (cp >= 0xD800 && cp < 0xDC00 && p[0] == '\\' && p[1] == 'u' &&
		    (lo = hex4(p + 2)) >= 0xDC00 && lo < 0xE000) {
			cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
			p += 6;
		}
		put_utf8(&o, cp);
	}
	*o++ = '\0';
	*buf = o;
	return p + 1;
}

int no_intent_shown_each(const char *json,
			 bool (*fn)(void *arg, const char *const *v),
			 void *arg)
{
	char *text, *buf;
	const char *p = skip_blanks(json ? json : "");
	int rc = 1;

	if (*p++ != '[')
		return 0;
	if (*(p = skip_blanks(p)) == ']')
		return *skip_blanks(p + 1) == '\0';
	if ((text = malloc(strlen(p) + 1)) == NULL)
		return -1;
	while (rc == 1) {
		const char *v[SHOWN_FIELDS];

		buf = text;
		if (*p++ != '[') {
			rc = 0;
			break;
		}
		for (int i = 0; i < SHOWN_FIELDS && p != NULL; i++) {
			p = shown_value(p, &buf, &v[i]);
			if (p != NULL)
				p = skip_blanks(p);
			if (p != NULL && *p++ != (i + 1 < SHOWN_FIELDS ? ','
						  : ']'))
				p = NULL;
		}
		if (p == NULL) {
			rc = 0;
			break;
		}
		if (!fn(arg, v))
			rc = -1;
		p = skip_blanks(p);
		if (*p == ']')
			break;
		/* (not past the end of a row cut short) */
		if (*p != ',') {
			rc = 0;
			break;
		}
		p = skip_blanks(p + 1);
	}
	if (rc == 1 && *skip_blanks(p + 1) != '\0')
		rc = 0;
	free(text);
	return rc;
}

/* Steps st to its first row: 1 when there is one, 0 when none, -1 on
 * error. */
static int first_row(struct ft *ft, struct db_stmt *st)
{
	int step = db_step(ft, st);

	return step == DB_ROW ? 1 : step == DB_DONE ? 0 : -1;
}

/* Each service's customer name and No Intent entitlements as
 * no_intent_shown keeps them, and as they are, both in the table's key
 * order (the latter in entitlement order within a service). */
static const char SHOWN_SQL[] =
	"SELECT workload_id, customer_id, customer, entitlements "
	"FROM no_intent_shown ORDER BY workload_id, customer_id";
static const char SHOWN_RECOUNT_SQL[] =
	"SELECT e.workload_id, s.customer_id, c.name, s.code, e.l2, e.l3, "
	"e.notes, d.at, d.who, d.validated_with, e.next_action "
	"FROM subscription s CROSS JOIN entitlement e "
	"JOIN customer c ON c.id = s.customer_id "
	"LEFT JOIN declaration d ON d.id = e.declaration_id "
	"WHERE e.subscription_id = s.id AND e.l1 = 'no_intent' "
	"ORDER BY e.workload_id, s.customer_id, e.id";

/* One no_intent_shown row read: its entitlements' values, one string
 * each ("\x01" for NULL, which no value holds: a value cannot hold a
 * control character but a line break or tab). */
struct shown_row {
	char **v;
	size_t n, cap;		/* values */
};

static bool shown_row_add(void *arg, const char *const *v)
{
	struct shown_row *r = arg;

	if (r->n + SHOWN_FIELDS > r->cap) {
		size_t cap = r->cap ? 2 * r->cap : 4 * SHOWN_FIELDS;
		char **grown = realloc(r->v, cap * sizeof *grown);

		if (grown == NULL)
			return false;
		r->v = grown;
		r->cap = cap;
	}
	for (int i = 0; i < SHOWN_FIELDS; i++)
		if ((r->v[r->n++] = strdup(v[i] ? v[i] : "\x01")) == NULL)
			return false;
	return true;
}

static void shown_row_clear(struct shown_row *r)
{
	for (size_t i = 0; i < r->n; i++)
		free(r->v[i]);
	r->n = 0;
}

/* The names of service customer_id x workload_id into customer and
 * workload, by id when gone. */
static void service_names(struct ft *ft, int64_t customer_id,
			  int64_t workload_id, char *customer,
			  char *workload, size_t size)
{
	struct db_stmt *st = NULL;

	snprintf(customer, size, "#%lld", (long long)customer_id);
	snprintf(workload, size, "#%lld", (long long)workload_id);
	if (db_prepare(ft, &st, "SELECT (SELECT name FROM customer WHERE id "
		       "= :customer), (SELECT name FROM workload WHERE id = "
		       ":workload)") != FT_OK)
		return;
	db_bind_int(ft, st, ":customer", customer_id);
	db_bind_int(ft, st, ":workload", workload_id);
	if (db_step(ft, st) == DB_ROW) {
		if (db_col_text(st, 0) != NULL)
			snprintf(customer, size, "%s", db_col_text(st, 0));
		if (db_col_text(st, 1) != NULL)
			snprintf(workload, size, "%s", db_col_text(st, 1));
	}
	db_release(st);
}

/* Fails naming the service and how its row differs: its customer's name
 * (name), else how many entitlements it shows, the first that differs (at,
 * from 0) and how many there are; unreadable when at < 0. */
static int shown_differs(struct ft *ft, int64_t workload_id,
			 int64_t customer_id, const char *name,
			 long long shown, long long at, long long have)
{
	char customer[FT_NAME_MAX + 8], workload[FT_NAME_MAX + 8];

	service_names(ft, customer_id, workload_id, customer, workload,
		      sizeof customer);
	if (name != NULL)
		return ft_fail(ft, FT_DBERR, "the no-intent summary of service "
			       "'%s' x '%s' does not match its entitlements: "
			       "it names the customer '%s'", customer,
			       workload, name);
	if (at < 0)
		return ft_fail(ft, FT_DBERR, "the no-intent summary of service "
			       "'%s' x '%s' does not match its entitlements: "
			       "it is not readable", customer, workload);
	return ft_fail(ft, FT_DBERR, "the no-intent summary of service '%s' x "
		       "'%s' does not match its entitlements: it shows %lld in "
		       "No Intent, the first that differs number %lld, where "
		       "they are %lld", customer, workload, shown, at + 1, have);
}

/* no_intent_shown against the entitlements: one pass over each, in the
 * table's key order (workload, customer). */
static int shown_check(struct ft *ft)
{
	struct db_stmt *kept = NULL, *is = NULL;
	struct shown_row row = {0};
	int rc, k, r;

	if ((rc = db_prepare(ft, &kept, SHOWN_SQL)) != FT_OK)
		return rc;
	if ((rc = db_prepare(ft, &is, SHOWN_RECOUNT_SQL)) != FT_OK) {
		db_release(kept);
		return rc;
	}
	k = db_step(ft, kept);
	r = db_step(ft, is);
	while (rc == FT_OK && k >= 0 && r >= 0 &&
	       (k == DB_ROW || r == DB_ROW)) {
		int64_t kw = k == DB_ROW ? db_col_int(kept, 0) : INT64_MAX;
		int64_t kc = k == DB_ROW ? db_col_int(kept, 1) : INT64_MAX;
		int64_t w = r == DB_ROW ? db_col_int(is, 0) : INT64_MAX;
		int64_t c = r == DB_ROW ? db_col_int(is, 1) : INT64_MAX;
		long long have = 0, differs = -1;
		char *name = NULL;
		bool kept_row = !(w < kw || (w == kw && c < kc)), named = true;
		int read = 1;

		/* a service only one side has: the other shows none */
		if (!kept_row) {
			kw = w;
			kc = c;
		} else {
			read = no_intent_shown_each(db_col_text(kept, 3),
						    shown_row_add, &row);
			name = strdup(db_col_text(kept, 2) ? db_col_text(kept, 2)
				      : "");
			k = db_step(ft, kept);
		}
		if (read < 0 || (kept_row && name == NULL)) {
			free(name);
			rc = ft_fail(ft, FT_DBERR, "out of memory");
			break;
		}
		/* the service's entitlements, each against what the row
		 * shows in its place */
		while (r == DB_ROW && db_col_int(is, 0) == kw &&
		       db_col_int(is, 1) == kc) {
			if (have == 0 && name != NULL)
				named = strcmp(name, db_col_text(is, 2)) == 0;
			for (int i = 0; read == 1 && differs < 0 &&
			     i < SHOWN_FIELDS; i++) {
				const char *v = db_col_text(is, 3 + i);
				size_t at = (size_t)have * SHOWN_FIELDS + (size_t)i;

				if (at >= row.n || strcmp(row.v[at], v ? v
							  : "\x01") != 0)
					differs = have;
			}
			have++;
			r = db_step(ft, is);
		}
		if (read == 0)
			rc = shown_differs(ft, kw, kc, NULL, 0, -1, have);
		else if (differs < 0 && (have == 0 ||
			 (size_t)have * SHOWN_FIELDS != row.n))
			differs = have;
		if (rc == FT_OK && differs >= 0)
			rc = shown_differs(ft, kw, kc, NULL, (long long)(row.n /
					   SHOWN_FIELDS), differs, have);
		else if (rc == FT_OK && !named)
			rc = shown_differs(ft, kw, kc, name, 0, 0, have);
		free(name);
		shown_row_clear(&row);
	}
	if (rc == FT_OK && (k < 0 || r < 0))
		rc = FT_DBERR;
	free(row.v);
	db_release(kept);
	db_release(is);
	return rc;
}

int no_intent_summary_check(struct ft *ft)
{
	struct db_stmt *st = NULL;
	int rc, row;

	if ((rc = db_prepare(ft, &st, SERVICES_SQL)) != FT_OK)
		return rc;
	if ((row = first_row(ft, st)) == 1)
		rc = ft_fail(ft, FT_DBERR, "the no-intent summary of service "
			     "'%s' x '%s' does not match its entitlements: it "
			     "says %lld counted, %lld in No Intent, where they "
			     "are %lld and %lld", db_col_text(st, 0),
			     db_col_text(st, 1), (long long)db_col_int(st, 2),
			     (long long)db_col_int(st, 3),
			     (long long)db_col_int(st, 4),
			     (long long)db_col_int(st, 5));
	db_release(st);
	if (row != 0)
		return row < 0 ? FT_DBERR : rc;

	if ((rc = db_prepare(ft, &st, L2S_SQL)) != FT_OK)
		return rc;
	if ((row = first_row(ft, st)) == 1)
		rc = ft_fail(ft, FT_DBERR, "the no-intent summary of service "
			     "'%s' x '%s', l2 '%s', does not match its "
			     "entitlements: it says %lld from subscription id "
			     "%lld, where they are %lld from id %lld",
			     db_col_text(st, 0), db_col_text(st, 1),
			     db_col_text(st, 2), (long long)db_col_int(st, 3),
			     (long long)db_col_int(st, 4),
			     (long long)db_col_int(st, 5),
			     (long long)db_col_int(st, 6));
	db_release(st);
	if (row != 0)
		return row < 0 ? FT_DBERR : rc;

	if ((rc = db_prepare(ft, &st, ACCOUNTS_SQL)) != FT_OK)
		return rc;
	if ((row = first_row(ft, st)) == 1)
		rc = ft_fail(ft, FT_DBERR, "the no-intent summary of customer "
			     "'%s' does not match its services: it says %lld "
			     "services, %lld in No Intent, where they are %lld "
			     "and %lld", db_col_text(st, 0),
			     (long long)db_col_int(st, 1),
			     (long long)db_col_int(st, 2),
			     (long long)db_col_int(st, 3),
			     (long long)db_col_int(st, 4));
	db_release(st);
	if (row != 0)
		return row < 0 ? FT_DBERR : rc;
	return shown_check(ft);
}
