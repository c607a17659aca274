#!/bin/sh
# Issue 19: a 20k-row address ledger imported in one transaction (a pool
# and 20000 blocks under it, each row the ordinary `ip assign` through the
# door), with the dry run beside it.  Figures only: the time is printed,
# never asserted.
. "$GN_TEST_SRCDIR/tests/bench/lib.sh"
DB="$BENCH/import.db"
"$GOVNET" --db "$DB" init --demo >/dev/null
N=20000
awk -v n="$N" 'BEGIN {
	print "类别,网段,归属组织,地址类型,用途"
	print "地址池,10.200.0.0/14,东海县,mixed,东海县存量地址"
	for (i = 0; i < n; i++)
		printf "网段,10.%d.%d.%d/29,东海县教育局,business,业务%d\n", 200 + int(i / 8192), int(i / 32) % 256, (i % 32) * 8, i
}' >"$BENCH/ip.csv"
ms() { t0=$(date +%s%N); "$@" >/dev/null 2>&1; t1=$(date +%s%N); echo $(( (t1 - t0) / 1000000 )); }
dry=$(ms "$GOVNET" --db "$DB" import ip "$BENCH/ip.csv" --dry-run)
real=$(ms "$GOVNET" --db "$DB" import ip "$BENCH/ip.csv")
got=$(sqlite3 "$DB" "SELECT count(*) FROM ip_block WHERE cidr LIKE '10.20_.%' OR cidr LIKE '10.2__.%'")
audits=$(sqlite3 "$DB" "SELECT count(*) FROM audit WHERE component = 'import'")
rate=$(awk -v n="$N" -v ms="$real" 'BEGIN { printf "%d", (n + 1) / (ms / 1000) }')
echo "import ip, $((N + 1)) rows: $real ms in one transaction ($rate rows per second; $got blocks stored, $audits import audit entry)"
echo "  the same ledger as --dry-run: $dry ms"
