#!/bin/sh
# The Debian package (issue: install like a Debian program): `dpkg-buildpackage
# -us -uc -b` builds it from a copy of the tree without a compiler warning,
# lintian finds no error, and the .deb holds what the jump host needs.
# Skipped (77) where dpkg-buildpackage, debhelper or lintian is not installed
# (tools/deps installs them), and under the sanitizers: the package is built
# with Debian's flags, the same in both runs.
. "${GN_TEST_SRCDIR}/tests/cli/lib.sh"
[ -z "${ASAN_OPTIONS:-}" ] || { echo "SKIP: the package build is the same under the sanitizers"; exit 77; }
for tool in dpkg-buildpackage dh lintian; do
	command -v "$tool" >/dev/null || { echo "SKIP: $tool is not installed"; exit 77; }
done

# A copy: the package build configures in its tree, which must not be the
# checkout (its builds are out of tree, in _build*).
mkdir "$WORK/src"
tar -C "$GN_TEST_SRCDIR" --exclude='./_build*' --exclude=./.git --exclude='./debian/govnet' \
	--exclude='./debian/.debhelper' --exclude='./debian/files' --exclude='./debian/*.substvars' \
	--exclude='./debian/debhelper-build-stamp' -cf - . | tar -C "$WORK/src" -xf -
# Not a sub-make of make check: its job server and flags are not the build's.
# One job, niced: it must not slow the timed tests running beside it.
unset MAKEFLAGS MFLAGS MAKELEVEL MAKEOVERRIDES
expect_ok "dpkg-buildpackage -us -uc -b builds the package" \
	sh -c 'cd "$1" && nice -n 19 dpkg-buildpackage -us -uc -b -j1 >"$2" 2>&1' - "$WORK/src" "$WORK/build.log"

expect_eq "$(grep -E '\.[ch]:[0-9]+:[0-9]+: warning:' "$WORK/build.log")" "" "without a compiler warning"
deb=$(ls "$WORK"/govnet_*_*.deb 2>/dev/null | head -n 1)
expect_in "$deb" "govnet_" "the .deb is there"
changes=$(ls "$WORK"/govnet_*.changes 2>/dev/null | head -n 1)
lintian --tag-display-limit 0 "$changes" >"$WORK/lintian.out" 2>&1
expect_eq "$(grep '^E: ' "$WORK/lintian.out")" "" "lintian finds no error"
grep '^W: ' "$WORK/lintian.out" >&2

expect_in "$(dpkg-deb -f "$deb" Depends)" "libcurl4 | libcurl3-gnutls" "libcurl, loaded at run time, is an explicit dependency"
expect_in "$(dpkg-deb -f "$deb" Depends)" "libxlsxwriter4" "and libxlsxwriter, loaded when a workbook is written"
contents=$(dpkg-deb -c "$deb")
for f in ./usr/bin/govnet ./etc/govnet/govnet.conf ./usr/share/bash-completion/completions/govnet \
	./lib/systemd/system/govnet-notify.service ./lib/systemd/system/govnet-notify.timer \
	./lib/systemd/system/govnet-anchor.service ./lib/systemd/system/govnet-anchor.timer \
	./lib/systemd/system/govnet-probe.service ./lib/systemd/system/govnet-probe.timer \
	./usr/share/man/man1/govnet.1.gz ./usr/share/man/man5/govnet.conf.5.gz ./usr/share/man/man5/govnet-json.5.gz ./usr/share/man/man7/govnet-rules.7.gz \
	./usr/lib/x86_64-linux-gnu/govnet/access.so; do
	case "$f" in */x86_64-linux-gnu/*) f=$(printf '%s' "$f" | sed "s|x86_64-linux-gnu|$(dpkg-architecture -qDEB_HOST_MULTIARCH)|") ;; esac
	expect_in "$contents" " $f" "the package holds $f"
done
expect_not_in "$(printf '%s\n' "$contents" | grep ' ./usr/bin/govnet$')" "rwxr-sr-x" \
	"the binary is shipped plain: postinst makes it set-group-ID"
mkdir "$WORK/control"
dpkg-deb -e "$deb" "$WORK/control"
expect_eq "$(cat "$WORK/control/conffiles")" "/etc/govnet/govnet.conf" "govnet.conf is a conffile"
postinst=$(cat "$WORK/control/postinst")
expect_in "$postinst" "groupadd --system govnet" "postinst makes the group"
expect_in "$postinst" "install -d -m 2770 -o root -g govnet /var/lib/govnet" "and the store's directory"
expect_in "$postinst" "dpkg-statoverride --update --add root govnet 2755 /usr/bin/govnet" "and the binary set-group-ID"
expect_in "$postinst" "useradd --system" "and the timers' login"
mkdir "$WORK/root"
dpkg-deb -x "$deb" "$WORK/root"
expect_eq "$(cat "$WORK/root/etc/govnet/govnet.conf" | grep '^db')" "db = /var/lib/govnet/govnet.db" "the conffile names the store"
expect_in "$(cat "$WORK/root/lib/systemd/system/govnet-notify.service")" "ExecStart=/usr/bin/govnet notify run" "the service delivers"
expect_in "$(cat "$WORK/root/lib/systemd/system/govnet-anchor.service")" "ExecStart=/usr/bin/govnet audit anchor" "the other anchors the audit chain"
expect_in "$(cat "$WORK/root/usr/share/bash-completion/completions/govnet")" "complete -o default -F _govnet govnet" \
	"the completion is the generated script"
finish
