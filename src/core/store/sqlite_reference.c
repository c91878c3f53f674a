/* What the migrations alone decide — the schema (tables, indexes,
 * triggers), the rules tables and the reference data — checked against the
 * database: the embedded migrations are applied to an in-memory database,
 * which is attached beside the real one and compared with it. An edit of
 * the rules with the sqlite3 shell (notes made optional, a role allowed, a
 * new L2), a dropped trigger or index, all show as a difference. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "migrations.h"
#include "reference.h"

/* Tables that only migrations write. Workloads are seeded by a migration
 * too but users add more (audited, and replayed by verify): only the
 * seeded rows are compared. */
static const char *const REFERENCE_TABLES[] = {
	"l1", "l2", "label", "rule_page", "who_updates", "rule", "rule_prior",
	"rule_value", "rule_closes", "record_writer", "text",
};

int reference_build(int upto, sqlite3 **out)
{
	int rc = FT_OK;

	*out = NULL;
	if (sqlite3_open_v2(":memory:", out, SQLITE_OPEN_READWRITE |
			    SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK ||
	    sqlite_register_fold(*out) != SQLITE_OK)	/* for 0011 */
		rc = FT_DBERR;
	for (int i = 0; rc == FT_OK && i < upto && i < ft_migration_count; i++)
		if (sqlite3_exec(*out, ft_migrations[i].sql, NULL, NULL, NULL) !=
		    SQLITE_OK)
			rc = FT_DBERR;
	if (rc != FT_OK) {
		sqlite3_close(*out);
		*out = NULL;
	}
	return rc;
}

/* The same database made at build time (tools/reference-image.c), in the
 * binaries that link it: weak, so that those which do not (the unit tests)
 * still link, and build it when they verify. */
extern const int ft_reference_image_migrations __attribute__((weak));
extern const int ft_reference_image_sqlite __attribute__((weak));
extern const size_t ft_reference_image_size __attribute__((weak));
extern const unsigned char ft_reference_image[] __attribute__((weak));

/* The database every migration builds, serialized into *data (to free
 * with sqlite3_free()): the build's, when it was made from the same
 * migrations by the same SQLite (whose ALTER TABLE writes the schema's
 * text), else built now. */
static int serialized_reference(struct ft *ft, unsigned char **data,
				sqlite3_int64 *size)
{
	sqlite3 *ref = NULL;
	int rc;

	if (&ft_reference_image_size != NULL &&
	    ft_reference_image_migrations == ft_migration_count &&
	    ft_reference_image_sqlite == sqlite3_libversion_number()) {
		*size = (sqlite3_int64)ft_reference_image_size;
		if ((*data = sqlite3_malloc64((sqlite3_uint64)*size)) == NULL)
			return ft_fail(ft, FT_DBERR, "out of memory");
		memcpy(*data, ft_reference_image, ft_reference_image_size);
		return FT_OK;
	}
	rc = reference_build(ft_migration_count, &ref);
	*data = NULL;
	if (rc != FT_OK)
		return ft_fail(ft, FT_DBERR, "cannot build the schema the "
			       "migrations make");
	if ((*data = sqlite3_serialize(ref, "main", size, 0)) == NULL)
		rc = ft_fail(ft, FT_DBERR, "out of memory");
	sqlite3_close(ref);
	return rc;
}

/* The first schema object that differs between the database and the
 * reference: dropped, altered, or added by hand. */
static int compare_schema(struct ft *ft)
{
	struct db_stmt *st = NULL;
	int rc = db_prepare(ft, &st,
		"SELECT 'dropped', r.type, r.name FROM ftref.sqlite_schema r "
		"WHERE r.name NOT LIKE 'sqlite_%' AND NOT EXISTS (SELECT 1 FROM "
		"main.sqlite_schema m WHERE m.type = r.type AND m.name = r.name) "
		"UNION ALL SELECT 'altered', r.type, r.name FROM "
		"ftref.sqlite_schema r JOIN main.sqlite_schema m ON "
		"m.type = r.type AND m.name = r.name WHERE m.sql IS NOT r.sql "
		"UNION ALL SELECT 'added by hand', m.type, m.name FROM "
		"main.sqlite_schema m WHERE m.name NOT LIKE 'sqlite_%' AND NOT "
		"EXISTS (SELECT 1 FROM ftref.sqlite_schema r WHERE "
		"r.type = m.type AND r.name = m.name) LIMIT 1");

	if (rc != FT_OK)
		return rc;
	if (db_step(ft, st) == DB_ROW)
		rc = ft_fail(ft, FT_DBERR, "the schema is not the one the "
			     "migrations make: %s %s was %s", db_col_text(st, 1),
			     db_col_text(st, 2), db_col_text(st, 0));
	db_release(st);
	return rc;
}

/* The first row of table that is in one side only (sql assembled from the
 * constant table names above, never from user text). */
static int compare_table(struct ft *ft, const char *table, const char *where)
{
	struct db_stmt *st = NULL;
	char *sql = sqlite3_mprintf(
		"SELECT 'changed or added', * FROM (SELECT * FROM main.\"%w\" %s "
		"EXCEPT SELECT * FROM ftref.\"%w\") UNION ALL "
		"SELECT 'changed or deleted', * FROM (SELECT * FROM ftref.\"%w\" "
		"EXCEPT SELECT * FROM main.\"%w\" %s) LIMIT 1",
		table, where, table, table, table, where);
	int rc;

	if (sql == NULL)
		return ft_fail(ft, FT_DBERR, "out of memory");
	rc = db_prepare_text(ft, &st, sql);
	sqlite3_free(sql);
	if (rc != FT_OK)
		return rc;
	if (db_step(ft, st) == DB_ROW) {
		const char *a = db_col_text(st, 1), *b = db_col_text(st, 2);

		rc = ft_fail(ft, FT_DBERR, "the %s table is not the one the "
			     "migrations seed: a row was %s (%s%s%s)", table,
			     db_col_text(st, 0), a ? a : "NULL",
			     db_col_count(st) > 2 ? ", " : "",
			     db_col_count(st) > 2 ? (b ? b : "NULL") : "");
	}
	db_release(st);
	if (rc != FT_OK)
		return rc;
	/* EXCEPT sees sets: a duplicated row shows only in the counts */
	if ((sql = sqlite3_mprintf("SELECT (SELECT count(*) FROM main.\"%w\" %s) "
				   "- (SELECT count(*) FROM ftref.\"%w\")", table,
				   where, table)) == NULL)
		return ft_fail(ft, FT_DBERR, "out of memory");
	rc = db_prepare_text(ft, &st, sql);
	sqlite3_free(sql);
	if (rc != FT_OK)
		return rc;
	if (db_step(ft, st) == DB_ROW && db_col_int(st, 0) != 0)
		rc = ft_fail(ft, FT_DBERR, "the %s table is not the one the "
			     "migrations seed: it has %lld rows %s", table,
			     (long long)llabs(db_col_int(st, 0)),
			     db_col_int(st, 0) > 0 ? "too many"
							     : "too few");
	db_release(st);
	return rc;
}

/* A workload beyond the seeded ones is a user's, made by a change set:
 * one with no audit history was added behind ftrack's back. */
static int unaudited_workloads(struct ft *ft)
{
	struct db_stmt *st = NULL;
	int rc = db_prepare(ft, &st,
		"SELECT w.id, w.name FROM main.workload w WHERE w.id > (SELECT "
		"max(id) "
		"FROM ftref.workload) AND NOT EXISTS (SELECT 1 FROM main.change "
		"ch WHERE ch.entity = 'workload' AND ch.entity_id = w.id "
		"AND ch.field = 'name') LIMIT 1");

	if (rc != FT_OK)
		return rc;
	if (db_step(ft, st) == DB_ROW)
		rc = ft_fail(ft, FT_DBERR, "workload %lld ('%s') has no audit "
			     "history: it was added outside ftrack",
			     (long long)db_col_int(st, 0),
			     db_col_text(st, 1));
	db_release(st);
	return rc;
}

int reference_verify(struct ft *ft)
{
	unsigned char *data = NULL;
	sqlite3_int64 size = 0;
	int rc = serialized_reference(ft, &data, &size);

	if (rc == FT_OK)
		rc = db_exec(ft, "ATTACH DATABASE ':memory:' AS ftref");
	if (rc != FT_OK) {
		sqlite3_free(data);
		return rc;
	}
	/* the attached copy owns data from here on */
	if (sqlite3_deserialize((sqlite3 *)ft->conn, "ftref", data, size, size,
				SQLITE_DESERIALIZE_FREEONCLOSE |
				SQLITE_DESERIALIZE_READONLY) != SQLITE_OK)
		rc = db_error(ft, "cannot attach the reference schema");
	if (rc == FT_OK)
		rc = compare_schema(ft);
	for (size_t i = 0; rc == FT_OK && i < sizeof REFERENCE_TABLES /
	     sizeof REFERENCE_TABLES[0]; i++)
		rc = compare_table(ft, REFERENCE_TABLES[i], "");
	/* the seeded workloads, as seeded; the others, audited */
	if (rc == FT_OK)
		rc = compare_table(ft, "workload", "WHERE id <= (SELECT max(id) "
				   "FROM ftref.workload)");
	if (rc == FT_OK)
		rc = unaudited_workloads(ft);
	db_cache_clear(ft);
	if (db_exec(ft, "DETACH DATABASE ftref") != FT_OK && rc == FT_OK)
		rc = FT_DBERR;
	return rc;
}
