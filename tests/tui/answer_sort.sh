#!/bin/sh
# The rows an action answers sort as a tab's do, at 80×24: s sorts by the
# next column and S turns it round, the heading marks the column with ↑ or
# ↓; CIDRs come in address order (10.36.8.0/23 before 10.36.10.0/23) and
# counts and percentages as numbers (512 before 1024, 6.2% before 10.9%),
# never as text.
. "$GN_TEST_SRCDIR/tests/tui/lib.sh"

gn init --demo >/dev/null

# The blocks on screen, top to bottom.
cidrs() { tui_screen | grep -o '10\.36\.[0-9.]*/[0-9]*' | tr '\n' ' ' | sed 's/ $//'; }
ADDR="10.36.0.0/16 10.36.0.0/22 10.36.4.0/22 10.36.8.0/23 10.36.10.0/23 10.36.12.0/22 10.36.16.0/22 10.36.20.0/23 10.36.22.0/23 10.36.24.0/22"
# By their addresses (512, 1024, 65536), ties in the report's order.
SIZE="10.36.8.0/23 10.36.10.0/23 10.36.20.0/23 10.36.22.0/23 10.36.0.0/22 10.36.4.0/22 10.36.12.0/22 10.36.16.0/22 10.36.24.0/22 10.36.0.0/16"
# By utilisation: 0.0% nine times … 6.2% (the education bureau) … 10.9% (the county's pool).
USAGE="10.36.0.0/22 10.36.8.0/23 10.36.10.0/23 10.36.12.0/22 10.36.16.0/22 10.36.20.0/23 10.36.22.0/23 10.36.24.0/22 10.36.4.0/22 10.36.0.0/16"
expect_eq "$(gn ip usage 10.36.0.0/16 --json | python3 -c 'import json,sys; print(" ".join(r["cidr"] for r in json.load(sys.stdin)))')" \
	"$ADDR" "the demo's county pool as this test expects it"

tui_open 80 24 xterm-256color
tui_keys :
tui_type "ip usage 10.36.0.0/16"
tui_keys Enter
expect_screen " 序号 网段 " "the report is a list"
expect_eq "$(cidrs)" "$ADDR" "in the report's own order"

tui_keys S
expect_screen "序号↓" "S turns the list round by number, marked in the heading"
expect_eq "$(cidrs)" "$(echo $ADDR | tr ' ' '\n' | tac | tr '\n' ' ' | sed 's/ $//')" "the last row comes first"

tui_keys s
expect_screen "网段↑" "s sorts by the prefix, marked ↑ in the heading"
expect_screen "网段升序" "and said in the status line"
expect_eq "$(cidrs)" "$ADDR" "prefixes in address order: 10.36.8.0/23 before 10.36.10.0/23, not as text"

tui_keys S
expect_screen "网段↓" "S turns the prefix order round: ↓"
expect_eq "$(cidrs)" "$(echo $ADDR | tr ' ' '\n' | tac | tr '\n' ' ' | sed 's/ $//')" "the highest prefix first"

# The organisation, the kind and the state, then the number of addresses.
tui_keys s s s s
expect_screen "地址数升序" "s moves on column by column to the number of addresses"
expect_eq "$(cidrs)" "$SIZE" "counts sorted as numbers: 512 before 1024 before 65536"

tui_keys s s
expect_screen "使用率（%）升序" "the utilisation, out of sight to the right, sorts too"
expect_eq "$(cidrs)" "$USAGE" "percentages sorted as numbers: 6.2% before 10.9%"

tui_keys s
expect_screen_not "升序" "after the last column, by number again"
expect_eq "$(cidrs)" "$ADDR" "the report's own order is back"

tui_keys Escape
expect_screen "概览：" "Esc returns to the overview"
tui_quit
finish
