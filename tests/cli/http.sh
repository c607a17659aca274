# tests/cli/http.sh — real HTTP servers on 127.0.0.1 for the tests that use
# the network (sourced after lib.sh).  No proxy may stand in between.
#
#   port=$(free_port)
#   serve_dir DIR PORT              python3 -m http.server for DIR; $SERVER_PID
#   serve_post_log PORT LOG         a receiver that appends each POST body to LOG
#   stop_server PID

unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY
export no_proxy=127.0.0.1,localhost NO_PROXY=127.0.0.1,localhost
SERVER_PIDS=
trap 'for p in $SERVER_PIDS; do kill "$p" 2>/dev/null; done; rm -rf "$WORK"' EXIT

free_port() {
	python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# wait_port PORT — until something accepts connections there (10 s at most).
wait_port() {
	python3 - "$1" <<'PY'
import socket, sys, time
for _ in range(200):
    try:
        socket.create_connection(("127.0.0.1", int(sys.argv[1])), 0.2).close()
        sys.exit(0)
    except OSError:
        time.sleep(0.05)
sys.exit(1)
PY
}

serve_dir() {
	python3 -m http.server --bind 127.0.0.1 --directory "$1" "$2" >>"$WORK/httpd.log" 2>&1 &
	SERVER_PID=$!
	SERVER_PIDS="$SERVER_PIDS $SERVER_PID"
	wait_port "$2" || fail "the test HTTP server did not start on port $2"
}

# serve_post_log PORT LOG — a receiver (an SMS gateway, a webhook) that
# answers 200 to every POST and appends its body, one line each, to LOG.
serve_post_log() {
	: >"$2"
	python3 - "$1" "$2" >>"$WORK/httpd.log" 2>&1 <<'PY' &
import http.server, sys
port, log = int(sys.argv[1]), sys.argv[2]
class Receiver(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0))).decode("utf-8")
        with open(log, "a", encoding="utf-8") as f:
            f.write(body + "\n")
        self.send_response(200)
        self.end_headers()
    def log_message(self, *args):
        pass
http.server.HTTPServer(("127.0.0.1", port), Receiver).serve_forever()
PY
	SERVER_PID=$!
	SERVER_PIDS="$SERVER_PIDS $SERVER_PID"
	wait_port "$1" || fail "the test receiver did not start on port $1"
}

stop_server() {
	kill "$1" 2>/dev/null
	wait "$1" 2>/dev/null
}
