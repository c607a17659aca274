#!/bin/sh
# The Debian package (issue: install like a Debian program): `dpkg-buildpackage
# -us -uc -b` builds it from a copy of the tree without a compiler warning,
# lintian finds no error, and the .deb holds what the jump host needs.  Then
# it is installed with apt into a clean Debian 12 that debootstrap makes
# here (minbase, made while the package builds): apt takes every Depends
# from the archive, so a missing one shows; postinst makes the group, the
# store's directory, the set-group-ID binary and the timers' login; root
# makes the store from govnet.conf, and an ordinary Unix user, not in the
# group, works through govnet but cannot open the store itself.
#
# Skipped (77) when not root (debootstrap and chroot need it; CI runs as
# root), where dpkg-buildpackage, debhelper, lintian or debootstrap is not
# installed (tools/deps installs them), and under the sanitizers: the package
# is built with Debian's flags, the same in both runs.  deb.debian.org not
# answering is a failure, not a skip.
[ -z "${ASAN_OPTIONS:-}" ] || { echo "SKIP: the package build is the same under the sanitizers"; exit 77; }
[ "$(id -u)" = 0 ] || { echo "SKIP: installing the package into a debootstrapped Debian 12 needs root (CI runs as root)"; exit 77; }
for tool in dpkg-buildpackage dh lintian debootstrap; do
	command -v "$tool" >/dev/null || { echo "SKIP: $tool is not installed (tools/deps installs it)"; exit 77; }
done
# A private mount namespace: the chroot's /proc is the test's alone, and
# goes with it however the test ends.
if [ -z "${GN_DEB_NS:-}" ]; then
	GN_DEB_NS=1 exec unshare --mount --propagation private "$(readlink /proc/$$/exe)" "$0" "$@"
fi
. "${GN_TEST_SRCDIR}/tests/cli/lib.sh"

MIRROR=http://deb.debian.org/debian
ROOT=$WORK/root
boot_pid=
# Whatever is mounted under the chroot is unmounted before $WORK is removed
# (rm -rf must never walk into a mount); a debootstrap still running is
# stopped with its children.
unmount_root() {
	awk -v r="$ROOT" '$2 == r || index($2, r "/") == 1 { print $2 }' /proc/mounts | sort -r |
	while read -r m; do umount "$m" 2>/dev/null || umount -l "$m"; done
}
cleanup() {
	if [ -n "$boot_pid" ]; then
		kill -- "-$boot_pid" 2>/dev/null
		wait "$boot_pid" 2>/dev/null
	fi
	unmount_root
	if grep -q " $ROOT[/ ]" /proc/mounts; then
		echo "FAIL: still mounted under $ROOT; $WORK is left in place" >&2
	else
		rm -rf "$WORK"
	fi
}
trap cleanup EXIT
trap 'exit 1' HUP INT TERM

# The clean Debian 12, made in the background while the package builds: its
# own session, so that cleanup stops all of it.
boot_start=$(date +%s)
setsid sh -c 'nice -n 10 debootstrap --variant=minbase bookworm "$1" "$2" >"$3" 2>&1; echo "$? $(date +%s)" >"$4"' \
	- "$ROOT" "$MIRROR" "$WORK/debootstrap.log" "$WORK/debootstrap.rc" </dev/null &
boot_pid=$!

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
mkdir "$WORK/unpacked"
dpkg-deb -x "$deb" "$WORK/unpacked"
expect_eq "$(cat "$WORK/unpacked/etc/govnet/govnet.conf" | grep '^db')" "db = /var/lib/govnet/govnet.db" "the conffile names the store"
expect_in "$(cat "$WORK/unpacked/lib/systemd/system/govnet-notify.service")" "ExecStart=/usr/bin/govnet notify run" "the service delivers"
expect_in "$(cat "$WORK/unpacked/lib/systemd/system/govnet-anchor.service")" "ExecStart=/usr/bin/govnet audit anchor" "the other anchors the audit chain"
expect_in "$(cat "$WORK/unpacked/usr/share/bash-completion/completions/govnet")" "complete -o default -F _govnet govnet" \
	"the completion is the generated script"
[ -n "$deb" ] || { finish; exit 1; }

# ---- installed into a clean Debian 12 --------------------------------------
wait "$boot_pid"
boot_pid=
read -r boot_rc boot_end 2>/dev/null <"$WORK/debootstrap.rc" || boot_rc=unknown
if [ "$boot_rc" != 0 ]; then
	fail "debootstrap could not make a Debian 12 from $MIRROR (is it reachable from here?): $(tail -n 5 "$WORK/debootstrap.log")"
	finish
	exit 1
fi
echo "debootstrap --variant=minbase bookworm: $((boot_end - boot_start)) s, beside the package build"
mount -t proc proc "$ROOT/proc" || { fail "mount /proc in the chroot"; finish; exit 1; }
# No service starts inside (policy-rc.d(8)).
printf '#!/bin/sh\nexit 101\n' >"$ROOT/usr/sbin/policy-rc.d"
chmod 755 "$ROOT/usr/sbin/policy-rc.d"

# in_root CMD… — as root inside, with nothing of the test's environment.
in_root() {
	chroot "$ROOT" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LC_ALL=C.UTF-8 TZ=UTC \
		DEBIAN_FRONTEND=noninteractive "$@"
}
# as_user USER CMD… — as USER inside: their own uid, gid and groups only.
as_user() {
	local u=$1; shift
	chroot "$ROOT" setpriv --reuid="$u" --regid="$u" --init-groups \
		env -i HOME="/home/$u" PATH=/usr/bin:/bin LC_ALL=C.UTF-8 TZ=UTC "$@"
}

debname=${deb##*/}
cp "$deb" "$ROOT/tmp/"
inst_start=$(date +%s)
expect_ok "apt-get installs the .deb, taking its Depends from the archive" \
	in_root sh -c "cd /tmp && apt-get install -y -q --no-install-recommends ./$debname >/root/apt.log 2>&1 || { tail -n 30 /root/apt.log; exit 1; }"
[ -n "$OUT" ] && echo "$OUT" >&2
echo "apt-get install in the chroot: $(($(date +%s) - inst_start)) s"
expect_in "$(in_root dpkg-query -W -f '${Status}' govnet)" "install ok installed" "govnet is installed and configured"
expect_eq "$(in_root sh -c 'ldd /usr/bin/govnet /usr/lib/*/govnet/*.so' | grep 'not found')" "" \
	"every library the binary and the plugins link is there"
expect_ok "govnet --help runs" in_root govnet --help
expect_in "$OUT" "org" "and names the commands"
expect_eq "$ERR" "" "with nothing on stderr (every plugin loads)"

# What postinst made.
expect_in "$(in_root getent group govnet)" "govnet:x:" "postinst made the group govnet"
expect_eq "$(in_root stat -c '%a %U %G' /var/lib/govnet)" "2770 root govnet" "and /var/lib/govnet, root:govnet 2770"
expect_eq "$(in_root dpkg-statoverride --list /usr/bin/govnet)" "root govnet 2755 /usr/bin/govnet" \
	"and a statoverride for the binary"
expect_eq "$(in_root stat -c '%a %U %G' /usr/bin/govnet)" "2755 root govnet" "which is set-group-ID govnet"
expect_in "$(in_root getent passwd govnet-timer)" ":/nonexistent:/usr/sbin/nologin" "and the timers' login, with no shell"
expect_not_in " $(in_root id -nG govnet-timer) " " govnet " "which is not in the group"
expect_ok "the bash completion is in place" in_root test -s /usr/share/bash-completion/completions/govnet

# The administrator makes the store govnet.conf names, and registers an
# ordinary user made here.
expect_ok "root runs govnet init, with the store from /etc/govnet/govnet.conf" in_root govnet init
expect_in "$OUT" "全市管理员：root" "root is the city's administrator"
expect_eq "$(in_root stat -c '%a %G' /var/lib/govnet/govnet.db)" "660 govnet" "the store is the group's, no one else's"
expect_ok "an ordinary Unix user" in_root useradd -m -s /bin/sh li
expect_not_in " $(in_root id -nG li) " " govnet " "who is not in the group"
expect_ok "root registers li as 东海县's office" in_root govnet user add li --role office --org 东海县 --name 李科长

expect_fail 1 "li cannot read the store with cat" as_user li cat /var/lib/govnet/govnet.db
expect_in "$ERR" "Permission denied" "refused by the directory's mode"
expect_ok "li is known by the real uid" as_user li govnet whoami
expect_eq "$(printf '%s\n' "$OUT" | sed -n 's/^登录名 *//p')" "li" "as li"
expect_in "$OUT" "/var/lib/govnet/govnet.db" "on the configured store"
expect_ok "li writes through the set-group-ID binary" \
	as_user li govnet org add 东海县试装局 --kind dept --parent 东海县 --code 320722902
expect_ok "and reads" as_user li govnet org list --limit 500
expect_in "$OUT" "东海县试装局" "the change li made"
expect_eq "$(in_root stat -c '%a %G' /var/lib/govnet/govnet.db)" "660 govnet" "and the store is still the group's"
expect_ok "li writes the month's workbook into li's home (libxlsxwriter loads)" \
	as_user li govnet report month 2026-10 --xlsx /home/li/月报.xlsx
expect_eq "$(in_root stat -c '%U' /home/li/月报.xlsx)" "li" "the workbook is li's"
expect_fail 1 "a holiday schedule from an address nobody serves" \
	in_root govnet calendar import http://127.0.0.1:1/2026.json
expect_in "$ERR" "无法连接" "fails on the connection: libcurl is there and loads"

# The manual, with man-db (a few small packages: not one of govnet's Depends).
expect_ok "man-db installs" in_root sh -c 'apt-get install -y -q --no-install-recommends man-db sqlite3 >/root/man.log 2>&1 || { tail -n 20 /root/man.log; exit 1; }'
expect_ok "man govnet renders" in_root sh -c 'MANWIDTH=80 man govnet 2>&1'
expect_in "$OUT" "/etc/govnet/govnet.conf" "the manual names the configuration file"
expect_not_in "$OUT" "warning" "without a warning from groff"
expect_ok "man 5 govnet.conf" in_root man 5 govnet.conf
expect_in "$OUT" "/var/lib/govnet/govnet.db" "names the store"
expect_fail 1 "li cannot open the store with sqlite3" as_user li sqlite3 /var/lib/govnet/govnet.db "UPDATE login SET role='admin'"
expect_in "$ERR" "unable to open" "sqlite3 is refused"

# Removed, then purged: what postrm says it does.
expect_ok "apt-get remove" in_root apt-get remove -y -q govnet
expect_fail 1 "the command is gone" in_root test -e /usr/bin/govnet
expect_ok "govnet.conf, a conffile, stays until purge" in_root test -f /etc/govnet/govnet.conf
expect_ok "apt-get purge" in_root apt-get purge -y -q govnet
expect_eq "$(in_root dpkg-statoverride --list /usr/bin/govnet)" "" "purge drops the statoverride"
expect_fail 1 "and govnet.conf" in_root test -e /etc/govnet/govnet.conf
expect_eq "$(in_root stat -c '%a %U %G' /var/lib/govnet/govnet.db)" "660 root govnet" "the store, the city's record, is kept"
expect_in "$(in_root getent group govnet)" "govnet:x:" "and the group that owns it"
# Installed again, postinst finds its group, login and directory.
expect_ok "apt-get installs it again over the kept store" \
	in_root sh -c "cd /tmp && apt-get install -y -q --no-install-recommends ./$debname >/root/apt.log 2>&1 || { tail -n 30 /root/apt.log; exit 1; }"
expect_eq "$(in_root stat -c '%a %U %G' /usr/bin/govnet)" "2755 root govnet" "set-group-ID again"
expect_ok "li reads the kept store" as_user li govnet org list --limit 500
expect_in "$OUT" "东海县试装局" "with li's change in it"
finish
