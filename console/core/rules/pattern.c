/*
 * rules/pattern.c — string.find, match, gmatch and gsub for the rules
 * sandbox, with Lua's pattern language (reference manual §6.4.1) and one
 * difference: every matching step is charged to the call's budget.
 *
 * The library's own matcher runs in C, where the count hook never fires;
 * a pattern such as ("a*"):rep(20) .. "b" against a few thousand "a"s
 * backtracks for years.  Here the steps are counted, so the budget and the
 * clock stop it like any loop written in Lua.
 *
 * The matcher is derived from Lua 5.4's lstrlib.c (match, classes,
 * captures), under its licence:
 *
 *   Copyright (C) 1994-2023 Lua.org, PUC-Rio.
 *
 *   Permission is hereby granted, free of charge, to any person obtaining
 *   a copy of this software and associated documentation files (the
 *   "Software"), to deal in the Software without restriction, including
 *   without limitation the rights to use, copy, modify, merge, publish,
 *   distribute, sublicense, and/or sell copies of the Software, and to
 *   permit persons to whom the Software is furnished to do so, subject to
 *   the following conditions:
 *
 *   The above copyright notice and this permission notice shall be
 *   included in all copies or substantial portions of the Software.
 *
 *   THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND,
 *   EXPRESS OR IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF
 *   MERCHANTABILITY, FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT.
 *   IN NO EVENT SHALL THE AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY
 *   CLAIM, DAMAGES OR OTHER LIABILITY, WHETHER IN AN ACTION OF CONTRACT,
 *   TORT OR OTHERWISE, ARISING FROM, OUT OF OR IN CONNECTION WITH THE
 *   SOFTWARE OR THE USE OR OTHER DEALINGS IN THE SOFTWARE.
 */
#include "config.h"
#include "sandbox.h"

#include <ctype.h>
#include <lauxlib.h>
#include <string.h>
#include "govnet/banned.h"

#define PAT_MAX_CAPTURES 32
#define PAT_MAX_DEPTH 200
#define PAT_CHARGE_EVERY 256
#define CAP_OPEN (-1)     /* a capture still open */
#define CAP_POSITION (-2) /* () captures a position */

struct matcher {
	lua_State *L;
	const char *src, *src_end;
	const char *pat_end;
	int depth;
	int level;
	long steps;
	struct {
		const char *init;
		ptrdiff_t len;
	} cap[PAT_MAX_CAPTURES];
};

static void step(struct matcher *m, long n)
{
	m->steps += n;
	if (m->steps >= PAT_CHARGE_EVERY) {
		long due = m->steps;
		m->steps = 0;
		sandbox_charge(m->L, due);
	}
}

static void settle(struct matcher *m)
{
	if (m->steps > 0) {
		long due = m->steps;
		m->steps = 0;
		sandbox_charge(m->L, due);
	}
}

/* Past the single-character class starting at p. */
static const char *class_end(struct matcher *m, const char *p)
{
	char c = *p++;

	if (c == '%') {
		if (p >= m->pat_end)
			luaL_error(m->L, "模式错误：以 '%%' 结尾");
		return p + 1;
	}
	if (c == '[') {
		if (p < m->pat_end && *p == '^')
			p++;
		do { /* the first character may be a literal ']' */
			if (p >= m->pat_end)
				luaL_error(m->L, "模式错误：缺少 ']'");
			c = *p++;
			if (c == '%' && p < m->pat_end)
				p++;
		} while (p >= m->pat_end || *p != ']');
		return p + 1;
	}
	return p;
}

static int class_matches(int c, int cl)
{
	int r;

	switch (tolower(cl)) {
	case 'a': r = isalpha(c); break;
	case 'c': r = iscntrl(c); break;
	case 'd': r = isdigit(c); break;
	case 'g': r = isgraph(c); break;
	case 'l': r = islower(c); break;
	case 'p': r = ispunct(c); break;
	case 's': r = isspace(c); break;
	case 'u': r = isupper(c); break;
	case 'w': r = isalnum(c); break;
	case 'x': r = isxdigit(c); break;
	default: return cl == c;
	}
	if (isupper(cl))
		r = !r;
	return r != 0;
}

/* c against the set [p..end], p at '[' and end at the closing ']'. */
static int set_matches(int c, const char *p, const char *end)
{
	int negate = 0;

	p++;
	if (*p == '^') {
		negate = 1;
		p++;
	}
	while (p < end) {
		if (*p == '%' && p + 1 < end) {
			p++;
			if (class_matches(c, (unsigned char)*p))
				return !negate;
			p++;
		} else if (p + 2 < end && p[1] == '-') {
			if ((unsigned char)p[0] <= c && c <= (unsigned char)p[2])
				return !negate;
			p += 3;
		} else {
			if ((unsigned char)*p == c)
				return !negate;
			p++;
		}
	}
	return negate;
}

static int single_match(struct matcher *m, const char *s, const char *p, const char *ep)
{
	int c;

	if (s >= m->src_end)
		return 0;
	c = (unsigned char)*s;
	switch (*p) {
	case '.': return 1;
	case '%': return class_matches(c, (unsigned char)p[1]);
	case '[': return set_matches(c, p, ep - 1);
	default: return (unsigned char)*p == c;
	}
}

static const char *match(struct matcher *m, const char *s, const char *p);

static const char *match_balance(struct matcher *m, const char *s, const char *p)
{
	int open, close, depth = 1;

	if (p + 1 >= m->pat_end)
		luaL_error(m->L, "模式错误：%%b 缺少两个字符");
	if (s >= m->src_end || *s != *p)
		return NULL;
	open = *p;
	close = p[1];
	while (++s < m->src_end) {
		step(m, 1);
		if (*s == close) {
			if (--depth == 0)
				return s + 1;
		} else if (*s == open) {
			depth++;
		}
	}
	return NULL;
}

static const char *max_expand(struct matcher *m, const char *s, const char *p, const char *ep)
{
	ptrdiff_t i = 0;

	while (single_match(m, s + i, p, ep)) {
		step(m, 1);
		i++;
	}
	for (; i >= 0; i--) {
		const char *r = match(m, s + i, ep + 1);
		step(m, 1);
		if (r)
			return r;
	}
	return NULL;
}

static const char *min_expand(struct matcher *m, const char *s, const char *p, const char *ep)
{
	for (;;) {
		const char *r = match(m, s, ep + 1);
		step(m, 1);
		if (r)
			return r;
		if (!single_match(m, s, p, ep))
			return NULL;
		s++;
	}
}

static const char *open_capture(struct matcher *m, const char *s, const char *p, ptrdiff_t what)
{
	const char *r;

	if (m->level >= PAT_MAX_CAPTURES)
		luaL_error(m->L, "模式错误：捕获过多（至多 %d 个）", PAT_MAX_CAPTURES);
	m->cap[m->level].init = s;
	m->cap[m->level].len = what;
	m->level++;
	if (!(r = match(m, s, p)))
		m->level--;
	return r;
}

static const char *close_capture(struct matcher *m, const char *s, const char *p)
{
	int l = m->level - 1;
	const char *r;

	while (l >= 0 && m->cap[l].len != CAP_OPEN)
		l--;
	if (l < 0)
		luaL_error(m->L, "模式错误：')' 没有对应的 '('");
	m->cap[l].len = s - m->cap[l].init;
	if (!(r = match(m, s, p)))
		m->cap[l].len = CAP_OPEN;
	return r;
}

static int capture_index(struct matcher *m, int c)
{
	int l = c - '1';

	if (l < 0 || l >= m->level || m->cap[l].len == CAP_OPEN)
		luaL_error(m->L, "模式错误：无效的捕获引用 %%%d", l + 1);
	return l;
}

static const char *match_backref(struct matcher *m, const char *s, int c)
{
	int l = capture_index(m, c);
	size_t len = (size_t)m->cap[l].len;

	step(m, (long)(len / 16) + 1);
	if ((size_t)(m->src_end - s) >= len && memcmp(m->cap[l].init, s, len) == 0)
		return s + len;
	return NULL;
}

static const char *match(struct matcher *m, const char *s, const char *p)
{
	if (++m->depth > PAT_MAX_DEPTH)
		luaL_error(m->L, "模式过于复杂（嵌套超过 %d 层）", PAT_MAX_DEPTH);
	while (p < m->pat_end) {
		const char *ep;
		char q;

		step(m, 1);
		switch (*p) {
		case '(':
			s = p + 1 < m->pat_end && p[1] == ')' ? open_capture(m, s, p + 2, CAP_POSITION)
							       : open_capture(m, s, p + 1, CAP_OPEN);
			goto done;
		case ')':
			s = close_capture(m, s, p + 1);
			goto done;
		case '$':
			if (p + 1 == m->pat_end) {
				s = s == m->src_end ? s : NULL;
				goto done;
			}
			break;
		case '%':
			if (p + 1 < m->pat_end && p[1] == 'b') {
				s = match_balance(m, s, p + 2);
				if (!s)
					goto done;
				p += 4;
				continue;
			}
			if (p + 1 < m->pat_end && p[1] == 'f') {
				int prev, cur;
				p += 2;
				if (p >= m->pat_end || *p != '[')
					luaL_error(m->L, "模式错误：%%f 之后应为 '['");
				ep = class_end(m, p);
				prev = s == m->src ? '\0' : (unsigned char)s[-1];
				cur = s < m->src_end ? (unsigned char)*s : '\0';
				if (!set_matches(prev, p, ep - 1) && set_matches(cur, p, ep - 1)) {
					p = ep;
					continue;
				}
				s = NULL;
				goto done;
			}
			if (p + 1 < m->pat_end && isdigit((unsigned char)p[1])) {
				s = match_backref(m, s, (unsigned char)p[1]);
				if (!s)
					goto done;
				p += 2;
				continue;
			}
			break;
		default:
			break;
		}
		ep = class_end(m, p);
		q = ep < m->pat_end ? *ep : '\0';
		if (!single_match(m, s, p, ep)) {
			if (q == '*' || q == '?' || q == '-') {
				p = ep + 1;
				continue;
			}
			s = NULL;
			goto done;
		}
		switch (q) {
		case '?': {
			const char *r = match(m, s + 1, ep + 1);
			if (r) {
				s = r;
				goto done;
			}
			p = ep + 1;
			continue;
		}
		case '+':
			s = max_expand(m, s + 1, p, ep);
			goto done;
		case '*':
			s = max_expand(m, s, p, ep);
			goto done;
		case '-':
			s = min_expand(m, s, p, ep);
			goto done;
		default:
			s++;
			p = ep;
			continue;
		}
	}
done:
	m->depth--;
	return s;
}

static void prepare(struct matcher *m, lua_State *L, const char *s, size_t ls, const char *p, size_t lp)
{
	m->L = L;
	m->src = s;
	m->src_end = s + ls;
	m->pat_end = p + lp;
	m->depth = 0;
	m->level = 0;
	m->steps = 0;
}

static void push_capture(struct matcher *m, int i, const char *s, const char *e)
{
	if (i >= m->level) {
		if (i != 0)
			luaL_error(m->L, "模式错误：无效的捕获序号 %%%d", i + 1);
		lua_pushlstring(m->L, s, (size_t)(e - s));
		return;
	}
	if (m->cap[i].len == CAP_OPEN)
		luaL_error(m->L, "模式错误：捕获没有结束");
	if (m->cap[i].len == CAP_POSITION)
		lua_pushinteger(m->L, (m->cap[i].init - m->src) + 1);
	else
		lua_pushlstring(m->L, m->cap[i].init, (size_t)m->cap[i].len);
}

/* The captures, or the whole match (s..e) when there are none and s is
 * given.  Returns how many were pushed. */
static int push_captures(struct matcher *m, const char *s, const char *e)
{
	int n = m->level == 0 && s ? 1 : m->level;

	luaL_checkstack(m->L, n, "捕获过多");
	for (int i = 0; i < n; i++)
		push_capture(m, i, s, e);
	return n;
}

static size_t start_index(lua_Integer pos, size_t len)
{
	if (pos > 0)
		return (size_t)pos;
	if (pos == 0 || pos < -(lua_Integer)len)
		return 1;
	return len + (size_t)pos + 1;
}

static int has_specials(const char *p, size_t lp)
{
	for (size_t i = 0; i < lp; i++)
		if (strchr("^$*+?.([%-", p[i]) && p[i])
			return 1;
	return 0;
}

static int find_or_match(lua_State *L, int find)
{
	size_t ls, lp;
	const char *s = luaL_checklstring(L, 1, &ls);
	const char *p = luaL_checklstring(L, 2, &lp);
	size_t init = start_index(luaL_optinteger(L, 3, 1), ls) - 1;
	struct matcher m;

	if (init > ls) {
		lua_pushnil(L);
		return 1;
	}
	if (find && (lua_toboolean(L, 4) || !has_specials(p, lp))) {
		const char *hit;
		sandbox_charge(L, (long)((ls - init) / 16) + 1);
		hit = lp == 0 ? s + init : memmem(s + init, ls - init, p, lp);
		if (!hit) {
			lua_pushnil(L);
			return 1;
		}
		lua_pushinteger(L, (hit - s) + 1);
		lua_pushinteger(L, (lua_Integer)((size_t)(hit - s) + lp));
		return 2;
	}
	int anchor = lp > 0 && *p == '^';
	if (anchor) {
		p++;
		lp--;
	}
	prepare(&m, L, s, ls, p, lp);
	for (const char *s1 = s + init;; s1++) {
		const char *e;
		m.level = 0;
		m.depth = 0;
		step(&m, 1);
		if ((e = match(&m, s1, p)) != NULL) {
			settle(&m);
			if (find) {
				lua_pushinteger(L, (s1 - s) + 1);
				lua_pushinteger(L, e - s);
				return push_captures(&m, NULL, NULL) + 2;
			}
			return push_captures(&m, s1, e);
		}
		if (anchor || s1 >= m.src_end)
			break;
	}
	settle(&m);
	lua_pushnil(L);
	return 1;
}

static int pat_find(lua_State *L)
{
	return find_or_match(L, 1);
}

static int pat_match(lua_State *L)
{
	return find_or_match(L, 0);
}

/* gmatch's state lives in a userdata (no metatable, no finalizer). */
struct gmatch_state {
	const char *next;
	const char *last; /* end of the last match, not to be matched empty again */
	struct matcher m;
};

static int gmatch_next(lua_State *L)
{
	struct gmatch_state *g = lua_touserdata(L, lua_upvalueindex(3));
	const char *p = lua_tostring(L, lua_upvalueindex(2));

	g->m.L = L; /* the iterator may run in another coroutine */
	for (const char *src = g->next; src <= g->m.src_end; src++) {
		const char *e;
		g->m.level = 0;
		g->m.depth = 0;
		step(&g->m, 1);
		if ((e = match(&g->m, src, p)) != NULL && e != g->last) {
			g->next = g->last = e;
			settle(&g->m);
			return push_captures(&g->m, src, e);
		}
	}
	settle(&g->m);
	return 0;
}

static int pat_gmatch(lua_State *L)
{
	size_t ls, lp;
	const char *s = luaL_checklstring(L, 1, &ls);
	const char *p = luaL_checklstring(L, 2, &lp);
	size_t init = start_index(luaL_optinteger(L, 3, 1), ls) - 1;
	struct gmatch_state *g;

	lua_settop(L, 2);
	g = lua_newuserdatauv(L, sizeof *g, 0);
	if (init > ls)
		init = ls + 1;
	prepare(&g->m, L, s, ls, p, lp);
	g->next = s + init;
	g->last = NULL;
	lua_pushcclosure(L, gmatch_next, 3);
	return 1;
}

static void add_template(struct matcher *m, luaL_Buffer *b, const char *s, const char *e)
{
	size_t l;
	const char *t = lua_tolstring(m->L, 3, &l), *end = t + l;

	while (t < end) {
		const char *pct = memchr(t, '%', (size_t)(end - t));
		if (!pct) {
			luaL_addlstring(b, t, (size_t)(end - t));
			break;
		}
		luaL_addlstring(b, t, (size_t)(pct - t));
		t = pct + 1;
		if (t >= end || *t == '%') {
			if (t >= end)
				luaL_error(m->L, "替换文本错误：以 '%%' 结尾");
			luaL_addchar(b, '%');
		} else if (*t == '0') {
			luaL_addlstring(b, s, (size_t)(e - s));
		} else if (isdigit((unsigned char)*t)) {
			push_capture(m, *t - '1', s, e);
			luaL_tolstring(m->L, -1, NULL);
			lua_remove(m->L, -2);
			luaL_addvalue(b);
		} else {
			luaL_error(m->L, "替换文本错误：'%%' 之后应为数字或 '%%'");
		}
		t++;
	}
}

/* Add the replacement of s..e; returns whether anything was replaced. */
static int add_replacement(struct matcher *m, luaL_Buffer *b, const char *s, const char *e, int type)
{
	lua_State *L = m->L;

	switch (type) {
	case LUA_TFUNCTION: {
		int n;
		lua_pushvalue(L, 3);
		n = push_captures(m, s, e);
		lua_call(L, n, 1);
		break;
	}
	case LUA_TTABLE:
		push_capture(m, 0, s, e);
		lua_gettable(L, 3);
		break;
	default:
		add_template(m, b, s, e);
		return 1;
	}
	if (!lua_toboolean(L, -1)) {
		lua_pop(L, 1);
		luaL_addlstring(b, s, (size_t)(e - s));
		return 0;
	}
	if (!lua_isstring(L, -1))
		return luaL_error(L, "替换值无效（%s）", luaL_typename(L, -1));
	luaL_addvalue(b);
	return 1;
}

static int pat_gsub(lua_State *L)
{
	size_t ls, lp;
	const char *src = luaL_checklstring(L, 1, &ls);
	const char *p = luaL_checklstring(L, 2, &lp);
	const char *last = NULL;
	int type = lua_type(L, 3);
	lua_Integer max = luaL_optinteger(L, 4, (lua_Integer)ls + 1), n = 0;
	int anchor = lp > 0 && *p == '^', changed = 0;
	struct matcher m;
	luaL_Buffer b;

	luaL_argexpected(L, type == LUA_TNUMBER || type == LUA_TSTRING || type == LUA_TFUNCTION || type == LUA_TTABLE,
			 3, "string/function/table");
	if (anchor) {
		p++;
		lp--;
	}
	luaL_buffinit(L, &b);
	prepare(&m, L, src, ls, p, lp);
	while (n < max) {
		const char *e;
		m.level = 0;
		m.depth = 0;
		step(&m, 1);
		if ((e = match(&m, src, p)) != NULL && e != last) {
			n++;
			changed |= add_replacement(&m, &b, src, e, type);
			step(&m, (long)((e - src) / 16));
			src = last = e;
		} else if (src < m.src_end) {
			luaL_addchar(&b, *src++);
		} else {
			break;
		}
		if (anchor)
			break;
	}
	settle(&m);
	if (!changed) {
		lua_pushvalue(L, 1);
	} else {
		luaL_addlstring(&b, src, (size_t)(m.src_end - src));
		luaL_pushresult(&b);
	}
	lua_pushinteger(L, n);
	return 2;
}

void sandbox_open_patterns(lua_State *L)
{
	static const luaL_Reg fns[] = {
		{ "find", pat_find }, { "match", pat_match }, { "gmatch", pat_gmatch }, { "gsub", pat_gsub },
		{ NULL, NULL },
	};
	luaL_setfuncs(L, fns, 0);
}
