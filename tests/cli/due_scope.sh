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
# above its owner (the owner of a message is its channel's organisation),
# with the roles it waits on and the office named to decide it (a message
# waits on administrators and operators: 16 | 2); and one entry per
# organisation at or above the owner of each deadline met late.
astray() {
	sqlite3 "$DB" "WITH src(due, component, record_id, obligation, org_id, waiting_on, decider_org) AS (
	  SELECT due, component, record_id, '', org_id, waiting_on, decider_org FROM wf_clock WHERE due IS NOT NULL
	  UNION ALL SELECT due, component, record_id, kind, org_id, waiting_on, NULL FROM wf_obligation
	  UNION ALL SELECT date(substr(x.created_at, 1, 10), '+' || coalesce((SELECT CAST(value AS INTEGER)
	    FROM setting WHERE key = 'notify.keep_days'), 7) || ' days'), 'notify', x.id, '',
	    coalesce(c.org_id, x.org_id, (SELECT id FROM org WHERE parent_id IS NULL)), 18, NULL
	   FROM outbox x LEFT JOIN notify_channel c ON c.id = x.channel_id
	   WHERE x.state IN ('pending', 'sending', 'failed')),
	 want AS (SELECT j.value AS scope_org_id, s.* FROM src s JOIN org o ON o.id = s.org_id,
	   json_each('[' || replace(trim(o.path, '/'), '/', ',') || ']') j),
	 late AS (SELECT j.value, h.id, h.org_id FROM wf_history h JOIN org o ON o.id = h.org_id,
	   json_each('[' || replace(trim(o.path, '/'), '/', ',') || ']') j WHERE h.met = 0)
	 SELECT (SELECT count(*) FROM (SELECT * FROM want EXCEPT SELECT * FROM wf_due_scope))
	  + (SELECT count(*) FROM (SELECT * FROM wf_due_scope EXCEPT SELECT * FROM want))
	  + (SELECT count(*) FROM (SELECT * FROM late EXCEPT SELECT * FROM wf_late_scope))
	  + (SELECT count(*) FROM (SELECT * FROM wf_late_scope EXCEPT SELECT * FROM late))" 2>&1
}
# What --mine showed when it walked the scope's entries and read whose
# each is from its source (a login's role bit and organisation).
walk_mine() {
	sqlite3 "$DB" "SELECT coalesce(group_concat(c, ' '), '') FROM (SELECT s.component || ':' || s.record_id AS c
	  FROM login l JOIN wf_due_scope s ON s.scope_org_id = l.org_id
	  LEFT JOIN wf_clock k ON s.obligation = '' AND k.component = s.component AND k.record_id = s.record_id
	  LEFT JOIN wf_obligation b ON s.obligation <> '' AND b.component = s.component AND b.record_id = s.record_id
	   AND b.kind = s.obligation
	  WHERE l.login = '$1' AND s.due < '$2'
	   AND coalesce(k.waiting_on, b.waiting_on, 18) & CASE l.role WHEN 'office' THEN 1 WHEN 'operator' THEN 2
	    WHEN 'dept' THEN 4 WHEN 'auditor' THEN 8 ELSE 16 END <> 0
	   AND (l.role <> 'office' OR k.decider_org IS NULL OR k.decider_org = l.org_id)
	  ORDER BY s.due, s.component, s.record_id, s.obligation)"
}
# What --late showed when it joined the history to the scope's paths.
walk_late() {
	sqlite3 "$DB" "SELECT coalesce(group_concat(c, ' '), '') FROM (SELECT h.component || ':' || h.record_id AS c
	  FROM login l JOIN org a ON a.id = l.org_id, wf_history h JOIN org o ON o.id = h.org_id
	  WHERE l.login = '$1' AND h.met = 0 AND o.path >= a.path AND o.path < substr(a.path, 1, length(a.path) - 1) || '0'
	  ORDER BY h.id DESC)"
}
ROLES="root zwb dsj shenji dh_zwb dh_dsj dh_admin dh_jyj gy_wjw"
# --mine and --late for every role and scope read the rows the walks did.
same_as_walks() {
	for who in $ROLES; do
		expect_eq "$(at "$2" $who due --overdue --mine --limit 0 --json | ids)" "$(walk_mine $who "${2%%T*}")" \
			"$1: due --overdue --mine as $who reads what walking its scope read"
		expect_eq "$(at "$2" $who due --late --limit 0 --json | ids)" "$(walk_late $who)" \
			"$1: due --late as $who reads what joining the paths read"
	done
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
		done
	done
	# An office's own deadlines, a department's, an operator's …: one
	# range of its role's index in due order; the history's deadlines met
	# late, one range of the scope's entries, newest first.
	for who in $ROLES; do
		role=$(sqlite3 "$DB" "SELECT role FROM login WHERE login = '$who'")
		for kind in --overdue --soon; do
			k=${kind#--soon}
			expect_ok "due $kind --mine --explain as $who" env GOVNET_LOGIN=$who "$GOVNET" --db "$db" due $k --mine --explain
			expect_in "$OUT" "SEARCH s USING COVERING INDEX wf_due_scope_mine_$role (scope_org_id=? AND due" \
				"due $kind --mine as $who reads its role's entries of its organisation by due date"
			expect_not_in "$OUT" "TEMP B-TREE" "due $kind --mine as $who sorts nothing"
			expect_not_in "$OUT" "SCAN" "due $kind --mine as $who scans no table"
			expect_ok "its next page" env GOVNET_LOGIN=$who "$GOVNET" --db "$db" due $k --mine \
				--after 2026-10-01/access/12 --explain
			expect_in "$OUT" "SEARCH s USING COVERING INDEX wf_due_scope_mine_$role (scope_org_id=? AND (due,component,record_id,obligation)>" \
				"due $kind --mine --after as $who starts after the last"
			expect_not_in "$OUT" "TEMP B-TREE" "due $kind --mine --after as $who sorts nothing"
		done
		expect_ok "due --late --explain as $who" env GOVNET_LOGIN=$who "$GOVNET" --db "$db" due --late --explain
		expect_in "$OUT" "SEARCH l USING PRIMARY KEY (scope_org_id=?)" "due --late as $who reads its scope's entries"
		expect_not_in "$OUT" "TEMP B-TREE" "due --late as $who sorts nothing"
		expect_not_in "$OUT" "SCAN" "due --late as $who scans no table"
		expect_ok "its next page" env GOVNET_LOGIN=$who "$GOVNET" --db "$db" due --late --after 40 --explain
		expect_in "$OUT" "SEARCH l USING PRIMARY KEY (scope_org_id=? AND history_id<?)" "due --late --after as $who starts after the last"
		expect_not_in "$OUT" "TEMP B-TREE" "due --late --after as $who sorts nothing"
	done
done
same_as_walks "the demo" "$NOW"

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
same_as_walks "a request routed to the city" "$LATER"

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
expect_in " $(due_of dh_jyj due --late) " " access:3 " "the clock met late is among the department's met late"
same_as_walks "deadlines met" "$NOW"

# ---- an organisation moves: its deadlines go with it
expect_ok "东海县教育局 moves to 灌云县" gn org set 东海县教育局 --parent 灌云县
expect_eq "$(astray)" 0 "the entries follow the move"
expect_eq "$(due_of dh_zwb due --overdue)" "" "the old county no longer sees the department's deadlines"
expect_in " $(due_of gyun_zwb due --overdue) " " inspect:3 incident:1 incident:5 " "the new county does"
expect_eq "$(due_of dh_jyj due --overdue)" "inspect:3 incident:1 incident:5" "the department still sees its own"
expect_not_in " $(due_of dh_zwb due --late) " " access:3 " "the old county no longer sees what it met late"
expect_in " $(due_of gyun_zwb due --late) " " access:3 " "the new county does"
same_as_walks "an organisation moved" "$NOW"

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
# … and the roles a deadline waits on and the office named to decide it
# (a state's waiting role, a county rule's route()) are its entries' too.
sqlite3 "$DB" "UPDATE wf_clock SET waiting_on = 4 WHERE component = 'access' AND record_id = 15;
	UPDATE wf_clock SET decider_org = (SELECT id FROM org WHERE name = '赣榆区') WHERE component = 'access' AND record_id = 8;
	UPDATE wf_obligation SET waiting_on = 1 WHERE rowid = (SELECT min(rowid) FROM wf_obligation)"
expect_eq "$(astray)" 0 "the entries follow the roles waited on and the deciding office"
same_as_walks "records changed" "$LATER"
# The history is written, not edited, by govnet; edited by hand, its
# deadlines met late still follow.
sqlite3 "$DB" "UPDATE wf_history SET met = 0, late_days = 2 WHERE id = (SELECT min(id) FROM wf_history WHERE met = 1);
	UPDATE wf_history SET org_id = $gy WHERE id = (SELECT max(id) FROM wf_history WHERE met = 0);
	DELETE FROM wf_history WHERE id = (SELECT min(id) FROM wf_history WHERE met = 0)"
expect_eq "$(astray)" 0 "the entries follow the history changed by hand"
same_as_walks "the history changed" "$NOW"

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
expect_eq "$(astray)" 0 "and back again"
expect_in "$(at "$LATE" dsj due --overdue)" "通知未送达" "the notice is overdue again"
# No process parses a trigger on the settings or the channels on opening
# the store: notify keep writes the entries again itself, and a change by
# hand is found by db check, which says how to mend it.
expect_eq "$(sqlite3 "$DB" "SELECT count(*) FROM sqlite_master WHERE type = 'trigger'
	AND tbl_name IN ('setting', 'notify_channel')")" 0 "no trigger watches the settings or the channels"
expect_ok "db check: the entries are right" gn db check
expect_in "$OUT" "期限条目检查均通过" "says so"
dh=$(sqlite3 "$DB" "SELECT id FROM org WHERE name = '东海县'")
sqlite3 "$DB" "UPDATE notify_channel SET org_id = $dh WHERE name = '值班群'; UPDATE setting SET value = '9' WHERE key = 'notify.keep_days'"
expect_fail 1 "db check finds entries a change by hand left behind" gn db check
expect_in "$OUT" "wf_due_scope：" "names the table"
expect_in "$OUT" "条未送达通知的期限条目与通知不符（govnet notify keep --days 9 按现设天数重写）" "and how to write them again"
expect_ok "notify keep writes them again" as dsj notify keep --days 9
expect_eq "$(astray)" 0 "from the channel's organisation and the days kept trying"
expect_in " $(at "$LATE" dh_dsj due --overdue --limit 0 --json | ids) " " notify:" "the county's operator sees its channel's notice"
expect_ok "db check agrees" gn db check
sqlite3 "$DB" "UPDATE notify_channel SET org_id = (SELECT id FROM org WHERE parent_id IS NULL) WHERE name = '值班群'"
expect_ok "and back" as dsj notify keep --days 7
serve_post_log "$port" "$WORK/hook.log"
expect_ok "delivered" at "$LATE" dsj notify run
expect_eq "$(astray)" 0 "the entries follow the delivery"
expect_not_in "$(at "$LATE" dsj due --overdue)" "通知未送达" "a delivered notice is no longer due"

# ---- a channel removed: its messages given up are their organisations'
expect_ok "a channel nobody answers" as dsj notify channel add 备用群 --kind webhook --url "http://127.0.0.1:$(free_port)/hook"
expect_ok "subscribed" as dsj notify subscribe org.add --org 东海县 --channel 备用群
expect_ok "an organisation is added" at "$NOW" root org add --name 东海县另一部门 --parent 东海县 --code 320722998 --kind dept
at "$LATE" dsj notify run >/dev/null 2>&1
expect_eq "$(sqlite3 "$DB" "SELECT state FROM outbox WHERE channel_name = '备用群'")" failed "(its message is given up)"
expect_eq "$(astray)" 0 "a message given up has its entries"
expect_not_in "$(at "$LATE" dh_dsj due --overdue)" "备用群" "the channel's, the city's: not the county operator's"
expect_ok "unsubscribed" as dsj notify unsubscribe org.add --org 东海县 --channel 备用群
expect_ok "the channel is removed" as dsj notify channel remove 备用群
expect_eq "$(astray)" 0 "the entries follow the channel removed"
expect_in "$(at "$LATE" dh_dsj due --overdue)" "通知未送达：org.add → 备用群" "the county's operator sees it now"

# ---- a store made before the entries: migrated, they are filled
# (workflow migration 6), and the entries of each office's own and of
# deadlines met late (migration 10) on a store that had the first.
cp "$DB" "$WORK/old.db"
sqlite3 "$WORK/old.db" "DROP TABLE wf_due_scope; DROP TABLE wf_late_scope; SELECT 'DROP TRIGGER ' || name || ';'
	FROM sqlite_master WHERE type = 'trigger' AND (name GLOB 'wf_due_*' OR name GLOB 'wf_late_*')" |
	sqlite3 "$WORK/old.db" || fail "could not make the old store"
sqlite3 "$WORK/old.db" "DROP INDEX wf_history_verb_at; DROP INDEX wf_history_org; DROP TABLE wf_month_moves;
	DROP TRIGGER wf_month_moves_insert; DROP TRIGGER wf_month_moves_delete; DROP TRIGGER wf_month_moves_update;
	DROP TRIGGER wf_month_moves_org_moved; UPDATE schema_version SET version = 5 WHERE component = 'workflow'" || fail "could not make the old store"
expect_ok "an old store is opened" env GOVNET_LOGIN=dh_zwb "$GOVNET" --db "$WORK/old.db" whoami
# The latest version, whatever migrations come between.
expect_eq "$(sqlite3 "$WORK/old.db" "SELECT version >= 10 FROM schema_version WHERE component = 'workflow'")" 1 "(and migrated)"
expect_eq "$(sqlite3 "$WORK/old.db" "SELECT count(*) FROM sqlite_master WHERE type = 'trigger'
	AND tbl_name IN ('setting', 'notify_channel')")" 0 "(its triggers on the settings and channels gone)"
cp "$DB" "$WORK/new.db" && cp "$WORK/old.db" "$DB"
expect_eq "$(astray)" 0 "the migration fills the entries of every deadline"
expect_eq "$(sqlite3 "$DB" "SELECT count(*) FROM wf_due_scope")" "$(sqlite3 "$WORK/new.db" "SELECT count(*) FROM wf_due_scope")" \
	"as many as the store kept"
expect_eq "$(sqlite3 "$DB" "SELECT count(*) FROM wf_late_scope")" "$(sqlite3 "$WORK/new.db" "SELECT count(*) FROM wf_late_scope")" \
	"and of deadlines met late"
expect_eq "$(due_of dh_zwb due --overdue)" "$(GOVNET_DB= GOVNET_NOW=$NOW GOVNET_LOGIN=dh_zwb "$GOVNET" --db "$WORK/new.db" due --overdue --limit 0 --json | ids)" \
	"and the county office's deadlines read the same"
same_as_walks "a migrated store" "$LATER"
expect_ok "the days kept trying change on the migrated store" as dsj notify keep --days 3
expect_eq "$(astray)" 0 "its entries follow"

finish
