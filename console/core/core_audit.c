/*
 * core_audit.c — the audit chain as a component: `govnet audit list|show`
 * and the console's 审计 tab.  It has no actions: nothing edits the chain.
 */
#include "config.h"
#include "registry.h"

static const struct gn_column audit_columns[] = {
	{ "at", "时间", 25, 0 },
	{ "login", "登录名", 10, 0 },
	{ "component", "组件", 7, 0 },
	{ "verb", "操作", 10, 0 },
	{ "target", "对象", 12, 0 },
	{ "reason", "理由", 20, 0 },
	{ NULL },
};

static const struct gn_filter audit_filters[] = {
	{ "login", "登录名", GN_FIELD_TEXT, "login = ?", NULL },
	{ "component", "组件", GN_FIELD_TEXT, "component = ?", NULL },
	{ "since", "自此日期起", GN_FIELD_DATE, "at >= ?", NULL },
	{ NULL },
};

/* Entries about no particular organisation (init, city-wide settings)
 * belong to the root, so only city-wide readers see them. */
#define AUDIT_SELECT \
	"SELECT a.id, a.at, a.login, a.client, a.component, a.verb, a.target, a.reason," \
	" a.before_json AS before, a.after_json AS after, a.prev_hash, a.hash," \
	" coalesce(o.path, '/') AS org_path FROM audit a LEFT JOIN org o ON o.id = a.org_id"

static const struct gn_view audit_views[] = {
	{ "list", "审计", AUDIT_SELECT, audit_columns, audit_filters, NULL, NULL },
	{ NULL },
};

static const struct gn_record audit_record = {
	"audit", "审计记录", AUDIT_SELECT " WHERE a.id = ?1", NULL,
};

const struct gn_plugin core_audit_component = {
	.abi = GN_PLUGIN_ABI,
	.name = "audit",
	.title = "审计",
	.version = PACKAGE_VERSION,
	.record = &audit_record,
	.views = audit_views,
};
