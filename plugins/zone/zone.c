/*
 * zone.c — zones as a plugin: `govnet zone …` and the console's
 * 区域 tab (Art 20).
 */
#include "config.h"
#include "zone.h"
#include "govnet/banned.h"

static const struct gn_field add_fields[] = {
	{ .name = "name", .label = "区域", .type = GN_FIELD_TEXT,
	  .flags = GN_FIELD_REQUIRED | GN_FIELD_POSITIONAL, .max_chars = 300,
	  .help = "如 " DNS_DEFAULT_ZONE "，或县区子区域 donghai." DNS_DEFAULT_ZONE },
	{ .name = "org", .label = "归属组织", .type = GN_FIELD_ORG, .flags = GN_FIELD_REQUIRED,
	  .help = "其运行管理机构在区域内分配域名" },
	{ .name = "ns", .label = "域名服务器", .type = GN_FIELD_TEXT, .max_chars = 1000,
	  .help = "以空格分隔；默认同上级区域" },
	{ .name = "hostmaster", .label = "管理员邮箱", .type = GN_FIELD_TEXT, .max_chars = 200,
	  .help = "默认同上级区域，或 hostmaster@区域" },
	{ .name = "ttl", .label = "TTL（秒）", .type = GN_FIELD_INT, .max_chars = 7,
	  .help = "默认 3600" },
	{ NULL },
};

static const struct gn_field set_fields[] = {
	{ .name = "id", .label = "区域", .type = GN_FIELD_ID,
	  .flags = GN_FIELD_REQUIRED | GN_FIELD_POSITIONAL, .max_chars = 300,
	  .help = "区域名或编号" },
	{ .name = "ns", .label = "域名服务器", .type = GN_FIELD_TEXT, .max_chars = 1000,
	  .help = "以空格分隔" },
	{ .name = "hostmaster", .label = "管理员邮箱", .type = GN_FIELD_TEXT, .max_chars = 200 },
	{ .name = "ttl", .label = "TTL（秒）", .type = GN_FIELD_INT, .max_chars = 7 },
	{ NULL },
};

static const struct gn_field export_fields[] = {
	{ .name = "id", .label = "区域", .type = GN_FIELD_ID,
	  .flags = GN_FIELD_REQUIRED | GN_FIELD_POSITIONAL, .max_chars = 300,
	  .help = "区域名或编号" },
	{ .name = "out", .label = "文件", .type = GN_FIELD_TEXT, .max_chars = 1000,
	  .help = "写入此文件（默认输出到屏幕）" },
	{ .name = "dir", .label = "目录", .type = GN_FIELD_TEXT, .max_chars = 1000,
	  .help = "把区域及其反向区域写成 目录/区域名.zone" },
	{ NULL },
};

static const struct gn_field which_fields[] = {
	{ .name = "name", .label = "域名", .type = GN_FIELD_TEXT,
	  .flags = GN_FIELD_REQUIRED | GN_FIELD_POSITIONAL, .max_chars = 300,
	  .help = "给出它所在的正向区域（最长的一个）" },
	{ NULL },
};

static const struct gn_action zone_actions[] = {
	{ .verb = "add", .title = "登记区域", .roles = GN_ROLE_OPERATOR | GN_ROLE_ADMIN,
	  .fields = add_fields, .table = "dns_zone", .scope_field = "org", .run = zone_add,
	  .flags = GN_ACTION_CREATES, .article = "Art 20" },
	{ .verb = "set", .title = "修改区域", .roles = GN_ROLE_OPERATOR | GN_ROLE_ADMIN,
	  .fields = set_fields, .table = "dns_zone", .run = zone_set, .article = "Art 20" },
	{ .verb = "export", .title = "导出区域文件", .roles = GN_ROLES_ALL, .fields = export_fields,
	  .table = "dns_zone", .run = zone_export, .flags = GN_ACTION_READONLY,
	  .article = "Art 20" },
	/* The domain plugin finds a name's zone through this. */
	{ .verb = "which", .title = "所在区域", .roles = GN_ROLES_ALL, .fields = which_fields,
	  .table = "dns_zone", .run = zone_which, .flags = GN_ACTION_READONLY, .article = "Art 20" },
	{ NULL },
};

static const struct gn_column list_columns[] = {
	{ .name = "name", .label = "区域", .width = 34 },
	{ .name = "kind_title", .label = "类型", .width = 4 },
	{ .name = "org", .label = "归属", .width = 16 },
	{ .name = "serial", .label = "序列号", .width = 10, .flags = GN_COLUMN_RIGHT },
	{ .name = "records", .label = "记录数", .width = 6, .flags = GN_COLUMN_RIGHT },
	{ .name = "ns", .label = "域名服务器", .width = 30 },
	{ NULL },
};

static const char *const zone_kinds[] = { "forward", "reverse", NULL };
static const char *const zone_kind_titles[] = { "正向", "反向", NULL };

static const struct gn_filter list_filters[] = {
	{ .name = "kind", .label = "类型", .type = GN_FIELD_CHOICE, .sql = "kind = ?",
	  .choices = zone_kinds, .choice_titles = zone_kind_titles },
	{ .name = "org", .label = "归属组织（含下级）", .type = GN_FIELD_ORG,
	  .sql = "org_path LIKE ? || '%'" },
	{ NULL },
};

static const struct gn_view zone_views[] = {
	{ .name = "list", .title = "区域",
	  .sql = "SELECT z.id, z.name, CASE z.kind WHEN 'forward' THEN '正向' ELSE '反向' END AS kind_title, o.name AS org,"
	  " z.serial, z.records,"
	  " z.ns, z.kind, o.path AS org_path"
	  " FROM dns_zone z JOIN org o ON o.id = z.org_id",
	  .columns = list_columns, .filters = list_filters },
	{ NULL },
};

static const struct gn_record zone_record = { .table = "dns_zone", .title = "区域",
	  .show_sql = "SELECT z.id, z.name, z.kind, o.name AS org, p.name AS parent, z.ns, z.hostmaster, z.ttl, z.serial,"
	" z.created_by, z.created_at, z.changed_by, z.changed_at, o.path AS org_path"
	" FROM dns_zone z JOIN org o ON o.id = z.org_id LEFT JOIN dns_zone p ON p.id = z.parent_id WHERE z.id = ?1",
	  .key_sql = "SELECT id FROM dns_zone WHERE name = lower(rtrim(?1, '.'))" };

static const struct gn_plugin zone_plugin = {
	.abi = GN_PLUGIN_ABI,
	.name = "zone",
	.title = "区域",
	.version = PACKAGE_VERSION,
	.migrations = zone_migrations,
	.record = &zone_record,
	.views = zone_views,
	.actions = zone_actions,
	.demo = zone_demo,
	.on_event = zone_on_event,
};

GN_PLUGIN_DEFINE(zone_plugin)
