/*
 * ip.c — the address plan as a plugin: `govnet ip …` and the console's
 * 地址 tab come from this description (Art 18–19).
 */
#include "config.h"
#include "ip.h"

#include <stdio.h>
#include "../../lib/report/monthly.h"
#include "govnet/banned.h"

static const char *const ip_kinds[] = { "mixed", "interconnect", "business", "terminal", NULL };
static const char *const ip_states[] = { "allocated", "reserved", NULL };
static const char *const ip_families[] = { "4", "6", NULL };
static const char *const ip_kind_titles[] = { "混合地址池", "互联地址", "业务地址", "终端地址", NULL };
static const char *const ip_state_titles[] = { "已分配", "预留", NULL };

#define FIELD_ORG                                                                                \
	{ .name = "org", .label = "归属组织", .type = GN_FIELD_ORG, .flags = GN_FIELD_REQUIRED,       \
	  .help = "名称或代码" }
#define FIELD_KIND(text) { .name = "kind", .label = "地址类型", .type = GN_FIELD_CHOICE, .choices = ip_kinds, .choice_titles = ip_kind_titles, .help = text }
#define FIELD_PURPOSE { .name = "purpose", .label = "用途", .type = GN_FIELD_TEXT, .max_chars = 100, .help = "如 东海县教育局业务网" }
#define FIELD_STATE                                                                              \
	{ .name = "state", .label = "状态", .type = GN_FIELD_CHOICE, .choices = ip_states,          \
	  .choice_titles = ip_state_titles, .help = "默认已分配" }
#define FIELD_NODE                                                                               \
	{ .name = "node", .label = "接入节点", .type = GN_FIELD_INT, .max_chars = 12,               \
	  .help = "此网段服务的接入节点编号（见「接入节点」）；节点撤销时随之释放（Art 17）" }
#define FIELD_BLOCK                                                                              \
	{ .name = "id", .label = "网段", .type = GN_FIELD_ID, .flags = GN_FIELD_REQUIRED | GN_FIELD_POSITIONAL, \
	  .max_chars = 64, .help = "网段 CIDR 或编号" }

static const struct gn_field pool_add_fields[] = {
	{ .name = "cidr", .label = "网段", .type = GN_FIELD_CIDR,
	  .flags = GN_FIELD_REQUIRED | GN_FIELD_POSITIONAL, .max_chars = 64,
	  .help = "如 10.32.0.0/12" },
	FIELD_ORG,
	{ .name = "kind", .label = "地址类型", .type = GN_FIELD_CHOICE, .flags = GN_FIELD_REQUIRED,
	  .choices = ip_kinds, .choice_titles = ip_kind_titles, .help = "混合地址池可再细分" },
	FIELD_PURPOSE,
	FIELD_STATE,
	{ NULL },
};

static const struct gn_field alloc_fields[] = {
	{ .name = "parent", .label = "上级网段", .type = GN_FIELD_CIDR,
	  .flags = GN_FIELD_REQUIRED | GN_FIELD_POSITIONAL, .max_chars = 64, .help = "在其中分配" },
	{ .name = "prefix", .label = "前缀长度", .type = GN_FIELD_INT, .flags = GN_FIELD_REQUIRED,
	  .max_chars = 3, .help = "如 24" },
	FIELD_ORG,
	FIELD_KIND("默认与上级网段相同"),
	{ .name = "count", .label = "数量", .type = GN_FIELD_INT, .max_chars = 4,
	  .help = "一次分配几个，默认 1" },
	FIELD_PURPOSE,
	FIELD_STATE,
	FIELD_NODE,
	{ NULL },
};

static const struct gn_field assign_fields[] = {
	{ .name = "cidr", .label = "网段", .type = GN_FIELD_CIDR,
	  .flags = GN_FIELD_REQUIRED | GN_FIELD_POSITIONAL, .max_chars = 64,
	  .help = "要占用的网段或主机 /32、/128" },
	FIELD_ORG,
	FIELD_KIND("默认与上级网段相同"),
	FIELD_PURPOSE,
	FIELD_STATE,
	FIELD_NODE,
	{ NULL },
};

static const struct gn_field release_fields[] = {
	FIELD_BLOCK,
	{ .name = "recursive", .label = "连同子网段", .type = GN_FIELD_FLAG,
	  .help = "网段下还有子网段时必须给出" },
	{ NULL },
};

static const struct gn_field set_fields[] = {
	FIELD_BLOCK,
	FIELD_PURPOSE,
	FIELD_STATE,
	{ NULL },
};

/* A report's page (report.c), as every list pages (DESIGN §5). */
#define FIELDS_PAGE                                                                                     \
	{ .name = "limit", .label = "行数", .type = GN_FIELD_INT, .min = 0, .max = 65536,               \
	  .help = "每页最多列出的行数（默认 100；0 表示不限）" },                                       \
	{ .name = "after", .label = "接续网段", .type = GN_FIELD_CIDR,                                   \
	  .help = "从上一页末尾提示的网段之后接着列出" }

static const struct gn_field free_fields[] = {
	FIELD_BLOCK,
	{ .name = "prefix", .label = "前缀长度", .type = GN_FIELD_INT, .max_chars = 3,
	  .help = "只列出能容纳此长度的空闲块" },
	FIELDS_PAGE,
	{ NULL },
};

static const struct gn_field usage_fields[] = {
	FIELD_BLOCK,
	FIELDS_PAGE,
	{ NULL },
};

static const struct gn_field match_fields[] = {
	{ .name = "address", .label = "地址或网段", .type = GN_FIELD_TEXT,
	  .flags = GN_FIELD_REQUIRED | GN_FIELD_POSITIONAL, .max_chars = 64,
	  .help = "如 10.32.4.53 或 10.32.4.0/24" },
	{ NULL },
};

#define ROLES_ALLOC (GN_ROLE_OPERATOR | GN_ROLE_ADMIN | GN_ROLE_DEPT)

/* The plugin's section of `govnet report month` (monthly.h). */
static const struct gn_field monthly_fields[] = { MONTHLY_FIELDS, { NULL } };

static const struct gn_action ip_actions[] = {
	{ .verb = "pool add", .title = "登记地址池", .roles = GN_ROLE_OPERATOR | GN_ROLE_ADMIN,
	  .fields = pool_add_fields, .table = "ip_block", .scope_field = "org", .run = ip_pool_add,
	  .flags = GN_ACTION_CREATES, .article = "Art 18" },
	{ .verb = "alloc", .title = "分配网段", .roles = ROLES_ALLOC, .fields = alloc_fields,
	  .table = "ip_block", .scope_field = "org", .run = ip_alloc, .flags = GN_ACTION_CREATES,
	  .article = "Art 18–19" },
	{ .verb = "assign", .title = "占用指定网段", .roles = ROLES_ALLOC, .fields = assign_fields,
	  .table = "ip_block", .scope_field = "org", .run = ip_assign, .flags = GN_ACTION_CREATES,
	  .article = "Art 18–19" },
	{ .verb = "release", .title = "释放网段", .roles = ROLES_ALLOC, .fields = release_fields,
	  .table = "ip_block", .run = ip_release, .flags = GN_ACTION_DESTRUCTIVE,
	  .article = "Art 18–19" },
	{ .verb = "set", .title = "修改网段", .roles = ROLES_ALLOC, .fields = set_fields,
	  .table = "ip_block", .run = ip_set, .article = "Art 18–19" },
	{ .verb = "free", .title = "空闲空间", .roles = GN_ROLES_ALL, .fields = free_fields,
	  .table = "ip_block", .run = ip_free_report, .flags = GN_ACTION_READONLY,
	  .article = "Art 18" },
	{ .verb = "usage", .title = "利用率", .roles = GN_ROLES_ALL, .fields = usage_fields,
	  .table = "ip_block", .run = ip_usage_report, .flags = GN_ACTION_READONLY,
	  .article = "Art 18" },
	/* Other plugins find the block an address lies in through this. */
	{ .verb = "match", .title = "地址所在网段", .roles = GN_ROLES_ALL, .fields = match_fields,
	  .table = "ip_block", .run = ip_match, .flags = GN_ACTION_READONLY | GN_ACTION_PUBLISHED, .article = "Art 18" },
	{ .verb = "report", .title = "月报：地址池利用率", .roles = GN_ROLES_ALL, .fields = monthly_fields,
	  .table = "ip_block", .scope_field = "org", .run = ip_monthly, .flags = GN_ACTION_READONLY | GN_ACTION_PUBLISHED,
	  .article = "Art 18" },
	{ NULL },
};

/* "██████░░░░  60%": ten cells of bar, then the share in whole percent. */
#define USAGE_BAR(used, size)                                                                        \
	"substr('██████████', 1, min(10, CAST(round(10.0 * " used " / " size ") AS INTEGER)))"        \
	" || substr('░░░░░░░░░░', 1, 10 - min(10, CAST(round(10.0 * " used " / " size ") AS INTEGER)))" \
	" || CASE WHEN " used " > 0 AND " used " * 100 < " size " THEN '   <1%'"                      \
	" ELSE printf(' %4d%%', CAST(" used " * 100 / " size " AS INTEGER)) END"

static const struct gn_column list_columns[] = {
	{ .name = "cidr", .label = "网段", .width = 20 },
	{ .name = "parent", .label = "上级网段", .width = 18 },
	{ .name = "org", .label = "归属", .width = 16 },
	{ .name = "kind_title", .label = "类型", .width = 8 },
	{ .name = "state_title", .label = "状态", .width = 6 },
	{ .name = "usage_bar", .label = "利用率", .width = 15 },
	{ .name = "largest_free", .label = "最大空闲", .width = 8, .flags = GN_COLUMN_RIGHT },
	{ .name = "purpose", .label = "用途", .width = 20 },
	{ .name = "_addr_order", .label = "地址顺序", .flags = GN_COLUMN_HIDDEN },
	{ NULL },
};

/* Blocks under a CIDR: its subtree is a range of paths (blocks.h). */
#define UNDER_CIDR(table)                                                                          \
	"_path >= (SELECT path FROM " table " WHERE cidr = ?)"                                         \
	" AND _path < (SELECT substr(path, 1, length(path) - 1) || '0' FROM " table " WHERE cidr = ?)"

static const struct gn_filter list_filters[] = {
	{ .name = "under", .label = "在此网段之下", .type = GN_FIELD_CIDR,
	  .sql = UNDER_CIDR("ip_block") },
	{ .name = "org", .label = "归属组织（含下级）", .type = GN_FIELD_ORG,
	  .sql = "org_path LIKE ? || '%'" },
	{ .name = "kind", .label = "地址类型", .type = GN_FIELD_CHOICE, .sql = "kind = ?",
	  .choices = ip_kinds, .choice_titles = ip_kind_titles },
	{ .name = "state", .label = "状态", .type = GN_FIELD_CHOICE, .sql = "state = ?",
	  .choices = ip_states, .choice_titles = ip_state_titles },
	{ .name = "family", .label = "IPv4 或 IPv6", .type = GN_FIELD_CHOICE, .sql = "family = ?",
	  .choices = ip_families },
	{ NULL },
};

#define KIND_TITLE(col)                                                                              \
	"CASE " col " WHEN 'mixed' THEN '混合' WHEN 'interconnect' THEN '互联' WHEN 'business' THEN '业务'" \
	" ELSE '终端' END"

static const struct gn_column free_columns[] = {
	{ .name = "cidr", .label = "空闲网段", .width = 22 },
	{ .name = "parent", .label = "所在网段", .width = 20 },
	{ .name = "org", .label = "归属", .width = 16 },
	{ .name = "addresses", .label = "地址数", .width = 12, .flags = GN_COLUMN_RIGHT },
	{ .name = "_addr_order", .label = "地址顺序", .flags = GN_COLUMN_HIDDEN },
	{ NULL },
};

static const struct gn_filter free_filters[] = {
	{ .name = "under", .label = "在此网段之下", .type = GN_FIELD_CIDR,
	  .sql = UNDER_CIDR("ip_block") },
	{ .name = "org", .label = "归属组织（含下级）", .type = GN_FIELD_ORG,
	  .sql = "org_path LIKE ? || '%'" },
	{ NULL },
};

static const struct gn_view ip_views[] = {
	{ .name = "list", .title = "地址规划",
	  .sql = "SELECT b.id, b.cidr, coalesce(p.cidr, '') AS parent, o.name AS org, " KIND_TITLE("b.kind") " AS kind_title,"
	  " CASE b.state WHEN 'reserved' THEN '预留' ELSE '已分配' END AS state_title,"
	  " " USAGE_BAR("b.used", "b.size") " AS usage_bar, round(100.0 * b.used / b.size, 1) AS usage_pct,"
	  " CASE WHEN b.free_ok THEN (SELECT '/' || min(f.plen) FROM ip_free f WHERE f.parent_id = b.id) ELSE '' END"
	  " AS largest_free,"
	  " b.purpose, b.node_id AS node, b.addr_key AS _addr_order, b.kind, b.state, b.family, b.path AS _path,"
	  " o.path AS org_path"
	  " FROM ip_block b JOIN org o ON o.id = b.org_id LEFT JOIN ip_block p ON p.id = b.parent_id",
	  .columns = list_columns, .filters = list_filters, .order_by = "_addr_order",
	  .scope_table = "ip_block_scope_key", .scope_key = "s.scope_key IS NOT NULL" },
	/* A host (/32, /128) has no room to give: its own entry is left out. */
	{ .name = "free", .title = "空闲空间",
	  .sql = "SELECT f.id, f.cidr, b.cidr AS parent, o.name AS org,"
	  " CASE WHEN b.family = 4 THEN CAST(1 << (32 - f.plen) AS TEXT)"
	  " WHEN f.plen >= 66 THEN CAST(1 << (128 - f.plen) AS TEXT) ELSE '2^' || (128 - f.plen) END AS addresses,"
	  " f.addr_key AS _addr_order, b.path AS _path, o.path AS org_path"
	  " FROM ip_free f JOIN ip_block b ON b.id = f.parent_id JOIN org o ON o.id = b.org_id"
	  " WHERE b.plen < CASE b.family WHEN 4 THEN 32 ELSE 128 END",
	  .columns = free_columns, .filters = free_filters, .order_by = "_addr_order" },
	{ NULL },
};

static const struct gn_record ip_record = { .table = "ip_block", .title = "网段",
	  .show_sql = "SELECT b.id, b.cidr, coalesce(p.cidr, '') AS parent, o.name AS org, b.kind, b.state, b.purpose,"
	" b.node_id AS node, " USAGE_BAR("b.used", "b.size") " AS usage_bar,"
	" round(100.0 * b.used / b.size, 1) AS usage_pct,"
	" (SELECT count(*) FROM ip_block c WHERE c.parent_id = b.id) AS children,"
	" b.created_by, b.created_at, b.changed_by, b.changed_at, o.path AS org_path"
	" FROM ip_block b JOIN org o ON o.id = b.org_id LEFT JOIN ip_block p ON p.id = b.parent_id WHERE b.id = ?1",
	  .key_sql = "SELECT id FROM ip_block WHERE cidr = ?1" };

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

GN_PLUGIN_DEFINE(ip_plugin)
