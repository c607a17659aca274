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
 *
 * Every function takes the handler's call and reads and writes through the
 * kit's statement runner (gn_call_query, gn_call_exec), inside the change's
 * transaction; a key is bound as a blob (IPAM_KEY_ARG).
 */
#ifndef IPAM_BLOCKS_H
#define IPAM_BLOCKS_H

#include <sqlite3.h>
#include <stdint.h>
#include "govnet/plugin.h"
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
int ipam_block_get(struct gn_call *call, const struct ipam_prefix *p, struct ipam_block *b);
int ipam_block_by_id(struct gn_call *call, int64_t id, struct ipam_block *b);
/* The deepest block that contains p and is not p itself. */
int ipam_block_container(struct gn_call *call, const struct ipam_prefix *p, struct ipam_block *b);
/* The lowest block directly under parent_id (0: top level) that lies
 * within p, which overlaps it. */
int ipam_block_inside(struct gn_call *call, int64_t parent_id, const struct ipam_prefix *p, struct ipam_block *b);
/* The number of direct children of a block (up to limit). */
int ipam_block_children(struct gn_call *call, int64_t id, int limit, int64_t *n);

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
int ipam_block_insert(struct gn_call *call, const struct ipam_block *parent, struct ipam_block *b,
		      const struct ipam_new *how);
/* Whether the deepest block holding addr is allocated to org_id (Art
 * 19–20): 1 yes, 0 no (someone else's, reserved, or in no block), -1 on
 * error.  The domain plugin's address records must pass (events.c). */
int ipam_addr_owned(struct gn_call *call, int family, struct u128 addr, int64_t org_id);
/* Delete b and everything under it, and give its space back to its parent. */
int ipam_block_delete(struct gn_call *call, const struct ipam_block *b);

/* The lowest free aligned block of length len inside parent: 1 and *out
 * when there is one, 0 when the parent is full at that size, -1 on error. */
int ipam_next_free(struct gn_call *call, struct ipam_block *parent, int len, struct ipam_prefix *out);
/* The free space of parent as maximal aligned blocks, lowest first. */
int ipam_free_walk(struct gn_call *call, const struct ipam_block *parent,
		   int (*each)(const struct ipam_prefix *p, void *data), void *data);
/* The same, from the first free block after address `after` (NULL: from
 * the start) and of length at most max_len only: a page of `ip free`
 * reads its own rows, not the ones before it. */
int ipam_free_walk_from(struct gn_call *call, const struct ipam_block *parent, const struct u128 *after, int max_len,
			int (*each)(const struct ipam_prefix *p, void *data), void *data);
/* Rebuild parent's free space and used count from its children. */
int ipam_free_rebuild(struct gn_call *call, struct ipam_block *parent);

/* ---- between blocks.c and free_space.c ------------------------------------ */
/* Take x (size addresses) out of parent's free space and count it used: 1
 * when the free space does not hold x. */
int ipam_free_take(struct gn_call *call, const struct ipam_block *parent, const struct ipam_prefix *x, double size);
/* A new block's free space: all of it. */
int ipam_free_open(struct gn_call *call, const struct ipam_block *b);
/* Give b's space back to parent, merged with the free space around it. */
int ipam_free_give_back(struct gn_call *call, const struct ipam_block *parent, const struct ipam_block *b);

#endif
