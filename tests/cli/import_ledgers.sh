#!/bin/sh
# govnet import domain|node: the domain ledger and the access nodes already
# in service, through the same engine as org, filing and ip (all rows or
# none, every error by line and column, roles and scope per row,
# --dry-run).  What a ledger brings in is marked imported and enters as it
# is: no access request, no workflow history, no deadline.
. "${GN_TEST_SRCDIR}/tests/cli/lib.sh"
gn init --demo >/dev/null

# ---- domain records: GB18030 with Chinese headers, as Chinese Excel saves it
python3 - "$WORK" <<'PY'
import codecs, sys
w = sys.argv[1]
rows = ["域名,类型,值,归属组织",
        "www2.donghai.zwww.lyg.gov.cn,A,10.36.4.11,东海县教育局",
        "邮件.donghai.zwww.lyg.gov.cn,CNAME,jyj.donghai.zwww.lyg.gov.cn,东海县教育局",
        "ga.donghai.zwww.lyg.gov.cn,A,10.36.12.5,东海县公安局"]
with codecs.open(w + "/domains.csv", "w", "gb18030") as f:
    f.write("\r\n".join(rows) + "\r\n")
bad = list(rows)
bad[1] = "www2.donghai.zwww.lyg.gov.cn,MX,10.36.4.11,东海县教育局"
bad[3] = "ga.donghai.zwww.lyg.gov.cn,A,10.36.4.12,东海县公安局"
bad.append("jy.guanyun.zwww.lyg.gov.cn,A,10.37.4.5,灌云县教育局")
with codecs.open(w + "/domains-bad.csv", "w", "gb18030") as f:
    f.write("\r\n".join(bad) + "\r\n")
PY
before=$(db_snapshot)
expect_fail 1 "a domain ledger with bad rows imports nothing" as dh_dsj import domain "$WORK/domains-bad.csv"
expect_in "$ERR" "第 2 行，类型 列" "a record type it does not know, by line and column"
expect_in "$ERR" "第 4 行，值 列" "an address outside its owner's blocks, by line and column"
expect_in "$ERR" "第 5 行" "another county's record"
expect_in "$ERR" "超出权限范围" "refused by the importer's scope"
expect_in "$ERR" "有 3 处错误" "every error at once"
expect_eq "$(db_snapshot)" "$before" "nothing changed"
expect_fail 1 "a department imports no domain records" as dh_jyj import domain "$WORK/domains.csv"
expect_in "$ERR" "角色" "its role is refused"

expect_ok "a dry run" as dh_dsj import domain "$WORK/domains.csv" --dry-run
expect_in "$OUT" "3 行均可导入（域名记录，GB18030" "reports what would be imported"
expect_eq "$(db_snapshot)" "$before" "and changes nothing"
expect_ok "the county's operating agency imports its domain ledger" as dh_dsj import domain "$WORK/domains.csv"
expect_in "$OUT" "已导入 3 行" "all three"
sha=$(sha256sum "$WORK/domains.csv" | cut -d' ' -f1)
expect_ok "the records are listed" as dh_dsj domain list --org 东海县 --json --limit 0
marks=$(printf '%s' "$OUT" | python3 -c '
import json, sys
print(" ".join("%s=%s" % (r["name"], r["imported"]) for r in json.load(sys.stdin)))')
expect_in "$marks" "www2.donghai.zwww.lyg.gov.cn=True" "an imported record is marked in the list"
expect_in "$marks" "邮件.donghai.zwww.lyg.gov.cn=True" "a Chinese name too"
expect_in "$marks" "jyj.donghai.zwww.lyg.gov.cn=False" "a record made by hand is not"
expect_ok "show" as dh_dsj domain show www2.donghai.zwww.lyg.gov.cn
expect_in "$OUT" "导入" "show labels the mark"
expect_in "$OUT" "台账 SHA-256 $sha" "naming the ledger it came from"
expect_ok "a record made by hand" as dh_dsj domain show 13
expect_eq "$(printf '%s\n' "$OUT" | sed -n 's/^导入  *//p')" "否" "is not marked imported"
expect_ok "audit" gn audit list --component import --json
expect_in "$OUT" "SHA-256 $sha" "the import is one audit entry with the file's digest"

# ---- access nodes already in service: field names as headers, UTF-8 with a BOM
printf '\357\273\277org,location,bandwidth,since\r\n东海县教育局,县教育局二楼机房,100,2019-05-01\r\n东海县公安局,县公安局三楼机房,200,\r\n' \
	>"$WORK/nodes.csv"
printf 'org,location,bandwidth,since\n东海县教育局,县教育局二楼机房,0,2019-05-01\n东海县公安局,县公安局三楼机房,200,2999-01-01\n灌云县教育局,县教育局机房,100,\n不存在的局,某处,100,\n' \
	>"$WORK/nodes-bad.csv"
nodes=$(sqlite3 "$DB" "SELECT count(*) FROM node")
requests=$(sqlite3 "$DB" "SELECT count(*) FROM access_request")
history=$(sqlite3 "$DB" "SELECT count(*) FROM wf_history")
due_before=$(as dh_dsj due --json)
before=$(db_snapshot)
expect_fail 1 "a node ledger with bad rows imports nothing" as dh_dsj import node "$WORK/nodes-bad.csv"
expect_in "$ERR" "第 2 行，bandwidth 列" "a bandwidth of 0, by line and column"
expect_in "$ERR" "第 3 行，since 列" "a date in service after today"
expect_in "$ERR" "第 4 行" "another county's department"
expect_in "$ERR" "第 5 行，org 列" "an organisation that does not exist"
expect_in "$ERR" "有 4 处错误" "every error at once"
expect_eq "$(db_snapshot)" "$before" "nothing changed"
expect_fail 1 "a department imports no nodes" as dh_jyj import node "$WORK/nodes.csv"
expect_in "$ERR" "角色" "its role is refused"
expect_ok "a dry run" as dh_dsj import node "$WORK/nodes.csv" --dry-run
expect_in "$OUT" "2 行均可导入（在用接入节点" "reports what would be imported"
expect_eq "$(db_snapshot)" "$before" "and changes nothing"

expect_ok "the county's operating agency imports the nodes in service" as dh_dsj import node "$WORK/nodes.csv"
expect_in "$OUT" "已导入 2 行" "both"
expect_eq "$(sqlite3 "$DB" "SELECT count(*) FROM node")" "$((nodes + 2))" "two nodes more"
expect_ok "the nodes list" as dh_dsj access list --view nodes --json --limit 0
got=$(printf '%s' "$OUT" | python3 -c '
import json, sys
for r in json.load(sys.stdin):
    if r["location"] in ("县教育局二楼机房", "县公安局三楼机房"):
        print(r["location"], r["state"], r["origin"], r["request_id"], (r["since"] or "")[:10], bool(r["imported_at"]))')
expect_in "$got" "县教育局二楼机房 active 导入 None 2019-05-01 True" "active, marked imported, in service since the ledger's date, no request"
expect_in "$got" "县公安局三楼机房 active 导入 None" "the second too"
expect_ok "the nodes list as a table" as dh_dsj access list --view nodes
expect_in "$OUT" "来源" "the mark has a column"
expect_eq "$(sqlite3 "$DB" "SELECT count(*) FROM access_request")" "$requests" "no access request was invented for them"
expect_eq "$(sqlite3 "$DB" "SELECT count(*) FROM wf_history")" "$history" "no workflow history"
expect_eq "$(as dh_dsj due --json)" "$due_before" "and no deadline in govnet due"
expect_eq "$(sqlite3 "$DB" "SELECT group_concat(reason, '|') FROM node_event WHERE node_id IN (SELECT id FROM node WHERE imported_at IS NOT NULL)")" \
	"导入：台账登记的在用节点|导入：台账登记的在用节点" "each node's history says it was imported, nothing more"

# An imported node is a node like any other: it takes addresses (Art 19).
N=$(sqlite3 "$DB" "SELECT id FROM node WHERE location = '县教育局二楼机房'")
expect_ok "an address block for the imported node" as dh_dsj ip assign 10.36.4.128/28 --org 东海县教育局 --node "$N"
# The action the ledger runs is an ordinary one, marked the same way.
expect_ok "one node by hand" as dh_dsj access node import --org 东海县财政局 --location 县财政局机房 --bandwidth 50
expect_ok "the nodes list" as dh_dsj access list --view nodes --json --limit 0
expect_in "$OUT" '"location": "县财政局机房"' "the node is there"
expect_eq "$(sqlite3 "$DB" "SELECT imported_at IS NOT NULL FROM node WHERE location = '县财政局机房'")" "1" "marked imported"
n=$(sqlite3 "$DB" "SELECT count(*) FROM audit WHERE component = 'import'")
expect_eq "$n" "2" "one audit entry per import (domain, node)"
expect_ok "audit verify" gn audit verify
finish
