/* The statements whose SQL the engines cannot share, each named once with
 * its text for each engine (docs/sql.md says why each differs). */
#include "db.h"
#include "dialect.h"

static const struct {
	const char *sqlite, *pg;
} statements[] = {
	/* A table whose next id would be one its history already names.
	 * SQLite's AUTOINCREMENT keeps the largest id it gave in
	 * sqlite_sequence; the PostgreSQL migrations (0016) give the next id
	 * past the largest of the table's ids and the largest deleted one,
	 * which ftrack_sequence keeps. */
#define USED "WITH t(name, entity) AS (VALUES ('customer', 'customer'), " \
	"('app_user', 'user'), ('workload', 'workload'), ('subscription', " \
	"'subscription'), ('entitlement', 'entitlement')), u AS (SELECT " \
	"t.name, (SELECT max(entity_id) FROM change WHERE entity = " \
	"t.entity) AS used FROM t) SELECT u.name, u.used FROM u "
	[SQL_SEQUENCE_BEHIND] = {
		USED "WHERE u.used > coalesce((SELECT seq FROM "
		"sqlite_sequence s WHERE s.name = u.name), 0) LIMIT 1",
		USED "WHERE u.used > greatest(coalesce((SELECT seq FROM "
		"ftrack_sequence s WHERE s.name = u.name), 0), coalesce(CASE "
		"u.name WHEN 'customer' THEN (SELECT max(id) FROM customer) "
		"WHEN 'app_user' THEN (SELECT max(id) FROM app_user) "
		"WHEN 'workload' THEN (SELECT max(id) FROM workload) "
		"WHEN 'subscription' THEN (SELECT max(id) FROM subscription) "
		"ELSE (SELECT max(id) FROM entitlement) END, 0)) LIMIT 1"},
	/* A copy keeps each table's sequence: the larger of its seq and its
	 * largest id is the same number on both engines. */
	[SQL_SEQUENCES_READ] = {"SELECT name, seq FROM sqlite_sequence",
				"SELECT name, seq FROM ftrack_sequence"},
	[SQL_SEQUENCE_FORGET] = {
		"DELETE FROM sqlite_sequence WHERE name = :name",
		"DELETE FROM ftrack_sequence WHERE name = :name"},
	[SQL_SEQUENCE_KEEP] = {
		"INSERT INTO sqlite_sequence (name, seq) VALUES (:name, :seq)",
		"INSERT INTO ftrack_sequence (name, seq) VALUES (:name, :seq)"},
	/* Change sets by a list of ids bound as one text, a JSON array
	 * (one statement for a slice of records, not one a record): each
	 * row's position in the list from 0, who, role, at; none for an id
	 * no change set has. */
	[SQL_CHANGESETS_LISTED] = {
		"SELECT CAST(j.key AS INTEGER), cs.who, cs.role, cs.at FROM "
		"json_each(:ids) j JOIN changeset cs ON cs.id = j.value",
		"SELECT j.n - 1, cs.who, cs.role, cs.at FROM "
		"json_array_elements_text(CAST(:ids AS json)) WITH ORDINALITY "
		"AS j(value, n) JOIN changeset cs ON cs.id = "
		"CAST(j.value AS BIGINT)"},
	/* The ids of such a list, for an IN: an index descent an id
	 * (verify --since's entitlements, a slice at a time). */
	[SQL_IDS_LISTED] = {
		"SELECT value FROM json_each(:ids)",
		"SELECT CAST(value AS BIGINT) FROM "
		"json_array_elements_text(CAST(:ids AS json))"},
};

const char *db_dialect(struct ft *ft, enum db_dialect_sql which)
{
	return db_is_pg(ft) ? statements[which].pg : statements[which].sqlite;
}
