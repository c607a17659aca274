#!/bin/sh
# The console's 月报 tab at 80×24: last month's report over the login's
# scope, the same figures as `govnet report month`, each row with its bar;
# the list keys scroll it, ←/→ and :report choose the month.
. "$GN_TEST_SRCDIR/tests/tui/lib.sh"

NOW=2026-11-27T10:00:00+08:00
GOVNET_NOW=$NOW gn init --demo >/dev/null
# The command line's figure for 东海县's pool, to find on the screen.
usage=$(GOVNET_NOW=$NOW GOVNET_LOGIN=dh_zwb gn report month 2026-10 --json | python3 -c '
import json, sys
for s in json.load(sys.stdin)["sections"]:
    for r in s["rows"]:
        if r["item"] == "10.36.0.0/16":
            print(r["values"]["usage_pct"])')
expect_eq "$usage" "10.9" "the command line's share of 东海县's IPv4 pool"

for term in xterm-256color vt100; do
	tui_open 80 24 "$term" GOVNET_LOGIN=dh_zwb GOVNET_NOW=$NOW
	tui_keys '['
	expect_screen "2026-10 月报：东海县" "[ from the Overview reaches the report, last month's, in the login's scope"
	# 东海县's overdue now, as in tests/cli/report.sh's hand count of the
	# demo: 1 request, 2 incident duties, 1 rectification order.
	expect_screen "东海县           ██████████ 接入 1 变更 0 安全事件 2 检查 1" "a section's row with its bar"
	expect_screen "2026-10 月报：东海县" "the report's first line"
	tui_keys G
	expect_screen "10.36.0.0/16           █░░░░░░░░░ 地址数 65536 已分配 7168 利用率（%） $usage" \
		"G scrolls to the end: the pool's share drawn as a bar, the command line's figure"
	expect_screen_not "2026-10 月报：东海县" "its first lines scrolled off"
	tui_keys g
	expect_screen "2026-10 月报：东海县" "g back to the top"
	tui_keys q
	expect_screen "EXIT=0" "the console quits"
done

# Any month up to this one: ←/→ step a month, :report names one.  东海县
# received 0 requests in September, 1 in October and 2 in November (as
# `govnet report month` counts them).
tui_open 80 24 xterm-256color GOVNET_LOGIN=dh_zwb GOVNET_NOW=$NOW
tui_keys '['
expect_screen "2026-10 月报：东海县" "the report opens on last month"
expect_screen "受理 1 批准 0 不予批准 0 退回补充 0" "with October's requests"
tui_keys Left
expect_screen "2026-09 月报：东海县" "← shows the month before, named in the heading"
expect_screen "受理 0 批准 0 不予批准 0 退回补充 0" "with September's figures"
expect_screen_not "2026-10 月报" "October's heading is gone"
tui_keys Right Right
expect_screen "2026-11 月报：东海县" "→ twice: this month, so far"
expect_screen "受理 2 批准 0 不予批准 0 退回补充 0" "with November's figures"
tui_keys Right
expect_screen "2026-12 尚未到来" "a month to come is refused, saying why"
expect_screen "2026-11 月报：东海县" "and the month shown stays"
tui_keys :
tui_type "report 2026-10"
tui_keys Enter
expect_screen "2026-10 月报：东海县" ":report 2026-10 names the month"
expect_screen "受理 1 批准 0 不予批准 0 退回补充 0" "and its figures are shown"
tui_keys :
tui_type "report 2027-01"
tui_keys Enter
expect_screen "2027-01 尚未到来" ":report refuses a month to come"
tui_keys :
tui_type "report 2026-13"
tui_keys Enter
expect_screen "月份应写作 YYYY-MM" "and a month that is none"
expect_screen "2026-10 月报：东海县" "leaving the month shown as it was"
tui_keys q
expect_screen "EXIT=0" "the console quits"
finish
