#!/bin/sh
# Key bindings come from $XDG_CONFIG_HOME/govnet/keys: remapped, unbound,
# and listed live by `?`; a bad line is reported, not fatal.
. "$GN_TEST_SRCDIR/tests/tui/lib.sh"

gn init --demo >/dev/null
cat > "$WORK/config/govnet/keys" <<'KEYS'
# my keys
unbind q
bind x quit
bind 下 down
bind ^N next-view
bind y no-such-command
KEYS

tui_open 80 24 xterm-256color
expect_screen "keys:6: 不认识的命令 \"no-such-command\"" "a bad line is reported with its number"
tui_keys 2 下 下
expect_screen "第 3/" "a key bound to a Chinese character moves down"
tui_keys C-n
expect_screen "dh_zwb" "^N bound to next-view"
tui_keys q
tui_keys '?'
expect_screen "[down]" "the help opens"
expect_screen "j Down 下" "the help lists the key bound from the file"
expect_screen_not "EXIT=" "q no longer quits"
tui_keys Escape x
expect_screen "EXIT=0" "x quits instead"
finish
