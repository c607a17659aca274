#!/bin/sh
# Audit anchors kept outside the store: `audit anchor` by a city-wide
# administrator or operator is recorded in the chain and sent, like any
# change, to whoever subscribed to audit.anchor — here a real HTTP server
# standing for the city's copy; `--daily` (the timer) takes one a day.
. "${GN_TEST_SRCDIR}/tests/cli/lib.sh"
. "${GN_TEST_SRCDIR}/tests/cli/http.sh"

# The city's copy: every request body, one JSON object a line.
cat >"$WORK/keep.py" <<'PY'
import http.server, json, sys
port, log = int(sys.argv[1]), sys.argv[2]
class Keep(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0))).decode("utf-8")
        with open(log, "a", encoding="utf-8") as f:
            f.write(json.dumps(json.loads(body), ensure_ascii=False) + "\n")
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b"ok")
    def log_message(self, *args):
        pass
http.server.HTTPServer(("127.0.0.1", port), Keep).serve_forever()
PY
anchors() { sqlite3 "$DB" "SELECT count(*) FROM audit WHERE component = 'audit' AND verb = 'anchor'"; }

gn init --demo >/dev/null
export GOVNET_NOW=2026-11-25T09:00:00+08:00
port=$(free_port)
: >"$WORK/keep.log"
python3 "$WORK/keep.py" "$port" "$WORK/keep.log" >>"$WORK/keep.err" 2>&1 &
SERVER_PIDS="$SERVER_PIDS $!"
wait_port "$port" || fail "the receiver did not start"

expect_ok "the city's copy as a channel" as dsj notify channel add 市留存 --kind webhook --url "http://127.0.0.1:$port/anchor"
expect_ok "subscribed to anchors" as dsj notify subscribe audit.anchor --org 连云港市 --channel 市留存

# ---- an auditor prints the head and changes nothing ------------------------
before=$(db_snapshot)
expect_ok "an auditor takes an anchor" as shenji audit anchor
case "$OUT" in [0-9]*:????????????????????????????????????????????????????????????????) pass ;;
*) fail "the anchor is SEQ:HASH, got: $OUT" ;; esac
expect_eq "$(db_snapshot)" "$before" "an auditor's anchor writes nothing (read-only roles cause no side effects)"
expect_fail 1 "an auditor cannot be the daily anchor" as shenji audit anchor --daily
expect_in "$ERR" "每日锚点" "says whose it is"
expect_eq "$(db_snapshot)" "$before" "and nothing changed"

# ---- the operator's anchor reaches the city's copy -------------------------
expect_ok "the city operator takes an anchor" as dsj audit anchor
ANCHOR=$OUT
expect_eq "$(sqlite3 "$DB" "SELECT json_extract(after_json, '\$.anchor') FROM audit WHERE verb = 'anchor'")" "$ANCHOR" \
	"the anchor is in the chain"
expect_eq "$(sqlite3 "$DB" "SELECT count(*) FROM outbox WHERE event = 'audit.anchor'")" "1" "and queued for the subscriber"
expect_ok "the delivery pass" as dsj notify run
expect_eq "$(grep -c '"event": "audit.anchor"' "$WORK/keep.log")" "1" "the receiver got one anchor"
expect_in "$(cat "$WORK/keep.log")" "\"anchor\": \"$ANCHOR\"" "with the anchor printed"
# What the city keeps checks the chain.
got=$(python3 -c 'import json, sys; print(json.loads(open(sys.argv[1]).readline())["after"]["anchor"])' "$WORK/keep.log")
expect_ok "the city's copy verifies the chain" gn audit verify --anchor "$got"
expect_in "$OUT" "与所给锚点相符" "and says so"
sqlite3 "$DB" "DROP TRIGGER audit_no_delete; DELETE FROM audit WHERE id >= ${got%%:*}"
expect_fail 1 "and reports a deleted tail" gn audit verify --anchor "$got"
expect_in "$ERR" "末尾被删除" "says the tail was deleted"
expect_fail 1 "a county operator does not record city-wide anchors" as dh_dsj audit anchor --daily

# ---- daily: one a day ------------------------------------------------------
cp "$WORK/keep.log" "$WORK/keep.before"
n=$(anchors)
expect_ok "the timer's first run today" as dsj audit anchor --daily
expect_eq "$(anchors)" "$((n + 1))" "takes one"
expect_ok "runs again the same day" env GOVNET_NOW=2026-11-25T23:00:00+08:00 GOVNET_LOGIN=dsj "$GOVNET" --db "$DB" audit anchor --daily
expect_in "$OUT" "今天已记录锚点" "says one was taken today"
expect_eq "$(anchors)" "$((n + 1))" "and takes none"
expect_ok "the next day" env GOVNET_NOW=2026-11-26T00:05:00+08:00 GOVNET_LOGIN=dsj "$GOVNET" --db "$DB" audit anchor --daily
expect_eq "$(anchors)" "$((n + 2))" "takes one again"
expect_fail 2 "anything else is a usage error" as dsj audit anchor --weekly
finish
