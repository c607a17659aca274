#!/bin/sh
# The terminal is given back on every exit: quit, SIGTERM, SIGHUP; the
# console refuses a non-UTF-8 locale and a missing terminal with a clear
# message, and keeps stray messages off the screen.
. "$GN_TEST_SRCDIR/tests/tui/lib.sh"

gn init --demo >/dev/null

for term in $TERMS; do
	tui_open 80 24 "$term"
	tui_keys q
	expect_screen "EXIT=0" "q quits with status 0"
	expect_sane_terminal "q leaves icanon and echo on"

	for sig in TERM:15 HUP:1; do
		num=${sig#*:}
		sig=${sig%:*}
		tui_open 80 24 "$term"
		tui_keys 2
		expect_screen "连云港市" "the console is running"
		pid=$(tui_console_pid)
		if [ -n "$pid" ] && kill -s "$sig" "$pid"; then pass; else fail "found the console to signal"; fi
		code=$((128 + num))
		expect_screen "EXIT=$code" "SIG$sig ends the console as that signal"
		expect_sane_terminal "SIG$sig leaves icanon and echo on"
	done
done

# A non-UTF-8 locale: a clear message, and curses never started.
OUT=$(LC_ALL=C "$GOVNET" --db "$DB" 2>&1 </dev/null)
rc=$?
expect_eq "$rc" 1 "a non-UTF-8 locale is refused"
expect_in "$OUT" "UTF-8" "the message says a UTF-8 locale is needed"
expect_in "$OUT" "LC_ALL=C.UTF-8" "and how to get one"

# No terminal: a usage error, not a screen of escape codes.
OUT=$("$GOVNET" --db "$DB" 2>&1 </dev/null)
rc=$?
expect_eq "$rc" 2 "without a terminal the console is a usage error"
expect_in "$OUT" "需要在终端中运行" "the message says a terminal is needed"

# An unregistered login is told whom to ask, before any screen.
tui_start 80 24 xterm-256color GOVNET_LOGIN=nobody
tui_console
expect_screen "未在 govnet 登记" "an unregistered login is refused"
expect_screen "EXIT=1" "with status 1"
expect_sane_terminal "the refusal leaves the terminal alone"
finish
