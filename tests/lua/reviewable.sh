#!/bin/sh
# What a reviewer reads is what runs (Art 30): a script with terminal
# escapes, a stray carriage return or bidirectional controls is refused by
# `rules add` and `rules check`, naming the line; `rules show` never sends
# such a character to the terminal, even of a version stored before.
. "${GN_TEST_SRCDIR}/tests/cli/lib.sh"
gn init --demo >/dev/null

ESC=$(printf '\033')
printf 'function validate(event)\n  if event.actor.login == "dh_zwb" then return true end %s[2K%s[1A-- 仅检查流量\nend\n' "$ESC" "$ESC" \
	> "$WORK/escape.lua"
printf 'function validate(event)\n  -- \342\200\256 } 管理员 {\n  return nil\nend\n' > "$WORK/bidi.lua"
printf 'function validate(event)\n  return true\r-- 仅检查流量\nend\n' > "$WORK/return.lua"
printf 'function validate(event)\r\n  return nil\r\nend\r\n' > "$WORK/crlf.lua"

before=$(db_snapshot)
expect_fail 1 "terminal escapes are refused" as dh_zwb rules add "$WORK/escape.lua" --org 东海县
expect_in "$ERR" "escape.lua 第 2 行含有控制字符 U+001B" "naming the line and the character"
expect_fail 1 "a bidirectional override is refused" as dh_zwb rules add "$WORK/bidi.lua" --org 东海县
expect_in "$ERR" "bidi.lua 第 2 行含有双向文本控制符 U+202E" "naming the line and the character"
expect_fail 1 "a carriage return inside a line is refused" as dh_zwb rules add "$WORK/return.lua" --org 东海县
expect_in "$ERR" "return.lua 第 2 行含有控制字符 U+000D" "naming the line"
expect_eq "$(db_snapshot)" "$before" "nothing was stored"
expect_fail 1 "rules check refuses them too" gn rules check "$WORK/bidi.lua"
expect_in "$OUT$ERR" "U+202E" "saying why"
expect_ok "Windows line ends are fine" as dh_zwb rules add "$WORK/crlf.lua" --org 东海县

# A version stored before such scripts were refused.
sqlite3 "$DB" "INSERT INTO rule_version(rule_id, version, source, sha256, hooks, added_at, added_by)
	SELECT id, 2, CAST(readfile('$WORK/escape.lua') AS TEXT), 'x', 'validate', '2026-01-01T00:00:00+08:00', 'dh_zwb'
	FROM rule WHERE name = 'crlf'; UPDATE rule SET version = 2 WHERE name = 'crlf'"
expect_ok "an old version is shown" gn rules show 东海县/crlf
expect_in "$OUT" 'then return true end <U+001B>[2K<U+001B>[1A-- 仅检查流量' "with its escapes visible"
case "$OUT" in *"$ESC"*) fail "rules show sent an escape to the terminal" ;; *) pass ;; esac
expect_ok "the diff against it" gn rules history 东海县/crlf --diff 1 2
expect_in "$OUT" '+  if event.actor.login == "dh_zwb" then return true end <U+001B>[2K<U+001B>[1A-- 仅检查流量' \
	"shows the added line with its escapes visible"
expect_in "$OUT" "-  return nil" "and the line it replaced"
case "$OUT" in *"$ESC"*) fail "rules history --diff sent an escape to the terminal" ;; *) pass ;; esac
finish
