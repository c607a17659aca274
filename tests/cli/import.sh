#!/bin/sh
# govnet import: ledgers as Excel and WPS save them (UTF-8 with or without
# a BOM, GB18030), all rows or none, every error with its line and column.
. "${GN_TEST_SRCDIR}/tests/cli/lib.sh"
gn init --demo >/dev/null

# ---- 200 departments, saved by Chinese Excel: GB18030, CRLF, Chinese headers
python3 - "$WORK" <<'PY'
import codecs, sys
w = sys.argv[1]
rows = ["名称,上级组织,类型,代码"]
rows += ["东海县导入局%d,东海县,dept,9%08d" % (i, i) for i in range(200)]
rows[5] = '"东海县""数据""局,含逗号",东海县,dept,900000004'
with codecs.open(w + "/depts.csv", "w", "gb18030") as f:
    f.write("\r\n".join(rows) + "\r\n")
# the same with one bad row, after a cell spanning two lines
bad = list(rows)
bad[60] = '"备注\n跨行局",东海县,dept,900000059'
bad[150] = "东海县导入局149,不存在的县,dept,900000149"
with codecs.open(w + "/depts-bad.csv", "w", "gb18030") as f:
    f.write("\r\n".join(bad) + "\r\n")
PY

adds=$(sqlite3 "$DB" "SELECT count(*) FROM audit WHERE component = 'org' AND verb = 'add'")
before=$(db_snapshot)
expect_fail 1 "a ledger with one bad row imports nothing" gn import org "$WORK/depts-bad.csv"
expect_in "$ERR" "第 61 行，名称 列：名称（--name）含有控制字符" "a cell spanning two lines is named by the line it starts on"
expect_in "$ERR" "第 152 行，上级组织 列" "the bad parent is named by line and column, counted past the two-line cell"
expect_in "$ERR" "不存在的县" "with the value that is wrong"
expect_in "$ERR" "有 2 处错误" "every error at once, not only the first"
expect_eq "$(db_snapshot)" "$before" "nothing changed"

expect_ok "a dry run" gn import org "$WORK/depts.csv" --dry-run
expect_in "$OUT" "200 行均可导入" "reports what would be imported"
expect_in "$OUT" "GB18030" "and the encoding it found"
expect_eq "$(db_snapshot)" "$before" "a dry run changes nothing"

expect_ok "the GB18030 ledger of 200 departments imports" gn import org "$WORK/depts.csv"
expect_in "$OUT" "已导入 200 行" "all 200"
expect_ok "they are there" gn org list --under 东海县 --kind dept --limit 0 --json
expect_eq "$(printf '%s' "$OUT" | grep -c '"name": "东海县导入局')" "199" "with their Chinese names"
expect_in "$OUT" '"name": "东海县\"数据\"局,含逗号"' "quotes and commas inside a quoted cell kept"
sha=$(sha256sum "$WORK/depts.csv" | cut -d' ' -f1)
expect_ok "the import is one audit entry" gn audit list --component import --json
expect_in "$OUT" "200 行，SHA-256 $sha" "naming the file's SHA-256 and the row count"
n=$(sqlite3 "$DB" "SELECT count(*) FROM audit WHERE component = 'org' AND verb = 'add'")
expect_eq "$n" "$((adds + 200))" "each row an ordinary, audited org add"
expect_ok "audit verify" gn audit verify

# ---- headers by field name, UTF-8 with a BOM; roles and scope per row
printf '\357\273\277org,leader,unit,person,phone\r\n东海县教育局,张三,信息中心,李四,13800000000\r\n,,,,\r\n' >"$WORK/filing.csv"
expect_ok "a county office imports its county's filings (Art 12)" as dh_zwb import filing "$WORK/filing.csv"
expect_in "$OUT" "已导入 1 行" "a row Excel left as bare commas is skipped"
expect_ok "the filing is there" gn access list --view filings --json --limit 0
expect_in "$OUT" "13800000000" "the responsible person's phone"
printf 'org,leader,unit,person,phone\n东海县公安局,王五,科技科,赵六,13900000000\n赣榆区教育局,张三,信息中心,李四,13800000000\n' >"$WORK/filing2.csv"
before=$(db_snapshot)
expect_fail 1 "but not another county's" as dh_zwb import filing "$WORK/filing2.csv"
expect_in "$ERR" "第 3 行" "the row outside its scope is named"
expect_in "$ERR" "超出权限范围" "and why"
expect_eq "$(db_snapshot)" "$before" "and the row inside its scope is not imported either"
expect_fail 1 "a department may not import organisations" as dh_jyj import org "$WORK/depts.csv"
expect_in "$ERR" "角色" "the role is refused per row"

# ---- headers the file gets wrong
printf '名称,上级,类型\nx,东海县,dept\n' >"$WORK/head.csv"
expect_fail 1 "an unknown header is refused" gn import org "$WORK/head.csv"
expect_in "$ERR" "第 1 行，第 2 列：不认识的列名" "naming its line and column"
expect_in "$ERR" "上级组织（parent）" "and the headers it may use"
printf '名称,上级组织\n"未结束,东海县\n' >"$WORK/quote.csv"
expect_fail 1 "an unterminated quote is refused" gn import org "$WORK/quote.csv"
expect_in "$ERR" "第 2 行" "naming the line it starts on"
printf '\377\376x\000\n' >"$WORK/bin.csv"
expect_fail 1 "a file that is not text is refused" gn import org "$WORK/bin.csv"
expect_fail 2 "an unknown kind is a usage error" gn import people "$WORK/depts.csv"
expect_in "$ERR" "org" "listing the kinds"

# ---- an address ledger: a pool and 2000 blocks, in one transaction
python3 - "$WORK" <<'PY'
import sys
rows = ["类别,网段,归属组织,地址类型,用途"]
rows.append("地址池,10.200.0.0/16,东海县,mixed,东海县存量地址")
rows += ["网段,10.200.%d.%d/27,东海县教育局,business,业务%d" % (i // 8, (i % 8) * 32, i) for i in range(2000)]
open(sys.argv[1] + "/ip.csv", "w", encoding="utf-8").write("\n".join(rows) + "\n")
rows[1500] = "网段,10.200.9.0/27,东海县教育局,business,重复"
open(sys.argv[1] + "/ip-bad.csv", "w", encoding="utf-8").write("\n".join(rows) + "\n")
PY
before=$(db_snapshot)
expect_fail 1 "a 2000-row address ledger with one overlapping block imports nothing" gn import ip "$WORK/ip-bad.csv"
expect_in "$ERR" "第 1501 行" "the overlapping block's line"
expect_in "$ERR" "有 1 处错误" "only that one"
expect_eq "$(db_snapshot)" "$before" "nothing changed"
# script(1) gives the import a terminal: the bar redraws in place.
OUT=$(script -qec "\"$GOVNET\" --db \"$DB\" import ip \"$WORK/ip.csv\" --dry-run" /dev/null </dev/null)
expect_in "$OUT" "导入中 ████████████████████ 2001/2001" "a progress bar on a terminal"
expect_not_in "$OUT" "^M" "redrawn with a carriage return, not one shown as ^M"
expect_ok "the 2000-row address ledger imports" gn import ip "$WORK/ip.csv"
expect_in "$OUT" "已导入 2001 行" "the pool and every block"
expect_not_in "$ERR" "导入中" "no progress bar into a pipe"
n=$(sqlite3 "$DB" "SELECT count(*) FROM ip_block WHERE cidr LIKE '10.200.%'")
expect_eq "$n" "2001" "all in the store"
n=$(sqlite3 "$DB" "SELECT count(*) FROM audit WHERE component = 'import'")
expect_eq "$n" "3" "one audit entry per import (org, filing, ip)"

# ---- every list exports as CSV for Excel
expect_ok "org list --csv" gn org list --under 东海县 --csv
expect_eq "$(printf '%s' "$OUT" | head -c 3 | od -An -tx1 | tr -d ' ')" "efbbbf" "starts with a UTF-8 BOM for Excel"
expect_in "$OUT" "$(printf 'code,name,kind,parent,id\n320722,')" "headed by the columns' stable names"
expect_not_in "$OUT" "^M" "lines end as Excel reads them, without a shown control character"
expect_in "$OUT" '"东海县""数据""局,含逗号"' "a cell with quotes and a comma is quoted"
gn org list --under 东海县 --csv >"$WORK/export.csv"
n=$(python3 -c 'import csv,sys; print(len(list(csv.DictReader(open(sys.argv[1], encoding="utf-8-sig")))))' "$WORK/export.csv")
expect_ok "the same list as JSON" gn org list --under 东海县 --json --limit 0
expect_eq "$n" "$(printf '%s' "$OUT" | grep -c '"id":')" "every row, not the first 100, read back by a CSV reader"
expect_ok "--limit still limits an export" gn audit list --csv --limit 5
expect_eq "$(printf '%s\n' "$OUT" | wc -l)" "6" "a header and five rows"
expect_ok "a plugin's list exports too" gn ip list --csv --limit 0
expect_in "$OUT" "$(printf 'cidr,parent,org,')" "under its column names"
expect_in "$OUT" "10.200.0.0/16" "with the imported pool"
expect_fail 2 "--csv and --json together are a usage error" gn org list --csv --json
finish
