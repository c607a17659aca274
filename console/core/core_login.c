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
	sqlite3_stmt *st;
	int rc;

	if (!login_name_ok(login))
		return gn_call_refuse(call, "登录名 \"%s\" 无效：只能用字母、数字、点、下划线和连字符，最长 32 个字符", login);
	if (sqlite3_prepare_v2(gn_call_db(call),
			       "INSERT INTO login(login, name, role, org_id, phone, created_at)"
			       " VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
			       -1, &st, NULL) != SQLITE_OK)
		return gn_call_sqlite_error(call, "添加登录");
	sqlite3_bind_text(st, 1, login, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, gn_call_arg(call, "name"), -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, gn_call_arg(call, "role"), -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 4, call->org_id);
	sqlite3_bind_text(st, 5, gn_call_arg(call, "phone"), -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 6, gn_call_now(call), -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
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
	sqlite3_stmt *st;
	int rc;

	snprintf(sql, sizeof sql, "UPDATE login SET %s = ?1 WHERE id = ?2", column);
	if (sqlite3_prepare_v2(gn_call_db(call), sql, -1, &st, NULL) != SQLITE_OK)
		return gn_call_sqlite_error(call, "修改登录");
	if (is_number)
		sqlite3_bind_int64(st, 1, number);
	else
		sqlite3_bind_text(st, 1, text, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, call->id);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : gn_call_sqlite_error(call, "修改登录");
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
	{ "login", "登录名", GN_FIELD_TEXT, GN_FIELD_REQUIRED | GN_FIELD_POSITIONAL, 32, NULL, "跳板机上的系统登录名" },
	{ "role", "角色", GN_FIELD_CHOICE, GN_FIELD_REQUIRED, 0, role_names, NULL },
	{ "org", "所属组织", GN_FIELD_ORG, GN_FIELD_REQUIRED, 0, NULL, "角色的范围：此组织及其下级" },
	{ "name", "姓名", GN_FIELD_TEXT, 0, 50, NULL, NULL },
	{ "phone", "电话", GN_FIELD_TEXT, 0, 30, NULL, NULL },
	{ NULL },
};

static const struct gn_field user_set_fields[] = {
	{ "id", "登录名", GN_FIELD_LOGIN, GN_FIELD_REQUIRED | GN_FIELD_POSITIONAL, 32, NULL, NULL },
	{ "role", "角色", GN_FIELD_CHOICE, 0, 0, role_names, NULL },
	{ "org", "所属组织", GN_FIELD_ORG, 0, 0, NULL, NULL },
	{ "name", "姓名", GN_FIELD_TEXT, 0, 50, NULL, NULL },
	{ "phone", "电话", GN_FIELD_TEXT, 0, 30, NULL, NULL },
	{ NULL },
};

static const struct gn_field user_key_fields[] = {
	{ "id", "登录名", GN_FIELD_LOGIN, GN_FIELD_REQUIRED | GN_FIELD_POSITIONAL, 32, NULL, NULL },
	{ NULL },
};

static const struct gn_action user_actions[] = {
	{ "add", "添加登录", GN_ROLE_ADMIN, user_add_fields, "login", NULL, "org", user_add, GN_ACTION_CREATES, "Art 6–8" },
	{ "set", "修改登录", GN_ROLE_ADMIN, user_set_fields, "login", NULL, NULL, user_set, 0, "Art 6–8" },
	{ "disable", "停用登录", GN_ROLE_ADMIN, user_key_fields, "login", NULL, NULL, user_disable, GN_ACTION_DESTRUCTIVE, "Art 6–8" },
	{ "enable", "启用登录", GN_ROLE_ADMIN, user_key_fields, "login", NULL, NULL, user_enable, 0, "Art 6–8" },
	{ NULL },
};

static const struct gn_column user_columns[] = {
	{ "login", "登录名", 14, 0 },
	{ "name", "姓名", 8, 0 },
	{ "role", "角色", 8, 0 },
	{ "org", "所属组织", 24, 0 },
	{ "state", "状态", 4, 0 },
	{ NULL },
};

static const struct gn_filter user_filters[] = {
	{ "role", "角色", GN_FIELD_CHOICE, "role = ?", role_names },
	{ "under", "在此组织之下", GN_FIELD_ORG, "org_path LIKE ? || '%'", NULL },
	{ NULL },
};

#define USER_SELECT \
	"SELECT l.id, l.login, coalesce(l.name, '') AS name, l.role, o.name AS org," \
	" CASE l.disabled WHEN 0 THEN '启用' ELSE '停用' END AS state, coalesce(l.phone, '') AS phone," \
	" l.created_at, o.path AS org_path FROM login l JOIN org o ON o.id = l.org_id"

static const struct gn_view user_views[] = {
	{ "list", "登录", USER_SELECT, user_columns, user_filters, NULL, NULL },
	{ NULL },
};

static const struct gn_record user_record = {
	"login", "登录", USER_SELECT " WHERE l.id = ?1", "SELECT id FROM login WHERE login = ?1",
};

const struct gn_plugin core_login_component = {
	.abi = GN_PLUGIN_ABI,
	.name = "user",
	.title = "登录",
	.version = PACKAGE_VERSION,
	.record = &user_record,
	.views = user_views,
	.actions = user_actions,
};
