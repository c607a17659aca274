#!/bin/sh
# Every county script govnet ships (lua-scripts/) passes `govnet rules
# check` with luacheck: syntax, hooks, names the sandbox lacks, and
# luacheck's warnings (unused variables, shadowing, globals) — none.
. "${GN_TEST_SRCDIR}/tests/cli/lib.sh"

if ! command -v luacheck >/dev/null; then
	fail "luacheck is not installed (tools/deps installs Debian's lua-check)"
	finish
	exit 1
fi
scripts=$(find "$GN_TEST_SRCDIR/lua-scripts" -name '*.lua' | sort)
expect_eq "$(printf '%s\n' "$scripts" | wc -l)" "5" "the shipped scripts are found"
for f in $scripts; do
	expect_ok "rules check ${f#"$GN_TEST_SRCDIR"/}" "$GOVNET" rules check "$f"
	expect_not_in "$OUT" "luacheck：" "luacheck finds nothing in ${f#"$GN_TEST_SRCDIR"/}"
done

# luacheck's findings are shown: the check above can fail.
cat >"$WORK/sloppy.lua" <<'LUA'
-- 东海县：一个未使用的局部变量。
function validate(event)
  local unused = event.id
end
LUA
expect_ok "a script with an unused variable still passes the check" "$GOVNET" rules check "$WORK/sloppy.lua"
expect_in "$OUT" "luacheck：" "but luacheck's warning is shown"
expect_in "$OUT" "unused variable 'unused'" "naming the variable"
finish
