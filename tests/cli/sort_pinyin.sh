#!/bin/sh
# A list sorted by a Chinese column is in pinyin order, as a Chinese phone
# book lists names (ICU's "zh" collation), not in the order of UTF-8's
# bytes: 东海县 (dōng) 赣榆区 (gàn) 灌南县 灌云县 (guàn) 海州区 (hǎi) 连云区
# (lián), where the bytes put 海州区 second and 赣榆区 fourth.  Numbers
# still sort as numbers, --descending turns the order round, --after
# continues it, and the collation is in the queries only: the sqlite3 shell
# opens the store and its schema names no collation.  Without ICU a sorted
# list is refused with the reason.
. "${GN_TEST_SRCDIR}/tests/cli/lib.sh"
gn init --demo >/dev/null

# names ARGS… — the names govnet org list ARGS… prints, on one line (its
# CSV: a department made without a code has an empty first column).
names() { gn org list "$@" --csv | awk -F, 'NR > 1 { printf "%s%s", sep, $2; sep = " " }'; }

expect_ok "the counties sorted by name" gn org list --kind county --sort name
expect_eq "$(names --kind county --sort name)" "东海县 赣榆区 灌南县 灌云县 海州区 连云区" \
	"in pinyin order, not the bytes' (东海县 海州区 灌南县 灌云县 赣榆区 连云区)"
expect_eq "$(names --kind county --sort name --descending)" "连云区 海州区 灌云县 灌南县 赣榆区 东海县" \
	"--descending is the same order turned round"

# 乡 (xiāng) E4 B9 A1, 交 (jiāo) E4 BA A4, 全 (quán) E5 85 A8: the bytes
# put 乡 first, pinyin last.
for n in 乡 交 全; do
	expect_ok "a department named $n" gn org add "$n" --parent 东海县
done
three() { grep -x -e 乡 -e 交 -e 全 | tr '\n' ' '; }
expect_eq "$(names --kind dept --under 东海县 --sort name | tr ' ' '\n' | three)" "交 全 乡 " \
	"交 before 全 before 乡"
expect_eq "$(gn org list --kind dept --under 东海县 --sort name --json --limit 0 |
	sed -n 's/^ *"name": "\(.*\)",$/\1/p' | three)" "交 全 乡 " "--json lists them in the same order"

# Page by page with --after: the pages joined are the whole list.
whole=$(names --kind dept --under 东海县 --sort name --limit 0)
pages="" after=""
while :; do
	expect_ok "a page of five" gn org list --kind dept --under 东海县 --sort name --limit 5 ${after:+--after "$after"}
	page=$(printf '%s\n' "$OUT" | awk 'NR > 1 && !/^（/ { printf "%s%s", sep, $(NF - 3); sep = " " }')
	[ -z "$page" ] && break
	pages="${pages:+$pages }$page"
	after=$(printf '%s\n' "$OUT" | awk 'NR > 1 && !/^（/ { id = $NF } END { print id }')
	case "$ERR$OUT" in *"--after"*) ;; *) break ;; esac
done
expect_eq "$pages" "$whole" "the pages --after continues are the whole list in pinyin order"

# Numbers compare as numbers: 600 before 1000 before 2000 (as text, 1000
# would follow 100).
expect_ok "requests sorted by traffic" gn access list --sort traffic --limit 0
expect_in "$(printf '%s\n' "$OUT" | awk 'NR > 1 { printf "%s ", $3 }')" "100 120 150 200 300 300 400 500 600 1000 2000 " \
	"a column of numbers is in numeric order"

# Without ICU's collation a sorted list is refused in words (exit 1), not
# shown in another order, nor a crash: a library under ICU's name that
# lacks its functions stands in for a broken installation.
noicu=$(no_icu_dir)
major=$(pkg-config --modversion icu-uc | cut -d. -f1)
expect_fail 1 "a sorted list without ICU" env LD_LIBRARY_PATH="$noicu" "$GOVNET" --db "$DB" org list --sort name
expect_in "$ERR" "无法按拼音排序：ICU 库 libicui18n.so.$major 缺少函数 ucol_open_$major" "says what is missing"
expect_eq "$OUT" "" "and lists nothing"
expect_ok "a list in number order needs no ICU" env LD_LIBRARY_PATH="$noicu" "$GOVNET" --db "$DB" org list --kind county
expect_in "$OUT" "连云区" "and lists"

# The store needs nothing of govnet to be read.
expect_ok "the sqlite3 shell reads the store" sqlite3 "$DB" "SELECT count(*) FROM org WHERE name = '乡'"
expect_eq "$OUT" "1" "and finds the department"
expect_eq "$(sqlite3 "$DB" "SELECT count(*) FROM sqlite_schema WHERE sql LIKE '%govnet_zh%'")" "0" \
	"the schema names no collation"
finish
