#!/bin/sh
# DESIGN §5: the next free prefix in a /8 holding 1M allocated blocks, at
# most 1 ms per allocation and flat from 10k to 1M blocks; side by side, the
# netaddr IPSet difference NetBox uses.  Then `ip free` on that /8, and 8
# processes allocating 500 blocks each in one pool.
#
# NetBox's side needs Debian's python3-netaddr (apt-get install
# python3-netaddr) and runs under /usr/bin/python3, which a pyenv python3
# on PATH would not see.
. "$GN_TEST_SRCDIR/tests/bench/lib.sh"
PY=/usr/bin/python3
HELPER="$GN_TEST_SRCDIR/tests/bench/ipam.py"
POOL=10.0.0.0/8
if ! "$PY" -c 'import netaddr' 2>/dev/null; then
	echo "ip: python3-netaddr is not installed: the NetBox column is left out (apt-get install python3-netaddr)"
	NETADDR=no
else
	NETADDR=yes
fi

now_ns() { date +%s%N; }
# ms_since T0 [DIVISOR] — milliseconds since T0, divided by DIVISOR.
ms_since() { awk -v a="$1" -v b="$(now_ns)" -v d="${2:-1}" 'BEGIN { printf "%.3f", (b - a) / 1e6 / d }'; }

# A store whose pool $POOL holds N /30 blocks (tests/bench/ipam.py gen).
make_store() {
	"$GOVNET" --db "$1" init >/dev/null &&
	"$GOVNET" --db "$1" ip pool add "$POOL" --org 320700 --kind business >/dev/null &&
	"$PY" "$HELPER" gen "$1" "$POOL" "$2"
}

echo "ip: next free prefix in $POOL (budget ≤ 1 ms per allocation, flat from 10k to 1M blocks)"
printf '  %-8s %-14s %-14s %-16s %-14s %-16s %s\n' blocks "first alloc" "alloc /24" "alloc /30" "one process" "NetBox netaddr" "same block"
WORST=0
# 10k, 100k and 1M blocks; GN_BENCH_RECORDS=N: N/10 and N.
SIZES="10000 100000 1000000"
[ -n "${GN_BENCH_RECORDS:-}" ] && SIZES="$((GN_BENCH_RECORDS / 10)) $GN_BENCH_RECORDS"
LARGEST=${SIZES##* }
for n in $SIZES; do
	DB="$BENCH/ipam-$n.db"
	make_store "$DB" "$n" || { echo "  could not build the $n-block store"; exit 1; }
	nb_block=- nb_ms=-
	if [ "$NETADDR" = yes ]; then
		reps=3; [ "$n" = "$LARGEST" ] && reps=1
		set -- $("$PY" "$HELPER" netbox "$DB" "$POOL" 24 "$reps")
		nb_block=$1
		nb_ms=$(awk -v s="$2" 'BEGIN { printf "%.1f ms", s * 1000 }')
	fi
	# The first allocation also builds the pool's free-space index from
	# the blocks written behind govnet's back: once.
	t0=$(now_ns)
	first=$("$GOVNET" --db "$DB" ip alloc "$POOL" --prefix 24 --org 320700 --json | sed -n 's/.*"cidr": "\(.*\)".*/\1/p')
	first_ms=$(ms_since "$t0")
	same=yes; [ "$NETADDR" = yes ] && [ "$first" != "$nb_block" ] && same="NO ($first, NetBox $nb_block)"
	t0=$(now_ns)
	"$GOVNET" --db "$DB" ip alloc "$POOL" --prefix 24 --org 320700 --count 1000 >/dev/null
	per24=$(ms_since "$t0" 1000)
	t0=$(now_ns)
	"$GOVNET" --db "$DB" ip alloc "$POOL" --prefix 30 --org 320700 --count 1000 >/dev/null
	per30=$(ms_since "$t0" 1000)
	one=$(median_ms 11 "$GOVNET" --db "$DB" ip alloc "$POOL" --prefix 24 --org 320700)
	printf '  %-8s %-14s %-14s %-16s %-14s %-16s %s\n' "$n" "$first_ms ms" "$per24 ms" "$per30 ms" "$one ms" "$nb_ms" "$same"
	WORST=$(awk -v a="$WORST" -v b="$per24" -v c="$per30" 'BEGIN { m = a; if (b > m) m = b; if (c > m) m = c; print m }')
	[ "$n" != "$LARGEST" ] && rm -f "$DB" "$DB-wal" "$DB-shm"
done
echo "  per allocation: 1000 allocations in one run, divided by 1000; worst $WORST ms ($(verdict "$WORST" 1))"
echo "  /24 allocations pass every block; /30 allocations fill the released slots first"

# The reports on that pool (DESIGN §5: the first screenful ≤ 50 ms and
# ≤ 20 MB resident at 1M blocks; a page costs its rows, not the pool's).
DB="$BENCH/ipam-$LARGEST.db"
"$GOVNET" --db "$DB" ip free "$POOL" --limit 1 >/dev/null 2>&1 # the file read once into the page cache
echo "ip reports on $POOL with $LARGEST blocks: first page of 100 rows"
printf '  %-10s %10s %12s %s\n' report "wall ms" "resident MB" "budgets 50 ms, 20 MB"
for report in usage free; do
	ms=$(median_ms 7 "$GOVNET" --db "$DB" ip "$report" "$POOL")
	kb=$(/usr/bin/time -f %M "$GOVNET" --db "$DB" ip "$report" "$POOL" 2>&1 >/dev/null | tail -n1)
	mb=$(awk -v k="$kb" 'BEGIN { printf "%.1f", k / 1024 }')
	printf '  %-10s %10s %12s %s / %s\n' "ip $report" "$ms" "$mb" "$(verdict "$ms" 50)" "$(verdict "$mb" 20)"
done
rm -f "$DB" "$DB-wal" "$DB-shm"

# 8 processes × 500 allocations in one pool: no duplicate, no error
# (fewer each with a small GN_BENCH_RECORDS).
EACH=500
[ -n "${GN_BENCH_RECORDS:-}" ] && [ "$((GN_BENCH_RECORDS / 80))" -lt 500 ] && EACH=$((GN_BENCH_RECORDS / 80 + 1))
DB="$BENCH/ipam-concurrent.db"
"$GOVNET" --db "$DB" init >/dev/null
"$GOVNET" --db "$DB" ip pool add 10.64.0.0/16 --org 320700 --kind business >/dev/null
t0=$(now_ns)
for p in 1 2 3 4 5 6 7 8; do
	(
		i=0
		while [ $i -lt "$EACH" ]; do
			"$GOVNET" --db "$DB" ip alloc 10.64.0.0/16 --prefix 30 --org 320700 --json \
				>>"$BENCH/alloc.$p" 2>>"$BENCH/errors.$p" || echo "exit $?" >>"$BENCH/errors.$p"
			i=$((i + 1))
		done
	) &
done
wait
secs=$(ms_since "$t0" 1000)
made=$(cat "$BENCH"/alloc.* | grep -c '"cidr"')
dups=$(cat "$BENCH"/alloc.* | grep '"cidr"' | sort | uniq -d | wc -l)
errors=$(cat "$BENCH"/errors.* | wc -l)
stored=$(sqlite3 "$DB" "SELECT count(*) FROM ip_block WHERE plen = 30")
echo "8 processes × $EACH allocations in one pool: $made allocated, $stored stored, $dups duplicates, $errors error lines, $secs s"
[ "$made" -eq $((8 * EACH)) ] && [ "$dups" -eq 0 ] && [ "$errors" -eq 0 ] && echo "  no duplicate, no error: within budget" ||
	echo "  OVER budget: duplicates or errors"
