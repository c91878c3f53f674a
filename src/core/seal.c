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

enum { COL_SCENARIO = 9 };
enum { COL_SEAL = 16, COL_FORMAT = 17, COL_DECLARATION = 18,
       DECLARATION_COLUMNS = 14 };

/* One value of the current row, tagged: 'N' NULL, 'I' integer, 'T' text.
 * The tag is the column's type, the same on every engine; a scenario code
 * that is one digit is hashed as the integer the change sets stored before
 * migration 0008 made it a code held, so that their seals hold. */
static void hash_value(struct sha256_ctx *md, struct db_stmt *st, int col)
{
	unsigned char head[9], bytes[8];
	const void *data = NULL;
	uint64_t len = 0;
	int64_t n;
	enum db_kind kind = db_col_kind(st, col);
	const char *text = db_col_text(st, col);

	if (col == COL_SCENARIO && text != NULL && text[0] >= '1' &&
	    text[0] <= '9' && text[1] == '\0')
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
	sha256_update(md, sizeof head, head);
	if (len)
		sha256_update(md, (size_t)len, data);
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

/* The change sets after :after (to :last when it is set), each with its
 * changes, in order. A scenario code that is a number is hashed as the
 * integer change sets stored before migration 0008 made it a code, so that
 * their seals hold. Columns: 0-9 the change set, 10-15 a change (NULL when
 * it has none), 16 the stored seal, 17 its format, 18-31 the change set's
 * declaration (NULL when none). */
#define CHAIN_COLUMNS \
	"SELECT cs.id, cs.at, cs.who, cs.role, cs.what, cs.what_es, " \
	"cs.customer_id, cs.workload_id, cs.subscription_id, " \
	"cs.scenario, " \
	"ch.id, ch.entity, ch.entity_id, ch.field, ch.old_value, ch.new_value, " \
	"se.hash, "
/* (the joined tables' ranges spelled out too: without them PostgreSQL's
 * planner read every seal and declaration to hash-join the few change
 * sets after :after, a cost that grew with the history) */
#define CHAIN_FROM \
	"FROM changeset cs LEFT JOIN change ch ON ch.changeset_id = cs.id " \
	"LEFT JOIN seal se ON se.changeset_id = cs.id AND " \
	"se.changeset_id > :after "
#define CHAIN_ORDER \
	"WHERE cs.id > :after AND (CAST(:last AS BIGINT) IS NULL OR " \
	"cs.id <= :last) " \
	"ORDER BY cs.id, ch.id"
static const char CHAIN_SQL[] = CHAIN_COLUMNS
	"se.format, d.id, d.at, d.who, d.role, d.customer_id, d.workload_id, "
	"d.subscription_id, d.declared, d.l2, d.l3, d.notes, d.validated_with, "
	"d.led_by, d.kickoff " CHAIN_FROM
	"LEFT JOIN declaration d ON d.changeset_id = cs.id AND "
	"d.changeset_id > :after " CHAIN_ORDER;
/* The same as the schema stood after migration 0006, which seals the
 * history of an older ftrack: format 1, no declaration columns. */
static const char CHAIN_SQL_0006[] = CHAIN_COLUMNS "1 " CHAIN_FROM
	CHAIN_ORDER;



/* How many change set ids seal_pending() walks at a time. */
#define SEAL_SLICE 4096

/* How walk() goes: comparing with the stored seals, or storing them in
 * the current format, or in the format migration 0006 sealed in. */
enum walk_mode { WALK_CHECK, WALK_SEAL, WALK_SEAL_0006 };

/* Walks the chain after changeset `after` whose hash is prev. Checking,
 * compares with the stored seals, each in its own format (first mismatch
 * in *bad, *missing when it has no seal at all; a format lower than the
 * one before it is a mismatch); else stores them. */
static int walk(struct ft *ft, int64_t after, int64_t last,
		unsigned char prev[SEAL_BYTES], int prev_format,
		enum walk_mode mode, int64_t *bad, bool *missing,
		int64_t *count)
{
	struct db_stmt *st = NULL, *ins = NULL;
	struct made made = {0};
	struct sha256_ctx ctx, *md = &ctx;
	unsigned char stored[SEAL_BYTES];
	bool have_stored = false, check = mode == WALK_CHECK;
	int64_t current = 0;
	const void *seal;
	size_t len = 0;
	int rc, step, format = prev_format, last_format = prev_format;

	rc = db_prepare(ft, &st, mode == WALK_SEAL_0006 ? CHAIN_SQL_0006
							 : CHAIN_SQL);
	if (rc == FT_OK && mode == WALK_SEAL)
		rc = db_prepare(ft, &ins, "INSERT INTO seal (changeset_id, hash, "
				"format) VALUES (:id, :hash, 2)");
	else if (rc == FT_OK && mode == WALK_SEAL_0006)
		rc = db_prepare(ft, &ins, "INSERT INTO seal (changeset_id, hash) "
				"VALUES (:id, :hash)");
	if (rc != FT_OK)
		goto cleanup;
	db_bind_int(ft, st, ":after", after);
	db_bind_id(ft, st, ":last", last);
	/* Each change set is finished when the next one starts, or at the
	 * end: then its hash is compared or stored. */
	for (;;) {
		step = db_step(ft, st);
		if (step < 0) {
			rc = FT_DBERR;
			break;
		}
		int64_t id = step == DB_ROW ? db_col_int(st, 0) : 0;

		if (current != 0 && id != current) {
			sha256_digest(md, SEAL_BYTES, prev);
			(*count)++;
			if (check && (!have_stored || format < last_format ||
				      memcmp(stored, prev, SEAL_BYTES) != 0)) {
				if (*bad == 0) {
					*bad = current;
					*missing = !have_stored;
				}
			} else if (!check && !made_add(&made, current, prev)) {
				rc = ft_fail(ft, FT_DBERR, "out of memory");
				break;
			}
		}
		if (step != DB_ROW)
			break;
		if (id != current) {
			current = id;
			last_format = format;
			/* the format sealed in, or the one to seal in */
			format = mode == WALK_SEAL ? 2 : mode == WALK_SEAL_0006 ? 1
				: db_col_null(st, COL_FORMAT) ? last_format
				: (int)db_col_int(st, COL_FORMAT);
			sha256_init(md);
			sha256_update(md, SEAL_BYTES, prev);
			for (int c = 0; c < 10; c++)
				hash_value(md, st, c);
			/* format 2: the declaration, tagged, or its absence */
			if (format >= 2) {
				bool has = !db_col_null(st, COL_DECLARATION);

				sha256_update(md, 1, (const uint8_t *)(has ? "D"
								       : "-"));
				for (int c = 0; has && c < DECLARATION_COLUMNS; c++)
					hash_value(md, st, COL_DECLARATION + c);
			}
			seal = db_col_bytes(st, COL_SEAL, &len);
			have_stored = seal != NULL && len == SEAL_BYTES;
			if (have_stored)
				memcpy(stored, seal, SEAL_BYTES);
		}
		if (!db_col_null(st, 10))
			for (int c = 10; c < 16; c++)
				hash_value(md, st, c);
	}
	db_release(st);
	for (size_t i = 0; rc == FT_OK && i < made.n; i++) {
		db_release(ins);
		db_bind_int(ft, ins, ":id", made.seals[i].id);
		db_bind_bytes(ft, ins, ":hash", made.seals[i].hash, SEAL_BYTES);
		rc = db_queue(ft, ins);
	}
	if (rc == FT_OK && made.n > 0)
		rc = db_sync(ft);
cleanup:
	db_release(st);
	db_release(ins);
	free(made.seals);
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
