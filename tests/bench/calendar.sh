#!/bin/sh
# DESIGN §1, issue 4: `calendar add` throughput.  Deadlines are computed on
# every transition and for every row of the due lists, so counting working
# days must cost next to nothing once the schedule is cached.
. "$GN_TEST_SRCDIR/tests/bench/lib.sh"
DB="$BENCH/calendar.db"
"$GOVNET" --db "$DB" init >/dev/null
N=${GN_BENCH_RECORDS:-300000}
# Dates across 2024–2026, counts 0–60, in a fixed pseudo-random order.
awk -v n="$N" 'BEGIN {
	srand(4); split("31 28 31 30 31 30 31 31 30 31 30 31", len, " ")
	for (i = 0; i < n; i++) {
		y = 2024 + int(rand() * 3); m = 1 + int(rand() * 12); d = 1 + int(rand() * len[m])
		printf "%04d-%02d-%02d %d\n", y, m, d, int(rand() * 61)
	}
}' >"$BENCH/pairs"
t0=$(date +%s%N)
"$GOVNET" --db "$DB" calendar add --stdin <"$BENCH/pairs" >"$BENCH/out" 2>/dev/null
t1=$(date +%s%N)
got=$(wc -l <"$BENCH/out")
rate=$(awk -v n="$got" -v ns="$((t1 - t0))" 'BEGIN { printf "%d", n / (ns / 1e9) }')
echo "calendar add: $rate per second ($got dates in one process, reading and printing included)"
one=$(median_ms 21 "$GOVNET" --db "$DB" calendar add 2026-09-18 10)
echo "  one \`govnet calendar add\` from the command line: $one ms"
