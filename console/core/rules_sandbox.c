/*
 * rules_sandbox.c — the sandbox a county rule runs in (Art 30).
 *
 * Each script gets its own lua_State made with lua_newstate and an
 * allocator that counts every byte against SANDBOX_MEM_LIMIT.  A count
 * hook takes SANDBOX_HOOK_STEP instructions from the call's budget and
 * looks at the clock; the allocator charges what it hands out and looks at
 * the clock before large blocks, so that work done inside C functions
 * (string.rep, concatenation, table.concat) is paid for too.
 *
 * When the budget, the clock or the memory cap runs out the state is
 * poisoned.  From then on the hook raises the stop at every tick, and the
 * sandbox's own pcall, xpcall, coroutine.resume, coroutine.wrap and
 * coroutine.close raise it again the moment they would have caught it, so
 * the stop travels all the way out to sandbox_call.  The engine then
 * closes the state; nothing the script did survives.
 *
 * Lua runs __gc metamethods with hooks switched off, so a finalizer could
 * never be stopped: setmetatable refuses a metatable with a __gc field
 * (a field added later marks nothing, by Lua's rules), and the script
 * cannot reach debug.setmetatable.
 */
#include "config.h"
#include "rules_sandbox.h"
#include "utf8.h"

#include <lauxlib.h>
#include <lualib.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const sandbox_hook_names[] = { "validate", "deadline", "route", "on", NULL };

struct sandbox {
	lua_State *L;
	char name[64];
	size_t used, peak, limit;
	int in_call;
	long budget;              /* instructions left in this call */
	struct timespec deadline; /* CLOCK_MONOTONIC */
	int poisoned;
	char reason[160];
	char where[128];          /* "x.lua:12: " where the stop first struck */
	const struct sandbox_host *host;
	unsigned hooks;
};

/* Registry keys (their addresses). */
static const char key_globals, key_script, key_env, key_frozen;

/* ---- limits ----------------------------------------------------------- */

static struct sandbox *sandbox_of(lua_State *L)
{
	void *ud;
	lua_getallocf(L, &ud);
	return ud;
}

void sandbox_deadline_in(struct timespec *t, long ms)
{
	clock_gettime(CLOCK_MONOTONIC, t);
	t->tv_sec += ms / 1000;
	t->tv_nsec += (ms % 1000) * 1000000L;
	if (t->tv_nsec >= 1000000000L) {
		t->tv_sec++;
		t->tv_nsec -= 1000000000L;
	}
}

void sandbox_deadline_within(struct timespec *t, const struct timespec *limit)
{
	sandbox_deadline_in(t, SANDBOX_WALL_MS);
	if (limit && (limit->tv_sec < t->tv_sec || (limit->tv_sec == t->tv_sec && limit->tv_nsec < t->tv_nsec)))
		*t = *limit;
}

static int past_deadline(const struct sandbox *sb)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return now.tv_sec > sb->deadline.tv_sec ||
	       (now.tv_sec == sb->deadline.tv_sec && now.tv_nsec >= sb->deadline.tv_nsec);
}

static void poison(struct sandbox *sb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void poison(struct sandbox *sb, const char *fmt, ...)
{
	va_list ap;

	if (sb->poisoned)
		return;
	sb->poisoned = 1;
	va_start(ap, fmt);
	vsnprintf(sb->reason, sizeof sb->reason, fmt, ap);
	va_end(ap);
}

static void poison_budget(struct sandbox *sb)
{
	poison(sb, "超出指令预算（每次调用 %ld 条），已停止", SANDBOX_INSN_BUDGET);
}

static void poison_clock(struct sandbox *sb)
{
	poison(sb, "运行超时（每次调用至多 %d 毫秒），已停止", SANDBOX_WALL_MS);
}

static void poison_memory(struct sandbox *sb)
{
	poison(sb, "内存超出上限（%u MB），已停止", SANDBOX_MEM_LIMIT >> 20);
}

/* The first line of Lua code on the stack: where the stop struck. */
static void locate(lua_State *L, char *out, size_t size)
{
	lua_Debug ar;

	out[0] = '\0';
	for (int level = 0; lua_getstack(L, level, &ar); level++) {
		if (lua_getinfo(L, "Sl", &ar) && ar.currentline > 0) {
			snprintf(out, size, "%s:%d: ", ar.short_src, ar.currentline);
			return;
		}
	}
}

/* Raise the stop.  Called again and again until it reaches sandbox_call. */
static int raise_stop(lua_State *L, struct sandbox *sb)
{
	if (!sb->where[0])
		locate(L, sb->where, sizeof sb->where);
	lua_pushfstring(L, "%s%s", sb->where, sb->reason);
	return lua_error(L);
}

void sandbox_charge(lua_State *L, long cost)
{
	struct sandbox *sb = sandbox_of(L);

	if (!sb->in_call)
		return;
	if (!sb->poisoned) {
		sb->budget -= cost;
		if (sb->budget <= 0)
			poison_budget(sb);
		else if (cost >= 256 && past_deadline(sb))
			poison_clock(sb);
	}
	if (sb->poisoned)
		raise_stop(L, sb);
}

static void count_hook(lua_State *L, lua_Debug *ar)
{
	(void)ar;
	sandbox_charge(L, SANDBOX_HOOK_STEP);
}

/*
 * Every block the state holds passes through here.  Shrinking never
 * fails (Lua relies on that).  Growth beyond the cap fails and poisons;
 * once poisoned a small reserve lets the stop's message be built.
 */
static void *sandbox_alloc(void *ud, void *ptr, size_t osize, size_t nsize)
{
	struct sandbox *sb = ud;
	size_t old = ptr ? osize : 0;
	void *p;

	if (nsize == 0) {
		free(ptr);
		sb->used -= old;
		return NULL;
	}
	if (nsize > old) {
		size_t grow = nsize - old;
		size_t cap = sb->limit + (sb->poisoned ? SANDBOX_MEM_RESERVE : 0);
		if (grow > cap || sb->used > cap - grow) {
			poison_memory(sb);
			return NULL;
		}
		if (sb->in_call && !sb->poisoned) {
			sb->budget -= (long)(grow >> 4);
			if (sb->budget <= 0)
				poison_budget(sb);
			else if (grow >= (64u << 10) && past_deadline(sb))
				poison_clock(sb);
			if (sb->poisoned)
				return NULL;
		}
	}
	p = realloc(ptr, nsize);
	if (!p) {
		if (nsize > old)
			return NULL;
		p = ptr; /* a shrink that failed keeps the larger block */
	}
	sb->used = sb->used - old + nsize;
	if (sb->used > sb->peak)
		sb->peak = sb->used;
	return p;
}

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
	struct sandbox *sb = sandbox_of(L);

	if (sb->poisoned)
		return raise_stop(L, sb);
	if (status != LUA_OK && status != LUA_YIELD) {
		lua_pushboolean(L, 0);
		lua_pushvalue(L, -2);
		return 2;
	}
	return lua_gettop(L) - (int)extra;
}

static int sb_pcall(lua_State *L)
{
	int status;

	luaL_checkany(L, 1);
	lua_pushboolean(L, 1);
	lua_insert(L, 1);
	status = lua_pcallk(L, lua_gettop(L) - 2, LUA_MULTRET, 0, 0, finish_pcall);
	return finish_pcall(L, status, 0);
}

static int sb_xpcall(lua_State *L)
{
	int n = lua_gettop(L), status;

	luaL_checktype(L, 2, LUA_TFUNCTION);
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
static int sb_catching(lua_State *L)
{
	int n = call_original(L);
	struct sandbox *sb = sandbox_of(L);

	if (sb->poisoned)
		return raise_stop(L, sb);
	return n;
}

static int sb_cocreate(lua_State *L)
{
	call_original(L);
	lua_sethook(lua_tothread(L, -1), count_hook, LUA_MASKCOUNT, SANDBOX_HOOK_STEP);
	return 1;
}

static int sb_cowrap(lua_State *L)
{
	call_original(L);
	/* The library's wrapper keeps its coroutine as its only upvalue. */
	if (lua_getupvalue(L, -1, 1)) {
		if (lua_isthread(L, -1))
			lua_sethook(lua_tothread(L, -1), count_hook, LUA_MASKCOUNT, SANDBOX_HOOK_STEP);
		lua_pop(L, 1);
	}
	return 1;
}

static int sb_setmetatable(lua_State *L)
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

static int sb_rawset(lua_State *L)
{
	if (lua_type(L, 1) == LUA_TTABLE && is_frozen(L, 1))
		return luaL_error(L, "只读表不能修改（rawset）");
	return call_original(L);
}

static int sb_collectgarbage(lua_State *L)
{
	const char *opt = luaL_optstring(L, 1, "collect");

	if (strcmp(opt, "count") != 0)
		return luaL_error(L, "collectgarbage 只允许 \"count\"（内存由 govnet 管理）");
	lua_pushnumber(L, (lua_Number)lua_gc(L, LUA_GCCOUNT) + (lua_Number)lua_gc(L, LUA_GCCOUNTB) / 1024.0);
	return 1;
}

/* load: text chunks only, in the script's read-only environment. */
static int sb_load(lua_State *L)
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

static int sb_print(lua_State *L)
{
	const struct sandbox_host *host = sandbox_host_of(L);
	int n = lua_gettop(L);

	for (int i = 1; i <= n; i++) {
		size_t len;
		const char *s = luaL_tolstring(L, i, &len);
		if (host && host->printed && host->printed->len + len + 2 < SANDBOX_PRINT_MAX) {
			if (i > 1)
				sb_addch(host->printed, '\t');
			sb_addn(host->printed, s, len);
		}
		lua_pop(L, 1);
	}
	if (host && host->printed && host->printed->len + 1 < SANDBOX_PRINT_MAX)
		sb_addch(host->printed, '\n');
	return 0;
}

/* os.time() and os.date() read the event's clock, not the machine's. */
static int sb_ostime(lua_State *L)
{
	const struct sandbox_host *host = sandbox_host_of(L);

	if (lua_isnoneornil(L, 1) && host) {
		lua_pushinteger(L, (lua_Integer)host->now);
		return 1;
	}
	return call_original(L);
}

static int sb_osdate(lua_State *L)
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

/* C functions that work in proportion to their input without allocating
 * are charged for it before they start. */
enum cost_kind { COST_STRING, COST_REP, COST_SORT, COST_MOVE };

static int sb_charged(lua_State *L)
{
	enum cost_kind kind = (enum cost_kind)lua_tointeger(L, lua_upvalueindex(2));
	struct sandbox *sb = sandbox_of(L);
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
		if (n > 0 && len + sep > 0) {
			if ((lua_Unsigned)n > SANDBOX_MEM_LIMIT / (len + sep)) {
				poison_memory(sb);
				return raise_stop(L, sb);
			}
			cost += (long)((size_t)n * (len + sep) / 16);
		}
		break;
	}
	case COST_SORT: {
		lua_Unsigned n = lua_type(L, 1) == LUA_TTABLE ? lua_rawlen(L, 1) : 0;
		long lg = 1;
		while ((n >> lg) > 0 && lg < 62)
			lg++;
		cost += (long)(n > (lua_Unsigned)(SANDBOX_INSN_BUDGET) ? SANDBOX_INSN_BUDGET : n) * lg * 8;
		break;
	}
	case COST_MOVE: {
		lua_Integer f = luaL_checkinteger(L, 2), e = luaL_checkinteger(L, 3);
		lua_Unsigned span = (lua_Unsigned)e - (lua_Unsigned)f;
		if (e >= f)
			cost += span >= (lua_Unsigned)SANDBOX_INSN_BUDGET ? SANDBOX_INSN_BUDGET : (long)span;
		break;
	}
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
	lua_pushcclosure(L, sb_charged, 2);
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

/* Build the globals a script sees (runs protected, on a fresh state). */
static int setup(lua_State *L)
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
	lua_pushcfunction(L, sb_pcall);
	lua_setfield(L, g, "pcall");
	lua_pushcfunction(L, sb_xpcall);
	lua_setfield(L, g, "xpcall");
	lua_pushcfunction(L, sb_load);
	lua_setfield(L, g, "load");
	lua_pushcfunction(L, sb_collectgarbage);
	lua_setfield(L, g, "collectgarbage");
	lua_pushcfunction(L, sb_print);
	lua_setfield(L, g, "print");
	lua_pop(L, 1);
	lua_getfield(L, base, "setmetatable");
	lua_pushcclosure(L, sb_setmetatable, 1);
	lua_setfield(L, g, "setmetatable");
	lua_getfield(L, base, "rawset");
	lua_pushcclosure(L, sb_rawset, 1);
	lua_setfield(L, g, "rawset");

	/* string: no dump; matching and rep paid for step by step.  The
	 * string metatable points at the same table and is hidden. */
	lua_newtable(L);
	copy_fields(L, str, string_names);
	sandbox_open_patterns(L);
	lua_getfield(L, str, "rep");
	lua_pushinteger(L, COST_REP);
	lua_pushcclosure(L, sb_charged, 2);
	lua_setfield(L, -2, "rep");
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
	set_wrapped(L, co, "create", sb_cocreate);
	set_wrapped(L, co, "wrap", sb_cowrap);
	set_wrapped(L, co, "resume", sb_catching);
	set_wrapped(L, co, "close", sb_catching);
	freeze_top(L, "coroutine 库");
	lua_setfield(L, g, "coroutine");

	lua_newtable(L);
	copy_fields(L, os, os_names);
	set_wrapped(L, os, "time", sb_ostime);
	set_wrapped(L, os, "date", sb_osdate);
	freeze_top(L, "os 库");
	lua_setfield(L, g, "os");

	sandbox_push_govnet(L);
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

/* ---- states ------------------------------------------------------------ */

struct sandbox *sandbox_new(const char *name, struct gn_err *err)
{
	struct sandbox *sb = calloc(1, sizeof *sb);

	if (!sb) {
		err_set(err, GN_REFUSED, "内存不足，无法运行规则 %s", name);
		return NULL;
	}
	snprintf(sb->name, sizeof sb->name, "%s", name);
	sb->limit = SANDBOX_MEM_LIMIT;
	sb->L = lua_newstate(sandbox_alloc, sb);
	if (!sb->L) {
		free(sb);
		err_set(err, GN_REFUSED, "内存不足，无法运行规则 %s", name);
		return NULL;
	}
	lua_sethook(sb->L, count_hook, LUA_MASKCOUNT, SANDBOX_HOOK_STEP);
	lua_pushcfunction(sb->L, setup);
	if (lua_pcall(sb->L, 0, 0, 0) != LUA_OK) {
		err_set(err, GN_REFUSED, "无法为规则 %s 建立沙箱：%s", name,
			lua_tostring(sb->L, -1) ? lua_tostring(sb->L, -1) : "内存不足");
		sandbox_free(sb);
		return NULL;
	}
	return sb;
}

void sandbox_free(struct sandbox *sb)
{
	if (!sb)
		return;
	if (sb->L) {
		/* No script code runs here: finalizers were refused. */
		sb->in_call = 0;
		lua_close(sb->L);
	}
	free(sb);
}

int sandbox_poisoned(const struct sandbox *sb)
{
	return sb->poisoned;
}

size_t sandbox_used(const struct sandbox *sb)
{
	return sb->used;
}

size_t sandbox_peak(const struct sandbox *sb)
{
	return sb->peak;
}

unsigned sandbox_hooks(const struct sandbox *sb)
{
	return sb->hooks;
}

const struct sandbox_host *sandbox_host_of(lua_State *L)
{
	return sandbox_of(L)->host;
}

/* ---- protected calls and their messages -------------------------------- */

static int message_handler(lua_State *L)
{
	struct sandbox *sb = sandbox_of(L);
	const char *msg;

	if (sb->poisoned)
		msg = lua_pushfstring(L, "%s%s", sb->where, sb->reason);
	else if ((msg = lua_tostring(L, 1)) == NULL)
		msg = lua_pushfstring(L, "（抛出的错误是 %s 类型的值）", luaL_typename(L, 1));
	luaL_traceback(L, L, msg, 1);
	return 1;
}

/* Append s[0..len) to out, replacing bytes that are not valid UTF-8. */
static void add_clean(struct strbuf *out, const char *s, size_t len)
{
	while (len > 0) {
		uint32_t cp;
		size_t n = utf8_decode(s, len, &cp);
		if (cp == 0xFFFD && !utf8_valid(s, n))
			sb_addch(out, '?');
		else
			sb_addn(out, s, n);
		s += n;
		len -= n;
	}
}

/*
 * The user's message: what went wrong, where, then at most five frames of
 * the script's own code (frames in C and in govnet are left out).
 */
static void describe_failure(struct sandbox *sb, int status, struct gn_err *err)
{
	struct strbuf out = STRBUF_INIT;
	const char *raw = status == LUA_ERRRUN ? lua_tostring(sb->L, -1) : NULL;
	const char *tb = raw ? strstr(raw, "\nstack traceback:") : NULL;
	int frames = 0;

	if (sb->poisoned) {
		sb_add(&out, sb->where);
		sb_add(&out, sb->reason);
	} else if (raw) {
		add_clean(&out, raw, tb ? (size_t)(tb - raw) : strlen(raw));
	} else if (status == LUA_ERRMEM) {
		sb_add(&out, "内存不足");
	} else {
		sb_add(&out, "处理错误时又出错");
	}
	for (const char *line = tb ? tb + 1 : NULL; line && *line && frames < 5;) {
		const char *end = strchr(line, '\n');
		size_t len = end ? (size_t)(end - line) : strlen(line);
		const char *p = line;
		while (p < line + len && (*p == '\t' || *p == ' '))
			p++;
		if (memmem(p, len - (size_t)(p - line), ".lua:", 5) && strncmp(p, "[C]", 3) != 0) {
			sb_add(&out, frames++ ? "\n    " : "\n  调用栈：");
			add_clean(&out, p, len - (size_t)(p - line));
		}
		line = end ? end + 1 : NULL;
	}
	err_set(err, GN_REFUSED, "%s", sb_str(&out));
	sb_free(&out);
}

struct frame {
	struct sandbox *sb;
	const char *fn;           /* NULL: load the chunk */
	const char *source;
	size_t len;
	sandbox_push_fn push;
	void *push_data;
	sandbox_take_fn take;
	void *take_data;
	int nresults;
	struct gn_err *err;
	int failed;               /* take() refused the results */
	struct strbuf *listing;   /* sandbox_tests / unknown globals */
	int list_tests;
};

/* Move the script's globals out of its environment and lock the door. */
static void freeze_script(lua_State *L, struct sandbox *sb)
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

	sb->hooks = 0;
	for (int i = 0; sandbox_hook_names[i]; i++) {
		int t = lua_getfield(L, script, sandbox_hook_names[i]);
		if (t == LUA_TFUNCTION)
			sb->hooks |= 1u << i;
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

/* The script's global functions: its tests, or those that are neither
 * hooks nor tests. */
static void list_functions(lua_State *L, struct frame *f)
{
	char **names = NULL;
	size_t n = 0;

	lua_rawgetp(L, LUA_REGISTRYINDEX, &key_script);
	if (!lua_istable(L, -1))
		return;
	lua_pushnil(L);
	while (lua_next(L, -2)) {
		if (lua_type(L, -2) == LUA_TSTRING && lua_type(L, -1) == LUA_TFUNCTION) {
			const char *k = lua_tostring(L, -2);
			int test = strncmp(k, "test_", 5) == 0;
			if (f->list_tests ? test : (!test && !is_hook_name(k))) {
				names = xrealloc(names, (n + 1) * sizeof *names);
				names[n++] = xstrdup(k);
			}
		}
		lua_pop(L, 1);
	}
	if (n > 1)
		qsort(names, n, sizeof *names, cmp_str);
	for (size_t i = 0; i < n; i++) {
		sb_addf(f->listing, "%s\n", names[i]);
		free(names[i]);
	}
	free(names);
}

static int trampoline(lua_State *L)
{
	struct frame *f = lua_touserdata(L, 1);
	int nargs = 0;

	lua_settop(L, 0);
	if (f->listing) {
		list_functions(L, f);
		return 0;
	}
	if (!f->fn) {
		char chunkname[80];
		snprintf(chunkname, sizeof chunkname, "=%s.lua", f->sb->name);
		if (luaL_loadbufferx(L, f->source, f->len, chunkname, "t") != LUA_OK)
			return lua_error(L);
		lua_call(L, 0, 0);
		freeze_script(L, f->sb);
		return 0;
	}
	if (lua_rawgetp(L, LUA_REGISTRYINDEX, &key_script) != LUA_TTABLE)
		return luaL_error(L, "脚本尚未加载");
	if (lua_getfield(L, -1, f->fn) != LUA_TFUNCTION)
		return luaL_error(L, "脚本没有定义函数 %s", f->fn);
	lua_remove(L, -2);
	if (f->push)
		nargs = f->push(L, f->push_data);
	lua_call(L, nargs, f->nresults);
	if (f->take && f->take(L, f->take_data, f->err))
		f->failed = 1;
	return 0;
}

static int run_protected(struct sandbox *sb, struct frame *f, const struct sandbox_host *host,
			 const struct timespec *deadline, struct gn_err *err)
{
	lua_State *L = sb->L;
	int status, rc = 0;

	if (sb->poisoned)
		return err_set(err, GN_REFUSED, "%s%s", sb->where, sb->reason);
	sb->host = host;
	sb->budget = SANDBOX_INSN_BUDGET;
	if (deadline)
		sb->deadline = *deadline;
	else
		sandbox_deadline_in(&sb->deadline, SANDBOX_WALL_MS);
	lua_settop(L, 0);
	lua_pushcfunction(L, message_handler);
	lua_pushcfunction(L, trampoline);
	lua_pushlightuserdata(L, f);
	sb->in_call = 1;
	status = lua_pcall(L, 1, 0, 1);
	sb->in_call = 0;
	if (status != LUA_OK || sb->poisoned) {
		describe_failure(sb, status, err);
		rc = -1;
	} else if (f->failed) {
		rc = -1;
	}
	lua_settop(L, 0);
	sb->host = NULL;
	return rc;
}

int sandbox_load(struct sandbox *sb, const char *source, size_t len, const struct sandbox_host *host,
		 const struct timespec *deadline, struct gn_err *err)
{
	struct frame f = { .sb = sb, .source = source, .len = len, .err = err };

	if (!utf8_valid(source, len))
		return err_set(err, GN_REFUSED, "%s.lua 不是有效的 UTF-8 文本", sb->name);
	if (len > 0 && source[0] == '\x1b')
		return err_set(err, GN_REFUSED, "%s.lua 是编译过的字节码：规则只接受 Lua 源代码", sb->name);
	return run_protected(sb, &f, host, deadline, err);
}

int sandbox_call(struct sandbox *sb, const char *fn, const struct sandbox_host *host,
		 const struct timespec *deadline, sandbox_push_fn push, void *push_data, sandbox_take_fn take,
		 void *take_data, int nresults, struct gn_err *err)
{
	struct frame f = {
		.sb = sb, .fn = fn, .push = push, .push_data = push_data, .take = take, .take_data = take_data,
		.nresults = nresults, .err = err,
	};

	return run_protected(sb, &f, host, deadline, err);
}

static void list(struct sandbox *sb, int tests, struct strbuf *out)
{
	struct frame f = { .sb = sb, .listing = out, .list_tests = tests };
	struct gn_err ignored;

	run_protected(sb, &f, NULL, NULL, &ignored);
}

void sandbox_tests(struct sandbox *sb, struct strbuf *out)
{
	list(sb, 1, out);
}

void sandbox_unknown_globals(struct sandbox *sb, struct strbuf *out)
{
	list(sb, 0, out);
}
