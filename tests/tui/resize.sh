#!/bin/sh
# The console follows the terminal's size at any moment: smaller, too
# small (a message, no crash), and back.
. "$GN_TEST_SRCDIR/tests/tui/lib.sh"

gn init --demo >/dev/null
ORGS=$(sqlite3 "$DB" "SELECT count(*) FROM org")

for term in $TERMS; do
	for size in $SIZES; do
		tui_open "${size%x*}" "${size#*x}" "$term"
		tui_keys 2 j j
		expect_screen "第 3/$ORGS 条" "the cursor on the third organisation"
		tui_resize 60 20
		expect_screen "海州区" "at 60×20 the list is still drawn"
		expect_screen "第 3/$ORGS 条" "and the cursor kept"
		tui_resize 30 8
		expect_screen "终端太小" "at 30×8 a message instead of the screens"
		tui_keys j
		tui_resize "${size%x*}" "${size#*x}"
		expect_screen "第 3/$ORGS 条" "back at $size the list returns with its cursor"
		expect_screen "代码" "with its column headings"
		tui_keys c
		expect_screen "添加组织" "a form opens"
		tui_type "缩放测试"
		tui_resize 60 20
		expect_screen "缩放测试" "the form survives a resize with what was typed"
		tui_resize 30 8
		expect_screen "终端太小" "too small with a form open"
		tui_resize "${size%x*}" "${size#*x}"
		expect_screen "缩放测试" "the form is back"
		tui_keys Escape y q
		expect_screen "EXIT=0" "the console quits normally after all that"
	done
done
finish
