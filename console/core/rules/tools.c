/*
 * rules/tools.c — checking a script before it is stored, and running its
 * tests (`govnet rules check`, `govnet rules test`).  Both load the script
 * in the same sandbox, with the same limits, as the door does.
 */
#include "config.h"
#include "rules.h"
#include "sandbox.h"
#include "utf8.h"

#include <lua.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "govnet/banned.h"

static time_t host_now(const struct gn_ctx *ctx)
{
	return ctx && ctx->now ? ctx->now : time(NULL);
}

int rules_check_text(const char *name, const char *source, size_t len, struct gn_err *err)
{
	if (len > RULES_MAX_SOURCE)
		return err_set(err, GN_REFUSED, "%s.lua 太大：%zu 字节，至多 %d", name, len, RULES_MAX_SOURCE);
	if (memchr(source, '\0', len))
		return err_set(err, GN_REFUSED, "%s.lua 含有 NUL 字节：规则只接受 Lua 源代码", name);
	/* What a reviewer reads must be what runs: no terminal escapes, no
	 * carriage return but before a newline, no bidirectional controls. */
	for (size_t i = 0, line = 1; i < len;) {
		uint32_t cp;
		size_t n = utf8_decode(source + i, len - i, &cp);
		if (utf8_cp_hidden(cp) && !(cp == '\r' && i + 1 < len && source[i + 1] == '\n'))
			return err_set(err, GN_REFUSED,
				       "%s.lua 第 %zu 行含有%s U+%04X：审阅时它会改变代码的显示，规则源代码不得含有", name,
				       line, cp >= 0x2000 ? "双向文本控制符" : "控制字符", (unsigned)cp);
		line += cp == '\n';
		i += n;
	}
	return 0;
}

int rules_check_source(const char *name, const char *source, size_t len, struct gn_ctx *ctx, unsigned *hooks,
		       struct strbuf *warnings, struct gn_err *err)
{
	struct sandbox_host host = { .ctx = ctx && ctx->db ? ctx : NULL, .now = host_now(ctx) };
	struct sandbox *sb;
	int rc;

	*hooks = 0;
	if (rules_check_text(name, source, len, err) || !(sb = sandbox_new(name, err)))
		return -1;
	rc = sandbox_load(sb, source, len, &host, NULL, err);
	if (rc == 0) {
		*hooks = sandbox_hooks(sb);
		if (!*hooks)
			rc = err_set(err, GN_REFUSED, "%s.lua 没有定义任何钩子：validate、deadline、route 或 on", name);
	}
	if (rc == 0 && warnings) {
		struct strbuf names = STRBUF_INIT;
		sandbox_unknown_globals(sb, &names);
		for (char *line = names.buf; line && *line;) {
			char *end = strchr(line, '\n');
			if (end)
				*end = '\0';
			sb_addf(warnings, "%s.lua：全局函数 %s 不是钩子（validate、deadline、route、on）也不是测试（test_…）："
				"拼错了钩子名？辅助函数请写成 local function\n", name, line);
			line = end ? end + 1 : NULL;
		}
		sb_free(&names);
	}
	sandbox_free(sb);
	return rc;
}

static int take_test(lua_State *L, void *data, struct gn_err *err)
{
	(void)data;
	if (lua_type(L, -1) == LUA_TBOOLEAN && !lua_toboolean(L, -1))
		return err_set(err, GN_REFUSED, "测试返回了 false");
	return 0;
}

static double now_ms(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

int rules_run_tests(const char *name, const char *source, size_t len, struct gn_ctx *ctx,
		    void (*each)(const struct rules_test_result *r, void *data), void *data, int *passed,
		    int *failed, struct gn_err *err)
{
	struct sandbox_host host = { .ctx = ctx && ctx->db ? ctx : NULL, .now = host_now(ctx) };
	struct strbuf tests = STRBUF_INIT;
	struct sandbox *sb;

	*passed = *failed = 0;
	if (rules_check_text(name, source, len, err) || !(sb = sandbox_new(name, err)))
		return -1;
	if (sandbox_load(sb, source, len, &host, NULL, err)) {
		sandbox_free(sb);
		return -1;
	}
	sandbox_tests(sb, &tests);
	sandbox_free(sb);
	/* Each test gets the script freshly loaded: no test sees what
	 * another left behind. */
	for (char *test = tests.buf; test && *test;) {
		char *end = strchr(test, '\n');
		struct strbuf printed = STRBUF_INIT;
		struct gn_err e = { .status = GN_OK };
		struct rules_test_result r = { name, test, 0, 0, "", "" };
		double t0 = now_ms();
		if (end)
			*end = '\0';
		host.printed = &printed;
		if ((sb = sandbox_new(name, &e)) && sandbox_load(sb, source, len, &host, NULL, &e) == 0 &&
		    sandbox_call(sb, test, &host, NULL, NULL, NULL, take_test, NULL, 1, &e) == 0)
			r.passed = 1;
		sandbox_free(sb);
		r.ms = now_ms() - t0;
		r.message = r.passed ? "" : e.msg;
		r.printed = sb_str(&printed);
		if (r.passed)
			(*passed)++;
		else
			(*failed)++;
		if (each)
			each(&r, data);
		sb_free(&printed);
		test = end ? end + 1 : NULL;
	}
	sb_free(&tests);
	return 0;
}

/* ---- names the sandbox does not offer ------------------------------------- */

static const char *const absent_globals[] = {
	"io", "require", "package", "debug", "dofile", "loadfile", "loadstring", "module", "setfenv", "getfenv",
	"newproxy", "warn", "arg", NULL,
};
static const char *const os_offered[] = { "time", "date", "clock", "difftime", NULL };

static int in_list(const char *const *list, const char *s, size_t n)
{
	for (; *list; list++)
		if (strlen(*list) == n && memcmp(*list, s, n) == 0)
			return 1;
	return 0;
}

static int ident_char(char c)
{
	return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

/* Past a long bracket [==[ … ]==] opening at p (level = number of '='), or end. */
static const char *skip_long(const char *p, const char *end, int *line)
{
	int level = 0;

	p++;
	while (p < end && *p == '=') {
		level++;
		p++;
	}
	p++; /* the second '[' */
	for (; p < end; p++) {
		if (*p == '\n')
			(*line)++;
		if (*p == ']') {
			const char *q = p + 1;
			int l = 0;
			while (q < end && *q == '=') {
				l++;
				q++;
			}
			if (l == level && q < end && *q == ']')
				return q + 1;
		}
	}
	return end;
}

static int long_bracket(const char *p, const char *end)
{
	if (p >= end || *p != '[')
		return 0;
	p++;
	while (p < end && *p == '=')
		p++;
	return p < end && *p == '[';
}

int rules_scan_source(const char *name, const char *source, size_t len, struct strbuf *warnings)
{
	const char *p = source, *end = source + len, *prev = NULL;
	int line = 1, found = 0;

	while (p < end) {
		char c = *p;
		if (c == '\n') {
			line++;
			p++;
		} else if (c == '-' && p + 1 < end && p[1] == '-') {
			p += 2;
			if (long_bracket(p, end))
				p = skip_long(p, end, &line);
			else
				while (p < end && *p != '\n')
					p++;
		} else if (c == '"' || c == '\'') {
			for (p++; p < end && *p != c && *p != '\n'; p++)
				if (*p == '\\' && p + 1 < end)
					p++;
			p++;
			prev = NULL;
		} else if (long_bracket(p, end)) {
			p = skip_long(p, end, &line);
			prev = NULL;
		} else if (ident_char(c) && !(c >= '0' && c <= '9')) {
			const char *start = p;
			size_t n;
			int field = prev && (*prev == '.' || *prev == ':');
			while (p < end && ident_char(*p))
				p++;
			n = (size_t)(p - start);
			if (!field && in_list(absent_globals, start, n)) {
				sb_addf(warnings, "%s.lua:%d：沙箱中没有 %.*s\n", name, line, (int)n, start);
				found++;
			} else if (!field && ((n == 2 && memcmp(start, "os", 2) == 0) || (n == 6 && memcmp(start, "string", 6) == 0))) {
				const char *q = p;
				while (q < end && (*q == ' ' || *q == '\t'))
					q++;
				if (q < end && *q == '.') {
					const char *f = ++q;
					while (q < end && ident_char(*q))
						q++;
					if ((n == 2 && q > f && !in_list(os_offered, f, (size_t)(q - f))) ||
					    (n == 6 && q - f == 4 && memcmp(f, "dump", 4) == 0)) {
						sb_addf(warnings, "%s.lua:%d：沙箱中没有 %.*s.%.*s\n", name, line, (int)n, start,
							(int)(q - f), f);
						found++;
					}
				}
			}
			prev = p - 1;
		} else {
			if (c != ' ' && c != '\t' && c != '\r')
				prev = p;
			p++;
		}
	}
	return found;
}
