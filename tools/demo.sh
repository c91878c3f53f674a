#!/bin/sh
# The main job on a throw-away database: a partner team records its users,
# customers and subscriptions, moves a customer to delivery, and looks at
# the result. Usage: demo.sh FTRACK-BINARY
set -eu
ftrack=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
tmp=$(mktemp -d "${TMPDIR:-/tmp}/ftrack-demo.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
export FTRACK_DB="$tmp/ftrack.db" FTRACK_USER="Ana García"

step() { printf '\n$ ftrack %s\n' "$*"; "$ftrack" "$@"; }

echo "Demo database: $FTRACK_DB (removed at the end)"
step init
step user add "Ana García" --role assignment-fm
step user add "Dana Smith" --role delivery-fm
step user add "Luis Ortega" --role account-team
step customer add Contoso --tenant contoso.onmicrosoft.com --managed
step customer add "Fabrikam, Inc." --tenant fabrikam.onmicrosoft.com
step customer add "Northwind Traders" --unmanaged
step subscription add Contoso SUB-0001 --workload "Exchange Online" \
	--workload "Microsoft Teams" --workload Yammer
step subscription add Contoso SUB-0002 --workload "Exchange Online"
step subscription add "Fabrikam, Inc." SUB-0100 --workload "SharePoint Online" \
	--workload "OneDrive for Business"
step subscription add "Northwind Traders" SUB-0200 --workload Intune
step --as "Dana Smith" assign Contoso --delivery-fm "Dana Smith"
step customer list
step customer show Contoso
step history
step --lang es history Contoso
