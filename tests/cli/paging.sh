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
# Migrations on a store with data leave statistics for what they made,
# though nothing has queried it yet.
cp "$DB" "$WORK/old.db"
sqlite3 "$WORK/old.db" "SELECT 'DROP TRIGGER ' || name || ';' FROM sqlite_master WHERE type = 'trigger'
	AND name GLOB 'access_*_scope_key_*'" | sqlite3 "$WORK/old.db" || fail "could not make the old store"
sqlite3 "$WORK/old.db" "DROP TABLE access_request_scope_key; DROP TABLE access_queue_key; DROP TABLE access_filing_scope_key;
	DROP INDEX access_filing_org; DROP TABLE sqlite_stat1;
	UPDATE schema_version SET version = 5 WHERE component = 'access'" || fail "could not make the old store"
expect_ok "an old store is opened" env GOVNET_LOGIN=dh_jyj "$GOVNET" --db "$WORK/old.db" whoami
expect_eq "$(sqlite3 "$WORK/old.db" "SELECT version FROM schema_version WHERE component = 'access'")" 10 "(and migrated)"
expect_eq "$(sqlite3 "$WORK/old.db" "SELECT count(*) > 0 FROM sqlite_stat1 WHERE tbl = 'access_request_scope_key'" 2>&1)" 1 \
	"after migrations the store has the planner's statistics for the tables they made"

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
	# Only the requests whose deadline runs are walked for those past it,
	# not the whole scope (access schema.c, 10).
	expect_in "$OUT" "SEARCH s USING COVERING INDEX access_request_scope_key_running (scope_org_id=?)" \
		"overdue requests as $who are read from the running deadlines"
	expect_ok "and the next page" as $who access list --overdue --limit 50 --after 3 --explain
	expect_in "$OUT" "SEARCH s USING COVERING INDEX access_request_scope_key_running (scope_org_id=? AND scope_record_id>?)" \
		"the next page of overdue requests as $who starts after the last"
done
expect_ok "a county office's page" as dh_zwb access list --limit 50 --explain
expect_in "$OUT" "SEARCH s USING PRIMARY KEY (scope_org_id=?)" "the county's requests are read through the scope index"

# ---- every other list with a scope table: nodes, filings, notices, the
# system, change, inspect and incident lists
VIEWS="access:nodes access:filing-history access:notices change:messages change:requests
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
for who in zwb dh_zwb dh_jyj; do
	expect_ok "access list --overdue --explain as $who, at scale" at_scale $who access list --overdue --limit 50 --explain
	expect_not_in "$OUT" "TEMP B-TREE" "overdue requests as $who, at scale, are read in id order"
	expect_in "$OUT" "SEARCH s USING COVERING INDEX access_request_scope_key_running (scope_org_id=?)" \
		"overdue requests as $who, at scale, are read from the running deadlines"
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

# ---- views read in another order than id (due dates, addresses): the
# scope table carries the key, so the city, a county and a department each
# read one index range in the view's order
KEYED="access:overdue:access_request access:filings:access_filing inspect:orders:inspect_inspection
 system:obligations:system ip:list:ip_block"
for who in zwb dh_zwb dh_jyj; do
	for k in $KEYED; do
		noun=${k%%:*} rest=${k#*:} view=${rest%%:*} table=${k##*:}
		expect_ok "$noun list --view $view --explain as $who" at_scale $who $noun list --view $view --limit 50 --explain
		expect_not_in "$OUT" "TEMP B-TREE" "$noun $view as $who reads its page in the view's order"
		expect_in "$OUT" "SEARCH s USING COVERING INDEX ${table}_scope_key_order (scope_org_id=?" \
			"$noun $view as $who goes through the scope table's key index"
		expect_ok "and the next page" at_scale $who $noun list --view $view --limit 50 --after 1 --explain
		expect_not_in "$OUT" "TEMP B-TREE" "$noun $view --after as $who reads the next page in the view's order"
	done
done
# The queue: an office reads the rows of what it decides, every other
# role every reader's, each one range of the queue's key table in due
# order (the city office's few among the whole city's).
for who in zwb dh_zwb dh_jyj dsj; do
	expect_ok "access queue --explain as $who" at_scale $who access list --view queue --limit 50 --explain
	expect_not_in "$OUT" "TEMP B-TREE" "the queue as $who is read in due order"
	expect_in "$OUT" "SEARCH s USING PRIMARY KEY (scope_org_id=? AND office=?)" \
		"the queue as $who is one range of access_queue_key"
	expect_ok "and the next page" at_scale $who access list --view queue --limit 50 --after 1 --explain
	expect_not_in "$OUT" "TEMP B-TREE" "the queue's next page as $who is read in due order"
	expect_in "$OUT" "SEARCH s USING PRIMARY KEY (scope_org_id=? AND office=?" "(through the same range)"
done
# Each is in the view's order, and pages of two make up the whole list.
cat >"$WORK/ordered.py" <<'PY'
import ipaddress, json, sys
rows, col = json.load(open(sys.argv[1])), sys.argv[2]
def key(r):
    if col == "cidr": # address order: family, address, length
        n = ipaddress.ip_network(r["cidr"])
        return (n.version, int(n.network_address), n.prefixlen, r["id"])
    return (r.get(col) or "", r["id"])
print("ordered" if [key(r) for r in rows] == sorted(key(r) for r in rows) else
      "out of order: %s" % [key(r) for r in rows])
PY
for k in access:queue:due access:overdue:due access:filings:id inspect:orders:due system:obligations:next_dengbao ip:list:cidr; do
	noun=${k%%:*} rest=${k#*:} view=${rest%%:*} col=${k##*:}
	for who in zwb dh_zwb dh_jyj; do
		as $who $noun list --view $view --limit 0 --json >"$WORK/all.json"
		expect_eq "$(python3 "$WORK/ordered.py" "$WORK/all.json" "$col")" ordered "$noun $view as $who is in $col order"
		all=$(ids <"$WORK/all.json")
		paged= after=
		while :; do
			page=$(as $who $noun list --view $view --limit 2 ${after:+--after $after} --json 2>/dev/null | ids)
			[ -n "$page" ] || break
			paged="${paged:+$paged }$page"
			after=${page##* }
		done
		expect_eq "$paged" "$all" "$noun $view as $who: pages of two make up the whole list"
	done
done
# What each scope sees, where the view does not depend on the role.
seen=0
for nv in access:overdue access:filings inspect:orders system:obligations ip:list; do
	for who in dh_zwb:东海县 dh_jyj:东海县教育局; do
		got=$(rows_within "${who%:*}" "${who#*:}" ${nv%%:*} ${nv#*:})
		expect_eq "${got#*| }" "${got% |*}" "${nv%%:*} ${nv#*:}: ${who%:*} sees exactly the rows under ${who#*:}"
		[ -n "${got% |*}" ] && seen=$((seen + 1))
	done
done
[ "$seen" -ge 4 ] && pass || fail "the demo gives the scopes rows to see in the keyed views (only $seen)"

# ---- maintenance notices: by where they were issued, and for a department
# by the targets under it; both halves merged in id order, sorting nothing
for who in zwb dh_zwb dh_jyj; do
	expect_ok "change notices --explain as $who" at_scale $who change list --view notices --limit 50 --explain
	expect_not_in "$OUT" "TEMP B-TREE" "change notices as $who are read in id order"
	expect_in "$OUT" "SEARCH s USING PRIMARY KEY (scope_org_id=?" "as $who, issued notices through their scope table"
	expect_in "$OUT" "SEARCH ts USING COVERING INDEX change_notice_target_scope_key_order (scope_org_id=?" \
		"as $who, a department's through its targets' scope table"
	expect_ok "and the next page" at_scale $who change list --view notices --limit 50 --after 1 --explain
	expect_not_in "$OUT" "TEMP B-TREE" "change notices --after as $who are read in id order"
done
under() { sqlite3 "$DB" "SELECT path FROM org WHERE name = '$1'"; }
notices_of() { as "$1" change list --view notices --limit 0 --json | ids; }
expect_eq "$(notices_of zwb)" "$(sqlite3 "$DB" "SELECT id FROM change_notice ORDER BY id" | tr '\n' ' ' | sed 's/ $//')" \
	"the city sees every notice"
want=$(sqlite3 "$DB" "SELECT n.id FROM change_notice n JOIN org o ON o.id = n.org_id
	WHERE o.path LIKE '$(under 东海县)%' ORDER BY n.id" | tr '\n' ' ' | sed 's/ $//')
expect_eq "$(notices_of dh_zwb)" "$want" "a county office sees the notices issued in its county"
want=$(sqlite3 "$DB" "SELECT t.notice_id FROM change_notice_target t JOIN org d ON d.id = t.org_id
	WHERE d.path LIKE '$(under 东海县教育局)%' ORDER BY t.notice_id" | tr '\n' ' ' | sed 's/ $//')
expect_eq "$(notices_of dh_jyj)" "$want" "a department sees the notices that affect it"
[ -n "$want" ] && pass || fail "the demo gives the department notices to see"

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

# ---- the keys follow their sources through the demo's story, the move
# above and the request after it: each scope row holds its record's key
keys_astray() {
	sqlite3 "$DB" "SELECT
	 (SELECT count(*) FROM access_request_scope_key s LEFT JOIN wf_clock c ON c.component = 'access'
	   AND c.record_id = s.scope_record_id
	   WHERE s.scope_key IS NOT CASE WHEN c.record_id IS NULL THEN NULL ELSE coalesce(c.due, '') END)
	 + (SELECT count(*) FROM inspect_inspection_scope_key s LEFT JOIN inspect_order d ON d.inspection_id = s.scope_record_id
	   WHERE s.scope_key IS NOT d.due)
	 + (SELECT count(*) FROM system_scope_key s WHERE s.scope_key IS NOT coalesce((SELECT b.due FROM wf_obligation b
	   WHERE b.component = 'system' AND b.record_id = s.scope_record_id AND b.kind = 'dengbao'), ''))
	 + (SELECT count(*) FROM ip_block_scope_key s JOIN ip_block b ON b.id = s.scope_record_id
	   WHERE s.scope_key IS NOT b.addr_key)
	 + (SELECT abs((SELECT count(*) FROM access_request_scope) - (SELECT count(*) FROM access_request_scope_key)))
	 + (SELECT count(*) FROM (SELECT scope_org_id, 0, scope_key, scope_record_id FROM access_request_scope_key
	   WHERE scope_key IS NOT NULL UNION ALL SELECT s.scope_org_id, c.decider_org, s.scope_key, s.scope_record_id
	   FROM access_request_scope_key s JOIN wf_clock c ON c.component = 'access' AND c.record_id = s.scope_record_id
	   WHERE s.scope_key IS NOT NULL AND c.decider_org IS NOT NULL
	   EXCEPT SELECT * FROM access_queue_key))
	 + (SELECT abs((SELECT count(*) FROM access_queue_key) - (SELECT count(*) FROM access_request_scope_key
	   WHERE scope_key IS NOT NULL) - (SELECT count(*) FROM access_request_scope_key s JOIN wf_clock c
	   ON c.component = 'access' AND c.record_id = s.scope_record_id WHERE s.scope_key IS NOT NULL
	   AND c.decider_org IS NOT NULL)))
	 + (SELECT abs((SELECT count(*) FROM inspect_inspection_scope) - (SELECT count(*) FROM inspect_inspection_scope_key)))
	 + (SELECT abs((SELECT count(*) FROM system_scope) - (SELECT count(*) FROM system_scope_key)))
	 + (SELECT abs((SELECT count(*) FROM ip_block_scope) - (SELECT count(*) FROM ip_block_scope_key)))"
}
expect_eq "$(keys_astray)" 0 "every scope row holds its record's key"
req=$OUT
expect_ok "the new request is submitted" as dh_jyj access submit "$req"
expect_eq "$(keys_astray)" 0 "the key follows the request's clock as it starts"
expect_ok "and returned to the applicant" as gyun_zwb access return "$req" --comment 请补充拓扑图
expect_eq "$(keys_astray)" 0 "as it pauses"
expect_eq "$(sqlite3 "$DB" "SELECT DISTINCT quote(scope_key) FROM access_request_scope_key WHERE scope_record_id = $req")" "''" \
	"a paused clock sorts first, as the view shows it"
expect_eq "$(sqlite3 "$DB" "SELECT count(*) FROM access_request_scope_key WHERE scope_key IS NOT NULL")" \
	"$(sqlite3 "$DB" "SELECT count(*) FROM access_request_scope_key s JOIN wf_clock c ON c.component = 'access' AND c.record_id = s.scope_record_id")" \
	"only requests with a clock have a key"

# A filing's key is its id while in force, none once superseded: a new
# filing takes the old one's place on the filings page of every scope.
filings_astray() {
	sqlite3 "$DB" "SELECT (SELECT count(*) FROM access_filing_scope_key s JOIN access_filing f ON f.id = s.scope_record_id
	   WHERE s.scope_key IS NOT CASE WHEN f.superseded_at IS NULL THEN f.id END)
	 + (SELECT abs((SELECT count(*) FROM access_filing_scope) - (SELECT count(*) FROM access_filing_scope_key)))"
}
filings_of() { as "$1" access list --view filings --limit 0 --json | ids; }
expect_eq "$(filings_astray)" 0 "every filing's scope rows hold its key"
old=$(sqlite3 "$DB" "SELECT f.id FROM access_filing f JOIN org o ON o.id = f.org_id
	WHERE o.name = '东海县教育局' AND f.superseded_at IS NULL")
expect_in " $(filings_of gyun_zwb) " " $old " "the department's filing in force is on its county's page"
expect_ok "the department files anew" as dh_jyj access filing set 东海县教育局 --leader 刘副局长 --unit 信息中心 \
	--person 孙老师 --phone 13900000019
new=$(sqlite3 "$DB" "SELECT max(id) FROM access_filing")
expect_eq "$(filings_astray)" 0 "the keys follow the filing superseded and the new one"
for who in zwb gyun_zwb dh_jyj; do
	expect_in " $(filings_of $who) " " $new " "the new filing is on $who's page"
	expect_not_in " $(filings_of $who) " " $old " "the superseded one is not"
done

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
