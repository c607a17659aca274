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
