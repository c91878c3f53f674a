#!/bin/sh
# Makes sure the build's dependencies are here: as root on Debian, installs
# the missing packages with apt-get; as another user, prints the command.
set -u
missing=""
command -v pkg-config >/dev/null 2>&1 || missing="$missing pkg-config"
command -v cc >/dev/null 2>&1 || missing="$missing gcc"
command -v make >/dev/null 2>&1 || missing="$missing make"
command -v sqlite3 >/dev/null 2>&1 || missing="$missing sqlite3"
pc() { command -v pkg-config >/dev/null 2>&1 && pkg-config --exists "$1"; }
pc sqlite3 || missing="$missing libsqlite3-dev"
pc cmocka || missing="$missing libcmocka-dev"
pc nettle || missing="$missing nettle-dev"
# PostgreSQL: libpq for the build, the server (initdb, pg_ctl) and psql for
# the tests' throw-away cluster (tools/pg-cluster.sh)
pc libpq || missing="$missing libpq-dev"
pgbin=$(pg_config --bindir 2>/dev/null || true)
{ [ -n "$pgbin" ] && [ -x "$pgbin/initdb" ]; } ||
	ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 ||
	missing="$missing postgresql"
command -v psql >/dev/null 2>&1 || missing="$missing postgresql-client"
# libcsv has no pkg-config file in Debian; its header tells.
[ -f /usr/include/csv.h ] || missing="$missing libcsv-dev"
# libunistring (NFC and case folding of names) has none either.
[ -f /usr/include/unicase.h ] || missing="$missing libunistring-dev"
# the man page is written in scdoc and turned into roff by `make man`
command -v scdoc >/dev/null 2>&1 || missing="$missing scdoc"
# `deps.sh fuzz`: libFuzzer comes with clang's runtime
if [ "${1:-}" = fuzz ]; then
	command -v clang >/dev/null 2>&1 || missing="$missing clang"
	ls /usr/lib/llvm-*/lib/clang/*/lib/linux/libclang_rt.fuzzer-x86_64.a \
		>/dev/null 2>&1 || missing="$missing libclang-rt-14-dev"
fi
# `deps.sh deb`: what `make deb` and `make check-deb` run
if [ "${1:-}" = deb ]; then
	command -v dpkg-buildpackage >/dev/null 2>&1 || missing="$missing dpkg-dev"
	command -v dh >/dev/null 2>&1 || missing="$missing debhelper"
	command -v lintian >/dev/null 2>&1 || missing="$missing lintian"
	command -v man >/dev/null 2>&1 || missing="$missing man-db"
fi
# `deps.sh report`: the report's test opens the HTML in headless Chromium
if [ "${1:-}" = report ]; then
	command -v chromium >/dev/null 2>&1 || missing="$missing chromium"
fi
[ -n "$missing" ] || exit 0
if [ "$(id -u)" -ne 0 ]; then
	echo "ftrack needs:$missing"
	echo "run: sudo apt-get install -y$missing"
	exit 1
fi
echo "installing:$missing"
export DEBIAN_FRONTEND=noninteractive
# The package lists of a fresh machine are empty or stale.
apt-get update -q >/dev/null && apt-get install -y -q $missing >/dev/null || {
	echo "apt-get could not install:$missing" >&2
	exit 1
}
