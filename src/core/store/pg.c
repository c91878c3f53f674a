/* The PostgreSQL driver (libpq): a server shared by a team. Statements are
 * prepared once per connection, their ":name" parameters numbered $1, $2
 * ...; every value travels as text. The one writer lock is a
 * transaction-scoped advisory lock, so that concurrent writers seal the
 * history one after another, never forking the chain. */
#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "driver.h"
#include "migrations.h"
#include "pg.h"
#include "seal.h"

/* pg_advisory_xact_lock's key: "FTRK", as SQLite files carry it. */
#define WRITER_LOCK "1179931211"

enum { MAXPARAM = 64 };

/* The types read by their OIDs (catalog/pg_type.h, fixed since 7.x). */
enum { BOOL_OID = 16, INT8_OID = 20, INT2_OID = 21, INT4_OID = 23 };

struct pg_stmt {
	struct db_stmt base;
	char name[16];		/* the server's name for it: s1, s2 ... */
	int nparam;
	char *params[MAXPARAM];	/* parameter names, without ':' */
	char *values[MAXPARAM];	/* bound values, NULL for NULL */
	int lengths[MAXPARAM], formats[MAXPARAM];
	struct pg_conn *pc;
	/* The rows come one at a time (libpq's single-row mode), so that an
	 * export of a million rows holds one; when another statement must
	 * run first, the rest are read into queue. */
	PGresult *res;		/* the current row, or the end's result */
	int row;		/* the current row of res */
	bool started, ended;
	PGresult **queue;
	size_t nqueue, cap, next;
	unsigned char *bytes;	/* col_bytes()'s last decoding */
};


#define PGS(s) ((struct pg_stmt *)(s))
#define PC(ft) ((struct pg_conn *)(ft)->conn)

/* Keeps res as the connection's last failure (or the connection's own
 * message when there is no result). */
static void keep_failure(struct pg_conn *pc, PGresult *res)
{
	const char *msg = res ? PQresultErrorField(res,
						  PG_DIAG_MESSAGE_PRIMARY)
			      : NULL;
	size_t n;

	PQclear(pc->err);
	pc->err = res;
	snprintf(pc->message, sizeof pc->message, "%s",
		 msg ? msg : PQerrorMessage(pc->conn));
	n = strlen(pc->message);
	while (n > 0 && pc->message[n - 1] == '\n')
		pc->message[--n] = '\0';
}

static void keep_error(struct ft *ft, PGresult *res)
{
	keep_failure(PC(ft), res);
}

/* Whether res is a success; else keeps it as the last failure. */
static bool ok(struct ft *ft, PGresult *res)
{
	ExecStatusType s = res ? PQresultStatus(res) : PGRES_FATAL_ERROR;

	/* (a migration of comments only is an empty query) */
	if (s == PGRES_COMMAND_OK || s == PGRES_TUPLES_OK ||
	    s == PGRES_EMPTY_QUERY)
		return true;
	keep_error(ft, res);
	return false;
}

/* The SQL with each ":name" as "$n" (the same name, the same n), leaving
 * string literals, quoted names and "::" casts alone. */
static char *number_params(struct pg_stmt *s, const char *sql)
{
	struct strbuf *out = strbuf_new();

	for (const char *p = sql; *p;) {
		if (*p == '\'' || *p == '"') {
			const char *end = strchr(p + 1, *p);
			size_t n = end ? (size_t)(end - p) + 1 : strlen(p);

			strbuf_addf(out, "%.*s", (int)n, p);
			p += n;
		} else if (p[0] == ':' && p[1] == ':') {
			strbuf_add(out, "::");
			p += 2;
		} else if (*p == ':' && (p[1] == '_' || (p[1] >= 'a' &&
			   p[1] <= 'z') || (p[1] >= 'A' && p[1] <= 'Z'))) {
			size_t n = strspn(p + 1, "abcdefghijklmnopqrstuvwxyz"
					  "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
					  "0123456789_");
			int i;

			for (i = 0; i < s->nparam; i++)
				if (strlen(s->params[i]) == n &&
				    strncmp(s->params[i], p + 1, n) == 0)
					break;
			if (i == s->nparam) {
				if (i == MAXPARAM || (s->params[i] =
						      strndup(p + 1, n)) == NULL) {
					free(strbuf_finish(out));
					return NULL;
				}
				s->nparam++;
			}
			strbuf_addf(out, "$%d", i + 1);
			p += 1 + n;
		} else {
			strbuf_addch(out, 1, *p++);
		}
	}
	return strbuf_finish(out);
}

/* Reads the results of the statements sent in pipeline mode (db_queue())
 * and leaves the mode. The first failure is kept as the connection's, and
 * sent_failed set, for the next call to report: the write it belongs to
 * fails there, as it would have at once. */
static void collect_sent(struct pg_conn *pc)
{
	int ends = 0;

	if (pc->sent == 0)
		return;
	PQpipelineSync(pc->conn);
	for (;;) {
		PGresult *r = PQgetResult(pc->conn);
		ExecStatusType status;

		if (r == NULL) {
			/* one statement's end; more than one a statement
			 * and the connection is gone */
			if (++ends > pc->sent + 1 ||
			    PQstatus(pc->conn) == CONNECTION_BAD)
				break;
			continue;
		}
		status = PQresultStatus(r);
		if (status == PGRES_PIPELINE_SYNC) {
			PQclear(r);
			break;
		}
		if (status == PGRES_FATAL_ERROR && !pc->sent_failed) {
			keep_failure(pc, r);
			pc->sent_failed = true;
			continue;
		}
		PQclear(r);
	}
	PQexitPipelineMode(pc->conn);
	pc->sent = 0;
}

/* Whether a statement sent in pipeline mode failed (then said once). */
static bool sent_failed(struct pg_conn *pc)
{
	bool failed = pc->sent_failed;

	pc->sent_failed = false;
	return failed;
}

/* Reads the rest of the streaming statement's results into its queue, so
 * that the connection is free for another statement. */
static void drain_stream(struct pg_conn *pc)
{
	struct pg_stmt *s = pc->streaming;
	PGresult *r;

	if (s == NULL)
		return;
	pc->streaming = NULL;
	while ((r = PQgetResult(pc->conn)) != NULL) {
		if (s->nqueue == s->cap) {
			size_t cap = s->cap ? 2 * s->cap : 64;
			PGresult **q = realloc(s->queue, cap * sizeof *q);

			if (q == NULL) {
				PQclear(r);
				continue;	/* lost: the end shows an error */
			}
			s->queue = q;
			s->cap = cap;
		}
		s->queue[s->nqueue++] = r;
	}
}

/* Frees the connection for another statement: the sent ones' results
 * read, the streaming one's rest read ahead. */
static void drain(struct pg_conn *pc)
{
	collect_sent(pc);
	drain_stream(pc);
}

/* Forgets st's results: read ones, queued ones, and those still coming. */
static void clear_results(struct pg_stmt *s)
{
	PGresult *r;

	if (s->pc->streaming == s) {
		s->pc->streaming = NULL;
		while ((r = PQgetResult(s->pc->conn)) != NULL)
			PQclear(r);
	}
	for (size_t i = s->next; i < s->nqueue; i++)
		PQclear(s->queue[i]);
	s->nqueue = s->next = 0;
	PQclear(s->res);
	s->res = NULL;
	s->started = s->ended = false;
}

static void pg_finalize(struct db_stmt *st)
{
	struct pg_stmt *s = PGS(st);

	clear_results(s);
	free(s->queue);
	for (int i = 0; i < s->nparam; i++) {
		free(s->params[i]);
		free(s->values[i]);
	}
	PQfreemem(s->bytes);
	free(s);
}

static int pg_prepare(struct ft *ft, const char *sql, struct db_stmt **out)
{
	struct pg_stmt *s = calloc(1, sizeof *s);
	char *text;
	PGresult *res;

	*out = NULL;
	if (s == NULL)
		return FT_DBERR;
	s->base.drv = &db_pg;
	s->base.sql = sql;
	s->pc = PC(ft);
	drain(s->pc);
	if (sent_failed(s->pc)) {
		pg_finalize(&s->base);
		return FT_DBERR;
	}
	if ((text = number_params(s, sql)) == NULL) {
		keep_error(ft, NULL);
		snprintf(PC(ft)->message, sizeof PC(ft)->message,
			 "out of memory or too many parameters");
		pg_finalize(&s->base);
		return FT_DBERR;
	}
	snprintf(s->name, sizeof s->name, "s%d", ++PC(ft)->nstmt);
	res = PQprepare(PC(ft)->conn, s->name, text, s->nparam, NULL);
	free(text);
	if (!ok(ft, res)) {
		pg_finalize(&s->base);
		return FT_DBERR;
	}
	PQclear(res);
	*out = &s->base;
	return FT_OK;
}

static void pg_reset(struct db_stmt *st)
{
	struct pg_stmt *s = PGS(st);

	clear_results(s);
	for (int i = 0; i < s->nparam; i++) {
		free(s->values[i]);
		s->values[i] = NULL;
	}
}

static int param_index(struct pg_stmt *s, const char *name)
{
	if (*name == ':')
		name++;
	for (int i = 0; i < s->nparam; i++)
		if (strcmp(s->params[i], name) == 0)
			return i;
	return -1;
}

static int pg_bind(struct ft *ft, struct db_stmt *st, const char *name,
		   const char *text, const void *bytes, size_t len)
{
	struct pg_stmt *s = PGS(st);
	int i = param_index(s, name);
	char *value = NULL;

	if (i < 0)
		return -1;
	if (bytes != NULL) {
		/* bytea's text form: \x and two hex digits a byte */
		static const char hex[] = "0123456789abcdef";
		const unsigned char *b = bytes;

		if ((value = malloc(2 * len + 3)) == NULL)
			return -2;
		value[0] = '\\';
		value[1] = 'x';
		for (size_t k = 0; k < len; k++) {
			value[2 + 2 * k] = hex[b[k] >> 4];
			value[3 + 2 * k] = hex[b[k] & 15];
		}
		value[2 + 2 * len] = '\0';
	} else if (text != NULL && (value = strdup(text)) == NULL) {
		return -2;
	}
	free(s->values[i]);
	s->values[i] = value;
	return 0;
}

static int pg_bind_int(struct ft *ft, struct db_stmt *st, const char *name,
		       int64_t value)
{
	char text[24];

	snprintf(text, sizeof text, "%lld", (long long)value);
	return pg_bind(ft, st, name, text, NULL, 0);
}

static bool pg_has_param(struct db_stmt *st, const char *name)
{
	return param_index(PGS(st), name) >= 0;
}

/* The next result of s: queued, else from the server while s streams. */
static PGresult *next_result(struct pg_stmt *s)
{
	if (s->next < s->nqueue)
		return s->queue[s->next++];
	return s->pc->streaming == s ? PQgetResult(s->pc->conn) : NULL;
}

static int pg_step(struct ft *ft, struct db_stmt *st)
{
	struct pg_stmt *s = PGS(st);
	struct pg_conn *pc = PC(ft);
	PGresult *r;

	if (s->ended)
		return DB_DONE;
	if (!s->started) {
		drain(pc);
		if (sent_failed(pc))
			return -1;
		if (!PQsendQueryPrepared(pc->conn, s->name, s->nparam,
					 (const char *const *)s->values, NULL,
					 NULL, 0)) {
			keep_error(ft, NULL);
			return -1;
		}
		PQsetSingleRowMode(pc->conn);
		pc->streaming = s;
		s->started = true;
	}
	PQclear(s->res);
	s->res = NULL;
	s->row = 0;
	if ((r = next_result(s)) != NULL &&
	    PQresultStatus(r) == PGRES_SINGLE_TUPLE) {
		s->res = r;
		return DB_ROW;
	}
	/* the end: its result says how many rows changed, or the error */
	s->ended = true;
	if (r == NULL || !ok(ft, r)) {
		if (r == NULL)
			keep_error(ft, NULL);
		clear_results(s);
		s->ended = true;
		return -1;
	}
	s->res = r;
	/* the NULL that closes the query */
	while ((r = next_result(s)) != NULL)
		PQclear(r);
	if (pc->streaming == s)
		pc->streaming = NULL;
	return DB_DONE;
}

/* Sends st without waiting for its result (libpq's pipeline mode): a
 * command that writes many rows pays one round trip for them, not one a
 * row. Its rows and failures are read at the next call that needs the
 * server's answer (drain()). */
static int pg_queue(struct ft *ft, struct db_stmt *st)
{
	struct pg_stmt *s = PGS(st);
	struct pg_conn *pc = PC(ft);

	drain_stream(pc);
	if (sent_failed(pc))
		return FT_DBERR;
	if (pc->sent == 0 && !PQenterPipelineMode(pc->conn)) {
		keep_error(ft, NULL);
		return FT_DBERR;
	}
	if (!PQsendQueryPrepared(pc->conn, s->name, s->nparam,
				 (const char *const *)s->values, NULL, NULL,
				 0)) {
		keep_error(ft, NULL);
		return FT_DBERR;
	}
	pc->sent++;
	return FT_OK;
}

static int pg_sync(struct ft *ft)
{
	collect_sent(PC(ft));
	return sent_failed(PC(ft)) ? FT_DBERR : FT_OK;
}

static int pg_ncols(struct db_stmt *st)
{
	return PGS(st)->res ? PQnfields(PGS(st)->res) : 0;
}

static const char *pg_col_name(struct db_stmt *st, int i)
{
	return PQfname(PGS(st)->res, i);
}

static bool pg_col_null(struct db_stmt *st, int i)
{
	struct pg_stmt *s = PGS(st);

	return s->res == NULL || i >= PQnfields(s->res) ||
	       s->row >= PQntuples(s->res) ||
	       PQgetisnull(s->res, s->row, i);
}

/* A boolean (EXISTS, a comparison) reads 1 or 0, as SQLite gives it. */
static const char *pg_col_text(struct db_stmt *st, int i)
{
	struct pg_stmt *s = PGS(st);
	const char *v;

	if (pg_col_null(st, i))
		return NULL;
	v = PQgetvalue(s->res, s->row, i);
	if (PQftype(s->res, i) == BOOL_OID)
		return *v == 't' ? "1" : "0";
	return v;
}

static enum db_kind pg_col_kind(struct db_stmt *st, int i)
{
	Oid type;

	if (pg_col_null(st, i))
		return DB_NULL;
	type = PQftype(PGS(st)->res, i);
	return type == INT8_OID || type == INT2_OID || type == INT4_OID ||
	       type == BOOL_OID ? DB_INT : DB_TEXT;
}

/* every value comes as text: an integer is parsed from it */
static int64_t pg_col_int(struct db_stmt *st, int i)
{
	const char *t = pg_col_text(st, i);

	return t ? strtoll(t, NULL, 10) : 0;
}

static const void *pg_col_bytes(struct db_stmt *st, int i, size_t *len)
{
	struct pg_stmt *s = PGS(st);
	const char *text = pg_col_text(st, i);

	*len = 0;
	if (text == NULL)
		return NULL;
	PQfreemem(s->bytes);
	s->bytes = PQunescapeBytea((const unsigned char *)text, len);
	return s->bytes;
}

static int pg_exec(struct ft *ft, const char *sql)
{
	PGresult *res;

	drain(PC(ft));
	if (sent_failed(PC(ft)))
		return FT_DBERR;
	res = PQexec(PC(ft)->conn, sql);

	if (!ok(ft, res))
		return FT_DBERR;
	PQclear(res);
	return FT_OK;
}

static int pg_begin_write(struct ft *ft)
{
	/* lock_timeout (the busy timeout) bounds the wait for the lock */
	if (pg_exec(ft, "BEGIN") != FT_OK ||
	    pg_exec(ft, "SELECT pg_advisory_xact_lock(" WRITER_LOCK ")")
	    != FT_OK) {
		int rc = db_error(ft, "taking the writer lock");

		PQclear(PQexec(PC(ft)->conn, "ROLLBACK"));
		return rc;
	}
	return FT_OK;
}

static int pg_commit(struct ft *ft)
{
	return db_exec(ft, "COMMIT");
}

static void pg_rollback(struct ft *ft)
{
	drain(PC(ft));
	sent_failed(PC(ft));
	PQclear(PQexec(PC(ft)->conn, "ROLLBACK"));
}

static int pg_begin_read(struct ft *ft)
{
	return db_exec(ft, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
}

static void pg_end_read(struct ft *ft)
{
	drain(PC(ft));
	PQclear(PQexec(PC(ft)->conn, "COMMIT"));
}

static enum db_fault pg_fault(struct ft *ft)
{
	const char *state = PC(ft)->err ? PQresultErrorField(PC(ft)->err,
						PG_DIAG_SQLSTATE) : NULL;

	if (state == NULL)
		return DB_FAULT_OTHER;
	if (strcmp(state, "23505") == 0)
		return DB_FAULT_UNIQUE;
	/* serialization failure, deadlock, lock or statement timeout */
	if (strcmp(state, "40001") == 0 || strcmp(state, "40P01") == 0 ||
	    strcmp(state, "55P03") == 0 || strcmp(state, "57014") == 0)
		return DB_FAULT_BUSY;
	/* integrity constraints, and the triggers' refusals (RAISE) */
	if (strncmp(state, "23", 2) == 0 || strcmp(state, "P0001") == 0)
		return DB_FAULT_CONSTRAINT;
	if (strcmp(state, "42501") == 0 || strcmp(state, "25006") == 0)
		return DB_FAULT_READONLY;
	return DB_FAULT_OTHER;
}

static const char *pg_message(struct ft *ft)
{
	return PC(ft)->message;
}

/* The table, and the first column of "Key (c, …)=(…) already exists.".
 * A unique index on lower(x) (where SQLite's column is NOCASE) guards the
 * same name as the one on x_key: it reads x_key, as SQLite says. */
static const char *pg_fault_key(struct ft *ft)
{
	PGresult *e = PC(ft)->err;
	const char *t = e ? PQresultErrorField(e, PG_DIAG_TABLE_NAME) : NULL;
	const char *d = e ? PQresultErrorField(e, PG_DIAG_MESSAGE_DETAIL)
			  : NULL;
	bool lowered;

	if (t == NULL || d == NULL || strncmp(d, "Key (", 5) != 0)
		return "";
	d += 5;
	if ((lowered = strncmp(d, "lower(", 6) == 0))
		d += 6;
	snprintf(ft->fault_key, sizeof ft->fault_key, "%s.%.*s%s", t,
		 (int)strcspn(d, ",)"), d, lowered ? "_key" : "");
	return ft->fault_key;
}

PGconn *pg_conn_of(struct ft *ft)
{
	return PC(ft)->conn;
}

void pg_notice_ignore(void *arg, const char *message)
{
	(void)arg;
	(void)message;
}

int pg_set_lang(struct ft *ft)
{
	struct db_stmt *st = NULL;
	int rc = db_prepare(ft, &st, "SELECT set_config('ftrack.lang', "
			    ":lang, false)");

	if (rc == FT_OK) {
		db_bind_text(ft, st, ":lang", ft_lang_code(ft));
		rc = db_step(ft, st) == DB_ROW ? FT_OK : FT_DBERR;
	}
	db_release(st);
	return rc;
}

/* The role the server authenticated; it may act for others when it is a
 * member of the role that owns the tables (the owner, an administrator). */
static int pg_session_role(struct ft *ft, char *role, size_t len,
			   bool *for_others)
{
	struct db_stmt *st = NULL;
	int rc = db_prepare(ft, &st, "SELECT session_user, CASE WHEN "
			    "pg_has_role(session_user, c.relowner, 'MEMBER') "
			    "THEN 1 ELSE 0 END FROM pg_class c WHERE c.relname "
			    "= 'changeset' AND c.relnamespace = (SELECT oid "
			    "FROM pg_namespace WHERE nspname = current_schema())");

	*for_others = false;
	if (rc != FT_OK)
		return rc;
	if (db_step(ft, st) == DB_ROW) {
		snprintf(role, len, "%s", db_col_text(st, 0));
		*for_others = db_col_int(st, 1) == 1;
	} else {
		rc = ft_fail(ft, FT_DBERR, "cannot tell the database role");
	}
	db_release(st);
	return rc;
}

static void pg_close(struct ft *ft)
{
	struct pg_conn *pc = PC(ft);

	if (pc == NULL)
		return;
	PQclear(pc->err);
	PQfinish(pc->conn);
	free(pc);
	ft->conn = NULL;
}

const struct db_driver db_pg = {
	.name = "postgresql",
	.prepare = pg_prepare,
	.finalize = pg_finalize,
	.reset = pg_reset,
	.bind = pg_bind,
	.bind_int = pg_bind_int,
	.has_param = pg_has_param,
	.step = pg_step,
	.queue = pg_queue,
	.sync = pg_sync,
	.ncols = pg_ncols,
	.col_name = pg_col_name,
	.col_text = pg_col_text,
	.col_int = pg_col_int,
	.col_null = pg_col_null,
	.col_kind = pg_col_kind,
	.col_bytes = pg_col_bytes,
	.exec = pg_exec,
	.begin_write = pg_begin_write,
	.commit = pg_commit,
	.rollback = pg_rollback,
	.begin_read = pg_begin_read,
	.end_read = pg_end_read,
	.fault = pg_fault,
	.message = pg_message,
	.fault_key = pg_fault_key,
	.integrity = pg_integrity,
	.check_schema = pg_check_schema,
	.protections = pg_protections,
	.backup = NULL,	/* a copy into a SQLite file: copy.c */
	.session_role = pg_session_role,
	.set_lang = pg_set_lang,
	.close = pg_close,
};
