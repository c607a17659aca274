#!/bin/sh
# An applicant learns the decision and its reason with no channel set up
# (Art 11): a department's status line counts the moves others made on
# its requests since it last looked, :messages lists them with their
# reasons and marks them seen, and a new decision shows at the next start.
. "$GN_TEST_SRCDIR/tests/tui/lib.sh"

gn init --demo >/dev/null
NOW=2026-12-01T10:00:00+08:00
expect_eq "$(gn notify channel list --json 2>/dev/null | tr -d ' \n')" "[]" "no channel is configured"

tui_open 80 24 xterm-256color GOVNET_LOGIN=gy_wjw GOVNET_NOW=$NOW
expect_screen "新决定 " "the department's status line counts the decisions on its requests"
expect_screen "| 2026-12-01 10:00 新决定 " "today's date is whole beside the count (the organisation's name gives way)"
tui_keys 2
expect_screen "第 1/" "a list opens"
expect_screen "| 2026-12-01 10:00 新决定 " "and the date stays whole beside its position"
tui_keys 1
tui_keys :
tui_type messages
tui_keys Enter
expect_screen "本单位事项的新决定" "the messages view lists them"
tui_keys G
expect_screen "接入申请 #8：待审核 → 已批准（gy_zwb）" "an approval, with who decided"
tui_keys Escape
expect_screen_not "新决定 " "listed, they are seen"
tui_keys q
expect_screen "EXIT=0" "the console quits"

GOVNET_NOW=$NOW as gy_zwb access return 6 --comment 请补充机房照片 >/dev/null
tui_open 80 24 xterm-256color GOVNET_LOGIN=gy_wjw GOVNET_NOW=$NOW
expect_screen "新决定 1（:messages）" "the next start counts the one new decision"
tui_keys :
tui_type messages
tui_keys Enter
expect_screen "接入申请 #6：待审核 → 退回补充（gy_zwb）：请补充机房照片" "and lists it with its reason"
expect_screen_not "接入申请 #8" "not the ones seen before"
tui_keys Escape q
expect_screen "EXIT=0" "the console quits"

tui_open 80 24 xterm-256color GOVNET_LOGIN=gy_zwb GOVNET_NOW=$NOW
expect_screen_not "新决定" "an office's console has no such count"
tui_keys q
expect_screen "EXIT=0" "the console quits"
finish
