#!/bin/sh
# A throw-away PostgreSQL cluster for the tests, in a folder of its own:
#   pg-cluster.sh start DIR           initdb (once) and start it
#   pg-cluster.sh stop DIR            stop it (immediately) and remove DIR
#   pg-cluster.sh url DIR [DB [ROLE]] a libpq URL for its socket
# It listens on a unix socket in DIR only (no TCP), trusts every local
# connection, and trades durability for speed (fsync and friends off).
# Roles: ftrack_admin (superuser: creates and drops the test databases),
# ftrack_owner and ftrack_app (LOGIN, not superusers). PostgreSQL refuses to
# run as root: as root the cluster runs as the system user ftrack-test.
set -eu

RUN_USER=ftrack-test
ADMIN=ftrack_admin

die() { echo "pg-cluster: $*" >&2; exit 1; }

usage() {
	echo "usage: pg-cluster.sh start|stop DIR | url DIR [DB [ROLE]]" >&2
	exit 2
}

# The server's programs: pg_config's bindir, else Debian's newest.
bindir() {
	b=$(pg_config --bindir 2>/dev/null || true)
	if [ -n "$b" ] && [ -x "$b/initdb" ] && [ -x "$b/pg_ctl" ]; then
		echo "$b"
		return
	fi
	for b in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -rV); do
		if [ -x "$b/initdb" ] && [ -x "$b/pg_ctl" ]; then
			echo "$b"
			return
		fi
	done
	die "no PostgreSQL server programs (initdb, pg_ctl): run 'sh tools/deps.sh'"
}

# Whether pid is a live postgres (not a zombie left to a lazy init).
running() {
	case $(ps -o stat=,comm= -p "$1" 2>/dev/null) in
	Z*|"") return 1 ;;
	*postgres*) return 0 ;;
	*) return 1 ;;
	esac
}

# Runs a command as the cluster's user, from DIR (root's folders may be
# closed to that user).
as_owner() {
	if [ "$(id -u)" -eq 0 ]; then
		(cd "$dir" && runuser -u "$RUN_USER" -- "$@")
	else
		(cd "$dir" && "$@")
	fi
}

# The system user that runs the cluster when we are root (made once).
ensure_user() {
	[ "$(id -u)" -eq 0 ] || return 0
	id -u "$RUN_USER" >/dev/null 2>&1 && return 0
	# a concurrent start may have made it meanwhile: check again
	useradd -r -M -d /nonexistent -s /usr/sbin/nologin "$RUN_USER" \
		2>/dev/null || id -u "$RUN_USER" >/dev/null 2>&1 ||
		die "could not create the user $RUN_USER"
}

[ $# -ge 2 ] || usage
cmd=$1
case $2 in
/*) dir=$2 ;;
*) dir=$(pwd)/$2 ;;
esac
# The folder goes into URLs and the config file unquoted; a socket's path
# has at most 107 bytes.
case $dir in
*[!A-Za-z0-9/._+-]*) die "'$dir': use a folder whose name has only letters, digits and / . _ + -" ;;
esac
[ ${#dir} -le 90 ] || die "'$dir' is too long for a socket's path"

case $cmd in
url)
	echo "postgresql:///${3:-postgres}?host=$dir&user=${4:-$ADMIN}"
	;;
start)
	[ $# -eq 2 ] || usage
	bin=$(bindir)
	ensure_user
	mkdir -p "$dir"
	if [ "$(id -u)" -eq 0 ]; then
		chown "$RUN_USER" "$dir"
	fi
	chmod 0755 "$dir"
	if [ ! -f "$dir/data/PG_VERSION" ]; then
		as_owner "$bin/initdb" --no-sync --no-instructions -D "$dir/data" \
			-U "$ADMIN" --auth=trust -E UTF8 --locale=C \
			>"$dir/initdb.log" 2>&1 ||
			{ cat "$dir/initdb.log" >&2; die "initdb failed"; }
		cat >>"$dir/data/postgresql.conf" <<EOF
# pg-cluster.sh: a throw-away cluster for tests
listen_addresses = ''
unix_socket_directories = '$dir'
max_connections = 100
fsync = off
synchronous_commit = off
full_page_writes = off
EOF
		fresh=1
	else
		fresh=0
	fi
	if ! as_owner "$bin/pg_ctl" status -D "$dir/data" >/dev/null 2>&1; then
		as_owner "$bin/pg_ctl" start -w -s -t 30 -D "$dir/data" \
			-l "$dir/server.log" >/dev/null ||
			{ cat "$dir/server.log" >&2; die "the server did not start"; }
	fi
	if [ "$fresh" -eq 1 ]; then
		"$bin/psql" -X -q -v ON_ERROR_STOP=1 \
			-d "postgresql:///postgres?host=$dir&user=$ADMIN" <<'EOF'
CREATE ROLE ftrack_owner LOGIN NOSUPERUSER;
CREATE ROLE ftrack_app LOGIN NOSUPERUSER;
EOF
	fi
	;;
stop)
	[ $# -eq 2 ] || usage
	[ -d "$dir" ] || exit 0
	pidfile=$dir/data/postmaster.pid
	if [ -f "$pidfile" ]; then
		pid=$(head -n 1 "$pidfile")
		bin=$(bindir 2>/dev/null || true)
		if [ -n "$bin" ]; then
			as_owner "$bin/pg_ctl" stop -w -s -t 10 -m immediate \
				-D "$dir/data" >/dev/null 2>&1 || true
		fi
		# the postmaster, if pg_ctl could not stop it (its backends
		# follow it when it dies)
		if [ -n "$pid" ] && running "$pid"; then
			kill -QUIT "$pid" 2>/dev/null || true
			sleep 1
			! running "$pid" || kill -KILL "$pid" 2>/dev/null || true
		fi
	fi
	rm -rf "$dir"
	;;
*)
	usage
	;;
esac
