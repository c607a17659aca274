#!/bin/sh
# A table or a JSON array of any length is printed as its rows are read
# (DESIGN §5: memory follows what is printed): `ip free --limit 0` on a
# pool with 100 000 free blocks, `ip usage` on its 100 000 children, a
# list with --limit 0 (table and --json) and `due --limit 0` on 100 000
# deadlines (table and --json) hold a batch of rows, never the answer;
# every line of a table lines up with its header, also when the widest
# value comes in a later batch (the 300th row), and nothing is cut; the
# JSON is the same text as the whole array printed at once.
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

# canonical FILE — "same" when FILE is one JSON value laid out as
# json_print lays it out (two-space indent, keys in their order, UTF-8 as
# is; a real's digits as jansson writes them, 6.2999999999999998, are read
# as Python's 6.3), else the first line where it is not; and the count of
# its elements.
canonical() {
	python3 - "$1" <<'PY'
import json, re, sys
text = open(sys.argv[1], encoding="utf-8").read()
text = re.sub(r'(?m)(^ *(?:"[^"]*": )?)(-?[0-9]+(?:\.[0-9]+)?[eE][-+]?[0-9]+|-?[0-9]+\.[0-9]+)(,?)$',
              lambda m: m.group(1) + repr(float(m.group(2))) + m.group(3), text)
try:
    v = json.loads(text)
except ValueError as e:
    print("invalid:", e, 0)
    sys.exit()
want = json.dumps(v, indent=2, ensure_ascii=False) + "\n"
if text == want:
    print("same", len(v))
else:
    line = next(i for i, (a, b) in enumerate(zip(text.splitlines(), want.splitlines()), 1) if a != b)
    print("line", line, len(v))
PY
}

# The bound: what a page of 6 000 rows takes (its 130 kB of output blocks
# it too), and 16 MB.  Holding the rows took far more: before tables
# streamed, `ip free --limit 65536` as a table peaked at 45 MB and
# `ip usage` at 132 MB, against 6.6 MB for a page of 300 and 7 MB
# streamed; `ip list --limit 0 --json`, every row held before it was
# printed, at 220 MB, `due --overdue --limit 0` at 39 MB as a table and
# 171 MB as JSON for 100 000 deadlines.
set -- $(hwm_blocked "$WORK/page.txt" "$GOVNET" --db "$DB" ip free "$POOL" --limit 6000)
page=$1
[ "$page" -gt 0 ] && pass || fail "a page of 6000 rows was not seen blocked on its output"
BOUND=$((page + 16384))

# Every block as JSON: more text than the 16 MB the bound allows over a
# page, so a writer that held it (as jansson values, several times their
# text) could not stay under it.
set -- $(hwm_blocked "$WORK/list.json" "$GOVNET" --db "$DB" ip list --limit 0 --json)
echo "ip list --json: VmHWM $1 kB with its output unread (bound $BOUND kB; a page $page kB)"
expect_eq "$2" 0 "ip list --limit 0 --json ends well: $(cat "$WORK/stream.err")"
size=$(( $(wc -c <"$WORK/list.json") / 1024 ))
[ "$size" -gt $((BOUND - page)) ] && pass ||
	fail "the JSON of every block ($size kB) should be over what the bound allows over a page ($((BOUND - page)) kB) for the bound to tell"
[ "$1" -gt 0 ] && [ "$1" -lt "$BOUND" ] && pass ||
	fail "ip list --json held $1 kB before its reader read (bound $BOUND kB; a page $page kB, the JSON $size kB)"
expect_eq "$(canonical "$WORK/list.json")" "same $(sqlite3 "$DB" "SELECT count(*) FROM ip_block")" \
	"every block, as the same JSON text the whole array printed at once gives"
expect_eq "$(gn ip list --json --search 没有这样的用途)" "[]" "a list with no row is an empty array"
expect_eq "$(gn ip list --json --limit 2 2>/dev/null | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')" 2 \
	"a page of JSON holds its rows"

set -- $(hwm_blocked "$WORK/free.txt" "$GOVNET" --db "$DB" ip free "$POOL" --limit 0)
echo "ip free as a table: VmHWM $1 kB with its output unread (bound $BOUND kB; a page $page kB)"
expect_eq "$2" 0 "ip free --limit 0 as a table ends well: $(cat "$WORK/stream.err")"
[ "$1" -gt 0 ] && [ "$1" -lt "$BOUND" ] && pass ||
	fail "ip free as a table held $1 kB before its reader read (bound $BOUND kB; a page $page kB)"
expect_eq "$(grep -c '/30' "$WORK/free.txt")" "$BLOCKS" "every free /30 is listed"
expect_eq "$(head -n1 "$WORK/free.txt" | sed 's/  *$//')" "网段                地址数" \
	"the CIDR column is as wide as any IPv4 CIDR from the first batch on"
set -- $(table_misaligned "$WORK/free.txt")
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
set -- $(table_misaligned "$WORK/usage.txt")
expect_eq "$1" 0 "every line of ip usage's table starts its columns where the header does (of $2; first: ${3:-})"

# A list's table with no limit streams the same way; its 300th row, in
# the second batch, has the widest free text of all: the column is as wide
# as that from the header on, and the text is whole.
WIDE="第三百行的用途最宽：东海县教育局新建校区教学楼与乡镇中心校视频会议接入政务外网"
row300=$(gn ip list --limit 300 --json 2>/dev/null | python3 -c 'import json,sys; print(json.load(sys.stdin)[-1]["id"])')
sqlite3 "$DB" "UPDATE ip_block SET purpose = '$WIDE' WHERE id = $row300"
set -- $(hwm_blocked "$WORK/list.txt" "$GOVNET" --db "$DB" ip list --limit 0)
echo "ip list as a table: VmHWM $1 kB"
expect_eq "$2" 0 "ip list --limit 0 as a table ends well: $(cat "$WORK/stream.err")"
[ "$1" -gt 0 ] && [ "$1" -lt "$BOUND" ] && pass ||
	fail "ip list as a table held $1 kB before its reader read (bound $BOUND kB)"
expect_eq "$(grep -c '/30' "$WORK/list.txt")" "$(sqlite3 "$DB" "SELECT count(*) FROM ip_block WHERE plen = 30")" \
	"the list has every block"
expect_in "$(sed -n 301p "$WORK/list.txt")" "$WIDE  " "the 300th row's free text is whole, in its column"
set -- $(table_misaligned "$WORK/list.txt")
expect_eq "$1" 0 "every line of ip list's table lines up with its header, the widest text in the 300th row (of $2; first: ${3:-})"

# `due` pages the same way: 100 000 overdue deadlines made with SQL (the
# triggers keep each one's entries), the 300th in due order with the
# widest matter.
NOW=2026-11-28T09:00
sqlite3 "$DB" "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $BLOCKS)
	INSERT INTO wf_clock(component, record_id, org_id, state, waiting_on, article, what, workdays, started_on, due)
	SELECT 'access', 1000000 + i, (SELECT id FROM org WHERE code = '320722'), 'submitted', 1, 'Art 11', '审核', 10,
	       '2026-01-05', '2026-01-19' FROM n" || fail "could not make the deadlines"
due_row300=$(GOVNET_NOW=$NOW gn due --overdue --limit 300 --json 2>/dev/null | python3 -c 'import json,sys; print(json.load(sys.stdin)[-1]["id"])')
sqlite3 "$DB" "UPDATE wf_clock SET what = '$WIDE' WHERE component = 'access' AND record_id = $due_row300"
overdue=$(GOVNET_NOW=$NOW gn due --overdue --limit 0 --json | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')
[ "$overdue" -ge "$BLOCKS" ] && pass || fail "the deadlines made are overdue ($overdue)"

set -- $(hwm_blocked "$WORK/due.txt" env GOVNET_NOW=$NOW "$GOVNET" --db "$DB" due --overdue --limit 0)
echo "due --overdue as a table: VmHWM $1 kB"
expect_eq "$2" 0 "due --overdue --limit 0 as a table ends well: $(cat "$WORK/stream.err")"
[ "$1" -gt 0 ] && [ "$1" -lt "$BOUND" ] && pass ||
	fail "due as a table held $1 kB before its reader read (bound $BOUND kB)"
expect_eq "$(($(wc -l <"$WORK/due.txt") - 1))" "$overdue" "every overdue deadline is a line of the table"
expect_in "$(sed -n 301p "$WORK/due.txt")" "$WIDE  " "the 300th deadline's matter is whole, in its column"
set -- $(table_misaligned "$WORK/due.txt")
expect_eq "$1" 0 "every line of due's table lines up with its header (of $2; first: ${3:-})"

set -- $(hwm_blocked "$WORK/due.json" env GOVNET_NOW=$NOW "$GOVNET" --db "$DB" due --overdue --limit 0 --json)
echo "due --overdue --json: VmHWM $1 kB"
expect_eq "$2" 0 "due --overdue --limit 0 --json ends well: $(cat "$WORK/stream.err")"
[ "$1" -gt 0 ] && [ "$1" -lt "$BOUND" ] && pass ||
	fail "due --json held $1 kB before its reader read (bound $BOUND kB)"
expect_eq "$(canonical "$WORK/due.json")" "same $overdue" "every deadline, as the same JSON text the whole array gives"

# A short table: the widest value sets a column of free text.
expect_ok "a short report" gn ip usage "$POOL" --limit 2
expect_eq "$(echo "$OUT" | sed -n 2p)" "172.16.0.0/12       连云港市  业务地址  已分配  1048576  未汇总        —" \
	"the CIDR column as wide as any IPv4 CIDR, the others as their values"
finish
