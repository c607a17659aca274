# tests/cli/lib.sh — shared by the command-line tests.  Each test runs the
# real binary on a temporary database and asserts what a user would see.
#
#   . "$GN_TEST_SRCDIR/tests/cli/lib.sh"
#   gn init --demo                  run govnet on this test's database
#   as dh_zwb org list              run it as another login (GOVNET_LOGIN)
#   expect_ok  "what" cmd…          exit 0
#   expect_fail 1 "what" cmd…       that exit code; stderr kept in $ERR
#   expect_in "$OUT" "text" "what"  output contains text
#   finish                          prints "N passed, N failed"; exit status

set -u
: "${GOVNET:?GOVNET must name the govnet binary}"
: "${GN_TEST_SRCDIR:=$(cd "$(dirname "$0")/../.." && pwd)}"
export LC_ALL=C.UTF-8 TZ=UTC
unset GOVNET_LOGIN GOVNET_NOW GOVNET_DB
export GOVNET_CONF=/nonexistent
WORK=$(mktemp -d "${TMPDIR:-/tmp}/govnet-test.XXXXXX")
DB="$WORK/govnet.db"
trap 'rm -rf "$WORK"' EXIT
PASSED=0
FAILED=0
OUT=
ERR=

gn() { "$GOVNET" --db "$DB" "$@"; }
as() { local who=$1; shift; GOVNET_LOGIN=$who "$GOVNET" --db "$DB" "$@"; }

pass() { PASSED=$((PASSED + 1)); }
fail() { FAILED=$((FAILED + 1)); printf 'FAIL: %s\n' "$*" >&2; }

# expect_ok WHAT CMD… — runs CMD, keeps stdout in $OUT and stderr in $ERR.
expect_ok() {
	local what=$1; shift
	if OUT=$("$@" 2>"$WORK/stderr"); then pass; else fail "$what (exit $?): $(cat "$WORK/stderr")"; fi
	ERR=$(cat "$WORK/stderr")
}

# expect_fail CODE WHAT CMD…
expect_fail() {
	local code=$1 what=$2 rc; shift 2
	OUT=$("$@" 2>"$WORK/stderr"); rc=$?
	ERR=$(cat "$WORK/stderr")
	if [ "$rc" -eq "$code" ]; then pass; else fail "$what: exit $rc, wanted $code; stderr: $ERR"; fi
}

expect_in() {
	case "$1" in *"$2"*) pass ;; *) fail "$3: \"$2\" not in: $1" ;; esac
}

expect_not_in() {
	case "$1" in *"$2"*) fail "$3: \"$2\" unexpectedly in: $1" ;; *) pass ;; esac
}

expect_eq() {
	if [ "$1" = "$2" ]; then pass; else fail "$3: got \"$1\", wanted \"$2\""; fi
}

# The exact content of every row of the store's tables, for "nothing changed".
# db_snapshot [TABLE…]: every table's rows, but those of the TABLEs named
# (bookkeeping that a refusal writes on purpose, such as rule_stop).  The
# planner's statistics (sqlite_stat1, PRAGMA optimize) are not the store's
# content: they follow whatever was committed, bookkeeping included.
db_snapshot() {
	local skip=" $* sqlite_stat1 sqlite_stat4 "
	sqlite3 "$DB" "SELECT name FROM sqlite_schema WHERE type='table' ORDER BY name" |
	while read -r t; do
		case "$skip" in *" $t "*) continue ;; esac
		# A WITHOUT ROWID table (the scope tables) in its key's order.
		echo "== $t"; sqlite3 "$DB" "SELECT * FROM \"$t\" ORDER BY rowid" 2>/dev/null ||
			sqlite3 "$DB" "SELECT * FROM \"$t\" ORDER BY 1, 2"
	done
}

# table_misaligned FILE — the lines of a table in FILE whose columns are
# not where its header (the first line) puts them, in display cells
# (Chinese takes two): the two cells before each column the header starts
# are blank, and each value fills its column from the left or, a number,
# to the right; a last column without a label starts where the header's
# trailing blanks end.  Prints the count of such lines, the count of
# lines read and the first few of them.
table_misaligned() {
	python3 - "$1" <<'PY'
import sys, unicodedata
def cells(s):
    out = []
    for ch in s:
        out.append(ch)
        if unicodedata.east_asian_width(ch) in "WF":
            out.append("")  # the second cell of a wide character
    return out
lines = open(sys.argv[1], encoding="utf-8").read().splitlines()
head = cells(lines[0])
starts = [i for i, ch in enumerate(head)
          if ch not in " " and (i == 0 or head[i - 1 : i] == [" "] and head[i - 2 : i - 1] == [" "])]
if head[-2:] == [" ", " "]:
    starts.append(len(head))
width = max(len(cells(l)) for l in lines)
bad = []
for n, line in enumerate(lines[1:], 2):
    row = cells(line) + [" "] * (width - len(cells(line)))
    ok = True
    for c, s in enumerate(starts):
        end = starts[c + 1] - 2 if c + 1 < len(starts) else width
        value, gap = row[s:end], row[end:end + 2] if c + 1 < len(starts) else []
        blank = all(ch == " " for ch in value)
        ok &= all(ch == " " for ch in gap) and (blank or value[0] not in " " or value[-1] not in " ")
    if not ok:
        bad.append(n)
print(len(bad), len(lines), *bad[:3])
PY
}

finish() {
	echo "$PASSED passed, $FAILED failed"
	[ "$FAILED" -eq 0 ]
}

# no_icu_dir — a directory to put in LD_LIBRARY_PATH where ICU's library
# (the version govnet was built with) is one without ICU's functions, as a
# broken installation would be; its path is printed.
no_icu_dir() {
	local major
	major=$(pkg-config --modversion icu-uc | cut -d. -f1)
	mkdir -p "$WORK/noicu"
	echo 'int not_icu;' >"$WORK/noicu/not_icu.c"
	${CC:-cc} -shared -fPIC -o "$WORK/noicu/libicui18n.so.$major" "$WORK/noicu/not_icu.c" && echo "$WORK/noicu"
}
