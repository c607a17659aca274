/*
 * domain.c — domain records as a plugin: `govnet domain …` and the
 * console's 域名 tab (Art 20).
 */
#include "config.h"
#include "domain.h"
#include "govnet/banned.h"

static const char *const record_types[] = { "A", "AAAA", "CNAME", "TXT", NULL };

static const struct gn_field add_fields[] = {
	{ .name = "name", .label = "域名", .type = GN_FIELD_TEXT,
	  .flags = GN_FIELD_REQUIRED | GN_FIELD_POSITIONAL, .max_chars = 300,
	  .help = "完整域名，如 jyj.donghai.zwww.lyg.gov.cn；中文域名自动转为 xn-- 形式" },
	{ .name = "type", .label = "类型", .type = GN_FIELD_CHOICE, .flags = GN_FIELD_REQUIRED,
	  .choices = record_types },
	{ .name = "value", .label = "值", .type = GN_FIELD_TEXT, .flags = GN_FIELD_REQUIRED,
	  .max_chars = 1000, .help = "A/AAAA 为地址，CNAME 为目标域名，TXT 为文本" },
	{ .name = "org", .label = "归属组织", .type = GN_FIELD_ORG, .flags = GN_FIELD_REQUIRED,
	  .help = "地址须在分配给它的网段内" },
	{ .name = "ttl", .label = "TTL（秒）", .type = GN_FIELD_INT, .max_chars = 7,
	  .help = "默认取区域的 TTL" },
	{ NULL },
};

static const struct gn_field remove_fields[] = {
	{ .name = "id", .label = "记录", .type = GN_FIELD_ID,
	  .flags = GN_FIELD_REQUIRED | GN_FIELD_POSITIONAL, .max_chars = 300,
	  .help = "域名（只有一条记录时）、域名/类型，或编号" },
	{ NULL },
};

static const struct gn_field records_fields[] = {
	{ .name = "zone", .label = "区域", .type = GN_FIELD_TEXT, .max_chars = 300,
	  .help = "区域内的记录；反向区域为其中地址的记录" },
	{ .name = "name", .label = "域名", .type = GN_FIELD_TEXT, .max_chars = 300, .help = "此域名的记录" },
	{ .name = "under", .label = "在此域名之下", .type = GN_FIELD_TEXT, .max_chars = 300,
	  .help = "此域名及其下各级域名的记录" },
	{ .name = "record", .label = "记录编号", .type = GN_FIELD_INT, .max_chars = 20, .help = "此编号的记录" },
	{ NULL },
};

static const struct gn_action domain_actions[] = {
	{ .verb = "add", .title = "添加域名记录", .roles = GN_ROLE_OPERATOR | GN_ROLE_ADMIN,
	  .fields = add_fields, .table = "dns_record", .scope_field = "org", .run = domain_add,
	  .flags = GN_ACTION_CREATES, .article = "Art 20" },
	{ .verb = "remove", .title = "删除域名记录", .roles = GN_ROLE_OPERATOR | GN_ROLE_ADMIN,
	  .fields = remove_fields, .table = "dns_record", .run = domain_remove,
	  .flags = GN_ACTION_DESTRUCTIVE, .article = "Art 20" },
	/* The zone plugin's exports read the records through this. */
	{ .verb = "records", .title = "区域记录", .roles = GN_ROLES_ALL, .fields = records_fields,
	  .table = "dns_record", .run = domain_records, .flags = GN_ACTION_READONLY, .article = "Art 20" },
	{ NULL },
};

static const struct gn_column list_columns[] = {
	{ .name = "name", .label = "域名", .width = 32 },
	{ .name = "type", .label = "类型", .width = 5 },
	{ .name = "value", .label = "值", .width = 28 },
	{ .name = "org", .label = "归属", .width = 16 },
	{ .name = "zone", .label = "区域", .width = 24 },
	/* Records a ledger brought in (govnet import domain): the core's mark. */
	{ .name = "imported_title", .label = "导入", .width = 4 },
	{ .name = "imported", .label = "导入", .flags = GN_COLUMN_HIDDEN | GN_COLUMN_BOOLEAN },
	{ NULL },
};

static const struct gn_filter list_filters[] = {
	{ .name = "zone", .label = "区域", .type = GN_FIELD_TEXT,
	  .sql = "zone = lower(rtrim(?, '.'))" },
	{ .name = "org", .label = "归属组织（含下级）", .type = GN_FIELD_ORG,
	  .sql = "org_path LIKE ? || '%'" },
	{ .name = "type", .label = "类型", .type = GN_FIELD_CHOICE, .sql = "type = ?",
	  .choices = record_types },
	{ NULL },
};

static const struct gn_view domain_views[] = {
	{ .name = "list", .title = "域名",
	  .sql = "SELECT r.id, r.uname AS name, r.type, r.value, o.name AS org, r.zone, r.name AS ascii_name, r.ttl,"
	  " CASE WHEN x.record_id IS NULL THEN '' ELSE '是' END AS imported_title,"
	  " gn_bool(x.record_id IS NOT NULL) AS imported, o.path AS org_path"
	  " FROM dns_record r JOIN org o ON o.id = r.org_id"
	  " LEFT JOIN import_record x ON x.tbl = 'dns_record' AND x.record_id = r.id",
	  .columns = list_columns, .filters = list_filters },
	{ NULL },
};

/* A record is named by its number, its name when it has only one record,
 * or name/type ("www.zwww.lyg.gov.cn/AAAA") when that is one. */
static const struct gn_record domain_record = { .table = "dns_record", .title = "域名记录",
	  .show_sql = "SELECT r.id, r.uname AS name, r.name AS ascii_name, r.type, r.value, o.name AS org, r.zone,"
	" r.ttl, r.rev_zone AS reverse_zone, r.system_id, r.created_by, r.created_at, r.changed_by, r.changed_at,"
	" gn_bool(x.record_id IS NOT NULL) AS imported,"
	" CASE WHEN x.record_id IS NULL THEN '否' ELSE '是（' || substr(x.imported_at, 1, 16) || '，台账 SHA-256 '"
	"   || x.sha256 || '）' END AS imported_title, o.path AS org_path"
	" FROM dns_record r JOIN org o ON o.id = r.org_id"
	" LEFT JOIN import_record x ON x.tbl = 'dns_record' AND x.record_id = r.id WHERE r.id = ?1",
	  .key_sql = "WITH k(v, u) AS (SELECT lower(rtrim(?1, '.')), rtrim(?1, '.')),"
	" m AS (SELECT r.id FROM dns_record r, k WHERE r.name = k.v OR r.uname = k.u"
	"   OR r.name || '/' || lower(r.type) = k.v OR r.uname || '/' || r.type = k.u)"
	" SELECT id FROM m WHERE (SELECT count(*) FROM m) = 1" };

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
	.on_event = domain_on_event,
};

GN_PLUGIN_DEFINE(domain_plugin)
