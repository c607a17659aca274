#!/bin/sh
# The monthly report (govnet report month): the figures for one county
# checked against a hand count of the demo and of requests played here,
# scope and usage refusals, and the workbook for the leadership.
. "${GN_TEST_SRCDIR}/tests/cli/lib.sh"
# The demo's stories are told backwards from this day: pinned, they are
# always the same.
NOW=2026-11-27T10:00:00+08:00
GOVNET_NOW=$NOW gn init --demo >/dev/null

at() { when=$1; who=$2; shift 2; GOVNET_NOW=$when GOVNET_LOGIN=$who "$GOVNET" --db "$DB" "$@"; }
NEW="--org 东海县教育局 --reason 月报用例 --scope 教学楼 --location 一层机房 --traffic 100 --tech 单链路"

# Three requests of 东海县教育局 around October 2026.  Working days of
# 2026 (data/holiday-cn/2026.json): 1–7 Oct off for 国庆, Sat 10 Oct a
# make-up working day.
# R1, submitted Mon 28 Sep: review due 16 Oct (29, 30 Sep, 8, 9, 10, 12–16
# Oct); approved Fri 9 Oct, on time, in 4 working days (29, 30 Sep, 8, 9
# Oct).  Its implementation, due 19 Nov (30 working days), is never done.
R1=$(at 2026-09-28T09:00:00+08:00 dh_jyj access new $NEW)
at 2026-09-28T09:10:00+08:00 dh_jyj access submit "$R1" >/dev/null
at 2026-10-09T09:00:00+08:00 dh_zwb access approve "$R1" >/dev/null
# R2, submitted Fri 9 Oct: due 22 Oct; returned Tue 13 Oct after 3 working
# days (10, 12, 13 Oct), resubmitted Tue 20 Oct with 7 left: due 29 Oct;
# rejected Fri 30 Oct, late by 1: 11 working days taken.
R2=$(at 2026-10-09T09:00:00+08:00 dh_jyj access new $NEW)
at 2026-10-09T09:10:00+08:00 dh_jyj access submit "$R2" >/dev/null
at 2026-10-13T09:00:00+08:00 dh_zwb access return "$R2" --comment 请补充拓扑图 >/dev/null
at 2026-10-20T09:00:00+08:00 dh_jyj access resubmit "$R2" >/dev/null
at 2026-10-30T09:00:00+08:00 dh_zwb access reject "$R2" --reason 不符合条件 >/dev/null
# R3, submitted Mon 12 Oct, approved Wed 14 Oct (2 working days: 13, 14);
# planned and implemented Tue 20 Oct (4 working days: 15, 16, 19, 20), a
# node added; its revocation forwarded Thu 22 Oct and done Tue 27 Oct
# (3 working days: 23, 26, 27), the node revoked.
R3=$(at 2026-10-12T09:00:00+08:00 dh_jyj access new $NEW)
at 2026-10-12T09:10:00+08:00 dh_jyj access submit "$R3" >/dev/null
at 2026-10-14T09:00:00+08:00 dh_zwb access approve "$R3" >/dev/null
at 2026-10-15T09:00:00+08:00 dh_dsj access plan "$R3" --plan 单链路接入 >/dev/null
at 2026-10-20T09:00:00+08:00 dh_dsj access implement "$R3" >/dev/null
at 2026-10-21T09:00:00+08:00 dh_jyj access request-revocation "$R3" --reason 楼宇拆除 >/dev/null
at 2026-10-22T09:00:00+08:00 dh_zwb access forward "$R3" >/dev/null
at 2026-10-27T09:00:00+08:00 dh_dsj access revoke "$R3" >/dev/null

# fig SECTION METRIC [ITEM]: 东海县's figure in the report's JSON.
fig() {
	python3 -c '
import json, sys
doc = json.load(sys.stdin)
sec, metric = sys.argv[1], sys.argv[2]
item = sys.argv[3] if len(sys.argv) > 3 else None
for s in doc["sections"]:
    if s["section"] == sec:
        for r in s["rows"]:
            if r["org"] == "东海县" and r["item"] == item:
                print(r["values"].get(metric)); sys.exit(0)
print("absent")' "$@" <"$WORK/report.json"
}

expect_ok "the county office reads its county's report" at $NOW dh_zwb report month 2026-10 --json
printf '%s' "$OUT" >"$WORK/report.json"
# Requests (Art 10–11), moves in October: received — the demo's request
# submitted Sun 18 Oct, R2 and R3 (R1 was submitted in September, R2's
# resubmission is not a new request): 3; approved R1, R3: 2; rejected R2:
# 1; returned R2: 1.
expect_eq "$(fig requests received)" 3 "requests received"
expect_eq "$(fig requests approved)" 2 "requests approved"
expect_eq "$(fig requests rejected)" 1 "requests rejected"
expect_eq "$(fig requests returned)" 1 "requests returned"
# Deadlines closed in October (the demo closed none in 东海县 then):
# review (Art 11, 10 days): R1 met in 4, R2 missed in 11, R3 met in 2 —
# 3 closed, 2 on time, 66.7 %, median 4.
expect_eq "$(fig deadlines closed access.submit)" 3 "reviews closed"
expect_eq "$(fig deadlines on_time access.submit)" 2 "reviews on time"
expect_eq "$(fig deadlines on_time_pct access.submit)" 66.7 "the review's on-time rate"
expect_eq "$(fig deadlines median_days access.submit)" 4 "the review's median working days"
# Implementation (Art 11, 30 days): R3's, in 4.  Revocation (Art 17, 10
# days): R3's, in 3.
expect_eq "$(fig deadlines closed access.approve)" 1 "implementations closed"
expect_eq "$(fig deadlines on_time_pct access.approve)" 100.0 "all on time"
expect_eq "$(fig deadlines median_days access.approve)" 4 "in 4 working days"
expect_eq "$(fig deadlines median_days access.forward)" 3 "the revocation in 3"
# Overdue on 27 Nov: access — the demo's request due 30 Oct and R1's
# implementation due 19 Nov: 2; incident — the demo's response due 12
# Nov and drill due 12 Nov: 2; inspect — the demo's order due 26 Oct: 1.
expect_eq "$(fig overdue access)" 2 "requests overdue now"
expect_eq "$(fig overdue incident)" 2 "incident duties overdue now"
expect_eq "$(fig overdue inspect)" 1 "rectification overdue now"
expect_eq "$(fig overdue total)" 5 "overdue in all"
# Nodes: R3's added and revoked; the county had none in service.
expect_eq "$(fig nodes added)" 1 "nodes added"
expect_eq "$(fig nodes revoked)" 1 "nodes revoked"
expect_eq "$(fig nodes active)" 0 "nodes in service"
# The demo's inspection of 东海县教育局 started 18 Oct and ordered
# rectification 19 Oct, still open; one 等保 level-3 system; its one
# incident was detected in November and is open.
expect_eq "$(fig inspections inspected)" 1 "inspections in October"
expect_eq "$(fig inspections ordered)" 1 "orders in October"
expect_eq "$(fig inspections open_orders)" 1 "open orders"
expect_eq "$(fig systems level_3)" 1 "level-3 systems"
expect_eq "$(fig incidents detected)" 0 "incidents detected in October"
expect_eq "$(fig incidents open)" 1 "incidents open"
# The county's pool 10.36.0.0/16: 7168 of 65536 allocated.
expect_eq "$(fig pools allocated 10.36.0.0/16)" 7168 "the pool's allocated addresses"
expect_eq "$(fig pools usage_pct 10.36.0.0/16)" 10.9 "and its share"

# The same figures as text, per county and for the city.
expect_ok "the city's report" at $NOW zwb report month 2026-10
expect_in "$OUT" "连云港市（合计）" "has the city's total"
expect_in "$OUT" "赣榆区" "and each county"
expect_in "$OUT" "接入：审核（Art 11，10 个工作日）" "names each deadline with its article"

# Scope and usage.
expect_fail 1 "a county office cannot read another county" at $NOW dh_zwb report month 2026-10 --org 赣榆区
expect_in "$ERR" "不在登录 dh_zwb 的范围" "the refusal says why"
expect_fail 2 "a month must be YYYY-MM" at $NOW dh_zwb report month 2026-13
expect_in "$ERR" "YYYY-MM" "the message shows the form"
expect_fail 2 "a month is required" at $NOW dh_zwb report month

# The workbook: a zip Excel opens, a sheet per section, two native charts.
expect_ok "the workbook" at $NOW zwb report month 2026-10 --xlsx "$WORK/月报.xlsx"
expect_ok "is a sound zip" unzip -tq "$WORK/月报.xlsx"
expect_ok "its parts" unzip -Z1 "$WORK/月报.xlsx"
PARTS=$OUT
expect_in "$PARTS" "xl/charts/chart1.xml" "the on-time rate by county chart"
expect_in "$PARTS" "xl/charts/chart2.xml" "the requests per month chart"
expect_eq "$(printf '%s\n' "$PARTS" | grep -c '^xl/worksheets/sheet[0-9]*\.xml$')" 10 \
	"8 sections, the on-time rate by county and the months before"
expect_ok "the sheets' names" unzip -p "$WORK/月报.xlsx" xl/workbook.xml
expect_in "$OUT" 'name="按期办结率"' "a sheet for the deadlines"
expect_in "$OUT" 'name="地址池利用率"' "a sheet for the pools"
expect_in "$OUT" 'name="按月趋势"' "a sheet for the months before"
expect_fail 1 "a workbook that cannot be written is refused" at $NOW zwb report month 2026-10 --xlsx "$WORK/无此目录/月报.xlsx"
expect_in "$ERR" "无法写出" "saying so"

finish
