#!/bin/sh
# A writer kept waiting is told who holds the store after a few seconds,
# and again when it gives up:
# the store's path, the holding process, its login and its command, read
# from the lock itself (the WAL's write lock, F_GETLK).  The wait is the
# real 30 s: what a user sees after it is what this test asserts.
. "${GN_TEST_SRCDIR}/tests/cli/lib.sh"
gn init --demo >/dev/null

# Another program holds a write transaction open until it is killed; its
# command line starts with what would retitle a terminal and reverse text.
hostile=$(printf '#\033]0;owned\007\342\200\256\302\233')
python3 -c "$hostile"'
import sqlite3, sys, time
c = sqlite3.connect(sys.argv[1], isolation_level=None)
c.execute("BEGIN IMMEDIATE")
open(sys.argv[2], "w").write("held")
time.sleep(600)' "$DB" "$WORK/held" &
holder=$!
trap 'kill "$holder" 2>/dev/null; rm -rf "$WORK"' EXIT
i=0
while [ ! -s "$WORK/held" ] && [ "$i" -lt 200 ]; do
	python3 -c 'import time; time.sleep(0.05)'
	i=$((i + 1))
done
expect_eq "$(cat "$WORK/held")" "held" "the other program holds the lock"

before=$(db_snapshot)
as dh_zwb org add 东海锁等待科 --parent 东海县 >"$WORK/out" 2>"$WORK/err" &
writer=$!
# Told whom it waits for after a few seconds, while it still waits.
i=0
while ! grep -q "继续等待" "$WORK/err" && kill -0 "$writer" 2>/dev/null && [ "$i" -lt 1200 ]; do
	python3 -c 'import time; time.sleep(0.05)'
	i=$((i + 1))
done
expect_in "$(cat "$WORK/err")" "数据库 $DB 正被进程 $holder（" "a waiting writer is told who holds the store"
expect_in "$(cat "$WORK/err")" "秒，继续等待（最多 30 秒）" "after a few seconds, not only when it gives up"
if kill -0 "$writer" 2>/dev/null; then pass; else fail "the writer had stopped waiting when it was told"; fi
# Finding the holder leaves the writer's own locks on the shared memory
# alone (closing a second descriptor of the file would drop them all, and
# another process could then rebuild the shared memory under it).
shm_inode=$(stat -c %i "$DB-shm")
lockers=$(awk -v ino="$shm_inode" '$2 == "POSIX" { split($6, f, ":"); if (f[3] == ino) print $5 }' /proc/locks | sort -u)
expect_eq "$(printf '%s\n' "$lockers" | grep -vx "$holder" | grep -c .)" "1" \
	"the waiting writer still holds its locks on $DB-shm after naming the holder"
wait "$writer"
expect_eq "$?" "1" "a change waits, then gives up"
ERR=$(cat "$WORK/err")
expect_in "$ERR" "数据库 $DB 正被进程 $holder（" "naming the store and the process holding it"
expect_in "$ERR" "登录 $(id -un)" "its login"
expect_in "$ERR" "，命令 " "and its command"
expect_in "$ERR" "python3 -c" "as ps shows it"
case "$ERR" in *"$(printf '\033')"* | *"$(printf '\342\200\256')"* | *"$(printf '\302\233')"*)
	fail "the holder's command reached the terminal with controls in it" ;; *) pass ;; esac
expect_in "$ERR" "30 秒后仍未释放；未作任何更改" "how long it waited, and that nothing changed"
kill "$holder"
wait "$holder" 2>/dev/null
expect_eq "$(db_snapshot)" "$before" "nothing changed"
expect_ok "once the lock is free the change goes through" as dh_zwb org add 东海锁等待科 --parent 东海县
finish
