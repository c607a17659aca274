#!/bin/sh
# DESIGN §5 for issue 5: `govnet access list --limit 50` on 100k requests,
# ≤ 20 ms and ≤ 3× the same query in the sqlite3 shell; and a filtered,
# scoped list (a county office's overdue requests).
. "$GN_TEST_SRCDIR/tests/bench/lib.sh"
DB="$BENCH/access.db"
"$GOVNET" --db "$DB" init --demo >/dev/null
sqlite3 "$DB" <<SQL
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $BENCH_N),
     depts AS (SELECT id, row_number() OVER (ORDER BY id) - 1 AS k FROM org WHERE kind = 'dept'),
     nd AS (SELECT count(*) AS c FROM depts)
INSERT INTO access_request(id, org_id, reason, scope, location, traffic, tech, state, created_at, created_by)
SELECT 1000 + i, (SELECT id FROM depts WHERE k = i % (SELECT c FROM nd)), '批量接入申请 ' || i, '全楼', '机房',
       1 + i % 1000, '双链路', CASE i % 4 WHEN 0 THEN 'submitted' WHEN 1 THEN 'approved' WHEN 2 THEN 'implemented' ELSE 'draft' END,
       '2026-01-01T09:00:00+08:00', 'bench' FROM n;
INSERT INTO wf_clock(component, record_id, org_id, state, waiting_on, article, what, workdays, started_on, due)
SELECT 'access', id, org_id, state, 2, 'Art 11', '审核', 10, '2026-01-01',
       date('2026-01-15', '+' || (id % 400) || ' days') FROM access_request
 WHERE id >= 1000 AND state IN ('submitted', 'approved');
SQL
SQL="SELECT r.id, o.name AS org, r.reason, r.traffic, r.state, c.due FROM access_request r JOIN org o ON o.id = r.org_id LEFT JOIN wf_clock c ON c.component = 'access' AND c.record_id = r.id ORDER BY r.id LIMIT 51;"
list_vs_shell "access list --limit 50 --json, $BENCH_N requests" "$DB" "$SQL" \
	"$GOVNET" --db "$DB" access list --limit 50 --json
county=$(GOVNET_LOGIN=dh_zwb median_ms 11 "$GOVNET" --db "$DB" access list --overdue --limit 50 --json)
echo "access list --overdue --limit 50 as a county office, $BENCH_N requests: $county ms (budget 20 ms: $(verdict "$county" 20))"
