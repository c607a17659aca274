#!/bin/sh
# Work inside C functions (Art 30): every script in tests/lua/cwork/ makes
# a C function of Lua's library loop — string.rep of nothing, format,
# concat, sort, gsub, utf8, tostring, __index chains — where the hook
# never runs.  Each must be stopped within its budget, the change refused
# with a message naming the rule, the store unchanged, and while it runs
# a writer in another county must still get through within the second.
. "${GN_TEST_SRCDIR}/tests/cli/lib.sh"
. "${GN_TEST_SRCDIR}/tests/lua/lib.sh"
gn init --demo >/dev/null

CORPUS="$GN_TEST_SRCDIR/tests/lua/cwork"
# A change in 东海县 judged by the rule; `timeout` only keeps a rule that
# is never stopped from hanging the suite.
judged() { GOVNET_LOGIN=dh_zwb timeout 20 "$GOVNET" --db "$DB" org add "东海县$1" --parent 东海县; }

# A rule is stopped within its wall-clock limit plus the hard stop's grace
# (rules/sandbox.h): within a second; under AddressSanitizer, where the
# limit allows for the slower build, within 1.5 s.
limit_ms=1000
[ -n "${ASAN_OPTIONS:-}" ] && limit_ms=1500
n=0
for f in "$CORPUS"/*.lua; do
	name=$(basename "$f" .lua)
	want=$(expect_of "$f")
	expect_ok "$name: the script is accepted" as dh_zwb rules add "$f" --org 东海县
	before=$(db_snapshot rule_stop)
	t0=$(now_ms)
	expect_fail 1 "$name: the change it judges is refused" judged "${name}科"
	elapsed=$(( $(now_ms) - t0 ))
	if [ "$elapsed" -lt "$limit_ms" ]; then pass; else fail "$name: took $elapsed ms, more than $limit_ms"; fi
	expect_in "$ERR" "规则 东海县/$name" "$name: the refusal names the rule"
	expect_one_of "$ERR" "$want" "$name: and says what stopped it"
	expect_eq "$(db_snapshot rule_stop)" "$before" "$name: nothing in the store changed"

	# Again, with a writer in 赣榆区 started while the rule runs.
	judged "${name}二科" >/dev/null 2>"$WORK/hostile.err" &
	pid=$!
	t0=$(now_ms)
	expect_ok "$name: a writer in 赣榆区 gets through meanwhile" as gy_zwb org add "赣榆区${name}科" --parent 赣榆区
	elapsed=$(( $(now_ms) - t0 ))
	if [ "$elapsed" -lt "$limit_ms" ]; then pass; else fail "$name: the writer in 赣榆区 waited $elapsed ms"; fi
	wait "$pid"
	expect_eq "$?" 1 "$name: the judged change is refused again"
	expect_ok "$name: govnet still answers" gn whoami
	expect_ok "$name: the rule can be disabled" as dh_zwb rules disable "东海县/$name"
	n=$((n + 1))
done
expect_eq "$([ "$n" -ge 28 ] && echo yes)" "yes" "the corpus has at least 28 scripts ($n)"
expect_ok "with every rule disabled 东海县 works again" as dh_zwb org add 东海县正常科 --parent 东海县
finish
