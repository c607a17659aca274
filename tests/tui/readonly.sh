#!/bin/sh
# A read-only role causes no side effects: an auditor's console, idling,
# does not deliver notifications (`notify run` refuses auditors too); an
# operator's does.
. "$GN_TEST_SRCDIR/tests/tui/lib.sh"

gn init --demo >/dev/null
ORGS=$(sqlite3 "$DB" "SELECT count(*) FROM org")
# A channel nobody listens on: an attempt shows in the queue as attempts > 0.
as dsj notify channel add 值班群 --kind webhook --url http://127.0.0.1:9/hook --token - <<EOF >/dev/null
t0ken
EOF
sqlite3 "$DB" "INSERT INTO outbox(created_at, event, channel_id, channel_name, payload, next_at)
	SELECT '2026-01-01T00:00:00+08:00', 'test', id, name, '{}', 0 FROM notify_channel"
attempts() { sqlite3 "$DB" "SELECT sum(attempts) FROM outbox"; }

tui_start 80 24 xterm-256color
tui_type "GOVNET_LOGIN=shenji \"\$GOVNET\" --db \"\$DB\"; echo EXIT=\$?"
tui_keys Enter
expect_screen "概览：" "the auditor's console opens"
tui_keys 2
expect_screen "第 1/$ORGS 条" "on the organisations"
# Each change made elsewhere shows after an idle pass, the pass that would
# deliver: two of them, and the message was due throughout.
expect_ok "a change elsewhere" gn org add 只读测试一 --parent 东海县
expect_screen "第 1/$((ORGS + 1)) 条" "shows in the auditor's console"
expect_ok "another" gn org add 只读测试二 --parent 东海县
expect_screen "第 1/$((ORGS + 2)) 条" "shows too"
expect_eq "$(attempts)" "0" "the auditor's console delivered nothing"
tui_keys q
expect_screen "EXIT=0" "quits"

tui_type "clear; GOVNET_LOGIN=dsj \"\$GOVNET\" --db \"\$DB\"; echo EXIT=\$?"
tui_keys Enter
expect_screen "概览：" "the operator's console opens"
i=0
while [ "$(attempts)" = 0 ] && [ "$i" -lt $((TUI_WAIT * 10)) ]; do sleep 0.1; i=$((i + 1)); done
[ "$(attempts)" != 0 ] && pass || fail "the operator's console should try to deliver (so the check above can fail)"
tui_keys q
finish
