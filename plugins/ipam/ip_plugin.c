/*
 * ip_plugin.c — the address plan as a plugin: `govnet ip …` and the
 * console's 地址 tab come from this description (Art 18–19).
 */
#include "config.h"
#include "ip.h"

#include <stdio.h>

static const char *const ip_kinds[] = { "mixed", "interconnect", "business", "terminal", NULL };
static const char *const ip_states[] = { "allocated", "reserved", NULL };
static const char *const ip_families[] = { "4", "6", NULL };

#define FIELD_ORG { "org", "归属组织", GN_FIELD_ORG, GN_FIELD_REQUIRED, 0, NULL, "名称或代码" }
#define FIELD_KIND(help) { "kind", "地址类型", GN_FIELD_CHOICE, 0, 0, ip_kinds, help }
#define FIELD_PURPOSE { "purpose", "用途", GN_FIELD_TEXT, 0, 100, NULL, "如 东海县教育局业务网" }
#define FIELD_STATE { "state", "状态", GN_FIELD_CHOICE, 0, 0, ip_states, "默认 allocated（已分配）" }
#define FIELD_NODE                                                                                      \
	{ "node", "接入节点", GN_FIELD_INT, 0, 12, NULL,                                                \
	  "此网段服务的接入节点编号（govnet access list --view nodes）；节点撤销时随之释放（Art 17）" }
#define FIELD_BLOCK { "id", "网段", GN_FIELD_ID, GN_FIELD_REQUIRED | GN_FIELD_POSITIONAL, 64, NULL, "网段 CIDR 或编号" }

static const struct gn_field pool_add_fields[] = {
	{ "cidr", "网段", GN_FIELD_CIDR, GN_FIELD_REQUIRED | GN_FIELD_POSITIONAL, 64, NULL, "如 10.32.0.0/12" },
	FIELD_ORG,
	{ "kind", "地址类型", GN_FIELD_CHOICE, GN_FIELD_REQUIRED, 0, ip_kinds, "mixed 为可再细分的混合地址池" },
	FIELD_PURPOSE,
	FIELD_STATE,
	{ NULL },
};

static const struct gn_field alloc_fields[] = {
	{ "parent", "上级网段", GN_FIELD_CIDR, GN_FIELD_REQUIRED | GN_FIELD_POSITIONAL, 64, NULL, "在其中分配" },
	{ "prefix", "前缀长度", GN_FIELD_INT, GN_FIELD_REQUIRED, 3, NULL, "如 24" },
	FIELD_ORG,
	FIELD_KIND("默认与上级网段相同"),
	{ "count", "数量", GN_FIELD_INT, 0, 4, NULL, "一次分配几个，默认 1" },
	FIELD_PURPOSE,
	FIELD_STATE,
	FIELD_NODE,
	{ NULL },
};

static const struct gn_field assign_fields[] = {
	{ "cidr", "网段", GN_FIELD_CIDR, GN_FIELD_REQUIRED | GN_FIELD_POSITIONAL, 64, NULL, "要占用的网段或主机 /32、/128" },
	FIELD_ORG,
	FIELD_KIND("默认与上级网段相同"),
	FIELD_PURPOSE,
	FIELD_STATE,
	FIELD_NODE,
	{ NULL },
};

static const struct gn_field release_fields[] = {
	FIELD_BLOCK,
	{ "recursive", "连同子网段", GN_FIELD_FLAG, 0, 0, NULL, "网段下还有子网段时必须给出" },
	{ NULL },
};

static const struct gn_field set_fields[] = {
	FIELD_BLOCK,
	FIELD_PURPOSE,
	FIELD_STATE,
	{ NULL },
};

static const struct gn_field free_fields[] = {
	FIELD_BLOCK,
	{ "prefix", "前缀长度", GN_FIELD_INT, 0, 3, NULL, "只列出能容纳此长度的空闲块" },
	{ NULL },
};

static const struct gn_field usage_fields[] = {
	FIELD_BLOCK,
	{ NULL },
};

#define ROLES_ALLOC (GN_ROLE_OPERATOR | GN_ROLE_ADMIN | GN_ROLE_DEPT)

static const struct gn_action ip_actions[] = {
	{ "pool add", "登记地址池", GN_ROLE_OPERATOR | GN_ROLE_ADMIN, pool_add_fields, "ip_block", NULL, "org",
	  ip_pool_add, GN_ACTION_CREATES, "Art 18" },
	{ "alloc", "分配网段", ROLES_ALLOC, alloc_fields, "ip_block", NULL, "org", ip_alloc, GN_ACTION_CREATES,
	  "Art 18–19" },
	{ "assign", "占用指定网段", ROLES_ALLOC, assign_fields, "ip_block", NULL, "org", ip_assign, GN_ACTION_CREATES,
	  "Art 18–19" },
	{ "release", "释放网段", ROLES_ALLOC, release_fields, "ip_block", NULL, NULL, ip_release,
	  GN_ACTION_DESTRUCTIVE, "Art 18–19" },
	{ "set", "修改网段", ROLES_ALLOC, set_fields, "ip_block", NULL, NULL, ip_set, 0, "Art 18–19" },
	{ "free", "空闲空间", GN_ROLES_ALL, free_fields, "ip_block", NULL, NULL, ip_free_report, GN_ACTION_READONLY,
	  "Art 18" },
	{ "usage", "利用率", GN_ROLES_ALL, usage_fields, "ip_block", NULL, NULL, ip_usage_report, GN_ACTION_READONLY,
	  "Art 18" },
	{ NULL },
};

/* "██████░░░░  60%": ten cells of bar, then the share in whole percent. */
#define USAGE_BAR(used, size)                                                                        \
	"substr('██████████', 1, min(10, CAST(round(10.0 * " used " / " size ") AS INTEGER)))"        \
	" || substr('░░░░░░░░░░', 1, 10 - min(10, CAST(round(10.0 * " used " / " size ") AS INTEGER)))" \
	" || CASE WHEN " used " > 0 AND " used " * 100 < " size " THEN '   <1%'"                      \
	" ELSE printf(' %4d%%', CAST(" used " * 100 / " size " AS INTEGER)) END"

static const struct gn_column list_columns[] = {
	{ "cidr", "网段", 20, 0 },
	{ "parent", "上级网段", 18, 0 },
	{ "org", "归属", 16, 0 },
	{ "kind", "类型", 8, 0 },
	{ "state", "状态", 6, 0 },
	{ "usage", "利用率", 15, 0 },
	{ "largest_free", "最大空闲", 8, GN_COLUMN_RIGHT },
	{ "purpose", "用途", 20, 0 },
	{ "addr_order", "地址顺序", 0, GN_COLUMN_HIDDEN },
	{ NULL },
};

/* Blocks under a CIDR: its subtree is a range of paths (blocks.h). */
#define UNDER_CIDR(table)                                                                          \
	"path >= (SELECT path FROM " table " WHERE cidr = ?)"                                          \
	" AND path < (SELECT substr(path, 1, length(path) - 1) || '0' FROM " table " WHERE cidr = ?)"

static const struct gn_filter list_filters[] = {
	{ "under", "在此网段之下", GN_FIELD_CIDR, UNDER_CIDR("ip_block"), NULL },
	{ "org", "归属组织（含下级）", GN_FIELD_ORG, "org_path LIKE ? || '%'", NULL },
	{ "kind", "地址类型", GN_FIELD_CHOICE, "kind_code = ?", ip_kinds },
	{ "state", "状态", GN_FIELD_CHOICE, "state_code = ?", ip_states },
	{ "family", "IPv4 或 IPv6", GN_FIELD_CHOICE, "family = ?", ip_families },
	{ NULL },
};

#define KIND_TITLE(col)                                                                              \
	"CASE " col " WHEN 'mixed' THEN '混合' WHEN 'interconnect' THEN '互联' WHEN 'business' THEN '业务'" \
	" ELSE '终端' END"

static const struct gn_column free_columns[] = {
	{ "cidr", "空闲网段", 22, 0 },
	{ "parent", "所在网段", 20, 0 },
	{ "org", "归属", 16, 0 },
	{ "addresses", "地址数", 12, GN_COLUMN_RIGHT },
	{ "addr_order", "地址顺序", 0, GN_COLUMN_HIDDEN },
	{ NULL },
};

static const struct gn_filter free_filters[] = {
	{ "under", "在此网段之下", GN_FIELD_CIDR, UNDER_CIDR("ip_block"), NULL },
	{ "org", "归属组织（含下级）", GN_FIELD_ORG, "org_path LIKE ? || '%'", NULL },
	{ NULL },
};

static const struct gn_view ip_views[] = {
	{ "list", "地址规划",
	  "SELECT b.id, b.cidr, coalesce(p.cidr, '') AS parent, o.name AS org, " KIND_TITLE("b.kind") " AS kind,"
	  " CASE b.state WHEN 'reserved' THEN '预留' ELSE '已分配' END AS state,"
	  " " USAGE_BAR("b.used", "b.size") " AS usage,"
	  " CASE WHEN b.free_ok THEN (SELECT '/' || min(f.plen) FROM ip_free f WHERE f.parent_id = b.id) ELSE '' END"
	  " AS largest_free,"
	  " b.purpose, b.node_id AS node, b.addr_key AS addr_order, b.kind AS kind_code, b.state AS state_code, b.family, b.path,"
	  " o.path AS org_path"
	  " FROM ip_block b JOIN org o ON o.id = b.org_id LEFT JOIN ip_block p ON p.id = b.parent_id",
	  list_columns, list_filters, NULL, "addr_order" },
	/* A host (/32, /128) has no room to give: its own entry is left out. */
	{ "free", "空闲空间",
	  "SELECT f.id, f.cidr, b.cidr AS parent, o.name AS org,"
	  " CASE WHEN b.family = 4 THEN CAST(1 << (32 - f.plen) AS TEXT)"
	  " WHEN f.plen >= 66 THEN CAST(1 << (128 - f.plen) AS TEXT) ELSE '2^' || (128 - f.plen) END AS addresses,"
	  " f.addr_key AS addr_order, b.path, o.path AS org_path"
	  " FROM ip_free f JOIN ip_block b ON b.id = f.parent_id JOIN org o ON o.id = b.org_id"
	  " WHERE b.plen < CASE b.family WHEN 4 THEN 32 ELSE 128 END",
	  free_columns, free_filters, NULL, "addr_order" },
	{ NULL },
};

static const struct gn_record ip_record = {
	"ip_block", "网段",
	"SELECT b.id, b.cidr, coalesce(p.cidr, '') AS parent, o.name AS org, b.kind, b.state, b.purpose,"
	" b.node_id AS node, " USAGE_BAR("b.used", "b.size") " AS usage,"
	" (SELECT count(*) FROM ip_block c WHERE c.parent_id = b.id) AS children,"
	" b.created_by, b.created_at, b.changed_by, b.changed_at, o.path AS org_path"
	" FROM ip_block b JOIN org o ON o.id = b.org_id LEFT JOIN ip_block p ON p.id = b.parent_id WHERE b.id = ?1",
	"SELECT id FROM ip_block WHERE cidr = ?1",
};

static const struct gn_migration ip_migrations[] = {
	{ 1, ipam_schema_v1 },
	{ 2, ipam_schema_v2 },
	/* The access node a block serves (ip_node.c); NULL for most.  No
	 * foreign key: the access plugin may not be installed. */
	{ 3, "ALTER TABLE ip_block ADD COLUMN node_id INTEGER;"
	     "CREATE INDEX ip_block_node ON ip_block(node_id) WHERE node_id IS NOT NULL;" },
	{ 0, NULL },
};

static const struct gn_plugin ip_plugin = {
	.abi = GN_PLUGIN_ABI,
	.name = "ip",
	.title = "地址",
	.version = PACKAGE_VERSION,
	.migrations = ip_migrations,
	.record = &ip_record,
	.views = ip_views,
	.actions = ip_actions,
	.demo = ip_demo,
	.on_event = ip_on_event,
};

__attribute__((visibility("default"))) const struct gn_plugin *govnet_plugin_entry(void)
{
	return &ip_plugin;
}
