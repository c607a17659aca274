#!/bin/sh
# Art 13, issue 11: `govnet system probe --all` on 200 systems served on
# loopback, each answer held back 100 ms by the server: the wall time and
# the cost per system.  One after another they would take 20 s at least;
# the figure shows how much the requests overlap.
. "$GN_TEST_SRCDIR/tests/bench/lib.sh"
unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY
DB="$BENCH/probe.db"
N=200
DELAY_MS=100
"$GOVNET" --db "$DB" init --demo >/dev/null 2>&1
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
cat >"$BENCH/slow.py" <<'PY'
import http.server, sys, time
class Slow(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        time.sleep(int(sys.argv[2]) / 1000)
        self.send_response(200)
        self.send_header("Content-Length", "0")
        self.end_headers()
    def log_message(self, *args):
        pass
class Server(http.server.ThreadingHTTPServer):
    request_queue_size = 256
Server(("127.0.0.1", int(sys.argv[1])), Slow).serve_forever()
PY
python3 "$BENCH/slow.py" "$port" "$DELAY_MS" &
server=$!
trap 'kill $server 2>/dev/null; rm -rf "$BENCH"' EXIT
# Bench data is written directly: the systems are not a test of the door.
sqlite3 "$DB" <<SQL
UPDATE system SET state = 'retired';
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $N)
INSERT INTO system(id, org_id, name, level, state, created_at, created_by)
SELECT 100000 + i, 1, '压测系统' || i, 2, 'online', '2026-01-01T00:00:00+08:00', 'bench' FROM n;
INSERT INTO system_url(system_id, url) SELECT id, 'http://127.0.0.1:$port/s/' || id FROM system WHERE id > 100000;
SQL
python3 -c 'import socket,sys,time
for _ in range(100):
    try: socket.create_connection(("127.0.0.1", int(sys.argv[1])), 0.2).close(); break
    except OSError: time.sleep(0.05)' "$port"
t0=$(date +%s%N)
GOVNET_LOGIN=dsj "$GOVNET" --db "$DB" system probe --all --json >"$BENCH/out" 2>"$BENCH/err"
t1=$(date +%s%N)
up=$(python3 -c 'import json,sys; print(sum(1 for r in json.load(open(sys.argv[1])) if r["verdict"] == "up"))' "$BENCH/out" 2>/dev/null)
ms=$(( (t1 - t0) / 1000000 ))
echo "system probe --all: $N systems on loopback, each answer held ${DELAY_MS} ms: $ms ms in all, $(awk -v t="$ms" -v n="$N" 'BEGIN { printf "%.1f", t / n }') ms per system"
echo "  ${up:-0} of $N up; one after another it would take at least $((N * DELAY_MS)) ms ($(awk -v t="$ms" -v s="$((N * DELAY_MS))" 'BEGIN { printf "%.0f", s / t }')× faster)"
