#!/bin/sh
# DESIGN §5: `govnet org list --limit 50 --json` on 100k organisations,
# ≤ 20 ms and ≤ 3× the same query in the sqlite3 shell.
. "$GN_TEST_SRCDIR/tests/bench/lib.sh"
DB="$BENCH/orgs.db"
bench_orgs "$DB" "$BENCH_N"
SQL="SELECT o.id, o.code, o.name, o.kind, p.name AS parent FROM org o LEFT JOIN org p ON p.id = o.parent_id ORDER BY o.id LIMIT 51;"
list_vs_shell "org list --limit 50 --json, $BENCH_N organisations" "$DB" "$SQL" \
	"$GOVNET" --db "$DB" org list --limit 50 --json
