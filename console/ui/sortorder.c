/*
 * sortorder.c — a list's order built in memory between keys (sortorder.h).
 */
#include "config.h"
#include "sortorder.h"
#include "../core/listing.h"
#include "../core/strbuf.h"

#include <stdlib.h>
#include <string.h>
#include "govnet/banned.h"

/* Whole values are read for this many rows a statement. */
#define REFINE_BATCH 500
/* The merge looks at the clock every so many rows. */
#define MERGE_CHECK 4096

struct sortorder *sortorder_new(const struct gn_view *view, int col, int descending, int64_t size_hint)
{
	struct sortorder *o = xcalloc(1, sizeof *o);

	o->col = col;
	o->descending = descending;
	o->column = view->columns[col].name;
	o->state = SORTORDER_READING;
	counter_start(&o->reading);
	/* The list's count, when known, saves growing the array in steps. */
	if (size_hint > 0) {
		o->cap = (size_t)size_hint + 16;
		o->e = xmalloc(o->cap * sizeof *o->e);
	}
	return o;
}

void sortorder_free(struct sortorder *o)
{
	if (!o)
		return;
	free(o->e);
	free(o->tmp);
	free(o->runs);
	free(o);
}

void sortorder_entry(struct sort_entry *e, sqlite3_value *v, int64_t id)
{
	memset(e, 0, sizeof *e);
	e->id = id;
	switch (sqlite3_value_type(v)) {
	case SQLITE_INTEGER: {
		int64_t i = sqlite3_value_int64(v);
		e->kind = SORT_NUMBER;
		memcpy(e->key, &i, sizeof i);
		return;
	}
	case SQLITE_FLOAT: {
		double d = sqlite3_value_double(v);
		e->kind = SORT_NUMBER;
		e->len = 1;
		memcpy(e->key, &d, sizeof d);
		return;
	}
	case SQLITE_NULL: /* coalesce(col, '') never gives one: as '' */
		e->kind = SORT_TEXT;
		return;
	default: {
		const void *p = sqlite3_value_type(v) == SQLITE_BLOB ? sqlite3_value_blob(v) : sqlite3_value_text(v);
		int n = sqlite3_value_bytes(v);
		e->kind = sqlite3_value_type(v) == SQLITE_BLOB ? SORT_BLOB : SORT_TEXT;
		e->len = n > SORTORDER_PREFIX ? SORTORDER_PREFIX + 1 : (uint8_t)n;
		if (p && n > 0)
			memcpy(e->key, p, n > SORTORDER_PREFIX ? SORTORDER_PREFIX : (size_t)n);
		return;
	}
	}
}

/* Numbers as SQLite compares them: integers exactly, an integer and a
 * real by value (a long double holds every int64_t). */
static int number_cmp(const struct sort_entry *a, const struct sort_entry *b)
{
	int64_t ia, ib;
	double da, db;
	long double x, y;

	memcpy(&ia, a->key, sizeof ia);
	memcpy(&ib, b->key, sizeof ib);
	memcpy(&da, a->key, sizeof da);
	memcpy(&db, b->key, sizeof db);
	if (!a->len && !b->len)
		return (ia > ib) - (ia < ib);
	x = a->len ? (long double)da : (long double)ia;
	y = b->len ? (long double)db : (long double)ib;
	return (x > y) - (x < y);
}

int sortorder_cmp(const struct sort_entry *a, const struct sort_entry *b)
{
	int c = (a->kind > b->kind) - (a->kind < b->kind);

	if (!c && a->kind == SORT_NUMBER) {
		c = number_cmp(a, b);
	} else if (!c) {
		/* Bytewise, then the shorter first (SQLite's BINARY collation);
		 * two cut prefixes that are equal tie here. */
		size_t la = a->len > SORTORDER_PREFIX ? SORTORDER_PREFIX : a->len;
		size_t lb = b->len > SORTORDER_PREFIX ? SORTORDER_PREFIX : b->len;
		c = memcmp(a->key, b->key, la < lb ? la : lb);
		if (!c)
			c = (a->len > b->len) - (a->len < b->len);
	}
	return c ? c : (a->id > b->id) - (a->id < b->id);
}

static int entry_qsort_cmp(const void *a, const void *b)
{
	return sortorder_cmp(a, b);
}

/* Read the sort column's value and id of the rows l selects, each
 * passed to add; 0, 1 when stopped by the progress handler, -1. */
static int read_keys(struct gn_ctx *ctx, struct listing *l, void (*add)(void *, sqlite3_stmt *), void *arg)
{
	struct gn_err err = { .status = GN_OK };
	sqlite3_stmt *st;
	int rc;

	l->key_only = 1;
	if (listing_prepare(ctx, l, &st, &err))
		return sqlite3_errcode(ctx->db) == SQLITE_INTERRUPT ? 1 : -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		add(arg, st);
	sqlite3_finalize(st);
	if (rc == SQLITE_DONE)
		return 0;
	return rc == SQLITE_INTERRUPT ? 1 : -1;
}

static void add_entry(void *arg, sqlite3_stmt *st)
{
	struct sortorder *o = arg;

	if (o->n == o->cap) {
		o->cap = o->cap ? o->cap * 2 : 4096;
		o->e = xrealloc(o->e, o->cap * sizeof *o->e);
	}
	sortorder_entry(&o->e[o->n++], sqlite3_column_value(st, 0), sqlite3_column_int64(st, 1));
}

/* A piece of the reading (counter_piece_fn): the rows numbered in
 * (after, upto], sorted as a run of their own. */
static int read_piece(void *arg, struct gn_ctx *ctx, const struct gn_view *view, int64_t after, int64_t upto,
		      int64_t *n)
{
	struct sortorder *o = arg;
	struct listing l = {
		.view = view,
		.sort = o->column,
		.has_range = 1,
		.range_after = after,
		.range_upto = upto,
	};
	size_t start = o->n;
	int rc = read_keys(ctx, &l, add_entry, o);

	if (rc) {
		o->n = start; /* asked again, narrower: nothing of it kept */
		return rc;
	}
	*n = (int64_t)(o->n - start);
	if (o->n > start) {
		qsort(o->e + start, o->n - start, sizeof *o->e, entry_qsort_cmp);
		if (o->nruns == o->runs_cap) {
			o->runs_cap = o->runs_cap ? o->runs_cap * 2 : 64;
			o->runs = xrealloc(o->runs, o->runs_cap * sizeof *o->runs);
		}
		o->runs[o->nruns++] = start;
	}
	return 0;
}

/* Merge the runs pairwise, pass after pass, into tmp and back; stops at
 * the deadline and goes on from there.  1 when one run is left. */
static int merge_step(struct sortorder *o, double deadline)
{
	while (o->nruns > 1) {
		size_t p = o->pair;
		if (p >= o->nruns) {
			/* A pass is done: the merged runs start where each pair did. */
			struct sort_entry *swap = o->e;
			o->e = o->tmp;
			o->tmp = swap;
			for (size_t i = 0; 2 * i < o->nruns; i++)
				o->runs[i] = o->runs[2 * i];
			o->nruns = (o->nruns + 1) / 2;
			o->pair = 0;
			continue;
		}
		size_t lo = o->runs[p];
		size_t mid = p + 1 < o->nruns ? o->runs[p + 1] : o->n;
		size_t hi = p + 2 < o->nruns ? o->runs[p + 2] : o->n;
		if (!o->in_pair) {
			o->a = lo;
			o->b = mid;
			o->k = lo;
			o->in_pair = 1;
		}
		while (o->k < hi) {
			if (o->k % MERGE_CHECK == 0 && counter_now_ms() > deadline)
				return 0;
			if (o->a < mid && (o->b >= hi || sortorder_cmp(&o->e[o->a], &o->e[o->b]) <= 0))
				o->tmp[o->k++] = o->e[o->a++];
			else
				o->tmp[o->k++] = o->e[o->b++];
		}
		o->in_pair = 0;
		o->pair += 2;
	}
	return 1;
}

struct whole {
	int64_t id;
	const unsigned char *v;
	int len;
};

struct wholes {
	struct whole *w;
	size_t n;
};

static void add_whole(void *arg, sqlite3_stmt *st)
{
	struct wholes *ws = arg;
	struct whole *w = &ws->w[ws->n++];
	const void *p = sqlite3_column_type(st, 0) == SQLITE_BLOB ? sqlite3_column_blob(st, 0)
								    : (const void *)sqlite3_column_text(st, 0);

	w->len = sqlite3_column_bytes(st, 0);
	w->id = sqlite3_column_int64(st, 1);
	w->v = xmalloc((size_t)w->len + 1);
	if (w->len)
		memcpy((void *)w->v, p, (size_t)w->len);
}

static int whole_cmp(const void *pa, const void *pb)
{
	const struct whole *a = pa, *b = pb;
	int c = memcmp(a->v, b->v, (size_t)(a->len < b->len ? a->len : b->len));

	if (!c)
		c = (a->len > b->len) - (a->len < b->len);
	return c ? c : (a->id > b->id) - (a->id < b->id);
}

static int id_cmp(const void *pa, const void *pb)
{
	const struct sort_entry *a = pa, *b = pb;

	return (a->id > b->id) - (a->id < b->id);
}

/* A row of a run already put in its place. */
#define TAKEN 0xff

/* Order e[i, j) — cut texts with one prefix — by their whole values.  A
 * row gone meanwhile keeps its place by id, after the others: the list
 * drops it when it reads the window. */
static int refine_run(struct sortorder *o, struct gn_ctx *ctx, const struct gn_view *view, size_t i, size_t j)
{
	struct wholes ws = { .w = xcalloc(j - i, sizeof *ws.w) };
	size_t found, out;
	int rc = 0;

	for (size_t from = i; from < j && rc == 0; from += REFINE_BATCH) {
		struct strbuf ids = STRBUF_INIT;
		size_t to = from + REFINE_BATCH < j ? from + REFINE_BATCH : j;
		for (size_t k = from; k < to; k++)
			sb_addf(&ids, "%s%lld", k == from ? "[" : ",", (long long)o->e[k].id);
		sb_add(&ids, "]");
		struct listing l = { .view = view, .sort = o->column, .ids_json = sb_str(&ids) };
		rc = read_keys(ctx, &l, add_whole, &ws);
		sb_free(&ids);
	}
	found = ws.n;
	if (rc == 0) {
		qsort(ws.w, found, sizeof *ws.w, whole_cmp);
		/* The rows not found keep their order (by id) after those found. */
		struct sort_entry *run = xmalloc((j - i) * sizeof *run);
		memcpy(run, o->e + i, (j - i) * sizeof *run);
		qsort(run, j - i, sizeof *run, id_cmp);
		out = i;
		for (size_t k = 0; k < found; k++) {
			struct sort_entry key = { .id = ws.w[k].id };
			struct sort_entry *r = bsearch(&key, run, j - i, sizeof *run, id_cmp);
			if (r && r->kind != TAKEN) {
				o->e[out++] = *r;
				r->kind = TAKEN;
			}
		}
		for (size_t r = 0; r < j - i; r++)
			if (run[r].kind != TAKEN)
				o->e[out++] = run[r];
		free(run);
	}
	for (size_t k = 0; k < found; k++)
		free((void *)ws.w[k].v);
	free(ws.w);
	return rc;
}

static int cut_tie(const struct sort_entry *a, const struct sort_entry *b)
{
	return a->kind != SORT_NUMBER && a->kind == b->kind && a->len > SORTORDER_PREFIX &&
	       b->len > SORTORDER_PREFIX && memcmp(a->key, b->key, SORTORDER_PREFIX) == 0;
}

/* Find the runs of cut texts with equal prefixes and refine each; 1 when
 * every one is done, -1 on an error. */
static int refine_step(struct sortorder *o, struct gn_ctx *ctx, const struct gn_view *view, double deadline)
{
	for (size_t looked = 0; o->refine_at + 1 < o->n; looked++) {
		size_t i = o->refine_at, j = i + 1;
		if (looked % MERGE_CHECK == 0 && counter_now_ms() > deadline)
			return 0;
		while (j < o->n && cut_tie(&o->e[i], &o->e[j]))
			j++;
		if (j - i > 1) {
			if (refine_run(o, ctx, view, i, j))
				return -1;
			o->refine_at = j;
			if (counter_now_ms() > deadline)
				return 0;
		} else {
			o->refine_at = j;
		}
	}
	return 1;
}

int sortorder_step(struct sortorder *o, struct gn_ctx *ctx, struct ui_scope *scope, const struct gn_view *view,
		   double budget_ms)
{
	double deadline = counter_now_ms() + budget_ms;
	int rc;

	do {
		switch (o->state) {
		case SORTORDER_READING:
			counter_step_with(&o->reading, ctx, scope, view, deadline - counter_now_ms(), read_piece, o);
			if (o->reading.state == COUNTER_FAILED) {
				o->state = SORTORDER_FAILED;
			} else if (o->reading.state == COUNTER_DONE) {
				o->state = SORTORDER_MERGING;
				o->tmp = xmalloc((o->n + 1) * sizeof *o->tmp);
			}
			break;
		case SORTORDER_MERGING:
			if (merge_step(o, deadline)) {
				free(o->tmp);
				o->tmp = NULL;
				o->state = SORTORDER_REFINING;
			}
			break;
		case SORTORDER_REFINING:
			scope_enter(ctx, scope);
			rc = refine_step(o, ctx, view, deadline);
			scope_leave(ctx, scope);
			if (rc)
				o->state = rc > 0 ? SORTORDER_READY : SORTORDER_FAILED;
			break;
		default:
			return 1;
		}
	} while (counter_now_ms() < deadline && o->state != SORTORDER_READY && o->state != SORTORDER_FAILED);
	return 1;
}

int64_t sortorder_id(const struct sortorder *o, int64_t pos, int descending)
{
	return o->e[descending ? (int64_t)o->n - 1 - pos : pos].id;
}

int64_t sortorder_find(const struct sortorder *o, int64_t id, int descending)
{
	for (size_t i = 0; i < o->n; i++)
		if (o->e[i].id == id)
			return descending ? (int64_t)(o->n - 1 - i) : (int64_t)i;
	return -1;
}
