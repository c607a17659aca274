#!/bin/sh
# DESIGN §5, the console, key to screen on a store of GN_BENCH_RECORDS
# requests and as many audit rows (100k by default; 1000000 for the 1M
# budgets) over 10k departments in every county and zone, requests in
# every state with their deadlines.  For a county office and for the city
# it times the first frame (≤ 100 ms), the longest work between keys
# while the Overview reads its figures (≤ 16 ms), a tab switch, PgDn and End past
# the first page, a sort change and scrolling the sorted list, each
# filter keystroke, Enter and Esc on the filter (each ≤ 16 ms), the
# longest piece of work done between keys (a key typed then waits for
# it, so it too must fit 16 ms) and resident memory (≤ 20 MB at 100k).
# For a sort change it also prints how long the sorted list took to
# arrive (the order is built between keys; no budget but that no key
# waits for it).  The console times itself (console/ui/bench.h); it is
# driven in tmux as the console tests are, each key sent once the
# console is quiet after the one before (its quiet-ms mark: nothing
# left to do between keys).  Printed PASS/OVER; never asserted.
#
# GN_BENCH_CONSOLE_DB=FILE keeps the store in FILE and uses it when it is
# there already (generating 1M rows takes minutes); a copy of a store
# make bench built serves too.  The Overview's refresh is timed apart:
# the longest piece of work between keys from its first frame until it
# is quiet.
. "$GN_TEST_SRCDIR/tests/bench/lib.sh"
if ! command -v tmux >/dev/null 2>&1; then
	echo "console: tmux is needed for this benchmark (apt-get install tmux)"
	exit 0
fi
# A socket per session: a server still shutting down never meets the next.
SOCK="$BENCH/tmux.sock"
trap 'tmux -S "$SOCK" kill-server 2>/dev/null; rm -rf "$BENCH"' EXIT
DB=${GN_BENCH_CONSOLE_DB:-$BENCH/console.db}

# Bench data, written directly (not a test of the door): the demo store,
# 10k departments over its counties and zones, BENCH_N requests in every
# state of the workflow with the clocks of those still being handled,
# and BENCH_N audit rows.
if [ ! -s "$DB" ]; then
	"$GOVNET" --db "$DB" init --demo >/dev/null
	sqlite3 "$DB" <<SQL
PRAGMA synchronous = OFF;
BEGIN;
CREATE TEMP TABLE top AS
  SELECT id, path, name, row_number() OVER (ORDER BY id) - 1 AS k FROM org WHERE kind IN ('county', 'zone');
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 10000)
INSERT INTO org(id, parent_id, code, name, kind, path, created_at)
SELECT 100000 + n.i, t.id, 'B' || n.i, t.name || '单位' || n.i, 'dept',
       t.path || (100000 + n.i) || '/', '2026-01-01T00:00:00+08:00'
  FROM n JOIN top t ON t.k = n.i % (SELECT count(*) FROM top);
CREATE TEMP TABLE st(k INTEGER PRIMARY KEY, state TEXT, waiting INTEGER, what TEXT);
INSERT INTO st VALUES (0, 'draft', NULL, NULL), (1, 'submitted', 1, '审核'), (2, 'forwarded', 1, '审核'),
  (3, 'approved', 2, '接入实施'), (4, 'planned', 2, '接入实施'), (5, 'implemented', NULL, NULL),
  (6, 'rejected', NULL, NULL), (7, 'returned', 4, '审核'), (8, 'withdrawn', NULL, NULL),
  (9, 'revocation_requested', 1, '撤销审核'), (10, 'revoked', NULL, NULL), (11, 'implemented', NULL, NULL);
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $BENCH_N)
INSERT INTO access_request(id, org_id, reason, scope, location, traffic, tech, cross_level, state, created_at, created_by)
SELECT 1000 + i, 100001 + (i * 7919) % 10000, '接入申请 ' || i, '全楼', '机房 ' || (i % 97), 1 + i % 1000, '双链路',
       (i % 50 = 0), (SELECT state FROM st WHERE k = i % 12),
       strftime('%Y-%m-%dT%H:%M:%S+08:00', '2025-01-01', '+' || (i % 690) || ' days', '+' || (i % 86400) || ' seconds'),
       'bench'
  FROM n;
INSERT INTO wf_clock(component, record_id, org_id, state, waiting_on, article, what, workdays, started_on, due, paused_on)
SELECT 'access', r.id, r.org_id, r.state, s.waiting, 'Art 11', s.what, 10, substr(r.created_at, 1, 10),
       CASE WHEN r.state = 'returned' THEN NULL ELSE date(substr(r.created_at, 1, 10), '+14 days') END,
       CASE WHEN r.state = 'returned' THEN substr(r.created_at, 1, 10) END
  FROM access_request r JOIN st s ON s.state = r.state AND s.waiting IS NOT NULL WHERE r.id >= 1000;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $BENCH_N)
INSERT INTO audit(at, login, client, component, verb, target, org_id, before_json, after_json, reason, prev_hash, hash)
SELECT strftime('%Y-%m-%dT%H:%M:%S+08:00', '2025-01-01', '+' || (i * 60) || ' seconds'), 'dh_zwb', 'console',
       'access', CASE i % 3 WHEN 0 THEN 'submit' WHEN 1 THEN 'approve' ELSE 'implement' END,
       'access_request#' || (1000 + i), 100001 + (i * 7919) % 10000,
       '{"state":"submitted"}', '{"state":"approved"}', '符合接入条件', '', ''
  FROM n;
COMMIT;
ANALYZE;
SQL
fi
REQS=$(sqlite3 "$DB" "SELECT count(*) FROM access_request")
AUDITS=$(sqlite3 "$DB" "SELECT count(*) FROM audit")

tx() { tmux -S "$SOCK" -f /dev/null "$@"; }
pass_over() { awk -v v="$1" -v b="$2" 'BEGIN { print (v <= b) ? "PASS" : "OVER" }'; }
# lines WHAT — how many lines of that figure the console wrote so far.
lines() { grep -c "^$1 " "$TIMES" 2>/dev/null || true; }
# wait_line WHAT N — until the console wrote more than N lines of WHAT.
wait_line() {
	i=0
	while [ "$(lines "$1")" -le "$2" ]; do
		i=$((i + 1))
		[ $i -lt 1200 ] || { echo "console: no $1 after 60 s" >&2; return 1; }
		sleep 0.05
	done
}
row() { # row LABEL MS BUDGET
	printf '  %-40s %9s ms  (≤ %s ms) %s\n' "$1" "$2" "$3" "$(pass_over "$2" "$3")"
}
last() { grep "^$1 " "$TIMES" | tail -n1 | cut -d' ' -f2; }
# quiet — wait until the console has done all the last key started (its
# quiet mark after the last key's frame), instead of a fixed pause.
quiet() {
	i=0
	until awk '$1 == "key-ms" { q = 0 } $1 == "quiet-ms" { q = 1 } END { exit !q }' "$TIMES"; do
		i=$((i + 1))
		[ $i -lt 12000 ] || { echo "console: not quiet after 600 s" >&2; return 1; }
		sleep 0.05
	done
}
# longest WHAT [overview] — the longest piece of work between keys (WHAT:
# idle-ms on the wall clock, idle-cpu-ms in processor time, which a
# machine busy with other work does not stretch); with overview, only
# the Overview's refresh, until the console was first quiet.
longest() {
	awk -v w="$1" -v ov="${2:-}" '$1 == "quiet-ms" && ov { exit } $1 == w && $2 > m { m = $2 }
		END { printf "%.2f", m + 0 }' "$TIMES"
}
# key LABEL TMUX-KEY… — send the keys, wait for the frame that shows them,
# print the console's own key-to-screen time, then wait until it is quiet.
key() {
	local label=$1 before; shift
	before=$(lines key-ms)
	tx send-keys -t b "$@"
	wait_line key-ms "$before" || return 1
	row "$label" "$(last key-ms)" 16
	quiet || return 1
}
# sort_key LABEL KEY — a key that sorts: also when the sorted list arrived.
sort_key() {
	key "$@" || return 1
	printf '  %-40s %9s ms  (between keys; no key waits)\n' "  … the sorted list shown" "$(last quiet-ms)"
}

# switch_to WHAT KEY — a tab switch: a number key, or a tab beyond the
# ninth by name (":access requests"), timing the Enter.
switch_to() {
	case $2 in
	:*)	local text=${2#:} before
		before=$(lines key-ms)
		tx send-keys -t b :
		tx send-keys -t b -l "$text"
		# ':' and each character typed: one key each.
		wait_line key-ms $((before + $(printf %s "$text" | wc -m))) || return 1
		quiet || return 1
		key "tab switch to $1 ($text Enter)" Enter ;;
	*)	key "tab switch to $1 ($2)" "$2" ;;
	esac
}

# session LOGIN TITLE REQUESTS AUDIT — one run of the console as LOGIN,
# with the keys that open the requests and the audit.
session() {
	local login=$1 title=$2 listkey=$3
	TIMES="$BENCH/times.$login"
	SOCK="$BENCH/tmux.$login.sock"
	: >"$TIMES"
	tx new-session -d -x 120 -y 40 -s b \
		"env LC_ALL=C.UTF-8 TERM=xterm-256color GOVNET_LOGIN=$login GOVNET_NOW=2026-11-27T10:00:00+08:00 \
		 GOVNET_BENCH='$TIMES' nice -n 10 '$GOVNET' --db '$DB'; sleep 600"
	wait_line first-frame-ms 0 || return
	echo "$title ($login)"
	row "first frame (the Overview)" "$(awk '$1 == "first-frame-ms" { print $2 }' "$TIMES")" 100
	quiet || return
	# The Overview's refresh: its deadlines, what each workflow handles
	# and each list's count, read between keys until it is quiet.
	row "longest work between keys, the Overview" "$(longest idle-ms overview)" 16
	row "  the same in processor time" "$(longest idle-cpu-ms overview)" 16
	printf '  %-40s %9s ms  (between keys; no key waits)\n' "  … the Overview's figures all in" "$(last quiet-ms)"
	switch_to "the requests" "$listkey"
	key "PgDn" NPage
	key "PgDn" NPage
	key "End (G, the last page)" G
	key "PgUp from the end" PPage
	key "Home (g)" g
	sort_key "sort change (s)" s
	key "PgDn, sorted" NPage
	key "PgDn, sorted" NPage
	key "End (G), sorted" G
	key "PgUp from the end, sorted" PPage
	key "Home (g), sorted" g
	sort_key "sort reversed (S)" S
	key "PgDn, reversed" NPage
	key "open the filter (/)" /
	local typed=""
	for ch in 东 海 县 单 位 1 2; do
		typed="$typed$ch"
		key "filter keystroke「$typed」" -l "$ch"
	done
	key "Enter on the filter" Enter
	key "Esc (the filter cleared)" Escape
	switch_to "the audit" "$4"
	key "PgDn" NPage
	key "End (G, the last page)" G
	tx send-keys -t b q
	wait_line max-rss-kb 0 || return
	tx kill-server 2>/dev/null
	row "longest work between keys (a key waits)" "$(longest idle-ms)" 16
	row "  the same in processor time" "$(longest idle-cpu-ms)" 16
	printf '  %-40s %9s MB  (≤ 20 MB at 100k) %s\n' "resident memory" \
		"$(awk '$1 == "max-rss-kb" { printf "%.1f", $2 / 1024 }' "$TIMES")" \
		"$(pass_over "$(awk '$1 == "max-rss-kb" { print $2 / 1024 }' "$TIMES")" 20)"
}

echo "console: $REQS requests, $AUDITS audit rows, 10k departments ($(date -u +%FT%TZ))"
# The requests by name: which view a number key opens follows the role.
# A county office: the demo's 东海县政务办, or make bench's store's
# b_county (GN_BENCH_CONSOLE_DB=a copy of one of its stores).
COUNTY=$(sqlite3 "$DB" "SELECT login FROM login WHERE login IN ('dh_zwb', 'b_county') ORDER BY login = 'dh_zwb' DESC LIMIT 1")
session "${COUNTY:-dh_zwb}" "a county office" ":access requests" ":audit list"
session root "the city (admin)" ":access requests" ":audit list"
