#!/bin/sh
# A list sorted by a column no index serves (the department's name, read
# through a join) is ordered between keys, never while a key waits
# (DESIGN §5): meanwhile the list keeps its order, says 排序中, and keys
# act; then its first window and its last are the rows the command line
# lists in that order, and a row another process adds is put in its place
# once the order is built again; without ICU's collation the list says
# why it cannot be sorted.  GOVNET_COUNT_WIDTH holds the pieces at
# one number each, so that the order of ten thousand requests takes
# long enough to watch.
. "$GN_TEST_SRCDIR/tests/tui/lib.sh"

gn init --demo >/dev/null
# Requests over every department, many to each, so that equal names are
# ordered by number, long names (past 22 bytes) from their whole text.
sqlite3 "$DB" <<SQL
CREATE TEMP TABLE d AS SELECT id, row_number() OVER (ORDER BY id) - 1 AS k FROM org WHERE kind = 'dept';
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 10000)
INSERT INTO access_request(org_id, reason, scope, location, traffic, tech, state, created_at, created_by)
SELECT d.id, '排序申请 ' || i, '全楼', '机房', 1 + i % 900, '双链路', 'draft', '2026-11-01T09:00:00+08:00', 'test'
  FROM n JOIN d ON d.k = (i * 7) % (SELECT count(*) FROM d);
SQL
TOTAL=$(sqlite3 "$DB" "SELECT count(*) FROM access_request")

# The ids of the list's rows on screen, top to bottom (the first column).
screen_ids() {
	tui_screen | awk '/^ *编号 /{ on = 1; next } on && /^ *[0-9]+ / { print $1; next } on { exit }'
}
# cli_ids ARGS… — the ids the command line lists (its last column).
cli_ids() { gn access list "$@" | awk 'NR > 1 { print $NF }'; }


tui_start 120 40 xterm-256color GOVNET_COUNT_WIDTH=1
tui_console
expect_screen "概览：" "the console opens"
tui_keys :
tui_type "access requests"
tui_keys Enter
expect_screen "第 1/" "the requests, in number order"

tui_keys s
expect_screen "排序中：申请部门升序 ≥ " "the sort is being built, and the status says so"
tui_keys j
expect_screen_both "第 2/" "排序中" "a key acts while the order is built (the cursor moved in the order shown)"
expect_screen_not "排序中" "the order is built"
expect_screen "申请部门升序 第 1/$TOTAL 条" "the list shows it from the top, with its total"

H=$(screen_ids | wc -l)
[ "$H" -gt 20 ] && pass || fail "a window of rows on screen (got $H)"
expect_eq "$(screen_ids | tr '\n' ' ')" "$(cli_ids --sort org --limit "$H" | tr '\n' ' ')" \
	"the first window is the first page of govnet access list --sort org"

tui_keys G
expect_screen "第 $TOTAL/$TOTAL 条" "End reaches the last request"
expect_eq "$(screen_ids | tr '\n' ' ')" "$(cli_ids --sort org --descending --limit "$H" | tac | tr '\n' ' ')" \
	"the last window is the last page of that order (--descending, reversed)"

tui_keys S
expect_screen "申请部门降序 第 1/$TOTAL 条" "S turns the order round at once"
expect_eq "$(screen_ids | tr '\n' ' ')" "$(cli_ids --sort org --descending --limit "$H" | tr '\n' ' ')" \
	"its first window is the first page of --descending"
tui_keys S
expect_screen "申请部门升序 第 1/$TOTAL 条" "and back"

# A filter over the order: the rows that hold the text, in that order.
tui_keys /
tui_type "排序申请 12"
tui_keys Enter
expect_screen "筛选「排序申请 12」 申请部门升序 第 1/111 条" "the filter's rows are counted"
expect_eq "$(screen_ids | tr '\n' ' ')" "$(cli_ids --sort org --search "排序申请 12" --limit "$H" | tr '\n' ' ')" \
	"the filtered window is govnet access list --sort org --search's first page"

# Upwards too (End, PgUp) the filter reads on between keys, as it does
# downwards: the status says it is still looking (（查找中）) until the
# window holds the rows the command line lists there.  GOVNET_COUNT_WIDTH
# makes it look at one position a statement, far fewer than its 6 ms.
# Expected: the ids of the rows in descending positions FIRST..LAST of
# --descending, top to bottom as the window shows them.
desc_window() {
	cli_ids --sort org --search "排序申请 12" --descending --limit "$2" | tail -n "$(($2 - $1 + 1))" | tac | tr '\n' ' '
}
tui_keys G
expect_screen "第 111/111 条" "End on the filter reaches its last row, the rows above found"
expect_eq "$(screen_ids | tr '\n' ' ')" "$(desc_window 1 "$H")" \
	"the window after End is the last page of --sort org --search, every row of it"
# A page is the window less one row, which stays in view.
tui_keys PPage
expect_screen "第 $((112 - H))/111 条" "PgUp from the end goes to the top row"
tui_keys PPage
expect_screen "第 $((113 - 2 * H))/111 条" "PgUp again goes a page up, once its rows are found"
expect_eq "$(screen_ids | tr '\n' ' ')" "$(desc_window "$H" $((2 * H - 1)))" \
	"the window after PgUp is the page above, in the order"
tui_keys Escape
expect_screen "申请部门升序 第 1/$TOTAL 条" "Esc clears the filter"

# Another process adds a department whose name sorts before every other,
# and a request of it: the order is built again, and it comes first.
expect_ok "another operator adds a department" gn org add 0号新单位 --parent 东海县
NEW_ORG=$(sqlite3 "$DB" "SELECT id FROM org WHERE name = '0号新单位'")
sqlite3 "$DB" "INSERT INTO access_request(org_id, reason, scope, location, traffic, tech, state, created_at, created_by)
  VALUES ($NEW_ORG, '最先的申请', '全楼', '机房', 5, '双链路', 'draft', '2026-11-01T09:00:00+08:00', 'test')"
NEW_ID=$(sqlite3 "$DB" "SELECT max(id) FROM access_request")
expect_screen "申请部门升序 第 2/$((TOTAL + 1)) 条" \
	"the order is built again with the new request (the cursor kept on its record, now second)"
expect_eq "$(screen_ids | head -n1)" "$NEW_ID" "the new request is listed first"
expect_screen "最先的申请" "with its reason"
expect_eq "$(screen_ids | tr '\n' ' ')" "$(cli_ids --sort org --limit "$H" | tr '\n' ' ')" \
	"the window is again the command line's first page"
tui_quit

# Without ICU's collation (a broken installation) the order is not built:
# the list stays in number order and says why, in words.
tui_start 120 40 xterm-256color LD_LIBRARY_PATH="$(no_icu_dir)"
tui_console
expect_screen "概览：" "the console opens without ICU"
tui_keys :
tui_type "access requests"
tui_keys Enter
expect_screen "第 1/" "the requests, in number order"
tui_keys s
expect_screen "未能按「申请部门」排序：无法按拼音排序：ICU 库" "sorting says it cannot, and why"
expect_screen "第 1/$((TOTAL + 1)) 条" "the list is as it was"
tui_quit
finish
