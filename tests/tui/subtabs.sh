#!/bin/sh
# One tab per plugin, its views as sub-tabs: the tab bar lists plugins
# (the core's tables together under 管理) in the order the login's role
# works, the row under it the current plugin's views; number keys reach
# the plugins, > and < move between a plugin's views, a plugin's tab
# reopens on the view last shown, and `:access filings` still opens a view
# by name.  At 80×24 the tab bar says when more tabs lie beyond its edge.
. "$GN_TEST_SRCDIR/tests/tui/lib.sh"

gn init --demo >/dev/null

row() { tui_screen | sed -n "${1}p"; }
expect_row() { expect_screen_line "$@"; }

# ---- a department: its requests first, then its queue
tui_open 80 24 xterm-256color GOVNET_LOGIN=dh_jyj
expect_row 1 " 1 概览  2 接入  3 " "the department's tab bar: one tab for the access plugin, second"
expect_row 1 ">" "more tabs than fit at 80 columns: the bar says so"
expect_eq "$(row 1 | grep -c '我的待办')" 0 "no tab per view any more"
tui_keys 2
expect_row 2 " 接入申请  我的待办  逾期 " "the access plugin's views on the row under the tabs, requests then queue"
expect_row 2 "< > 切换视图" "with the keys that move between them"
expect_screen "接入理由" "2 opens the department's requests"
tui_keys '>'
expect_screen "（没有记录）" "> opens the department's queue (nothing returned to it in the demo)"
tui_keys '>'
expect_row 2 " 逾期 " "the queue, then what is overdue"
tui_keys '<' '<'
expect_screen "新建校区教学楼接入" "< goes back to the requests"
tui_keys 1
expect_screen "概览：" "1 is the Overview"
expect_screen_not "切换视图" "which has no sub-tabs"
tui_keys q
expect_screen "EXIT=0" "the console quits"

# ---- an office: its queue first; a tab reopens on the view last shown
tui_open 80 24 xterm-256color GOVNET_LOGIN=dh_zwb
expect_row 1 " 1 概览  2 接入  3 " "the office's tab bar"
tui_keys 2
expect_row 2 " 我的待办  接入申请 " "the office's access tab opens on its queue"
expect_screen "乡镇中心校视频会议" "which lists what it decides"
tui_keys '>' '>' '>'
expect_screen "带宽" "three views on: the access nodes"
tui_keys 3
expect_row 2 " 维护通知  近期维护 " "3 opens the next plugin's tab (changes), with its own views"
expect_screen_not "带宽" "not the nodes"
tui_keys 2
expect_screen "带宽" "back on the access tab: the nodes, where it was left"
tui_keys :
tui_type "access filings"
tui_keys Enter
expect_screen "分管领导" "\`:access filings\` opens a view by name"
expect_row 2 " 责任人备案 " "shown as a sub-tab of access"
tui_keys Tab
expect_screen_not "分管领导" "Tab moves to the next plugin's tab"
tui_keys BTab
expect_screen "分管领导" "Shift-Tab back, on the view last shown"
tui_keys q
expect_screen "EXIT=0" "the console quits"

# ---- the administrator: the core's tables first, under one tab
tui_open 80 24 xterm-256color GOVNET_LOGIN=root
expect_row 1 " 1 概览  2 管理  3 " "the administrator's tab bar: the core's tables together, first"
tui_keys 2
expect_row 2 " 组织  登录 " "organisations, then logins"
expect_screen "320700-ZWB" "2 opens the organisations"
tui_keys '>'
expect_screen "角色" "> the logins"
tui_keys 9
expect_row 2 " 信息系统  探测中断的系统 " "9 reaches a plugin's tab beyond the edge of the bar (systems)"
expect_row 1 "<" "the bar scrolled to it and says tabs lie to its left"
tui_keys q
expect_screen "EXIT=0" "the console quits"
finish
