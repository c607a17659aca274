#!/bin/sh
# The working-day calendar (DESIGN §1): the shipped schedules, imports from
# a file and from a real HTTP server, refusals that change nothing, and
# `calendar add` against an independent reading of the published files.
. "${GN_TEST_SRCDIR}/tests/cli/lib.sh"
. "${GN_TEST_SRCDIR}/tests/cli/http.sh"
SHIPPED="$GN_TEST_SRCDIR/data/holiday-cn"

gn init --demo >/dev/null

# ---- a new store has the published schedules, imported through the door --
expect_ok "the imported years are listed" gn calendar list --json
for y in 2023 2024 2025 2026 2027; do
	expect_in "$OUT" "\"year\": $y" "year $y shipped"
done
expect_ok "the audit chain holds the imports" gn audit list --component calendar --json
expect_in "$OUT" "holiday_year#2026" "each year's import is an audit entry"
expect_ok "and the chain verifies" gn audit verify

expect_ok "2026 is shown" gn calendar show 2026
expect_in "$OUT" "2026-09-20  日    国庆节  调休上班" "Sunday 2026-09-20 is a make-up working day"
expect_in "$OUT" "2026-10-01  四    国庆节  放假" "National Day is a holiday"
expect_in "$OUT" "data/holiday-cn/2026.json" "the source is recorded"
expect_in "$OUT" "www.gov.cn" "the State Council paper is named"
expect_ok "2027 is published empty" gn calendar show 2027
expect_in "$OUT" "尚无放假安排" "an empty year says so"
expect_fail 1 "a year never imported" gn calendar show 2031
expect_in "$ERR" "2031 年的节假日安排尚未导入" "says the year is not imported"

# ---- the examples of the issue ---------------------------------------------
expect_ok "add across a make-up Sunday" gn calendar add 2026-09-18 2
expect_eq "$OUT" "2026-09-21" "2026-09-18 + 2 working days"
expect_eq "$ERR" "" "no notice inside the imported years"
expect_ok "add across National Day" gn calendar add 2026-09-30 1
expect_eq "$OUT" "2026-10-08" "2026-09-30 + 1 working day"
expect_ok "n = 0 on a holiday" gn calendar add 2026-10-01 0
expect_eq "$OUT" "2026-10-08" "the next working day"
expect_ok "n = 0 on a working day" gn calendar add 2026-09-18 0
expect_eq "$OUT" "2026-09-18" "the day itself"
expect_ok "is-workday on a make-up Sunday" gn calendar is-workday 2026-09-20
expect_in "$OUT" "是工作日" "a working day"
expect_in "$OUT" "调休上班" "because of the make-up day"
expect_ok "is-workday on a holiday" gn calendar is-workday 2026-10-05 --json
expect_in "$OUT" "\"workday\": false" "not a working day"
expect_in "$OUT" "\"name\": \"国庆节\"" "named"

expect_ok "add beyond the imported years" gn calendar add 2028-03-03 1
expect_eq "$OUT" "2028-03-06" "weekends only beyond the imported years"
expect_in "$ERR" "2028 年的节假日安排尚未导入" "and says so on stderr"
expect_ok "add into the empty 2027" gn calendar add 2026-12-30 2
# 2026-12-31 (Thu) is one; 2027-01-01 is 元旦, fixed by law; then a weekend.
expect_eq "$OUT" "2027-01-04" "2027 counts weekends and New Year's Day"
expect_in "$ERR" "2027" "the notice names 2027"

expect_fail 2 "a date that does not exist" gn calendar add 2026-02-30 1
expect_in "$ERR" "2026-02-30" "the date is named"
expect_fail 2 "a negative count" gn calendar add 2026-09-18 -1
expect_fail 2 "a count that is not a number" gn calendar add 2026-09-18 两

# ---- who may import ----------------------------------------------------------
cp "$SHIPPED/2026.json" "$WORK/2026.json"
before=$(db_snapshot)
expect_fail 1 "an auditor cannot import" as shenji calendar import "$WORK/2026.json"
expect_in "$ERR" "auditor" "the refusal names the role"
expect_fail 1 "the city office cannot import" as zwb calendar import "$WORK/2026.json"
expect_fail 1 "a county operator cannot import for the city" as dh_dsj calendar import "$WORK/2026.json"
expect_in "$ERR" "超出权限范围" "out of scope"
expect_eq "$(db_snapshot)" "$before" "refused imports change nothing"
expect_ok "the city operator imports" as dsj calendar import "$WORK/2026.json"
expect_in "$OUT" "已导入 2026 年节假日安排" "the import reports the year"
expect_in "$OUT" "与原有安排相同" "and that nothing changed in it"

# ---- an amended schedule replaces the year; the change is audited --------
python3 - "$SHIPPED/2026.json" "$WORK/amended.json" <<'PY'
import json, sys
y = json.load(open(sys.argv[1], encoding="utf-8"))
y["days"] = [d for d in y["days"] if d["date"] != "2026-09-20"]
y["days"].append({"name": "补充假日", "date": "2026-09-21", "isOffDay": True})
json.dump(y, open(sys.argv[2], "w", encoding="utf-8"), ensure_ascii=False)
PY
expect_ok "an amended 2026 is imported" as dsj calendar import "$WORK/amended.json" --why "国务院补充通知"
expect_in "$OUT" "已替换原有安排" "the import says the year was replaced"
expect_ok "the amended schedule counts" gn calendar add 2026-09-18 2
expect_eq "$OUT" "2026-09-23" "09-20 is a Sunday again and 09-21 a holiday"
expect_ok "the audit entry" gn audit list --component calendar --login dsj --json
expect_in "$OUT" "国务院补充通知" "records why"
expect_ok "show names the new source" gn calendar show 2026
expect_in "$OUT" "$WORK/amended.json" "the file imported"

# ---- malformed or unreachable schedules change nothing ---------------------
bad() { # bad NAME CONTENT EXPECTED — import refused, saying why, nothing changed
	printf '%s' "$2" >"$WORK/$1.json"
	expect_fail 1 "$1 is refused" gn calendar import "$WORK/$1.json"
	expect_in "$ERR" "$3" "$1: the message says why"
	expect_in "$ERR" "$1.json" "$1: the message names the file"
}
before=$(db_snapshot)
bad truncated '{"year": 2026, "papers": [], "days": [' "不是有效的 JSON"
bad notdate '{"year": 2026, "papers": [], "days": [{"name": "x", "date": "2026-02-30", "isOffDay": true}]}' "days[0].date"
bad otheryear '{"year": 2026, "papers": [], "days": [{"name": "x", "date": "2025-06-01", "isOffDay": true}]}' "不在 2026 年内"
bad twice '{"year": 2026, "papers": [], "days": [{"name": "x", "date": "2026-05-01", "isOffDay": true}, {"name": "y", "date": "2026-05-01", "isOffDay": false}]}' "出现了不止一次"
bad nooff '{"year": 2026, "papers": [], "days": [{"name": "x", "date": "2026-05-01"}]}' "isOffDay"
bad noyear '{"papers": [], "days": []}' "year"
printf '{"year": 2026, "papers": ["\377"], "days": []}' >"$WORK/latin1.json"
expect_fail 1 "a file that is not UTF-8" gn calendar import "$WORK/latin1.json"
expect_in "$ERR" "latin1.json 不是有效的 UTF-8 文本" "says the file is not UTF-8"
expect_fail 1 "a missing file" gn calendar import "$WORK/nosuch.json"
expect_in "$ERR" "文件不存在" "says the file does not exist"
expect_eq "$(db_snapshot)" "$before" "none of the refused files changed anything"

# ---- from a URL, over a real HTTP server -----------------------------------
mkdir "$WORK/www"
cp "$SHIPPED/2026.json" "$WORK/www/2026.json"
port=$(free_port)
serve_dir "$WORK/www" "$port"
url="http://127.0.0.1:$port/2026.json"
requests() { grep -c '"GET ' "$WORK/httpd.log"; }
expect_fail 1 "a department may not import from a URL" as dh_jyj calendar import "$url"
expect_eq "$(requests)" "0" "and govnet fetched nothing for it"
expect_ok "import from a URL" gn calendar import "$url"
expect_eq "$(requests)" "1" "the operator's import fetched the file once"
expect_in "$OUT" "已导入 2026 年" "the year is imported"
expect_ok "the published schedule is back" gn calendar add 2026-09-18 2
expect_eq "$OUT" "2026-09-21" "2026-09-18 + 2 again"
expect_ok "show" gn calendar show 2026 --json
expect_in "$OUT" "\"source\": \"$url\"" "the URL is recorded as the source"
before=$(db_snapshot)
expect_fail 1 "a URL that answers 404" gn calendar import "http://127.0.0.1:$port/2031.json"
expect_in "$ERR" "HTTP 404" "the status is reported"
expect_in "$ERR" "http://127.0.0.1:$port/2031.json" "with the URL"
printf 'not json' >"$WORK/www/junk.json"
expect_fail 1 "a URL that serves something else" gn calendar import "http://127.0.0.1:$port/junk.json"
expect_in "$ERR" "不是有效的 JSON" "says what is wrong"
python3 -c 'import sys; sys.stdout.write("{\"year\": 2026, \"papers\": [\"" + "x" * 1100000 + "\"], \"days\": []}")' >"$WORK/www/huge.json"
expect_fail 1 "a download past the size cap" gn calendar import "http://127.0.0.1:$port/huge.json"
expect_in "$ERR" "超过 1048576 字节的上限" "says it is too large"
stop_server "$SERVER_PID"
expect_fail 1 "a server that is down" gn calendar import "$url"
expect_in "$ERR" "无法连接" "says it cannot connect"
expect_eq "$(db_snapshot)" "$before" "failed downloads change nothing"

# ---- a changed schedule moves the deadlines of open records --------------
clock=$(sqlite3 "$DB" "SELECT component || ' ' || record_id || ' ' || started_on || ' ' || (workdays - used) || ' ' || due
	FROM wf_clock WHERE due IS NOT NULL AND workdays > used ORDER BY component, record_id LIMIT 1")
if [ -n "$clock" ]; then
	set -- $clock
	comp=$1 rec=$2 started=$3 rest=$4 old_due=$5
	extra=$(gn calendar add "$started" 1)
	year=${extra%%-*}
	python3 - "$SHIPPED/$year.json" "$WORK/moved.json" "$extra" <<'PY'
import json, sys
y = json.load(open(sys.argv[1], encoding="utf-8"))
y["days"] = [d for d in y["days"] if d["date"] != sys.argv[3]]
y["days"].append({"name": "临时调整", "date": sys.argv[3], "isOffDay": True})
json.dump(y, open(sys.argv[2], "w", encoding="utf-8"), ensure_ascii=False)
PY
	expect_ok "a schedule that makes $extra a holiday" as dsj calendar import "$WORK/moved.json"
	new_due=$(gn calendar add "$started" "$rest")
	[ "$new_due" != "$old_due" ] && pass || fail "the amended schedule should move $comp #$rec's deadline"
	expect_eq "$(sqlite3 "$DB" "SELECT due FROM wf_clock WHERE component = '$comp' AND record_id = $rec")" "$new_due" \
		"$comp #$rec's open deadline is recomputed on import"
	expect_ok "the published schedule again" as dsj calendar import "$SHIPPED/$year.json"
	expect_eq "$(sqlite3 "$DB" "SELECT due FROM wf_clock WHERE component = '$comp' AND record_id = $rec")" \
		"$(gn calendar add "$started" "$rest")" "and recomputed again"
else
	fail "the demo data has no open deadline to recompute"
fi

# show --json is itself a holiday-cn file: it imports as the same schedule.
gn calendar show 2025 --json >"$WORK/2025-again.json"
expect_ok "show --json round-trips" gn calendar import "$WORK/2025-again.json"
expect_in "$OUT" "与原有安排相同" "the same days"

# ---- every date of 2024–2026, N from 0 to 60, against the published files --
python3 - "$SHIPPED" "$WORK/pairs" "$WORK/expected" <<'PY'
import bisect, datetime, glob, json, os, sys
src, pairs, expected = sys.argv[1:4]
listed, published = {}, set()
for path in sorted(glob.glob(os.path.join(src, "[0-9][0-9][0-9][0-9].json"))):
    f = json.load(open(path, encoding="utf-8"))
    if f["days"]:
        published.add(f["year"])
    for d in f["days"]:
        listed[d["date"]] = not d["isOffDay"]
# A year not published yet: weekends and the fixed 元旦, 劳动节, 国庆 1–3.
FIXED = {(1, 1), (5, 1), (10, 1), (10, 2), (10, 3)}
def working(day):
    if day.year not in published and (day.month, day.day) in FIXED:
        return False
    return listed.get(day.isoformat(), day.weekday() < 5)
first, last = datetime.date(2024, 1, 1), datetime.date(2026, 12, 31)
days = [o for o in range(first.toordinal(), last.toordinal() + 200)
        if working(datetime.date.fromordinal(o))]
with open(pairs, "w") as p, open(expected, "w") as e:
    for o in range(first.toordinal(), last.toordinal() + 1):
        date = datetime.date.fromordinal(o).isoformat()
        for n in range(61):
            i = bisect.bisect_left(days, o) if n == 0 else bisect.bisect_right(days, o) + n - 1
            p.write(f"{date} {n}\n")
            e.write(datetime.date.fromordinal(days[i]).isoformat() + "\n")
PY
expect_ok "calendar add for every date of 2024–2026 and N up to 60" sh -c '"$0" --db "$1" calendar add --stdin <"$2" >"$3"' \
	"$GOVNET" "$DB" "$WORK/pairs" "$WORK/got"
total=$(wc -l <"$WORK/expected")
expect_eq "$total" "66856" "1096 dates × 61 counts"
if cmp -s "$WORK/expected" "$WORK/got"; then
	pass
else
	fail "calendar add disagrees with the published schedules: $(paste -d ' ' "$WORK/pairs" "$WORK/expected" "$WORK/got" | awk '$3 != $4 { print $1 " + " $2 ": wanted " $3 ", got " $4 }' | head -3)"
fi

finish
