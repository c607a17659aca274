/*
 * session.c — one run's session on a store: who is acting, the components
 * loaded and migrated, the core modules attached.  Both front ends open
 * their session here.
 */
#include "config.h"
#include "session.h"
#include "identity.h"
#include "modules.h"
#include "registry.h"
#include "store.h"
#include "strbuf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "govnet/banned.h"

int session_open(struct gn_ctx *ctx, const char *db_path, struct gn_err *err)
{
	ctx->db_path = xstrdup(db_path);
	if (identity_init(ctx, err))
		return -1;
	if (store_open(db_path, STORE_OPEN_EXISTING, &ctx->db, &ctx->read_only, err))
		return -1;
	ctx->reg = xcalloc(1, sizeof *ctx->reg);
	registry_load(ctx->reg, registry_plugin_dir());
	if (ctx->reg->problems.len)
		fputs(sb_str(&ctx->reg->problems), stderr);
	if (!ctx->read_only && registry_migrate(ctx->reg, ctx->db, err))
		return -1;
	if (store_schema_version(ctx->db, "core") == 0) {
		err_set(err, GN_REFUSED, "%s 不是 govnet 数据库（没有 govnet 的表）", db_path);
		err_set_next(err, "init", "", 0);
		return -1;
	}
	if (modules_attach(ctx, err))
		return -1;
	return identity_load_actor(ctx, err);
}

void session_close(struct gn_ctx *ctx)
{
	modules_detach(ctx);
	if (ctx->db)
		store_close(ctx->db);
	if (ctx->reg) {
		registry_free(ctx->reg);
		free(ctx->reg);
	}
	free(ctx->db_path);
	memset(ctx, 0, sizeof *ctx);
}

