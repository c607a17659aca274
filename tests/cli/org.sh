#!/bin/sh
# Organisations: add, set, move, names and codes, placement rules (Art 6–8).
. "${GN_TEST_SRCDIR}/tests/cli/lib.sh"
gn init --demo >/dev/null

expect_ok "an office adds a department under its county" as dh_zwb org add 东海县数据局 --parent 东海县 --code 320722901
id=$OUT
expect_ok "show by the new code" gn org show 320722901 --json
expect_in "$OUT" "\"name\": \"东海县数据局\"" "the name as typed"
expect_in "$OUT" "\"parent\": \"东海县\"" "under the county"
expect_in "$OUT" "\"id\": $id" "the printed id is the record's"

expect_ok "a unit under the department" gn org add 信息科 --parent 东海县数据局 --kind unit
expect_fail 1 "a county cannot sit under a department" gn org add 假县 --parent 东海县数据局 --kind county
expect_in "$ERR" "Art 6–8" "the refusal cites the articles"

expect_fail 1 "a duplicate name under one parent is refused" gn org add 东海县数据局 --parent 东海县
expect_in "$ERR" "已有名为" "and says so"
expect_fail 1 "a duplicate code is refused" gn org add 别的局 --parent 东海县 --code 320722901
expect_in "$ERR" "320722901" "naming the code"

expect_ok "rename" gn org set 东海县数据局 --name 东海县大数据局
expect_ok "show renamed" gn org show 320722901
expect_in "$OUT" "东海县大数据局" "the new name"

expect_ok "move a department with its units to another county" gn org set 东海县大数据局 --parent 灌云县
expect_ok "the unit moved along" gn org list --under 灌云县 --json --limit 0
expect_in "$OUT" "信息科" "units follow their department"
expect_ok "db check after the move" gn db check

expect_fail 1 "an organisation cannot move under itself" gn org set 灌云县 --parent 信息科
expect_fail 1 "an unknown organisation is named" gn org show 不存在的局
expect_in "$ERR" "不存在的局" "the message names what was asked for"

expect_ok "list filters by kind" gn org list --kind county --json
n=$(printf '%s' "$OUT" | grep -c '"kind": "county"')
expect_eq "$n" "6" "six county-level divisions"

expect_ok "list --limit pages" gn org list --limit 5
expect_eq "$(printf '%s\n' "$OUT" | wc -l)" "6" "a header and five rows"
expect_in "$ERR" "--after" "and says how to see more"

expect_ok "the audit records each change with before and after" gn audit list --component org --json --limit 0
expect_in "$OUT" "\"verb\": \"set\"" "the rename and the move are audited"
expect_ok "audit verify" gn audit verify
# ---- a table printed to a pipe or a file is never cut
LONG="连云港市东海县经济开发区智慧城市运行管理服务中心数据资源与网络安全保障科"
expect_ok "an organisation with a long name" gn org add "$LONG" --parent 东海县
expect_ok "listed into a pipe" gn org list --under 东海县 --limit 0
expect_in "$OUT" "$LONG" "the whole name, not cut at 40 cells"
expect_not_in "$OUT" "…" "and no cut mark"
finish
