#!/bin/sh
# Probes (Art 13) against real servers on 127.0.0.1: HTTPS with a CA made
# here by openssl (trusted through --ca-file), a 500, a server that
# accepts and never answers (cut off by the timeout, and holding no lock
# meanwhile: another writer goes through), a closed port, and a
# certificate from an unknown CA.  History is bounded; three failures in
# a row make a system down.
. "${GN_TEST_SRCDIR}/tests/cli/lib.sh"
. "${GN_TEST_SRCDIR}/tests/cli/http.sh"
gn init --demo >/dev/null
json_field() { python3 -c 'import json,sys; v=json.load(sys.stdin); print(v.get(sys.argv[1]) if v.get(sys.argv[1]) is not None else "")' "$1"; }
row_field() { python3 -c 'import json,sys; r=json.load(sys.stdin); print(" ".join(str(x.get(sys.argv[1])) for x in r))' "$1"; }

# ---- certificates, made now: a test CA, a server certificate it signed
# expiring in 10 days, and a stranger's self-signed one
cd "$WORK" || exit 1
openssl req -x509 -newkey rsa:2048 -nodes -keyout ca.key -out ca.pem -days 30 -subj "/CN=govnet test CA" 2>/dev/null
openssl req -newkey rsa:2048 -nodes -keyout srv.key -out srv.csr -subj "/CN=127.0.0.1" 2>/dev/null
printf 'subjectAltName=IP:127.0.0.1\n' >srv.ext
openssl x509 -req -in srv.csr -CA ca.pem -CAkey ca.key -CAcreateserial -out srv.pem -days 10 -extfile srv.ext 2>/dev/null
openssl req -x509 -newkey rsa:2048 -nodes -keyout rogue.key -out rogue.pem -days 30 -subj "/CN=127.0.0.1" \
	-addext subjectAltName=IP:127.0.0.1 2>/dev/null
cd - >/dev/null || exit 1

cat >"$WORK/server.py" <<'PY'
import http.server, socket, ssl, sys
mode, port = sys.argv[1], int(sys.argv[2])
if mode == "hang":
    s = socket.socket()
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind(("127.0.0.1", port))
    s.listen(16)
    held = []
    while True:
        c, _ = s.accept()
        held.append(c)
        with open(sys.argv[3], "a") as log:
            log.write("accepted\n")
class Answer(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        self.send_response(500 if mode == "500" else 200)
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"ok")
    def log_message(self, *args):
        pass
srv = http.server.ThreadingHTTPServer(("127.0.0.1", port), Answer)
if mode == "tls":
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(sys.argv[3], sys.argv[4])
    srv.socket = ctx.wrap_socket(srv.socket, server_side=True)
srv.serve_forever()
PY
start() {
	python3 "$WORK/server.py" "$@" >>"$WORK/server.err" 2>&1 &
	SERVER_PIDS="$SERVER_PIDS $!"
	wait_port "$2" || fail "the $1 server did not start on port $2"
}
tls_port=$(free_port); start tls "$tls_port" "$WORK/srv.pem" "$WORK/srv.key"
err_port=$(free_port); start 500 "$err_port"
hang_port=$(free_port); start hang "$hang_port" "$WORK/hang.log"
rogue_port=$(free_port); start tls "$rogue_port" "$WORK/rogue.pem" "$WORK/rogue.key"
closed_port=$(free_port)
: >"$WORK/hang.log"

# A system of 东海县教育局, filed, tested and online (Art 16, 25).
online() {
	id=$(as dh_jyj system new --org 东海县教育局 --name "$1" --url "$2" --level 2) &&
		as dh_jyj system file "$id" >/dev/null && as dh_jyj system test "$id" --result pass >/dev/null &&
		as dh_jyj system golive "$id" >/dev/null && echo "$id"
}
TLS=$(online 探测HTTPS "https://127.0.0.1:$tls_port/") || fail "the HTTPS system goes live"
ERR500=$(online 探测500 "http://127.0.0.1:$err_port/health") || fail "the 500 system goes live"
HANG=$(online 探测挂起 "http://127.0.0.1:$hang_port/") || fail "the hanging system goes live"
CLOSED=$(online 探测关闭 "http://127.0.0.1:$closed_port/") || fail "the closed system goes live"
ROGUE=$(online 探测陌生CA "https://127.0.0.1:$rogue_port/") || fail "the stranger's system goes live"

# ---- HTTPS with the city's own CA: up, and the certificate's days counted
expect_ok "the county operator probes the HTTPS system with the test CA" \
	as dh_dsj system probe "$TLS" --ca-file "$WORK/ca.pem" --json
expect_eq "$(echo "$OUT" | row_field http_status)" "200" "HTTP 200"
expect_in " 9 10 " " $(echo "$OUT" | row_field cert_days) " "the certificate expires in 10 days"
expect_eq "$(echo "$OUT" | row_field verdict)" "expiring" "within 30 days: expiring"
expect_ok "without the CA file" as dh_dsj system probe "$TLS" --json
expect_eq "$(echo "$OUT" | row_field http_status)" "None" "no answer counts when the CA is not trusted"
expect_in "$(echo "$OUT" | row_field detail)" "TLS" "the TLS failure is named"
expect_ok "the text table" as dh_dsj system probe "$TLS" --ca-file "$WORK/ca.pem"
expect_in "$OUT" "127.0.0.1:$tls_port" "names the URL"
expect_in "$OUT" "证书剩余天数" "with Chinese headings"
expect_ok "show" gn system show "$TLS" --json
probe=$(echo "$OUT" | json_field probe)
expect_in "$probe" "证书将到期 HTTP 200" "show has the latest result"
expect_eq "$(printf '%s' "$probe" | python3 -c 'import sys,re; print(re.search("[▁▂▃▄▅▆▇█x]+$", sys.stdin.read()).group(0))')" \
	"$(printf '%s' "$probe" | python3 -c 'import sys,re; print(re.search("[▁▂▃▄▅▆▇█x]{3}$", sys.stdin.read()).group(0))')" \
	"and a sparkline of the three probes"
expect_in "$probe" "x" "the untrusted one as a failure"

# ---- a 500, a closed port, a stranger's certificate
expect_ok "a 500" as dh_dsj system probe "$ERR500" --json
expect_eq "$(echo "$OUT" | row_field http_status) $(echo "$OUT" | row_field verdict)" "500 down" "a 500 is down"
expect_ok "a closed port" as dh_dsj system probe "$CLOSED" --json
expect_eq "$(echo "$OUT" | row_field http_status) $(echo "$OUT" | row_field verdict)" "None down" "no answer"
expect_in "$(echo "$OUT" | row_field detail)" "无法连接" "the refusal is named"
expect_ok "an unknown CA" as dh_dsj system probe "$ROGUE" --ca-file "$WORK/ca.pem" --json
expect_eq "$(echo "$OUT" | row_field verdict)" "down" "a certificate from an unknown CA is refused"
expect_in "$(echo "$OUT" | row_field detail)" "TLS 证书校验失败" "and says so"

# ---- a server that never answers: cut off by the timeout, holding no lock
as dh_dsj system probe "$HANG" --timeout 3 --json >"$WORK/hang.out" 2>"$WORK/hang.err" &
probe_pid=$!
i=0
while [ ! -s "$WORK/hang.log" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
expect_eq "$(cat "$WORK/hang.log")" "accepted" "the probe is waiting on the hanging server"
expect_ok "another writer goes through meanwhile" as dh_jyj system set "$ERR500" --purpose 探测期间的修改
if kill -0 "$probe_pid" 2>/dev/null; then pass; else fail "the writer finished only after the probe"; fi
wait "$probe_pid"
expect_eq "$?" "0" "the probe ends"
expect_eq "$(row_field verdict <"$WORK/hang.out")" "down" "the hanging server is down"
expect_in "$(row_field detail <"$WORK/hang.out")" "超时" "cut off by the timeout"
expect_eq "$(gn system show "$ERR500" --json | json_field purpose)" "探测期间的修改" "the write was kept"

# ---- three failures in a row: down, on the Overview's list; history bounded
as dh_dsj system probe "$CLOSED" --keep 2 >/dev/null
expect_eq "$(gn system show "$CLOSED" --json | json_field down)" "False" "two failures are not yet down"
as dh_dsj system probe "$CLOSED" --keep 2 >/dev/null
expect_eq "$(gn system show "$CLOSED" --json | json_field down)" "True" "three in a row are"
expect_ok "the systems down" as dh_dsj system list --view down
expect_in "$OUT" "探测关闭" "list the closed one"
expect_not_in "$OUT" "探测HTTPS" "not the one that answers"
expect_ok "the probes kept" gn system list --view probes --json --limit 1000
expect_eq "$(echo "$OUT" | python3 -c 'import json,sys; print(sum(1 for r in json.load(sys.stdin) if r["system"] == int(sys.argv[1])))' "$CLOSED")" \
	"2" "--keep 2 keeps the last two"
as dh_dsj system probe "$CLOSED" --keep 2 >/dev/null
as dh_dsj system probe "$TLS" --ca-file "$WORK/ca.pem" >/dev/null
expect_eq "$(gn system show "$TLS" --json | json_field down)" "False" "a system that answered is not down"
expect_ok "certificates about to expire" as dh_dsj system list --view expiring
expect_in "$OUT" "探测HTTPS" "list the system whose certificate has 10 days left"
expect_not_in "$OUT" "探测500" "and not the others"

# ---- refused: nothing probed, nothing written
before=$(db_snapshot)
expect_fail 1 "an auditor does not probe" as shenji system probe "$HANG" --timeout 2
expect_in "$ERR" "Art 13" "citing the article"
expect_fail 1 "a county operator does not probe the whole city" as dh_dsj system probe --timeout 2
expect_in "$ERR" "面向全市" "the whole city is the city's"
expect_eq "$(grep -c accepted "$WORK/hang.log")" "1" "neither made a request"
expect_fail 1 "another county's department" as gy_wjw system probe "$TLS"
expect_in "$ERR" "超出权限范围" "out of scope"
draft=$(as dh_jyj system new --org 东海县教育局 --name 草稿系统 --url "http://127.0.0.1:$err_port/" --level 2)
before=$(db_snapshot)
expect_fail 1 "a system not online" as dh_dsj system probe "$draft"
expect_in "$ERR" "不在运行中" "says why"
expect_fail 1 "an id and --all" as dh_dsj system probe "$TLS" --all
expect_in "$ERR" "--all" "names the field"
expect_fail 1 "a timeout out of bounds" as dh_dsj system probe "$TLS" --timeout 0
expect_in "$ERR" "timeout" "names the field"
expect_eq "$(db_snapshot)" "$before" "none of the refusals changed anything"
finish
