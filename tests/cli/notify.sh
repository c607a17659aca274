#!/bin/sh
# Notifications (DESIGN §2): queued in the change's own transaction,
# delivered to a real HTTP server on 127.0.0.1 that fails the first
# attempts, retried with backoff, never sent twice, never lost while the
# server is down.
. "${GN_TEST_SRCDIR}/tests/cli/lib.sh"
. "${GN_TEST_SRCDIR}/tests/cli/http.sh"

# A webhook receiver: answers 500 to the first FAILS requests, then 200.
# Every request is one line of the log: status, token header, message
# header, body.
cat >"$WORK/hook.py" <<'PY'
import http.server, json, sys
port, fails, log = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
seen = 0
class Hook(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        global seen
        body = self.rfile.read(int(self.headers.get("Content-Length", 0))).decode("utf-8")
        seen += 1
        status = 500 if seen <= fails else 200
        with open(log, "a", encoding="utf-8") as f:
            f.write(json.dumps({"status": status, "auth": self.headers.get("Authorization"),
                                "message": self.headers.get("X-Govnet-Message"),
                                "body": json.loads(body)}, ensure_ascii=False) + "\n")
        self.send_response(status)
        self.end_headers()
        self.wfile.write(b"busy" if status == 500 else b"ok")
    def log_message(self, *args):
        pass
http.server.HTTPServer(("127.0.0.1", port), Hook).serve_forever()
PY
start_hook() { # start_hook FAILS
	python3 "$WORK/hook.py" "$port" "$1" "$WORK/hook.log" >>"$WORK/hook.err" 2>&1 &
	HOOK_PID=$!
	SERVER_PIDS="$SERVER_PIDS $HOOK_PID"
	wait_port "$port" || fail "the webhook receiver did not start"
}
accepted() { grep -c '"status": 200' "$WORK/hook.log"; }
requests() { wc -l <"$WORK/hook.log"; }
state_of() { sqlite3 "$DB" "SELECT state || ' ' || attempts FROM outbox WHERE id = $1"; }
run_at() { # run_at TIME [EXIT] — a delivery pass at TIME as the city operator
	OUT=$(GOVNET_NOW=$1 GOVNET_LOGIN=dsj "$GOVNET" --db "$DB" notify run 2>"$WORK/stderr"); RC=$?
	ERR=$(cat "$WORK/stderr")
	[ "$RC" -eq "${2:-0}" ] && pass || fail "notify run at $1 (exit $RC, wanted ${2:-0}): $ERR"
	# A pass with failed deliveries fails, saying how many.
	if [ "$RC" -eq 1 ]; then expect_in "$ERR" "条通知投递失败" "notify run at $1 says deliveries failed"; fi
}

gn init --demo >/dev/null
# Changes happen on the morning of 2026-11-25; delivery passes later.
export GOVNET_NOW=2026-11-25T09:00:00+08:00
port=$(free_port)
: >"$WORK/hook.log"

# ---- channels and subscriptions go through the door ----------------------
before=$(db_snapshot)
expect_fail 2 "a token on the command line (ps shows it to everyone)" as dsj notify channel add 值班群 --kind webhook --url "http://127.0.0.1:$port/hook" --token s3cret-token
expect_in "$ERR" "--token -" "says how to give it"
expect_fail 2 "a mail password too" as dsj notify channel add 邮箱 --kind mail --url smtp://127.0.0.1:25 --from a@lyg.gov.cn --to b@lyg.gov.cn --user u --password pw
expect_eq "$(db_snapshot)" "$before" "and nothing changed"
printf 's3cret-token\n' >"$WORK/token"
expect_ok "a token from a file" as dsj notify channel add 文件令牌 --kind webhook --url "http://127.0.0.1:$port/x" --token "@$WORK/token"
expect_ok "a webhook channel, its token on standard input" sh -c 'printf "s3cret-token\n" | "$@"' - \
	env GOVNET_LOGIN=dsj "$GOVNET" --db "$DB" notify channel add 值班群 --kind webhook --url "http://127.0.0.1:$port/hook" --token -
expect_ok "channels are listed" gn notify channel list --json
expect_in "$OUT" "值班群" "by name"
expect_not_in "$OUT" "s3cret-token" "without the token"
expect_eq "$(sqlite3 "$DB" "SELECT count(*) FROM audit WHERE component = 'notify' AND after_json LIKE '%值班群%'")" "1" "the channel's creation is audited"
expect_eq "$(sqlite3 "$DB" "SELECT count(*) FROM audit WHERE coalesce(after_json, '') LIKE '%s3cret%'")" "0" "the token is not in the audit chain"
expect_fail 1 "a county office cannot add channels" as dh_zwb notify channel add 县群 --kind webhook --url http://127.0.0.1:1/x
expect_fail 1 "a URL with a password is refused" as dsj notify channel add 带密码 --kind webhook --url http://u:p@127.0.0.1/x
expect_in "$ERR" "用户名或密码" "says why"
expect_fail 1 "a mail channel needs recipients" as dsj notify channel add 邮件 --kind mail --url smtp://127.0.0.1:25 --from noc@lyg.gov.cn
expect_in "$ERR" "--to" "names the missing field"
expect_fail 1 "a mail channel needs an smtp URL" as dsj notify channel add 邮件 --kind mail --url http://127.0.0.1/ --from noc@lyg.gov.cn --to a@lyg.gov.cn
expect_ok "a mail channel" as dsj notify channel add 运维邮箱 --kind mail --url smtp://127.0.0.1:2525 --from noc@lyg.gov.cn --to "ops@lyg.gov.cn, duty@lyg.gov.cn"

expect_ok "a county office subscribes for its county" as dh_zwb notify subscribe org.add --org 东海县 --channel 值班群
expect_fail 1 "but not for another county" as dh_zwb notify subscribe org.add --org 赣榆区 --channel 值班群
expect_in "$ERR" "超出权限范围" "out of scope"
expect_fail 1 "an event no component has" as dh_zwb notify subscribe org.launch --org 东海县 --channel 值班群
expect_in "$ERR" "launch" "names the verb"
expect_in "$ERR" "（org 的操作见其 --help）" "and where the component's actions are listed, in words the console shares"
expect_fail 1 "an unknown channel" as dh_zwb notify subscribe org.add --org 东海县 --channel 无此渠道
expect_fail 1 "the same subscription twice" as dh_zwb notify subscribe org.add --org 东海县 --channel 值班群
expect_ok "subscriptions are listed" as dh_zwb notify subscriptions --json
expect_in "$OUT" "\"event\": \"org.add\"" "the event"
expect_in "$OUT" "\"org\": \"东海县\"" "the organisation"

# ---- queued in the same transaction, for the organisation's subtree --------
before=$(sqlite3 "$DB" "SELECT count(*) FROM outbox")
expect_fail 1 "a refused change" as shenji org add 不该有的科 --parent 东海县
expect_eq "$(sqlite3 "$DB" "SELECT count(*) FROM outbox")" "$before" "queues nothing"
expect_ok "a change in another county" as gy_zwb org add 赣榆测试科 --parent 赣榆区
expect_eq "$(sqlite3 "$DB" "SELECT count(*) FROM outbox")" "$before" "is not for 东海县's subscription"
expect_ok "a change in 东海县" as dh_zwb org add 东海测试科 --parent 东海县
expect_ok "the queue" gn notify list --json
expect_in "$OUT" "\"event\": \"org.add\"" "holds the event"
expect_in "$OUT" "\"state\": \"pending\"" "pending"
msg=$(sqlite3 "$DB" "SELECT max(id) FROM outbox")
expect_eq "$(sqlite3 "$DB" "SELECT audit_id = (SELECT max(id) FROM audit WHERE verb = 'add' AND component = 'org') FROM outbox WHERE id = $msg")" "1" "linked to its audit entry"

# ---- the receiver fails twice, then accepts: exactly one delivery ----------
start_hook 2
run_at 2026-11-25T10:00:00+08:00 1
expect_in "$OUT" "第 1 次尝试失败" "the first attempt fails"
expect_in "$OUT" "HTTP 500" "with the status"
expect_in "$OUT" "2026-11-25T10:01:00+08:00" "and is retried a minute later"
expect_eq "$(state_of "$msg")" "pending 1" "the message waits"
run_at 2026-11-25T10:00:30+08:00
expect_in "$OUT" "投递 0 条" "nothing is sent before the backoff ends"
run_at 2026-11-25T10:01:00+08:00 1
expect_in "$OUT" "第 2 次尝试失败" "the second attempt fails"
expect_in "$OUT" "2026-11-25T10:03:00+08:00" "the wait doubles"
run_at 2026-11-25T10:03:00+08:00
expect_in "$OUT" "已送达（HTTP 200）" "the third attempt is accepted"
expect_eq "$(state_of "$msg")" "sent 3" "the message is sent after 3 attempts"
run_at 2026-11-26T10:00:00+08:00
expect_in "$OUT" "投递 0 条" "an acknowledged message is never sent again"
expect_eq "$(accepted)" "1" "exactly one delivery accepted"
expect_eq "$(requests)" "3" "three requests in all"
expect_eq "$(sqlite3 "$DB" "SELECT group_concat(ok || ':' || coalesce(http_status, ''), ' ') FROM outbox_attempt WHERE outbox_id = $msg ORDER BY id")" \
	"0:500 0:500 1:200" "every attempt is recorded"
expect_ok "the attempts view" gn notify list --view attempts --message "$msg" --json
expect_in "$OUT" "HTTP 500" "shows the failures"
last=$(tail -n 1 "$WORK/hook.log")
expect_in "$last" "\"auth\": \"Bearer s3cret-token\"" "the token is sent as a header"
expect_in "$last" "\"message\": \"$msg\"" "with the message's id"
expect_in "$last" "东海测试科" "the body carries the record"
expect_in "$last" "\"login\": \"dh_zwb\"" "and who made the change"
expect_fail 1 "a delivered message cannot be resent" as dsj notify retry "$msg"
expect_in "$ERR" "已经送达" "says it was delivered"

# ---- the receiver is down: messages stay queued, nothing is lost ----------
stop_server "$HOOK_PID"
expect_ok "another change" as dh_zwb org add 东海测试二科 --parent 东海县
expect_ok "and another" as dh_zwb org add 东海测试三科 --parent 东海县
run_at 2026-11-27T10:00:00+08:00 1
expect_in "$OUT" "无法连接" "the failure says the server cannot be reached"
expect_in "$OUT" "队列中还有 2 条待发送" "both stay queued"
# A channel that fails costs a pass one attempt, not one per message.
expect_in "$OUT" "投递 1 条" "the channel that is down is tried once in the pass"
expect_in "$OUT" "其中 1 条所在渠道本轮已投递失败，留待下一轮" "the other message waits for the next pass"
expect_eq "$(sqlite3 "$DB" "SELECT group_concat(attempts, ' ') FROM (SELECT attempts FROM outbox WHERE state = 'pending' ORDER BY attempts DESC)")" "1 0" \
	"and was not attempted"
run_at 2026-11-27T10:05:00+08:00 1
expect_eq "$(sqlite3 "$DB" "SELECT count(*) FROM outbox WHERE state = 'pending'")" "2" "still queued after another pass"
start_hook 0
run_at 2026-11-27T11:00:00+08:00
expect_in "$OUT" "送达 2" "both are delivered once the server is back"
expect_eq "$(accepted)" "3" "one acceptance each, no more"
run_at 2026-11-28T11:00:00+08:00
expect_eq "$(accepted)" "3" "and none are sent again"

# ---- nothing is lost: retried for 7 days, then a person's duty ---------------
stop_server "$HOOK_PID"
expect_ok "a change while the receiver is down for good" \
	env GOVNET_NOW=2026-12-01T10:00:00+08:00 GOVNET_LOGIN=dh_zwb "$GOVNET" --db "$DB" org add 东海测试四科 --parent 东海县
down=$(sqlite3 "$DB" "SELECT max(id) FROM outbox")
# A pass every 12 hours for a week: far more than the 10 attempts that
# once gave a message up over a weekend.
for day in 01 02 03 04 05 06 07; do
	for hour in 10 22; do
		GOVNET_NOW=2026-12-${day}T$hour:00:00+08:00 GOVNET_LOGIN=dsj "$GOVNET" --db "$DB" notify run >"$WORK/run.out" 2>&1
	done
done
expect_eq "$(state_of "$down")" "pending 14" "still retried after 14 attempts in 7 days"
expect_not_in "$(cat "$WORK/run.out")" "不再重试" "and not given up"
expect_ok "due before it is given up" env GOVNET_NOW=2026-12-07T23:00:00+08:00 GOVNET_LOGIN=dsj "$GOVNET" --db "$DB" due
expect_in "$OUT" "通知未送达：org.add → 值班群" "warns of it, due the day it will be given up"
run_at 2026-12-08T10:00:00+08:00 1
expect_in "$OUT" "不再重试，已列入 govnet due" "the pass after 7 days gives it up, and says where it went"
expect_eq "$(state_of "$down")" "failed 15" "given up"
run_at 2026-12-08T22:00:00+08:00
expect_in "$OUT" "投递 0 条" "not tried again by itself"
expect_ok "overdue the next day" env GOVNET_NOW=2026-12-09T10:00:00+08:00 GOVNET_LOGIN=dsj "$GOVNET" --db "$DB" due --overdue
expect_in "$OUT" "通知未送达：org.add → 值班群" "raised for a person to handle"
expect_in "$OUT" "已尝试 15 次" "with the attempts made"
expect_ok "the city office sees it on its overdue list too" \
	env GOVNET_NOW=2026-12-09T10:00:00+08:00 GOVNET_LOGIN=dsj "$GOVNET" --db "$DB" due --overdue --json
expect_in "$OUT" "\"component\": \"notify\"" "as the notify component's"
expect_ok "the operator queues it again" as dsj notify retry "$down"
expect_eq "$(state_of "$down")" "pending 0" "pending again"
start_hook 0
run_at 2026-12-20T10:00:00+08:00
expect_eq "$(state_of "$down")" "sent 1" "and delivered"
expect_ok "once delivered" env GOVNET_NOW=2026-12-20T10:00:00+08:00 GOVNET_LOGIN=dsj "$GOVNET" --db "$DB" due --overdue
expect_not_in "$OUT" "通知未送达" "it is no longer anyone's duty"
# The days kept trying are the city's setting.
expect_fail 1 "a county's administrator cannot set it" as dh_admin notify keep --days 14
expect_in "$ERR" "面向全市" "says it is the whole city's"
expect_fail 1 "nor to 0 days" as dsj notify keep --days 0
expect_in "$ERR" "天数（--days）" "names the field"
expect_ok "the city's operator keeps messages 14 days" as dsj notify keep --days 14
stop_server "$HOOK_PID"
expect_ok "a change while the receiver is down" \
	env GOVNET_NOW=2026-12-10T10:00:00+08:00 GOVNET_LOGIN=dh_zwb "$GOVNET" --db "$DB" org add 东海测试六科 --parent 东海县
five=$(sqlite3 "$DB" "SELECT max(id) FROM outbox")
run_at 2026-12-19T10:00:00+08:00 1
expect_eq "$(state_of "$five")" "pending 1" "still retried after 9 days"
start_hook 0
run_at 2026-12-20T10:00:00+08:00
expect_eq "$(state_of "$five")" "sent 2" "and delivered"

# ---- mail, to a real SMTP server on 127.0.0.1 --------------------------------
if python3 -W ignore -c 'import smtpd' 2>/dev/null; then
	cat >"$WORK/smtp.py" <<'PY'
import sys, warnings
warnings.simplefilter("ignore")
import asyncore, smtpd
class Sink(smtpd.SMTPServer):
    def process_message(self, peer, mailfrom, rcpttos, data, **kw):
        with open(sys.argv[2], "ab") as f:
            f.write(data + b"\n")
        with open(sys.argv[2] + ".env", "a") as f:
            f.write(mailfrom + " -> " + ",".join(rcpttos) + "\n")
Sink(("127.0.0.1", int(sys.argv[1])), None, decode_data=False)
asyncore.loop()
PY
	smtp_port=$(free_port)
	python3 "$WORK/smtp.py" "$smtp_port" "$WORK/mail" >>"$WORK/smtp.err" 2>&1 &
	SERVER_PIDS="$SERVER_PIDS $!"
	wait_port "$smtp_port" || fail "the SMTP server did not start"
	expect_ok "a mail channel to it" as dsj notify channel add 值班邮箱 --kind mail --url "smtp://127.0.0.1:$smtp_port" \
		--from noc@lyg.gov.cn --to "ops@lyg.gov.cn, duty@lyg.gov.cn"
	expect_ok "subscribed to renames in 东海县" as dh_zwb notify subscribe org.set --org 东海县 --channel 值班邮箱
	expect_ok "a rename" as dh_zwb org set 东海测试科 --name 东海测试甲科
	run_at 2026-12-21T10:00:00+08:00
	expect_in "$OUT" "org.set → 值班邮箱：已送达" "the mail is accepted"
	expect_eq "$(cat "$WORK/mail.env")" "noc@lyg.gov.cn -> ops@lyg.gov.cn,duty@lyg.gov.cn" "from the sender to both recipients"
	mail=$(python3 -c 'import email, email.header, sys
m = email.message_from_bytes(open(sys.argv[1], "rb").read())
print(str(email.header.make_header(email.header.decode_header(m["Subject"]))))
print(m.get_payload(decode=True).decode("utf-8"))' "$WORK/mail")
	expect_in "$mail" "政务外网通知：修改组织（东海测试甲科）" "the subject is readable Chinese"
	expect_in "$mail" "操作人  dh_zwb" "the body says who"
	expect_in "$mail" "东海测试科" "and what the record was"
	expect_ok "unsubscribe from mail" as dh_zwb notify unsubscribe org.set --org 东海县 --channel 值班邮箱
else
	echo "mail delivery not tested: this python3 has no smtpd module"
fi

# ---- removing a channel -----------------------------------------------------
expect_fail 1 "a channel with subscriptions cannot be removed" as dsj notify channel remove 值班群
expect_in "$ERR" "取消订阅" "says to unsubscribe first"
expect_ok "unsubscribe" as dh_zwb notify unsubscribe org.add --org 东海县 --channel 值班群
expect_ok "then remove" as dsj notify channel remove 值班群
expect_ok "a change now" as dh_zwb org add 东海测试待发科 --parent 东海县
expect_eq "$(sqlite3 "$DB" "SELECT count(*) FROM outbox WHERE state IN ('pending', 'sending')")" "0" "queues nothing"

# ---- a county rule's govnet.notify queues a message with the change ---------
stop_server "$HOOK_PID"
port=$(free_port)
: >"$WORK/hook.log"
expect_ok "a channel for rules" as dsj notify channel add 规则通知 --kind webhook --url "http://127.0.0.1:$port/rules"
cat >"$WORK/tell-new-orgs.lua" <<'LUA'
-- 东海县：新设组织时通知“规则通知”频道。
function on(event)
  if event.plugin == "org" and event.verb == "add" then
    assert(govnet.notify("规则通知", "东海县新设组织：" .. event.record.name))
  end
end
LUA
cat >"$WORK/notify-too-early.lua" <<'LUA'
-- 东海县：在 validate 中通知（错误的写法）。
function validate(event)
  if event.plugin == "org" and event.verb == "set" then govnet.notify("规则通知", "改名") end
end
LUA
cat >"$WORK/notify-nowhere.lua" <<'LUA'
-- 赣榆区：通知一个不存在的频道。
function on(event)
  if event.plugin == "org" and event.verb == "add" then govnet.notify("无此频道", "x") end
end
LUA
expect_ok "东海县 adds the rule" as dh_zwb rules add "$WORK/tell-new-orgs.lua" --org 东海县
# A county's rule notifies only channels subscribed within its county.
expect_ok "东海县 subscribes the channel" as dh_zwb notify subscribe rules.disable --org 东海县 --channel 规则通知
queued() { sqlite3 "$DB" "SELECT count(*) FROM outbox WHERE channel_name = '规则通知'"; }
expect_fail 1 "a refused change" as shenji org add 不该有的科二 --parent 东海县
expect_eq "$(queued)" "0" "queues nothing"
expect_ok "a change in another county" as gy_zwb org add 赣榆规则测试科 --parent 赣榆区
expect_eq "$(queued)" "0" "is not for 东海县's rule"
expect_ok "a change in 东海县" as dh_zwb org add 东海规则测试科 --parent 东海县
expect_eq "$ERR" "" "the rule's on() ran without error"
expect_eq "$(queued)" "1" "queues exactly one message"
expect_ok "the queue" gn notify list --channel 规则通知 --json
expect_in "$OUT" "\"event\": \"org.add\"" "for the change's event"
expect_in "$OUT" "\"channel\": \"规则通知\"" "to the rule's channel"
expect_in "$OUT" "\"state\": \"pending\"" "pending"
expect_in "$OUT" "\"org\": \"东海县\"" "about the organisation acted for"
rmsg=$(sqlite3 "$DB" "SELECT id FROM outbox WHERE channel_name = '规则通知'")
expect_eq "$(sqlite3 "$DB" "SELECT audit_id = (SELECT max(id) FROM audit WHERE component = 'org' AND verb = 'add') FROM outbox WHERE id = $rmsg")" "1" \
	"linked to the change's audit entry"
start_hook 0
run_at 2026-12-22T10:00:00+08:00
expect_in "$OUT" "org.add → 规则通知：已送达" "notify run delivers it"
expect_eq "$(state_of "$rmsg")" "sent 1" "sent on the first attempt"
expect_eq "$(requests)" "1" "one request reached the receiver"
body=$(tail -n 1 "$WORK/hook.log")
expect_in "$body" "东海县新设组织：东海规则测试科" "carrying the rule's text"
expect_in "$body" "\"message\": \"$rmsg\"" "with the message's id"
run_at 2026-12-23T10:00:00+08:00
expect_eq "$(requests)" "1" "and it is not sent again"

expect_ok "a rule that notifies from validate" as dh_zwb rules add "$WORK/notify-too-early.lua" --org 东海县
before=$(db_snapshot)
expect_fail 1 "refuses the change it judges" as dh_zwb org set 东海规则测试科 --name 东海规则测试二科
expect_in "$ERR" "govnet.notify 只能在 on(event) 中调用" "saying notify belongs in on()"
expect_eq "$(db_snapshot)" "$before" "and nothing changed"
expect_ok "a rule that notifies a channel that does not exist" as gy_zwb rules add "$WORK/notify-nowhere.lua" --org 赣榆区
expect_ok "the change stands" as gy_zwb org add 赣榆规则测试二科 --parent 赣榆区
expect_in "$ERR" "没有名为 无此频道 的通知渠道" "the on() error is reported after commit"
expect_eq "$(sqlite3 "$DB" "SELECT count(*) FROM org WHERE name = '赣榆规则测试二科'")" "1" "the organisation was added"
expect_eq "$(sqlite3 "$DB" "SELECT count(*) FROM outbox WHERE channel_name = '无此频道'")" "0" "nothing queued for it"

# ---- a rule's notifications are bounded, and stand only with its on() --------
cat >"$WORK/notify-elsewhere.lua" <<'LUA'
-- 赣榆区：通知东海县的渠道（越界）。
function on(event)
  if event.plugin == "org" and event.verb == "add" then govnet.notify("规则通知", "越界") end
end
LUA
cat >"$WORK/notify-flood.lua" <<'LUA'
-- 东海县：一次更改排队上千条通知。
function on(event)
  if event.plugin == "org" and event.verb == "add" and event.record.name:find("洪水") then
    for i = 1, 1000 do govnet.notify("规则通知", "洪水 " .. i) end
  end
end
LUA
cat >"$WORK/notify-then-fail.lua" <<'LUA'
-- 东海县：排队一条通知之后出错。
function on(event)
  if event.plugin == "org" and event.verb == "add" and event.record.name:find("出错") then
    govnet.notify("规则通知", "出错之前")
    error("规则自身的错误")
  end
end
LUA
cat >"$WORK/notify-five.lua" <<'LUA'
-- 东海县：每次更改排队 5 条（每条更改的上限）。
function on(event)
  if event.plugin == "org" and event.verb == "add" and event.record.name:find("限流") then
    for i = 1, 5 do govnet.notify("规则通知", "限流 " .. i) end
  end
end
LUA
texts() { sqlite3 "$DB" "SELECT count(*) FROM outbox WHERE payload LIKE '%$1%'"; }
expect_ok "赣榆区 adds a rule notifying 东海县's channel" as gy_zwb rules add "$WORK/notify-elsewhere.lua" --org 赣榆区
expect_ok "the change stands" as gy_zwb org add 赣榆越界测试科 --parent 赣榆区
expect_in "$ERR" "渠道 规则通知 没有本县区的订阅" "the rule's error says the channel is not its county's"
expect_eq "$(texts 越界)" "0" "nothing queued to another county's channel"
for f in notify-flood notify-then-fail notify-five; do
	expect_ok "东海县 adds $f" as dh_zwb rules add "$WORK/$f.lua" --org 东海县
done
expect_ok "a change the flooding rule meets" as dh_zwb org add 东海洪水测试科 --parent 东海县
expect_in "$ERR" "每条更改至多 5 条通知" "the rule is stopped at the limit per change"
expect_eq "$(texts "洪水 ")" "0" "and what it queued before is taken back with its failed on()"
expect_eq "$(sqlite3 "$DB" "SELECT count(*) FROM org WHERE name = '东海洪水测试科'")" "1" "the change stands"
expect_ok "a change the failing rule meets" as dh_zwb org add 东海出错测试科 --parent 东海县
expect_in "$ERR" "规则自身的错误" "its error is reported"
expect_eq "$(texts 出错之前)" "0" "and the message it queued first is not sent"
hour=10
i=1
while [ "$i" -le 12 ]; do
	env GOVNET_NOW=2026-12-24T$hour:0$((i % 10)):0$((i / 10))+08:00 GOVNET_LOGIN=dh_zwb "$GOVNET" --db "$DB" \
		org add "东海限流测试${i}科" --parent 东海县 >/dev/null 2>&1
	i=$((i + 1))
done
expect_eq "$(texts "限流 ")" "60" "12 changes queue 5 each"
expect_ok "the 13th change within the hour" \
	env GOVNET_NOW=2026-12-24T10:30:00+08:00 GOVNET_LOGIN=dh_zwb "$GOVNET" --db "$DB" org add 东海限流测试13科 --parent 东海县
expect_in "$ERR" "每条规则每小时至多 60 条通知" "meets the limit per hour"
expect_eq "$(texts "限流 ")" "60" "and queues nothing more"
expect_ok "an hour later" \
	env GOVNET_NOW=2026-12-24T11:10:00+08:00 GOVNET_LOGIN=dh_zwb "$GOVNET" --db "$DB" org add 东海限流测试14科 --parent 东海县
expect_not_in "$ERR" "每小时" "the rule may notify again"
expect_eq "$(texts "限流 ")" "65" "five more"

expect_ok "the audit chain verifies" gn audit verify

finish
