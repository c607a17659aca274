#!/bin/sh
# The changes tab at 80×24 (Art 15 ¶1): a maintenance notice shown whole in
# the detail pane, addressed to the department's Art 12 responsible person;
# the week grid — Monday to Sunday, the National Day holiday (休) and the
# make-up Saturday (班) of data/holiday-cn/2026.json marked, each notice on
# its days — within 80 columns; and a notice cancelled from the actions
# menu.
. "$GN_TEST_SRCDIR/tests/tui/lib.sh"

gn init --demo >/dev/null
at() { when=$1; who=$2; shift 2; GOVNET_NOW=$when GOVNET_LOGIN=$who "$GOVNET" --db "$DB" "$@"; }
IMPACT="市公安局与各县区公安局之间的视频会商、警综平台和出入境业务在窗口内中断，请各单位提前做好业务安排并留人值守"

# Thursday 09-24: the Mid-Autumn holiday follows, 09-28 and 09-29 are the
# two working days, so a window may open on Tuesday 09-29.
expect_ok "a notice" at 2026-09-24T09:00:00+08:00 dsj change notice --what 核心交换机升级 \
	--start 2026-09-29T01:00 --end 2026-09-29T03:00 --affects 市公安局 --impact "$IMPACT"
N=$OUT
expect_ok "one over the holiday" at 2026-09-24T09:00:00+08:00 dsj change notice --what 出口防火墙割接 \
	--start 2026-09-30T22:00 --end 2026-10-02T06:00 --affects 市公安局

# ---- the console at 80×24
tui_start 80 24 xterm-256color GOVNET_LOGIN=dsj GOVNET_NOW=2026-09-28T10:00:00+08:00
tui_console
expect_screen "概览：" "the console opens"
tui_keys :
tui_type "change list --view week"
tui_keys Enter
expect_screen "周日" "the week view: Monday to Sunday"
expect_screen "2026-W40" "headed by its week"
expect_screen "10-1休" "National Day marked as a holiday"
expect_screen "10-10班" "the make-up Saturday as a working day"
expect_screen "核心交换机" "a notice on its day"
expect_screen "→06:00" "one over the holiday ends on its day"
expect_screen "维护内容" "the notice's column fits beside the seven days"
expect_screen_not "›" "no column is left off to the right at 80 columns"

tui_keys :
tui_type "change list --view notices"
tui_keys Enter
expect_screen "维护内容" "the notices tab"
tui_keys /
tui_type "核心交换机升级"
tui_keys Enter
expect_screen "第 1/1 条" "the filter leaves the notice"
tui_keys Enter
expect_screen "维护通知 #$N" "Enter opens the notice itself, not a request of the same number"
expect_screen "韩警官" "addressed to the responsible person"
expect_screen "留人值守" "its impact read to the end, wrapped"
tui_keys Escape

tui_keys a
expect_screen "取消维护通知（cancel）" "the actions menu offers cancelling"
pick=$(tui_screen | sed -n 's/.*\([1-9]\) 取消维护通知（cancel）.*/\1/p' | head -n1)
tui_keys "${pick:-0}"
expect_screen "取消理由" "the form asks for the reason"
expect_screen "维护通知 #$N" "for the notice under the cursor"
tui_type "设备延期到货"
tui_keys C-s
expect_screen "确认" "a destructive action is confirmed first"
tui_keys y
expect_screen "已完成：取消维护通知" "cancelled from the console"
expect_eq "$(gn change list --json --limit 0 | python3 -c 'import json,sys; print([r["state"] for r in json.load(sys.stdin) if r["id"] == '"$N"'][0])')" "cancelled" \
	"the command line agrees"
expect_ok "the department was told again" as sgaj change list --view messages --limit 0
expect_in "$OUT" "设备延期到货" "with the reason"
tui_keys q
expect_screen "EXIT=0" "the console quits"
finish
