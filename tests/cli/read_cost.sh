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

# ---- every section reads its month and its scope through indexes: what
# the report costs (`report month --explain`: each statement it ran, the
# steps of SQLite's machine and of full scans) does not grow when the store
# grows outside the month, and no statement scans a whole table.
total() { printf '%s\n' "$1" | awk -F '\t' '$1 == "合计" { print $'"$2"' }'; }
for who in zwb dh_zwb; do
	expect_ok "the report's cost as $who" as $who report month 2026-10 --explain
	eval "steps_$who=\$(total \"\$OUT\" 2) scans_$who=\$(total \"\$OUT\" 3)"
	[ "$(total "$OUT" 2)" -gt 0 ] && pass || fail "the report as $who reports its steps"
done
# The statements it ran, as it ran them: each count of a workflow's moves
# is one row of the counts the workflow keeps (wf_month_moves), and no
# statement scans the history, a plugin's records or the nodes whole (full
# scans are of the calendar, the open incidents and the mixed pools:
# partial indexes).
printf '%s\n' "$OUT" | awk -F '\t' 'index($4, "m.verb = ") { print $4 }' >"$WORK/moves"
[ "$(grep -c . "$WORK/moves")" -ge 6 ] && pass || fail "the plugins count their moves in the month"
while IFS= read -r sql; do
	expect_in "$(sqlite3 "$DB" "EXPLAIN QUERY PLAN $sql")" \
		"SEARCH m USING PRIMARY KEY (scope_org_id=? AND component=? AND verb=? AND month=?)" \
		"a move counted in the month is one row of wf_month_moves: $sql"
done <"$WORK/moves"
expect_eq "$(printf '%s\n' "$OUT" | awk -F '\t' '$1 ~ /^[0-9]+$/ && $2 > 0 && $4 ~ /(wf_history|node|system|inspect_inspection) /' | wc -l)" 0 \
	"no statement scans the history, the nodes, the systems or the inspections whole"

# Two thousand of each kind before the months the report and its trend
# cover (2026-05 to 2026-10) — transitions of every
# workflow, incidents detected and closed, inspections, systems of the
# organisations and levels there are, changes of nodes — and the report
# reads what it read before, step for step.
sqlite3 "$DB" "
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000)
INSERT INTO wf_history(component, record_id, org_id, verb, from_state, to_state, login, at, met, late_days,
                       previous_due, previous_article, due_set, article)
SELECT c.component, 900000 + i, o.org_id, c.verb, 'a', 'b', 'zwb',
       strftime('%Y-%m-%dT10:00:00+08:00', '2024-01-01', '+' || (i % 600) || ' days'), 1, 0, '2024-01-20', 'Art 11',
       '2024-01-20', 'Art 11'
  FROM n, (SELECT org_id FROM access_request LIMIT 1) o,
       (SELECT 'access' AS component, 'submit' AS verb UNION ALL SELECT 'access', 'approve'
        UNION ALL SELECT 'incident', 'close' UNION ALL SELECT 'inspect', 'start' UNION ALL SELECT 'inspect', 'order'
        UNION ALL SELECT 'system', 'golive') c;
INSERT INTO incident(org_id, title, grade, detected_on, detected_by, state, created_at, created_by)
SELECT org_id, '旧事件', '一般', '2024-03-01', 'zwb', 'closed', '2024-03-01T10:00:00+08:00', 'zwb'
  FROM incident, (WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000) SELECT i FROM n)
 LIMIT 2000;
INSERT INTO inspect_inspection(org_id, planned_on, inspector, state, created_at, created_by)
SELECT org_id, '2024-03-01', '检查组', 'passed', '2024-03-01T10:00:00+08:00', 'zwb'
  FROM inspect_inspection, (WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000) SELECT i FROM n)
 LIMIT 2000;
INSERT INTO system(org_id, name, level, state, created_at, created_by)
SELECT org_id, '旧系统 ' || i, level, state, created_at, 'zwb'
  FROM system, (WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000) SELECT i FROM n)
 LIMIT 2000;
INSERT INTO node_event(node_id, at, login, component, from_state, to_state)
SELECT id, '2024-03-01T10:00:00+08:00', 'zwb', 'access', 'active', 'disconnected'
  FROM node, (WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000) SELECT i FROM n)
 LIMIT 2000;
DELETE FROM sqlite_stat1; ANALYZE sqlite_schema" || fail "could not grow the store outside the month"
expect_eq "$(sqlite3 "$DB" "SELECT count(*) >= 10000 FROM wf_history WHERE substr(at, 1, 7) <> '2026-10'")" 1 \
	"(the store has grown outside the month)"
for who in zwb dh_zwb; do
	expect_ok "the report's cost as $who on the grown store" as $who report month 2026-10 --explain
	eval "want=\$steps_$who"
	expect_eq "$(total "$OUT" 2)" "$want" "the report as $who reads no more than before the store grew outside its month"
	eval "want=\$scans_$who"
	expect_eq "$(total "$OUT" 3)" "$want" "nor scans more"
done

# The moves counted are the history's: the counts follow transitions
# written, changed and removed, and organisations moving to another county.
moves() { sqlite3 "$DB" "SELECT j.value, h.component, h.verb, substr(h.at, 1, 7), count(*) FROM wf_history h
 JOIN org o ON o.id = h.org_id, json_each('[' || replace(trim(o.path, '/'), '/', ',') || ']') j GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4"; }
kept_moves() { sqlite3 "$DB" "SELECT scope_org_id, component, verb, month, n FROM wf_month_moves WHERE n <> 0 ORDER BY 1, 2, 3, 4"; }
expect_eq "$(kept_moves)" "$(moves)" "the kept counts of moves are the history's"
mover=$(sqlite3 "$DB" "SELECT o.name FROM wf_history h JOIN org o ON o.id = h.org_id JOIN org p ON p.id = o.parent_id
 WHERE o.kind = 'dept' AND p.name = '东海县' GROUP BY o.id ORDER BY count(*) DESC LIMIT 1")
[ -n "$mover" ] && pass || fail "a department of 东海县 has moves to carry"
expect_ok "a department moves to another county" gn org set "$mover" --parent 赣榆区
expect_eq "$(kept_moves)" "$(moves)" "its moves count for the county it is now in, and no longer for the one it left"
sqlite3 "$DB" "DELETE FROM wf_history WHERE id = (SELECT max(id) FROM wf_history);
 UPDATE wf_history SET verb = 'approve' WHERE id = (SELECT min(id) FROM wf_history WHERE verb = 'submit')" ||
	fail "could not change the history"
expect_eq "$(kept_moves)" "$(moves)" "and follow a transition removed or changed"
# A store made before the counts: the migration counts every move made.
sqlite3 "$DB" "DROP TABLE wf_month_moves; DROP INDEX wf_history_org; DROP TRIGGER wf_month_moves_insert;
	DROP TRIGGER wf_month_moves_delete; DROP TRIGGER wf_month_moves_update; DROP TRIGGER wf_month_moves_org_moved;
	UPDATE schema_version SET version = 7 WHERE component = 'workflow'" || fail "could not make the old store"
expect_ok "the old store is migrated" gn db check
expect_eq "$(kept_moves)" "$(moves)" "and its moves are counted"

# The systems by level the report sums are the systems': the counts kept
# by the system plugin's triggers follow systems added, retired, moved to
# another level or owner, and removed.
levels() { sqlite3 "$DB" "SELECT org_id, level, count(*) FROM system WHERE state <> 'retired' GROUP BY 1, 2 ORDER BY 1, 2"; }
kept() { sqlite3 "$DB" "SELECT org_id, level, n FROM system_level_count WHERE n > 0 ORDER BY 1, 2"; }
expect_eq "$(kept)" "$(levels)" "the kept counts are the systems' (made by the migration, then added)"
[ -n "$(levels)" ] && pass || fail "the demo has systems to count"
sqlite3 "$DB" "UPDATE system SET state = 'retired' WHERE id IN (SELECT id FROM system ORDER BY id LIMIT 3);
 UPDATE system SET level = 1 + level % 5 WHERE id IN (SELECT id FROM system ORDER BY id DESC LIMIT 5);
 UPDATE system SET org_id = (SELECT max(id) FROM org) WHERE id IN (SELECT id FROM system ORDER BY id DESC LIMIT 5 OFFSET 5);
 DELETE FROM system WHERE id = (SELECT max(id) FROM system)" || fail "could not change the systems"
expect_eq "$(kept)" "$(levels)" "they follow systems retired, of another level or owner, and removed"
expect_ok "the city's report" as zwb report month 2026-10 --json
expect_eq "$(printf '%s' "$OUT" | python3 -c 'import json, sys
d = json.load(sys.stdin)
r = [r for s in d["sections"] if s["section"] == "systems" for r in s["rows"] if r["total"]][0]
print(sum(r["values"]["level_%d" % l] for l in range(1, 6)))')" "$(sqlite3 "$DB" "SELECT count(*) FROM system WHERE state <> 'retired'")" \
	"the city's systems by level add up to its systems in service"
finish
