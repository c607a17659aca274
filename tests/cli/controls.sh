#!/bin/sh
# Control characters never reach a terminal.  A department's request once
# carried escape sequences in its reason: shown in `access list`, it cleared
# the reviewer's screen, set the window title and printed a fake approval.
# They are refused at the edge in every field, and whatever the store holds
# is shown, not obeyed.
. "${GN_TEST_SRCDIR}/tests/cli/lib.sh"
gn init --demo >/dev/null

ESC=$(printf '\033')
fake=$(printf '原因\033[2J\033]0;pwned\007\033[32m已由市政务办批准\033[0m')
NEW="--org 东海县教育局 --scope 实验楼 --location 一层机房 --traffic 300 --tech 双链路"

before=$(db_snapshot)
expect_fail 1 "a reason of several lines with escape sequences" as dh_jyj access new $NEW --reason "$fake"
expect_in "$ERR" "接入理由（--reason）含有控制字符" "names the field and why"
expect_fail 1 "in a one-line field" gn org add "东海县$(printf '\033[2J')局" --parent 东海县
expect_fail 1 "in --why" gn org add 东海县某局 --parent 东海县 --why "$fake"
expect_in "$ERR" "理由（--why）含有控制字符" "names --why"
expect_fail 1 "a C1 control (CSI as U+009B)" gn org add "东海县$(printf '\302\233')2J局" --parent 东海县
expect_fail 1 "in SSH_CONNECTION, which the audit keeps verbatim" \
	env SSH_CONNECTION="$(printf '10.0.0.1\033[2J 22 10.0.0.2 22')" "$GOVNET" --db "$DB" org add 东海县某局 --parent 东海县
expect_in "$ERR" "SSH_CONNECTION" "names it"
expect_eq "$(db_snapshot)" "$before" "and nothing changed"
expect_ok "newlines and tabs stay in a text of several lines" as dh_jyj access new $NEW --reason "$(printf '第一行\n\t第二行')"

# Whatever the store holds (written before this check, or around govnet)
# is shown as ^[ and never sent to the terminal raw.
sqlite3 "$DB" "UPDATE org SET name = '东海县某局' || char(27) || '[2J' || char(27) || ']0;pwned' || char(7) WHERE code = '320722001'"
expect_ok "org list" gn org list --limit 500
expect_not_in "$OUT" "$ESC" "prints no raw escape"
expect_in "$OUT" "东海县某局^[[2J^[]0;pwned^G" "but shows what is there"
expect_ok "org show" gn org show 320722001
expect_not_in "$OUT" "$ESC" "prints no raw escape"
expect_fail 1 "an error that echoes a key" gn org show "$(printf 'x\033]0;pwned\007')"
expect_not_in "$ERR" "$ESC" "prints no raw escape"
expect_ok "audit list" gn audit list --limit 5
expect_not_in "$OUT" "$ESC" "prints no raw escape"
finish
