/* SHA-256 (nettle) over each change set and the one before it. The hashed
 * form is unambiguous: every value goes in as a type tag and a length before
 * its bytes, so no two histories hash alike by shifting text between
 * fields. nettle rather than OpenSSL's libcrypto: loading libcrypto cost
 * every ftrack process 3 ms, a quarter of a one-row write. */
#include <nettle/sha2.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "seal.h"

/* The bytes a change set's hash is taken over, gathered before they are
 * hashed: a slice's change sets are read before their changes, and each
 * is hashed, from the one before it, once its changes are read. */
struct bytes {
	unsigned char *data;
	size_t n, cap;
	bool failed;
};

static void bytes_add(struct bytes *b, const void *data, size_t len)
{
	if (b->failed || len == 0)
		return;
	if (b->n + len > b->cap) {
		size_t cap = b->cap ? 2 * b->cap : 4096;
		unsigned char *grown;

		while (cap < b->n + len)
			cap *= 2;
		if ((grown = realloc(b->data, cap)) == NULL) {
			b->failed = true;
			return;
		}
		b->data = grown;
		b->cap = cap;
	}
	memcpy(b->data + b->n, data, len);
	b->n += len;
}

/* One value of the current row, tagged: 'N' NULL, 'I' integer, 'T' text.
 * The tag is the column's type, the same on every engine; a scenario code
 * (scenario: the change set's) that is one digit is hashed as the integer
 * the change sets stored before migration 0008 made it a code held, so
 * that their seals hold. */
static void hash_value(struct bytes *out, struct db_stmt *st, int col,
		       bool scenario)
{
	unsigned char head[9], bytes[8];
	const void *data = NULL;
	uint64_t len = 0;
	int64_t n;
	enum db_kind kind = db_col_kind(st, col);
	/* (text read only where it is text: reading an integer as text
	 * would make one) */
	const char *text = kind == DB_NULL || (kind == DB_INT && !scenario)
		? NULL : db_col_text(st, col);

	if (scenario && text != NULL && text[0] >= '1' && text[0] <= '9' &&
	    text[1] == '\0')
		kind = DB_INT;
	switch (kind) {
	case DB_NULL:
		head[0] = 'N';
		break;
	case DB_INT:
		/* little-endian whatever the machine: the byte order of the
		 * x86 machines that sealed before it was spelled out */
		head[0] = 'I';
		n = db_col_int(st, col);
		for (int i = 0; i < 8; i++)
			bytes[i] = (unsigned char)((uint64_t)n >> (8 * i));
		len = sizeof bytes;
		data = bytes;
		break;
	default:
		head[0] = 'T';
		data = text;
		len = strlen(text);
		break;
	}
	for (int i = 0; i < 8; i++)
		head[1 + i] = (unsigned char)(len >> (56 - 8 * i));
	bytes_add(out, head, sizeof head);
	bytes_add(out, data, (size_t)len);
}

/* The seals a walk made, stored once the chain has been read: a statement
 * run while another is being read makes PostgreSQL's driver read the rest
 * of that one ahead into memory. 40 bytes a change set sealed. */
struct made {
	struct { int64_t id; unsigned char hash[SEAL_BYTES]; } *seals;
	size_t n, cap;
};

static bool made_add(struct made *m, int64_t id,
		     const unsigned char hash[SEAL_BYTES])
{
	if (m->n == m->cap) {
		size_t cap = m->cap ? 2 * m->cap : 16;
		void *grown = realloc(m->seals, cap * sizeof *m->seals);

		if (grown == NULL)
			return false;
		m->seals = grown;
		m->cap = cap;
	}
	m->seals[m->n].id = id;
	memcpy(m->seals[m->n].hash, hash, SEAL_BYTES);
	m->n++;
	return true;
}

/* The change sets after :after (to :last when it is set), CHAIN_SLICE at
 * a time, in order, each with its stored seal and its declaration; their
 * changes are read by CHANGES_SQL, a range of change_changeset, once a
 * slice's change sets are: each row of the one statement, not of every
 * change (a join of the three tables to each change made them read again
 * for every change of a change set). Columns: 0-9 the change set, 10 the
 * stored seal, 11 its format, 12-25 the change set's declaration (NULL
 * when none). */
#define CHAIN_SLICE 4096
#define CHAIN_SLICE_TEXT "4096"	/* CHAIN_SLICE, in the SQL */
#define HEAD_COLUMNS \
	"SELECT cs.id, cs.at, cs.who, cs.role, cs.what, cs.what_es, " \
	"cs.customer_id, cs.workload_id, cs.subscription_id, " \
	"cs.scenario, se.hash, "
/* (the joined tables' ranges spelled out too: without them PostgreSQL's
 * planner read every seal and declaration to hash-join the few change
 * sets after :after, a cost that grew with the history) */
#define HEAD_FROM \
	"FROM changeset cs " \
	"LEFT JOIN seal se ON se.changeset_id = cs.id AND " \
	"se.changeset_id > :after "
#define HEAD_ORDER \
	"WHERE cs.id > :after AND (CAST(:last AS BIGINT) IS NULL OR " \
	"cs.id <= :last) " \
	"ORDER BY cs.id LIMIT " CHAIN_SLICE_TEXT
enum { COL_SCENARIO = 9, COL_SEAL = 10, COL_FORMAT = 11,
       COL_DECLARATION = 12, DECLARATION_COLUMNS = 14 };
static const char HEAD_SQL[] = HEAD_COLUMNS
	"se.format, d.id, d.at, d.who, d.role, d.customer_id, d.workload_id, "
	"d.subscription_id, d.declared, d.l2, d.l3, d.notes, d.validated_with, "
	"d.led_by, d.kickoff " HEAD_FROM
	"LEFT JOIN declaration d ON d.changeset_id = cs.id AND "
	"d.changeset_id > :after " HEAD_ORDER;
/* The same as the schema stood after migration 0006, which seals the
 * history of an older ftrack: format 1, no declaration columns. */
static const char HEAD_SQL_0006[] = HEAD_COLUMNS "1 " HEAD_FROM HEAD_ORDER;
/* A change's columns hashed: 1-6. */
static const char CHANGES_SQL[] = "SELECT changeset_id, id, entity, "
	"entity_id, field, old_value, new_value FROM change WHERE "
	"changeset_id > :after AND changeset_id <= :last "
	"ORDER BY changeset_id, id";

/* How many change set ids seal_pending() walks at a time. */
#define SEAL_SLICE 4096

/* How walk() goes: comparing with the stored seals, or storing them in
 * the current format, or in the format migration 0006 sealed in. */
enum walk_mode { WALK_CHECK, WALK_SEAL, WALK_SEAL_0006 };

/* A change set of a slice: what its hash starts with (its columns and
 * declaration, tagged) at head[at, at + len) of the slice's bytes. */
struct chain_head {
	int64_t id;
	size_t at, len;
	int format, last_format;	/* its, the one's before it */
	bool have_stored;
	unsigned char stored[SEAL_BYTES];
};

/* Where a walk is: the hash of the last change set finished (prev), its
 * format, what it found and made. */
struct walk_state {
	enum walk_mode mode;
	unsigned char *prev;
	int format;
	int64_t *bad, *count;
	bool *missing;
	struct made made;
};

/* Reads the change sets of the slice after `after` (to last, 0: on to the
 * end) into heads and their bytes; *n of them. */
static int read_heads(struct ft *ft, struct db_stmt *st, struct walk_state *w,
		      int64_t after, int64_t last, struct chain_head *heads,
		      size_t *n, struct bytes *head)
{
	const void *seal;
	size_t len = 0;
	int step;

	*n = 0;
	head->n = 0;
	db_release(st);
	db_bind_int(ft, st, ":after", after);
	db_bind_id(ft, st, ":last", last);
	while ((step = db_step(ft, st)) == DB_ROW && *n < CHAIN_SLICE) {
		struct chain_head *h = &heads[(*n)++];

		h->id = db_col_int(st, 0);
		h->at = head->n;
		h->last_format = w->format;
		/* the format sealed in, or the one to seal in */
		h->format = w->mode == WALK_SEAL ? 2 : w->mode == WALK_SEAL_0006
			? 1 : db_col_null(st, COL_FORMAT) ? w->format
			: (int)db_col_int(st, COL_FORMAT);
		w->format = h->format;
		for (int c = 0; c < 10; c++)
			hash_value(head, st, c, c == COL_SCENARIO);
		/* format 2: the declaration, tagged, or its absence */
		if (h->format >= 2) {
			bool has = !db_col_null(st, COL_DECLARATION);

			bytes_add(head, has ? "D" : "-", 1);
			for (int c = 0; has && c < DECLARATION_COLUMNS; c++)
				hash_value(head, st, COL_DECLARATION + c, false);
		}
		h->len = head->n - h->at;
		seal = db_col_bytes(st, COL_SEAL, &len);
		h->have_stored = seal != NULL && len == SEAL_BYTES;
		if (h->have_stored)
			memcpy(h->stored, seal, SEAL_BYTES);
	}
	db_release(st);
	if (step < 0)
		return FT_DBERR;
	return head->failed ? ft_fail(ft, FT_DBERR, "out of memory") : FT_OK;
}

/* Change set h's hash, from the one before it (w->prev) and what was
 * hashed of its changes in md: compared with its seal, or kept to be
 * stored. */
static int finish_head(struct ft *ft, struct walk_state *w,
		       const struct chain_head *h, struct sha256_ctx *md)
{
	sha256_digest(md, SEAL_BYTES, w->prev);
	(*w->count)++;
	if (w->mode != WALK_CHECK)
		return made_add(&w->made, h->id, w->prev) ? FT_OK
			: ft_fail(ft, FT_DBERR, "out of memory");
	if ((!h->have_stored || h->format < h->last_format ||
	     memcmp(h->stored, w->prev, SEAL_BYTES) != 0) && *w->bad == 0) {
		*w->bad = h->id;
		*w->missing = !h->have_stored;
	}
	return FT_OK;
}

static void start_head(struct walk_state *w, const struct chain_head *h,
		       const struct bytes *head, struct sha256_ctx *md)
{
	sha256_init(md);
	sha256_update(md, SEAL_BYTES, w->prev);
	sha256_update(md, h->len, head->data + h->at);
}

/* Walks the chain after changeset `after` whose hash is prev. Checking,
 * compares with the stored seals, each in its own format (first mismatch
 * in *bad, *missing when it has no seal at all; a format lower than the
 * one before it is a mismatch); else stores them. */
static int walk(struct ft *ft, int64_t after, int64_t last,
		unsigned char prev[SEAL_BYTES], int prev_format,
		enum walk_mode mode, int64_t *bad, bool *missing,
		int64_t *count)
{
	struct db_stmt *hd = NULL, *ch = NULL, *ins = NULL;
	struct walk_state w = {.mode = mode, .prev = prev,
			       .format = prev_format, .bad = bad,
			       .missing = missing, .count = count};
	struct chain_head *heads = malloc(CHAIN_SLICE * sizeof *heads);
	struct bytes head = {0}, row = {0};
	struct sha256_ctx md;
	size_t n = CHAIN_SLICE;
	int rc, step;

	rc = heads == NULL ? ft_fail(ft, FT_DBERR, "out of memory")
		: db_prepare(ft, &hd, mode == WALK_SEAL_0006 ? HEAD_SQL_0006
								: HEAD_SQL);
	if (rc == FT_OK)
		rc = db_prepare(ft, &ch, CHANGES_SQL);
	if (rc == FT_OK && mode == WALK_SEAL)
		rc = db_prepare(ft, &ins, "INSERT INTO seal (changeset_id, hash, "
				"format) VALUES (:id, :hash, 2)");
	else if (rc == FT_OK && mode == WALK_SEAL_0006)
		rc = db_prepare(ft, &ins, "INSERT INTO seal (changeset_id, hash) "
				"VALUES (:id, :hash)");
	/* a slice of change sets, then their changes in order: each change
	 * set hashed once the changes before its are */
	while (rc == FT_OK && n == CHAIN_SLICE) {
		size_t k = 0;
		bool started = false;

		rc = read_heads(ft, hd, &w, after, last, heads, &n, &head);
		if (rc != FT_OK || n == 0)
			break;
		db_release(ch);
		db_bind_int(ft, ch, ":after", after);
		db_bind_int(ft, ch, ":last", heads[n - 1].id);
		while (rc == FT_OK && (step = db_step(ft, ch)) == DB_ROW) {
			int64_t id = db_col_int(ch, 0);

			for (; k < n && heads[k].id < id; k++, started = false) {
				if (!started)
					start_head(&w, &heads[k], &head, &md);
				rc = finish_head(ft, &w, &heads[k], &md);
			}
			/* (a change of no change set is not hashed:
			 * foreign_key_check tells it) */
			if (k == n || heads[k].id != id)
				continue;
			if (!started)
				start_head(&w, &heads[k], &head, &md);
			started = true;
			row.n = 0;
			for (int c = 1; c < 7; c++)
				hash_value(&row, ch, c, false);
			if (row.failed)
				rc = ft_fail(ft, FT_DBERR, "out of memory");
			else
				sha256_update(&md, row.n, row.data);
		}
		if (rc == FT_OK && step < 0)
			rc = FT_DBERR;
		db_release(ch);
		for (; rc == FT_OK && k < n; k++, started = false) {
			if (!started)
				start_head(&w, &heads[k], &head, &md);
			rc = finish_head(ft, &w, &heads[k], &md);
		}
		after = heads[n - 1].id;
	}
	for (size_t i = 0; rc == FT_OK && i < w.made.n; i++) {
		db_release(ins);
		db_bind_int(ft, ins, ":id", w.made.seals[i].id);
		db_bind_bytes(ft, ins, ":hash", w.made.seals[i].hash, SEAL_BYTES);
		rc = db_queue(ft, ins);
	}
	if (rc == FT_OK && w.made.n > 0)
		rc = db_sync(ft);
	db_release(hd);
	db_release(ch);
	db_release(ins);
	free(w.made.seals);
	free(heads);
	free(head.data);
	free(row.data);
	return rc;
}

/* The newest seal and its change set (0 and zeros when none). */
static int last_seal(struct ft *ft, int64_t *id, unsigned char hash[SEAL_BYTES])
{
	struct db_stmt *st = NULL;
	const void *seal;
	size_t len = 0;
	int rc = db_prepare(ft, &st, "SELECT changeset_id, hash FROM seal "
			    "ORDER BY changeset_id DESC LIMIT 1");

	*id = 0;
	memset(hash, 0, SEAL_BYTES);
	if (rc != FT_OK)
		return rc;
	if (db_step(ft, st) == DB_ROW &&
	    (seal = db_col_bytes(st, 1, &len)) != NULL && len == SEAL_BYTES) {
		*id = db_col_int(st, 0);
		memcpy(hash, seal, SEAL_BYTES);
	}
	db_release(st);
	return FT_OK;
}

int seal_pending(struct ft *ft)
{
	struct db_stmt *st = NULL;
	unsigned char prev[SEAL_BYTES];
	int64_t after, bad = 0, count = 0, older = 0, newest = 0;
	bool missing = false;
	int rc = last_seal(ft, &after, prev);

	/* A change set from before this transaction without its seal was
	 * tampered with (its seals deleted) or written behind ftrack's back:
	 * sealing it now would bless the edit. */
	if (rc == FT_OK)
		rc = db_prepare(ft, &st, "SELECT min(id) FROM changeset "
				"WHERE id > :after AND id < :first");
	if (rc == FT_OK) {
		db_bind_int(ft, st, ":after", after);
		db_bind_int(ft, st, ":first", ft->tx_changeset);
		if (db_step(ft, st) == DB_ROW)
			older = db_col_int(st, 0);
		else
			rc = FT_DBERR;
	}
	db_release(st);
	if (rc == FT_OK && older != 0)
		return ft_fail(ft, FT_DBERR, "change set %lld has no seal: the "
			       "audit history was changed outside ftrack; nothing "
			       "was written ('ftrack verify' tells more)",
			       (long long)older);
	/* in slices of change set ids: the seals a slice made are held in
	 * memory until it has been read, so an import of a million rows
	 * holds a slice's, not the million's */
	if (rc == FT_OK)
		rc = db_prepare(ft, &st, "SELECT max(id) FROM changeset");
	if (rc == FT_OK && db_step(ft, st) == DB_ROW)
		newest = db_col_int(st, 0);
	db_release(st);
	for (int64_t from = after; rc == FT_OK && from < newest;
	     from += SEAL_SLICE)
		rc = walk(ft, from, from + SEAL_SLICE < newest ? from +
			  SEAL_SLICE : newest, prev, 1, WALK_SEAL, &bad,
			  &missing, &count);
	return rc;
}

int seal_after_migration(struct ft *ft, const char *migration)
{
	unsigned char prev[SEAL_BYTES];
	int64_t after, bad = 0, count = 0;
	bool missing = false;
	int rc;

	if (strcmp(migration, "0006_audit_seal") != 0)
		return FT_OK;
	if ((rc = last_seal(ft, &after, prev)) == FT_OK)
		rc = walk(ft, after, 0, prev, 1, WALK_SEAL_0006, &bad,
			  &missing, &count);
	return rc;
}

int seal_check(struct ft *ft, int64_t last, int64_t *bad, bool *missing,
	       int64_t *count, unsigned char hash[SEAL_BYTES])
{
	memset(hash, 0, SEAL_BYTES);
	*bad = 0;
	*missing = false;
	*count = 0;
	return walk(ft, 0, last, hash, 1, WALK_CHECK, bad, missing, count);
}

int seal_check_since(struct ft *ft, int64_t after,
		     const unsigned char prev[SEAL_BYTES], int prev_format,
		     int64_t *bad, bool *missing, int64_t *count,
		     unsigned char hash[SEAL_BYTES])
{
	memcpy(hash, prev, SEAL_BYTES);
	*bad = 0;
	*missing = false;
	*count = 0;
	return walk(ft, after, 0, hash, prev_format, WALK_CHECK, bad, missing,
		    count);
}
