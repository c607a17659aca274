/*
 * core_org.c — organisations as a component: the command line's
 * `govnet org list|show|add|set` and the console's 组织 tab come from this
 * description (Art 6–8).
 */
#include "config.h"
#include "codes.h"
#include "door.h"
#include "identity.h"
#include "org.h"
#include "registry.h"
#include "store.h"

#include <stdio.h>
#include <string.h>
#include "govnet/banned.h"

/* Where each kind of organisation may stand in the tree (Art 6–8): the
 * county-level divisions and functional zones under the city; a competent
 * authority and an operating agency at city or county level; departments
 * under any level; units under departments. */
static const struct {
	const char *kind;
	const char *parents; /* space-separated kinds */
} org_placement[] = {
	{ "county", "city" },
	{ "zone", "city" },
	{ "authority", "city county zone" },
	{ "agency", "city county zone" },
	{ "dept", "city county zone" },
	{ "unit", "dept unit authority agency" },
};

/* What add and set may make: every kind but the city (made by init). */
#define org_kinds (org_kind_codes + 1)
#define org_kinds_titles (org_kind_titles + 1)

static int placement_allowed(const char *kind, const char *parent_kind)
{
	size_t n = strlen(parent_kind);

	for (size_t i = 0; i < sizeof org_placement / sizeof org_placement[0]; i++) {
		if (strcmp(org_placement[i].kind, kind) != 0)
			continue;
		for (const char *p = org_placement[i].parents; *p;) {
			size_t len = strcspn(p, " ");
			if (len == n && strncmp(p, parent_kind, n) == 0)
				return 1;
			p += len + (p[len] == ' ');
		}
	}
	return 0;
}

static int check_placement(struct gn_call *call, const char *kind, int64_t parent)
{
	struct gn_org p;

	if (gn_call_org(call, parent, &p))
		return -1;
	if (!placement_allowed(kind, p.kind))
		return gn_call_refuse(call, "类型为 %s 的组织不能设在类型为 %s 的上级之下（Art 6–8）", kind, p.kind);
	return 0;
}

static int org_add(struct gn_call *call)
{
	const char *kind = gn_call_arg(call, "kind") ? gn_call_arg(call, "kind") : "dept";
	int64_t parent = call->org_id, id;

	if (check_placement(call, kind, parent))
		return -1;
	if (org_insert(gn_call_db(call), parent, gn_call_arg(call, "code"), gn_call_arg(call, "name"), kind,
		       gn_call_now(call), &id, call->err))
		return -1;
	gn_call_set_id(call, id);
	return 0;
}

static int update_text(struct gn_call *call, const char *column, const char *value)
{
	char sql[128];

	snprintf(sql, sizeof sql, "UPDATE org SET %s = nullif(?1, '') WHERE id = ?2", column);
	if (gn_call_exec(call, sql, "ti", value, call->id) == 0)
		return 0;
	if (sqlite3_extended_errcode(gn_call_db(call)) == SQLITE_CONSTRAINT_UNIQUE)
		return gn_call_refuse(call, "%s \"%s\" 已被其他组织使用", strcmp(column, "code") ? "名称" : "代码", value);
	return gn_call_sqlite_error(call, "修改组织");
}

/* Moving an organisation moves its whole subtree: every path below it is
 * rewritten in one statement. */
static int move_org(struct gn_call *call, const char *parent_key)
{
	struct gn_ctx *ctx = call->ctx;
	struct gn_org to, self;
	int64_t parent;
	char own[32];

	if (org_resolve(ctx->db, parent_key, &parent, call->err) || gn_call_org(call, parent, &to) ||
	    gn_call_org(call, call->id, &self))
		return -1;
	if (!gn_call_in_scope(call, parent))
		return gn_call_refuse(call, "超出权限范围：%s 不在 %s 的范围之内", to.name, ctx->login);
	if (org_within(self.path, to.path))
		return gn_call_refuse(call, "不能把组织移到它自己或它的下级之下");
	if (check_placement(call, self.kind, parent))
		return -1;
	snprintf(own, sizeof own, "%lld/", (long long)call->id);
	if (gn_call_exec(call,
			 "UPDATE org SET path = ?1 || substr(path, length(?2) - length(?3) + 1),"
			 " parent_id = CASE WHEN id = ?4 THEN ?5 ELSE parent_id END"
			 " WHERE substr(path, 1, length(?2)) = ?2",
			 "tttii", to.path, self.path, own, call->id, parent)) {
		if (sqlite3_extended_errcode(ctx->db) == SQLITE_CONSTRAINT_UNIQUE)
			return gn_call_refuse(call, "%s 之下已有同名组织", to.name);
		return gn_call_sqlite_error(call, "移动组织");
	}
	return 0;
}

/* Whether changing an organisation is the city's alone: the county-level
 * divisions and functional zones, and the city's competent authority and
 * operating agency (Art 6–8).  A county office may not rename its county,
 * change its code or make it something else. */
static int city_owned(const struct gn_org *o)
{
	return strcmp(o->kind, "county") == 0 || strcmp(o->kind, "zone") == 0 ||
	       (o->county_id == 0 && (strcmp(o->kind, "authority") == 0 || strcmp(o->kind, "agency") == 0));
}

/* A new kind must still hold what stands under it, as org add would have
 * it: no departments under a department. */
static int check_children(struct gn_call *call, const struct gn_org *self, const char *kind)
{
	sqlite3_stmt *st;
	int rc, bad = 0;

	if (!(st = gn_call_query(call, "SELECT DISTINCT kind FROM org WHERE parent_id = ?1", "i", self->id)))
		return -1;
	while (!bad && (rc = sqlite3_step(st)) == SQLITE_ROW)
		if (!placement_allowed((const char *)sqlite3_column_text(st, 0), kind)) {
			bad = 1;
			gn_call_refuse(call, "%s 之下有类型为 %s 的组织，不能改为 %s（Art 6–8）", self->name,
				       (const char *)sqlite3_column_text(st, 0), kind);
		}
	gn_call_done(call, st);
	return bad ? -1 : 0;
}

static int org_set(struct gn_call *call)
{
	static const char *const columns[] = { "name", "code", "kind" };
	const char *parent = gn_call_arg(call, "parent");
	struct gn_org target;
	int changed = 0;

	if (gn_call_org(call, call->id, &target))
		return -1;
	if (city_owned(&target) && !call->ctx->actor.city_wide)
		return gn_call_refuse(call, "%s（%s）由市级修改：%s 的 %s 不能修改它（Art 6–8）", target.name, target.kind,
				      call->ctx->actor.org_name, role_name(call->ctx->actor.role));
	if (gn_call_arg(call, "kind") && check_children(call, &target, gn_call_arg(call, "kind")))
		return -1;

	for (size_t i = 0; i < sizeof columns / sizeof columns[0]; i++) {
		const char *v = gn_call_arg(call, columns[i]);
		if (!v)
			continue;
		if (strcmp(columns[i], "name") == 0 && !*v)
			return gn_call_refuse(call, "名称不能为空");
		if (org_check_code_name(strcmp(columns[i], "code") ? NULL : v,
					strcmp(columns[i], "name") ? NULL : v, call->err))
			return -1;
		if (update_text(call, columns[i], v))
			return -1;
		changed = 1;
	}
	if (gn_call_arg(call, "kind") && !parent) {
		struct gn_org self;
		if (gn_call_org(call, call->id, &self))
			return -1;
		if (self.parent_id == 0)
			return gn_call_refuse(call, "市级根组织的类型不能修改");
		if (check_placement(call, gn_call_arg(call, "kind"), self.parent_id))
			return -1;
	}
	if (parent) {
		if (move_org(call, parent))
			return -1;
		changed = 1;
	}
	if (!changed)
		return gn_call_refuse(call, "没有要修改的内容：请给出 --name、--code、--kind 或 --parent");
	return 0;
}

static const struct gn_field org_add_fields[] = {
	{ .name = "name", .label = "名称", .type = GN_FIELD_TEXT,
	  .flags = GN_FIELD_REQUIRED | GN_FIELD_POSITIONAL, .max_chars = 100,
	  .help = "组织全称，如 东海县教育局" },
	{ .name = "parent", .label = "上级组织", .type = GN_FIELD_ORG, .flags = GN_FIELD_REQUIRED,
	  .help = "上级的名称或代码" },
	{ .name = "kind", .label = "类型", .type = GN_FIELD_CHOICE, .choices = org_kinds,
	  .choice_titles = org_kinds_titles, .help = "默认 dept（接入部门）" },
	{ .name = "code", .label = "代码", .type = GN_FIELD_TEXT, .max_chars = 32,
	  .help = "行政区划代码或统一社会信用代码" },
	{ NULL },
};

static const struct gn_field org_set_fields[] = {
	{ .name = "id", .label = "组织", .type = GN_FIELD_ORG,
	  .flags = GN_FIELD_REQUIRED | GN_FIELD_POSITIONAL, .max_chars = 100,
	  .help = "名称或代码" },
	{ .name = "name", .label = "名称", .type = GN_FIELD_TEXT, .max_chars = 100 },
	{ .name = "code", .label = "代码", .type = GN_FIELD_TEXT, .max_chars = 32 },
	{ .name = "kind", .label = "类型", .type = GN_FIELD_CHOICE, .choices = org_kinds,
	  .choice_titles = org_kinds_titles },
	{ .name = "parent", .label = "上级组织", .type = GN_FIELD_ORG,
	  .help = "移到此上级之下（连同下级）" },
	{ NULL },
};

static const struct gn_action org_actions[] = {
	{ .verb = "add", .title = "添加组织", .roles = GN_ROLE_ADMIN | GN_ROLE_OFFICE,
	  .fields = org_add_fields, .table = "org", .scope_column = "id", .scope_field = "parent",
	  .run = org_add, .flags = GN_ACTION_CREATES, .article = "Art 6–8" },
	{ .verb = "set", .title = "修改组织", .roles = GN_ROLE_ADMIN | GN_ROLE_OFFICE,
	  .fields = org_set_fields, .table = "org", .scope_column = "id", .run = org_set,
	  .article = "Art 6–8" },
	{ NULL },
};

static const struct gn_column org_columns[] = {
	{ .name = "code", .label = "代码", .width = 10 },
	{ .name = "name", .label = "名称", .width = 28 },
	{ .name = "kind_title", .label = "类型", .width = 9 },
	{ .name = "parent", .label = "上级", .width = 20 },
	{ NULL },
};


static const struct gn_filter org_filters[] = {
	{ .name = "kind", .label = "类型", .type = GN_FIELD_CHOICE, .sql = "kind = ?",
	  .choices = org_kind_codes, .choice_titles = org_kind_titles },
	{ .name = "under", .label = "在此组织之下", .type = GN_FIELD_ORG,
	  .sql = "org_path LIKE ? || '%'" },
	{ NULL },
};

static const struct gn_view org_views[] = {
	{ .name = "list", .title = "组织",
	  .sql = "SELECT o.id, o.code, o.name, o.kind, gn_code_title('org_kind', o.kind) AS kind_title,"
	  " p.name AS parent, o.path AS org_path"
	  " FROM org o LEFT JOIN org p ON p.id = o.parent_id",
	  .columns = org_columns, .filters = org_filters, .scope_table = "org_scope" },
	{ NULL },
};

static const struct gn_record org_record = { .table = "org", .title = "组织",
	  .show_sql = "SELECT o.id, o.code, o.name, o.kind, gn_code_title('org_kind', o.kind) AS kind_title,"
	" p.name AS parent, o.created_at,"
	" (SELECT count(*) FROM org c WHERE c.parent_id = o.id) AS children,"
	" (SELECT count(*) FROM login l WHERE l.org_id = o.id AND l.disabled = 0) AS logins,"
	" o.path AS org_path FROM org o LEFT JOIN org p ON p.id = o.parent_id WHERE o.id = ?1" };

const struct gn_plugin core_org_component = {
	.abi = GN_PLUGIN_ABI,
	.name = "org",
	.title = "组织",
	.version = PACKAGE_VERSION,
	.record = &org_record,
	.views = org_views,
	.actions = org_actions,
};
