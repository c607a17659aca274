/*
 * rules/sandbox.c — the sandbox a county rule runs in (Art 30).
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
 * coroutine.close (library.c) raise it again the moment they would
 * have caught it, so the stop travels all the way out to sandbox_call.
 * The engine then closes the state; nothing the script did survives.
 *
 * Lua runs __gc metamethods with hooks switched off, so a finalizer could
 * never be stopped: setmetatable refuses a metatable with a __gc field
 * (a field added later marks nothing, by Lua's rules), and the script
 * cannot reach debug.setmetatable.  Closing a state therefore runs no
 * script code.
 *
 * The hook and the allocator only run when the script gives them a
 * chance: a loop inside a C function that neither allocates nor calls
 * back into Lua would never meet them.  So every call also arms a timer
 * (SANDBOX_HARD_GRACE_MS after its deadline, then every
 * SANDBOX_HARD_TICK_MS) whose signal jumps straight out of the call,
 * wherever it is.  The state is then abandoned rather than closed: the
 * allocator keeps every block on a list, and the list is freed.  The jump
 * is held back while C code that owns outside resources runs (the
 * allocator itself, the govnet helpers, anything that takes a libc lock);
 * those regions are short, and the stop strikes as soon as they end.
 *
 * This file holds the limits and the protected calls; library.c
 * what the script sees.
 */
#include "config.h"
#include "sandbox.h"
#include "utf8.h"

#include <lauxlib.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "govnet/banned.h"

const char *const sandbox_hook_names[] = { "validate", "deadline", "route", "on", NULL };

/* What precedes every block the state holds: the list of them. */
union block {
	struct {
		union block *prev, *next;
	} link;
	max_align_t align;
};

struct sandbox {
	lua_State *L;
	union block blocks;       /* the list's head */
	volatile sig_atomic_t no_jump;  /* > 0: the timer must not jump now */
	volatile sig_atomic_t expired;  /* the timer fired */
	int abandoned;            /* jumped out of: L is not to be touched */
	sigjmp_buf jump;
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

/* The first line of Lua code on the stack: where the stop struck (the
 * script's name when no line of it is on the stack). */
static void locate(lua_State *L, const char *name, char *out, size_t size)
{
	lua_Debug ar;

	snprintf(out, size, "%s.lua: ", name);
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
		locate(L, sb->name, sb->where, sizeof sb->where);
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
		else if ((cost >= 256 && past_deadline(sb)) || sb->expired)
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

static void link_block(struct sandbox *sb, union block *b)
{
	b->link.prev = &sb->blocks;
	b->link.next = sb->blocks.link.next;
	sb->blocks.link.next->link.prev = b;
	sb->blocks.link.next = b;
}

static void unlink_block(union block *b)
{
	b->link.prev->link.next = b->link.next;
	b->link.next->link.prev = b->link.prev;
}

/* After the timer fired inside the allocator: no more growth, so the
 * loop that allocates fails and the stop is raised on its way out. */
static void leave_allocator(struct sandbox *sb)
{
	if (sb->expired && sb->in_call)
		poison_clock(sb);
	sb->no_jump--;
}

/*
 * Every block the state holds passes through here.  Shrinking never
 * fails (Lua relies on that).  Growth beyond the cap fails and poisons;
 * once poisoned a small reserve lets the stop's message be built.  The
 * timer's jump waits until the list and malloc are consistent again.
 */
static void *sandbox_alloc(void *ud, void *ptr, size_t osize, size_t nsize)
{
	struct sandbox *sb = ud;
	size_t old = ptr ? osize : 0;
	union block *b = ptr ? (union block *)ptr - 1 : NULL, *p;

	sb->no_jump++;
	if (nsize == 0) {
		if (b) {
			unlink_block(b);
			free(b);
		}
		sb->used -= old;
		leave_allocator(sb);
		return NULL;
	}
	if (nsize > old) {
		size_t grow = nsize - old;
		size_t cap = sb->limit + (sb->poisoned ? SANDBOX_MEM_RESERVE : 0);
		if (grow > cap || sb->used > cap - grow) {
			poison_memory(sb);
			leave_allocator(sb);
			return NULL;
		}
		if (sb->in_call && !sb->poisoned) {
			sb->budget -= (long)(grow >> 4);
			if (sb->budget <= 0)
				poison_budget(sb);
			else if ((grow >= (64u << 10) && past_deadline(sb)) || sb->expired)
				poison_clock(sb);
			if (sb->poisoned) {
				leave_allocator(sb);
				return NULL;
			}
		}
	}
	if (b)
		unlink_block(b);
	p = realloc(b, sizeof *p + nsize);
	if (!p) {
		if (b)
			link_block(sb, b);
		leave_allocator(sb);
		if (nsize > old)
			return NULL;
		return ptr; /* a shrink that failed keeps the larger block */
	}
	link_block(sb, p);
	sb->used = sb->used - old + nsize;
	if (sb->used > sb->peak)
		sb->peak = sb->used;
	leave_allocator(sb);
	return p + 1;
}

/* ---- the timer that does not wait for the hook ---------------------------- */

/* The sandbox whose call is running (calls do not nest); the timer's
 * signal is sent to the thread that runs it. */
static struct sandbox *volatile running;
static timer_t hard_timer;
static pid_t hard_timer_tid;

#ifndef sigev_notify_thread_id
#define sigev_notify_thread_id _sigev_un._tid
#endif

static void hard_stop(int sig)
{
	struct sandbox *sb = running;

	(void)sig;
	if (!sb)
		return;
	sb->expired = 1;
	if (sb->no_jump == 0)
		siglongjmp(sb->jump, 1);
}

/* Arm the timer for the call's deadline plus the grace; 0, or -1 when the
 * system has no timer for us (the hook and the allocator still watch). */
static int arm_hard_stop(struct sandbox *sb)
{
	struct itimerspec when = { { 0, SANDBOX_HARD_TICK_MS * 1000000L }, sb->deadline };
	pid_t tid = gettid();

	if (hard_timer_tid != tid) {
		struct sigevent ev;
		struct sigaction sa;
		memset(&sa, 0, sizeof sa);
		sa.sa_handler = hard_stop;
		sigemptyset(&sa.sa_mask);
		if (sigaction(SIGRTMIN + SANDBOX_HARD_SIGNAL, &sa, NULL))
			return -1;
		memset(&ev, 0, sizeof ev);
		ev.sigev_notify = SIGEV_THREAD_ID;
		ev.sigev_signo = SIGRTMIN + SANDBOX_HARD_SIGNAL;
		ev.sigev_notify_thread_id = tid;
		if (hard_timer_tid)
			timer_delete(hard_timer);
		hard_timer_tid = 0;
		if (timer_create(CLOCK_MONOTONIC, &ev, &hard_timer))
			return -1;
		hard_timer_tid = tid;
	}
	when.it_value.tv_nsec += SANDBOX_HARD_GRACE_MS * 1000000L;
	if (when.it_value.tv_nsec >= 1000000000L) {
		when.it_value.tv_sec++;
		when.it_value.tv_nsec -= 1000000000L;
	}
	return timer_settime(hard_timer, TIMER_ABSTIME, &when, NULL);
}

static void disarm_hard_stop(void)
{
	struct itimerspec off;

	memset(&off, 0, sizeof off);
	if (hard_timer_tid)
		timer_settime(hard_timer, 0, &off, NULL);
}

void sandbox_host_enter(lua_State *L)
{
	sandbox_of(L)->no_jump++;
}

void sandbox_host_leave(lua_State *L)
{
	struct sandbox *sb = sandbox_of(L);

	if (--sb->no_jump == 0 && sb->expired && sb->in_call) {
		poison_clock(sb);
		raise_stop(L, sb);
	}
}

/* ---- for the library (library.c) ------------------------------- */

int sandbox_stopped(lua_State *L)
{
	return sandbox_of(L)->poisoned;
}

int sandbox_raise_stop(lua_State *L)
{
	return raise_stop(L, sandbox_of(L));
}

void sandbox_stop_for_memory(lua_State *L)
{
	poison_memory(sandbox_of(L));
}

void sandbox_watch(lua_State *thread)
{
	lua_sethook(thread, count_hook, LUA_MASKCOUNT, SANDBOX_HOOK_STEP);
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
	sb->blocks.link.prev = sb->blocks.link.next = &sb->blocks;
	sb->limit = SANDBOX_MEM_LIMIT;
	sb->L = lua_newstate(sandbox_alloc, sb);
	if (!sb->L) {
		free(sb);
		err_set(err, GN_REFUSED, "内存不足，无法运行规则 %s", name);
		return NULL;
	}
	sandbox_watch(sb->L);
	lua_pushcfunction(sb->L, sandbox_open_library);
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
	if (sb->L && !sb->abandoned) {
		/* No script code should run here (finalizers were refused and
		 * every call left the stack empty), but whatever might is
		 * under the same budget as a call. */
		sb->host = NULL;
		sb->budget = SANDBOX_INSN_BUDGET;
		sandbox_deadline_in(&sb->deadline, SANDBOX_WALL_MS);
		sb->in_call = 1;
		lua_close(sb->L);
	}
	/* After a jump the state cannot be closed: its blocks are freed as
	 * they lie (after lua_close the list is already empty). */
	while (sb->blocks.link.next != &sb->blocks) {
		union block *b = sb->blocks.link.next;
		unlink_block(b);
		free(b);
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
		if (!sb->where[0]) /* stopped in the allocator: no line known */
			snprintf(sb->where, sizeof sb->where, "%s.lua: ", sb->name);
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

static int trampoline(lua_State *L)
{
	struct frame *f = lua_touserdata(L, 1);
	int nargs = 0;

	lua_settop(L, 0);
	if (f->listing) {
		sandbox_host_enter(L); /* the listing is built with malloc */
		sandbox_list_functions(L, f->list_tests, f->listing);
		sandbox_host_leave(L);
		return 0;
	}
	if (!f->fn) {
		char chunkname[80];
		snprintf(chunkname, sizeof chunkname, "=%s.lua", f->sb->name);
		if (luaL_loadbufferx(L, f->source, f->len, chunkname, "t") != LUA_OK)
			return lua_error(L);
		lua_call(L, 0, 0);
		sandbox_freeze_script(L, &f->sb->hooks);
		return 0;
	}
	if (sandbox_push_script(L) != LUA_TTABLE)
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
	struct sandbox *volatile outer = running;
	volatile int status = LUA_OK;
	volatile int rc = 0;

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
	sb->expired = 0;
	sb->no_jump = 0;
	if (sigsetjmp(sb->jump, 1) == 0) {
		running = sb;
		arm_hard_stop(sb);
		status = lua_pcall(L, 1, 0, 1);
		disarm_hard_stop();
		running = outer;
	} else {
		/* The timer jumped out of the middle of the call. */
		disarm_hard_stop();
		running = outer;
		sb->in_call = 0;
		sb->abandoned = 1;
		sb->host = NULL;
		poison(sb, "运行超时（每次调用至多 %d 毫秒），已强行停止", SANDBOX_WALL_MS);
		snprintf(sb->where, sizeof sb->where, "%s.lua: ", sb->name);
		return err_set(err, GN_REFUSED, "%s%s", sb->where, sb->reason);
	}
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
