#!/bin/sh
# The organisation picker in a form: typing filters its list; Enter always
# takes the field as it stands and moves on — with the list open, the
# highlighted organisation is chosen and the list closed first; Esc closes
# the list and puts back the value the field had before it opened.
. "$GN_TEST_SRCDIR/tests/tui/lib.sh"

gn init --demo >/dev/null

tui_open 80 24 xterm-256color
tui_keys :
tui_type "org list"
tui_keys Enter
expect_screen "连云港市" "the organisations tab"
tui_keys c
expect_screen "添加组织" "the creating form"
tui_type "选择器测试局"
tui_keys Tab
tui_type "东海"
expect_screen "东海县（320722）" "typing opens the picker"
tui_type "县教"
expect_screen "东海县教育局" "typing more filters it"
expect_screen_not "东海县（320722）" "to what still matches"
tui_keys C-u
tui_type "东海"
expect_screen "东海县（320722）" "the list again, the county first"
tui_keys Enter
expect_screen "上级组织* 东海县 " "Enter chooses the highlighted organisation"
expect_screen_not "东海县（320722）" "and closes the list"
tui_keys Right
expect_screen "< 县区 >" "and moves on, as Enter does in any field"
tui_keys BSpace
expect_screen "< （未选） >" "the kind left unset"

tui_keys BTab
tui_keys C-u
tui_type "灌云"
expect_screen "灌云县（" "the picker opens on the parent again"
tui_keys Escape
expect_screen "上级组织* 东海县 " "Esc puts back the value from before"
expect_screen_not "灌云县（" "and closes the list"
expect_screen_not "放弃已输入的内容？" "without leaving the form"
tui_type "x"
tui_keys BSpace
tui_keys Enter
tui_keys Right
expect_screen "< 县区 >" "Enter with the list closed moves on too"
tui_keys BSpace
tui_keys C-s
expect_screen "已完成：添加组织" "the form is saved"
expect_ok "the organisation exists" gn org show "选择器测试局" --json
expect_in "$OUT" '"parent": "东海县"' "under the organisation chosen"
tui_quit
finish
