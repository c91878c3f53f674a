#!/bin/sh
# Runs the unit test programs, then the end-to-end ones against the ftrack
# binary given, and prints a closing count. Usage: run-tests.sh [--pg] BIN
# UNIT E2E. Without --pg the tests use SQLite; with it PostgreSQL: the
# server FTRACK_TEST_PG names (tests/testdb.h), else a throw-away cluster
# that tools/pg-cluster.sh starts here and stops at the end.
set -u
pg=0
if [ "${1:-}" = --pg ]; then
	pg=1
	shift
fi
bin=$1
backend=
if [ "$pg" -eq 0 ]; then
	unset FTRACK_TEST_PG
elif [ -n "${FTRACK_TEST_PG:-}" ]; then
	backend=", PostgreSQL at $FTRACK_TEST_PG"
else
	tools=$(dirname "$0")
	cluster=$(mktemp -d "${TMPDIR:-/tmp}/ftrack-pg.XXXXXX") || exit 1
	# stopped however the run ends (a failure, Ctrl-C)
	trap 'sh "$tools/pg-cluster.sh" stop "$cluster"' EXIT
	trap 'exit 130' INT TERM HUP
	sh "$tools/pg-cluster.sh" start "$cluster" || exit 1
	FTRACK_TEST_PG=$cluster
	export FTRACK_TEST_PG
	backend=", PostgreSQL"
fi
if [ "$pg" -eq 1 ]; then
	# the tests' psql straight from the server's programs (Debian's
	# /usr/bin/psql is a Perl wrapper, slower to start)
	pgbin=$(pg_config --bindir 2>/dev/null || true)
	if [ -n "$pgbin" ] && [ -x "$pgbin/psql" ]; then
		PATH=$pgbin:$PATH
	fi
fi
failed=0
passed=0
for t in $2 $3; do
	if FTRACK_BIN=$bin "$t"; then
		passed=$((passed + 1))
	else
		failed=$((failed + 1))
		echo "FAILED: $t" >&2
	fi
done
# the PostgreSQL migrations build schema/schema-pg.sql and what SQLite's do
if [ "$pg" -eq 1 ]; then
	server=$FTRACK_TEST_PG
	[ -d "$server" ] && server=$(sh "$(dirname "$0")/pg-cluster.sh" url "$server")
	if sh "$(dirname "$0")/check-pg-schema.sh" "$server" "$bin"; then
		passed=$((passed + 1))
	else
		failed=$((failed + 1))
		echo "FAILED: tools/check-pg-schema.sh" >&2
	fi
fi
echo "test programs ($bin$backend): $passed passed, $failed failed"
[ "$failed" -eq 0 ]
