# Sourced by the PostgreSQL schema tools. scratch_db CONNINFO creates a
# throw-away database on that server (its role may create databases) and
# sets $scratch to a connection string for it; scratch_drop drops it.
scratch_db() {
	scratch_admin=$1
	scratch_name=ftrack_scratch_$$
	case $1 in
	postgres://* | postgresql://*)
		case $1 in
		*\?*) scratch="$1&dbname=$scratch_name" ;;
		*) scratch="$1?dbname=$scratch_name" ;;
		esac ;;
	*) scratch="$1 dbname=$scratch_name" ;;
	esac
	psql -X -q -v ON_ERROR_STOP=1 -d "$1" \
		-c "CREATE DATABASE $scratch_name TEMPLATE template0" >/dev/null
}

scratch_drop() {
	[ -z "${scratch_name:-}" ] ||
		psql -X -q -d "$scratch_admin" \
			-c "DROP DATABASE IF EXISTS $scratch_name" >/dev/null 2>&1
}
