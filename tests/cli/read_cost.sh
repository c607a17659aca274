#!/bin/sh
# A report reads what it reports (DESIGN §5, doc/bench.md): the month's
# report finds the month's transitions through wf_history_at, a range of
# the index, instead of reading every transition ever made for each county
# and the city; and what it counts is what it counted before.
. "$GN_TEST_SRCDIR/tests/cli/lib.sh"

gn init --demo >/dev/null
# The deadlines section reads the unit's month as a range of the closes
# counted as they are made (wf_month_deadlines), as the planner sees it on
# a large store (statistics removed: SQLite then assumes one).
sqlite3 "$DB" "DELETE FROM sqlite_stat1; ANALYZE sqlite_schema"
plan=$(sqlite3 "$DB" "EXPLAIN QUERY PLAN SELECT component, verb, started_on, due_set, closed_on, due, met, late_days, n,
 first_id FROM wf_month_deadlines WHERE scope_org_id = 5 AND month = '2026-10' AND n > 0")
expect_in "$plan" "SEARCH wf_month_deadlines USING PRIMARY KEY (scope_org_id=? AND month=?)" \
	"the unit's closed deadlines of the month are a range of the kept counts"
grep -q "FROM wf_month_deadlines WHERE scope_org_id = ?1 AND month = ?2" "$GN_TEST_SRCDIR/console/core/report.c" && pass ||
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

# The deadlines closed in each month are the history's: each close with
# the transition that started its deadline (the latest due date set before
# it that was not a paused clock resumed), counted for every organisation
# at or above the owner, with the first close's id; they follow closes
# written, changed and removed, a start removed, a due date marked as
# resumed, a department moving county, and the migration.
deadlines() { sqlite3 "$DB" "SELECT j.value, c.month, c.component, c.verb, c.started_on, c.due_set, c.closed_on, c.due,
 c.met, c.late_days, count(*), min(c.id) FROM (SELECT h.id, h.org_id, substr(h.at, 1, 7) AS month, h.component, s.verb,
 substr(s.at, 1, 10) AS started_on, s.due_set, substr(h.at, 1, 10) AS closed_on, coalesce(h.previous_due, '') AS due,
 h.met, coalesce(h.late_days, 0) AS late_days FROM wf_history h JOIN wf_history s ON s.id = (SELECT max(x.id)
 FROM wf_history x WHERE x.component = h.component AND x.record_id = h.record_id AND x.id < h.id
 AND x.due_set IS NOT NULL AND x.id NOT IN (SELECT id FROM wf_resumed)) WHERE h.met IS NOT NULL) c
 JOIN org o ON o.id = c.org_id, json_each('[' || replace(trim(o.path, '/'), '/', ',') || ']') j
 GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 ORDER BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10"; }
kept_deadlines() { sqlite3 "$DB" "SELECT scope_org_id, month, component, verb, started_on, due_set, closed_on, due, met,
 late_days, n, first_id FROM wf_month_deadlines WHERE n > 0 ORDER BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10"; }
[ "$(sqlite3 "$DB" "SELECT count(*) > 20 FROM wf_month_deadlines WHERE n > 0")" = 1 ] && pass ||
	fail "the history has deadlines closed to count"
expect_eq "$(kept_deadlines)" "$(deadlines)" "the kept closes are the history's (made by the migration, then added)"
resumed=$(sqlite3 "$DB" "SELECT id FROM wf_resumed ORDER BY id")
[ -n "$resumed" ] && pass || fail "a returned request resubmitted resumed its deadline (the demo's)"
sqlite3 "$DB" "
INSERT INTO wf_history(component, record_id, org_id, verb, from_state, to_state, login, at, met, late_days, previous_due,
                       previous_article)
SELECT component, record_id, org_id, 'approve', 'submitted', 'approved', 'zwb', '2026-10-30T10:00:00+08:00', 0, 3,
       '2026-10-27', 'Art 11' FROM wf_history WHERE verb = 'submit' AND component = 'access' ORDER BY id LIMIT 2;
UPDATE wf_history SET at = '2026-09-15T10:00:00+08:00', met = 1
 WHERE id = (SELECT max(id) FROM wf_history WHERE met IS NOT NULL AND at >= '2026-10' AND at < '2026-10~');
UPDATE wf_history SET late_days = 5, met = 0 WHERE id = (SELECT min(id) FROM wf_history WHERE met = 1);
DELETE FROM wf_history WHERE id = (SELECT max(id) FROM wf_history WHERE met IS NOT NULL AND at < '2026-10');
DELETE FROM wf_history WHERE id = (SELECT s.id FROM wf_history s JOIN wf_history h ON h.component = s.component
 AND h.record_id = s.record_id AND h.id > s.id AND h.met IS NOT NULL WHERE s.due_set IS NOT NULL ORDER BY s.id LIMIT 1);
INSERT INTO wf_resumed SELECT s.id FROM wf_history s JOIN wf_history h ON h.component = s.component
 AND h.record_id = s.record_id AND h.id > s.id AND h.met IS NOT NULL WHERE s.due_set IS NOT NULL
 AND s.id NOT IN (SELECT id FROM wf_resumed) ORDER BY s.id DESC LIMIT 1" || fail "could not change the history"
expect_eq "$(kept_deadlines)" "$(deadlines)" \
	"they follow closes written, moved to another month, met or missed, removed, a start removed and a due date resumed"
sqlite3 "$DB" "DELETE FROM wf_resumed WHERE id = (SELECT max(id) FROM wf_resumed)" || fail "could not unmark"
expect_eq "$(kept_deadlines)" "$(deadlines)" "and a due date no longer marked resumed"
mover=$(sqlite3 "$DB" "SELECT o.name FROM wf_history h JOIN org o ON o.id = h.org_id JOIN org p ON p.id = o.parent_id
 WHERE o.kind = 'dept' AND p.kind = 'county' AND h.met IS NOT NULL GROUP BY o.id ORDER BY count(*) DESC LIMIT 1")
other=$(sqlite3 "$DB" "SELECT c.name FROM org c, org o WHERE o.name = '$mover' AND c.kind = 'county' AND c.id <> o.parent_id
 ORDER BY c.id LIMIT 1")
expect_ok "a department whose deadlines closed moves to another county" gn org set "$mover" --parent "$other"
expect_eq "$(kept_deadlines)" "$(deadlines)" "its closes count for the county it is now in, and no longer for the one it left"
# A store made before the kept closes: the migration marks the resumed due
# dates from the transitions' descriptions, as they were marked when made,
# counts the closes, and the report is the one it was.
sqlite3 "$DB" "DELETE FROM wf_resumed WHERE id NOT IN ($(echo $resumed | tr ' ' ','))" || fail "could not unmark"
expect_ok "the report before the migration" as zwb report month 2026-10 --json
before=$OUT
sqlite3 "$DB" "DROP TABLE wf_month_deadlines; DROP TABLE wf_close; DROP TABLE wf_resumed;
	DROP TRIGGER wf_close_history_insert; DROP TRIGGER wf_close_history_delete; DROP TRIGGER wf_close_history_update;
	DROP TRIGGER wf_month_deadlines_org_moved; UPDATE schema_version SET version = 8 WHERE component = 'workflow'" ||
	fail "could not make the old store"
expect_ok "the old store is migrated" gn db check
expect_eq "$(sqlite3 "$DB" "SELECT id FROM wf_resumed ORDER BY id")" "$resumed" "the resumed due dates are marked as when made"
expect_eq "$(kept_deadlines)" "$(deadlines)" "the closes made before are counted"
expect_ok "the report after the migration" as zwb report month 2026-10 --json
expect_eq "$OUT" "$before" "the report is the same, byte for byte"

# The deadline entries counted by due date are the entries': they follow
# deadlines started, moved, ended, a department moving county, and the
# migration.
entries() { sqlite3 "$DB" "SELECT scope_org_id, component, due, count(*) FROM wf_due_scope GROUP BY 1, 2, 3 ORDER BY 1, 2, 3"; }
kept_entries() { sqlite3 "$DB" "SELECT scope_org_id, component, due, n FROM wf_due_count WHERE n <> 0 ORDER BY 1, 2, 3"; }
[ -n "$(entries)" ] && pass || fail "the demo has deadlines running"
expect_eq "$(kept_entries)" "$(entries)" "the kept counts of deadline entries are the entries'"
sqlite3 "$DB" "UPDATE wf_clock SET due = '2026-09-01' WHERE rowid = (SELECT max(rowid) FROM wf_clock WHERE due IS NOT NULL);
 DELETE FROM wf_clock WHERE rowid = (SELECT min(rowid) FROM wf_clock WHERE due IS NOT NULL);
 UPDATE wf_obligation SET due = '2026-08-01' WHERE rowid = (SELECT min(rowid) FROM wf_obligation)" ||
	fail "could not change the deadlines"
expect_eq "$(kept_entries)" "$(entries)" "they follow deadlines moved and ended"
mover=$(sqlite3 "$DB" "SELECT o.name FROM wf_clock c JOIN org o ON o.id = c.org_id JOIN org p ON p.id = o.parent_id
 WHERE o.kind = 'dept' AND p.kind = 'county' AND c.due IS NOT NULL GROUP BY o.id ORDER BY count(*) DESC LIMIT 1")
other=$(sqlite3 "$DB" "SELECT c.name FROM org c, org o WHERE o.name = '$mover' AND c.kind = 'county' AND c.id <> o.parent_id
 ORDER BY c.id LIMIT 1")
expect_ok "a department with deadlines running moves to another county" gn org set "$mover" --parent "$other"
expect_eq "$(kept_entries)" "$(entries)" "its deadlines count for the county it is now in, and no longer for the one it left"
sqlite3 "$DB" "DROP TABLE wf_due_count; UPDATE schema_version SET version = 8 WHERE component = 'workflow'" ||
	fail "could not make the old store"
expect_ok "the old store is migrated" gn db check
expect_eq "$(kept_entries)" "$(entries)" "the migration counts the entries there"
sqlite3 "$DB" "DELETE FROM wf_clock WHERE rowid = (SELECT min(rowid) FROM wf_clock WHERE due IS NOT NULL)" ||
	fail "could not end a deadline"
expect_eq "$(kept_entries)" "$(entries)" "and goes on counting them after (every migration that makes the entries again)"

# ---- the core's counts and the incidents' figures are kept figures, each
# read by its key: the unit's overdue deadlines a range of its deadline
# entries before today, its nodes in service a row or two of node_count,
# each incident figure one row of incident_tally; the month's deadlines
# are read once for the whole scope, not again for each county.
expect_ok "the city's report explained" as zwb report month 2026-10 --explain
explained=$OUT
stmt() { printf '%s\n' "$explained" | awk -F '\t' -v s="$1" 'index($4, s) { print $4; exit }'; }
for want in "FROM wf_month_deadlines|SEARCH wf_month_deadlines USING PRIMARY KEY (scope_org_id=? AND month=?)" \
	"FROM wf_due_count|SEARCH wf_due_count USING PRIMARY KEY (scope_org_id=? AND component=? AND due<?)" \
	"FROM node_count|SEARCH node_count USING PRIMARY KEY (scope_org_id=?)" \
	"t.what = 'detected'|SEARCH t USING PRIMARY KEY (scope_org_id=? AND what=? AND month=?)" \
	"t.what = 'open'|SEARCH t USING PRIMARY KEY (scope_org_id=? AND what=? AND month=?)"; do
	sql=$(stmt "${want%%|*}")
	[ -n "$sql" ] && pass || fail "the report reads ${want%%|*}"
	plan=$(sqlite3 "$DB" "EXPLAIN QUERY PLAN $sql")
	expect_in "$plan" "${want#*|}" "read by its key: $sql"
	expect_not_in "$plan" "SCAN" "and nothing scanned: $sql"
done
printf '%s\n' "$explained" | awk -F '\t' '$1 ~ /^[0-9]+$/ { print $4 }' >"$WORK/statements"
expect_eq "$(grep -c -e 'wf_history' -e 'FROM wf_clock' -e 'FROM wf_obligation' -e 'wf_due_scope' -e 'FROM incident ' \
	-e 'node_scope' "$WORK/statements")" 0 \
	"no statement of the report reads the history, the clocks, the obligations, the incidents or the nodes one by one"

# The kept figures are the records': they follow incidents and nodes
# added, changed, removed, a department moving county, and the migration.
incidents() { sqlite3 "$DB" "SELECT j.value, 'detected', substr(i.detected_on, 1, 7), count(*) FROM incident i
 JOIN org o ON o.id = i.org_id, json_each('[' || replace(trim(o.path, '/'), '/', ',') || ']') j GROUP BY 1, 3
 UNION ALL SELECT j.value, 'open', '', count(*) FROM incident i JOIN org o ON o.id = i.org_id,
 json_each('[' || replace(trim(o.path, '/'), '/', ',') || ']') j WHERE i.state <> 'closed' GROUP BY 1 ORDER BY 1, 2, 3"; }
kept_incidents() { sqlite3 "$DB" "SELECT scope_org_id, what, month, n FROM incident_tally WHERE n <> 0 ORDER BY 1, 2, 3"; }
nodes() { sqlite3 "$DB" "SELECT j.value, d.state, count(*) FROM node d JOIN org o ON o.id = d.org_id,
 json_each('[' || replace(trim(o.path, '/'), '/', ',') || ']') j GROUP BY 1, 2 ORDER BY 1, 2"; }
kept_nodes() { sqlite3 "$DB" "SELECT scope_org_id, state, n FROM node_count WHERE n <> 0 ORDER BY 1, 2"; }
[ -n "$(incidents)" ] && [ -n "$(nodes)" ] && pass || fail "the demo has incidents and nodes to count"
expect_eq "$(kept_incidents)" "$(incidents)" "the kept incident figures are the incidents' (made by the migration, then added)"
expect_eq "$(kept_nodes)" "$(nodes)" "the kept node counts are the nodes'"
sqlite3 "$DB" "INSERT INTO incident(org_id, title, grade, detected_on, detected_by, state, created_at, created_by)
 SELECT org_id, '新事件', '一般', '2026-10-31', 'zwb', 'detected', '2026-10-31T10:00:00+08:00', 'zwb' FROM incident LIMIT 3;
 UPDATE incident SET state = 'closed' WHERE id = (SELECT min(id) FROM incident WHERE state <> 'closed');
 UPDATE incident SET detected_on = '2026-09-30' WHERE id = (SELECT max(id) FROM incident);
 UPDATE incident SET org_id = (SELECT max(id) FROM org) WHERE id = (SELECT max(id) - 1 FROM incident);
 DELETE FROM incident WHERE id = (SELECT max(id) - 2 FROM incident);
 INSERT INTO node(org_id, location, bandwidth, state, since, created_at)
 SELECT org_id, '新机房', 100, 'active', '2026-10-31', '2026-10-31T10:00:00+08:00' FROM node LIMIT 3;
 UPDATE node SET state = 'disconnected' WHERE id = (SELECT max(id) FROM node);
 UPDATE node SET org_id = (SELECT max(id) FROM org) WHERE id = (SELECT max(id) - 1 FROM node);
 DELETE FROM node WHERE id = (SELECT max(id) - 2 FROM node)" || fail "could not change the incidents and nodes"
expect_eq "$(kept_incidents)" "$(incidents)" "they follow incidents added, closed, of another month or owner, and removed"
expect_eq "$(kept_nodes)" "$(nodes)" "and nodes added, cut off, of another owner, and removed"
mover=$(sqlite3 "$DB" "SELECT o.name FROM org o JOIN org p ON p.id = o.parent_id WHERE o.kind = 'dept'
 AND p.kind IN ('county', 'zone') AND (o.id IN (SELECT org_id FROM incident) OR o.id IN (SELECT org_id FROM node))
 ORDER BY (SELECT count(*) FROM incident WHERE org_id = o.id) + (SELECT count(*) FROM node WHERE org_id = o.id) DESC LIMIT 1")
other=$(sqlite3 "$DB" "SELECT c.name FROM org c, org o WHERE o.name = '$mover' AND c.kind = 'county' AND c.id <> o.parent_id LIMIT 1")
expect_ok "a department with incidents and nodes moves to another county" gn org set "$mover" --parent "$other"
expect_eq "$(kept_incidents)" "$(incidents)" "its incidents count for the county it is now in, and no longer for the one it left"
expect_eq "$(kept_nodes)" "$(nodes)" "and its nodes"
# A store made before the kept figures: the migrations make them from the
# records there, and the report is the one it was.
expect_ok "the report before" as zwb report month 2026-10 --json
before=$OUT
sqlite3 "$DB" "DROP TABLE incident_tally; DROP TRIGGER incident_tally_insert; DROP TRIGGER incident_tally_delete;
	DROP TRIGGER incident_tally_update; DROP TRIGGER incident_tally_org_moved;
	UPDATE schema_version SET version = 5 WHERE component = 'incident';
	DROP TABLE node_count; DROP TRIGGER node_count_insert; DROP TRIGGER node_count_delete;
	DROP TRIGGER node_count_update; DROP TRIGGER node_count_org_moved;
	UPDATE schema_version SET version = 4 WHERE component = 'node'" || fail "could not make the old store"
expect_ok "the old store is migrated" gn db check
expect_eq "$(kept_incidents)" "$(incidents)" "the migration counts the incidents there"
expect_eq "$(kept_nodes)" "$(nodes)" "and the nodes"
expect_ok "the report after" as zwb report month 2026-10 --json
expect_eq "$OUT" "$before" "the report is the same, byte for byte"

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
# And so do those of every organisation at or above the owner, which the
# report reads, a row for each level, as a department moves county and
# after the migration.
scope_levels() { sqlite3 "$DB" "SELECT j.value, s.level, count(*) FROM system s JOIN org o ON o.id = s.org_id,
 json_each('[' || replace(trim(o.path, '/'), '/', ',') || ']') j WHERE s.state <> 'retired' GROUP BY 1, 2 ORDER BY 1, 2"; }
kept_scope() { sqlite3 "$DB" "SELECT scope_org_id, level, n FROM system_level_scope WHERE n <> 0 ORDER BY 1, 2"; }
expect_eq "$(kept_scope)" "$(scope_levels)" "the scopes' kept counts follow the systems' changes"
mover=$(sqlite3 "$DB" "SELECT o.name FROM system s JOIN org o ON o.id = s.org_id JOIN org p ON p.id = o.parent_id
 WHERE p.kind = 'county' AND s.state <> 'retired' GROUP BY o.id ORDER BY count(*) DESC LIMIT 1")
other=$(sqlite3 "$DB" "SELECT c.name FROM org c, org o WHERE o.name = '$mover' AND c.kind = 'county' AND c.id <> o.parent_id
 ORDER BY c.id DESC LIMIT 1")
expect_ok "a department with systems moves to another county" gn org set "$mover" --parent "$other"
expect_eq "$(kept_scope)" "$(scope_levels)" "its systems count for the county it is now in, and no longer for the one it left"
expect_ok "the city's report explained" as zwb report month 2026-10 --explain
sql=$(printf '%s\n' "$OUT" | awk -F '\t' 'index($4, "FROM system_level_scope") { print $4; exit }')
expect_in "$(sqlite3 "$DB" "EXPLAIN QUERY PLAN $sql")" "SEARCH system_level_scope USING PRIMARY KEY (scope_org_id=?)" \
	"the report reads a scope's systems by level by its key: $sql"
expect_ok "the report before the migration" as zwb report month 2026-10 --json
before=$OUT
sqlite3 "$DB" "DROP TABLE system_level_scope; DROP TRIGGER system_level_scope_insert; DROP TRIGGER system_level_scope_delete;
	DROP TRIGGER system_level_scope_update; DROP TRIGGER system_level_scope_moved;
	UPDATE schema_version SET version = 6 WHERE component = 'system'" || fail "could not make the old store"
expect_ok "the old store is migrated" gn db check
expect_eq "$(kept_scope)" "$(scope_levels)" "the migration counts the systems there for every scope"
expect_ok "the report after the migration" as zwb report month 2026-10 --json
expect_eq "$OUT" "$before" "and the report is the same, byte for byte"
expect_ok "the city's report" as zwb report month 2026-10 --json
expect_eq "$(printf '%s' "$OUT" | python3 -c 'import json, sys
d = json.load(sys.stdin)
r = [r for s in d["sections"] if s["section"] == "systems" for r in s["rows"] if r["total"]][0]
print(sum(r["values"]["level_%d" % l] for l in range(1, 6)))')" "$(sqlite3 "$DB" "SELECT count(*) FROM system WHERE state <> 'retired'")" \
	"the city's systems by level add up to its systems in service"
finish
