#!/bin/sh
# Telling the applicant (Art 11: 告知原因): a rejection's reason and a
# return's request for material reach the department, addressed to the
# responsible person of its filing (Art 12), with no subscription needed.
. "${GN_TEST_SRCDIR}/tests/cli/lib.sh"
. "${GN_TEST_SRCDIR}/tests/cli/http.sh"
gn init --demo >/dev/null

at() { when=$1; who=$2; shift 2; GOVNET_NOW=$when GOVNET_LOGIN=$who "$GOVNET" --db "$DB" "$@"; }
NEW="--org 东海县教育局 --reason 新建实验楼接入 --scope 实验楼全部楼层 --location 实验楼一层机房 --traffic 300 --tech 双链路"

expect_ok "the department files its responsible person" as dh_jyj access filing set 东海县教育局 --leader 刘副局长 --unit 信息中心 --person 郑老师 --phone 13900000009
expect_ok "a request" at 2026-09-14T09:00:00+08:00 dh_jyj access new $NEW
A=$OUT
at 2026-09-14T10:00:00+08:00 dh_jyj access submit "$A" >/dev/null
expect_ok "as dh_jyj: nothing told yet" as dh_jyj access list --view notices --limit 0
expect_not_in "$OUT" "请补充机房平面图" "no notice before the return"

before=$(db_snapshot)
expect_fail 1 "another county's office cannot return it" at 2026-09-15T10:00:00+08:00 gy_zwb access return "$A" --comment 请补充机房平面图
expect_eq "$(db_snapshot)" "$before" "a refused return tells nobody anything"

expect_ok "returned" at 2026-09-15T10:00:00+08:00 dh_zwb access return "$A" --comment 请补充机房平面图
expect_in "$OUT" "已告知 东海县教育局" "the office is told the department was notified"
expect_in "$OUT" "郑老师 13900000009" "addressed to the filed responsible person"
expect_in "$OUT" "没有可投递到责任人的通知渠道" "and that no channel reaches the person"
expect_ok "the department sees it" as dh_jyj access list --view notices --limit 0
expect_in "$OUT" "请补充机房平面图" "the material asked for"
expect_in "$OUT" "退回补充" "as a return"
expect_ok "another county's department does not" as gy_wjw access list --view notices --limit 0
expect_not_in "$OUT" "请补充机房平面图" "out of its scope"

at 2026-09-16T10:00:00+08:00 dh_jyj access resubmit "$A" >/dev/null
expect_ok "rejected" at 2026-09-17T10:00:00+08:00 dh_zwb access reject "$A" --reason 与现有接入点重复
expect_ok "the department sees the reason" as dh_jyj access list --view notices --limit 0 --json
expect_in "$OUT" '"text": "与现有接入点重复"' "the reason"
expect_in "$OUT" '"kind": "reject"' "as a rejection"
expect_in "$OUT" '"person": "郑老师"' "addressed to the responsible person"

# ---- with an SMS gateway set up once by the city, the person is told
# directly, still without a subscription: a real HTTP receiver on 127.0.0.1
# stands for the gateway and logs what it is sent.
port=$(free_port)
serve_post_log "$port" "$WORK/gateway.log"
expect_ok "the city's SMS gateway reaches people" as dsj notify channel add 短信网关 --kind webhook --url "http://127.0.0.1:$port/sms" --contacts
expect_ok "a second request" at 2026-09-21T09:00:00+08:00 dh_jyj access new $NEW
B=$OUT
at 2026-09-21T10:00:00+08:00 dh_jyj access submit "$B" >/dev/null
expect_ok "rejected" at 2026-09-22T10:00:00+08:00 dh_zwb access reject "$B" --reason 带宽需求无依据
expect_in "$OUT" "经通知渠道发给责任人" "the office is told the person was sent it"
expect_not_in "$OUT" "请电话告知" "and need not phone"
expect_ok "delivery" at 2026-09-22T10:05:00+08:00 dsj notify run
expect_in "$(cat "$WORK/gateway.log")" '"phone":"13900000009"' "the gateway is given the person's phone"
expect_in "$(cat "$WORK/gateway.log")" '带宽需求无依据' "and the reason"
expect_in "$(cat "$WORK/gateway.log")" '"event":"access.reject"' "as a rejection"
expect_in "$(cat "$WORK/gateway.log")" '"at":"2026-09-22T10:00:00+08:00"' "dated when it was decided"

# ---- a department may subscribe a channel for its own records, and only those
expect_ok "the agency sets up 东海县教育局's own webhook" as dsj notify channel add 教育局值班 --kind webhook --url "http://127.0.0.1:$port/jyj"
before=$(db_snapshot)
expect_fail 1 "a department cannot subscribe for another department" as dh_jyj notify subscribe access.reject --org 赣榆区卫生健康委员会 --channel 教育局值班
expect_eq "$(db_snapshot)" "$before" "and nothing changed"
expect_ok "but subscribes for its own" as dh_jyj notify subscribe access.reject --org 东海县教育局 --channel 教育局值班
expect_ok "a third request" at 2026-09-23T09:00:00+08:00 dh_jyj access new $NEW
C=$OUT
at 2026-09-23T10:00:00+08:00 dh_jyj access submit "$C" >/dev/null
expect_ok "rejected" at 2026-09-24T10:00:00+08:00 dh_zwb access reject "$C" --reason 机房条件不符
expect_ok "delivery" at 2026-09-24T10:05:00+08:00 dsj notify run
expect_eq "$(grep -c '机房条件不符' "$WORK/gateway.log")" "2" "the person's phone and the department's own channel each got it"
finish
