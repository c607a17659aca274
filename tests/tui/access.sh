#!/bin/sh
# The access lifecycle (Art 9–12, 17) through the console, each step by the
# login whose move it is: a request created in a form filled in Chinese,
# submitted from the actions menu (which shows the deadline it starts),
# returned, resubmitted, approved, planned, implemented and revoked, with
# the detail pane's deadline and history checked against the command line.
. "$GN_TEST_SRCDIR/tests/tui/lib.sh"

gn init --demo >/dev/null
json_field() { python3 -c 'import json,sys; v=json.load(sys.stdin); print(v.get(sys.argv[1]) or "")' "$1"; }

# Take an action on the request shown last from the menu, by its number.
menu_pick() {
	tui_keys G a
	expect_screen "可执行的操作" "the actions menu opens"
	expect_screen "$1" "the menu offers $1"
	# The item's number as the menu shows it ("3 提交申请…"); $2 if none.
	n=$(tui_screen | python3 -c 'import sys
t = sys.argv[1]
print(next((l[l.index(t) - 2] for l in sys.stdin if t in l), ""))' "$1")
	tui_keys "${n:-$2}"
}

# ---- a department fills the request form in Chinese and submits it
console_as dh_jyj 2026-09-14T10:00:00+08:00 "access list" 接入理由
tui_keys c
expect_screen "新建接入申请" "c opens the request form"
tui_type "东海县教育局"
tui_keys Enter
tui_type "新建图书馆接入政务外网"
tui_keys Tab
tui_type "图书馆全楼"
tui_keys Tab
tui_type "图书馆一层机房"
tui_keys Tab
tui_type "300"
tui_keys Tab
tui_type "千兆双链路，边界防火墙"
tui_keys C-s
expect_screen "已完成：新建接入申请" "the request is saved"
expect_screen "新建图书馆接入政务外网" "and listed"
A=$(gn access list --json --limit 0 | python3 -c 'import json,sys; print(max(r["id"] for r in json.load(sys.stdin)))')
expect_ok "the command line sees the request" gn access show "$A" --json
expect_in "$OUT" '"reason": "新建图书馆接入政务外网"' "with the reason typed in the console"
expect_in "$OUT" '"traffic": 300' "and the traffic"
tui_quit

console_as dh_jyj 2026-09-18T10:00:00+08:00 "access list" 接入理由
tui_keys G a
expect_screen "提交申请（submit）" "a draft's menu offers submitting it"
expect_screen_not "补充后重新提交" "but not resubmitting, which only a returned request may"
expect_screen_not "申请撤销接入节点" "nor revoking a node it does not have"
tui_keys Escape
menu_pick "提交申请（submit），启动期限：10 个工作日内审核（Art 11）" 5
expect_screen "接入申请 #$A" "the form is for the request under the cursor"
expect_screen_not "新建图书馆接入政务外网" "a transition's reason field starts empty"
tui_keys C-s
expect_screen "已完成：提交申请" "submitted"
due=$(gn access show "$A" --json | json_field due)
expect_eq "$due" "$(gn calendar add 2026-09-18 10 2>/dev/null)" "the review is due 10 working days on"
expect_screen "待审核；审核期限：$due（Art 11，10 个工作日）" "the status line says what the transition did"
expect_screen "$due（审核，Art 11）" "the detail pane shows the deadline"
expect_screen "dh_jyj submit →" "and the history"
tui_quit

# ---- the county office returns it; the department resubmits
console_as dh_zwb 2026-09-22T16:00:00+08:00 "access list" 接入理由
tui_keys :
tui_type "access return $A"
tui_keys Enter
expect_screen "缺少必填字段 意见（--comment），依据 Art 11" "a return needs a comment (Art 11)"
tui_keys :
tui_type "access return $A --comment 请补充网络拓扑图"
tui_keys Enter
expect_screen "退回补充" "returned"
tui_quit
expect_ok "paused" gn access show "$A" --json
expect_in "$OUT" '"paused": true' "the clock is paused while returned"

console_as dh_jyj 2026-10-09T09:00:00+08:00 "access list" 接入理由
tui_keys :
tui_type "access resubmit $A"
tui_keys Enter
expect_screen "期限恢复" "resubmitted; the clock resumes"
tui_quit
expect_eq "$(gn access show "$A" --json | json_field due)" "$(gn calendar add 2026-10-09 7 2>/dev/null)" "with the days left"

# ---- approved by the county office, planned and implemented by its operator
console_as dh_zwb 2026-10-12T10:00:00+08:00 "access list" 接入理由
tui_keys :
tui_type "access approve $A"
tui_keys Enter
expect_screen "已批准" "approved"
tui_quit
console_as dh_dsj 2026-10-20T10:00:00+08:00 "access list" 接入理由
tui_keys :
tui_type "access plan $A --plan 裸纤接入汇聚节点"
tui_keys Enter
expect_screen "方案已定" "planned"
tui_keys :
tui_type "access implement $A"
tui_keys Enter
expect_screen "已接入" "implemented"
tui_quit
expect_ok "a node" gn access list --view nodes --json --limit 0
expect_in "$OUT" "\"request_id\": $A" "the node of the request exists"

# ---- revocation (Art 17): requested, forwarded, revoked
for step in "dh_jyj 2026-12-01T10:00:00+08:00 request-revocation --reason 机构调整|申请撤销" \
	    "dh_zwb 2026-12-02T10:00:00+08:00 forward|撤销已转发" \
	    "dh_dsj 2026-12-03T10:00:00+08:00 revoke|已撤销"; do
	set -- ${step%%|*}
	who=$1 when=$2; shift 2
	console_as "$who" "$when" "access list" 接入理由
	tui_keys :
	tui_type "access $1 $A $(echo "$*" | cut -s -d' ' -f2-)"
	tui_keys Enter
	case $1 in revoke) expect_screen "确认" "revocation asks for confirmation"; tui_keys y ;; esac
	expect_screen "${step#*|}" "$1 by $who"
	tui_quit
done
expect_ok "revoked" gn access show "$A" --json
expect_in "$OUT" '"state": "revoked"' "the request ends revoked"
# ---- the Overview names what is overdue, at 80×24 too (the demo's
# records are dated from today, so some are always overdue today)
late=$(gn due --overdue --json | python3 -c '
import json, sys
r = json.load(sys.stdin)[0]
print("接入 #%d|%s" % (r["id"], r["due"]))')
tui_start 80 24 linux GOVNET_LOGIN=zwb
tui_console
expect_screen "已超期" "the overview counts what is overdue"
expect_screen "${late%|*}" "and names the most overdue request"
expect_screen "${late#*|} 逾期" "with its due date"
tui_quit

expect_ok "the audit chain verifies" gn audit verify
finish
