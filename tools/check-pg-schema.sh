#!/bin/sh
# Checks the PostgreSQL migrations against the SQLite ones: migrations/pg/
# build schema/schema-pg.sql; a new PostgreSQL database and a new SQLite one
# (ftrack init) have the same tables and columns, the same index and trigger
# names (less PostgreSQL's own: the NOCASE indexes, id and TRUNCATE
# triggers), every text column COLLATE "C", and the same rules, reference
# and text rows. The databases are throw-away ones on the server CONNINFO
# names (its role may create databases).
# Usage: check-pg-schema.sh CONNINFO [FTRACK-BINARY]
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
bin=${2:-$root/build/ftrack}
. "$root/tools/pg-scratch.sh"
tmp=$(mktemp -d)
trap 'scratch_drop; rm -rf "$tmp"' EXIT
trap 'exit 1' HUP INT TERM
failed=0

# same WHAT: fails the check when $tmp/sqlite and $tmp/pg differ.
same() {
	if ! diff -u --label "SQLite $1" --label "PostgreSQL $1" \
		"$tmp/sqlite" "$tmp/pg"; then
		failed=1
	fi
}
lite() { sqlite3 -batch -noheader -separator '|' -nullvalue '\N' \
	"$tmp/ftrack.db" "$1"; }
pg() { psql -X -q -At -F '|' -P 'null=\N' -v ON_ERROR_STOP=1 \
	-d "$scratch" -c "$1"; }

sh "$root/tools/dump-schema-pg.sh" "$1" > "$tmp/schema-pg.sql"
if ! diff -u "$root/schema/schema-pg.sql" "$tmp/schema-pg.sql"; then
	echo "migrations/pg/ do not build schema/schema-pg.sql" \
	     "(run 'make schema PG=CONNINFO' with PostgreSQL 15)" >&2
	failed=1
fi

"$bin" --db "$tmp/ftrack.db" init >/dev/null
scratch_db "$1"
sh "$root/tools/pg-migrate.sh" "$scratch"

lite "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE
      'sqlite_%' ORDER BY name" > "$tmp/tables"
while read -r t; do
	lite "SELECT '$t: ' || group_concat(name, ', ')
	      FROM (SELECT name FROM pragma_table_info('$t') ORDER BY cid)"
done < "$tmp/tables" > "$tmp/sqlite"
pg "SELECT table_name || ': ' || string_agg(column_name, ', '
    ORDER BY ordinal_position) FROM information_schema.columns
    WHERE table_schema = current_schema() AND table_name NOT IN
    ('ftrack_schema', 'ftrack_sequence') GROUP BY table_name
    ORDER BY table_name COLLATE \"C\"" > "$tmp/pg"
same "tables and columns"

lite "SELECT name FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL
      ORDER BY name" > "$tmp/sqlite"
pg "SELECT indexname FROM pg_indexes WHERE schemaname = current_schema()
    AND indexname NOT IN (SELECT conname FROM pg_constraint)
    AND indexname NOT LIKE '%\\_nocase' ORDER BY indexname COLLATE \"C\"" \
	> "$tmp/pg"
same "indexes"

lite "SELECT name FROM sqlite_schema WHERE type = 'trigger' ORDER BY name" \
	> "$tmp/sqlite"
pg "SELECT DISTINCT tgname COLLATE \"C\" FROM pg_trigger t
    JOIN pg_class c ON c.oid = t.tgrelid
    WHERE c.relnamespace = CAST(current_schema() AS regnamespace)
    AND NOT tgisinternal AND tgname !~ '_(next_id|no_truncate|sequence)\$'
    ORDER BY 1" > "$tmp/pg"
same "triggers"

: > "$tmp/sqlite"
pg "SELECT table_name || '.' || column_name FROM information_schema.columns
    WHERE table_schema = current_schema() AND data_type = 'text'
    AND collation_name IS DISTINCT FROM 'C'" > "$tmp/pg"
same "text columns not COLLATE \"C\""

# Every row the migrations write (workloads: the seeded ones).
for t in l1 l2 label rule_page who_updates rule rule_prior rule_value \
	 rule_closes record_writer text workload; do
	cols=$(lite "SELECT group_concat(name, ', ') FROM
		     (SELECT name FROM pragma_table_info('$t') ORDER BY cid)")
	order=$(echo "$cols" | sed 's/,/ NULLS FIRST,/g; s/$/ NULLS FIRST/')
	q="SELECT $cols FROM $t ORDER BY $order"
	{ echo "$t"; lite "$q"; } > "$tmp/sqlite"
	{ echo "$t"; pg "$q"; } > "$tmp/pg"
	same "rows of $t"
done

[ "$failed" -eq 0 ] && echo "PostgreSQL migrations: ok"
exit "$failed"
