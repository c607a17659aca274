/*
 * core_login.c — logins as a component (`govnet user …`).  Each login has
 * one role, scoped to one organisation and everything beneath it (Art 6–8).
 * Only administrators manage logins, and only within their own scope.
 */
#include "config.h"
#include "door.h"
#include "identity.h"
#include "org.h"
#include "registry.h"

#include <stdio.h>
#include <string.h>
#include "govnet/banned.h"

/* OS login names: what useradd accepts, which is also safe in every log. */
static int login_name_ok(const char *s)
{
	size_t n = strlen(s);

	if (n == 0 || n > 32 || s[0] == '-')
		return 0;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') ||
		      *s == '.' || *s == '_' || *s == '-'))
			return 0;
	return 1;
}

/* A login may be scoped only within the scope of whoever grants it. */
static int org_in_actor_scope(struct gn_call *call, int64_t org)
{
	char path[256], name[256];

	if (org_lookup(gn_call_db(call), org, path, sizeof path, name, sizeof name, call->err))
		return -1;
	if (!org_within(call->ctx->actor.org_path, path))
		return gn_call_refuse(call, "超出权限范围：%s 不在 %s 的范围之内", name, gn_call_login(call));
	return 0;
}

static int user_add(struct gn_call *call)
{
	const char *login = gn_call_arg(call, "login");

	if (!login_name_ok(login))
		return gn_call_refuse(call, "登录名 \"%s\" 无效：只能用字母、数字、点、下划线和连字符，最长 32 个字符", login);
	if (gn_call_exec(call,
			 "INSERT INTO login(login, name, role, org_id, phone, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
			 "tttitt", login, gn_call_arg(call, "name"), gn_call_arg(call, "role"), call->org_id,
			 gn_call_arg(call, "phone"), gn_call_now(call))) {
		if (sqlite3_extended_errcode(gn_call_db(call)) == SQLITE_CONSTRAINT_UNIQUE)
			return gn_call_refuse(call, "登录名 %s 已经登记", login);
		return gn_call_sqlite_error(call, "添加登录");
	}
	gn_call_set_id(call, sqlite3_last_insert_rowid(gn_call_db(call)));
	return 0;
}

static int set_column(struct gn_call *call, const char *column, const char *text, int64_t number,
		      int is_number)
{
	char sql[96];

	snprintf(sql, sizeof sql, "UPDATE login SET %s = ?1 WHERE id = ?2", column);
	return is_number ? gn_call_exec(call, sql, "ii", number, call->id) : gn_call_exec(call, sql, "ti", text, call->id);
}

static int is_self(struct gn_call *call)
{
	return call->id == call->ctx->actor.id;
}

static int user_set(struct gn_call *call)
{
	static const char *const texts[] = { "name", "phone", "role" };
	int changed = 0;

	if (gn_call_arg(call, "role") && is_self(call))
		return gn_call_refuse(call, "不能修改自己的角色：请另一位管理员操作");
	for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
		const char *v = gn_call_arg(call, texts[i]);
		if (v) {
			if (set_column(call, texts[i], v, 0, 0))
				return -1;
			changed = 1;
		}
	}
	if (gn_call_arg(call, "org")) {
		int64_t org = gn_call_arg_org(call, "org");
		if (!org)
			return gn_call_refuse(call, "没有组织 \"%s\"", gn_call_arg(call, "org"));
		if (org_in_actor_scope(call, org) || set_column(call, "org_id", NULL, org, 1))
			return -1;
		changed = 1;
	}
	if (!changed)
		return gn_call_refuse(call, "没有要修改的内容：请给出 --role、--org、--name 或 --phone");
	return 0;
}

static int user_disable(struct gn_call *call)
{
	if (is_self(call))
		return gn_call_refuse(call, "不能停用自己的登录");
	return set_column(call, "disabled", NULL, 1, 1);
}

static int user_enable(struct gn_call *call)
{
	return set_column(call, "disabled", NULL, 0, 1);
}

static const struct gn_field user_add_fields[] = {
	{ .name = "login", .label = "登录名", .type = GN_FIELD_TEXT,
	  .flags = GN_FIELD_REQUIRED | GN_FIELD_POSITIONAL, .max_chars = 32,
	  .help = "跳板机上的系统登录名" },
	{ .name = "role", .label = "角色", .type = GN_FIELD_CHOICE, .flags = GN_FIELD_REQUIRED,
	  .choices = role_names,
	  .choice_titles = role_titles },
	{ .name = "org", .label = "所属组织", .type = GN_FIELD_ORG, .flags = GN_FIELD_REQUIRED,
	  .help = "角色的范围：此组织及其下级" },
	{ .name = "name", .label = "姓名", .type = GN_FIELD_TEXT, .max_chars = 50 },
	{ .name = "phone", .label = "电话", .type = GN_FIELD_TEXT, .max_chars = 30 },
	{ NULL },
};

static const struct gn_field user_set_fields[] = {
	{ .name = "id", .label = "登录名", .type = GN_FIELD_LOGIN,
	  .flags = GN_FIELD_REQUIRED | GN_FIELD_POSITIONAL, .max_chars = 32 },
	{ .name = "role", .label = "角色", .type = GN_FIELD_CHOICE, .choices = role_names,
	  .choice_titles = role_titles },
	{ .name = "org", .label = "所属组织", .type = GN_FIELD_ORG },
	{ .name = "name", .label = "姓名", .type = GN_FIELD_TEXT, .max_chars = 50 },
	{ .name = "phone", .label = "电话", .type = GN_FIELD_TEXT, .max_chars = 30 },
	{ NULL },
};

static const struct gn_field user_key_fields[] = {
	{ .name = "id", .label = "登录名", .type = GN_FIELD_LOGIN,
	  .flags = GN_FIELD_REQUIRED | GN_FIELD_POSITIONAL, .max_chars = 32 },
	{ NULL },
};

static const struct gn_action user_actions[] = {
	{ .verb = "add", .title = "添加登录", .roles = GN_ROLE_ADMIN, .fields = user_add_fields,
	  .table = "login", .scope_field = "org", .run = user_add, .flags = GN_ACTION_CREATES,
	  .article = "Art 6–8" },
	{ .verb = "set", .title = "修改登录", .roles = GN_ROLE_ADMIN, .fields = user_set_fields,
	  .table = "login", .run = user_set, .article = "Art 6–8" },
	{ .verb = "disable", .title = "停用登录", .roles = GN_ROLE_ADMIN, .fields = user_key_fields,
	  .table = "login", .run = user_disable, .flags = GN_ACTION_DESTRUCTIVE,
	  .article = "Art 6–8" },
	{ .verb = "enable", .title = "启用登录", .roles = GN_ROLE_ADMIN, .fields = user_key_fields,
	  .table = "login", .run = user_enable, .article = "Art 6–8" },
	{ NULL },
};

static const struct gn_column user_columns[] = {
	{ .name = "login", .label = "登录名", .width = 14 },
	{ .name = "name", .label = "姓名", .width = 8 },
	{ .name = "role_title", .label = "角色", .width = 12 },
	{ .name = "org", .label = "所属组织", .width = 24 },
	{ .name = "state_title", .label = "状态", .width = 4 },
	{ NULL },
};

static const struct gn_filter user_filters[] = {
	{ .name = "role", .label = "角色", .type = GN_FIELD_CHOICE, .sql = "role = ?",
	  .choices = role_names, .choice_titles = role_titles },
	{ .name = "under", .label = "在此组织之下", .type = GN_FIELD_ORG,
	  .sql = "org_path LIKE ? || '%'" },
	{ NULL },
};

#define USER_SELECT \
	"SELECT l.id, l.login, coalesce(l.name, '') AS name, l.role, gn_code_title('role', l.role) AS role_title," \
	" o.name AS org, CASE l.disabled WHEN 0 THEN 'enabled' ELSE 'disabled' END AS state," \
	" CASE l.disabled WHEN 0 THEN '启用' ELSE '停用' END AS state_title, coalesce(l.phone, '') AS phone," \
	" l.created_at, o.path AS org_path FROM login l JOIN org o ON o.id = l.org_id"

static const struct gn_view user_views[] = {
	{ .name = "list", .title = "登录", .sql = USER_SELECT, .columns = user_columns,
	  .filters = user_filters },
	{ NULL },
};

static const struct gn_record user_record = { .table = "login", .title = "登录", .show_sql = USER_SELECT " WHERE l.id = ?1",
	  .key_sql = "SELECT id FROM login WHERE login = ?1" };

const struct gn_plugin core_login_component = {
	.abi = GN_PLUGIN_ABI,
	.name = "user",
	.title = "登录",
	.version = PACKAGE_VERSION,
	.record = &user_record,
	.views = user_views,
	.actions = user_actions,
};
