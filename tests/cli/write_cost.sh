#!/bin/sh
# What a one-process write costs follows the write, not the store
# (DESIGN §5, doc/bench.md): no lookup a write's triggers make scans a
# table, and the planner's statistics are not gathered again on every write.
. "$GN_TEST_SRCDIR/tests/cli/lib.sh"

gn init --demo >/dev/null

# ---- a new or moved organisation's scope triggers find its records by
# their owner through an index, in every table with a scope table
tables=$(sqlite3 "$DB" "SELECT substr(name, 1, length(name) - 16) FROM sqlite_schema
 WHERE type = 'trigger' AND name LIKE '%\_scope\_org\_moved' ESCAPE '\' ORDER BY 1")
expect_in "$tables" access_filing "the scope tables are found"
for t in $tables; do
	plan=$(sqlite3 "$DB" "EXPLAIN QUERY PLAN SELECT id FROM $t WHERE org_id = 5")
	expect_in "$plan" "INDEX" "$t: an organisation's records are looked up by index"
	expect_not_in "$plan" "SCAN" "$t: an organisation's records are not scanned for"
done

# ---- the planner's statistics (SQLite's PRAGMA optimize on closing a
# connection that wrote) are gathered after a migration and on one write
# in 64: analysing the empty tables afresh on each write cost a quarter of
# a one-process write
stats() { sqlite3 "$DB" "SELECT count(*) > 0 FROM sqlite_stat1 WHERE tbl = 'org'"; }
forget() { sqlite3 "$DB" "DELETE FROM sqlite_stat1 WHERE tbl = 'org'"; }
expect_eq "$(stats)" 1 "the new store has the planner's statistics for org"

# Writes until one gathers them again (within 64), then one more: that one
# leaves them alone.
forget
n=0
while [ "$(stats)" = 0 ] && [ $n -lt 70 ]; do
	n=$((n + 1))
	expect_ok "org add $n" as zwb org add "统计部门$n" --parent 320722
done
expect_eq "$(stats)" 1 "one write in 64 gathers the statistics again"
[ $n -le 64 ] && pass || fail "it took $n writes to gather them"
forget
expect_ok "the next write" as zwb org add 统计部门末 --parent 320722
expect_eq "$(stats)" 0 "the next write does not analyse again"
finish
