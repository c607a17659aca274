#!/bin/sh
# Eight operators allocating at once in one pool, 500 blocks each: nobody
# sees an error, no block is handed out twice, blocks never overlap, and
# the pool's free space is exactly what is left (Art 18).
. "${GN_TEST_SRCDIR}/tests/cli/lib.sh"
gn init --demo >/dev/null
PROCS=8
EACH=500

expect_ok "a pool for the test" as dsj ip pool add 10.64.0.0/16 --org 连云港市 --kind business
for p in $(seq $PROCS); do
	(
		i=0
		while [ $i -lt $EACH ]; do
			# Mixed sizes, so that allocations interleave in the pool.
			len=30; [ $((i % 5)) -eq 0 ] && len=28
			GOVNET_LOGIN=dsj "$GOVNET" --db "$DB" ip alloc 10.64.0.0/16 --prefix $len --org 市公安局 --json \
				>>"$WORK/alloc.$p" 2>>"$WORK/errors.$p" || echo "exit $?" >>"$WORK/errors.$p"
			i=$((i + 1))
		done
	) &
done
wait

# A writer kept waiting a few seconds is told whom it waits for: news, not an error.
expect_eq "$(cat "$WORK"/errors.* | grep -v '，继续等待（最多 ' | head -5)" "" "no operator saw an error"
cat "$WORK"/alloc.* | sed -n 's/.*"cidr": "\(.*\)".*/\1/p' >"$WORK/cidrs"
expect_eq "$(wc -l <"$WORK/cidrs")" "$((PROCS * EACH))" "every allocation answered a block"
expect_eq "$(sort "$WORK/cidrs" | uniq -d | head -3)" "" "no block was handed out twice"
expect_eq "$(sqlite3 "$DB" "SELECT count(*) FROM ip_block b JOIN ip_block p ON p.id = b.parent_id WHERE p.cidr = '10.64.0.0/16'")" \
	"$((PROCS * EACH))" "and each is stored once"
expect_eq "$(python3 -c '
import ipaddress, sys
nets = sorted(ipaddress.ip_network(l.strip()) for l in open(sys.argv[1]))
pool = ipaddress.ip_network("10.64.0.0/16")
bad = [str(b) for a, b in zip(nets, nets[1:]) if a.overlaps(b)] + [str(n) for n in nets if not n.subnet_of(pool)]
print(" ".join(bad[:3]))' "$WORK/cidrs")" "" "no two blocks overlap, and all lie in the pool"
expect_ok "the pool's free space" gn ip free 10.64.0.0/16 --json
expect_eq "$(echo "$OUT" | python3 -c '
import ipaddress, json, sys
free = [ipaddress.ip_network(r["cidr"]) for r in json.load(sys.stdin)]
taken = [ipaddress.ip_network(l.strip()) for l in open(sys.argv[1])]
rest = [ipaddress.ip_network("10.64.0.0/16")]
for t in taken:
    rest = [p for f in rest for p in (f.address_exclude(t) if t.subnet_of(f) else [f])]
print("same" if sorted(rest) == free else "differs: %s" % [str(n) for n in sorted(rest)][:3])' "$WORK/cidrs")" "same" \
	"is the pool minus the blocks handed out, as maximal blocks"
expect_ok "the audit chain holds every change" gn audit verify

finish
