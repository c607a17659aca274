#!/bin/sh
# A county rule's route() (Art 30) moves a request between queues: the
# city office, which the rule names, finds it in its queue; the county's
# own office does not, and its action menu says the city decides it.
. "$GN_TEST_SRCDIR/tests/tui/lib.sh"

gn init --demo >/dev/null
NOW=2026-12-01T10:00:00+08:00
cat > "$WORK/route.lua" <<'LUA'
function route(event)
  if event.plugin == "access" and (event.record.traffic or 0) >= 5000 then
    return "320700"
  end
end
LUA
gn rules add "$WORK/route.lua" --org 东海县 --name big-to-city >/dev/null
id=$(GOVNET_NOW=$NOW as dh_jyj access new --org 东海县教育局 --reason 全县视频汇聚 --scope 全县 --location 县数据中心 \
	--traffic 8000 --tech 万兆 --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
GOVNET_NOW=$NOW as dh_jyj access submit "$id" >/dev/null
before=$(db_snapshot)

queue_of() {
	tui_open 80 24 xterm-256color GOVNET_LOGIN="$1" GOVNET_NOW=$NOW
	tui_keys :
	tui_type "access queue"
	tui_keys Enter
	expect_screen "我的待办" "the queue of $1"
}

queue_of zwb
expect_screen "全县视频汇聚" "the city office finds the request the county's rule sent it"
expect_screen "市县两级公安视频专" "beside its own"
tui_keys q
expect_screen "EXIT=0" "the console quits"

queue_of dh_zwb
expect_screen "乡镇中心校视频会议" "the county office has its county's requests"
expect_screen_not "全县视频汇聚" "not the one its rule sent to the city"
tui_keys :
tui_type "access requests"
tui_keys Enter
expect_screen "全县视频汇聚" "the request is still among the county's requests"
tui_keys /
tui_type "全县视频"
tui_keys Enter
expect_screen "第 1/1 条" "and under the cursor"
tui_keys a
expect_screen "批准接入（approve）" "approving it is offered"
expect_screen "按本地规则，该申请由 连云港市 审核（Art 30）" "saying the city office decides it"
tui_keys Escape q
expect_screen "EXIT=0" "the console quits"
expect_eq "$(db_snapshot)" "$before" "looking changed nothing"
finish
