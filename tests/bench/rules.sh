#!/bin/sh
# DESIGN §5: a county rule on an event costs ≤ 10 µs.  One validate rule
# in 东海县 judges `org add` there, 200 000 times in one process (the
# engine as the console runs it: rules cached, the store read once per
# event); the same event in 赣榆区, where no rule applies, is the floor.
. "$GN_TEST_SRCDIR/tests/bench/lib.sh"
DB="$BENCH/rules.db"
"$GOVNET" --db "$DB" init --demo >/dev/null 2>&1
cat > "$BENCH/names.lua" <<'LUA'
function validate(event)
  if event.plugin == "org" and event.verb == "add" and event.record.name:find("测试", 1, true) then
    return false, "组织名称不得含“测试”"
  end
end
LUA
"$GOVNET" --db "$DB" rules add "$BENCH/names.lua" --org 东海县 >/dev/null
# `rules bench` prints the mean µs per event and the number of rules run.
COUNT=200000
[ -n "${GN_BENCH_RECORDS:-}" ] && [ "$GN_BENCH_RECORDS" -lt "$COUNT" ] && COUNT=$GN_BENCH_RECORDS
# A machine too loaded for the rule's own time limit leaves a line saying so.
set -- $("$GOVNET" --db "$DB" rules bench --count "$COUNT" --org 东海县) - -
one=$1 ran=$2
set -- $("$GOVNET" --db "$DB" rules bench --count "$COUNT" --org 赣榆区) -
none=$1
echo "a county rule on an event: $one µs per event with $ran rule (budget 10 µs: $(verdict "$one" 10))"
echo "  the same event where no rule applies: $none µs"
