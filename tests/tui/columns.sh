#!/bin/sh
# A list never shows a wrong value: identifiers (addresses, prefixes) keep
# every character at 80×24, free text that does not fit ends with "…", and
# columns that do not fit are reached by scrolling sideways.
. "$GN_TEST_SRCDIR/tests/tui/lib.sh"

gn init --demo >/dev/null

open_list() {
	tui_keys :
	tui_type "$1"
	tui_keys Enter
	expect_screen "$2" "$1 opens"
}

filter() {
	tui_keys /
	tui_type "$1"
	tui_keys Enter
	expect_screen "第 1/1 条" "the filter \"$1\" leaves one row"
}

for term in xterm-256color vt100; do
	tui_open 80 24 "$term"
	open_list "ip list" "上级网段"
	filter "10.36.4.10/32"
	expect_screen " 10.36.4.10/32 10.36.4.0/26 " "a /32 and its parent /26 are shown whole"
	expect_screen "东海县…" "a name that does not fit says so"
	tui_keys Escape
	expect_screen_not "筛选「" "Esc clears the filter"
	filter "2001:db8:3200:100::/64"
	expect_screen " 2001:db8:3200:100::/64 2001:db8:3200::/48 " "an IPv6 prefix is shown whole"
	tui_keys Escape
	expect_screen_not "筛选「" "Esc clears the filter"
	expect_screen_match " 10.32.0.0/12 .* 已分配 " "a state's title is whole (a code, not free text)"
	open_list "audit list" "登录名"
	expect_screen_match "^ +1 [0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2} +root " "an audit entry's time is whole"
	tui_keys q
	expect_screen "EXIT=0" "the console quits"
done

# At the narrowest size the console draws, the address plan's columns do not
# all fit: the heading says so, and → brings the others in.
tui_open 60 24 xterm-256color
open_list "ip list" "上级网段"
filter "10.36.4.10/32"
expect_screen "10.36.4.10/32" "the prefix is whole at 60 columns too"
expect_screen "›" "the heading marks columns off to the right"
expect_screen_not "用途" "the purpose is one of them"
for i in 1 2 3 4 5 6; do tui_keys Right; done
expect_screen "‹编号" "→ scrolls: the heading marks columns off to the left"
expect_screen " 用途" "and the purpose comes into view"
expect_screen "已显示到最后一列" "until the last column"
for i in 1 2 3 4 5 6 7; do tui_keys Left; done
expect_screen "已在最左一列" "← scrolls back to the first column"
expect_screen " 编号 网段" "where the prefix shows again"
tui_keys Tab
expect_screen_not "上级网段" "Tab still moves to the next tab"
tui_keys q
expect_screen "EXIT=0" "the console quits"
finish
