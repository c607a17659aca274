#!/bin/sh
# The console never waits on the network (DESIGN §2): while a webhook
# accepts the connection and never answers, the operator's console, which
# delivers what is due when idle, still answers a key at once — long
# before the webhook's 30 s timeout.
. "$GN_TEST_SRCDIR/tests/tui/lib.sh"
. "$GN_TEST_SRCDIR/tests/cli/http.sh"
trap 'tmux -S "$TMUX_SOCKET" kill-server 2>/dev/null; for p in $SERVER_PIDS; do kill "$p" 2>/dev/null; done; rm -rf "$WORK"' EXIT

gn init --demo >/dev/null
ORGS=$(sqlite3 "$DB" "SELECT count(*) FROM org")
port=$(free_port)
# A server that takes the request, says it did, and never answers.
python3 - "$port" "$WORK/accepted" <<'PY' >/dev/null 2>&1 &
import socket, sys, threading
s = socket.socket()
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("127.0.0.1", int(sys.argv[1])))
s.listen(8)
def hold(c):
    if c.recv(1):
        open(sys.argv[2], "a").write("request\n")
    threading.Event().wait()
while True:
    threading.Thread(target=hold, args=(s.accept()[0],), daemon=True).start()
PY
SERVER_PIDS="$SERVER_PIDS $!"
wait_port "$port" || fail "the hanging server did not start"
as dsj notify channel add 值班群 --kind webhook --url "http://127.0.0.1:$port/hook" --token - <<EOT >/dev/null
t0ken
EOT
sqlite3 "$DB" "INSERT INTO outbox(created_at, event, channel_id, channel_name, payload, next_at)
	SELECT '2026-01-01T00:00:00+08:00', 'test', id, name, '{}', 0 FROM notify_channel"

tui_start 80 24 xterm-256color
tui_type "GOVNET_LOGIN=dsj \"\$GOVNET\" --db \"\$DB\"; echo EXIT=\$?"
tui_keys Enter
expect_screen "概览：" "the operator's console opens"
# Idle, the console starts delivering: the webhook is reached and hangs.
i=0
while [ ! -s "$WORK/accepted" ] && [ "$i" -lt $((TUI_WAIT * 10)) ]; do sleep 0.1; i=$((i + 1)); done
[ -s "$WORK/accepted" ] && pass || fail "the console's idle delivery never reached the webhook"
t0=$(date +%s)
tui_keys :
tui_type "org list"
tui_keys Enter
expect_screen "第 1/$ORGS 条" "a key is answered while the webhook hangs"
t1=$(date +%s)
[ $((t1 - t0)) -lt 10 ] && pass || fail "the key took $((t1 - t0)) s, the console waited on the webhook"
# The message is still being sent, not lost: leased to the pass in the background.
expect_eq "$(sqlite3 "$DB" "SELECT state FROM outbox")" "sending" "the message is being sent meanwhile"
tui_keys q
expect_screen "EXIT=0" "quits while the delivery still hangs"
finish
