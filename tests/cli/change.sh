#!/bin/sh
# Maintenance notices (Art 15 ¶1), departments' changes (Art 15 ¶2) and
# counties' major changes (Art 7) through the command line, by the right
# roles.  The earliest window dates are counted by hand from
# data/holiday-cn/2026.json, not from govnet's own calendar.
. "${GN_TEST_SRCDIR}/tests/cli/lib.sh"
gn init --demo >/dev/null

at() { when=$1; who=$2; shift 2; GOVNET_NOW=$when GOVNET_LOGIN=$who "$GOVNET" --db "$DB" "$@"; }
notice() { when=$1; who=$2; start=$3; shift 3
	at "$when" "$who" change notice --what 核心交换机升级 --start "$start" --end "${start%T*}T23:59" "$@"; }

# ---- the two-working-day rule around holidays and make-up days (2026.json)
# Wed 09-30 is the last working day before National Day (10-01..10-07 off):
# 10-08 is the first working day after it, 10-09 the second.
expect_fail 1 "09-30: a window on 10-08 is too early" notice 2026-09-30T10:00:00+08:00 dsj 2026-10-08T22:00 --affects 市公安局
expect_in "$ERR" "--start" "naming the field"
expect_in "$ERR" "2026-10-09" "with the earliest allowed start date"
expect_in "$ERR" "Art 15" "citing the article"
expect_ok "09-30: a window on 10-09 is allowed" notice 2026-09-30T10:00:00+08:00 dsj 2026-10-09T00:00 --affects 市公安局
N1=$OUT
# Thu 09-24: 09-25..09-27 are the Mid-Autumn holiday; Mon 09-28 is the
# first working day, Tue 09-29 the second.
expect_fail 1 "09-24: 09-28 is too early" notice 2026-09-24T09:00:00+08:00 dsj 2026-09-28T22:00 --affects 市公安局
expect_in "$ERR" "2026-09-29" "the earliest is 09-29"
expect_ok "09-24: 09-29 is allowed" notice 2026-09-24T09:00:00+08:00 dsj 2026-09-29T01:00 --affects 市公安局
# Fri 09-18: Sunday 09-20 is a make-up working day (the first), Mon 09-21
# the second.
expect_fail 1 "09-18: the make-up Sunday itself is too early" notice 2026-09-18T17:00:00+08:00 dsj 2026-09-20T22:00 --affects 市公安局
expect_in "$ERR" "2026-09-21" "the earliest is 09-21"
expect_ok "09-18: 09-21 is allowed" notice 2026-09-18T17:00:00+08:00 dsj 2026-09-21T00:30 --affects 市公安局
# Fri 10-09: Saturday 10-10 is a make-up working day (the first), Mon
# 10-12 the second; Sunday 10-11 is not.
expect_fail 1 "10-09: Sunday 10-11 is too early" notice 2026-10-09T08:00:00+08:00 dsj 2026-10-11T22:00 --affects 市公安局
expect_in "$ERR" "2026-10-12" "the earliest is 10-12"
# Thu 04-02: Fri 04-03 is the first; 04-04..04-06 are Qingming; Tue 04-07
# the second.
expect_fail 1 "04-02: Monday 04-06 is a holiday" notice 2026-04-02T08:00:00+08:00 dsj 2026-04-06T22:00 --affects 市公安局
expect_in "$ERR" "2026-04-07" "the earliest is 04-07"

# ---- emergency notices may be late, with a reason, and are marked late
expect_fail 1 "an emergency needs a reason" notice 2026-10-09T08:00:00+08:00 dh_dsj 2026-10-09T20:00 --affects 东海县教育局 --emergency
expect_in "$ERR" "--reason" "naming the field"
expect_ok "a late emergency notice" notice 2026-10-09T08:00:00+08:00 dh_dsj 2026-10-09T20:00 --affects 东海县教育局 --emergency --reason 链路中断
E=$OUT
expect_ok "listed" env GOVNET_NOW=2026-10-09T09:00:00+08:00 "$GOVNET" --db "$DB" change list --late --json --limit 0
expect_in "$OUT" "\"id\": $E," "as late"
expect_in "$OUT" '"state_title": "紧急（逾期通知）"' "with its state"

# ---- refusals name the field and change nothing
NOW=2026-11-02T10:00:00+08:00
before=$(db_snapshot)
expect_fail 1 "an end before the start" notice $NOW dh_dsj 2026-11-10T22:00 --affects 东海县教育局 --end 2026-11-10T21:00
expect_in "$ERR" "--end" "naming --end"
expect_fail 1 "a window in the past" notice $NOW dh_dsj 2026-10-30T22:00 --affects 东海县教育局
expect_in "$ERR" "--start" "naming --start"
expect_in "$ERR" "已经过去" "saying it is past"
expect_fail 1 "a malformed time" notice $NOW dh_dsj 2026-11-31T22:00 --affects 东海县教育局
expect_in "$ERR" "--start" "naming --start"
expect_fail 1 "an unknown department" notice $NOW dh_dsj 2026-11-10T22:00 --affects 东海县不存在局
expect_in "$ERR" "东海县不存在局" "naming it"
expect_fail 1 "a county is not a department" notice $NOW dh_dsj 2026-11-10T22:00 --affects 东海县
expect_in "$ERR" "--affects" "naming --affects"
expect_fail 1 "an unknown department among the others" notice $NOW dh_dsj 2026-11-10T22:00 --affects 东海县教育局 --also 东海县不存在局
expect_in "$ERR" "--also" "naming --also"
expect_fail 1 "a node of another county" notice $NOW dh_dsj 2026-11-10T22:00 --affects 东海县教育局 --nodes 3
expect_in "$ERR" "--nodes" "naming --nodes"
expect_in "$ERR" "灌云县" "and whose node it is"
expect_fail 1 "another county's department" notice $NOW dh_dsj 2026-11-10T22:00 --affects 赣榆区卫生健康委员会
expect_in "$ERR" "超出权限范围" "out of scope"
expect_fail 1 "a department cannot issue notices" notice $NOW dh_jyj 2026-11-10T22:00 --affects 东海县教育局
expect_in "$ERR" "operator" "naming the role"
expect_fail 1 "an auditor cannot issue notices" notice $NOW shenji 2026-11-10T22:00 --affects 东海县教育局
expect_eq "$(db_snapshot)" "$before" "none of the refusals changed anything"

# ---- issuing tells each affected department; each sees it
expect_ok "a notice for two departments and a node's" notice $NOW dsj 2026-11-10T22:00 --affects 东海县教育局 --also 赣榆区卫生健康委员会 --nodes 1 --impact 断网半小时
A=$OUT
expect_ok "东海县教育局 sees it" at $NOW dh_jyj change list --view upcoming --json
expect_in "$OUT" "\"id\": $A," "in its upcoming view"
expect_ok "and was told" at $NOW dh_jyj change list --view messages --json --limit 0
expect_in "$OUT" "维护通知 #$A：核心交换机升级" "the message"
expect_ok "市公安局 was told through its node" at $NOW sgaj change list --view messages --json --limit 0
expect_in "$OUT" "维护通知 #$A" "the message"
expect_ok "a department it does not affect" at $NOW hz_jyj change list --view upcoming --json --limit 0
expect_not_in "$OUT" "\"id\": $A," "does not see it"
expect_ok "the auditor reads it" at $NOW shenji change list --view upcoming
expect_in "$OUT" "11-10 周二 22:00" "by date and weekday"
expect_ok "as JSON" at $NOW shenji change list --view upcoming --json --limit 0
for d in 东海县教育局 赣榆区卫生健康委员会 市公安局; do expect_in "$OUT" "$d" "with $d among the affected"; done

expect_ok "departments found through their address blocks" notice $NOW dsj 2026-11-12T22:00 --affects 市公安局 --blocks 10.32.12.0/22
B=$OUT
affects=$(gn change list --json --limit 0 | python3 -c 'import json,sys; print(" ".join(sorted(next(r["affects"] for r in json.load(sys.stdin) if r["id"] == int(sys.argv[1])).split("、"))))' "$B")
expect_eq "$affects" "市公安局 市教育局" "the block's department is affected"
before=$(db_snapshot)
expect_fail 1 "another county's address block" notice $NOW dh_dsj 2026-11-12T22:00 --affects 东海县教育局 --blocks 10.34.4.0/22
expect_in "$ERR" "--blocks" "naming --blocks"
expect_eq "$(db_snapshot)" "$before" "and nothing changed"

# ---- moving and cancelling tell them again
before=$(db_snapshot)
expect_fail 1 "moving earlier obeys the rule" at 2026-11-05T10:00:00+08:00 dsj change move "$A" --start 2026-11-06T22:00 --end 2026-11-06T23:00
expect_in "$ERR" "2026-11-09" "Thu 11-05 + 2 working days is Mon 11-09"
expect_fail 1 "another county's operator cannot move it" at $NOW dh_dsj change move "$A" --start 2026-11-20T22:00 --end 2026-11-20T23:00
expect_eq "$(db_snapshot)" "$before" "and nothing changed"
expect_ok "moving later is fine" at 2026-11-09T10:00:00+08:00 dsj change move "$A" --start 2026-11-10T23:00 --end 2026-11-11T01:00
expect_ok "told" at 2026-11-09T10:00:00+08:00 gy_wjw change list --view messages --json --limit 0
expect_in "$OUT" "改为 2026-11-10T23:00 至 2026-11-11T01:00" "the move"
expect_fail 1 "a cancellation needs a reason" at 2026-11-09T10:00:00+08:00 dsj change cancel "$A"
expect_ok "cancel" at 2026-11-09T10:00:00+08:00 dsj change cancel "$A" --reason 设备未到货
expect_ok "told" at 2026-11-09T10:00:00+08:00 dh_jyj change list --view messages --json --limit 0
expect_in "$OUT" "已取消：设备未到货" "the cancellation"
expect_ok "no longer upcoming" at 2026-11-09T10:00:00+08:00 shenji change list --view upcoming --json --limit 0
expect_not_in "$OUT" "\"id\": $A," "once cancelled"

# ---- a department's own change (Art 15 ¶2): approved before it is done
expect_fail 1 "another department cannot apply for it" at $NOW hz_jyj change apply --org 东海县教育局 --what 核心交换机更换 --when 2026-11-20T20:00
expect_ok "apply" at $NOW dh_jyj change apply --org 东海县教育局 --what 核心交换机更换 --when 2026-11-20T20:00
R=$OUT
before=$(db_snapshot)
expect_fail 1 "done before approval is refused" at $NOW dh_jyj change done "$R"
expect_in "$ERR" "待审批" "naming the state it is in"
expect_fail 1 "a department cannot approve" at $NOW dh_jyj change approve "$R"
expect_fail 1 "another county's operator cannot" at $NOW gy_dsj change approve "$R"
expect_fail 1 "nor the city's, for a county department" at $NOW dsj change approve "$R"
expect_in "$ERR" "东海县" "naming the county whose agency decides"
expect_fail 1 "a rejection needs a reason" at $NOW dh_dsj change reject "$R"
expect_eq "$(db_snapshot)" "$before" "and nothing changed"
expect_ok "approve" at $NOW dh_dsj change approve "$R"
expect_ok "done" at 2026-11-20T22:00:00+08:00 dh_jyj change done "$R"
expect_ok "show" gn change show "$R" --json
expect_in "$OUT" '"state": "done"' "done"
expect_in "$OUT" '"done_at": "2026-11-20T22:00:00+08:00"' "when it was done"

# ---- a county's major change filed with the city office (Art 7)
expect_fail 1 "a department cannot file" at $NOW dh_jyj change file --org 东海县 --what 核心节点迁移 --purpose 机房改造 --when 2026-12-01
expect_fail 1 "the city office does not file for a county" at $NOW zwb change file --org 东海县 --what 核心节点迁移 --purpose 机房改造 --when 2026-12-01
expect_in "$ERR" "--org" "naming the field"
expect_ok "the county office files" at $NOW dh_zwb change file --org 东海县 --what 核心节点迁移 --purpose 机房改造 --when 2026-12-01
F=$OUT
expect_ok "another county" at $NOW gy_zwb change list --view filings --json --limit 0
expect_not_in "$OUT" "核心节点迁移" "does not see it"
expect_fail 1 "the county office cannot acknowledge it" at $NOW dh_zwb change acknowledge "$F"
expect_ok "the city office acknowledges" at $NOW zwb change acknowledge "$F"
expect_ok "the county sees it acknowledged" at $NOW dh_zwb change list --view filings --json --limit 0
expect_in "$OUT" '"acknowledged_by": "zwb"' "by the city office"

# ---- the demo holds every kind
expect_ok "demo notices" gn change list --json --limit 0
for s in 已通知 已结束 已取消; do expect_in "$OUT" "\"state_title\": \"$s\"" "a $s notice"; done
expect_in "$OUT" '"late": true' "a late emergency notice"
expect_ok "demo requests" gn change list --view requests --json --limit 0
for s in applied approved rejected withdrawn done; do expect_in "$OUT" "\"state\": \"$s\"" "a request $s"; done

expect_ok "the audit chain verifies after all of it" gn audit verify
# ---- the affected department is told through the outbox as well (Art 15 ¶1)
expect_ok "a channel for the county" as dsj notify channel add 东海值班 --kind webhook --url http://127.0.0.1:9/hook
expect_ok "东海县's office subscribes to maintenance notices" as dh_zwb notify subscribe change.notice --org 东海县 --channel 东海值班
expect_ok "a notice affecting 东海县教育局" notice 2026-11-02T09:00:00+08:00 dh_dsj 2026-11-05T22:00 --affects 东海县教育局
expect_ok "the outbox" gn notify list --json --limit 0
expect_in "$OUT" '"event": "change.notice"' "holds the notice for the subscribed channel"
expect_in "$OUT" '"channel": "东海值班"' "addressed to that channel"
expect_ok "a notice affecting only the city's 市公安局" notice 2026-11-02T09:00:00+08:00 dsj 2026-11-05T22:00 --affects 市公安局
expect_ok "the outbox again" gn notify list --json --limit 0
expect_eq "$(printf '%s' "$OUT" | grep -c '"event": "change.notice"')" "1" "东海县's channel hears nothing of the city's department"
# ---- several departments: --affects may be given more than once
expect_ok "a notice affecting two departments" notice 2026-11-02T09:00:00+08:00 dsj 2026-11-06T22:00 --affects 市公安局 --affects 东海县教育局
M=$OUT
expect_ok "its departments" gn change list --json --limit 0
expect_eq "$(printf '%s' "$OUT" | python3 -c 'import json,sys; print([r["affects"] for r in json.load(sys.stdin) if r["id"] == int(sys.argv[1])][0])' "$M" | tr '、,' '\n\n' | grep -c .)" "2" "both are affected"
before=$(db_snapshot)
expect_fail 1 "a second department outside the operator's county" notice 2026-11-02T09:00:00+08:00 dh_dsj 2026-11-06T22:00 --affects 东海县教育局 --affects 赣榆区卫生健康委员会
expect_in "$ERR" "--affects" "names the field"
expect_eq "$(db_snapshot)" "$before" "and nothing changed"
finish
