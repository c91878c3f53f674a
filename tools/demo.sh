#!/bin/sh
# The main job over three weeks of a partner team's work, on a database in
# a new temporary folder that is kept for exploring afterwards: users,
# customers and subscriptions (some imported from a spreadsheet), the
# assignment and delivery phases, No Intent declarations, a Blocked
# service, a correction and a revert, the worklist, the history, the
# seal, and the HTML report. Usage: demo.sh FTRACK-BINARY
set -eu
ftrack=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
dir=$(mktemp -d "${TMPDIR:-/tmp}/ftrack-demo.XXXXXX")
export FTRACK_DB="$dir/ftrack.db" FTRACK_USER="Ana García"

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

# The story's clock: each day's changes carry that day's time.
day() {
	export FTRACK_NOW="$1T09:00:00Z"
	printf '\n=== %s: %s\n' "$1" "$2"
}

echo "Demo database: $FTRACK_DB"

day 2026-11-02 "the assignment FM sets up the team and the customers"
step init
step user add "Ana García" --role assignment-fm
step user add "Dana Smith" --role delivery-fm --email dana.smith@partner.example
step user add "Luis Ortega" --role account-team --email luis.ortega@partner.example
step customer add Contoso --tenant contoso.onmicrosoft.com --managed
step customer add "Fabrikam, Inc." --tenant fabrikam.onmicrosoft.com
step customer add "Northwind Traders" --unmanaged
step subscription add Contoso SUB-0001 --workload "Exchange Online" \
	--workload "Microsoft Teams" --workload Yammer
step subscription add Contoso SUB-0002 --workload "Exchange Online"
step subscription add "Fabrikam, Inc." SUB-0100 --workload "SharePoint Online" \
	--workload "OneDrive for Business"
step subscription add "Northwind Traders" SUB-0200 --workload Intune
# More customers arrive as a spreadsheet saved by Spanish Excel: semicolons.
printf '%s\r\n' "name;tenant;managed" \
	"Compañía Ñandú S.A.;companianandu.onmicrosoft.com;no" \
	"Müller & Söhne GmbH;muellersoehne.onmicrosoft.com;yes" \
	>"$dir/customers.csv"
printf '%s\r\n' "customer;subscription;workload" \
	"Compañía Ñandú S.A.;SUB-0300;Exchange Online" \
	"Compañía Ñandú S.A.;SUB-0300;Microsoft Teams" \
	"Müller & Söhne GmbH;SUB-0400;SharePoint Online" \
	>"$dir/subscriptions.csv"
step import customers "$dir/customers.csv"
step import subscriptions "$dir/subscriptions.csv"
# Next week's export holds the same rows: importing it again changes nothing.
step import subscriptions "$dir/subscriptions.csv"
step rules

day 2026-11-04 "Fabrikam declares, still in the assignment phase"
# No Intent on OneDrive (scenario 2); intent for SharePoint while declining
# FastTrack (scenario 1).
step declare "Fabrikam, Inc." "OneDrive for Business" --no-intent \
	--l2 competitive-solution --l3 Dropbox \
	--notes "Standardised on Dropbox Business company-wide; no plan to move files"
step declare "Fabrikam, Inc." "SharePoint Online" --intent --declines-ftc \
	--led-by partner --kickoff 2026-12-01

day 2026-11-09 "Contoso moves to delivery; the delivery FM updates from now on"
step assign Contoso --delivery-fm "Dana Smith"
step --as "Dana Smith" status set Contoso "Exchange Online" --l1 in-progress \
	--l2 migration --subscription SUB-0001 --target-date 2027-03-31
# Exchange was in progress on SUB-0001 and is new on SUB-0002: one
# declaration applies scenario 3 to one and 4 to the other.
step --as "Dana Smith" declare Contoso "Exchange Online" --no-intent \
	--l2 executive-sponsorship \
	--notes "The board will not fund a mail migration; mail stays on the current platform"

day 2026-11-12 "a new subscription for a service already in No Intent"
step subscription add Contoso SUB-0003 --workload "Exchange Online"
# Scenario 5: the declaration carries over; see it first with --dry-run.
step --as "Dana Smith" declare Contoso "Exchange Online" --no-intent \
	--subscription SUB-0003 --validated-with account-team --dry-run
step --as "Dana Smith" declare Contoso "Exchange Online" --no-intent \
	--subscription SUB-0003 --validated-with account-team
# Northwind has intent but is blocked before delivery (Blocked page, B1).
step status set "Northwind Traders" Intune --l1 blocked --l2 app-compatibility \
	--notes "Unable to deploy because the line-of-business app is not certified for Intune" \
	--engagement customer-led --next-action-date 2026-11-20
# The account team reads; it does not update.
step --as "Luis Ortega" actions done Contoso "Exchange Online" ||
	echo "(refused, exit $?: the database is unchanged)"

day 2026-11-16 "corrections: a misspelt name, a wrong status undone"
step customer rename "Northwind Traders" "Northwind Traders Ltd."
step status set "Compañía Ñandú S.A." "Microsoft Teams" --l1 in-progress \
	--l2 adoption --target-date 2027-01-15
step history --since 2026-11-16
# The status was set on the wrong workload: the newest change set's Id (the
# first column of 'history') shows it, and revert undoes it.
id=$("$ftrack" history --format csv | awk -F, 'NR == 2 { print $1 }')
step history show "$id"
step revert "$id"

day 2026-11-23 "what the team reads, and the account team told"
step actions
# The next action of a No Intent service: the message for the account
# team, as a draft e-mail, the action recorded done in the same step.
step --as "Dana Smith" notify Contoso
step --as "Dana Smith" notify Contoso --format eml \
	--output "$dir/contoso-no-intent.eml" --done
step actions --overdue
step no-intent
step no-intent --accounts
step customer list
step customer show Contoso
step history
step --lang es history Contoso --format md
step verify
step digest
step report --output "$dir/report.html"

cat <<EOF

The report: $dir/report.html (open it in a browser)
The message to the account team: $dir/contoso-no-intent.eml
The database is kept: $FTRACK_DB
Go on exploring it with, for example:
  ./ftrack --db '$FTRACK_DB' --as 'Ana García' history
  ./ftrack --db '$FTRACK_DB' rules --wide
(remove the folder when done: rm -r '$dir')
EOF
