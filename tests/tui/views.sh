#!/bin/sh
# Keys act on the kind of record the view holds: on the filings view n
# makes a filing (its department taken from the selected row), e says a
# filing is not edited but superseded, a offers filing actions only; a
# view of notices says they are not made here.  A form opened on a
# selected row starts from it: allocating with a block selected fills the
# parent block and its organisation.  Forms list what is required first
# and the audit's why last.
. "$GN_TEST_SRCDIR/tests/tui/lib.sh"

gn init --demo >/dev/null
before=$(db_snapshot)

command() {
	tui_keys :
	tui_type "$1"
	tui_keys Enter
}

tui_open 80 24 xterm-256color GOVNET_LOGIN=zwb
command "access filings"
expect_screen "东海县教育局         刘副局长" "the filings"
tui_keys c
expect_screen "责任人备案（access filing set" "c makes a filing"
expect_screen "接入部门* 东海县教育局" "for the selected row's department"
tui_keys Escape
expect_screen_not "责任人备案（access" "the form closes"
tui_keys e
expect_screen "中的记录不能修改；按 c 新建一条" "e says a filing is not edited"
tui_keys a
expect_screen "责任人备案（filing set）" "a offers the filing action"
expect_screen_not "提交申请" "not the requests' actions"
tui_keys Escape
command "access notices"
expect_screen "请补充网络拓扑图" "the notices"
tui_keys c
expect_screen "「接入/告知」中的记录不能在控制台中新建" "c says notices are not made here"
tui_keys q
expect_screen "EXIT=0" "the console quits"

tui_open 80 24 xterm-256color GOVNET_LOGIN=dsj
command "ip list"
expect_screen "10.32.8.0/22" "the address plan"
tui_keys /
tui_type "10.32.8.0/22"
tui_keys Enter
expect_screen "第 1/2 条" "the block and the one inside it are found; the block first"
tui_keys c
expect_screen "分配网段（ip alloc" "c allocates"
expect_screen "上级网段* 10.32.8.0/22" "inside the selected block"
expect_screen "归属组织* 市公安局" "for its organisation"
tui_keys Escape q
expect_screen "EXIT=0" "the console quits"

tui_open 80 24 xterm-256color GOVNET_LOGIN=hz_jyj
command "system list"
expect_screen "教育装备管理" "the systems"
tui_keys c
expect_screen "登记信息系统（system new" "c registers a system"
level=$(tui_screen | grep -n '等保级别\*' | cut -d: -f1)
purpose=$(tui_screen | grep -n ' 用途 ' | cut -d: -f1)
why=$(tui_screen | grep -n '理由（记入审计）' | cut -d: -f1)
[ -n "$level" ] && [ -n "$purpose" ] && [ "$level" -lt "$purpose" ] && pass ||
	fail "a required field comes before an optional one (等保级别 on line ${level:-none}, 用途 on ${purpose:-none})"
[ -z "$why" ] && pass || fail "the audit's why is not among the first fields (line $why)"
tui_keys Escape q
expect_screen "EXIT=0" "the console quits"
expect_eq "$(db_snapshot)" "$before" "nothing was saved"
finish
