#!/bin/sh
# Deadlines cost what they show (DESIGN §5): `govnet due` and the
# Overview read one range of the scope's deadline entries in due order —
# the city, a county office and a department alike — and the entries
# follow clocks, obligations and undelivered notices as they come and go,
# records and organisations as they move.  An office's own deadlines
# (--mine) are those it decides, as its queue (Art 10, 30).
. "$GN_TEST_SRCDIR/tests/cli/lib.sh"
. "$GN_TEST_SRCDIR/tests/cli/http.sh"

gn init --demo >/dev/null
NOW=2026-11-28T10:00:00+08:00
at() { when=$1; who=$2; shift 2; GOVNET_NOW=$when GOVNET_LOGIN=$who "$GOVNET" --db "$DB" "$@"; }
ids() { python3 -c 'import json,sys; print(" ".join("%s:%s" % (r["component"], r["id"]) for r in json.load(sys.stdin)))'; }
due_of() { at "$NOW" "$@" --limit 0 --json | ids; }

# Every source row's entries and no others: one per organisation at or
# above its owner (the owner of a message is its channel's organisation).
astray() {
	sqlite3 "$DB" "WITH src(due, component, record_id, obligation, org_id) AS (
	  SELECT due, component, record_id, '', org_id FROM wf_clock WHERE due IS NOT NULL
	  UNION ALL SELECT due, component, record_id, kind, org_id FROM wf_obligation
	  UNION ALL SELECT date(substr(x.created_at, 1, 10), '+' || coalesce((SELECT CAST(value AS INTEGER)
	    FROM setting WHERE key = 'notify.keep_days'), 7) || ' days'), 'notify', x.id, '',
	    coalesce(c.org_id, x.org_id, (SELECT id FROM org WHERE parent_id IS NULL))
	   FROM outbox x LEFT JOIN notify_channel c ON c.id = x.channel_id
	   WHERE x.state IN ('pending', 'sending', 'failed')),
	 want AS (SELECT j.value AS scope_org_id, s.* FROM src s JOIN org o ON o.id = s.org_id,
	   json_each('[' || replace(trim(o.path, '/'), '/', ',') || ']') j)
	 SELECT (SELECT count(*) FROM (SELECT * FROM want EXCEPT SELECT * FROM wf_due_scope))
	  + (SELECT count(*) FROM (SELECT * FROM wf_due_scope EXCEPT SELECT * FROM want))" 2>&1
}
expect_eq "$(astray)" 0 "the demo's deadlines each have their entries"
expect_eq "$(sqlite3 "$DB" "SELECT count(*) > 20 FROM wf_due_scope")" 1 "(and the demo has some)"

# ---- the plan: one range of the entries in due order, for every scope
cp "$DB" "$WORK/large.db"
sqlite3 "$WORK/large.db" "DELETE FROM sqlite_stat1; ANALYZE sqlite_schema"
for db in "$DB" "$WORK/large.db"; do
	for who in zwb dh_zwb dh_jyj; do
		for kind in --overdue --soon; do
			k=${kind#--soon}
			expect_ok "due $kind --explain as $who" env GOVNET_LOGIN=$who "$GOVNET" --db "$db" due $k --explain
			expect_in "$OUT" "SEARCH s USING PRIMARY KEY (scope_org_id=? AND due" \
				"due $kind as $who reads its scope's entries by due date"
			expect_not_in "$OUT" "TEMP B-TREE" "due $kind as $who sorts nothing"
			expect_not_in "$OUT" "SCAN" "due $kind as $who scans no table"
			expect_ok "its next page" env GOVNET_LOGIN=$who "$GOVNET" --db "$db" due $k \
				--after 2026-10-01/access/12 --explain
			expect_not_in "$OUT" "TEMP B-TREE" "due $kind --after as $who sorts nothing"
			expect_ok "--mine" env GOVNET_LOGIN=$who "$GOVNET" --db "$db" due $k --mine --explain
			expect_not_in "$OUT" "TEMP B-TREE" "due $kind --mine as $who sorts nothing"
		done
	done
done

# ---- --mine as an office: what it decides, as its queue
cat >"$WORK/route.lua" <<'LUA'
function route(event)
  if event.plugin == "access" and event.verb ~= "approve" and (event.record.traffic or 0) >= 5000 then
    return "320700"
  end
end
LUA
expect_ok "东海县 routes large requests to the city" gn rules add "$WORK/route.lua" --org 东海县 --name big-to-city
NEW="--org 东海县教育局 --scope 全县 --location 县数据中心 --tech 万兆"
expect_ok "a large request" at "$NOW" dh_jyj access new $NEW --reason 全县视频汇聚 --traffic 8000
BIG=$OUT
expect_ok "submitted" at "$NOW" dh_jyj access submit "$BIG"
expect_ok "a small one" at "$NOW" dh_jyj access new $NEW --reason 县局楼层扩容 --traffic 100
SMALL=$OUT
expect_ok "submitted" at "$NOW" dh_jyj access submit "$SMALL"
LATER=2026-12-28T10:00:00+08:00
mine() { at "$LATER" "$1" due --overdue --mine --limit 0 --json | ids; }
expect_not_in " $(mine dh_zwb) " " access:$BIG " "东海县's office: not the request the rule sent to the city"
expect_in " $(mine dh_zwb) " " access:$SMALL " "but its own"
expect_in " $(mine zwb) " " access:$BIG " "the city office: the request the rule sent it"
expect_not_in " $(mine zwb) " " access:$SMALL " "not the county's"
# The queue of each office lists the same of the two.
q() { at "$LATER" "$1" access list --view queue --limit 0 --json | python3 -c 'import json,sys; print(" ".join("access:%s" % r["id"] for r in json.load(sys.stdin)))'; }
for who in zwb dh_zwb; do
	m=" $(mine $who) " queue=" $(q $who) "
	for r in $BIG $SMALL; do
		case "$queue" in *" access:$r "*) want=yes ;; *) want=no ;; esac
		case "$m" in *" access:$r "*) got=yes ;; *) got=no ;; esac
		expect_eq "$got" "$want" "$who: due --mine agrees with the queue on request $r"
	done
done
expect_in " $(at "$LATER" dh_zwb due --overdue --limit 0 --json | ids) " " access:$BIG " \
	"without --mine the county office sees its county's deadlines, the routed one too"

gn rules disable big-to-city >/dev/null

# ---- each scope sees what lies under it, in the order shown before
expect_eq "$(due_of zwb due --overdue)" \
	"access:15 access:8 inspect:3 system:5 access:3 inspect:7 incident:1 incident:5 system:2 incident:3 system:6 system:6 access:6 access:9 incident:4" \
	"the city's overdue deadlines, by due date, component and record"
expect_eq "$(due_of dh_zwb due --overdue)" "inspect:3 access:3 incident:1 incident:5" "a county office's"
expect_eq "$(due_of dh_jyj due --overdue)" "inspect:3 access:3 incident:1 incident:5" "a department's"

# ---- a clock met, an obligation met
expect_ok "东海县 approves request 3" at "$NOW" dh_zwb access approve 3 --comment 同意
expect_eq "$(astray)" 0 "the entries follow the clock"
expect_eq "$(due_of dh_jyj due --overdue)" "inspect:3 incident:1 incident:5" "a met clock leaves the overdue list"
expect_ok "赣榆区's health commission is evaluated" at "$NOW" gy_wjw system set 5 --evaluated 2026-11-20
expect_eq "$(astray)" 0 "the entries follow the obligation"
expect_not_in " $(due_of zwb due --overdue) " " system:5 " "a met obligation leaves the city's overdue list"

# ---- an organisation moves: its deadlines go with it
expect_ok "东海县教育局 moves to 灌云县" gn org set 东海县教育局 --parent 灌云县
expect_eq "$(astray)" 0 "the entries follow the move"
expect_eq "$(due_of dh_zwb due --overdue)" "" "the old county no longer sees the department's deadlines"
expect_in " $(due_of gyun_zwb due --overdue) " " inspect:3 incident:1 incident:5 " "the new county does"
expect_eq "$(due_of dh_jyj due --overdue)" "inspect:3 incident:1 incident:5" "the department still sees its own"

# ---- a record's owner changes (as a move of records between
# departments writes it): its clock and obligations go to the new owner
gy=$(sqlite3 "$DB" "SELECT id FROM org WHERE name = '赣榆区卫生健康委员会'")
sqlite3 "$DB" "UPDATE wf_obligation SET org_id = $gy WHERE component = 'inspect' AND record_id = 3;
	UPDATE wf_clock SET org_id = $gy WHERE component = 'access' AND record_id = 15"
expect_eq "$(astray)" 0 "the entries follow a record's new owner"
expect_in " $(due_of gy_zwb due --overdue) " " access:15 " "its new county sees the clock"
expect_in " $(due_of gy_zwb due --overdue) " " inspect:3 " "and the obligation"
expect_not_in " $(due_of gyun_zwb due --overdue) " " inspect:3 " "its old county does not"
expect_not_in " $(due_of gyun_zwb due --overdue) " " access:15 " "nor the clock's"

# ---- a notice not delivered is due; delivered, it is gone
port=$(free_port)
expect_ok "a webhook channel of the city" as dsj notify channel add 值班群 --kind webhook --url "http://127.0.0.1:$port/hook"
expect_ok "subscribed to new organisations in 东海县" as dsj notify subscribe org.add --org 东海县 --channel 值班群
expect_ok "an organisation is added" at "$NOW" root org add --name 东海县新部门 --parent 东海县 --code 320722999 --kind dept
expect_eq "$(astray)" 0 "a notice queued has its entries"
LATE=2026-12-09T10:00:00+08:00
expect_ok "the notice is overdue once given up" at "$LATE" dsj due --overdue
expect_in "$OUT" "通知未送达：org.add → 值班群" "the city operator sees it"
expect_eq "$(at "$LATE" dsj due --overdue --limit 0 --json | ids | grep -c notify)" 1 "once"
expect_ok "the days a message is kept trying change" as dsj notify keep --days 30
expect_eq "$(astray)" 0 "the entries follow the days kept trying"
expect_not_in "$(at "$LATE" dsj due --overdue)" "通知未送达" "the notice is no longer overdue"
expect_ok "and back" as dsj notify keep --days 7
serve_post_log "$port" "$WORK/hook.log"
expect_ok "delivered" at "$LATE" dsj notify run
expect_eq "$(astray)" 0 "the entries follow the delivery"
expect_not_in "$(at "$LATE" dsj due --overdue)" "通知未送达" "a delivered notice is no longer due"

# ---- a store made before the entries: migrated, they are filled
cp "$DB" "$WORK/old.db"
sqlite3 "$WORK/old.db" "DROP TABLE wf_due_scope; SELECT 'DROP TRIGGER ' || name || ';' FROM sqlite_master
	WHERE type = 'trigger' AND name GLOB 'wf_due_*'" | sqlite3 "$WORK/old.db" || fail "could not make the old store"
sqlite3 "$WORK/old.db" "DROP INDEX wf_history_verb_at; DROP INDEX wf_history_org; DROP TABLE wf_month_moves;
	DROP TRIGGER wf_month_moves_insert; DROP TRIGGER wf_month_moves_delete; DROP TRIGGER wf_month_moves_update;
	DROP TRIGGER wf_month_moves_org_moved; UPDATE schema_version SET version = 5 WHERE component = 'workflow'" || fail "could not make the old store"
expect_ok "an old store is opened" env GOVNET_LOGIN=dh_zwb "$GOVNET" --db "$WORK/old.db" whoami
expect_eq "$(sqlite3 "$WORK/old.db" "SELECT version FROM schema_version WHERE component = 'workflow'")" 9 "(and migrated)"
cp "$DB" "$WORK/new.db" && cp "$WORK/old.db" "$DB"
expect_eq "$(astray)" 0 "the migration fills the entries of every deadline"
expect_eq "$(sqlite3 "$DB" "SELECT count(*) FROM wf_due_scope")" "$(sqlite3 "$WORK/new.db" "SELECT count(*) FROM wf_due_scope")" \
	"as many as the store kept"
expect_eq "$(due_of dh_zwb due --overdue)" "$(GOVNET_DB= GOVNET_NOW=$NOW GOVNET_LOGIN=dh_zwb "$GOVNET" --db "$WORK/new.db" due --overdue --limit 0 --json | ids)" \
	"and the county office's deadlines read the same"

finish
