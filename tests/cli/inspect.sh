#!/bin/sh
# Inspections (Art 22–24, 27–30): plan → inspect → findings → order →
# the department's response → re-check → closed, by the right roles; the
# order's deadline in working days over the 2026 Mid-Autumn and National
# Day holidays; refusals that change nothing; circulars (Art 28–29).
. "${GN_TEST_SRCDIR}/tests/cli/lib.sh"
gn init --demo >/dev/null

at() { when=$1; who=$2; shift 2; GOVNET_NOW=$when GOVNET_LOGIN=$who "$GOVNET" --db "$DB" "$@"; }
json_field() { python3 -c 'import json,sys; v=json.load(sys.stdin); print(v.get(sys.argv[1]) if v.get(sys.argv[1]) is not None else "")' "$1"; }
ids() { python3 -c 'import json,sys; print(" ".join(str(r["id"]) for r in json.load(sys.stdin)))'; }

# ---- a county's own checklist item (Art 30), by that county's office only
before=$(db_snapshot)
expect_fail 1 "another county's office cannot add 东海县's items" as gy_zwb inspect item add --org 东海县 --code wifi-scan --title 无线信号排查
expect_in "$ERR" "超出权限范围" "out of scope"
expect_fail 1 "a county item cannot take a city item's code" as dh_zwb inspect item add --org 东海县 --code dedicated --title x
expect_in "$ERR" "--code" "naming the field"
expect_fail 1 "nor be added for a department" as dh_zwb inspect item add --org 东海县教育局 --code wifi-scan --title x
expect_in "$ERR" "--org" "naming the field"
expect_eq "$(db_snapshot)" "$before" "none of them changed anything"
expect_ok "东海县 adds an item" as dh_zwb inspect item add --org 东海县 --code wifi-scan --title 无线信号排查 --article 东海县属地细则第六条
expect_ok "the county's items" as dh_zwb inspect list --view items --json
expect_in "$OUT" '"code": "wifi-scan"' "are listed"

# ---- plan: by an office or operator, within its county (Art 28)
PLAN="东海县教育局 --date 2026-09-21 --inspector 陈科长 --every 6"
before=$(db_snapshot)
expect_fail 1 "a department cannot plan inspections" at 2026-09-10T10:00:00+08:00 dh_jyj inspect plan $PLAN
expect_in "$ERR" "dept" "naming the role"
expect_fail 1 "an auditor only reads" at 2026-09-10T10:00:00+08:00 shenji inspect plan $PLAN
expect_fail 1 "a county office inspects only its county" at 2026-09-10T10:00:00+08:00 gy_zwb inspect plan $PLAN
expect_in "$ERR" "超出权限范围" "out of scope"
expect_fail 1 "a county is not a department" at 2026-09-10T10:00:00+08:00 dh_zwb inspect plan 东海县 --date 2026-09-21 --inspector x
expect_in "$ERR" "--org" "naming the field"
expect_eq "$(db_snapshot)" "$before" "none of them changed anything"
expect_ok "plan" at 2026-09-10T10:00:00+08:00 dh_zwb inspect plan $PLAN
A=$OUT
expect_ok "a planned inspection is due" env GOVNET_NOW=2026-09-18T09:00:00+08:00 GOVNET_LOGIN=dh_dsj "$GOVNET" --db "$DB" due --json
expect_in "$OUT" "\"id\": $A" "in govnet due"
expect_in "$OUT" '"due": "2026-09-21"' "on its planned date"

# ---- inspect: the checklist, with the county's own item
expect_fail 1 "another county's operator cannot start it" at 2026-09-22T09:00:00+08:00 gy_dsj inspect start "$A"
expect_ok "the county's operator starts it" at 2026-09-22T09:00:00+08:00 dh_dsj inspect start "$A"
expect_ok "show" gn inspect show "$A"
expect_in "$OUT" "wifi-scan 无线信号排查（东海县属地细则第六条）：待检查" "the county item is on the checklist"
expect_in "$OUT" "no-classified-device 未接入涉密计算机、设备（含存储介质）或网络（Art 27）" "the items cite their articles"

printf 'photo of the terminal\n' > "$WORK/终端照片.jpg"
before=$(db_snapshot)
expect_fail 1 "an unknown checklist item" at 2026-09-22T10:00:00+08:00 dh_dsj inspect check "$A" --item usb-ports --result pass
expect_in "$ERR" "--item" "naming the field"
expect_in "$ERR" "wifi-scan" "and listing the items there are"
expect_fail 1 "a failure needs its severity" at 2026-09-22T10:00:00+08:00 dh_dsj inspect check "$A" --item dedicated --result fail --finding x
expect_in "$ERR" "--severity" "naming the field"
expect_fail 1 "not applicable needs a reason" at 2026-09-22T10:00:00+08:00 dh_dsj inspect check "$A" --item dengbao --result na
expect_in "$ERR" "--reason" "naming the field"
expect_fail 1 "a system is named through the systems plugin, which is not installed" at 2026-09-22T10:00:00+08:00 dh_dsj inspect check "$A" --item dengbao --result pass --system 教育考试系统
expect_in "$ERR" "--system" "naming the field"
expect_fail 1 "a department cannot record results" at 2026-09-22T10:00:00+08:00 dh_jyj inspect check "$A" --item dedicated --result pass
expect_fail 1 "an inspection with items unchecked cannot conclude" at 2026-09-22T10:00:00+08:00 dh_dsj inspect pass "$A"
expect_in "$ERR" "未检查" "saying what is left"
expect_eq "$(db_snapshot)" "$before" "none of them changed anything"

for item in no-internet terminal-protection boundary no-classified-device no-classified-info organisation wifi-scan usb-control; do
	at 2026-09-22T10:00:00+08:00 dh_dsj inspect check "$A" --item $item --result pass >/dev/null || fail "check $item"
done
expect_ok "not applicable, with a reason" at 2026-09-22T10:00:00+08:00 dh_dsj inspect check "$A" --item dengbao --result na --reason 未部署信息系统
expect_ok "a finding with evidence" at 2026-09-22T10:05:00+08:00 dh_dsj inspect check "$A" --item dedicated --result fail --severity serious --finding 财务科终端同时处理互联网邮件 --evidence "$WORK/终端照片.jpg"
expect_ok "show" gn inspect show "$A"
expect_in "$OUT" "终端照片.jpg sha256:$(sha256sum "$WORK/终端照片.jpg" | cut -c1-64)" "the evidence is kept by SHA-256"
expect_in "$OUT" "不适用（未部署信息系统）" "and the reason for not applicable"
expect_ok "findings" as dh_jyj inspect list --view findings --json
expect_in "$OUT" '"severity": "严重"' "the finding is listed with its severity"

# ---- the order: a deadline in working days, bounded
before=$(db_snapshot)
expect_fail 1 "a failed inspection does not pass" at 2026-09-23T10:00:00+08:00 dh_zwb inspect pass "$A"
expect_in "$ERR" "inspect order" "pointing to the order"
expect_fail 1 "a deadline of 0 days" at 2026-09-23T10:00:00+08:00 dh_zwb inspect order "$A" --deadline 0
expect_in "$ERR" "--deadline" "naming the field"
expect_fail 1 "a deadline of 10000 days" at 2026-09-23T10:00:00+08:00 dh_zwb inspect order "$A" --deadline 10000
expect_in "$ERR" "--deadline" "naming the field"
expect_eq "$(db_snapshot)" "$before" "neither changed anything"

# Wednesday 2026-09-23, 5 working days for a serious finding: 24 Sep (1);
# 25–27 Sep are the Mid-Autumn holiday; 28, 29, 30 Sep (2–4); 1–7 Oct are
# National Day; Thursday 8 Oct (5).
expect_ok "order, with the default for a serious finding" at 2026-09-23T10:00:00+08:00 dh_zwb inspect order "$A"
expect_in "$OUT" "整改期限：2026-10-08（5 个工作日，Art 28）" "the deadline counted over the holidays"
expect_eq "$(gn calendar add 2026-09-23 5 2>/dev/null)" "2026-10-08" "as the core's calendar counts it"
expect_eq "$(gn inspect show "$A" --json | json_field order_due)" "2026-10-08" "shown on the inspection"

# ---- who sees the order
expect_ok "the department sees its order" as dh_jyj inspect list --view orders --json --limit 0
expect_in " $(echo "$OUT" | ids) " " $A " "in its own view"
expect_eq "$(as dh_jyj inspect list --json --limit 0 | python3 -c 'import json,sys; print(sorted({r["org"] for r in json.load(sys.stdin)}))')" "['东海县教育局']" "and only its own inspections"
expect_ok "another county's department" as gy_wjw inspect list --view orders --json --limit 0
expect_not_in " $(echo "$OUT" | ids) " " $A " "does not see it"
expect_fail 1 "nor can it open it" as gy_wjw inspect show "$A"
expect_ok "the auditor reads it" as shenji inspect show "$A"

overdue_ids() { GOVNET_NOW=$1 gn inspect list --overdue --json --limit 0 | ids; }
expect_not_in " $(overdue_ids 2026-10-08T18:00:00+08:00) " " $A " "not overdue on its due day"
expect_in " $(overdue_ids 2026-10-09T09:00:00+08:00) " " $A " "overdue the day after"
expect_ok "the department's due list" env GOVNET_NOW=2026-10-09T09:00:00+08:00 GOVNET_LOGIN=dh_jyj "$GOVNET" --db "$DB" due --overdue --mine
expect_in "$OUT" "限期整改" "shows the overdue order"
expect_in "$OUT" "2026-10-08" "with its deadline"

# ---- response, re-check, one extension, closing
before=$(db_snapshot)
expect_fail 1 "the inspector does not respond for the department" at 2026-10-09T10:00:00+08:00 dh_zwb inspect respond "$A" --measures x
expect_fail 1 "a response says what was done" at 2026-10-09T10:00:00+08:00 dh_jyj inspect respond "$A"
expect_in "$ERR" "--measures" "naming the field"
expect_eq "$(db_snapshot)" "$before" "neither changed anything"
printf 'new terminal register\n' > "$WORK/台账.pdf"
expect_ok "the department responds" at 2026-10-09T10:00:00+08:00 dh_jyj inspect respond "$A" --measures 外网终端已专机专用 --evidence "$WORK/台账.pdf"
expect_fail 1 "another county's operator cannot re-check" at 2026-10-09T11:00:00+08:00 gy_dsj inspect close "$A"
expect_fail 1 "an extension needs a reason" at 2026-10-09T11:00:00+08:00 dh_zwb inspect extend "$A" --deadline 3
expect_in "$ERR" "--reason" "naming the field"
# Friday 9 Oct + 3 working days: Saturday 10 Oct is a make-up working day (1), 12, 13 Oct.
expect_ok "re-check fails: extended once" at 2026-10-09T11:00:00+08:00 dh_zwb inspect extend "$A" --deadline 3 --reason 复查仍有一台终端未整改
expect_in "$OUT" "整改期限：2026-10-13" "from today, over the make-up working day"
before=$(db_snapshot)
expect_fail 1 "only once" at 2026-10-10T11:00:00+08:00 dh_zwb inspect extend "$A" --deadline 3 --reason 再延
expect_in "$ERR" "--deadline" "naming the field"
expect_in "$ERR" "一次" "saying why"
expect_eq "$(db_snapshot)" "$before" "nothing changed"
expect_ok "responds again" at 2026-10-12T10:00:00+08:00 dh_jyj inspect respond "$A" --measures 已更换终端
expect_ok "closes" at 2026-10-13T10:00:00+08:00 dh_zwb inspect close "$A"
expect_in "$OUT" "下一次定期检查" "a periodic inspection plans the next"
expect_eq "$(gn inspect show "$A" --json | json_field state)" "closed" "the order is closed"
NEXT=$(gn inspect show "$A" --json | json_field next_inspection)
expect_eq "$(gn inspect show "$NEXT" --json | json_field planned_on)" "2027-03-21" "six months after the last"
expect_ok "due after closing" env GOVNET_NOW=2026-10-14T09:00:00+08:00 "$GOVNET" --db "$DB" due --overdue --json
expect_not_in "$OUT" "\"id\": $A," "the closed order is no longer due"
expect_not_in " $(overdue_ids 2026-10-14T09:00:00+08:00) " " $A " "nor listed as overdue"

# ---- obstruction is recorded on the inspection (Art 29(2))
expect_ok "another plan" at 2026-10-14T10:00:00+08:00 dh_zwb inspect plan 东海县教育局 --date 2026-10-20 --inspector 陈科长
B=$OUT
expect_fail 1 "obstruction needs a reason" at 2026-10-20T10:00:00+08:00 dh_zwb inspect obstruct "$B"
expect_ok "obstructed" at 2026-10-20T10:00:00+08:00 dh_zwb inspect obstruct "$B" --reason 拒绝开放机房

# ---- circulars (Art 28–29)
expect_ok "draft" at 2026-10-21T10:00:00+08:00 dh_zwb inspect circular new --org 东海县 --title 关于东海县教育局拒绝检查的通报
C=$OUT
before=$(db_snapshot)
expect_fail 1 "a circular with no grounds is not issued" at 2026-10-21T10:00:00+08:00 dh_zwb inspect circular issue "$C"
expect_in "$ERR" "未列明任何部门及通报事由（--ground）" "naming the field"
expect_in "$ERR" "；请先运行 govnet inspect circular add $C --dept … --ground … --facts …" "and the step to take first"
expect_fail 1 "a department named without grounds" at 2026-10-21T10:00:00+08:00 dh_zwb inspect circular add "$C" --dept 东海县教育局 --facts x
expect_in "$ERR" "--ground" "naming the field"
expect_fail 1 "obstruction needs the obstructed inspection" at 2026-10-21T10:00:00+08:00 dh_zwb inspect circular add "$C" --dept 东海县教育局 --ground obstruct --facts x --inspection "$A"
expect_in "$ERR" "--inspection" "naming the field"
expect_in "$ERR" "；请先运行 govnet inspect obstruct $A --reason …" "and the step that records the obstruction"
expect_fail 1 "another county's office cannot name 东海县's departments" at 2026-10-21T10:00:00+08:00 gy_zwb inspect circular add "$C" --dept 东海县教育局 --ground duty --facts x
expect_fail 1 "the city's office does not issue a county's circular" at 2026-10-21T10:00:00+08:00 zwb inspect circular new --org 东海县 --title x
expect_eq "$(db_snapshot)" "$before" "none of them changed anything"
expect_ok "name the department" at 2026-10-21T10:00:00+08:00 dh_zwb inspect circular add "$C" --dept 东海县教育局 --ground obstruct --facts 检查组到场后拒绝开放机房 --inspection "$B"
expect_ok "and for its order" at 2026-10-21T10:00:00+08:00 dh_zwb inspect circular add "$C" --dept 东海县教育局 --ground duty --facts 外网终端未专机专用 --inspection "$A"
before=$(db_snapshot)
expect_fail 1 "facts with a control character are refused at the edge" at 2026-10-21T10:00:00+08:00 dh_zwb inspect circular add "$C" --dept 东海县教育局 --ground incident --facts "$(printf '终端感染勒索病毒\033[2J')"
expect_in "$ERR" "（--facts）含有控制字符" "naming the field"
expect_eq "$(db_snapshot)" "$before" "and changing nothing"
expect_ok "the same facts without it" at 2026-10-21T10:00:00+08:00 dh_zwb inspect circular add "$C" --dept 东海县教育局 --ground incident --facts 终端感染勒索病毒
expect_ok "issue" at 2026-10-22T10:00:00+08:00 dh_zwb inspect circular issue "$C"
expect_ok "the text" as dh_zwb inspect circular "$C"
printf '%s\n' "$OUT" > "$WORK/circular.txt"
expect_in "$(cat "$WORK/circular.txt")" "东海县政外通〔2026〕1号" "numbered per county and year"
expect_in "$OUT" "东海县教育局：拒绝或阻碍依法依规实施的监督检查（Art 29(2)）" "names the department and the ground"
expect_in "$OUT" "于 2026-10-13 前完成整改" "and the order it must fulfil, as extended"
expect_in "$OUT" "2026-10-22" "dated"
expect_in "$OUT" "终端感染勒索病毒" "the facts are kept"
expect_not_in "$OUT" "$(printf '\033')" "but no control character reaches the terminal"
expect_ok "as RTF for WPS and Word" as shenji inspect circular "$C" --format rtf
expect_in "$OUT" '{\rtf1' "an RTF document"
expect_not_in "$OUT" "$(printf '\033')" "with no control character"
decoded=$(printf '%s' "$OUT" | python3 -c '
import re, sys
rtf = sys.stdin.read()
text = re.sub(r"\\u(-?[0-9]+)\?", lambda m: chr(int(m.group(1)) % 65536), rtf)
print(re.sub(r"\\(par|pard|qc|ql)\b ?", "", text))')
expect_in "$decoded" "东海县政外通〔2026〕1号" "whose text reads as the circular"
expect_in "$decoded" "东海县教育局：拒绝或阻碍依法依规实施的监督检查（Art 29(2)）" "every line of it"
before=$(db_snapshot)
expect_fail 1 "an issued circular is immutable" at 2026-10-23T10:00:00+08:00 dh_zwb inspect circular add "$C" --dept 东海县教育局 --ground duty --facts x
expect_in "$ERR" "已签发" "saying so"
expect_fail 1 "and is not issued twice" at 2026-10-23T10:00:00+08:00 dh_zwb inspect circular issue "$C"
expect_fail 19 "even to the store itself (SQLITE_CONSTRAINT)" sqlite3 "$DB" "UPDATE inspect_circular SET title = 'x' WHERE id = $C"
expect_eq "$(db_snapshot)" "$before" "nothing changed"
expect_ok "the audit has the issue" gn audit list --json --limit 0
expect_in "$OUT" "circular issue" "audited"

# ---- --out writes the circular with the user's own rights: 0644, never
# over an existing file unless --force, never through a symbolic link
expect_ok "written to a file" as dh_zwb inspect circular print "$C" --out "$WORK/通报.txt"
expect_in "$OUT" "通报已写入" "saying where"
expect_eq "$(cat "$WORK/通报.txt")" "$(cat "$WORK/circular.txt")" "the same document as on the screen"
expect_eq "$(stat -c %a "$WORK/通报.txt")" "644" "readable by all, as a letter to send"
printf 'kept\n' > "$WORK/kept.txt"
before=$(db_snapshot)
expect_fail 1 "an existing file is refused" as dh_zwb inspect circular print "$C" --out "$WORK/kept.txt"
expect_in "$ERR" "--out" "naming the field"
expect_in "$ERR" "--force" "and the way to overwrite"
expect_eq "$(cat "$WORK/kept.txt")" "kept" "the file is untouched"
ln -s "$WORK/kept.txt" "$WORK/link.txt"
expect_fail 1 "a symbolic link is not followed, even with --force" as dh_zwb inspect circular print "$C" --out "$WORK/link.txt" --force
expect_eq "$(cat "$WORK/kept.txt")" "kept" "the file it points to is untouched"
expect_fail 1 "a directory the user cannot write" as dh_zwb inspect circular print "$C" --out /proc/通报.txt
expect_in "$ERR" "--out" "naming the field"
expect_eq "$(db_snapshot)" "$before" "none of them changed the store"
expect_ok "--force overwrites" as dh_zwb inspect circular print "$C" --out "$WORK/kept.txt" --force --format rtf
expect_in "$(cat "$WORK/kept.txt")" '{\rtf1' "with the RTF document"
expect_eq "$(stat -c %a "$WORK/kept.txt")" "644" "readable by all"

expect_ok "the audit chain verifies after all of it" gn audit verify
expect_ok "db check" gn db check
finish
