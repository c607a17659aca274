#!/bin/sh
# A table of any length is printed a batch of rows at a time (DESIGN §5:
# memory follows what is printed): `ip free --limit 0` on a pool with
# 100 000 free blocks, `ip usage` on its 100 000 children and a list with
# --limit 0 start printing at once and hold one batch, and every line of
# the table stays aligned with its header (the CIDR column is as wide as
# an IPv4 CIDR can be from the first batch on).
. "${GN_TEST_SRCDIR}/tests/cli/lib.sh"
gn init --demo >/dev/null
BLOCKS=100000
POOL=172.16.0.0/12
gn ip pool add "$POOL" --org 320700 --kind business >/dev/null
# 100 000 /30 blocks with a free /30 after each, written behind govnet's
# back as tests/bench does.
/usr/bin/python3 "$GN_TEST_SRCDIR/tests/bench/ipam.py" gen "$DB" "$POOL" "$BLOCKS" 2
# AddressSanitizer keeps what is freed in quarantine (256 MB): a measure
# of what is held must not count it.
export ASAN_OPTIONS="${ASAN_OPTIONS:-}${ASAN_OPTIONS:+:}quarantine_size_mb=1"

# hwm_blocked FILE CMD… — runs CMD with stdout into a FIFO that nobody
# reads; once CMD is blocked writing its standard output (the pipe full),
# prints its peak resident memory in kB (VmHWM), then reads the rest into
# FILE.  A table that held every row before printing would be at its
# peak by then.
hwm_blocked() {
	local file=$1 pid i=0 nr fd hwm; shift
	rm -f "$WORK/fifo"
	mkfifo "$WORK/fifo"
	"$@" >"$WORK/fifo" 2>"$WORK/stream.err" &
	pid=$!
	exec 3<"$WORK/fifo"
	# Blocked in write(2) on descriptor 1 (x86-64 and arm64 number it
	# 1 and 64): /proc/PID/syscall.  60 s at most.
	while [ "$i" -lt 1200 ]; do
		read -r nr fd _ 2>/dev/null <"/proc/$pid/syscall" || break
		{ [ "$nr" = 1 ] || [ "$nr" = 64 ]; } && [ "$fd" = 0x1 ] && break
		python3 -c 'import time; time.sleep(0.05)'
		i=$((i + 1))
	done
	hwm=$(awk '/^VmHWM:/ { print $2 }' "/proc/$pid/status" 2>/dev/null)
	cat <&3 >"$file"
	exec 3<&-
	wait "$pid"
	echo "${hwm:-0} $?"
}

# aligned FILE — lines of FILE whose columns do not start where the
# header's do (display width: Chinese takes two cells), and the count of
# lines read; columns are separated by two spaces or more.
aligned() {
	python3 - "$1" <<'PY'
import re, sys, unicodedata
def cells(s):
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in s)
def starts(line):
    return [cells(line[:m.start()]) for m in re.finditer(r"(?:^|(?<=  ))\S", line)]
lines = open(sys.argv[1], encoding="utf-8").read().splitlines()
head = starts(lines[0])
bad = [i + 1 for i, l in enumerate(lines[1:], 1) if starts(l) != head]
print(len(bad), len(lines), *bad[:3])
PY
}

# The bound: what a page of 6 000 rows takes (its 130 kB of output blocks
# it too), and 16 MB.  Holding the rows took far more: before tables
# streamed, `ip free --limit 65536` as a table peaked at 45 MB and
# `ip usage` at 132 MB, against 6.6 MB for a page of 300 and 7 MB
# streamed.  Every row of `ip list` held as JSON (as --json lists still
# are) is measured here to show the bound tells them apart on this build.
set -- $(hwm_blocked "$WORK/page.txt" "$GOVNET" --db "$DB" ip free "$POOL" --limit 6000)
page=$1
[ "$page" -gt 0 ] && pass || fail "a page of 6000 rows was not seen blocked on its output"
set -- $(hwm_blocked "$WORK/held.txt" "$GOVNET" --db "$DB" ip list --limit 0 --json)
held=$1
BOUND=$((page + 16384))
[ "$held" -gt $((BOUND * 2)) ] && pass ||
	fail "every row held ($held kB) should take well over the bound ($BOUND kB; a page $page kB)"

set -- $(hwm_blocked "$WORK/free.txt" "$GOVNET" --db "$DB" ip free "$POOL" --limit 0)
echo "ip free as a table: VmHWM $1 kB with its output unread (bound $BOUND kB; a page $page kB, every row of ip list held $held kB)"
expect_eq "$2" 0 "ip free --limit 0 as a table ends well: $(cat "$WORK/stream.err")"
[ "$1" -gt 0 ] && [ "$1" -lt "$BOUND" ] && pass ||
	fail "ip free as a table held $1 kB before its reader read (bound $BOUND kB; a page $page kB, every row $held kB)"
expect_eq "$(grep -c '/30' "$WORK/free.txt")" "$BLOCKS" "every free /30 is listed"
expect_eq "$(head -n1 "$WORK/free.txt" | sed 's/  *$//')" "网段                地址数" \
	"the CIDR column is as wide as any IPv4 CIDR from the first batch on"
set -- $(aligned "$WORK/free.txt")
expect_eq "$1" 0 "every line of ip free's table starts its columns where the header does (of $2; first: ${3:-})"
# The pool's remaining space after the last /30, in blocks up to a /15:
# wider counts, in the same columns.
expect_in "$(tail -n1 "$WORK/free.txt")" "172.30.0.0/15       131072" "the last free block, aligned"

set -- $(hwm_blocked "$WORK/usage.txt" "$GOVNET" --db "$DB" ip usage "$POOL" --limit 0)
echo "ip usage as a table: VmHWM $1 kB"
expect_eq "$2" 0 "ip usage --limit 0 as a table ends well: $(cat "$WORK/stream.err")"
[ "$1" -gt 0 ] && [ "$1" -lt "$BOUND" ] && pass ||
	fail "ip usage as a table held $1 kB before its reader read (bound $BOUND kB)"
expect_eq "$(grep -c '/30' "$WORK/usage.txt")" "$BLOCKS" "every child is listed"
set -- $(aligned "$WORK/usage.txt")
expect_eq "$1" 0 "every line of ip usage's table starts its columns where the header does (of $2; first: ${3:-})"

# A list's table with no limit streams the same way.
set -- $(hwm_blocked "$WORK/list.txt" "$GOVNET" --db "$DB" ip list --limit 0)
echo "ip list as a table: VmHWM $1 kB"
expect_eq "$2" 0 "ip list --limit 0 as a table ends well: $(cat "$WORK/stream.err")"
[ "$1" -gt 0 ] && [ "$1" -lt "$BOUND" ] && pass ||
	fail "ip list as a table held $1 kB before its reader read (bound $BOUND kB)"
expect_eq "$(grep -c '/30' "$WORK/list.txt")" "$(sqlite3 "$DB" "SELECT count(*) FROM ip_block WHERE plen = 30")" \
	"the list has every block"

# A short table: the widest value sets a column of free text.
expect_ok "a short report" gn ip usage "$POOL" --limit 2
expect_eq "$(echo "$OUT" | sed -n 2p)" "172.16.0.0/12       连云港市  业务地址  已分配  1048576  未汇总        —" \
	"the CIDR column as wide as any IPv4 CIDR, the others as their values"
finish
