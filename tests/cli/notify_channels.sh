#!/bin/sh
# Delivery side by side (DESIGN §2): a receiver that hangs holds up only
# its own channel's messages; the others are delivered in the same pass,
# in order, while no store transaction waits on the network.  A channel
# that failed OUTBOX_BREAKER_FAILS (3) times in a row is paused across
# passes, shown in notify channel list, and tried again after the pause.
. "${GN_TEST_SRCDIR}/tests/cli/lib.sh"
. "${GN_TEST_SRCDIR}/tests/cli/http.sh"

# A receiver that never answers: it writes "open" to STATE when a request
# has arrived and "closed" once the sender has hung up.
cat >"$WORK/hang.py" <<'PY'
import http.server, os, sys
port, state = int(sys.argv[1]), sys.argv[2]
def say(what): # atomically, so that a reader never sees it half written
    open(state + ".new", "w").write(what)
    os.replace(state + ".new", state)
class Hang(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        say("open")
        while self.connection.recv(1024):
            pass
        say("closed")
    def log_message(self, *args):
        pass
http.server.HTTPServer(("127.0.0.1", port), Hang).serve_forever()
PY
# A receiver that answers 200, but first waits (3 s at most) for the
# hanging one to hold a request, and logs what that one was doing when
# this request came: "open" only if both were under way at once.
cat >"$WORK/fast.py" <<'PY'
import http.server, json, sys, time, os
port, state, log = int(sys.argv[1]), sys.argv[2], sys.argv[3]
def hang_state():
    return open(state).read() if os.path.exists(state) else "none"
class Fast(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))).decode("utf-8"))
        for _ in range(60):
            if hang_state() != "none":
                break
            time.sleep(0.05)
        with open(log, "a", encoding="utf-8") as f:
            f.write(hang_state() + " " + str(body["message_id"]) + "\n")
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b"ok")
    def log_message(self, *args):
        pass
http.server.HTTPServer(("127.0.0.1", port), Fast).serve_forever()
PY
start() { # start SCRIPT PORT ARGS…
	local script=$1 p=$2; shift 2
	python3 "$WORK/$script" "$p" "$@" >>"$WORK/servers.err" 2>&1 &
	LAST_PID=$!
	SERVER_PIDS="$SERVER_PIDS $LAST_PID"
	wait_port "$p" || fail "the receiver $script did not start on port $p"
}
# until_file FILE TEXT — until FILE holds TEXT (10 s at most).
until_file() {
	local i=0
	while [ "$i" -lt 200 ]; do
		[ "$(cat "$1" 2>/dev/null)" = "$2" ] && return 0
		python3 -c 'import time; time.sleep(0.05)'
		i=$((i + 1))
	done
	return 1
}
run_at() { # run_at TIME [EXIT] — a delivery pass at TIME as the city operator
	OUT=$(GOVNET_NOW=$1 GOVNET_LOGIN=dsj "$GOVNET" --db "$DB" notify run --timeout 4 2>"$WORK/stderr"); RC=$?
	ERR=$(cat "$WORK/stderr")
	[ "$RC" -eq "${2:-0}" ] && pass || fail "notify run at $1 (exit $RC, wanted ${2:-0}): $ERR"
}
state_of() { sqlite3 "$DB" "SELECT state || ' ' || attempts FROM outbox WHERE id = $1"; }

gn init --demo >/dev/null
export GOVNET_NOW=2026-11-25T09:00:00+08:00
slow_port=$(free_port)
fast_port=$(free_port)
expect_ok "a channel whose receiver hangs" as dsj notify channel add 慢渠道 --kind webhook --url "http://127.0.0.1:$slow_port/hook"
expect_ok "a channel whose receiver is quick" as dsj notify channel add 快渠道 --kind webhook --url "http://127.0.0.1:$fast_port/hook"
expect_ok "new organisations go to the slow one" as dh_zwb notify subscribe org.add --org 东海县 --channel 慢渠道
expect_ok "renames to the quick one" as dh_zwb notify subscribe org.set --org 东海县 --channel 快渠道
# The slow channel's message is the oldest: a pass that sent one message
# after another would wait out its timeout before the others.
expect_ok "a new organisation" as dh_zwb org add 东海并发科 --parent 东海县
slow=$(sqlite3 "$DB" "SELECT max(id) FROM outbox")
expect_ok "renamed" as dh_zwb org set 东海并发科 --name 东海并发甲科
expect_ok "and renamed again" as dh_zwb org set 东海并发甲科 --name 东海并发乙科

start hang.py "$slow_port" "$WORK/hang.state"
HANG_PID=$LAST_PID
start fast.py "$fast_port" "$WORK/hang.state" "$WORK/fast.log"
GOVNET_NOW=2026-11-25T10:00:00+08:00 GOVNET_LOGIN=dsj "$GOVNET" --db "$DB" notify run --timeout 4 \
	>"$WORK/run.out" 2>"$WORK/run.err" &
run_pid=$!
until_file "$WORK/hang.state" open || fail "the slow receiver got no request"
# While the pass waits on the hanging receiver, the store is free.
expect_ok "another county writes while the pass waits on the network" as gy_zwb org add 赣榆并发科 --parent 赣榆区
expect_eq "$(cat "$WORK/hang.state")" "open" "before the hanging request was given up"
wait "$run_pid"
expect_eq "$?" "1" "the pass fails: one delivery failed"
OUT=$(cat "$WORK/run.out")
expect_in "$OUT" "org.set → 快渠道：已送达（HTTP 200）" "the quick channel's messages are delivered in the same pass"
expect_in "$OUT" "org.add → 慢渠道：第 1 次尝试失败" "the hanging one's is not"
expect_in "$OUT" "超时未完成" "it timed out"
expect_in "$OUT" "送达 2" "two delivered"
expect_eq "$(cat "$WORK/fast.log")" "open $((slow + 1))
open $((slow + 2))" "both while the hanging request was under way, in the order they were made"
expect_eq "$(state_of "$slow")" "pending 1" "the hanging channel's message is kept for a later pass"
until_file "$WORK/hang.state" closed || fail "the hanging request was not given up"

# ---- the breaker lasts across passes ----------------------------------------
stop_server "$HANG_PID"
run_at 2026-11-25T10:01:00+08:00 1
expect_in "$OUT" "第 2 次尝试失败" "the second failure in a row"
expect_not_in "$OUT" "暂停投递" "does not pause the channel yet"
run_at 2026-11-25T10:03:00+08:00 1
expect_in "$OUT" "第 3 次尝试失败" "the third"
expect_in "$OUT" "渠道 慢渠道 已连续失败 3 次，暂停投递至 2026-11-25T10:18:00+08:00" "pauses it for 15 minutes"
expect_ok "the channels" gn notify channel list
expect_in "$OUT" "慢渠道" "list the slow one"
line=$(printf '%s\n' "$OUT" | grep 慢渠道)
expect_in "$line" " 3 " "with its failures in a row"
expect_in "$line" "2026-11-25 10:18:00" "and when its pause ends"
expect_ok "as JSON" gn notify channel list --json
expect_in "$OUT" '"fails": 3' "the count"
expect_ok "another new organisation" as dh_zwb org add 东海并发二科 --parent 东海县
second=$(sqlite3 "$DB" "SELECT max(id) FROM outbox")
expect_ok "and a rename" as dh_zwb org set 东海并发二科 --name 东海并发丙科
run_at 2026-11-25T10:10:00+08:00
expect_in "$OUT" "org.set → 快渠道：已送达" "a pass during the pause delivers the other channels"
expect_not_in "$OUT" "慢渠道" "and does not try the paused one"
expect_in "$OUT" "另有 2 条所在渠道连续失败，暂停投递" "it says how many wait for it"
expect_eq "$(state_of "$slow") / $(state_of "$second")" "pending 3 / pending 0" "they were not attempted"
start fast.py "$slow_port" "$WORK/none" "$WORK/slow.log"
run_at 2026-11-25T10:20:00+08:00
expect_in "$OUT" "送达 2" "after the pause both are delivered"
expect_eq "$(cat "$WORK/slow.log")" "none $slow
none $second" "in the order they were queued, though the later one was due first"
expect_ok "the channels" gn notify channel list --json
expect_in "$OUT" '"fails": 0' "the breaker is closed again"
expect_fail 2 "a timeout out of range" as dsj notify run --timeout 0
expect_in "$ERR" "--timeout" "names the option"

finish
