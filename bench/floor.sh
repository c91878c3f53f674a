#!/bin/sh
# The benchmark's floors: the sqlite3 shell writing the rows that ftrack
# wrote, and nothing else, on a copy of the database as it was before, so
# that the same triggers and indexes fire for the shell as for ftrack.
#
# floor.sh import BEFORE AFTER STAGE
#   The rows an import of one file wrote, from AFTER (the database after
#   the import) against BEFORE (a copy from before it): every table that
#   has a rowid, but those the schema's triggers write (they write them
#   again when the rows are loaded): the rows above BEFORE's largest
#   rowid, and (but in append-only tables, those with a TABLE_no_update
#   trigger) the rows whose values changed. Copies them into staging
#   tables in the new database STAGE (new_TABLE, upd_TABLE) and prints
#   the SQL that loads them into BEFORE with the shell: in one
#   transaction, table after table, parents before the tables whose
#   foreign keys name them, each table's new rows by one INSERT … SELECT
#   in rowid order, its changed rows by one UPDATE … FROM of the columns
#   that changed, set to their final values. Stops if a table lost rows
#   or a table without a rowid changed: the floor does not load those.
# floor.sh writes < LOG > SQL
#   The SQL that makes a write's row changes in the fewest statements, from
#   the log bench/sqltrace.c kept of ftrack's (statements separated by
#   036): in the same transaction, in the same order, but that a
#   transaction's INSERTs of the same columns into the same table, with
#   plain values (no RETURNING, no ON CONFLICT), become one multi-row
#   INSERT where the last of them was: the same rows, one statement a
#   table (ftrack's change rows: one statement, not one a field).
# floor.sh same A B
#   Succeeds if A and B hold the same rows, as far as a cheap check can
#   tell: every table's row count and largest rowid; every row of the
#   tables that are not append-only; the last 5,000 rows of those that
#   are (the writes a floor replays are the last ones).
set -eu

q() { sqlite3 -bail "$@"; }
# TABLE's depth: 0 if its foreign keys name no other table, else one more
# than its deepest parent's
order() {
	q "$1" "WITH RECURSIVE d (t, n) AS (
	  SELECT name, 0 FROM sqlite_master
	  WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
	  UNION ALL
	  SELECT f.t, d.n + 1 FROM d
	  JOIN (SELECT m.name AS t, k.\"table\" AS p FROM sqlite_master m
	        JOIN pragma_foreign_key_list(m.name) k
	        WHERE m.type = 'table' AND k.\"table\" <> m.name) f
	    ON f.p = d.t
	  WHERE d.n < 32)
	SELECT t FROM d GROUP BY t ORDER BY max(n), t"
}
# 1 if the schema's triggers write TABLE
made() {
	q "$1" "SELECT EXISTS (SELECT 1 FROM sqlite_master
	  WHERE type = 'trigger' AND (sql LIKE '%INSERT INTO $2 %'
	  OR sql LIKE '%INSERT INTO $2(%' OR sql LIKE '%UPDATE $2 SET%'
	  OR sql LIKE '%DELETE FROM $2 %'))"
}
# 1 if TABLE is append-only (refuses updates)
append_only() {
	q "$1" "SELECT EXISTS (SELECT 1 FROM sqlite_master
	  WHERE type = 'trigger' AND name = '$2_no_update')"
}
# 1 if TABLE has no rowid
no_rowid() {
	q "$1" "SELECT sql LIKE '%WITHOUT ROWID' FROM sqlite_master
	  WHERE type = 'table' AND name = '$2'"
}
# TABLE's columns, comma-separated, each prefixed with PREFIX
columns() {
	q "$1" "SELECT group_concat('$3' || '\"' || name || '\"', ', ')
	  FROM (SELECT name FROM pragma_table_info('$2') ORDER BY cid)"
}

case ${1:-} in
writes)
	awk -v RS='\036' '
	# the statements kept since the transaction began, each group of
	# INSERTs printed as one where its last member was
	function flush(   i, k) {
		for (i = 1; i <= n; i++) {
			if (st[i] != "")
				print st[i] ";"
			for (k in last)
				if (last[k] == i)
					print k " VALUES " vals[k] ";"
		}
		n = 0
		split("", st); split("", last); split("", vals)
	}
	{
		sub(/^\n/, "")
		if ($0 == "")
			next
		st[++n] = $0
		if ($0 ~ /^(BEGIN|SAVEPOINT|RELEASE|ROLLBACK|COMMIT|END)/) {
			flush()
			next
		}
		p = index($0, ") VALUES (")
		if ($0 !~ /^INSERT INTO / || p == 0)
			next
		head = substr($0, 1, p)
		v = substr($0, p + 9)
		plain = v
		gsub(/\047([^\047]|\047\047)*\047/, "", plain)
		if (head ~ /\047/ || plain !~ /^\([-+0-9.eE, ()NULx]*\)$/)
			next
		if (head in vals)
			vals[head] = vals[head] ", " v
		else
			vals[head] = v
		last[head] = n
		st[n] = ""
	}
	END { flush() }'
	;;
import)
	before=$2; after=$3; stage=$4
	rm -f "$stage"
	q "$stage" "PRAGMA journal_mode = OFF" > /dev/null
	echo "ATTACH '$stage' AS s;"
	echo "BEGIN;"
	for t in $(order "$after"); do
		[ "$(made "$after" "$t")" = 0 ] || continue
		ab="ATTACH '$before' AS b; ATTACH '$stage' AS s;"
		if [ "$(no_rowid "$after" "$t")" = 1 ]; then
			n=$(q "$after" "$ab SELECT (SELECT count(*) FROM
			  (SELECT * FROM main.\"$t\" EXCEPT SELECT * FROM b.\"$t\"))
			  + (SELECT count(*) FROM
			  (SELECT * FROM b.\"$t\" EXCEPT SELECT * FROM main.\"$t\"))")
			[ "$n" = 0 ] || {
				echo "floor: $t changed and has no rowid" >&2
				exit 1
			}
			continue
		fi
		top=$(q "$before" "SELECT coalesce(max(rowid), 0) FROM \"$t\"")
		was=$(q "$before" "SELECT count(*) FROM \"$t\"")
		kept=$(q "$after" "SELECT count(*) FROM \"$t\" WHERE rowid <= $top")
		[ "$was" = "$kept" ] || {
			echo "floor: $t lost rows ($was, then $kept)" >&2
			exit 1
		}
		new=$(q "$after" "$ab CREATE TABLE s.\"new_$t\" AS
		  SELECT * FROM main.\"$t\" WHERE rowid > $top ORDER BY rowid;
		  SELECT count(*) FROM s.\"new_$t\"")
		[ "$new" = 0 ] ||
			echo "INSERT INTO main.\"$t\" SELECT * FROM s.\"new_$t\" ORDER BY rowid;"
		[ "$(append_only "$after" "$t")" = 0 ] || continue
		# the rows whose values changed, and which columns did
		cols=$(q "$after" "SELECT name FROM pragma_table_info('$t') ORDER BY cid")
		differs=
		for c in $cols; do
			differs="$differs${differs:+ OR }a.\"$c\" IS NOT o.\"$c\""
		done
		q "$after" "$ab CREATE TABLE s.\"upd_$t\" AS
		  SELECT a.rowid AS rid_, a.* FROM main.\"$t\" a
		  JOIN b.\"$t\" o ON o.rowid = a.rowid WHERE $differs
		  ORDER BY a.rowid"
		# one pass: for each column, whether some row changed it
		flags=
		for c in $cols; do
			flags="$flags${flags:+ || }coalesce(max(a.\"$c\" IS NOT o.\"$c\"), 0)"
		done
		flags=$(q "$after" "$ab SELECT $flags FROM s.\"upd_$t\" a
		  JOIN b.\"$t\" o ON o.rowid = a.rid_")
		set_=
		for c in $cols; do
			case $flags in 1*) set_="$set_${set_:+, }\"$c\" = u.\"$c\"" ;; esac
			flags=${flags#?}
		done
		[ -z "$set_" ] ||
			echo "UPDATE main.\"$t\" SET $set_ FROM s.\"upd_$t\" AS u WHERE main.\"$t\".rowid = u.rid_;"
	done
	echo "COMMIT;"
	;;
same)
	a=$2; b=$3
	sum() {
		for t in $(order "$1"); do
			case $(no_rowid "$1" "$t") in
			1) top=0 ;;
			*) top=$(q "$1" "SELECT coalesce(max(rowid), 0) FROM \"$t\"") ;;
			esac
			if [ "$(append_only "$1" "$t")" = 1 ]; then
				rows="SELECT * FROM \"$t\" WHERE rowid > $top - 5000"
			else
				rows="SELECT * FROM \"$t\""
			fi
			q "$1" "SELECT '$t', count(*), $top, sha3_query('$rows')
			  FROM \"$t\""
		done
		q "$1" "SELECT * FROM sqlite_sequence ORDER BY name"
	}
	sum "$a" > "$a.sum"
	sum "$b" > "$b.sum"
	if ! cmp -s "$a.sum" "$b.sum"; then
		echo "floor: $a and $b differ:" >&2
		diff "$a.sum" "$b.sum" >&2 || true
		rm -f "$a.sum" "$b.sum"
		exit 1
	fi
	rm -f "$a.sum" "$b.sum"
	;;
*)
	echo "usage: floor.sh import BEFORE AFTER STAGE | writes | same A B" >&2
	exit 2
	;;
esac
