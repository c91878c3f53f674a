#!/bin/sh
# Runs the unit test programs, then the end-to-end ones against the ftrack
# binary given, and prints a closing count. Usage: run-tests.sh BIN UNIT E2E
set -u
bin=$1
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
echo "test programs ($bin): $passed passed, $failed failed"
[ "$failed" -eq 0 ]
