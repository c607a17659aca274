#!/bin/sh
# DESIGN §5 at realistic spread (issue 18): every list and report read as
# the city, a county office (连云区) and a department, on stores of N
# records of each kind (tests/bench/lib.sh bench_store), each beside the
# sqlite3 shell running the best plan for the same answer; callgrind's
# instruction counts (which repeat within 0.5%) beside wall times (which
# move 2–3× on a shared machine).  Then writes through the door beside the
# shell's statements with the same PRAGMAs, and a county rule's cost on the
# command line.  One table at the end, each line PASS or OVER; never
# asserted.  Wall times are the shortest of $RUNS runs.  Every measured
# run is stopped at a time limit: its line reads "> 60 s" and OVER, and
# the bench goes on to the next.
#
#   GN_BENCH_RECORDS="100000 1000000"  both sizes in one run, with growth
#   GN_BENCH_RESULTS=FILE              keep the figures in FILE (appended):
#                                      a later run at another size reads
#                                      the earlier one's for growth
#   GN_BENCH_CALLGRIND=no              wall times only (no valgrind)
#   GN_BENCH_LIMIT=60                  seconds a measured run may take
#   GN_BENCH_CALLGRIND_LIMIT=600       seconds a run under callgrind may take
#   GN_BENCH_STORES=DIR                build the stores in DIR and keep them
#                                      there for the next run (and for
#                                      callgrind_annotate); a store there
#                                      is used as it is, never built again
#   GN_BENCH_BUILD_ONLY=yes            build (or find) the stores, then stop
. "$GN_TEST_SRCDIR/tests/bench/lib.sh"
SIZES=$GN_BENCH_SIZES
RESULTS=${GN_BENCH_RESULTS:-$BENCH/results}
touch "$RESULTS"
RUNS=3
export GOVNET_NOW=2026-11-27T10:00:00+08:00
TODAY=2026-11-27
SOON=2026-12-01 # two working days after Friday the 27th: `govnet due`
MONTH=2026-10
CALLGRIND=${GN_BENCH_CALLGRIND:-yes}
command -v valgrind >/dev/null || CALLGRIND=no
LIMIT=${GN_BENCH_LIMIT:-60}
CGLIMIT=${GN_BENCH_CALLGRIND_LIMIT:-600}
CGLOG=$BENCH/callgrind.log
CG="timeout -k 5 $CGLIMIT valgrind --tool=callgrind --callgrind-out-file=/dev/null --log-file=$CGLOG"

# A figure past its limit is kept as T<seconds> (the table reads "> N s").
# stopped STATUS — whether timeout(1) stopped the run.
stopped() { [ "$1" = 124 ] || [ "$1" = 137 ]; }

# timed_ms CMD… — the shortest wall time of $RUNS runs, in ms; T$LIMIT when
# a run reached the limit (no more runs then).  A shell function (the
# writes) runs its commands under timeout(1) itself ($WRAP).
timed_ms() {
	local i t0 t1 rc all= limited="timeout -k 5 $LIMIT"
	case $(type "$1" 2>/dev/null) in *function*) limited= ;; esac
	for i in $(seq "$RUNS"); do
		t0=$(date +%s%N)
		$limited "$@" >/dev/null 2>&1
		rc=$?
		t1=$(date +%s%N)
		stopped "$rc" && { echo "T$LIMIT"; return; }
		all="$all $(((t1 - t0) / 1000))"
	done
	echo "$all" | tr ' ' '\n' | sed '/^$/d' | sort -n | awk 'NR == 1 { printf "%.2f", $1 / 1000 }'
}

# cg_count STATUS — the instructions callgrind counted in the run that
# ended with STATUS ("-" when none were reported, T… past the limit).
cg_count() {
	local n
	stopped "$1" && { echo "T$CGLIMIT"; return; }
	n=$(sed -n 's/.*Collected : *\([0-9]*\).*/\1/p' "$CGLOG" 2>/dev/null)
	echo "${n:--}"
}
# instructions CMD… — callgrind's count of instructions for one run ("-"
# without valgrind).
instructions() {
	[ "$CALLGRIND" = yes ] || { echo -; return; }
	rm -f "$CGLOG"
	$CG "$@" >/dev/null 2>&1
	cg_count $?
}
# resident_mb CMD… — the peak resident memory of one run, in MB.
resident_mb() {
	timeout -k 5 "$LIMIT" /usr/bin/time -f %M "$@" 2>&1 >/dev/null | tail -n1 |
		awk '$1 ~ /^[0-9]+$/ { printf "%.1f", $1 / 1024; next } { printf "-" }'
}
# record KIND WHAT WHO MS INSTR SHELL_MS SHELL_INSTR MB — one line of figures
# at the current size; KIND is list, report, write or rule (its budgets).
record() {
	printf '%s|%s|%s|%s|%s|%s|%s|%s|%s\n' "$1" "$2" "$3" "$N" "$4" "$5" "$6" "$7" "$8" >>"$RESULTS"
}
# shown FIGURE — a figure as the progress lines print it.
shown() { case $1 in T*) echo "> ${1#T} s" ;; *) echo "$1" ;; esac; }

# measure KIND WHAT WHO SQL ARGS… — govnet as WHO beside the shell's SQL.
# A command past the time limit is not run again under valgrind (some
# fifty times slower) nor for its memory.
measure() {
	local kind=$1 what=$2 who=$3 sql=$4 ms gi=- sh=- si=- mb=-; shift 4
	ms=$(GOVNET_LOGIN=$who timed_ms "$GOVNET" --db "$DB" "$@")
	case $ms in T*) ;; *)
		mb=$(GOVNET_LOGIN=$who resident_mb "$GOVNET" --db "$DB" "$@")
		gi=$(GOVNET_LOGIN=$who instructions "$GOVNET" --db "$DB" "$@")
	esac
	if [ -n "$sql" ]; then
		sh=$(timed_ms sqlite3 -json "$DB" "$sql")
		case $sh in T*) ;; *) si=$(instructions sqlite3 -json "$DB" "$sql") ;; esac
	fi
	record "$kind" "$what" "$who" "$ms" "$gi" "$sh" "$si" "$mb"
	echo "  $what as $who: $(shown "$ms") ms, $(shown "$gi") instructions, $mb MB; shell $(shown "$sh") ms, $(shown "$si")"
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

# due, as a report: the clocks in the scope falling due, in due order
# (wf_clock_due) — overdue, and within two working days (`govnet due`) —
# each owner looked up in the scope (the planner left alone joins the
# scope first and sorts it).  dues LOGIN ORG
due_sql() { # due_sql ORG CONDITION
	if [ "$1" = 1 ]; then
		echo "SELECT c.*, o.name FROM wf_clock c JOIN org o ON o.id = c.org_id
 WHERE $2 ORDER BY c.due, c.component, c.record_id LIMIT 51"
	else
		echo "SELECT c.*, o.name FROM wf_clock c INDEXED BY wf_clock_due
 CROSS JOIN org_scope s ON s.scope_org_id = $1 AND s.scope_record_id = c.org_id CROSS JOIN org o ON o.id = c.org_id
 WHERE $2 ORDER BY c.due, c.component, c.record_id LIMIT 51"
	fi
}
dues() {
	measure report "due --overdue" "$1" "$(due_sql "$2" "c.due < '$TODAY'")" due --overdue --limit 50 --json
	measure report "due (within 2 working days)" "$1" "$(due_sql "$2" "c.due >= '$TODAY' AND c.due <= '$SOON'")" \
		due --limit 50 --json
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
	$TIMED sqlite3 "$DB" "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; BEGIN IMMEDIATE; $1
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
# through $WRAP "$GOVNET" (timeout(1) while timed, valgrind under it while
# instructions are counted), beside shell_write SHELL_SQL.
TIMED="timeout -k 5 $LIMIT"
WRAP=$TIMED
write() {
	local what=$1 who=$2 sql=$3 ms gi=- sh si=-; shift 3
	ms=$(GOVNET_LOGIN=$who timed_ms "$@")
	case $ms in T*) ;; *)
		if [ "$CALLGRIND" = yes ]; then
			rm -f "$CGLOG"
			WRAP=$CG
			GOVNET_LOGIN=$who "$@" >/dev/null 2>&1
			gi=$(cg_count $?)
			WRAP=$TIMED
		fi
	esac
	sh=$(timed_ms shell_write "$sql")
	case $sh in T*) ;; *)
		si=$(instructions sqlite3 "$DB" "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; BEGIN IMMEDIATE; $sql COMMIT;")
	esac
	record write "$what" "$who" "$ms" "$gi" "$sh" "$si" -
	echo "  $what as $who: $(shown "$ms") ms, $(shown "$gi") instructions; shell $(shown "$sh") ms, $(shown "$si")"
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

# store N — the N-record store in $DB: built once into DB.part and renamed
# when complete (a build stopped half-way is never taken for a store);
# one already there is used as it is.
store() {
	local part="$DB.part" t0
	if [ -f "$DB" ]; then
		echo "  store $DB used as it is ($(du -m "$DB" | cut -f1) MB, built $(date -r "$DB" '+%F %T')): not built again"
	else
		t0=$(date +%s)
		rm -f "$part" "$part-wal" "$part-shm"
		bench_store "$part" "$1" || { echo "could not build the $1-record store"; exit 1; }
		# The pools' free space, written behind govnet's back, is built once.
		GOVNET_LOGIN=b_op "$GOVNET" --db "$part" ip alloc 10.0.0.0/8 --prefix 24 --org 320700 >/dev/null &&
		GOVNET_LOGIN=b_op "$GOVNET" --db "$part" ip alloc 2001:db8::/32 --prefix 64 --org 320700 >/dev/null &&
		sqlite3 "$part" "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null || { echo "could not build the $1-record store"; exit 1; }
		rm -f "$part-wal" "$part-shm"
		mv "$part" "$DB"
		echo "  store built in $(($(date +%s) - t0)) s: $(du -m "$DB" | cut -f1) MB"
	fi
	# A newer binary's migrations run here, not in a measured command.
	GOVNET_LOGIN=b_city "$GOVNET" --db "$DB" org list --limit 1 >/dev/null 2>&1 || { echo "could not open $DB"; exit 1; }
}

for N in $SIZES; do
	DB="${GN_BENCH_STORES:-$BENCH}/store-$N.db"
	echo "== $N records of each kind, 10k departments"
	store "$N"
	[ "${GN_BENCH_BUILD_ONLY:-}" = yes ] && continue
	POOL=$(sqlite3 "$DB" "SELECT id FROM ip_block WHERE cidr = '10.0.0.0/8'")
	SHELL_IP=$(echo "$SHELL_IP" | sed "s/(1, /($POOL, /; s/WHERE id = 1;/WHERE id = $POOL;/")
	for scope in b_city:1 b_county:2 b_dept:1006; do
		lists "${scope%:*}" "${scope#*:}"
	done
	for scope in b_city:1 b_county:2 b_dept:1006; do
		dues "${scope%:*}" "${scope#*:}"
	done
	# The city's pool (a county office may not read it).
	for who in b_city; do
		measure report "ip usage 10.0.0.0/8" "$who" "SELECT b.cidr, o.name, b.kind, b.state, b.size, b.used FROM ip_block b
 JOIN org o ON o.id = b.org_id WHERE b.parent_id = $POOL ORDER BY b.family, b.start LIMIT 101" ip usage 10.0.0.0/8
		measure report "ip free 10.0.0.0/8" "$who" \
			"SELECT cidr FROM ip_free WHERE parent_id = $POOL ORDER BY start LIMIT 101" ip free 10.0.0.0/8
	done
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
	# The month's report last: the one known to run long at 1M.
	measure report "report month" b_city "$(report_sql 1)" report month "$MONTH" --json
	measure report "report month" b_county "$(report_sql 2)" report month "$MONTH" --json
	[ -n "${GN_BENCH_STORES:-}" ] || rm -f "$DB" "$DB-wal" "$DB-shm"
done
[ "${GN_BENCH_BUILD_ONLY:-}" = yes ] && exit 0

# ---- the table -----------------------------------------------------------
# Budgets (DESIGN §5, issue 18): a list page ≤ 20 ms; a report's first
# screenful (due, ip usage, ip free, the month's report) ≤ 50 ms and
# ≤ 20 MB resident; both ≤ 3× the shell's instructions for its best plan
# and growing ≤ 1.5× from one size to the next (100k → 1M); a write within
# 1.5× of the shell's wall time.  A run stopped at its limit is OVER.
# Growth is of instructions (wall times where a size has none) against the
# next smaller size the results hold for the same line.
echo
echo "DESIGN §5 budgets: list ≤ 20 ms; report ≤ 50 ms, ≤ 20 MB; both ≤ 3× shell, growth ≤ 1.5× per size; write ≤ 1.5× shell (wall); limit $LIMIT s a run, $CGLIMIT s under callgrind"
awk -F'|' '
function num(x) { return x == "-" || x == "" || x ~ /^T/ ? -1 : x + 0 }
function ms_text(x) { return x ~ /^T/ ? "> " substr(x, 2) " s" : x }
function mi_text(x) { return x ~ /^T/ ? "> " substr(x, 2) " s" : num(x) > 0 ? sprintf("%.1f", x / 1e6) : "-" }
{ key = $1 "|" $2 "|" $3; if (!(key in seen)) { seen[key] = 1; order[++nk] = key }
  row[key SUBSEP ($4 + 0)] = $0; sizes[$4 + 0] = 1 }
END {
  ns = 0; for (s in sizes) list[++ns] = s + 0
  for (i = 1; i <= ns; i++) for (j = i + 1; j <= ns; j++) if (list[j] < list[i]) { t = list[i]; list[i] = list[j]; list[j] = t }
  fmt = "%-38s %-9s %8s %9s %9s %9s %9s %6s %6s %6s  %s\n"
  printf fmt, "what", "as", "records", "ms", "shell ms", "Minstr", "shell Mi", "ratio", "growth", "MB", "verdict"
  for (k = 1; k <= nk; k++) {
    key = order[k]; prev = ""
    for (i = 1; i <= ns; i++) {
      if (!((key SUBSEP list[i]) in row)) continue
      split(row[key SUBSEP list[i]], f, "|")
      kind = f[1]; ms = num(f[5]); gi = num(f[6]); sh = num(f[7]); si = num(f[8]); mb = num(f[9])
      ratio = "-"; growth = "-"; why = ""
      if (kind == "write") { if (ms > 0 && sh > 0) ratio = sprintf("%.2f", ms / sh) }
      else if (gi > 0 && si > 0) ratio = sprintf("%.1f", gi / si)
      if (prev != "") {
        split(prev, g, "|")
        if (gi > 0 && num(g[6]) > 0) growth = sprintf("%.2f", gi / num(g[6]))
        else if (ms > 0 && num(g[5]) > 0) growth = sprintf("%.2f", ms / num(g[5])) "w"
      }
      prev = row[key SUBSEP list[i]]
      if (f[5] ~ /^T/ || f[6] ~ /^T/ || f[7] ~ /^T/) why = why " limit"
      if (kind == "list" && ms > 20) why = why " ms"
      if (kind == "report" && ms > 50) why = why " ms"
      if (kind == "report" && mb > 20) why = why " MB"
      if (kind != "write" && ratio != "-" && ratio + 0 > 3) why = why " ratio"
      if (kind != "write" && growth != "-" && growth + 0 > 1.5) why = why " growth"
      if (kind == "write" && ratio != "-" && ratio + 0 > 1.5) why = why " ratio"
      printf fmt, f[2], f[3], f[4], ms_text(f[5]), ms_text(f[7]), mi_text(f[6]), mi_text(f[8]), ratio, growth,
        f[9], (why == "" ? "PASS" : "OVER (" substr(why, 2) ")")
    }
  }
}' "$RESULTS"
