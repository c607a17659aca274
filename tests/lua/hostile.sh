#!/bin/sh
# Hostile county rules (Art 30): every script in tests/lua/corpus/ is
# added to 东海县 and asked to judge a change there.  Each must be stopped
# within a second of processor time, the change refused with a clear
# message naming the rule and what stopped it, the store left exactly as
# it was, nothing written on disk, and govnet still working afterwards.
# Scripts in tests/lua/toplevel/ misbehave while loading and are refused
# by `rules add` itself, changing nothing.
#
# A loaded machine stretches the wall clock, not the work: the seconds
# asserted are processor time (cpu_ms); each command runs ahead of the
# machine's other work where it may ($URGENT); and a script meant to be
# stopped by the instruction budget or the memory cap that the wall-clock
# limit (the safety net behind them) stopped first is tried again, up to
# three times, with its count of stops started afresh.
. "${GN_TEST_SRCDIR}/tests/cli/lib.sh"
. "${GN_TEST_SRCDIR}/tests/lua/lib.sh"
gn init --demo >/dev/null

HOSTILE="$GN_TEST_SRCDIR/tests/lua/corpus"
TOPLEVEL="$GN_TEST_SRCDIR/tests/lua/toplevel"
MARK=/tmp/govnet-rules-pwned
rm -f "$MARK"

# Peak resident memory of a command in KB, when GNU time is installed.
max_rss() {
	if [ -x /usr/bin/time ]; then
		/usr/bin/time -f %M -o "$WORK/rss" "$@" >/dev/null 2>&1
		tail -n 1 "$WORK/rss"
	fi
}

n=0
for f in "$HOSTILE"/*.lua; do
	name=$(basename "$f" .lua)
	want=$(expect_of "$f")
	expect_ok "$name: the script is accepted (its top level is harmless)" as dh_zwb rules add "$f" --org 东海县
	tries=0
	while :; do
		tries=$((tries + 1))
		before=$(db_snapshot rule_stop)
		OUT=$(cpu_ms "$WORK/cpu" $URGENT env GOVNET_LOGIN=dh_zwb "$GOVNET" --db "$DB" org add "东海县$name科" \
			--parent 东海县 2>"$WORK/stderr"); rc=$?
		ERR=$(cat "$WORK/stderr")
		case "$want" in *运行超时*) break ;; esac
		case "$ERR" in *运行超时*) ;; *) break ;; esac
		[ "$tries" -lt 3 ] || break
		echo "$name: the wall-clock limit struck first on a slow moment; trying again"
		# Disabled and enabled: its count of stops starts afresh.
		as dh_zwb rules disable "东海县/$name" >/dev/null 2>&1
		as dh_zwb rules enable "东海县/$name" >/dev/null
	done
	expect_eq "$rc" 1 "$name: the change it judges is refused ($ERR)"
	cpu=$(cat "$WORK/cpu")
	if [ "$cpu" -lt 1000 ]; then pass; else fail "$name: took $cpu ms of processor time, more than a second"; fi
	expect_in "$ERR" "规则 东海县/$name" "$name: the refusal names the rule"
	expect_one_of "$ERR" "$want" "$name: and says what stopped it"
	expect_eq "$(db_snapshot rule_stop)" "$before" "$name: nothing in the store changed"
	expect_ok "$name: govnet still answers" gn whoami
	expect_ok "$name: the rule can be disabled" as dh_zwb rules disable "东海县/$name"
	n=$((n + 1))
done
expect_eq "$([ "$n" -ge 40 ] && echo yes)" "yes" "the corpus has at least 40 hostile scripts ($n)"
if [ -e "$MARK" ]; then fail "a hostile script wrote $MARK"; rm -f "$MARK"; else pass; fi

# Memory: a bomb is stopped at the state's cap, far below what it asked for.
expect_ok "the memory bomb is enabled again" as dh_zwb rules enable 东海县/rep_grow
rss=$(max_rss env GOVNET_LOGIN=dh_zwb "$GOVNET" --db "$DB" org add 东海县内存科 --parent 东海县)
echo "peak resident memory of the memory bomb: ${rss:-unknown} KB"
if [ -z "$rss" ] || [ "$rss" -lt 65536 ]; then pass; else fail "the memory bomb took ${rss} KB of resident memory"; fi
expect_ok "and disabled" as dh_zwb rules disable 东海县/rep_grow

# With every hostile rule disabled the county works as before.
expect_ok "东海县 works again" as dh_zwb org add 东海县正常科 --parent 东海县

# A hostile rule in 东海县 changes nothing elsewhere.
expect_ok "an endless loop enabled in 东海县" as dh_zwb rules enable 东海县/loop
expect_fail 1 "refuses in 东海县" as dh_zwb org add 东海县又一科 --parent 东海县
expect_ok "but not in 赣榆区" as gy_zwb org add 赣榆区信息科 --parent 赣榆区
expect_ok "nor at city level" gn org add 市数据资源科 --parent 连云港市
expect_ok "rules themselves can still be changed in 东海县" as dh_zwb rules disable 东海县/loop

# Misbehaving top levels are refused when added; nothing is stored.
for f in "$TOPLEVEL"/*.lua; do
	name=$(basename "$f" .lua)
	want=$(expect_of "$f")
	before=$(db_snapshot rule_stop)
	tries=0
	while :; do
		tries=$((tries + 1))
		OUT=$(cpu_ms "$WORK/cpu" $URGENT env GOVNET_LOGIN=dh_zwb "$GOVNET" --db "$DB" rules add "$f" --org 东海县 \
			--name "top-$name" 2>"$WORK/stderr"); rc=$?
		ERR=$(cat "$WORK/stderr")
		case "$want" in *运行超时*) break ;; esac
		case "$ERR" in *运行超时*) ;; *) break ;; esac
		[ "$tries" -lt 3 ] || break
		echo "top level $name: the wall-clock limit struck first on a slow moment; trying again"
	done
	expect_eq "$rc" 1 "top level $name: refused by rules add ($ERR)"
	cpu=$(cat "$WORK/cpu")
	if [ "$cpu" -lt 1000 ]; then pass; else fail "top level $name: took $cpu ms of processor time"; fi
	expect_one_of "$ERR" "$want" "top level $name: the message says why"
	expect_eq "$(db_snapshot rule_stop)" "$before" "top level $name: nothing stored"
done

# Bytecode files are refused before they reach Lua.
printf '\033LuaT\000\031\223\r\n\032\n' > "$WORK/compiled.lua"
before=$(db_snapshot rule_stop)
expect_fail 1 "a compiled chunk is refused" as dh_zwb rules add "$WORK/compiled.lua" --org 东海县
expect_in "$ERR" "字节码" "saying it is bytecode"
expect_eq "$(db_snapshot rule_stop)" "$before" "nothing stored"
if [ -e "$MARK" ]; then fail "a top level wrote $MARK"; rm -f "$MARK"; else pass; fi
finish
