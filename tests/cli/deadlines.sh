#!/bin/sh
# Deadlines that cannot be laundered, provisional dates that say so, and
# county rules that touch only their county's decisions (Art 10, 11, 17,
# 30).  Every expected date is counted by hand from data/holiday-cn, never
# with govnet's own calendar: the counting is shown beside each.
. "${GN_TEST_SRCDIR}/tests/cli/lib.sh"
gn init --demo >/dev/null

at() { when=$1; who=$2; shift 2; GOVNET_NOW=$when GOVNET_LOGIN=$who "$GOVNET" --db "$DB" "$@"; }
json_field() { python3 -c 'import json,sys; v=json.load(sys.stdin); print(v.get(sys.argv[1]) if v.get(sys.argv[1]) is not None else "")' "$1"; }
NEW="--org 东海县教育局 --reason 新建实验楼接入 --scope 实验楼全部楼层 --location 实验楼一层机房 --traffic 300 --tech 双链路"

# ---- a return after the deadline is a missed deadline (Art 11) -----------
# 2026.json: 09-20 (Sun) is a make-up working day; 09-25..27 中秋 and
# 10-01..07 国庆 are off; 10-10 (Sat) is a make-up working day.
expect_ok "a request" at 2026-09-01T09:00:00+08:00 dh_jyj access new $NEW
A=$OUT
expect_ok "submitted on 09-01" at 2026-09-01T10:00:00+08:00 dh_jyj access submit "$A"
# 09-02 03 04 07 08 09 10 11 14 15: the tenth working day is 09-15.
expect_eq "$(gn access show "$A" --json | json_field due)" "2026-09-15" "the review is due 09-15"
# 09-16 17 18 20 21 22 23 24 28 29: returned ten working days late.
expect_ok "returned on 09-29" at 2026-09-29T10:00:00+08:00 dh_zwb access return "$A" --comment 请补充拓扑图
expect_in "$OUT" "逾期 10 个工作日" "the return says the review was missed"
expect_ok "history while returned" gn access show "$A"
expect_in "$OUT" "逾期 10 个工作日" "the history records the miss at the return"
expect_ok "resubmitted on 10-09" at 2026-10-09T09:00:00+08:00 dh_jyj access resubmit "$A"
expect_not_in "$OUT" "余 0 个工作日" "the resumed clock does not start afresh"
expect_in "$OUT" "已逾期 10 个工作日" "it resumes overdue"
# Ten working days back from 10-09: 10-09 08, 09-30 29 28 24 23 22 21 20;
# the deadline lay on the working day before those, 09-18.
expect_eq "$(gn access show "$A" --json | json_field due)" "2026-09-18" "the resumed deadline lies in the past"
ids=$(GOVNET_NOW=2026-10-09T12:00:00+08:00 gn access list --overdue --json --limit 0)
expect_in "$ids" "\"id\": $A" "the resumed request is listed as overdue"
expect_ok "approved the same day" at 2026-10-09T15:00:00+08:00 dh_zwb access approve "$A"
expect_in "$OUT" "逾期 10 个工作日" "the approval is recorded late"
expect_ok "history" gn access show "$A" --json
met=$(printf '%s' "$OUT" | python3 -c 'import json,sys; print(" ".join(h["met"] or "-" for h in json.load(sys.stdin)["history"]))')
expect_eq "$met" "- 逾期 10 个工作日 - 逾期 10 个工作日" "submit, return, resubmit, approve: no step of the late review is recorded as met"
expect_ok "due --late" env GOVNET_NOW=2026-10-09T16:00:00+08:00 "$GOVNET" --db "$DB" due --late --json
expect_in "$OUT" "\"id\": $A" "the late review is counted"

# A return within the deadline is no miss, and the clock resumes with the rest.
expect_ok "another request" at 2026-09-01T10:00:00+08:00 dh_jyj access new $NEW
B=$OUT
at 2026-09-01T10:00:00+08:00 dh_jyj access submit "$B" >/dev/null
expect_ok "returned on 09-15, the last day" at 2026-09-15T10:00:00+08:00 dh_zwb access return "$B" --comment 请补充
expect_not_in "$OUT" "逾期" "on the due day the return is in time"
expect_ok "resubmitted" at 2026-09-16T10:00:00+08:00 dh_jyj access resubmit "$B"
expect_in "$OUT" "余 0 个工作日" "nothing is left of the review"
# 0 working days from 09-16, a working day: 09-16 itself.
expect_eq "$(gn access show "$B" --json | json_field due)" "2026-09-16" "due the day it came back"

# ---- a county rule shortens its county's reviews, not the city's (Art 10, 30)
expect_ok "赣榆区: five-day review" as gy_zwb rules add "$GN_TEST_SRCDIR/lua-scripts/examples/ganyu/review-5days.lua" --org 赣榆区
GNEW="--org 赣榆区卫生健康委员会 --reason 远程会诊 --scope 会诊中心 --location 三楼机房 --traffic 10 --tech 双链路"
expect_ok "a 赣榆区 request" at 2026-09-14T09:00:00+08:00 gy_wjw access new $GNEW
G=$OUT
expect_ok "a cross-level 赣榆区 request" at 2026-09-14T09:00:00+08:00 gy_wjw access new $GNEW --cross-level
X=$OUT
expect_ok "submitted" at 2026-09-14T10:00:00+08:00 gy_wjw access submit "$G"
expect_ok "submitted" at 2026-09-14T10:00:00+08:00 gy_wjw access submit "$X"
# 09-15 16 17 18 20 (Sunday, a make-up day): five working days end 09-20.
expect_eq "$(gn access show "$G" --json | json_field due)" "2026-09-20" "the county's own review takes five working days"
# … 21 22 23 24, (25–27 中秋) 28: ten working days end 09-28.
expect_eq "$(gn access show "$X" --json | json_field due)" "2026-09-28" "the city's review of a cross-level request keeps the statutory ten"

# ---- a deadline in a year whose schedule is not published is provisional
# data/holiday-cn/2027.json is published empty.  2026-12-21 is a Monday:
# 12-22 23 24 25 28 29 30 31 are eight; 2027-01-01 is 元旦, off by law
# even before the schedule; 01-02 and 01-03 a weekend; 01-04 and 01-05.
expect_ok "a request" at 2026-12-21T09:00:00+08:00 dh_jyj access new $NEW
P=$OUT
expect_ok "submitted on 12-21" at 2026-12-21T10:00:00+08:00 dh_jyj access submit "$P"
expect_in "$OUT" "2027-01-05 暂定" "the submission says the date is provisional"
expect_ok "show --json" gn access show "$P" --json
expect_eq "$(printf '%s' "$OUT" | json_field due)" "2027-01-05" "the review is due 2027-01-05, New Year's Day not counted"
expect_in "$OUT" '"provisional": true' "marked provisional in JSON"
expect_ok "show" gn access show "$P"
expect_in "$OUT" "2027-01-05 暂定" "and on screen"
expect_eq "$(printf '%s\n' "$OUT" | grep -c '2027-01-05 暂定')" "2" "both the running deadline and the history's date set"
expect_ok "list" gn access list --state submitted --org 东海县教育局 --limit 0
expect_in "$OUT" "2027-01-05 暂定" "the list marks it"
expect_ok "list --json" gn access list --state submitted --org 东海县教育局 --limit 0 --json
expect_in "$OUT" '"provisional": true' "and so does its JSON"
expect_ok "due" env GOVNET_NOW=2027-01-04T09:00:00+08:00 "$GOVNET" --db "$DB" due --json
expect_in "$OUT" '"provisional": true' "govnet due marks it"
expect_ok "an approval in 2026" at 2026-09-28T10:00:00+08:00 dh_zwb access approve "$B"
expect_ok "show a 2026 deadline" gn access show "$B" --json
expect_in "$OUT" '"provisional": false' "a date within a published year is final"

# The State Council publishes 2027: 元旦 1–3 January, no make-up day.
cat > "$WORK/2027.json" <<'JSON'
{ "year": 2027, "papers": ["http://www.gov.cn/zhengce/content/2027-notice.htm"],
  "days": [ { "name": "元旦", "date": "2027-01-01", "isOffDay": true },
            { "name": "元旦", "date": "2027-01-02", "isOffDay": true },
            { "name": "元旦", "date": "2027-01-03", "isOffDay": true } ] }
JSON
expect_ok "2027 is imported" as dsj calendar import "$WORK/2027.json"
expect_ok "show --json" gn access show "$P" --json
expect_eq "$(printf '%s' "$OUT" | json_field due)" "2027-01-05" "the same date under the published schedule"
expect_in "$OUT" '"provisional": false' "no longer provisional"
expect_ok "show" gn access show "$P"
expect_not_in "$OUT" "暂定" "the mark is gone"

finish
