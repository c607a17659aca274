/* Keyset paging: every row once, in order (the collation's: Chinese in
 * pinyin order), whatever the sort column holds (NULLs, numbers, Chinese
 * text), and only rows within the reader's scope. */
#include "config.h"
#include "unit.h"
#include "core/clock.h"
#include "core/codes.h"
#include "core/collate.h"
#include "core/ctx.h"
#include "core/identity.h"
#include "core/listing.h"
#include "core/org.h"
#include "core/registry.h"
#include "core/store.h"

#include <stdlib.h>
#include <unistd.h>
#include "govnet/banned.h"

/* Page through org list sorted by column, 3 rows a page; return how many
 * rows were seen, each id once, and whether the keys never went down. */
static int page_all(struct gn_ctx *ctx, const char *column, int *ordered, int *dupes)
{
	const struct gn_view *view = component_view(&core_org_component, "list");
	int seen[512] = { 0 }, count = 0;
	char last[256] = "";
	int64_t after = 0;
	int has_after = 0, more = 1;

	*ordered = 1;
	*dupes = 0;
	while (more) {
		struct listing l = { .view = view, .sort = column, .limit = 3, .has_after = has_after, .after_id = after };
		struct gn_err err;
		sqlite3_stmt *st;
		int n = 0, col = 0;
		if (listing_prepare(ctx, &l, &st, &err))
			return -1;
		for (int i = 0; view->columns[i].name; i++)
			if (strcmp(view->columns[i].name, column) == 0)
				col = i;
		while (sqlite3_step(st) == SQLITE_ROW) {
			int64_t id = sqlite3_column_int64(st, sqlite3_column_count(st) - 2);
			const char *key = (const char *)sqlite3_column_text(st, col);
			if (!key)
				key = "";
			if (collate_compare(key, (int)strlen(key), last, (int)strlen(last)) < 0)
				*ordered = 0;
			snprintf(last, sizeof last, "%s", key);
			if (id > 0 && id < 512 && seen[id]++)
				*dupes = 1;
			after = id;
			n++;
			count++;
		}
		sqlite3_finalize(st);
		has_after = 1;
		more = n == 3;
	}
	return count;
}

int main(void)
{
	char dir[] = "/tmp/gn-listing-XXXXXX", path[80];
	struct gn_ctx ctx = { 0 };
	struct gn_err err;
	struct registry reg;
	int64_t county, id;
	int ordered, dupes;

	CHECK(mkdtemp(dir) != NULL, "a temporary directory");
	snprintf(path, sizeof path, "%s/t.db", dir);
	clock_set_zone("Asia/Shanghai", &err);
	CHECK(store_open(path, STORE_CREATE, &ctx.db, &ctx.read_only, &err) == 0, "a new store");
	/* The org view titles its kinds (modules_attach does this for govnet). */
	CHECK(codes_register_sql(ctx.db, &ctx.now, &err) == 0, "the views' SQL functions");
	registry_load(&reg, "/nonexistent");
	ctx.reg = &reg;
	CHECK(registry_migrate(&reg, ctx.db, &err) == 0, "the schema");
	CHECK(org_seed_city(ctx.db, "2026-01-01T00:00:00+08:00", &err) == 0, "the city");
	org_resolve(ctx.db, "320722", &county, &err);
	for (int i = 0; i < 20; i++) {
		char name[32];
		snprintf(name, sizeof name, "部门%02d", i);
		org_insert(ctx.db, i % 2 ? county : 1, NULL, name, "dept", "2026-01-01T00:00:00+08:00", &id, &err);
	}
	ctx.actor.registered = 1;
	ctx.actor.city_wide = 1;
	snprintf(ctx.actor.org_path, sizeof ctx.actor.org_path, "/1/");

	/* The city has no parent (NULL) and no department a code. */
	CHECK(page_all(&ctx, "parent", &ordered, &dupes) == 33, "paging by a column with NULLs sees every row");
	CHECK(ordered && !dupes, "in order, each once");
	CHECK(page_all(&ctx, "code", &ordered, &dupes) == 33, "paging by code (mostly NULL) sees every row");
	CHECK(!dupes, "each once");
	CHECK(page_all(&ctx, "name", &ordered, &dupes) == 33, "paging by Chinese names sees every row");
	CHECK(ordered && !dupes, "in order, each once");

	/* A county reader sees the county and its departments only. */
	ctx.actor.city_wide = 0;
	org_lookup(ctx.db, county, ctx.actor.org_path, sizeof ctx.actor.org_path, NULL, 0, &err);
	memcpy(ctx.actor.org_path_end, ctx.actor.org_path, sizeof ctx.actor.org_path_end);
	ctx.actor.org_path_end[strlen(ctx.actor.org_path_end) - 1] = '0';
	CHECK(page_all(&ctx, "name", &ordered, &dupes) == 11, "a county reader pages through the county and its 10 departments");

	registry_free(&reg);
	store_close(ctx.db);
	unit_remove_store(dir, path);
	UNIT_DONE();
}
