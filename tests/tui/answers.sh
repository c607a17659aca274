#!/bin/sh
# The rows an action answers (`ip usage`, a report) are a list like the
# tabs: at 80×24 an IPv6 prefix and a 27-digit count keep every character,
# the columns that do not fit come in with →, and Esc returns to where the
# action was taken.
. "$GN_TEST_SRCDIR/tests/tui/lib.sh"

gn init --demo >/dev/null
ROWS=$(gn ip usage 2001:db8:3200::/40 --json | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')

for term in xterm-256color vt100; do
	tui_open 80 24 "$term"
	tui_keys :
	tui_type "ip usage 2001:db8:3200::/40"
	tui_keys Enter
	expect_screen "已完成：利用率" "the report runs from the console"
	expect_screen " 序号 网段" "its rows are a list, numbered"
	expect_screen " 1 2001:db8:3200::/40 " "the IPv6 pool is shown whole"
	expect_screen " 309485009821345068724781056" "and its 27-digit address count"
	expect_screen "第 1/$ROWS 条" "the status line counts the answer's rows"
	expect_screen_not "使用率（%）" "the utilisation does not fit at first"
	for i in 1 2 3 4 5 6; do tui_keys Right; done
	expect_screen "‹序号" "→ scrolls: the heading marks columns off to the left"
	expect_screen "使用率（%）" "and the utilisation comes into view"
	expect_screen "1.451e+25    4.7" "as a share of the addresses"
	expect_screen "已显示到最后一列" "until the last column"
	tui_keys G
	expect_screen "第 $ROWS/$ROWS 条" "G goes to the last row"
	tui_keys Escape
	expect_screen "概览：" "Esc returns to the overview"
	expect_screen_not "序号" "and the answer is gone"
	tui_keys q
	expect_screen "EXIT=0" "the console quits"
done
finish
