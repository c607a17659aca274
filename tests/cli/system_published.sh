#!/bin/sh
# What the systems plugin reads and publishes through the plugin API: a
# system's responsible person is its department's Art 12 filing in force
# (never typed as free text), and `system security` publishes each
# system's 等保 and 密评 (Art 21, 25) for the inspection checklist.
. "${GN_TEST_SRCDIR}/tests/cli/lib.sh"
gn init --demo >/dev/null

at() { when=$1; who=$2; shift 2; GOVNET_NOW=$when GOVNET_LOGIN=$who "$GOVNET" --db "$DB" "$@"; }
T0=2026-12-01T10:00:00+08:00
NEW="--url https://px.donghai.zwww.lyg.gov.cn/ --level 3 --exchange sez"

# ---- the responsible person (Art 12)
expect_fail 2 "the person is not typed in" at $T0 dh_jyj system new --org 东海县教育局 --name 教师培训平台 $NEW --person 王某
expect_in "$ERR" "person" "naming the option"
expect_ok "a system" at $T0 dh_jyj system new --org 东海县教育局 --name 教师培训平台 $NEW --evaluated 2026-03-10
S=$OUT
expect_ok "show" gn system show "$S"
expect_in "$OUT" "郑老师 13805130001" "the department's filed responsible person"
expect_in "$OUT" "责任人备案" "labelled as the filing"
expect_ok "the department files a new person" at 2026-12-02T09:00:00+08:00 dh_jyj access filing set 东海县教育局 \
	--leader 刘副局长 --unit 信息中心 --person 钱老师 --phone 13900000011
expect_ok "show" gn system show "$S" --json
expect_in "$OUT" '"filing": "钱老师 13900000011"' "the system follows the filing in force"
as dh_admin user add dh_gaj --role dept --org 东海县公安局 >/dev/null
expect_ok "a system of a department that has not filed" at $T0 dh_gaj system new --org 东海县公安局 --name 户籍查询系统 $NEW
expect_ok "show" gn system show "$OUT" --json
expect_in "$OUT" '"filing": "未备案"' "shows that there is no filing"

# ---- the published read of 等保 and 密评
at $T0 dh_jyj system file "$S" >/dev/null
# The row of the system made here (the demo's own systems are listed too).
row() { python3 -c 'import json,sys; r=[r for r in json.load(sys.stdin) if r["name"]=="教师培训平台"][0]; print(" ".join(k+"="+(r[k] if isinstance(r[k], str) else json.dumps(r[k])) for k in sys.argv[1:]))' "$@"; }
expect_ok "read on the day" at 2027-03-10T10:00:00+08:00 dh_jyj system security 东海县教育局 --json
expect_eq "$(echo "$OUT" | row level evaluated next_dengbao dengbao_overdue)" "level=3 evaluated=2026-03-10 next_dengbao=2027-03-10 dengbao_overdue=false" \
	"its level, last evaluation, the next a year on (level 3), not overdue on the day"
expect_eq "$(echo "$OUT" | row crypto next_mima mima_overdue)" "crypto=none next_mima=2026-12-01 mima_overdue=true" \
	"its 密评: never assessed, due from the filing, overdue by then"
expect_ok "the day after" at 2027-03-11T10:00:00+08:00 dh_jyj system security 东海县教育局 --json
expect_eq "$(echo "$OUT" | row dengbao_overdue)" "dengbao_overdue=true" "the evaluation is overdue the day after"
expect_fail 1 "another county's department cannot read it" at $T0 gy_wjw system security 东海县教育局
expect_in "$ERR" "超出权限范围" "out of scope"

# ---- the inspection's 等保/密评 item (Art 21, 25) is filled from it
expect_ok "an inspection" at 2026-12-02T09:00:00+08:00 dh_zwb inspect plan 东海县教育局 --date 2026-12-03 --inspector 陈科长
I=$OUT
expect_ok "started the day after the 密评 fell due" at 2026-12-03T09:00:00+08:00 dh_dsj inspect start "$I"
expect_ok "show" gn inspect show "$I"
expect_in "$OUT" "教师培训平台（第3级）：等保测评 最近 2026-03-10、下次 2027-03-10" "the item shows each system's evaluation"
expect_in "$OUT" "密评 未评、下次 2026-12-01（已逾期）" "and its 密评, overdue"
expect_in "$OUT" "dengbao 等级保护测评与密码应用安全性评估义务履行（Art 21、Art 25）：不符合（较重）等保测评或密评逾期" "the item is failed"
before=$(db_snapshot)
expect_fail 1 "it cannot be passed while an evaluation is overdue" at 2026-12-03T10:00:00+08:00 dh_dsj inspect check "$I" --item dengbao --result pass
expect_in "$ERR" "--result" "naming the field"
expect_in "$ERR" "教师培训平台 密评逾期" "and the system"
expect_eq "$(db_snapshot)" "$before" "nothing changed"
expect_ok "an inspection of a department with no system" at 2026-12-02T09:00:00+08:00 dh_zwb inspect plan 东海县民政局 --date 2026-12-03 --inspector 李科长
J=$OUT
expect_ok "started" at 2026-12-03T09:00:00+08:00 dh_dsj inspect start "$J"
expect_ok "show" gn inspect show "$J"
expect_in "$OUT" "［信息系统：未登记信息系统］" "says it has none"
expect_in "$OUT" "（Art 21、Art 25）：待检查" "and leaves the item to the inspector"

# A department with more systems than the item holds: the text ends with
# "……", never inside a character.
for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14; do
	at $T0 dh_gaj system new --org 东海县公安局 --name "户籍与人口信息综合管理服务平台第${i}号分系统（含移动端与自助终端）" $NEW >/dev/null ||
		fail "system $i"
done
expect_ok "an inspection of it" at 2026-12-02T09:00:00+08:00 dh_zwb inspect plan 东海县公安局 --date 2026-12-03 --inspector 李科长
expect_ok "started" at 2026-12-03T09:00:00+08:00 dh_dsj inspect start "$OUT"
expect_ok "show" gn inspect show "$(gn inspect list --json --limit 0 | python3 -c 'import json,sys; print(max(r["id"] for r in json.load(sys.stdin)))')"
expect_in "$OUT" "第1号分系统" "the first systems are listed"
expect_in "$OUT" "……" "and the rest left off, marked"
expect_eq "$(printf '%s' "$OUT" | python3 -c 'import sys; sys.stdin.buffer.read().decode("utf-8"); print("ok")')" "ok" "as valid UTF-8"
finish
