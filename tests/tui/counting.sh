#!/bin/sh
# A total the console cannot count at once comes in between keys
# (DESIGN §5: typing never waits on a count): while a list is counted its
# position reads "≥ N", keys act meanwhile — the screen changes before
# the count arrives — and then the exact total shows.  The Overview's
# first frame waits for no count; its figures come in the same way.
# GOVNET_COUNT_WIDTH=1 makes the count go one number a piece, so that a
# store of a few thousand requests takes long enough to watch.
. "$GN_TEST_SRCDIR/tests/tui/lib.sh"

gn init --demo >/dev/null
sqlite3 "$DB" <<SQL
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 6000)
INSERT INTO access_request(org_id, reason, scope, location, traffic, tech, state, created_at, created_by)
SELECT 78, '计数申请 ' || i, '全楼', '机房', 10, '双链路', 'draft', '2026-11-01T09:00:00+08:00', 'test' FROM n;
SQL
TOTAL=$(sqlite3 "$DB" "SELECT count(*) FROM access_request")
# Incidents nearly all closed: finding those still handled reads them all.
sqlite3 "$DB" <<SQL
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 12000)
INSERT INTO incident(org_id, title, grade, detected_on, detected_by, summary, state, created_at, created_by)
SELECT 78, '计数事件 ' || i, '一般', '2026-11-01', 'test', '已处置', CASE WHEN i <= 3 THEN 'detected' ELSE 'closed' END,
       '2026-11-01T09:00:00+08:00', 'test' FROM n;
SQL
HANDLED=$(sqlite3 "$DB" "SELECT count(*) FROM incident WHERE state <> 'closed'")

tui_start 120 40 xterm-256color GOVNET_COUNT_WIDTH=1
tui_console
expect_screen "概览：" "the console opens"
# The Overview counts what each workflow handles in pieces as well.
expect_screen_match "安全事件：在办 +≥ $HANDLED\$" "the incidents being handled are counted between keys, at least so many meanwhile"
# A piece a number: long on a loaded machine or under the sanitizers.
wait_was=$TUI_WAIT
TUI_WAIT=90
expect_screen_match "安全事件：在办 +$HANDLED\$" "then the exact figure"
TUI_WAIT=$wait_was
tui_keys :
tui_type "access requests"
tui_keys Enter
expect_screen_match "第 1/≥[0-9]+ 条" "while the requests are counted the total reads as at least so many"
tui_keys NPage
expect_screen_match "第 ([2-9]|[1-9][0-9]+)/≥[0-9]+ 条" "PgDn moves the list before the count arrives"
tui_keys G
expect_screen "计数申请 6000" "End shows the last request before the count arrives"
expect_screen_match "第 [0-9]+/$TOTAL 条" "the exact total arrives, and with it the position at the end"
tui_keys g
expect_screen "第 1/$TOTAL 条" "the total stays counted while the list is not read again"

# A filter: its total is counted again, and keys act meanwhile.
tui_keys /
tui_type "计数申请 1"
expect_screen_match "第 1/≥[0-9]+ 条" "a filter's total is counted between keys as well"
tui_type "2"
expect_screen "筛选「计数申请 12」" "typing goes on while the filter's total is counted"
expect_screen "第 1/111 条" "the filter's exact total arrives"
tui_keys Escape
tui_quit
finish
