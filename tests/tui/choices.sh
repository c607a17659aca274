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

# A list's choice filters read the same way: --help and a refusal give
# each code its title, and the console's filter prompt offers the titles,
# which the rows show and the filter finds.
expect_ok "ip --help" gn ip --help
expect_in "$OUT" "地址类型：mixed（混合地址池） | interconnect（互联地址）" "a choice filter's codes with their titles"
expect_in "$OUT" "状态：allocated（已分配） | reserved（预留）" "every choice filter's"
expect_ok "access --help" gn access --help
expect_in "$OUT" "状态：draft（草稿） | submitted（待审核）" "a state filter with the workflow's titles"
before=$(db_snapshot)
expect_fail 1 "a filter value that is not a choice is refused" gn org list --kind 县区
expect_in "$ERR" "类型（--kind）只能是 city（市）、county（县区）" "naming the filter and its choices with their titles"
expect_eq "$(db_snapshot)" "$before" "the refusal changed nothing"
expect_ok "a code is the filter's value" gn org list --kind county
expect_in "$OUT" "东海县" "the counties are listed"
expect_not_in "$OUT" "东海县教育局" "and only they"

tui_open 80 24 xterm-256color
tui_keys :
tui_type "access requests"
tui_keys Enter
expect_screen "接入申请" "the access requests"
expect_screen "草稿" "drafts among them"
tui_keys /
expect_screen "可按标题筛选——状态 草稿、待审核、退回补充" "the filter's prompt offers the states by title"
expect_screen_not "submitted" "not by code"
tui_type "待审核"
tui_keys Enter
expect_screen_not "可按标题筛选" "the offer goes with the prompt"
expect_screen "筛选「待审核」" "the filter is the title typed"
expect_screen_not "草稿" "which leaves no draft"

# Tab completes a title at the prompt as it completes a command: what
# the titles begun share, listing them; one alone whole; a code's
# beginning gives its title, which is what the rows show.
tui_keys Escape
expect_screen "草稿" "Esc clears the filter"
tui_keys /
tui_type "已"
tui_keys Tab
expect_screen "可选：已批准  已撤回  已接入  已撤销" "Tab lists the titles begun"
tui_type "接"
expect_screen "可按标题筛选——状态" "typing on brings the offer back"
tui_keys Tab
tui_keys Enter
expect_screen "筛选「已接入」" "Tab completes the one title begun"
tui_keys Escape
expect_screen "草稿" "Esc clears the filter"
tui_keys /
tui_type "submi"
tui_keys Tab
tui_keys Enter
expect_screen "筛选「待审核」" "a code's beginning completes to its title"
expect_screen_not "草稿" "which filters as the title does"
tui_keys Escape
tui_keys /
tui_type "未知"
tui_keys Tab
expect_screen "没有以「未知」开头的筛选标题" "a beginning no title has is said so"
tui_keys Escape
tui_quit
finish
