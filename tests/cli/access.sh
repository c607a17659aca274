#!/bin/sh
# The access lifecycle (Art 9–12, 17) through the command line, by the
# right roles, with due dates checked against `govnet calendar add`.
. "${GN_TEST_SRCDIR}/tests/cli/lib.sh"
gn init --demo >/dev/null

at() { when=$1; who=$2; shift 2; GOVNET_NOW=$when GOVNET_LOGIN=$who "$GOVNET" --db "$DB" "$@"; }
json_field() { python3 -c 'import json,sys; v=json.load(sys.stdin); print(v.get(sys.argv[1]) if v.get(sys.argv[1]) is not None else "")' "$1"; }
cal_add() { gn calendar add "$1" "$2" 2>/dev/null; }

NEW="--org 东海县教育局 --reason 新建实验楼接入 --scope 实验楼全部楼层 --location 实验楼一层机房 --traffic 300 --tech 双链路，边界防火墙"

# ---- Art 12: no request without a responsible-person filing
as dh_admin user add dh_gaj --role dept --org 东海县公安局 >/dev/null
before=$(db_snapshot)
expect_fail 1 "a department without a filing cannot apply" as dh_gaj access new --org 东海县公安局 --reason r --scope s --location l --traffic 1 --tech t
expect_in "$ERR" "Art 12" "the refusal cites Art 12"
expect_eq "$(db_snapshot)" "$before" "and nothing changed"
expect_ok "the department files" as dh_gaj access filing set 东海县公安局 --leader 王副局长 --unit 科信科 --person 李四 --phone 13900000001
expect_ok "a new filing supersedes the old" as dh_gaj access filing set 东海县公安局 --leader 赵副局长 --unit 科信科 --person 李四 --phone 13900000001
expect_ok "the history keeps both" gn access list --view filing-history --org 东海县公安局 --json
expect_in "$OUT" '"leader": "王副局长"' "the superseded filing"
expect_in "$OUT" '"leader": "赵副局长"' "and the one in force"
expect_ok "filings in force" gn access list --view filings --json --limit 0
expect_not_in "$OUT" "王副局长" "only the filing in force is listed as such"
expect_ok "then applies" as dh_gaj access new --org 东海县公安局 --reason r --scope s --location l --traffic 1 --tech t

# ---- draft → submitted: the 10-working-day review starts (Art 11)
printf 'topology v1\n' > "$WORK/拓扑图.pdf"
expect_ok "a request with an annex" at 2026-09-14T10:00:00+08:00 dh_jyj access new $NEW --annex "$WORK/拓扑图.pdf"
A=$OUT
expect_ok "show" gn access show "$A" --json
expect_in "$OUT" "拓扑图.pdf sha256:$(sha256sum "$WORK/拓扑图.pdf" | cut -c1-64)" "the annex is kept as name and SHA-256"
expect_in "$OUT" '"state": "draft"' "a new request is a draft"

expect_ok "submit" at 2026-09-18T10:00:00+08:00 dh_jyj access submit "$A"
due=$(gn access show "$A" --json | json_field due)
expect_eq "$due" "$(cal_add 2026-09-18 10)" "the review is due 10 working days after submission"
expect_eq "$(cal_add 2026-09-18 2)" "2026-09-21" "Sunday 2026-09-20 is a make-up working day"

# ---- refusals name the rule and its article and change nothing
before=$(db_snapshot)
expect_fail 1 "a department cannot approve" at 2026-09-21T10:00:00+08:00 dh_jyj access approve "$A"
expect_in "$ERR" "Art 11" "citing Art 11"
expect_in "$ERR" "dept" "naming the role"
expect_fail 1 "another county's office cannot approve" at 2026-09-21T10:00:00+08:00 gy_zwb access approve "$A"
expect_in "$ERR" "超出权限范围" "out of scope"
expect_fail 1 "the city office does not decide a county's own request" at 2026-09-21T10:00:00+08:00 zwb access approve "$A"
expect_in "$ERR" "东海县" "the county decides"
expect_in "$ERR" "Art 11" "citing the article"
expect_fail 1 "a rejection needs a reason" at 2026-09-21T10:00:00+08:00 dh_zwb access reject "$A"
expect_in "$ERR" "--reason" "naming the field"
expect_in "$ERR" "Art 11" "and the article"
expect_fail 1 "a return needs a comment" at 2026-09-21T10:00:00+08:00 dh_zwb access return "$A"
expect_fail 1 "an operator cannot plan before approval" at 2026-09-21T10:00:00+08:00 dh_dsj access plan "$A" --plan x
expect_in "$ERR" "当前为「待审核」" "naming the state it is in"
GY=$(gn access list --org 赣榆区 --state submitted --json | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["id"])')
expect_fail 1 "a 东海县 department cannot act on 赣榆区 requests" as dh_jyj access withdraw "$GY"
expect_eq "$(db_snapshot)" "$before" "none of the refusals changed anything"

# ---- returned for supplement: the clock pauses, then resumes with what is left
expect_eq "$(cal_add 2026-09-18 3)" "2026-09-22" "the return comes on the third working day"
expect_ok "return" at 2026-09-22T16:00:00+08:00 dh_zwb access return "$A" --comment 请补充拓扑图
expect_ok "show while returned" gn access show "$A" --json
expect_in "$OUT" '"paused": true' "the clock is paused"
expect_ok "resubmit" at 2026-10-09T09:00:00+08:00 dh_jyj access resubmit "$A"
due=$(gn access show "$A" --json | json_field due)
expect_eq "$due" "$(cal_add 2026-10-09 7)" "the review resumes with the 7 working days left"
expect_fail 1 "resubmitting twice is refused" at 2026-10-09T10:00:00+08:00 dh_jyj access resubmit "$A"
expect_in "$ERR" "Art 11" "citing the article"

# ---- approve → plan → implement, late by one working day
expect_ok "approve" at 2026-10-12T10:00:00+08:00 dh_zwb access approve "$A"
impl_due=$(gn access show "$A" --json | json_field due)
expect_eq "$impl_due" "$(cal_add 2026-10-12 30)" "implementation is due 30 working days after approval"
expect_ok "plan" at 2026-10-20T10:00:00+08:00 dh_dsj access plan "$A" --plan 裸纤接入汇聚节点
late_day=$(cal_add "$impl_due" 1)

overdue_ids() { GOVNET_NOW=$1 gn access list --overdue --json --limit 0 | python3 -c 'import json,sys; print(" ".join(str(r["id"]) for r in json.load(sys.stdin)))'; }
expected_overdue() { GOVNET_NOW=$1 gn access list --json --limit 0 | python3 -c '
import json, sys
today = sys.argv[1][:10]
print(" ".join(str(r["id"]) for r in json.load(sys.stdin) if r["due"] and r["due"] < today))' "$1"; }
expect_not_in " $(overdue_ids "${impl_due}T12:00:00+08:00") " " $A " "not overdue on its due day"
expect_in " $(overdue_ids "${late_day}T09:00:00+08:00") " " $A " "overdue the working day after"
for d in 2026-10-01 2026-11-20 "$late_day"; do
	expect_eq "$(overdue_ids "${d}T09:00:00+08:00")" "$(expected_overdue "${d}T09:00:00+08:00")" "--overdue lists exactly the late requests on $d"
done

expect_ok "implement late" at "${late_day}T10:00:00+08:00" dh_dsj access implement "$A" --bandwidth 1000
expect_in "$OUT" "逾期 1 个工作日" "the lateness is reported"
expect_ok "the node exists" gn access list --view nodes --json --limit 0
expect_in "$OUT" '"bandwidth": 1000' "with the bandwidth given"
expect_ok "met late" env GOVNET_NOW="${late_day}T12:00:00+08:00" "$GOVNET" --db "$DB" due --late --json
expect_in "$OUT" "\"id\": $A" "the request is listed as met late"
expect_ok "history" gn access show "$A"
expect_in "$OUT" "逾期 1 个工作日" "the history records the miss"
expect_in "$OUT" "按期" "and the review met on time"

# ---- revocation (Art 17): requested, forwarded, done within 10 working days
expect_fail 1 "a revocation request needs a reason" at 2026-12-01T10:00:00+08:00 dh_jyj access request-revocation "$A"
expect_ok "request revocation" at 2026-12-01T10:00:00+08:00 dh_jyj access request-revocation "$A" --reason 机构调整
before=$(db_snapshot)
expect_fail 1 "the city office may not forward a county department's revocation" at 2026-12-02T10:00:00+08:00 zwb access forward "$A"
expect_in "$ERR" "东海县" "the county's office forwards it"
expect_in "$ERR" "Art 17" "citing Art 17"
expect_eq "$(db_snapshot)" "$before" "the refused forward changed nothing"
expect_fail 1 "nor another county's office" at 2026-12-02T10:00:00+08:00 gy_zwb access forward "$A"
expect_eq "$(db_snapshot)" "$before" "and nothing changed"
expect_ok "forward" at 2026-12-02T10:00:00+08:00 dh_zwb access forward "$A"
due=$(gn access show "$A" --json | json_field due)
expect_eq "$due" "$(cal_add 2026-12-02 10)" "revocation is due 10 working days after forwarding"
expect_ok "revoke" at 2026-12-03T10:00:00+08:00 dh_dsj access revoke "$A"
expect_ok "nodes" gn access list --view nodes --json --limit 0
expect_in "$OUT" '"state": "revoked"' "the node is revoked"

# ---- cross-level requests go to the city office (Art 10)
expect_ok "a cross-level request" at 2026-11-02T10:00:00+08:00 dh_jyj access new $NEW --cross-level
B=$OUT
expect_ok "submit it" at 2026-11-02T10:00:00+08:00 dh_jyj access submit "$B"
expect_fail 1 "the county office may not decide it" at 2026-11-03T10:00:00+08:00 dh_zwb access approve "$B"
expect_in "$ERR" "Art 10" "citing Art 10"
expect_ok "the city office decides it" at 2026-11-03T10:00:00+08:00 zwb access reject "$B" --reason 需求重复
expect_ok "and the reason is kept" gn access show "$B" --json
expect_in "$OUT" "需求重复" "in the history"

# ---- a county rule may route its requests to another office (Art 30)
cat > "$WORK/route.lua" <<'LUA'
function route(event)
  if event.plugin == "access" and event.record.traffic and tonumber(event.record.traffic) >= 5000 then
    return "320700"
  end
end
LUA
expect_ok "东海县 adds a routing rule" gn rules add "$WORK/route.lua" --org 东海县 --name big-to-city
expect_ok "a large request" at 2026-11-02T10:00:00+08:00 dh_jyj access new --org 东海县教育局 --reason 全县视频汇聚 --scope 全县 --location 县数据中心 --traffic 8000 --tech 万兆
E=$OUT
expect_ok "submitted" at 2026-11-02T10:00:00+08:00 dh_jyj access submit "$E"
expect_fail 1 "the county office no longer decides it" at 2026-11-03T10:00:00+08:00 dh_zwb access approve "$E"
expect_in "$ERR" "Art 30" "citing the local rule"
expect_ok "the office the rule names decides it" at 2026-11-03T10:00:00+08:00 zwb access approve "$E"
expect_ok "a small request" at 2026-11-02T10:00:00+08:00 dh_jyj access new $NEW
F=$OUT
at 2026-11-02T10:00:00+08:00 dh_jyj access submit "$F" >/dev/null
expect_fail 1 "a small request stays with the county" at 2026-11-03T10:00:00+08:00 zwb access approve "$F"
expect_in "$ERR" "东海县 的政务外网主管部门" "the county's office decides it"
gn rules disable big-to-city >/dev/null

# ---- withdrawal and the day boundary in Asia/Shanghai (machine TZ is UTC)
expect_ok "a draft" at 2026-09-30T23:00:00+08:00 dh_jyj access new $NEW
C=$OUT
expect_ok "submitted at 23:59" at 2026-09-30T23:59:00+08:00 dh_jyj access submit "$C"
expect_eq "$(gn access show "$C" --json | json_field due)" "$(cal_add 2026-09-30 10)" "23:59 counts from 30 September"
expect_ok "another draft" at 2026-10-01T00:00:30+08:00 dh_jyj access new $NEW
D=$OUT
expect_ok "submitted at 00:01" at 2026-10-01T00:01:00+08:00 dh_jyj access submit "$D"
expect_eq "$(gn access show "$D" --json | json_field due)" "$(cal_add 2026-10-01 10)" "00:01 counts from 1 October"
expect_ok "withdraw" at 2026-10-09T10:00:00+08:00 dh_jyj access withdraw "$D"
expect_ok "show withdrawn" gn access show "$D" --json
expect_in "$OUT" '"due": null' "a withdrawn request has nothing due"

# ---- Art 9 holds in the store itself
expect_fail 19 "no node without an approved request, whatever writes it (SQLITE_CONSTRAINT)" \
	sqlite3 "$DB" "INSERT INTO node(request_id, org_id, location, bandwidth, since, created_at) VALUES ($D, 5, 'x', 1, 'x', 'x')"
expect_in "$ERR" "接入节点须来自已批准并已制定接入方案的申请（Art 9、Art 11）" "in Chinese, citing the articles"

expect_ok "the audit chain verifies after all of it" gn audit verify
expect_ok "db check" gn db check
finish
