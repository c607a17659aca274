#!/bin/sh
# govnet completion bash: the script is drawn from the descriptions and
# completes nouns, verbs, options, choices and organisation names in bash.
. "${GN_TEST_SRCDIR}/tests/cli/lib.sh"
gn init --demo >/dev/null

expect_ok "the script is printed without a store" "$GOVNET" --db "$WORK/none.db" completion bash
printf '%s\n' "$OUT" >"$WORK/govnet.bash"
expect_ok "bash accepts it" bash -n "$WORK/govnet.bash"
expect_fail 2 "another shell is a usage error" gn completion zsh

# complete WORD… — what bash offers for the last word, as one line.
complete_words() {
	bash -c '. "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _govnet; echo "${COMPREPLY[*]}"' \
		complete "$WORK/govnet.bash" "$@"
}

expect_eq "$(complete_words "$GOVNET" i)" "incident inspect ip init import" "nouns: components, plugins and commands"
expect_eq "$(complete_words "$GOVNET" ip pool "")" "add" "a two-word verb a word at a time"
expect_in "$(complete_words "$GOVNET" access "")" "approve" "a workflow's transitions are verbs"
expect_eq "$(complete_words "$GOVNET" org add 某局 --k)" "--kind" "an action's options, after a positional value"
expect_eq "$(complete_words "$GOVNET" org add 某局 --kind c)" "county" "a field's choices"
expect_eq "$(complete_words "$GOVNET" org list --c)" "--csv" "a list's options"
expect_eq "$(complete_words "$GOVNET" ip list --view "")" "list free" "a list's views"
expect_eq "$(complete_words "$GOVNET" import "")" "org filing ip domain node" "the kinds of ledger import takes"
expect_eq "$(complete_words "$GOVNET" import org x.csv --d)" "--dry-run" "a command's options"
out=$(complete_words "$GOVNET" --db "$DB" access new --org 东海县教)
expect_eq "$out" "东海县教育局" "organisation names, read from the store named by --db"
gn org add 东海县教育考试院 --parent 东海县 >/dev/null
out=$(complete_words "$GOVNET" --db "$DB" access new --org 东海县教)
expect_in "$out" "东海县教育考试院" "and following it as organisations are added"
finish
