/*
 * domain_plugin.c — domain records as a plugin: `govnet domain …` and the
 * console's 域名 tab (Art 20).
 */
#include "config.h"
#include "domain.h"

static const char *const record_types[] = { "A", "AAAA", "CNAME", "TXT", NULL };

static const struct gn_field add_fields[] = {
	{ "name", "域名", GN_FIELD_TEXT, GN_FIELD_REQUIRED | GN_FIELD_POSITIONAL, 300, NULL,
	  "完整域名，如 jyj.donghai.zwww.lyg.gov.cn；中文域名自动转为 xn-- 形式" },
	{ "type", "类型", GN_FIELD_CHOICE, GN_FIELD_REQUIRED, 0, record_types, NULL },
	{ "value", "值", GN_FIELD_TEXT, GN_FIELD_REQUIRED, 1000, NULL, "A/AAAA 为地址，CNAME 为目标域名，TXT 为文本" },
	{ "org", "归属组织", GN_FIELD_ORG, GN_FIELD_REQUIRED, 0, NULL, "地址须在分配给它的网段内" },
	{ "ttl", "TTL（秒）", GN_FIELD_INT, 0, 7, NULL, "默认取区域的 TTL" },
	{ NULL },
};

static const struct gn_field remove_fields[] = {
	{ "id", "记录", GN_FIELD_ID, GN_FIELD_REQUIRED | GN_FIELD_POSITIONAL, 300, NULL,
	  "域名（只有一条记录时）、域名/类型，或编号" },
	{ NULL },
};

static const struct gn_action domain_actions[] = {
	{ "add", "添加域名记录", GN_ROLE_OPERATOR | GN_ROLE_ADMIN, add_fields, "dns_record", NULL, "org", domain_add,
	  GN_ACTION_CREATES, "Art 20" },
	{ "remove", "删除域名记录", GN_ROLE_OPERATOR | GN_ROLE_ADMIN, remove_fields, "dns_record", NULL, NULL,
	  domain_remove, GN_ACTION_DESTRUCTIVE, "Art 20" },
	{ NULL },
};

static const struct gn_column list_columns[] = {
	{ "name", "域名", 32, 0 },
	{ "type", "类型", 5, 0 },
	{ "value", "值", 28, 0 },
	{ "org", "归属", 16, 0 },
	{ "zone", "区域", 24, 0 },
	{ NULL },
};

static const struct gn_filter list_filters[] = {
	{ "zone", "区域", GN_FIELD_TEXT, "zone = lower(rtrim(?, '.'))", NULL },
	{ "org", "归属组织（含下级）", GN_FIELD_ORG, "org_path LIKE ? || '%'", NULL },
	{ "type", "类型", GN_FIELD_CHOICE, "type = ?", record_types },
	{ NULL },
};

static const struct gn_view domain_views[] = {
	{ "list", "域名",
	  "SELECT r.id, r.uname AS name, r.type, r.value, o.name AS org, z.name AS zone, r.name AS ascii_name, r.ttl,"
	  " o.path AS org_path"
	  " FROM dns_record r JOIN org o ON o.id = r.org_id JOIN dns_zone z ON z.id = r.zone_id",
	  list_columns, list_filters, NULL, NULL },
	{ NULL },
};

/* A record is named by its number, its name when it has only one record,
 * or name/type ("www.zwww.lyg.gov.cn/AAAA") when that is one. */
static const struct gn_record domain_record = {
	"dns_record", "域名记录",
	"SELECT r.id, r.uname AS name, r.name AS ascii_name, r.type, r.value, o.name AS org, z.name AS zone,"
	" r.ttl, rz.name AS reverse_zone, r.system_id, r.created_by, r.created_at, r.changed_by, r.changed_at,"
	" o.path AS org_path"
	" FROM dns_record r JOIN org o ON o.id = r.org_id JOIN dns_zone z ON z.id = r.zone_id"
	" LEFT JOIN dns_zone rz ON rz.id = r.rev_zone_id WHERE r.id = ?1",
	"WITH k(v, u) AS (SELECT lower(rtrim(?1, '.')), rtrim(?1, '.')),"
	" m AS (SELECT r.id FROM dns_record r, k WHERE r.name = k.v OR r.uname = k.u"
	"   OR r.name || '/' || lower(r.type) = k.v OR r.uname || '/' || r.type = k.u)"
	" SELECT id FROM m WHERE (SELECT count(*) FROM m) = 1",
};

static const struct gn_migration domain_migrations[] = {
	{ 1, dns_record_schema_v1 },
	{ 0, NULL },
};

static const struct gn_plugin domain_plugin = {
	.abi = GN_PLUGIN_ABI,
	.name = "domain",
	.title = "域名",
	.version = PACKAGE_VERSION,
	.migrations = domain_migrations,
	.record = &domain_record,
	.views = domain_views,
	.actions = domain_actions,
	.demo = domain_demo,
};

__attribute__((visibility("default"))) const struct gn_plugin *govnet_plugin_entry(void)
{
	return &domain_plugin;
}
