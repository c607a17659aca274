#!/bin/sh
# A writer that waited out the busy timeout is told who holds the store:
# the store's path, the holding process, its login and its command, read
# from the lock itself (the WAL's write lock, F_GETLK).  The wait is the
# real 30 s: what a user sees after it is what this test asserts.
. "${GN_TEST_SRCDIR}/tests/cli/lib.sh"
gn init --demo >/dev/null

# Another program holds a write transaction open until it is killed.
python3 -c '
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
expect_fail 1 "a change waits, then gives up" as dh_zwb org add 东海锁等待科 --parent 东海县
expect_in "$ERR" "数据库 $DB 正被进程 $holder（" "naming the store and the process holding it"
expect_in "$ERR" "登录 $(id -un)" "its login"
expect_in "$ERR" "，命令 " "and its command"
expect_in "$ERR" "python3 -c" "as ps shows it"
expect_in "$ERR" "30 秒后仍未释放；未作任何更改" "how long it waited, and that nothing changed"
kill "$holder"
wait "$holder" 2>/dev/null
expect_eq "$(db_snapshot)" "$before" "nothing changed"
expect_ok "once the lock is free the change goes through" as dh_zwb org add 东海锁等待科 --parent 东海县
finish
