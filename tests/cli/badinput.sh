#!/bin/sh
# Bad input gets one line saying what and where, a non-zero exit, and
# changes nothing.
. "${GN_TEST_SRCDIR}/tests/cli/lib.sh"
gn init >/dev/null
before=$(db_snapshot)

bad=$(printf 'bad\377name')
expect_fail 1 "an invalid UTF-8 name is refused" gn org add "$bad" --parent 东海县
expect_in "$ERR" "UTF-8" "the message says what is wrong"
expect_eq "$(printf '%s\n' "$ERR" | wc -l)" "1" "in one line"

long=$(python3 -c 'print("局" * 5000)')
expect_fail 1 "a 5000-character name is refused" gn org add "$long" --parent 东海县
expect_in "$ERR" "5000 个字符" "naming the length"
expect_in "$ERR" "名称" "and the field"
expect_eq "$(db_snapshot)" "$before" "nothing changed"

expect_fail 1 "a missing parent is named" gn org add 测试局 --parent 不存在县
expect_in "$ERR" "不存在县" "the message names the value"
expect_fail 1 "a missing required field is named" gn org add 测试局
expect_in "$ERR" "--parent" "the message names the option"
expect_fail 2 "an unknown option is a usage error" gn org add 测试局 --parent 东海县 --colour red
expect_fail 2 "an unknown command is a usage error" gn frobnicate
expect_fail 1 "a choice outside the list is refused" gn org add 测试局 --parent 东海县 --kind planet
expect_in "$ERR" "county" "listing the choices"
expect_eq "$(db_snapshot)" "$before" "nothing changed"

expect_fail 1 "a --db in a missing directory" "$GOVNET" --db "$WORK/no/such/dir/g.db" init
expect_in "$ERR" "$WORK/no/such/dir" "names the directory"
expect_eq "$(printf '%s\n' "$ERR" | wc -l)" "1" "in one line"
[ ! -e "$WORK/no" ] && pass || fail "nothing was created"

printf 'this is not a database, just some text that is long enough to look like a header....' > "$WORK/corrupt.db"
head -c 8192 /dev/urandom >> "$WORK/corrupt.db"
cp "$WORK/corrupt.db" "$WORK/corrupt.orig"
expect_fail 1 "a corrupt database file" "$GOVNET" --db "$WORK/corrupt.db" org list
expect_in "$ERR" "$WORK/corrupt.db" "names the file"
expect_in "$ERR" "损坏" "and says it is damaged"
expect_fail 1 "init does not write over a corrupt file" "$GOVNET" --db "$WORK/corrupt.db" init
cmp -s "$WORK/corrupt.db" "$WORK/corrupt.orig" && pass || fail "the corrupt file was changed"

sqlite3 "$WORK/other.db" "CREATE TABLE t(x); INSERT INTO t VALUES (1);"
expect_fail 1 "another program's database is not taken over" "$GOVNET" --db "$WORK/other.db" init
expect_in "$ERR" "不是 govnet 的" "and says so"
expect_eq "$(sqlite3 "$WORK/other.db" "SELECT count(*) FROM sqlite_schema")" "1" "no table was added"

cp "$DB" "$WORK/ro.db"
chmod 444 "$WORK/ro.db"
expect_ok "a read-only database can be read" "$GOVNET" --db "$WORK/ro.db" org show 东海县
expect_fail 1 "but a change is refused" "$GOVNET" --db "$WORK/ro.db" org add 测试局 --parent 东海县
expect_in "$ERR" "只读" "saying it is read-only"
expect_in "$ERR" "$WORK/ro.db" "and where"
expect_eq "$(sqlite3 "$WORK/ro.db" "SELECT count(*) FROM org WHERE name = '测试局'")" "0" "nothing added"

# A database held by someone else: the writer waits, then succeeds.
sqlite3 "$DB" "BEGIN IMMEDIATE; SELECT 1; " >/dev/null
( sqlite3 "$DB" "BEGIN IMMEDIATE; INSERT INTO setting VALUES ('lock', 'held'); SELECT 1;" ".shell sleep 2" "ROLLBACK;" >/dev/null ) &
sleep 0.5
expect_ok "a change waits for another writer's lock" gn org add 等待局 --parent 东海县
wait
expect_ok "and is stored" gn org show 等待局
finish
