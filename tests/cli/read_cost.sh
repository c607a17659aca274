#!/bin/sh
# A report reads what it reports (DESIGN §5, doc/bench.md): the month's
# report finds the month's transitions through wf_history_at, a range of
# the index, instead of reading every transition ever made for each county
# and the city; and what it counts is what it counted before.
. "$GN_TEST_SRCDIR/tests/cli/lib.sh"

gn init --demo >/dev/null
# The statement of core/report.c's deadlines section, as the planner sees
# it on a large store (statistics removed: SQLite then assumes one).
sqlite3 "$DB" "DELETE FROM sqlite_stat1; ANALYZE sqlite_schema"
plan=$(sqlite3 "$DB" "EXPLAIN QUERY PLAN SELECT h.id, h.component, h.record_id, substr(h.at, 1, 10), h.previous_due, h.met,
 coalesce(h.late_days, 0) FROM wf_history h JOIN org o ON o.id = h.org_id
 WHERE h.at >= '2026-10' AND h.at < '2026-10' || '~' AND h.met IS NOT NULL AND o.path LIKE '/1/5/' || '%' ORDER BY h.id")
expect_in "$plan" "USING INDEX wf_history_at" "the month's transitions are a range of wf_history_at"
expect_not_in "$plan" "SCAN h" "no transition outside the month is read"
grep -q "h.at >= ?1 AND h.at < ?1 || '~'" "$GN_TEST_SRCDIR/console/core/report.c" && pass ||
	fail "core/report.c reads the month as that range"

# The month as a range is the month: transitions on its first and last
# moments count, those a moment outside do not.
sqlite3 "$DB" "INSERT INTO wf_history(component, record_id, org_id, verb, from_state, to_state, login, at, comment,
   due_set, article, previous_due, previous_article, met, late_days)
 SELECT component, record_id, org_id, verb, from_state, to_state, login, moment, comment, due_set, article,
   previous_due, previous_article, met, late_days
 FROM (SELECT * FROM wf_history WHERE met IS NOT NULL ORDER BY id LIMIT 1),
      (SELECT '2026-09-30T23:59:59+08:00' AS moment UNION ALL SELECT '2026-11-01T00:00:00+08:00')"
expect_ok "report month" as zwb report month 2026-10 --json
before=$OUT
sqlite3 "$DB" "UPDATE wf_history SET at = '2026-10-01T00:00:00+08:00' WHERE at = '2026-09-30T23:59:59+08:00';
 UPDATE wf_history SET at = '2026-10-31T23:59:59+08:00' WHERE at = '2026-11-01T00:00:00+08:00'"
expect_ok "report month with the two inside" as zwb report month 2026-10 --json
[ "$OUT" != "$before" ] && pass || fail "transitions on the month's first and last moments count"
finish
