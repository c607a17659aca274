#!/bin/sh
# "My queue" holds what the login decides (Art 10): the city office's
# lists cross-level requests and the city's own, not a county's; a county
# office's lists its county's, not a cross-level request from its county,
# which the city decides.
. "$GN_TEST_SRCDIR/tests/tui/lib.sh"

gn init --demo >/dev/null
NOW=2026-12-01T10:00:00+08:00
id=$(GOVNET_NOW=$NOW as dh_jyj access new --org 东海县教育局 --reason 市县联网会商 --scope 全县 --location 县局机房 \
	--traffic 20 --tech 双链路 --cross-level --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
GOVNET_NOW=$NOW as dh_jyj access submit "$id" >/dev/null

queue_of() {
	tui_open 80 24 xterm-256color GOVNET_LOGIN="$1" GOVNET_NOW=$NOW
	tui_keys :
	tui_type "access queue"
	tui_keys Enter
	expect_screen "我的待办" "the queue of $1"
}

queue_of zwb
expect_screen "市县联网会商" "the city office decides a county's cross-level request"
expect_screen "市县两级公安视频专" "and the city's own"
expect_screen_not "乡镇中心校视频会议" "not a county's request"
expect_screen_not "社区卫生服务中心" "of any county"
tui_keys q
expect_screen "EXIT=0" "the console quits"

queue_of dh_zwb
expect_screen "乡镇中心校视频会议" "the county office decides its county's requests"
expect_screen_not "市县联网会商" "not its county's cross-level one"
tui_keys q
expect_screen "EXIT=0" "the console quits"
finish
