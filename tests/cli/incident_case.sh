#!/bin/sh
# Case handling of a security incident (Art 26) after TheHive: tasks owned
# by an organisation and one of its logins, open until done; observables
# (addresses, domain names, URLs, hashes) linked to the address blocks and
# domain records they match within the recorder's scope; and `incident
# show` with every field under a Chinese label.
. "${GN_TEST_SRCDIR}/tests/cli/lib.sh"
gn init --demo >/dev/null

at() { when=$1; who=$2; shift 2; GOVNET_NOW=$when GOVNET_LOGIN=$who "$GOVNET" --db "$DB" "$@"; }
T=2026-10-12T10:00:00+08:00
I=1 # the demo's open incident of 东海县教育局

# ---- tasks: an owner inside the assigner's scope, a login of that owner
before=$(db_snapshot)
expect_fail 1 "an owner outside the operator's county" \
	at $T dh_dsj incident task add $I --title 排查终端 --owner 灌云县教育局
expect_in "$ERR" "--owner" "naming the field"
expect_in "$ERR" "超出权限范围" "and why"
expect_fail 1 "a login that is not the owner's" \
	at $T dh_dsj incident task add $I --title 排查终端 --owner 东海县教育局 --login dh_dsj
expect_in "$ERR" "--login" "naming the field"
expect_in "$ERR" "dh_dsj 不是东海县教育局" "and whose login it is not"
expect_fail 1 "a due date in the past" \
	at $T dh_dsj incident task add $I --title 排查终端 --owner 东海县教育局 --due 2026-10-01
expect_in "$ERR" "--due" "naming the field"
expect_fail 1 "a department gives no task to another department" \
	at $T dh_jyj incident task add $I --title 排查终端 --owner 东海县公安局
expect_in "$ERR" "超出权限范围" "out of its scope"
expect_fail 1 "an auditor adds no task" at $T shenji incident task add $I --title x --owner 东海县教育局
expect_fail 1 "no task is added to a closed incident" at $T dsj incident task add 2 --title x --owner 市公安局
expect_in "$ERR" "已关闭" "saying it is closed"
expect_eq "$(db_snapshot)" "$before" "refused tasks change nothing"

expect_ok "the operator gives the department a task" \
	at $T dh_dsj incident task add $I --title 排查汇聚交换机下终端 --owner 东海县教育局 --login dh_jyj --due 2026-10-15
expect_in "$OUT" "已添加到安全事件 #$I" "it says so"
T1=$(printf '%s' "$OUT" | sed -n 's/^任务 #\([0-9]*\) .*/\1/p')
expect_ok "a second task, for the operator itself" \
	at $T dh_dsj incident task add $I --title 核对出口流量日志 --owner 东海县 --due 2026-10-13
T2=$(printf '%s' "$OUT" | sed -n 's/^任务 #\([0-9]*\) .*/\1/p')
expect_ok "show" at $T dh_dsj incident show $I
expect_in "$OUT" "#$T1 未完成 排查汇聚交换机下终端（负责：东海县教育局 dh_jyj，期限 2026-10-15）" "the task, its owner and due date"
expect_ok "the department's open tasks" at $T dh_jyj incident list --view tasks --mine --json
expect_in "$OUT" '"title": "排查汇聚交换机下终端"' "its own task is listed"
expect_not_in "$OUT" "核对出口流量日志" "not the operator's"
expect_ok "overdue tasks are marked" at 2026-10-14T09:00:00+08:00 dh_dsj incident list --view tasks --open --json
expect_in "$OUT" '"state_title": "已逾期"' "a task past its date says it is overdue"
expect_ok "show after the date" at 2026-10-14T09:00:00+08:00 dh_dsj incident show $I
expect_in "$OUT" "#$T2 已逾期 核对出口流量日志" "show says it is overdue"

before=$(db_snapshot)
expect_fail 1 "another county's department cannot finish it" at $T gyun_wjw incident task done "$T1" --result x
expect_eq "$(db_snapshot)" "$before" "a refused completion changes nothing"
expect_ok "the owner finishes it" at 2026-10-13T09:00:00+08:00 dh_jyj incident task done "$T1" --result 两台终端已隔离
expect_fail 1 "a task is finished once" at $T dh_jyj incident task done "$T1"
expect_in "$ERR" "已完成" "saying it is done"
expect_ok "show" at $T dh_dsj incident show $I
expect_in "$OUT" "#$T1 已完成 排查汇聚交换机下终端" "the task is done"
expect_in "$OUT" "：两台终端已隔离" "with its result"
expect_in "$OUT" "dh_jyj 完成任务 #$T1：两台终端已隔离" "and on the timeline"

# ---- observables: canonical, linked to what they match in the recorder's scope
expect_ok "the block an address lies in" as dsj ip match 10.36.4.33 --json
expect_in "$OUT" '"cidr": "10.36.4.0/26"' "the deepest block holding it"
expect_ok "a block itself" as dsj ip match 10.36.4.0/26 --json
expect_in "$OUT" '"relation": "exact"' "is matched exactly"
expect_fail 1 "an address that is none" as dsj ip match 10.36.4.256
expect_in "$ERR" "--address" "naming the field"

expect_ok "an address" at $T dh_jyj incident observable add $I --kind ip --value 10.36.4.34 --note 外联源地址
expect_in "$OUT" "匹配 1 条" "matches one block"
expect_ok "a domain name, in any case" at $T dh_jyj incident observable add $I --kind domain --value JYJ.Donghai.zwww.lyg.gov.cn.
expect_in "$OUT" "匹配 2 条" "matches its A and AAAA records"
expect_ok "a URL on an address" at $T dh_dsj incident observable add $I --kind url --value 'http://10.36.4.33:8080/portal?u=1'
expect_ok "a URL on a name" at $T dh_dsj incident observable add $I --kind url --value 'https://zsbm.donghai.zwww.lyg.gov.cn/'
expect_ok "a hash" at $T dh_dsj incident observable add $I --kind hash --value D41D8CD98F00B204E9800998ECF8427E
expect_ok "an address of another county" at $T dh_jyj incident observable add $I --kind ip --value 10.37.4.5
expect_in "$OUT" "匹配 0 条" "matches nothing the department may see"
expect_ok "show" at $T dh_dsj incident show $I
expect_in "$OUT" "地址 10.36.4.34 → 网段 10.36.4.0/26（东海县教育局）（外联源地址）" "the address and its block"
expect_in "$OUT" "域名 jyj.donghai.zwww.lyg.gov.cn → 域名记录 jyj.donghai.zwww.lyg.gov.cn A 10.36.4.10（东海县教育局）；域名记录 jyj.donghai.zwww.lyg.gov.cn AAAA" \
	"the name, canonical, and its records"
expect_in "$OUT" "网址 http://10.36.4.33:8080/portal?u=1 → 网段 10.36.4.0/26（东海县教育局）" "a URL's address host"
expect_in "$OUT" "zsbm.donghai.zwww.lyg.gov.cn CNAME jyj.donghai.zwww.lyg.gov.cn" "a URL's name host"
expect_in "$OUT" "散列值 d41d8cd98f00b204e9800998ecf8427e → 无匹配的地址或域名记录" "a hash in lower case, matching nothing"
expect_in "$OUT" "地址 10.37.4.5 → 无匹配的地址或域名记录" "another county's block is not named"
expect_not_in "$OUT" "灌云县教育局" "nor its owner"
expect_ok "JSON" at $T dh_dsj incident show $I --json
expect_in "$OUT" '"observables": "#1 地址 10.36.4.10 → 网段 10.36.4.10/32（东海县教育局）' "observables are in JSON, the demo's first"
expect_in "$OUT" "#$T1 已完成 排查汇聚交换机下终端" "tasks too"
expect_in "$OUT" '"tasks": "#' "under their own key"

before=$(db_snapshot)
expect_fail 1 "not an address" at $T dh_jyj incident observable add $I --kind ip --value 10.36.4.300
expect_in "$ERR" "10.36.4.300" "naming the value"
expect_in "$ERR" "--value" "and the field"
expect_fail 1 "a hash of no known length" at $T dh_jyj incident observable add $I --kind hash --value abc123
expect_in "$ERR" "32、40 或 64" "saying which lengths are"
expect_fail 1 "a URL of another scheme" at $T dh_jyj incident observable add $I --kind url --value ftp://x.cn/
expect_in "$ERR" "http://" "saying which schemes are"
expect_fail 1 "a bad name" at $T dh_jyj incident observable add $I --kind domain --value 'a..b.cn'
expect_in "$ERR" "--value" "naming the field"
expect_fail 1 "the same observable twice" at $T dh_jyj incident observable add $I --kind ip --value 10.36.4.10
expect_in "$ERR" "已有观察对象" "saying it is there"
expect_fail 1 "an unknown kind" at $T dh_jyj incident observable add $I --kind mac --value x
expect_fail 1 "an auditor adds none" at $T shenji incident observable add $I --kind ip --value 10.36.4.11
expect_fail 1 "another county's operator adds none" at $T gyun_dsj incident observable add $I --kind ip --value 10.36.4.11
expect_eq "$(db_snapshot)" "$before" "refused observables change nothing"

# ---- every field of `incident show` under a Chinese label, never a column name
columns=$(for t in incident incident_task incident_observable incident_observable_match incident_event; do
	sqlite3 "$DB" "SELECT name FROM pragma_table_info('$t')"; done | sort -u)
for id in $I 2; do
	expect_ok "show #$id" at $T dsj incident show $id
	labels=$(printf '%s\n' "$OUT" | awk '/^$/ { exit } /^[^ ]/ { print $1 }')
	expect_eq "$(printf '%s\n' "$labels" | grep -c '[A-Za-z_]')" "0" "#$id: every label is Chinese: $(printf '%s ' $labels)"
	for c in $columns; do
		if printf '%s\n' "$OUT" | grep -qw -- "$c"; then fail "#$id: column name $c in: $OUT"; else pass; fi
	done
done
expect_in "$OUT" "总结" "a closed incident's summary is labelled"

finish
