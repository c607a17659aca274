#!/bin/sh
# What a person reads is Chinese: on every tab of the demo at 80×24 no
# heading and no label of the detail pane is a raw column name
# (ascii_name, reverse_zone, system_id), codes appear as their titles
# (县区, not county; a role's title, not operator; a state's title without
# its code beside it), and times are short (11-27 23:23 this year,
# 2025-11-27 23:23 another), never as stored (2026-11-27T23:23:08+08:00).
# A view of other records than its plugin's own (filings) shows its row in
# the detail pane, never the plugin's record of the same number.
. "$GN_TEST_SRCDIR/tests/tui/lib.sh"

gn init --demo >/dev/null
# One audit entry from another year: its time keeps the year.
sqlite3 "$DB" "UPDATE audit SET at = '2025-03-04T05:06:07+08:00' WHERE id = 1" 2>/dev/null ||
	sqlite3 "$DB" "PRAGMA table_info(audit)" >&2

# Keys, then a sentinel typed on the command line: once it shows, the
# console has drawn what the keys before it did.
settle() {
	tui_keys "$@" :
	tui_type "zz$1"
	if ! tui_wait ":zz$1"; then
		fail "the console did not take the keys $*"
		return 1
	fi
	SCREEN=$(tui_screen)
	tui_keys C-u Escape
	tui_wait_gone ":zz$1" || fail "the command line did not close"
}

raw_names=""
stored_times=""
tabs=0
# Every view: ] to a plugin's tab, > through its views (sub-tabs) until
# the row of them is drawn as it was on the first, then ] to the next.
next=']'
first_views=""
tui_open 80 24 xterm-256color GOVNET_LOGIN=root
while [ "$tabs" -lt 60 ]; do
	settle "$next" || break
	case "$(printf '%s\n' "$SCREEN" | sed -n 2p)" in " 概览："*) break ;; esac
	views=$(tui_screen_sgr | sed -n 2p)
	if [ "$next" = '>' ] && [ "$views" = "$first_views" ]; then
		next=']'
		continue
	fi
	[ "$next" = ']' ] && first_views=$views
	next='>'
	tabs=$((tabs + 1))
	heading=$(printf '%s\n' "$SCREEN" | sed -n 2,3p)
	for w in $heading; do
		case "$w" in *[a-z]_[a-z]*) raw_names="$raw_names heading:$w" ;; esac
	done
	stored_times="$stored_times$(printf '%s\n' "$SCREEN" | grep -oE '[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}' | head -n1)"
	settle Enter || break
	# The detail pane's labels: lines that start with one blank.
	labels=$(printf '%s\n' "$SCREEN" | sed -n '3,22p' | sed -n 's/^ \([^ ][^ ]*\) .*/\1/p')
	for w in $labels; do
		case "$w" in *[!a-z_]*) ;; ?*) raw_names="$raw_names label:$w" ;; esac
	done
	case "$SCREEN" in *"状态代码"*) raw_names="$raw_names 状态代码" ;; esac
	stored_times="$stored_times$(printf '%s\n' "$SCREEN" | grep -oE '^ [^ ]+ +[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}' | head -n1)"
	settle Escape || break
done
[ "$tabs" -gt 20 ] && pass || fail "only $tabs tabs were visited"
expect_eq "$raw_names" "" "no raw column name on any tab's heading or detail"
expect_eq "$stored_times" "" "no time as stored on any tab"
tui_keys q
expect_screen "EXIT=0" "the console quits"

tui_open 80 24 xterm-256color GOVNET_LOGIN=root
tui_keys :
tui_type "org list"
tui_keys Enter
expect_screen_match "县区 +连云港市" "kinds of organisation are titled"
expect_screen_not " county " "never as codes"
tui_keys :
tui_type "user list"
tui_keys Enter
expect_screen "运行管理机构" "roles are titled"
expect_screen_not " operator " "never as codes"
tui_keys :
tui_type "audit list"
tui_keys Enter
expect_screen "2025-03-04 05:06" "a time of another year keeps its year"
# Every row the list shows at 80×24 (below the tabs, the views' row and
# the headings) but the one of another year.
expect_eq "$(tui_screen | grep -cE ' [0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2} ')" 18 "this year's times are month, day and minute"
tui_keys :
tui_type "access filings"
tui_keys Enter
expect_screen "东海县教育局         刘副局长" "the filings"
tui_keys Enter
expect_screen "责任人备案 #1" "Enter opens the filing"
expect_screen_not "接入理由" "not the request of the same number"
tui_keys q
expect_screen "EXIT=0" "the console quits"
finish
