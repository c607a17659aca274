#!/bin/sh
# A form generated from `org add`, filled in Chinese, saved through the
# door and read back through the command line; errors beside their field.
. "$GN_TEST_SRCDIR/tests/tui/lib.sh"

gn init --demo >/dev/null

n=0
for term in $TERMS; do
	for size in $SIZES; do
		n=$((n + 1))
		name="东海县测试局$n"
		tui_open "${size%x*}" "${size#*x}" "$term"
		tui_keys 2
		expect_screen "连云港市" "the organisations tab"
		tui_keys c
		expect_screen "添加组织" "c opens the form of the tab's creating action"
		expect_screen "上级组织" "the form has the action's fields"
		tui_type "$name"
		tui_keys Tab
		tui_type "东海"
		expect_screen "东海县（320722）" "the organisation picker suggests as one types"
		tui_keys Enter
		expect_screen "上级组织* 东海县 " "Enter takes the suggestion"
		tui_keys C-s
		expect_screen "已完成：添加组织" "^S saves"
		expect_ok "the organisation exists ($term $size)" gn org show "$name" --json
		expect_in "$OUT" '"parent": "东海县"' "under 东海县"
		expect_in "$OUT" '"kind": "dept"' "of the default kind"

		# A required field left empty: the error beside it, the rest kept.
		tui_keys c
		expect_screen "添加组织" "the form opens again"
		tui_keys Tab
		tui_type "灌云县"
		# F2 where tmux and the terminfo entry agree on its encoding.
		case $term in linux|vt100) save=C-s ;; *) save=F2 ;; esac
		tui_keys $save
		expect_screen "名称（--name）不能为空" "the error names the empty field"
		expect_screen "上级组织* 灌云县" "what was typed is kept"
		tui_type "灌云县测试局$n"
		tui_keys $save
		expect_screen "已完成：添加组织" "$save saves once the field is filled"
		expect_ok "saved after the correction" gn org show "灌云县测试局$n"

		# A refusal from the door stays in the form, beside the form.
		tui_keys c
		tui_type "重复$n"
		tui_keys Tab
		tui_type "不存在的上级"
		tui_keys C-s
		expect_screen "没有名称或代码为" "a refusal is shown in the form"
		expect_screen "重复$n" "the form keeps what was typed"

		# Esc asks before throwing away what was typed.
		tui_keys Escape
		expect_screen "放弃已输入的内容？" "Esc asks when something was typed"
		tui_keys c
		expect_screen "重复$n" "answering no keeps the form"
		tui_keys Escape
		expect_screen "放弃已输入的内容？" "Esc asks again"
		tui_keys y
		expect_screen "已放弃输入的内容" "answering yes closes the form"
		expect_fail 1 "nothing saved from the abandoned form" gn org show "重复$n"
		tui_keys q
		expect_screen "EXIT=0" "the console quits"
	done
done

# Actions offered are those the login may take; destructive ones confirm.
tui_start 80 24 xterm-256color GOVNET_LOGIN=shenji
tui_console
expect_screen "概览：" "the auditor's console opens"
tui_keys 2 a
expect_screen "没有可执行的操作" "an auditor is offered no actions"
tui_keys c
expect_screen "不能在「组织」中新建" "nor a form to add one"
tui_keys q
expect_screen "EXIT=0" "the auditor quits"

tui_start 80 24 xterm-256color
tui_console
expect_screen "概览：" "the admin's console opens"
tui_keys 2 '>' /
tui_type "gy_wjw"
tui_keys Enter
expect_screen "冯医生" "the login to disable is listed"
tui_keys a
expect_screen "停用登录（disable） [需确认]" "the admin is offered the destructive action, marked"
expect_screen "添加登录（add）" "and the others"
tui_keys 3
expect_screen "停用登录（user disable" "choosing it opens its form"
tui_type "调离"
tui_keys C-s
expect_screen "确定要停用登录吗？" "a destructive action asks first"
tui_keys y
expect_screen "已完成：停用登录" "confirmed, it is done"
expect_ok "read back" gn user show gy_wjw
expect_in "$OUT" "停用" "the login is disabled"
tui_keys q
expect_screen "EXIT=0" "the console quits"
finish
