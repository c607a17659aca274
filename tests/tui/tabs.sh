#!/bin/sh
# The tabs come in the order the login's role works: a department's
# requests and queue, an office's queue, an operator's queue, address plan
# and nodes; the core's administrative tables last.  A view is reached by
# name (:access nodes), and Tab completes commands and view names.
. "$GN_TEST_SRCDIR/tests/tui/lib.sh"

gn init --demo >/dev/null

tabs_as() {
	tui_open 80 24 xterm-256color GOVNET_LOGIN="$1"
	expect_screen "$2" "$1's first tabs"
	expect_eq "$(tui_screen | head -n 1 | grep -c ' 组织 ')" "$3" "$1 sees the organisations among the first tabs ($3)"
}

tabs_as dh_jyj " 1 概览  2 接入申请  3 接入/我的待办 " 0
tui_keys 2
expect_screen "接入理由" "2 opens the department's requests"
tui_keys q
expect_screen "EXIT=0" "the console quits"

tabs_as dh_zwb " 1 概览  2 接入/我的待办 " 0
tui_keys q
expect_screen "EXIT=0" "the console quits"

tabs_as dh_dsj " 1 概览  2 接入/我的待办  3 地址规划  4 接入/接入节点 " 0
tui_keys 3
expect_screen "上级网段" "3 opens the operator's address plan"
tui_keys q
expect_screen "EXIT=0" "the console quits"

tabs_as root " 1 概览  2 组织  3 登录 " 1

# A view by name, and Tab completion in the command line.
tui_keys :
tui_type "access nodes"
tui_keys Enter
expect_screen "接入/接入节点 " "`:access nodes` opens the nodes tab"
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
expect_screen "接入/我的待办" "Enter opens the queue"
expect_screen "（没有记录）" "nothing waits on the administrator (the requests tab would list 17)"
tui_keys :
tui_type "nosuch"
tui_keys Tab
expect_screen "没有可补全的命令或视图" "nothing to complete says so"
tui_keys Escape
tui_keys q
expect_screen "EXIT=0" "the console quits"
finish
