#!/bin/sh
# A console left open keeps the WAL bounded: when idle it checkpoints
# without waiting on anyone (a reader in the way only postpones it, and
# the console answers keys meanwhile), and once nobody is in the WAL it
# is emptied.  Before, the WAL grew for as long as a console was open.
. "$GN_TEST_SRCDIR/tests/tui/lib.sh"

wal_size() { if [ -f "$DB-wal" ]; then stat -c %s "$DB-wal"; else echo 0; fi; }
# wait_file PATH — until it exists (bounded like the screen waits).
wait_file() {
	local i=0
	while [ "$i" -lt $((TUI_WAIT * 10)) ]; do
		[ -e "$1" ] && return 0
		sleep 0.1
		i=$((i + 1))
	done
	return 1
}
wait_wal_empty() {
	local i=0
	while [ "$i" -lt $((TUI_WAIT * 10)) ]; do
		[ "$(wal_size)" -eq 0 ] && return 0
		sleep 0.1
		i=$((i + 1))
	done
	return 1
}

gn init --demo >/dev/null
tui_open 80 24 xterm-256color
tui_keys 2
expect_screen "第 1/" "the organisations"

# Another program holds a read transaction open on an old snapshot.
python3 - "$DB" "$WORK/reading" "$WORK/done" >"$WORK/reader.log" 2>&1 <<'PY' &
import os, sqlite3, sys, time
db = sqlite3.connect(sys.argv[1], isolation_level=None)
db.execute("BEGIN")
db.execute("SELECT count(*) FROM org").fetchone()
open(sys.argv[2], "w").close()
while not os.path.exists(sys.argv[3]):
    time.sleep(0.05)
db.execute("COMMIT")
PY
READER=$!
wait_file "$WORK/reading" && pass || fail "the reader did not start: $(cat "$WORK/reader.log")"

for i in 1 2 3 4 5 6; do
	gn org add "检查点测试单位$i" --parent 东海县 >/dev/null || fail "org add $i"
done
expect_screen "/$(sqlite3 "$DB" "SELECT count(*) FROM org") 条" "the console saw the changes"
[ "$(wal_size)" -gt 0 ] && pass || fail "the writes went to the WAL"
tui_keys j
expect_screen "第 2/" "with a reader in the way the console still answers keys"
[ "$(wal_size)" -gt 0 ] && pass || fail "the reader's snapshot keeps the WAL"

: >"$WORK/done"
wait "$READER"
if wait_wal_empty; then pass; else fail "the idle console never emptied the WAL ($(wal_size) bytes)"; fi
expect_eq "$(sqlite3 "$DB" "SELECT count(*) FROM org WHERE name LIKE '检查点测试单位%'")" "6" "every change is in the store"
expect_ok "and the store is sound" gn db check
tui_keys q
expect_screen "EXIT=0" "quits"
finish
