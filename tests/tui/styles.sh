#!/bin/sh
# Rows the data marks use their theme element in every list: an overdue
# request carries the theme's overdue style (colour 203) on the requests
# tab as on the Overview; a row not overdue does not.
. "$GN_TEST_SRCDIR/tests/tui/lib.sh"

gn init --demo >/dev/null

tui_open 80 24 xterm-256color GOVNET_LOGIN=dh_zwb
# The deadlines come in after the first frame.
expect_screen_not "正在读取" "the Overview has read what is overdue"
expect_eq "$(tui_screen_sgr | grep '已超期' | grep -c '38;5;203')" 1 "the Overview's overdue count is in the overdue style"
tui_keys :
tui_type "access requests"
tui_keys Enter
expect_screen "乡镇中心校视频会议" "the requests tab"
expect_eq "$(tui_screen_sgr | grep '乡镇中心校视频会议' | grep -c '38;5;203')" 1 "an overdue request is in the overdue style"
expect_eq "$(tui_screen_sgr | grep '教育考试视频巡查' | grep -c '38;5;203')" 0 "a request not yet due is not"
tui_keys q
expect_screen "EXIT=0" "the console quits"
finish
