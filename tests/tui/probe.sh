#!/bin/sh
# Probes in the console (Art 13): a system whose last probes all failed is
# counted on the Overview and marked in the down style in the systems
# list; a system's detail shows its latest result and a sparkline of its
# recent latencies.
. "$GN_TEST_SRCDIR/tests/tui/lib.sh"
unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY

gn init --demo >/dev/null
port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }
up_port=$(port)
closed_port=$(port)
mkdir -p "$WORK/www"
python3 -m http.server --bind 127.0.0.1 --directory "$WORK/www" "$up_port" >/dev/null 2>&1 &
HTTPD=$!
trap 'kill $HTTPD 2>/dev/null; tmux -S "$TMUX_SOCKET" kill-server 2>/dev/null; rm -rf "$WORK"' EXIT
i=0
until python3 -c 'import socket,sys; socket.create_connection(("127.0.0.1", int(sys.argv[1])), 0.2).close()' "$up_port" 2>/dev/null ||
	[ $i -ge 100 ]; do sleep 0.1; i=$((i + 1)); done

online() {
	id=$(as dh_jyj system new --org 东海县教育局 --name "$1" --url "$2" --level 2) &&
		as dh_jyj system file "$id" >/dev/null && as dh_jyj system test "$id" --result pass >/dev/null &&
		as dh_jyj system golive "$id" >/dev/null && echo "$id"
}
UP=$(online 探测正常系统 "http://127.0.0.1:$up_port/") || fail "a system that answers goes live"
DOWN=$(online 探测中断系统 "http://127.0.0.1:$closed_port/") || fail "a system on a closed port goes live"
for _ in 1 2 3; do
	as dh_dsj system probe "$UP" >/dev/null || fail "probing the system that answers"
	as dh_dsj system probe "$DOWN" >/dev/null || fail "probing the closed port"
done

tui_open 120 40 xterm-256color GOVNET_LOGIN=dh_dsj
expect_screen "探测中断的系统" "the Overview lists the systems down"
# Its counts come in after the first frame ("…" until then).
down_counted() { [ "$(printf '%s\n' "$TUI_SHOWN" | grep '^ *[0-9]*  .*探测中断的系统' | awk '{print $NF}')" != "…" ]; }
tui_until down_counted
expect_eq "$(tui_screen | grep '^ *[0-9]*  .*探测中断的系统' | awk '{print $NF}')" "1" "one of them"
tui_keys :
tui_type "system list --view systems"
tui_keys Enter
expect_screen "探测中断系统" "the systems tab"
expect_eq "$(tui_screen_sgr | grep '探测中断系统' | grep -c '48;5;160')" 1 "the system down is in the down style"
expect_eq "$(tui_screen_sgr | grep '探测正常系统' | grep -c '48;5;160')" 0 "the one that answers is not"
tui_keys /
tui_type "探测正常系统"
tui_keys Enter
expect_screen "第 1/1 条" "the filter leaves the system that answers"
tui_keys Enter
expect_screen "信息系统 #$UP" "Enter opens it"
expect_screen "最近探测" "the detail has the latest probe"
expect_screen "HTTP 200" "its result"
expect_eq "$(tui_screen | grep -c '[▁▂▃▄▅▆▇█][▁▂▃▄▅▆▇█][▁▂▃▄▅▆▇█] ')" 1 "and a sparkline of its three latencies"
tui_keys Escape
tui_keys /
tui_keys C-u
tui_type "探测中断系统"
tui_keys Enter
tui_keys Enter
expect_screen "信息系统 #$DOWN" "the system down opens"
expect_screen "拒绝连接 0ms xxx" "its failure is named, and three failures in its sparkline"
tui_keys Escape
tui_keys :
tui_type "system probe $DOWN"
tui_keys Enter
expect_screen "不在控制台中进行：由服务器上的定时任务定期进行" "the console does not wait on the network: the timer probes"
tui_keys Escape
tui_keys a
expect_screen_not "探测服务地址" "nor does the actions menu offer a probe"
tui_keys Escape
tui_keys q
expect_screen "EXIT=0" "the console quits"
finish
