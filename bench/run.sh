#!/bin/sh
# The benchmark: generates the data set at each size (a fixed seed), then
# measures ftrack against the sqlite3 shell on the same machine in the same
# run, and the PostgreSQL backend beside it against psql: the same rows,
# copied from the SQLite file with `ftrack copy --to`, on a throw-away
# cluster (tools/pg-cluster.sh, fsync off) started for the run. Writes the
# table to bench/results.md.
# Usage: run.sh FTRACK GEN MEASURE [CUSTOMERS ...]   (default: 1000 100000)
# BENCH_PG=0 leaves PostgreSQL out.
set -eu
ftrack=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
gen=$2
measure=$3
shift 3
sizes=${*:-"1000 100000"}
top=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/ftrack-bench.XXXXXX")
pg=${BENCH_PG:-1}
# The cluster's folder: its own (the server may run as another user than
# the work folder's), short enough for a socket's path.
pgdir=
if [ "$pg" = 1 ]; then
	pgdir=$(mktemp -d /tmp/ftrack-bench-pg.XXXXXX)
	chmod 0755 "$pgdir"
fi
cleanup() {
	[ -z "$pgdir" ] || sh "$top/tools/pg-cluster.sh" stop "$pgdir" || true
	rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
rows=$work/rows.md
cmp=$work/cmp.md
rtt=$work/rtt.md
: > "$rows"; : > "$cmp"; : > "$rtt"
if [ "$pg" = 1 ]; then
	sh "$top/tools/pg-cluster.sh" start "$pgdir"
	purl() { sh "$top/tools/pg-cluster.sh" url "$pgdir" "$@"; }
	# as the cluster's superuser
	padmin() { psql -X -q -v ON_ERROR_STOP=1 -d "$(purl postgres)" "$@"; }
	mkdb() {
		padmin -c "CREATE DATABASE $1 OWNER ftrack_owner TEMPLATE ${2:-template0} ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'"
	}
	pgversion=$(psql -X -A -t -d "$(purl postgres)" -c "SHOW server_version" | cut -d' ' -f1)
fi

# median of the numbers on stdin
median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
# measure: prints "ms kib"
m() { "$measure" "$@"; }
# a row of the results table: figure, engine, ftrack, baseline, ratio,
# target, met
row() { printf '| %s | %s | %s | %s | %s | %s | %s |\n' "$@" >> "$rows"; echo "  $1 [$2]: $3 (baseline $4, ratio $5; target $6: $7)"; }
# a row of the engines' comparison: figure, SQLite, PostgreSQL, how many
# times SQLite's time PostgreSQL takes (from ms, or from rows/s)
cmp_ms() { printf '| %s | %s | %s | %s |\n' "$1" "$2" "$3" "$(awk "BEGIN { printf \"%.2fx\", $3 / $2 }")" >> "$cmp"; }
cmp_rate() { printf '| %s | %s | %s | %s |\n' "$1" "$2" "$3" "$(awk "BEGIN { printf \"%.2fx\", $2 / $3 }")" >> "$cmp"; }
ok() { awk "BEGIN { exit !($1) }" && echo yes || echo "**no**"; }
mib() { awk "BEGIN { printf \"%.1f MiB\", $1 / 1024 }"; }

# rows/s from rows and ms
rate() { awk "BEGIN { printf \"%.0f\", $1 / $2 * 1000 }"; }
# the figure of a row already written (column 3: ftrack's) for the engines'
# comparison
fig() { grep -F "| $1 | $2 |" "$rows" | tail -n 1 | awk -F' [|] ' '{ print $3 }'; }

# The statements one command sends, from the server's log: every parse,
# bind, execute and simple query is logged with its duration while
# log_min_duration_statement is 0. Appends a line to $rtt.
pg_trace() {
	what=$1; shift
	log=$pgdir/server.log
	padmin -c "ALTER SYSTEM SET log_min_duration_statement = 0" \
	       -c "SELECT pg_reload_conf()" > /dev/null
	sleep 0.3
	from=$(($(wc -l < "$log") + 1))
	out=$(m "$@")
	sleep 0.3
	padmin -c "ALTER SYSTEM RESET log_min_duration_statement" \
	       -c "SELECT pg_reload_conf()" > /dev/null
	tail -n +"$from" "$log" | grep 'application_name\|duration:' |
	  grep -v 'pg_reload_conf\|ALTER SYSTEM' > "$work/trace" || true
	set -- $out
	awk -v what="$what" -v wall="$1" '
	  / duration: / {
		for (i = 1; i <= NF; i++) if ($i == "duration:") { d = $(i + 1); k = $(i + 3) }
		t += d
		if (k == "parse") parse++
		else if (k == "execute") exec++
		else if (k == "statement:") simple++
		if (k == "execute" || k == "statement:") {
			s = $0; sub(/.* (execute [^:]*|statement): /, "", s)
			if (d > top) { top = d; topq = substr(s, 1, 60) }
		}
	  }
	  END {
		printf "| %s | %s | %d | %d | %d | %d | %.1f | %s (%.1f ms) |\n",
		  what, wall, parse + exec + simple, parse, exec, simple, t,
		  topq, top
	  }' "$work/trace" >> "$rtt"
}

for customers in $sizes; do
	dir=$work/$customers
	mkdir -p "$dir"
	info=$("$gen" "$customers" "$dir")
	ents=$(echo "$info" | awk '{ print $5 }')
	echo "== $info"
	label="$ents entitlements"
	db=$dir/ftrack.db
	export FTRACK_USER=bench
	engines=sqlite
	if [ "$pg" = 1 ]; then
		engines="sqlite pg"
		# a fresh database for ftrack's import, one for psql's \copy
		mkdb "imp_$customers"; mkdb "base_$customers"
	fi

	# Import, kind by kind, against the shell's .import (psql's \copy)
	# of the same rows into a table with the same columns and indexes.
	base=$dir/base.db
	sqlite3 "$base" "
	  CREATE TABLE customers (name TEXT UNIQUE COLLATE NOCASE,
	    tenant TEXT UNIQUE COLLATE NOCASE, managed TEXT);
	  CREATE TABLE subscriptions (customer TEXT, subscription TEXT COLLATE NOCASE,
	    workload TEXT, UNIQUE (subscription, workload));
	  CREATE INDEX subscriptions_customer ON subscriptions (customer);
	  CREATE TABLE statuses (customer TEXT, workload TEXT, l1 TEXT, l2 TEXT,
	    subscription TEXT, notes TEXT, engagement TEXT,
	    next_action_date TEXT, target_date TEXT);
	  CREATE INDEX statuses_service ON statuses (customer, workload);
	  CREATE TABLE declarations (customer TEXT, workload TEXT, declared TEXT,
	    l2 TEXT, notes TEXT);
	  CREATE INDEX declarations_service ON declarations (customer, workload);"
	if [ "$pg" = 1 ]; then
		# NOCASE as ftrack's PostgreSQL tables have it: unique on lower()
		psql -X -q -v ON_ERROR_STOP=1 -d "$(purl "base_$customers" ftrack_owner)" -c "
		  CREATE TABLE customers (name TEXT, tenant TEXT, managed TEXT);
		  CREATE UNIQUE INDEX customers_name ON customers (lower(name));
		  CREATE UNIQUE INDEX customers_tenant ON customers (lower(tenant));
		  CREATE TABLE subscriptions (customer TEXT, subscription TEXT,
		    workload TEXT);
		  CREATE UNIQUE INDEX subscriptions_key ON subscriptions
		    (lower(subscription), workload);
		  CREATE INDEX subscriptions_customer ON subscriptions (customer);
		  CREATE TABLE statuses (customer TEXT, workload TEXT, l1 TEXT,
		    l2 TEXT, subscription TEXT, notes TEXT, engagement TEXT,
		    next_action_date TEXT, target_date TEXT);
		  CREATE INDEX statuses_service ON statuses (customer, workload);
		  CREATE TABLE declarations (customer TEXT, workload TEXT,
		    declared TEXT, l2 TEXT, notes TEXT);
		  CREATE INDEX declarations_service ON declarations
		    (customer, workload);"
	fi
	for e in $engines; do
		case $e in
		sqlite) export FTRACK_DB=$db; en=SQLite ;;
		pg) export FTRACK_DB=$(purl "imp_$customers" ftrack_owner); en=PostgreSQL ;;
		esac
		"$ftrack" init > /dev/null
		total_rows=0; total_ms=0; total_base=0; peak=0
		for kind in customers subscriptions statuses declarations; do
			csv=$dir/$kind.csv
			n=$(($(wc -l < "$csv") - 1))
			# a refused file would be timed too: stop instead
			out=$(m "$ftrack" import "$kind" "$csv" 2>"$dir/import.err") || {
				tail -n 5 "$dir/import.err" >&2
				echo "bench: ftrack import $kind failed ($en)" >&2
				exit 1
			}
			set -- $out
			ms=$1; kib=$2
			case $e in
			sqlite) set -- $(m sqlite3 "$base" ".import --csv --skip 1 $csv $kind") ;;
			pg) set -- $(m psql -X -q -v ON_ERROR_STOP=1 \
				-d "$(purl "base_$customers" ftrack_owner)" \
				-c "\\copy $kind FROM '$csv' WITH (FORMAT csv, HEADER true)") ;;
			esac
			bms=$1
			total_rows=$((total_rows + n))
			total_ms=$(awk "BEGIN { print $total_ms + $ms }")
			total_base=$(awk "BEGIN { print $total_base + $bms }")
			[ "$kib" -gt "$peak" ] && peak=$kib
			r=$(rate "$n" "$ms"); b=$(rate "$n" "$bms")
			ratio=$(awk "BEGIN { printf \"%.3f\", $r / $b }")
			row "$label: import $kind ($n rows), rows/s" "$en" "$r" "$b" \
			    "$ratio" "≥ 0.5x" "$(ok "$ratio >= 0.5")"
		done
		r=$(rate "$total_rows" "$total_ms"); b=$(rate "$total_rows" "$total_base")
		ratio=$(awk "BEGIN { printf \"%.3f\", $r / $b }")
		row "$label: import, all files ($total_rows rows), rows/s" "$en" \
		    "$r" "$b" "$ratio" "≥ 0.5x" "$(ok "$ratio >= 0.5")"
		row "$label: import, peak memory" "$en" "$(mib "$peak")" "-" "-" \
		    "< 64 MiB" "$(ok "$peak < 65536")"
	done
	for kind in customers subscriptions statuses declarations; do
		[ "$pg" = 1 ] || break
		f="$label: import $kind ($(($(wc -l < "$dir/$kind.csv") - 1)) rows), rows/s"
		cmp_rate "$f" "$(fig "$f" SQLite)" "$(fig "$f" PostgreSQL)"
	done
	if [ "$pg" = 1 ]; then
		f="$label: import, all files ($total_rows rows), rows/s"
		cmp_rate "$f" "$(fig "$f" SQLite)" "$(fig "$f" PostgreSQL)"
		padmin -c "DROP DATABASE imp_$customers" -c "DROP DATABASE base_$customers"
	fi

	# The same rows on PostgreSQL: the SQLite file copied whole (history
	# and seals) into an empty database, and a copy of that for psql's
	# one-row inserts.
	if [ "$pg" = 1 ]; then
		mkdb "b_$customers"
		url=$(purl "b_$customers" ftrack_owner)
		set -- $(m "$ftrack" --db "$db" copy --to "$url")
		row "$label: ftrack copy --to (SQLite file into PostgreSQL), ms" \
		    "PostgreSQL" "$1" "-" "-" "-" "-"
		# as autovacuum would have it on a database in use
		psql -X -q -v ON_ERROR_STOP=1 -d "$(purl "b_$customers")" \
		  -c "VACUUM ANALYZE"
		mkdb "c_$customers" "b_$customers"
	fi

	# One write per process: a status change and a declaration, against
	# one sqlite3 (psql) INSERT per process on a copy of the same
	# database. Both engines get the same writes.
	cp "$db" "$dir/copy.db"
	grep -v '^customer,' "$dir/declarations.csv" | head -n 22 > "$dir/pick"
	head -n 20 "$dir/pick" > "$dir/pick20"
	for e in $engines; do
		: > "$dir/$e.status.ms"; : > "$dir/$e.declare.ms"; : > "$dir/$e.insert.ms"
	done
	i=0
	while IFS=, read -r cust wl declared l2 rest; do
		i=$((i + 1))
		# each with what its rule asks (the customers are in the
		# assignment phase: Blocked is B1)
		case $((i % 2)) in
		0) set -- --l1 blocked --l2 it-infrastructure --notes "Unable \
to deploy because the network team has not opened the ports, run $i" \
			--engagement customer-led --next-action-date 2027-01-15 ;;
		*) set -- --l1 in-progress --l2 adoption \
			--target-date 2027-06-30 ;;
		esac
		case $l2 in
		executive-sponsorship) nl2=competitive-solution ;;
		competitive-solution) nl2=microsoft-on-premises ;;
		*) nl2=executive-sponsorship ;;
		esac
		for e in $engines; do
			case $e in
			sqlite) export FTRACK_DB=$db ;;
			pg) export FTRACK_DB=$url ;;
			esac
			m "$ftrack" declare "$cust" "$wl" --no-intent --l2 "$nl2" \
			  --notes "Re-declared by the benchmark, run $i" |
			  cut -d' ' -f1 >> "$dir/$e.declare.ms"
			m "$ftrack" status set "$cust" "$wl" "$@" |
			  cut -d' ' -f1 >> "$dir/$e.status.ms"
			ins="INSERT INTO changeset (at, who, what)
			  VALUES ('2026-01-01T00:00:00Z', 'bench', 'write $i')"
			case $e in
			sqlite) m sqlite3 "$dir/copy.db" "$ins" ;;
			pg) m -i /dev/null psql -X -q -v ON_ERROR_STOP=1 \
			      -d "$(purl "c_$customers" ftrack_owner)" -c "$ins" ;;
			esac | cut -d' ' -f1 >> "$dir/$e.insert.ms"
		done
	done < "$dir/pick20"
	for e in $engines; do
		case $e in sqlite) en=SQLite ;; pg) en=PostgreSQL ;; esac
		ins=$(median < "$dir/$e.insert.ms")
		for what in status declare; do
			t=$(median < "$dir/$e.$what.ms")
			ratio=$(awk "BEGIN { printf \"%.2f\", $t / $ins }")
			name=$([ "$what" = status ] && echo "ftrack status set" || echo "ftrack declare")
			row "$label: one write per process ($name), median ms" "$en" \
			    "$t" "$ins" "$ratio" "≤ 1.2x" "$(ok "$ratio <= 1.2")"
		done
	done
	if [ "$pg" = 1 ]; then
		for name in "ftrack status set" "ftrack declare"; do
			f="$label: one write per process ($name), median ms"
			cmp_ms "$f" "$(fig "$f" SQLite)" "$(fig "$f" PostgreSQL)"
		done
		# what one write sends: the two rows left in the pick
		export FTRACK_DB=$url
		line=$(sed -n 21p "$dir/pick")
		cust=$(echo "$line" | cut -d, -f1); wl=$(echo "$line" | cut -d, -f2)
		pg_trace "$label: ftrack declare" "$ftrack" declare "$cust" "$wl" \
		  --no-intent --l2 competitive-solution \
		  --notes "Re-declared by the benchmark, traced"
		line=$(sed -n 22p "$dir/pick")
		cust=$(echo "$line" | cut -d, -f1); wl=$(echo "$line" | cut -d, -f2)
		pg_trace "$label: ftrack status set" "$ftrack" status set "$cust" \
		  "$wl" --l1 in-progress --l2 adoption --target-date 2027-06-30
		pg_trace "$label: psql one-row INSERT" psql -X -q \
		  -d "$(purl "c_$customers" ftrack_owner)" -c "INSERT INTO changeset
		  (at, who, what) VALUES ('2026-01-01T00:00:00Z', 'bench', 'traced')"
		padmin -c "DROP DATABASE c_$customers"
	fi

	# No Intent queries: the median of 5 runs each.
	for e in $engines; do
		case $e in
		sqlite) export FTRACK_DB=$db; en=SQLite ;;
		pg) export FTRACK_DB=$url; en=PostgreSQL ;;
		esac
		for q in customer l2wl accounts; do
			: > "$dir/q.ms"; peak=0
			for k in 1 2 3 4 5; do
				case $q in
				customer) set -- $(m "$ftrack" no-intent --customer "Customer 0000042") ;;
				l2wl) set -- $(m "$ftrack" no-intent --l2 competitive-solution --workload Yammer) ;;
				accounts) set -- $(m "$ftrack" no-intent --accounts --format csv) ;;
				esac
				echo "$1" >> "$dir/q.ms"
				[ "$2" -gt "$peak" ] && peak=$2
			done
			t=$(median < "$dir/q.ms")
			case $q in
			customer) row "$label: no-intent --customer, ms" "$en" "$t" "-" "-" "< 50 ms" "$(ok "$t < 50")" ;;
			l2wl) row "$label: no-intent --l2 --workload, ms" "$en" "$t" "-" "-" "< 50 ms" "$(ok "$t < 50")" ;;
			accounts) row "$label: no-intent --accounts --format csv, ms" "$en" "$t" "-" "-" "< 1000 ms" "$(ok "$t < 1000")"
				row "$label: no-intent --accounts --format csv, peak memory" "$en" "$(mib "$peak")" "-" "-" "< 64 MiB" "$(ok "$peak < 65536")" ;;
			esac
		done
	done
	if [ "$pg" = 1 ]; then
		for f in "no-intent --customer, ms" "no-intent --l2 --workload, ms" \
			 "no-intent --accounts --format csv, ms"; do
			f="$label: $f"
			cmp_ms "$f" "$(fig "$f" SQLite)" "$(fig "$f" PostgreSQL)"
		done
		pg_trace "$label: ftrack no-intent --customer" "$ftrack" no-intent \
		  --customer "Customer 0000042"
	fi

	# History export over every change set, against the shell's (psql's)
	# own export of the same rows and columns.
	n=$(sqlite3 "$db" "SELECT count(*) FROM changeset")
	cols="cs.id, cs.at, cs.who, cs.role, (SELECT value FROM text WHERE key = 'role.' || cs.role AND lang = 'en') AS role_label, cs.what, cs.what_es, (SELECT name FROM customer WHERE id = cs.customer_id) AS customer, (SELECT name FROM workload WHERE id = cs.workload_id) AS workload, (SELECT code FROM subscription WHERE id = cs.subscription_id) AS subscription, cs.scenario"
	# the JSON export also carries each change set's changes
	changes="(SELECT json_group_array(json_object('entity', ch.entity, 'entity_id', ch.entity_id, 'field', ch.field, 'old', ch.old_value, 'new', ch.new_value)) FROM change ch WHERE ch.changeset_id = cs.id) AS changes"
	pchanges="(SELECT json_agg(json_build_object('entity', ch.entity, 'entity_id', ch.entity_id, 'field', ch.field, 'old', ch.old_value, 'new', ch.new_value) ORDER BY ch.id) FROM change ch WHERE ch.changeset_id = cs.id) AS changes"
	for e in $engines; do
		case $e in
		sqlite) export FTRACK_DB=$db; en=SQLite ;;
		pg) export FTRACK_DB=$url; en=PostgreSQL ;;
		esac
		for fmt in csv json; do
			out=$(m "$ftrack" history --format "$fmt") ||
				{ echo "bench: ftrack history failed ($en)" >&2; exit 1; }
			set -- $out
			ms=$1; kib=$2
			case $e.$fmt in
			sqlite.*)
				sel="$cols"
				[ "$fmt" = json ] && sel="$cols, $changes"
				out=$(m sqlite3 -"$fmt" "$db" "SELECT $sel FROM changeset cs ORDER BY cs.id DESC") ;;
			# psql streams through a cursor (FETCH_COUNT) rather
			# than holding the whole result; JSON: one object a row
			pg.csv)
				out=$(m psql -X -q -v ON_ERROR_STOP=1 -v FETCH_COUNT=1000 \
				  --csv -d "$url" -c "SELECT $cols FROM changeset cs ORDER BY cs.id DESC") ;;
			pg.json)
				out=$(m psql -X -q -v ON_ERROR_STOP=1 -v FETCH_COUNT=1000 \
				  -A -t -d "$url" -c "SELECT row_to_json(r) FROM (SELECT $cols, $pchanges FROM changeset cs ORDER BY cs.id DESC) r") ;;
			esac || { echo "bench: the $e baseline failed" >&2; exit 1; }
			set -- $out
			bms=$1; bkib=$2
			r=$(rate "$n" "$ms"); b=$(rate "$n" "$bms")
			ratio=$(awk "BEGIN { printf \"%.3f\", $r / $b }")
			row "$label: history --format $fmt ($n change sets), rows/s" \
			    "$en" "$r" "$b" "$ratio" "≥ 0.9x" "$(ok "$ratio >= 0.9")"
			row "$label: history --format $fmt, peak memory" "$en" \
			    "$(mib "$kib")" "$(mib "$bkib")" "-" "< 64 MiB" \
			    "$(ok "$kib < 65536")"
		done
	done
	if [ "$pg" = 1 ]; then
		for fmt in csv json; do
			f="$label: history --format $fmt ($n change sets), rows/s"
			cmp_rate "$f" "$(fig "$f" SQLite)" "$(fig "$f" PostgreSQL)"
		done
	fi
	# No target: how long the whole check takes at this size, on each
	# engine (PostgreSQL's replays the migrations into a scratch schema
	# instead of integrity_check). A failed check is written as such.
	for engine in sqlite $([ "$pg" = 1 ] && echo pg); do
		case $engine in
		sqlite) export FTRACK_DB=$db; en=SQLite ;;
		pg) export FTRACK_DB=$url; en=PostgreSQL ;;
		esac
		if out=$(m "$ftrack" verify 2>"$dir/verify.err"); then v=yes; else
			v="**failed**: $(head -n 1 "$dir/verify.err" | sed 's/|/\\|/g')"
			cat "$dir/verify.err" >&2
		fi
		set -- $out
		row "$label: verify (seals, replay, engine checks), ms" "$en" \
		    "$1" "-" "-" "-" "$v"
	done
	[ "$pg" = 1 ] && padmin -c "DROP DATABASE b_$customers"
	rm -rf "$dir"
done

{
	echo "# Benchmark results"
	echo
	echo "Made by \`make bench\` (bench/run.sh) on $(date -u +%Y-%m-%d):"
	echo "$(uname -srm), $(nproc) cores ($(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo)),"
	echo "$(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo) memory;"
	echo "$("$ftrack" --version), the sqlite3 shell $(sqlite3 --version | cut -d' ' -f1)$([ "$pg" = 1 ] && echo ",
PostgreSQL $pgversion (server) with $(psql --version | sed 's/ (PostgreSQL)//')")."
	echo "Sizes: $(echo "$sizes" | sed 's/ /, /g') customers."
	echo "Each figure is measured against its baseline in the same run;"
	echo "one-write and query figures are medians (20 writes, 5 queries)."
	if [ "$pg" = 1 ]; then
		cat "$top/bench/pg-setup.md"
	fi
	echo
	echo "| figure | engine | ftrack | baseline (sqlite3 / psql) | ratio | target | met |"
	echo "| --- | --- | --- | --- | --- | --- | --- |"
	cat "$rows"
	if [ "$pg" = 1 ]; then
		echo
		echo "## PostgreSQL beside SQLite"
		echo
		echo "ftrack's figure on each engine; the last column is how many"
		echo "times SQLite's time PostgreSQL takes (from rows/s for imports"
		echo "and exports)."
		echo
		echo "| figure | SQLite | PostgreSQL | PostgreSQL's time |"
		echo "| --- | --- | --- | --- |"
		cat "$cmp"
		echo
		echo "## What one PostgreSQL command sends"
		echo
		echo "From the server's log (\`log_min_duration_statement = 0\` for"
		echo "one run of each): a round trip per parse (a statement's first"
		echo "use in the process), per execute, and per simple query;"
		echo "server ms is the sum of their logged durations, the rest of"
		echo "the wall time is the process, the connection and the trips."
		echo
		echo "| command | wall ms | round trips | parse | execute | simple | server ms | slowest (ms) |"
		echo "| --- | --- | --- | --- | --- | --- | --- | --- |"
		cat "$rtt"
	fi
	if [ -f "$top/bench/notes.md" ]; then
		echo
		cat "$top/bench/notes.md"
	fi
} > "$top/bench/results.md"
echo "wrote bench/results.md"
