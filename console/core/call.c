/*
 * call.c — what a plugin's handler may call during a change (govnet/plugin.h):
 * the values given, who acts, SQL inside the door's transaction, the
 * organisations, who decides (Art 9–10, 30), refusals.  Access nodes are in
 * node.c.
 */
#include "config.h"
#include "door.h"
#include "identity.h"
#include "org.h"
#include "calendar.h"
#include "listing.h"
#include "outbox.h"
#include "registry.h"
#include "rowjson.h"
#include "store.h"
#include "strbuf.h"

#include <jansson.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "govnet/banned.h"

sqlite3 *gn_call_db(struct gn_call *call)
{
	return call->ctx->db;
}

const char *gn_call_arg(struct gn_call *call, const char *name)
{
	return args_get(call->args, name);
}

const char *gn_call_arg_nth(struct gn_call *call, const char *name, size_t i)
{
	return args_nth(call->args, name, i);
}

const char *gn_call_arg_source(struct gn_call *call, const char *name)
{
	return args_source(call->args, name);
}

int64_t gn_call_arg_int(struct gn_call *call, const char *name, int64_t fallback)
{
	const char *v = args_get(call->args, name);
	char *end;
	long long n;

	if (strcmp(name, "id") == 0 && call->id)
		return call->id;
	if (!v)
		return fallback;
	n = strtoll(v, &end, 10);
	return *end ? fallback : n;
}

int64_t gn_call_arg_org(struct gn_call *call, const char *name)
{
	const char *v = args_get(call->args, name);
	int64_t id = 0;

	if (!v)
		return 0;
	if (org_resolve(call->ctx->db, v, &id, call->err)) {
		const struct gn_field *f = action_field(call->action, name);
		err_prefix(call->err, "%s（--%s）：", f && f->label ? f->label : name, name);
		snprintf(call->err->field, sizeof call->err->field, "%s", name);
		return -1;
	}
	return id;
}

const char *gn_call_component(struct gn_call *call)
{
	return call->component->name;
}

const char *gn_call_verb(struct gn_call *call)
{
	return call->action->verb;
}

const char *gn_call_login(struct gn_call *call)
{
	return call->ctx->login;
}

enum gn_role gn_call_role(struct gn_call *call)
{
	return call->ctx->actor.role;
}

const char *gn_call_now(struct gn_call *call)
{
	return call->now;
}

void gn_call_set_id(struct gn_call *call, int64_t id)
{
	call->id = id;
}

static int vrefuse(struct gn_call *call, const char *field, const char *fmt, va_list ap)
{
	call->err->status = GN_REFUSED;
	snprintf(call->err->field, sizeof call->err->field, "%s", field ? field : "");
	call->err->next.component[0] = '\0';
	vsnprintf(call->err->msg, sizeof call->err->msg, fmt, ap);
	return -1;
}

int gn_call_refuse(struct gn_call *call, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vrefuse(call, NULL, fmt, ap);
	va_end(ap);
	return -1;
}

int gn_call_refuse_field(struct gn_call *call, const char *field, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vrefuse(call, field, fmt, ap);
	va_end(ap);
	return -1;
}

static void set_next(struct gn_call *call, const char *component, const char *verb, int64_t id)
{
	if (component && verb && strlen(component) < sizeof call->err->next.component &&
	    strlen(verb) < sizeof call->err->next.verb) {
		snprintf(call->err->next.component, sizeof call->err->next.component, "%s", component);
		snprintf(call->err->next.verb, sizeof call->err->next.verb, "%s", verb);
		call->err->next.id = id;
	}
}

int gn_call_refuse_next(struct gn_call *call, const char *component, const char *verb, int64_t id, const char *fmt,
			...)
{
	va_list ap;

	va_start(ap, fmt);
	vrefuse(call, NULL, fmt, ap);
	va_end(ap);
	set_next(call, component, verb, id);
	return -1;
}

int gn_call_refuse_field_next(struct gn_call *call, const char *field, const char *component, const char *verb,
			      int64_t id, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vrefuse(call, field, fmt, ap);
	va_end(ap);
	set_next(call, component, verb, id);
	return -1;
}

int64_t gn_call_org_id(struct gn_call *call)
{
	return call->org_id;
}

int gn_call_exec(struct gn_call *call, const char *sql, const char *types, ...)
{
	va_list ap;
	int rc;

	va_start(ap, types);
	rc = store_vrun(call->ctx->db, sql, call->err, types, ap);
	va_end(ap);
	return rc;
}

int gn_call_query_int(struct gn_call *call, int64_t *out, const char *sql, const char *types, ...)
{
	va_list ap;
	int rc;

	va_start(ap, types);
	rc = store_vquery_int(call->ctx->db, sql, out, call->err, types, ap);
	va_end(ap);
	return rc;
}

sqlite3_stmt *gn_call_query(struct gn_call *call, const char *sql, const char *types, ...)
{
	sqlite3_stmt *st;
	va_list ap;
	int rc;

	va_start(ap, types);
	rc = store_vquery(call->ctx->db, sql, &st, call->err, types, ap);
	va_end(ap);
	return rc ? NULL : st;
}

void gn_call_done(struct gn_call *call, sqlite3_stmt *st)
{
	store_release(call->ctx->db, st);
}

int gn_call_rebind(struct gn_call *call, sqlite3_stmt *st, const char *types, ...)
{
	va_list ap;
	int rc;

	va_start(ap, types);
	rc = store_vbind(st, call->err, types, ap);
	va_end(ap);
	return rc;
}

int64_t gn_call_last_insert_id(struct gn_call *call)
{
	return sqlite3_last_insert_rowid(call->ctx->db);
}

int gn_call_sqlite_error(struct gn_call *call, const char *what)
{
	return store_error(call->ctx->db, what, call->err);
}

int gn_call_org(struct gn_call *call, int64_t org_id, struct gn_org *org)
{
	return org_get(call->ctx->db, org_id, org, call->err);
}

int64_t gn_call_actor_org(struct gn_call *call)
{
	return call->ctx->actor.org_id;
}

int gn_call_in_scope(struct gn_call *call, int64_t org_id)
{
	char path[256];
	struct gn_err ignored;

	if (org_lookup(call->ctx->db, org_id, path, sizeof path, NULL, 0, &ignored))
		return 0;
	return org_within(call->ctx->actor.org_path, path);
}

void gn_call_emit_row(struct gn_call *call, size_t n, const char *const *names, const char *const *values)
{
	gn_call_emit_typed(call, n, names, values, NULL);
}

void gn_call_emit_typed(struct gn_call *call, size_t n, const char *const *names, const char *const *values,
			const char *types)
{
	json_t *row = json_object();

	for (size_t i = 0; i < n; i++) {
		char type = types && types[i] ? types[i] : 't';
		json_t *v = !values[i] ? json_null() :
			    type == 'n' ? rowjson_number(values[i]) :
			    type == 'b' && *values[i] ? json_boolean(strcmp(values[i], "0") != 0) :
			    type == 'b' ? json_null() : json_string(values[i]);
		json_object_set_new(row, names[i], v ? v : json_null());
		/* A count past 64 bits (an IPv6 block's) is a decimal number;
		 * the text given, exact or rounded as it was, is what people
		 * read (govnet-json(5): X_shown). */
		/* A figure not known (words, not a number) is null, the words
		 * beside it in X_shown the same way. */
		if ((json_is_real(v) && (strpbrk(values[i], "eE") || !strchr(values[i], '.'))) ||
		    (type == 'n' && (!v || json_is_null(v)) && *values[i])) {
			char shown[96];
			snprintf(shown, sizeof shown, "%s_shown", names[i]);
			json_object_set_new(row, shown, json_string(values[i]));
		}
	}
	/* A report's row goes out as it is made: a page is never held. */
	if (call->row_sink) {
		call->row_sink(row, call->row_sink_data);
		json_decref(row);
		return;
	}
	if (!call->rows)
		call->rows = json_array();
	json_array_append_new(call->rows, row);
}

void gn_call_emit_text(struct gn_call *call, const char *text)
{
	sb_add(&call->text, text);
}

/* ---- who decides (Art 9–10, 17, 30) ------------------------------------- */

enum decided_by { BY_LEVEL, BY_CROSS_LEVEL, BY_COUNTY_RULE };

/* Requests go to the local competent authority; one that involves both
 * levels goes to the city's (Art 10). */
static int64_t office_by_level(const struct gn_org *org, int cross_level)
{
	return cross_level || !org->county_id ? org->city_id : org->county_id;
}

/* gn_decider(org_id, cross_level): the office office_by_level names, for
 * views that list what an office decides (the access queue). */
static void sql_decider(sqlite3_context *sc, int argc, sqlite3_value **argv)
{
	struct gn_org org;
	struct gn_err ignored = { .status = GN_OK };

	(void)argc;
	if (org_get(sqlite3_context_db_handle(sc), sqlite3_value_int64(argv[0]), &org, &ignored))
		sqlite3_result_null(sc);
	else
		sqlite3_result_int64(sc, office_by_level(&org, sqlite3_value_int(argv[1]) != 0));
}

int decider_register_sql(sqlite3 *db, struct gn_err *err)
{
	if (sqlite3_create_function(db, "gn_decider", 2, SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL, sql_decider, NULL,
				    NULL) != SQLITE_OK)
		return err_set(err, GN_REFUSED, "无法注册 gn_decider：%s", sqlite3_errmsg(db));
	return 0;
}

/* The office named when the record's clock started (workflow.c keeps
 * call->decider_org with it), or 0 when none was. */
static int64_t kept_decider(struct gn_call *call)
{
	struct gn_err ignored = { .status = GN_OK };
	int64_t office = 0;

	if (call->id > 0 && call->component)
		store_query_int(call->ctx->db,
				"SELECT decider_org FROM wf_clock WHERE component = ?1 AND record_id = ?2"
				" AND decider_org IS NOT NULL",
				&office, &ignored, "ti", call->component->name, call->id);
	return office;
}

/* The office that decides a record of org_id: the one kept with the
 * record when kept, else the level rule and the county's route() (Art 30). */
static int decide(struct gn_call *call, int64_t org_id, int cross_level, int use_kept, struct gn_org *office,
		  enum decided_by *by)
{
	struct gn_org org;
	int64_t routed = use_kept ? kept_decider(call) : 0, office_id;
	int route = routed ? 1 : 0;

	if (gn_call_org(call, org_id, &org))
		return -1;
	office_id = office_by_level(&org, cross_level);
	*by = cross_level ? BY_CROSS_LEVEL : BY_LEVEL;
	/* A county's rules may name the office that handles its own records
	 * (Art 30); never a cross-level one, which is the city's. */
	if (!route && !cross_level && (route = gn_call_route(call, &routed)) < 0)
		return -1;
	if (route == 1 && routed != office_id) {
		office_id = routed;
		*by = BY_COUNTY_RULE;
	}
	call->decider_org = office_id;
	if (gn_call_org(call, office_id, office))
		return -1;
	/* The office must be able to see what it decides: the city's, or one
	 * above the organisation. */
	if (*by == BY_COUNTY_RULE && !org_within(office->path, org.path))
		return gn_call_refuse(call, "本地规则把 %s 的申请转给了 %s，但 %s 不管辖 %s（Art 30）", org.name,
				      office->name, office->name, org.name);
	return 0;
}

/* Submission names the office (and the workflow keeps it with the
 * record); a decision checks against the office kept. */
int gn_call_decider(struct gn_call *call, int64_t org_id, int cross_level, struct gn_org *office)
{
	enum decided_by by;

	return decide(call, org_id, cross_level, 0, office, &by);
}

int gn_call_check_decider(struct gn_call *call, int64_t org_id, int cross_level, const char *article)
{
	struct gn_org office;
	enum decided_by by;

	if (decide(call, org_id, cross_level, 1, &office, &by))
		return -1;
	if (gn_call_actor_org(call) == office.id)
		return 0;
	switch (by) {
	case BY_CROSS_LEVEL:
		return gn_call_refuse(call, "该申请同时涉及市、县区两级，应由市政务办（%s 的主管部门）审核（Art 10）",
				      office.name);
	case BY_COUNTY_RULE:
		return gn_call_refuse(call, "按本地规则，该申请由 %s 审核（Art 30）", office.name);
	default:
		return gn_call_refuse(call, "该申请应由 %s 的政务外网主管部门%s（Art 9、%s）", office.name,
				      call->action->title ? call->action->title : "办理",
				      article ? article : call->action->article ? call->action->article : "Art 10");
	}
}

/* ---- other components' records ------------------------------------------ */

int gn_call_record(struct gn_call *call, const char *component, const char *key, const char *field, int64_t *id,
		   int64_t *org_id)
{
	const struct gn_plugin *c = registry_find(call->ctx->reg, component);
	char *json = NULL;
	struct gn_err e = { .status = GN_OK };

	*id = 0;
	if (org_id)
		*org_id = 0;
	if (!c || !c->record)
		return gn_call_refuse_field(call, field, "无法核对 --%s：%s 插件未安装", field, component);
	if (record_resolve(call->ctx, c, key, id, &e) || *id <= 0)
		return gn_call_refuse_field(call, field, "没有%s \"%.80s\"（--%s）", c->record->title, key, field);
	if (row_json(call->ctx->db, c->record->table, *id, "org_id", &json, org_id, call->err))
		return -1;
	if (!json)
		return gn_call_refuse_field(call, field, "没有%s \"%.80s\"（--%s）", c->record->title, key, field);
	free(json);
	return 0;
}

int gn_call_announce(struct gn_call *call, const char *verb, const char *table, int64_t id)
{
	return door_announce(call, call->reacting ? call->reacting : call->component, verb, table, id);
}

/* ---- obligations on calendar dates -------------------------------------- */

int gn_call_obligation(struct gn_call *call, int64_t record_id, const char *kind, int64_t org_id,
		       const char *article, const char *what, const char *due, unsigned waiting_on)
{
	if (!due || !*due)
		return gn_call_exec(call, "DELETE FROM wf_obligation WHERE component = ?1 AND record_id = ?2 AND kind = ?3",
				    "tit", call->component->name, record_id, kind);
	return gn_call_exec(call,
			    "INSERT OR REPLACE INTO wf_obligation(component, record_id, kind, org_id, waiting_on, article, what,"
			    " due) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
			    "titiittt", call->component->name, record_id, kind, org_id, (int64_t)waiting_on, article, what,
			    due);
}

/* ---- the record as it was, and other components' read-only answers ------ */

const char *gn_call_before(struct gn_call *call, const char *column)
{
	json_t *v;

	if (!call->before)
		return NULL;
	if (!call->before_obj && !(call->before_obj = json_loads(call->before, 0, NULL)))
		return NULL;
	v = json_object_get(call->before_obj, column);
	if (!v || json_is_null(v))
		return NULL;
	if (!json_is_string(v)) {
		char *text = json_is_integer(v) ? NULL : json_dumps(v, JSON_ENCODE_ANY | JSON_COMPACT);
		char num[32];
		if (json_is_integer(v))
			snprintf(num, sizeof num, "%lld", (long long)json_integer_value(v));
		json_object_set_new(call->before_obj, column, json_string(text ? text : num));
		free(text);
		v = json_object_get(call->before_obj, column);
	}
	return json_string_value(v);
}

struct gn_rows {
	json_t *rows; /* an array of objects */
};

int gn_call_invoke(struct gn_call *call, const char *component, const char *verb, const char *const *kv,
		   struct gn_rows **rows)
{
	const struct gn_plugin *c = registry_find(call->ctx->reg, component);
	const struct gn_action *a = c ? component_action(c, verb) : NULL;
	struct gn_args args = { 0 };
	struct gn_call sub = *call;
	int rc;

	*rows = NULL;
	if (!a || !(a->flags & GN_ACTION_READONLY))
		return gn_call_refuse(call, "无法读取 %s %s：%s", component, verb,
				      !c ? "该插件未安装" : !a ? "没有这个操作" : "它不是只读的");
	for (; kv && kv[0] && kv[1]; kv += 2)
		args_set(&args, kv[0], kv[1]);
	if (fields_check(a, &args, call->err)) {
		args_free(&args);
		return -1;
	}
	sub.component = c;
	sub.action = a;
	sub.args = &args;
	sub.id = 0;
	sub.rows = NULL;
	sub.row_sink = NULL; /* the invoking action reads these rows */
	sub.text = (struct strbuf)STRBUF_INIT;
	sub.before = NULL;
	sub.before_obj = NULL;
	/* Nothing but the flag says the action only reads: whatever it wrote
	 * is undone, while the caller's own change stands.  A savepoint rolled
	 * back leaves the caller's open cursors readable. */
	if (store_exec(call->ctx->db, "SAVEPOINT invoke", call->err)) {
		args_free(&args);
		return -1;
	}
	rc = a->run(&sub);
	sqlite3_exec(call->ctx->db, "ROLLBACK TO invoke; RELEASE invoke", NULL, NULL, NULL);
	store_cache_rolled_back(call->ctx->db);
	args_free(&args);
	sb_free(&sub.text);
	if (rc) {
		json_decref(sub.rows);
		return -1;
	}
	*rows = xcalloc(1, sizeof **rows);
	(*rows)->rows = sub.rows ? sub.rows : json_array();
	/* Other components read an answer's values as text (gn_rows_get). */
	json_t *row, *v;
	const char *key;
	size_t i;
	json_array_foreach((*rows)->rows, i, row)
		json_object_foreach(row, key, v) {
			char shown[128];
			snprintf(shown, sizeof shown, "%s_shown", key);
			if (!json_is_string(v) && !json_is_null(v))
				json_object_set_new(row, key, json_object_get(row, shown) ?
								 json_incref(json_object_get(row, shown)) :
								 rowjson_text(v));
		}
	return 0;
}

size_t gn_rows_count(const struct gn_rows *r)
{
	return r ? json_array_size(r->rows) : 0;
}

const char *gn_rows_get(const struct gn_rows *r, size_t i, const char *column)
{
	json_t *v = r ? json_object_get(json_array_get(r->rows, i), column) : NULL;

	return v && json_is_string(v) ? json_string_value(v) : NULL;
}

void gn_rows_free(struct gn_rows *r)
{
	if (!r)
		return;
	json_decref(r->rows);
	free(r);
}

/* ---- notifications and working days ------------------------------------- */

int gn_call_notify(struct gn_call *call, int64_t org_id, const char *event, const char *text)
{
	char full[128];
	int queued = 0;

	/* The door already tells the subscribers of the change itself, for
	 * the organisation it was made for. */
	if (org_id == call->org_id && strcmp(event, call->action->verb) == 0)
		return 0;
	snprintf(full, sizeof full, "%s.%s", call->component->name, event);
	if (outbox_queue_for_org(call->ctx->db, full, org_id, text, call->ctx->now, &queued, call->err))
		return -1;
	return queued;
}

int gn_call_notify_person(struct gn_call *call, int64_t org_id, const char *event, const char *name,
			  const char *phone, const char *text)
{
	char full[128];
	int queued = 0;

	if (!phone || !*phone)
		return 0;
	snprintf(full, sizeof full, "%s.%s", call->component->name, event);
	if (outbox_queue_for_person(call->ctx->db, full, org_id, name, phone, text, call->ctx->now, &queued, call->err))
		return -1;
	return queued;
}

int gn_call_add_workdays(struct gn_call *call, const char *date, int days, char out[11], int *provisional)
{
	int prov = 0;

	if (calendar_add_workdays(call->ctx->db, date, days, out, &prov, call->err))
		return -1;
	if (provisional)
		*provisional = prov;
	return 0;
}
