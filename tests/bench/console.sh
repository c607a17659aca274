#!/bin/sh
# DESIGN §5, the console on 100k organisations: time to the first frame,
# filter keystroke to redrawn list (budget ≤ 16 ms), and resident memory
# (budget ≤ 20 MB).  The console reports its own timings to the file named
# by GOVNET_BENCH; it is driven in tmux like the console tests.
. "$GN_TEST_SRCDIR/tests/bench/lib.sh"
if ! command -v tmux >/dev/null 2>&1; then
	echo "console: tmux is needed for this benchmark (apt-get install tmux)"
	exit 0
fi
SOCK="$BENCH/tmux.sock"
trap 'tmux -S "$SOCK" kill-server 2>/dev/null; rm -rf "$BENCH"' EXIT
DB="$BENCH/console.db"
TIMES="$BENCH/times"

# A demo store and 100k departments under its counties, written directly
# (bench data, not a test of the door), with their materialised paths.
"$GOVNET" --db "$DB" init --demo >/dev/null
sqlite3 "$DB" <<SQL
CREATE TEMP TABLE county AS
  SELECT id, path, name, row_number() OVER (ORDER BY id) - 1 AS k FROM org WHERE kind = 'county';
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $BENCH_N),
     base(m) AS (SELECT max(id) FROM org)
INSERT INTO org(id, parent_id, code, name, kind, path, created_at)
SELECT base.m + n.i, c.id, 'B' || n.i, c.name || '单位' || n.i, 'dept',
       c.path || (base.m + n.i) || '/', '2026-01-01T00:00:00+08:00'
  FROM n, base JOIN county c ON c.k = n.i % (SELECT count(*) FROM county);
SQL
ORGS=$(sqlite3 "$DB" "SELECT count(*) FROM org")

tx() { tmux -S "$SOCK" -f /dev/null "$@"; }
screen_has() {
	i=0
	while [ $i -lt 300 ]; do
		case "$(tx capture-pane -p -t b)" in *"$1"*) return 0 ;; esac
		sleep 0.05
		i=$((i + 1))
	done
	echo "console: \"$1\" never showed" >&2
	return 1
}

tx new-session -d -x 120 -y 40 -s b \
	"env LC_ALL=C.UTF-8 TERM=xterm-256color GOVNET_BENCH='$TIMES' '$GOVNET' --db '$DB'; sleep 60"
screen_has "概览：" || exit 0
tx send-keys -t b 2
screen_has "第 1/$ORGS 条" || exit 0
tx send-keys -t b /
typed=""
for ch in 东 海 县 单 位 1 2 3 4; do
	typed="$typed$ch"
	tx send-keys -t b -l "$ch"
	screen_has "筛选「$typed」" || exit 0
done
tx send-keys -t b Enter q
i=0
while [ $i -lt 100 ] && ! grep -q max-rss-kb "$TIMES" 2>/dev/null; do sleep 0.1; i=$((i + 1)); done

first=$(awk '$1 == "first-frame-ms" { print $2; exit }' "$TIMES")
median=$(awk '$1 == "filter-key-ms" { print $2 }' "$TIMES" | sort -n | awk '{ a[NR] = $1 } END { printf "%.2f", a[int((NR + 1) / 2)] }')
worst=$(awk '$1 == "filter-key-ms" { print $2 }' "$TIMES" | sort -n | tail -n1)
rss=$(awk '$1 == "max-rss-kb" { printf "%.1f", $2 / 1024 }' "$TIMES")
echo "console, $ORGS organisations: first frame $first ms"
echo "  filter keystroke to redrawn list: median $median ms, worst $worst ms (budget 16 ms: $(verdict "$worst" 16))"
echo "  resident memory at most $rss MB (budget 20 MB: $(verdict "$rss" 20))"
