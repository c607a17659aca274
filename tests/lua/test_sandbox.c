/*
 * The rules sandbox and engine in one long-running process, as the
 * console runs them: every hostile script of tests/lua/corpus/ is
 * stopped within a second and under the memory cap, one after another,
 * and afterwards a well-behaved rule still works; the pattern functions
 * behave as Lua's (tests/lua/patterns.lua); deadline() may shorten but
 * never lengthen; route() names an existing office; a county's rule
 * answers in that county only.
 */
#include "config.h"
#include "../unit/unit.h"
#include "core/door.h"
#include "core/init.h"
#include "core/modules.h"
#include "core/org.h"
#include "core/registry.h"
#include "core/rules/rules.h"
#include "core/rules/sandbox.h"
#include "core/store.h"

#include <dirent.h>
#include <lua.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>
#include "govnet/banned.h"

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf;

	if (!f)
		return NULL;
	buf = malloc(RULES_MAX_SOURCE + 1);
	*len = fread(buf, 1, RULES_MAX_SOURCE, f);
	buf[*len] = '\0';
	fclose(f);
	return buf;
}

static double now_s(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static int push_event(lua_State *L, void *data)
{
	(void)data;
	lua_newtable(L);
	return 1;
}

/* Whether validate refused: anything but nil or true. */
static int take_refusal(lua_State *L, void *data, struct gn_err *err)
{
	int *refused = data;

	(void)err;
	*refused = !lua_isnil(L, -2) && !(lua_type(L, -2) == LUA_TBOOLEAN && lua_toboolean(L, -2));
	return 0;
}

static void hostile_corpus(const char *src, const char *corpus, int at_least)
{
	char dir[4096];
	struct dirent *d;
	DIR *dh;
	int n = 0;

	snprintf(dir, sizeof dir, "%s/tests/lua/%s", src, corpus);
	dh = opendir(dir);
	CHECK(dh != NULL, "the hostile corpus is there");
	if (!dh)
		return;
	while ((d = readdir(dh))) {
		size_t nl = strlen(d->d_name), len;
		char path[8192], name[128], what[256];
		struct gn_err err = { .status = GN_OK };
		struct sandbox *sb;
		int refused = 0, rc;
		double t0;
		char *source;

		if (nl < 5 || strcmp(d->d_name + nl - 4, ".lua") != 0)
			continue;
		snprintf(path, sizeof path, "%s/%s", dir, d->d_name);
		snprintf(name, sizeof name, "%.*s", (int)(nl - 4), d->d_name);
		source = slurp(path, &len);
		sb = sandbox_new(name, &err);
		snprintf(what, sizeof what, "%s loads", name);
		CHECK(sb && source && sandbox_load(sb, source, len, NULL, NULL, &err) == 0, what);
		t0 = now_s();
		rc = sb ? sandbox_call(sb, "validate", NULL, NULL, push_event, NULL, take_refusal, &refused, 2, &err) : -1;
		snprintf(what, sizeof what, "%s is stopped or refuses", name);
		CHECK(rc == -1 || refused, what);
		snprintf(what, sizeof what, "%s is stopped within a second", name);
		CHECK(now_s() - t0 < 1.0, what);
		snprintf(what, sizeof what, "%s stays under the memory cap", name);
		CHECK(sb && sandbox_peak(sb) <= SANDBOX_MEM_LIMIT + SANDBOX_MEM_RESERVE, what);
		snprintf(what, sizeof what, "%s: the message names the script", name);
		CHECK(rc == 0 || strstr(err.msg, ".lua") || strstr(err.msg, "内存"), what);
		sandbox_free(sb);
		free(source);
		n++;
	}
	closedir(dh);
	snprintf(dir, sizeof dir, "the whole of %s ran", corpus);
	CHECK(n >= at_least, dir);
}

/* A C function that never returns and never allocates: neither the hook
 * nor the allocator ever runs again while it spins. */
static volatile unsigned long spun;
static int spin(lua_State *L)
{
	(void)L;
	for (;;)
		spun++;
	return 0;
}

static int push_spin(lua_State *L, void *data)
{
	(void)data;
	lua_pushcfunction(L, spin);
	return 1;
}

static const char spin_rule[] = "function validate(spin) spin() end\n";

static void hard_stop(void)
{
	struct gn_err err = { .status = GN_OK };
	struct sandbox *sb = sandbox_new("spin", &err);
	double t0;
	int rc;

	CHECK(sb && sandbox_load(sb, spin_rule, strlen(spin_rule), NULL, NULL, &err) == 0, "the spinning rule loads");
	t0 = now_s();
	rc = sb ? sandbox_call(sb, "validate", NULL, NULL, push_spin, NULL, NULL, NULL, 0, &err) : 0;
	CHECK(rc == -1 && strstr(err.msg, "强行停止"), "a loop inside C is stopped by the timer");
	CHECK(now_s() - t0 < (SANDBOX_WALL_MS + SANDBOX_HARD_GRACE_MS + 100) / 1000.0,
	      "within the grace after the wall-clock limit");
	CHECK(sb && sandbox_poisoned(sb), "and the state is poisoned");
	rc = sb ? sandbox_call(sb, "validate", NULL, NULL, push_event, NULL, NULL, NULL, 0, &err) : 0;
	CHECK(rc == -1, "it refuses every later call");
	sandbox_free(sb); /* every block is freed although the state was never closed */
}

static const char good_rule[] = "local seen = 0\n"
				"function validate(event)\n"
				"  seen = seen + 1\n"
				"  local parts = {}\n"
				"  for i = 1, 50 do parts[i] = tostring(i) end\n"
				"  if table.concat(parts, ','):find('50', 1, true) == nil then return false, 'broken' end\n"
				"end\n";

static void still_works(void)
{
	struct gn_err err = { .status = GN_OK };
	struct sandbox *sb = sandbox_new("good", &err);
	int ok = 1;

	CHECK(sb && sandbox_load(sb, good_rule, strlen(good_rule), NULL, NULL, &err) == 0, "a good rule loads");
	for (int i = 0; sb && i < 2000 && ok; i++) {
		int refused = 0;
		ok = sandbox_call(sb, "validate", NULL, NULL, push_event, NULL, take_refusal, &refused, 2, &err) == 0 &&
		     !refused;
	}
	CHECK(ok, "after the corpus a good rule runs 2000 times");
	CHECK(sb && sandbox_used(sb) < (2u << 20), "and its state does not grow");
	sandbox_free(sb);
}

static void patterns(const char *src)
{
	char path[4096];
	struct gn_err err = { .status = GN_OK };
	int passed = 0, failed = 0;
	size_t len;
	char *source;

	snprintf(path, sizeof path, "%s/tests/lua/patterns.lua", src);
	source = slurp(path, &len);
	CHECK(source && rules_run_tests("patterns", source, len, NULL, NULL, NULL, &passed, &failed, &err) == 0,
	      "the pattern tests load");
	CHECK(passed >= 9 && failed == 0, "string.find, match, gmatch and gsub behave as Lua's");
	free(source);
}

/* ---- the engine on a real store ------------------------------------------- */

/* A rule as `rules add FILE` adds it: the script goes through a file. */
static int add_rule(struct gn_ctx *ctx, const char *org, const char *name, const char *source, struct gn_err *err)
{
	struct gn_args args = { 0 };
	char path[] = "/tmp/gn-rule-XXXXXX";
	int fd = mkstemp(path), rc;
	FILE *f = fd >= 0 ? fdopen(fd, "w") : NULL;

	if (!f)
		return err_set(err, GN_REFUSED, "cannot write a temporary script");
	fputs(source, f);
	fclose(f);
	args_set(&args, "org", org);
	args_set(&args, "name", name);
	args_set(&args, "script", path);
	rc = door_run(ctx, &core_rules_component, component_action(&core_rules_component, "add"), &args, NULL, err);
	args_free(&args);
	unlink(path);
	return rc;
}

static int org_add(struct gn_ctx *ctx, const char *name, const char *parent, struct gn_err *err)
{
	struct gn_args args = { 0 };
	int rc;

	args_set(&args, "name", name);
	args_set(&args, "parent", parent);
	rc = door_run(ctx, &core_org_component, component_action(&core_org_component, "add"), &args, NULL, err);
	args_free(&args);
	return rc;
}

static const char route_rule[] = "function route(e)\n"
				 "  if e.plugin ~= 'org' then return nil end\n"
				 "  if e.record.name == '转给不存在' then return '不存在的单位' end\n"
				 "  return '市政务办'\n"
				 "end\n";
static const char deadline_rule[] = "function deadline(e, days)\n"
				    "  if e.record.name == '更长' then return days + 5 end\n"
				    "  if e.record.name == '零' then return 0 end\n"
				    "  if e.deadline.article == 'Art 11' then return 3 end\n"
				    "end\n";
static const char city_deadline_rule[] = "function deadline(e, days) return days - 1 end\n";
static const char loop_rule[] = "function validate(e) while true do pcall(function() while true do end end) end end\n";

static void engine(void)
{
	char dir[] = "/tmp/gn-rules-XXXXXX", path[128], office[200];
	struct gn_ctx ctx = { 0 };
	struct gn_err err = { .status = GN_OK };
	struct gn_args args = { 0 };
	int64_t donghai = 0, ganyu = 0;
	int days = 0;

	setenv("GOVNET_PLUGIN_DIR", "/nonexistent", 1);
	setenv("GOVNET_NOW", "2026-09-14T10:00:00+08:00", 1);
	unsetenv("GOVNET_LOGIN");
	CHECK(mkdtemp(dir) != NULL, "a temporary directory");
	snprintf(path, sizeof path, "%s/t.db", dir);
	ctx.db_path = strdup(path);
	/* Outside the build tree's binary the shipped holiday schedules are
	 * not found; the store is made all the same, and no rule here needs
	 * the calendar. */
	CHECK(init_store(&ctx, &err) == 0 || strstr(err.msg, "节假日"), "a store");
	CHECK(ctx.db && ctx.actor.registered, "with its administrator");
	org_resolve(ctx.db, "东海县", &donghai, &err);
	org_resolve(ctx.db, "赣榆区", &ganyu, &err);
	CHECK(add_rule(&ctx, "东海县", "route-city", route_rule, &err) == 0, "a route rule in 东海县");
	CHECK(add_rule(&ctx, "东海县", "short-review", deadline_rule, &err) == 0, "a deadline rule in 东海县");

	struct gn_call call = { .ctx = &ctx, .component = &core_org_component,
				.action = component_action(&core_org_component, "add"), .args = &args, .err = &err };
	args_set(&args, "name", "东海县信息科");
	args_set(&args, "parent", "东海县");
	call.org_id = donghai;
	CHECK(rules_route(&call, office, sizeof office, &err) == 1, "东海县's request is routed");
	CHECK_STR(office, "市政务办", "to the city office");
	CHECK(rules_deadline(&call, "Art 11", 10, &days, &err) == 0 && days == 3, "东海县 shortens 10 days to 3");
	CHECK(rules_deadline(&call, "Art 17", 10, &days, &err) == 0 && days == 10, "another article keeps its days");
	call.org_id = ganyu;
	CHECK(rules_route(&call, office, sizeof office, &err) == 0 && office[0] == '\0', "赣榆区's is not routed");
	CHECK(rules_deadline(&call, "Art 11", 10, &days, &err) == 0 && days == 10, "赣榆区 keeps the statute");
	call.org_id = donghai;
	args_set(&args, "name", "更长");
	CHECK(rules_deadline(&call, "Art 11", 10, &days, &err) == 0 && days == 10, "a rule cannot lengthen a deadline");
	args_set(&args, "name", "零");
	CHECK(rules_deadline(&call, "Art 11", 10, &days, &err) == -1 && strstr(err.msg, "short-review"),
	      "a deadline of 0 is an error naming the rule");
	args_set(&args, "name", "转给不存在");
	CHECK(rules_route(&call, office, sizeof office, &err) == -1 && strstr(err.msg, "不存在的单位"),
	      "routing to an office that does not exist is an error");

	CHECK(add_rule(&ctx, "连云港市", "city-minus-one", city_deadline_rule, &err) == 0, "a city deadline rule");
	args_set(&args, "name", "东海县信息科");
	CHECK(rules_deadline(&call, "Art 11", 10, &days, &err) == 0 && days == 3, "the shortest answer wins");
	call.org_id = ganyu;
	CHECK(rules_deadline(&call, "Art 11", 10, &days, &err) == 0 && days == 9, "the city's rule applies everywhere");

	/* A hostile rule in a long-running process: refused, then gone. */
	CHECK(add_rule(&ctx, "东海县", "loop", loop_rule, &err) == 0, "an endless loop is added");
	double t0 = now_s();
	CHECK(org_add(&ctx, "东海县网络科", "东海县", &err) == -1 && strstr(err.msg, "超出指令预算"),
	      "it refuses the change");
	CHECK(now_s() - t0 < 1.0, "within a second");
	CHECK(org_add(&ctx, "赣榆区网络科", "赣榆区", &err) == 0, "赣榆区 is untouched");
	struct gn_args off = { 0 };
	args_set(&off, "id", "东海县/loop");
	CHECK(door_run(&ctx, &core_rules_component, component_action(&core_rules_component, "disable"), &off, NULL,
		       &err) == 0,
	      "the loop is disabled");
	args_free(&off);
	CHECK(org_add(&ctx, "东海县网络科", "东海县", &err) == 0, "and the same process carries on");

	args_free(&args);
	modules_detach(&ctx);
	store_close(ctx.db);
	registry_free(ctx.reg);
	free(ctx.reg);
	free(ctx.db_path);
	snprintf(path, sizeof path, "rm -rf '%s'", dir);
	CHECK(system(path) == 0, "clean up");
}

int main(void)
{
	const char *src = getenv("GN_TEST_SRCDIR");

	if (!src)
		src = GN_SRC_DIR;
	hostile_corpus(src, "corpus", 40);
	hostile_corpus(src, "cwork", 28);
	hard_stop();
	still_works();
	patterns(src);
	engine();
	UNIT_DONE();
}
