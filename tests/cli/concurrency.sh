#!/bin/sh
# 8 processes each adding 50 departments at once: all 400 stored, no
# process shows an error, db check and audit verify pass.
. "${GN_TEST_SRCDIR}/tests/cli/lib.sh"
gn init >/dev/null
base=$(sqlite3 "$DB" "SELECT count(*) FROM audit")

for p in 1 2 3 4 5 6 7 8; do
	(
		i=1
		while [ $i -le 50 ]; do
			gn org add "并发部门-$p-$i" --parent 东海县 >/dev/null 2>>"$WORK/errors.$p" || echo "exit $?" >>"$WORK/errors.$p"
			i=$((i + 1))
		done
	) &
done
wait
# A writer kept waiting a few seconds is told whom it waits for: news, not an error.
errors=$(cat "$WORK"/errors.* 2>/dev/null | grep -v '，继续等待（最多 ')
expect_eq "$errors" "" "no process saw an error"
expect_eq "$(sqlite3 "$DB" "SELECT count(*) FROM org WHERE name LIKE '并发部门-%'")" "400" "all 400 departments stored"
expect_eq "$(sqlite3 "$DB" "SELECT count(*) FROM audit WHERE component = 'org' AND verb = 'add'")" "400" "each audited once"
expect_ok "db check passes" gn db check
expect_ok "audit verify passes" gn audit verify
expect_in "$OUT" "共 $((base + 400)) 条" "the chain holds every entry"
finish
