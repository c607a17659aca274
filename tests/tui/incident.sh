#!/bin/sh
# Security incidents (Art 26) in the console: the incidents tab, the action
# menu offering only the next of the five steps, a step taken with its
# comment, and the node cut off for one of them, in the nodes list.
. "$GN_TEST_SRCDIR/tests/tui/lib.sh"

gn init --demo >/dev/null
GOVNET_LOGIN=gyun_dsj gn incident task add 4 --title 封堵出口 --owner 灌云县卫生健康委员会 >/dev/null
GOVNET_LOGIN=gyun_dsj gn incident observable add 4 --kind ip --value 10.37.16.9 >/dev/null

command() {
	tui_keys :
	tui_type "$1"
	tui_keys Enter
}

tui_start 120 40 xterm-256color GOVNET_LOGIN=gyun_dsj
tui_console
expect_screen "概览：" "the console opens for 灌云县's operating agency"
command "incident list"
expect_screen "卫生院终端向外网扫描" "the incidents tab lists 灌云县's incident"
expect_screen_not "视频专网终端感染挖矿程序" "but not the city's"
expect_screen "发现日期" "the detail pane labels every field"
expect_screen "未完成 封堵出口" "it shows the incident's tasks"
expect_screen "地址 10.37.16.9 → 网段" "and its observables with the blocks they match"
for column in detected_on detected_by response_due timeline observables; do
	expect_screen_not "$column" "no column name ($column) in the detail pane"
done
tui_keys g a
expect_screen "可执行的操作" "the actions menu opens"
expect_screen "分析（analyse）" "on a located incident it offers analysing it"
expect_screen_not "定位（locate）" "not locating it again"
expect_screen_not "关闭事件（close）" "nor closing it before it is handled"
# The menu's tenth line and beyond are reached with the arrow keys.
pick=$(tui_screen | sed -n 's/.*[^0-9]\([1-9][0-9]*\) 分析（analyse）.*/\1/p' | head -n1)
i=1
while [ "$i" -lt "${pick:-1}" ]; do
	tui_keys Down
	i=$((i + 1))
done
tui_keys Enter
expect_screen "安全事件 #4" "the form is for the incident under the cursor"
tui_type "确认为挖矿木马，来源为一台未登记终端"
tui_keys C-s
expect_screen "已完成：分析" "the step is taken"
expect_screen "已分析" "and the list shows the new state"
expect_eq "$(gn incident show 4 --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["state"])')" "analysed" \
	"the command line agrees"
command "access list --view nodes"
expect_screen "已断开" "the nodes list shows the node cut off for it (Art 26)"
tui_keys q
expect_screen "EXIT=0" "the console quits"
finish
