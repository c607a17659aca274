#include "config.h"
#include "listing.h"
#include "clock.h"
#include "collate.h"
#include "identity.h"
#include "org.h"
#include "store.h"
#include "strbuf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "govnet/banned.h"

void listing_bind_context(struct gn_ctx *ctx, sqlite3_stmt *st)
{
	char now[CLOCK_ISO_LEN], today[11];
	int i;

	clock_format(ctx->now, now);
	clock_date(ctx->now, today);
	if ((i = sqlite3_bind_parameter_index(st, ":now")))
		sqlite3_bind_text(st, i, now, -1, SQLITE_TRANSIENT);
	if ((i = sqlite3_bind_parameter_index(st, ":today")))
		sqlite3_bind_text(st, i, today, -1, SQLITE_TRANSIENT);
	if ((i = sqlite3_bind_parameter_index(st, ":login")))
		sqlite3_bind_text(st, i, ctx->login, -1, SQLITE_TRANSIENT);
	if ((i = sqlite3_bind_parameter_index(st, ":role")))
		sqlite3_bind_int(st, i, (int)ctx->actor.role);
	if ((i = sqlite3_bind_parameter_index(st, ":actor_org")))
		sqlite3_bind_int64(st, i, ctx->actor.org_id);
	if ((i = sqlite3_bind_parameter_index(st, ":office_role")))
		sqlite3_bind_int(st, i, (int)GN_ROLE_OFFICE);
}

/* The scope's organisation: the last id of its path, "/1/5/23/" → 23 (the
 * console narrows a scope by its path alone, console/ui/scope.c). */
static long long scope_org_id(const char *path)
{
	const char *last = strrchr(path, '/');
	const char *p = last;

	while (p && p > path && p[-1] != '/')
		p--;
	return p && p < last ? strtoll(p, NULL, 10) : 0;
}

int64_t listing_scope_org(const struct gn_ctx *ctx)
{
	return scope_org_id(ctx->actor.org_path);
}

static const struct gn_column *find_column(const struct gn_view *v, const char *name)
{
	for (const struct gn_column *c = v->columns; c->name; c++)
		if (strcmp(c->name, name) == 0)
			return c;
	return NULL;
}

/* Values bound to ?100, ?101 …: explicit numbers keep them clear of any
 * named parameters (:now, :today) the view's or a filter's SQL uses. */
#define FIRST_BIND 100
struct binds {
	const char *text[32];
	int n;
	char paths[4][256]; /* organisation filters resolved to their paths, prefixes made canonical */
	int npaths;
};

static void add_bind(struct strbuf *sql, struct binds *b, const char *value)
{
	sb_addf(sql, "?%d", FIRST_BIND + b->n);
	b->text[b->n++] = value;
}

/* Copy a filter's SQL, numbering its one "?" for value. */
static void add_condition(struct strbuf *sql, const char *cond, struct binds *b, const char *value)
{
	sb_add(sql, " AND (");
	for (const char *p = cond; *p; p++) {
		if (*p == '?' && value)
			add_bind(sql, b, value);
		else
			sb_addch(sql, *p);
	}
	sb_add(sql, ")");
}

/* The flag filter asked for whose rows a scope-key table marks
 * (gn_filter.scope_table), or NULL. */
static const struct gn_filter *marked_filter(const struct gn_view *v, const struct listing *l)
{
	for (size_t i = 0; l->filters && i < l->filters->n; i++)
		for (const struct gn_filter *g = v->filters; g && g->name; g++)
			if (g->scope_table && g->type == GN_FIELD_FLAG && strcmp(g->name, l->filters->items[i].name) == 0)
				return g;
	return NULL;
}

static int build(struct gn_ctx *ctx, const struct listing *l, int counting, struct strbuf *sql,
		 struct binds *b, struct gn_err *err)
{
	const struct gn_view *v = l->view;
	const char *want = l->sort ? l->sort : v->order_by;
	const char *sort = want && find_column(v, want) ? want : "id";
	/* A scope is read through the view's scope table when it has one:
	 * the scope's rows are then one index range in id order, and a page
	 * costs its rows, not the scope's (govnet/plugin.h). */
	int scoped = !ctx->actor.city_wide && v->scope_table;
	/* A view whose order is kept in its scope table (scope_key) reads
	 * every scope, the city's too, through that table in that order (its
	 * order_by need not be a column it shows). */
	int keyed = v->scope_table && v->scope_key && v->order_by && strcmp(want, v->order_by) == 0;
	/* A page in id order narrowed by a filter whose rows a scope-key
	 * table marks reads only those rows, for every scope (not a view with
	 * a key table of its own, whose condition is on its own table). */
	const struct gn_filter *marked = !keyed && !v->scope_key && strcmp(sort, "id") == 0 ? marked_filter(v, l) : NULL;
	const char *table = marked ? marked->scope_table : v->scope_table;
	const char *key = scoped || keyed || marked ? "s.scope_record_id" : "id";

	if (!ctx->actor.registered)
		return identity_refuse_unregistered(ctx, err);
	/* Texts in pinyin order (collate.h): ICU is loaded for a list sorted
	 * by a column, and its absence said here rather than in the order. */
	if (!counting && !keyed && strcmp(sort, "id") != 0 && collate_ready(err))
		return -1;
	sb_add(sql, counting ? "SELECT count(*)" : "SELECT ");
	if (!counting && l->key_only && strcmp(sort, "id") != 0) {
		sb_addf(sql, "coalesce(\"%s\", ''), id", sort);
	} else if (!counting && l->key_only) {
		sb_add(sql, "id, id");
	} else if (!counting && l->all_columns) {
		sb_add(sql, "v.*");
	} else if (!counting) {
		for (const struct gn_column *c = v->columns; c->name; c++)
			sb_addf(sql, "\"%s\", ", c->name);
		sb_add(sql, "id, org_path");
		if (l->with_style)
			sb_add(sql, ", \"_style\"");
	}
	if (l->ids_json) {
		/* The ids first, each looked up: whatever the planner's
		 * statistics say, a window costs its rows. */
		sb_add(sql, " FROM (SELECT value AS gn_id FROM json_each(");
		add_bind(sql, b, l->ids_json);
		sb_add(sql, ")) AS j CROSS JOIN");
	}
	if ((scoped || keyed || marked) && l->ids_json)
		sb_addf(sql, " \"%s\" AS s ON s.scope_record_id = j.gn_id CROSS JOIN (%s) AS v ON v.id = s.scope_record_id"
			" WHERE s.scope_org_id = %lld", table, v->sql, scope_org_id(ctx->actor.org_path));
	else if (l->ids_json)
		sb_addf(sql, " (%s) AS v ON v.id = j.gn_id WHERE 1", v->sql);
	else if (scoped || keyed || marked)
		sb_addf(sql, " FROM \"%s\" AS s CROSS JOIN (%s) AS v ON v.id = s.scope_record_id"
			" WHERE s.scope_org_id = %lld", table, v->sql, scope_org_id(ctx->actor.org_path));
	else
		sb_addf(sql, " FROM (%s) AS v WHERE 1", v->sql);
	/* Scope: a subtree is the path range [scope, scope with its last '/'
	 * raised to '0'), which the org path index serves. */
	/* A scope read in another order still meets the key's condition: a
	 * key table may hold a record more than once (the access queue's). */
	if (keyed || (scoped && v->scope_key))
		sb_addf(sql, " AND (%s)", v->scope_key);
	if (marked)
		sb_addf(sql, " AND (%s)", marked->scope_key);
	if (!ctx->actor.city_wide && !scoped && !keyed && !marked) {
		sb_add(sql, " AND org_path >= ");
		add_bind(sql, b, ctx->actor.org_path);
		sb_add(sql, " AND org_path < ");
		add_bind(sql, b, ctx->actor.org_path_end);
	}
	for (size_t i = 0; l->filters && i < l->filters->n; i++) {
		const struct gn_filter *f = NULL;
		for (const struct gn_filter *g = v->filters; g && g->name; g++)
			if (strcmp(g->name, l->filters->items[i].name) == 0)
				f = g;
		if (!f)
			return err_set(err, GN_USAGE, "列表 %s 没有筛选条件 --%s", v->name, l->filters->items[i].name);
		if (b->n >= 24)
			return err_set(err, GN_USAGE, "筛选条件太多");
		const char *value = l->filters->items[i].value;
		if (f->type == GN_FIELD_CHOICE) {
			/* Refused as a choice field is: its choices with their titles. */
			struct gn_field as_field = field_of_filter(f);
			if (field_check(&as_field, value, err))
				return -1;
		}
		if (f->type == GN_FIELD_ORG) {
			int64_t org;
			if (b->npaths == 4)
				return err_set(err, GN_USAGE, "组织筛选条件太多");
			char *path = b->paths[b->npaths++];
			if (org_resolve(ctx->db, value, &org, err) ||
			    org_lookup(ctx->db, org, path, sizeof b->paths[0], NULL, 0, err))
				return -1;
			value = path;
		}
		if (f->type == GN_FIELD_CIDR) {
			if (b->npaths == 4)
				return err_set(err, GN_USAGE, "网段筛选条件太多");
			char *canonical = b->paths[b->npaths++];
			if (field_cidr_canonical(value, canonical, sizeof b->paths[0]))
				return err_set(err, GN_REFUSED, "--%s 不是有效的 CIDR 网段：\"%.60s\"", f->name, value);
			value = canonical;
		}
		add_condition(sql, f->sql, b, f->type == GN_FIELD_FLAG ? NULL : value);
	}
	if (l->search && *l->search) {
		/* Column by column, not one concatenation: no string is built
		 * per row, and the first column that matches settles it (a
		 * filter keystroke on 100k rows, DESIGN §5). */
		int n = FIRST_BIND + b->n;
		b->text[b->n++] = l->search;
		sb_add(sql, " AND (");
		for (const struct gn_column *c = v->columns; c->name; c++)
			sb_addf(sql, "%sinstr(\"%s\", ?%d) > 0", c == v->columns ? "" : " OR ", c->name, n);
		sb_add(sql, ")");
	}
	if (l->has_range)
		sb_addf(sql, " AND %s > %lld AND %s <= %lld", key, (long long)l->range_after, key,
			(long long)l->range_upto);
	if (counting)
		return 0;
	if (l->has_after && keyed) {
		/* The key of the row we continue after, from the same table. */
		sb_addf(sql, " AND (s.scope_key, s.scope_record_id) %s ((SELECT scope_key FROM \"%s\""
			" WHERE scope_record_id = ?%d LIMIT 1), ?%d)", l->descending ? "<" : ">", v->scope_table,
			FIRST_BIND + 31, FIRST_BIND + 31);
	} else if (l->has_after) {
		if (strcmp(sort, "id") == 0) {
			sb_addf(sql, " AND %s %s ", key, l->descending ? "<" : ">");
		} else {
			/* The key of the row we continue after is read from the
			 * view itself, so it compares with its own type (a number
			 * as a number); NULL sorts as '' in the key and the order. */
			sb_addf(sql, " AND (coalesce(\"%s\", '') COLLATE " COLLATE_NAME ", id) %s"
				" ((SELECT coalesce(\"%s\", '') FROM (%s) WHERE id = ?%d), ",
				sort, l->descending ? "<" : ">", sort, v->sql, FIRST_BIND + 31);
		}
		sb_addf(sql, "?%d", FIRST_BIND + 31); /* the id, bound as an integer */
		if (strcmp(sort, "id") != 0)
			sb_add(sql, ")");
	}
	if (keyed)
		sb_addf(sql, " ORDER BY s.scope_key%s, s.scope_record_id%s", l->descending ? " DESC" : "",
			l->descending ? " DESC" : "");
	else if (strcmp(sort, "id") == 0 || l->key_only) /* key_only: read in ranges of numbers */
		sb_addf(sql, " ORDER BY %s%s", key, l->descending ? " DESC" : "");
	else
		sb_addf(sql, " ORDER BY coalesce(\"%s\", '') COLLATE " COLLATE_NAME "%s, id%s", sort,
			l->descending ? " DESC" : "",
			l->descending ? " DESC" : "");
	if (l->limit > 0)
		sb_addf(sql, " LIMIT %d", l->limit);
	return 0;
}

static int prepare_as(struct gn_ctx *ctx, const struct listing *l, int counting, const char *prefix,
		      sqlite3_stmt **st, struct gn_err *err)
{
	struct strbuf sql = STRBUF_INIT;
	struct binds b = { .n = 0, .npaths = 0 };
	int i;

	sb_add(&sql, prefix);
	if (build(ctx, l, counting, &sql, &b, err)) {
		sb_free(&sql);
		return -1;
	}
	/* Bound by hand: the scope at fixed numbers (listing_bind_context),
	 * the filters from FIRST_BIND on, where the runner binds in order. */
	if (sqlite3_prepare_v2(ctx->db, sb_str(&sql), -1, st, NULL) != SQLITE_OK) {
		store_error(ctx->db, l->view->name, err);
		sb_free(&sql);
		return -1;
	}
	sb_free(&sql);
	listing_bind_context(ctx, *st);
	for (i = 0; i < b.n; i++)
		sqlite3_bind_text(*st, FIRST_BIND + i, b.text[i], -1, SQLITE_TRANSIENT);
	if (!counting && l->has_after)
		sqlite3_bind_int64(*st, FIRST_BIND + 31, l->after_id);
	return 0;
}

static int prepare(struct gn_ctx *ctx, const struct listing *l, int counting, sqlite3_stmt **st,
		   struct gn_err *err)
{
	return prepare_as(ctx, l, counting, "", st, err);
}

int listing_prepare(struct gn_ctx *ctx, const struct listing *l, sqlite3_stmt **st, struct gn_err *err)
{
	return prepare(ctx, l, 0, st, err);
}

int listing_explain(struct gn_ctx *ctx, const struct listing *l, struct strbuf *plan, struct gn_err *err)
{
	sqlite3_stmt *st;
	int rc;

	if (prepare_as(ctx, l, 0, "EXPLAIN QUERY PLAN ", &st, err))
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		sb_addf(plan, "%s\n", (const char *)sqlite3_column_text(st, 3));
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : store_error(ctx->db, l->view->name, err);
}

int listing_count(struct gn_ctx *ctx, const struct listing *l, int64_t *count, struct gn_err *err)
{
	sqlite3_stmt *st;
	int rc;

	if (prepare(ctx, l, 1, &st, err))
		return -1;
	rc = sqlite3_step(st);
	*count = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? 0 : store_error(ctx->db, l->view->name, err);
}

int record_prepare(struct gn_ctx *ctx, const struct gn_plugin *c, int64_t id, sqlite3_stmt **st,
		   struct gn_err *err)
{
	const struct gn_record *rec = c->record;
	int rc, path_col = -1;

	if (!ctx->actor.registered)
		return identity_refuse_unregistered(ctx, err);
	if (!rec || !rec->show_sql)
		return err_set(err, GN_USAGE, "%s 没有可显示的记录", c->name);
	/* Bound by hand, as listings are: the scope at its fixed numbers. */
	if (sqlite3_prepare_v2(ctx->db, rec->show_sql, -1, st, NULL) != SQLITE_OK)
		return store_error(ctx->db, c->name, err);
	listing_bind_context(ctx, *st);
	sqlite3_bind_int64(*st, 1, id);
	rc = sqlite3_step(*st);
	if (rc == SQLITE_ROW) {
		for (int i = 0; i < sqlite3_column_count(*st); i++)
			if (strcmp(sqlite3_column_name(*st, i), "org_path") == 0)
				path_col = i;
		const char *path = path_col >= 0 ? (const char *)sqlite3_column_text(*st, path_col) : NULL;
		if (ctx->actor.city_wide || org_within(ctx->actor.org_path, path))
			return 0;
	}
	sqlite3_finalize(*st);
	*st = NULL;
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_error(ctx->db, c->name, err);
	/* Out of scope reads as absent: no hint that the record exists. */
	return err_set(err, GN_REFUSED, "没有编号为 %lld 的%s（或不在你的范围内）", (long long)id, rec->title);
}

int record_resolve(struct gn_ctx *ctx, const struct gn_plugin *c, const char *key, int64_t *id,
		   struct gn_err *err)
{
	const struct gn_record *rec = c->record;
	char *end, canonical[80];
	long long n;
	int rc;

	if (!key || !*key)
		return err_set(err, GN_USAGE, "缺少要查看的记录");
	/* Organisations are named by code or name everywhere, and a name two
	 * organisations share must be refused, not guessed. */
	if (rec && strcmp(rec->table, "org") == 0)
		return org_resolve(ctx->db, key, id, err);
	/* A prefix is looked up in the one form it is stored in. */
	if (field_cidr_canonical(key, canonical, sizeof canonical) == 0)
		key = canonical;
	if (rec && rec->key_sql) {
		if ((rc = store_query_int(ctx->db, rec->key_sql, id, err, "t", key)) < 0)
			return -1;
		if (rc)
			return 0;
	}
	n = strtoll(key, &end, 10);
	if (!*end && n > 0) {
		*id = n;
		return 0;
	}
	return err_set(err, GN_REFUSED, "没有%s \"%.60s\"", rec ? rec->title : "记录", key);
}
