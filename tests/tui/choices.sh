#!/bin/sh
# A choice field in a form reads as titles (县区, not county): the value
# shown, the choices offered beside it, chosen by a title's first
# character; the code is what is stored.  --help lists each code with its
# title.
. "$GN_TEST_SRCDIR/tests/tui/lib.sh"

gn init --demo >/dev/null

expect_ok "org add --help" gn org add --help
expect_in "$OUT" "county（县区） | zone（功能板块）" "--help gives each code its title"

tui_open 80 24 xterm-256color
tui_keys :
tui_type "org list"
tui_keys Enter
expect_screen "连云港市" "the organisations tab"
tui_keys c
expect_screen "添加组织" "the creating form"
tui_type "东海县选项测试局"
tui_keys Tab
tui_type "320722"
expect_screen "东海县（320722）" "the picker suggests the parent"
tui_keys Enter
expect_screen "< （未选） >" "the kind field has the focus, nothing chosen"
expect_screen "县区 | 功能板块 | 主管部门" "the choices offered are titles"
tui_keys Right
expect_screen "< 县区 >" "→ shows the first choice by its title"
for code in county zone authority agency dept unit; do
	expect_screen_not "$code" "no bare code ($code) on the screen"
done
tui_type "主"
expect_screen "< 主管部门 >" "typing a title's first character chooses it"
tui_keys C-s
expect_screen "已完成：添加组织" "the form is saved"
expect_ok "the organisation exists" gn org show "东海县选项测试局" --json
expect_in "$OUT" '"kind": "authority"' "the code is stored"
tui_quit
finish
