/*
 * free_space.c — each block's free space as maximal aligned blocks, kept
 * as blocks are taken and given back, and the allocator that reads it
 * (blocks.h).
 */
#include "config.h"
#include "blocks.h"

#include <stdio.h>
#include <string.h>
#include "govnet/banned.h"

/* The free blocks of one parent are written by one statement, bound
 * afresh for each (a split writes up to one per bit of the address). */
struct free_writer {
	struct gn_call *call;
	sqlite3_stmt *st;
	int64_t parent_id;
};

static int write_free(const struct ipam_prefix *p, void *data)
{
	struct free_writer *w = data;
	char cidr[IPAM_TEXT_MAX];

	ipam_format_prefix(p, cidr, sizeof cidr);
	if (gn_call_rebind(w->call, w->st, "ibnt", w->parent_id, IPAM_KEY_ARG(p->addr), p->len, cidr))
		return -1;
	return sqlite3_step(w->st) == SQLITE_DONE ? 0 : -1;
}

static int free_writer_open(struct gn_call *call, int64_t parent_id, struct free_writer *w)
{
	w->call = call;
	w->parent_id = parent_id;
	w->st = gn_call_query(call, "INSERT INTO ip_free(parent_id, start, plen, cidr) VALUES (?1, ?2, ?3, ?4)", "");
	return w->st ? 0 : -1;
}

/* Walk the gaps between parent's children, splitting each into maximal
 * aligned blocks; *used receives the addresses the children take.  From
 * a free address `from` (NULL: the parent's first), the walk starts
 * there and reads only the children after it: a split from the left
 * depends only on where it stands, so the blocks are those a walk from
 * the start would give from there on (the page after a free block). */
static int walk_gaps(struct gn_call *call, const struct ipam_block *parent, const struct u128 *from, double *used,
		     int (*each)(const struct ipam_prefix *p, void *data), void *data)
{
	sqlite3_stmt *st;
	struct u128 cursor = from ? *from : parent->p.addr, plast = ipam_last(&parent->p);
	int open = 1, rc = SQLITE_DONE, stop = 0;

	*used = 0;
	/* A position inside a child (not one a page ended on) resumes after it. */
	if (from) {
		if (!(st = gn_call_query(call,
					 "SELECT start, plen FROM ip_block WHERE parent_id = ?1 AND family = ?2 AND start <= ?3"
					 " ORDER BY start DESC LIMIT 1",
					 "inb", parent->id, parent->p.family, IPAM_KEY_ARG(*from))))
			return -1;
		if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
			struct ipam_prefix c = { parent->p.family,
						 ipam_key_value(sqlite3_column_blob(st, 0), sqlite3_column_bytes(st, 0)),
						 sqlite3_column_int(st, 1) };
			if (u128_cmp(ipam_last(&c), cursor) >= 0) {
				if (u128_cmp(ipam_last(&c), plast) >= 0)
					open = 0;
				else
					cursor = u128_add(ipam_last(&c), (struct u128){ 0, 1 });
			}
		}
		gn_call_done(call, st);
		if (rc != SQLITE_ROW && rc != SQLITE_DONE)
			return -1;
		rc = SQLITE_DONE;
	}
	/* From after the empty blob (before every key) when from is NULL. */
	if (!(st = gn_call_query(call,
				 "SELECT start, plen FROM ip_block WHERE parent_id = ?1 AND family = ?2 AND start > ?3"
				 " ORDER BY start",
				 "inb", parent->id, parent->p.family, from ? ipam_keybuf(*from).b : (const unsigned char *)"",
				 (size_t)(from ? IPAM_KEY_LEN : 0))))
		return -1;
	while (!stop && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct ipam_prefix c = { parent->p.family,
					 ipam_key_value(sqlite3_column_blob(st, 0), sqlite3_column_bytes(st, 0)),
					 sqlite3_column_int(st, 1) };
		struct u128 clast = ipam_last(&c);
		*used += ipam_size(ipam_host_bits(&c));
		if (open && u128_cmp(c.addr, cursor) > 0)
			stop = ipam_split_range(parent->p.family, cursor, u128_sub(c.addr, (struct u128){ 0, 1 }), each, data);
		if (u128_cmp(clast, plast) >= 0)
			open = 0;
		else
			cursor = u128_add(clast, (struct u128){ 0, 1 });
	}
	gn_call_done(call, st);
	if (stop)
		return stop;
	if (rc != SQLITE_DONE)
		return -1;
	return open ? ipam_split_range(parent->p.family, cursor, plast, each, data) : 0;
}

struct gap_filter {
	const struct u128 *after;
	int max_len;
	int (*each)(const struct ipam_prefix *p, void *data);
	void *data;
};

static int gap_filtered(const struct ipam_prefix *p, void *data)
{
	struct gap_filter *f = data;

	if ((f->after && u128_cmp(p->addr, *f->after) <= 0) || p->len > f->max_len)
		return 0;
	return f->each(p, f->data);
}

int ipam_free_walk(struct gn_call *call, const struct ipam_block *parent,
		   int (*each)(const struct ipam_prefix *p, void *data), void *data)
{
	return ipam_free_walk_from(call, parent, NULL, ipam_width(parent->p.family), each, data);
}

int ipam_free_walk_from(struct gn_call *call, const struct ipam_block *parent, const struct u128 *after, int max_len,
			int (*each)(const struct ipam_prefix *p, void *data), void *data)
{
	sqlite3_stmt *st;
	double used;
	int rc, stop = 0;

	/* Children written by other means: the gaps, read without writing
	 * (a report changes nothing), filtered alike, from the block the
	 * last page ended on (which is free: no child starts there). */
	if (!parent->free_ok) {
		struct gap_filter f = { after, max_len, each, data };
		return walk_gaps(call, parent, after, &used, gap_filtered, &f);
	}
	/* From the start: after the empty blob, which sorts before every key. */
	if (!(st = gn_call_query(call,
				 "SELECT start, plen FROM ip_free WHERE parent_id = ?1 AND start > ?2 AND plen <= ?3"
				 " ORDER BY start",
				 "ibn", parent->id, after ? ipam_keybuf(*after).b : (const unsigned char *)"",
				 (size_t)(after ? IPAM_KEY_LEN : 0), max_len)))
		return -1;
	while (!stop && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct ipam_prefix p = { parent->p.family,
					 ipam_key_value(sqlite3_column_blob(st, 0), sqlite3_column_bytes(st, 0)),
					 sqlite3_column_int(st, 1) };
		stop = each(&p, data);
	}
	gn_call_done(call, st);
	return stop ? stop : rc == SQLITE_DONE ? 0 : -1;
}

int ipam_free_rebuild(struct gn_call *call, struct ipam_block *parent)
{
	struct free_writer w;
	double used;
	int rc;

	if (gn_call_exec(call, "DELETE FROM ip_free WHERE parent_id = ?1", "i", parent->id) ||
	    free_writer_open(call, parent->id, &w))
		return -1;
	rc = walk_gaps(call, parent, NULL, &used, write_free, &w);
	gn_call_done(call, w.st);
	if (rc || gn_call_exec(call, "UPDATE ip_block SET free_ok = 1, used = ?1 WHERE id = ?2", "di", used, parent->id))
		return -1;
	parent->free_ok = 1;
	parent->used = used;
	return 0;
}

static int ensure_free(struct gn_call *call, struct ipam_block *parent)
{
	return parent->free_ok ? 0 : ipam_free_rebuild(call, parent);
}

int ipam_next_free(struct gn_call *call, struct ipam_block *parent, int len, struct ipam_prefix *out)
{
	sqlite3_stmt *st;
	struct u128 best = { 0, 0 };
	int found = 0, rc = SQLITE_DONE;

	if (len < parent->p.len || len > ipam_width(parent->p.family))
		return 0;
	if (ensure_free(call, parent) ||
	    !(st = gn_call_query(call, "SELECT start FROM ip_free WHERE parent_id = ?1 AND plen = ?2 ORDER BY start LIMIT 1",
				 "")))
		return -1;
	/* Any free block at least as large as /len starts on a /len boundary,
	 * so the lowest of them holds the lowest free /len. */
	for (int f = parent->p.len; f <= len; f++) {
		if (gn_call_rebind(call, st, "in", parent->id, f)) {
			gn_call_done(call, st);
			return -1;
		}
		rc = sqlite3_step(st);
		if (rc == SQLITE_ROW) {
			struct u128 s = ipam_key_value(sqlite3_column_blob(st, 0), sqlite3_column_bytes(st, 0));
			if (!found || u128_cmp(s, best) < 0)
				best = s;
			found = 1;
		} else if (rc != SQLITE_DONE) {
			break;
		}
	}
	gn_call_done(call, st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return -1;
	if (found)
		*out = (struct ipam_prefix){ parent->p.family, best, len };
	return found;
}

/* Take x out of parent's free space: the free block holding it is split
 * in halves down to x's size, keeping the halves x is not in. */
static int take_space(struct gn_call *call, const struct ipam_block *parent, const struct ipam_prefix *x)
{
	sqlite3_stmt *st;
	struct free_writer w;
	struct ipam_prefix cur = *x;
	int64_t free_id = 0;
	int rc;

	if (!(st = gn_call_query(call,
				 "SELECT id, start, plen FROM ip_free WHERE parent_id = ?1 AND start <= ?2"
				 " ORDER BY start DESC LIMIT 1",
				 "ib", parent->id, IPAM_KEY_ARG(x->addr))))
		return -1;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		free_id = sqlite3_column_int64(st, 0);
		cur = (struct ipam_prefix){ x->family, ipam_key_value(sqlite3_column_blob(st, 1), sqlite3_column_bytes(st, 1)),
					    sqlite3_column_int(st, 2) };
	}
	gn_call_done(call, st);
	if (rc == SQLITE_DONE || (rc == SQLITE_ROW && !ipam_contains(&cur, x)))
		return 1;
	if (rc != SQLITE_ROW || gn_call_exec(call, "DELETE FROM ip_free WHERE id = ?1", "i", free_id) ||
	    free_writer_open(call, parent->id, &w))
		return -1;
	rc = 0;
	while (rc == 0 && cur.len < x->len) {
		struct ipam_prefix lo = { cur.family, cur.addr, cur.len + 1 };
		struct ipam_prefix hi = { cur.family, u128_add(cur.addr, u128_pow2(ipam_host_bits(&lo))), cur.len + 1 };
		int x_low = ipam_contains(&lo, x);
		rc = write_free(x_low ? &hi : &lo, &w);
		cur = x_low ? lo : hi;
	}
	gn_call_done(call, w.st);
	return rc;
}

static int add_used(struct gn_call *call, int64_t id, double delta)
{
	return gn_call_exec(call, "UPDATE ip_block SET used = max(used + ?1, 0) WHERE id = ?2", "di", delta, id);
}

/* Give b's space back to its parent: the gap between b's neighbours is
 * split afresh into maximal blocks. */
static int give_back(struct gn_call *call, const struct ipam_block *parent, const struct ipam_block *b)
{
	struct u128 first = parent->p.addr, last = ipam_last(&parent->p);
	struct free_writer w;
	sqlite3_stmt *st;
	int rc;

	if (!(st = gn_call_query(call,
				 "SELECT start, plen FROM ip_block WHERE parent_id = ?1 AND family = ?2 AND start < ?3"
				 " ORDER BY start DESC LIMIT 1",
				 "inb", parent->id, b->p.family, IPAM_KEY_ARG(b->p.addr))))
		return -1;
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct ipam_prefix prev = { b->p.family, ipam_key_value(sqlite3_column_blob(st, 0), 16),
					    sqlite3_column_int(st, 1) };
		first = u128_add(ipam_last(&prev), (struct u128){ 0, 1 });
	}
	gn_call_done(call, st);
	if ((rc != SQLITE_ROW && rc != SQLITE_DONE) ||
	    !(st = gn_call_query(call,
				 "SELECT start FROM ip_block WHERE parent_id = ?1 AND family = ?2 AND start > ?3"
				 " ORDER BY start LIMIT 1",
				 "inb", parent->id, b->p.family, IPAM_KEY_ARG(b->p.addr))))
		return -1;
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		last = u128_sub(ipam_key_value(sqlite3_column_blob(st, 0), 16), (struct u128){ 0, 1 });
	gn_call_done(call, st);
	if ((rc != SQLITE_ROW && rc != SQLITE_DONE) ||
	    gn_call_exec(call, "DELETE FROM ip_free WHERE parent_id = ?1 AND start BETWEEN ?2 AND ?3", "ibb", parent->id,
			 IPAM_KEY_ARG(first), IPAM_KEY_ARG(last)) ||
	    free_writer_open(call, parent->id, &w))
		return -1;
	rc = ipam_split_range(b->p.family, first, last, write_free, &w);
	gn_call_done(call, w.st);
	return rc ? -1 : add_used(call, parent->id, -b->size);
}


int ipam_free_take(struct gn_call *call, const struct ipam_block *parent, const struct ipam_prefix *x, double size)
{
	struct ipam_block p = *parent;
	int rc;

	if (ensure_free(call, &p))
		return -1;
	if ((rc = take_space(call, &p, x)) != 0)
		return rc;
	return add_used(call, p.id, size);
}

int ipam_free_open(struct gn_call *call, const struct ipam_block *b)
{
	struct free_writer w;
	int rc;

	if (free_writer_open(call, b->id, &w))
		return -1;
	rc = write_free(&b->p, &w);
	gn_call_done(call, w.st);
	return rc;
}

int ipam_free_give_back(struct gn_call *call, const struct ipam_block *parent, const struct ipam_block *b)
{
	/* A parent whose free space is stale is rebuilt when next used. */
	return parent->free_ok ? give_back(call, parent, b) : 0;
}
