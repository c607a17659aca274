#!/bin/sh
# The `:` command line: the console's own commands and any command-line
# command, through the one door, its messages in the status line.
. "$GN_TEST_SRCDIR/tests/tui/lib.sh"

gn init --demo >/dev/null

for term in xterm-256color vt100; do
	tui_open 80 24 "$term"
	tui_keys 2 :
	tui_type "org add 测试局$term --parent 东海县 --why 控制台测试"
	tui_keys Enter
	expect_screen "已完成：添加组织" "a command-line command runs from the console"
	expect_ok "read back" gn org show "测试局$term"
	expect_in "$OUT" "东海县" "with the parent given"
	expect_screen "1 概览" "its output did not scribble over the tab bar"
	tui_keys G
	expect_screen "测试局$term" "the list shows the new organisation"

	tui_keys :
	tui_type "org add 又一个 --parent 没有这个县"
	tui_keys Enter
	expect_screen "没有名称或代码为 \"没有这个县\" 的组织" "a refusal goes to the status line"
	expect_fail 1 "nothing added" gn org show 又一个

	tui_keys :
	tui_type "org add '带 空格 的局 $term' --parent 320722"
	tui_keys Enter
	expect_screen "已完成：添加组织" "quoted words keep their blanks"
	expect_ok "read back" gn org show "带 空格 的局 $term"

	# :org narrows the scope of every list; :org alone widens it back.
	in_donghai=$(sqlite3 "$DB" "SELECT count(*) FROM org WHERE path LIKE (SELECT path FROM org WHERE code = '320722') || '%'")
	tui_keys :
	tui_type "org 东海县"
	tui_keys Enter
	expect_screen "范围已缩小到 东海县" ":org narrows the scope"
	expect_screen "第 1/$in_donghai 条" "the list shows only 东海县's organisations"
	tui_keys :
	tui_type "org"
	tui_keys Enter
	expect_screen "范围：连云港市" ":org alone widens it back"

	tui_keys :
	tui_type "nosuch thing"
	tui_keys Enter
	expect_screen "未知命令 \"nosuch\"" "an unknown command is named"
	tui_keys :
	tui_type "org add --help"
	tui_keys Enter
	expect_screen "用法：govnet org add" "--help shows the action's help"
	tui_keys Escape :
	tui_type "q"
	tui_keys Enter
	expect_screen "EXIT=0" ":q quits"
done

# A destructive command asks first.
tui_open 80 24 xterm-256color
tui_keys :
tui_type "user disable sgaj"
tui_keys Enter
expect_screen "确定要停用登录吗？" "a destructive command asks for confirmation"
tui_keys n
expect_screen "已取消" "no leaves it undone"
expect_ok "still enabled" gn user show sgaj
expect_in "$OUT" "启用" "the login is still enabled"
tui_keys :
tui_type "user disable sgaj"
tui_keys Enter y
expect_screen "已完成：停用登录" "yes does it"
expect_ok "disabled" gn user show sgaj
expect_in "$OUT" "停用" "the login is disabled"
tui_keys q
expect_screen "EXIT=0" "quits"
finish
