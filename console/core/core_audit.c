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
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "govnet/banned.h"

static const struct gn_column audit_columns[] = {
	{ .name = "at", .label = "时间", .width = 25 },
	{ .name = "login", .label = "登录名", .width = 10 },
	{ .name = "component_title", .label = "组件", .width = 8 },
	{ .name = "verb_title", .label = "操作", .width = 12 },
	{ .name = "target_title", .label = "对象", .width = 16 },
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
	"SELECT a.id, a.at, a.login, a.client, a.component, a.verb, a.target," \
	" gn_audit_target(a.target) AS target_title, gn_component_title(a.component) AS component_title," \
	" gn_action_title(a.component, a.verb) AS verb_title, a.reason," \
	" a.before_json AS before, a.after_json AS after, a.prev_hash, a.hash," \
	" coalesce(o.path, '/') AS org_path FROM audit a LEFT JOIN org o ON o.id = a.org_id"

static const struct gn_view audit_views[] = {
	{ .name = "list", .title = "审计", .sql = AUDIT_SELECT, .columns = audit_columns,
	  .filters = audit_filters },
	{ NULL },
};

/* ---- what a target reads as (audit.h) ------------------------------------- */

static const char *table_title(const struct registry *reg, const char *table)
{
	char scope[96];

	snprintf(scope, sizeof scope, "%s_scope", table);
	for (size_t i = 0; i < reg->n; i++) {
		const struct gn_record *r = reg->items[i].desc->record;
		if (r && r->table && strcmp(r->table, table) == 0)
			return r->title;
	}
	for (size_t i = 0; i < reg->n; i++)
		for (const struct gn_view *v = reg->items[i].desc->views; v && v->name; v++)
			if (v->scope_table && strcmp(v->scope_table, scope) == 0)
				return v->title;
	for (size_t i = 0; i < reg->n; i++)
		for (const struct gn_action *a = reg->items[i].desc->actions; a && a->verb; a++)
			if (a->table && strcmp(a->table, table) == 0)
				return reg->items[i].desc->title;
	return NULL;
}

/* The record's name, login or CIDR, into out ("" when it has none or is
 * gone).  table comes from a description, never from the stored text. */
static void record_name(sqlite3 *db, const char *table, long long id, char *out, size_t size)
{
	static const char *const names[] = { "name", "login", "cidr", NULL };
	char sql[160];
	sqlite3_stmt *st;

	out[0] = '\0';
	snprintf(sql, sizeof sql, "SELECT * FROM \"%s\" WHERE id = ?1", table);
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		return;
	sqlite3_bind_int64(st, 1, id);
	if (sqlite3_step(st) == SQLITE_ROW)
		for (const char *const *n = names; *n && !out[0]; n++)
			for (int c = 0; c < sqlite3_column_count(st); c++)
				if (strcmp(sqlite3_column_name(st, c), *n) == 0 && sqlite3_column_text(st, c)) {
					snprintf(out, size, "%s", (const char *)sqlite3_column_text(st, c));
					break;
				}
	sqlite3_finalize(st);
}

static void sql_audit_target(sqlite3_context *sc, int argc, sqlite3_value **argv)
{
	const struct registry *reg = sqlite3_user_data(sc);
	const char *target = (const char *)sqlite3_value_text(argv[0]);
	const char *hash = target ? strrchr(target, '#') : NULL;
	char table[64], name[200], *end, text[320];
	const char *title = NULL;
	long long id = 0;

	(void)argc;
	if (hash && (size_t)(hash - target) < sizeof table) {
		snprintf(table, sizeof table, "%.*s", (int)(hash - target), target);
		id = strtoll(hash + 1, &end, 10);
		if (hash[1] && !*end)
			title = table_title(reg, table);
	}
	if (!title) {
		sqlite3_result_value(sc, argv[0]);
		return;
	}
	/* The table name read from is the description's, never the stored text. */
	name[0] = '\0';
	for (size_t i = 0; i < reg->n; i++) {
		const struct gn_record *r = reg->items[i].desc->record;
		if (r && r->table && strcmp(r->table, table) == 0) {
			record_name(sqlite3_context_db_handle(sc), r->table, id, name, sizeof name);
			break;
		}
	}
	if (name[0])
		snprintf(text, sizeof text, "%s「%s」", title, name);
	else
		snprintf(text, sizeof text, "%s #%lld", title, id);
	sqlite3_result_text(sc, text, -1, SQLITE_TRANSIENT);
}

/* Entries the program writes itself, not through a component's action
 * (init.c, the ledger import): what they read as. */
static const struct program_entry {
	const char *component, *title, *verb, *verb_title;
} program_entries[] = {
	{ "core", "系统", "init", "初始化" },
	{ "import", "台账导入", NULL, NULL },
	{ NULL, NULL, NULL, NULL },
};

static const struct program_entry *program_entry(const char *component)
{
	for (const struct program_entry *p = program_entries; component && p->component; p++)
		if (strcmp(p->component, component) == 0)
			return p;
	return NULL;
}

/* gn_component_title(component): the component's title (接入), or the
 * stored name when no loaded component has it. */
static void sql_component_title(sqlite3_context *sc, int argc, sqlite3_value **argv)
{
	const char *name = (const char *)sqlite3_value_text(argv[0]);
	const struct gn_plugin *c = name ? registry_find(sqlite3_user_data(sc), name) : NULL;
	const struct program_entry *p = program_entry(name);

	(void)argc;
	if (c && c->title)
		sqlite3_result_text(sc, c->title, -1, SQLITE_STATIC);
	else if (p)
		sqlite3_result_text(sc, p->title, -1, SQLITE_STATIC);
	else
		sqlite3_result_value(sc, argv[0]);
}

/* gn_action_title(component, verb): the action's title (批准), its
 * workflow moves included, or the stored verb when there is none. */
static void sql_action_title(sqlite3_context *sc, int argc, sqlite3_value **argv)
{
	const char *name = (const char *)sqlite3_value_text(argv[0]), *verb = (const char *)sqlite3_value_text(argv[1]);
	const struct gn_plugin *c = name ? registry_find(sqlite3_user_data(sc), name) : NULL;
	const struct gn_action *a = c && verb ? component_action(c, verb) : NULL;
	const struct program_entry *p = program_entry(name);

	(void)argc;
	if (a && a->title)
		sqlite3_result_text(sc, a->title, -1, SQLITE_STATIC);
	else if (p && p->verb && verb && strcmp(p->verb, verb) == 0)
		sqlite3_result_text(sc, p->verb_title, -1, SQLITE_STATIC);
	else
		sqlite3_result_value(sc, argv[1]);
}

int audit_target_register_sql(sqlite3 *db, const struct registry *reg, struct gn_err *err)
{
	if (sqlite3_create_function(db, "gn_audit_target", 1, SQLITE_UTF8, (void *)reg, sql_audit_target, NULL,
				    NULL) != SQLITE_OK ||
	    sqlite3_create_function(db, "gn_component_title", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC, (void *)reg,
				    sql_component_title, NULL, NULL) != SQLITE_OK ||
	    sqlite3_create_function(db, "gn_action_title", 2, SQLITE_UTF8 | SQLITE_DETERMINISTIC, (void *)reg,
				    sql_action_title, NULL, NULL) != SQLITE_OK)
		return err_set(err, GN_REFUSED, "无法注册审计的标题函数：%s", sqlite3_errmsg(db));
	return 0;
}

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
