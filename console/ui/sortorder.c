/*
 * sortorder.c — a list's order built in memory between keys (sortorder.h).
 */
#include "config.h"
#include "sortorder.h"
#include "../core/collate.h"
#include "../core/listing.h"
#include "../core/strbuf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "govnet/banned.h"

/* Whole values are read for this many rows a statement. */
#define REFINE_BATCH 500
/* A refined run's distinct values are sorted this many at a time, then
 * merged; the rows are placed in steps of MERGE_CHECK. */
#define REFINE_CHUNK 1024
/* The merge looks at the clock every so many rows. */
#define MERGE_CHECK 4096

/* The few dozen bytes a row costs (at a million rows, 32 MB). */
_Static_assert(sizeof(struct sort_entry) == 32, "an order's row is 32 bytes");

static void refine_free(struct sortorder *o);

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
	refine_free(o);
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
	case SQLITE_BLOB: {
		const void *p = sqlite3_value_blob(v);
		int n = sqlite3_value_bytes(v);
		e->kind = SORT_BLOB;
		e->len = n > SORTORDER_PREFIX ? SORTORDER_PREFIX + 1 : (uint8_t)n;
		if (p && n > 0)
			memcpy(e->key, p, n > SORTORDER_PREFIX ? SORTORDER_PREFIX : (size_t)n);
		return;
	}
	default: { /* text, and NULL as '' (coalesce(col, '') never gives one) */
		const unsigned char *p = sqlite3_value_type(v) == SQLITE_NULL ? NULL : sqlite3_value_text(v);
		size_t n = collate_key(p ? (const void *)p : "", p ? sqlite3_value_bytes(v) : 0, e->key,
				       SORTORDER_PREFIX);
		e->kind = SORT_TEXT;
		e->len = n > SORTORDER_PREFIX ? SORTORDER_PREFIX + 1 : (uint8_t)n;
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
		/* Bytewise, then the shorter first: a blob's bytes, as SQLite
		 * compares blobs, or a text's sort key (collate.h), which
		 * compares as COLLATE_NAME compares the texts; two cut
		 * prefixes that are equal tie here. */
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

static int cut_tie(const struct sort_entry *a, const struct sort_entry *b)
{
	return a->kind != SORT_NUMBER && a->kind == b->kind && a->len > SORTORDER_PREFIX &&
	       b->len > SORTORDER_PREFIX && memcmp(a->key, b->key, SORTORDER_PREFIX) == 0;
}

/*
 * Refining a run e[i, j) of cut keys with one prefix, which the merge
 * left in id order: the whole values are read REFINE_BATCH rows a step
 * and each kept once as its whole key — a text's sort key, a blob's
 * bytes — (a run is mostly a few names many times over: the department's
 * requests); texts the collation finds equal share a key.  Then the
 * distinct keys are sorted REFINE_CHUNK at a time and the chunks merged,
 * and the rows placed by their key's rank, stably, so that ties stay by
 * id: every phase goes on from where the deadline stopped it, so a run
 * of a million distinct values takes many steps, none of them long.
 */
#define NO_VALUE UINT32_MAX

enum refine_phase { REFINE_READING, REFINE_SORTING, REFINE_MERGING, REFINE_RANKING, REFINE_COUNTING,
		    REFINE_PLACING, REFINE_COPYING };

struct refine {
	size_t i, j, next;       /* the run, and its rows read so far: e[i, next) */
	uint32_t *value_of;      /* for each row of the run, its value, or NO_VALUE (gone) */
	struct { unsigned char *v; int len; } *vals;
	size_t nvals, cap;
	uint32_t *slots;         /* a hash of the values: index + 1, 0 for none */
	size_t nslots;
	enum refine_phase phase;
	size_t at;               /* where the phase stands */
	uint32_t *by_value, *by_value_tmp, *rank; /* the values in order, and each one's place */
	size_t width, a, b;      /* the merge of by_value: runs this wide, where it stands */
	size_t *start;           /* the placing: each rank's next row */
	struct sort_entry *run;  /* the rows placed */
};

static uint64_t hash_bytes(const unsigned char *p, int n)
{
	uint64_t h = 1469598103934665603ULL;

	for (int k = 0; k < n; k++)
		h = (h ^ p[k]) * 1099511628211ULL;
	return h;
}

static uint32_t intern(struct refine *r, const unsigned char *p, int n)
{
	if ((r->nvals + 1) * 2 > r->nslots) {
		size_t ns = r->nslots ? r->nslots * 2 : 256;
		uint32_t *slots = xcalloc(ns, sizeof *slots);
		for (size_t k = 0; k < r->nvals; k++) {
			size_t h = hash_bytes(r->vals[k].v, r->vals[k].len) & (ns - 1);
			while (slots[h])
				h = (h + 1) & (ns - 1);
			slots[h] = (uint32_t)k + 1;
		}
		free(r->slots);
		r->slots = slots;
		r->nslots = ns;
	}
	size_t h = hash_bytes(p, n) & (r->nslots - 1);
	for (; r->slots[h]; h = (h + 1) & (r->nslots - 1)) {
		uint32_t k = r->slots[h] - 1;
		if (r->vals[k].len == n && memcmp(r->vals[k].v, p, (size_t)n) == 0)
			return k;
	}
	if (r->nvals == r->cap) {
		r->cap = r->cap ? r->cap * 2 : 64;
		r->vals = xrealloc(r->vals, r->cap * sizeof *r->vals);
	}
	r->vals[r->nvals].v = xmalloc((size_t)n + 1);
	memcpy(r->vals[r->nvals].v, p, (size_t)n);
	r->vals[r->nvals].len = n;
	r->slots[h] = (uint32_t)r->nvals + 1;
	return (uint32_t)r->nvals++;
}

static void refine_free(struct sortorder *o)
{
	struct refine *r = o->refine;

	if (!r)
		return;
	for (size_t k = 0; k < r->nvals; k++)
		free(r->vals[k].v);
	free(r->vals);
	free(r->slots);
	free(r->value_of);
	free(r->by_value);
	free(r->by_value_tmp);
	free(r->rank);
	free(r->start);
	free(r->run);
	free(r);
	o->refine = NULL;
}

struct refine_read {
	struct sortorder *o;
	struct refine *r;
};

static void add_whole(void *arg, sqlite3_stmt *st)
{
	struct refine_read *rr = arg;
	struct refine *r = rr->r;
	int64_t id = sqlite3_column_int64(st, 1);
	int blob = sqlite3_column_type(st, 0) == SQLITE_BLOB;
	const void *p = blob ? sqlite3_column_blob(st, 0) : (const void *)sqlite3_column_text(st, 0);
	int n = sqlite3_column_bytes(st, 0);
	unsigned char key_buf[512], *key = key_buf;
	size_t lo = r->i, hi = r->j, len;

	/* The run is in id order: find the row. */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (rr->o->e[mid].id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo >= r->j || rr->o->e[lo].id != id)
		return;
	if (!p)
		p = "", n = 0;
	if (blob) {
		key = (unsigned char *)p;
		len = (size_t)n;
	} else if ((len = collate_key(p, n, key_buf, sizeof key_buf)) > sizeof key_buf) {
		key = xmalloc(len);
		collate_key(p, n, key, len);
	}
	r->value_of[lo - r->i] = intern(r, key, (int)len);
	if (key != key_buf && !blob)
		free(key);
}

static struct refine *refine_vals_for_sort; /* qsort has no argument: set around the call */

static int key_cmp(const struct refine *r, uint32_t a, uint32_t b)
{
	int la = r->vals[a].len, lb = r->vals[b].len;
	int c = memcmp(r->vals[a].v, r->vals[b].v, (size_t)(la < lb ? la : lb));

	return c ? c : (la > lb) - (la < lb);
}

static int value_cmp(const void *pa, const void *pb)
{
	return key_cmp(refine_vals_for_sort, *(const uint32_t *)pa, *(const uint32_t *)pb);
}

/* Past the deadline, once this call has done something. */
static int refine_late(int *moved, double deadline)
{
	if (*moved && counter_now_ms() > deadline)
		return 1;
	*moved = 1;
	return 0;
}

/* Every value of the run read: sort them, rank them and place the run's
 * rows by rank, a phase at a time, each stopping at the deadline; 1 when
 * the run is in order. */
static int refine_place(struct sortorder *o, double deadline)
{
	struct refine *r = o->refine;
	size_t n = r->j - r->i, d = r->nvals;

	int moved = 0;

	/* Each call moves on by one piece at least, however late it is. */
#define REFINE_STOP(every) (r->at % (every) == 0 && refine_late(&moved, deadline))
#define REFINE_LOOP(limit) for (; r->at < (limit); r->at++) \
		if (REFINE_STOP(MERGE_CHECK)) return 0; else
	switch (r->phase) {
	case REFINE_READING:
		r->by_value = xmalloc((d + 1) * sizeof *r->by_value);
		r->by_value_tmp = xmalloc((d + 1) * sizeof *r->by_value_tmp);
		for (uint32_t k = 0; k < d; k++)
			r->by_value[k] = k;
		r->phase = REFINE_SORTING;
		r->at = 0;
		/* fall through */
	case REFINE_SORTING:
		for (; r->at < d; r->at += REFINE_CHUNK) {
			if (REFINE_STOP(REFINE_CHUNK))
				return 0;
			refine_vals_for_sort = r;
			qsort(r->by_value + r->at, d - r->at < REFINE_CHUNK ? d - r->at : REFINE_CHUNK,
			      sizeof *r->by_value, value_cmp);
			refine_vals_for_sort = NULL;
		}
		r->phase = REFINE_MERGING;
		r->width = REFINE_CHUNK;
		r->at = 0;
		/* fall through */
	case REFINE_MERGING:
		/* Runs of width merged pairwise into by_value_tmp, pass after
		 * pass; at names the next place written, a and b the runs'. */
		while (r->width < d) {
			while (r->at < d) {
				size_t lo = r->at - r->at % (2 * r->width);
				size_t mid = lo + r->width < d ? lo + r->width : d;
				size_t hi = mid + r->width < d ? mid + r->width : d;
				if (r->at == lo) {
					r->a = lo;
					r->b = mid;
				}
				for (; r->at < hi; r->at++) {
					if (REFINE_STOP(MERGE_CHECK))
						return 0;
					if (r->a < mid && (r->b >= hi || key_cmp(r, r->by_value[r->a], r->by_value[r->b]) <= 0))
						r->by_value_tmp[r->at] = r->by_value[r->a++];
					else
						r->by_value_tmp[r->at] = r->by_value[r->b++];
				}
			}
			uint32_t *swap = r->by_value;
			r->by_value = r->by_value_tmp;
			r->by_value_tmp = swap;
			r->width *= 2;
			r->at = 0;
		}
		r->rank = xmalloc((d + 1) * sizeof *r->rank);
		r->phase = REFINE_RANKING;
		r->at = 0;
		/* fall through */
	case REFINE_RANKING:
		REFINE_LOOP(d) r->rank[r->by_value[r->at]] = (uint32_t)r->at;
		r->start = xcalloc(d + 2, sizeof *r->start);
		r->phase = REFINE_COUNTING;
		r->at = 0;
		/* fall through */
	case REFINE_COUNTING:
		/* Counting sort by rank, rows gone last: stable, so ties stay by id. */
		REFINE_LOOP(n) r->start[(r->value_of[r->at] == NO_VALUE ? d : r->rank[r->value_of[r->at]]) + 1]++;
		for (size_t k = 1; k <= d + 1; k++)
			r->start[k] += r->start[k - 1];
		r->run = xmalloc((n + 1) * sizeof *r->run);
		r->phase = REFINE_PLACING;
		r->at = 0;
		/* fall through */
	case REFINE_PLACING:
		REFINE_LOOP(n) {
			uint32_t v = r->value_of[r->at];
			r->run[r->start[v == NO_VALUE ? d : r->rank[v]]++] = o->e[r->i + r->at];
		}
		r->phase = REFINE_COPYING;
		r->at = 0;
		/* fall through */
	case REFINE_COPYING:
		for (; r->at < n; r->at += MERGE_CHECK) {
			if (REFINE_STOP(MERGE_CHECK))
				return 0;
			memcpy(o->e + r->i + r->at, r->run + r->at,
			       (n - r->at < MERGE_CHECK ? n - r->at : MERGE_CHECK) * sizeof *r->run);
		}
	}
#undef REFINE_LOOP
#undef REFINE_STOP
	return 1;
}

/* Read the next batch of the run's whole values; 0, -1 on an error. */
static int refine_read(struct sortorder *o, struct gn_ctx *ctx, const struct gn_view *view)
{
	struct refine *r = o->refine;
	struct refine_read rr = { .o = o, .r = r };
	struct strbuf ids = STRBUF_INIT;
	size_t to = r->next + REFINE_BATCH < r->j ? r->next + REFINE_BATCH : r->j;
	int rc;

	for (size_t k = r->next; k < to; k++)
		sb_addf(&ids, "%s%lld", k == r->next ? "[" : ",", (long long)o->e[k].id);
	sb_add(&ids, "]");
	struct listing l = { .view = view, .sort = o->column, .ids_json = sb_str(&ids) };
	rc = read_keys(ctx, &l, add_whole, &rr);
	sb_free(&ids);
	r->next = to;
	return rc ? -1 : 0;
}

/* Find the runs of cut keys with equal prefixes and refine each, a batch
 * of rows or a piece of the placing at a time; 1 when every one is done,
 * -1 on an error. */
static int refine_step(struct sortorder *o, struct gn_ctx *ctx, const struct gn_view *view, double deadline)
{
	size_t looked = 0;

	while (counter_now_ms() < deadline || looked == 0) {
		struct refine *r = o->refine;
		if (r && r->next < r->j) {
			if (refine_read(o, ctx, view))
				return -1;
			looked++;
			continue;
		}
		if (r) {
			if (!refine_place(o, deadline))
				return 0;
			o->refine_at = r->j;
			refine_free(o);
			looked++;
			continue;
		}
		/* The next run: a row whose cut prefix the next row shares. */
		while (o->refine_at + 1 < o->n && !cut_tie(&o->e[o->refine_at], &o->e[o->refine_at + 1]))
			if (++o->refine_at % MERGE_CHECK == 0 && counter_now_ms() > deadline)
				return 0;
		if (o->refine_at + 1 >= o->n)
			return 1;
		size_t j = o->refine_at + 1;
		while (j < o->n && cut_tie(&o->e[o->refine_at], &o->e[j]))
			j++;
		r = o->refine = xcalloc(1, sizeof *r);
		r->i = r->next = o->refine_at;
		r->j = j;
		r->value_of = xmalloc((j - r->i) * sizeof *r->value_of);
		for (size_t k = 0; k < j - r->i; k++)
			r->value_of[k] = NO_VALUE;
		looked++;
	}
	return 0;
}

int sortorder_step(struct sortorder *o, struct gn_ctx *ctx, struct ui_scope *scope, const struct gn_view *view,
		   double budget_ms)
{
	double deadline = counter_now_ms() + budget_ms;
	struct gn_err err = { .status = GN_OK };
	int rc;

	/* Texts are ordered by their collation's keys: without ICU, no order
	 * (collate.h), and the reason kept for the list to show. */
	if (o->state == SORTORDER_READING && collate_ready(&err)) {
		snprintf(o->error, sizeof o->error, "%.500s", err.msg);
		o->state = SORTORDER_FAILED;
		return 1;
	}
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
