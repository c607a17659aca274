#!/bin/sh
# Messages at 80×24: a long one wraps over the rows it needs, whole, and
# the status line moves up rather than being written over; the next key
# takes it away; :messages lists the session's messages; ^L repaints the
# whole screen after something else wrote on the terminal.
. "$GN_TEST_SRCDIR/tests/tui/lib.sh"

gn init --demo >/dev/null

command() {
	tui_keys :
	tui_type "$1"
	tui_keys Enter
}

for term in xterm-256color vt100; do
	tui_open 80 24 "$term" GOVNET_LOGIN=dh_zwb
	command "nosuchcommand"
	expect_screen "未知命令 \"nosuchcommand\"" "a short message"
	command "theme"
	expect_screen "当前主题：" "a long message starts"
	expect_screen "themes）" "and is read to its end, wrapped"
	screen=$(tui_screen)
	expect_eq "$(printf '%s\n' "$screen" | grep -c '东海县 | govnet.db')" 1 "the status line is still on screen"
	expect_eq "$(printf '%s\n' "$screen" | tail -n 1 | grep -c '）$')" 1 "the message's last row ends it"
	tui_keys j
	expect_screen_not "当前主题：" "the next key takes the long message away"
	expect_eq "$(tui_screen | tail -n 2 | head -n 1 | grep -c '东海县 | govnet.db')" 1 "the status line is back on its row"
	command "messages"
	expect_screen "本次会话的消息" ":messages opens the log"
	expect_screen "错误：未知命令 \"nosuchcommand\"" "with the first message"
	expect_screen "当前主题：default" "and the long one"
	tui_keys Escape
	expect_screen_not "本次会话的消息" "Esc closes the log"
	# Something else writes on the terminal (a wall broadcast): ^L repaints.
	printf '\033[5;10HWALL-BROADCAST-GARBAGE' >"$(tx display -p -t gn '#{pane_tty}')"
	expect_screen "WALL-BROADCAST-GARBAGE" "the terminal was written on"
	tui_keys C-l
	expect_screen_not "WALL-BROADCAST-GARBAGE" "^L repaints the whole screen"
	expect_screen "概览：" "with the console on it"
	tui_keys q
	expect_screen "EXIT=0" "the console quits"
done
finish
