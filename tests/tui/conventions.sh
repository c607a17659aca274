#!/bin/sh
# Conventions users know from less, k9s and htop: n/N go to the next and
# previous row holding the filter's text (also once the filter is
# cleared); the sort column shows its direction; y copies the record's
# CIDR or number to the clipboard with OSC 52; a click picks a tab or a
# row and the wheel scrolls, until :mouse off; the theme chosen with
# :theme and the mouse setting are there at the next start.
. "$GN_TEST_SRCDIR/tests/tui/lib.sh"

gn init --demo >/dev/null

command() {
	tui_keys :
	tui_type "$1"
	tui_keys Enter
}

# The display column (from 1) where text starts on line 1 of the screen.
column_of() {
	tui_screen | sed -n "${2:-1}p" | python3 -c '
import sys, unicodedata
line, text = sys.stdin.read(), sys.argv[1]
i = line.find(text)
print(1 + sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in line[:i]) if i >= 0 else 0)' "$1"
}
click() { tui_type "$(printf '\033[<0;%s;%sM\033[<0;%s;%sm' "$1" "$2" "$1" "$2")"; }
wheel_down() { tui_type "$(printf '\033[<65;%s;%sM' "$1" "$2")"; }

tui_open 80 24 xterm-256color GOVNET_LOGIN=root
tx set -s set-clipboard on
command "org list"
expect_screen "第 1/" "the organisations"
total=$(tui_screen | sed -n 's/.*第 1\/\([0-9]*\) 条.*/\1/p')
tui_keys /
tui_type 东海
tui_keys Enter Escape
expect_screen "已清除筛选" "the filter is cleared"
tui_keys n
expect_screen "第 5/$total 条" "n goes to the next row holding 东海"
tui_keys n
expect_screen_not "第 5/$total 条" "n again to the one after"
tui_keys N
expect_screen "第 5/$total 条" "N back to the previous"
tui_keys y
expect_screen "已复制到剪贴板：5" "y copies the record's number"
expect_eq "$(tx show-buffer 2>/dev/null)" "5" "into the terminal's clipboard (OSC 52)"
tui_keys s
expect_screen "代码↑" "the sort column shows its direction"
tui_keys S
expect_screen "代码↓" "and the reverse"
command "ip list"
expect_screen "10.32.0.0/12" "the address plan"
tui_keys y
expect_screen "已复制到剪贴板：10.32.0.0/12" "y copies a block's CIDR"
expect_eq "$(tx show-buffer 2>/dev/null)" "10.32.0.0/12" "into the clipboard"

# The mouse.
command "org list"
expect_screen "第 1/$total 条" "back on the organisations"
click 10 6
expect_screen "第 3/$total 条" "a click picks a row"
wheel_down 10 6
expect_screen "第 6/$total 条" "the wheel scrolls"
x=$(column_of "登录" 2)
click "$x" 2
expect_screen "登录名" "a click on a tab opens it"
command "mouse off"
expect_screen "鼠标已关闭" "the mouse is turned off"
x=$(column_of "组织" 2)
click "$x" 2
command "mouse"
expect_screen "鼠标：关" "the click was taken before the command"
expect_eq "$(tui_screen | grep -c '代码')" 0 "a click no longer switches tabs"
command "theme light"
expect_screen "主题：light（下次启动沿用）" "a theme chosen"
tui_keys q
expect_screen "EXIT=0" "the console quits"
expect_in "$(cat "$WORK/config/govnet/console")" "theme = light" "remembered in the user's own file"

tui_open 80 24 xterm-256color GOVNET_LOGIN=root
command "theme"
expect_screen "当前主题：light" "the next start uses the theme chosen"
x=$(column_of "管理")
click "$x" 1
command "mouse"
expect_screen "鼠标：关" "the mouse setting is remembered"
expect_eq "$(tui_screen | grep -c '代码')" 0 "and a click does not switch tabs"
command "mouse on"
click "$x" 1
expect_screen "代码" "turned on again, a click switches tabs"
tui_keys q
expect_screen "EXIT=0" "the console quits"
finish
