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
finish
