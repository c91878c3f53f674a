#!/bin/sh
# Applies the PostgreSQL migrations (migrations/pg/, includes expanded) that
# the database lacks, each in its own transaction under the migration lock,
# with the statements ftrack's own runner uses for the schema version: a
# reference for it, and what the schema tools build their database with.
# Usage: pg-migrate.sh CONNINFO
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
n=0
for f in "$root"/migrations/pg/[0-9]*.sql; do
	{
		cat <<EOF
SET client_min_messages = warning;
BEGIN;
-- 1179931211 is 'FTRK', ftrack's SQLite application_id; 1: migrations
SELECT pg_advisory_xact_lock(1179931211, 1);
CREATE TABLE IF NOT EXISTS ftrack_schema (
  id      INTEGER PRIMARY KEY DEFAULT 1 CHECK (id = 1),
  version INTEGER NOT NULL CHECK (version >= 0)
);
INSERT INTO ftrack_schema (id, version) VALUES (1, 0)
  ON CONFLICT (id) DO NOTHING;
SELECT version <> $n AS skip FROM ftrack_schema WHERE id = 1 \gset
\if :skip
COMMIT;
\else
EOF
		sh "$root/tools/embed-migrations.sh" --expand "$f"
		cat <<EOF
;
UPDATE ftrack_schema SET version = $((n + 1)) WHERE id = 1;
COMMIT;
\endif
EOF
	} | psql -X -q -v ON_ERROR_STOP=1 -d "$1" -f - >/dev/null ||
		{ echo "pg-migrate.sh: $(basename "$f") failed" >&2; exit 1; }
	n=$((n + 1))
done
