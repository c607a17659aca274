#!/bin/sh
# The tabs come in the order the login's role works: a department's
# requests and queue, an office's queue, an operator's queue, address plan
# and nodes; the core's administrative tables last.  A tab is a plugin's
# (the core's tables share 管理), its views the row under the tab bar.
# A view is reached by name (:access nodes), and Tab completes commands and view names.
. "$GN_TEST_SRCDIR/tests/tui/lib.sh"

gn init --demo >/dev/null

tabs_as() {
	tui_open 80 24 xterm-256color GOVNET_LOGIN="$1"
	expect_screen "$2" "$1's first tabs"
	expect_eq "$(tui_screen | head -n 1 | grep -c ' 管理 ')" "$3" "$1 sees the administrative tables among the first tabs ($3)"
}
# The row under the tab bar: the current plugin's views, in the role's order.
expect_views() { expect_screen_line 2 "$1" "$2"; }

tabs_as dh_jyj " 1 概览  2 接入  3 " 0
tui_keys 2
expect_views " 接入申请  我的待办 " "the department's requests, then its queue"
expect_screen "接入理由" "2 opens the department's requests"
tui_keys q
expect_screen "EXIT=0" "the console quits"

tabs_as dh_zwb " 1 概览  2 接入  3 " 0
tui_keys 2
expect_views " 我的待办  接入申请 " "the office's queue first"
tui_keys q
expect_screen "EXIT=0" "the console quits"

tabs_as dh_dsj " 1 概览  2 接入  3 地址  4 信息系统 " 0
tui_keys 2
expect_views " 我的待办  接入节点 " "the operator's queue, then the access nodes"
tui_keys 3
expect_screen "上级网段" "3 opens the operator's address plan"
tui_keys q
expect_screen "EXIT=0" "the console quits"

tabs_as root " 1 概览  2 管理  3 " 1
tui_keys 2
expect_views " 组织  登录 " "the administrator's organisations, then logins"

# A view by name, and Tab completion in the command line.
tui_keys :
tui_type "access nodes"
tui_keys Enter
expect_screen "带宽" "`:access nodes` opens the nodes tab"
expect_views " 接入节点 " "a view of the access tab"
tui_keys 1
expect_screen "概览：" "back on the Overview"
tui_keys :
tui_type "acc"
tui_keys Tab
expect_screen ":access" "Tab completes the component's name"
tui_keys Tab
expect_screen "可选：" "Tab lists what may follow"
expect_screen "queue" "among them the queue view"
tui_type "que"
expect_screen_not "可选：" "typing on takes the list away"
tui_keys Tab
expect_screen ":access queue" "Tab completes the view's name"
tui_keys Enter
expect_views " 我的待办 " "Enter opens the queue"
expect_screen "（没有记录）" "nothing waits on the administrator (the requests tab would list 17)"
tui_keys :
tui_type "nosuch"
tui_keys Tab
expect_screen "没有可补全的命令或视图" "nothing to complete says so"
tui_keys Escape
tui_keys q
expect_screen "EXIT=0" "the console quits"
finish
