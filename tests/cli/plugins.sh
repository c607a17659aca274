#!/bin/sh
# The plugin loader: lists what is loaded; refuses another ABI by name.
. "${GN_TEST_SRCDIR}/tests/cli/lib.sh"
gn init >/dev/null

expect_ok "plugins --json" gn plugins --json
expect_in "$OUT" '"name": "org"' "the core's organisations"
expect_in "$OUT" '"abi": 2' "with the ABI"
expect_in "$OUT" '"schema": 1' "and the schema version"
expect_ok "plugins as a table" gn plugins
expect_in "$OUT" "ABI" "has a header"

mkdir -p "$WORK/plugins"
cp "$GN_TEST_BUILDDIR/tests/fixtures/plugins-badabi/badabi.so" "$WORK/plugins/"
OUT=$(GOVNET_PLUGIN_DIR="$WORK/plugins" "$GOVNET" --db "$DB" plugins 2>"$WORK/err"); rc=$?
ERR=$(cat "$WORK/err")
expect_eq "$rc" "0" "the other components still work"
expect_in "$ERR" "$WORK/plugins/badabi.so" "the refusal names the file"
expect_in "$ERR" "ABI 版本为 1，本程序为 2" "the plugin's ABI and the program's"
expect_in "$ERR" "本程序为 2" "and the program's"
expect_not_in "$OUT" "badabi" "the refused plugin is not listed"

printf 'not an ELF file' > "$WORK/plugins/junk.so"
OUT=$(GOVNET_PLUGIN_DIR="$WORK/plugins" "$GOVNET" --db "$DB" org show 东海县 2>"$WORK/err")
expect_in "$(cat "$WORK/err")" "junk.so" "a broken file is named"
expect_in "$OUT" "320722" "and the rest works"
finish
