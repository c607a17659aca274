/*
 * listmodel.c — a window over a view, moved with keyset pagination.
 */
#include "config.h"
#include "listmodel.h"
#include "layout.h"
#include "../core/clock.h"
#include "../core/fields.h"
#include "../core/listing.h"
#include "../core/strbuf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "govnet/banned.h"

void list_init(struct listmodel *m, struct gn_ctx *ctx, struct ui_scope *scope, const struct gn_plugin *comp,
	       const struct gn_view *view)
{
	memset(m, 0, sizeof *m);
	m->ctx = ctx;
	m->scope = scope;
	m->comp = comp;
	m->view = view;
	m->sort_col = -1;
	m->style_col = -1;
	m->total = -1;
	m->height = 1;
	for (const struct gn_column *c = view->columns; c->name; c++, m->ncols++)
		if (strcmp(c->name, "_style") == 0)
			m->style_col = m->ncols;
}

static void row_free(struct listmodel *m, struct lrow *r)
{
	for (int i = 0; i < m->ncols; i++)
		free(r->cells[i]);
	free(r->cells);
	free(r->key);
	free(r->style);
	memset(r, 0, sizeof *r);
}

static void drop_top(struct listmodel *m, int k)
{
	if (k <= 0)
		return;
	if (k > m->nrows)
		k = m->nrows;
	for (int i = 0; i < k; i++)
		row_free(m, &m->rows[i]);
	m->partial_up = 0; /* what it would read on lies above rows gone */
	memmove(m->rows, m->rows + k, (size_t)(m->nrows - k) * sizeof *m->rows);
	m->nrows -= k;
	if (m->top_index >= 0)
		m->top_index += k;
}

static void drop_bottom(struct listmodel *m, int k)
{
	if (k <= 0)
		return;
	if (k > m->nrows)
		k = m->nrows;
	for (int i = m->nrows - k; i < m->nrows; i++)
		row_free(m, &m->rows[i]);
	m->nrows -= k;
	m->more_below = 1;
}

static void clear(struct listmodel *m)
{
	drop_bottom(m, m->nrows);
	free(m->rows);
	m->rows = NULL;
	m->cursor = 0;
	m->more_below = 0;
	m->partial_up = 0;
	m->failed = 0;
	m->error[0] = '\0';
}

static void held_sort(struct listmodel *m);

void list_init_held(struct listmodel *m, const struct gn_view *view, struct lrow *rows, int n)
{
	list_init(m, NULL, NULL, NULL, view);
	m->held = rows ? rows : xcalloc(1, sizeof *rows);
	m->nheld = n;
	for (int i = 0; i < n; i++)
		rows[i].id = i + 1;
	held_sort(m);
}

void list_free(struct listmodel *m)
{
	clear(m);
	for (int i = 0; i < m->nheld; i++)
		row_free(m, &m->held[i]);
	free(m->held);
	free(m->held_order);
	free(m->held_rank);
	sortorder_free(m->order);
	sortorder_free(m->building);
	m->order = m->building = NULL;
	m->held = NULL;
	m->held_order = m->held_rank = NULL;
	m->nheld = 0;
}

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1000.0 + (double)ts.tv_nsec / 1e6;
}

static int past_deadline(void *deadline)
{
	return now_ms() > *(double *)deadline;
}

static char *column_text(sqlite3_stmt *st, int i)
{
	const unsigned char *t = sqlite3_column_text(st, i);
	return t ? xstrdup((const char *)t) : NULL;
}

static int held_matches(const struct listmodel *m, const struct lrow *r)
{
	if (!m->search[0])
		return 1;
	for (int i = 0; i < m->ncols; i++)
		if (strstr(r->cells[i], m->search))
			return 1;
	return 0;
}

/* A held cell as a view's value would sort (listing.c orders by the
 * value as SQLite compares it): a number — a percentage too — as a
 * number, before any text; a CIDR in address order, before other text,
 * which sorts bytewise.  The text of an answer carries no type, so the
 * value says which it is. */
struct held_key {
	int pos, kind; /* 0 number, 1 CIDR, 2 text */
	double num;
	unsigned char cidr[FIELD_CIDR_KEY_LEN];
	const char *text;
};

static void held_key(const char *s, int pos, struct held_key *k)
{
	const char *p = s + (*s == '-' || *s == '+');
	char *end;

	*k = (struct held_key){ .pos = pos, .kind = 2, .text = s };
	if (*p >= '0' && *p <= '9') {
		k->num = strtod(s, &end);
		if (*end == '%')
			end++;
		if (*end == '\0') {
			k->kind = 0;
			return;
		}
	}
	if (field_cidr_key(s, k->cidr) == 0)
		k->kind = 1;
}

static int held_cmp(const void *pa, const void *pb)
{
	const struct held_key *a = pa, *b = pb;
	int c = a->kind - b->kind;

	if (c == 0 && a->kind == 0)
		c = (a->num > b->num) - (a->num < b->num);
	else if (c == 0 && a->kind == 1)
		c = memcmp(a->cidr, b->cidr, sizeof a->cidr);
	else if (c == 0)
		c = strcmp(a->text, b->text);
	return c ? c : a->pos - b->pos;
}

/* Put the held rows in the list's order: descending is this order walked
 * backwards, as "ORDER BY value DESC, id DESC" is for a view. */
static void held_sort(struct listmodel *m)
{
	struct held_key *keys = xcalloc((size_t)m->nheld + 1, sizeof *keys);

	if (!m->held_order) {
		m->held_order = xcalloc((size_t)m->nheld + 1, sizeof *m->held_order);
		m->held_rank = xcalloc((size_t)m->nheld + 1, sizeof *m->held_rank);
	}
	for (int i = 0; i < m->nheld; i++)
		held_key(m->sort_col >= 0 ? m->held[i].cells[m->sort_col] : "", i, &keys[i]);
	qsort(keys, (size_t)m->nheld, sizeof *keys, held_cmp);
	for (int i = 0; i < m->nheld; i++) {
		m->held_order[i] = keys[i].pos;
		m->held_rank[keys[i].pos] = i;
	}
	free(keys);
}

/* fetch() over the rows held in memory: copies, in the list's order. */
static int fetch_held(struct listmodel *m, const struct lrow *after, int backwards, int limit, struct lrow **out)
{
	int n = 0, step = (m->descending ^ (backwards != 0)) ? -1 : 1;
	int i = after ? m->held_rank[after->id - 1] + step : step < 0 ? m->nheld - 1 : 0;

	*out = xcalloc((size_t)limit, sizeof **out);
	for (; i >= 0 && i < m->nheld && n < limit; i += step) {
		const struct lrow *from = &m->held[m->held_order[i]];
		struct lrow *r = &(*out)[n];
		if (!held_matches(m, from))
			continue;
		r->id = from->id;
		r->cells = xcalloc((size_t)m->ncols, sizeof *r->cells);
		for (int c = 0; c < m->ncols; c++)
			r->cells[c] = xstrdup(from->cells[c]);
		n++;
	}
	return n;
}

static int read_listing(struct listmodel *m, struct listing *l, int limit, struct lrow **out);
static int fetch_ordered(struct listmodel *m, const struct lrow *after, int backwards, int limit,
			 struct lrow **out);

/* Whether the list reads its window from an order built in memory. */
static int ordered(const struct listmodel *m)
{
	return m->order && m->order->col == m->sort_col && m->sort_col >= 0;
}

/* Read up to limit rows after `after` (NULL: from the start), in the
 * list's order or, backwards, in reverse.  Returns the rows read. */
static int fetch(struct listmodel *m, const struct lrow *after, int backwards, int limit, struct lrow **out)
{
	if (m->held)
		return limit > 0 ? fetch_held(m, after, backwards, limit, out) : (*out = NULL, 0);
	if (ordered(m))
		return limit > 0 ? fetch_ordered(m, after, backwards, limit, out) : (*out = NULL, 0);
	struct listing l = {
		.view = m->view,
		.search = m->search[0] ? m->search : NULL,
		.sort = m->sort_col >= 0 ? m->view->columns[m->sort_col].name : NULL,
		.descending = m->descending ^ (backwards != 0),
		.limit = limit,
		.has_range = m->ranged,
		.range_after = m->range_after,
		.range_upto = m->range_upto,
	};

	*out = NULL;
	if (limit <= 0)
		return 0;
	if (after) {
		l.has_after = 1;
		l.after_id = after->id;
	}
	return read_listing(m, &l, limit, out);
}

/* The rows of listing l, up to limit, as the list shows them. */
static int read_listing(struct listmodel *m, struct listing *l, int limit, struct lrow **out)
{
	struct gn_err err = { .status = GN_OK };
	sqlite3_stmt *st;
	int n = 0, rc = SQLITE_DONE;

	/* A view whose SQL marks rows (_style) need not list the column. */
	l->with_style = m->style_col < 0 && strstr(m->view->sql, "AS _style") != NULL;
	/* The scope stays in place until the statement is done: listing.c
	 * binds the actor's path without copying it. */
	scope_enter(m->ctx, m->scope);
	if (listing_prepare(m->ctx, l, &st, &err)) {
		scope_leave(m->ctx, m->scope);
		m->failed = 1;
		snprintf(m->error, sizeof m->error, "%s", err.msg);
		return 0;
	}
	double deadline = now_ms() + m->time_box_ms;
	if (m->time_box_ms > 0)
		sqlite3_progress_handler(m->ctx->db, 1000, past_deadline, &deadline);
	*out = xcalloc((size_t)limit, sizeof **out);
	while (n < limit && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct lrow *r = &(*out)[n++];
		r->cells = xcalloc((size_t)m->ncols, sizeof *r->cells);
		for (int i = 0; i < m->ncols; i++) {
			r->cells[i] = column_text(st, i);
			if (!r->cells[i])
				r->cells[i] = xstrdup("");
		}
		r->id = sqlite3_column_int64(st, m->ncols);
		if (m->sort_col >= 0)
			r->key = xstrdup(r->cells[m->sort_col]);
		if (m->style_col >= 0 && sqlite3_column_type(st, m->style_col) != SQLITE_NULL)
			r->style = xstrdup(r->cells[m->style_col]);
		else if (l->with_style && sqlite3_column_type(st, m->ncols + 2) != SQLITE_NULL)
			r->style = column_text(st, m->ncols + 2);
		/* Times as a person reads them; the key stays as stored. */
		for (int i = 0; i < m->ncols; i++) {
			char when[32];
			if (clock_short(r->cells[i], m->ctx->now, when, sizeof when)) {
				free(r->cells[i]);
				r->cells[i] = xstrdup(when);
			}
		}
	}
	if (m->time_box_ms > 0)
		sqlite3_progress_handler(m->ctx->db, 0, NULL, NULL);
	if (n < limit && rc == SQLITE_INTERRUPT && m->time_box_ms > 0) {
		m->partial = 1; /* the rows found so far; the rest when idle */
	} else if (n < limit && rc != SQLITE_DONE) {
		m->failed = 1;
		snprintf(m->error, sizeof m->error, "读取 %s 失败：%s", m->view->title, sqlite3_errmsg(m->ctx->db));
	}
	sqlite3_finalize(st);
	scope_leave(m->ctx, m->scope);
	return n;
}

/* Positions looked at a statement when a filter skips rows, and how
 * long a key may look (a filter that few rows match looks at them all). */
#define SCAN_BATCH 128
#define SCAN_BOX_MS 6

/* Positions a statement looks at: SCAN_BATCH, or fewer when tests hold
 * the pieces narrow (GOVNET_COUNT_WIDTH) to watch a filter read on. */
static int scan_batch(void)
{
	int64_t fixed = counter_fixed_width();

	return fixed && fixed < SCAN_BATCH ? (int)fixed : SCAN_BATCH;
}

/* fetch() from the order in memory: the ids at the positions after
 * `after` (or from scan_from, reading a filtered window on), read in one
 * statement a window; a row gone since the order was built is dropped,
 * and the next position takes its place.  A filter reads SCAN_BATCH
 * positions a statement, for at most time_box_ms (SCAN_BOX_MS when none
 * is set). */
static int fetch_ordered(struct listmodel *m, const struct lrow *after, int backwards, int limit,
			 struct lrow **out)
{
	const struct sortorder *o = m->order;
	int64_t step = backwards ? -1 : 1, n = (int64_t)o->n;
	int64_t pos = after ? after->pos + step : backwards ? n - 1 : 0;
	double deadline = counter_now_ms() + (m->time_box_ms > 0 ? m->time_box_ms : SCAN_BOX_MS);
	int got = 0;

	if (m->resume && !backwards && m->scan_from > pos)
		pos = m->scan_from;
	*out = xcalloc((size_t)limit, sizeof **out);
	while (got < limit && pos >= 0 && pos < n && !m->failed) {
		int want = m->search[0] ? scan_batch() : limit - got, k = 0, nread;
		int64_t *at = xcalloc((size_t)want, sizeof *at);
		struct strbuf ids = STRBUF_INIT;
		struct lrow *rows;
		for (; k < want && pos >= 0 && pos < n; k++, pos += step) {
			at[k] = pos;
			sb_addf(&ids, "%s%lld", k ? "," : "[", (long long)sortorder_id(o, pos, m->descending));
		}
		sb_add(&ids, "]");
		struct listing l = {
			.view = m->view,
			.search = m->search[0] ? m->search : NULL,
			.sort = o->column,
			.ids_json = sb_str(&ids),
		};
		int box = m->time_box_ms; /* the positions are checked here, between statements */
		m->time_box_ms = 0;
		nread = read_listing(m, &l, k, &rows);
		m->time_box_ms = box;
		sb_free(&ids);
		/* In the order's positions, not the statement's. */
		for (int i = 0; i < k; i++) {
			int64_t id = sortorder_id(o, at[i], m->descending);
			for (int r = 0; r < nread; r++)
				if (rows[r].cells && rows[r].id == id) {
					if (got < limit) {
						(*out)[got] = rows[r];
						(*out)[got++].pos = at[i];
					} else {
						row_free(m, &rows[r]);
					}
					rows[r].cells = NULL;
					break;
				}
		}
		for (int r = 0; r < nread; r++)
			if (rows[r].cells)
				row_free(m, &rows[r]);
		free(rows);
		free(at);
		if (got < limit && m->search[0] && counter_now_ms() > deadline && pos >= 0 && pos < n) {
			/* Read on when idle, from here, either way. */
			if (!backwards) {
				m->partial = 1;
				m->scan_from = pos;
			} else {
				m->partial_up = 1;
				m->scan_up_from = pos;
			}
			m->cut_short = backwards;
			break;
		}
	}
	return got;
}

static void append(struct listmodel *m, struct lrow *rows, int n)
{
	m->rows = xrealloc(m->rows, (size_t)(m->nrows + n + 1) * sizeof *m->rows);
	memcpy(m->rows + m->nrows, rows, (size_t)n * sizeof *rows);
	m->nrows += n;
}

/* Rows read backwards arrive nearest first: put them above in order. */
static void prepend_reversed(struct listmodel *m, struct lrow *rows, int n)
{
	m->rows = xrealloc(m->rows, (size_t)(m->nrows + n + 1) * sizeof *m->rows);
	memmove(m->rows + n, m->rows, (size_t)m->nrows * sizeof *m->rows);
	for (int i = 0; i < n; i++)
		m->rows[n - 1 - i] = rows[i];
	m->nrows += n;
	m->cursor += n;
	if (m->top_index >= 0)
		m->top_index = m->top_index >= n ? m->top_index - n : 0;
}

/* Read rows below the window until it holds want rows or the list ends. */
static void fill_below(struct listmodel *m, int want)
{
	struct lrow *got;
	int need = want - m->nrows, n;

	if (need <= 0 || (m->nrows > 0 && !m->more_below))
		return;
	/* One more than needed tells whether there is more. */
	n = fetch(m, m->nrows ? &m->rows[m->nrows - 1] : NULL, 0, need + 1, &got);
	m->more_below = n > need || m->partial;
	if (n > need) {
		row_free(m, &got[need]);
		n = need;
	}
	append(m, got, n);
	free(got);
}

static int fill_above(struct listmodel *m, int need)
{
	struct lrow *got;
	int n;

	if (need <= 0 || m->nrows == 0 || m->top_index == 0)
		return 0;
	m->cut_short = 0;
	/* Read on upwards from where a filter stopped: the positions
	 * between hold no match. */
	struct lrow from = { .pos = m->scan_up_from + 1 };
	n = fetch(m, m->partial_up && ordered(m) ? &from : &m->rows[0], 1, need, &got);
	m->partial_up = 0;
	prepend_reversed(m, got, n);
	free(got);
	if (n < need && !m->cut_short)
		m->top_index = 0; /* reached the start */
	if (m->cut_short && ordered(m)) {
		m->partial_up = 1; /* the rest between keys (list_finish_step) */
		m->up_rows = need - n;
		m->up_move = 0;
	}
	return n;
}

void list_reload(struct listmodel *m)
{
	clear(m);
	m->partial = 0;
	m->range_width = 0;
	m->top_index = 0;
	m->total = -1;
	m->count.state = COUNTER_IDLE;
	m->more_below = 1;
	if (m->held)
		held_sort(m);
	fill_below(m, m->height);
	if (m->held)
		list_count_step(m, 0); /* rows held: counted at once */
}

void list_set_height(struct listmodel *m, int h)
{
	if (h < 1)
		h = 1;
	m->height = h;
	if (m->nrows > h) {
		/* Keep the cursor on screen: drop from the top above it, then the rest below. */
		int over = m->cursor - (h - 1);
		if (over > 0) {
			drop_top(m, over);
			m->cursor -= over;
		}
		drop_bottom(m, m->nrows - h);
	} else if (m->nrows < h) {
		fill_below(m, h);
		fill_above(m, h - m->nrows);
	}
}

void list_move(struct listmodel *m, int delta)
{
	int target = m->cursor + delta;

	if (m->nrows == 0)
		return;
	if (target >= m->nrows) {
		fill_below(m, target + 1);
		if (target >= m->nrows)
			target = m->nrows - 1;
		int over = m->nrows - m->height;
		if (over > 0) {
			drop_top(m, over);
			target -= over;
			/* drop_top kept top_index; more_below is as fill_below left it */
		}
	} else if (target < 0) {
		int got = fill_above(m, -target);
		if (m->partial_up)
			m->up_move = m->up_rows; /* the cursor goes on up to them */
		target += got;
		if (target < 0)
			target = 0;
		m->cursor = target; /* prepend moved it; set it now and trim below */
		if (m->nrows > m->height)
			drop_bottom(m, m->nrows - m->height);
		return;
	}
	m->cursor = target;
}

/* The same rows read again from the start (in another order, perhaps):
 * what was counted of them stands. */
static void reload_same_rows(struct listmodel *m)
{
	int64_t total = m->total;
	struct counter count = m->count;

	list_reload(m);
	m->total = total;
	m->count = count;
}

void list_top(struct listmodel *m)
{
	reload_same_rows(m);
}

void list_bottom(struct listmodel *m)
{
	struct lrow *got;
	int n;

	clear(m);
	n = fetch(m, NULL, 1, m->height, &got);
	m->top_index = -1;
	prepend_reversed(m, got, n);
	free(got);
	if (m->partial_up) {
		m->up_rows = m->height - n;
		m->up_move = 0;
	}
	m->more_below = 0;
	m->cursor = m->nrows ? m->nrows - 1 : 0;
	/* The position is known once the total is: counted between keys
	 * (list_count_step), never here, where a key waits. */
	if (ordered(m) && !m->search[0])
		m->total = (int64_t)m->order->n;
	if (m->total >= 0)
		m->top_index = m->total - m->nrows;
}

void list_refresh(struct listmodel *m)
{
	struct lrow *got, anchor = { 0 };
	int64_t cur_id, top;
	int screen_row = m->cursor, n, have_anchor;

	/* The order is built again the same way (one being built starts
	 * over); meanwhile the window's rows are read again by id from the
	 * order as it was. */
	if (m->building) {
		struct sortorder *b = m->building;
		m->building = sortorder_new(m->view, b->col, b->descending, (int64_t)b->n);
		sortorder_free(b);
	} else if (ordered(m)) {
		m->building = sortorder_new(m->view, m->sort_col, m->descending, (int64_t)m->order->n);
	}
	if (m->nrows == 0) {
		list_reload(m);
		return;
	}
	cur_id = m->rows[m->cursor].id;
	top = m->top_index;
	/* The row just above the window anchors it: read forward from there. */
	n = fetch(m, &m->rows[0], 1, 1, &got);
	have_anchor = n == 1;
	if (have_anchor)
		anchor = got[0];
	free(got);
	clear(m);
	m->total = -1;
	m->count.state = COUNTER_IDLE;
	m->more_below = 1;
	if (have_anchor) {
		m->rows = xcalloc(1, sizeof *m->rows);
		m->rows[0] = anchor;
		m->nrows = 1;
		fill_below(m, m->height + 1);
		drop_top(m, 1);
		m->top_index = top;
	} else {
		m->top_index = 0;
		fill_below(m, m->height);
	}
	m->cursor = screen_row < m->nrows ? screen_row : (m->nrows ? m->nrows - 1 : 0);
	for (int i = 0; i < m->nrows; i++)
		if (m->rows[i].id == cur_id)
			m->cursor = i;
}

int list_goto_id(struct listmodel *m, int64_t id)
{
	for (int i = 0; i < m->nrows; i++)
		if (m->rows[i].id == id) {
			m->cursor = i;
			return 0;
		}
	return -1;
}

/* A keystroke's budget is 16 ms to the redrawn list (DESIGN §5): the
 * read gets a part of it, and what it could not read comes in pieces
 * between keys (list_finish_step). */
#define SEARCH_TIME_BOX_MS 6

void list_set_search(struct listmodel *m, const char *text)
{
	snprintf(m->search, sizeof m->search, "%s", text ? text : "");
	m->time_box_ms = SEARCH_TIME_BOX_MS;
	list_reload(m);
	m->time_box_ms = 0;
}

/* A piece of a finish stopped by its time box is read again narrower. */
#define FINISH_PIECE_MS 8
#define FINISH_WIDTH_FIRST 4096
#define FINISH_WIDTH_MIN 16

/* A filter's read upwards over the order, on from where its time box
 * stopped it (fetch_ordered), piece after piece for about budget_ms:
 * the rows found go above the window, the cursor following its record
 * or, for a PgUp not yet done, going up to them. */
static void read_on_upwards(struct listmodel *m, double start, double budget_ms)
{
	while (m->partial_up && counter_now_ms() - start < budget_ms) {
		struct lrow from = { .pos = m->scan_up_from + 1 }, *got;
		int n;
		m->partial_up = 0;
		m->cut_short = 0;
		m->time_box_ms = FINISH_PIECE_MS;
		n = fetch_ordered(m, &from, 1, m->up_rows, &got);
		m->time_box_ms = 0;
		int was_empty = m->nrows == 0;
		prepend_reversed(m, got, n);
		free(got);
		if (was_empty && m->nrows)
			m->cursor = m->nrows - 1; /* End found none at first: on the last */
		int moved = n < m->up_move ? n : m->up_move;
		m->cursor -= moved;
		m->up_move -= moved;
		m->up_rows -= n;
		if (!m->cut_short && m->up_rows > 0)
			m->top_index = 0; /* reached the start */
		if (m->up_rows <= 0 || m->failed)
			m->partial_up = 0;
		/* The window keeps its height, from the cursor up. */
		int over = m->nrows - m->height, below = m->nrows - 1 - m->cursor;
		if (over > 0)
			drop_bottom(m, over < below ? over : below);
	}
}

int list_finish_step(struct listmodel *m, double budget_ms)
{
	double start = counter_now_ms();

	if (!m->partial && !m->partial_up)
		return 0;
	if (ordered(m) && m->partial_up) {
		read_on_upwards(m, start, budget_ms);
		return 1;
	}
	m->partial_up = 0; /* no order to read on in */
	if (!m->partial)
		return 0;
	if (ordered(m)) {
		/* A filter over the order in memory: on from where it stopped. */
		while (m->partial && counter_now_ms() - start < budget_ms) {
			m->partial = 0;
			m->resume = 1;
			m->time_box_ms = FINISH_PIECE_MS;
			fill_below(m, m->height);
			m->time_box_ms = 0;
			m->resume = 0;
		}
		return 1;
	}
	/* Only the order of numbers follows their ranges. */
	if (m->sort_col >= 0 || m->descending || m->held) {
		list_reload(m);
		return 1;
	}
	if (!m->range_width) {
		m->range_last = counter_view_last(m->ctx, m->scope, m->view);
		m->range_after = m->nrows ? m->rows[m->nrows - 1].id : 0;
		m->range_width = FINISH_WIDTH_FIRST;
	}
	while (m->partial && counter_now_ms() - start < budget_ms) {
		struct lrow *got;
		int need = m->height - m->nrows, n;
		if (m->range_last < 0 || m->range_after >= m->range_last || need <= 0) {
			/* The end of the list, or the window is full. */
			m->partial = 0;
			m->more_below = need <= 0;
			break;
		}
		m->partial = 0;
		m->ranged = 1;
		m->range_upto = m->range_after + m->range_width;
		m->time_box_ms = FINISH_PIECE_MS;
		n = fetch(m, m->nrows ? &m->rows[m->nrows - 1] : NULL, 0, need + 1, &got);
		m->time_box_ms = 0;
		m->ranged = 0;
		if (m->failed) {
			free(got);
			break; /* the list says why */
		}
		if (m->partial) {
			/* Stopped by its time box: the range again, narrower. */
			for (int i = 0; i < n; i++)
				row_free(m, &got[i]);
			free(got);
			if (m->range_width <= FINISH_WIDTH_MIN) {
				m->partial = 0; /* too slow even so: read whole */
				list_reload(m);
				return 1;
			}
			m->range_width /= 4;
			continue;
		}
		m->partial = 1;
		if (n > need) {
			row_free(m, &got[need]);
			n = need;
		}
		append(m, got, n);
		free(got);
		m->range_after = m->range_upto;
		if (m->nrows >= m->height && n == need) {
			/* Full: whether more follow is for the next read to say. */
			m->partial = 0;
			m->more_below = 1;
		}
	}
	if (!m->partial)
		m->range_width = 0;
	return 1;
}

/* Whether sorting by column col needs an order built in memory: no
 * index serves it (only a view's order_by kept in its scope table has
 * one, listing.c). */
static int needs_order(const struct listmodel *m, int col)
{
	const struct gn_view *v = m->view;

	if (col < 0 || m->held || !v->sql)
		return 0;
	return !(v->scope_table && v->scope_key && v->order_by && strcmp(v->columns[col].name, v->order_by) == 0);
}

/* A key's share of its 16 ms for building an order: a short list's is
 * done at once. */
#define SORT_KEY_MS 4.0

static void start_sort(struct listmodel *m, int col, int descending)
{
	if (m->building && (m->building->col != col || !needs_order(m, col))) {
		sortorder_free(m->building);
		m->building = NULL;
	}
	if (!needs_order(m, col)) {
		sortorder_free(m->order);
		m->order = NULL;
	}
	if (!needs_order(m, col) || (m->order && m->order->col == col)) {
		/* No order to build, or the one held: at once (the other way
		 * round too, when it is being built again after a change). */
		if (m->building)
			m->building->descending = descending;
		m->sort_col = col;
		m->descending = descending;
		reload_same_rows(m);
		return;
	}
	if (m->building) {
		m->building->descending = descending;
		return;
	}
	m->building = sortorder_new(m->view, col, descending, m->total >= 0 && !m->search[0] ? m->total : 0);
	list_sort_step(m, SORT_KEY_MS);
}

int list_sort_step(struct listmodel *m, double budget_ms)
{
	struct sortorder *b = m->building;
	int64_t cur_id = m->nrows ? m->rows[m->cursor].id : 0;
	int rebuilt, screen_row = m->cursor;

	if (!b)
		return 0;
	if (b->state != SORTORDER_FAILED) {
		sortorder_step(b, m->ctx, m->scope, m->view, budget_ms);
		if (b->state == SORTORDER_FAILED)
			return 1; /* said at the next step, between keys */
	}
	if (b->state == SORTORDER_FAILED) {
		/* Said once (the caller shows m->error); the list is as it was. */
		snprintf(m->error, sizeof m->error, "未能按「%s」排序：读取%s太慢或出错，列表保持原来的顺序",
			 m->view->columns[b->col].label, m->view->title);
		if (b->error[0])
			snprintf(m->error, sizeof m->error, "未能按「%s」排序：%s；列表保持原来的顺序",
				 m->view->columns[b->col].label, b->error);
		m->building = NULL;
		sortorder_free(b);
		return -1;
	}
	if (b->state != SORTORDER_READY)
		return 1;
	/* Done: the list reads from it now.  Built again after a change,
	 * the window stays on the record the cursor was on. */
	rebuilt = ordered(m) && m->sort_col == b->col && m->descending == b->descending;
	sortorder_free(m->order);
	m->order = b;
	m->building = NULL;
	m->sort_col = b->col;
	m->descending = b->descending;
	int64_t at = rebuilt && !m->search[0] ? sortorder_find(b, cur_id, m->descending) : -1;
	if (at >= 0 && m->top_index == 0)
		at = screen_row; /* a window at the top stays there: what now comes first shows */
	if (at < 0) {
		reload_same_rows(m);
		return 1;
	}
	struct lrow anchor = { .pos = at - screen_row - 1 };
	struct lrow *got;
	int n;
	clear(m);
	m->total = (int64_t)b->n;
	m->partial = 0;
	n = fetch_ordered(m, anchor.pos >= 0 ? &anchor : NULL, 0, m->height + 1, &got);
	m->more_below = n > m->height;
	if (n > m->height)
		row_free(m, &got[--n]);
	append(m, got, n);
	free(got);
	m->top_index = n ? m->rows[0].pos : 0;
	m->cursor = 0;
	for (int i = 0; i < m->nrows; i++)
		if (m->rows[i].id == cur_id)
			m->cursor = i;
	return 1;
}

void list_next_sort(struct listmodel *m)
{
	int next = (m->building ? m->building->col : m->sort_col) + 1;

	while (next < m->ncols && layout_column_hidden(&m->view->columns[next]))
		next++;
	start_sort(m, next < m->ncols ? next : -1, 0);
}

void list_reverse(struct listmodel *m)
{
	if (m->building && !ordered(m))
		start_sort(m, m->building->col, !m->building->descending); /* shown so once sorted */
	else
		start_sort(m, m->sort_col, !m->descending);
}

int list_counting(const struct listmodel *m)
{
	return m->total < 0 && (m->held || m->count.state == COUNTER_IDLE || m->count.state == COUNTER_RUNNING);
}

int list_count_step(struct listmodel *m, double budget_ms)
{
	if (m->total >= 0)
		return 0;
	if (ordered(m) && !m->search[0]) {
		m->total = (int64_t)m->order->n; /* the order holds every row */
		return 1;
	}
	if (m->held) {
		m->total = 0;
		for (int i = 0; i < m->nheld; i++)
			m->total += held_matches(m, &m->held[i]);
		return 1;
	}
	if (m->count.state == COUNTER_IDLE)
		counter_start(&m->count);
	if (!counter_step(&m->count, m->ctx, m->scope, m->view, m->search, budget_ms))
		return 0;
	if (m->count.state == COUNTER_DONE) {
		m->total = m->count.counted;
		/* At the end of the list (End) the position follows from it. */
		if (m->top_index < 0 && !m->more_below)
			m->top_index = m->total - m->nrows;
	}
	return 1;
}

const struct lrow *list_current(const struct listmodel *m)
{
	return m->nrows ? &m->rows[m->cursor] : NULL;
}

int64_t list_position(const struct listmodel *m)
{
	return m->nrows && m->top_index >= 0 ? m->top_index + m->cursor + 1 : 0;
}
