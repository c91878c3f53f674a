/* verify's engine checks on PostgreSQL, and backup. */
#include <stdio.h>
#include <string.h>

#include "db.h"
#include "driver.h"
#include "pg.h"

/* The server enforces every constraint and foreign key as it writes, and
 * keeps its pages' checksums itself: nothing for ftrack to walk. */
int pg_integrity(struct ft *ft)
{
	(void)ft;
	return FT_OK;
}

int pg_check_schema(struct ft *ft)
{
	(void)ft;
	return FT_OK;
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
		"subscription, entitlement, ftrack_sequence TO ftrack_app; "
		"GRANT INSERT ON changeset, change, declaration, seal "
		"TO ftrack_app; "
		"END IF; END $grant$");
}
