/*
 * rules/library.c — what a county rule's script sees: the read-only
 * globals, the standard library cut down to what is pure, and the
 * functions wrapped so that no limit can be escaped (sandbox.h).
 *
 * pcall, xpcall, coroutine.resume, coroutine.wrap and coroutine.close
 * hand a script its own errors, never the stop.  setmetatable refuses
 * __gc, rawset refuses read-only tables, load takes text only,
 * collectgarbage only counts.  Library tables reach the script as
 * read-only proxies; the string metatable is hidden.
 */
#include "config.h"
#include "sandbox.h"
#include "utf8.h"

#include <lauxlib.h>
#include <lualib.h>
#include <stdlib.h>
#include <string.h>
#include "govnet/banned.h"

/* Registry keys (their addresses). */
static const char key_globals, key_script, key_env, key_frozen;

/* ---- read-only tables -------------------------------------------------- */

static int is_frozen(lua_State *L, int idx)
{
	int frozen;

	idx = lua_absindex(L, idx);
	lua_rawgetp(L, LUA_REGISTRYINDEX, &key_frozen);
	lua_pushvalue(L, idx);
	frozen = lua_rawget(L, -2) != LUA_TNIL;
	lua_pop(L, 2);
	return frozen;
}

static void mark_frozen(lua_State *L, int idx)
{
	idx = lua_absindex(L, idx);
	lua_rawgetp(L, LUA_REGISTRYINDEX, &key_frozen);
	lua_pushvalue(L, idx);
	lua_pushboolean(L, 1);
	lua_rawset(L, -3);
	lua_pop(L, 1);
}

static int readonly_newindex(lua_State *L)
{
	const char *what = lua_tostring(L, lua_upvalueindex(1));
	const char *key = lua_type(L, 2) == LUA_TSTRING ? lua_tostring(L, 2) : luaL_typename(L, 2);

	return luaL_error(L, "%s是只读的，不能修改 %s", what, key);
}

static int readonly_pairs(lua_State *L)
{
	lua_pushvalue(L, lua_upvalueindex(1)); /* next */
	lua_pushvalue(L, lua_upvalueindex(2)); /* the table behind the proxy */
	lua_pushnil(L);
	return 3;
}

/* Replace the table at the top of the stack by a read-only proxy of it. */
static void freeze_top(lua_State *L, const char *what)
{
	int real = lua_gettop(L);

	lua_newtable(L); /* proxy */
	lua_newtable(L); /* its metatable */
	lua_pushvalue(L, real);
	lua_setfield(L, -2, "__index");
	lua_pushstring(L, what);
	lua_pushcclosure(L, readonly_newindex, 1);
	lua_setfield(L, -2, "__newindex");
	lua_rawgetp(L, LUA_REGISTRYINDEX, &key_globals);
	lua_getfield(L, -1, "next");
	lua_remove(L, -2);
	lua_pushvalue(L, real);
	lua_pushcclosure(L, readonly_pairs, 2);
	lua_setfield(L, -2, "__pairs");
	lua_pushliteral(L, "只读");
	lua_setfield(L, -2, "__metatable");
	lua_setmetatable(L, -2);
	mark_frozen(L, -1);
	lua_replace(L, real);
}

/* ---- the library a script sees ----------------------------------------- */

/* pcall and xpcall that catch a script's own errors, never the stop. */
static int finish_pcall(lua_State *L, int status, lua_KContext extra)
{
	if (sandbox_stopped(L))
		return sandbox_raise_stop(L);
	if (status != LUA_OK && status != LUA_YIELD) {
		lua_pushboolean(L, 0);
		lua_pushvalue(L, -2);
		return 2;
	}
	return lua_gettop(L) - (int)extra;
}

static int guard_pcall(lua_State *L)
{
	int status;

	luaL_checkany(L, 1);
	lua_pushboolean(L, 1);
	lua_insert(L, 1);
	status = lua_pcallk(L, lua_gettop(L) - 2, LUA_MULTRET, 0, 0, finish_pcall);
	return finish_pcall(L, status, 0);
}

/*
 * A script's message handler runs where the error was raised.  When the
 * stop raised it, that is inside the count hook, and Lua keeps hooks off
 * until the error reaches a protected call: the handler would run
 * unwatched.  So once poisoned the handler is skipped.
 */
static int guarded_handler(lua_State *L)
{
	if (sandbox_stopped(L))
		return 1;
	lua_pushvalue(L, lua_upvalueindex(1));
	lua_insert(L, 1);
	lua_call(L, lua_gettop(L) - 1, 1);
	return 1;
}

static int guard_xpcall(lua_State *L)
{
	int n = lua_gettop(L), status;

	luaL_checktype(L, 2, LUA_TFUNCTION);
	lua_pushvalue(L, 2);
	lua_pushcclosure(L, guarded_handler, 1);
	lua_replace(L, 2);
	lua_pushboolean(L, 1);
	lua_pushvalue(L, 1);
	lua_rotate(L, 3, 2);
	status = lua_pcallk(L, n - 2, LUA_MULTRET, 2, 2, finish_pcall);
	return finish_pcall(L, status, 2);
}

/* Call the original function in upvalue 1 with this call's arguments. */
static int call_original(lua_State *L)
{
	int n = lua_gettop(L);

	lua_pushvalue(L, lua_upvalueindex(1));
	lua_insert(L, 1);
	lua_call(L, n, LUA_MULTRET);
	return lua_gettop(L);
}

/* coroutine.resume and coroutine.close return errors as values: the stop
 * must not be one of them. */
static int guard_catching(lua_State *L)
{
	int n = call_original(L);

	if (sandbox_stopped(L))
		return sandbox_raise_stop(L);
	return n;
}

static int guard_cocreate(lua_State *L)
{
	call_original(L);
	sandbox_watch(lua_tothread(L, -1));
	return 1;
}

static int guard_cowrap(lua_State *L)
{
	call_original(L);
	/* The library's wrapper keeps its coroutine as its only upvalue. */
	if (lua_getupvalue(L, -1, 1)) {
		if (lua_isthread(L, -1))
			sandbox_watch(lua_tothread(L, -1));
		lua_pop(L, 1);
	}
	return 1;
}

static int guard_setmetatable(lua_State *L)
{
	if (lua_type(L, 2) == LUA_TTABLE) {
		lua_pushliteral(L, "__gc");
		if (lua_rawget(L, 2) != LUA_TNIL)
			return luaL_error(L, "不允许 __gc 终结器（规则脚本不能在回收时运行代码）");
		lua_pop(L, 1);
	}
	if (lua_type(L, 1) == LUA_TTABLE && is_frozen(L, 1))
		return luaL_error(L, "只读表不能更换元表");
	return call_original(L);
}

static int guard_rawset(lua_State *L)
{
	if (lua_type(L, 1) == LUA_TTABLE && is_frozen(L, 1))
		return luaL_error(L, "只读表不能修改（rawset）");
	return call_original(L);
}

static int guard_collectgarbage(lua_State *L)
{
	const char *opt = luaL_optstring(L, 1, "collect");

	if (strcmp(opt, "count") != 0)
		return luaL_error(L, "collectgarbage 只允许 \"count\"（内存由 govnet 管理）");
	lua_pushnumber(L, (lua_Number)lua_gc(L, LUA_GCCOUNT) + (lua_Number)lua_gc(L, LUA_GCCOUNTB) / 1024.0);
	return 1;
}

/* load: text chunks only, in the script's read-only environment. */
static int guard_load(lua_State *L)
{
	size_t len;
	const char *chunk, *name, *mode;
	int status;

	if (lua_type(L, 1) != LUA_TSTRING)
		return luaL_error(L, "load 只接受文本代码（字符串）");
	chunk = lua_tolstring(L, 1, &len);
	name = luaL_optstring(L, 2, "=(load)");
	mode = luaL_optstring(L, 3, "t");
	if (strchr(mode, 'b'))
		return luaL_error(L, "不允许加载二进制代码（load 只接受文本）");
	sandbox_charge(L, (long)(len / 4));
	status = luaL_loadbufferx(L, chunk, len, name, "t");
	if (status != LUA_OK) {
		lua_pushnil(L);
		lua_insert(L, -2);
		return 2;
	}
	if (!lua_isnone(L, 4)) {
		lua_pushvalue(L, 4);
		if (!lua_setupvalue(L, -2, 1))
			lua_pop(L, 1);
	}
	return 1;
}

static int guard_print(lua_State *L)
{
	const struct sandbox_host *host = sandbox_host_of(L);
	int n = lua_gettop(L);

	for (int i = 1; i <= n; i++) {
		size_t len;
		const char *s = luaL_tolstring(L, i, &len);
		if (host && host->printed && host->printed->len + len + 2 < SANDBOX_PRINT_MAX) {
			if (i > 1)
				sb_addch(host->printed, '\t');
			if (utf8_valid(s, len) && !memchr(s, '\0', len))
				sb_addn(host->printed, s, len);
			else
				sb_add(host->printed, "（不是有效的 UTF-8 文本，已略去）");
		}
		lua_pop(L, 1);
	}
	if (host && host->printed && host->printed->len + 1 < SANDBOX_PRINT_MAX)
		sb_addch(host->printed, '\n');
	return 0;
}

/* os.time() and os.date() read the event's clock, not the machine's. */
static int guard_ostime(lua_State *L)
{
	const struct sandbox_host *host = sandbox_host_of(L);

	if (lua_isnoneornil(L, 1) && host) {
		lua_pushinteger(L, (lua_Integer)host->now);
		return 1;
	}
	return call_original(L);
}

static int guard_osdate(lua_State *L)
{
	const struct sandbox_host *host = sandbox_host_of(L);

	if (lua_isnoneornil(L, 2) && host) {
		if (lua_isnone(L, 1))
			lua_pushliteral(L, "%c");
		lua_settop(L, 1);
		lua_pushinteger(L, (lua_Integer)host->now);
	}
	return call_original(L);
}

/*
 * C code that holds something outside the state (malloc, libc's locks,
 * the store) runs as a host region: the timer's jump waits for its end.
 * The call is protected so that the region is left on every path.
 */
static int guard_host(lua_State *L)
{
	int n = lua_gettop(L), status;

	lua_pushvalue(L, lua_upvalueindex(1));
	lua_insert(L, 1);
	sandbox_host_enter(L);
	status = lua_pcall(L, n, LUA_MULTRET, 0);
	sandbox_host_leave(L);
	if (sandbox_stopped(L))
		return sandbox_raise_stop(L);
	if (status != LUA_OK)
		return lua_error(L);
	return lua_gettop(L);
}

/* Replace the function at the top of the stack by its host region. */
static void wrap_host(lua_State *L)
{
	lua_pushcclosure(L, guard_host, 1);
}

/*
 * C functions are charged for the work they will do before they start,
 * counted in iterations (a C loop meets neither the hook nor, when it
 * allocates nothing, the allocator): string.rep("", n) loops n times.
 * A count is capped at the whole budget, which it then exhausts.
 */
enum cost_kind { COST_STRING, COST_REP, COST_SORT, COST_MOVE, COST_CONCAT, COST_UNPACK, COST_LENGTH, COST_FORMAT };

static long capped(lua_Unsigned n)
{
	return n >= (lua_Unsigned)SANDBOX_INSN_BUDGET ? SANDBOX_INSN_BUDGET : (long)n;
}

/* The iterations from i to j (none when j < i), capped. */
static long span(lua_Integer i, lua_Integer j)
{
	return j < i ? 0 : capped((lua_Unsigned)j - (lua_Unsigned)i + 1);
}

/* The length a table function will see: #t with its __len, as the
 * library reads it (a Lua __len is itself under the hook). */
static lua_Integer table_length(lua_State *L)
{
	if (lua_type(L, 1) != LUA_TTABLE && !luaL_getmetafield(L, 1, "__len"))
		return 0;
	if (lua_type(L, 1) != LUA_TTABLE)
		lua_pop(L, 1);
	return luaL_len(L, 1);
}

/* A comparator passed to table.sort, charged at every comparison. */
static int charged_compare(lua_State *L)
{
	sandbox_charge(L, 4);
	lua_pushvalue(L, lua_upvalueindex(1));
	lua_insert(L, 1);
	lua_call(L, 2, 1);
	return 1;
}

/* string.format: its format, and every argument it converts. */
static long format_cost(lua_State *L)
{
	long cost = lua_type(L, 1) == LUA_TSTRING ? (long)lua_rawlen(L, 1) : 0;

	for (int i = 2; i <= lua_gettop(L); i++)
		cost += 100 + (lua_type(L, i) == LUA_TSTRING ? (long)(lua_rawlen(L, i) / 8) : 0);
	return cost;
}

static int guard_charged(lua_State *L)
{
	enum cost_kind kind = (enum cost_kind)lua_tointeger(L, lua_upvalueindex(2));
	long cost = 1;

	switch (kind) {
	case COST_STRING:
		if (lua_type(L, 1) == LUA_TSTRING)
			cost += (long)(lua_rawlen(L, 1) / 8);
		break;
	case COST_REP: {
		lua_Integer n = luaL_optinteger(L, 2, 0);
		size_t len = lua_type(L, 1) == LUA_TSTRING ? lua_rawlen(L, 1) : 0;
		size_t sep = lua_type(L, 3) == LUA_TSTRING ? lua_rawlen(L, 3) : 0;
		if (n > 0 && len + sep > 0 && (lua_Unsigned)n > SANDBOX_MEM_LIMIT / (len + sep)) {
			sandbox_stop_for_memory(L);
			return sandbox_raise_stop(L);
		}
		/* Each repetition is an iteration, even of nothing. */
		if (n > 0)
			cost += capped((lua_Unsigned)n / 8) + (long)((size_t)n * (len + sep) / 16);
		break;
	}
	case COST_SORT: {
		lua_Unsigned n = (lua_Unsigned)table_length(L);
		long lg = 1;
		while ((n >> lg) > 0 && lg < 62)
			lg++;
		cost += capped(n) * lg * 8;
		if (lua_type(L, 2) == LUA_TFUNCTION) {
			lua_pushvalue(L, 2);
			lua_pushcclosure(L, charged_compare, 1);
			lua_replace(L, 2);
		}
		break;
	}
	case COST_MOVE: /* table.move(a1, f, e, t) */
		cost += span(luaL_checkinteger(L, 2), luaL_checkinteger(L, 3));
		break;
	case COST_CONCAT: /* table.concat(t, sep, i, j) */
	case COST_UNPACK: /* table.unpack(t, i, j) */ {
		int first = kind == COST_CONCAT ? 3 : 2;
		lua_Integer i = luaL_optinteger(L, first, 1);
		lua_Integer j = lua_isnoneornil(L, first + 1) ? table_length(L) : luaL_checkinteger(L, first + 1);
		cost += span(i, j);
		break;
	}
	case COST_LENGTH: /* table.insert and remove move the elements after pos */
		cost += capped((lua_Unsigned)table_length(L));
		break;
	case COST_FORMAT:
		cost += format_cost(L);
		break;
	}
	sandbox_charge(L, cost);
	return call_original(L);
}

static void set_wrapped(lua_State *L, int lib, const char *name, lua_CFunction fn)
{
	lua_getfield(L, lib, name);
	lua_pushcclosure(L, fn, 1);
	lua_setfield(L, -2, name);
}

static void set_charged(lua_State *L, int lib, const char *name, enum cost_kind kind)
{
	lua_getfield(L, lib, name);
	lua_pushinteger(L, kind);
	lua_pushcclosure(L, guard_charged, 2);
	lua_setfield(L, -2, name);
}

/* Make the field name of the table on top a host region. */
static void set_host(lua_State *L, const char *name)
{
	lua_getfield(L, -1, name);
	wrap_host(L);
	lua_setfield(L, -2, name);
}

/* Copy the named fields of the module table at idx into the table on top. */
static void copy_fields(lua_State *L, int idx, const char *const *names)
{
	for (; *names; names++) {
		lua_getfield(L, idx, *names);
		lua_setfield(L, -2, *names);
	}
}

static const char *const base_names[] = {
	"assert", "error", "ipairs", "next", "pairs", "rawequal", "rawget", "rawlen", "select",
	"tonumber", "tostring", "type", "getmetatable", "_VERSION", NULL,
};
static const char *const string_names[] = {
	"byte", "char", "format", "len", "lower", "upper", "reverse", "sub", "pack", "packsize", "unpack", NULL,
};
static const char *const table_names[] = { "concat", "insert", "pack", "remove", "unpack", NULL };
static const char *const math_names[] = {
	"abs", "ceil", "floor", "fmod", "max", "min", "modf", "sqrt", "exp", "log", "sin", "cos", "tan",
	"asin", "acos", "atan", "tointeger", "type", "ult", "random", "randomseed", "huge", "pi",
	"maxinteger", "mininteger", NULL,
};
static const char *const utf8_names[] = { "char", "charpattern", NULL };
static const char *const coroutine_names[] = { "yield", "status", "running", "isyieldable", NULL };
static const char *const os_names[] = { "clock", "difftime", NULL };

/* Open a standard module without publishing it; leaves it on the stack. */
static int open_module(lua_State *L, const char *name, lua_CFunction open)
{
	luaL_requiref(L, name, open, 0);
	return lua_gettop(L);
}

int sandbox_open_library(lua_State *L)
{
	int base, str, tab, math, utf, co, os, g;

	base = open_module(L, "_G", luaopen_base);
	str = open_module(L, "string", luaopen_string);
	tab = open_module(L, "table", luaopen_table);
	math = open_module(L, "math", luaopen_math);
	utf = open_module(L, "utf8", luaopen_utf8);
	co = open_module(L, "coroutine", luaopen_coroutine);
	os = open_module(L, "os", luaopen_os);

	lua_newtable(L); /* the set of read-only tables, weak keys */
	lua_newtable(L);
	lua_pushliteral(L, "k");
	lua_setfield(L, -2, "__mode");
	lua_setmetatable(L, -2);
	lua_rawsetp(L, LUA_REGISTRYINDEX, &key_frozen);

	lua_newtable(L);
	g = lua_gettop(L);
	lua_pushvalue(L, g);
	lua_rawsetp(L, LUA_REGISTRYINDEX, &key_globals);
	lua_pushvalue(L, g);
	copy_fields(L, base, base_names);
	lua_pushcfunction(L, guard_pcall);
	lua_setfield(L, g, "pcall");
	lua_pushcfunction(L, guard_xpcall);
	lua_setfield(L, g, "xpcall");
	lua_pushcfunction(L, guard_load);
	lua_setfield(L, g, "load");
	lua_pushcfunction(L, guard_collectgarbage);
	lua_setfield(L, g, "collectgarbage");
	lua_pushcfunction(L, guard_print);
	wrap_host(L); /* strbuf and __tostring: malloc */
	lua_setfield(L, g, "print");
	lua_pop(L, 1);
	lua_getfield(L, base, "setmetatable");
	lua_pushcclosure(L, guard_setmetatable, 1);
	lua_setfield(L, g, "setmetatable");
	lua_getfield(L, base, "rawset");
	lua_pushcclosure(L, guard_rawset, 1);
	lua_setfield(L, g, "rawset");

	/* string: no dump; matching and rep paid for step by step.  The
	 * string metatable points at the same table and is hidden. */
	lua_newtable(L);
	copy_fields(L, str, string_names);
	sandbox_open_patterns(L);
	set_charged(L, str, "rep", COST_REP);
	set_charged(L, str, "format", COST_FORMAT);
	set_charged(L, str, "byte", COST_STRING);
	set_charged(L, str, "reverse", COST_STRING);
	set_charged(L, str, "lower", COST_STRING);
	set_charged(L, str, "upper", COST_STRING);
	lua_pushliteral(L, "");
	if (lua_getmetatable(L, -1)) {
		lua_pushvalue(L, -3);
		lua_setfield(L, -2, "__index");
		lua_pushliteral(L, "只读");
		lua_setfield(L, -2, "__metatable");
		lua_pop(L, 1);
	}
	lua_pop(L, 1);
	freeze_top(L, "string 库");
	lua_setfield(L, g, "string");

	lua_newtable(L);
	copy_fields(L, tab, table_names);
	set_charged(L, tab, "sort", COST_SORT);
	set_charged(L, tab, "move", COST_MOVE);
	set_charged(L, tab, "concat", COST_CONCAT);
	set_charged(L, tab, "unpack", COST_UNPACK);
	set_charged(L, tab, "insert", COST_LENGTH);
	set_charged(L, tab, "remove", COST_LENGTH);
	freeze_top(L, "table 库");
	lua_setfield(L, g, "table");

	lua_newtable(L);
	copy_fields(L, math, math_names);
	freeze_top(L, "math 库");
	lua_setfield(L, g, "math");

	lua_newtable(L);
	copy_fields(L, utf, utf8_names);
	set_charged(L, utf, "len", COST_STRING);
	set_charged(L, utf, "offset", COST_STRING);
	set_charged(L, utf, "codepoint", COST_STRING);
	set_charged(L, utf, "codes", COST_STRING);
	freeze_top(L, "utf8 库");
	lua_setfield(L, g, "utf8");

	lua_newtable(L);
	copy_fields(L, co, coroutine_names);
	set_wrapped(L, co, "create", guard_cocreate);
	set_wrapped(L, co, "wrap", guard_cowrap);
	set_wrapped(L, co, "resume", guard_catching);
	set_wrapped(L, co, "close", guard_catching);
	freeze_top(L, "coroutine 库");
	lua_setfield(L, g, "coroutine");

	lua_newtable(L);
	copy_fields(L, os, os_names);
	set_wrapped(L, os, "time", guard_ostime);
	set_wrapped(L, os, "date", guard_osdate);
	set_host(L, "time"); /* mktime and localtime take libc's lock */
	set_host(L, "date");
	freeze_top(L, "os 库");
	lua_setfield(L, g, "os");

	sandbox_push_govnet(L);
	lua_pushnil(L); /* the helpers read the store: host regions */
	while (lua_next(L, -2)) {
		if (lua_type(L, -1) == LUA_TFUNCTION) {
			wrap_host(L);
			lua_pushvalue(L, -2);
			lua_insert(L, -2);
			lua_settable(L, -4);
		} else {
			lua_pop(L, 1);
		}
	}
	freeze_top(L, "govnet 库");
	lua_setfield(L, g, "govnet");

	/* The script's environment: globals it defines land here while its
	 * top level runs; sandbox_load then freezes it.  It is also what
	 * every chunk loaded later sees as its globals. */
	lua_newtable(L);
	lua_newtable(L);
	lua_pushvalue(L, g);
	lua_setfield(L, -2, "__index");
	lua_pushliteral(L, "只读");
	lua_setfield(L, -2, "__metatable");
	lua_setmetatable(L, -2);
	lua_pushvalue(L, -1);
	lua_setfield(L, g, "_G");
	lua_pushvalue(L, -1);
	lua_rawsetp(L, LUA_REGISTRYINDEX, &key_env);
	lua_rawseti(L, LUA_REGISTRYINDEX, LUA_RIDX_GLOBALS);
	return 0;
}

/* Move the script's globals out of its environment and lock the door. */
void sandbox_freeze_script(lua_State *L, unsigned *hooks)
{
	int env, script;

	lua_rawgetp(L, LUA_REGISTRYINDEX, &key_env);
	env = lua_gettop(L);
	lua_newtable(L);
	script = lua_gettop(L);
	lua_pushnil(L);
	while (lua_next(L, env)) {
		lua_pushvalue(L, -2);
		lua_insert(L, -2);
		lua_rawset(L, script);
	}
	lua_pushnil(L);
	while (lua_next(L, script)) {
		lua_pop(L, 1);
		lua_pushvalue(L, -1);
		lua_pushnil(L);
		lua_rawset(L, env);
	}
	lua_newtable(L);
	lua_rawgetp(L, LUA_REGISTRYINDEX, &key_globals);
	lua_setfield(L, -2, "__index");
	lua_setmetatable(L, script);
	lua_pushvalue(L, script);
	lua_rawsetp(L, LUA_REGISTRYINDEX, &key_script);

	lua_newtable(L);
	lua_pushvalue(L, script);
	lua_setfield(L, -2, "__index");
	lua_pushliteral(L, "全局变量");
	lua_pushcclosure(L, readonly_newindex, 1);
	lua_setfield(L, -2, "__newindex");
	lua_rawgetp(L, LUA_REGISTRYINDEX, &key_globals);
	lua_getfield(L, -1, "next");
	lua_remove(L, -2);
	lua_pushvalue(L, script);
	lua_pushcclosure(L, readonly_pairs, 2);
	lua_setfield(L, -2, "__pairs");
	lua_pushliteral(L, "只读");
	lua_setfield(L, -2, "__metatable");
	lua_setmetatable(L, env);
	mark_frozen(L, env);

	*hooks = 0;
	for (int i = 0; sandbox_hook_names[i]; i++) {
		int t = lua_getfield(L, script, sandbox_hook_names[i]);
		if (t == LUA_TFUNCTION)
			*hooks |= 1u << i;
		else if (t != LUA_TNIL)
			luaL_error(L, "%s 应当是函数，而脚本把它定义成了 %s", sandbox_hook_names[i], lua_typename(L, t));
		lua_pop(L, 1);
	}
	lua_settop(L, env - 1);
}

static int is_hook_name(const char *name)
{
	for (int i = 0; sandbox_hook_names[i]; i++)
		if (strcmp(name, sandbox_hook_names[i]) == 0)
			return 1;
	return 0;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

void sandbox_list_functions(lua_State *L, int tests, struct strbuf *out)
{
	char **names = NULL;
	size_t n = 0;

	lua_rawgetp(L, LUA_REGISTRYINDEX, &key_script);
	if (!lua_istable(L, -1))
		return;
	lua_pushnil(L);
	while (lua_next(L, -2)) {
		if (lua_type(L, -2) == LUA_TSTRING && lua_type(L, -1) == LUA_TFUNCTION) {
			size_t klen;
			const char *k = lua_tolstring(L, -2, &klen);
			int test = strncmp(k, "test_", 5) == 0;
			/* Names end up on a terminal: printable UTF-8 only. */
			int printable = utf8_valid(k, klen) && klen < 200;
			for (size_t i = 0; i < klen && printable; i++)
				printable = (unsigned char)k[i] >= 0x20 && k[i] != 0x7f;
			if (!printable) {
				lua_pop(L, 1);
				continue;
			}
			if (tests ? test : (!test && !is_hook_name(k))) {
				names = xrealloc(names, (n + 1) * sizeof *names);
				names[n++] = xstrdup(k);
			}
		}
		lua_pop(L, 1);
	}
	if (n > 1)
		qsort(names, n, sizeof *names, cmp_str);
	for (size_t i = 0; i < n; i++) {
		sb_addf(out, "%s\n", names[i]);
		free(names[i]);
	}
	free(names);
}

int sandbox_push_script(lua_State *L)
{
	return lua_rawgetp(L, LUA_REGISTRYINDEX, &key_script);
}
