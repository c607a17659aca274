#!/bin/sh
# Domain names under the extranet's zones (Art 20) and their export as BIND
# master files: every exported zone is loaded by the real named-checkzone.
. "${GN_TEST_SRCDIR}/tests/cli/lib.sh"
GOVNET_NOW=2026-03-02T09:00:00+08:00 gn init --demo >/dev/null

CHECKZONE=$(command -v named-checkzone || echo /usr/bin/named-checkzone)
if [ ! -x "$CHECKZONE" ]; then
	echo "named-checkzone is missing: install bind9-utils" >&2
	exit 1
fi
at() { when=$1; who=$2; shift 2; GOVNET_NOW=$when GOVNET_LOGIN=$who "$GOVNET" --db "$DB" "$@"; }
field() { python3 -c 'import json,sys; v=json.load(sys.stdin); v=v[0] if isinstance(v,list) else v; print(v.get(sys.argv[1]) if v.get(sys.argv[1]) is not None else "")' "$1"; }
zone_records() { python3 -c 'import json,sys; print(next(str(z["records"]) for z in json.load(sys.stdin) if z["name"] == sys.argv[1]))' "$1"; }
zone_names() { gn zone list --limit 0 --json | python3 -c 'import json,sys; print(" ".join(z["name"] for z in json.load(sys.stdin)))'; }

# checkzone WHAT ZONE FILE — named-checkzone loads it.
checkzone() {
	if OUT=$("$CHECKZONE" "$2" "$3" 2>&1); then pass; else fail "$1: named-checkzone $2: $OUT"; fi
}

# ---- the demo's zones and names, every one accepted by named-checkzone
expect_ok "zones" gn zone list
expect_in "$OUT" "zwww.lyg.gov.cn" "the extranet's zone"
expect_in "$OUT" "donghai.zwww.lyg.gov.cn" "a county's subzone"
expect_in "$OUT" "36.10.in-addr.arpa" "a reverse zone"
expect_in "$OUT" "4.0.2.3.8.b.d.0.1.0.0.2.ip6.arpa" "an IPv6 reverse zone"
mkdir "$WORK/zones"
for z in $(zone_names); do
	expect_ok "export $z" gn zone export "$z" --out "$WORK/zones/$z.zone"
	checkzone "the demo's $z" "$z" "$WORK/zones/$z.zone"
done
expect_ok "export to the screen" gn zone export zwww.lyg.gov.cn
expect_in "$OUT" "SOA	ns1.zwww.lyg.gov.cn. hostmaster.zwww.lyg.gov.cn. 20260302" "an SOA with a YYYYMMDDnn serial"
expect_in "$OUT" "donghai.zwww.lyg.gov.cn.	IN	NS	ns1.zwww.lyg.gov.cn." "delegates the county's subzone"
expect_in "$OUT" "xn--zoup46i.zwww.lyg.gov.cn.	IN	CNAME	www.zwww.lyg.gov.cn." "an IDN as punycode"
expect_ok "a reverse zone" gn zone export 36.10.in-addr.arpa
expect_in "$OUT" "10.4.36.10.in-addr.arpa.	IN	PTR	jyj.donghai.zwww.lyg.gov.cn." "PTR of the A record"

# ---- adding names: serial bumped, reverse zone made, named-checkzone happy
serial() { gn zone show "$1" --json | field serial; }
s0=$(serial donghai.zwww.lyg.gov.cn)
expect_eq "$s0" "2026030203" "three changes on 2 March"
expect_ok "the county operator adds a name" at 2026-03-02T10:00:00+08:00 dh_dsj domain add OA.Donghai.zwww.lyg.gov.cn. --type A --value 10.36.4.11 --org 东海县教育局
expect_eq "$(serial donghai.zwww.lyg.gov.cn)" "2026030204" "the serial moves on within the day"
expect_ok "an IPv6 name on the next day" at 2026-03-03T10:00:00+08:00 dh_dsj domain add oa.donghai.zwww.lyg.gov.cn --type AAAA --value 2001:DB8:3204:0100:0:0:0:11 --org 东海县教育局
expect_eq "$(serial donghai.zwww.lyg.gov.cn)" "2026030301" "and starts over on a new day"
expect_ok "show" gn domain show oa.donghai.zwww.lyg.gov.cn/aaaa --json
expect_in "$OUT" '"value": "2001:db8:3204:100::11"' "stored canonical"
expect_ok "a Chinese name" at 2026-03-03T10:00:00+08:00 dh_dsj domain add 招生.donghai.zwww.lyg.gov.cn --type CNAME --value oa.donghai.zwww.lyg.gov.cn --org 东海县教育局
expect_ok "show it" gn domain show 招生.donghai.zwww.lyg.gov.cn --json
expect_in "$OUT" '"ascii_name": "xn--' "stored as punycode"
expect_in "$OUT" '"name": "招生.donghai.zwww.lyg.gov.cn"' "shown in Chinese"
expect_ok "a TXT record with quotes and a backslash" at 2026-03-03T10:00:00+08:00 dh_dsj domain add _dmarc.donghai.zwww.lyg.gov.cn --type TXT --value 'v=DMARC1; p=none; 说明="东海\县"' --org 东海县
expect_ok "a long TXT record" at 2026-03-03T10:00:00+08:00 dh_dsj domain add donghai.zwww.lyg.gov.cn --type TXT --value "$(printf '东海县政务外网%.0s' $(seq 30))" --org 东海县
expect_ok "export the county's zone and its reverse zones" gn zone export donghai.zwww.lyg.gov.cn --dir "$WORK/zones" --json
expect_in "$OUT" "\"file\": \"$WORK/zones/36.10.in-addr.arpa.zone\"" "the IPv4 reverse zone"
expect_in "$OUT" "\"file\": \"$WORK/zones/4.0.2.3.8.b.d.0.1.0.0.2.ip6.arpa.zone\"" "the IPv6 reverse zone"
for z in donghai.zwww.lyg.gov.cn 36.10.in-addr.arpa 4.0.2.3.8.b.d.0.1.0.0.2.ip6.arpa; do
	checkzone "after the additions" "$z" "$WORK/zones/$z.zone"
done
expect_in "$(cat "$WORK/zones/36.10.in-addr.arpa.zone")" "11.4.36.10.in-addr.arpa.	IN	PTR	oa.donghai.zwww.lyg.gov.cn." "the new PTR"
expect_in "$(cat "$WORK/zones/4.0.2.3.8.b.d.0.1.0.0.2.ip6.arpa.zone")" "1.1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.1.0.4.0.2.3.8.b.d.0.1.0.0.2.ip6.arpa.	IN	PTR	oa.donghai" "the IPv6 PTR"
TXT=$("$CHECKZONE" -D donghai.zwww.lyg.gov.cn "$WORK/zones/donghai.zwww.lyg.gov.cn.zone" | grep '_dmarc')
expect_in "$TXT" 'p=none; \' "named-checkzone reads the TXT back"
expect_in "$TXT" '\"' "with its quotes escaped"

# ---- names are checked (LDH, lengths, IDN), and nothing changes
before=$(db_snapshot)
expect_fail 1 "an underscore in an address name" as dh_dsj domain add a_b.donghai.zwww.lyg.gov.cn --type A --value 10.36.4.12 --org 东海县教育局
expect_in "$ERR" "a_b" "names the label"
expect_fail 1 "a hyphen at the start" as dh_dsj domain add -oa.donghai.zwww.lyg.gov.cn --type A --value 10.36.4.12 --org 东海县教育局
expect_in "$ERR" "-oa" "names the label"
expect_fail 1 "a 64-character label" as dh_dsj domain add "$(printf 'a%.0s' $(seq 64)).donghai.zwww.lyg.gov.cn" --type A --value 10.36.4.12 --org 东海县教育局
expect_in "$ERR" "63" "gives the limit"
long=$(printf 'abcdefghi.%.0s' $(seq 25))donghai.zwww.lyg.gov.cn
expect_fail 1 "a name over 253 characters" as dh_dsj domain add "$long" --type A --value 10.36.4.12 --org 东海县教育局
expect_in "$ERR" "253" "gives the limit"
expect_fail 1 "an empty label" as dh_dsj domain add a..donghai.zwww.lyg.gov.cn --type A --value 10.36.4.12 --org 东海县教育局
expect_fail 1 "a bad xn-- label" as dh_dsj domain add xn--zz.donghai.zwww.lyg.gov.cn --type A --value 10.36.4.12 --org 东海县教育局
expect_fail 1 "a name outside every zone" as dsj domain add www.example.com --type A --value 10.32.4.90 --org 市大数据管理中心
expect_in "$ERR" "www.example.com" "names it"

# ---- CNAME stands alone; addresses lie in the owner's blocks
expect_fail 1 "a CNAME where an A record is" as dh_dsj domain add oa.donghai.zwww.lyg.gov.cn --type CNAME --value jyj.donghai.zwww.lyg.gov.cn --org 东海县教育局
expect_in "$ERR" "CNAME" "saying why"
expect_fail 1 "an A record where a CNAME is" as dh_dsj domain add zsbm.donghai.zwww.lyg.gov.cn --type A --value 10.36.4.12 --org 东海县教育局
expect_fail 1 "a CNAME at a zone's apex" as dh_dsj domain add donghai.zwww.lyg.gov.cn --type CNAME --value oa.donghai.zwww.lyg.gov.cn --org 东海县
expect_fail 1 "the same record twice" as dh_dsj domain add oa.donghai.zwww.lyg.gov.cn --type A --value 10.36.4.11 --org 东海县教育局
expect_fail 1 "an address outside the owner's blocks" as dh_dsj domain add gaj.donghai.zwww.lyg.gov.cn --type A --value 10.36.4.12 --org 东海县公安局
expect_in "$ERR" "10.36.4.12" "names the address"
expect_in "$ERR" "东海县公安局" "and the owner"
expect_fail 1 "an address in no block at all" as dh_dsj domain add x.donghai.zwww.lyg.gov.cn --type A --value 10.36.250.1 --org 东海县教育局
expect_fail 1 "an AAAA record with an IPv4 address" as dh_dsj domain add x.donghai.zwww.lyg.gov.cn --type AAAA --value 10.36.4.12 --org 东海县教育局
expect_fail 1 "an A record with no address" as dh_dsj domain add x.donghai.zwww.lyg.gov.cn --type A --value 10.36.4 --org 东海县教育局
expect_fail 1 "a reserved block holds no names" as dsj domain add r.zwww.lyg.gov.cn --type A --value 10.43.0.1 --org 连云港市
expect_fail 1 "nor a department's block a name of the city's" as dsj domain add r.zwww.lyg.gov.cn --type A --value 10.32.8.11 --org 连云港市

# ---- who allocates names (Art 20)
expect_fail 1 "a county operator allocates no name in the city's zone" as dh_dsj domain add dh.zwww.lyg.gov.cn --type A --value 10.36.4.12 --org 东海县教育局
expect_in "$ERR" "Art 20" "citing Art 20"
expect_fail 1 "nor in another county's" as dh_dsj domain add x.ganyu.zwww.lyg.gov.cn --type A --value 10.36.4.12 --org 东海县教育局
expect_fail 1 "a city department's name does not go in a county's zone" as dsj domain add gaj.donghai.zwww.lyg.gov.cn --type A --value 10.32.8.11 --org 市公安局
expect_in "$ERR" "Art 20" "citing Art 20"
expect_fail 1 "a department asks its operator" as dh_jyj domain add y.donghai.zwww.lyg.gov.cn --type A --value 10.36.4.12 --org 东海县教育局
expect_fail 1 "a county registers no zone of its own" as dh_dsj zone add donghai.example --org 东海县
expect_fail 1 "nor a subzone of the city's zone" as dh_dsj zone add dh2.zwww.lyg.gov.cn --org 东海县
expect_fail 1 "a department owns no zone" as dh_dsj zone add jyj2.donghai.zwww.lyg.gov.cn --org 东海县教育局
expect_in "$ERR" "Art 20" "citing Art 20"
expect_eq "$(db_snapshot)" "$before" "no refusal changed anything"

# ---- a name keeps its block: release waits for the names in it
before=$(db_snapshot)
expect_fail 1 "a block with names cannot be released" as dh_jyj ip release 10.36.4.10/32
expect_in "$ERR" "jyj.donghai.zwww.lyg.gov.cn" "naming the record"
expect_in "$ERR" "才能释放" "saying what waits for it"
expect_fail 1 "nor reserved" as dh_jyj ip set 10.36.4.10/32 --state reserved
expect_in "$ERR" "jyj.donghai.zwww.lyg.gov.cn" "naming the record"
expect_in "$ERR" "才能改为预留" "saying what waits for it"
expect_ok "its purpose may change" as dh_jyj ip set 10.36.4.10/32 --purpose 招生系统
before=$(db_snapshot)
expect_fail 1 "a block with names is not released with its parent either" as dh_dsj ip release 10.36.4.0/22 --recursive
expect_in "$ERR" "jyj.donghai.zwww.lyg.gov.cn" "naming the record"
expect_eq "$(db_snapshot)" "$before" "and nothing changed"
expect_ok "remove the name" as dh_dsj domain remove jyj.donghai.zwww.lyg.gov.cn/A
expect_ok "then the block goes" as dh_jyj ip release 10.36.4.10/32
expect_fail 1 "a name with several records needs its type" as dh_dsj domain remove oa.donghai.zwww.lyg.gov.cn
expect_ok "by name and type" as dh_dsj domain remove oa.donghai.zwww.lyg.gov.cn/AAAA
expect_fail 1 "another county's operator removes nothing here" as gy_dsj domain remove oa.donghai.zwww.lyg.gov.cn
expect_ok "the city gives a county department a name in the city's zone" as dsj domain add dhjy.zwww.lyg.gov.cn --type A --value 10.36.4.11 --org 东海县教育局
expect_fail 1 "the county's operator cannot take it back" as dh_dsj domain remove dhjy.zwww.lyg.gov.cn
expect_in "$ERR" "Art 20" "citing Art 20"

# ---- subzones: delegated, with glue for name servers inside them
expect_ok "the county delegates a subzone with its own name servers" as dh_dsj zone add edu.donghai.zwww.lyg.gov.cn --org 东海县 --ns "ns.edu.donghai.zwww.lyg.gov.cn"
expect_fail 1 "its parent cannot be exported while the name server has no address" gn zone export donghai.zwww.lyg.gov.cn
expect_in "$ERR" "ns.edu.donghai.zwww.lyg.gov.cn" "naming the name server"
expect_ok "give the name server an address" as dh_dsj domain add ns.edu.donghai.zwww.lyg.gov.cn --type A --value 10.36.0.53 --org 东海县
expect_ok "export the parent" gn zone export donghai.zwww.lyg.gov.cn --out "$WORK/zones/parent.zone"
expect_in "$(cat "$WORK/zones/parent.zone")" "edu.donghai.zwww.lyg.gov.cn.	IN	NS	ns.edu.donghai.zwww.lyg.gov.cn." "the delegation"
expect_in "$(cat "$WORK/zones/parent.zone")" "ns.edu.donghai.zwww.lyg.gov.cn.	IN	A	10.36.0.53" "and its glue"
checkzone "with a delegation and glue" donghai.zwww.lyg.gov.cn "$WORK/zones/parent.zone"
expect_ok "export the subzone" gn zone export edu.donghai.zwww.lyg.gov.cn --out "$WORK/zones/edu.zone"
checkzone "the subzone" edu.donghai.zwww.lyg.gov.cn "$WORK/zones/edu.zone"
expect_ok "a name under a future subzone" as dh_dsj domain add www.zs.donghai.zwww.lyg.gov.cn --type A --value 10.36.4.12 --org 东海县教育局
expect_ok "the subzone is delegated" as dh_dsj zone add zs.donghai.zwww.lyg.gov.cn --org 东海县
expect_eq "$(gn domain show www.zs.donghai.zwww.lyg.gov.cn --json | field zone)" "zs.donghai.zwww.lyg.gov.cn" "and the name moves into it"
expect_ok "zones with their counts" gn zone list --limit 0 --json
expect_eq "$(echo "$OUT" | zone_records zs.donghai.zwww.lyg.gov.cn)" "1" "the subzone counts the name it took"
for z in $(zone_names); do
	want=$(sqlite3 "$DB" "SELECT count(*) FROM dns_record WHERE zone = '$z' OR rev_zone = '$z'")
	expect_eq "$(echo "$OUT" | zone_records "$z")" "$want" "zone list counts the records of $z"
done
before=$(db_snapshot)
expect_fail 1 "a subzone over a CNAME" as dh_dsj zone add zsbm.donghai.zwww.lyg.gov.cn --org 东海县
expect_in "$ERR" "CNAME" "saying why"
expect_fail 1 "a subzone over another department's names" as dsj zone add gaj.zwww.lyg.gov.cn --org 东海县
expect_eq "$(db_snapshot)" "$before" "no refused subzone changed anything"
expect_ok "export the new subzone" gn zone export zs.donghai.zwww.lyg.gov.cn --out "$WORK/zones/zs.zone"
checkzone "the adopted subzone" zs.donghai.zwww.lyg.gov.cn "$WORK/zones/zs.zone"

# ---- the other roles read
expect_ok "an auditor exports" as shenji zone export zwww.lyg.gov.cn --out "$WORK/zones/a.zone"
checkzone "the auditor's export" zwww.lyg.gov.cn "$WORK/zones/a.zone"
expect_ok "a department lists its names" as dh_jyj domain list --json
expect_in "$OUT" "zsbm.donghai" "its own"
expect_not_in "$OUT" "gaj.zwww" "and only its own"

# ---- a name server inside the zone must have an address
expect_ok "the city adds a third name server" as dsj zone set zwww.lyg.gov.cn --ns "ns1.zwww.lyg.gov.cn ns2.zwww.lyg.gov.cn ns3.zwww.lyg.gov.cn"
expect_fail 1 "the export waits for its address" gn zone export zwww.lyg.gov.cn
expect_in "$ERR" "ns3.zwww.lyg.gov.cn" "naming it"
expect_ok "the audit chain holds" gn audit verify

finish
