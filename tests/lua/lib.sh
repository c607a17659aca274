# tests/lua/lib.sh — what the corpus tests of county rules share (sourced
# after tests/cli/lib.sh): the time in milliseconds, a check that accepts
# one of several stops, and the stop a corpus script declares it expects
# on a line "-- expect: A|B".

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
# cpu_ms FILE CMD… — run CMD (its output and exit status its own) and
# write the processor time it used, user and system, in milliseconds to
# FILE: what a rule's limits bound, and what a loaded machine does not
# stretch as it stretches the wall clock (a process waiting for a core).
# URGENT: what to run a hostile script's command under so that it is not
# left waiting for a core (root may raise a priority, as CI runs the
# tests): the wall-clock limit is a safety net behind the instruction
# budget and the memory cap, and a script tested for those must meet them
# before a busy machine's clock runs out.
URGENT=
if [ "$(id -u)" = 0 ]; then URGENT="nice -n -20"; fi
cpu_ms() {
	local file=$1; shift
	python3 -c 'import resource, subprocess, sys
rc = subprocess.call(sys.argv[2:])
r = resource.getrusage(resource.RUSAGE_CHILDREN)
open(sys.argv[1], "w").write("%d\n" % ((r.ru_utime + r.ru_stime) * 1000))
sys.exit(rc if rc >= 0 else 128 - rc)' "$file" "$@"
}
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
