#!/bin/sh
# The man pages as built: the directories configure chose (no literal
# $(pkgdatadir) or @sysconfdir@), FILES naming govnet.conf where
# --sysconfdir put it, every plugin's commands in govnet(1), the
# timers documented, and `man --warnings` silent.
. "${GN_TEST_SRCDIR}/tests/cli/lib.sh"
: "${GN_TEST_BUILDDIR:?}"
MAN="$GN_TEST_BUILDDIR/man"
gn init >/dev/null

# What configure was given, as make expands it.
sysconfdir=$(MAKEFLAGS= make -s --no-print-directory -C "$GN_TEST_BUILDDIR" -f Makefile -f - print-sysconfdir <<'MK'
print-sysconfdir:
	@echo $(sysconfdir)
MK
)
expect_in "$sysconfdir" "/" "the build's sysconfdir"
for page in govnet.1 govnet.conf.5 govnet-rules.7; do
	text=$(cat "$MAN/$page")
	expect_not_in "$text" '$(' "$page has no make variable left in it"
	expect_eq "$(printf '%s\n' "$text" | grep -c '@[a-z]*@')" "0" "$page has no placeholder left in it"
	if command -v man >/dev/null; then
		warnings=$(LC_ALL=C.UTF-8 MANWIDTH=80 man --warnings -E UTF-8 -l "$MAN/$page" 2>&1 >/dev/null)
		expect_eq "$warnings" "" "man --warnings finds nothing in $page"
	fi
done
expect_in "$(cat "$MAN/govnet.1")" "$sysconfdir/govnet/govnet.conf" "govnet(1)'s FILES names govnet.conf under --sysconfdir"
expect_in "$(sed -n '/^\.SH FILES/,/^\.SH /p' "$MAN/govnet.conf.5")" "$sysconfdir/govnet/govnet.conf" "and so does govnet.conf(5)'s"
expect_in "$(cat "$MAN/govnet.1")" "govnet\\-notify.timer" "the notify timer is documented"
expect_in "$(cat "$MAN/govnet.1")" "govnet\\-anchor.timer" "and the audit anchor's"

# Every verb each plugin's --help lists is in the plugin's entry.
for plugin in access ip domain zone system change inspect incident; do
	expect_ok "$plugin --help" gn "$plugin" --help
	expect_in "$OUT" "--sort 列，--descending" "$plugin --help names how a list is sorted"
	verbs=$(printf '%s\n' "$OUT" | sed -n '/^操作：/,/^$/p' | sed -n 's/^  \([a-z][a-z -]*[a-z]\)  .*/\1/p' |
		sed 's/ *$//' | grep -v '^list$' | grep -v '^show KEY$')
	entry=$(sed -n "/^\\.B $plugin\$/,/^\\.TP/p" "$MAN/govnet.1" | sed 's/\\-/-/g')
	expect_in "$entry" "$plugin" "govnet(1) has an entry for $plugin"
	printf '%s\n' "$verbs" | while read -r verb; do
		case "$entry" in *"$verb"*) ;; *) echo "MISSING $plugin $verb" ;; esac
	done >"$WORK/missing"
	expect_eq "$(cat "$WORK/missing")" "" "every $plugin command is documented"
done
finish
