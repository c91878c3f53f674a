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
    AND NOT tgisinternal AND tgname !~ '_(next_id|no_truncate|sequence|who_is_role)\$'
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

# The same statements on both: the ids given, and what is refused (with
# ftrack's own message where a trigger refuses it).
probe() {
	while IFS= read -r q; do
		if [ "$1" = sqlite ]; then
			out=$(echo "$q" | sed "s/@HASH@/zeroblob(32)/" |
			      sqlite3 -batch -cmd "PRAGMA foreign_keys = ON" \
				"$tmp/ftrack.db" 2>&1) && status=0 || status=1
		else
			out=$(echo "$q" |
			      sed "s/@HASH@/decode(repeat('00', 32), 'hex')/" |
			      psql -X -q -At -v ON_ERROR_STOP=1 -d "$scratch" \
				2>&1) && status=0 || status=1
		fi
		if [ "$status" -eq 0 ]; then
			echo "ok $(echo "$out" | tr '\n' ' ')"
		else
			case $out in
			*"the audit history is append-only"*)
				echo "refused: the audit history is append-only" ;;
			*"the change set is sealed"*)
				echo "refused: the change set is sealed" ;;
			*) echo "refused" ;;
			esac
		fi
	done < "$tmp/probes.sql"
}
cat > "$tmp/probes.sql" <<'EOF'
INSERT INTO workload (name, created_at) VALUES ('Probe', 't') RETURNING id;
INSERT INTO workload (name, created_at) VALUES ('PROBE', 't') RETURNING id;
INSERT INTO customer (name, created_at) VALUES ('A', 't') RETURNING id;
INSERT INTO customer (name, created_at) VALUES ('B', 't') RETURNING id;
INSERT INTO customer (name, created_at) VALUES ('b', 't') RETURNING id;
DELETE FROM customer WHERE id = 2;
INSERT INTO customer (name, created_at) VALUES ('C', 't') RETURNING id;
INSERT INTO customer (id, name, created_at) VALUES (10, 'D', 't') RETURNING id;
DELETE FROM customer WHERE id = 10;
INSERT INTO customer (name, created_at) VALUES ('E', 't') RETURNING id;
INSERT INTO customer (name, created_at, phase) VALUES ('F', 't', 'delivery');
INSERT INTO subscription (customer_id, code, created_at) VALUES (1, 'S-1', 't') RETURNING id;
INSERT INTO subscription (customer_id, code, created_at) VALUES (99, 'S-2', 't') RETURNING id;
INSERT INTO entitlement (subscription_id, workload_id, l1, updated_by, updated_at, target_date) VALUES (1, 1, 'in_progress', 'w', 't', '2024-02-29') RETURNING id;
INSERT INTO entitlement (subscription_id, workload_id, l1, updated_by, updated_at, target_date) VALUES (1, 2, 'in_progress', 'w', 't', '2023-02-29') RETURNING id;
INSERT INTO entitlement (subscription_id, workload_id, l1, l2, updated_by, updated_at) VALUES (1, 3, 'no_intent', 'adoption', 'w', 't') RETURNING id;
INSERT INTO entitlement (subscription_id, workload_id, l1, l2, updated_by, updated_at, scenario) VALUES (1, 4, 'no_intent', 'competitive_solution', 'w', 't', 'B1') RETURNING id;
INSERT INTO entitlement (subscription_id, workload_id, l1, updated_by, updated_at, next_action) VALUES (1, 5, 'blocked', 'w', 't', 'kickoff_meeting') RETURNING id;
INSERT INTO app_user (name, role, created_at, email) VALUES ('u', 'delivery_fm', 't', 'a b@c') RETURNING id;
INSERT INTO app_user (name, role, created_at, email) VALUES ('v', 'delivery_fm', 't', 'v@example.org') RETURNING id;
INSERT INTO changeset (at, who, what) VALUES ('t', 'w', 'x') RETURNING id;
INSERT INTO changeset (at, who, what, customer_id, scenario) VALUES ('t', 'w', 'x', 42, '5') RETURNING id;
UPDATE changeset SET what = 'y' WHERE id = 1;
DELETE FROM changeset WHERE id = 1;
INSERT INTO changeset (id, at, who, what) VALUES (1, 't', 'w', 'x');
INSERT INTO declaration (at, who, customer_id, declared, changeset_id) VALUES ('t', 'w', 1, 'no_intent', 1) RETURNING id;
INSERT INTO declaration (at, who, customer_id, declared, changeset_id) VALUES ('t', 'w', 1, 'no_intent', 1) RETURNING id;
UPDATE declaration SET notes = 'n';
INSERT INTO change (changeset_id, entity, entity_id, field) VALUES (1, 'user', 1, 'name') RETURNING id;
INSERT INTO change (id, changeset_id, entity, entity_id, field) VALUES (1, 1, 'user', 1, 'name');
INSERT INTO seal (changeset_id, hash) VALUES (1, @HASH@);
INSERT INTO seal (changeset_id, hash, format) VALUES (2, @HASH@, 3);
INSERT INTO seal (changeset_id, hash) VALUES (1, @HASH@);
INSERT INTO change (changeset_id, entity, entity_id, field) VALUES (1, 'user', 1, 'name');
UPDATE seal SET format = 2;
DELETE FROM seal;
DELETE FROM change;
INSERT INTO text (key, lang, value) VALUES ('probe', 'ES', 'x');
EOF
probe sqlite > "$tmp/sqlite"
probe pg > "$tmp/pg"
same "probes"

[ "$failed" -eq 0 ] && echo "PostgreSQL migrations: ok"
exit "$failed"
