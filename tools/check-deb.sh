#!/bin/sh
# make check-deb: builds the Debian package (make deb), runs lintian on it
# (errors fail, warnings are printed), installs it with dpkg -i, checks that
# the command runs and its man page is found, then removes it. As root (it
# installs the build tools with apt-get when missing, and the package).
set -eu
cd "$(dirname "$0")/.."
if [ "$(id -u)" -ne 0 ]; then
	echo "check-deb installs a package: run it as root" >&2
	exit 1
fi
start=$(date +%s)
sh tools/deps.sh deb
mkdir -p build
# CI has run every test already (make check); the package build skips them.
DEB_BUILD_OPTIONS="${DEB_BUILD_OPTIONS:-nocheck}" make --no-print-directory \
	deb >build/deb.log 2>&1 || { tail -n 40 build/deb.log; exit 1; }
deb=$(ls build/ftrack_*.deb)
echo "built $deb"
dpkg-deb --field "$deb" Depends
# lintian: E: fails, W: and I: are printed
lintian --tag-display-limit 0 "$deb" >build/lintian.log 2>&1 || true
cat build/lintian.log
if grep -q '^E: ' build/lintian.log; then
	echo "lintian found errors" >&2
	exit 1
fi
if dpkg -s ftrack >/dev/null 2>&1; then
	echo "ftrack is already installed here; not touching it" >&2
	exit 1
fi
dpkg -i "$deb" >/dev/null
status=0
/usr/bin/ftrack --version || status=1
man -w ftrack || status=1
[ -f /usr/share/bash-completion/completions/ftrack ] || status=1
[ -f /usr/share/zsh/vendor-completions/_ftrack ] || status=1
dpkg -r ftrack >/dev/null
if [ -e /usr/bin/ftrack ]; then
	echo "dpkg -r left /usr/bin/ftrack" >&2
	status=1
fi
echo "check-deb: $([ $status -eq 0 ] && echo ok || echo FAILED)" \
	"in $(($(date +%s) - start)) s"
exit $status
