#!/bin/sh
# Installed on a jump host (DESIGN §2): the store in a directory only the
# store's group may enter, govnet set-group-ID to that group.  Real Unix
# users, made here and removed on exit, reach the store only through govnet,
# as themselves, and name files with their own rights.
#
# `make install` goes into a staging directory; a private mount namespace
# puts it where it was configured to live, so the compiled-in paths hold.
if [ "$(id -u)" != 0 ]; then
	echo "FAIL: this test makes Unix users and a group: run it as root (CI does)" >&2
	exit 1
fi
if [ -z "${GN_SETGID_NS:-}" ]; then
	GN_SETGID_NS=1 exec unshare --mount --propagation private "$(readlink /proc/$$/exe)" "$0" "$@"
fi
. "${GN_TEST_SRCDIR}/tests/cli/lib.sh"
unset GOVNET_CONF GOVNET_PLUGIN_DIR

B=$GN_TEST_BUILDDIR
prefix=$(sed -n 's/^prefix = //p' "$B/Makefile")
sysconfdir=$(sed -n 's/^sysconfdir = //p' "$B/Makefile" | sed "s|\${prefix}|$prefix|")
localstatedir=$(sed -n 's/^localstatedir = //p' "$B/Makefile" | sed "s|\${prefix}|$prefix|")
case "$sysconfdir$localstatedir" in
"$prefix/etc$prefix/var") ;;
*) fail "this test expects --sysconfdir and --localstatedir under --prefix ($sysconfdir, $localstatedir)"; finish; exit 1 ;;
esac

id=$$
grp=gnt$id
adm=gna$id  # the city's administrator
aud=gnb$id  # the city's auditor
nobody=gnc$id # has an account, not registered in govnet
cleanup() {
	for u in $adm $aud $nobody; do userdel "$u" >/dev/null 2>&1; done
	groupdel "$grp" >/dev/null 2>&1
	rm -rf "$WORK"
}
trap cleanup EXIT
chmod 755 "$WORK"
groupadd "$grp" || { fail "groupadd"; finish; exit 1; }
for u in $adm $aud $nobody; do
	useradd -M -U -d "$WORK/home/$u" -s /bin/sh "$u" || { fail "useradd $u"; finish; exit 1; }
	install -d -m 700 -o "$u" -g "$u" "$WORK/home/$u"
done

STAGE=$WORK/stage
expect_ok "make install, as root" make -s -C "$B" install DESTDIR="$STAGE" GOVNET_GROUP="$grp"
mkdir -p "$prefix" && mount --bind "$STAGE$prefix" "$prefix" || { fail "bind mount"; finish; exit 1; }
G=$prefix/bin/govnet
STORE=$localstatedir/lib/govnet/govnet.db

expect_eq "$(stat -c '%a %G' "$G")" "2755 $grp" "govnet is set-group-ID to the store's group"
expect_eq "$(stat -c '%a %U %G' "$localstatedir/lib/govnet")" "2770 root $grp" "the store's directory is its group's alone"
expect_in "$(cat "$sysconfdir/govnet/govnet.conf")" "db = $STORE" "govnet.conf names the store"

# run_as USER [VAR=VALUE…] CMD… — as the user, nothing else: their own
# groups, their own home, and only the variables named.
run_as() {
	local u=$1; shift
	setpriv --reuid="$u" --regid="$u" --init-groups \
		env -i HOME="$WORK/home/$u" LC_ALL=C.UTF-8 TZ=UTC PATH=/usr/bin:/bin "$@"
}

expect_ok "root makes the store" "$G" init --demo
expect_eq "$(stat -c '%a %G' "$STORE")" "660 $grp" "the store is its group's, readable by no one else"
expect_ok "root registers the administrator" "$G" user add "$adm" --role admin --org 连云港市
expect_ok "and the auditor" "$G" user add "$aud" --role auditor --org 连云港市

# The store cannot be reached around govnet.
expect_fail 1 "a user cannot open the store with sqlite3" run_as "$adm" sqlite3 "$STORE" "UPDATE login SET role='admin'"
expect_in "$ERR" "unable to open" "sqlite3 is refused"
expect_fail 1 "nor read it" run_as "$adm" cat "$STORE"

# Through govnet, as themselves.
expect_ok "the administrator works through govnet" run_as "$adm" "$G" whoami
expect_in "$OUT" "$adm" "as the real user"
expect_ok "writes" run_as "$adm" "$G" org add 东海县测试局 --kind dept --parent 东海县 --code 320722901
expect_ok "the auditor reads the WAL store" run_as "$aud" "$G" org list --limit 500
expect_in "$OUT" "东海县测试局" "and sees the change"
expect_eq "$(sqlite3 "$STORE" 'PRAGMA journal_mode')" "wal" "the store is in WAL mode"
expect_fail 1 "an auditor still changes nothing" run_as "$aud" "$G" org add 东海县又一局 --kind dept --parent 东海县
expect_fail 1 "an account not registered is refused" run_as "$nobody" "$G" org list
expect_in "$ERR" "未在 govnet 登记" "and told whom to ask"

# Under a set-group-ID run the environment changes nothing.
expect_ok "GOVNET_LOGIN from a user" run_as "$aud" GOVNET_LOGIN=root "$G" whoami
expect_in "$OUT" "$aud" "is ignored"
expect_not_in "$OUT" "root" "is not root"
expect_fail 1 "GOVNET_LOGIN does not make an auditor write" \
	run_as "$aud" GOVNET_LOGIN=root GOVNET_NOW=2020-01-01T00:00:00 "$G" org add 东海县冒名局 --kind dept --parent 东海县
GOVNET_LOGIN=$aud expect_ok "root may still act as another" "$G" whoami
expect_in "$OUT" "$aud" "for root, GOVNET_LOGIN holds"
mkdir -m 755 "$WORK/evil"
cp "$B/tests/fixtures/plugins-badabi/badabi.so" "$WORK/evil/"
chmod 644 "$WORK/evil/badabi.so"
expect_ok "a plugin directory from the environment" run_as "$adm" GOVNET_PLUGIN_DIR="$WORK/evil" "$G" org list --limit 1
expect_not_in "$ERR" "badabi" "is ignored"
GOVNET_PLUGIN_DIR=$WORK/evil expect_ok "root's is read" "$G" org list --limit 1
expect_in "$ERR" "badabi" "(so the check above can fail)"
run_as "$adm" sh -c "umask 077; : >\$HOME/own.db"
expect_ok "GOVNET_DB and GOVNET_CONF from a user" \
	run_as "$adm" GOVNET_DB="$WORK/home/$adm/own.db" GOVNET_CONF="$WORK/home/$adm/x.conf" "$G" whoami
expect_in "$OUT" "$STORE" "are ignored: the configured store"

# Files a user names are opened with the user's rights.
before=$(sha256sum "$STORE")
expect_fail 1 "db backup onto the store" run_as "$adm" "$G" db backup "$STORE"
expect_eq "$(sha256sum "$STORE")" "$before" "leaves the store as it was"
expect_fail 1 "db backup into the store's directory" run_as "$adm" "$G" db backup "$localstatedir/lib/govnet/copy.db"
[ ! -e "$localstatedir/lib/govnet/copy.db" ] && pass || fail "a refused backup left a file in the store's directory"
expect_ok "db backup into one's own directory" run_as "$adm" "$G" db backup "$WORK/home/$adm/backup.db"
expect_eq "$(stat -c '%a %U' "$WORK/home/$adm/backup.db")" "600 $adm" "is the user's, readable by them alone"
expect_fail 1 "report month --xlsx into the store's directory" \
	run_as "$adm" "$G" report month 2026-10 --xlsx "$localstatedir/lib/govnet/report.xlsx"
[ ! -e "$localstatedir/lib/govnet/report.xlsx" ] && pass || fail "a refused workbook left a file in the store's directory"
expect_ok "report month --xlsx into one's own directory" \
	run_as "$adm" "$G" report month 2026-10 --xlsx "$WORK/home/$adm/report.xlsx"
expect_eq "$(stat -c '%U %G' "$WORK/home/$adm/report.xlsx")" "$adm $(id -gn "$adm")" \
	"the workbook is the user's, in the user's own group, not the store's"
expect_fail 1 "calendar import cannot read the store" run_as "$adm" "$G" calendar import "$STORE"
expect_in "$ERR" "没有读取权限" "with the user's rights"
expect_fail 1 "import cannot read the store as a ledger" run_as "$adm" "$G" import org "$STORE" --dry-run
expect_in "$ERR" "Permission denied" "the ledger is opened with the user's rights"
expect_not_in "$ERR" "SQLite" "and nothing of the store's content is echoed"
C=$(run_as "$aud" "$G" inspect list --view circulars --json --limit 1 | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["id"])')
expect_fail 1 "a circular is not written into the store's directory" run_as "$aud" "$G" inspect circular print "$C" --out "$localstatedir/lib/govnet/通报.txt"
[ ! -e "$localstatedir/lib/govnet/通报.txt" ] && pass || fail "a refused circular left a file in the store's directory"
expect_ok "a circular into one's own directory" run_as "$aud" "$G" inspect circular print "$C" --out "$WORK/home/$aud/通报.txt"
expect_eq "$(stat -c '%a %U %G' "$WORK/home/$aud/通报.txt")" "644 $aud $aud" "is the user's, not the store's group's, and readable by all"
expect_ok "--db names the user's own store" run_as "$adm" "$G" --db "$WORK/home/$adm/backup.db" whoami
expect_in "$OUT" "backup.db" "which is opened"
ln -s "$STORE" "$WORK/home/$adm/link.db"
expect_fail 1 "--db through a link to the store" run_as "$adm" "$G" --db "$WORK/home/$adm/link.db" org list
expect_eq "$(sha256sum "$STORE")" "$before" "reaches nothing"

# A forced command on the jump host: the department's command arrives in
# SSH_ORIGINAL_COMMAND and is never given to a shell.
expect_ok "an SSH forced command" run_as "$aud" SSH_ORIGINAL_COMMAND="govnet org show 东海县" "$G"
expect_in "$OUT" "320722" "runs as typed"
expect_ok "a login shell's -c" run_as "$aud" "$G" -c "org show '东海县'"
expect_in "$OUT" "320722" "runs as typed"
expect_fail 2 "a shell's syntax is only words" run_as "$aud" SSH_ORIGINAL_COMMAND="org show 东海县; touch $WORK/pwned" "$G"
[ ! -e "$WORK/pwned" ] && pass || fail "a shell ran the SSH command"
expect_fail 2 "control characters in an SSH command" run_as "$aud" SSH_ORIGINAL_COMMAND="$(printf 'org show \033]0;x\007')" "$G"
expect_in "$ERR" "控制字符" "are refused"
finish
