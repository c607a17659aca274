#!/bin/sh
# The detail pane shows a whole record at 80×24: it scrolls (j/k, PgDn,
# PgUp) with a mark while more follows, and long text wraps by display
# width, so a department reads why its request was returned and the last
# entry of a long history.
. "$GN_TEST_SRCDIR/tests/tui/lib.sh"

gn init --demo >/dev/null
at() { when=$1; who=$2; shift 2; GOVNET_NOW=$when GOVNET_LOGIN=$who "$GOVNET" --db "$DB" "$@"; }
WHY="请补充接入拓扑图、边界防火墙的型号与策略说明、机房位置平面图，以及运维负责人的联系方式，补齐后重新提交"

expect_ok "a request" at 2026-09-14T10:00:00+08:00 dh_jyj access new --org 东海县教育局 --reason 滚动测试专用申请 \
	--scope 实验楼全部楼层 --location 实验楼一层机房 --traffic 300 --tech 双链路
A=$OUT
expect_ok "submitted" at 2026-09-18T10:00:00+08:00 dh_jyj access submit "$A"
expect_ok "returned with a long reason" at 2026-09-22T16:00:00+08:00 dh_zwb access return "$A" --comment "$WHY"
expect_ok "resubmitted" at 2026-10-09T09:00:00+08:00 dh_jyj access resubmit "$A"
expect_ok "approved" at 2026-10-12T10:00:00+08:00 dh_zwb access approve "$A"

# vt100 has no PgDn/PgUp keys: there ^F and ^B page.
for term in xterm-256color vt100; do
	down=NPage up=PPage
	[ "$term" = vt100 ] && down=C-f up=C-b
	tui_start 80 24 "$term" GOVNET_LOGIN=dh_jyj GOVNET_NOW=2026-10-13T10:00:00+08:00
	tui_console
	expect_screen "概览：" "the console opens"
	tui_keys :
	tui_type "access list"
	tui_keys Enter
	expect_screen "接入理由" "the requests tab"
	tui_keys /
	tui_type "滚动测试专用申请"
	tui_keys Enter
	expect_screen "第 1/1 条" "the filter leaves the request"
	tui_keys Enter
	expect_screen "接入申请 #$A" "Enter opens the record"
	expect_screen "↓ 下面还有" "the pane says more follows"
	expect_screen_not "dh_zwb approve" "the last history entry is below the pane"
	tui_keys $down
	expect_screen "dh_zwb approve" "page-down reaches the last history entry"
	expect_screen "↑ 上面还有" "the title says lines are above"
	expect_screen_not "↓ 下面还有" "and nothing more follows"
	# The return's reason, wrapped, is read to its last characters.
	expect_screen "的联系方式，补齐后" "the return's reason is read to its end"
	expect_screen "请补充接入拓扑图" "from its beginning"
	tui_keys $down
	expect_screen "dh_zwb approve" "page-down at the end stays at the end"
	tui_keys $up
	expect_screen_not "↑ 上面还有" "page-up goes back to the top"
	expect_screen "↓ 下面还有" "with the mark below again"
	for _ in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do tui_keys j; done
	expect_screen "dh_zwb approve" "j scrolls down to the last entry"
	tui_keys k
	expect_screen "↓ 下面还有 1 行" "k scrolls back one line"
	tui_keys Escape
	expect_screen "接入理由" "Esc returns to the list"
	tui_keys q
	expect_screen "EXIT=0" "the console quits"
done
finish
