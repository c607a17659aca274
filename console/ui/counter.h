/*
 * counter.h — counting a list's rows between keys, a piece at a time.
 *
 * A count of a million rows takes longer than a keystroke may wait
 * (DESIGN §5: typing never waits on a count).  A counter therefore
 * counts the rows whose number lies in one range at a time, each piece
 * bounded in time, and the console runs pieces only while no key waits.
 * Until the last piece is in, what it has counted is a lower bound,
 * shown as "≥ N"; the ranges grow or shrink so that a piece takes a few
 * milliseconds whatever the view costs per row.
 */
#ifndef GN_UI_COUNTER_H
#define GN_UI_COUNTER_H

#include <stdint.h>
#include "../core/ctx.h"
#include "scope.h"
#include "govnet/plugin.h"

enum counter_state { COUNTER_IDLE, COUNTER_RUNNING, COUNTER_DONE, COUNTER_FAILED };

struct counter {
	enum counter_state state;
	int64_t counted;  /* rows counted so far: the total once DONE */
	int64_t after;    /* numbers up to here are counted */
	int64_t last;     /* the view's highest number, where counting ends */
	int64_t width;    /* numbers a piece covers */
	int fixed;        /* GOVNET_COUNT_WIDTH held it (tests watching a count arrive) */
	int stalls;       /* the narrowest piece stopped by its time limit, so many times in a row */
};

/* GOVNET_COUNT_WIDTH: the numbers a piece covers when tests hold it
 * fixed, to watch work done in pieces arrive; 0 when not held. */
int64_t counter_fixed_width(void);
/* Start over (the list or its filter changed). */
void counter_start(struct counter *c);
/*
 * Count on for budget_ms, or for one piece when that takes longer (at
 * most PIECE_LIMIT_MS, 8 ms), the rows of view within scope holding
 * search (NULL or "": all).  Returns 1 when the
 * counter changed (a piece was counted, or it finished or failed).
 */
int counter_step(struct counter *c, struct gn_ctx *ctx, struct ui_scope *scope, const struct gn_view *view,
		 const char *search, double budget_ms);
/*
 * The same pieces doing other work than counting (sortorder.c reads a
 * sort column's values this way): piece does the rows numbered in
 * (after, upto] within the scope already entered, under a progress
 * handler that stops it when it runs too long, and sets *n to the rows
 * it did; it returns 0, 1 when it was stopped (it is asked again,
 * narrower, and must have kept nothing of the piece) or -1 on an error.
 */
typedef int counter_piece_fn(void *arg, struct gn_ctx *ctx, const struct gn_view *view, int64_t after,
			     int64_t upto, int64_t *n);
int counter_step_with(struct counter *c, struct gn_ctx *ctx, struct ui_scope *scope, const struct gn_view *view,
		      double budget_ms, counter_piece_fn *piece, void *arg);
/* The view's highest number within scope (rows are read and counted in
 * its order), 0 when it has none, -1 when it could not be read. */
int64_t counter_view_last(struct gn_ctx *ctx, struct ui_scope *scope, const struct gn_view *view);
/* Time a piece of work against: milliseconds on a monotonic clock. */
double counter_now_ms(void);
/* Whether pieces remain to be counted. */
int counter_running(const struct counter *c);

#endif
