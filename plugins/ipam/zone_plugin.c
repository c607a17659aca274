/*
 * zone_plugin.c — zones as a plugin: `govnet zone …` and the console's
 * 区域 tab (Art 20).
 */
#include "config.h"
#include "zone.h"

#include <stdio.h>

static const struct gn_field add_fields[] = {
	{ "name", "区域", GN_FIELD_TEXT, GN_FIELD_REQUIRED | GN_FIELD_POSITIONAL, 300, NULL,
	  "如 " DNS_DEFAULT_ZONE "，或县区子区域 donghai." DNS_DEFAULT_ZONE },
	{ "org", "归属组织", GN_FIELD_ORG, GN_FIELD_REQUIRED, 0, NULL, "其运行管理机构在区域内分配域名" },
	{ "ns", "域名服务器", GN_FIELD_TEXT, 0, 1000, NULL, "以空格分隔；默认同上级区域" },
	{ "hostmaster", "管理员邮箱", GN_FIELD_TEXT, 0, 200, NULL, "默认同上级区域，或 hostmaster@区域" },
	{ "ttl", "TTL（秒）", GN_FIELD_INT, 0, 7, NULL, "默认 3600" },
	{ NULL },
};

static const struct gn_field set_fields[] = {
	{ "id", "区域", GN_FIELD_ID, GN_FIELD_REQUIRED | GN_FIELD_POSITIONAL, 300, NULL, "区域名或编号" },
	{ "ns", "域名服务器", GN_FIELD_TEXT, 0, 1000, NULL, "以空格分隔" },
	{ "hostmaster", "管理员邮箱", GN_FIELD_TEXT, 0, 200, NULL, NULL },
	{ "ttl", "TTL（秒）", GN_FIELD_INT, 0, 7, NULL, NULL },
	{ NULL },
};

static const struct gn_field export_fields[] = {
	{ "id", "区域", GN_FIELD_ID, GN_FIELD_REQUIRED | GN_FIELD_POSITIONAL, 300, NULL, "区域名或编号" },
	{ "out", "文件", GN_FIELD_TEXT, 0, 1000, NULL, "写入此文件（默认输出到屏幕）" },
	{ "dir", "目录", GN_FIELD_TEXT, 0, 1000, NULL, "把区域及其反向区域写成 目录/区域名.zone" },
	{ NULL },
};

static const struct gn_action zone_actions[] = {
	{ "add", "登记区域", GN_ROLE_OPERATOR | GN_ROLE_ADMIN, add_fields, "dns_zone", NULL, "org", zone_add,
	  GN_ACTION_CREATES, "Art 20" },
	{ "set", "修改区域", GN_ROLE_OPERATOR | GN_ROLE_ADMIN, set_fields, "dns_zone", NULL, NULL, zone_set, 0,
	  "Art 20" },
	{ "export", "导出区域文件", GN_ROLES_ALL, export_fields, "dns_zone", NULL, NULL, zone_export,
	  GN_ACTION_READONLY, "Art 20" },
	{ NULL },
};

static const struct gn_column list_columns[] = {
	{ "name", "区域", 34, 0 },
	{ "kind", "类型", 4, 0 },
	{ "org", "归属", 16, 0 },
	{ "serial", "序列号", 10, GN_COLUMN_RIGHT },
	{ "records", "记录数", 6, GN_COLUMN_RIGHT },
	{ "ns", "域名服务器", 30, 0 },
	{ NULL },
};

static const char *const zone_kinds[] = { "forward", "reverse", NULL };

static const struct gn_filter list_filters[] = {
	{ "kind", "类型", GN_FIELD_CHOICE, "kind_code = ?", zone_kinds },
	{ "org", "归属组织（含下级）", GN_FIELD_ORG, "org_path LIKE ? || '%'", NULL },
	{ NULL },
};

static const struct gn_view zone_views[] = {
	{ "list", "区域",
	  "SELECT z.id, z.name, CASE z.kind WHEN 'forward' THEN '正向' ELSE '反向' END AS kind, o.name AS org,"
	  " z.serial, CASE z.kind WHEN 'forward'"
	  "   THEN (SELECT count(*) FROM dns_record r WHERE r.zone_id = z.id)"
	  "   ELSE (SELECT count(*) FROM dns_record r WHERE r.rev_zone_id = z.id) END AS records,"
	  " z.ns, z.kind AS kind_code, o.path AS org_path"
	  " FROM dns_zone z JOIN org o ON o.id = z.org_id",
	  list_columns, list_filters, NULL, NULL },
	{ NULL },
};

static const struct gn_record zone_record = {
	"dns_zone", "区域",
	"SELECT z.id, z.name, z.kind, o.name AS org, p.name AS parent, z.ns, z.hostmaster, z.ttl, z.serial,"
	" z.created_by, z.created_at, z.changed_by, z.changed_at, o.path AS org_path"
	" FROM dns_zone z JOIN org o ON o.id = z.org_id LEFT JOIN dns_zone p ON p.id = z.parent_id WHERE z.id = ?1",
	"SELECT id FROM dns_zone WHERE name = lower(rtrim(?1, '.'))",
};

static const struct gn_migration zone_migrations[] = {
	{ 1, dns_zone_schema_v1 },
	{ 0, NULL },
};

/* The extranet's zone and a subzone for each county-level division, all
 * registered by the city's operating agency (Art 20). */
int zone_demo(struct gn_demo *d)
{
	static const struct {
		const char *label, *code;
	} subzones[] = {
		{ "lianyun", "320703" }, { "haizhou", "320706" }, { "ganyu", "320707" }, { "donghai", "320722" },
		{ "guanyun", "320723" }, { "guannan", "320724" }, { "jingkai", "320771" }, { "xuwei", "320772" },
		{ "gaoxin", "320773" },  { "yuntai", "320774" },
	};
	char name[128];

	if (gn_demo_run(d, "dsj", NULL, "add",
			(const char *const[]){ "name", DNS_DEFAULT_ZONE, "org", "320700", "ns",
					       "ns1." DNS_DEFAULT_ZONE " ns2." DNS_DEFAULT_ZONE, NULL },
			NULL))
		return -1;
	for (size_t i = 0; i < sizeof subzones / sizeof subzones[0]; i++) {
		snprintf(name, sizeof name, "%s.%s", subzones[i].label, DNS_DEFAULT_ZONE);
		if (gn_demo_run(d, "dsj", NULL, "add", (const char *const[]){ "name", name, "org", subzones[i].code, NULL },
				NULL))
			return -1;
	}
	return 0;
}

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
};

__attribute__((visibility("default"))) const struct gn_plugin *govnet_plugin_entry(void)
{
	return &zone_plugin;
}
