/* verify's engine checks on PostgreSQL, and backup. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "driver.h"
#include "migrations.h"
#include "pg.h"

/* The server enforces every constraint and foreign key as it writes, and
 * keeps its pages' checksums itself: nothing for ftrack to walk, quick or
 * not. */
int pg_integrity(struct ft *ft, bool quick)
{
	(void)ft;
	(void)quick;
	return FT_OK;
}

/* The scratch schema the migrations are replayed into, in a transaction
 * that is always rolled back. */
#define REF "ftrack_reference"

/* Tables that only migrations write (workloads: the seeded rows). */
static const char *const REFERENCE_TABLES[] = {
	"l1", "l2", "label", "rule_page", "who_updates", "rule", "rule_prior",
	"rule_value", "rule_closes", "record_writer", "text",
};

/* Every schema object of schema s as (kind, name, def), the schema's own
 * name taken out of the definitions. */
#define OBJECTS(s) \
	"SELECT 'table', c.relname, c.relkind::text FROM pg_class c JOIN " \
	"pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = " s " " \
	"AND c.relkind IN ('r', 'v', 'm', 'S', 'f', 'p') " \
	"UNION ALL SELECT 'column', table_name || '.' || column_name, " \
	"concat_ws(' ', ordinal_position, data_type, is_nullable, " \
	"column_default, collation_name) FROM information_schema.columns " \
	"WHERE table_schema = " s " " \
	"UNION ALL SELECT 'index', indexname, replace(indexdef, " \
	"quote_ident(" s ") || '.', '') FROM pg_indexes WHERE schemaname = " \
	s " UNION ALL SELECT 'constraint', c.relname || '.' || o.conname, " \
	"replace(pg_get_constraintdef(o.oid), quote_ident(" s ") || '.', " \
	"'') FROM pg_constraint o JOIN pg_class c " \
	"ON c.oid = o.conrelid JOIN pg_namespace n ON n.oid = " \
	"c.relnamespace WHERE n.nspname = " s " " \
	"UNION ALL SELECT 'trigger', c.relname || '.' || t.tgname, " \
	"replace(pg_get_triggerdef(t.oid), quote_ident(" s ") || '.', '') " \
	"|| ' enabled ' || CAST(t.tgenabled AS TEXT) " \
	"FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN " \
	"pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = " s " " \
	"AND NOT t.tgisinternal UNION ALL SELECT 'function', p.proname || " \
	"'(' || pg_get_function_identity_arguments(p.oid) || ')', p.prosrc " \
	"FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace " \
	"WHERE n.nspname = " s

/* The first object that differs between the database's schema and the
 * replayed one: dropped, altered, or added by hand. */
static int compare_objects(struct ft *ft)
{
	struct db_stmt *st = NULL;
	int rc = db_prepare(ft, &st,
		"WITH m(kind, name, def) AS (" OBJECTS("current_schema()") "), "
		"r(kind, name, def) AS (" OBJECTS("'" REF "'") ") "
		"SELECT 'dropped', r.kind, r.name FROM r WHERE NOT EXISTS "
		"(SELECT 1 FROM m WHERE m.kind = r.kind AND m.name = r.name) "
		"UNION ALL SELECT 'altered', m.kind, m.name FROM m JOIN r ON "
		"r.kind = m.kind AND r.name = m.name WHERE m.def IS DISTINCT "
		"FROM r.def UNION ALL SELECT 'added by hand', m.kind, m.name "
		"FROM m WHERE NOT EXISTS (SELECT 1 FROM r WHERE r.kind = m.kind "
		"AND r.name = m.name) ORDER BY 2, 3 LIMIT 1");

	if (rc != FT_OK)
		return rc;
	if (db_step(ft, st) == DB_ROW)
		rc = ft_fail(ft, FT_DBERR, "the schema is not the one the "
			     "migrations make: %s %s was %s", db_col_text(st, 1),
			     db_col_text(st, 2), db_col_text(st, 0));
	db_release(st);
	return rc;
}

/* The first row of table in one side only (SQL from the constant names
 * above, never from user text). */
static int compare_rows(struct ft *ft, const char *table, const char *where)
{
	struct db_stmt *st = NULL;
	char *sql = str_printf(
		"SELECT 'changed or added', CAST(x AS TEXT) FROM (SELECT * FROM "
		"%s %s EXCEPT ALL SELECT * FROM " REF ".%s) x UNION ALL "
		"SELECT 'changed or deleted', CAST(y AS TEXT) FROM (SELECT * "
		"FROM " REF ".%s EXCEPT ALL SELECT * FROM %s %s) y LIMIT 1",
		table, where, table, table, table, where);
	int rc;

	if (sql == NULL)
		return ft_fail(ft, FT_DBERR, "out of memory");
	rc = db_prepare_text(ft, &st, sql);
	free(sql);
	if (rc != FT_OK)
		return rc;
	if (db_step(ft, st) == DB_ROW)
		rc = ft_fail(ft, FT_DBERR, "the %s table is not the one the "
			     "migrations seed: a row was %s %s", table,
			     db_col_text(st, 0), db_col_text(st, 1));
	db_release(st);
	return rc;
}

/* Replays the migrations into a scratch schema and compares: what only
 * migrations write (schema, rules, reference data, seeded workloads) must
 * be the same. DDL is transactional here: the replay is rolled back. A
 * role that may not create a schema cannot replay; it is told so. */
int pg_check_schema(struct ft *ft)
{
	struct db_stmt *st = NULL;
	char *path = NULL;
	int rc = db_prepare(ft, &st, "SELECT CASE WHEN has_database_privilege("
			    "current_database(), 'CREATE') THEN 1 ELSE 0 END, "
			    "current_setting('search_path')");

	if (rc == FT_OK && db_step(ft, st) == DB_ROW && db_col_int(st, 0) == 1)
		path = strdup(db_col_text(st, 1));
	else if (rc == FT_OK && ft->warn != NULL)
		ft->warn(ft->warn_arg, "the schema, rules and reference data "
			 "were not compared with the migrations: this role may "
			 "not create the scratch schema (verify as the owner)");
	db_release(st);
	if (rc != FT_OK || path == NULL)
		return rc;
	rc = db_exec(ft, "BEGIN; CREATE SCHEMA " REF "; SET LOCAL search_path "
		     "TO " REF);
	for (int i = 0; rc == FT_OK && i < ft_pg_migration_count; i++)
		rc = db_exec(ft, ft_pg_migrations[i].sql);
	if (rc == FT_OK)
		rc = db_exec(ft, PG_VERSION_TABLE);
	if (rc == FT_OK && (rc = db_prepare(ft, &st, "SELECT set_config("
				"'search_path', :path, true)")) == FT_OK) {
		db_bind_text(ft, st, ":path", path);
		rc = db_step(ft, st) == DB_ROW ? FT_OK : FT_DBERR;
		db_release(st);
	}
	if (rc == FT_OK)
		rc = compare_objects(ft);
	for (size_t i = 0; rc == FT_OK && i < sizeof REFERENCE_TABLES /
	     sizeof REFERENCE_TABLES[0]; i++)
		rc = compare_rows(ft, REFERENCE_TABLES[i], "");
	if (rc == FT_OK)
		rc = compare_rows(ft, "workload", "WHERE id IN (SELECT id FROM "
				  REF ".workload)");
	/* (after a failed statement too: the transaction is dropped) */
	db_exec(ft, "ROLLBACK");
	free(path);
	return rc;
}

/* The audit tables: a role that may change or remove their rows can
 * rewrite the history. */
#define AUDIT_TABLES "('changeset'), ('change'), ('declaration'), ('seal')"

int pg_protections(struct ft *ft, struct ft_verify_report *r)
{
	struct db_stmt *st = NULL;
	int step, rc = db_prepare(ft, &st,
		"SELECT coalesce(g.rolname, 'PUBLIC'), a.privilege_type, "
		"c.relname, pg_get_userbyid(c.relowner) "
		"FROM (VALUES " AUDIT_TABLES ") t(name) "
		"JOIN pg_class c ON c.relname = t.name AND c.relnamespace = "
		"(SELECT oid FROM pg_namespace WHERE nspname = current_schema()) "
		"LEFT JOIN LATERAL aclexplode(c.relacl) a ON true "
		"LEFT JOIN pg_roles g ON g.oid = a.grantee "
		"ORDER BY CASE WHEN a.grantee IS NOT NULL AND a.grantee <> "
		"c.relowner AND a.privilege_type IN ('UPDATE', 'DELETE', "
		"'TRUNCATE') THEN 0 ELSE 1 END, c.relname, g.rolname "
		"NULLS FIRST, a.privilege_type NULLS FIRST");

	if (rc != FT_OK)
		return rc;
	/* the first row is a role that may rewrite, if any */
	if ((step = db_step(ft, st)) == DB_ROW) {
		const char *grantee = db_col_text(st, 0);
		const char *priv = db_col_text(st, 1);
		const char *owner = db_col_text(st, 3);
		bool open = priv != NULL && strcmp(grantee, owner) != 0 &&
			    (strcmp(priv, "UPDATE") == 0 ||
			     strcmp(priv, "DELETE") == 0 ||
			     strcmp(priv, "TRUNCATE") == 0);

		r->protection = open ? "msg.protect_open" : "msg.protect_grants";
		snprintf(r->protection_args[0], sizeof r->protection_args[0],
			 "%s", open ? grantee : owner);
		if (open) {
			snprintf(r->protection_args[1],
				 sizeof r->protection_args[1], "%s", priv);
			snprintf(r->protection_args[2],
				 sizeof r->protection_args[2], "%s",
				 db_col_text(st, 2));
		}
	} else if (step < 0) {
		rc = FT_DBERR;
	}
	db_release(st);
	return rc;
}

int pg_grant(struct ft *ft)
{
	/* an application role the team's people log in through (docs);
	 * without one, the owner alone uses the database */
	return db_exec(ft,
		"DO $grant$ BEGIN "
		"IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'ftrack_app') "
		"THEN "
		"EXECUTE format('REVOKE ALL ON ALL TABLES IN SCHEMA %I FROM "
		"PUBLIC', current_schema()); "
		"EXECUTE format('GRANT USAGE ON SCHEMA %I TO ftrack_app', "
		"current_schema()); "
		"EXECUTE format('GRANT SELECT ON ALL TABLES IN SCHEMA %I TO "
		"ftrack_app', current_schema()); "
		"GRANT INSERT, UPDATE, DELETE ON customer, app_user, workload, "
		"subscription, entitlement, ftrack_sequence, no_intent_service, "
		"no_intent_l2, no_intent_account, no_intent_shown TO ftrack_app; "
		"GRANT INSERT ON changeset, change, declaration, seal "
		"TO ftrack_app; "
		"END IF; END $grant$");
}
