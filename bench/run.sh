#!/bin/sh
# The benchmark: generates the data set at each size (a fixed seed), then
# measures every target of issue 14 against its baseline on the same
# machine in the same run: ftrack against the sqlite3 shell, and the
# PostgreSQL backend beside it against psql: the same rows, copied from the
# SQLite file with `ftrack copy --to`, on a throw-away cluster
# (tools/pg-cluster.sh, fsync off) started for the run. Writes the table,
# the targets missed and what bounds them (bench/notes.md) to
# bench/results.md.
# Usage: run.sh FTRACK GEN MEASURE [CUSTOMERS ...]   (default: 1000 100000)
# BENCH_PG=0 leaves PostgreSQL out; BENCH_PG_SIZES (default: every size)
# names the sizes PostgreSQL is measured at.
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
missed=$work/missed.tsv
: > "$rows"; : > "$cmp"; : > "$rtt"; : > "$missed"
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
# must WHAT COMMAND ...: measures a command that has to succeed, else the
# run stops here rather than time a refusal or a usage error
must() {
	what=$1; shift
	m "$@" 2> "$work/must.err" || {
		cat "$work/must.err" >&2
		echo "bench: $what failed${en:+ ($en)}" >&2
		exit 1
	}
}
# med5 WHAT COMMAND ...: the median ms of 5 runs and the peak KiB of all
med5() {
	what=$1; shift
	: > "$work/med.ms"; peak5=0
	for k in 1 2 3 4 5; do
		out=$(must "$what" "$@") || exit 1
		echo "${out% *}" >> "$work/med.ms"
		[ "${out#* }" -gt "$peak5" ] && peak5=${out#* }
	done
	echo "$(median < "$work/med.ms") $peak5"
}
# a row of the results table: the target's key in bench/notes.md (- for
# none), figure, engine, ftrack, baseline, ratio, target, met; a target
# missed is listed again under the table with what bounds it
row() {
	key=$1; shift
	printf '| %s | %s | %s | %s | %s | %s | %s |\n' "$@" >> "$rows"
	[ "$7" != "**no**" ] || printf '%s\t%s\t%s\t%s\t%s\n' "$key" "$1" \
		"$2" "$3$([ "$4" = - ] || echo " against $4: ${5}x")" "$6" >> "$missed"
	echo "  $1 [$2]: $3 (baseline $4, ratio $5; target $6: $7)"
}
# floor_note FIGURE TEXT: what the figure's floor (for the record) says,
# added to its line under "Targets missed" if its target is missed
floors=$work/floors.tsv
: > "$floors"
floor_note() { printf '%s\t%s\t%s\n' "$1" "$en" "$2" >> "$floors"; }
# a row of the engines' comparison: figure, SQLite, PostgreSQL, how many
# times SQLite's time PostgreSQL takes (from ms, or from rows/s)
cmp_ms() { printf '| %s | %s | %s | %s |\n' "$1" "$2" "$3" "$(awk "BEGIN { printf \"%.2fx\", $3 / $2 }")" >> "$cmp"; }
cmp_rate() { printf '| %s | %s | %s | %s |\n' "$1" "$2" "$3" "$(awk "BEGIN { printf \"%.2fx\", $2 / $3 }")" >> "$cmp"; }
ok() { awk "BEGIN { exit !($1) }" && echo yes || echo "**no**"; }
mib() { awk "BEGIN { printf \"%.1f MiB\", $1 / 1024 }"; }
# A / B to 2 (or $3) decimals
ratio() { awk "BEGIN { printf \"%.${3:-2}f\", $1 / $2 }"; }

# rows/s from rows and ms
rate() { awk "BEGIN { printf \"%.0f\", $1 / $2 * 1000 }"; }
# the figure of a row already written (column 3: ftrack's) for the engines'
# comparison
fig() { grep -F "| $1 | $2 |" "$rows" | tail -n 1 | awk -F' [|] ' '{ print $3 }'; }
# engine NAME: points ftrack at that engine's database ($url on
# PostgreSQL unless given one) and names it in $en
engine() {
	case $1 in
	sqlite) export FTRACK_DB=$db; en=SQLite ;;
	pg) export FTRACK_DB=${2:-$url}; en=PostgreSQL ;;
	esac
}

# Helpers of audited_schema, for the engine in $be.
# eq COLUMN VALUE: a case-blind match by the column's unique index
eq() { case $be in sqlite) echo "$1 = $2" ;; pg) echo "lower($1) = lower($2)" ;; esac; }
# unique TABLE COLUMN: its case-blind unique index
unique() {
	case $be in
	sqlite) echo "CREATE UNIQUE INDEX $1_$2 ON $1 ($2);" ;;
	pg) echo "CREATE UNIQUE INDEX $1_$2 ON $1 (lower($2));" ;;
	esac
}
# audit TABLE COLUMN ...: the audit triggers, one row per column that an
# INSERT sets or an UPDATE changes
audit() {
	t=$1; shift
	ins=; upd=
	for c in "$@"; do
		ins="$ins${ins:+ UNION ALL }SELECT '$c' AS f, NEW.$c$txt AS n"
		upd="$upd${upd:+ UNION ALL }SELECT '$c' AS f, OLD.$c$txt AS o, NEW.$c$txt AS n"
	done
	into="INSERT INTO audit (at, who, entity, entity_id, field, old_value, new_value)"
	ins="$into SELECT $now, $who, '$t', NEW.id, f, NULL, n FROM ($ins) c WHERE n IS NOT NULL;"
	case $be in
	sqlite)	echo "CREATE TRIGGER ${t}_audit_insert AFTER INSERT ON $t BEGIN $ins END;"
		echo "CREATE TRIGGER ${t}_audit_update AFTER UPDATE ON $t BEGIN
		  $into SELECT $now, $who, '$t', NEW.id, f, o, n FROM ($upd) c
		  WHERE o IS NOT n; END;" ;;
	pg)	echo "CREATE FUNCTION ${t}_audit() RETURNS trigger LANGUAGE plpgsql AS \$\$
		BEGIN
		  IF TG_OP = 'INSERT' THEN $ins
		  ELSE $into SELECT $now, $who, '$t', NEW.id, f, o, n FROM ($upd) c
		    WHERE o IS DISTINCT FROM n;
		  END IF;
		  RETURN NULL;
		END \$\$;
		CREATE TRIGGER ${t}_audit AFTER INSERT OR UPDATE ON $t
		  FOR EACH ROW EXECUTE FUNCTION ${t}_audit();" ;;
	esac
}
# apply TABLE STATEMENTS: what a row loaded into the staging table does
apply() {
	case $be in
	sqlite) echo "CREATE TRIGGER $1_apply AFTER INSERT ON $1 BEGIN $2 END;" ;;
	pg)	echo "CREATE FUNCTION $1_apply() RETURNS trigger LANGUAGE plpgsql AS
		  \$\$ BEGIN $2 RETURN NULL; END \$\$;
		CREATE TRIGGER $1_apply AFTER INSERT ON $1
		  FOR EACH ROW EXECUTE FUNCTION $1_apply();" ;;
	esac
}
# The audited import baseline, the job ftrack's import does as far as a
# shell can do it: the shell's .import (psql's \copy) into a staging table
# per kind whose AFTER INSERT trigger applies the row, in file order, to
# tables shaped as ftrack's (customer, subscription, entitlement,
# declaration, with their keys, foreign keys and indexes), and on those
# tables AFTER INSERT/UPDATE triggers writing one audit row per field that
# changed (its old and new value), the pattern trigger-based history tools
# use; one transaction a file. Statuses and declarations update the
# entitlements already there by key (so the update triggers fire), as
# ftrack's import does; no rules are checked and no seals written.
# audited_schema ENGINE prints the SQL that makes it, empty of rows but
# for the workloads.
audited_schema() {
	be=$1
	case $1 in
	sqlite)	id="INTEGER PRIMARY KEY"; nc=" COLLATE NOCASE"
		now="strftime('%Y-%m-%dT%H:%M:%fZ', 'now')"; who="'bench'"
		txt=; ignore="INSERT OR IGNORE INTO"; on_conflict= ;;
	pg)	id="BIGSERIAL PRIMARY KEY"; nc=
		now="now()::text"; who="current_user"
		txt="::text"; ignore="INSERT INTO"; on_conflict=" ON CONFLICT DO NOTHING" ;;
	esac
	cat <<-SQL
	CREATE TABLE audit (id $id, at TEXT NOT NULL, who TEXT NOT NULL,
	  entity TEXT NOT NULL, entity_id BIGINT NOT NULL, field TEXT NOT NULL,
	  old_value TEXT, new_value TEXT);
	CREATE INDEX audit_entity ON audit (entity, entity_id, field);
	CREATE TABLE workload (id $id, name TEXT NOT NULL$nc);
	CREATE TABLE customer (id $id, name TEXT NOT NULL$nc, tenant TEXT$nc,
	  managed INTEGER, phase TEXT NOT NULL DEFAULT 'assignment',
	  created_at TEXT NOT NULL);
	CREATE TABLE subscription (id $id,
	  customer_id BIGINT NOT NULL REFERENCES customer (id),
	  code TEXT NOT NULL$nc, created_at TEXT NOT NULL);
	CREATE INDEX subscription_customer ON subscription (customer_id);
	CREATE TABLE declaration (id $id,
	  customer_id BIGINT NOT NULL REFERENCES customer (id),
	  workload_id BIGINT REFERENCES workload (id), declared TEXT NOT NULL,
	  l2 TEXT, notes TEXT, at TEXT NOT NULL, who TEXT NOT NULL);
	CREATE INDEX declaration_customer ON declaration (customer_id);
	CREATE TABLE entitlement (id $id,
	  subscription_id BIGINT NOT NULL REFERENCES subscription (id),
	  workload_id BIGINT NOT NULL REFERENCES workload (id),
	  l1 TEXT NOT NULL, l2 TEXT, notes TEXT, engagement_scenario TEXT,
	  next_action_date TEXT, target_date TEXT,
	  declaration_id BIGINT REFERENCES declaration (id),
	  updated_by TEXT NOT NULL, updated_at TEXT NOT NULL,
	  UNIQUE (subscription_id, workload_id));
	CREATE INDEX entitlement_status ON entitlement (l1, l2);
	CREATE INDEX entitlement_service_status ON entitlement (workload_id, l1,
	  l2, subscription_id, declaration_id);
	$(unique workload name; unique customer name; unique customer tenant
	  unique subscription code)
	INSERT INTO workload (name) VALUES ('Exchange Online'),
	  ('SharePoint Online'), ('OneDrive for Business'), ('Microsoft Teams'),
	  ('Yammer'), ('Microsoft 365 Apps'), ('Intune'),
	  ('Azure Active Directory Premium'), ('Windows Enterprise'),
	  ('Power BI'), ('Dynamics 365');
	$(audit customer name tenant managed phase
	  audit subscription customer_id code
	  audit entitlement subscription_id workload_id l1 l2 notes \
	    engagement_scenario next_action_date target_date declaration_id
	  audit declaration customer_id workload_id declared l2 notes)
	CREATE TABLE customers (name TEXT, tenant TEXT, managed TEXT);
	$(apply customers "
	  INSERT INTO customer (name, tenant, managed, created_at) VALUES
	    (NEW.name, NEW.tenant, CASE NEW.managed WHEN 'yes' THEN 1 ELSE 0 END,
	     $now);")
	CREATE TABLE subscriptions (customer TEXT, subscription TEXT,
	  workload TEXT);
	$(apply subscriptions "
	  $ignore subscription (customer_id, code, created_at) VALUES
	    ((SELECT id FROM customer WHERE $(eq name NEW.customer)),
	     NEW.subscription, $now)$on_conflict;
	  INSERT INTO entitlement (subscription_id, workload_id, l1, l2,
	    updated_by, updated_at) VALUES
	    ((SELECT id FROM subscription WHERE $(eq code NEW.subscription)),
	     (SELECT id FROM workload WHERE $(eq name NEW.workload)),
	     'status_unknown', 'new_subscription_or_workload', $who, $now);")
	CREATE TABLE statuses (customer TEXT, workload TEXT, l1 TEXT, l2 TEXT,
	  subscription TEXT, notes TEXT, engagement TEXT,
	  next_action_date TEXT, target_date TEXT);
	$(apply statuses "
	  UPDATE entitlement SET l1 = replace(NEW.l1, '-', '_'),
	    l2 = nullif(replace(NEW.l2, '-', '_'), ''),
	    notes = nullif(NEW.notes, ''),
	    engagement_scenario = nullif(replace(NEW.engagement, '-', '_'), ''),
	    next_action_date = nullif(NEW.next_action_date, ''),
	    target_date = nullif(NEW.target_date, ''),
	    updated_by = $who, updated_at = $now
	  WHERE subscription_id =
	      (SELECT id FROM subscription WHERE $(eq code NEW.subscription))
	    AND workload_id = (SELECT id FROM workload WHERE $(eq name NEW.workload));")
	CREATE TABLE declarations (customer TEXT, workload TEXT, declared TEXT,
	  l2 TEXT, notes TEXT);
	$(apply declarations "
	  INSERT INTO declaration (customer_id, workload_id, declared, l2, notes,
	    at, who) VALUES
	    ((SELECT id FROM customer WHERE $(eq name NEW.customer)),
	     (SELECT id FROM workload WHERE $(eq name NEW.workload)),
	     replace(NEW.declared, '-', '_'), replace(NEW.l2, '-', '_'),
	     NEW.notes, $now, $who);
	  UPDATE entitlement SET l1 = 'no_intent',
	    l2 = replace(NEW.l2, '-', '_'), notes = NEW.notes,
	    declaration_id = (SELECT max(id) FROM declaration),
	    updated_by = $who, updated_at = $now
	  WHERE workload_id = (SELECT id FROM workload WHERE $(eq name NEW.workload))
	    AND subscription_id IN (SELECT id FROM subscription WHERE customer_id =
	      (SELECT id FROM customer WHERE $(eq name NEW.customer)));")
	SQL
}

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

# changes_csv FILE N: a statuses file of N rows for the data set in $dir,
# each one change: the target date of an entitlement left In Progress by
# the import (and in no service declared since), moved a day on in each
# round over them
changes_csv() {
	awk -F, -v n="$2" '
	  FILENAME ~ /declarations/ { declared[$1 "," $2] = 1; next }
	  FNR > 1 { key = $5 "," $2; if (!(key in last)) order[++k] = key
		last[key] = $3; line[key] = $1 "," $2 }
	  END {
		for (i = 1; i <= k; i++)
			if (last[order[i]] == "in-progress" &&
			    !(line[order[i]] in declared))
				pick[++m] = order[i]
		if (m == 0) exit 1
		print "customer,workload,l1,l2,subscription,notes,engagement,next_action_date,target_date"
		for (r = 0; r * m < n; r++)
			for (i = 1; i <= m && r * m + i <= n; i++) {
				split(pick[i], p, ",")
				printf "%s,in-progress,migration,%s,,,,2027-%02d-%02d\n",
				  line[pick[i]], p[1], 7 + int(r / 28), 1 + r % 28
			}
	  }' "$dir/declarations.csv" "$dir/statuses.csv" > "$1"
}

for customers in $sizes; do
	# PostgreSQL at this size? (BENCH_PG_SIZES, default every size)
	pgnow=$pg
	case " ${BENCH_PG_SIZES:-$sizes} " in
	*" $customers "*) ;;
	*) pgnow=0 ;;
	esac
	dir=$work/$customers
	mkdir -p "$dir"
	info=$("$gen" "$customers" "$dir")
	ents=$(echo "$info" | awk '{ print $5 }')
	echo "== $info"
	label="$ents entitlements"
	db=$dir/ftrack.db
	export FTRACK_USER=bench
	engines=sqlite; impurl=
	if [ "$pgnow" = 1 ]; then
		engines="sqlite pg"
		# a fresh database for ftrack's import, one for psql's plain
		# \copy, one for the audited baseline
		mkdb "imp_$customers"; mkdb "base_$customers"; mkdb "aud_$customers"
		impurl=$(purl "imp_$customers" ftrack_owner)
	fi

	# Import, kind by kind, against the audited baseline (audited_schema:
	# the shell's .import, psql's \copy, into the same tables with audit
	# triggers): the target. Beside it, for the record, the plain .import
	# (\copy) of the same rows into one table a kind with the same
	# columns and indexes, with no trigger.
	aud=$dir/audited.db
	sqlite3 "$aud" "$(audited_schema sqlite)"
	[ "$pgnow" = 1 ] && psql -X -q -v ON_ERROR_STOP=1 \
		-d "$(purl "aud_$customers" ftrack_owner)" -c "$(audited_schema pg)"
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
	if [ "$pgnow" = 1 ]; then
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
	# the baselines' load of one file: plain or audited
	load() {
		case $e.$1 in
		sqlite.plain) must "the plain .import" sqlite3 "$base" \
			".import --csv --skip 1 $csv $kind" ;;
		sqlite.audited) must "the audited .import" sqlite3 \
			-cmd "PRAGMA foreign_keys = ON" "$aud" \
			".import --csv --skip 1 $csv $kind" ;;
		pg.*) [ "$1" = plain ] && d=base_$customers || d=aud_$customers
			must "psql's $1 \\copy" psql -X -q -v ON_ERROR_STOP=1 \
			  -d "$(purl "$d" ftrack_owner)" \
			  -c "\\copy $kind FROM '$csv' WITH (FORMAT csv, HEADER true)" ;;
		esac
	}
	# import_rows WHAT ROWS MS AUDITED-MS PLAIN-MS [FLOOR-MS]: the
	# target's row, the plain baseline's for the record, and on SQLite
	# the floor's (the shell loading the rows ftrack wrote), for the
	# record, which the target's line under "Targets missed" names
	import_rows() {
		r=$(rate "$2" "$3"); b=$(rate "$2" "$4"); p=$(rate "$2" "$5")
		x=$(ratio "$r" "$b" 3)
		row import "$label: import $1 ($2 rows), rows/s" "$en" "$r" \
		    "$b (audited)" "$x" "≥ 1.0x" "$(ok "$x >= 1.0")"
		row - "$label: import $1, against the plain import (for the record), rows/s" \
		    "$en" "$r" "$p (plain)" "$(ratio "$r" "$p" 3)" "-" "-"
		[ -n "${6:-}" ] || return 0
		f=$(rate "$2" "$6")
		fx=$(ratio "$f" "$b" 3)
		row - "$label: import $1: the sqlite3 shell loading the rows ftrack wrote (floor, for the record), rows/s" \
		    "$en" "$f" "$b (audited)" "$fx" "-" "-"
		floor_note "$label: import $1 ($2 rows), rows/s" "the shell loading the rows ftrack wrote (floor): $f rows/s, ${fx}x the audited baseline"
	}
	# The import's floor (SQLite): the shell loading the rows that
	# ftrack's import of each file wrote, and nothing else, into a copy
	# of the database as it was before that file (floor.db: one copy,
	# made empty after init, that follows ftrack's file after file).
	# bench/floor.sh copies the file's new and changed rows into staging
	# tables (not timed) and writes the SQL that loads them: one
	# transaction, an INSERT … SELECT a table in rowid order and one
	# UPDATE … FROM for the changed rows' final values, ftrack's own
	# triggers firing for them; then checks that floor.db holds
	# ftrack's rows.
	import_floor() {
		sh "$top/bench/floor.sh" import "$dir/floor.db" "$db" \
		  "$dir/stage.db" > "$dir/floor.sql"
		out=$(must "the import floor ($kind)" -i "$dir/floor.sql" \
		  sqlite3 -bail "$dir/floor.db") || exit 1
		sh "$top/bench/floor.sh" same "$db" "$dir/floor.db" || {
			echo "bench: the import floor did not write ftrack's rows ($kind)" >&2
			exit 1
		}
		rm -f "$dir/stage.db"
		echo "${out% *}"
	}
	for e in $engines; do
		engine "$e" "$impurl"
		"$ftrack" init > /dev/null
		[ "$e" = sqlite ] && cp "$db" "$dir/floor.db"
		total_rows=0; total_ms=0; total_aud=0; total_plain=0; peak=0
		total_floor=0; fms=
		for kind in customers subscriptions statuses declarations; do
			csv=$dir/$kind.csv
			n=$(($(wc -l < "$csv") - 1))
			# a refused file would be timed too: stop instead
			out=$(must "ftrack import $kind" "$ftrack" import "$kind" "$csv")
			ms=${out% *}; kib=${out#* }
			out=$(load audited); ams=${out% *}
			out=$(load plain); pms=${out% *}
			if [ "$e" = sqlite ]; then
				fms=$(import_floor) || exit 1
				total_floor=$(awk "BEGIN { print $total_floor + $fms }")
			fi
			total_rows=$((total_rows + n))
			total_ms=$(awk "BEGIN { print $total_ms + $ms }")
			total_aud=$(awk "BEGIN { print $total_aud + $ams }")
			total_plain=$(awk "BEGIN { print $total_plain + $pms }")
			[ "$kib" -gt "$peak" ] && peak=$kib
			import_rows "$kind" "$n" "$ms" "$ams" "$pms" "$fms"
		done
		[ "$e" = sqlite ] && fms=$total_floor
		import_rows "all files" "$total_rows" "$total_ms" "$total_aud" \
		    "$total_plain" "$fms"
		row import-memory "$label: import, peak memory" "$en" "$(mib "$peak")" \
		    "-" "-" "< 64 MiB" "$(ok "$peak < 65536")"
	done
	# the baselines did the job: their entitlements end as ftrack's
	l1s="SELECT l1, coalesce(l2, ''), count(*) FROM entitlement
	  GROUP BY l1, l2 ORDER BY 1, 2"
	sqlite3 "$db" "$l1s" > "$dir/ftrack.l1"
	same_l1s() {
		cmp -s "$dir/ftrack.l1" - || {
			echo "bench: the audited baseline's entitlements are not ftrack's ($1)" >&2
			exit 1
		}
	}
	sqlite3 "$aud" "$l1s" | same_l1s SQLite
	[ "$pgnow" = 1 ] && psql -X -A -t -d "$(purl "aud_$customers" ftrack_owner)" \
		-c "$l1s" | same_l1s PostgreSQL
	rm -f "$aud" "$base"
	# floor.db now holds the rows of ftrack's import (checked above): the
	# twin on which the write floor below traces ftrack's writes
	mv "$dir/floor.db" "$dir/twin.db"
	for kind in customers subscriptions statuses declarations; do
		[ "$pgnow" = 1 ] || break
		f="$label: import $kind ($(($(wc -l < "$dir/$kind.csv") - 1)) rows), rows/s"
		cmp_rate "$f" "$(fig "$f" SQLite)" "$(fig "$f" PostgreSQL)"
	done
	if [ "$pgnow" = 1 ]; then
		f="$label: import all files ($total_rows rows), rows/s"
		cmp_rate "$f" "$(fig "$f" SQLite)" "$(fig "$f" PostgreSQL)"
		padmin -c "DROP DATABASE imp_$customers" \
		       -c "DROP DATABASE base_$customers" \
		       -c "DROP DATABASE aud_$customers"
	fi

	# The same rows on PostgreSQL: the SQLite file copied whole (history
	# and seals) into an empty database, and a copy of that for psql's
	# one-row inserts.
	if [ "$pgnow" = 1 ]; then
		mkdb "b_$customers"
		url=$(purl "b_$customers" ftrack_owner)
		out=$(must "ftrack copy --to" "$ftrack" --db "$db" copy --to "$url")
		row - "$label: ftrack copy --to (SQLite file into PostgreSQL), ms" \
		    "PostgreSQL" "${out% *}" "-" "-" "-" "-"
		# as autovacuum would have it on a database in use
		psql -X -q -v ON_ERROR_STOP=1 -d "$(purl "b_$customers")" \
		  -c "VACUUM ANALYZE"
		mkdb "c_$customers" "b_$customers"
	fi

	# One write per process: a status change and a declaration, against
	# one sqlite3 (psql) INSERT per process on a copy of the same
	# database. Both engines get the same writes. Their change sets are
	# the last ones, which history --since prints below: $since is the
	# second before the first (--since takes in the second it names).
	cp "$db" "$dir/copy.db"
	# The writes' floor (SQLite): the shell making the same row changes
	# as each write, and nothing else, one process a write, on floor.db,
	# a copy of the same file. Each write is also run, not timed, on
	# twin.db (the same rows: the import's floor) with bench/sqltrace.c
	# preloaded, which logs its INSERTs, UPDATEs and DELETEs with their
	# values and the transaction around them; the shell replays that log
	# on floor.db (bench/floor.sh writes: a table's INSERTs as one
	# multi-row INSERT), ftrack's triggers firing for it as for ftrack;
	# at the end the two hold the same rows.
	cp "$db" "$dir/floor.db"
	sh "$top/bench/floor.sh" same "$db" "$dir/twin.db" || {
		echo "bench: the writes' twin does not hold ftrack's rows" >&2
		exit 1
	}
	shim=$(cd "$(dirname "$measure")" && pwd)/sqltrace.so
	[ -f "$shim" ] || { echo "bench: no $shim (make bench builds it)" >&2; exit 1; }
	# write_floor WHAT COMMAND ...: the floor of one write
	write_floor() {
		wf=$1; shift
		rm -f "$dir/write.log"
		FTRACK_DB=$dir/twin.db SQLTRACE=$dir/write.log LD_PRELOAD=$shim \
		  "$@" < /dev/null > /dev/null 2> "$work/must.err" || {
			cat "$work/must.err" >&2
			echo "bench: the traced $wf failed" >&2
			exit 1
		}
		sh "$top/bench/floor.sh" writes < "$dir/write.log" > "$dir/write.sql"
		out=$(must "the floor of $wf" -i "$dir/write.sql" sqlite3 -bail \
		  "$dir/floor.db") || exit 1
		echo "${out% *}" >> "$dir/sqlite.$wf.floor"
	}
	sleep 1
	since=$(date -u +%Y-%m-%dT%H:%M:%SZ)
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
			[ "$e" != sqlite ] || write_floor declare "$ftrack" \
			  declare "$cust" "$wl" --no-intent --l2 "$nl2" \
			  --notes "Re-declared by the benchmark, run $i"
			m "$ftrack" status set "$cust" "$wl" "$@" |
			  cut -d' ' -f1 >> "$dir/$e.status.ms"
			[ "$e" != sqlite ] || write_floor status "$ftrack" \
			  status set "$cust" "$wl" "$@"
			ins="INSERT INTO changeset (at, who, what)
			  VALUES ('2026-01-01T00:00:00Z', 'bench', 'write $i')"
			case $e in
			sqlite) m sqlite3 "$dir/copy.db" "$ins" ;;
			pg) m -i /dev/null psql -X -q -v ON_ERROR_STOP=1 \
			      -d "$(purl "c_$customers" ftrack_owner)" -c "$ins" ;;
			esac | cut -d' ' -f1 >> "$dir/$e.insert.ms"
		done
	done < "$dir/pick20"
	sh "$top/bench/floor.sh" same "$dir/twin.db" "$dir/floor.db" || {
		echo "bench: the writes' floor did not write ftrack's rows" >&2
		exit 1
	}
	rm -f "$dir/twin.db" "$dir/floor.db" "$dir/write.log" "$dir/write.sql"
	for e in $engines; do
		case $e in sqlite) en=SQLite ;; pg) en=PostgreSQL ;; esac
		ins=$(median < "$dir/$e.insert.ms")
		for what in status declare; do
			t=$(median < "$dir/$e.$what.ms")
			ratio=$(awk "BEGIN { printf \"%.2f\", $t / $ins }")
			name=$([ "$what" = status ] && echo "ftrack status set" || echo "ftrack declare")
			row write "$label: one write per process ($name), median ms" \
			    "$en" "$t" "$ins" "$ratio" "≤ 1.0x" "$(ok "$ratio <= 1.0")"
			[ "$e" = sqlite ] || continue
			f=$(median < "$dir/sqlite.$what.floor")
			fx=$(ratio "$f" "$ins")
			row - "$label: one write per process: the sqlite3 shell writing the rows of $name (floor, for the record), median ms" \
			    "$en" "$f" "$ins" "$fx" "-" "-"
			floor_note "$label: one write per process ($name), median ms" \
			  "the shell writing its rows alone (floor): $f ms, ${fx}x"
		done
	done
	if [ "$pgnow" = 1 ]; then
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

	# No Intent queries and history --since: the median of 5 runs each,
	# against a target in ms. query KEY WHAT MS COMMAND ...: its row.
	query() {
		key=$1; what=$2; target=$3; shift 3
		out=$(med5 "ftrack $what" "$ftrack" "$@")
		row "$key" "$label: $what, ms" "$en" "${out% *}" "-" "-" \
		    "< $target ms" "$(ok "${out% *} < $target")"
		qkib=${out#* }
	}
	for e in $engines; do
		engine "$e"
		query customer "no-intent --customer" 50 no-intent \
		  --customer "Customer 0000042"
		for fmt in table csv; do
			query l2wl "no-intent --l2 --workload --format $fmt" 20 \
			  no-intent --l2 competitive-solution --workload Yammer \
			  --format "$fmt"
		done
		for fmt in table csv; do
			query accounts "no-intent --accounts --format $fmt" 300 \
			  no-intent --accounts --format "$fmt"
			row accounts-memory "$label: no-intent --accounts --format $fmt, peak memory" \
			    "$en" "$(mib "$qkib")" "-" "-" "< 64 MiB" \
			    "$(ok "$qkib < 65536")"
		done
		# the last change sets: the one-row writes above. Its target is
		# that it reads only the rows it prints: at a larger size it
		# takes at most 1.5x what it took at the first size of the run
		# (the same rows printed, 100x the history under them).
		nsince=$("$ftrack" history --since "$since" --format csv | tail -n +2 | wc -l)
		out=$(med5 "ftrack history --since" "$ftrack" history --since "$since")
		ms=${out% *}
		first=$(cat "$work/since-first.$e" 2>/dev/null || true)
		if [ -z "$first" ]; then
			echo "$ms" > "$work/since-first.$e"
			row history-since "$label: history --since (the last $nsince change sets), ms" \
			    "$en" "$ms" "-" "-" "- (first size: the baseline of the next)" "-"
		else
			r=$(awk "BEGIN { printf \"%.2f\", $ms / $first }")
			row history-since "$label: history --since (the last $nsince change sets), ms" \
			    "$en" "$ms" "$first (first size)" "$r" "≤ 1.5x" \
			    "$(ok "$r <= 1.5")"
		fi
	done
	if [ "$pgnow" = 1 ]; then
		for f in "no-intent --customer, ms" \
			 "no-intent --l2 --workload --format table, ms" \
			 "no-intent --l2 --workload --format csv, ms" \
			 "no-intent --accounts --format table, ms" \
			 "no-intent --accounts --format csv, ms"; do
			f="$label: $f"
			cmp_ms "$f" "$(fig "$f" SQLite)" "$(fig "$f" PostgreSQL)"
		done
		pg_trace "$label: ftrack no-intent --customer" "$ftrack" no-intent \
		  --customer "Customer 0000042"
		pg_trace "$label: ftrack history --since" "$ftrack" history \
		  --since "$since"
	fi

	# History export over every change set, against the shell's (psql's)
	# own export of the same rows and columns.
	n=$(sqlite3 "$db" "SELECT count(*) FROM changeset")
	cols="cs.id, cs.at, cs.who, cs.role, (SELECT value FROM text WHERE key = 'role.' || cs.role AND lang = 'en') AS role_label, cs.what, cs.what_es, (SELECT name FROM customer WHERE id = cs.customer_id) AS customer, (SELECT name FROM workload WHERE id = cs.workload_id) AS workload, (SELECT code FROM subscription WHERE id = cs.subscription_id) AS subscription, cs.scenario"
	# the JSON export also carries each change set's changes
	changes="(SELECT json_group_array(json_object('entity', ch.entity, 'entity_id', ch.entity_id, 'field', ch.field, 'old', ch.old_value, 'new', ch.new_value)) FROM change ch WHERE ch.changeset_id = cs.id) AS changes"
	pchanges="(SELECT json_agg(json_build_object('entity', ch.entity, 'entity_id', ch.entity_id, 'field', ch.field, 'old', ch.old_value, 'new', ch.new_value) ORDER BY ch.id) FROM change ch WHERE ch.changeset_id = cs.id) AS changes"
	for e in $engines; do
		engine "$e"
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
			row export "$label: history --format $fmt ($n change sets), rows/s" \
			    "$en" "$r" "$b" "$ratio" "≥ 0.9x" "$(ok "$ratio >= 0.9")"
			row export-memory "$label: history --format $fmt, peak memory" "$en" \
			    "$(mib "$kib")" "$(mib "$bkib")" "-" "< 64 MiB" \
			    "$(ok "$kib < 65536")"
		done
	done
	if [ "$pgnow" = 1 ]; then
		for fmt in csv json; do
			f="$label: history --format $fmt ($n change sets), rows/s"
			cmp_rate "$f" "$(fig "$f" SQLite)" "$(fig "$f" PostgreSQL)"
		done
	fi
	# verify. The full check against the shell's integrity_check alone on
	# the same file (PostgreSQL has none: its figure stands alone), with
	# its peak memory; --quick (beside quick_check); then --since a digest
	# taken before 1,000 more change sets (an import of 1,000 status rows,
	# one change set each). Every step must succeed: an option this ftrack
	# does not have stops the run rather than time a usage error.
	changes_csv "$dir/changes.csv" 1000
	for e in $engines; do
		engine "$e"
		case $e in
		sqlite) out=$(must "PRAGMA integrity_check" sqlite3 "$db" "PRAGMA integrity_check")
			b=${out% *} ;;
		pg) b=- ;;
		esac
		out=$(must "ftrack verify" "$ftrack" verify)
		t=${out% *}; kib=${out#* }
		case $e in
		sqlite) x=$(ratio "$t" "$b")
			row verify "$label: verify, ms" "$en" "$t" \
			    "$b (integrity_check)" "$x" "≤ 1.2x" "$(ok "$x <= 1.2")" ;;
		pg) row - "$label: verify, ms" "$en" "$t" "-" "-" "-" "-" ;;
		esac
		row verify-memory "$label: verify, peak memory" "$en" "$(mib "$kib")" \
		    "-" "-" "< 64 MiB" "$(ok "$kib < 65536")"
		out=$(must "ftrack verify --quick" "$ftrack" verify --quick)
		case $e in
		sqlite) out2=$(must "PRAGMA quick_check" sqlite3 "$db" "PRAGMA quick_check")
			row - "$label: verify --quick, ms" "$en" "${out% *}" \
			    "${out2% *} (quick_check)" "$(ratio "${out% *}" "${out2% *}")" "-" "-" ;;
		pg) row - "$label: verify --quick, ms" "$en" "${out% *}" "-" "-" "-" "-" ;;
		esac
		digest=$("$ftrack" digest)
		before=$(echo "$digest" | awk '{ print $2 }')
		must "ftrack import statuses (1,000 changes)" "$ftrack" import \
		  statuses "$dir/changes.csv" > /dev/null
		after=$("$ftrack" digest | awk '{ print $2 }')
		[ $((after - before)) = 1000 ] || {
			echo "bench: the import made $((after - before)) change sets, not 1000 ($en)" >&2
			exit 1
		}
		query verify-since "verify --since (1000 change sets)" 50 \
		  verify --since "$digest"
	done
	if [ "$pgnow" = 1 ]; then
		for f in "verify, ms" "verify --quick, ms" \
			 "verify --since (1000 change sets), ms"; do
			f="$label: $f"
			cmp_ms "$f" "$(fig "$f" SQLite)" "$(fig "$f" PostgreSQL)"
		done
	fi
	[ "$pgnow" = 1 ] && padmin -c "DROP DATABASE b_$customers"
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
	echo "Sizes: $(echo "$sizes" | sed 's/ /, /g') customers$([ "$pg" = 1 ] && echo " (PostgreSQL at $(echo "${BENCH_PG_SIZES:-$sizes}" | sed 's/ /, /g'))")."
	echo "Each figure is measured against its baseline in the same run;"
	echo "one-write figures are medians of 20 writes, queries (No Intent,"
	echo "\`history --since\`, \`verify --since\`) medians of 5 runs."
	cat <<-'EOF'

	**The baselines.** *Import* (the target, ≥ 1.0x): the shell's
	`.import` of each file, one transaction a file (foreign keys on), into
	a staging table per kind whose AFTER INSERT trigger applies the row in
	file order to tables shaped as ftrack's (`customer`, `subscription`,
	`entitlement`, `declaration`: the same keys, case-blind unique names,
	foreign keys and the entitlement's indexes); on those four tables
	AFTER INSERT and AFTER UPDATE triggers write one row into an `audit`
	table (time, who, entity, id, field, old value, new value; indexed by
	entity, id and field as ftrack's `change`) per field that an insert
	sets or an update changes, the pattern trigger-based history tools
	use. A customer row inserts a customer; a subscription row inserts its
	subscription (once) and the entitlement; a status row UPDATEs the
	entitlement found by subscription and workload; a declaration inserts
	a declaration and UPDATEs the service's entitlements (every
	subscription of the customer with that workload), so that the update
	triggers fire as ftrack's rows change records. The run checks that the
	baseline's entitlements end as ftrack's (L1 and L2 counts). It does
	what a shell can: no rules checked, no next actions, no change sets
	and no seals. Beside it, for the record (no target), the plain
	`.import` of the same rows into one table a kind with the same columns
	and indexes and no trigger. *One write per process*: one `sqlite3 DB
	"INSERT …"` per process on a copy of the same file. *verify*: the
	shell's `PRAGMA integrity_check` alone on the same file (`--quick`:
	`PRAGMA quick_check`, for the record). *History exports*: the shell's
	`-csv` and `-json` output of the same rows and columns. The No Intent
	queries and `verify --since` have a target in ms and no baseline;
	`history --since` has the same command at the run's first size as
	its baseline (it must read only the rows it prints); `verify --since` checks 1,000 change sets made after
	the digest it is given (an import of 1,000 status rows).

	**The floors** (SQLite, for the record: rows without a target, named
	on their target's line under *Targets missed*): the sqlite3 shell
	writing only the rows ftrack wrote, and nothing else, on a copy of
	the database in the state ftrack found it, so that ftrack's triggers
	(the No Intent summaries, the audit tables' guards) and indexes fire
	for the shell as for ftrack. *Import*: after ftrack's import of each
	file, bench/floor.sh copies the rows it added (above each table's
	largest rowid before the file) and the rows it changed (their final
	values) into staging tables in a separate file, not timed; the
	floor is one shell process loading them into a copy that has
	followed ftrack's file after file: one transaction, one `INSERT …
	SELECT` a table in rowid order (parents first), one `UPDATE … FROM`
	of the changed rows' changed columns. That is less than ftrack can
	do (no CSV to parse, no look-up, no rule, one update for all of a
	row's changes in the file), so it is a floor. *One write per
	process*: each write is also run, not timed, on a twin copy with
	bench/sqltrace.c preloaded, which logs its INSERTs and UPDATEs with
	their values and the transaction around them; one shell process
	replays the log on another copy (no reads, no rules), a table's
	INSERTs as one multi-row INSERT (ftrack's change rows: one statement,
	not one a field). Both floors
	are checked to have written ftrack's rows. If a floor alone misses
	the target's ratio, the rows ftrack's audit writes bound it; what is
	between the floor and ftrack's figure is ftrack's own work.
	EOF
	if [ "$pg" = 1 ]; then
		cat "$top/bench/pg-setup.md"
	fi
	echo
	echo "| figure | engine | ftrack | baseline (sqlite3 / psql) | ratio | target | met |"
	echo "| --- | --- | --- | --- | --- | --- | --- |"
	cat "$rows"
	echo
	echo "## Targets missed"
	echo
	if [ -s "$missed" ]; then
		echo "Each with where the notes below say what bounds it."
		echo
		while IFS='	' read -r key what en fig target; do
			title=$(sed -n "s/^### \(.*\) (\`$key\`)\$/\1/p" "$top/bench/notes.md" | head -n 1)
			note=$(awk -F'\t' -v w="$what" -v e="$en" \
			  '$1 == w && $2 == e { print "; " $3 }' "$floors")
			if [ -n "$title" ]; then
				echo "- $what [$en]: $fig, target $target$note: see *$title*."
			else
				echo "bench: bench/notes.md says nothing of \`$key\`" >&2
				echo "- $what [$en]: $fig, target $target: **not explained yet** (bench/notes.md has no \`$key\` section)."
			fi
		done < "$missed"
	else
		echo "None."
	fi
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
