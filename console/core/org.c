#include "config.h"
#include "org.h"
#include "store.h"
#include "strbuf.h"

#include <stdio.h>
#include <string.h>
#include "govnet/banned.h"

int org_within(const char *scope, const char *path)
{
	return path && strncmp(scope, path, strlen(scope)) == 0;
}

/* The forms a code may take (org.h).  USCC characters exclude I, O, S, V, Z. */
int org_is_code(const char *key)
{
	size_t n = key ? strlen(key) : 0, digits = strspn(key ? key : "", "0123456789");

	if ((n == 6 || n == 9) && digits == n)
		return 1;
	if (n >= 9 && n <= 11 && digits == 6 && key[6] == '-' &&
	    strspn(key + 7, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") == n - 7)
		return 1;
	return n == 18 && strspn(key, "0123456789ABCDEFGHJKLMNPQRTUWXY") == 18;
}

int org_check_code_name(const char *code, const char *name, struct gn_err *err)
{
	if (code && *code && !org_is_code(code))
		return err_set(err, GN_REFUSED,
			       "代码（--code）\"%.40s\" 不是行政区划代码（6 位数字）、其主管部门或运行管理机构代码"
			       "（如 320700-ZWB）、组织机构代码（9 位数字）或统一社会信用代码（18 位）", code);
	if (name && org_is_code(name))
		return err_set(err, GN_REFUSED, "名称（--name）\"%.40s\" 形同组织代码：名称与代码不得混淆", name);
	return 0;
}

int org_resolve(sqlite3 *db, const char *key, int64_t *id, struct gn_err *err)
{
	sqlite3_stmt *st;
	struct strbuf codes = STRBUF_INIT;
	int n = 0, rc;

	if (!key || !*key)
		return err_set(err, GN_USAGE, "缺少组织名称或代码");
	/* A key is a code or a name, never both (org_check_code_name): a code
	 * set to another organisation's name cannot shadow it. */
	if (store_cached(db,
			 org_is_code(key) ? "SELECT id, coalesce(code, '#' || id), name FROM org WHERE code = ?1"
					  : "SELECT id, coalesce(code, '#' || id), name FROM org WHERE name = ?1 LIMIT 6",
			 &st) != SQLITE_OK)
		return store_error(db, "查找组织", err);
	sqlite3_bind_text(st, 1, key, -1, SQLITE_TRANSIENT);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (n == 0)
			*id = sqlite3_column_int64(st, 0);
		/* A code match is exact: it wins over names. */
		if (n == 0 && strcmp((const char *)sqlite3_column_text(st, 1), key) == 0) {
			n = 1;
			break;
		}
		sb_addf(&codes, "%s%s(%s)", n ? "、" : "", sqlite3_column_text(st, 2),
			sqlite3_column_text(st, 1));
		n++;
	}
	store_release(db, st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		sb_free(&codes);
		return store_error(db, "查找组织", err);
	}
	if (n == 0)
		err_set(err, GN_REFUSED, "没有名称或代码为 \"%.100s\" 的组织（见「组织」）", key);
	else if (n > 1)
		err_set(err, GN_REFUSED, "名称 \"%.100s\" 对应多个组织：%s；请用代码指定", key, sb_str(&codes));
	sb_free(&codes);
	return n == 1 ? 0 : -1;
}

/* Each organisation is read once per command: a write looked the same
 * one up several times (its scope, its handler, its rules, its audit and
 * notifications).  A copy is used only inside a transaction and only while
 * the organisations are as they were when the copy was made: SQLite's data
 * version of the file (which changes with any other connection's commits),
 * the rows of org this connection wrote (store_cache's update hook), and
 * the rollbacks store_cache heard of.  Anything else reads the store
 * again; a connection store_open did not open keeps no copies. */
#define ORG_COPIES 8
static struct org_copy {
	sqlite3 *db;
	unsigned version, epoch;
	sqlite3_int64 changes;
	struct gn_org org;
} org_copies[ORG_COPIES];
static unsigned org_copy_next;

struct org_state {
	unsigned version, epoch;
	sqlite3_int64 changes;
};

static int org_state_of(sqlite3 *db, struct org_state *s)
{
	/* A connection store_open did not open is not watched (epoch 0). */
	if (sqlite3_get_autocommit(db) || !(s->epoch = store_cache_epoch(db)) ||
	    sqlite3_file_control(db, "main", SQLITE_FCNTL_DATA_VERSION, &s->version) != SQLITE_OK)
		return -1;
	s->changes = store_cache_org_writes(db);
	return 0;
}

static int org_copy_find(sqlite3 *db, const struct org_state *s, int64_t id, struct gn_org *o)
{
	for (int i = 0; i < ORG_COPIES; i++) {
		const struct org_copy *c = &org_copies[i];
		if (c->db == db && c->org.id == id && c->version == s->version && c->epoch == s->epoch &&
		    c->changes == s->changes) {
			*o = c->org;
			return 1;
		}
	}
	return 0;
}

static void org_copy_keep(sqlite3 *db, const struct org_state *s, const struct gn_org *o)
{
	org_copies[org_copy_next++ % ORG_COPIES] =
		(struct org_copy){ .db = db, .version = s->version, .epoch = s->epoch, .changes = s->changes, .org = *o };
}

int org_get(sqlite3 *db, int64_t id, struct gn_org *o, struct gn_err *err)
{
	struct org_state state;
	int cacheable = org_state_of(db, &state) == 0;
	sqlite3_stmt *st;
	int rc;

	if (cacheable && org_copy_find(db, &state, id, o))
		return 0;

	/* County-level divisions and functional zones stand directly under the
	 * city (core_org.c's placement table), so the one an organisation lies
	 * in is the city's child whose path starts its own. */
	if (store_cached(db,
			 "SELECT o.id, coalesce(o.parent_id, 0), coalesce(o.code, ''), o.name, o.kind, o.path,"
			 " coalesce(p.name, ''), coalesce(c.id, 0), coalesce(c.name, ''), coalesce(c.code, ''),"
			 " (SELECT id FROM org WHERE parent_id IS NULL)"
			 " FROM org o LEFT JOIN org p ON p.id = o.parent_id"
			 " LEFT JOIN org c ON c.parent_id = (SELECT id FROM org WHERE parent_id IS NULL)"
			 "  AND c.kind IN ('county', 'zone') AND substr(o.path, 1, length(c.path)) = c.path"
			 " WHERE o.id = ?1",
			 &st) != SQLITE_OK)
		return store_error(db, "查找组织", err);
	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		memset(o, 0, sizeof *o);
		o->id = sqlite3_column_int64(st, 0);
		o->parent_id = sqlite3_column_int64(st, 1);
		store_column_text(o->code, sizeof o->code, st, 2);
		store_column_text(o->name, sizeof o->name, st, 3);
		store_column_text(o->kind, sizeof o->kind, st, 4);
		store_column_text(o->path, sizeof o->path, st, 5);
		store_column_text(o->parent, sizeof o->parent, st, 6);
		o->county_id = sqlite3_column_int64(st, 7);
		store_column_text(o->county, sizeof o->county, st, 8);
		store_column_text(o->county_code, sizeof o->county_code, st, 9);
		o->city_id = sqlite3_column_int64(st, 10);
	}
	store_release(db, st);
	if (rc == SQLITE_ROW) {
		if (cacheable)
			org_copy_keep(db, &state, o);
		return 0;
	}
	if (rc == SQLITE_DONE)
		return err_set(err, GN_REFUSED, "组织 #%lld 不存在", (long long)id);
	return store_error(db, "查找组织", err);
}

int org_lookup(sqlite3 *db, int64_t id, char *path, size_t path_size, char *name, size_t name_size,
	       struct gn_err *err)
{
	struct gn_org o;

	if (org_get(db, id, &o, err))
		return -1;
	if (path)
		snprintf(path, path_size, "%s", o.path);
	if (name)
		snprintf(name, name_size, "%s", o.name);
	return 0;
}

int org_insert(sqlite3 *db, int64_t parent, const char *code, const char *name, const char *kind,
	       const char *now, int64_t *id, struct gn_err *err)
{
	char parent_path[256] = "/";

	if (org_check_code_name(code, name, err))
		return -1;
	if (parent && org_lookup(db, parent, parent_path, sizeof parent_path, NULL, 0, err))
		return -1;
	/* The path needs the new id: insert with a placeholder, then set it. */
	if (store_run(db,
		      "INSERT INTO org(parent_id, code, name, kind, path, created_at) "
		      "VALUES (nullif(?1, 0), nullif(?2, ''), ?3, ?4, 'new:' || random(), ?5)",
		      err, "itttt", parent, code ? code : "", name, kind, now)) {
		if (sqlite3_extended_errcode(db) == SQLITE_CONSTRAINT_UNIQUE) {
			if (code && *code && strstr(sqlite3_errmsg(db), "org.code"))
				return err_set(err, GN_REFUSED, "组织代码 %s 已被占用", code);
			return err_set(err, GN_REFUSED, "同一上级下已有名为 \"%s\" 的组织", name);
		}
		return store_error(db, "添加组织", err);
	}
	*id = sqlite3_last_insert_rowid(db);
	return store_run(db, "UPDATE org SET path = ?1 || id || '/' WHERE id = ?2", err, "ti", parent_path, *id) ?
		       store_error(db, "添加组织", err) : 0;
}

/* The city of Lianyungang as the 2023 rules name it (Art 6–7): six
 * county-level divisions, four functional zones (功能板块), and the city's
 * competent authority and operating agency. */
static const struct {
	const char *code, *name, *kind;
} city_members[] = {
	{ "320703", "连云区", "county" },
	{ "320706", "海州区", "county" },
	{ "320707", "赣榆区", "county" },
	{ "320722", "东海县", "county" },
	{ "320723", "灌云县", "county" },
	{ "320724", "灌南县", "county" },
	{ "320771", "连云港经济技术开发区", "zone" },
	{ "320772", "徐圩新区", "zone" },
	{ "320773", "连云港高新技术产业开发区", "zone" },
	{ "320774", "云台山风景名胜区", "zone" },
	{ "320700-ZWB", ORG_CITY_OFFICE, "authority" }, /* Art 6: 主管部门 */
	{ "320700-DSJ", ORG_CITY_AGENCY, "agency" },    /* Art 6: 运行管理机构 */
};

int org_seed_city(sqlite3 *db, const char *now, struct gn_err *err)
{
	int64_t city, id;

	if (org_insert(db, 0, ORG_CITY_CODE, "连云港市", "city", now, &city, err))
		return -1;
	for (size_t i = 0; i < sizeof city_members / sizeof city_members[0]; i++)
		if (org_insert(db, city, city_members[i].code, city_members[i].name,
			       city_members[i].kind, now, &id, err))
			return -1;
	return 0;
}
