#!/bin/sh
# The plugin loader: lists what is loaded; refuses another ABI by name.
. "${GN_TEST_SRCDIR}/tests/cli/lib.sh"
gn init >/dev/null

expect_ok "plugins --json" gn plugins --json
expect_in "$OUT" '"name": "org"' "the core's organisations"
expect_in "$OUT" '"abi": 6' "with the ABI"
expect_in "$OUT" '"schema": 1' "and the schema version"
expect_ok "plugins as a table" gn plugins
expect_in "$OUT" "ABI" "has a header"

mkdir -p "$WORK/plugins"
cp "$GN_TEST_BUILDDIR/tests/fixtures/plugins-badabi/badabi.so" "$WORK/plugins/"
OUT=$(GOVNET_PLUGIN_DIR="$WORK/plugins" "$GOVNET" --db "$DB" plugins 2>"$WORK/err"); rc=$?
ERR=$(cat "$WORK/err")
expect_eq "$rc" "0" "the other components still work"
expect_in "$ERR" "$WORK/plugins/badabi.so" "the refusal names the file"
expect_in "$ERR" "ABI 版本为 1，本程序为 6" "the plugin's ABI and the program's"
expect_in "$ERR" "本程序为 6" "and the program's"
expect_not_in "$OUT" "badabi" "the refused plugin is not listed"

printf 'not an ELF file' > "$WORK/plugins/junk.so"
OUT=$(GOVNET_PLUGIN_DIR="$WORK/plugins" "$GOVNET" --db "$DB" org show 东海县 2>"$WORK/err")
expect_in "$(cat "$WORK/err")" "junk.so" "a broken file is named"
expect_in "$OUT" "320722" "and the rest works"

# ---- the boundary: plugins see govnet/plugin.h and nothing else
HEADER="$GN_TEST_SRCDIR/console/include/govnet/plugin.h"
# (A sanitizer build's runtime adds its own options, __asan_* and the like.)
exported=$(nm -D --defined-only "$GOVNET" | awk '$3 !~ /@/ && $3 !~ /^__(asan|ubsan|lsan|sanitizer)_/ { print $3 }' | sort)
expect_in "$exported" "gn_call_exec" "the binary exports the plugin API"
undeclared=""
for sym in $exported; do
	grep -Eq "[ *]$sym\(" "$HEADER" || undeclared="$undeclared $sym"
done
expect_eq "$undeclared" "" "every symbol the binary exports is declared in plugin.h"
expect_not_in "$exported" "store_run" "the store's own runner is not reachable"
expect_not_in "$exported" "audit_append" "nor the audit chain"

# plugins/ holds plugins and nothing else: each folder builds its own .so
# (the code they share is a library elsewhere, lib/addr).
for dir in "$GN_TEST_SRCDIR"/plugins/*/; do
	name=$(basename "$dir")
	expect_eq "$(grep -c "^plugins_${name}_so_SOURCES =" "$GN_TEST_SRCDIR/Makefile.am")" "1" \
		"plugins/$name is a plugin (Makefile.am builds plugins/$name.so)"
done

# A plugin uses another plugin's tables only through the API: no plugin
# folder's SQL, nor the library they share, reads or writes a table
# another folder creates.
for dir in "$GN_TEST_SRCDIR"/plugins/*/; do
	own=$(grep -ohE "CREATE TABLE [a-z_]+" "$dir"*.c | awk '{ print $3 }' | sort -u)
	for table in $own; do
		users=$(grep -lE "(FROM|JOIN|INTO|UPDATE|TABLE|ON) +$table([^a-z_]|$)" "$GN_TEST_SRCDIR"/plugins/*/*.c \
			"$GN_TEST_SRCDIR"/lib/addr/*.c | grep -v "^$dir" || true)
		expect_eq "$users" "" "$(basename "$dir")'s table $table is used by no other plugin"
	done
done
# ---- a field's help says what to enter, never a command to run: the
# console's forms show the same help.
for dir in "$GN_TEST_SRCDIR"/plugins/*/; do
	plugin=$(basename "$dir")
	gn "$plugin" --help >"$WORK/actions" 2>/dev/null || continue
	sed -n 's/^  \([a-z][a-z ]*[a-z]\)  .*/\1/p' "$WORK/actions" >"$WORK/action-names"
	[ -s "$WORK/action-names" ] && pass || fail "$plugin --help lists its actions"
	while read -r action; do
		# shellcheck disable=SC2086 # an action may be two words
		named=$(gn "$plugin" $action --help 2>&1 | grep '^  --' | grep -E 'govnet |[a-z]+ (list|show|new|add|set)( |$)')
		expect_eq "$named" "" "$plugin $action: no field's help names a command"
	done <"$WORK/action-names"
done

finish
