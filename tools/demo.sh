#!/bin/sh
# The main job on a throw-away database: a partner team records its users,
# customers and subscriptions, moves a customer to delivery, and looks at
# the result. Usage: demo.sh FTRACK-BINARY
set -eu
ftrack=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
tmp=$(mktemp -d "${TMPDIR:-/tmp}/ftrack-demo.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
export FTRACK_DB="$tmp/ftrack.db" FTRACK_USER="Ana García"

# Shows the command as one would type it, quoting what needs it, then runs it.
step() {
	printf '\n$ ftrack'
	for arg in "$@"; do
		case $arg in
		*[!A-Za-z0-9_./:=-]*) printf " '%s'" "$arg" ;;
		*) printf ' %s' "$arg" ;;
		esac
	done
	printf '\n'
	"$ftrack" "$@"
}

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
step rules
# Assignment phase: Fabrikam declares No Intent on OneDrive (scenario 2) and
# intent for SharePoint while declining FTC (scenario 1).
step declare "Fabrikam, Inc." "OneDrive for Business" --no-intent \
	--l2 competitive-solution --l3 Dropbox \
	--notes "Standardised on Dropbox Business company-wide; no plan to move files"
step declare "Fabrikam, Inc." "SharePoint Online" --intent --declines-ftc \
	--led-by partner --kickoff 2026-12-01
# Delivery phase: Contoso's Exchange was in progress on SUB-0001 and is new on
# SUB-0002; one declaration applies scenario 3 to one and 4 to the other.
# The assignment FM assigns the delivery FM, who updates from then on.
step assign Contoso --delivery-fm "Dana Smith"
step --as "Dana Smith" status set Contoso "Exchange Online" --l1 in-progress \
	--l2 migration --subscription SUB-0001 --target-date 2027-03-31
step --as "Dana Smith" declare Contoso "Exchange Online" --no-intent \
	--l2 executive-sponsorship \
	--notes "The board will not fund a mail migration; mail stays on the current platform"
# A new subscription for a service already in No Intent: scenario 5.
step subscription add Contoso SUB-0003 --workload "Exchange Online"
step --as "Dana Smith" declare Contoso "Exchange Online" --no-intent \
	--subscription SUB-0003 --validated-with account-team --dry-run
step --as "Dana Smith" declare Contoso "Exchange Online" --no-intent \
	--subscription SUB-0003 --validated-with account-team
# Northwind has intent but is blocked before delivery (Blocked page, B1).
step status set "Northwind Traders" Intune --l1 blocked --l2 app-compatibility \
	--notes "Unable to deploy because the line-of-business app is not certified for Intune" \
	--engagement customer-led --next-action-date 2026-12-15
# The account team reads; it does not update.
step --as "Luis Ortega" actions done Contoso "Exchange Online" ||
	echo "(refused, exit $?: the database is unchanged)"
step actions
step no-intent
step no-intent --accounts
step customer list
step customer show Contoso
step history
step --lang es history Contoso --format md
step history Contoso --since 2026-01-01 --format csv
step verify
step digest
