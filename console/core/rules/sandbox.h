/*
 * rules/sandbox.h — one sandboxed Lua state per county rule (Art 30).
 *
 * A script sees text chunks only, the pure parts of the standard library
 * (string, table, math, utf8, coroutine, os.time/date/clock) and the
 * read-only govnet helpers; never io, the rest of os, package, require,
 * debug, dofile, loadfile, string.dump or bytecode.  Its globals, the
 * library tables and the string metatable are read-only once the chunk
 * has run.
 *
 * Every state has its own allocator with a cap, every call an instruction
 * budget and a wall-clock limit.  When a limit is reached the state is
 * poisoned: the error is raised again at every hook tick and out of every
 * pcall, xpcall and coroutine.resume, so a script cannot catch its own
 * stop.  Finalizers (__gc) are refused outright, because Lua runs them
 * with hooks switched off.  A poisoned state is thrown away.
 *
 * Work done inside C functions is charged by what they iterate over, not
 * only by what they allocate.  And since the hook cannot strike inside a
 * C loop, a timer jumps out of any call still running
 * SANDBOX_HARD_GRACE_MS past its limit, whatever it is doing; the state
 * is then abandoned and its memory freed block by block.
 */
#ifndef GN_RULES_SANDBOX_H
#define GN_RULES_SANDBOX_H

#include <stddef.h>
#include <time.h>
#include <stdint.h>
#include <lua.h>
#include <sqlite3.h>

#include "ctx.h"
#include "err.h"
#include "strbuf.h"

#define SANDBOX_MEM_LIMIT (8u << 20)     /* bytes one script's state may hold */
#define SANDBOX_MEM_RESERVE (256u << 10) /* headroom to report a stop after the cap */
#define SANDBOX_INSN_BUDGET 5000000L     /* VM instructions per call */
/* Wall-clock limit per call.  Under AddressSanitizer every instruction
 * costs several times more, while the instruction budget and the memory
 * cap mean the same: the clock, a safety net behind them, allows for it so
 * that a script is stopped for what it did, not for how the build runs. */
#if defined(__SANITIZE_ADDRESS__)
#define SANDBOX_WALL_MS 750
#else
#define SANDBOX_WALL_MS 250
#endif
#define SANDBOX_HOOK_STEP 1000           /* instructions between budget checks */
#define SANDBOX_PRINT_MAX (16u << 10)    /* bytes print() keeps per call */
#define SANDBOX_HARD_GRACE_MS 50         /* the timer strikes this long after the limit */
#define SANDBOX_HARD_TICK_MS 10          /* and again this often until the call is out */
#define SANDBOX_HARD_SIGNAL 2            /* the timer's signal: SIGRTMIN + this */

/* The hooks a county script may define (bit per hook). */
enum {
	SANDBOX_HOOK_VALIDATE = 1u << 0,
	SANDBOX_HOOK_DEADLINE = 1u << 1,
	SANDBOX_HOOK_ROUTE = 1u << 2,
	SANDBOX_HOOK_ON = 1u << 3,
};
extern const char *const sandbox_hook_names[]; /* in bit order, NULL-terminated */

/* What the govnet helpers read while a script runs. */
struct gn_call;
struct sandbox_host {
	struct gn_ctx *ctx;     /* the store and its components; NULL without a store */
	time_t now;             /* the event's clock (GOVNET_NOW aware) */
	struct strbuf *printed; /* print() appends here; NULL: dropped */
	/* The change a hook is called about and the hook ("on", "validate" …);
	 * both NULL at a script's top level and in `rules test`. */
	struct gn_call *call;
	const char *hook;
	/* The rule being run, where it applies, and how many messages its
	 * govnet.notify queued in this call (NULL outside a change). */
	int64_t rule_id;
	const char *rule_org_path;
	int *notified;
};

struct sandbox;

/* A new state for the script named `name` ("traffic-annex": errors then
 * read "traffic-annex.lua:12: …").  NULL only when memory is exhausted. */
struct sandbox *sandbox_new(const char *name, struct gn_err *err);
void sandbox_free(struct sandbox *sb);

/* Compile source (text only) and run its top level under the budget (the
 * clock ending no later than *deadline, or SANDBOX_WALL_MS from now when
 * NULL), then make its globals read-only.  The message of a failure names
 * script:line. */
int sandbox_load(struct sandbox *sb, const char *source, size_t len, const struct sandbox_host *host,
		 const struct timespec *deadline, struct gn_err *err);

/* The hooks the script defines (SANDBOX_HOOK_*), and its global functions
 * that are neither hooks nor tests (a likely misspelling), one per line. */
unsigned sandbox_hooks(const struct sandbox *sb);
void sandbox_unknown_globals(struct sandbox *sb, struct strbuf *out);
/* The script's test_* functions in name order, one per line. */
void sandbox_tests(struct sandbox *sb, struct strbuf *out);

/*
 * Call the script's global function fn under the budget, with the
 * wall-clock limit ending no later than *deadline (CLOCK_MONOTONIC; NULL:
 * SANDBOX_WALL_MS from now).  push(L, push_data) runs inside the protected
 * call and pushes the arguments, returning how many; take(L, take_data,
 * err) reads the nresults results (at the top of the stack) into C memory
 * and returns 0 or -1 with err set.  Either may be NULL.  Returns 0, or -1
 * with err naming script:line and a short traceback.
 */
typedef int (*sandbox_push_fn)(lua_State *L, void *data);
typedef int (*sandbox_take_fn)(lua_State *L, void *data, struct gn_err *err);
int sandbox_call(struct sandbox *sb, const char *fn, const struct sandbox_host *host,
		 const struct timespec *deadline, sandbox_push_fn push, void *push_data, sandbox_take_fn take,
		 void *take_data, int nresults, struct gn_err *err);

/* Whether a limit stopped the state (it must then be thrown away). */
int sandbox_poisoned(const struct sandbox *sb);
/* Bytes the state holds now, and the most it ever held. */
size_t sandbox_used(const struct sandbox *sb);
size_t sandbox_peak(const struct sandbox *sb);

/* The time ms from now on CLOCK_MONOTONIC; and the earlier of that (for
 * SANDBOX_WALL_MS) and limit, for one call within an event's limit. */
void sandbox_deadline_in(struct timespec *t, long ms);
void sandbox_deadline_within(struct timespec *t, const struct timespec *limit);

/* ---- between the sandbox's own files --------------------------------- */

/* Whether the state running L has been stopped; raise the stop again
 * (does not return); stop it for exceeding the memory cap; put a new
 * thread under the budget (sandbox.c). */
int sandbox_stopped(lua_State *L);
int sandbox_raise_stop(lua_State *L);
void sandbox_stop_for_memory(lua_State *L);
void sandbox_watch(lua_State *thread);
/* Around C code that holds something outside the state (malloc, libc
 * locks, the store): the timer's jump waits until the matching leave,
 * which raises the stop if the time ran out meanwhile.  Enter and leave
 * must pair on every path, so a region is not left by a Lua error. */
void sandbox_host_enter(lua_State *L);
void sandbox_host_leave(lua_State *L);

/* library.c: build a fresh state's globals (a lua_CFunction run
 * protected); after the top level ran, move the script's globals out of
 * its environment, make them read-only and set *hooks (raises when a hook
 * name holds something other than a function); push the script's
 * globals (returns the type pushed); list its global functions — its
 * tests, or those that are neither hooks nor tests — one per line. */
int sandbox_open_library(lua_State *L);
void sandbox_freeze_script(lua_State *L, unsigned *hooks);
int sandbox_push_script(lua_State *L);
void sandbox_list_functions(lua_State *L, int tests, struct strbuf *out);

/* ---- for pattern.c and helpers.c ------------------------- */

/* The host of the call running on L (never NULL inside a call). */
const struct sandbox_host *sandbox_host_of(lua_State *L);
/* Charge cost instructions to the running call; raises the stop (which
 * nothing catches) when the budget or the clock has run out. */
void sandbox_charge(lua_State *L, long cost);
/* string.find, match, gmatch and gsub with every matching step charged
 * (pattern.c): set into the table at the top of the stack. */
void sandbox_open_patterns(lua_State *L);
/* The govnet table of helpers (helpers.c), pushed on the stack. */
void sandbox_push_govnet(lua_State *L);

/* ---- events (helpers.c) ----------------------------------------- */

/* An organisation as events and govnet.org() show it.  county is the
 * county-level division (县区 or 功能板块) it lies in, "" at city level. */

struct gn_call;
struct json_t;
/* The change a hook is asked about.  The caller parses the record's JSON
 * (call->before, call->after) once and frees it after the calls. */
struct sandbox_event {
	struct gn_call *call;
	const struct gn_org *org; /* the organisation acted for; NULL: city-wide */
	struct json_t *before, *after; /* parsed call->before / call->after, or NULL */
	int written;                   /* on(): the record as written, else as it stands */
	const char *article;           /* deadline(): the statutory deadline asked about */
	const char *what;
	int days;
};
/* A sandbox_push_fn: the event table, and for deadline() the days. */
int sandbox_push_event(lua_State *L, void *event);

#endif
