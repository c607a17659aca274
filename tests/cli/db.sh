#!/bin/sh
# db check and db backup (SQLite's online backup API).
. "${GN_TEST_SRCDIR}/tests/cli/lib.sh"
gn init --demo >/dev/null

expect_ok "db check on a sound store" gn db check
expect_in "$OUT" "完好" "says it is sound"
expect_ok "backup" gn db backup "$WORK/backup.db"
expect_ok "the backup is a working store" "$GOVNET" --db "$WORK/backup.db" org show 东海县教育局
expect_ok "its chain verifies" "$GOVNET" --db "$WORK/backup.db" audit verify
expect_fail 1 "backup never overwrites" gn db backup "$WORK/backup.db"
expect_fail 1 "a department may not copy everything" as dh_jyj db backup "$WORK/b2.db"
[ ! -e "$WORK/b2.db" ] && pass || fail "a refused backup left a file"
# A county's administrator or the city's auditor would carry off every
# county's filings, phone numbers and channel secrets.
expect_fail 1 "a county administrator may not copy the whole city" as dh_admin db backup "$WORK/b3.db"
expect_in "$ERR" "全市范围的管理员" "says who may"
[ ! -e "$WORK/b3.db" ] && pass || fail "a refused backup left a file"
expect_fail 1 "nor may an auditor" as shenji db backup "$WORK/b4.db"
[ ! -e "$WORK/b4.db" ] && pass || fail "a refused backup left a file"
expect_eq "$(stat -c %a "$WORK/backup.db")" 600 "a backup is readable by its owner alone"
expect_eq "$(stat -c %a "$DB")" 600 "and so is a new store"

sqlite3 "$DB" "PRAGMA foreign_keys=OFF; INSERT INTO login(login, role, org_id, created_at) VALUES ('ghost', 'dept', 99999, 'x');"
expect_fail 1 "db check finds a broken foreign key" gn db check
expect_in "$OUT" "login" "and names the table"
# ---- db restore: a checked copy replaces the store; the replaced one is kept
sqlite3 "$DB" "DELETE FROM login WHERE login = 'ghost'"
expect_ok "a change after the backup" gn org add 恢复后消失局 --parent 东海县
before=$(db_snapshot)
expect_fail 1 "a county administrator may not restore" as dh_admin db restore "$WORK/backup.db"
cp "$WORK/backup.db" "$WORK/forged.db"
sqlite3 "$WORK/forged.db" "DROP TRIGGER IF EXISTS audit_no_update; UPDATE audit SET reason = '改过' WHERE id = 2"
expect_fail 1 "a copy whose audit chain is broken is refused" gn db restore "$WORK/forged.db"
expect_in "$ERR" "审计链" "says why"
printf 'not a database' >"$WORK/junk.db"
expect_fail 1 "so is a file that is no store" gn db restore "$WORK/junk.db"
expect_eq "$(db_snapshot)" "$before" "refusals change nothing"
expect_ok "the city's administrator restores" gn db restore "$WORK/backup.db"
expect_in "$OUT" "另存为" "and is told where the replaced store is"
expect_fail 1 "the later change is gone" gn org show 恢复后消失局
kept=$(ls "$DB".replaced-* | head -n1)
expect_eq "$(sqlite3 "$kept" "SELECT count(*) FROM org WHERE name = '恢复后消失局'")" "1" "and kept in the replaced store"
expect_eq "$(stat -c %a "$kept")" "600" "which no one else reads"
expect_ok "the restored chain verifies" gn audit verify
finish
