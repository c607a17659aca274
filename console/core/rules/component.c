/*
 * rules/component.c — county rules as a component (Art 30): the tables,
 * and the actions and views `govnet rules …` and the console's 规则 tab
 * are drawn from.  Every change of a rule passes the door and its audit.
 */
#include "config.h"
#include "rules.h"
#include "door.h"
#include "org.h"
#include "registry.h"
#include "store.h"

#include <nettle/sha2.h>
#include <stdio.h>
#include <string.h>
#include "govnet/banned.h"

const struct gn_migration rules_migrations[] = {
	{ 1,
	  /* One row per rule: where it applies, which version is current,
	   * whether it is enabled, which hooks that version defines. */
	  "CREATE TABLE rule ("
	  "  id INTEGER PRIMARY KEY,"
	  "  org_id INTEGER NOT NULL REFERENCES org(id),"
	  "  name TEXT NOT NULL,"
	  "  version INTEGER NOT NULL,"
	  "  enabled INTEGER NOT NULL DEFAULT 1,"
	  "  hooks TEXT NOT NULL DEFAULT '',"
	  "  sha256 TEXT NOT NULL,"
	  "  created_at TEXT NOT NULL,"
	  "  created_by TEXT NOT NULL,"
	  "  updated_at TEXT NOT NULL,"
	  "  updated_by TEXT NOT NULL,"
	  "  UNIQUE (org_id, name));"
	  /* Every version as it was added, never changed or removed: the
	   * audit entry of each `rules add` carries the version's SHA-256. */
	  "CREATE TABLE rule_version ("
	  "  id INTEGER PRIMARY KEY,"
	  "  rule_id INTEGER NOT NULL REFERENCES rule(id),"
	  "  version INTEGER NOT NULL,"
	  "  source TEXT NOT NULL,"
	  "  sha256 TEXT NOT NULL,"
	  "  hooks TEXT NOT NULL,"
	  "  file TEXT,"
	  "  added_at TEXT NOT NULL,"
	  "  added_by TEXT NOT NULL,"
	  "  UNIQUE (rule_id, version));"
	  "CREATE TRIGGER rule_version_kept BEFORE UPDATE ON rule_version"
	  "  BEGIN SELECT RAISE(ABORT, 'rule versions are kept as added'); END;"
	  "CREATE TRIGGER rule_version_no_delete BEFORE DELETE ON rule_version"
	  "  BEGIN SELECT RAISE(ABORT, 'rule versions are kept as added'); END;"
	  /* What went wrong in on(): the change stood, the failure is kept. */
	  "CREATE TABLE rule_log ("
	  "  id INTEGER PRIMARY KEY,"
	  "  rule_id INTEGER NOT NULL REFERENCES rule(id),"
	  "  version INTEGER NOT NULL,"
	  "  at TEXT NOT NULL,"
	  "  login TEXT NOT NULL,"
	  "  event TEXT NOT NULL,"
	  "  message TEXT NOT NULL);"
	  "CREATE INDEX rule_log_rule ON rule_log(rule_id);" },
	{ 2,
	  /* Every call a limit stopped (budget, clock, memory), written after
	   * the refused change was rolled back.  Those since the rule was last
	   * enabled count towards RULES_STOPS_DISABLE. */
	  "CREATE TABLE rule_stop ("
	  "  id INTEGER PRIMARY KEY,"
	  "  rule_id INTEGER NOT NULL REFERENCES rule(id),"
	  "  version INTEGER NOT NULL,"
	  "  at TEXT NOT NULL,"
	  "  login TEXT NOT NULL,"
	  "  event TEXT NOT NULL,"
	  "  reason TEXT NOT NULL,"
	  "  counted INTEGER NOT NULL DEFAULT 1);" /* 0 once the rule was enabled again */
	  "CREATE INDEX rule_stop_rule ON rule_stop(rule_id);" },
	{ 3,
	  /* Each message a rule's govnet.notify queued, when (the change's
	   * time): RULES_NOTIFY_PER_HOUR counts them. */
	  "CREATE TABLE rule_notify ("
	  "  rule_id INTEGER NOT NULL REFERENCES rule(id),"
	  "  outbox_id INTEGER NOT NULL,"
	  "  at TEXT NOT NULL);"
	  "CREATE INDEX rule_notify_rule ON rule_notify(rule_id, at);" },
	{ 0, NULL },
};

int rules_name_valid(const char *name)
{
	size_t n = strlen(name);

	if (n == 0 || n > RULES_NAME_MAX || !((name[0] >= 'a' && name[0] <= 'z') || (name[0] >= 'A' && name[0] <= 'Z')))
		return 0;
	for (size_t i = 0; i < n; i++) {
		char c = name[i];
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
		      c == '.'))
			return 0;
	}
	return 1;
}


/*
 * Only an administrator (within scope: the door checked it), or the
 * competent authority of the level the rule belongs to: a county's office
 * for the county's rules, the city's office for the city's (Art 30).
 */
static int may_change(struct gn_call *call, const struct gn_org *o)
{
	const struct gn_actor *a = &call->ctx->actor;
	char level[256];
	const char *p = a->org_path;
	int slashes = 0;
	size_t len = 0;

	if (a->role == GN_ROLE_ADMIN)
		return 0;
	/* The actor's own level: "/1/5/23/" → "/1/5/"; "/1/" stays. */
	while (p[len] && len + 1 < sizeof level) {
		if (p[len++] == '/' && ++slashes == 3)
			break;
	}
	memcpy(level, p, len);
	level[len] = '\0';
	if (a->role == GN_ROLE_OFFICE && strcmp(level, o->path) == 0)
		return 0;
	return gn_call_refuse(call, "只有管理员或%s的主管部门可以修改%s的规则（Art 30）；%s 是 %s", o->name, o->name,
			      call->ctx->login, a->org_name);
}

static void sha256_hex(const char *text, char hex[65])
{
	struct sha256_ctx c;
	uint8_t d[SHA256_DIGEST_SIZE];

	sha256_init(&c);
	sha256_update(&c, strlen(text), (const uint8_t *)text);
	sha256_digest(&c, sizeof d, d);
	for (size_t i = 0; i < sizeof d; i++)
		snprintf(hex + 2 * i, 3, "%02x", d[i]);
}

static int rule_add(struct gn_call *call)
{
	sqlite3 *db = gn_call_db(call);
	const char *source = gn_call_arg(call, "script"), *path = gn_call_arg_source(call, "script");
	const char *file = path && strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
	const char *name = gn_call_arg(call, "name");
	char derived[RULES_NAME_MAX + 1];
	struct gn_err check = { .status = GN_OK };
	struct gn_org o;
	char hex[65], hooks[64], text[512];
	unsigned mask = 0;
	sqlite3_stmt *st;
	int64_t id = 0;
	int version = 1;

	if (gn_call_org(call, call->org_id, &o))
		return -1;
	if (strcmp(o.kind, "city") != 0 && strcmp(o.kind, "county") != 0 && strcmp(o.kind, "zone") != 0)
		return gn_call_refuse(call, "规则只能属于全市或一个县区（功能板块）；%s 是 %s 类组织", o.name, o.kind);
	if (may_change(call, &o))
		return -1;
	/* The name defaults to the file's: "traffic-annex.lua" is traffic-annex. */
	if (!name) {
		size_t n = strlen(file ? file : "");
		if (n > 4 && strcmp(file + n - 4, ".lua") == 0)
			n -= 4;
		snprintf(derived, sizeof derived, "%.*s", (int)n, file ? file : "");
		name = derived;
	}
	if (!rules_name_valid(name))
		return gn_call_refuse(call, "规则名 \"%.60s\" 无效：以字母开头，只用字母、数字、-、_ 和 .，至多 %d 个字符",
				      name, RULES_NAME_MAX);
	if (rules_check_source(name, source, strlen(source), call->ctx, &mask, NULL, &check))
		return gn_call_refuse(call, "规则 %s 未添加：%s", name, check.msg);
	rules_hook_list(mask, hooks, sizeof hooks);
	sha256_hex(source, hex);

	if (!(st = gn_call_query(call, "SELECT id, version FROM rule WHERE org_id = ?1 AND name = ?2", "it", call->org_id,
				 name)))
		return -1;
	if (sqlite3_step(st) == SQLITE_ROW) {
		id = sqlite3_column_int64(st, 0);
		version = sqlite3_column_int(st, 1) + 1;
	}
	gn_call_done(call, st);
	if (id) {
		/* A new version of a rule: the audit entry shows it before. */
		if (!call->before && row_json(db, "rule", id, NULL, &call->before, NULL, call->err))
			return -1;
		if (gn_call_exec(call,
				 "UPDATE rule SET version = ?2, hooks = ?3, sha256 = ?4, updated_at = ?5, updated_by = ?6"
				 " WHERE id = ?1",
				 "intttt", id, version, hooks, hex, gn_call_now(call), gn_call_login(call)))
			return -1;
	} else {
		if (gn_call_exec(call,
				 "INSERT INTO rule(org_id, name, version, hooks, sha256, created_at, created_by,"
				 " updated_at, updated_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?6, ?7)",
				 "itntttt", call->org_id, name, version, hooks, hex, gn_call_now(call), gn_call_login(call)))
			return -1;
		id = sqlite3_last_insert_rowid(db);
	}
	if (gn_call_exec(call,
			 "INSERT INTO rule_version(rule_id, version, source, sha256, hooks, file, added_at, added_by)"
			 " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
			 "intttttt", id, version, source, hex, hooks, file, gn_call_now(call), gn_call_login(call)))
		return -1;
	gn_call_set_id(call, id);
	snprintf(text, sizeof text, "已添加规则 %s/%s 第 %d 版（钩子：%s；SHA-256 %.12s）\n", o.name, name, version, hooks,
		 hex);
	gn_call_emit_text(call, text);
	return 0;
}

static int set_enabled(struct gn_call *call, int enabled)
{
	struct gn_org o;
	sqlite3_stmt *st;
	char name[RULES_NAME_MAX + 1] = "", text[400];
	int was = -1;

	if (gn_call_org(call, call->org_id, &o) || may_change(call, &o))
		return -1;
	if (!(st = gn_call_query(call, "SELECT name, enabled FROM rule WHERE id = ?1", "i", call->id)))
		return -1;
	if (sqlite3_step(st) == SQLITE_ROW) {
		snprintf(name, sizeof name, "%s", sqlite3_column_text(st, 0));
		was = sqlite3_column_int(st, 1);
	}
	gn_call_done(call, st);
	if (was < 0)
		return gn_call_refuse(call, "没有编号为 %lld 的规则", (long long)call->id);
	if (was == enabled)
		return gn_call_refuse(call, "规则 %s/%s 已经是%s的，未作更改", o.name, name, enabled ? "启用" : "停用");
	if (gn_call_exec(call, "UPDATE rule SET enabled = ?2, updated_at = ?3, updated_by = ?4 WHERE id = ?1", "intt",
			 call->id, enabled, gn_call_now(call), gn_call_login(call)))
		return -1;
	/* Enabled again: its stops so far no longer count (stops.c). */
	if (enabled && gn_call_exec(call, "UPDATE rule_stop SET counted = 0 WHERE rule_id = ?1", "i", call->id))
		return -1;
	snprintf(text, sizeof text, "规则 %s/%s 已%s\n", o.name, name, enabled ? "启用" : "停用");
	gn_call_emit_text(call, text);
	return 0;
}

static int rule_enable(struct gn_call *call)
{
	return set_enabled(call, 1);
}

static int rule_disable(struct gn_call *call)
{
	return set_enabled(call, 0);
}

static const struct gn_field add_fields[] = {
	{ .name = "script", .label = "脚本", .type = GN_FIELD_TEXT_FILE,
	  .flags = GN_FIELD_REQUIRED | GN_FIELD_POSITIONAL, .max_chars = RULES_MAX_SOURCE,
	  .help = "Lua 源代码文件；文件名记入版本历史" },
	{ .name = "org", .label = "所属组织", .type = GN_FIELD_ORG, .flags = GN_FIELD_REQUIRED,
	  .help = "全市，或规则适用的县区（功能板块）" },
	{ .name = "name", .label = "规则名", .type = GN_FIELD_TEXT, .max_chars = RULES_NAME_MAX,
	  .help = "字母开头，字母、数字、-、_、.；默认取文件名" },
	{ NULL },
};

static const struct gn_field id_fields[] = {
	{ .name = "id", .label = "规则", .type = GN_FIELD_ID,
	  .flags = GN_FIELD_REQUIRED | GN_FIELD_POSITIONAL, .help = "组织/规则名、规则名或编号" },
	{ NULL },
};

static const struct gn_action rule_actions[] = {
	{ .verb = "add", .title = "添加规则或新版本", .roles = GN_ROLE_ADMIN | GN_ROLE_OFFICE,
	  .fields = add_fields, .table = "rule", .scope_field = "org", .run = rule_add,
	  .flags = GN_ACTION_CREATES, .article = "Art 30" },
	{ .verb = "enable", .title = "启用规则", .roles = GN_ROLE_ADMIN | GN_ROLE_OFFICE,
	  .fields = id_fields, .table = "rule", .scope_column = "org_id", .run = rule_enable,
	  .article = "Art 30" },
	{ .verb = "disable", .title = "停用规则", .roles = GN_ROLE_ADMIN | GN_ROLE_OFFICE,
	  .fields = id_fields, .table = "rule", .scope_column = "org_id", .run = rule_disable,
	  .flags = GN_ACTION_DESTRUCTIVE, .article = "Art 30" },
	{ NULL },
};

static const struct gn_column list_columns[] = {
	{ .name = "org", .label = "组织", .width = 14 },
	{ .name = "name", .label = "规则", .width = 20 },
	{ .name = "version", .label = "版本", .width = 4, .flags = GN_COLUMN_RIGHT },
	{ .name = "state", .label = "状态", .width = 4 },
	{ .name = "hooks", .label = "钩子", .width = 16 },
	{ .name = "updated_at", .label = "更新时间", .width = 10 },
	{ .name = "updated_by", .label = "更新人", .width = 10 },
	{ NULL },
};

static const struct gn_column history_columns[] = {
	{ .name = "org", .label = "组织", .width = 14 },
	{ .name = "name", .label = "规则", .width = 20 },
	{ .name = "version", .label = "版本", .width = 4, .flags = GN_COLUMN_RIGHT },
	{ .name = "hooks", .label = "钩子", .width = 16 },
	{ .name = "sha256", .label = "SHA-256", .width = 12 },
	{ .name = "added_at", .label = "添加时间", .width = 10 },
	{ .name = "added_by", .label = "添加人", .width = 10 },
	{ .name = "file", .label = "文件", .width = 16 },
	{ NULL },
};

static const char *const rule_states[] = { "启用", "停用", NULL };

static const struct gn_filter list_filters[] = {
	{ .name = "org", .label = "组织（含下级）", .type = GN_FIELD_ORG,
	  .sql = "org_path LIKE ? || '%'" },
	{ .name = "name", .label = "规则名", .type = GN_FIELD_TEXT, .sql = "name = ?" },
	{ .name = "state", .label = "状态", .type = GN_FIELD_CHOICE, .sql = "state = ?",
	  .choices = rule_states },
	{ NULL },
};

static const struct gn_filter history_filters[] = {
	{ .name = "org", .label = "组织（含下级）", .type = GN_FIELD_ORG,
	  .sql = "org_path LIKE ? || '%'" },
	{ .name = "name", .label = "规则名", .type = GN_FIELD_TEXT, .sql = "name = ?" },
	{ NULL },
};

static const struct gn_view rule_views[] = {
	{ .name = "list", .title = "规则",
	  .sql = "SELECT r.id, o.name AS org, r.name, r.version, CASE r.enabled WHEN 1 THEN '启用' ELSE '停用' END AS state,"
	  " r.hooks, substr(r.updated_at, 1, 10) AS updated_at, r.updated_by, o.path AS org_path"
	  " FROM rule r JOIN org o ON o.id = r.org_id",
	  .columns = list_columns, .filters = list_filters },
	{ .name = "history", .title = "规则版本",
	  .sql = "SELECT v.id, o.name AS org, r.name, v.version, v.hooks, substr(v.sha256, 1, 12) AS sha256,"
	  " substr(v.added_at, 1, 16) AS added_at, v.added_by, coalesce(v.file, '') AS file, o.path AS org_path"
	  " FROM rule_version v JOIN rule r ON r.id = v.rule_id JOIN org o ON o.id = r.org_id",
	  .columns = history_columns, .filters = history_filters },
	{ NULL },
};

static const struct gn_record rule_record = { .table = "rule", .title = "规则",
	  .show_sql = "SELECT r.id, o.name AS org, r.name, r.version, CASE r.enabled WHEN 1 THEN '启用' ELSE '停用' END AS state,"
	" r.hooks, r.sha256, r.created_at, r.created_by, r.updated_at, r.updated_by,"
	" (SELECT count(*) FROM rule_log l WHERE l.rule_id = r.id) AS log_entries,"
	" v.source, o.path AS org_path"
	" FROM rule r JOIN org o ON o.id = r.org_id"
	" JOIN rule_version v ON v.rule_id = r.id AND v.version = r.version WHERE r.id = ?1",
	  .key_sql = /* "东海县/traffic-annex", "320722/traffic-annex", or a name no other
	 * organisation uses. */
	"SELECT r.id FROM rule r JOIN org o ON o.id = r.org_id"
	" WHERE o.name || '/' || r.name = ?1 OR o.code || '/' || r.name = ?1"
	" OR (r.name = ?1 AND (SELECT count(*) FROM rule WHERE name = ?1) = 1)" };

const struct gn_plugin core_rules_component = {
	.abi = GN_PLUGIN_ABI,
	.name = "rules",
	.title = "规则",
	.version = PACKAGE_VERSION,
	.record = &rule_record,
	.views = rule_views,
	.actions = rule_actions,
};
