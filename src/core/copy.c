/* ftrack copy --to: the open database into a new one, of either engine,
 * with the same records under the same ids, the same audit history (its
 * seals copied, never made anew) and the same id sequences, so that the
 * copy verifies and digests as the original does. */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "db.h"
#include "dialect.h"
#include "driver.h"
#include "strbuf.h"
#include "ftrack/integrity.h"

/* A table copied row by row: its columns, each with the kind it is bound
 * as ('I' integer, 'T' text, 'B' bytes), in the order the foreign keys
 * need (a row's references are copied before it). The reference tables
 * (l1, l2, label, rule_*, who_updates, record_writer, text) are the
 * target's own migrations', which verify compares; so are the seeded
 * workloads, which a copied workload of the same id replaces. */
struct copy_column {
	const char *name;
	char kind;
};

struct copy_table {
	const char *name;
	const struct copy_column *columns;
	/* what a row whose id the target holds already does, or "" */
	const char *on_conflict;
	/* its ids come from a sequence that never gives one twice */
	bool sequence;
};

static const struct copy_column APP_USER[] = {
	{"id", 'I'}, {"name", 'T'}, {"role", 'T'}, {"created_at", 'T'},
	{"name_key", 'T'}, {"active", 'I'}, {"email", 'T'}, {NULL, 0},
};
static const struct copy_column WORKLOAD[] = {
	{"id", 'I'}, {"name", 'T'}, {"created_at", 'T'}, {"name_key", 'T'},
	{NULL, 0},
};
static const struct copy_column CUSTOMER[] = {
	{"id", 'I'}, {"name", 'T'}, {"tenant", 'T'}, {"managed", 'I'},
	{"phase", 'T'}, {"delivery_fm", 'I'}, {"created_at", 'T'},
	{"name_key", 'T'}, {"tenant_key", 'T'}, {NULL, 0},
};
static const struct copy_column SUBSCRIPTION[] = {
	{"id", 'I'}, {"customer_id", 'I'}, {"code", 'T'}, {"created_at", 'T'},
	{"code_key", 'T'}, {NULL, 0},
};
static const struct copy_column CHANGESET[] = {
	{"id", 'I'}, {"at", 'T'}, {"who", 'T'}, {"role", 'T'}, {"what", 'T'},
	{"customer_id", 'I'}, {"workload_id", 'I'}, {"subscription_id", 'I'},
	{"scenario", 'T'}, {"what_es", 'T'}, {NULL, 0},
};
static const struct copy_column CHANGE[] = {
	{"id", 'I'}, {"changeset_id", 'I'}, {"entity", 'T'}, {"entity_id", 'I'},
	{"field", 'T'}, {"old_value", 'T'}, {"new_value", 'T'}, {NULL, 0},
};
static const struct copy_column DECLARATION[] = {
	{"id", 'I'}, {"at", 'T'}, {"who", 'T'}, {"role", 'T'},
	{"customer_id", 'I'}, {"workload_id", 'I'}, {"subscription_id", 'I'},
	{"declared", 'T'}, {"l2", 'T'}, {"l3", 'T'}, {"notes", 'T'},
	{"validated_with", 'T'}, {"led_by", 'T'}, {"kickoff", 'T'},
	{"changeset_id", 'I'}, {NULL, 0},
};
static const struct copy_column ENTITLEMENT[] = {
	{"id", 'I'}, {"subscription_id", 'I'}, {"workload_id", 'I'},
	{"l1", 'T'}, {"l2", 'T'}, {"l3", 'T'}, {"service_status", 'T'},
	{"engagement_scenario", 'T'}, {"target_date", 'T'}, {"owner", 'T'},
	{"notes", 'T'}, {"next_action_date", 'T'}, {"next_action", 'T'},
	{"updated_by", 'T'}, {"updated_role", 'T'}, {"updated_at", 'T'},
	{"scenario", 'T'}, {"declaration_id", 'I'}, {NULL, 0},
};
/* after every change: a sealed change set takes no more changes */
static const struct copy_column SEAL[] = {
	{"changeset_id", 'I'}, {"hash", 'B'}, {"format", 'I'}, {NULL, 0},
};

static const struct copy_table TABLES[] = {
	{"app_user", APP_USER, "", true},
	{"workload", WORKLOAD, "ON CONFLICT (id) DO UPDATE SET name = "
	 "excluded.name, created_at = excluded.created_at, name_key = "
	 "excluded.name_key", true},
	{"customer", CUSTOMER, "", true},
	{"subscription", SUBSCRIPTION, "", true},
	{"changeset", CHANGESET, "", false},
	{"change", CHANGE, "", false},
	{"declaration", DECLARATION, "", false},
	{"entitlement", ENTITLEMENT, "", true},
	{"seal", SEAL, "", false},
};
enum { NTABLES = sizeof TABLES / sizeof TABLES[0] };

/* The SELECT of t's columns in id order, or its INSERT (the parameters
 * named after the columns), built from the constant column names. NULL
 * when out of memory; free() it. */
static char *table_sql(const struct copy_table *t, bool insert)
{
	struct strbuf *s = strbuf_new();
	const struct copy_column *c;

	strbuf_add(s, insert ? "INSERT INTO " : "SELECT ");
	if (insert)
		strbuf_addf(s, "%s (", t->name);
	for (c = t->columns; c->name; c++)
		strbuf_addf(s, "%s%s", c == t->columns ? "" : ", ", c->name);
	if (!insert) {
		strbuf_addf(s, " FROM %s ORDER BY %s", t->name,
			    t->columns[0].name);
		return strbuf_finish(s);
	}
	strbuf_add(s, ") VALUES (");
	for (c = t->columns; c->name; c++)
		strbuf_addf(s, "%s:%s", c == t->columns ? "" : ", ", c->name);
	strbuf_addf(s, ")%s%s", t->on_conflict[0] ? " " : "", t->on_conflict);
	return strbuf_finish(s);
}

/* Binds the source's current row to the target's INSERT, column by column
 * as its kind says; NULL stays NULL. */
static void bind_row(struct ft *dst, struct db_stmt *ins,
		     const struct copy_table *t, struct db_stmt *row)
{
	char param[64];
	int i = 0;

	for (const struct copy_column *c = t->columns; c->name; c++, i++) {
		const void *bytes;
		size_t len = 0;

		snprintf(param, sizeof param, ":%s", c->name);
		if (db_col_null(row, i))
			db_bind_text(dst, ins, param, NULL);
		else if (c->kind == 'I')
			db_bind_int(dst, ins, param, db_col_int(row, i));
		else if (c->kind == 'B' &&
			 (bytes = db_col_bytes(row, i, &len)) != NULL)
			db_bind_bytes(dst, ins, param, bytes, len);
		else
			db_bind_text(dst, ins, param, db_col_text(row, i));
	}
}

/* Copies every row of t from src to dst; *max_id gets the largest first
 * column copied, *rows how many. */
static int copy_table(struct ft *src, struct ft *dst,
		      const struct copy_table *t, int64_t *max_id,
		      int64_t *rows)
{
	struct db_stmt *sel = NULL, *ins = NULL;
	char *select_sql = table_sql(t, false), *insert_sql = table_sql(t, true);
	int rc, step;

	*max_id = *rows = 0;
	if (select_sql == NULL || insert_sql == NULL) {
		rc = ft_fail(src, FT_DBERR, "out of memory");
		goto cleanup;
	}
	if ((rc = db_prepare_text(src, &sel, select_sql)) != FT_OK)
		goto cleanup;
	if ((rc = db_prepare_text(dst, &ins, insert_sql)) != FT_OK) {
		rc = ft_fail(src, rc, "%s", dst->err);
		goto cleanup;
	}
	while ((step = db_step(src, sel)) == DB_ROW) {
		int64_t id = db_col_int(sel, 0);

		db_release(ins);
		bind_row(dst, ins, t, sel);
		if ((rc = db_queue(dst, ins)) != FT_OK) {
			rc = ft_fail(src, rc, "cannot copy %s %lld: %s", t->name,
				     (long long)id, dst->err);
			goto cleanup;
		}
		if (id > *max_id)
			*max_id = id;
		(*rows)++;
	}
	if (step < 0)
		rc = FT_DBERR;
	/* the rows sent without waiting (PostgreSQL's pipeline): all in */
	else if ((rc = db_sync(dst)) != FT_OK)
		rc = ft_fail(src, rc, "cannot copy %s: %s", t->name, dst->err);
cleanup:
	db_release(sel);
	db_release(ins);
	free(select_sql);
	free(insert_sql);
	return rc;
}

/* The source's sequence of each table of TABLES (0 for none). */
static int read_sequences(struct ft *src, int64_t seq[NTABLES])
{
	struct db_stmt *st = NULL;
	int rc = db_prepare(src, &st, db_dialect(src, SQL_SEQUENCES_READ)), step;

	memset(seq, 0, NTABLES * sizeof seq[0]);
	if (rc != FT_OK)
		return rc;
	while ((step = db_step(src, st)) == DB_ROW)
		for (int i = 0; i < NTABLES; i++)
			if (TABLES[i].sequence && db_col_text(st, 0) != NULL &&
			    strcmp(db_col_text(st, 0), TABLES[i].name) == 0)
				seq[i] = db_col_int(st, 1);
	db_release(st);
	return step == DB_DONE ? FT_OK : FT_DBERR;
}

/* Sets the target's sequence of table name to seq: the next id it gives
 * is one past it, as on the source. */
static int keep_sequence(struct ft *src, struct ft *dst, const char *name,
			 int64_t seq)
{
	struct db_stmt *st = NULL;
	int rc = db_prepare(dst, &st, db_dialect(dst, SQL_SEQUENCE_FORGET));

	if (rc == FT_OK) {
		db_bind_text(dst, st, ":name", name);
		rc = db_run(dst, st);
		db_release(st);
	}
	if (rc == FT_OK && seq > 0 && (rc = db_prepare(dst, &st,
			db_dialect(dst, SQL_SEQUENCE_KEEP))) == FT_OK) {
		db_bind_text(dst, st, ":name", name);
		db_bind_int(dst, st, ":seq", seq);
		rc = db_run(dst, st);
		db_release(st);
	}
	return rc == FT_OK ? FT_OK : ft_fail(src, rc, "cannot set the id "
					     "sequence of %s: %s", name,
					     dst->err);
}

/* Whether dst holds anything a copy would mix with: a record or a change
 * set. The seeded workloads are the migrations'. */
static int target_empty(struct ft *src, struct ft *dst)
{
	struct db_stmt *st = NULL;
	int rc = db_prepare(dst, &st, "SELECT CASE WHEN EXISTS (SELECT 1 FROM "
			    "changeset) OR EXISTS (SELECT 1 FROM app_user) OR "
			    "EXISTS (SELECT 1 FROM customer) OR EXISTS (SELECT "
			    "1 FROM subscription) OR EXISTS (SELECT 1 FROM "
			    "entitlement) OR EXISTS (SELECT 1 FROM declaration) "
			    "THEN 1 ELSE 0 END");

	if (rc != FT_OK)
		return ft_fail(src, rc, "%s", dst->err);
	if (db_step(dst, st) != DB_ROW)
		rc = ft_fail(src, FT_DBERR, "%s", dst->err);
	else if (db_col_int(st, 0) != 0)
		rc = ft_fail(src, FT_REFUSED, "the target database already "
			     "holds records or change sets: copy into a new "
			     "one");
	db_release(st);
	return rc;
}

/* Every table in one write transaction on dst, from one read transaction
 * on src. The change sets' seals are copied: dst->tx_changeset stays 0,
 * so the commit seals nothing anew. */
static int copy_all(struct ft *src, struct ft *dst, struct ft_copy_report *r)
{
	int64_t seq[NTABLES], max_id, rows;
	int rc;

	if ((rc = db_begin_read(src)) != FT_OK)
		return rc;
	if ((rc = db_begin_write(dst)) != FT_OK) {
		db_end_read(src);
		return ft_fail(src, rc, "%s", dst->err);
	}
	if ((rc = target_empty(src, dst)) == FT_OK)
		rc = read_sequences(src, seq);
	for (int i = 0; rc == FT_OK && i < NTABLES; i++) {
		const struct copy_table *t = &TABLES[i];

		rc = copy_table(src, dst, t, &max_id, &rows);
		if (rc == FT_OK && t->sequence)
			rc = keep_sequence(src, dst, t->name, max_id > seq[i]
					   ? max_id : seq[i]);
		if (strcmp(t->name, "changeset") == 0)
			r->changesets = rows;
		else if (t->sequence && strcmp(t->name, "workload") != 0)
			r->records += rows;
	}
	if ((rc = db_end_write(dst, rc)) != FT_OK && src->err[0] == '\0')
		ft_fail(src, rc, "%s", dst->err);
	db_end_read(src);
	return rc;
}

/* Removes a SQLite file the copy made, with its companions. */
static void remove_sqlite(const char *path)
{
	static const char *const suffixes[] = {"", "-journal", "-wal", "-shm"};
	char file[4096];

	for (size_t i = 0; i < sizeof suffixes / sizeof suffixes[0]; i++) {
		snprintf(file, sizeof file, "%s%s", path, suffixes[i]);
		unlink(file);
	}
}

/* SQLite's backup copies the file's pages; a server's database is backed
 * up as a copy into a new SQLite file, which verifies with the same
 * digest. */
int ft_backup(struct ft *ft, const char *path)
{
	struct ft_copy_report r;

	if (ft->drv->backup != NULL)
		return ft->drv->backup(ft, path);
	if (ft_is_conninfo(path))
		return ft_fail(ft, FT_REFUSED, "a backup is a file: '%s' is a "
			       "connection string (ftrack copy --to copies into "
			       "a database)", path);
	return ft_copy(ft, path, &r);
}

int ft_copy(struct ft *ft, const char *target, struct ft_copy_report *r)
{
	struct ft *dst = NULL;
	struct stat st;
	char err[1100];
	bool sqlite = !ft_is_conninfo(target);
	int rc;

	memset(r, 0, sizeof *r);
	ft->err[0] = '\0';
	if (sqlite && lstat(target, &st) == 0)
		return ft_fail(ft, FT_REFUSED, "cannot copy to '%s': it exists",
			       target);
	if (sqlite && errno != ENOENT)
		return ft_fail(ft, FT_REFUSED, "cannot copy to '%s': %s", target,
			       strerror(errno));
	rc = ft_open(&dst, target, FT_OPEN_CREATE, ft->busy_timeout_ms, err,
		     sizeof err);
	if (rc != FT_OK)
		return ft_fail(ft, rc, "%s", err);
	rc = copy_all(ft, dst, r);
	ft_close(dst);
	if (rc != FT_OK && sqlite)
		remove_sqlite(target);
	return rc;
}
