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

# verdict VALUE BUDGET — "within budget" or "OVER budget".
verdict() {
	awk -v v="$1" -v b="$2" 'BEGIN { print (v <= b) ? "within budget" : "OVER budget" }'
}

# list_vs_shell WHAT DB SQL CMD… — time CMD and the same SQL in the sqlite3
# shell; print both against the budget (≤ 20 ms, ≤ 3× the shell).
list_vs_shell() {
	local what=$1 db=$2 sql=$3 gov shell ratio; shift 3
	gov=$(median_ms 21 "$@")
	shell=$(median_ms 21 sqlite3 -json "$db" "$sql")
	ratio=$(awk -v a="$gov" -v b="$shell" 'BEGIN { printf "%.1f", a / b }')
	echo "$what: $gov ms (budget 20 ms: $(verdict "$gov" 20))"
	echo "  the same query in the sqlite3 shell: $shell ms; ratio ${ratio}× (budget 3×: $(verdict "$ratio" 3))"
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
