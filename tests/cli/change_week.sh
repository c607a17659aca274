#!/bin/sh
# The week grid of maintenance notices (Art 15 ¶1): Monday to Sunday, the
# holidays (休) and make-up working days (班) of the core calendar marked —
# checked here against data/holiday-cn/2026.json by hand: National Day
# 10-01..10-07 off, Saturday 10-10 a make-up working day — each notice on
# its days, within 80 columns; a department sees the notices that affect it.
. "${GN_TEST_SRCDIR}/tests/cli/lib.sh"
gn init --demo >/dev/null

at() { when=$1; who=$2; shift 2; GOVNET_NOW=$when GOVNET_LOGIN=$who "$GOVNET" --db "$DB" "$@"; }
# The day cells of the row holding $1, "|"-separated, cut at the header's
# columns (by display width).
cells() { python3 -c '
import sys, unicodedata
w = lambda c: 2 if unicodedata.east_asian_width(c) in "WF" else 1
def cols(line):
    out, x = [], 0
    for c in line:
        out.append((x, c))
        x += w(c)
    return out
lines = sys.stdin.read().splitlines()
head = cols(lines[0])
starts = []
for name in ("周一", "周二", "周三", "周四", "周五", "周六", "周日", "维护内容"):
    text = "".join(c for _, c in head)
    i = text.index(name)
    starts.append(head[i][0])
row = cols([l for l in lines[1:] if sys.argv[1] in l][0])
print("|".join("".join(c for x, c in row if a <= x < b).strip() for a, b in zip(starts, starts[1:])))' "$1"; }
width() { python3 -c '
import sys, unicodedata
print(max(sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in l.rstrip("\n")) for l in sys.stdin))'; }

# Thursday 09-24: 09-25..09-27 are the Mid-Autumn holiday; 09-28 and 09-29
# are the two working days, so a window may open on Tuesday 09-29.
expect_ok "a notice" at 2026-09-24T09:00:00+08:00 dsj change notice --what 核心交换机升级 \
	--start 2026-09-29T01:00 --end 2026-09-29T03:00 --affects 市公安局
expect_ok "one over the holiday" at 2026-09-24T09:00:00+08:00 dsj change notice --what 出口防火墙割接 \
	--start 2026-09-30T22:00 --end 2026-10-02T06:00 --affects 市公安局
expect_ok "one for another county" at 2026-09-24T09:00:00+08:00 dh_dsj change notice --what 县级交换机巡检 \
	--start 2026-09-30T09:00 --end 2026-09-30T10:00 --affects 东海县教育局

expect_ok "the week of National Day" at 2026-09-28T10:00:00+08:00 dsj change list --view week --week 2026-W40
first=$(printf '%s\n' "$OUT" | sed -n 1p)
expect_in "$first" "周一" "the days are the columns, Monday"
expect_in "$first" "周日" "to Sunday"
expect_eq "$(printf '%s\n' "$OUT" | cells 2026-W40)" "9-28|9-29|9-30|10-1休|10-2休|10-3休|10-4休" \
	"headed by the week's dates, 10-01..10-04 marked as holidays"
expect_eq "$(printf '%s\n' "$OUT" | cells 核心交换机升级)" "|01:00|||||" "a notice under Tuesday, its start time"
expect_eq "$(printf '%s\n' "$OUT" | cells 出口防火墙割接)" "||22:00|…|→06:00||" "a window over three days: start, between, end"
expect_ok "every week from this one" at 2026-09-28T10:00:00+08:00 dsj change list --view week --limit 0
expect_in "$OUT" "2026-W48" "lists the weeks to come"
[ "$(printf '%s\n' "$OUT" | width)" -le 80 ] && pass || fail "the weeks are $(printf '%s\n' "$OUT" | width) columns wide"
expect_ok "the week after" at 2026-09-28T10:00:00+08:00 dsj change list --view week --week 2026-W41
expect_eq "$(printf '%s\n' "$OUT" | cells 2026-W41)" "10-5休|10-6休|10-7休|10-8|10-9|10-10班|10-11" "the make-up Saturday marked as a working day"
expect_not_in "$OUT" "核心交换机升级" "and the week before's notices are not in it"
expect_ok "the department's week" at 2026-09-28T10:00:00+08:00 sgaj change list --view week --week 2026-W40
expect_in "$OUT" "出口防火墙割接" "shows the notices that affect it"
expect_in "$OUT" "10-1休" "with the week's heading"
expect_not_in "$OUT" "县级交换机巡检" "and not another's"
expect_ok "a cancelled notice" at 2026-09-28T10:00:00+08:00 dsj change cancel "$(at 2026-09-28T10:00:00+08:00 dsj change list --json --limit 0 | python3 -c 'import json,sys; print([r["id"] for r in json.load(sys.stdin) if r["what"] == "核心交换机升级"][0])')" --reason 设备延期到货
expect_ok "the week" at 2026-09-28T10:00:00+08:00 dsj change list --view week --week 2026-W40
expect_not_in "$OUT" "核心交换机升级" "is off the week"
finish
