#!/bin/sh
# A maintenance notice (Art 15 ¶1) is addressed to each affected
# department's responsible person by name, as filed under Art 12 and read
# through the access plugin's published read (`access filing person`), and
# reaches that person's phone through the city's channel for people — a
# real HTTP receiver on 127.0.0.1 here — without any subscription.
. "${GN_TEST_SRCDIR}/tests/cli/lib.sh"
. "${GN_TEST_SRCDIR}/tests/cli/http.sh"
gn init --demo >/dev/null

at() { when=$1; who=$2; shift 2; GOVNET_NOW=$when GOVNET_LOGIN=$who "$GOVNET" --db "$DB" "$@"; }

# ---- the published read
expect_ok "a department reads its own filing" as dh_jyj access filing person 东海县教育局 --json
expect_in "$OUT" '"person": "郑老师"' "the responsible person"
expect_in "$OUT" '"phone": "13805130001"' "and the phone"
expect_fail 1 "but not another county's" as dh_jyj access filing person 赣榆区卫生健康委员会
expect_in "$ERR" "超出权限范围" "out of its scope"
before=$(db_snapshot)
expect_fail 1 "naming another department by id does not get round the scope" as dh_jyj access filing person --org-id "$(as dsj org show 赣榆区卫生健康委员会 --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')"
expect_in "$ERR" "--org" "the command line is checked on --org"
expect_eq "$(db_snapshot)" "$before" "a read changes nothing"
expect_ok "a department that has not filed" as dsj access filing person 东海县公安局 --json
expect_eq "$OUT" "" "answers no row"

port=$(free_port)
serve_post_log "$port" "$WORK/gateway.log"
expect_ok "the city's SMS gateway reaches people" as dsj notify channel add 短信网关 --kind webhook --url "http://127.0.0.1:$port/sms" --contacts
at 2026-11-02T09:00:00+08:00 dsj notify run >/dev/null

# ---- issuing: one filed department, one not
expect_ok "a notice" at 2026-11-02T10:00:00+08:00 dh_dsj change notice --what 汇聚交换机升级 \
	--start 2026-11-10T22:00 --end 2026-11-10T23:00 --affects 东海县教育局 --also 东海县公安局
N=$OUT
expect_ok "the department's view" as dh_jyj change list --view messages --limit 0
expect_in "$OUT" "郑老师" "names its responsible person as the addressee"
expect_in "$OUT" "汇聚交换机升级" "beside the notice"
expect_ok "the notice's detail" at 2026-11-02T10:00:00+08:00 dsj change list --json --limit 0
expect_in "$OUT" '"addressees": "东海县教育局：郑老师 13805130001；东海县公安局：未备案责任人"' "every affected department's addressee"
expect_ok "delivery" at 2026-11-02T10:05:00+08:00 dsj notify run
expect_eq "$(grep -c '汇聚交换机升级' "$WORK/gateway.log")" "1" "one message: the department without a filing has no phone to reach"
expect_in "$(cat "$WORK/gateway.log")" '"name":"郑老师"' "the gateway is given the person's name"
expect_in "$(cat "$WORK/gateway.log")" '"phone":"13805130001"' "and phone"
expect_in "$(cat "$WORK/gateway.log")" '"event":"change.notice"' "as a maintenance notice"

# ---- a new filing: the next message goes to the person filed now
expect_ok "the department files a new responsible person" at 2026-11-03T09:00:00+08:00 dh_jyj access filing set 东海县教育局 \
	--leader 刘副局长 --unit 信息中心 --person 钱老师 --phone 13900000011
expect_ok "the notice moved later" at 2026-11-03T10:00:00+08:00 dh_dsj change move "$N" --start 2026-11-12T22:00 --end 2026-11-12T23:00
expect_ok "the department's view" as dh_jyj change list --view messages --limit 0 --json
expect_in "$OUT" '"person": "钱老师"' "the move is addressed to the new person"
expect_in "$OUT" '"person": "郑老师"' "the first message keeps the person it was addressed to"
expect_ok "delivery" at 2026-11-03T10:05:00+08:00 dsj notify run
expect_in "$(grep '改期' "$WORK/gateway.log")" '"phone":"13900000011"' "sent to the new person's phone"
expect_not_in "$(grep '改期' "$WORK/gateway.log")" '13805130001' "not the old one's"
finish
