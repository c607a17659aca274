#!/bin/sh
# Security incidents (Art 26) through the command line: the five steps by
# the right roles, the grade's handling deadline in `govnet due`, the
# operating agency disconnecting and reconnecting a department's node, and
# plans and drills falling due.
. "${GN_TEST_SRCDIR}/tests/cli/lib.sh"
gn init --demo >/dev/null

at() { when=$1; who=$2; shift 2; GOVNET_NOW=$when GOVNET_LOGIN=$who "$GOVNET" --db "$DB" "$@"; }
json_field() { python3 -c 'import json,sys; v=json.load(sys.stdin); print(v.get(sys.argv[1]) if v.get(sys.argv[1]) is not None else "")' "$1"; }
node_state() { gn access list --view nodes --json --limit 0 | python3 -c '
import json, sys
print([r["state"] for r in json.load(sys.stdin) if r["id"] == int(sys.argv[1])][0])' "$1"; }
T=2026-10-12T10:00:00+08:00

# ---- the demo: open and closed incidents, one node cut off, one drill overdue
expect_ok "incidents are listed" gn incident list --json --limit 0
expect_in "$OUT" '"state": "closed"' "a closed one"
expect_in "$OUT" '"state": "located"' "an open one"
expect_in "$OUT" '"grade": "特别重大"' "of several grades"
expect_ok "the disconnected nodes" gn incident list --view disconnected --json
expect_in "$OUT" '"org": "灌云县卫生健康委员会"' "the demo's disconnected node"
expect_ok "plans and drills" gn incident list --view prep --overdue --json
expect_in "$OUT" '"org": "东海县教育局"' "东海县教育局's drill is overdue"
expect_ok "due" as dsj due --overdue --json
expect_in "$OUT" "应急演练（东海县教育局" "the overdue drill is in govnet due"

# ---- roles: an auditor reads, never registers
before=$(db_snapshot)
expect_fail 1 "an auditor cannot register an incident" at $T shenji incident new --org 灌云县卫生健康委员会 --title x --grade 一般
expect_in "$ERR" "auditor" "naming the role"
expect_fail 1 "an unknown grade" at $T gyun_dsj incident new --org 灌云县卫生健康委员会 --title x --grade 严重
expect_in "$ERR" "grade" "naming the field"
expect_fail 1 "another county's operator" at $T dh_dsj incident new --org 灌云县卫生健康委员会 --title x --grade 一般
expect_in "$ERR" "超出权限范围" "out of scope"
expect_eq "$(db_snapshot)" "$before" "refused registrations change nothing"

# ---- detected → located → analysed → handled, each on the timeline
expect_ok "the operator registers" at $T gyun_dsj incident new --org 灌云县卫生健康委员会 --title 卫生院终端异常外联 --grade 较大
I=$OUT
expect_ok "show" gn incident show "$I" --json
expect_in "$OUT" '"state": "detected"' "a new incident is detected"
expect_eq "$(gn incident show "$I" --json | json_field response_due)" "2026-10-17" "较大: handled within 5 calendar days"
expect_ok "due lists it" at 2026-10-20T10:00:00+08:00 gyun_dsj due --overdue --json
expect_in "$OUT" "处置（较大" "the handling deadline is in govnet due"
expect_fail 1 "locating needs a comment" at $T gyun_wjw incident locate "$I"
expect_ok "the department locates" at 2026-10-12T11:00:00+08:00 gyun_wjw incident locate "$I" --comment 三楼机房两台终端
expect_ok "the operator analyses" at 2026-10-12T12:00:00+08:00 gyun_dsj incident analyse "$I" --comment 弱口令被利用
expect_ok "a note is one command" at 2026-10-12T12:30:00+08:00 gyun_wjw incident note "$I" --text 已通知厂商
expect_fail 1 "an auditor cannot add notes" at $T shenji incident note "$I" --text x
expect_fail 1 "handling before analysis is not skipped back" at $T gyun_dsj incident locate "$I" --comment x
expect_in "$ERR" "已分析" "naming the state"

# ---- Art 26 ¶2: disconnect — by the operating agency of the node's county only
N=4
GY_REQ=$(gn access list --org 灌云县 --state forwarded --json | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["id"])')
expect_eq "$(node_state $N)" "active" "node $N is active"
before=$(db_snapshot)
expect_fail 1 "a department never disconnects" at $T gyun_wjw incident disconnect $N --incident "$I" --reason 扫描
expect_in "$ERR" "operator" "only the operating agency"
expect_fail 1 "an office does not disconnect" at $T gyun_zwb incident disconnect $N --incident "$I" --reason 扫描
expect_fail 1 "an auditor does not disconnect" at $T shenji incident disconnect $N --incident "$I" --reason 扫描
expect_fail 1 "another county's operator cannot" at $T dh_dsj incident disconnect $N --incident "$I" --reason 扫描
expect_in "$ERR" "超出权限范围" "the node is outside its county"
REVOKED=$(sqlite3 "$DB" "SELECT id FROM node WHERE state = 'revoked' LIMIT 1")
expect_fail 1 "a revoked node cannot be disconnected" at $T dsj incident disconnect "$REVOKED" --incident "$I" --reason 扫描
expect_in "$ERR" "已撤销" "naming the node's state"
expect_fail 1 "a reason is required" at $T gyun_dsj incident disconnect $N --incident "$I"
expect_in "$ERR" "reason" "naming the field"
expect_fail 1 "an incident that does not exist" at $T gyun_dsj incident disconnect $N --incident 9999 --reason 扫描
expect_in "$ERR" "incident" "naming the field"
expect_eq "$(db_snapshot)" "$before" "refused disconnections change nothing"

expect_ok "the channel" as dsj notify channel add 灌云值班 --kind webhook --url http://127.0.0.1:1/hook
expect_ok "the county office subscribes the department" as gyun_zwb notify subscribe incident.disconnect --org 灌云县卫生健康委员会 --channel 灌云值班
expect_ok "the county's operator disconnects" at 2026-10-12T13:00:00+08:00 gyun_dsj incident disconnect $N --incident "$I" --reason 终端持续向外网扫描
expect_in "$OUT" "已断开" "says so"
expect_eq "$(node_state $N)" "disconnected" "the node is disconnected"
expect_eq "$(sqlite3 "$DB" "SELECT count(*) FROM outbox WHERE event = 'incident.disconnect'")" "1" "the department is notified"
expect_ok "the disconnected nodes" gn incident list --view disconnected --json
expect_in "$OUT" '"since": "2026-10-12T13:00"' "since when"
expect_in "$OUT" "\"incident\": $I" "and for which incident"
before=$(db_snapshot)
expect_fail 1 "a disconnected node is not revoked" at $T gyun_dsj access revoke "$GY_REQ"
expect_in "$ERR" "已断开" "naming its state"
expect_fail 1 "nor disconnected twice" at $T gyun_dsj incident disconnect $N --incident "$I" --reason 再次
expect_fail 1 "the incident does not close while its node is cut off" at $T gyun_dsj incident close "$I" --summary x
expect_eq "$(db_snapshot)" "$before" "and those refusals change nothing"

expect_fail 1 "a department never reconnects" at $T gyun_wjw incident reconnect $N --reason 已修复
expect_fail 1 "reconnecting needs a reason" at $T gyun_dsj incident reconnect $N
expect_in "$ERR" "reason" "naming the field"
expect_ok "the operator reconnects" at 2026-10-13T09:00:00+08:00 gyun_dsj incident reconnect $N --reason 终端已清除恶意程序
expect_eq "$(node_state $N)" "active" "the node is active again"
expect_fail 1 "an active node is not reconnected" at $T gyun_dsj incident reconnect $N --reason x
expect_ok "the city's operator may disconnect anywhere" at 2026-10-13T10:00:00+08:00 dsj incident disconnect $N --incident "$I" --reason 复查发现告警
expect_ok "and reconnect" at 2026-10-13T11:00:00+08:00 dsj incident reconnect $N --reason 复查通过
expect_ok "the timeline" gn incident show "$I"
expect_in "$OUT" "断开接入节点 #$N" "holds the disconnection"
expect_in "$OUT" "恢复接入节点 #$N 的连接：终端已清除恶意程序" "and the reconnection with its reason"
expect_in "$OUT" "已通知厂商" "and the note"
first=$(gn incident show "$I" --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["timeline"].split("\n")[0])')
expect_in "$first" "复查通过" "newest first"
expect_ok "the audit log" gn audit list --json --limit 0
expect_in "$OUT" '"verb": "disconnect"' "records the disconnection"
expect_in "$OUT" '"verb": "reconnect"' "and the reconnection"

# ---- handled → closed with a summary; reopened with a reason
expect_ok "handle" at 2026-10-14T10:00:00+08:00 gyun_dsj incident handle "$I" --comment 加固完成
before=$(db_snapshot)
expect_fail 1 "closing needs a summary" at 2026-10-14T11:00:00+08:00 gyun_dsj incident close "$I"
expect_in "$ERR" "summary" "naming the field"
expect_fail 1 "a department does not close" at 2026-10-14T11:00:00+08:00 gyun_wjw incident close "$I" --summary x
expect_eq "$(db_snapshot)" "$before" "nothing changed"
expect_ok "close" at 2026-10-14T11:00:00+08:00 gyun_dsj incident close "$I" --summary 终端弱口令，已整改
expect_ok "closed" gn incident show "$I" --json
expect_in "$OUT" '"summary": "终端弱口令，已整改"' "the summary is kept"
expect_in "$OUT" '"response_due": ""' "nothing is due any more"
expect_fail 1 "a closed incident disconnects nothing" at $T gyun_dsj incident disconnect $N --incident "$I" --reason x
expect_in "$ERR" "incident" "naming the field"
expect_fail 1 "reopening needs a reason" at 2026-10-20T10:00:00+08:00 gyun_zwb incident reopen "$I"
expect_ok "the office reopens" at 2026-10-20T10:00:00+08:00 gyun_zwb incident reopen "$I" --reason 同类告警再次出现
expect_eq "$(gn incident show "$I" --json | json_field response_due)" "2026-10-25" "the handling time runs again"
expect_ok "the timeline" gn incident show "$I" --json
expect_in "$OUT" "重新打开：同类告警再次出现" "holds the reason"

# ---- plans and drills on their periods
before=$(db_snapshot)
expect_fail 1 "a plan needs its version" at $T dh_jyj incident prep add --org 东海县教育局 --kind plan --date 2026-10-01
expect_in "$ERR" "version" "naming the field"
expect_fail 1 "a drill in the future" at $T dh_jyj incident prep add --org 东海县教育局 --kind drill --date 2026-12-01
expect_in "$ERR" "date" "naming the field"
expect_fail 1 "another county's department" at $T gy_wjw incident prep add --org 东海县教育局 --kind drill --date 2026-10-01
expect_eq "$(db_snapshot)" "$before" "nothing changed"
printf 'plan v2\n' > "$WORK/预案.pdf"
expect_ok "a new plan" at $T dh_jyj incident prep add --org 东海县教育局 --kind plan --date 2026-10-01 --version V2.0 --file "$WORK/预案.pdf"
expect_ok "a drill" at $T dh_jyj incident prep add --org 东海县教育局 --kind drill --date 2026-10-10
expect_ok "plans and drills" gn incident list --view prep --org 东海县教育局 --json
expect_in "$OUT" "预案.pdf sha256:$(sha256sum "$WORK/预案.pdf" | cut -c1-64)" "the plan's file by SHA-256"
expect_in "$OUT" '"next_due": "2027-10-10"' "the next drill a year on"
expect_ok "due" at $T dsj due --overdue --json
expect_not_in "$OUT" "应急演练（东海县教育局" "the drill is no longer overdue"

finish
