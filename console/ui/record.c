#include "config.h"
#include "record.h"
#include "../core/clock.h"
#include "../core/registry.h"
#include "../core/listing.h"
#include "../core/strbuf.h"
#include "../core/workflow.h"
#include "../front/table.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "govnet/banned.h"

static void add_field(struct record *rec, const char *name, const char *label, const char *value)
{
	rec->fields = xrealloc(rec->fields, (size_t)(rec->n + 1) * sizeof *rec->fields);
	struct record_field *f = &rec->fields[rec->n++];
	f->name = xstrdup(name);
	f->label = label;
	f->value = xstrdup(value);
}

/* The running deadline and every transition, oldest first, as the
 * command line's show prints them. */
static void add_workflow(struct record *rec, struct gn_ctx *ctx, const struct gn_plugin *comp, int64_t id)
{
	struct gn_err err = { .status = GN_OK };
	char due[16], article[128], line[1024], name[32];
	sqlite3_stmt *st;
	int paused, provisional, n = 0;

	if (wf_clock_of(ctx->db, comp->name, id, due, sizeof due, article, sizeof article, &paused, &provisional,
			&err) == 0) {
		if (due[0])
			snprintf(line, sizeof line, "%s%s（%s）", due, provisional ? WF_PROVISIONAL_MARK : "", article);
		else
			snprintf(line, sizeof line, "%s", paused ? "暂停：退回补充期间不计" : "无");
		add_field(rec, "_due", "期限", line);
	}
	if (wf_history_prepare(ctx->db, comp->name, id, &st, &err))
		return;
	while (sqlite3_step(st) == SQLITE_ROW) {
		const struct gn_state *to = wf_state(comp, (const char *)sqlite3_column_text(st, 4));
		const char *comment = (const char *)sqlite3_column_text(st, 5);
		const char *due_set = (const char *)sqlite3_column_text(st, 6);
		const char *met = (const char *)sqlite3_column_text(st, 8);
		int set_provisional = sqlite3_column_int(st, 9);
		char when[32];
		const char *at = (const char *)sqlite3_column_text(st, 0);
		snprintf(line, sizeof line, "%s %s %s → %s%s%s%s%s%s%s%s",
			 clock_short(at, ctx->now, when, sizeof when) ? when : at ? at : "",
			 sqlite3_column_text(st, 1), sqlite3_column_text(st, 2), to && to->title ? to->title : "",
			 due_set && *due_set ? "，期限 " : "", due_set ? due_set : "",
			 set_provisional ? WF_PROVISIONAL_MARK : "", met && *met ? "，前一期限" : "", met ? met : "",
			 comment && *comment ? "：" : "", comment ? comment : "");
		snprintf(name, sizeof name, "_history%d", ++n);
		add_field(rec, name, n == 1 ? "历史" : "", line);
	}
	sqlite3_finalize(st);
}

/* A code whose title the record also shows (state beside state_title,
 * kind beside kind_title) is not shown twice: a person reads the title. */
static void drop_coded(struct record *rec)
{
	char *drop = xcalloc((size_t)rec->n + 1, 1);
	int kept = 0;

	for (int i = 0; i < rec->n; i++) {
		char titled[96];
		snprintf(titled, sizeof titled, "%s_title", rec->fields[i].name);
		drop[i] = record_value(rec, titled) != NULL;
	}
	for (int i = 0; i < rec->n; i++) {
		if (drop[i]) {
			free((char *)rec->fields[i].name);
			free(rec->fields[i].value);
			continue;
		}
		rec->fields[kept++] = rec->fields[i];
	}
	rec->n = kept;
	free(drop);
}

/* The row st stands on, as a person reads it: no internal columns, a
 * code only by its title, times short; labels from view when it
 * declares the column, else the component's. */
static void read_row(struct record *rec, sqlite3_stmt *st, const struct gn_ctx *ctx, const struct gn_view *view)
{
	int ncols = sqlite3_column_count(st);

	rec->fields = xcalloc((size_t)ncols, sizeof *rec->fields);
	for (int i = 0; i < ncols; i++) {
		const char *name = sqlite3_column_name(st, i);
		const unsigned char *v = sqlite3_column_text(st, i);
		const char *label = NULL;
		char when[32];
		if (strcmp(name, "org_path") == 0 || name[0] == '_' || record_column_titled(st, i))
			continue;
		for (const struct gn_column *c = view ? view->columns : NULL; c && c->name && !label; c++)
			if (strcmp(c->name, name) == 0)
				label = c->label;
		struct record_field *f = &rec->fields[rec->n++];
		f->name = xstrdup(name);
		f->label = label ? label : component_label(rec->comp, f->name);
		f->value = xstrdup(clock_short((const char *)v, ctx->now, when, sizeof when) ? when
				   : v ? (const char *)v : "");
	}
	drop_coded(rec);
}

void record_free(struct record *rec)
{
	for (int i = 0; i < rec->n; i++) {
		free((char *)rec->fields[i].name);
		free(rec->fields[i].value);
	}
	free(rec->fields);
	memset(rec, 0, sizeof *rec);
}

int record_load(struct record *rec, struct gn_ctx *ctx, struct ui_scope *scope, const struct gn_plugin *comp,
		int64_t id)
{
	struct gn_err err = { .status = GN_OK };
	sqlite3_stmt *st;
	int rc;

	record_free(rec);
	rec->comp = comp;
	rec->id = id;
	scope_enter(ctx, scope);
	rc = record_prepare(ctx, comp, id, &st, &err);
	scope_leave(ctx, scope);
	if (rc) {
		snprintf(rec->error, sizeof rec->error, "%s", err.msg);
		return -1;
	}
	read_row(rec, st, ctx, NULL);
	sqlite3_finalize(st);
	if (comp->workflow)
		add_workflow(rec, ctx, comp, id);
	return 0;
}

int record_load_row(struct record *rec, struct gn_ctx *ctx, struct ui_scope *scope, const struct gn_plugin *comp,
		    const struct gn_view *view, int64_t id)
{
	/* The first row after id - 1 in id order is id's, when it is there. */
	struct listing l = { .view = view, .sort = "id", .has_after = 1, .after_id = id - 1, .limit = 1, .all_columns = 1 };
	struct gn_err err = { .status = GN_OK };
	sqlite3_stmt *st;
	int rc, found = 0;

	record_free(rec);
	rec->comp = comp;
	rec->id = id;
	rec->view = view;
	scope_enter(ctx, scope);
	rc = listing_prepare(ctx, &l, &st, &err);
	if (rc == 0) {
		if (sqlite3_step(st) == SQLITE_ROW) {
			for (int i = 0; i < sqlite3_column_count(st); i++)
				if (strcmp(sqlite3_column_name(st, i), "id") == 0)
					found = sqlite3_column_int64(st, i) == id;
			read_row(rec, st, ctx, view);
		}
		sqlite3_finalize(st);
	}
	scope_leave(ctx, scope);
	if (rc == 0 && !found)
		snprintf(err.msg, sizeof err.msg, "%s中没有编号为 %lld 的记录（或不在你的范围内）", view->title, (long long)id);
	if (rc || !found) {
		int64_t keep = rec->id;
		record_free(rec);
		rec->comp = comp;
		rec->id = keep;
		rec->view = view;
		snprintf(rec->error, sizeof rec->error, "%s", err.msg);
		return -1;
	}
	return 0;
}

const char *record_value(const struct record *rec, const char *name)
{
	for (int i = 0; i < rec->n; i++)
		if (strcmp(rec->fields[i].name, name) == 0)
			return rec->fields[i].value;
	return NULL;
}
