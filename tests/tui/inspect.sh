#!/bin/sh
# An inspection through the console (Art 28), each step by the login whose
# move it is: planned in a form, started and ordered from the actions menu,
# the department's response in its own console, closed on re-check; the
# order shows on the department's orders tab and, once late, in its
# Overview.
. "$GN_TEST_SRCDIR/tests/tui/lib.sh"

gn init --demo >/dev/null
json_field() { python3 -c 'import json,sys; v=json.load(sys.stdin); print(v.get(sys.argv[1]) or "")' "$1"; }

# ---- the county office plans an inspection in the form
console_as dh_zwb 2026-09-10T10:00:00+08:00 "inspect list --view inspections" 受检部门
tui_keys c
expect_screen "制定检查计划" "c opens the plan form"
tui_type "东海县教育局"
tui_keys Tab
tui_type "2026-09-21"
tui_keys Tab
tui_type "陈科长"
tui_keys C-s
expect_screen "已完成：制定检查计划" "the plan is saved"
A=$(gn inspect list --json --limit 0 | python3 -c 'import json,sys; print(max(r["id"] for r in json.load(sys.stdin)))')
expect_eq "$(gn inspect show "$A" --json | json_field inspector)" "陈科长" "with the inspector typed in the console"
tui_quit

# ---- its operator starts it; the findings; the order from the menu
console_as dh_dsj 2026-09-22T09:00:00+08:00 "inspect list --view inspections" 受检部门
tui_keys :
tui_type "inspect start $A"
tui_keys Enter
expect_screen "检查中" "started"
tui_keys :
tui_type "inspect check $A --item usb-ports --result pass"
tui_keys Enter
expect_screen "检查项（--item）没有 \"usb-ports\"" "an unknown item is refused, naming the field"
tui_quit
for item in no-internet terminal-protection boundary no-classified-device no-classified-info organisation dengbao usb-control; do
	GOVNET_NOW=2026-09-22T10:00:00+08:00 as dh_dsj inspect check "$A" --item $item --result pass >/dev/null || fail "check $item"
done
GOVNET_NOW=2026-09-22T10:00:00+08:00 as dh_dsj inspect check "$A" --item dedicated --result fail --severity serious --finding 财务科终端同时处理互联网邮件 >/dev/null || fail "the finding"

console_as dh_zwb 2026-09-23T10:00:00+08:00 "inspect list --view inspections" 受检部门
tui_keys :
tui_type "inspect order $A --deadline 0"
tui_keys Enter
expect_screen "整改期限（工作日）（--deadline）应在 1 到 60 之间：0" "a deadline of 0 days is refused, naming the field"
tui_keys :
tui_type "inspect order $A"
tui_keys Enter
expect_screen "整改期限：2026-10-08（5 个工作日，Art 28）" "ordered, due over the holidays"
tui_quit

# ---- the department sees its order, responds; late, its Overview says so
console_as dh_jyj 2026-10-09T09:00:00+08:00 "inspect list --view orders" 受检部门
expect_screen "限期整改中" "the order is on the department's tab"
expect_screen "2026-10-08" "with its deadline"
tui_quit
tui_start 120 40 xterm-256color GOVNET_LOGIN=dh_jyj GOVNET_NOW=2026-10-09T09:00:00+08:00
tui_console
expect_screen "已超期" "the Overview counts what is overdue"
expect_screen "检查 #$A" "and names the order"
tui_keys :
tui_type "inspect respond $A --measures 外网终端已专机专用"
tui_keys Enter
expect_screen "已报整改待复查" "the department responds"
tui_quit

console_as dh_zwb 2026-10-12T10:00:00+08:00 "inspect list --view inspections" 受检部门
tui_keys :
tui_type "inspect close $A"
tui_keys Enter
expect_screen "确认" "closing asks for confirmation"
tui_keys y
expect_screen "已完成：复查通过，整改完成" "closed on re-check"
tui_quit
expect_eq "$(gn inspect show "$A" --json | json_field state)" "closed" "the command line agrees"
expect_ok "the audit chain verifies" gn audit verify
finish
