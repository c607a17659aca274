#!/bin/sh
# A county's route() rule (Art 30) sends a request to another office: the
# office it names finds the request in its queue and decides it; the
# county's own office neither lists it nor may decide it.  The office is
# named when the request is submitted and kept with it: a rule changed
# later does not move a submitted request, a resubmission asks again.
. "${GN_TEST_SRCDIR}/tests/cli/lib.sh"
gn init --demo >/dev/null

at() { when=$1; who=$2; shift 2; GOVNET_NOW=$when GOVNET_LOGIN=$who "$GOVNET" --db "$DB" "$@"; }
queue() { at 2026-11-03T10:00:00+08:00 "$1" access list --view queue --limit 0; }

NEW="--org 东海县教育局 --scope 全县 --location 县数据中心 --tech 万兆"

# Only on submission, and only large requests: a rule that would not say
# the same when asked again at the decision.
cat > "$WORK/route.lua" <<'LUA'
function route(event)
  if event.plugin == "access" and event.verb ~= "approve" and (event.record.traffic or 0) >= 5000 then
    return "320700"
  end
end
LUA
expect_ok "东海县 adds a routing rule" gn rules add "$WORK/route.lua" --org 东海县 --name big-to-city

expect_ok "a large request" at 2026-11-02T10:00:00+08:00 dh_jyj access new $NEW --reason 全县视频汇聚 --traffic 8000
BIG=$OUT
expect_ok "submitted" at 2026-11-02T10:00:00+08:00 dh_jyj access submit "$BIG"
expect_ok "a small one" at 2026-11-02T10:00:00+08:00 dh_jyj access new $NEW --reason 县局楼层扩容 --traffic 100
SMALL=$OUT
expect_ok "submitted" at 2026-11-02T10:00:00+08:00 dh_jyj access submit "$SMALL"

# ---- the queues
expect_ok "the city office's queue" queue zwb
expect_in "$OUT" "全县视频汇聚" "lists the request the rule sent it"
expect_not_in "$OUT" "县局楼层扩容" "not the county's own"
expect_ok "东海县's office's queue" queue dh_zwb
expect_in "$OUT" "县局楼层扩容" "lists its county's request"
expect_not_in "$OUT" "全县视频汇聚" "not the one the rule sent to the city"
expect_ok "赣榆区's office's queue" queue gy_zwb
expect_not_in "$OUT" "全县视频汇聚" "another county sees neither"
expect_not_in "$OUT" "县局楼层扩容" "of them"

# ---- who decides it
before=$(db_snapshot)
expect_fail 1 "the county office may not decide the routed request" at 2026-11-03T10:00:00+08:00 dh_zwb access approve "$BIG"
expect_in "$ERR" "按本地规则，该申请由 连云港市 审核（Art 30）" "it is told who does, citing Art 30"
expect_eq "$(db_snapshot)" "$before" "the refusal changed nothing"
expect_fail 1 "the city office may not decide the county's own" at 2026-11-03T10:00:00+08:00 zwb access approve "$SMALL"
expect_in "$ERR" "东海县 的政务外网主管部门" "which is the county's"
expect_eq "$(db_snapshot)" "$before" "and nothing changed"

# The rule would not route it now (verb approve): the office named at
# submission decides all the same.
expect_ok "the city office decides it" at 2026-11-03T10:00:00+08:00 zwb access return "$BIG" --comment 请补充汇聚拓扑
expect_ok "the county's decides its own" at 2026-11-03T10:00:00+08:00 dh_zwb access approve "$SMALL"

# ---- a rule changed after submission moves nothing; a resubmission asks again
expect_ok "东海县 disables the rule" gn rules disable big-to-city
expect_ok "the city office's queue" queue zwb
expect_not_in "$OUT" "全县视频汇聚" "a returned request waits on its applicant"
expect_ok "resubmitted" at 2026-11-04T10:00:00+08:00 dh_jyj access resubmit "$BIG"
expect_ok "东海县's office's queue" queue dh_zwb
expect_in "$OUT" "全县视频汇聚" "without the rule it is the county's again"
expect_ok "the city office's queue" queue zwb
expect_not_in "$OUT" "全县视频汇聚" "and no longer the city's"
expect_ok "the county office decides it now" at 2026-11-05T10:00:00+08:00 dh_zwb access approve "$BIG"

# ---- a rule may send a request only to an office that covers it
cat > "$WORK/elsewhere.lua" <<'LUA'
function route(event)
  if event.plugin == "access" then return "赣榆区" end
end
LUA
expect_ok "a rule naming another county" gn rules add "$WORK/elsewhere.lua" --org 东海县 --name to-ganyu
expect_ok "a request" at 2026-11-02T10:00:00+08:00 dh_jyj access new $NEW --reason 跨县转办 --traffic 10
ELSE=$OUT
before=$(db_snapshot)
expect_fail 1 "its submission is refused" at 2026-11-02T10:00:00+08:00 dh_jyj access submit "$ELSE"
expect_in "$ERR" "赣榆区 不管辖 东海县教育局（Art 30）" "saying the office does not cover the department"
expect_eq "$(db_snapshot)" "$before" "and nothing changed"
gn rules disable to-ganyu >/dev/null

# ---- a store whose requests were submitted before the office was kept
sqlite3 "$DB" "DROP TABLE access_queue_key; DROP TRIGGER access_queue_key_insert; DROP TRIGGER access_queue_key_update;
	DROP TRIGGER access_queue_key_delete; UPDATE wf_clock SET decider_org = NULL;
	UPDATE schema_version SET version = 7 WHERE component = 'access'"
# (nor has it what migration 10 made)
sqlite3 "$DB" "SELECT 'DROP TRIGGER ' || name || ';' FROM sqlite_master WHERE type = 'trigger'
	AND name GLOB 'access_filing_scope_key_*'" | sqlite3 "$DB" || fail "could not make the old store"
sqlite3 "$DB" "DROP TABLE access_filing_scope_key; DROP INDEX access_request_scope_key_running" ||
	fail "could not make the old store"
expect_ok "the store is migrated" gn db check
expect_ok "东海县's office's queue" queue dh_zwb
expect_in "$OUT" "乡镇中心校视频会议" "the level rule names the office of older requests"
expect_ok "the city office's queue" queue zwb
expect_not_in "$OUT" "乡镇中心校视频会议" "not the city's"

expect_ok "the audit chain verifies" gn audit verify
finish
