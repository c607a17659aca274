#!/bin/sh
# Addresses follow the access node they serve (Art 17–19): a block given
# to a node with --node is released, with everything under it, when the
# node's request is revoked — inside the revocation's own transaction, so
# a block a domain record still points into refuses the revocation, which
# then changes nothing.
. "${GN_TEST_SRCDIR}/tests/cli/lib.sh"
gn init --demo >/dev/null

json_field() { python3 -c 'import json,sys; v=json.load(sys.stdin); print(v.get(sys.argv[1]) if v.get(sys.argv[1]) is not None else "")' "$1"; }
cidrs() { python3 -c 'import json,sys; print(" ".join(r["cidr"] for r in json.load(sys.stdin)))'; }
node_of() { sqlite3 "$DB" "SELECT id FROM node WHERE request_id = $1"; }

NEW="--org 东海县教育局 --reason 新建实验楼接入 --scope 实验楼全部楼层 --location 实验楼一层机房 --traffic 300 --tech 双链路，边界防火墙"

# An implemented request of 东海县教育局: its node.
implemented() {
	local id
	id=$(as dh_jyj access new $NEW) &&
	as dh_jyj access submit "$id" >/dev/null &&
	as dh_zwb access approve "$id" >/dev/null &&
	as dh_dsj access plan "$id" --plan 裸纤接入汇聚节点 >/dev/null &&
	as dh_dsj access implement "$id" >/dev/null &&
	echo "$id"
}

# ---- the demo: 市公安局's traffic command centre has a segment of its own
expect_ok "the demo's node segment" gn ip show 10.32.10.0/24 --json
expect_eq "$(echo "$OUT" | json_field node)" "1" "serves the access demo's first node"

# ---- a block records the node it serves
A=$(implemented)
expect_in "$A" "" "a request is implemented"
NA=$(node_of "$A")
expect_eq "$(sqlite3 "$DB" "SELECT state FROM node WHERE id = ${NA:-0}")" "active" "its node is active"
expect_ok "the county operator allocates for the node" as dh_dsj ip alloc 10.36.4.0/22 --prefix 26 --org 东海县教育局 --node "$NA" --purpose 实验楼业务网 --json
expect_eq "$(echo "$OUT" | cidrs)" "10.36.4.64/26" "the next free /26"
expect_ok "the department registers a server in it" as dh_jyj ip assign 10.36.4.70/32 --org 东海县教育局 --purpose 实验楼门禁
expect_ok "an interconnect block for the same node" as dh_dsj ip assign 10.36.3.0/30 --org 东海县 --kind interconnect --node "$NA"
expect_ok "show" gn ip show 10.36.4.64/26 --json
expect_eq "$(echo "$OUT" | json_field node)" "$NA" "ip show gives the node"
expect_ok "show the host" gn ip show 10.36.4.70/32 --json
expect_eq "$(echo "$OUT" | json_field node)" "" "a block given no node has none"
expect_ok "list" gn ip list --under 10.36.4.0/22 --json
expect_in "$OUT" "\"node\": $NA" "ip list --json gives the node"
expect_ok "show as text" gn ip show 10.36.4.64/26
expect_eq "$(printf '%s\n' "$OUT" | sed -n "s/^接入节点 *//p")" "$NA" "the text form has the node too, under its label"

# ---- a node that cannot be served changes nothing
before=$(db_snapshot)
expect_fail 1 "a node that does not exist" as dh_dsj ip alloc 10.36.4.0/22 --prefix 28 --org 东海县教育局 --node 9999
expect_in "$ERR" "没有编号为 9999 的接入节点" "names the node"
expect_fail 1 "a node outside the login's scope" as dh_dsj ip alloc 10.36.4.0/22 --prefix 28 --org 东海县教育局 --node 1
expect_in "$ERR" "超出权限范围" "out of scope"
expect_in "$ERR" "市公安局" "naming the node's department"
expect_fail 1 "another department's business addresses" as dh_dsj ip alloc 10.36.12.0/22 --prefix 28 --org 东海县公安局 --node "$NA"
expect_in "$ERR" "Art 19" "business addresses are the department's own"
expect_fail 1 "a node is a number" as dh_dsj ip alloc 10.36.4.0/22 --prefix 28 --org 东海县教育局 --node 一号
expect_in "$ERR" "--node" "naming the field"
expect_eq "$(db_snapshot)" "$before" "none of the refusals changed anything"

# ---- revocation (Art 17) releases the node's blocks, children included
expect_ok "request revocation" as dh_jyj access request-revocation "$A" --reason 实验楼停用
expect_ok "forward" as dh_zwb access forward "$A"
expect_ok "revoke" as dh_dsj access revoke "$A"
expect_in "$OUT" "已撤销" "the request is revoked"
expect_in "$OUT" "已释放网段 10.36.4.64/26" "the operator is told which blocks went"
expect_in "$OUT" "已释放网段 10.36.3.0/30" "each of them"
expect_eq "$(sqlite3 "$DB" "SELECT state FROM node WHERE id = $NA")" "revoked" "the node is revoked"
expect_fail 1 "the block is gone" gn ip show 10.36.4.64/26
expect_in "$ERR" "没有网段" "ip show says so"
expect_fail 1 "the server inside it went with it" gn ip show 10.36.4.70/32
expect_ok "free space" gn ip free 10.36.4.0/22 --json
expect_in " $(echo "$OUT" | cidrs) " " 10.36.4.64/26 " "the /26 is free again"
expect_ok "free space of the county's interconnect block" gn ip free 10.36.0.0/22 --json
expect_eq "$(echo "$OUT" | cidrs)" "10.36.0.0/22" "and the interconnect block: the whole /22 is free again"
expect_ok "list" gn ip list --under 10.36.4.0/22 --json
expect_eq "$(echo "$OUT" | cidrs)" "10.36.4.0/22 10.36.4.0/26 10.36.4.10/32" "blocks of no node stay"
expect_ok "the demo's node segment is untouched" gn ip show 10.32.10.0/24
expect_ok "a new block can take the space" as dh_dsj ip alloc 10.36.4.0/22 --prefix 26 --org 东海县教育局 --json
expect_eq "$(echo "$OUT" | cidrs)" "10.36.4.64/26" "the same /26"
expect_fail 1 "a revoked node cannot be given addresses" as dh_dsj ip alloc 10.36.4.0/22 --prefix 28 --org 东海县教育局 --node "$NA"
expect_in "$ERR" "已撤销" "says the node is revoked"
expect_eq "$(sqlite3 "$DB" "SELECT count(*) FROM audit WHERE component = 'access' AND verb = 'revoke' AND target = 'access_request#$A'")" "1" \
	"one audit entry for the revocation"
expect_ok "the audit chain verifies" gn audit verify

# ---- a domain record in a node's block refuses the revocation
B=$(implemented)
NB=$(node_of "$B")
expect_ok "a block for the second node" as dh_dsj ip alloc 10.36.4.0/22 --prefix 27 --org 东海县教育局 --node "$NB" --json
BLOCK=$(echo "$OUT" | cidrs)
expect_eq "$BLOCK" "10.36.4.128/27" "the next free /27"
expect_ok "a name points into it" as dh_dsj domain add syl.donghai.zwww.lyg.gov.cn --type A --value 10.36.4.130 --org 东海县教育局
expect_ok "request revocation" as dh_jyj access request-revocation "$B" --reason 实验楼停用
expect_ok "forward" as dh_zwb access forward "$B"
before=$(db_snapshot)
expect_fail 1 "the revocation is refused" as dh_dsj access revoke "$B"
expect_in "$ERR" "$BLOCK" "naming the block"
expect_in "$ERR" "syl.donghai.zwww.lyg.gov.cn" "and the record in it"
expect_in "$ERR" "domain remove" "saying what to do"
expect_in "$ERR" "才能撤销接入节点 #$NB（它的网段随之释放，Art 17）" "and what waits for it"
expect_eq "$(db_snapshot)" "$before" "and nothing changed"
expect_ok "the request" gn access show "$B" --json
expect_eq "$(echo "$OUT" | json_field state)" "forwarded" "is still waiting for the operator"
expect_ok "the name is removed" as dh_dsj domain remove syl.donghai.zwww.lyg.gov.cn
expect_ok "then the revocation goes through" as dh_dsj access revoke "$B"
expect_in "$OUT" "已释放网段 $BLOCK" "and releases the block"
expect_fail 1 "the block is gone" gn ip show "$BLOCK"

# ---- a node without addresses is revoked as before
C=$(implemented)
as dh_jyj access request-revocation "$C" --reason 不再需要 >/dev/null
as dh_zwb access forward "$C" >/dev/null
blocks=$(sqlite3 "$DB" "SELECT count(*) FROM ip_block")
expect_ok "revoke a node that has no blocks" as dh_dsj access revoke "$C"
expect_not_in "$OUT" "已释放" "nothing is released"
expect_eq "$(sqlite3 "$DB" "SELECT count(*) FROM ip_block")" "$blocks" "no block changed"
expect_ok "the audit chain verifies" gn audit verify

finish
