#!/bin/sh
# The address plan (Art 18–19) through the command line: pools, allocation
# of the lowest free aligned block (what NetBox's available-prefixes would
# offer, checked against an independent computation with Python's
# ipaddress), release, free space, the rules of who takes what, and bad
# input that changes nothing.
. "${GN_TEST_SRCDIR}/tests/cli/lib.sh"
gn init --demo >/dev/null

cidrs() { python3 -c 'import json,sys; print(" ".join(r["cidr"] for r in json.load(sys.stdin)))'; }

# The first /LEN NetBox would offer in POOL, given the JSON of `ip usage
# POOL` (the pool, then its children): the pool minus its children, as
# maximal blocks in address order, the first that holds a /LEN.
oracle() {
	python3 -c '
import ipaddress, json, sys
rows = json.load(sys.stdin)
pool = ipaddress.ip_network(rows[0]["cidr"])
length = int(sys.argv[1])
free = [pool]
for row in rows[1:]:
    child = ipaddress.ip_network(row["cidr"])
    free = [piece for f in free for piece in (f.address_exclude(child) if child.subnet_of(f) else [f])]
for f in sorted(free):
    if f.prefixlen <= length:
        print("%s/%d" % (f.network_address, length)); break
else:
    print("none")' "$1"
}

# The free space of POOL as maximal blocks, from the same JSON.
oracle_free() {
	python3 -c '
import ipaddress, json, sys
rows = json.load(sys.stdin)
pool = ipaddress.ip_network(rows[0]["cidr"])
children = [ipaddress.ip_network(r["cidr"]) for r in rows[1:]]
free = [pool]
for c in children:
    free = [p for f in free for p in (f.address_exclude(c) if c.subnet_of(f) else [f])]
print(" ".join(str(f) for f in sorted(free)))'
}

# ---- the demo's plan: city pool, a /16 and a /48 per county, department blocks
expect_ok "list the plan under 东海县's pool" gn ip list --under 10.36.0.0/16
expect_in "$OUT" "10.36.4.0/22" "东海县教育局's business block"
expect_in "$OUT" "东海县教育局" "named by its owner"
expect_in "$OUT" "█" "with a utilisation bar"
expect_ok "the IPv6 plan" gn ip list --under 2001:db8:3200::/40 --json
expect_in "$OUT" '"cidr": "2001:db8:3204::/48"' "a /48 per county, in canonical form"
expect_ok "a prefix given in another valid form" gn ip show 2001:DB8:3204:0:0:0:0:0/48
expect_in "$OUT" "2001:db8:3204::/48" "is shown canonical (RFC 5952)"
expect_ok "list --under accepts any valid form" gn ip list --under 2001:0db8:3204::/48 --json
expect_in "$OUT" '"cidr": "2001:db8:3204:100::10/128"' "down to a registered host"
expect_ok "the plan in address order" gn ip list --under 10.36.0.0/16 --json
expect_eq "$(echo "$OUT" | cidrs | cut -d' ' -f1-6)" "10.36.0.0/16 10.36.0.0/22 10.36.4.0/22 10.36.4.0/26 10.36.4.10/32 10.36.8.0/23" \
	"each block followed by the blocks inside it"
expect_ok "a page of it" gn ip list --under 10.36.0.0/16 --limit 3
expect_in "$ERR" "--after" "says how to go on"
after=$(echo "$ERR" | sed -n 's/.*--after \([0-9]*\).*/\1/p')
expect_ok "the next page" gn ip list --under 10.36.0.0/16 --limit 3 --after "$after" --json
expect_eq "$(echo "$OUT" | cidrs)" "10.36.4.0/26 10.36.4.10/32 10.36.8.0/23" "continues in address order"
expect_ok "list by organisation" gn ip list --org 东海县教育局 --json
expect_not_in "$OUT" "东海县公安局" "only that organisation's blocks"

# ---- allocation takes the lowest free aligned block
before=$(db_snapshot)
expect_fail 1 "an IPv4-mapped IPv6 pool would shadow IPv4 space" as dsj ip pool add ::ffff:10.36.1.0/120 --org 连云港市 --kind mixed --purpose 映射
expect_in "$ERR" "IPv4 映射或兼容" "says why"
expect_fail 1 "and so would an IPv4-compatible one" as dsj ip pool add ::10.36.1.0/120 --org 连云港市 --kind mixed --purpose 兼容
expect_eq "$(db_snapshot)" "$before" "and nothing changed"
expect_ok "the city operator registers a pool" as dsj ip pool add 172.16.0.0/16 --org 连云港市 --kind mixed --purpose 测试地址池
expect_ok "a /24" as dsj ip alloc 172.16.0.0/16 --prefix 24 --org 连云港市 --kind business --json
expect_eq "$(echo "$OUT" | cidrs)" "172.16.0.0/24" "the first /24"
expect_ok "a /23 cannot start at .1.0" as dsj ip alloc 172.16.0.0/16 --prefix 23 --org 连云港市 --kind business --json
expect_eq "$(echo "$OUT" | cidrs)" "172.16.2.0/23" "it takes the next aligned /23"
expect_ok "a /24 fills the hole left" as dsj ip alloc 172.16.0.0/16 --prefix 24 --org 连云港市 --kind business --json
expect_eq "$(echo "$OUT" | cidrs)" "172.16.1.0/24" "172.16.1.0/24"
expect_ok "three /22 at once" as dsj ip alloc 172.16.0.0/16 --prefix 22 --org 连云港市 --kind terminal --count 3 --json
expect_eq "$(echo "$OUT" | cidrs)" "172.16.4.0/22 172.16.8.0/22 172.16.12.0/22" "each CIDR printed"
expect_ok "the table form" as dsj ip alloc 172.16.0.0/16 --prefix 28 --org 连云港市 --kind business
expect_in "$OUT" "172.16.16.0/28" "prints the CIDR"

# A mixed sequence, each answer checked against the independent computation.
seq_ok=0
for len in 27 30 25 29 26 30 24 28 20 31 32 26 19 30; do
	want=$(gn ip usage 172.16.0.0/16 --json | oracle "$len")
	got=$(as dsj ip alloc 172.16.0.0/16 --prefix "$len" --org 连云港市 --kind business --json | cidrs)
	[ "$got" = "$want" ] || { fail "alloc /$len: got $got, NetBox would give $want"; seq_ok=1; }
	case $len in 26|30) as dsj ip release "$got" >/dev/null || fail "release $got" ;; esac
done
[ $seq_ok -eq 0 ] && pass
expect_ok "free space after allocations and releases" gn ip free 172.16.0.0/16 --json
expect_eq "$(echo "$OUT" | cidrs)" "$(gn ip usage 172.16.0.0/16 --json | oracle_free)" "is the pool minus its blocks, as maximal blocks"

# Reports page like lists: a page costs its rows, and the pages make up
# the whole report, in address order.
report_pages() { # REPORT BLOCK — every row, a page of 3 at a time
	local after= page
	while :; do
		page=$(gn ip "$1" "$2" --limit 3 ${after:+--after "$after"} --json | cidrs)
		after=$(gn ip "$1" "$2" --limit 3 ${after:+--after "$after"} 2>&1 >/dev/null | sed -n 's/.*加 --after \([^ ）]*\).*/\1/p')
		printf '%s\n' "$page" | tr ' ' '\n'
		[ -n "$after" ] || break
	done | tr '\n' ' ' | sed 's/ $//'
}
for report in usage free; do
	expect_ok "ip $report, a page of 3" gn ip "$report" 172.16.0.0/16 --limit 3
	expect_in "$ERR" "加 --after" "ip $report says where the next page starts, as a note on standard error"
	expect_eq "$(report_pages "$report" 172.16.0.0/16)" "$(gn ip "$report" 172.16.0.0/16 --limit 65536 --json | cidrs)" \
		"ip $report in pages of 3 makes up the whole report, in address order"
done
expect_fail 1 "a page after a block outside the pool" gn ip free 172.16.0.0/16 --after 10.0.0.0/24
expect_in "$ERR" "--after" "names the option"

# A pool whose children were written by other means (an import, the bench):
# 2000 /30s, every hundredth left out, with no free space or sum kept.
# A page reads its own rows, and the pages still make up the whole report.
expect_ok "a pool for written blocks" as dsj ip pool add 172.20.0.0/16 --org 连云港市 --kind mixed --purpose 导入
python3 - "$DB" <<'PY' || fail "could not write the blocks"
import sqlite3, struct, sys
con = sqlite3.connect(sys.argv[1])
pool, org, path = con.execute("SELECT id, org_id, path FROM ip_block WHERE cidr = '172.20.0.0/16'").fetchone()
for i in range(2020):
    if i % 100 == 99:
        continue
    addr = (172 << 24) + (20 << 16) + 4 * i
    cur = con.execute("INSERT INTO ip_block(parent_id, family, start, plen, cidr, path, org_id, kind, state, purpose,"
                      " size, used, created_by, created_at, changed_by, changed_at) VALUES (?, 4, ?, 30, ?, '/', ?,"
                      " 'business', 'allocated', '', 4, 0, 'import', '2026-01-01', 'import', '2026-01-01')",
                      (pool, bytes(12) + struct.pack(">I", addr), "172.20.%d.%d/30" % ((4 * i) >> 8, (4 * i) & 255), org))
    con.execute("UPDATE ip_block SET path = ? WHERE id = ?", ("%s%d/" % (path, cur.lastrowid), cur.lastrowid))
con.execute("DELETE FROM ip_free WHERE parent_id = ?", (pool,))
con.execute("UPDATE ip_block SET free_ok = 0 WHERE id = ?", (pool,))
con.commit()
PY
expect_ok "its usage, a page" gn ip usage 172.20.0.0/16 --limit 3 --json
expect_eq "$(echo "$OUT" | cidrs)" "172.20.0.0/16 172.20.0.0/30 172.20.0.4/30 172.20.0.8/30" \
	"the pool heads its first page, then its first children"
expect_in "$ERR" "加 --after" "and a note on standard error says a next page follows"
expect_in "$OUT" '"allocated": null' "the sum of children not kept is said to be unknown (null), not counted"
expect_ok "the same as a table" gn ip usage 172.20.0.0/16 --limit 3
expect_in "$OUT" "未汇总" "which a table says in words"
expect_ok "the page after a child" gn ip usage 172.20.0.0/16 --limit 2 --after 172.20.1.136/30 --json
expect_eq "$(echo "$OUT" | cidrs)" "172.20.1.144/30 172.20.1.148/30" "continues after it, past the gap at .140"
expect_in "$ERR" "加 --after" "and a note on standard error says a next page follows"
expect_ok "its free space, a page" gn ip free 172.20.0.0/16 --limit 3 --json
expect_eq "$(echo "$OUT" | cidrs)" "172.20.1.140/30 172.20.3.28/30 172.20.4.172/30" "the gaps left, in address order"
expect_in "$ERR" "加 --after" "and a note on standard error says a next page follows"
expect_ok "the page after a gap" gn ip free 172.20.0.0/16 --limit 2 --after 172.20.4.172/30 --json
expect_eq "$(echo "$OUT" | cidrs)" "172.20.6.60/30 172.20.7.204/30" "continues exactly where the last page ended"
expect_in "$ERR" "加 --after" "and a note on standard error says a next page follows"
expect_ok "free space from inside a child" gn ip free 172.20.0.0/16 --limit 1 --after 172.20.4.168/30 --json
expect_eq "$(echo "$OUT" | cidrs)" "172.20.4.172/30" "resumes after that child, never inside it"
expect_in "$ERR" "加 --after" "and a note on standard error says a next page follows"
expect_ok "the last page" gn ip free 172.20.0.0/16 --limit 100 --after 172.20.31.60/30 --json
expect_eq "$(echo "$OUT" | cidrs)" "172.20.31.144/28 172.20.31.160/27 172.20.31.192/26 172.20.32.0/19 172.20.64.0/18 172.20.128.0/17" \
	"the space after the last child, as maximal blocks"
expect_eq "$(report_pages free 172.20.0.0/16)" "$(gn ip free 172.20.0.0/16 --limit 65536 --json | cidrs)" \
	"the free pages are the whole free space, in address order"
expect_eq "$(sqlite3 "$DB" "SELECT free_ok FROM ip_block WHERE cidr = '172.20.0.0/16'")" 0 "and a report wrote nothing"

# IPv6 in the city's /48.
expect_ok "a /64 from the city's IPv6 block" as dsj ip alloc 2001:db8:3200::/48 --prefix 64 --org 市大数据管理中心 --kind business --json
want6=$(echo "$OUT" | cidrs)
expect_eq "$want6" "2001:db8:3200:101::/64" "the lowest free /64, canonical"
expect_ok "IPv6 free space" gn ip free 2001:db8:3200::/48 --prefix 56 --json
expect_in "$OUT" '"cidr": "2001:db8:3200:e00::/55"' "the first free block that holds a /56"
expect_in "$OUT" '"fits": 2' "counted in /56s"
expect_not_in "$OUT" "2001:db8:3200:100::/56" "the partly used /56 is not free"

# ---- assign and release
expect_ok "assign a host" as dsj ip assign 172.16.1.7/32 --org 连云港市 --purpose 网关
expect_ok "show it" gn ip show 172.16.1.7/32 --json
expect_in "$OUT" '"parent": "172.16.1.0/24"' "placed in the deepest block holding it"
expect_in "$OUT" '"kind": "business"' "of its parent's kind"
before=$(db_snapshot)
expect_fail 1 "a block with children needs --recursive" as dsj ip release 172.16.0.0/16
expect_in "$ERR" "--recursive" "saying so"
expect_eq "$(db_snapshot)" "$before" "and nothing changed"
expect_ok "release a /24" as dsj ip release 172.16.0.0/24
expect_ok "the space is free again" as dsj ip alloc 172.16.0.0/16 --prefix 24 --org 连云港市 --kind business --json
expect_eq "$(echo "$OUT" | cidrs)" "172.16.0.0/24" "and allocated again first"
expect_ok "release the pool with everything under it" as dsj ip release 172.16.0.0/16 --recursive
expect_ok "list" gn ip list --json
expect_not_in "$OUT" "172.16." "nothing of it is left"

# ---- usage
expect_ok "usage of 东海县教育局's block" gn ip usage 10.36.4.0/22 --json
expect_in "$OUT" '"allocated": 64' "the /26 it carved"
expect_in "$OUT" '"addresses": 1024' "of 1024 addresses"
expect_in "$OUT" '"cidr": "10.36.4.0/26"' "per child"

# ---- who may take what (Art 18–19)
before=$(db_snapshot)
expect_fail 1 "a county operator cannot allocate in the city's pool" as dh_dsj ip alloc 10.32.0.0/16 --prefix 24 --org 东海县 --kind business
expect_in "$ERR" "Art 18" "citing Art 18"
expect_in "$ERR" "10.32.0.0/16" "naming the pool"
expect_fail 1 "nor in another county's" as dh_dsj ip alloc 10.35.0.0/16 --prefix 24 --org 东海县 --kind business
expect_fail 1 "a county operator cannot add a top-level pool" as dh_dsj ip pool add 10.200.0.0/16 --org 东海县 --kind mixed
expect_in "$ERR" "Art 18" "citing Art 18"
expect_fail 1 "a department takes no interconnect block" as dh_jyj ip alloc 10.36.4.0/22 --prefix 28 --org 东海县教育局 --kind interconnect
expect_in "$ERR" "Art 19" "citing Art 19"
expect_fail 1 "a department allocates only in its own blocks" as dh_jyj ip alloc 10.36.12.0/22 --prefix 28 --org 东海县教育局
expect_in "$ERR" "东海县公安局" "naming the owner"
expect_fail 1 "nor for another department" as dh_jyj ip alloc 10.36.4.0/22 --prefix 28 --org 东海县公安局
expect_fail 1 "interconnect addresses are not a department's" as dh_dsj ip alloc 10.36.0.0/16 --prefix 24 --org 东海县教育局 --kind interconnect
expect_in "$ERR" "Art 19" "citing Art 19"
expect_fail 1 "a business block holds business blocks only" as dh_dsj ip alloc 10.36.4.0/22 --prefix 28 --org 东海县教育局 --kind terminal
expect_fail 1 "a block goes to its pool's organisation or below" as dsj ip alloc 10.36.0.0/16 --prefix 24 --org 赣榆区教育局 --kind business
expect_fail 1 "a mixed parent needs --kind" as dh_dsj ip alloc 10.36.0.0/16 --prefix 24 --org 东海县教育局
expect_in "$ERR" "--kind" "naming the field"
expect_fail 1 "an auditor allocates nothing" as shenji ip alloc 10.36.0.0/16 --prefix 24 --org 东海县 --kind business
expect_fail 1 "a department registers no pool" as dh_jyj ip pool add 10.36.4.0/24 --org 东海县教育局 --kind business
expect_eq "$(db_snapshot)" "$before" "none of the refusals changed anything"
expect_ok "the department allocates inside its own block" as dh_jyj ip alloc 10.36.4.0/22 --prefix 28 --org 东海县教育局 --json
expect_eq "$(echo "$OUT" | cidrs)" "10.36.4.64/28" "a business block, its parent's kind"
expect_ok "and the county operator inside the county's pool" as dh_dsj ip alloc 10.36.0.0/16 --prefix 24 --org 东海县 --kind interconnect
expect_ok "an auditor reads free space" as shenji ip free 10.36.0.0/16
expect_ok "a department reads its own block's usage" as dh_jyj ip usage 10.36.4.0/22
expect_fail 1 "but not another department's" as dh_jyj ip usage 10.36.12.0/22

# ---- bad input: exit 1, the value named, nothing changed
before=$(db_snapshot)
expect_fail 1 "misaligned" as dsj ip alloc 10.36.0.1/16 --prefix 24 --org 东海县 --kind business
expect_in "$ERR" "10.36.0.1/16" "names the value"
expect_in "$ERR" "10.36.0.0/16" "and the prefix meant"
expect_fail 1 "misaligned assign" as dsj ip assign 10.36.200.1/24 --org 东海县 --kind business
expect_in "$ERR" "10.36.200.1/24" "names the value"
expect_fail 1 "not an address" as dsj ip assign 10.36.300.0/24 --org 东海县 --kind business
expect_in "$ERR" "10.36.300.0/24" "names the value"
expect_fail 1 "an IPv4 length beyond 32" as dsj ip pool add 10.0.0.0/33 --org 连云港市 --kind mixed
expect_in "$ERR" "10.0.0.0/33" "names the value"
expect_fail 1 "an IPv6 length beyond 128" as dsj ip pool add 2001:db8::/129 --org 连云港市 --kind mixed
expect_in "$ERR" "2001:db8::/129" "names the value"
expect_fail 1 "no length" as dsj ip pool add 10.0.0.0 --org 连云港市 --kind mixed
expect_fail 1 "a prefix shorter than its parent's" as dsj ip alloc 10.36.0.0/16 --prefix 8 --org 东海县 --kind business
expect_in "$ERR" "/8" "names the length"
expect_fail 1 "a prefix beyond the family" as dsj ip alloc 10.36.0.0/16 --prefix 40 --org 东海县 --kind business
expect_in "$ERR" "/40" "names the length"
expect_fail 1 "a parent that does not exist" as dsj ip alloc 10.99.0.0/16 --prefix 24 --org 东海县 --kind business
expect_in "$ERR" "10.99.0.0/16" "names it"
expect_fail 1 "an address outside every pool" as dsj ip assign 192.168.1.0/24 --org 东海县 --kind business
expect_in "$ERR" "192.168.1.0/24" "names it"
expect_fail 1 "an overlap" as dsj ip assign 10.36.4.0/24 --org 东海县教育局
expect_in "$ERR" "10.36.4.0/26" "names the block it overlaps"
expect_fail 1 "a block already registered" as dsj ip assign 10.36.4.0/22 --org 东海县教育局
expect_fail 1 "a pool overlapping a pool" as dsj ip pool add 10.0.0.0/8 --org 连云港市 --kind mixed
expect_in "$ERR" "10.32.0.0/12" "names the pool inside it"
expect_fail 1 "a count of zero" as dsj ip alloc 10.36.0.0/16 --prefix 24 --org 东海县 --kind business --count 0
expect_fail 1 "more than the pool holds" as dsj ip alloc 10.36.4.0/26 --prefix 27 --org 东海县教育局 --count 3
expect_in "$ERR" "10.36.4.0/26" "names the pool"
expect_fail 1 "release of nothing" as dsj ip release 10.36.99.0/24
expect_in "$ERR" "10.36.99.0/24" "names it"
expect_fail 1 "free space of nothing" as dsj ip free 10.36.99.0/24
expect_fail 2 "an unknown option" as dsj ip alloc 10.36.0.0/16 --prefix 24 --org 东海县 --colour red
expect_eq "$(db_snapshot)" "$before" "no bad input changed anything"

# ---- every change is audited
expect_ok "the audit chain" gn audit verify
expect_ok "the audit names allocations" gn audit list --component ip --limit 0 --json
expect_in "$OUT" '"verb": "alloc"' "alloc"
expect_in "$OUT" '"verb": "release"' "and release"

finish
