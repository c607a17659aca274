#!/bin/sh
# Moving around the console with the default keys, at 80×24 and 120×40,
# on every kind of terminal the jump hosts have.
. "$GN_TEST_SRCDIR/tests/tui/lib.sh"

gn init --demo >/dev/null
ORGS=$(sqlite3 "$DB" "SELECT count(*) FROM org")

for term in $TERMS; do
	for size in $SIZES; do
		tui_open "${size%x*}" "${size#*x}" "$term"
		expect_screen "1 概览" "the tab bar shows the overview first"
		expect_screen "记录数" "the overview counts the records of each list"
		expect_screen "期限" "the overview has a deadlines section"

		tui_keys 2
		expect_screen "第 1/$ORGS 条" "tab 2 lists the organisations, cursor on the first of all"
		expect_screen "连云港市" "the city is listed"
		tui_keys j j
		expect_screen "第 3/$ORGS 条" "j moves the cursor down"
		tui_keys k
		expect_screen "第 2/$ORGS 条" "k moves it up"
		tui_keys Enter
		expect_screen "下级数" "Enter opens the detail of the record"
		expect_screen "连云区" "the detail shows the second organisation"
		tui_keys Escape
		expect_screen "第 2/$ORGS 条" "Esc goes back to the list"
		tui_keys G
		expect_screen "第 $ORGS/$ORGS 条" "G goes to the last row"
		tui_keys g
		expect_screen "第 1/$ORGS 条" "g goes back to the first"
		# ^F, not PgDn: vt100 has no PgDn key.
		tui_keys C-f
		expect_screen_not "第 1/$ORGS 条" "^F moves a page down"
		tui_keys '>'
		expect_screen "dh_zwb" "> moves to the next view of the tab (logins)"
		tui_keys 1
		expect_screen "记录数" "1 returns to the overview"
		tui_keys '?'
		expect_screen "[down]" "? lists the live key bindings"
		tui_keys Escape q
		expect_screen "EXIT=0" "q quits with status 0"
		expect_sane_terminal "q leaves a sane terminal"
	done
done
finish
