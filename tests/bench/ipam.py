"""Helpers of tests/bench/ipam.sh (run with Debian's /usr/bin/python3).

  ipam.py gen DB POOL N [EVERY]
      Write N /30 blocks into POOL (an existing top-level block of the
      store), packed from its first address with every 100th slot (every
      EVERY-th) left empty, as if a block there had been released.  Bench data goes in
      directly, not through the door; the pool's free space is marked
      stale so that govnet rebuilds it from the blocks once.

  ipam.py mixed DB POOL4 POOL6 N
      Write N blocks of mixed lengths into the IPv4 pool POOL4 and the
      IPv6 pool POOL6 (both existing top-level blocks): nine in ten IPv4,
      in runs of a /28, a /30 and a /29 per 32 addresses with the /30 after
      it left free and every 50th run empty (a fragmented pool), one in ten
      IPv6 /64s with every 16th left free; owners spread over the ten
      thousand departments of tests/bench/lib.sh (bench_orgs).  One
      transaction; the pools' free space is rebuilt by govnet once.

  ipam.py netbox DB POOL LEN REPS
      The allocation NetBox makes (ipam.models.Prefix.get_available_prefixes
      and get_first_available_prefix): the pool as a netaddr IPSet minus
      the IPSet of its children, then the first free CIDR that holds a /LEN.
      Prints the chosen prefix and the median seconds of REPS runs, the
      children read from the store once beforehand (NetBox reads them from
      its database on every call; that time is not counted).
"""
import itertools
import sqlite3
import statistics
import struct
import sys
import time


def gen(db, pool, n, every=100):
    con = sqlite3.connect(db)
    pool_id, org_id, start = con.execute(
        "SELECT id, org_id, start FROM ip_block WHERE cidr = ?", (pool,)).fetchone()
    base = struct.unpack(">I", start[12:])[0]
    now = "2026-01-01T00:00:00+08:00"
    first_id = con.execute("SELECT coalesce(max(id), 0) + 1 FROM ip_block").fetchone()[0]

    def rows():
        slot = made = 0
        while made < n:
            if slot % every != every - 1:
                addr = base + 4 * slot
                text = "%d.%d.%d.%d/30" % (addr >> 24, (addr >> 16) & 255, (addr >> 8) & 255, addr & 255)
                bid = first_id + made
                yield (bid, pool_id, bytes(12) + struct.pack(">I", addr), text,
                       "/%d/%d/" % (pool_id, bid), org_id, now)
                made += 1
            slot += 1

    con.executemany(
        "INSERT INTO ip_block(id, parent_id, family, start, plen, cidr, path, org_id, kind, state,"
        " purpose, size, used, free_ok, created_by, created_at, changed_by, changed_at)"
        " VALUES (?, ?, 4, ?, 30, ?, ?, ?, 'business', 'allocated', '', 4, 0, 0, 'bench', ?7, 'bench', ?7)",
        rows())
    con.execute("DELETE FROM ip_free WHERE parent_id = ?", (pool_id,))
    con.execute("UPDATE ip_block SET free_ok = 0 WHERE id = ?", (pool_id,))
    con.commit()
    con.close()


def mixed(db, pool4, pool6, n):
    con = sqlite3.connect(db)
    now = "2026-01-01T00:00:00+08:00"
    pools = {}
    for cidr in (pool4, pool6):
        pools[cidr] = con.execute("SELECT id, start FROM ip_block WHERE cidr = ?", (cidr,)).fetchone()
    first_id = con.execute("SELECT coalesce(max(id), 0) + 1 FROM ip_block").fetchone()[0]
    n6 = n // 10
    n4 = n - n6

    def v4():
        pid, start = pools[pool4]
        base = struct.unpack(">I", start[12:])[0]
        run = made = 0
        while made < n4:
            if run % 50 != 49:
                for off, plen in ((0, 28), (16, 30), (24, 29)):
                    if made == n4:
                        break
                    addr = base + 32 * run + off
                    yield (pid, 4, bytes(12) + struct.pack(">I", addr), plen,
                           "%d.%d.%d.%d/%d" % (addr >> 24, (addr >> 16) & 255, (addr >> 8) & 255, addr & 255, plen),
                           float(1 << (32 - plen)))
                    made += 1
            run += 1

    def v6():
        pid, start = pools[pool6]
        hi = struct.unpack(">Q", start[:8])[0]
        slot = made = 0
        while made < n6:
            slot += 1
            if slot % 16 == 15:
                continue
            net = hi + slot
            groups = [(net >> s) & 0xffff for s in (48, 32, 16, 0)]
            text = ":".join("%x" % g for g in groups) + "::/64"
            yield (pid, 6, struct.pack(">QQ", net, 0), 64, text, float(1 << 64))
            made += 1

    def rows():
        bid = first_id
        for k, (pid, fam, start, plen, cidr, size) in enumerate(itertools.chain(v4(), v6())):
            yield (bid, pid, fam, start, plen, cidr, "/%d/%d/" % (pid, bid), 1001 + (k * 7919) % 10000,
                   size, now)
            bid += 1

    con.executemany(
        "INSERT INTO ip_block(id, parent_id, family, start, plen, cidr, path, org_id, kind, state,"
        " purpose, size, used, free_ok, created_by, created_at, changed_by, changed_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'business', 'allocated', '', ?, 0, 0, 'bench', ?10, 'bench', ?10)",
        rows())
    for pid, _ in pools.values():
        con.execute("DELETE FROM ip_free WHERE parent_id = ?", (pid,))
        con.execute("UPDATE ip_block SET free_ok = 0 WHERE id = ?", (pid,))
    con.commit()
    con.close()


def netbox(db, pool, length, reps):
    import netaddr

    con = sqlite3.connect(db)
    pool_id = con.execute("SELECT id FROM ip_block WHERE cidr = ?", (pool,)).fetchone()[0]
    children = [r[0] for r in con.execute("SELECT cidr FROM ip_block WHERE parent_id = ?", (pool_id,))]
    con.close()
    times = []
    chosen = None
    for _ in range(reps):
        t0 = time.perf_counter()
        available = netaddr.IPSet(netaddr.IPNetwork(pool)) - netaddr.IPSet(children)
        chosen = None
        for cidr in available.iter_cidrs():
            if cidr.prefixlen <= length:
                chosen = "%s/%d" % (cidr.network, length)
                break
        times.append(time.perf_counter() - t0)
    print(chosen, "%.6f" % statistics.median(times))


if __name__ == "__main__":
    if sys.argv[1] == "gen":
        gen(sys.argv[2], sys.argv[3], int(sys.argv[4]), *map(int, sys.argv[5:6]))
    elif sys.argv[1] == "mixed":
        mixed(sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5]))
    elif sys.argv[1] == "netbox":
        netbox(sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5]))
    else:
        sys.exit("usage: ipam.py gen DB POOL N | mixed DB POOL4 POOL6 N | netbox DB POOL LEN REPS")
