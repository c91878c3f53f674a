#!/bin/sh
# The benchmark: generates the data set at each size (a fixed seed), then
# measures ftrack against the sqlite3 shell on the same machine in the same
# run, and writes the table to bench/results.md.
# Usage: run.sh FTRACK GEN MEASURE [CUSTOMERS ...]   (default: 1000 100000)
set -eu
ftrack=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
gen=$2
measure=$3
shift 3
sizes=${*:-"1000 100000"}
top=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/ftrack-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT
rows=$work/rows.md
: > "$rows"

# median of the numbers on stdin
median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
# measure: prints "ms kib"
m() { "$measure" "$@"; }
# a row of the results table: figure, ftrack, baseline, ratio, target, met
row() { printf '| %s | %s | %s | %s | %s | %s |\n' "$@" >> "$rows"; echo "  $1: $2 (baseline $3, ratio $4; target $5: $6)"; }
ok() { awk "BEGIN { exit !($1) }" && echo yes || echo "**no**"; }
mib() { awk "BEGIN { printf \"%.1f MiB\", $1 / 1024 }"; }

for customers in $sizes; do
	dir=$work/$customers
	mkdir -p "$dir"
	info=$("$gen" "$customers" "$dir")
	ents=$(echo "$info" | awk '{ print $5 }')
	echo "== $info"
	label="$ents entitlements"
	db=$dir/ftrack.db
	export FTRACK_DB=$db FTRACK_USER=bench
	"$ftrack" init > /dev/null

	# Import, kind by kind, against the shell's .import of the same rows
	# into a table with the same columns and indexes.
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
	total_rows=0; total_ms=0; total_base=0; peak=0
	for kind in customers subscriptions statuses declarations; do
		csv=$dir/$kind.csv
		n=$(($(wc -l < "$csv") - 1))
		# a refused file would be timed too: stop instead
		out=$(m "$ftrack" import "$kind" "$csv" 2>"$dir/import.err") || {
			tail -n 5 "$dir/import.err" >&2
			echo "bench: ftrack import $kind failed" >&2
			exit 1
		}
		set -- $out
		ms=$1; kib=$2
		set -- $(m sqlite3 "$base" ".import --csv --skip 1 $csv $kind")
		bms=$1
		total_rows=$((total_rows + n))
		total_ms=$(awk "BEGIN { print $total_ms + $ms }")
		total_base=$(awk "BEGIN { print $total_base + $bms }")
		[ "$kib" -gt "$peak" ] && peak=$kib
		r=$(awk "BEGIN { printf \"%.0f\", $n / $ms * 1000 }")
		b=$(awk "BEGIN { printf \"%.0f\", $n / $bms * 1000 }")
		ratio=$(awk "BEGIN { printf \"%.3f\", $r / $b }")
		row "$label: import $kind ($n rows), rows/s" "$r" "$b" "$ratio" \
		    "≥ 0.5x" "$(ok "$ratio >= 0.5")"
	done
	r=$(awk "BEGIN { printf \"%.0f\", $total_rows / $total_ms * 1000 }")
	b=$(awk "BEGIN { printf \"%.0f\", $total_rows / $total_base * 1000 }")
	ratio=$(awk "BEGIN { printf \"%.3f\", $r / $b }")
	row "$label: import, all files ($total_rows rows), rows/s" "$r" "$b" \
	    "$ratio" "≥ 0.5x" "$(ok "$ratio >= 0.5")"
	row "$label: import, peak memory" "$(mib "$peak")" "-" "-" "< 64 MiB" \
	    "$(ok "$peak < 65536")"

	# One write per process: a status change and a declaration, against
	# one sqlite3 INSERT per process on a copy of the same database.
	cp "$db" "$dir/copy.db"
	grep -v '^customer,' "$dir/declarations.csv" | head -n 20 > "$dir/pick"
	: > "$dir/status.ms"; : > "$dir/declare.ms"; : > "$dir/insert.ms"
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
		m "$ftrack" declare "$cust" "$wl" --no-intent --l2 "$nl2" \
		  --notes "Re-declared by the benchmark, run $i" | cut -d' ' -f1 >> "$dir/declare.ms"
		m "$ftrack" status set "$cust" "$wl" "$@" |
		  cut -d' ' -f1 >> "$dir/status.ms"
		m sqlite3 "$dir/copy.db" "INSERT INTO changeset (at, who, what)
		  VALUES ('2026-01-01T00:00:00Z', 'bench', 'write $i')" |
		  cut -d' ' -f1 >> "$dir/insert.ms"
	done < "$dir/pick"
	ins=$(median < "$dir/insert.ms")
	for what in status declare; do
		t=$(median < "$dir/$what.ms")
		ratio=$(awk "BEGIN { printf \"%.2f\", $t / $ins }")
		name=$([ "$what" = status ] && echo "ftrack status set" || echo "ftrack declare")
		row "$label: one write per process ($name), median ms" "$t" "$ins" \
		    "$ratio" "≤ 1.2x" "$(ok "$ratio <= 1.2")"
	done

	# No Intent queries: the median of 5 runs each.
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
		customer) row "$label: no-intent --customer, ms" "$t" "-" "-" "< 50 ms" "$(ok "$t < 50")" ;;
		l2wl) row "$label: no-intent --l2 --workload, ms" "$t" "-" "-" "< 50 ms" "$(ok "$t < 50")" ;;
		accounts) row "$label: no-intent --accounts --format csv, ms (peak $(mib "$peak"))" "$t" "-" "-" "< 1000 ms" "$(ok "$t < 1000")" ;;
		esac
	done

	# History export over every change set, against the shell's own
	# export of the same rows and columns.
	n=$(sqlite3 "$db" "SELECT count(*) FROM changeset")
	cols="cs.id, cs.at, cs.who, cs.role, (SELECT value FROM text WHERE key = 'role.' || cs.role AND lang = 'en') AS role_label, cs.what, cs.what_es, (SELECT name FROM customer WHERE id = cs.customer_id) AS customer, (SELECT name FROM workload WHERE id = cs.workload_id) AS workload, (SELECT code FROM subscription WHERE id = cs.subscription_id) AS subscription, cs.scenario"
	# the JSON export also carries each change set's changes
	changes="(SELECT json_group_array(json_object('entity', ch.entity, 'entity_id', ch.entity_id, 'field', ch.field, 'old', ch.old_value, 'new', ch.new_value)) FROM change ch WHERE ch.changeset_id = cs.id) AS changes"
	for fmt in csv json; do
		out=$(m "$ftrack" history --format "$fmt") ||
			{ echo "bench: ftrack history failed" >&2; exit 1; }
		set -- $out
		ms=$1; kib=$2
		sel="$cols"
		[ "$fmt" = json ] && sel="$cols, $changes"
		out=$(m sqlite3 -"$fmt" "$db" "SELECT $sel FROM changeset cs ORDER BY cs.id DESC") ||
			{ echo "bench: the sqlite3 baseline failed" >&2; exit 1; }
		set -- $out
		bms=$1
		r=$(awk "BEGIN { printf \"%.0f\", $n / $ms * 1000 }")
		b=$(awk "BEGIN { printf \"%.0f\", $n / $bms * 1000 }")
		ratio=$(awk "BEGIN { printf \"%.3f\", $r / $b }")
		row "$label: history --format $fmt ($n change sets), rows/s" "$r" "$b" \
		    "$ratio" "≥ 0.9x" "$(ok "$ratio >= 0.9")"
		row "$label: history --format $fmt, peak memory" "$(mib "$kib")" "-" "-" \
		    "< 64 MiB" "$(ok "$kib < 65536")"
	done
	# No target: how long the whole check takes at this size.
	set -- $(m "$ftrack" verify)
	row "$label: verify (seals, replay, integrity_check), ms" "$1" "-" "-" \
	    "-" "-"
	rm -rf "$dir"
done

{
	echo "# Benchmark results"
	echo
	echo "Made by \`make bench\` (bench/run.sh) on $(date -u +%Y-%m-%d):"
	echo "$(uname -srm), $(nproc) cores, $(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo),"
	echo "$(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo) memory, SQLite $(sqlite3 --version | cut -d' ' -f1)."
	echo "Each figure is measured against its baseline in the same run;"
	echo "one-write and query figures are medians."
	echo
	echo "| figure | ftrack | sqlite3 baseline | ratio | target | met |"
	echo "| --- | --- | --- | --- | --- | --- |"
	cat "$rows"
	if [ -f "$top/bench/notes.md" ]; then
		echo
		cat "$top/bench/notes.md"
	fi
} > "$top/bench/results.md"
echo "wrote bench/results.md"
