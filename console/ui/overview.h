/*
 * overview.h — the first tab: how many records each list holds within the
 * reader's scope, what is overdue or due within 2 working days across all
 * plugins (Art 13–14), and the records still being handled in each
 * workflow.
 */
#ifndef GN_UI_OVERVIEW_H
#define GN_UI_OVERVIEW_H

#include <stdint.h>
#include "../core/ctx.h"
#include "counter.h"
#include "scope.h"
#include "govnet/plugin.h"

struct overview_item {
	const struct gn_plugin *comp;
	const struct gn_view *view;
	int64_t count; /* -1 until counted, or when it could not be */
	struct counter counter; /* counting it between keys: at least counter.counted */
};

/* Deadlines across every workflow, from the workflow engine. */
#define OVERVIEW_DUE_SHOWN 4
/* Counts on the first frame go no further (shown "≥ 1000"): the lists'
 * own counts come in between keys. */
#define OVERVIEW_COUNT_CAP 1000
struct overview_due {
	int known;          /* 0 until the workflow engine answers */
	int64_t overdue;    /* past their statutory deadline */
	int64_t due_soon;   /* due within 2 working days */
	/* The first few of each, most urgent first, one line each. */
	char overdue_lines[OVERVIEW_DUE_SHOWN][200];
	char soon_lines[OVERVIEW_DUE_SHOWN][200];
	int n_overdue_lines, n_soon_lines;
	/* The record each line names, to open it. */
	const struct gn_plugin *overdue_comp[OVERVIEW_DUE_SHOWN], *soon_comp[OVERVIEW_DUE_SHOWN];
	int64_t overdue_id[OVERVIEW_DUE_SHOWN], soon_id[OVERVIEW_DUE_SHOWN];
};

/*
 * The deadline lines one can select on the Overview, top to bottom: the
 * overdue ones shown, then "N more" when there are, then the same for
 * those due soon.  The Overview's cursor is on one of them when negative
 * (-1 the last), on a list when 0 or more.
 */
struct overview_due_entry {
	int soon;  /* 0: overdue, 1: due soon */
	int index; /* into its lines, or -1: the line saying how many more */
};
#define OVERVIEW_DUE_ENTRIES (2 * (OVERVIEW_DUE_SHOWN + 1))
/* How many lines of each the Overview shows in rows rows. */
int overview_due_shown(int rows);
int overview_due_entries(const struct overview_due *due, int shown, struct overview_due_entry *out);
/* Every overdue (or, with soon, due-soon) record in scope, one a line (owned). */
char *overview_due_text(struct gn_ctx *ctx, struct ui_scope *scope, int soon);

#define OVERVIEW_MAX_OPEN 16
struct overview {
	struct overview_item *items; /* one per list tab, in tab order */
	int n;
	struct overview_due due;
	struct overview_open {
		const struct gn_plugin *comp;
		int64_t count; /* -1 until counted (up to OVERVIEW_COUNT_CAP) */
		struct counter counter; /* counting it between keys */
		char *sql; /* a piece of the count (owned) */
	} open[OVERVIEW_MAX_OPEN]; /* records not in a final state, per workflow */
	int nopen;
	int cursor;
	/* The deadlines are read after the first frame (overview_count_step),
	 * and what each workflow is handling is counted in pieces between
	 * keys, as the lists are: a workflow whose records are nearly all
	 * done is read far to find a thousand still handled. */
	int due_pending;
};

void overview_add(struct overview *ov, const struct gn_plugin *comp, const struct gn_view *view);
/* Start the Overview over: its deadlines, what is being handled and each
 * list's count come in between keys (overview_count_step), so that the
 * first frame waits for none of them. */
void overview_load(struct overview *ov, struct gn_ctx *ctx, struct ui_scope *scope);
/* Read the deadlines (a piece of its own), then count what each
 * workflow is handling and the lists on for about budget_ms, one after
 * another; 1 when a figure changed. */
int overview_count_step(struct overview *ov, struct gn_ctx *ctx, struct ui_scope *scope, double budget_ms);
/* Whether some list is still being counted. */
int overview_counting(const struct overview *ov);
void overview_free(struct overview *ov);
/* Overdue and due-soon counts across all plugins. */
void overview_deadlines(struct gn_ctx *ctx, struct ui_scope *scope, struct overview_due *due);

#endif
