#!/bin/sh
# Information systems (Art 16, 20, 21, 25) through the command line, by the
# right roles: filed before go-live, the go-live gate, changes, retirement,
# the 等保 and 密评 dates in `govnet due`, scope, and refused input.
. "${GN_TEST_SRCDIR}/tests/cli/lib.sh"
gn init --demo >/dev/null

at() { when=$1; who=$2; shift 2; GOVNET_NOW=$when GOVNET_LOGIN=$who "$GOVNET" --db "$DB" "$@"; }
json_field() { python3 -c 'import json,sys; v=json.load(sys.stdin); print(v.get(sys.argv[1]) if v.get(sys.argv[1]) is not None else "")' "$1"; }
T0=2026-12-01T10:00:00+08:00

# ---- a new system is a draft; go-live is refused until it is filed (Art 16)
expect_ok "a department registers a system" at $T0 dh_jyj system new --org 东海县教育局 --name 教师培训平台 \
	--url "https://px.donghai.zwww.lyg.gov.cn/ http://10.36.4.10/px" --level 3 --evaluated 2026-03-10 \
	--domain jyj.donghai.zwww.lyg.gov.cn/a --block 10.36.4.10/32 --exchange sez
S=$OUT
expect_eq "$(echo "$S" | tr -d 0-9)" "" "it prints the new id"
expect_ok "show" gn system show "$S" --json
expect_in "$OUT" '"state": "draft"' "a new system is a draft"
expect_in "$OUT" '"domain": "jyj.donghai.zwww.lyg.gov.cn/a"' "published under its domain (Art 20)"
expect_in "$OUT" '"block": "10.36.4.10/32"' "using its department's block"
expect_in "$OUT" "http://10.36.4.10/px" "both URLs are kept"

before=$(db_snapshot)
expect_fail 1 "go-live without a filing" at $T0 dh_jyj system golive "$S"
expect_in "$ERR" "尚未向运行管理机构备案" "names what is missing"
expect_in "$ERR" "Art 16" "and the article"
expect_in "$ERR" "；请先运行 govnet system file $S" "and the command that files it"
expect_fail 1 "another county's department cannot file it" at $T0 gy_wjw system file "$S"
expect_in "$ERR" "超出权限范围" "out of scope"
expect_fail 1 "an operator does not file for the department" at $T0 dh_dsj system file "$S"
expect_in "$ERR" "Art 16" "citing the article"
expect_fail 1 "an auditor changes nothing" at $T0 shenji system file "$S"
expect_eq "$(db_snapshot)" "$before" "none of the refusals changed anything"

# ---- filed: the 等保 and 密评 dates fall due on the calendar (Art 21)
expect_ok "the department files it" at $T0 dh_jyj system file "$S"
expect_ok "show" gn system show "$S" --json
expect_in "$OUT" '"next_dengbao": "2027-03-10"' "level 3 is evaluated yearly from the last evaluation"
expect_in "$OUT" '"next_mima": "2026-12-01"' "a level-3 system never assessed owes its 密评 from its filing"
expect_ok "due lists them" env GOVNET_NOW=2027-03-20T10:00:00+08:00 "$GOVNET" --db "$DB" due --overdue
expect_in "$OUT" "等保测评（第3级，每12个月）" "the 等保 evaluation is due"
expect_in "$OUT" "天（日历日）" "counted in calendar days, and saying so"
expect_ok "the 密评 is recorded" at $T0 dh_jyj system set "$S" --crypto passed --crypto-date 2026-11-20
expect_eq "$(gn system show "$S" --json | json_field next_mima)" "2027-11-20" "the next 密评 a year on"
expect_ok "level 2" at $T0 dh_jyj system set "$S" --level 2
expect_eq "$(gn system show "$S" --json | json_field next_dengbao)" "2028-03-10" "level 2 every two years"
expect_eq "$(gn system show "$S" --json | json_field next_mima)" "" "and no 密评 below level 3"
at $T0 dh_jyj system set "$S" --level 3 >/dev/null

# ---- the security test decides go-live (Art 25)
before=$(db_snapshot)
expect_fail 1 "go-live without a test" at $T0 dh_jyj system golive "$S"
expect_in "$ERR" "没有上线前的安全检测记录" "names what is missing"
expect_in "$ERR" "Art 25" "and the article"
expect_in "$ERR" "；请先运行 govnet system test $S --result …" "and the command that records a test, with its required fields"
expect_eq "$(db_snapshot)" "$before" "nothing changed"
expect_ok "a failed test" at 2026-12-02T10:00:00+08:00 dh_jyj system test "$S" --result fail --tester 江苏省测评中心
before=$(db_snapshot)
expect_fail 1 "go-live after a failed test" at 2026-12-02T11:00:00+08:00 dh_jyj system golive "$S"
expect_in "$ERR" "未通过" "the failed test is named"
expect_in "$ERR" "江苏省测评中心" "with its tester"
expect_in "$ERR" "Art 25" "and the article"
expect_eq "$(db_snapshot)" "$before" "nothing changed"
printf 'report v1\n' > "$WORK/检测报告.pdf"
expect_ok "the operator records a passed test with its report" at 2026-12-03T10:00:00+08:00 dh_dsj system test "$S" \
	--result pass --tester 江苏省测评中心 --report "$WORK/检测报告.pdf"
expect_ok "tests" gn system list --view tests --json
expect_in "$OUT" "检测报告.pdf sha256:$(sha256sum "$WORK/检测报告.pdf" | cut -c1-64)" "the report is kept as name and SHA-256"
expect_fail 1 "an operator does not take the system live" at 2026-12-03T11:00:00+08:00 dh_dsj system golive "$S"
expect_ok "go-live after the pass" at 2026-12-03T11:00:00+08:00 dh_jyj system golive "$S"
expect_eq "$(gn system show "$S" --json | json_field state)" "online" "online"

# ---- changes are filed first (Art 16); one touching exposure is tested again
before=$(db_snapshot)
expect_fail 1 "a domain is not added to an online system without a filed change" at $T0 dh_jyj system link "$S" --url https://new.example/
expect_in "$ERR" "Art 16" "citing the article"
expect_eq "$(db_snapshot)" "$before" "nothing changed"
expect_ok "a change that touches no address" at 2026-12-10T10:00:00+08:00 dh_jyj system change "$S" --what 升级中间件版本
expect_ok "goes live again without a test" at 2026-12-10T12:00:00+08:00 dh_jyj system golive "$S"
expect_ok "a change that touches domains" at 2026-12-11T10:00:00+08:00 dh_jyj system change "$S" --what 新增对外域名 --domains
expect_ok "the new URL is added" at 2026-12-11T10:00:00+08:00 dh_jyj system link "$S" --url https://new.donghai.zwww.lyg.gov.cn/
before=$(db_snapshot)
expect_fail 1 "it needs a new test" at 2026-12-11T11:00:00+08:00 dh_jyj system golive "$S"
expect_in "$ERR" "须重新检测通过" "names what is missing"
expect_in "$ERR" "Art 25" "and the article"
expect_eq "$(db_snapshot)" "$before" "nothing changed"
expect_ok "tested again" at 2026-12-12T10:00:00+08:00 dh_jyj system test "$S" --result pass
expect_ok "live again" at 2026-12-12T11:00:00+08:00 dh_jyj system golive "$S"
expect_ok "the changes" gn system list --view changes --json
expect_in "$OUT" '"what": "新增对外域名"' "are listed"

# ---- retirement releases the domain and ends the obligations
expect_fail 1 "retirement needs a reason" at 2026-12-20T10:00:00+08:00 dh_jyj system retire "$S"
expect_ok "retire" at 2026-12-20T10:00:00+08:00 dh_jyj system retire "$S" --reason 并入市级平台
expect_ok "show" gn system show "$S" --json
expect_in "$OUT" '"domain": ""' "the domain link is released"
expect_in "$OUT" '"block": "10.36.4.10/32"' "the addresses stay with the department"
expect_ok "due" env GOVNET_NOW=2028-01-01T10:00:00+08:00 "$GOVNET" --db "$DB" due --overdue --json
due_systems=" $(echo "$OUT" | python3 -c 'import json,sys; print(" ".join(str(r["id"]) for r in json.load(sys.stdin) if r["component"] == "system"))') "
expect_in "$due_systems" " 1 " "other systems are still due"
expect_not_in "$due_systems" " $S " "nothing is due for a retired system"

# ---- bad input: exit 1 naming the field, nothing changed
NEW="--org 东海县教育局 --name 新系统 --level 3"
before=$(db_snapshot)
expect_fail 1 "a URL that is not http(s)" as dh_jyj system new $NEW --url ftp://files.donghai/
expect_in "$ERR" "--url" "names the field"
expect_fail 1 "a URL without a host" as dh_jyj system new $NEW --url https:///x
expect_in "$ERR" "--url" "names the field"
expect_fail 1 "an unknown 等保 level" as dh_jyj system new --org 东海县教育局 --name 新系统 --url http://a.b/ --level 6
expect_in "$ERR" "--level" "names the field"
expect_fail 1 "a domain of another department" as dh_jyj system new $NEW --url http://a.b/ --domain gaj.zwww.lyg.gov.cn/a
expect_in "$ERR" "--domain" "names the field"
expect_in "$ERR" "市公安局" "and whose it is"
expect_fail 1 "a domain that does not exist" as dh_jyj system new $NEW --url http://a.b/ --domain nope.donghai.zwww.lyg.gov.cn
expect_in "$ERR" "--domain" "names the field"
expect_fail 1 "a block of another department" as dh_jyj system new $NEW --url http://a.b/ --block 10.35.16.0/25
expect_in "$ERR" "--block" "names the field"
expect_fail 1 "direct exchange with the internet" as dh_jyj system new $NEW --url http://a.b/ --exchange direct
expect_in "$ERR" "统一的安全交换区" "Art 25's exchange zone"
expect_in "$ERR" "--exchange" "names the field"
expect_fail 1 "invalid UTF-8" as dh_jyj system new $NEW --url http://a.b/ --purpose "$(printf 'a\377b')"
expect_in "$ERR" "UTF-8" "says why"
expect_fail 1 "a department registers only its own systems" as dh_jyj system new --org 赣榆区卫生健康委员会 --name x --url http://a.b/ --level 2
expect_fail 1 "an operator does not register them" as dh_dsj system new $NEW --url http://a.b/
expect_eq "$(db_snapshot)" "$before" "none of it changed anything"

# ---- scope: a county operator sees only its county
expect_ok "东海县's operator lists systems" as dh_dsj system list --json --limit 0
expect_in "$OUT" "东海县教育局" "its county's"
expect_not_in "$OUT" "市公安局" "not the city's"
expect_not_in "$OUT" "赣榆区" "nor another county's"
expect_ok "the city operator sees them all" as dsj system list --json --limit 0
expect_in "$OUT" "赣榆区卫生健康委员会" "every county's"
expect_fail 1 "nor shows another county's system" as dh_dsj system show 交通违法查询平台

expect_ok "the audit chain verifies after all of it" gn audit verify
finish
