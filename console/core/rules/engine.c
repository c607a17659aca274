/*
 * rules/engine.c — the engine that runs county rules at the door (Art 30).
 *
 * The enabled rules are read from the store once and kept, city first,
 * then each county's, each with its sandbox loaded on first use.  The
 * list is read again when another process has committed (PRAGMA
 * data_version) or this one changed rules or organisations.  So an event
 * costs one cheap pragma, a walk down a short list and the hook calls.
 *
 * Which rules apply: those whose organisation's path is a prefix of the
 * path of the organisation acted for — the city's everywhere, a county's
 * in the county and below, nowhere else.
 */
#include "config.h"
#include "rules.h"
#include "sandbox.h"
#include "clock.h"
#include "door.h"
#include "org.h"
#include "store.h"
#include "utf8.h"
#include "workflow.h"

#include <jansson.h>
#include <lauxlib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "govnet/banned.h"

#define RULES_ORG_CACHE 16
#define RULES_MESSAGE_MAX 600 /* bytes of a rule's own message kept */

struct rule_entry {
	int64_t id, org_id;
	int version;
	unsigned hooks;
	char name[RULES_NAME_MAX + 1];
	char org_name[200];
	char org_path[256];
	struct sandbox *sb; /* loaded on first use; dropped after a failure */
};

#define RULES_STOPS_KEPT 8

struct rules_engine {
	struct gn_ctx *ctx;
	struct rule_entry *rules; /* enabled, city first */
	size_t n;
	int fresh;
	int64_t data_version;
	sqlite3_stmt *version_st;
	struct gn_org orgs[RULES_ORG_CACHE];
	size_t norgs, next_org;
	struct strbuf on_failures; /* on() failures of this change */
	struct rule_stop stops[RULES_STOPS_KEPT]; /* calls a limit stopped in this change */
	size_t nstops;
};

static struct rules_engine *engine;

/* ---- the list of rules -------------------------------------------------- */

void rules_hook_list(unsigned mask, char *out, size_t size)
{
	size_t used = 0;

	out[0] = '\0';
	for (int i = 0; sandbox_hook_names[i]; i++)
		if (mask & (1u << i)) {
			int n = snprintf(out + used, size - used, "%s%s", used ? " " : "", sandbox_hook_names[i]);
			if (n < 0 || (size_t)n >= size - used)
				break;
			used += (size_t)n;
		}
}

static unsigned parse_hooks(const char *text)
{
	unsigned mask = 0;

	for (int i = 0; text && sandbox_hook_names[i]; i++) {
		size_t len = strlen(sandbox_hook_names[i]);
		for (const char *p = text; (p = strstr(p, sandbox_hook_names[i])) != NULL; p += len)
			if ((p == text || p[-1] == ' ') && (p[len] == ' ' || p[len] == '\0'))
				mask |= 1u << i;
	}
	return mask;
}

static void free_rules(struct rule_entry *rules, size_t n)
{
	for (size_t i = 0; i < n; i++)
		sandbox_free(rules[i].sb);
	free(rules);
}

static int64_t data_version(struct rules_engine *e)
{
	int64_t v = -1;

	if (!e->version_st &&
	    sqlite3_prepare_v3(e->ctx->db, "PRAGMA data_version", -1, SQLITE_PREPARE_PERSISTENT, &e->version_st,
			       NULL) != SQLITE_OK)
		return -1;
	if (sqlite3_step(e->version_st) == SQLITE_ROW)
		v = sqlite3_column_int64(e->version_st, 0);
	sqlite3_reset(e->version_st);
	return v;
}

static int refresh(struct rules_engine *e, struct gn_err *err)
{
	int64_t version = data_version(e);
	struct rule_entry *rules = NULL;
	sqlite3_stmt *st;
	size_t n = 0;
	int rc;

	if (e->fresh && version == e->data_version && version >= 0)
		return 0;
	/* Prepared by hand: a missing table is no error here (below). */
	if (sqlite3_prepare_v2(e->ctx->db,
			       "SELECT r.id, r.org_id, r.version, r.hooks, r.name, o.name, o.path"
			       " FROM rule r JOIN org o ON o.id = r.org_id WHERE r.enabled = 1"
			       " ORDER BY length(o.path), o.path, r.name",
			       -1, &st, NULL) != SQLITE_OK) {
		/* A store not yet migrated (opened read-only) has no rules. */
		if (strstr(sqlite3_errmsg(e->ctx->db), "no such table")) {
			free_rules(e->rules, e->n);
			e->rules = NULL;
			e->n = 0;
			e->fresh = 1;
			e->data_version = version;
			return 0;
		}
		return store_error(e->ctx->db, "读取县区规则", err);
	}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct rule_entry *r;
		rules = xrealloc(rules, (n + 1) * sizeof *rules);
		r = &rules[n++];
		memset(r, 0, sizeof *r);
		r->id = sqlite3_column_int64(st, 0);
		r->org_id = sqlite3_column_int64(st, 1);
		r->version = sqlite3_column_int(st, 2);
		r->hooks = parse_hooks((const char *)sqlite3_column_text(st, 3));
		snprintf(r->name, sizeof r->name, "%s", sqlite3_column_text(st, 4));
		snprintf(r->org_name, sizeof r->org_name, "%s", sqlite3_column_text(st, 5));
		snprintf(r->org_path, sizeof r->org_path, "%s", sqlite3_column_text(st, 6));
		/* A script already loaded at this version is kept. */
		for (size_t i = 0; i < e->n; i++)
			if (e->rules[i].id == r->id && e->rules[i].version == r->version && e->rules[i].sb) {
				r->sb = e->rules[i].sb;
				e->rules[i].sb = NULL;
			}
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		free_rules(rules, n);
		return store_error(e->ctx->db, "读取县区规则", err);
	}
	free_rules(e->rules, e->n);
	e->rules = rules;
	e->n = n;
	e->norgs = 0;
	e->fresh = 1;
	e->data_version = version;
	return 0;
}

/* The organisation acted for (the root for city-wide actions), cached. */
static const struct gn_org *event_org(struct rules_engine *e, int64_t org_id, struct gn_err *err)
{
	struct gn_org *slot;

	if (org_id == 0 &&
	    store_query_int(e->ctx->db, "SELECT id FROM org WHERE parent_id IS NULL ORDER BY id LIMIT 1", &org_id, err,
			    "") < 0)
		return NULL;
	for (size_t i = 0; i < e->norgs; i++)
		if (e->orgs[i].id == org_id)
			return &e->orgs[i];
	if (e->norgs < RULES_ORG_CACHE)
		slot = &e->orgs[e->norgs++];
	else
		slot = &e->orgs[e->next_org++ % RULES_ORG_CACHE];
	if (org_get(e->ctx->db, org_id, slot, err)) {
		slot->id = 0;
		return NULL;
	}
	return slot;
}

/* ---- running one rule ------------------------------------------------------ */

/* Cut s to at most max bytes on a character boundary. */
static void utf8_cut(char *s, size_t max)
{
	size_t len = strlen(s);

	if (len <= max)
		return;
	while (max > 0 && ((unsigned char)s[max] & 0xC0) == 0x80)
		max--;
	s[max] = '\0';
}

static int load_rule(struct rules_engine *e, struct rule_entry *r, const struct timespec *limit, struct gn_err *err)
{
	struct sandbox_host host = { .ctx = e->ctx, .now = e->ctx->now };
	struct timespec deadline;
	sqlite3_stmt *st;
	int rc;

	if (r->sb)
		return 0;
	if (store_prepare(e->ctx->db, "SELECT source FROM rule_version WHERE rule_id = ?1 AND version = ?2", &st, err,
			  "in", r->id, r->version))
		return -1;
	if (sqlite3_step(st) != SQLITE_ROW) {
		sqlite3_finalize(st);
		return err_set(err, GN_REFUSED, "第 %d 版的内容不在数据库中", r->version);
	}
	r->sb = sandbox_new(r->name, err);
	sandbox_deadline_within(&deadline, limit);
	rc = r->sb ? sandbox_load(r->sb, (const char *)sqlite3_column_text(st, 0), (size_t)sqlite3_column_bytes(st, 0),
				  &host, &deadline, err)
		   : -1;
	sqlite3_finalize(st);
	if (rc) {
		sandbox_free(r->sb);
		r->sb = NULL;
	}
	return rc;
}

/* Remember that a limit stopped rule r (record_stops writes it). */
static void note_stop(struct rules_engine *e, const struct rule_entry *r, const char *reason)
{
	struct rule_stop *s;

	if (e->nstops >= RULES_STOPS_KEPT)
		return;
	s = &e->stops[e->nstops++];
	s->id = r->id;
	s->org_id = r->org_id;
	s->version = r->version;
	snprintf(s->name, sizeof s->name, "%s", r->name);
	snprintf(s->org_name, sizeof s->org_name, "%s", r->org_name);
	snprintf(s->reason, sizeof s->reason, "%.*s", (int)sizeof s->reason - 1, reason);
	utf8_cut(s->reason, 280);
}

/* Call fn of rule r; a failure drops its sandbox (reloaded next time). */
static int call_rule(struct rules_engine *e, struct rule_entry *r, const char *fn, struct sandbox_event *ev,
		     sandbox_take_fn take, void *data, int nresults, const struct timespec *limit, struct gn_err *err)
{
	int notified = 0;
	struct sandbox_host host = { e->ctx, e->ctx->now, NULL, ev->call, fn, r->id, r->org_path, &notified };
	struct timespec deadline;

	if (load_rule(e, r, limit, err))
		return -1;
	sandbox_deadline_within(&deadline, limit);
	if (sandbox_call(r->sb, fn, &host, &deadline, sandbox_push_event, ev, take, data, nresults, err)) {
		if (sandbox_poisoned(r->sb))
			note_stop(e, r, err->msg);
		sandbox_free(r->sb);
		r->sb = NULL;
		return -1;
	}
	return 0;
}

static int skipped(struct gn_call *call)
{
	return call->component == &core_rules_component || (call->action->flags & GN_ACTION_READONLY);
}

static void event_prepare(struct sandbox_event *ev, struct gn_call *call, const struct gn_org *org, int written)
{
	memset(ev, 0, sizeof *ev);
	ev->call = call;
	ev->org = org;
	ev->written = written;
	ev->before = call->before ? json_loads(call->before, 0, NULL) : NULL;
	ev->after = written && call->after ? json_loads(call->after, 0, NULL) : NULL;
}

static void event_release(struct sandbox_event *ev)
{
	json_decref(ev->before);
	json_decref(ev->after);
}

/* Text a rule answered, made fit to show: valid UTF-8, one line, bounded. */
static void clean_message(const char *s, size_t len, char *out, size_t size)
{
	size_t o = 0;

	while (len > 0 && o + 4 < size) {
		uint32_t cp;
		size_t n = utf8_decode(s, len, &cp);
		if ((cp == 0xFFFD && !utf8_valid(s, n)) || cp < 0x20 || cp == 0x7F) {
			out[o++] = cp == '\n' || cp == '\t' ? ' ' : '?';
		} else {
			memcpy(out + o, s, n);
			o += n;
		}
		s += n;
		len -= n;
	}
	out[o] = '\0';
	utf8_cut(out, size > RULES_MESSAGE_MAX ? RULES_MESSAGE_MAX : size - 1);
}

/* ---- validate ----------------------------------------------------------------- */

struct verdict {
	int refused;
	char message[RULES_MESSAGE_MAX + 8];
};

static int take_verdict(lua_State *L, void *data, struct gn_err *err)
{
	struct verdict *v = data;
	int first = lua_type(L, -2);
	size_t len;
	const char *s;

	if (first == LUA_TNIL || (first == LUA_TBOOLEAN && lua_toboolean(L, -2)))
		return 0;
	if (first == LUA_TBOOLEAN) {
		v->refused = 1;
		if (lua_type(L, -1) == LUA_TSTRING) {
			s = lua_tolstring(L, -1, &len);
			clean_message(s, len, v->message, sizeof v->message);
		}
		if (!v->message[0])
			snprintf(v->message, sizeof v->message, "（规则没有说明理由）");
		return 0;
	}
	if (first == LUA_TSTRING) {
		v->refused = 1;
		s = lua_tolstring(L, -2, &len);
		clean_message(s, len, v->message, sizeof v->message);
		return 0;
	}
	return err_set(err, GN_REFUSED, "validate 应返回 nil、true、false 加理由，或一段文本，而不是 %s",
		       lua_typename(L, first));
}

static int refuse_failed(struct rule_entry *r, const char *hook, struct gn_err *inner, struct gn_err *err)
{
	utf8_cut(inner->msg, 700);
	return err_set(err, GN_REFUSED, "规则 %s/%s（第 %d 版）的 %s 出错，已拒绝此更改（Art 30）：%s", r->org_name,
		       r->name, r->version, hook, inner->msg);
}

/* Where every hook call starts: the rules that apply to call's
 * organisation are fresh and its event organisation is known.  1 to go
 * on, 0 when no rule can apply, -1 on error. */
static int hook_begin(struct rules_engine *e, struct gn_call *call, const struct gn_org **org,
		      struct gn_err *err)
{
	if (!e || e->ctx != call->ctx || skipped(call))
		return 0;
	if (refresh(e, err))
		return -1;
	if (e->n == 0)
		return 0;
	return (*org = event_org(e, call->org_id, err)) ? 1 : -1;
}

static int run_validate(struct rules_engine *e, struct gn_call *call, struct gn_err *err)
{
	const struct gn_org *org;
	struct sandbox_event ev;
	struct timespec limit;
	int rc = hook_begin(e, call, &org, err);

	if (rc <= 0)
		return rc;
	rc = 0;
	event_prepare(&ev, call, org, 0);
	sandbox_deadline_in(&limit, RULES_EVENT_MS);
	for (size_t i = 0; i < e->n && rc == 0; i++) {
		struct rule_entry *r = &e->rules[i];
		struct verdict v = { 0, "" };
		struct gn_err inner = { .status = GN_OK };
		if (!(r->hooks & SANDBOX_HOOK_VALIDATE) || !org_within(r->org_path, org->path))
			continue;
		if (call_rule(e, r, "validate", &ev, take_verdict, &v, 2, &limit, &inner))
			rc = refuse_failed(r, "validate", &inner, err);
		else if (v.refused)
			rc = err_set(err, GN_REFUSED, "规则 %s/%s 拒绝了此更改：%s", r->org_name, r->name, v.message);
	}
	event_release(&ev);
	return rc;
}

static int before_handler(struct gn_call *call, void *data, struct gn_err *err)
{
	((struct rules_engine *)data)->nstops = 0;
	return run_validate(data, call, err);
}

/* The stops of the change just ended, written down; the rules any of them
 * disabled are added to out, the last one's id to *disabled_id. */
static void record_stops(struct rules_engine *e, struct gn_call *call, struct strbuf *out, int64_t *disabled_id)
{
	struct gn_err inner = { .status = GN_OK };
	char event[160];
	size_t n = e->nstops;

	e->nstops = 0;
	if (n == 0)
		return;
	snprintf(event, sizeof event, "%s %s", call->component->name, call->action->verb);
	if (rules_record_stops(e->ctx, e->stops, n, event, out, disabled_id, &inner))
		sb_addf(out, "%s规则的停止未能记录：%s", out->len ? "\n" : "", inner.msg);
	e->fresh = 0;
}

/* A refused change: its stops are written, and the user told of a rule
 * that was disabled for them. */
static int after_rollback(struct gn_call *call, void *data, struct gn_err *err)
{
	struct rules_engine *e = data;
	struct strbuf out = STRBUF_INIT;
	size_t len = strlen(err->msg);
	int64_t disabled = 0;

	if (e->ctx == call->ctx)
		record_stops(e, call, &out, &disabled);
	if (out.len && len + 2 < sizeof err->msg)
		snprintf(err->msg + len, sizeof err->msg - len, "\n%s", sb_str(&out));
	/* The step the message ends with is bringing the rule back. */
	if (disabled)
		err_set_next(err, "rules", "enable", disabled);
	sb_free(&out);
	return 0;
}

/* ---- on ------------------------------------------------------------------------ */

static void log_failure(struct rules_engine *e, struct gn_call *call, struct rule_entry *r, const char *message)
{
	struct gn_err ignored = { .status = GN_OK };
	char event[160];

	snprintf(event, sizeof event, "%s %s #%lld", call->component->name, call->action->verb, (long long)call->id);
	store_run(e->ctx->db,
		  "INSERT INTO rule_log(rule_id, version, at, login, event, message) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
		  &ignored, "intttt", r->id, r->version, call->now, e->ctx->login, event, message);
}

/* on() runs once the change and its audit entry are written, inside the
 * same transaction; whatever fails is logged and the change stands. */
static int after_audit(struct gn_call *call, void *data, struct gn_err *err)
{
	struct rules_engine *e = data;
	const struct gn_org *org;
	struct gn_err inner = { .status = GN_OK };
	struct sandbox_event ev;
	struct timespec limit;

	(void)err;
	sb_reset(&e->on_failures);
	if (skipped(call) || refresh(e, &inner) || e->n == 0)
		return 0;
	if (!(org = event_org(e, call->org_id, &inner)))
		return 0;
	event_prepare(&ev, call, org, 1);
	sandbox_deadline_in(&limit, RULES_EVENT_MS);
	for (size_t i = 0; i < e->n; i++) {
		struct rule_entry *r = &e->rules[i];
		if (!(r->hooks & SANDBOX_HOOK_ON) || !org_within(r->org_path, org->path))
			continue;
		err_clear(&inner);
		/* What a rule queued stands only if its on() returns normally. */
		if (store_exec(e->ctx->db, "SAVEPOINT rule_on", &inner))
			continue;
		if (call_rule(e, r, "on", &ev, NULL, NULL, 0, &limit, &inner) == 0) {
			store_exec(e->ctx->db, "RELEASE rule_on", &inner);
			continue;
		}
		sqlite3_exec(e->ctx->db, "ROLLBACK TO rule_on; RELEASE rule_on", NULL, NULL, NULL);
		store_cache_rolled_back(e->ctx->db);
		utf8_cut(inner.msg, 700);
		log_failure(e, call, r, inner.msg);
		sb_addf(&e->on_failures, "%s规则 %s/%s（第 %d 版）的 on 出错（已记入规则日志，更改照常生效）：%s",
			e->on_failures.len ? "\n" : "", r->org_name, r->name, r->version, inner.msg);
	}
	event_release(&ev);
	return 0;
}

static int after_commit(struct gn_call *call, void *data, struct gn_err *err)
{
	struct rules_engine *e = data;
	int64_t disabled = 0;

	/* What this process changed itself does not move data_version. */
	if (call->component == &core_rules_component || strcmp(call->component->name, "org") == 0)
		e->fresh = 0;
	record_stops(e, call, &e->on_failures, &disabled);
	if (!e->on_failures.len)
		return 0;
	err_set(err, GN_REFUSED, "%s", sb_str(&e->on_failures));
	if (disabled)
		err_set_next(err, "rules", "enable", disabled);
	sb_reset(&e->on_failures);
	return -1;
}

/* ---- deadline and route ---------------------------------------------------------- */

struct deadline_answer {
	int days;     /* the statutory deadline */
	int answered; /* a whole number came back */
	long value;
};

static int take_deadline(lua_State *L, void *data, struct gn_err *err)
{
	struct deadline_answer *a = data;
	int isnum;
	lua_Integer n;

	if (lua_isnil(L, -1))
		return 0;
	n = lua_tointegerx(L, -1, &isnum);
	if (!isnum || lua_type(L, -1) != LUA_TNUMBER)
		return err_set(err, GN_REFUSED, "deadline 应返回 nil 或工作日数（整数），而不是 %s",
			       lua_type(L, -1) == LUA_TNUMBER ? "小数" : luaL_typename(L, -1));
	if (n < 1)
		return err_set(err, GN_REFUSED, "deadline 返回了 %lld：期限至少为 1 个工作日", (long long)n);
	a->answered = 1;
	a->value = n > a->days ? a->days + 1 : (long)n;
	return 0;
}

int rules_deadline(struct gn_call *call, const char *article, int days, int *out_days, struct gn_err *err)
{
	struct rules_engine *e = engine;
	const struct gn_transition *t;
	const struct gn_org *org;
	struct sandbox_event ev;
	struct timespec limit;
	char decider_path[sizeof org->path];
	int rc;

	*out_days = days;
	if ((rc = hook_begin(e, call, &org, err)) <= 0)
		return rc;
	rc = 0;
	/* A county's rules shorten the county's own deadlines, not those of
	 * the office that decides instead (Art 10, 30). */
	snprintf(decider_path, sizeof decider_path, "%s", org->path);
	if (call->decider_org && call->decider_org != org->id) {
		const struct gn_org *decider = event_org(e, call->decider_org, err);
		if (!decider)
			return -1;
		snprintf(decider_path, sizeof decider_path, "%s", decider->path);
		if (!(org = event_org(e, call->org_id, err)))
			return -1;
	}
	event_prepare(&ev, call, org, 0);
	ev.article = article;
	ev.days = days;
	t = wf_transition(call->component, call->action->verb);
	if (t && t->deadline.article && article && strcmp(t->deadline.article, article) == 0)
		ev.what = t->deadline.what;
	sandbox_deadline_in(&limit, RULES_EVENT_MS);
	for (size_t i = 0; i < e->n && rc == 0; i++) {
		struct rule_entry *r = &e->rules[i];
		struct deadline_answer a = { days, 0, 0 };
		struct gn_err inner = { .status = GN_OK };
		if (!(r->hooks & SANDBOX_HOOK_DEADLINE) || !org_within(r->org_path, decider_path))
			continue;
		if (call_rule(e, r, "deadline", &ev, take_deadline, &a, 1, &limit, &inner))
			rc = refuse_failed(r, "deadline", &inner, err);
		else if (a.answered && a.value < *out_days)
			*out_days = (int)a.value; /* never longer than the statute */
	}
	event_release(&ev);
	return rc;
}

struct route_answer {
	char office[200];
};

static int take_route(lua_State *L, void *data, struct gn_err *err)
{
	struct route_answer *a = data;
	size_t len;
	const char *s;

	if (lua_isnil(L, -1))
		return 0;
	if (lua_type(L, -1) != LUA_TSTRING)
		return err_set(err, GN_REFUSED, "route 应返回 nil 或受理单位的名称或代码，而不是 %s", luaL_typename(L, -1));
	s = lua_tolstring(L, -1, &len);
	if (len == 0 || len >= sizeof a->office || !utf8_valid(s, len) || memchr(s, '\0', len))
		return err_set(err, GN_REFUSED, "route 返回的单位名称无效（应为 1 到 %zu 字节的文本）", sizeof a->office - 1);
	memcpy(a->office, s, len);
	a->office[len] = '\0';
	return 0;
}

int rules_route(struct gn_call *call, char *office, size_t size, struct gn_err *err)
{
	struct rules_engine *e = engine;
	const struct gn_org *org;
	struct sandbox_event ev;
	struct timespec limit;
	int rc;

	if (size)
		office[0] = '\0';
	if ((rc = hook_begin(e, call, &org, err)) <= 0)
		return rc;
	rc = 0;
	event_prepare(&ev, call, org, 0);
	sandbox_deadline_in(&limit, RULES_EVENT_MS);
	/* City first, counties after: the most specific answer wins. */
	for (size_t i = 0; i < e->n && rc >= 0; i++) {
		struct rule_entry *r = &e->rules[i];
		struct route_answer a = { "" };
		struct gn_err inner = { .status = GN_OK };
		int64_t id;
		if (!(r->hooks & SANDBOX_HOOK_ROUTE) || !org_within(r->org_path, org->path))
			continue;
		if (call_rule(e, r, "route", &ev, take_route, &a, 1, &limit, &inner)) {
			rc = refuse_failed(r, "route", &inner, err);
		} else if (a.office[0]) {
			if (org_resolve(e->ctx->db, a.office, &id, &inner)) {
				rc = err_set(err, GN_REFUSED, "规则 %s/%s 把申请转给了 \"%s\"，但%s", r->org_name, r->name,
					     a.office, inner.msg);
			} else if (strlen(a.office) < size) {
				memcpy(office, a.office, strlen(a.office) + 1);
				rc = 1;
			}
		}
	}
	event_release(&ev);
	return rc;
}

/* ---- attaching ------------------------------------------------------------------- */

static void engine_free(struct rules_engine *e)
{
	if (!e)
		return;
	free_rules(e->rules, e->n);
	sqlite3_finalize(e->version_st);
	sb_free(&e->on_failures);
	free(e);
}

int rules_attach(struct gn_ctx *ctx, struct gn_err *err)
{
	(void)err;
	engine_free(engine);
	engine = xcalloc(1, sizeof *engine);
	engine->ctx = ctx;
	door_add_hook(DOOR_BEFORE_HANDLER, (struct door_hook){ before_handler, engine });
	door_add_hook(DOOR_AFTER_AUDIT, (struct door_hook){ after_audit, engine });
	door_add_hook(DOOR_AFTER_COMMIT, (struct door_hook){ after_commit, engine });
	door_add_hook(DOOR_AFTER_ROLLBACK, (struct door_hook){ after_rollback, engine });
	wf_set_deadline_hook(rules_deadline);
	return 0;
}

void rules_detach(struct gn_ctx *ctx)
{
	if (!engine || engine->ctx != ctx)
		return;
	wf_set_deadline_hook(NULL);
	engine_free(engine);
	engine = NULL;
}

/* ---- the benchmark ------------------------------------------------------------------- */

static double seconds(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

int rules_bench_validate(struct gn_ctx *ctx, const struct gn_plugin *component, const struct gn_action *action,
			 const struct gn_args *args, long n, double *us_per_event, int *rules_run,
			 struct gn_err *err)
{
	struct gn_call call = { .ctx = ctx, .component = component, .action = action, .args = args, .err = err };
	const struct gn_org *org;
	double t0;
	int rc = -1;

	if (!engine || engine->ctx != ctx)
		return err_set(err, GN_REFUSED, "规则引擎未启用");
	if (store_exec(ctx->db, "BEGIN", err))
		return -1;
	clock_format(ctx->now, call.now);
	if (action->scope_field && args_get(args, action->scope_field) &&
	    org_resolve(ctx->db, args_get(args, action->scope_field), &call.org_id, err))
		goto out;
	if (run_validate(engine, &call, err)) /* loads the scripts */
		goto out;
	*rules_run = 0;
	if (!(org = event_org(engine, call.org_id, err)))
		goto out;
	for (size_t i = 0; i < engine->n; i++)
		if ((engine->rules[i].hooks & SANDBOX_HOOK_VALIDATE) && org_within(engine->rules[i].org_path, org->path))
			(*rules_run)++;
	t0 = seconds();
	for (long i = 0; i < n; i++)
		if (run_validate(engine, &call, err))
			goto out;
	*us_per_event = (seconds() - t0) * 1e6 / (double)(n > 0 ? n : 1);
	rc = 0;
out:
	store_rollback(ctx->db);
	return rc;
}

int gn_call_route(struct gn_call *call, int64_t *office_org)
{
	char office[256];
	int rc = rules_route(call, office, sizeof office, call->err);

	if (rc != 1)
		return rc;
	return org_resolve(call->ctx->db, office, office_org, call->err) ? -1 : 1;
}
