#!/bin/sh
# An information system through the console (Art 16, 25): registered in a
# form, refused go-live with the reason on screen until it is filed and
# its security test passed, then taken live from the actions menu.
. "$GN_TEST_SRCDIR/tests/tui/lib.sh"

gn init --demo >/dev/null


command() {
	tui_keys :
	tui_type "$1"
	tui_keys Enter
}

console_as hz_jyj 2026-12-01T10:00:00+08:00 "system list" 系统名称
expect_screen "教育装备管理系统" "the department sees its own system"
expect_screen_not "交通违法查询平台" "and not the city's"
S=$(as hz_jyj system list --json --limit 0 | python3 -c 'import json,sys; print([r["id"] for r in json.load(sys.stdin) if r["name"] == "教育装备管理系统"][0])')
command "system golive $S"
expect_screen "尚未向运行管理机构备案" "go-live is refused without a filing, saying why"
command "system file $S"
expect_screen "已完成：上线前备案" "filed"
command "system golive $S"
expect_screen "没有上线前的安全检测记录（Art 25）" "refused without a test, citing Art 25"
command "system test $S --result fail --tester 区测评中心"
expect_screen "已完成：记录安全检测" "a failed test recorded"
command "system golive $S"
expect_screen "未通过（Art 25）" "refused after a failed test"
command "system test $S --result pass"
expect_screen "已完成：记录安全检测" "a passed test recorded"
tui_keys G a
expect_screen "上线运行（golive）" "the actions menu offers go-live"
expect_screen_not "变更备案（change）" "but not filing a change of a system not yet live"
pick=$(tui_screen | sed -n 's/.*\([1-9]\) 上线运行（golive）.*/\1/p' | head -n1)
tui_keys "${pick:-0}"
expect_screen "信息系统 #$S" "the form is for the system under the cursor"
tui_keys C-s
expect_screen "已完成：上线运行" "it goes live from the menu"
expect_eq "$(gn system show "$S" --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["state"])')" "online" "the command line agrees"
tui_keys q
expect_screen "EXIT=0" "the console quits"
finish
