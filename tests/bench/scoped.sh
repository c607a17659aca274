#!/bin/sh
# DESIGN §5 at realistic spread (issue 18): 100k requests over 10k
# departments in every county, read as the city, a county office and a
# department; each page beside the sqlite3 shell running the best plan for
# the same answer, with callgrind's instruction counts (which repeat within
# 0.5%) beside wall times (which move 2–3× on a shared machine).  Also
# `due --overdue`, paged, and a write through the door beside the shell's
# INSERT.  Printed PASS/OVER; never asserted.
. "$GN_TEST_SRCDIR/tests/bench/lib.sh"
N=${GN_BENCH_RECORDS:-100000}
DB="$BENCH/scoped.db"
bench_orgs "$DB" 10000
sqlite3 "$DB" <<SQL
INSERT INTO login(login, name, role, org_id, created_at) VALUES
  ('b_city', '市', 'office', 1, '2026-01-01T00:00:00+08:00'),
  ('b_county', '县', 'office', 2, '2026-01-01T00:00:00+08:00'),
  ('b_dept', '部门', 'dept', 1006, '2026-01-01T00:00:00+08:00');
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $N)
INSERT INTO access_request(id, org_id, reason, scope, location, traffic, tech, state, created_at, created_by)
SELECT i, 1001 + (i * 7919) % 10000, '接入申请 ' || i, '全楼', '机房', 1 + i % 1000, '双链路',
       CASE i % 4 WHEN 0 THEN 'submitted' WHEN 1 THEN 'approved' WHEN 2 THEN 'implemented' ELSE 'draft' END,
       '2026-01-01T09:00:00+08:00', 'bench' FROM n;
INSERT INTO wf_clock(component, record_id, org_id, state, waiting_on, article, what, workdays, started_on, due)
SELECT 'access', id, org_id, state, 2, 'Art 11', '审核', 10, '2026-01-01',
       date('2026-01-15', '+' || (id % 900) || ' days') FROM access_request WHERE state IN ('submitted', 'approved');
SQL
export GOVNET_NOW=2026-06-01T10:00:00+08:00

# instructions CMD… — callgrind's count of instructions for one run.
instructions() {
	valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" 2>&1 >/dev/null |
		sed -n 's/.*Collected : *\([0-9]*\).*/\1/p'
}
pass_over() { awk -v v="$1" -v b="$2" 'BEGIN { print (v <= b) ? "PASS" : "OVER" }'; }

# page WHAT LOGIN SQL ARGS… — govnet as LOGIN beside the shell's SQL.
page() {
	local what=$1 who=$2 sql=$3 ms sh gi si; shift 3
	ms=$(GOVNET_LOGIN=$who median_ms 7 "$GOVNET" --db "$DB" "$@")
	sh=$(median_ms 7 sqlite3 -json "$DB" "$sql")
	gi=$(GOVNET_LOGIN=$who instructions "$GOVNET" --db "$DB" "$@")
	si=$(instructions sqlite3 -json "$DB" "$sql")
	printf '%-44s %7s ms %6s ms(shell) %12s instr %12s instr(shell) %5s×  20 ms: %s  3×: %s\n' \
		"$what as $who" "$ms" "$sh" "$gi" "$si" "$(awk -v a="$gi" -v b="$si" 'BEGIN { printf "%.1f", a / b }')" \
		"$(pass_over "$ms" 20)" "$(pass_over "$(awk -v a="$gi" -v b="$si" 'BEGIN { print a / b }')" 3)"
}

REQ="r.id, o.name, r.reason, r.traffic, r.state, c.due FROM access_request r JOIN org o ON o.id = r.org_id
 LEFT JOIN wf_clock c ON c.component = 'access' AND c.record_id = r.id"
echo "== $N requests, 10k departments"
page "access list --limit 50" b_city "SELECT $REQ ORDER BY r.id LIMIT 51" access list --limit 50 --json
for who in b_county:2 b_dept:1006; do
	page "access list --limit 50" "${who%:*}" \
		"SELECT $REQ JOIN access_request_scope s ON s.scope_record_id = r.id WHERE s.scope_org_id = ${who#*:} ORDER BY s.scope_record_id LIMIT 51" \
		access list --limit 50 --json
	page "access list --overdue --limit 50" "${who%:*}" \
		"SELECT $REQ JOIN access_request_scope s ON s.scope_record_id = r.id WHERE s.scope_org_id = ${who#*:} AND c.due < '2026-06-01' ORDER BY s.scope_record_id LIMIT 51" \
		access list --overdue --limit 50 --json
	page "org list --limit 50" "${who%:*}" \
		"SELECT o.id, o.code, o.name, o.kind, p.name FROM org_scope s JOIN org o ON o.id = s.scope_record_id LEFT JOIN org p ON p.id = o.parent_id WHERE s.scope_org_id = ${who#*:} ORDER BY s.scope_record_id LIMIT 51" \
		org list --limit 50 --json
done
page "org list --limit 50" b_city "SELECT o.id, o.code, o.name, o.kind, p.name FROM org o LEFT JOIN org p ON p.id = o.parent_id ORDER BY o.id LIMIT 51" \
	org list --limit 50 --json
page "due --overdue --limit 50" b_county \
	"SELECT c.component, c.record_id, c.due, o.name FROM wf_clock c JOIN org o ON o.id = c.org_id WHERE c.due < '2026-06-01' AND o.path >= '/1/2/' AND o.path < '/1/20' ORDER BY c.due, c.component, c.record_id LIMIT 51" \
	due --overdue --limit 50 --json

# A write through the door, one process, beside the shell's INSERTs with
# the same PRAGMAs as the store (store.c: WAL, synchronous = FULL; the
# audit row included).
shell_write() { # shell_write SYNC — the door's write as the shell does it
	sh -c 'i=$(od -An -N4 -tu4 /dev/urandom | tr -d " "); exec sqlite3 "$0" "PRAGMA journal_mode=WAL; PRAGMA synchronous=$1; PRAGMA foreign_keys=ON;
 BEGIN IMMEDIATE; INSERT INTO org(parent_id, name, kind, path, created_at) VALUES (2, '"'"'壳$i'"'"', '"'"'dept'"'"', '"'"'new:'"'"' || random(), '"'"'x'"'"');
 UPDATE org SET path = '"'"'/1/2/'"'"' || id || '"'"'/'"'"' WHERE id = last_insert_rowid();
 INSERT INTO audit(at, login, component, verb, prev_hash, hash) VALUES ('"'"'x'"'"', '"'"'b'"'"', '"'"'org'"'"', '"'"'add'"'"', '"'"''"'"', '"'"''"'"'); COMMIT;" >/dev/null' "$DB" "$1"
}
w=$(GOVNET_LOGIN=b_city median_ms 7 sh -c 'i=$(od -An -N4 -tu4 /dev/urandom | tr -d " "); exec "$0" --db "$1" org add "写入$i" --parent 320722' "$GOVNET" "$DB")
s=$(median_ms 7 shell_write FULL)
printf '%-44s %7s ms %6s ms(shell) %5s×  1.5×: %s\n' "org add (a write through the door)" "$w" "$s" \
	"$(awk -v a="$w" -v b="$s" 'BEGIN { printf "%.1f", a / b }')" "$(pass_over "$(awk -v a="$w" -v b="$s" 'BEGIN { print a / b }')" 1.5)"

# What durability costs (issue 15): the same write with synchronous = FULL,
# as the store runs, and NORMAL, which can lose commits already reported
# when the power goes.  FULL syncs the WAL at every commit.
full=$(median_ms 11 shell_write FULL)
normal=$(median_ms 11 shell_write NORMAL)
printf '%-44s %7s ms (FULL) %6s ms (NORMAL)  FULL costs %s ms a write (%s×)\n' "a write, synchronous FULL vs NORMAL" \
	"$full" "$normal" "$(awk -v a="$full" -v b="$normal" 'BEGIN { printf "%.2f", a - b }')" \
	"$(awk -v a="$full" -v b="$normal" 'BEGIN { printf "%.1f", (b > 0 ? a / b : 0) }')"
