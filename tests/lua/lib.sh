# tests/lua/lib.sh — what the corpus tests of county rules share (sourced
# after tests/cli/lib.sh): the time in milliseconds, a check that accepts
# one of several stops, and the stop a corpus script declares it expects
# on a line "-- expect: A|B".

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
# expect_one_of TEXT "A|B" WHAT — TEXT contains A or B (a loop may run out
# of instructions or, on a slow machine, of time first).
expect_one_of() {
	local text=$1 alts=$2 what=$3 alt
	local IFS='|'
	for alt in $alts; do
		case "$text" in *"$alt"*) pass; return ;; esac
	done
	fail "$what: none of \"$alts\" in: $text"
}
expect_of() { sed -n 's/^-- expect: //p' "$1" | head -1; }
