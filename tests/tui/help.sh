#!/bin/sh
# Help fits 80 columns and scrolls: at 80×24 every line is wrapped to the
# box, never cut, and j/k, PgDn and G reach its last line, with marks
# while more is above or below.
. "$GN_TEST_SRCDIR/tests/tui/lib.sh"

gn init --demo >/dev/null
tui_open 80 24 xterm-256color GOVNET_LOGIN=root
tui_keys '?'
expect_screen "键盘（可在" "help opens at its first line"
expect_screen "↓ 下面还有" "saying more follows"
expect_screen_not "↑ 上面还有" "and nothing is above"
tui_keys j
expect_screen_not "键盘（可在" "j scrolls it a line"
expect_screen "↑ 上面还有" "saying lines are above"
tui_keys G
expect_screen "以及任何命令行命令" "G reaches its last line"
expect_screen_not "↓ 下面还有" "and nothing more follows"
# Lines longer than the box wrap: their ends are on screen.
expect_screen "删至行首" "the editing keys' line is read to its end"
expect_screen "图名）" "the views' line is read to its end"
tui_keys PPage
expect_screen "↓ 下面还有" "PgUp goes back"
tui_keys Escape q
expect_screen "EXIT=0" "the console quits"
finish
