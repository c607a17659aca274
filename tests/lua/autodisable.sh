#!/bin/sh
# A rule that keeps running into its limits disables itself (Art 30): the
# third stop since it was added or enabled disables it, says so to the
# user, logs it and tells the channels that follow rules.disable for the
# county and the city; `rules enable` brings it back with a fresh count.
. "${GN_TEST_SRCDIR}/tests/cli/lib.sh"
gn init --demo >/dev/null

expect_ok "a channel" gn notify channel add 值班群 --kind webhook --url http://127.0.0.1:9/hook
expect_ok "the county office follows its rules" as dh_zwb notify subscribe rules.disable --org 东海县 --channel 值班群
expect_ok "a rule that never stops" as dh_zwb rules add "$GN_TEST_SRCDIR/tests/lua/cwork/rep_empty.lua" --org 东海县
stopped() { sqlite3 "$DB" "SELECT count(*) FROM rule_stop"; }
enabled() { sqlite3 "$DB" "SELECT enabled FROM rule WHERE name = 'rep_empty'"; }

expect_fail 1 "the first change is refused" as dh_zwb org add 东海县一科 --parent 东海县
expect_eq "$(stopped)" 1 "the stop is written although the change was rolled back"
expect_not_in "$ERR" "自动停用" "one stop disables nothing"
expect_fail 1 "the second change is refused" as dh_zwb org add 东海县二科 --parent 东海县
expect_eq "$(enabled)" 1 "two stops disable nothing"
expect_fail 1 "the third change is refused" as dh_zwb org add 东海县三科 --parent 东海县
expect_in "$ERR" "规则 东海县/rep_empty（第 1 版）已 3 次超出运行限制，已自动停用" "the user is told the rule was disabled"
rule=$(sqlite3 "$DB" "SELECT id FROM rule WHERE name = 'rep_empty'")
expect_in "$ERR" "修正后由主管部门重新启用" "and who brings it back"
expect_in "$ERR" "；请先运行 govnet rules enable $rule" "and, on the command line, with which command"
expect_eq "$(enabled)" 0 "the rule is disabled"
expect_eq "$(sqlite3 "$DB" "SELECT count(*) FROM outbox WHERE event = 'rules.disable' AND channel_name = '值班群'")" 1 \
	"the county's channel is told"
expect_ok "the rule" gn rules show 东海县/rep_empty
expect_in "$OUT" "已自动停用" "the rule log says so"
expect_not_in "$OUT" "govnet rules" "in words every reader understands, naming no command"
expect_ok "the county works again" as dh_zwb org add 东海县四科 --parent 东海县

expect_ok "enabled again" as dh_zwb rules enable 东海县/rep_empty
expect_fail 1 "its next stop refuses" as dh_zwb org add 东海县五科 --parent 东海县
expect_not_in "$ERR" "自动停用" "but counts afresh"
expect_eq "$(enabled)" 1 "the rule stays enabled"
finish
