#!/bin/sh
# A rectification order (责令限期整改, Art 28) is a record of its own: its
# number, the inspection and the items it orders put right, the deadline,
# the department's response, one extension with its reason and the
# re-check, listed with `inspect order list` and in the orders view; and
# the orders of a store made when they were fields of the inspection are
# moved into records of their own by the schema, nothing lost.
. "${GN_TEST_SRCDIR}/tests/cli/lib.sh"
gn init --demo >/dev/null

at() { when=$1; who=$2; shift 2; GOVNET_NOW=$when GOVNET_LOGIN=$who "$GOVNET" --db "$DB" "$@"; }
codes() { python3 -c 'import json,sys; print(" ".join(l.split()[0] for l in json.load(sys.stdin)["item"].splitlines()))'; }
# The orders as `order list --json` gives them, one line each, without ids.
orders() { python3 -c '
import json, sys
for r in sorted(json.load(sys.stdin), key=lambda r: r["inspection"]):
    r["state"], r["extended"] = r["state_title"], "已延期" if r["extended"] else ""
    print("|".join(str(r[k]) for k in ("inspection", "org", "items", "days", "due", "state", "extended",
                                       "extension_reason", "measures", "responded_at", "rechecked_at")))'; }

expect_ok "plan" at 2026-09-10T10:00:00+08:00 dh_zwb inspect plan 东海县教育局 --date 2026-09-21 --inspector 陈科长
A=$OUT
at 2026-09-22T09:00:00+08:00 dh_dsj inspect start "$A" >/dev/null
for item in $(gn inspect show "$A" --json | codes); do
	case $item in
	dedicated) at 2026-09-22T10:00:00+08:00 dh_dsj inspect check "$A" --item $item --result fail --severity serious --finding 终端混用 >/dev/null ;;
	boundary) at 2026-09-22T10:00:00+08:00 dh_dsj inspect check "$A" --item $item --result fail --severity minor --finding 未隔离 >/dev/null ;;
	*) at 2026-09-22T10:00:00+08:00 dh_dsj inspect check "$A" --item $item --result pass >/dev/null ;;
	esac || fail "check $item"
done

# Wednesday 2026-09-23 + 5 working days (serious): 24 Sep; 25–27 Mid-Autumn;
# 28, 29, 30 Sep; 1–7 Oct National Day; Thursday 8 Oct.
expect_ok "ordered" at 2026-09-23T10:00:00+08:00 dh_zwb inspect order "$A"
expect_in "$OUT" "整改通知 #" "the order has a number of its own"
N=$(echo "$OUT" | sed -n 's/.*整改通知 #\([0-9]*\).*/\1/p')
expect_ok "listed" as dh_jyj inspect order list 东海县教育局 --json
expect_in "$OUT" "\"id\": $N," "by its number"
expect_eq "$(echo "$OUT" | orders | grep "^$A|")" "$A|东海县教育局|dedicated boundary|5|2026-10-08|限期整改中|||||" \
	"with its inspection, the items it orders put right and its deadline"
expect_fail 1 "another county's department cannot list them" as gy_wjw inspect order list 东海县教育局
expect_in "$ERR" "超出权限范围" "out of scope"
expect_ok "the orders view" as dh_jyj inspect list --view orders --json --limit 0
expect_in "$OUT" "\"order_no\": $N," "lists it by its number"
expect_ok "the inspection shows its order" gn inspect show "$A" --json
expect_in "$OUT" "\"order_no\": $N," "by number"

expect_ok "the department responds" at 2026-10-08T10:00:00+08:00 dh_jyj inspect respond "$A" --measures 终端已专机专用
expect_ok "extended on re-check" at 2026-10-09T10:00:00+08:00 dh_zwb inspect extend "$A" --deadline 3 --reason 隔离设备尚未到货
# Friday 9 Oct + 3: Saturday 10 Oct is a make-up working day; 12, 13 Oct.
expect_eq "$(as dh_jyj inspect order list 东海县教育局 --json | orders | grep "^$A|")" \
	"$A|东海县教育局|dedicated boundary|5|2026-10-13|限期整改中|已延期|隔离设备尚未到货|终端已专机专用|2026-10-08T10:00:00+08:00|" \
	"the response and the extension are the order's"
expect_ok "overdue after its new deadline" env GOVNET_NOW=2026-10-14T09:00:00+08:00 GOVNET_LOGIN=dh_jyj "$GOVNET" --db "$DB" inspect order list 东海县教育局 --overdue --json
expect_in "$OUT" "\"id\": $N," "in the overdue list"
expect_ok "not before" env GOVNET_NOW=2026-10-13T18:00:00+08:00 GOVNET_LOGIN=dh_jyj "$GOVNET" --db "$DB" inspect order list 东海县教育局 --overdue --json
expect_not_in "$OUT" "\"id\": $N," "on its due day"
at 2026-10-13T10:00:00+08:00 dh_jyj inspect respond "$A" --measures 已部署隔离设备 >/dev/null
expect_ok "closed on re-check" at 2026-10-14T10:00:00+08:00 dh_zwb inspect close "$A"
expect_in "$(as dh_jyj inspect order list 东海县教育局 --json | orders | grep "^$A|")" "|整改完成|已延期|隔离设备尚未到货|已部署隔离设备|2026-10-13T10:00:00+08:00|2026-10-14T10:00:00+08:00" \
	"the re-check closes it"

# ---- a store from before: orders as fields of their inspections
kept=$(gn inspect order list 连云港市 --json | orders)
expect_in "$kept" "整改完成" "(the demo's and this test's orders, closed,"
expect_in "$kept" "限期整改中|已延期" "open and extended)"
sqlite3 "$DB" >/dev/null <<'SQL' || fail "could not make the old store"
ALTER TABLE inspect_inspection ADD COLUMN order_days INTEGER CHECK (order_days BETWEEN 1 AND 60);
ALTER TABLE inspect_inspection ADD COLUMN order_due TEXT;
ALTER TABLE inspect_inspection ADD COLUMN extended INTEGER NOT NULL DEFAULT 0 CHECK (extended IN (0, 1));
ALTER TABLE inspect_inspection ADD COLUMN measures TEXT;
ALTER TABLE inspect_inspection ADD COLUMN measures_evidence TEXT;
UPDATE inspect_inspection SET order_days = d.days, order_due = d.due, extended = d.extended, measures = d.measures,
  measures_evidence = d.evidence FROM inspect_order d WHERE d.inspection_id = inspect_inspection.id;
DROP TABLE inspect_order;
UPDATE schema_version SET version = 2 WHERE component = 'inspect';
SQL
# Nor the scope tables its versions 4 and 5 make.
sqlite3 "$DB" "SELECT 'DROP TRIGGER ' || name || ';' FROM sqlite_master WHERE type = 'trigger' AND name GLOB 'inspect_*_scope_*'
	UNION ALL SELECT 'DROP TABLE ' || name || ';' FROM sqlite_master WHERE type = 'table'
	AND (name GLOB 'inspect_*_scope' OR name GLOB 'inspect_*_scope_key')" |
	sqlite3 "$DB" || fail "could not make the old store"
expect_eq "$(sqlite3 "$DB" "SELECT count(*) FROM sqlite_master WHERE name = 'inspect_order'")" "0" "(the old store has no order records)"
expect_ok "the orders after the migration" gn inspect order list 连云港市 --json
expect_eq "$(echo "$OUT" | orders)" "$kept" "are the same orders, each a record"
expect_eq "$(sqlite3 "$DB" "SELECT count(*) FROM pragma_table_info('inspect_inspection') WHERE name IN ('order_due', 'order_days', 'measures')")" "0" \
	"and no longer fields of the inspection"
expect_ok "db check" gn db check
finish
