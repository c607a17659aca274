#!/bin/sh
# DESIGN §5 at realistic spread (issue 18): every list and report read as
# the city, a county office (连云区) and a department, on stores of N
# records of each kind (tests/bench/lib.sh bench_store), each beside the
# sqlite3 shell running the best plan for the same answer; callgrind's
# instruction counts (which repeat within 0.5%) beside wall times (which
# move 2–3× on a shared machine).  Then writes through the door beside the
# shell's statements with the same PRAGMAs, and a county rule's cost on the
# command line.  One table at the end, each line PASS or OVER; never
# asserted.  Wall times are the shortest of $RUNS runs.
#
#   GN_BENCH_RECORDS="100000 1000000"  both sizes in one run, with growth
#   GN_BENCH_RESULTS=FILE              keep the figures in FILE (appended):
#                                      a later run at another size reads
#                                      the earlier one's for growth
#   GN_BENCH_CALLGRIND=no              wall times only (no valgrind)
#   GN_BENCH_STORES=DIR                build the stores in DIR and keep them
#                                      there for the next run (and for
#                                      callgrind_annotate)
. "$GN_TEST_SRCDIR/tests/bench/lib.sh"
SIZES=$GN_BENCH_SIZES
RESULTS=${GN_BENCH_RESULTS:-$BENCH/results}
touch "$RESULTS"
RUNS=3
export GOVNET_NOW=2026-11-27T10:00:00+08:00
TODAY=2026-11-27
MONTH=2026-10
CALLGRIND=${GN_BENCH_CALLGRIND:-yes}
command -v valgrind >/dev/null || CALLGRIND=no

# instructions CMD… — callgrind's count of instructions for one run ("-"
# without valgrind or past five minutes).
instructions() {
	local n
	[ "$CALLGRIND" = yes ] || { echo -; return; }
	n=$(timeout 300 valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" 2>&1 >/dev/null |
		sed -n 's/.*Collected : *\([0-9]*\).*/\1/p')
	echo "${n:--}"
}
# resident_mb CMD… — the peak resident memory of one run, in MB.
resident_mb() {
	/usr/bin/time -f %M "$@" 2>&1 >/dev/null | tail -n1 | awk '{ printf "%.1f", $1 / 1024 }'
}
# record KIND WHAT WHO MS INSTR SHELL_MS SHELL_INSTR MB — one line of figures
# at the current size; KIND is list, report, write or rule (its budgets).
record() {
	printf '%s|%s|%s|%s|%s|%s|%s|%s|%s\n' "$1" "$2" "$3" "$N" "$4" "$5" "$6" "$7" "$8" >>"$RESULTS"
}

# measure KIND WHAT WHO SQL ARGS… — govnet as WHO beside the shell's SQL.
measure() {
	local kind=$1 what=$2 who=$3 sql=$4 ms gi sh=- si=- mb; shift 4
	ms=$(GOVNET_LOGIN=$who best_ms "$RUNS" "$GOVNET" --db "$DB" "$@")
	mb=$(GOVNET_LOGIN=$who resident_mb "$GOVNET" --db "$DB" "$@")
	gi=$(GOVNET_LOGIN=$who instructions "$GOVNET" --db "$DB" "$@")
	if [ -n "$sql" ]; then
		sh=$(best_ms "$RUNS" sqlite3 -json "$DB" "$sql")
		si=$(instructions sqlite3 -json "$DB" "$sql")
	fi
	record "$kind" "$what" "$who" "$ms" "$gi" "$sh" "$si" "$mb"
	echo "  $what as $who: $ms ms, $gi instructions; shell $sh ms, $si"
}

# The best plan for a page of TABLE's records in a scope: the scope table's
# index range in id order (the city reads the table in id order), with the
# owner's name.  page_sql TABLE SCOPE_TABLE ORG [CONDITION [JOIN]]
page_sql() {
	local t=$1 s=$2 org=$3 cond=${4:-1} join=${5:-}
	if [ "$org" = 1 ]; then
		echo "SELECT t.*, o.name FROM $t t JOIN org o ON o.id = t.org_id $join WHERE $cond ORDER BY t.id LIMIT 51"
	else
		echo "SELECT t.*, o.name FROM $s s JOIN $t t ON t.id = s.scope_record_id JOIN org o ON o.id = t.org_id $join
 WHERE s.scope_org_id = $org AND $cond ORDER BY s.scope_record_id LIMIT 51"
	fi
}

CLOCK="LEFT JOIN wf_clock c ON c.component = 'access' AND c.record_id = t.id"
lists() { # lists LOGIN ORG
	local who=$1 org=$2
	if [ "$org" = 1 ]; then
		measure list "org list" "$who" "SELECT o.id, o.code, o.name, o.kind, p.name FROM org o LEFT JOIN org p ON p.id = o.parent_id ORDER BY o.id LIMIT 51" \
			org list --limit 50 --json
	else
		measure list "org list" "$who" "SELECT o.id, o.code, o.name, o.kind, p.name FROM org_scope s JOIN org o ON o.id = s.scope_record_id
 LEFT JOIN org p ON p.id = o.parent_id WHERE s.scope_org_id = $org ORDER BY s.scope_record_id LIMIT 51" \
			org list --limit 50 --json
	fi
	measure list "access list" "$who" "$(page_sql access_request access_request_scope "$org" 1 "$CLOCK")" \
		access list --limit 50 --json
	# A department's pages differ from the county's only in their range.
	[ "$who" = b_dept ] && return
	measure list "access list --overdue" "$who" \
		"$(page_sql access_request access_request_scope "$org" "c.due < '$TODAY'" "JOIN wf_clock c ON c.component = 'access' AND c.record_id = t.id")" \
		access list --overdue --limit 50 --json
	measure list "nodes (access list --view nodes)" "$who" "$(page_sql node node_scope "$org")" \
		access list --view nodes --limit 50 --json
	measure list "filings (access list --view filings)" "$who" \
		"$(page_sql access_filing access_filing_scope "$org" "t.superseded_at IS NULL")" \
		access list --view filings --limit 50 --json
	measure list "system list" "$who" "$(page_sql system system_scope "$org")" system list --limit 50 --json
	measure list "inspect list" "$who" "$(page_sql inspect_inspection inspect_inspection_scope "$org")" \
		inspect list --limit 50 --json
	measure list "incident list" "$who" "$(page_sql incident incident_scope "$org")" incident list --limit 50 --json
	measure list "change list --view requests" "$who" "$(page_sql change_request change_request_scope "$org")" \
		change list --view requests --limit 50 --json
	# due: the clocks in the scope falling due, in due order (wf_clock_due),
	# each owner looked up in the scope (the planner left alone joins the
	# scope first and sorts it).
	if [ "$org" = 1 ]; then
		measure report "due --overdue" "$who" "SELECT c.*, o.name FROM wf_clock c JOIN org o ON o.id = c.org_id
 WHERE c.due < '$TODAY' ORDER BY c.due, c.component, c.record_id LIMIT 51" due --overdue --limit 50 --json
	else
		measure report "due --overdue" "$who" "SELECT c.*, o.name FROM wf_clock c INDEXED BY wf_clock_due
 CROSS JOIN org_scope s ON s.scope_org_id = $org AND s.scope_record_id = c.org_id CROSS JOIN org o ON o.id = c.org_id
 WHERE c.due < '$TODAY' ORDER BY c.due, c.component, c.record_id LIMIT 51" due --overdue --limit 50 --json
	fi
	# ip list in address order (ip_block_addr), each owner looked up in the
	# scope.
	if [ "$org" = 1 ]; then
		measure list "ip list" "$who" "SELECT b.*, o.name FROM ip_block b JOIN org o ON o.id = b.org_id ORDER BY b.addr_key LIMIT 51" \
			ip list --limit 50 --json
	else
		measure list "ip list" "$who" "SELECT b.*, o.name FROM ip_block b INDEXED BY ip_block_addr
 CROSS JOIN org_scope s ON s.scope_org_id = $org AND s.scope_record_id = b.org_id CROSS JOIN org o ON o.id = b.org_id
 ORDER BY b.addr_key LIMIT 51" \
			ip list --limit 50 --json
	fi
}

# The month's report: the shell reads the access section's figures (the
# month's submissions and approvals per county) from wf_history by time.
report_sql() { # report_sql ORG
	echo "SELECT substr(o.path, 1, instr(substr(o.path, 4), '/') + 3) AS county, h.verb, count(*) FROM wf_history h
 JOIN org o ON o.id = h.org_id WHERE h.at >= '$MONTH-01' AND h.at < date('$MONTH-01', '+1 month')
 $([ "$1" = 1 ] || echo "AND o.path >= '/1/$1/' AND o.path < '/1/$10'") GROUP BY 1, 2"
}

# A write through the door (synchronous = FULL, WAL: store.c) beside the
# shell's statements for the same rows and the audit row, with the same
# PRAGMAs, one process per write.  shell_write SQL — SQL inside a transaction.
shell_write() {
	sqlite3 "$DB" "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; BEGIN IMMEDIATE; $1
 INSERT INTO audit(at, login, component, verb, target, prev_hash, hash)
 VALUES ('x', 'b', 'bench', 'write', '', (SELECT hash FROM audit ORDER BY id DESC LIMIT 1), hex(randomblob(32))); COMMIT;" >/dev/null
}
SHELL_ORG="INSERT INTO org(parent_id, name, kind, path, created_at) VALUES (4, '壳' || hex(randomblob(6)), 'dept', 'new:' || random(), 'x');
 UPDATE org SET path = '/1/4/' || id || '/' WHERE id = last_insert_rowid();"
SHELL_IP="INSERT INTO ip_block(parent_id, family, start, plen, cidr, path, org_id, kind, size, created_by, created_at, changed_by, changed_at)
 VALUES (1, 4, randomblob(16), 28, hex(randomblob(8)), '/1/x/', 1, 'business', 16, 'b', 'x', 'b', 'x');
 UPDATE ip_block SET used = used + 16 WHERE id = 1;
 DELETE FROM ip_free WHERE id = (SELECT id FROM ip_free ORDER BY id LIMIT 1);
 INSERT INTO ip_free(parent_id, start, plen, cidr) VALUES (1, randomblob(16), 29, 'x');"
SHELL_MOVE="UPDATE access_request SET state = 'approved' WHERE id = (SELECT id FROM access_request WHERE state = 'submitted' LIMIT 1);
 UPDATE wf_clock SET state = 'approved', due = '2026-12-31' WHERE component = 'access' AND record_id = 1;
 INSERT INTO wf_history(component, record_id, org_id, verb, from_state, to_state, login, at, met, late_days)
 VALUES ('access', 1, 1001, 'approve', 'submitted', 'approved', 'b', 'x', 1, 0);"
# write WHAT WHO SHELL_SQL FUNCTION ARGS… — FUNCTION makes one write a run
# through $WRAP "$GOVNET" (WRAP is valgrind while instructions are counted),
# beside shell_write SHELL_SQL.
WRAP=
write() {
	local what=$1 who=$2 sql=$3 ms gi=- sh si; shift 3
	ms=$(GOVNET_LOGIN=$who best_ms "$RUNS" "$@")
	if [ "$CALLGRIND" = yes ]; then
		WRAP="valgrind --tool=callgrind --callgrind-out-file=/dev/null"
		gi=$(GOVNET_LOGIN=$who "$@" 2>&1 | sed -n 's/.*Collected : *\([0-9]*\).*/\1/p')
		WRAP=
	fi
	sh=$(best_ms "$RUNS" shell_write "$sql")
	si=$(instructions sqlite3 "$DB" "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; BEGIN IMMEDIATE; $sql COMMIT;")
	record write "$what" "$who" "$ms" "$gi" "$sh" "$si" -
	echo "  $what as $who: $ms ms, $gi instructions; shell $sh ms, $si"
}
org_add() { # org_add PARENT — a new department, named afresh each run
	$WRAP "$GOVNET" --db "$DB" org add "新部门$(od -An -N6 -tx1 /dev/urandom | tr -d ' ')" --parent "$1" >/dev/null
}
ip_alloc() { $WRAP "$GOVNET" --db "$DB" ip alloc 10.0.0.0/8 --prefix 28 --org 320707 >/dev/null; }
approve() { # the next submitted request of 连云区 approved by its office
	local id
	id=$(sqlite3 "$DB" "SELECT s.scope_record_id FROM access_request_scope s JOIN access_request r ON r.id = s.scope_record_id
 WHERE s.scope_org_id = 2 AND r.state = 'submitted' ORDER BY s.scope_record_id DESC LIMIT 1")
	$WRAP "$GOVNET" --db "$DB" access approve "$id" >/dev/null
}

for N in $SIZES; do
	DB="${GN_BENCH_STORES:-$BENCH}/store-$N.db"
	echo "== $N records of each kind, 10k departments"
	if [ ! -f "$DB" ]; then
		t0=$(date +%s)
		bench_store "$DB" "$N" || { echo "could not build the $N-record store"; exit 1; }
		echo "  store built in $(($(date +%s) - t0)) s: $(du -m "$DB" | cut -f1) MB"
		# The pools' free space, written behind govnet's back, is built once.
		GOVNET_LOGIN=b_op "$GOVNET" --db "$DB" ip alloc 10.0.0.0/8 --prefix 24 --org 320700 >/dev/null
		GOVNET_LOGIN=b_op "$GOVNET" --db "$DB" ip alloc 2001:db8::/32 --prefix 64 --org 320700 >/dev/null
	fi
	POOL=$(sqlite3 "$DB" "SELECT id FROM ip_block WHERE cidr = '10.0.0.0/8'")
	SHELL_IP=$(echo "$SHELL_IP" | sed "s/(1, /($POOL, /; s/WHERE id = 1;/WHERE id = $POOL;/")
	for scope in b_city:1 b_county:2 b_dept:1006; do
		lists "${scope%:*}" "${scope#*:}"
	done
	# The city's pool (a county office may not read it).
	for who in b_city; do
		measure report "ip usage 10.0.0.0/8" "$who" "SELECT b.cidr, o.name, b.kind, b.state, b.size, b.used FROM ip_block b
 JOIN org o ON o.id = b.org_id WHERE b.parent_id = $POOL ORDER BY b.family, b.start LIMIT 101" ip usage 10.0.0.0/8
		measure report "ip free 10.0.0.0/8" "$who" \
			"SELECT cidr FROM ip_free WHERE parent_id = $POOL ORDER BY start LIMIT 101" ip free 10.0.0.0/8
	done
	measure report "report month" b_city "$(report_sql 1)" report month "$MONTH" --json
	measure report "report month --org 连云区" b_county "$(report_sql 2)" report month "$MONTH" --org 连云区 --json
	write "org add" b_city "$SHELL_ORG" org_add 320707
	write "ip alloc" b_op "$SHELL_IP" ip_alloc
	write "access approve (a transition)" b_county "$SHELL_MOVE" approve
	# A county rule on the command line: each write in 东海县 loads and runs
	# its one validate rule (the Lua sandbox built for the command).
	cat >"$BENCH/names.lua" <<'LUA'
function validate(event)
  if event.plugin == "org" and event.verb == "add" and event.record.name:find("测试", 1, true) then
    return false, "组织名称不得含“测试”"
  end
end
LUA
	[ "$(sqlite3 "$DB" "SELECT count(*) FROM rule")" = 0 ] &&
		GOVNET_LOGIN=$(id -un) "$GOVNET" --db "$DB" rules add "$BENCH/names.lua" --org 东海县 >/dev/null
	write "org add under a county rule" b_city "$SHELL_ORG" org_add 320722
	[ -n "${GN_BENCH_STORES:-}" ] || rm -f "$DB" "$DB-wal" "$DB-shm"
done

# ---- the table -----------------------------------------------------------
# Budgets (DESIGN §5): a list page ≤ 20 ms, ≤ 3× the shell's instructions,
# growth of instructions from the smallest to the largest size ≤ 1.5×; a
# report's first screenful ≤ 50 ms and ≤ 20 MB resident (and ≤ 3× the
# shell's best plan); a write within 1.5× of the shell's wall time.
echo
echo "DESIGN §5 budgets: list ≤ 20 ms, ≤ 3× shell, growth ≤ 1.5×; report ≤ 50 ms, ≤ 20 MB, ≤ 3× shell; write ≤ 1.5× shell (wall)"
awk -F'|' '
function num(x) { return x == "-" || x == "" ? -1 : x + 0 }
{ key = $1 "|" $2 "|" $3; if (!(key in seen)) { seen[key] = 1; order[++nk] = key; lo[key] = $4 + 0 }
  row[key SUBSEP $4] = $0; if ($4 + 0 < lo[key]) lo[key] = $4 + 0
  sizes[$4 + 0] = 1 }
END {
  ns = 0; for (s in sizes) list[++ns] = s + 0
  for (i = 1; i <= ns; i++) for (j = i + 1; j <= ns; j++) if (list[j] < list[i]) { t = list[i]; list[i] = list[j]; list[j] = t }
  printf "%-38s %-9s %8s %9s %9s %9s %9s %6s %6s %6s  %s\n", "what", "as", "records", "ms", "shell ms", "Minstr", "shell Mi", "ratio", "growth", "MB", "verdict"
  for (k = 1; k <= nk; k++) {
    key = order[k]
    for (i = 1; i <= ns; i++) {
      if (!((key SUBSEP list[i]) in row)) continue
      split(row[key SUBSEP list[i]], f, "|")
      kind = f[1]; ms = num(f[5]); gi = num(f[6]); sh = num(f[7]); si = num(f[8]); mb = num(f[9])
      ratio = "-"; growth = "-"; why = ""
      if (kind == "write") { if (sh > 0) ratio = sprintf("%.2f", ms / sh) }
      else if (gi > 0 && si > 0) ratio = sprintf("%.1f", gi / si)
      small = lo[key]
      if (list[i] > small && ((key SUBSEP small) in row)) {
        split(row[key SUBSEP small], g, "|"); g0 = num(g[6])
        if (g0 > 0 && gi > 0) growth = sprintf("%.2f", gi / g0)
      }
      if (kind == "list" && ms > 20) why = why " ms"
      if (kind == "report" && ms > 50) why = why " ms"
      if (kind == "report" && mb > 20) why = why " MB"
      if (kind != "write" && ratio != "-" && ratio + 0 > 3) why = why " ratio"
      if (kind == "list" && growth != "-" && growth + 0 > 1.5) why = why " growth"
      if (kind == "write" && ratio != "-" && ratio + 0 > 1.5) why = why " ratio"
      printf "%-38s %-9s %8s %9s %9s %9s %9s %6s %6s %6s  %s\n", f[2], f[3], f[4], f[5], f[7],
        (gi > 0 ? sprintf("%.1f", gi / 1e6) : "-"), (si > 0 ? sprintf("%.1f", si / 1e6) : "-"), ratio, growth,
        f[9], (why == "" ? "PASS" : "OVER (" substr(why, 2) ")")
    }
  }
}' "$RESULTS"
