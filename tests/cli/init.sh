#!/bin/sh
# govnet init seeds the city as the 2023 rules name it; its runner is admin.
. "${GN_TEST_SRCDIR}/tests/cli/lib.sh"

expect_fail 1 "a command on a store that does not exist says to run init" gn org list
expect_in "$ERR" "；请先运行 govnet init" "the message names the command to run"

# A copy of the binary outside the build tree finds no holiday schedule
# shipped beside it (none is installed): init says which command imports one.
mkdir "$WORK/bin"
cp "$GOVNET" "$WORK/bin/govnet"
expect_fail 1 "init without the shipped schedule" env GOVNET_PLUGIN_DIR="$GN_TEST_BUILDDIR/plugins" \
	"$WORK/bin/govnet" --db "$WORK/bare.db" init
expect_in "$ERR" "找不到随附的节假日安排" "init says what is missing"
expect_in "$ERR" "；请先运行 govnet calendar import --file …" "and the command that imports it"

expect_ok "init creates the store" gn init
expect_in "$OUT" "全市管理员：$(id -un)" "the login that ran init is named admin"

expect_ok "whoami" gn whoami
expect_in "$OUT" "admin" "the init login is admin"
expect_in "$OUT" "连云港市" "scoped to the city"

expect_ok "organisations listed" gn org list --json --limit 0
for pair in 320700:连云港市 320703:连云区 320706:海州区 320707:赣榆区 320722:东海县 320723:灌云县 320724:灌南县; do
	expect_in "$OUT" "\"code\": \"${pair%%:*}\"" "code ${pair%%:*} seeded"
	expect_in "$OUT" "\"name\": \"${pair#*:}\"" "${pair#*:} seeded"
done
for zone in 连云港经济技术开发区 徐圩新区 连云港高新技术产业开发区 云台山风景名胜区 市政务办 市大数据管理中心; do
	expect_in "$OUT" "\"name\": \"$zone\"" "$zone seeded"
done

expect_ok "show by name" gn org show 东海县
expect_in "$OUT" "320722" "name resolves to the county"
expect_ok "show by code" gn org show 320707
expect_in "$OUT" "赣榆区" "code resolves to the county"

before=$(db_snapshot)
expect_fail 1 "a second init is refused" gn init
expect_in "$ERR" "已经初始化" "and says the store is initialised"
expect_eq "$(db_snapshot)" "$before" "a refused init changes nothing"

expect_ok "the store is in WAL mode" sqlite3 "$DB" "PRAGMA journal_mode"
expect_eq "$OUT" "wal" "journal mode"

# The demo database: 100+ departments and a login for each role.
DB="$WORK/demo.db"
expect_ok "init --demo" gn init --demo
expect_ok "departments" gn org list --kind dept --limit 0 --json
n=$(printf '%s' "$OUT" | grep -c '"kind": "dept"')
[ "$n" -ge 100 ] && pass || fail "demo has $n departments, wanted 100 or more"
expect_in "$OUT" "东海县教育局" "county departments carry the county's name"
expect_in "$OUT" "市公安局" "city departments"
expect_ok "logins" gn user list --json
for role in office operator dept auditor admin; do
	expect_in "$OUT" "\"role\": \"$role\"" "a demo login with role $role"
done
expect_ok "the demo's audit chain verifies" gn audit verify

# govnet --demo makes the demo store on first use, its maker its
# administrator: a maker named as one of the demo's own logins is refused
# before anything is made, and told how to look through that login's eyes.
xdg="$WORK/xdg"
expect_fail 1 "the demo made as zwb" env XDG_DATA_HOME="$xdg" GOVNET_LOGIN=zwb "$GOVNET" --demo whoami
expect_in "$ERR" "登录名 zwb 是演示数据自己的登录名，不能用它创建演示数据库" "naming the login and why"
expect_in "$ERR" "之后再用 GOVNET_LOGIN=zwb 以其身份查看" "and what to do instead"
[ ! -e "$xdg/govnet/demo.db" ] && pass || fail "no demo store is left behind"
expect_ok "the demo made as its maker" env XDG_DATA_HOME="$xdg" "$GOVNET" --demo whoami
expect_ok "then seen as zwb" env XDG_DATA_HOME="$xdg" GOVNET_LOGIN=zwb "$GOVNET" --demo whoami
expect_in "$OUT" "office（主管部门）" "zwb is the demo's 市政务办 office"

finish
