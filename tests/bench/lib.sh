# tests/bench/lib.sh — shared by the benchmarks `make bench` runs.  They
# print figures against the budgets of DESIGN §5; they never fail a build
# on time alone.
set -u
: "${GOVNET:?}"
: "${GN_TEST_SRCDIR:?}"
export LC_ALL=C.UTF-8
unset GOVNET_LOGIN GOVNET_NOW GOVNET_DB
export GOVNET_CONF=/nonexistent
BENCH=$(mktemp -d "${TMPDIR:-/tmp}/govnet-bench.XXXXXX")
# The records of each kind a bench store holds: 100k unless
# GN_BENCH_RECORDS says otherwise (1000000 for the 1M budgets; a small
# number to see that `make bench` runs and prints its table).
# Several sizes at once ("100000 1000000"): scoped.sh reads each (with
# the growth between them), the other benches the largest.
GN_BENCH_SIZES=${GN_BENCH_RECORDS:-100000}
[ -n "${GN_BENCH_RECORDS:-}" ] && GN_BENCH_RECORDS=${GN_BENCH_RECORDS##* }
BENCH_N=${GN_BENCH_RECORDS:-100000}
trap 'rm -rf "$BENCH"' EXIT

# median_ms N CMD… — run CMD N times; print the median wall time in ms.
median_ms() {
	local n=$1 i t0 t1; shift
	for i in $(seq "$n"); do
		t0=$(date +%s%N); "$@" >/dev/null 2>&1; t1=$(date +%s%N)
		echo $(( (t1 - t0) / 1000 ))
	done | sort -n | awk '{ a[NR] = $1 } END { printf "%.2f", a[int((NR + 1) / 2)] / 1000 }'
}

# best_ms N CMD… — run CMD N times; print the shortest wall time in ms (on a
# shared machine other work only ever adds to a run's time).
best_ms() {
	local n=$1 i t0 t1; shift
	for i in $(seq "$n"); do
		t0=$(date +%s%N); "$@" >/dev/null 2>&1; t1=$(date +%s%N)
		echo $(( (t1 - t0) / 1000 ))
	done | sort -n | awk 'NR == 1 { printf "%.2f", $1 / 1000 }'
}

# verdict VALUE BUDGET — "within budget" or "OVER budget".
verdict() {
	awk -v v="$1" -v b="$2" 'BEGIN { print (v <= b) ? "within budget" : "OVER budget" }'
}

# bench_orgs DB N — a store with N generated departments under the counties
# (bench data is written directly; it is not a test of the door).
bench_orgs() {
	"$GOVNET" --db "$1" init >/dev/null
	sqlite3 "$1" <<SQL
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $2)
INSERT INTO org(id, parent_id, code, name, kind, path, created_at)
SELECT 1000 + i, 2 + i % 6, 'B' || i, '部门' || i, 'dept',
       '/1/' || (2 + i % 6) || '/' || (1000 + i) || '/', '2026-01-01T00:00:00+08:00' FROM n;
SQL
}

# bench_store DB N — the realistic store of issue 18: 10k departments in
# every county, and N records of each kind (requests, nodes, filings,
# systems, inspections, incidents, department changes, audit rows, IP
# blocks) spread over them, ids in creation order across two years; most
# records long settled, the last weeks' open, one in a hundred old
# requests still waiting (overdue).  Written in one transaction by the
# shell (the scope tables filled by their triggers), the IP blocks by
# tests/bench/ipam.py mixed; then ANALYZE, as a store that has run a while
# has its statistics (PRAGMA optimize).  Logins: b_city, b_county (连云区,
# org 2), b_dept (department 1006 in it), b_op (the city's operator).
bench_store() {
	local db=$1 n=$2
	bench_orgs "$db" 10000
	sqlite3 "$db" <<SQL || return 1
PRAGMA synchronous = OFF;
BEGIN;
INSERT INTO login(login, name, role, org_id, created_at) VALUES
  ('b_city', '市', 'office', 1, '2026-01-01T00:00:00+08:00'),
  ('b_county', '县', 'office', 2, '2026-01-01T00:00:00+08:00'),
  ('b_dept', '部门', 'dept', 1006, '2026-01-01T00:00:00+08:00'),
  ('b_op', '运维', 'operator', 1, '2026-01-01T00:00:00+08:00');
CREATE TEMP TABLE n AS
  WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < $n)
  SELECT i, 1001 + (i * 7919) % 10000 AS org, i > $n - $n / 30 AS recent,
         strftime('%Y-%m-%dT09:00:00+08:00', '2025-01-01', '+' || (i * 694 / $n) || ' days') AS at FROM c;
INSERT INTO access_request(id, org_id, reason, scope, location, traffic, tech, state, created_at, created_by)
SELECT i, org, '接入申请 ' || i, '全楼', '机房', 1 + i % 1000, '双链路',
       CASE WHEN recent THEN CASE i % 5 WHEN 0 THEN 'draft' WHEN 1 THEN 'submitted' WHEN 2 THEN 'approved'
                                         WHEN 3 THEN 'planned' ELSE 'returned' END
            WHEN i % 97 = 0 THEN 'submitted'
            ELSE CASE i % 10 WHEN 0 THEN 'rejected' WHEN 1 THEN 'withdrawn' ELSE 'implemented' END END,
       at, 'bench' FROM n;
INSERT INTO wf_clock(component, record_id, org_id, state, waiting_on, article, what, workdays, started_on, due)
SELECT 'access', id, org_id, state, 2, 'Art 11', '审核', 10, substr(created_at, 1, 10),
       date(substr(created_at, 1, 10), '+14 days') FROM access_request WHERE state IN ('submitted', 'approved');
INSERT INTO wf_history(component, record_id, org_id, verb, from_state, to_state, login, at, due_set, article)
SELECT 'access', id, org_id, 'submit', 'draft', 'submitted', 'bench', created_at,
       date(substr(created_at, 1, 10), '+14 days'), 'Art 11' FROM access_request WHERE state <> 'draft';
INSERT INTO wf_history(component, record_id, org_id, verb, from_state, to_state, login, at, met, late_days,
                       previous_due, previous_article)
SELECT 'access', id, org_id, 'approve', 'submitted', 'approved', 'bench',
       strftime('%Y-%m-%dT10:00:00+08:00', created_at, '+6 days'), 1, 0,
       date(substr(created_at, 1, 10), '+14 days'), 'Art 11' FROM access_request
 WHERE state IN ('approved', 'planned', 'implemented');
INSERT INTO node(id, org_id, location, bandwidth, state, since, created_at)
SELECT i, org, '机房 ' || i, 100 * (1 + i % 10),
       CASE WHEN i % 50 = 0 THEN 'disconnected' WHEN i % 33 = 0 THEN 'revoked' ELSE 'active' END, at, at FROM n;
INSERT INTO access_filing(id, org_id, leader, unit, person, phone, filed_at, filed_by, superseded_at)
SELECT i, org, '分管领导' || i, '信息中心', '责任人' || i, '1380513' || printf('%04d', i % 10000), at, 'bench',
       CASE WHEN i > $n - 10000 THEN NULL ELSE at END FROM n;
INSERT INTO system(id, org_id, name, level, state, created_at, created_by)
SELECT i, org, '业务系统 ' || i, 2 + i % 2,
       CASE WHEN recent THEN 'draft' WHEN i % 20 = 0 THEN 'retired' ELSE 'online' END, at, 'bench' FROM n;
INSERT INTO inspect_inspection(id, org_id, planned_on, inspector, state, created_at, created_by)
SELECT i, org, substr(at, 1, 10), '检查组', CASE WHEN recent THEN 'planned' WHEN i % 10 = 0 THEN 'closed' ELSE 'passed' END,
       at, 'bench' FROM n;
INSERT INTO incident(id, org_id, title, grade, detected_on, detected_by, state, created_at, created_by)
SELECT i, org, '安全事件 ' || i, CASE WHEN i % 100 = 0 THEN '较大' ELSE '一般' END, substr(at, 1, 10), 'bench',
       CASE WHEN recent THEN 'detected' ELSE 'closed' END, at, 'bench' FROM n;
INSERT INTO change_request(id, org_id, what, planned_at, state, created_at, created_by)
SELECT i, org, '设备更换 ' || i, substr(at, 1, 16), CASE WHEN recent THEN 'applied' ELSE 'done' END, at, 'bench' FROM n;
INSERT INTO audit(at, login, component, verb, target, org_id, reason, prev_hash, hash)
SELECT at, 'bench', 'access', 'submit', 'access_request#' || i, org, '', '', '' FROM n;
COMMIT;
SQL
	"$GOVNET" --db "$db" ip pool add 10.0.0.0/8 --org 320700 --kind business >/dev/null &&
	"$GOVNET" --db "$db" ip pool add 2001:db8::/32 --org 320700 --kind business >/dev/null &&
	/usr/bin/python3 "$GN_TEST_SRCDIR/tests/bench/ipam.py" mixed "$db" 10.0.0.0/8 2001:db8::/32 "$n" &&
	sqlite3 "$db" "ANALYZE"
}
