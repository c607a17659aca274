/*
 * test_sortorder.c — the console's order in memory (console/ui/sortorder.h)
 * is listing.c's SQL order with its collation (collate.h): on mixed values
 * (integers and reals, equal numbers of both kinds, numbers as text, NULL
 * and '', Chinese whose pinyin order is not its bytes' order, Latin, long
 * texts equal in their first bytes and equal whole, texts the collation
 * finds equal though their bytes differ, a blob) the ids come in the same
 * order, ascending and descending, read in one piece or in many (whose
 * runs are then merged); a run of thousands of distinct long texts with
 * one prefix is refined in many steps.
 */
#include "config.h"
#include "../unit/unit.h"
#include "console/core/collate.h"
#include "console/core/listing.h"
#include "console/ui/sortorder.h"

#include <stdlib.h>
#include <string.h>
#include "govnet/banned.h"

static const char *const values[] = {
	"NULL", "''", "0", "-1", "2", "2.0", "1.5", "-0.5", "1e300", "-1e300", "9007199254740993",
	"9007199254740992.0", "9223372036854775807", "-9223372036854775808", "'10'", "'9'", "'2'", "' '",
	"'a'", "'A'", "'ab'", "'东海县'", "'东海县教育局'", "'连云港市'", "'市公安局'",
	/* 22 bytes and more: equal prefixes, told apart further on or not at all */
	"'连云港市东海县教育局'", "'连云港市东海县教育局甲'", "'连云港市东海县教育局乙'", "'连云港市东海县教'",
	"'xxxxxxxxxxxxxxxxxxxxxxb'", "'xxxxxxxxxxxxxxxxxxxxxxa'", "'xxxxxxxxxxxxxxxxxxxxxx'",
	"'xxxxxxxxxxxxxxxxxxxxx'", "'xxxxxxxxxxxxxxxxxxxxxxa' || char(0)", "X'00'", "X''",
	/* Pinyin order is not the bytes' order: 乡 (E4 B9 A1) < 交 (E4 BA A4) <
	 * 全 (E5 85 A8) in bytes, 交 < 全 < 乡 in pinyin. */
	"'乡'", "'交'", "'全'", "'东海'", "'赣榆'", "'灌云'", "'灌南'", "'连云区'", "'海州区'", "'B'", "'b'", "'z'",
	"'连云港市海州区行政审批局甲'", "'连云港市海州区行政审批局乙'",
	/* Equal to the collation, not in their bytes (é composed and not). */
	"'é'", "'e' || char(769)", "'xxxxxxxxxxxxxxxxxxxxxxé'", "'xxxxxxxxxxxxxxxxxxxxxxe' || char(769)",
};
#define NVALUES (sizeof values / sizeof values[0])
#define NROWS 400
/* Distinct long texts with one prefix, for the refinement in steps. */
#define NLONG 5000

static const struct gn_column columns[] = { { .name = "v", .label = "值" }, { NULL } };
static const struct gn_view view = {
	.name = "t", .title = "值", .sql = "SELECT id, v, '/1/' AS org_path FROM t", .columns = columns,
};

static const struct gn_view long_view = {
	.name = "t2", .title = "值", .sql = "SELECT id, v, '/1/' AS org_path FROM t2", .columns = columns,
};

/* The ids as listing.c orders them (ORDER BY coalesce(v, '') COLLATE
 * govnet_zh, id), at most max of them. */
static int sql_order(struct gn_ctx *ctx, const struct gn_view *v, int descending, int64_t *ids, int max)
{
	struct listing l = { .view = v, .sort = "v", .descending = descending };
	struct gn_err err = { .status = GN_OK };
	sqlite3_stmt *st;
	int n = 0;

	if (listing_prepare(ctx, &l, &st, &err))
		return -1;
	while (sqlite3_step(st) == SQLITE_ROW && n < max)
		ids[n++] = sqlite3_column_int64(st, 1);
	sqlite3_finalize(st);
	return n;
}

/* Build the order in memory in steps of a hundredth of a millisecond
 * and compare it with SQLite's; the steps it took while refining. */
static int compare_view(struct gn_ctx *ctx, const struct gn_view *v, int nrows, const char *how)
{
	int64_t *asc = calloc((size_t)nrows, sizeof *asc), *desc = calloc((size_t)nrows, sizeof *desc);
	int n = sql_order(ctx, v, 0, asc, nrows), same = 1, steps = 0, refining = 0;
	struct sortorder *o = sortorder_new(v, 0, 0, 0);

	CHECK(n == nrows && sql_order(ctx, v, 1, desc, nrows) == nrows, "SQLite lists every row");
	while (o->state != SORTORDER_READY && o->state != SORTORDER_FAILED && steps++ < 1000000) {
		refining += o->state == SORTORDER_REFINING;
		sortorder_step(o, ctx, NULL, v, 0.01);
	}
	CHECK(o->state == SORTORDER_READY, how);
	CHECK(o->n == (size_t)nrows, "the order holds every row");
	for (int i = 0; i < n && o->state == SORTORDER_READY; i++)
		if (sortorder_id(o, i, 0) != asc[i] || sortorder_id(o, i, 1) != desc[i]) {
			fprintf(stderr, "position %d: SQL %lld/%lld, memory %lld/%lld\n", i, (long long)asc[i],
				(long long)desc[i], (long long)sortorder_id(o, i, 0), (long long)sortorder_id(o, i, 1));
			same = 0;
			break;
		}
	CHECK(same, "the order in memory is listing.c's, ascending and descending");
	CHECK(sortorder_find(o, asc[7], 0) == 7 && sortorder_find(o, asc[7], 1) == nrows - 8,
	      "a record's position is found in either direction");
	sortorder_free(o);
	free(asc);
	free(desc);
	return refining;
}

static void compare(struct gn_ctx *ctx, const char *how)
{
	compare_view(ctx, &view, NROWS, how);
}

/* The texts of t in the collation's order, distinct, joined by spaces. */
static void collated(sqlite3 *db, const char *where, char *out, size_t size)
{
	char sql[512];
	sqlite3_stmt *st;

	snprintf(sql, sizeof sql, "SELECT group_concat(v, ' ') FROM (SELECT DISTINCT v FROM t WHERE %s"
		 " ORDER BY v COLLATE " COLLATE_NAME ")", where);
	*out = 0;
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW &&
	    sqlite3_column_text(st, 0))
		snprintf(out, size, "%s", (const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
}

int main(void)
{
	struct gn_ctx ctx = { 0 };
	char sql[256];

	CHECK(sqlite3_open(":memory:", &ctx.db) == SQLITE_OK, "a store in memory");
	struct gn_err err = { .status = GN_OK };
	/* A locale ICU has no rules for is refused in words, not a crash or
	 * the root order; the collator of "zh" opens after it. */
	CHECK(collate_open("xx_NOSUCH", &err) == -1 && err.status == GN_REFUSED &&
	      strstr(err.msg, "无法按拼音排序：ICU 没有“xx_NOSUCH”的排序规则"), err.msg);
	CHECK(collate_register(ctx.db, &err) == 0, "the collation is registered on the connection");
	err.status = GN_OK;
	CHECK(collate_ready(&err) == 0, "ICU's collator of zh opens");
	sqlite3_exec(ctx.db, "CREATE TABLE t(id INTEGER PRIMARY KEY, v)", NULL, NULL, NULL);
	/* Each value many times over, in an order unlike the sorted one. */
	for (int i = 1; i <= NROWS; i++) {
		snprintf(sql, sizeof sql, "INSERT INTO t VALUES (%d, %s)", i, values[(i * 7) % NVALUES]);
		CHECK(sqlite3_exec(ctx.db, sql, NULL, NULL, NULL) == SQLITE_OK, values[(i * 7) % NVALUES]);
	}
	ctx.actor.registered = 1;
	ctx.actor.city_wide = 1;
	snprintf(ctx.actor.org_path, sizeof ctx.actor.org_path, "/1/");

	char order[512];
	collated(ctx.db, "v IN ('乡', '交', '全', '东海', '赣榆', '灌云', '灌南', '连云区', '海州区')", order, sizeof order);
	CHECK(strcmp(order, "东海 赣榆 灌南 灌云 海州区 交 连云区 全 乡") == 0, order);
	collated(ctx.db, "v IN ('东海', 'b', 'B', 'z', '10', '9', '')", order, sizeof order);
	CHECK(strcmp(order, " 10 9 东海 b B z") == 0, order);

	compare(&ctx, "built in pieces as wide as the time allows");
	/* Three numbers a piece: 134 runs, merged pass after pass. */
	setenv("GOVNET_COUNT_WIDTH", "3", 1);
	compare(&ctx, "built from many small pieces");

	/* Thousands of distinct texts, one 22-byte prefix: their keys sorted
	 * in chunks and merged, the rows placed, in steps (not one step). */
	sqlite3_exec(ctx.db, "CREATE TABLE t2(id INTEGER PRIMARY KEY, v);"
		     "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 5000)"
		     " INSERT INTO t2 SELECT i, '连云港市海州区行政审批局第' || ((i * 3779) % 5000) || '号' FROM n",
		     NULL, NULL, NULL);
	unsetenv("GOVNET_COUNT_WIDTH");
	int refining = compare_view(&ctx, &long_view, NLONG, "a long run of distinct texts is refined");
	/* Reading their whole texts is ten statements of 500; sorting the
	 * 5000 keys is five chunks and three passes of merging more. */
	CHECK(refining > 15, "the run is refined in many steps, not read and sorted in one");

	/* The comparison itself, on entries made from values. */
	sqlite3_stmt *st;
	struct sort_entry e[4];
	sqlite3_prepare_v2(ctx.db, "VALUES (2), (2.5), ('1'), (X'00')", -1, &st, NULL);
	for (int i = 0; i < 4 && sqlite3_step(st) == SQLITE_ROW; i++)
		sortorder_entry(&e[i], sqlite3_column_value(st, 0), 10 - i);
	sqlite3_finalize(st);
	CHECK(sortorder_cmp(&e[0], &e[1]) < 0, "an integer and a real by value");
	CHECK(sortorder_cmp(&e[1], &e[2]) < 0, "numbers before text, even text of digits");
	CHECK(sortorder_cmp(&e[2], &e[3]) < 0, "text before a blob");
	CHECK(sortorder_cmp(&e[0], &e[0]) == 0, "an entry is equal to itself only");
	sqlite3_close(ctx.db);
	UNIT_DONE();
}
