/*
 * rules/helpers.c — what a county rule reads: the event it is asked about
 * and the govnet table of read-only helpers (lua-scripts/README.md).
 *
 * Every helper reads the store through the connection of the change being
 * judged, inside its transaction, and never writes — except govnet.notify,
 * which queues a message in that transaction from on().  Strings that come
 * from a script are checked for length and UTF-8 before they reach SQL.
 */
#include "config.h"
#include "sandbox.h"
#include "calendar.h"
#include "clock.h"
#include "door.h"
#include "identity.h"
#include "org.h"
#include "outbox.h"
#include "registry.h"
#include "rules.h"
#include "store.h"
#include "utf8.h"

#include <jansson.h>
#include <lauxlib.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "govnet/banned.h"

#define HELPER_COST 1000      /* instructions a store lookup is charged */
#define HELPER_MAX_TEXT 4000  /* bytes a helper accepts from a script */
#define JSON_MAX_DEPTH 16

/* A string argument from a script: bounded, valid UTF-8, no NUL. */
static const char *check_text(lua_State *L, int arg, const char *helper, size_t max)
{
	size_t len;
	const char *s = luaL_checklstring(L, arg, &len);

	if (len > max)
		luaL_error(L, "%s：第 %d 个参数太长（%d 字节，至多 %d）", helper, arg, (int)len, (int)max);
	if (!utf8_valid(s, len) || memchr(s, '\0', len))
		luaL_error(L, "%s：第 %d 个参数不是有效的 UTF-8 文本", helper, arg);
	return s;
}

static sqlite3 *host_db(lua_State *L)
{
	const struct sandbox_host *h = sandbox_host_of(L);

	return h && h->ctx ? h->ctx->db : NULL;
}

/* ---- organisations -------------------------------------------------------- */

static void set_string(lua_State *L, const char *key, const char *value)
{
	if (value && *value) {
		lua_pushstring(L, value);
		lua_setfield(L, -2, key);
	}
}

static void push_org(lua_State *L, const struct gn_org *o)
{
	lua_createtable(L, 0, 9);
	lua_pushinteger(L, o->id);
	lua_setfield(L, -2, "id");
	set_string(L, "code", o->code);
	set_string(L, "name", o->name);
	set_string(L, "kind", o->kind);
	set_string(L, "path", o->path);
	set_string(L, "parent", o->parent);
	set_string(L, "county", o->county);
	set_string(L, "county_code", o->county_code);
	lua_pushstring(L, strcmp(o->kind, "city") == 0 ? "city" : o->county[0] ? "county" : "city");
	lua_setfield(L, -2, "level");
}

/* govnet.org(name_or_code) → table, or nil and why. */
static int g_org(lua_State *L)
{
	const char *key = check_text(L, 1, "govnet.org", 200);
	sqlite3 *db = host_db(L);
	struct gn_org o;
	struct gn_err err = { .status = GN_OK };
	int64_t id;

	if (!db) {
		lua_pushnil(L);
		lua_pushliteral(L, "没有打开数据库");
		return 2;
	}
	sandbox_charge(L, HELPER_COST);
	if (org_resolve(db, key, &id, &err) || org_get(db, id, &o, &err)) {
		lua_pushnil(L);
		lua_pushstring(L, err.msg);
		return 2;
	}
	push_org(L, &o);
	return 1;
}

/* govnet.workdays(date, n) → the date n working days after date. */
static int g_workdays(lua_State *L)
{
	const char *date = check_text(L, 1, "govnet.workdays", 10);
	lua_Integer n = luaL_checkinteger(L, 2);
	sqlite3 *db = host_db(L);
	struct gn_err err = { .status = GN_OK };
	char out[11];
	int beyond = 0;

	if (n < 0 || n > 3660)
		return luaL_error(L, "govnet.workdays：天数应在 0 到 3660 之间，而不是 %d", (int)n);
	if (!calendar_date_valid(date))
		return luaL_error(L, "govnet.workdays：日期应为 YYYY-MM-DD，而不是 \"%s\"", date);
	if (!db)
		return luaL_error(L, "govnet.workdays：没有打开数据库，无法读取节假日安排");
	sandbox_charge(L, HELPER_COST + (long)n * 10);
	if (calendar_add_workdays(db, date, (int)n, out, &beyond, &err))
		return luaL_error(L, "govnet.workdays：%s", err.msg);
	lua_pushstring(L, out);
	lua_pushboolean(L, beyond);
	return 2;
}

/* The table a component's records live in: its workflow's, else its record's. */
static const char *component_table(const struct registry *reg, const char *what)
{
	for (size_t i = 0; reg && i < reg->n; i++) {
		const struct gn_plugin *c = reg->items[i].desc;
		const char *table = c->workflow ? c->workflow->table : c->record ? c->record->table : NULL;
		if (!table)
			continue;
		if (strcmp(c->name, what) == 0 || strcmp(table, what) == 0)
			return table;
	}
	return NULL;
}

/* govnet.count(component, state [, org]) → how many records, by state,
 * within an organisation's subtree when one is given. */
static int g_count(lua_State *L)
{
	const struct sandbox_host *h = sandbox_host_of(L);
	const char *what = check_text(L, 1, "govnet.count", 64);
	const char *state = lua_isnoneornil(L, 2) ? NULL : check_text(L, 2, "govnet.count", 64);
	const char *org_key = lua_isnoneornil(L, 3) ? NULL : check_text(L, 3, "govnet.count", 200);
	sqlite3 *db = host_db(L);
	const char *table;
	char sql[400], path[256];
	struct gn_err err = { .status = GN_OK };
	sqlite3_stmt *st;
	int64_t org_id;
	lua_Integer n = 0;
	int rc;

	if (!db)
		return luaL_error(L, "govnet.count：没有打开数据库");
	table = component_table(h->ctx->reg, what);
	if (!table || strchr(table, '"'))
		return luaL_error(L, "govnet.count：没有名为 \"%s\" 的组件或记录表", what);
	sandbox_charge(L, HELPER_COST * 10);
	if (org_key && (org_resolve(db, org_key, &org_id, &err) ||
			org_lookup(db, org_id, path, sizeof path, NULL, 0, &err)))
		return luaL_error(L, "govnet.count：%s", err.msg);
	snprintf(sql, sizeof sql, "SELECT count(*) FROM \"%s\" t WHERE 1%s%s", table, state ? " AND t.state = ?1" : "",
		 org_key ? " AND t.org_id IN (SELECT id FROM org WHERE substr(path, 1, length(?2)) = ?2)" : "");
	/* Bound by hand: the parameters the query has depend on what is asked. */
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		return luaL_error(L, "govnet.count：%s 不能按%s计数（%s）", what, state ? "状态" : "组织", sqlite3_errmsg(db));
	if (state)
		sqlite3_bind_text(st, 1, state, -1, SQLITE_TRANSIENT);
	if (org_key)
		sqlite3_bind_text(st, 2, path, -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW)
		return luaL_error(L, "govnet.count：%s", sqlite3_errmsg(db));
	lua_pushinteger(L, n);
	return 1;
}

/*
 * govnet.notify(channel, text): a message to the named channel, queued in
 * the outbox with the change (outbox_queue_text), so it commits or rolls
 * back with it.  Only on() may queue: validate, deadline and route judge a
 * change that may yet be refused, so there it is an error.  Where there
 * is no change at all (a script's top level, `rules test`) it queues
 * nothing and returns false and why, so that a test can call on().
 * The limits of rules.h hold: per change, per hour, and a county's rule
 * only to its county's channels.
 */
/* 1 when the rule may use the channel: a city rule any, a county's one
 * that some subscription within the county uses; 0 when not; 1 too when
 * there is no such channel, which outbox_queue_text refuses by name. */
static int channel_within(sqlite3 *db, const char *channel, const char *rule_path)
{
	struct gn_err ignored = { .status = GN_OK };
	int64_t ok = 1;
	int rc;

	rc = store_query_int(db,
			     "SELECT ?2 = (SELECT path FROM org WHERE parent_id IS NULL) OR EXISTS (SELECT 1 FROM notify_sub n"
			     " JOIN org o ON o.id = n.org_id WHERE n.channel_id = c.id AND substr(o.path, 1, length(?2)) = ?2)"
			     " FROM notify_channel c WHERE c.name = ?1",
			     &ok, &ignored, "tt", channel, rule_path);
	return rc < 0 ? 0 : ok != 0;
}

/* Messages the rule queued in the hour up to now (the change's clock). */
static int64_t notified_in_hour(sqlite3 *db, int64_t rule_id, time_t now)
{
	char since[CLOCK_ISO_LEN], until[CLOCK_ISO_LEN];
	struct gn_err ignored = { .status = GN_OK };
	int64_t n = INT64_MAX; /* unknown counts as over the limit */

	clock_format(now - 3600, since);
	clock_format(now, until);
	store_query_int(db, "SELECT count(*) FROM rule_notify WHERE rule_id = ?1 AND at > ?2 AND at <= ?3", &n, &ignored,
			"itt", rule_id, since, until);
	return n;
}

static int g_notify(lua_State *L)
{
	const struct sandbox_host *h = sandbox_host_of(L);
	const char *channel = check_text(L, 1, "govnet.notify", 100);
	const char *text = check_text(L, 2, "govnet.notify", HELPER_MAX_TEXT);
	struct gn_err err = { .status = GN_OK };
	char event[160];

	if (!h || !h->call || !h->hook) {
		lua_pushboolean(L, 0);
		lua_pushliteral(L, "没有正在进行的更改：通知只随更改排队（测试中不发送）");
		return 2;
	}
	if (strcmp(h->hook, "on") != 0)
		return luaL_error(L, "govnet.notify 只能在 on(event) 中调用，不能在 %s 中：此时更改尚未写入，可能被拒绝",
				  h->hook);
	if (!*channel)
		return luaL_error(L, "govnet.notify：频道名称不能为空");
	sandbox_charge(L, HELPER_COST);
	if (h->notified && *h->notified >= RULES_NOTIFY_PER_CHANGE)
		return luaL_error(L, "govnet.notify：每条更改至多 %d 条通知，本规则已排队 %d 条", RULES_NOTIFY_PER_CHANGE,
				  *h->notified);
	if (h->rule_id && notified_in_hour(h->ctx->db, h->rule_id, h->now) >= RULES_NOTIFY_PER_HOUR)
		return luaL_error(L, "govnet.notify：每条规则每小时至多 %d 条通知，已达上限", RULES_NOTIFY_PER_HOUR);
	if (h->rule_org_path && !channel_within(h->ctx->db, channel, h->rule_org_path))
		return luaL_error(L, "govnet.notify：渠道 %s 没有本县区的订阅，县区规则只能通知本县区订阅的渠道",
				  channel);
	snprintf(event, sizeof event, "%s.%s", h->call->component->name, h->call->action->verb);
	if (outbox_queue_text(h->ctx->db, channel, event, h->call->org_id, text, &err))
		return luaL_error(L, "govnet.notify：%s", err.msg);
	if (h->rule_id && store_run(h->ctx->db, "INSERT INTO rule_notify(rule_id, outbox_id, at) VALUES (?1, ?2, ?3)",
				    &err, "iit", h->rule_id, (int64_t)sqlite3_last_insert_rowid(h->ctx->db),
				    h->call->now))
		return luaL_error(L, "govnet.notify：%s", err.msg);
	if (h->notified)
		(*h->notified)++;
	lua_pushboolean(L, 1);
	return 1;
}

static int g_today(lua_State *L)
{
	const struct sandbox_host *h = sandbox_host_of(L);
	char day[11];

	clock_date(h ? h->now : time(NULL), day);
	lua_pushstring(L, day);
	return 1;
}

static int g_now(lua_State *L)
{
	const struct sandbox_host *h = sandbox_host_of(L);
	char iso[CLOCK_ISO_LEN];

	clock_format(h ? h->now : time(NULL), iso);
	lua_pushstring(L, iso);
	return 1;
}

/* Copy field k of the table at src into the table on top, when absent there. */
static void default_table(lua_State *L, const char *k)
{
	if (lua_getfield(L, -1, k) == LUA_TNIL) {
		lua_pop(L, 1);
		lua_newtable(L);
		lua_setfield(L, -2, k);
	} else {
		lua_pop(L, 1);
	}
}

/* govnet.event{…}: an event for a test, with what a real one always has. */
static int g_event(lua_State *L)
{
	sqlite3 *db = host_db(L);

	if (lua_isnoneornil(L, 1))
		lua_newtable(L);
	luaL_checktype(L, 1, LUA_TTABLE);
	lua_settop(L, 1);
	lua_newtable(L);
	lua_pushnil(L);
	while (lua_next(L, 1)) {
		lua_pushvalue(L, -2);
		lua_insert(L, -2);
		lua_rawset(L, 2);
	}
	default_table(L, "record");
	default_table(L, "args");
	if (lua_getfield(L, 2, "actor") == LUA_TNIL) {
		lua_createtable(L, 0, 2);
		lua_pushliteral(L, "tester");
		lua_setfield(L, -2, "login");
		lua_pushliteral(L, "office");
		lua_setfield(L, -2, "role");
		lua_setfield(L, 2, "actor");
	}
	lua_pop(L, 1);
	if (lua_getfield(L, 2, "org") == LUA_TSTRING) {
		const char *key = check_text(L, -1, "govnet.event", 200);
		struct gn_org o;
		struct gn_err err;
		int64_t id;
		if (db && org_resolve(db, key, &id, &err) == 0 && org_get(db, id, &o, &err) == 0) {
			push_org(L, &o);
		} else {
			/* Without a store a name is taken as a county-level division. */
			lua_createtable(L, 0, 2);
			lua_pushvalue(L, -2);
			lua_setfield(L, -2, "name");
			lua_pushvalue(L, -2);
			lua_setfield(L, -2, "county");
			lua_pushliteral(L, "county");
			lua_setfield(L, -2, "level");
		}
		lua_setfield(L, 2, "org");
	}
	lua_pop(L, 1);
	if (lua_getfield(L, 2, "now") == LUA_TNIL) {
		g_now(L);
		lua_setfield(L, 2, "now");
	}
	lua_pop(L, 1);
	if (lua_getfield(L, 2, "today") == LUA_TNIL) {
		g_today(L);
		lua_setfield(L, 2, "today");
	}
	lua_pop(L, 1);
	return 1;
}

void sandbox_push_govnet(lua_State *L)
{
	static const luaL_Reg fns[] = {
		{ "org", g_org }, { "workdays", g_workdays }, { "count", g_count }, { "notify", g_notify },
		{ "today", g_today }, { "now", g_now }, { "event", g_event }, { NULL, NULL },
	};

	luaL_newlib(L, fns);
	lua_pushliteral(L, PACKAGE_VERSION);
	lua_setfield(L, -2, "version");
}

/* ---- events ----------------------------------------------------------------- */

static void push_json(lua_State *L, json_t *v, int depth)
{
	const char *key;
	json_t *item;
	size_t i;

	luaL_checkstack(L, 4, "记录嵌套过深");
	switch (json_typeof(v)) {
	case JSON_OBJECT:
		lua_createtable(L, 0, (int)json_object_size(v));
		if (depth < JSON_MAX_DEPTH)
			json_object_foreach(v, key, item) {
				if (json_is_null(item))
					continue;
				push_json(L, item, depth + 1);
				lua_setfield(L, -2, key);
			}
		break;
	case JSON_ARRAY:
		lua_createtable(L, (int)json_array_size(v), 0);
		if (depth < JSON_MAX_DEPTH)
			json_array_foreach(v, i, item) {
				push_json(L, item, depth + 1);
				lua_rawseti(L, -2, (lua_Integer)i + 1);
			}
		break;
	case JSON_STRING: lua_pushlstring(L, json_string_value(v), json_string_length(v)); break;
	case JSON_INTEGER: lua_pushinteger(L, (lua_Integer)json_integer_value(v)); break;
	case JSON_REAL: lua_pushnumber(L, json_real_value(v)); break;
	case JSON_TRUE: lua_pushboolean(L, 1); break;
	case JSON_FALSE: lua_pushboolean(L, 0); break;
	default: lua_pushnil(L); break;
	}
}

/* A record's JSON as a table, or nil. */
static void push_record_json(lua_State *L, json_t *v)
{
	if (json_is_object(v))
		push_json(L, v, 0);
	else
		lua_pushnil(L);
}

/* An argument as its field's type says: integers as integers, switches
 * as booleans, everything else as given. */
static void push_arg(lua_State *L, const struct gn_action *a, const char *name, const char *value)
{
	const struct gn_field *f = action_field(a, name);

	if (f && (f->type == GN_FIELD_INT || f->type == GN_FIELD_ID)) {
		char *end;
		long long n = strtoll(value, &end, 10);
		if (*value && !*end) {
			lua_pushinteger(L, n);
			return;
		}
	} else if (f && f->type == GN_FIELD_FLAG) {
		lua_pushboolean(L, *value && strcmp(value, "0") != 0);
		return;
	}
	lua_pushstring(L, value);
}

/* "cross-level" → "cross_level": the record's column names. */
static void field_key(const char *name, char *out, size_t size)
{
	size_t i;

	for (i = 0; name[i] && i + 1 < size; i++)
		out[i] = name[i] == '-' ? '_' : name[i];
	out[i] = '\0';
}

int sandbox_push_event(lua_State *L, void *data)
{
	const struct sandbox_event *ev = data;
	struct gn_call *call = ev->call;
	struct gn_ctx *ctx = call->ctx;
	const struct gn_args *args = call->args;
	const char *why = args->why ? args->why : args_get(args, "reason");
	char day[11];
	int event, record;

	lua_createtable(L, 0, 20);
	event = lua_gettop(L);
	set_string(L, "plugin", call->component->name);
	set_string(L, "verb", call->action->verb);
	set_string(L, "title", call->action->title);
	set_string(L, "article", call->action->article);
	set_string(L, "why", why);
	set_string(L, "now", call->now);
	clock_date(ctx->now, day);
	set_string(L, "today", day);
	if (call->id) {
		lua_pushinteger(L, call->id);
		lua_setfield(L, event, "id");
	}
	if (ev->org) {
		push_org(L, ev->org);
		lua_setfield(L, event, "org");
	}

	lua_createtable(L, 0, 5);
	set_string(L, "login", ctx->login);
	set_string(L, "role", role_name(ctx->actor.role));
	set_string(L, "org", ctx->actor.org_name);
	lua_pushinteger(L, ctx->actor.org_id);
	lua_setfield(L, -2, "org_id");
	lua_setfield(L, event, "actor");

	push_record_json(L, ev->before);
	lua_setfield(L, event, "before");
	if (ev->written) {
		push_record_json(L, ev->after);
		lua_setfield(L, event, "after");
	}

	/* record: the record as it stands (or as written, for on()), with
	 * the values given laid over it. */
	lua_newtable(L);
	record = lua_gettop(L);
	if (lua_getfield(L, event, ev->written && ev->after ? "after" : "before") == LUA_TTABLE) {
		lua_pushnil(L);
		while (lua_next(L, -2)) {
			lua_pushvalue(L, -2);
			lua_insert(L, -2);
			lua_rawset(L, record);
		}
	}
	lua_pop(L, 1);
	lua_newtable(L); /* args */
	for (size_t i = 0; i < args->n; i++) {
		char key[64];
		push_arg(L, call->action, args->items[i].name, args->items[i].value);
		lua_setfield(L, -2, args->items[i].name);
		if (strcmp(args->items[i].name, "id") == 0 && call->id)
			continue;
		field_key(args->items[i].name, key, sizeof key);
		if (ev->written && ev->after && lua_getfield(L, record, key) != LUA_TNIL) {
			lua_pop(L, 1);
			continue;
		}
		if (ev->written && ev->after)
			lua_pop(L, 1);
		push_arg(L, call->action, args->items[i].name, args->items[i].value);
		lua_setfield(L, record, key);
	}
	lua_setfield(L, event, "args");
	if (call->id) {
		lua_pushinteger(L, call->id);
		lua_setfield(L, record, "id");
	}
	lua_setfield(L, event, "record");

	if (ev->article) {
		lua_createtable(L, 0, 3);
		set_string(L, "article", ev->article);
		set_string(L, "what", ev->what);
		lua_pushinteger(L, ev->days);
		lua_setfield(L, -2, "days");
		lua_setfield(L, event, "deadline");
		lua_pushinteger(L, ev->days);
		return 2;
	}
	return 1;
}
