#!/bin/sh
# County rules in Lua (Art 30) through the command line: adding, versions,
# who may change them, what they change — in their county and nowhere
# else — and the example scripts of lua-scripts/ with their own tests.
. "${GN_TEST_SRCDIR}/tests/cli/lib.sh"
gn init --demo >/dev/null
SCRIPTS="$GN_TEST_SRCDIR/lua-scripts"

at() { when=$1; who=$2; shift 2; GOVNET_NOW=$when GOVNET_LOGIN=$who "$GOVNET" --db "$DB" "$@"; }
json_field() { python3 -c 'import json,sys; v=json.load(sys.stdin); print(v.get(sys.argv[1]) if v.get(sys.argv[1]) is not None else "")' "$1"; }

cat > "$WORK/no-test-names.lua" <<'LUA'
-- 东海县：新建组织的名称不得含“测试”。
function validate(event)
  if event.plugin == "org" and event.verb == "add" and event.record.name:find("测试", 1, true) then
    return false, "组织名称不得含“测试”：" .. event.record.name
  end
end
LUA

# ---- adding a rule
expect_ok "an empty list" gn rules list
expect_not_in "$OUT" "东海县" "no rules yet"
expect_ok "东海县's office adds a rule" as dh_zwb rules add "$WORK/no-test-names.lua" --org 东海县 --why 规范命名
expect_in "$OUT" "已添加规则 东海县/no-test-names 第 1 版" "it says what it added"
expect_in "$OUT" "validate" "and which hooks"
expect_ok "list" gn rules list
expect_in "$OUT" "no-test-names" "the rule is listed"
expect_in "$OUT" "启用" "enabled"

# ---- it changes outcomes in 东海县, and nowhere else
before=$(db_snapshot)
expect_fail 1 "a 测试 organisation in 东海县 is refused" as dh_zwb org add 东海县测试科 --parent 东海县
expect_in "$ERR" "规则 东海县/no-test-names 拒绝了此更改" "naming the rule"
expect_in "$ERR" "组织名称不得含“测试”：东海县测试科" "with the rule's own message"
expect_fail 1 "below the county too" as dh_zwb org add 东海县教育局测试组 --parent 东海县教育局 --kind unit
expect_eq "$(db_snapshot)" "$before" "the refusals changed nothing"
expect_ok "the same name in 赣榆区 is fine" as gy_zwb org add 赣榆区测试科 --parent 赣榆区
expect_ok "and at city level" gn org add 市测试中心 --parent 连云港市
expect_ok "an ordinary name in 东海县 is fine" as dh_zwb org add 东海县信息科 --parent 东海县

# ---- versions
sed 's/测试/试验/g' "$WORK/no-test-names.lua" > "$WORK/v2.lua"
expect_ok "a second version" as dh_zwb rules add "$WORK/v2.lua" --org 东海县 --name no-test-names
expect_in "$OUT" "第 2 版" "is version 2"
expect_ok "the old word passes now" as dh_zwb org add 东海县测试二科 --parent 东海县
expect_fail 1 "the new one does not" as dh_zwb org add 东海县试验科 --parent 东海县
expect_ok "history" gn rules history 东海县/no-test-names
expect_in "$OUT" "v2.lua" "names the file of version 2"
expect_in "$OUT" "no-test-names.lua" "and of version 1"
expect_ok "show version 1" gn rules show no-test-names --version 1
expect_in "$OUT" "“测试”" "shows the old source"
expect_ok "the diff between versions 1 and 2" gn rules history 东海县/no-test-names --diff 1 2
expect_in "$OUT" "--- 东海县/no-test-names 第 1 版（" "heads the old version"
expect_in "$OUT" "+++ 东海县/no-test-names 第 2 版（" "and the new one"
expect_in "$OUT" "@@ -1,6 +1,6 @@" "one hunk"
expect_in "$OUT" "-  if event.plugin == \"org\" and event.verb == \"add\" and event.record.name:find(\"测试\", 1, true) then" "the line taken out"
expect_in "$OUT" "+  if event.plugin == \"org\" and event.verb == \"add\" and event.record.name:find(\"试验\", 1, true) then" "the line put in"
expect_in "$OUT" " function validate(event)" "an unchanged line as context"
expect_eq "$(printf '%s\n' "$OUT" | grep -c '^[-+] ')" "4" "only the changed lines are marked"
expect_ok "the other way round" gn rules history no-test-names --org 东海县 --diff 2 1
expect_in "$OUT" "+++ 东海县/no-test-names 第 1 版（" "swaps the sides"
expect_in "$OUT" "--- 东海县：新建组织的名称不得含“试验”。" "the old side is version 2's"
expect_ok "a version against itself" gn rules history 东海县/no-test-names --diff 2 2
expect_in "$OUT" "两个版本的脚本相同" "says they are the same"
expect_fail 1 "a version that does not exist" gn rules history 东海县/no-test-names --diff 1 9
expect_in "$ERR" "没有第 9 版" "names it"
expect_fail 2 "one version only" gn rules history 东海县/no-test-names --diff 1
expect_in "$ERR" "--diff 版本1 版本2" "says how"
expect_fail 2 "a version that is not a number" gn rules history 东海县/no-test-names --diff 1 x
expect_ok "show the current version" gn rules show 东海县/no-test-names --json
expect_eq "$(printf '%s' "$OUT" | json_field version)" "2" "version 2 is current"
expect_ok "audit" gn audit list --json --limit 1000
expect_in "$OUT" '"component": "rules"' "rule changes are audited"
expect_in "$OUT" "规范命名" "with the reason given"

# ---- who may change a county's rules
before=$(db_snapshot)
expect_fail 1 "another county's office may not" as gy_zwb rules add "$WORK/v2.lua" --org 东海县
expect_in "$ERR" "超出权限范围" "out of its scope"
expect_fail 1 "the city's office may not" as zwb rules disable 东海县/no-test-names
expect_in "$ERR" "只有管理员或东海县的主管部门可以修改东海县的规则" "only the county's office or an administrator"
expect_fail 1 "a department may not" as dh_jyj rules disable 东海县/no-test-names
expect_in "$ERR" "dept" "naming the role"
expect_fail 1 "rules belong to the city or a county, not a department" gn rules add "$WORK/v2.lua" --org 东海县教育局
expect_fail 1 "a bad name is refused" gn rules add "$WORK/v2.lua" --org 东海县 --name "规则 一"
expect_in "$ERR" "规则名" "naming the field"
expect_fail 1 "a script with a syntax error is refused" sh -c "printf 'function validate(e) return e +\nend\n' > '$WORK/bad.lua'; GOVNET_LOGIN=dh_zwb '$GOVNET' --db '$DB' rules add '$WORK/bad.lua' --org 东海县"
expect_in "$ERR" "bad.lua:2:" "naming script and line"
expect_eq "$(db_snapshot)" "$before" "none of the refusals changed anything"
expect_ok "东海县's administrator may" as dh_admin rules disable 东海县/no-test-names
expect_ok "disabled, the rule no longer refuses" as dh_zwb org add 东海县试验一科 --parent 东海县
expect_fail 1 "disabling twice says so" as dh_zwb rules disable 东海县/no-test-names
expect_in "$ERR" "已经是停用的" "and changes nothing"
expect_ok "enable again" as dh_zwb rules enable no-test-names --org 东海县
expect_fail 1 "it refuses again" as dh_zwb org add 东海县试验二科 --parent 东海县

# ---- a name two counties use must be qualified
expect_ok "赣榆区 has a rule of the same name" as gy_zwb rules add "$WORK/v2.lua" --org 赣榆区 --name no-test-names
expect_fail 1 "a bare name is ambiguous" as dh_zwb rules disable no-test-names
expect_in "$ERR" "请用 --org 指定" "and says how to choose"
expect_ok "qualified, it works" as gy_zwb rules disable 赣榆区/no-test-names

# ---- rules never judge changes to rules
cat > "$WORK/refuse-all.lua" <<'LUA'
function validate(event) return false, "一律拒绝" end
LUA
expect_ok "a rule refusing everything" as dh_zwb rules add "$WORK/refuse-all.lua" --org 东海县
expect_fail 1 "refuses changes in 东海县" as dh_zwb org add 东海县正常科 --parent 东海县
expect_in "$ERR" "一律拒绝" "with its message"
expect_ok "but can itself be disabled" as dh_zwb rules disable 东海县/refuse-all

# ---- a failing on() is logged and the change stands
cat > "$WORK/on-fails.lua" <<'LUA'
function on(event)
  if event.plugin == "org" then error("记录失败") end
end
LUA
expect_ok "an on() that fails" as dh_zwb rules add "$WORK/on-fails.lua" --org 东海县
expect_ok "the change stands" as dh_zwb org add 东海县档案科 --parent 东海县
expect_in "$ERR" "on-fails.lua:2: 记录失败" "the failure is reported, naming script and line"
expect_in "$ERR" "更改照常生效" "saying the change stands"
expect_ok "the organisation exists" gn org show 东海县档案科
expect_ok "show" gn rules show 东海县/on-fails
expect_in "$OUT" "记录失败" "the rule's log keeps the failure"
expect_ok "disable it" as dh_zwb rules disable 东海县/on-fails

# ---- the example rules of three counties, with the access plugin
gn plugins >/dev/null
expect_ok "东海县: traffic annex" as dh_zwb rules add "$SCRIPTS/examples/donghai/traffic-annex.lua" --org 东海县
expect_ok "赣榆区: five-day review" as gy_zwb rules add "$SCRIPTS/examples/ganyu/review-5days.lua" --org 赣榆区
expect_ok "灌南县: mobile numbers" as gn_zwb rules add "$SCRIPTS/examples/guannan/filing-mobile.lua" --org 灌南县
NEW="--reason 新建实验楼接入 --scope 实验楼 --location 一层机房 --tech 双链路"
before=$(db_snapshot)
expect_fail 1 "东海县: 1500 Mbps without an annex" as dh_jyj access new --org 东海县教育局 $NEW --traffic 1500
expect_in "$ERR" "规则 东海县/traffic-annex" "names the rule"
expect_in "$ERR" "1500 Mbps" "and the traffic"
expect_eq "$(db_snapshot)" "$before" "nothing changed"
printf 'plan v1\n' > "$WORK/技术方案.pdf"
expect_ok "东海县: with an annex" as dh_jyj access new --org 东海县教育局 $NEW --traffic 1500 --annex "$WORK/技术方案.pdf"
expect_ok "东海县: 1000 Mbps needs none" as dh_jyj access new --org 东海县教育局 $NEW --traffic 1000
expect_ok "赣榆区: 1500 Mbps without an annex is fine there" as gy_wjw access new --org 赣榆区卫生健康委员会 $NEW --traffic 1500

expect_ok "赣榆区: a request" at 2026-09-14T10:00:00+08:00 gy_wjw access new --org 赣榆区卫生健康委员会 $NEW --traffic 10
G=$OUT
expect_ok "submitted" at 2026-09-14T10:00:00+08:00 gy_wjw access submit "$G"
expect_eq "$(gn access show "$G" --json | json_field due)" "$(gn calendar add 2026-09-14 5)" "赣榆区 reviews within 5 working days"
expect_ok "东海县: a request" at 2026-09-14T10:00:00+08:00 dh_jyj access new --org 东海县教育局 $NEW --traffic 10
D=$OUT
expect_ok "submitted" at 2026-09-14T10:00:00+08:00 dh_jyj access submit "$D"
expect_eq "$(gn access show "$D" --json | json_field due)" "$(gn calendar add 2026-09-14 10)" "东海县 keeps the statutory 10"
expect_ok "赣榆区 approves" at 2026-09-15T10:00:00+08:00 gy_zwb access approve "$G"
expect_eq "$(gn access show "$G" --json | json_field due)" "$(gn calendar add 2026-09-15 30)" "the implementation deadline is untouched"

before=$(db_snapshot)
expect_fail 1 "灌南县: a landline in the filing" as gn_mzj access filing set 灌南县民政局 --leader 张副局长 --unit 办公室 --person 孔科员 --phone 0518-83220001
expect_in "$ERR" "规则 灌南县/filing-mobile" "names the rule"
expect_in "$ERR" "手机" "and says a mobile number is needed"
expect_eq "$(db_snapshot)" "$before" "nothing changed"
expect_ok "灌南县: a mobile number" as gn_mzj access filing set 灌南县民政局 --leader 张副局长 --unit 办公室 --person 孔科员 --phone 13805130016
expect_ok "东海县: a landline is fine there" as dh_jyj access filing set 东海县教育局 --leader 刘副局长 --unit 信息中心 --person 郑老师 --phone 0518-87220009

# ---- the city's default rules apply everywhere
for f in "$SCRIPTS"/city/*.lua; do
	expect_ok "city rule $(basename "$f")" as zwb rules add "$f" --org 320700
done
expect_fail 1 "zero traffic is refused in 赣榆区" as gy_wjw access new --org 赣榆区卫生健康委员会 $NEW --traffic 0
expect_in "$ERR" "预测流量（Mbps）（--traffic）应在 1 到 100000 之间" "by the field's own bounds (Art 10)"
expect_fail 1 "and in the city" as sgaj access new --org 市公安局 $NEW --traffic 0
expect_fail 1 "an extension is not a phone number" as sgaj access filing set 市公安局 --leader 杨副局长 --unit 科技信息化处 --person 韩警官 --phone 8001
expect_in "$ERR" "Art 12" "citing the article"

# ---- check and test
expect_ok "the shipped scripts pass their tests" "$GOVNET" rules test "$SCRIPTS"/city/*.lua "$SCRIPTS"/examples/*/*.lua
expect_in "$OUT" "通过  test_big_request_without_annex_is_refused" "per test"
expect_not_in "$OUT" "失败  " "none fails"
cp "$SCRIPTS/examples/ganyu/review-5days.lua" "$WORK/broken.lua"
sed -i 's/local REVIEW_DAYS = 5/local REVIEW_DAYS = 6/' "$WORK/broken.lua"
expect_fail 1 "a broken rule fails its tests" "$GOVNET" rules test "$WORK/broken.lua"
expect_in "$OUT" "失败  test_review_is_five_working_days" "naming the test"
expect_in "$OUT" "broken.lua:" "and where it failed"
expect_in "$OUT" "通过  test_implementation_deadline_is_untouched" "the others still pass"
expect_ok "check a good script" "$GOVNET" rules check "$SCRIPTS/examples/donghai/traffic-annex.lua"
expect_in "$OUT" "正确；钩子：validate" "reports its hooks"
printf 'function validat(e) end\nfunction on(e) return io.open("x") end\n' > "$WORK/typo.lua"
expect_ok "check warns" "$GOVNET" rules check "$WORK/typo.lua"
expect_in "$OUT" "全局函数 validat 不是钩子" "of a misspelt hook"
expect_in "$OUT" "typo.lua:2：沙箱中没有 io" "and of io, with its line"
expect_fail 1 "check refuses a script with no hooks" "$GOVNET" rules check "$WORK/bad.lua"
finish
