#!/bin/sh
# Themes: colours that fold to what the terminal has, monochrome for
# terminals without colour and under NO_COLOR, and :theme to switch.
. "$GN_TEST_SRCDIR/tests/tui/lib.sh"

gn init --demo >/dev/null

ESC=$(printf '\033')
# SGR parameters that set a colour: 3x/4x/9x/10x, or 38;5;N / 48;5;N.
has_colour() { tui_screen_sgr | grep -qE "$ESC\\[([0-9;]*;)?(3[0-7]|4[0-7]|9[0-7]|10[0-7]|38;5;[0-9]+|48;5;[0-9]+)(;[0-9;]*)?m"; }
has_256() { tui_screen_sgr | grep -qE '(38|48);5;[0-9]+'; }

tui_open 80 24 xterm-256color
tui_keys 2
expect_screen "连云港市" "the organisations tab"
if has_256; then pass; else fail "the default theme uses 256 colours on xterm-256color"; fi
tui_keys : 
tui_type "theme mono"
tui_keys Enter
expect_screen "主题：mono" ":theme mono switches theme"
if has_colour; then fail ":theme mono leaves colour on screen"; tui_screen_sgr | head -3 >&2; else pass; fi
if tui_screen_sgr | grep -qE "$ESC\\[([0-9]+;)*7[;m]"; then pass; else fail "mono shows the cursor row in reverse video"; fi
tui_keys :
tui_type "theme high-contrast"
tui_keys Enter
expect_screen "主题：high-contrast" "switches to high-contrast"
if has_colour; then pass; else fail "high-contrast has colours"; fi
tui_keys :
tui_type "theme light"
tui_keys Enter
expect_screen "主题：light" "switches to light"
tui_keys :
tui_type "theme 没有"
tui_keys Enter
expect_screen "主题名称只能由字母" "a bad theme name is refused"
tui_keys :
tui_type "theme nosuch"
tui_keys Enter
expect_screen "没有名为 nosuch 的主题" "a missing theme is named"
expect_screen "连云港市" "the list is still there"
tui_keys q
expect_screen "EXIT=0" "quits"

# 8 colours (the Linux console): colours, none of the 256.
tui_open 80 24 linux
tui_keys 2
expect_screen "连云港市" "the organisations tab on TERM=linux"
if has_colour; then pass; else fail "TERM=linux gets colours"; fi
if has_256; then fail "TERM=linux gets 256-colour codes"; else pass; fi
tui_keys q
expect_screen "EXIT=0" "quits"

# No colour at all: vt100, and NO_COLOR anywhere.
tui_open 80 24 vt100
tui_keys 2
expect_screen "连云港市" "the organisations tab on vt100"
if has_colour; then fail "vt100 gets colours"; else pass; fi
tui_keys q
expect_screen "EXIT=0" "quits"

tui_start 80 24 xterm-256color NO_COLOR=1
tui_console
expect_screen "概览：" "opens under NO_COLOR"
tui_keys 2
expect_screen "连云港市" "the organisations tab under NO_COLOR"
if has_colour; then fail "NO_COLOR is honoured"; else pass; fi
tui_keys q
expect_screen "EXIT=0" "quits"

# A theme of one's own, by GOVNET_THEME, from $XDG_CONFIG_HOME/govnet/themes.
mkdir -p "$WORK/config/govnet/themes"
printf 'selected = 196 226 bold\nborders = ascii\n' > "$WORK/config/govnet/themes/mine.theme"
tui_start 80 24 xterm-256color GOVNET_THEME=mine
tui_console
expect_screen "概览：" "opens with a user's theme"
tui_keys 2
expect_screen "连云港市" "the organisations tab in the user's theme"
if tui_screen_sgr | grep -qE '38;5;196'; then pass; else fail "the user's colour is used"; fi
tui_keys c
expect_screen "+- 添加组织" "borders = ascii draws boxes with + and -"
tui_keys Escape q
expect_screen "EXIT=0" "quits"

printf 'selected = purple-ish\n' > "$WORK/config/govnet/themes/bad.theme"
tui_start 80 24 xterm-256color GOVNET_THEME=bad
tui_console
expect_screen "bad.theme:1: 不认识的颜色或属性" "a bad theme file is reported with its line"
tui_keys q
expect_screen "EXIT=0" "quits"
finish
