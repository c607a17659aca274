#!/bin/sh
# Changes made by others (the command line, another operator) show up in
# an open console without a key pressed, keeping the cursor on its record.
. "$GN_TEST_SRCDIR/tests/tui/lib.sh"

gn init --demo >/dev/null
ORGS=$(sqlite3 "$DB" "SELECT count(*) FROM org")

tui_open 80 24 xterm-256color
tui_keys 2 j j
expect_screen "第 3/$ORGS 条" "the cursor on the third organisation"
expect_ok "another operator adds an organisation" gn org add 外部添加单位 --parent 东海县
expect_screen "第 3/$((ORGS + 1)) 条" "the console counts it without a key pressed, cursor kept"
tui_keys /
tui_type "外部"
tui_keys Enter
expect_screen "外部添加单位" "and lists it"
expect_ok "renamed elsewhere" gn org set 外部添加单位 --name 外部改名单位
expect_screen "外部改名单位" "a change to a listed row shows"
tui_keys q
expect_screen "EXIT=0" "quits"
finish
