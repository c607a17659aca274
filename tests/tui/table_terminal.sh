#!/bin/sh
# The command line's table on a terminal narrower than its rows: the
# addresses and ids are whole, free text gives way first, cut with "…" —
# and every line lines up with the header, also in a table longer than a
# batch whose widest free text comes in its 300th row (the rows past the
# first batch wait in a temporary file until the widths are known).
. "$GN_TEST_SRCDIR/tests/tui/lib.sh"

gn init --demo >/dev/null
POOL=172.16.0.0/12
gn ip pool add "$POOL" --org 320700 --kind business >/dev/null
/usr/bin/python3 "$GN_TEST_SRCDIR/tests/bench/ipam.py" gen "$DB" "$POOL" 400 2
WIDE="第三百行的用途最宽：东海县教育局新建校区教学楼与乡镇中心校视频会议接入政务外网"
set -- $(gn ip list --limit 300 --json 2>/dev/null |
	python3 -c 'import json,sys; r = json.load(sys.stdin)[-1]; print(r["id"], r["cidr"])')
sqlite3 "$DB" "UPDATE ip_block SET purpose = '$WIDE' WHERE id = $1"
CIDR300=$2
# The first 19 characters (38 cells) and the mark: the 40 cells free text
# keeps on a terminal too narrow.
CUT="$(python3 -c 'import sys; print(sys.argv[1][:19])' "$WIDE")…"

# A pane wide enough that no line wraps, the table told by $COLUMNS that
# the terminal is 100 columns: narrower than its rows.
tui_start 240 50 xterm-256color COLUMNS=100
tui_type '"$GOVNET" --db "$DB" ip list --limit 0; echo EXIT=$?'
tui_keys Enter
expect_screen "EXIT=0" "ip list --limit 0 on a terminal ends well"
tx capture-pane -p -S - -t gn | sed -n '/^网段 /,/^EXIT=/p' | sed '$d' >"$WORK/terminal.txt"
expect_eq "$(($(wc -l <"$WORK/terminal.txt") - 1))" "$(sqlite3 "$DB" "SELECT count(*) FROM ip_block")" \
	"every block is a line of the table"
row=$(sed -n 301p "$WORK/terminal.txt")
expect_in "$row" "$CIDR300 " "the 300th row's prefix is whole"
expect_in "$row" "$CUT  " "its free text is cut at 40 cells, marked with …"
expect_not_in "$(cat "$WORK/terminal.txt")" "$WIDE" "no free text wider than 40 cells is shown whole"
set -- $(table_misaligned "$WORK/terminal.txt")
expect_eq "$1" 0 "every line of the table lines up with its header on the terminal (of $2; first: ${3:-})"

# On a terminal as wide as the rows (the pane's own width, no $COLUMNS),
# nothing is cut.
tui_start 240 50 xterm-256color
tui_type 'clear; "$GOVNET" --db "$DB" ip list --limit 0; echo EXIT=$?'
tui_keys Enter
expect_screen "EXIT=0" "ip list --limit 0 on a wide terminal ends well"
tx capture-pane -p -S - -t gn | sed -n '/^网段 /,/^EXIT=/p' | sed '$d' >"$WORK/wide.txt"
expect_in "$(sed -n 301p "$WORK/wide.txt")" "$WIDE  " "on a terminal wide enough the free text is whole"
set -- $(table_misaligned "$WORK/wide.txt")
expect_eq "$1" 0 "every line lines up on a wide terminal (of $2; first: ${3:-})"

# The same table off a terminal is never cut.
gn ip list --limit 0 >"$WORK/piped.txt" 2>/dev/null
expect_in "$(sed -n 301p "$WORK/piped.txt")" "$WIDE  " "off a terminal the free text is whole"
set -- $(table_misaligned "$WORK/piped.txt")
expect_eq "$1" 0 "every line lines up off a terminal (of $2; first: ${3:-})"
finish
