#!/bin/sh
# The action menu says why an action would be refused before it is tried:
# the door rehearses each item the menu shows on the record under the
# cursor (a savepoint always rolled back) and shows the refusal, dimmed,
# under the item; choosing it says why instead of opening a form.
. "$GN_TEST_SRCDIR/tests/tui/lib.sh"

gn init --demo >/dev/null
before=$(db_snapshot)

tui_open 80 24 xterm-256color GOVNET_LOGIN=hz_jyj GOVNET_NOW=2026-12-01T10:00:00+08:00
tui_keys :
tui_type "system list"
tui_keys Enter
expect_screen "教育装备管理" "the department's systems"
tui_keys /
tui_type "教育装备"
tui_keys Enter
expect_screen "第 1/1 条" "the draft system is under the cursor"
tui_keys a
expect_screen "上线运行（golive）（不可用）" "go-live is offered dimmed on a draft"
expect_screen "尚未向运行管理机构备案" "with what is missing"
expect_eq "$(tui_screen_sgr | grep '上线运行（golive）' | grep -c '38;5;244')" 1 "in the hint style"
expect_screen_not "上线前备案（file）（不可用）" "filing is not dimmed"
expect_screen_not "月报" "published reads (a month's figures) are not offered as things to do to the record"
expect_screen_not "security" "nor the 等保 summary other plugins read"
pick=$(tui_screen | sed -n 's/.*\([1-9]\) 上线运行（golive）.*/\1/p' | head -n1)
tui_keys "${pick:-0}"
expect_screen "不能上线运行：" "choosing it says why"
expect_screen_not "信息系统 #" "and opens no form"
tui_keys q
expect_screen "EXIT=0" "the console quits"
expect_eq "$(db_snapshot)" "$before" "the rehearsal changed nothing"
finish
