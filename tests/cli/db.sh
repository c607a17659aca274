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
expect_fail 1 "only admin or auditor may copy everything" as dh_jyj db backup "$WORK/b2.db"
[ ! -e "$WORK/b2.db" ] && pass || fail "a refused backup left a file"

sqlite3 "$DB" "PRAGMA foreign_keys=OFF; INSERT INTO login(login, role, org_id, created_at) VALUES ('ghost', 'dept', 99999, 'x');"
expect_fail 1 "db check finds a broken foreign key" gn db check
expect_in "$OUT" "login" "and names the table"
finish
