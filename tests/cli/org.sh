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

# ---- names and codes are never confusable (Art 6–8)
before=$(db_snapshot)
expect_fail 1 "a county office cannot give a code that is another organisation's name" \
	as dh_zwb org add 影子局 --parent 东海县 --code 赣榆区
expect_in "$ERR" "代码（--code）" "names the field"
expect_fail 1 "nor a name that looks like a code" as dh_zwb org add 320707 --parent 东海县
expect_in "$ERR" "名称（--name）" "names the field"
expect_fail 1 "nor rename an organisation to a code" as dh_zwb org set 东海县教育局 --name 320706
expect_in "$ERR" "名称（--name）" "names the field"
expect_fail 1 "nor set a code of another form" as dh_zwb org set 东海县教育局 --code 海州区
expect_eq "$(db_snapshot)" "$before" "and nothing changed"
# A store written before codes had a form: a name still reaches the named.
sqlite3 "$DB" "INSERT INTO org(parent_id, code, name, kind, path, created_at)
	SELECT id, '赣榆区', '影子局', 'dept', path || 'x/', 'x' FROM org WHERE code = '320722'"
expect_ok "a name never resolves to a code" gn org show 赣榆区
expect_in "$OUT" "320707" "the county, not the shadow"
expect_not_in "$OUT" "影子局" "the shadow is not reached"
sqlite3 "$DB" "DELETE FROM org WHERE name = '影子局'"

# ---- the county-level divisions and the city's offices are the city's
before=$(db_snapshot)
expect_fail 1 "a county office cannot make its county a department" as dh_zwb org set 东海县 --kind dept
expect_in "$ERR" "由市级修改" "says whose it is"
expect_fail 1 "nor rename it" as dh_zwb org set 东海县 --name 东海新县
expect_fail 1 "nor change its code" as dh_zwb org set 东海县 --code 320799
expect_fail 1 "a county administrator cannot either" as dh_admin org set 东海县 --name 东海新县
expect_fail 1 "nor touch the city's operating agency" as dh_admin org set 市大数据管理中心 --name 某中心
expect_fail 1 "the city cannot leave departments under a department" gn org set 东海县 --kind dept
expect_in "$ERR" "之下有类型为 dept 的组织" "names what stands under it"
expect_eq "$(db_snapshot)" "$before" "and nothing changed"
expect_ok "a county office still renames its own departments" as dh_zwb org set 东海县教育局 --name 东海县教育体育局
finish
