#!/bin/sh
# A page costs its rows, not its scope's (DESIGN §5): the city, a county
# office and a department each read their first page of requests and of
# organisations in id order, never collecting and sorting the whole scope
# first; and what each scope sees follows records and moved organisations.
. "$GN_TEST_SRCDIR/tests/cli/lib.sh"

ids() { python3 -c 'import json,sys; print(" ".join(str(r["id"]) for r in json.load(sys.stdin)))'; }

gn init --demo >/dev/null
# A session that wrote leaves the planner its statistics (PRAGMA optimize).
expect_eq "$(sqlite3 "$DB" "SELECT count(*) > 0 FROM sqlite_stat1 WHERE tbl = 'access_request'" 2>&1)" 1 \
	"after a write the store has the planner's statistics"

# ---- the plan: no "USE TEMP B-TREE FOR ORDER BY" on a page, for any scope
for who in zwb dh_zwb dh_jyj; do
	for noun in access org; do
		expect_ok "$noun list --explain as $who" as $who $noun list --limit 50 --explain
		expect_in "$OUT" "SEARCH" "$noun list as $who: a plan is printed"
		expect_not_in "$OUT" "TEMP B-TREE" "$noun list as $who reads its page in id order"
		expect_ok "$noun list --after --explain as $who" as $who $noun list --limit 50 --after 3 --explain
		expect_not_in "$OUT" "TEMP B-TREE" "$noun list --after as $who reads the next page in id order"
	done
	expect_ok "access list --overdue --explain as $who" as $who access list --overdue --limit 50 --explain
	expect_not_in "$OUT" "TEMP B-TREE" "overdue requests as $who are read in id order"
done
expect_ok "a county office's page" as dh_zwb access list --limit 50 --explain
expect_in "$OUT" "SEARCH s USING PRIMARY KEY (scope_org_id=?)" "the county's requests are read through the scope index"

# ---- every other list with a scope table: nodes, filings, notices, the
# system, change, inspect and incident lists
VIEWS="access:nodes access:filings access:filing-history access:notices change:messages change:requests
 change:filings incident:incidents incident:disconnected incident:prep inspect:inspections inspect:items
 inspect:circulars system:systems"
# The demo holds a handful of rows in most of these, so few that SQLite may
# as well sort them; the plans are read as a large store gets them, on a
# copy without the demo's statistics (SQLite then assumes a large table).
cp "$DB" "$WORK/large.db"
sqlite3 "$WORK/large.db" "DELETE FROM sqlite_stat1; ANALYZE sqlite_schema"
at_scale() { local who=$1; shift; GOVNET_LOGIN=$who "$GOVNET" --db "$WORK/large.db" "$@"; }
for who in zwb dh_zwb dh_jyj; do
	for nv in $VIEWS; do
		expect_ok "${nv%%:*} list --view ${nv#*:} --explain as $who" at_scale $who ${nv%%:*} list --view ${nv#*:} --limit 50 --explain
		expect_not_in "$OUT" "TEMP B-TREE" "${nv%%:*} ${nv#*:} as $who reads its page in id order"
		expect_ok "and the next page" at_scale $who ${nv%%:*} list --view ${nv#*:} --limit 50 --after 1 --explain
		expect_not_in "$OUT" "TEMP B-TREE" "${nv%%:*} ${nv#*:} --after as $who reads the next page in id order"
		[ "$who" = zwb ] && continue
		expect_in "$OUT" "SEARCH s USING PRIMARY KEY (scope_org_id=?" "${nv%%:*} ${nv#*:} as $who goes through the scope index"
	done
done
# What a scope sees: the city's rows whose organisation lies under it.
cat >"$WORK/within.py" <<'PY'
import json, sqlite3, sys
db, under, city, mine = sys.argv[1], sys.argv[2], json.load(open(sys.argv[3])), json.load(open(sys.argv[4]))
paths = dict(sqlite3.connect(db).execute("SELECT name, path FROM org"))
top = paths[under]
def owner(r):
    return next(r[k] for k in ("org", "county", "office") if k in r)
want = [r["id"] for r in city if paths[owner(r)].startswith(top)]
print(" ".join(map(str, want)), "|", " ".join(str(r["id"]) for r in mine))
PY
rows_within() { # WHO ORG NOUN VIEW — "wanted | got"
	gn "$3" list --view "$4" --limit 0 --json >"$WORK/city.json"
	as "$1" "$3" list --view "$4" --limit 0 --json >"$WORK/mine.json"
	python3 "$WORK/within.py" "$DB" "$2" "$WORK/city.json" "$WORK/mine.json"
}
seen=0
for nv in $VIEWS; do
	for who in dh_zwb:东海县 dh_jyj:东海县教育局; do
		got=$(rows_within "${who%:*}" "${who#*:}" ${nv%%:*} ${nv#*:})
		expect_eq "${got#*| }" "${got% |*}" "${nv%%:*} ${nv#*:}: ${who%:*} sees exactly the rows under ${who#*:}"
		[ -n "${got% |*}" ] && seen=$((seen + 1))
	done
done
[ "$seen" -ge 8 ] && pass || fail "the demo gives the scopes rows to see in most lists (only $seen)"

# ---- the same rows as the organisation filter finds, in id order
scope_is() { # WHO NOUN FILTER ORG WHAT
	a=$(as "$1" "$2" list --limit 0 --json | ids)
	b=$(gn "$2" list "$3" "$4" --limit 0 --json | ids)
	expect_eq "$a" "$b" "$5"
}
scope_is dh_zwb access --org 东海县 "a county office sees exactly its county's requests"
scope_is dh_zwb org --under 东海县 "a county office sees exactly its county's organisations"
scope_is dh_jyj access --org 东海县教育局 "a department sees exactly its own requests"
expect_eq "$(as dh_jyj access list --limit 0 --json | ids | wc -w)" "$(gn access list --org 东海县教育局 --limit 0 --json | ids | wc -w)" "counted alike"
[ -n "$(as dh_jyj access list --limit 0 --json | ids)" ] && pass || fail "the demo gives the department requests to page through"

# Pages of two, one after another, make up the whole list.
all=$(as dh_zwb org list --limit 0 --json | ids)
paged= after=
while :; do
	page=$(as dh_zwb org list --limit 2 ${after:+--after $after} --json 2>/dev/null | ids)
	[ -n "$page" ] || break
	paged="${paged:+$paged }$page"
	after=${page##* }
done
expect_eq "$paged" "$all" "a county office's pages of two make up its whole list, in id order"

# ---- a move takes the department's records to its new county
before=$(as dh_jyj access list --limit 0 --json | ids)
expect_ok "the education bureau moves to 灌云县" gn org set 东海县教育局 --parent 灌云县
expect_eq "$(as gyun_zwb access list --limit 0 --json | ids)" "$(gn access list --org 灌云县 --limit 0 --json | ids)" \
	"the new county sees the moved department's requests"
expect_eq "$(as dh_zwb access list --limit 0 --json | ids)" "$(gn access list --org 东海县 --limit 0 --json | ids)" \
	"the old county no longer does"
expect_eq "$(as dh_jyj access list --limit 0 --json | ids)" "$before" "the department still sees its own"
scope_is gyun_zwb org --under 灌云县 "the new county sees the moved department among its organisations"
expect_ok "a request after the move" as dh_jyj access new --org 东海县教育局 \
	--reason 新楼接入 --scope 全楼 --location 机房 --traffic 10 --tech 双链路
expect_in " $(as gyun_zwb access list --limit 0 --json | ids) " " $OUT " "the new county sees the new request"
expect_not_in " $(as dh_zwb access list --limit 0 --json | ids) " " $OUT " "the old county does not"

# ---- due pages like every list, overdue and met late alike
dueids() { python3 -c 'import json,sys; print(" ".join("%s:%s" % (r["component"], r["id"]) for r in json.load(sys.stdin)))'; }
for kind in --overdue --late; do
	all=$(as zwb due $kind --limit 0 --json | dueids)
	paged= after=
	while :; do
		page=$(as zwb due $kind --limit 1 ${after:+--after "$after"} --json 2>"$WORK/hint" | dueids)
		[ -n "$page" ] || break
		paged="${paged:+$paged }$page"
		after=$(sed -n 's/.*--after \([^）]*\)）.*/\1/p' "$WORK/hint")
		[ -n "$after" ] || break
	done
	expect_eq "$paged" "$all" "due $kind in pages of one makes up the whole list, in order"
done
expect_ok "a page of overdue deadlines" as zwb due --overdue --limit 3
expect_eq "$(printf '%s\n' "$OUT" | grep -c 逾期)" 3 "three rows are shown"
expect_in "$ERR" "（只显示前 3 条；更多请用 --limit 或 --after 20" "the next page's position is told"
expect_fail 2 "a position that is not one" as zwb due --overdue --after 12
expect_in "$ERR" "--after 需要上一页末尾提示的位置" "the refusal names the option and what it needs"

finish
