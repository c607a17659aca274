#include "config.h"
#include "overview.h"
#include "../core/listing.h"
#include "../core/registry.h"
#include "../core/store.h"
#include "../core/strbuf.h"
#include "../core/workflow.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "govnet/banned.h"

void overview_add(struct overview *ov, const struct gn_plugin *comp, const struct gn_view *view)
{
	ov->items = xrealloc(ov->items, (size_t)(ov->n + 1) * sizeof *ov->items);
	ov->items[ov->n++] = (struct overview_item){ .comp = comp, .view = view, .count = -1 };
}

void overview_free(struct overview *ov)
{
	for (int i = 0; i < ov->nopen; i++)
		free(ov->open[i].sql);
	free(ov->items);
	memset(ov, 0, sizeof *ov);
}

/*
 * The one place the overview asks the workflow engine what is overdue and
 * what falls due within WF_DUE_SOON_WORKDAYS working days, across every
 * plugin, within the reader's (possibly narrowed) scope.
 */
struct due_lines {
	struct gn_ctx *ctx;
	char (*lines)[200];
	int *n;
	const char *how; /* "逾期" or "剩" */
	const struct gn_plugin **comps;
	int64_t *ids;
	struct strbuf *all; /* every line, for overview_due_text */
};

/* "接入 #3  东海县教育局  待审核  审核 2026-10-30 逾期 18 个工作日" */
static int add_due_line(const struct wf_due_row *r, void *data)
{
	struct due_lines *d = data;
	const struct gn_plugin *p = registry_find(d->ctx->reg, r->component);
	const char *state = wf_due_state_title(p, r);
	char line[200];

	snprintf(line, sizeof line, "%s #%lld  %s  %s%s%s %s%s %s %d %s", p ? p->title : r->component,
		 (long long)r->record_id, r->org, state, *state ? "  " : "", r->what, r->due,
		 r->provisional ? WF_PROVISIONAL_MARK : "", d->how, r->workdays, r->calendar_days ? "天" : "个工作日");
	if (d->all) {
		sb_addf(d->all, "%s\n", line);
		return 0;
	}
	memcpy(d->lines[*d->n], line, sizeof line);
	d->comps[*d->n] = p;
	d->ids[*d->n] = r->record_id;
	return ++*d->n >= OVERVIEW_DUE_SHOWN;
}

void overview_deadlines(struct gn_ctx *ctx, struct ui_scope *scope, struct overview_due *due)
{
	struct gn_err err = { .status = GN_OK };
	struct due_lines late = { ctx, due->overdue_lines, &due->n_overdue_lines, "逾期", due->overdue_comp,
				  due->overdue_id, NULL };
	struct due_lines soon = { ctx, due->soon_lines, &due->n_soon_lines, "剩", due->soon_comp, due->soon_id, NULL };

	memset(due, 0, sizeof *due);
	scope_enter(ctx, scope);
	due->known = wf_due_count_upto(ctx, WF_DUE_OVERDUE, 0, OVERVIEW_COUNT_CAP, &due->overdue, &err) == 0 &&
		     wf_due_count_upto(ctx, WF_DUE_SOON, 0, OVERVIEW_COUNT_CAP, &due->due_soon, &err) == 0 &&
		     wf_due(ctx, WF_DUE_OVERDUE, 0, OVERVIEW_DUE_SHOWN, add_due_line, &late, &err) == 0 &&
		     wf_due(ctx, WF_DUE_SOON, 0, OVERVIEW_DUE_SHOWN, add_due_line, &soon, &err) == 0;
	scope_leave(ctx, scope);
}

char *overview_due_text(struct gn_ctx *ctx, struct ui_scope *scope, int soon)
{
	struct gn_err err = { .status = GN_OK };
	struct strbuf all = STRBUF_INIT;
	struct due_lines d = { .ctx = ctx, .how = soon ? "剩" : "逾期", .all = &all };

	scope_enter(ctx, scope);
	if (wf_due(ctx, soon ? WF_DUE_SOON : WF_DUE_OVERDUE, 0, 0, add_due_line, &d, &err))
		sb_addf(&all, "%s\n", err.msg);
	scope_leave(ctx, scope);
	if (!all.len)
		sb_add(&all, "（没有）\n");
	return sb_detach(&all);
}

int overview_due_shown(int rows)
{
	return rows >= 30 ? OVERVIEW_DUE_SHOWN : rows >= 20 ? 2 : 0;
}

int overview_due_entries(const struct overview_due *due, int shown, struct overview_due_entry *out)
{
	int n = 0;

	if (!due->known)
		return 0;
	for (int soon = 0; soon < 2; soon++) {
		int lines = soon ? due->n_soon_lines : due->n_overdue_lines;
		int64_t total = soon ? due->due_soon : due->overdue;
		if (lines > shown)
			lines = shown;
		for (int i = 0; i < lines; i++)
			out[n++] = (struct overview_due_entry){ soon, i };
		if (total > lines)
			out[n++] = (struct overview_due_entry){ soon, -1 };
	}
	return n;
}

/*
 * The statement counting a workflow's records not yet in a final state,
 * in scope, numbered in (?3, ?4]: a piece of the count (counter.h).  The
 * numbers lead (CROSS JOIN keeps the table outside), so that a piece
 * reads its range, whatever the scope.
 */
static char *open_sql(const struct gn_workflow *wf)
{
	struct strbuf sql = STRBUF_INIT;
	int first = 1;

	sb_addf(&sql, "SELECT count(*) FROM \"%s\" t CROSS JOIN org o ON o.id = t.org_id"
		      " WHERE t.id > ?3 AND t.id <= ?4 AND o.path >= ?1 AND o.path < ?2 AND t.state NOT IN (", wf->table);
	for (const struct gn_state *s = wf->states; s && s->name; s++) {
		if (!(s->flags & GN_STATE_FINAL))
			continue;
		sb_add(&sql, first ? "'" : ", '");
		for (const char *p = s->name; *p; p++) {
			if (*p == '\'')
				sb_addch(&sql, '\'');
			sb_addch(&sql, *p);
		}
		sb_add(&sql, "'");
		first = 0;
	}
	sb_add(&sql, first ? "NULL)" : ")");
	return sb_detach(&sql);
}

/* One piece of a workflow's count of records being handled. */
static int open_piece(void *arg, struct gn_ctx *ctx, const struct gn_view *view, int64_t after, int64_t upto,
		      int64_t *n)
{
	struct gn_err err = { .status = GN_OK };
	(void)view;

	*n = 0;
	if (store_query_int(ctx->db, arg, n, &err, "ttii", ctx->actor.org_path, ctx->actor.org_path_end, after,
			    upto) >= 0)
		return 0;
	return sqlite3_errcode(ctx->db) == SQLITE_INTERRUPT ? 1 : -1;
}

void overview_load(struct overview *ov, struct gn_ctx *ctx, struct ui_scope *scope)
{
	(void)scope;
	for (int i = 0; i < ov->n; i++) {
		ov->items[i].count = -1;
		counter_start(&ov->items[i].counter);
	}
	memset(&ov->due, 0, sizeof ov->due);
	ov->due_pending = 1;
	/* Each workflow's records being handled are counted in pieces too,
	 * up to the cap: its records go to the highest number. */
	for (int i = 0; i < ov->nopen; i++)
		free(ov->open[i].sql);
	ov->nopen = 0;
	for (size_t i = 0; ctx->reg && i < ctx->reg->n && ov->nopen < OVERVIEW_MAX_OPEN; i++) {
		const struct gn_plugin *c = ctx->reg->items[i].desc;
		struct gn_err err = { .status = GN_OK };
		int64_t last = 0;
		if (!c->workflow || !c->workflow->table)
			continue;
		struct strbuf sql = STRBUF_INIT;
		sb_addf(&sql, "SELECT max(id) FROM \"%s\"", c->workflow->table);
		int rc = store_query_int(ctx->db, sb_str(&sql), &last, &err, "");
		sb_free(&sql);
		if (rc < 0)
			continue;
		ov->open[ov->nopen] = (struct overview_open){ .comp = c, .count = -1, .sql = open_sql(c->workflow) };
		counter_start(&ov->open[ov->nopen].counter);
		ov->open[ov->nopen++].counter.last = last;
	}
}

int overview_counting(const struct overview *ov)
{
	if (ov->due_pending)
		return 1;
	for (int i = 0; i < ov->n; i++)
		if (counter_running(&ov->items[i].counter))
			return 1;
	for (int i = 0; i < ov->nopen; i++)
		if (counter_running(&ov->open[i].counter))
			return 1;
	return 0;
}

/* Count on what a workflow is handling; 1 when its figure changed. */
static int open_step(struct overview_open *o, struct gn_ctx *ctx, struct ui_scope *scope, double budget_ms)
{
	struct counter *c = &o->counter;

	if (!counter_step_with(c, ctx, scope, NULL, budget_ms, open_piece, o->sql))
		return 0;
	if (c->state == COUNTER_RUNNING && c->counted >= OVERVIEW_COUNT_CAP)
		c->state = COUNTER_DONE; /* shown "≥ 1000": no need to go on */
	if (c->state == COUNTER_DONE)
		o->count = c->counted < OVERVIEW_COUNT_CAP ? c->counted : OVERVIEW_COUNT_CAP;
	return 1;
}

int overview_count_step(struct overview *ov, struct gn_ctx *ctx, struct ui_scope *scope, double budget_ms)
{
	double start = counter_now_ms();
	int changed = 0;

	if (ov->due_pending) {
		/* Bounded: two counts up to the cap and a few lines, each
		 * through the deadline entries' index. */
		ov->due_pending = 0;
		overview_deadlines(ctx, scope, &ov->due);
		return 1;
	}
	/* The next figure is begun only with half the budget left: its
	 * first piece may take a piece's whole time (counter.h). */
	for (int i = 0; i < ov->nopen && counter_now_ms() - start < budget_ms / 2; i++)
		if (counter_running(&ov->open[i].counter))
			changed |= open_step(&ov->open[i], ctx, scope, budget_ms - (counter_now_ms() - start));
	for (int i = 0; i < ov->n && counter_now_ms() - start < budget_ms / 2; i++) {
		struct overview_item *it = &ov->items[i];
		if (!counter_running(&it->counter))
			continue;
		changed |= counter_step(&it->counter, ctx, scope, it->view, NULL, budget_ms - (counter_now_ms() - start));
		if (it->counter.state == COUNTER_DONE)
			it->count = it->counter.counted;
	}
	return changed;
}
