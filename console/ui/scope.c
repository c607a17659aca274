#include "config.h"
#include "scope.h"
#include "../core/org.h"

#include <stdio.h>
#include <string.h>
#include "govnet/banned.h"

int scope_narrow(struct gn_ctx *ctx, struct ui_scope *s, const char *key, struct gn_err *err)
{
	char path[256], name[256];
	int64_t id;

	if (!key || !*key) {
		s->active = 0;
		return 0;
	}
	if (!ctx->actor.registered)
		return err_set(err, GN_REFUSED, "登录名 %s 未登记，不能查看任何组织", ctx->login);
	if (org_resolve(ctx->db, key, &id, err) || org_lookup(ctx->db, id, path, sizeof path, name, sizeof name, err))
		return -1;
	if (!org_within(ctx->actor.org_path, path))
		return err_set(err, GN_REFUSED, "%s 不在 %s 的范围（%s）之内", name, ctx->login, ctx->actor.org_name);
	if (strcmp(path, ctx->actor.org_path) == 0) {
		s->active = 0; /* the login's own scope: nothing to narrow */
		return 0;
	}
	s->active = 1;
	snprintf(s->path, sizeof s->path, "%s", path);
	snprintf(s->path_end, sizeof s->path_end, "%s", path);
	/* Just past the subtree: the last '/' raised to '0' (as identity.c). */
	s->path_end[strlen(s->path_end) - 1] = '0';
	snprintf(s->name, sizeof s->name, "%s", name);
	return 0;
}

void scope_enter(struct gn_ctx *ctx, struct ui_scope *s)
{
	if (!s || !s->active)
		return;
	s->saved = ctx->actor;
	memcpy(ctx->actor.org_path, s->path, sizeof ctx->actor.org_path);
	memcpy(ctx->actor.org_path_end, s->path_end, sizeof ctx->actor.org_path_end);
	memcpy(ctx->actor.org_name, s->name, sizeof ctx->actor.org_name);
	ctx->actor.city_wide = 0;
}

void scope_leave(struct gn_ctx *ctx, struct ui_scope *s)
{
	if (!s || !s->active)
		return;
	ctx->actor = s->saved;
}
