/*
 * test_sortorder.c — the console's order in memory (console/ui/sortorder.h)
 * is listing.c's SQL order: on mixed values (integers and reals, equal
 * numbers of both kinds, numbers as text, NULL and '', Chinese, long texts
 * equal in their first bytes and equal whole, a blob) the ids come in the
 * same order, ascending and descending, read in one piece or in many
 * (whose runs are then merged).
 */
#include "config.h"
#include "../unit/unit.h"
#include "console/core/listing.h"
#include "console/ui/sortorder.h"

#include <stdlib.h>
#include "govnet/banned.h"

static const char *const values[] = {
	"NULL", "''", "0", "-1", "2", "2.0", "1.5", "-0.5", "1e300", "-1e300", "9007199254740993",
	"9007199254740992.0", "9223372036854775807", "-9223372036854775808", "'10'", "'9'", "'2'", "' '",
	"'a'", "'A'", "'ab'", "'东海县'", "'东海县教育局'", "'连云港市'", "'市公安局'",
	/* 22 bytes and more: equal prefixes, told apart further on or not at all */
	"'连云港市东海县教育局'", "'连云港市东海县教育局甲'", "'连云港市东海县教育局乙'", "'连云港市东海县教'",
	"'xxxxxxxxxxxxxxxxxxxxxxb'", "'xxxxxxxxxxxxxxxxxxxxxxa'", "'xxxxxxxxxxxxxxxxxxxxxx'",
	"'xxxxxxxxxxxxxxxxxxxxx'", "'xxxxxxxxxxxxxxxxxxxxxxa' || char(0)", "X'00'", "X''",
};
#define NVALUES (sizeof values / sizeof values[0])
#define NROWS 400

static const struct gn_column columns[] = { { .name = "v", .label = "值" }, { NULL } };
static const struct gn_view view = {
	.name = "t", .title = "值", .sql = "SELECT id, v, '/1/' AS org_path FROM t", .columns = columns,
};

/* The ids as listing.c orders them (ORDER BY coalesce(v, ''), id). */
static int sql_order(struct gn_ctx *ctx, int descending, int64_t *ids)
{
	struct listing l = { .view = &view, .sort = "v", .descending = descending };
	struct gn_err err = { .status = GN_OK };
	sqlite3_stmt *st;
	int n = 0;

	if (listing_prepare(ctx, &l, &st, &err))
		return -1;
	while (sqlite3_step(st) == SQLITE_ROW && n < NROWS)
		ids[n++] = sqlite3_column_int64(st, 1);
	sqlite3_finalize(st);
	return n;
}

static void compare(struct gn_ctx *ctx, const char *how)
{
	int64_t asc[NROWS], desc[NROWS];
	int n = sql_order(ctx, 0, asc), same = 1, steps = 0;
	struct sortorder *o = sortorder_new(&view, 0, 0, 0);

	CHECK(n == NROWS && sql_order(ctx, 1, desc) == NROWS, "SQLite lists every row");
	while (o->state != SORTORDER_READY && o->state != SORTORDER_FAILED && steps++ < 100000)
		sortorder_step(o, ctx, NULL, &view, 0.01);
	CHECK(o->state == SORTORDER_READY, how);
	CHECK(o->n == NROWS, "the order holds every row");
	for (int i = 0; i < n && o->state == SORTORDER_READY; i++)
		if (sortorder_id(o, i, 0) != asc[i] || sortorder_id(o, i, 1) != desc[i]) {
			fprintf(stderr, "position %d: SQL %lld/%lld, memory %lld/%lld\n", i, (long long)asc[i],
				(long long)desc[i], (long long)sortorder_id(o, i, 0), (long long)sortorder_id(o, i, 1));
			same = 0;
			break;
		}
	CHECK(same, "the order in memory is listing.c's, ascending and descending");
	CHECK(sortorder_find(o, asc[7], 0) == 7 && sortorder_find(o, asc[7], 1) == NROWS - 8,
	      "a record's position is found in either direction");
	sortorder_free(o);
}

int main(void)
{
	struct gn_ctx ctx = { 0 };
	char sql[256];

	CHECK(sqlite3_open(":memory:", &ctx.db) == SQLITE_OK, "a store in memory");
	sqlite3_exec(ctx.db, "CREATE TABLE t(id INTEGER PRIMARY KEY, v)", NULL, NULL, NULL);
	/* Each value many times over, in an order unlike the sorted one. */
	for (int i = 1; i <= NROWS; i++) {
		snprintf(sql, sizeof sql, "INSERT INTO t VALUES (%d, %s)", i, values[(i * 7) % NVALUES]);
		CHECK(sqlite3_exec(ctx.db, sql, NULL, NULL, NULL) == SQLITE_OK, values[(i * 7) % NVALUES]);
	}
	ctx.actor.registered = 1;
	ctx.actor.city_wide = 1;
	snprintf(ctx.actor.org_path, sizeof ctx.actor.org_path, "/1/");

	compare(&ctx, "built in pieces as wide as the time allows");
	/* Three numbers a piece: 134 runs, merged pass after pass. */
	setenv("GOVNET_COUNT_WIDTH", "3", 1);
	compare(&ctx, "built from many small pieces");

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
