/*
 * blocks.c — the block tree and its free space in the store (blocks.h).
 */
#include "config.h"
#include "blocks.h"

#include <stdio.h>
#include <string.h>
#include "govnet/banned.h"

#define BLOCK_COLUMNS \
	"id, coalesce(parent_id, 0), org_id, family, start, plen, cidr, kind, state, path, free_ok, size, used"

double ipam_size(int host_bits)
{
	if (host_bits < 64)
		return (double)((uint64_t)1 << host_bits);
	if (host_bits < 128)
		return 18446744073709551616.0 * (double)((uint64_t)1 << (host_bits - 64));
	return 18446744073709551616.0 * 18446744073709551616.0;
}

static void text_column(sqlite3_stmt *st, int i, char *out, size_t size)
{
	const unsigned char *v = sqlite3_column_text(st, i);
	snprintf(out, size, "%s", v ? (const char *)v : "");
}

static void read_block(sqlite3_stmt *st, struct ipam_block *b)
{
	memset(b, 0, sizeof *b);
	b->id = sqlite3_column_int64(st, 0);
	b->parent_id = sqlite3_column_int64(st, 1);
	b->org_id = sqlite3_column_int64(st, 2);
	b->p.family = sqlite3_column_int(st, 3);
	b->p.addr = ipam_key_value(sqlite3_column_blob(st, 4), sqlite3_column_bytes(st, 4));
	b->p.len = sqlite3_column_int(st, 5);
	text_column(st, 6, b->cidr, sizeof b->cidr);
	text_column(st, 7, b->kind, sizeof b->kind);
	text_column(st, 8, b->state, sizeof b->state);
	text_column(st, 9, b->path, sizeof b->path);
	b->free_ok = sqlite3_column_int(st, 10);
	b->size = sqlite3_column_double(st, 11);
	b->used = sqlite3_column_double(st, 12);
}

/* Step a lookup: 1 with *b, 0 for no row, -1 on error; gives st back. */
static int fetch_block(struct gn_call *call, sqlite3_stmt *st, struct ipam_block *b)
{
	int rc;

	if (!st)
		return -1;
	rc = sqlite3_step(st);

	if (rc == SQLITE_ROW)
		read_block(st, b);
	gn_call_done(call, st);
	return rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : -1;
}

int ipam_block_get(struct gn_call *call, const struct ipam_prefix *p, struct ipam_block *b)
{
	return fetch_block(call, gn_call_query(call,
					 "SELECT " BLOCK_COLUMNS " FROM ip_block WHERE family = ?1 AND start = ?2 AND plen = ?3",
					 "nbn", p->family, IPAM_KEY_ARG(p->addr), p->len),
			   b);
}

int ipam_block_by_id(struct gn_call *call, int64_t id, struct ipam_block *b)
{
	return fetch_block(call, gn_call_query(call, "SELECT " BLOCK_COLUMNS " FROM ip_block WHERE id = ?1", "i", id), b);
}

/* The deepest block holding p: strictly larger than p, or (with
 * or_equal) p's own block too.  At each level only the sibling starting
 * last at or before p can hold it: siblings are disjoint and in address
 * order.  1 found, 0 none, -1 on error. */
static int deepest_holding(struct gn_call *call, const struct ipam_prefix *p, int or_equal, struct ipam_block *b)
{
	sqlite3_stmt *st;
	struct ipam_block c;
	int64_t parent = 0;
	int found = 0, rc;

	/* One statement for the whole descent, bound afresh at each level;
	 * parent 0 (the top level) is NULL in the store. */
	if (!(st = gn_call_query(call,
				 "SELECT " BLOCK_COLUMNS " FROM ip_block WHERE parent_id IS nullif(?1, 0) AND family = ?2"
				 " AND start <= ?3 ORDER BY start DESC LIMIT 1",
				 "")))
		return -1;
	for (;;) {
		if (gn_call_rebind(call, st, "inb", parent, p->family, IPAM_KEY_ARG(p->addr))) {
			gn_call_done(call, st);
			return -1;
		}
		rc = sqlite3_step(st);
		if (rc != SQLITE_ROW)
			break;
		read_block(st, &c);
		if ((c.p.len >= p->len && !(or_equal && c.p.len == p->len)) || !ipam_contains(&c.p, p))
			break;
		*b = c;
		found = 1;
		parent = c.id;
	}
	gn_call_done(call, st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? found : -1;
}

int ipam_block_container(struct gn_call *call, const struct ipam_prefix *p, struct ipam_block *b)
{
	return deepest_holding(call, p, 0, b);
}

int ipam_block_inside(struct gn_call *call, int64_t parent_id, const struct ipam_prefix *p, struct ipam_block *b)
{
	return fetch_block(call, gn_call_query(call,
					 "SELECT " BLOCK_COLUMNS " FROM ip_block WHERE parent_id IS nullif(?1, 0) AND family = ?2"
					 " AND start BETWEEN ?3 AND ?4 ORDER BY start LIMIT 1",
					 "inbb", parent_id, p->family, IPAM_KEY_ARG(p->addr), IPAM_KEY_ARG(ipam_last(p))),
			   b);
}

int ipam_block_children(struct gn_call *call, int64_t id, int limit, int64_t *n)
{
	*n = 0;
	return gn_call_query_int(call, n, "SELECT count(*) FROM (SELECT 1 FROM ip_block WHERE parent_id = ?1 LIMIT ?2)",
				 "in", id, limit) < 0 ? -1 : 0;
}

int ipam_block_insert(struct gn_call *call, const struct ipam_block *parent, struct ipam_block *b,
		      const struct ipam_new *how)
{
	int rc;

	ipam_format_prefix(&b->p, b->cidr, sizeof b->cidr);
	b->size = ipam_size(ipam_host_bits(&b->p));
	b->used = 0;
	b->free_ok = 1;
	b->parent_id = parent ? parent->id : 0;
	if (parent && (rc = ipam_free_take(call, parent, &b->p, b->size)) != 0)
		return rc;
	if (gn_call_exec(call,
			 "INSERT INTO ip_block(parent_id, family, start, plen, cidr, path, org_id, kind, state, purpose,"
			 " size, created_by, created_at, changed_by, changed_at)"
			 " VALUES (nullif(?1, 0), ?2, ?3, ?4, ?5, '', ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?11, ?12)",
			 "inbntitttdtt", b->parent_id, b->p.family, IPAM_KEY_ARG(b->p.addr), b->p.len, b->cidr, b->org_id,
			 b->kind, b->state, how->purpose ? how->purpose : "", b->size, how->login, how->now))
		return -1;
	b->id = gn_call_last_insert_id(call);
	/* IPAM_PATH_MAX holds a chain of more than ten ids: deeper than any plan. */
	if (parent && strlen(parent->path) > IPAM_PATH_MAX - 32)
		return -1;
	snprintf(b->path, sizeof b->path, "%.*s%lld/", IPAM_PATH_MAX - 32, parent ? parent->path : "/",
		 (long long)b->id);
	if (gn_call_exec(call, "UPDATE ip_block SET path = ?1 WHERE id = ?2", "ti", b->path, b->id))
		return -1;
	/* A new block is all free inside. */
	return ipam_free_open(call, b);
}

int ipam_block_delete(struct gn_call *call, const struct ipam_block *b)
{
	char end[IPAM_PATH_MAX];
	struct ipam_block parent;
	size_t n = strlen(b->path);
	int rc;

	/* The subtree is the path range [path, path with its last '/' raised to '0'). */
	snprintf(end, sizeof end, "%s", b->path);
	if (n > 0)
		end[n - 1] = '0';
	if (gn_call_exec(call, "DELETE FROM ip_block WHERE path >= ?1 AND path < ?2", "tt", b->path, end))
		return -1;
	if (!b->parent_id)
		return 0;
	rc = ipam_block_by_id(call, b->parent_id, &parent);
	if (rc <= 0)
		return -1;
	return ipam_free_give_back(call, &parent, b);
}

int ipam_addr_owned(struct gn_call *call, int family, struct u128 addr, int64_t org_id)
{
	struct ipam_prefix host = { family, addr, ipam_width(family) };
	struct ipam_block c;
	/* The deepest block holding the address, host block included, says
	 * whose it is. */
	int found = deepest_holding(call, &host, 1, &c);

	if (found <= 0)
		return found;
	return c.org_id == org_id && strcmp(c.state, "allocated") == 0;
}
