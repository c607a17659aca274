#include "config.h"
#include "counter.h"
#include "../core/boundary.h"
#include "../core/listing.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "govnet/banned.h"

/* A piece aims at a few milliseconds, well inside a keystroke's 16. */
#define PIECE_TARGET_MS 3.0
/* A piece that runs past this is stopped and counted again, narrower. */
#define PIECE_LIMIT_MS 8.0
#define WIDTH_FIRST 4096
#define WIDTH_MIN 16
#define WIDTH_MAX (1 << 22)
/* The narrowest piece stopped this many times in a row: the view is too slow. */
#define STALLS_MAX 8

double counter_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1000.0 + (double)ts.tv_nsec / 1e6;
}

static int past_deadline(void *deadline)
{
	return counter_now_ms() > *(double *)deadline;
}

int64_t counter_fixed_width(void)
{
	const char *fixed = boundary_getenv("GOVNET_COUNT_WIDTH");
	long long width = fixed ? strtoll(fixed, NULL, 10) : 0;

	return width > 0 && width <= WIDTH_MAX ? width : 0;
}

void counter_start(struct counter *c)
{
	int64_t width = counter_fixed_width();

	memset(c, 0, sizeof *c);
	c->state = COUNTER_RUNNING;
	c->last = -1;
	c->width = WIDTH_FIRST;
	/* Tests hold the pieces at a fixed width to watch a count arrive. */
	if (width) {
		c->width = width;
		c->fixed = 1;
	}
}

int counter_running(const struct counter *c)
{
	return c->state == COUNTER_RUNNING;
}

/* The highest number of the view's rows: one row read in descending
 * order of the key every page is read in, with no filter; stopped when it
 * takes longer than a piece may (a scope that holds none of a big
 * table's rows). */
static int64_t read_last(struct gn_ctx *ctx, const struct gn_view *view)
{
	struct listing l = { .view = view, .descending = 1, .limit = 1 };
	struct gn_err err = { .status = GN_OK };
	double deadline = counter_now_ms() + PIECE_LIMIT_MS;
	sqlite3_stmt *st;
	int64_t last = -1;
	int rc, ncols = 0;

	for (const struct gn_column *col = view->columns; col->name; col++)
		ncols++;
	if (listing_prepare(ctx, &l, &st, &err))
		return -1;
	sqlite3_progress_handler(ctx->db, 1000, past_deadline, &deadline);
	rc = sqlite3_step(st);
	sqlite3_progress_handler(ctx->db, 0, NULL, NULL);
	if (rc == SQLITE_ROW || rc == SQLITE_DONE)
		last = rc == SQLITE_ROW ? sqlite3_column_int64(st, ncols) : 0;
	sqlite3_finalize(st);
	return last;
}

int64_t counter_view_last(struct gn_ctx *ctx, struct ui_scope *scope, const struct gn_view *view)
{
	int64_t last;

	scope_enter(ctx, scope);
	last = read_last(ctx, view);
	if (last < 0 && !ctx->actor.city_wide) {
		/* The whole city's highest number bounds the scope's just as
		 * well, and is found at once: the pieces keep to the scope. */
		int city_wide = ctx->actor.city_wide;
		ctx->actor.city_wide = 1;
		last = read_last(ctx, view);
		ctx->actor.city_wide = city_wide;
	}
	scope_leave(ctx, scope);
	return last;
}

/* One piece of a count: the rows numbered in (after, upto]. */
static int count_piece(void *arg, struct gn_ctx *ctx, const struct gn_view *view, int64_t after, int64_t upto,
		       int64_t *n)
{
	const char *search = arg;
	struct listing l = {
		.view = view,
		.search = search && *search ? search : NULL,
		.has_range = 1,
		.range_after = after,
		.range_upto = upto,
	};
	struct gn_err err = { .status = GN_OK };

	if (listing_count(ctx, &l, n, &err) == 0)
		return 0;
	return sqlite3_errcode(ctx->db) == SQLITE_INTERRUPT ? 1 : -1;
}

int counter_step(struct counter *c, struct gn_ctx *ctx, struct ui_scope *scope, const struct gn_view *view,
		 const char *search, double budget_ms)
{
	return counter_step_with(c, ctx, scope, view, budget_ms, count_piece, (void *)search);
}

int counter_step_with(struct counter *c, struct gn_ctx *ctx, struct ui_scope *scope, const struct gn_view *view,
		      double budget_ms, counter_piece_fn *piece, void *arg)
{
	double start = counter_now_ms(), took;
	int changed = 0, rc, first = 1;
	int64_t n;

	if (c->state != COUNTER_RUNNING)
		return 0;
	if (c->last < 0) {
		if ((c->last = counter_view_last(ctx, scope, view)) < 0) {
			c->state = COUNTER_FAILED;
			return 1;
		}
		/* Finding it took much of the step: the pieces at the next. */
		if (counter_now_ms() - start > budget_ms / 2)
			return 0;
	}
	scope_enter(ctx, scope);
	do {
		double t0 = counter_now_ms(), deadline = t0 + PIECE_LIMIT_MS;
		/* After the first piece, the step's budget bounds the next:
		 * one that would end past it is stopped there and done again
		 * at the next step, as wide (the budget stopped it, not its
		 * width); one that could not take a piece's usual time is not
		 * begun.  So a step takes its budget, or one piece. */
		int bounded = !first && start + budget_ms < deadline;
		if (bounded && start + budget_ms - t0 < PIECE_TARGET_MS)
			break;
		if (bounded)
			deadline = start + budget_ms;
		if (c->after >= c->last) {
			c->state = COUNTER_DONE;
			changed = 1;
			break;
		}
		sqlite3_progress_handler(ctx->db, 1000, past_deadline, &deadline);
		rc = piece(arg, ctx, view, c->after, c->after + c->width, &n);
		sqlite3_progress_handler(ctx->db, 0, NULL, NULL);
		first = 0;
		took = counter_now_ms() - t0;
		if (rc < 0) {
			c->state = COUNTER_FAILED;
			changed = 1;
			break;
		}
		if (rc == 1 && bounded)
			break;
		if (rc == 1) {
			/* Too wide for the time a piece may take: narrower.  A
			 * view too slow even for the narrowest piece, time after
			 * time (once may be the machine, busy elsewhere), stays
			 * a lower bound. */
			if (c->width <= WIDTH_MIN && ++c->stalls >= STALLS_MAX) {
				c->state = COUNTER_FAILED;
				changed = 1;
				break;
			}
			if (c->width <= WIDTH_MIN)
				break; /* again after the keys waiting, if any */
			c->width /= 4;
			continue;
		}
		c->stalls = 0;
		c->counted += n;
		c->after += c->width;
		changed = 1;
		if (c->fixed)
			continue;
		if (took < PIECE_TARGET_MS / 2 && c->width < WIDTH_MAX)
			c->width *= 2;
		else if (took > PIECE_TARGET_MS * 2 && c->width > WIDTH_MIN)
			c->width /= 2;
	} while (counter_now_ms() - start < budget_ms);
	scope_leave(ctx, scope);
	return changed;
}
