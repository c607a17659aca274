#!/bin/sh
# The console's audit tab names each entry's record as a person reads it:
# its kind and its name or number (组织「连云港市」, 接入申请 #5), never
# the table and id the chain stores (org#1, access_request#5), in the list
# and in the entry's detail.
. "$GN_TEST_SRCDIR/tests/tui/lib.sh"

gn init --demo >/dev/null

tui_open 80 24 xterm-256color
tui_keys :
tui_type "audit list"
tui_keys Enter
expect_screen "组织「连云港" "the first entry names the city by kind and name"
expect_screen_match "系统 +初始化 " "the entry the program wrote itself by its titles"
expect_screen_match "节假日 +导入节假日安排 " "a component and its action by their titles, whole"
expect_screen_not "calendar" "not by the component's code"
expect_screen_not " import " "nor the action's"
expect_screen "年度节假日安" "a record without a name by its kind"
expect_screen_not "org#" "no table name in the list"
expect_screen_not "holiday_year#" "nor any other"
tui_keys Enter
expect_screen "组织「连云港市」" "the entry's detail names it in full"
expect_screen_not "org#" "and names no table"
tui_keys Escape
tui_wait_gone "审计记录 #1"
tui_keys Down
expect_screen "第 2/" "the second entry, the calendar's"
tui_keys Enter
expect_screen "年度节假日安排 #2023" "a record without a name by kind and number"
expect_screen_not "holiday_year#" "names no table"
tui_quit
finish
