/*
 * blocks.h — the address plan in the store: a tree of blocks (city pools →
 * county pools → department blocks → hosts, Art 18) and, for each block,
 * its free space.
 *
 * A block is (family, start, plen) with start a 16-byte big-endian key, and
 * the index ip_block_child (parent_id, family, start) lists a block's
 * children in address order.  Siblings never overlap and every child lies
 * inside its parent, so "which block contains this prefix" is a descent of
 * a few index seeks, and "does this prefix overlap a sibling" is one range
 * probe.
 *
 * ip_free holds each block's free space as maximal aligned blocks (the
 * smallest set of prefixes covering the gaps between its children), indexed
 * by (parent_id, plen, start).  The lowest free aligned /len is then the
 * lowest-addressed free block of any length from the parent's down to len —
 * one seek per length, whatever the number of children — which is exactly
 * what NetBox's available-prefixes would offer first.  Taking a block splits
 * one free block in halves; releasing one merges the gap it leaves, both in
 * O(width) rows.  A block whose children were written by other means (bench
 * data, imports) has free_ok = 0 and its free space is rebuilt from its
 * children the first time it is needed.
 */
#ifndef IPAM_BLOCKS_H
#define IPAM_BLOCKS_H

#include <sqlite3.h>
#include <stdint.h>
#include "prefix.h"

#define IPAM_PATH_MAX 256

struct ipam_block {
	int64_t id;
	int64_t parent_id; /* 0 for a top-level pool */
	int64_t org_id;
	struct ipam_prefix p;
	char cidr[IPAM_TEXT_MAX];
	char kind[16];  /* mixed, interconnect, business, terminal */
	char state[16]; /* reserved, allocated */
	char path[IPAM_PATH_MAX]; /* "/3/17/": ids from the top-level pool */
	int free_ok;
	double size, used; /* addresses in the block, in its direct children */
};

/* The number of addresses of a block of host_bits, as a double. */
double ipam_size(int host_bits);

/* Lookups: 1 when found (into *b), 0 when not, -1 on an SQLite error. */
int ipam_block_get(sqlite3 *db, const struct ipam_prefix *p, struct ipam_block *b);
int ipam_block_by_id(sqlite3 *db, int64_t id, struct ipam_block *b);
/* The deepest block that contains p and is not p itself. */
int ipam_block_container(sqlite3 *db, const struct ipam_prefix *p, struct ipam_block *b);
/* The lowest block directly under parent_id (0: top level) that lies
 * within p, which overlaps it. */
int ipam_block_inside(sqlite3 *db, int64_t parent_id, const struct ipam_prefix *p, struct ipam_block *b);
/* The number of direct children of a block (up to limit). */
int ipam_block_children(sqlite3 *db, int64_t id, int limit, int64_t *n);

/* What a new block is: b->p, parent_id, org_id, kind and state filled in. */
struct ipam_new {
	const char *purpose;
	const char *login;
	const char *now;
};
/*
 * Record b under its parent, which must have room for it (checked with
 * ipam_block_inside).  Fills b->id, cidr and path; takes the space from the
 * parent's free space.  -1 on an SQLite error; 1 when the parent's free
 * space does not hold b (it overlaps a sibling).
 */
int ipam_block_insert(sqlite3 *db, const struct ipam_block *parent, struct ipam_block *b,
		      const struct ipam_new *how);
/* Whether the deepest block holding addr is allocated to org_id (Art
 * 19–20): 1 yes, 0 no (someone else's, reserved, or in no block), -1 on
 * error.  The domain plugin's address records must pass (events.c). */
int ipam_addr_owned(sqlite3 *db, int family, struct u128 addr, int64_t org_id);
/* Delete b and everything under it, and give its space back to its parent. */
int ipam_block_delete(sqlite3 *db, const struct ipam_block *b);

/* The lowest free aligned block of length len inside parent: 1 and *out
 * when there is one, 0 when the parent is full at that size, -1 on error. */
int ipam_next_free(sqlite3 *db, struct ipam_block *parent, int len, struct ipam_prefix *out);
/* The free space of parent as maximal aligned blocks, lowest first. */
int ipam_free_walk(sqlite3 *db, const struct ipam_block *parent,
		   int (*each)(const struct ipam_prefix *p, void *data), void *data);
/* The same, from the first free block after address `after` (NULL: from
 * the start) and of length at most max_len only: a page of `ip free`
 * reads its own rows, not the ones before it. */
int ipam_free_walk_from(sqlite3 *db, const struct ipam_block *parent, const struct u128 *after, int max_len,
			int (*each)(const struct ipam_prefix *p, void *data), void *data);
/* Rebuild parent's free space and used count from its children. */
int ipam_free_rebuild(sqlite3 *db, struct ipam_block *parent);

/* ---- between blocks.c and free_space.c ------------------------------------ */
/* sql's statement, kept for the connection (gn_db_kept): 0 or -1.  Give
 * it back with ipam_release, never sqlite3_finalize. */
int ipam_prepare(sqlite3 *db, const char *sql, sqlite3_stmt **st);
void ipam_release(sqlite3 *db, sqlite3_stmt *st);
void ipam_bind_key(sqlite3_stmt *st, int i, struct u128 addr);
/* Take x (size addresses) out of parent's free space and count it used: 1
 * when the free space does not hold x. */
int ipam_free_take(sqlite3 *db, const struct ipam_block *parent, const struct ipam_prefix *x, double size);
/* A new block's free space: all of it. */
int ipam_free_open(sqlite3 *db, const struct ipam_block *b);
/* Give b's space back to parent, merged with the free space around it. */
int ipam_free_give_back(sqlite3 *db, const struct ipam_block *parent, const struct ipam_block *b);

#endif
