#!/bin/sh
# The audit chain: every change recorded with who, when, what and why;
# changing any row with the sqlite3 shell makes `audit verify` name it.
. "${GN_TEST_SRCDIR}/tests/cli/lib.sh"
gn init >/dev/null
base=$(sqlite3 "$DB" "SELECT count(*) FROM audit")
SSH_CONNECTION="10.32.1.7 52100 10.32.0.1 22" GOVNET_NOW=2026-11-24T09:30:00+08:00 \
	gn org add 市测试局 --parent 连云港市 --why "演练" >/dev/null
gn org set 市测试局 --name 市演练局 --why 更名 >/dev/null

expect_ok "audit list --json" gn audit list --json
expect_in "$OUT" '"client": "10.32.1.7"' "the SSH client address is recorded"
expect_in "$OUT" '"at": "2026-11-24T09:30:00+08:00"' "the time, with its offset"
expect_in "$OUT" '"reason": "演练"' "the reason given"
rename=$(sqlite3 "$DB" "SELECT id FROM audit WHERE verb = 'set'")
expect_ok "show the rename" gn audit show "$rename" --json
expect_in "$OUT" '市测试局' "the record before"
expect_in "$OUT" '市演练局' "and after"

# What a person reads for a target: the record's kind and its name (as
# it is now) or number; --json keeps the stored table#id beside it.
expect_ok "audit list" gn audit list --component org
expect_in "$OUT" "组织「市演练局」" "the target is the organisation by kind and name"
expect_not_in "$OUT" "org#" "not a table and id"
expect_ok "audit show" gn audit show "$rename"
expect_in "$OUT" "组织「市演练局」" "show names it the same way"
expect_not_in "$OUT" "org#" "and not by table"
expect_ok "audit list --json" gn audit list --component org --json
expect_in "$OUT" '"target": "org#' "--json keeps the stored target"
expect_in "$OUT" '"target_title": "组织「市演练局」"' "with what people read beside it"
expect_in "$OUT" '"component": "org"' "--json keeps the component's code"
expect_in "$OUT" '"component_title": "组织"' "with its title beside it"
expect_in "$OUT" '"verb": "set"' "and the action's code"
expect_in "$OUT" '"verb_title": "修改组织"' "with its title beside it"
expect_ok "audit list of the organisations" gn audit list --component org
expect_in "$OUT" "组织  修改组织" "the table shows the component and the action by their titles"
expect_not_in "$OUT" " set " "not by their codes"
"$GOVNET" --db "$WORK/demo.db" init --demo >/dev/null 2>&1
expect_ok "a record without a name" "$GOVNET" --db "$WORK/demo.db" audit list --component access --limit 20
expect_in "$OUT" "接入申请 #" "is named by kind and number"
expect_not_in "$OUT" "access_request#" "not by table"

expect_ok "an intact chain verifies" gn audit verify
expect_in "$OUT" "共 $((base + 2)) 条" "all entries checked"

for col in reason login after_json at; do
	cp "$DB" "$WORK/copy.db"
	sqlite3 "$WORK/copy.db" "UPDATE audit SET $col = $col || 'x' WHERE id = 2"
	expect_fail 1 "editing $col of entry 2 breaks the chain" "$GOVNET" --db "$WORK/copy.db" audit verify
	expect_in "$ERR" "第 2 条" "and verify names entry 2"
done
cp "$DB" "$WORK/copy.db"
sqlite3 "$WORK/copy.db" "UPDATE audit SET hash = (SELECT hash FROM audit WHERE id = 1) WHERE id = 3"
expect_fail 1 "a forged hash is caught" "$GOVNET" --db "$WORK/copy.db" audit verify
expect_in "$ERR" "第 3 条" "naming entry 3"
expect_fail 19 "the chain refuses deletion (SQLITE_CONSTRAINT)" sqlite3 "$DB" "DELETE FROM audit WHERE id = 2"
# ---- anchors: the tail of the chain, kept outside the store
expect_ok "audit anchor prints the head" gn audit anchor
ANCHOR=$OUT
case "$ANCHOR" in [0-9]*:????????????????????????????????????????????????????????????????) pass ;;
*) fail "the anchor is SEQ:HASH, got: $ANCHOR" ;; esac
expect_ok "the chain matches its anchor" gn audit verify --anchor "$ANCHOR"
expect_in "$OUT" "与所给锚点相符" "and says so"
printf 'Nov 28 09:00:01 jump govnet[123]: audit anchor by zwb: %s\n' "$ANCHOR" >"$WORK/anchors"
expect_ok "anchors read from syslog lines" gn audit verify --anchors "$WORK/anchors"
expect_ok "a change after the anchor" gn org add 锚点后局 --parent 东海县
expect_ok "still matches the older anchor" gn audit verify --anchor "$ANCHOR"
# Whoever can write the store drops the guard and deletes the last entries:
# what remains is a valid chain, and only an anchor tells.
sqlite3 "$DB" "DROP TRIGGER audit_no_delete; DELETE FROM audit WHERE id > ${ANCHOR%%:*} - 3"
expect_ok "without an anchor the shortened chain looks intact" gn audit verify
expect_fail 1 "with one, deleting the last entries is reported" gn audit verify --anchor "$ANCHOR"
expect_in "$ERR" "末尾被删除" "says the tail was deleted"
expect_in "$ERR" "第 ${ANCHOR%%:*} 条" "names the anchored entry"
expect_fail 1 "and from the anchors file" gn audit verify --anchors "$WORK/anchors"
sqlite3 "$DB" "DELETE FROM audit"
expect_fail 1 "so is an emptied table" gn audit verify --anchor "$ANCHOR"
expect_fail 2 "a malformed anchor is a usage error" gn audit verify --anchor 12:abc
finish
