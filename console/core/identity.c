#include "config.h"
#include "identity.h"
#include "boundary.h"
#include "clock.h"
#include "org.h"
#include "store.h"
#include "strbuf.h"
#include "utf8.h"

#include <errno.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "govnet/banned.h"

/* Role i is the bit 1 << i (plugin.h's enum gn_role): its code, stored
 * and typed, and its title, read. */
const char *const role_names[] = { "office", "operator", "dept", "auditor", "admin", NULL };
const char *const role_titles[] = { "主管部门", "运行管理机构", "接入部门", "审计", "管理员", NULL };
#define ROLE_COUNT (sizeof role_names / sizeof role_names[0] - 1)

static int role_index(enum gn_role role)
{
	for (size_t i = 0; i < ROLE_COUNT; i++)
		if ((unsigned)role == 1u << i)
			return (int)i;
	return -1;
}

const char *role_name(enum gn_role role)
{
	int i = role_index(role);

	return i < 0 ? "?" : role_names[i];
}

const char *role_title(enum gn_role role)
{
	int i = role_index(role);

	return i < 0 ? "?" : role_titles[i];
}

int role_parse(const char *name, enum gn_role *role)
{
	for (size_t i = 0; i < ROLE_COUNT; i++)
		if (strcmp(role_names[i], name) == 0) {
			*role = (enum gn_role)(1u << i);
			return 0;
		}
	return -1;
}

/* Whether the caller may act as anyone on the store at path (DESIGN §2).
 * Installed set-group-ID, only the real root may; otherwise the owner of
 * the file, as tests and demos do. */
static int caller_owns(const char *path)
{
	struct stat st;

	if (boundary_installed())
		return getuid() == 0;
	if (stat(path, &st) != 0)
		return errno == ENOENT; /* whoever creates it will own it */
	return st.st_uid == geteuid();
}

int identity_init(struct gn_ctx *ctx, struct gn_err *err)
{
	/* The real uid: the one a set-group-ID run cannot change. */
	struct passwd *pw = getpwuid(getuid());
	const char *env_login = boundary_getenv("GOVNET_LOGIN");
	const char *env_now = boundary_getenv("GOVNET_NOW");
	const char *ssh = getenv("SSH_CONNECTION");

	ctx->owner = caller_owns(ctx->db_path);
	snprintf(ctx->login, sizeof ctx->login, "%s", pw ? pw->pw_name : "");
	if (!pw) /* a uid with no passwd entry still has a name to ask about */
		snprintf(ctx->login, sizeof ctx->login, "uid%ld", (long)getuid());
	if (env_login && *env_login && ctx->owner) {
		if (strlen(env_login) >= sizeof ctx->login)
			return err_set(err, GN_USAGE, "GOVNET_LOGIN 太长");
		snprintf(ctx->login, sizeof ctx->login, "%s", env_login);
	}
	ctx->now = time(NULL);
	if (env_now && *env_now && ctx->owner && clock_parse(env_now, &ctx->now, err)) {
		err_prefix(err, "GOVNET_NOW：");
		return -1;
	}
	/* "client-ip client-port server-ip server-port" */
	ctx->client[0] = '\0';
	if (ssh && utf8_has_control(ssh, strlen(ssh), 0))
		return err_set(err, GN_REFUSED, "SSH_CONNECTION 含有控制字符，已拒绝");
	if (ssh) {
		size_t n = strcspn(ssh, " ");
		if (n < sizeof ctx->client) {
			memcpy(ctx->client, ssh, n);
			ctx->client[n] = '\0';
		}
	}
	return 0;
}

int identity_load_actor(struct gn_ctx *ctx, struct gn_err *err)
{
	struct gn_actor *a = &ctx->actor;
	sqlite3_stmt *st;
	int rc;

	memset(a, 0, sizeof *a);
	/* Read on every change (the door reads it again under the lock):
	 * prepared once per connection. */
	if (store_cached(ctx->db,
			 "SELECT l.id, l.role, l.org_id, o.path, o.name, o.parent_id IS NULL"
			 " FROM login l JOIN org o ON o.id = l.org_id"
			 " WHERE l.login = ?1 AND l.disabled = 0",
			 &st) != SQLITE_OK)
		return store_error(ctx->db, "读取登录信息", err);
	sqlite3_bind_text(st, 1, ctx->login, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		a->registered = 1;
		a->id = sqlite3_column_int64(st, 0);
		role_parse((const char *)sqlite3_column_text(st, 1), &a->role);
		a->org_id = sqlite3_column_int64(st, 2);
		snprintf(a->org_path, sizeof a->org_path, "%s", sqlite3_column_text(st, 3));
		memcpy(a->org_path_end, a->org_path, sizeof a->org_path_end);
		a->org_path_end[strlen(a->org_path_end) - 1] = '0';
		snprintf(a->org_name, sizeof a->org_name, "%s", sqlite3_column_text(st, 4));
		a->city_wide = sqlite3_column_int(st, 5);
	}
	store_release(ctx->db, st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_error(ctx->db, "读取登录信息", err);
	return 0;
}

int identity_refuse_unregistered(struct gn_ctx *ctx, struct gn_err *err)
{
	struct strbuf who = STRBUF_INIT;
	struct gn_err unread = { .status = GN_OK };
	sqlite3_stmt *st;
	int n = 0;

	/* Name the administrators nearest the top first: they can help anyone. */
	if (store_prepare(ctx->db,
			  "SELECT l.login, coalesce(l.name, ''), o.name, coalesce(l.phone, '')"
			  " FROM login l JOIN org o ON o.id = l.org_id"
			  " WHERE l.role = 'admin' AND l.disabled = 0"
			  " ORDER BY length(o.path), l.id LIMIT 3",
			  &st, &unread, "") == 0) {
		while (sqlite3_step(st) == SQLITE_ROW) {
			sb_addf(&who, "%s%s", n++ ? "，" : "", sqlite3_column_text(st, 0));
			if (*sqlite3_column_text(st, 1))
				sb_addf(&who, "（%s", sqlite3_column_text(st, 1));
			else
				sb_add(&who, "（");
			sb_addf(&who, "%s%s", *sqlite3_column_text(st, 1) ? "，" : "", sqlite3_column_text(st, 2));
			if (*sqlite3_column_text(st, 3))
				sb_addf(&who, "，%s", sqlite3_column_text(st, 3));
			sb_add(&who, "）");
		}
		sqlite3_finalize(st);
	}
	err_set(err, GN_REFUSED, "登录名 %s 未在 govnet 登记（或已停用），不能查看或更改任何内容；请联系管理员%s%s开通",
		ctx->login, n ? "：" : "", n ? sb_str(&who) : "");
	sb_free(&who);
	return -1;
}
