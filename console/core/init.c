#include "config.h"
#include "init.h"
#include "audit.h"
#include "calendar.h"
#include "clock.h"
#include "identity.h"
#include "modules.h"
#include "org.h"
#include "registry.h"
#include "store.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include "govnet/banned.h"

static int count_orgs(sqlite3 *db, int64_t *n, struct gn_err *err)
{
	*n = 0;
	return store_query_int(db, "SELECT count(*) FROM org", n, err, "") < 0 ? -1 : 0;
}

/* The bootstrap is the one change made before any login exists, so it
 * cannot pass the door's role check; it is audited all the same. */
static int seed(struct gn_ctx *ctx, struct gn_err *err)
{
	char now[CLOCK_ISO_LEN];
	int64_t city;
	json_t *after;
	char *after_text;
	int rc;

	clock_format(ctx->now, now);
	if (org_seed_city(ctx->db, now, err) || org_resolve(ctx->db, ORG_CITY_CODE, &city, err))
		return -1;
	if (store_run(ctx->db, "INSERT INTO login(login, role, org_id, created_at) VALUES (?1, 'admin', ?2, ?3)", err,
		      "tit", ctx->login, city, now))
		return store_error(ctx->db, "登记管理员", err);
	after = json_pack("{s:s, s:s, s:s}", "city", "连云港市", "code", ORG_CITY_CODE, "admin", ctx->login);
	after_text = json_dumps(after, JSON_COMPACT | JSON_SORT_KEYS);
	json_decref(after);
	struct audit_entry e = {
		.at = now, .login = ctx->login, .client = ctx->client, .component = "core",
		.verb = "init", .target = "org#1", .org_id = city, .after = after_text,
		.reason = "初始化：连云港市政务外网（连政办发〔2023〕55号）",
	};
	rc = audit_append(ctx->db, &e, err);
	free(after_text);
	return rc;
}

int init_store(struct gn_ctx *ctx, struct gn_err *err)
{
	int64_t orgs = 0;

	if (identity_init(ctx, err))
		return -1;
	if (store_open(ctx->db_path, STORE_CREATE, &ctx->db, &ctx->read_only, err))
		return -1;
	if (ctx->read_only)
		return err_set(err, GN_REFUSED, "数据库 %s 是只读的，无法初始化", ctx->db_path);
	if (store_schema_version(ctx->db, "core") == 0) {
		struct gn_err ignored = { .status = GN_OK };
		int64_t tables = 0;
		store_query_int(ctx->db, "SELECT count(*) FROM sqlite_schema", &tables, &ignored, "");
		if (tables > 0)
			return err_set(err, GN_REFUSED, "%s 是别的程序的 SQLite 数据库，不是 govnet 的；未作任何更改", ctx->db_path);
	}
	ctx->reg = xcalloc(1, sizeof *ctx->reg);
	registry_load(ctx->reg, registry_plugin_dir());
	if (registry_migrate(ctx->reg, ctx->db, err) || store_begin(ctx->db, err))
		return -1;
	if (count_orgs(ctx->db, &orgs, err))
		goto fail;
	if (orgs > 0) {
		err_set(err, GN_REFUSED, "数据库 %s 已经初始化过（已有 %lld 个组织），未作任何更改", ctx->db_path,
			(long long)orgs);
		goto fail;
	}
	if (seed(ctx, err) || store_commit(ctx->db, err))
		goto fail;
	if (modules_attach(ctx, err))
		return -1;
	/* A new store has the shipped schedules, imported like any other. */
	return identity_load_actor(ctx, err) || calendar_import_shipped(ctx, err) ? -1 : 0;
fail:
	store_rollback(ctx->db);
	return -1;
}
