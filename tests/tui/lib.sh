# tests/tui/lib.sh — shared by the console tests.  Each test drives the
# real binary in a tmux pane on a temporary database and asserts on what
# the screen shows, as a user would read it.  Built on tests/cli/lib.sh
# (gn, as, expect_*, finish).
#
#   tui_start COLS ROWS TERM [NAME=VALUE…]   a pane running sh (dash: it does
#                                            not repair the terminal after a
#                                            program, so a broken one shows)
#   tui_console [ARGS…]                      start govnet in it on $DB
#   tui_keys KEY…                            tmux key names: j Enter C-s Escape
#   tui_type TEXT                            literal text, Chinese included
#   expect_screen TEXT WHAT                  wait (bounded) until TEXT shows
#   expect_screen_not TEXT WHAT              the screen does not show TEXT
#   expect_screen_both A B WHAT              one screen shows both
#   expect_screen_match ERE WHAT             a line of the screen matches ERE
#   expect_screen_line N TEXT WHAT           line N of the screen shows TEXT
#   tui_until TEST [ARG…]                    wait until TEST holds of the
#                                            screen ($TUI_SHOWN): tui_shows,
#                                            tui_lacks, tui_matches, tui_line_shows
#   tui_screen / tui_screen_sgr              the pane's text (with attributes)
#   tui_resize COLS ROWS
#   console_as LOGIN NOW COMMAND HEADING     the console at 120×40 as LOGIN at
#                                            NOW, on the view COMMAND opens
#   tui_quit                                 q, and the console exits 0

. "$GN_TEST_SRCDIR/tests/cli/lib.sh"

if ! command -v tmux >/dev/null 2>&1; then
	echo "FAIL: the console tests need tmux (apt-get install tmux)" >&2
	exit 1
fi
# One tmux server per pane started, each on its own socket: a server still
# shutting down never meets the next one.
TUI_SERVERS=0
TMUX_SOCKET="$WORK/tmux.0.sock"
trap 'tmux -S "$TMUX_SOCKET" kill-server 2>/dev/null; rm -rf "$WORK"' EXIT
unset TMUX
# Polls every 0.1 s; a screen that has not shown the text after this many
# seconds is a failure (generous: the sanitizer build is slow).
TUI_WAIT=${TUI_WAIT:-15}
mkdir -p "$WORK/config/govnet"
TERMS="xterm-256color screen-256color linux vt100"
SIZES="80x24 120x40"

tx() { tmux -S "$TMUX_SOCKET" -f /dev/null "$@"; }

tui_start() {
	local cols=$1 rows=$2 term=$3 pass="" v; shift 3
	tx kill-server 2>/dev/null
	TUI_SERVERS=$((TUI_SERVERS + 1))
	TMUX_SOCKET="$WORK/tmux.$TUI_SERVERS.sock"
	mkdir -p "$WORK/config/govnet"
	# The sanitizers' settings reach the console in the pane.
	for v in ASAN_OPTIONS UBSAN_OPTIONS LSAN_OPTIONS; do
		eval "[ -n \"\${$v:-}\" ] && pass=\"\$pass $v='\${$v}'\""
	done
	tx new-session -d -x "$cols" -y "$rows" -s gn \
		"env -i PATH='$PATH' HOME='$WORK' XDG_CONFIG_HOME='$WORK/config' LC_ALL=C.UTF-8 TZ=UTC \
		 TERM='$term' GOVNET='$GOVNET' DB='$DB' GOVNET_CONF=/nonexistent PS1='$ ' $pass $* sh"
	TUI_TERM=$term
	# Keys typed before the shell prompts are echoed before its prompt,
	# and what the command prints then starts after "$ " on the prompt's
	# line: wait for the prompt.
	tui_until tui_matches '^\$' || fail "the pane's shell never prompted"
}

tui_keys() { tx send-keys -t gn "$@"; }
tui_type() { tx send-keys -t gn -l "$1"; }
tui_screen() { tx capture-pane -p -t gn; }
tui_screen_sgr() { tx capture-pane -p -e -t gn; }
tui_resize() { tx resize-window -t gn -x "$1" -y "$2"; }

tui_console() {
	tui_type "\"\$GOVNET\" --db \"\$DB\" $*; echo EXIT=\$?"
	tui_keys Enter
}

# The console's process id (the pane's shell's child).
tui_console_pid() {
	local sh_pid
	sh_pid=$(tx display -p -t gn '#{pane_pid}')
	ps -o pid= --ppid "$sh_pid" | tr -d ' ' | head -n1
}

# tui_until TEST [ARG…] — wait (bounded) until TEST ARG… succeeds on the
# screen as it is now, held in $TUI_SHOWN.  Every wait of the console
# tests is one of these, with a test below or a test of its own.
tui_until() {
	local i=0
	while [ "$i" -lt $((TUI_WAIT * 10)) ]; do
		TUI_SHOWN=$(tui_screen)
		"$@" && return 0
		sleep 0.1
		i=$((i + 1))
	done
	return 1
}
# Tests on $TUI_SHOWN: it shows every TEXT; it lacks TEXT; a line of it
# matches the extended regular expression ERE; its line N shows TEXT.
tui_shows() {
	local text
	for text; do
		case "$TUI_SHOWN" in *"$text"*) ;; *) return 1 ;; esac
	done
}
tui_lacks() { ! tui_shows "$1"; }
tui_matches() { printf '%s\n' "$TUI_SHOWN" | grep -Eq -- "$1"; }
tui_line_shows() {
	case "$(printf '%s\n' "$TUI_SHOWN" | sed -n "${1}p")" in *"$2"*) return 0 ;; esac
	return 1
}

tui_wait() { tui_until tui_shows "$1"; }

expect_screen() {
	if tui_wait "$1"; then
		pass
	else
		fail "$2 [$TUI_TERM]: \"$1\" never showed; the screen:"
		tui_screen >&2
	fi
}

# Text that must be gone: the console may still be drawing the keys just
# sent, so wait for it to go rather than judge the frame before.
tui_wait_gone() { tui_until tui_lacks "$1"; }

# expect_screen_both A B WHAT — one screen shows both texts at once.
expect_screen_both() {
	if tui_until tui_shows "$1" "$2"; then
		pass
	else
		fail "$3 [$TUI_TERM]: \"$1\" and \"$2\" never showed together; the screen:"
		tui_screen >&2
	fi
}

# expect_screen_match ERE WHAT — a line of the screen matches ERE.
expect_screen_match() {
	if tui_until tui_matches "$1"; then
		pass
	else
		fail "$2 [$TUI_TERM]: no line matching /$1/; the screen:"
		tui_screen >&2
	fi
}

# expect_screen_line N TEXT WHAT — line N of the screen shows TEXT.
expect_screen_line() {
	if tui_until tui_line_shows "$1" "$2"; then
		pass
	else
		fail "$3 [$TUI_TERM]: \"$2\" not on line $1; the screen:"
		tui_screen >&2
	fi
}

expect_screen_not() {
	if tui_wait_gone "$1"; then
		pass
	else
		fail "$2 [$TUI_TERM]: \"$1\" unexpectedly on screen:"
		tui_screen >&2
	fi
}

# After the console ended: the terminal is back in canonical mode with echo.
expect_sane_terminal() {
	# "ST""TY": the line as typed does not end the way its output does.
	tui_type 'stty -a | tr " " "\n" | grep -E "^-?(icanon|echo)$" | tr "\n" " "; echo "ST""TY"'
	tui_keys Enter
	if tui_wait "echo STTY"; then
		local s
		s=$(tui_screen | grep ' STTY$' | tail -n1)
		case " $s" in
		*" icanon echo STTY"*) pass ;;
		*) fail "$1 [$TUI_TERM]: terminal left in a bad state: $s" ;;
		esac
	else
		fail "$1 [$TUI_TERM]: the shell did not come back"
		tui_screen >&2
	fi
}

# Start the console on the demo database and wait for its first screen.
tui_open() {
	tui_start "$@"
	tui_console
	expect_screen "概览：" "the console opens"
}

# Open the console at 120×40 as login $1 at time $2 (ISO 8601) and go to
# the view that command $3 opens ("access list"), waiting for heading $4.
console_as() {
	tui_start 120 40 xterm-256color GOVNET_LOGIN="$1" GOVNET_NOW="$2"
	tui_console
	expect_screen "概览：" "the console opens for $1"
	tui_keys :
	tui_type "$3"
	tui_keys Enter
	expect_screen "$4" "$3 opens for $1"
}

# Quit the console with q and wait for the shell to see it exit 0.
tui_quit() {
	tui_keys q
	expect_screen "EXIT=0" "the console quits"
}
