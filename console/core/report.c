/* report.c — the monthly report: the core's sections, and the plugins'
 * sections gathered through the door (report.h). */
#include "config.h"
#include "report.h"
#include "../../lib/report/monthly.h"
#include "calendar.h"
#include "clock.h"
#include "door.h"
#include "fields.h"
#include "identity.h"
#include "org.h"
#include "registry.h"
#include "rowjson.h"
#include "store.h"
#include "strbuf.h"
#include "workflow.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "govnet/banned.h"

/* A county-level division, or the whole scope (total). */
struct unit {
	struct gn_org org;
	int total;
};

/* ---- assembling sections -------------------------------------------------- */

static json_t *find_by(json_t *arr, const char *key, const char *value)
{
	size_t i;
	json_t *v;

	json_array_foreach(arr, i, v) {
		const char *s = json_string_value(json_object_get(v, key));
		if (s && strcmp(s, value) == 0)
			return v;
	}
	return NULL;
}

static json_t *section_get(json_t *sections, const char *component, const char *code, const char *title)
{
	json_t *s = find_by(sections, "section", code);

	if (!s) {
		s = json_pack("{s:s, s:s, s:s, s:[], s:[]}", "section", code, "title", title, "component", component,
			      "columns", "rows");
		json_array_append_new(sections, s);
	}
	return s;
}

static json_t *row_get(json_t *section, const struct unit *u, const char *item, const char *item_title)
{
	json_t *rows = json_object_get(section, "rows"), *r;
	size_t i;

	json_array_foreach(rows, i, r) {
		const char *it = json_string_value(json_object_get(r, "item"));
		if (json_integer_value(json_object_get(r, "org_id")) == u->org.id &&
		    (item ? it && strcmp(it, item) == 0 : !it))
			return r;
	}
	r = json_pack("{s:s, s:I, s:o, s:o, s:b, s:{}}", "org", u->org.name, "org_id", (json_int_t)u->org.id, "item",
		      item ? json_string(item) : json_null(), "item_title",
		      item_title ? json_string(item_title) : json_null(), "total", u->total, "values");
	json_array_append_new(rows, r);
	return r;
}

/* A figure as JSON: a whole number, a decimal, or null when there is none. */
/* A figure an answer gave: a number as it is, a text read as one. */
static json_t *number(json_t *v)
{
	return json_is_number(v) ? json_incref(v) : rowjson_number(json_string_value(v));
}

static void put(json_t *sections, const char *component, const char *code, const char *title, const struct unit *u,
		const char *item, const char *item_title, const char *metric, const char *metric_title, json_t *value)
{
	json_t *s = section_get(sections, component, code, title);
	json_t *cols = json_object_get(s, "columns");

	if (!find_by(cols, "key", metric))
		json_array_append_new(cols, json_pack("{s:s, s:s}", "key", metric, "title", metric_title));
	json_object_set_new(json_object_get(row_get(s, u, item, item_title), "values"), metric, value);
}

/* ---- the core's sections -------------------------------------------------- */

static int prepare(struct gn_ctx *ctx, const char *sql, sqlite3_stmt **st, struct gn_err *err, const char *types, ...)
{
	va_list ap;
	int rc;

	va_start(ap, types);
	rc = store_vprepare(ctx->db, sql, st, err, types, ap);
	va_end(ap);
	return rc;
}

/* Closed deadlines of one kind: the transition that started them; the
 * working days each took, as (days, closes) in the order read. */
struct deadline {
	char key[96], title[200];
	int64_t closed, on_time, first;
	struct took {
		int days;
		int64_t n;
	} *took;
	size_t ntook;
};

static int by_days(const void *a, const void *b)
{
	const struct took *x = a, *y = b;

	return (x->days > y->days) - (x->days < y->days);
}

static int by_first(const void *a, const void *b)
{
	const struct deadline *x = a, *y = b;

	return (x->first > y->first) - (x->first < y->first);
}

/* The i-th smallest of a kind's working days (0-based). */
static int took_nth(const struct deadline *d, int64_t i)
{
	size_t k = 0;

	while (k + 1 < d->ntook && i >= d->took[k].n)
		i -= d->took[k++].n;
	return d->took[k].days;
}

/*
 * 按期办结率: every deadline closed in the month (the history row that
 * recorded met or missed), by the transition that started it.  Working
 * days taken: the deadline's length L (from its start to the due date it
 * set), less the working days still left at the close when met, or plus
 * the working days it was missed by — time returned to the applicant is
 * not counted, as the clock does not count it (Art 11).
 *
 * The closes are counted as they are made (wf_month_deadlines,
 * workflow.c): the unit's month is a range of those counts, one row for
 * each set of dates a deadline ran between, and the working days of each
 * are counted once, not for every close read again.  The kinds are listed
 * in the order their first close in the month was made.
 */
static int deadlines_section(struct gn_ctx *ctx, const char *month, const struct unit *u, json_t *sections,
			     struct gn_err *err)
{
	struct deadline d[64];
	size_t nd = 0;
	sqlite3_stmt *st;
	int rc;

	if (prepare(ctx,
			  "SELECT component, verb, started_on, due_set, closed_on, due, met, late_days, n, first_id"
			  " FROM wf_month_deadlines WHERE scope_org_id = ?1 AND month = ?2 AND n > 0",
			  &st, err, "it", u->org.id, month))
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *component = (const char *)sqlite3_column_text(st, 0);
		const struct gn_plugin *p = registry_find(ctx->reg, component);
		const struct gn_transition *t = p ? wf_transition(p, (const char *)sqlite3_column_text(st, 1)) : NULL;
		char start_day[11], start_due[11], day[11], due[11], key[96];
		int met = sqlite3_column_int(st, 6), late = sqlite3_column_int(st, 7), len = 0, left = 0, beyond;
		int64_t n = sqlite3_column_int64(st, 8), first = sqlite3_column_int64(st, 9);
		size_t k;

		if (!t || t->deadline.workdays <= 0)
			continue;
		store_column_text(start_day, sizeof start_day, st, 2);
		store_column_text(start_due, sizeof start_due, st, 3);
		store_column_text(day, sizeof day, st, 4);
		store_column_text(due, sizeof due, st, 5);
		snprintf(key, sizeof key, "%s.%s", component, t->verb);
		for (k = 0; k < nd && strcmp(d[k].key, key) != 0; k++)
			;
		if (k == nd) {
			if (nd == sizeof d / sizeof d[0])
				continue;
			memset(&d[nd], 0, sizeof d[nd]);
			snprintf(d[nd].key, sizeof d[nd].key, "%s", key);
			snprintf(d[nd].title, sizeof d[nd].title, "%s：%s（%s，%d 个工作日）", p->title, t->deadline.what,
				 t->deadline.article, t->deadline.workdays);
			d[nd].first = first;
			nd++;
		}
		if (calendar_workdays_between(ctx->db, start_day, start_due, &len, &beyond, err) ||
		    (met && calendar_workdays_between(ctx->db, day, due, &left, &beyond, err)))
			break;
		d[k].closed += n;
		d[k].on_time += met ? n : 0;
		if (first < d[k].first)
			d[k].first = first;
		d[k].took = xrealloc(d[k].took, (d[k].ntook + 1) * sizeof *d[k].took);
		d[k].took[d[k].ntook].days = met ? (len > left ? len - left : 0) : len + late;
		d[k].took[d[k].ntook++].n = n;
	}
	sqlite3_finalize(st);
	qsort(d, nd, sizeof d[0], by_first);
	for (size_t k = 0; k < nd; k++) {
		if (rc == SQLITE_DONE) {
			const char *sec = "deadlines", *title = "按期办结率";
			int64_t n = d[k].closed;
			qsort(d[k].took, d[k].ntook, sizeof *d[k].took, by_days);
			put(sections, "core", sec, title, u, d[k].key, d[k].title, "closed", "办结",
			    json_integer(d[k].closed));
			put(sections, "core", sec, title, u, d[k].key, d[k].title, "on_time", "按期",
			    json_integer(d[k].on_time));
			put(sections, "core", sec, title, u, d[k].key, d[k].title, "on_time_pct", "按期办结率（%）",
			    json_real((double)(int)(1000.0 * d[k].on_time / d[k].closed + 0.5) / 10.0));
			put(sections, "core", sec, title, u, d[k].key, d[k].title, "median_days", "用时中位数（工作日）",
			    n % 2 ? json_integer(took_nth(&d[k], n / 2))
				  : json_real((took_nth(&d[k], n / 2 - 1) + took_nth(&d[k], n / 2)) / 2.0));
		}
		free(d[k].took);
	}
	return rc == SQLITE_DONE ? 0 : err->msg[0] ? -1 : store_error(ctx->db, "读取期限", err);
}

static int count(struct gn_ctx *ctx, const char *sql, int64_t *n, struct gn_err *err, const char *types, ...)
{
	sqlite3_stmt *st;
	va_list ap;
	int rc;

	/* Run for each unit and workflow: the connection's kept statement,
	 * not a fresh prepare each time. */
	va_start(ap, types);
	rc = store_vquery(ctx->db, sql, &st, err, types, ap);
	va_end(ap);
	if (rc)
		return -1;
	rc = sqlite3_step(st);
	*n = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	store_release(ctx->db, st);
	return rc == SQLITE_ROW ? 0 : store_error(ctx->db, "统计", err);
}

/* What is overdue now, per workflow: running deadlines past their due date
 * and duties on calendar dates past theirs (what `govnet due --overdue`
 * lists). */
static int overdue_section(struct gn_ctx *ctx, const struct unit *u, json_t *sections, struct gn_err *err)
{
	char today[11];
	int64_t total = 0, n;

	clock_date(ctx->now, today);
	for (size_t i = 0; i < ctx->reg->n; i++) {
		const struct gn_plugin *p = ctx->reg->items[i].desc;
		if (!p->workflow)
			continue;
		/* The running clocks and the obligations past their due date are
		 * the unit's deadline entries before today, counted by due date
		 * as they are written (wf_due_count, workflow.c): a row for each
		 * date, not every overdue deadline of the city joined to its
		 * owner. */
		if (count(ctx,
			  "SELECT coalesce(sum(n), 0) FROM wf_due_count WHERE scope_org_id = ?3 AND component = ?1"
			  " AND due < ?2",
			  &n, err, "tti", p->name, today, u->org.id))
			return -1;
		put(sections, "core", "overdue", "当前逾期", u, NULL, NULL, p->name, p->title, json_integer(n));
		total += n;
	}
	put(sections, "core", "overdue", "当前逾期", u, NULL, NULL, "total", "合计", json_integer(total));
	return 0;
}

/* Access nodes (Art 9, 17, 26): their history in the month, and those in
 * service now. */
static int nodes_section(struct gn_ctx *ctx, const char *month, const struct unit *u, json_t *sections,
			 struct gn_err *err)
{
	static const struct {
		const char *metric, *title, *cond;
	} moves[] = {
		{ "added", "新增", "e.to_state = 'active' AND coalesce(e.from_state, '') = ''" }, /* Art 9, 11 */
		{ "disconnected", "断开", "e.to_state = 'disconnected'" },                         /* Art 26 */
		{ "reconnected", "恢复", "e.to_state = 'active' AND e.from_state = 'disconnected'" }, /* Art 26 */
		{ "revoked", "撤销", "e.to_state = 'revoked'" },                                     /* Art 17 */
	};
	struct strbuf sql = STRBUF_INIT;
	int64_t n;

	for (size_t i = 0; i < sizeof moves / sizeof moves[0]; i++) {
		sb_reset(&sql);
		sb_addf(&sql,
			"SELECT count(*) FROM node_event e JOIN node d ON d.id = e.node_id JOIN org o ON o.id = d.org_id"
			" WHERE %s AND e.at >= ?1 AND e.at < ?1 || '~' AND o.path LIKE ?2 || '%%'",
			moves[i].cond);
		if (count(ctx, sb_str(&sql), &n, err, "tt", month, u->org.path)) {
			sb_free(&sql);
			return -1;
		}
		put(sections, "core", "nodes", "接入节点", u, NULL, NULL, moves[i].metric, moves[i].title, json_integer(n));
	}
	sb_free(&sql);
	/* The unit's nodes out of service left out of those it has: a row
	 * or two of the counts kept as nodes change (node_count, node.c),
	 * not the unit's nodes read one by one. */
	if (count(ctx,
		  "SELECT coalesce(sum(n), 0) FROM node_count WHERE scope_org_id = ?1"
		  " AND state NOT IN ('disconnected', 'revoked')",
		  &n, err, "i", u->org.id))
		return -1;
	put(sections, "core", "nodes", "接入节点", u, NULL, NULL, "active", "在用", json_integer(n));
	return 0;
}

/* ---- the plugins' sections ------------------------------------------------ */

/* Each plugin's "report" action for the unit, through the door; with trend,
 * the organisation's own figures go to the trend instead. */
static int plugin_sections(struct gn_ctx *ctx, const char *month, const struct unit *u, json_t *sections,
			   json_t *trend, struct gn_err *err)
{
	const char *key = u->org.code[0] ? u->org.code : u->org.name;

	for (size_t i = 0; i < ctx->reg->n; i++) {
		const struct gn_plugin *p = ctx->reg->items[i].desc;
		const struct gn_action *a = component_action(p, "report");
		struct gn_args args = { 0 };
		struct door_result res;
		json_t *row;
		size_t k;

		if (!a || !(a->flags & GN_ACTION_READONLY))
			continue;
		args_set(&args, "month", month);
		args_set(&args, "org", key);
		int rc = door_run(ctx, p, a, &args, &res, err);
		args_free(&args);
		if (rc)
			return -1;
		json_array_foreach(res.rows, k, row) {
			const char *sec = json_string_value(json_object_get(row, "section"));
			const char *title = json_string_value(json_object_get(row, "section_title"));
			const char *item = json_string_value(json_object_get(row, "item"));
			const char *metric = json_string_value(json_object_get(row, "metric"));
			const char *mtitle = json_string_value(json_object_get(row, "metric_title"));
			json_t *value = number(json_object_get(row, "value"));
			if (!sec || !title || !metric || !mtitle) {
				json_decref(value);
				continue;
			}
			if (item && !*item)
				item = NULL;
			if (trend && !item) {
				char id[96];
				snprintf(id, sizeof id, "%s %s", month, sec);
				json_t *t = find_by(trend, "id", id);
				if (!t) {
					t = json_pack("{s:s, s:s, s:s, s:{}}", "id", id, "month", month, "section", sec,
						      "values");
					json_array_append_new(trend, t);
				}
				json_object_set_new(json_object_get(t, "values"), metric, value);
			} else if (!trend && (!item || u->total)) {
				/* A pool is listed once, under the whole scope. */
				put(sections, p->name, sec, title, u, item, item, metric, mtitle, value);
			} else {
				json_decref(value);
			}
		}
		door_result_free(&res);
	}
	return 0;
}

/* ---- the report ----------------------------------------------------------- */

static void month_back(const char *month, int back, char out[8])
{
	int y = (int)strtol(month, NULL, 10), m = (int)strtol(month + 5, NULL, 10) - back;

	while (m < 1) {
		m += 12;
		y--;
	}
	snprintf(out, 8, "%04d-%02d", (y % 10000 + 10000) % 10000, m % 100);
}

/* The county-level divisions and zones under the city, then the city;
 * below the city, the organisation alone. */
static int units_of(struct gn_ctx *ctx, const struct gn_org *org, struct unit **units, size_t *n, struct gn_err *err)
{
	sqlite3_stmt *st;
	int rc = SQLITE_DONE;

	*units = NULL;
	*n = 0;
	if (strcmp(org->kind, "city") == 0) {
		if (prepare(ctx, "SELECT id FROM org WHERE parent_id = ?1 AND kind IN ('county', 'zone') ORDER BY id",
				  &st, err, "i", org->id))
			return -1;
		while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
			*units = xrealloc(*units, (*n + 1) * sizeof **units);
			memset(&(*units)[*n], 0, sizeof **units);
			if (org_get(ctx->db, sqlite3_column_int64(st, 0), &(*units)[*n].org, err))
				break;
			(*n)++;
		}
		sqlite3_finalize(st);
		if (rc != SQLITE_DONE)
			return err->msg[0] ? -1 : store_error(ctx->db, "读取县区", err);
	}
	*units = xrealloc(*units, (*n + 1) * sizeof **units);
	(*units)[*n].org = *org;
	(*units)[*n].total = 1;
	(*n)++;
	return 0;
}

static int gather(struct gn_ctx *ctx, const char *month, const struct unit *units, size_t n, json_t *doc,
		  struct gn_err *err)
{
	json_t *sections = json_object_get(doc, "sections"), *trend = json_object_get(doc, "trend");

	/* The core's sections come first, in this order, figures or none. */
	json_t *d = json_object_get(section_get(sections, "core", "deadlines", "按期办结率"), "columns");
	json_t *cols = json_pack("[{s:s, s:s}, {s:s, s:s}, {s:s, s:s}, {s:s, s:s}]", "key", "closed", "title", "办结",
				       "key", "on_time", "title", "按期", "key", "on_time_pct", "title", "按期办结率（%）",
				       "key", "median_days", "title", "用时中位数（工作日）");
	json_array_extend(d, cols);
	json_decref(cols);
	section_get(sections, "core", "overdue", "当前逾期");
	section_get(sections, "core", "nodes", "接入节点");
	for (size_t i = 0; i < n; i++)
		if (deadlines_section(ctx, month, &units[i], sections, err) ||
		    overdue_section(ctx, &units[i], sections, err) ||
		    nodes_section(ctx, month, &units[i], sections, err) ||
		    plugin_sections(ctx, month, &units[i], sections, NULL, err))
			return -1;
	for (int back = REPORT_TREND_MONTHS - 1; back >= 0; back--) {
		char m[8];
		month_back(month, back, m);
		if (plugin_sections(ctx, m, &units[n - 1], sections, trend, err))
			return -1;
	}
	/* The trend's entries were found by a key of their own. */
	size_t i;
	json_t *t;
	json_array_foreach(trend, i, t)
		json_object_del(t, "id");
	return 0;
}

int report_month(struct gn_ctx *ctx, const char *month, const char *org_key, json_t **out, struct gn_err *err)
{
	struct gn_org org;
	struct unit *units = NULL;
	size_t n = 0;
	int64_t org_id;
	int rc, outer = ctx->outer_tx;

	*out = NULL;
	if (!monthly_month_valid(month))
		return err_set_field(err, "month", GN_USAGE, "月份应写作 YYYY-MM，例如 2026-10（得到 \"%.20s\"）", month);
	if (!ctx->actor.registered)
		return identity_refuse_unregistered(ctx, err);
	if (org_key) {
		if (org_resolve(ctx->db, org_key, &org_id, err)) {
			err_prefix(err, "组织（--org）：");
			return -1;
		}
	} else {
		org_id = ctx->actor.org_id;
	}
	if (org_get(ctx->db, org_id, &org, err))
		return -1;
	if (!org_within(ctx->actor.org_path, org.path))
		return err_set_field(err, "org", GN_REFUSED, "组织（--org）：%s 不在登录 %s 的范围（%s）内", org.name,
				     ctx->login, ctx->actor.org_name);
	if (units_of(ctx, &org, &units, &n, err))
		return -1;
	/* One snapshot for every section: the door's reads nest inside it. */
	if (store_exec(ctx->db, "BEGIN", err)) {
		free(units);
		return -1;
	}
	ctx->outer_tx = 1;
	*out = json_pack("{s:s, s:s, s:I, s:[], s:[]}", "month", month, "org", org.name, "org_id", (json_int_t)org.id,
			 "sections", "trend");
	rc = gather(ctx, month, units, n, *out, err);
	ctx->outer_tx = outer;
	sqlite3_exec(ctx->db, "ROLLBACK", NULL, NULL, NULL);
	free(units);
	if (rc) {
		json_decref(*out);
		*out = NULL;
	}
	return rc;
}
