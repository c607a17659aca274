/*
 * core_audit.c — the audit chain as a component: `govnet audit list|show`
 * and the console's 审计 tab.  Nothing edits the chain; its one action
 * records an anchor (audit.h), so that the anchor is in the chain itself
 * and, through the outbox, with whoever subscribed to audit.anchor.
 */
#include "config.h"
#include "audit.h"
#include "door.h"
#include "registry.h"

#include <jansson.h>
#include <stdlib.h>
#include "govnet/banned.h"

static const struct gn_column audit_columns[] = {
	{ .name = "at", .label = "时间", .width = 25 },
	{ .name = "login", .label = "登录名", .width = 10 },
	{ .name = "component", .label = "组件", .width = 7 },
	{ .name = "verb", .label = "操作", .width = 10 },
	{ .name = "target", .label = "对象", .width = 12 },
	{ .name = "reason", .label = "理由", .width = 20 },
	{ NULL },
};

static const struct gn_filter audit_filters[] = {
	{ .name = "login", .label = "登录名", .type = GN_FIELD_TEXT, .sql = "login = ?" },
	{ .name = "component", .label = "组件", .type = GN_FIELD_TEXT, .sql = "component = ?" },
	{ .name = "since", .label = "自此日期起", .type = GN_FIELD_DATE, .sql = "at >= ?" },
	{ NULL },
};

/* Entries about no particular organisation (init, city-wide settings)
 * belong to the root, so only city-wide readers see them. */
#define AUDIT_SELECT \
	"SELECT a.id, a.at, a.login, a.client, a.component, a.verb, a.target, a.reason," \
	" a.before_json AS before, a.after_json AS after, a.prev_hash, a.hash," \
	" coalesce(o.path, '/') AS org_path FROM audit a LEFT JOIN org o ON o.id = a.org_id"

static const struct gn_view audit_views[] = {
	{ .name = "list", .title = "审计", .sql = AUDIT_SELECT, .columns = audit_columns,
	  .filters = audit_filters },
	{ NULL },
};

/* The head as it stands before this entry, as the anchor's record: the
 * audit entry and every subscriber's message carry {seq, hash, anchor}. */
static int take_anchor(struct gn_call *call)
{
	struct audit_anchor head;
	json_t *obj;

	if (audit_head(gn_call_db(call), &head, call->err))
		return -1;
	obj = json_pack("{s:I, s:s, s:o}", "seq", (json_int_t)head.seq, "hash", head.hash, "anchor",
			json_sprintf("%lld:%s", (long long)head.seq, head.hash));
	call->after = obj ? json_dumps(obj, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
	if (!call->after) {
		json_decref(obj);
		return gn_call_refuse(call, "锚点无法记录");
	}
	gn_call_emit_text(call, json_string_value(json_object_get(obj, "anchor")));
	json_decref(obj);
	return 0;
}

/* City-wide: the anchor is the whole chain's; delivered like a change by
 * the same roles that run deliveries (OUTBOX_DELIVERERS). */
static const struct gn_action audit_actions[] = {
	{ .verb = "anchor", .title = "记录审计锚点", .roles = GN_ROLE_ADMIN | GN_ROLE_OPERATOR, .table = "audit",
	  .run = take_anchor },
	{ NULL },
};

static const struct gn_record audit_record = { .table = "audit", .title = "审计记录", .show_sql = AUDIT_SELECT " WHERE a.id = ?1" };

const struct gn_plugin core_audit_component = {
	.abi = GN_PLUGIN_ABI,
	.name = "audit",
	.title = "审计",
	.version = PACKAGE_VERSION,
	.record = &audit_record,
	.views = audit_views,
	.actions = audit_actions,
};
