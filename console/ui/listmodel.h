/*
 * listmodel.h — the rows a list tab shows, read a window at a time.
 *
 * The console never loads a whole list: it holds the rows on screen (the
 * window) and reads more through listing.h with keyset pagination, after
 * the last row when the cursor moves down, before the first (in reverse
 * order) when it moves up.  A filter keystroke reads one window from the
 * start; the total is counted separately, when the keyboard is idle.
 * Nothing here draws.
 */
#ifndef GN_UI_LISTMODEL_H
#define GN_UI_LISTMODEL_H

#include <stdint.h>
#include "../core/ctx.h"
#include "counter.h"
#include "scope.h"
#include "sortorder.h"
#include "govnet/plugin.h"

struct lrow {
	int64_t id;
	char *key;     /* the sort column's value: where the next window starts */
	char **cells;  /* one per view column, never NULL */
	char *style;   /* the _style column, or NULL */
	int64_t pos;   /* a list in a sortorder's order: the row's position in it */
};

struct listmodel {
	struct gn_ctx *ctx;
	struct ui_scope *scope;
	const struct gn_plugin *comp;
	const struct gn_view *view;
	int ncols;
	int style_col;       /* index of the _style column, or -1 */
	char search[256];
	int sort_col;        /* index into view->columns, or -1 for the record number */
	int descending;
	struct lrow *rows;
	int nrows, height;
	int cursor;          /* index into rows */
	int64_t top_index;   /* position of rows[0] in the whole list; -1 when not known */
	int64_t total;       /* rows in the whole list; -1 until counted */
	struct counter count; /* counting it between keys (count.counted: at least so many) */
	int more_below;
	/* A filter keystroke reads for at most time_box_ms: a filter that
	 * few rows match scans the whole list, and the keystroke must show at
	 * once.  The window is then partial, and list_finish reads it whole
	 * when the keyboard rests. */
	int time_box_ms;
	int partial;
	/* Reading a partial window on, a range of numbers at a time
	 * (list_finish_step): fetches keep to (range_after, range_upto]. */
	int ranged;
	int64_t range_after, range_upto, range_last, range_width;
	int failed;
	char error[1024];
	/* Rows held in memory (an action's answer) instead of the view's SQL:
	 * ids are their positions from 1.  They filter and sort as a view's
	 * rows do; held_order lists them in the sort column's order (ties and
	 * no sort column: by position), held_rank is where each one stands. */
	struct lrow *held;
	int nheld;
	int *held_order, *held_rank;
	/* Sorted by a column no index serves: the order built in memory
	 * between keys (sortorder.h).  The window is read from `order` by
	 * the ids at its positions; `building` is the order being built (a
	 * new sort, or the store changed), while the list shows the one it
	 * had.  A filter looks at the positions from scan_from on. */
	struct sortorder *order, *building;
	int64_t scan_from;
	int resume;
	int cut_short;       /* a filter's read upwards stopped by its time box, not the start */
	/* A filter's read upwards over the order (End, PgUp) stopped by its
	 * time box: list_finish_step reads on upwards from position
	 * scan_up_from, up_rows more rows above the window, the cursor
	 * moving up_move of them (a PgUp's rest). */
	int partial_up;
	int64_t scan_up_from;
	int up_rows, up_move;
};

void list_init(struct listmodel *m, struct gn_ctx *ctx, struct ui_scope *scope, const struct gn_plugin *comp,
	       const struct gn_view *view);
/* A list over rows already read (the model owns them from now on); the
 * view names their columns and need have no SQL. */
void list_init_held(struct listmodel *m, const struct gn_view *view, struct lrow *rows, int n);
void list_free(struct listmodel *m);
/* The first window (cursor on the first row). */
void list_reload(struct listmodel *m);
/* Read the window again where it stands (someone changed the store),
 * keeping the cursor on its record when it is still there. */
void list_refresh(struct listmodel *m);
/* The screen has room for h rows now. */
void list_set_height(struct listmodel *m, int h);
void list_move(struct listmodel *m, int delta);
void list_top(struct listmodel *m);
void list_bottom(struct listmodel *m);
/* Put the cursor on record id when it is in the list (reads from it on). */
int list_goto_id(struct listmodel *m, int64_t id);
/* Filter on text in any column (reads the first window, time-boxed). */
void list_set_search(struct listmodel *m, const char *text);
/* Read a partial window on for about budget_ms, a range of numbers at
 * a time, so that a key never waits long for it; 1 when rows or the end
 * were found.  A list sorted by a column is read whole; one whose order
 * is in memory reads on from where the filter stopped, downwards or
 * upwards. */
int list_finish_step(struct listmodel *m, double budget_ms);
/* Build the order being built on for about budget_ms; 1 when there is
 * news to show (it finished: the window is read in the new order), -1
 * when it could not be built (m->error says why; the list is as it was). */
int list_sort_step(struct listmodel *m, double budget_ms);
/* Sort by the next visible column (after the last, by number again);
 * by a column no index serves, the order is built between keys and the
 * list keeps its order until then. */
void list_next_sort(struct listmodel *m);
void list_reverse(struct listmodel *m);
/* Count the rows of the whole list into m->total, a piece at a time
 * (counter.h) for about budget_ms; 1 when there is news to show. */
int list_count_step(struct listmodel *m, double budget_ms);
/* Whether the list's total is still being counted. */
int list_counting(const struct listmodel *m);

const struct lrow *list_current(const struct listmodel *m);
/* Position of the cursor (from 1), or 0 when not known. */
int64_t list_position(const struct listmodel *m);

#endif
