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
expect_screen "请先「上线前备案」" "and the action to take first, by its title"
expect_screen_not "govnet " "never a command to run"
expect_eq "$(tui_screen_sgr | grep '上线运行（golive）' | grep -c '38;5;244')" 1 "in the hint style"
expect_screen_not "上线前备案（file）（不可用）" "filing is not dimmed"
expect_screen_not "月报" "published reads (a month's figures) are not offered as things to do to the record"
expect_screen_not "security" "nor the 等保 summary other plugins read"
pick=$(tui_screen | sed -n 's/.*\([1-9]\) 上线运行（golive）.*/\1/p' | head -n1)
tui_keys "${pick:-0}"
expect_screen "不能上线运行：" "choosing it says why"
expect_screen "（按 a 选择）" "and how to take the step first"
expect_screen_not "govnet " "naming no command"
expect_screen_not "信息系统 #" "and opens no form"
tui_keys q
expect_screen "EXIT=0" "the console quits"
expect_eq "$(db_snapshot)" "$before" "the rehearsal changed nothing"

# Moves that need a reason are rehearsed too (a placeholder satisfies
# "required"): the city office may not reject or return a county's
# request, which its county's office decides (Art 10).
reject_menu() {
	tui_open 80 24 xterm-256color GOVNET_LOGIN="$1" GOVNET_NOW=2026-12-01T10:00:00+08:00
	tui_keys :
	tui_type "access requests"
	tui_keys Enter
	expect_screen "接入申请" "the access requests for $1"
	tui_keys /
	tui_type "乡镇中心校视频会议"
	tui_keys Enter
	expect_screen "第 1/1 条" "the county's submitted request is under the cursor"
	tui_keys a
	expect_screen "不予批准并告知原因（reject）" "reject is offered to $1"
}
reject_menu zwb
expect_screen "不予批准并告知原因（reject） [需确认]（不可用）" "dimmed for the city office"
expect_screen "退回补充材料（return）（不可用）" "and so is the return, which needs a comment"
expect_screen "东海县" "with the office that decides it"
expect_eq "$(tui_screen_sgr | grep '不予批准并告知原因（reject）' | grep -c '38;5;244')" 1 "in the hint style"
tui_keys Escape
tui_quit
reject_menu dh_zwb
expect_screen_not "（reject） [需确认]（不可用）" "the county office may reject it"
expect_screen_not "（return）（不可用）" "or return it"
tui_keys Escape
tui_quit
expect_eq "$(db_snapshot)" "$before" "the rehearsals changed nothing"
finish
