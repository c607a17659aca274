#!/bin/sh
# Roles and scopes: who may act on what (Art 6–8).
. "${GN_TEST_SRCDIR}/tests/cli/lib.sh"
gn init --demo >/dev/null
before=$(db_snapshot)

expect_fail 1 "an auditor's org add is refused" as shenji org add 测试局 --parent 东海县
expect_in "$ERR" "auditor" "the refusal names the role"
expect_eq "$(db_snapshot)" "$before" "and nothing changed"

expect_fail 1 "a 东海县 office cannot add under 赣榆区" as dh_zwb org add 测试局 --parent 赣榆区
expect_in "$ERR" "超出权限范围" "the refusal says it is out of scope"
expect_fail 1 "a 东海县 office cannot rename a 赣榆区 department" as dh_zwb org set 赣榆区教育局 --name 改名
expect_fail 1 "a 东海县 admin cannot register a login in 赣榆区" as dh_admin user add gy_new --role dept --org 赣榆区教育局
expect_fail 1 "a 东海县 department login cannot act in 赣榆区" as dh_jyj org add 测试 --parent 赣榆区教育局
expect_eq "$(db_snapshot)" "$before" "none of the refusals changed anything"

expect_ok "a 东海县 department login sees its own organisation" as dh_jyj org list --json --limit 0
expect_in "$OUT" "东海县教育局" "its own department"
expect_not_in "$OUT" "赣榆区" "nothing of 赣榆区"
expect_fail 1 "and cannot read a 赣榆区 record" as dh_jyj org show 赣榆区教育局

expect_ok "a county admin registers a login in its county" as dh_admin user add dh_new --role dept --org 东海县教育局 --name 新同事
expect_ok "the new login works at once" as dh_new whoami
expect_in "$OUT" "东海县教育局" "scoped to its department"
expect_ok "disable it" as dh_admin user disable dh_new --why 调岗
expect_fail 1 "a disabled login reads nothing" as dh_new org list
expect_in "$ERR" "未在 govnet 登记（或已停用）" "and is told so"

expect_fail 1 "an unregistered login reads nothing" as stranger org list
expect_in "$ERR" "请联系管理员" "and is told whom to ask"
expect_in "$ERR" "$(id -un)" "naming the city's administrator"
expect_eq "$OUT" "" "and sees no rows"

expect_fail 1 "an admin cannot disable itself" gn user disable "$(id -un)"

# GOVNET_LOGIN is honoured only for the owner of the database file.
if [ "$(id -u)" -eq 0 ] && id nobody >/dev/null 2>&1; then
	# A store shared on the jump host: every operator may write it.
	chmod 777 "$WORK"; chmod 666 "$DB" "$DB-wal" "$DB-shm" 2>/dev/null
	# A copy of the binary and its plugins that nobody can run: the
	# checkout may lie under a directory only root may enter (/root).
	mkdir -m 755 "$WORK/bin" "$WORK/bin/plugins"
	cp "$GOVNET" "$WORK/bin/govnet" && cp "$GN_TEST_BUILDDIR"/plugins/*.so "$WORK/bin/plugins/" &&
		chmod -R a+rX "$WORK/bin" || fail "could not copy govnet for nobody"
	OUT=$(su -s /bin/sh nobody -c "GOVNET_LOGIN=$(id -un) GOVNET_PLUGIN_DIR='$WORK/bin/plugins' LC_ALL=C.UTF-8 '$WORK/bin/govnet' --db '$DB' whoami" 2>&1)
	expect_in "$OUT" "nobody" "a caller who does not own the file stays who they are"
	expect_not_in "$OUT" "角色    admin" "and does not become admin through GOVNET_LOGIN"
fi
finish
