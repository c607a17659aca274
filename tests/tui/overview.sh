#!/bin/sh
# The Overview's deadline lines are selectable at 80×24: Enter on one opens
# its record; when more are overdue than fit, a line says how many more
# and Enter on it lists them all.
. "$GN_TEST_SRCDIR/tests/tui/lib.sh"

# One moment for the demo, the count and the console: which records are
# overdue depends on the day.
NOW=2026-11-28T10:00:00+08:00
GOVNET_NOW=$NOW gn init --demo >/dev/null
overdue=$(GOVNET_NOW=$NOW GOVNET_LOGIN=dh_zwb gn due --overdue --json | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')
[ "$overdue" -gt 2 ] || fail "the demo has more overdue records for 东海县 than fit at 80×24 ($overdue)"

for term in xterm-256color vt100; do
	tui_open 80 24 "$term" GOVNET_LOGIN=dh_zwb GOVNET_NOW=$NOW
	expect_screen "…另有 $((overdue - 2)) 项（Enter 查看全部）" "the Overview says how many more are overdue"
	# g: the first deadline line; the third is the one that says how many more.
	tui_keys g j j Enter
	expect_screen "安全事件 #5  东海县教育局" "Enter on it lists every overdue record"
	expect_screen_not " drill " "a duty on a calendar date says what is due, never its code"
	expect_eq "$(tui_screen | grep -c ' #[0-9]*  东海县')" "$overdue" "all $overdue of them"
	tui_keys Escape
	expect_screen "列表" "Esc returns to the Overview"
	tui_keys g j Enter
	expect_screen "接入申请 #3" "Enter on an overdue line opens its record"
	expect_screen "乡镇中心校视频会议" "the record's own fields"
	tui_keys Escape
	tui_keys 1
	expect_screen "概览：" "back on the Overview"
	tui_keys q
	expect_screen "EXIT=0" "the console quits"
done
finish
