#!/bin/sh
# `/` filters a list as one types, over every column, in Chinese; the
# cursor moves, inserts and deletes whole characters in the filter.
. "$GN_TEST_SRCDIR/tests/tui/lib.sh"

gn init --demo >/dev/null
DONGHAI=$(sqlite3 "$DB" "SELECT count(*) FROM org WHERE instr(name, '东海') > 0")

for term in $TERMS; do
	for size in $SIZES; do
		tui_open "${size%x*}" "${size#*x}" "$term"
		tui_keys 2
		expect_screen "赣榆区" "the organisations are listed unfiltered"
		tui_keys /
		tui_type "东海"
		expect_screen "筛选「东海」" "the filter typed in Chinese is shown"
		expect_screen "第 1/$DONGHAI 条" "the list narrows to the organisations of 东海"
		expect_screen "东海县统计局" "a 东海 department is listed"
		expect_screen_not "赣榆区" "nothing outside the filter is listed"

		# Home, then insert before the Chinese text; Backspace takes a whole character.
		tui_keys C-u
		tui_type "县教育"
		# ^A/^E rather than Home/End: tmux sends those keys in one encoding
		# whatever TERM says, and only some terminfo entries agree with it.
		tui_keys C-a
		tui_type "东海"
		expect_screen "筛选「东海县教育」" "text is inserted before double-width characters"
		expect_screen "第 1/1 条" "one organisation matches 东海县教育"
		tui_keys C-e BSpace BSpace
		expect_screen "筛选「东海县」" "Backspace deletes whole Chinese characters"
		tui_keys Left Left BSpace
		expect_screen "筛选「海县」" "Backspace left of the cursor after moving over double-width characters"
		tui_keys Enter
		expect_screen "海县" "Enter keeps the filter"
		tui_keys Escape
		expect_screen "赣榆区" "Esc clears the filter"
		expect_screen_not "筛选「" "no filter shown after Esc"
		tui_keys /
		tui_type "没有这个单位"
		expect_screen "没有包含「没有这个单位」的记录" "a filter matching nothing says so"
		tui_keys Escape q
		expect_screen "EXIT=0" "the console quits"
	done
done
finish
