#!/bin/sh
# Resource-change requests (Art 16 ¶2): once a system has run, a change of
# the domains or address blocks it uses is applied for in advance by the
# department and decided by the operating agency; the approval applies
# the change (under Art 16's filed change and Art 25's new test), a
# rejection gives its reason, and every refusal changes nothing.
. "${GN_TEST_SRCDIR}/tests/cli/lib.sh"
gn init --demo >/dev/null
json_field() { python3 -c 'import json,sys; v=json.load(sys.stdin); print(v.get(sys.argv[1]) if v.get(sys.argv[1]) is not None else "")' "$1"; }
S=$(gn system list --json --limit 0 | python3 -c 'import json,sys; print([r["id"] for r in json.load(sys.stdin) if r["name"] == "中小学招生报名系统"][0])')
expect_eq "$(gn system show "$S" --json | json_field state)" "online" "the demo's system of 东海县教育局 runs"

# ---- a system that has run changes its resources only on a request
before=$(db_snapshot)
expect_fail 1 "a block is not linked directly" as dh_jyj system link "$S" --block 10.36.4.0/26
expect_in "$ERR" "system resource request" "the refusal says how to apply"
expect_in "$ERR" "Art 16" "citing the article"
expect_fail 1 "another department's block is not requested" as dh_jyj system resource request "$S" \
	--block 10.35.16.0/25 --reason 扩容
expect_in "$ERR" "--block" "names the field"
expect_fail 1 "a request needs its reason" as dh_jyj system resource request "$S" --block 10.36.4.0/26
expect_in "$ERR" "reason" "names the field"
expect_fail 1 "another county's department does not request for it" as gy_wjw system resource request "$S" \
	--block 10.36.4.0/26 --reason 扩容
expect_in "$ERR" "超出权限范围" "out of scope"
expect_eq "$(db_snapshot)" "$before" "none of the refusals changed anything"

expect_ok "the department applies in advance" as dh_jyj system resource request "$S" --block 10.36.4.0/26 \
	--reason 招生高峰期扩容服务器区
expect_in "$OUT" "资源变更申请 #1 已提交，待运行管理机构审批（Art 16）" "it says what happens next"
expect_ok "the requests" as dh_dsj system list --view resources --state requested
expect_in "$OUT" "10.36.4.0/26" "the operating agency sees it waiting"
expect_in "$OUT" "待审批" "as waiting"

# ---- the operating agency decides
before=$(db_snapshot)
expect_fail 1 "the department does not approve its own request" as dh_jyj system resource approve "$S" --request 1
expect_in "$ERR" "Art 16" "citing the article"
expect_fail 1 "another county's operator does not decide" as gy_dsj system resource approve "$S" --request 1
expect_in "$ERR" "超出权限范围" "out of scope"
expect_fail 1 "no such request" as dh_dsj system resource approve "$S" --request 99
expect_in "$ERR" "--request" "names the field"
expect_fail 1 "not while the system runs without a filed change" as dh_dsj system resource approve "$S" --request 1
expect_in "$ERR" "应先备案变更（Art 16）" "says what the department must file first"
expect_eq "$(db_snapshot)" "$before" "none of the refusals changed anything"

expect_ok "the department files the change" as dh_jyj system change "$S" --what 服务器区扩容 --addresses
expect_ok "the operating agency approves" as dh_dsj system resource approve "$S" --request 1 --reason 同意
expect_ok "show" gn system show "$S" --json
expect_in "$(echo "$OUT" | json_field block)" "10.36.4.0/26" "the approval applied the block"
expect_eq "$(echo "$OUT" | json_field retest)" "True" "and the system must be tested again (Art 25)"
expect_fail 1 "a request is decided once" as dh_dsj system resource approve "$S" --request 1
expect_in "$ERR" "已审批过" "says so"
expect_ok "the audit" gn audit list --component system --limit 0 --json
expect_in "$OUT" "resource approve" "the approval is audited"

# ---- a rejection gives its reason and changes no link
expect_ok "a second request" as dh_jyj system resource request "$S" --domain jyj.donghai.zwww.lyg.gov.cn/a \
	--reason 新增门户域名
expect_fail 1 "a rejection needs its reason" as dh_dsj system resource reject "$S" --request 2
expect_ok "rejected with a reason" as dh_dsj system resource reject "$S" --request 2 --reason "请改用已有的 CNAME"
expect_ok "the requests" gn system list --view resources --json
expect_in "$OUT" '"decision": "请改用已有的 CNAME"' "the reason is kept"
expect_in "$OUT" '"state": "rejected"' "rejected"
expect_not_in "$(gn system show "$S" --json | json_field domain)" "jyj.donghai" "the rejected domain was not linked"
expect_fail 1 "a rejected request is not approved later" as dh_dsj system resource approve "$S" --request 2
expect_in "$ERR" "已审批过" "says so"

# ---- a retired system asks for nothing
expect_ok "retired" as dh_jyj system retire "$S" --reason 并入市级平台
expect_fail 1 "a retired system requests nothing" as dh_jyj system resource request "$S" --block 10.36.4.0/26 --reason x
expect_in "$ERR" "已下线" "says why"
finish
