#!/bin/sh
# The console speaks the console's language: what it says names the tab,
# the key, the :command or the action's title, never a command-line
# command; what only happens outside it (a probe waiting on the network,
# the timer, a store not yet made) is said as who does it and where the
# result shows.  The command line keeps naming its commands, from the same
# message.
. "$GN_TEST_SRCDIR/tests/tui/lib.sh"

command() {
	tui_keys :
	tui_type "$1"
	tui_keys Enter
}

# A store not yet made, as the console says it (a department may have
# govnet as its forced command and no shell to run anything in).
tui_start 80 24 xterm-256color
tui_type "\"\$GOVNET\" --db \"$WORK/none.db\"; echo EXIT=\$?"
tui_keys Enter
expect_screen "EXIT=1" "the console does not start on a store that does not exist"
expect_screen "数据库 $WORK/none.db 不存在" "it says so"
said=$(tui_screen | tr -d '\n')
expect_in "$said" "不存在；数据库要由管理员先在跳板机上建立（初始化），或由管理员告知已有数据库的位置" "and who makes it"
expect_screen_not "govnet init" "naming no command"
expect_fail 1 "the command line refuses the same store" gn --db "$WORK/none.db" org list
expect_in "$ERR" "；请先运行 govnet init" "and names its command"

# The demo store cannot be made without a holiday schedule: a copy of the
# binary outside the build tree finds none shipped beside it.  Importing
# one reads a file on the jump host, which the console does not do.
mkdir "$WORK/bin" "$WORK/data"
cp "$GOVNET" "$WORK/bin/govnet"
tui_start 80 24 xterm-256color GOVNET_PLUGIN_DIR="$GN_TEST_BUILDDIR/plugins" XDG_DATA_HOME="$WORK/data"
tui_type "\"$WORK/bin/govnet\" --demo; echo EXIT=\$?"
tui_keys Enter
expect_screen "EXIT=1" "the demo console does not start without a holiday schedule"
expect_screen "找不到随附的节假日安排" "it says what is missing"
# The console has ended: the lines the terminal wrapped are read as one.
said=$(tui_screen | tr -d '\n')
expect_in "$said" "「导入节假日安排」要读取跳板机上的文件，不在控制台中进行：由运行管理机构、管理员在跳板机上进行" \
	"that importing one is not done in the console, and who does it"
expect_in "$said" "结果见「节假日」标签" "and where the schedule shows once imported"
expect_screen_not "govnet calendar" "naming no command"

gn init --demo >/dev/null
before=$(db_snapshot)
tui_open 80 24 xterm-256color GOVNET_LOGIN=dh_dsj GOVNET_NOW=2026-12-01T10:00:00+08:00
command "system probe 1"
expect_screen "「探测服务地址」要等待网络，不在控制台中进行" "a probe is not run from the console"
expect_screen "由服务器上的定时任务定期进行" "the timer runs it"
expect_screen "结果见「信息系统」标签" "and its result shows in the systems tab"
expect_screen_not "govnet " "naming no command"
command "org add 措辞测试局 多余 --parent 东海县"
expect_screen "多余的参数 \"多余\"（add 的字段见其 --help）" "a word too many is named, with where the fields are listed"
expect_screen_not "govnet " "naming no command"
command "frobnicate"
expect_screen "未知命令 \"frobnicate\"" "an unknown command is refused"
expect_screen "见 :help" "pointing to the console's help"
expect_screen_not "govnet " "not to the command line"
command "report 2026-10"
expect_screen "2026-10 月报：东海县（Left h 上月，Right l 下月；:report YYYY-MM 指定月份）" \
	"the report tab says how to reach another month with its keys"
expect_screen_not "命令行" "not how to print it on the command line"
tui_quit
expect_eq "$(db_snapshot)" "$before" "nothing changed"

# A county rule disabled for running into its limits (Art 30): the
# console names the action that brings it back, by its title.
as dh_zwb rules add "$GN_TEST_SRCDIR/tests/lua/cwork/rep_empty.lua" --org 东海县 >/dev/null
as dh_zwb org add 东海县一科 --parent 东海县 2>/dev/null
as dh_zwb org add 东海县二科 --parent 东海县 2>/dev/null
rule=$(sqlite3 "$DB" "SELECT id FROM rule WHERE name = 'rep_empty'")
tui_open 120 40 xterm-256color GOVNET_LOGIN=dh_zwb
command "org add 东海县三科 --parent 东海县"
expect_screen "已自动停用" "the console tells the rule was disabled"
expect_screen "修正后由主管部门重新启用" "who brings it back"
expect_screen "请先「启用规则」（规则 #$rule）" "and the action that does, by its title"
expect_screen_not "govnet " "naming no command"
tui_quit

# A refusal about one field of a form is shown beside that field, with
# the step to take first: disconnecting a node for a closed incident.
tui_open 120 40 xterm-256color GOVNET_LOGIN=dsj
command "incident list --view disconnected"
expect_screen "已断开节点" "the disconnected nodes"
tui_keys a
expect_screen "中断接入节点的政务外网连接（disconnect）" "disconnecting is offered on a node"
pick=$(tui_screen | sed -n 's/.*[^0-9]\([1-9][0-9]*\) 中断接入节点的政务外网连接（disconnect）.*/\1/p' | head -n1)
tui_keys "${pick:-0}"
expect_screen "安全事件编号* 4" "the form asks for the incident, the node's own first"
tui_keys C-u
tui_type 2
tui_keys C-s
expect_screen "确定要中断接入节点的政务外网连接吗" "disconnecting is confirmed"
tui_keys y
expect_screen "安全事件 #2 已关闭，不能据此断开连接" "the closed incident is refused"
below=$(tui_screen | grep -A1 '安全事件编号\*' | tail -n1)
expect_in "$below" "安全事件 #2 已关闭" "beside the incident's field"
expect_in "$(tui_screen | tr -d '\n')" "请先「重新打开」（安全事件 #2）" "with the step to take first, by its title"
tui_keys Escape
expect_screen "放弃已输入的内容？" "Esc asks before closing the form"
tui_keys y
tui_quit

# Issuing a circular that names no department: the refusal names the
# grounds it lacks and the action that gives them, by its title.
circular=$(GOVNET_NOW=2026-11-20T10:00:00+08:00 as dh_zwb inspect circular new --org 东海县 --title 措辞测试通报)
tui_open 120 40 xterm-256color GOVNET_LOGIN=dh_zwb GOVNET_NOW=2026-11-20T10:00:00+08:00
command "inspect circulars"
expect_screen "措辞测试通报" "the draft circular"
tui_keys /
tui_type "措辞测试通报"
tui_keys Enter
expect_screen "第 1/1 条" "the draft circular is under the cursor"
tui_keys a
expect_screen "签发通报（circular issue）" "issuing it is offered"
pick=$(tui_screen | sed -n 's/.*[^0-9]\([1-9][0-9]*\) *签发通报（circular issue）.*/\1/p' | head -n1)
tui_keys "${pick:-0}"
expect_screen "通报编号" "its form opens on the circular"
tui_keys C-s
said() { tui_screen | tr -d '\n'; }
# The message may wrap: looked for in the screen's lines run together.
said_next_step() { case "$(printf %s "$TUI_SHOWN" | tr -d '\n')" in *"请先「"*) return 0 ;; esac; return 1; }
tui_until said_next_step
expect_in "$(said)" "通报 #$circular 未列明任何部门及通报事由（--ground）" "the refusal names the grounds it lacks"
expect_in "$(said)" "请先「通报中列入部门及事由」" "and the action that gives them, by its title"
tui_keys Escape
tui_quit
finish
