/*
 * blocks.c — the block tree and its free space in the store (blocks.h).
 */
#include "config.h"
#include "blocks.h"
#include "govnet/plugin.h"

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

int ipam_prepare(sqlite3 *db, const char *sql, sqlite3_stmt **st)
{
	return gn_db_kept(db, sql, st);
}

void ipam_release(sqlite3 *db, sqlite3_stmt *st)
{
	gn_db_release(db, st);
}

void ipam_bind_key(sqlite3_stmt *st, int i, struct u128 addr)
{
	unsigned char key[IPAM_KEY_LEN];

	ipam_key(addr, key);
	sqlite3_bind_blob(st, i, key, IPAM_KEY_LEN, SQLITE_TRANSIENT);
}

static void bind_parent(sqlite3_stmt *st, int i, int64_t parent_id)
{
	if (parent_id)
		sqlite3_bind_int64(st, i, parent_id);
	else
		sqlite3_bind_null(st, i);
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

/* Step a prepared lookup: 1 with *b, 0 for no row, -1 on error; releases. */
static int fetch_block(sqlite3 *db, sqlite3_stmt *st, struct ipam_block *b)
{
	int rc = sqlite3_step(st);

	if (rc == SQLITE_ROW)
		read_block(st, b);
	ipam_release(db, st);
	return rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : -1;
}

int ipam_block_get(sqlite3 *db, const struct ipam_prefix *p, struct ipam_block *b)
{
	sqlite3_stmt *st;

	if (ipam_prepare(db, "SELECT " BLOCK_COLUMNS " FROM ip_block WHERE family = ?1 AND start = ?2 AND plen = ?3", &st))
		return -1;
	sqlite3_bind_int(st, 1, p->family);
	ipam_bind_key(st, 2, p->addr);
	sqlite3_bind_int(st, 3, p->len);
	return fetch_block(db, st, b);
}

int ipam_block_by_id(sqlite3 *db, int64_t id, struct ipam_block *b)
{
	sqlite3_stmt *st;

	if (ipam_prepare(db, "SELECT " BLOCK_COLUMNS " FROM ip_block WHERE id = ?1", &st))
		return -1;
	sqlite3_bind_int64(st, 1, id);
	return fetch_block(db, st, b);
}

/* The deepest block holding p: strictly larger than p, or (with
 * or_equal) p's own block too.  At each level only the sibling starting
 * last at or before p can hold it: siblings are disjoint and in address
 * order.  1 found, 0 none, -1 on error. */
static int deepest_holding(sqlite3 *db, const struct ipam_prefix *p, int or_equal, struct ipam_block *b)
{
	sqlite3_stmt *st;
	struct ipam_block c;
	int64_t parent = 0;
	int found = 0, rc;

	if (ipam_prepare(db,
		    "SELECT " BLOCK_COLUMNS " FROM ip_block WHERE parent_id IS ?1 AND family = ?2 AND start <= ?3"
		    " ORDER BY start DESC LIMIT 1",
		    &st))
		return -1;
	for (;;) {
		sqlite3_reset(st);
		bind_parent(st, 1, parent);
		sqlite3_bind_int(st, 2, p->family);
		ipam_bind_key(st, 3, p->addr);
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
	ipam_release(db, st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? found : -1;
}

int ipam_block_container(sqlite3 *db, const struct ipam_prefix *p, struct ipam_block *b)
{
	return deepest_holding(db, p, 0, b);
}

int ipam_block_inside(sqlite3 *db, int64_t parent_id, const struct ipam_prefix *p, struct ipam_block *b)
{
	sqlite3_stmt *st;

	if (ipam_prepare(db,
		    "SELECT " BLOCK_COLUMNS " FROM ip_block WHERE parent_id IS ?1 AND family = ?2"
		    " AND start BETWEEN ?3 AND ?4 ORDER BY start LIMIT 1",
		    &st))
		return -1;
	bind_parent(st, 1, parent_id);
	sqlite3_bind_int(st, 2, p->family);
	ipam_bind_key(st, 3, p->addr);
	ipam_bind_key(st, 4, ipam_last(p));
	return fetch_block(db, st, b);
}

int ipam_block_children(sqlite3 *db, int64_t id, int limit, int64_t *n)
{
	sqlite3_stmt *st;
	int rc;

	if (ipam_prepare(db, "SELECT count(*) FROM (SELECT 1 FROM ip_block WHERE parent_id = ?1 LIMIT ?2)", &st))
		return -1;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int(st, 2, limit);
	rc = sqlite3_step(st);
	*n = sqlite3_column_int64(st, 0);
	ipam_release(db, st);
	return rc == SQLITE_ROW ? 0 : -1;
}

int ipam_block_insert(sqlite3 *db, const struct ipam_block *parent, struct ipam_block *b,
		      const struct ipam_new *how)
{
	sqlite3_stmt *st;
	int rc;

	ipam_format_prefix(&b->p, b->cidr, sizeof b->cidr);
	b->size = ipam_size(ipam_host_bits(&b->p));
	b->used = 0;
	b->free_ok = 1;
	b->parent_id = parent ? parent->id : 0;
	if (parent && (rc = ipam_free_take(db, parent, &b->p, b->size)) != 0)
		return rc;
	if (ipam_prepare(db,
		    "INSERT INTO ip_block(parent_id, family, start, plen, cidr, path, org_id, kind, state, purpose,"
		    " size, created_by, created_at, changed_by, changed_at)"
		    " VALUES (?1, ?2, ?3, ?4, ?5, '', ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?11, ?12)",
		    &st))
		return -1;
	bind_parent(st, 1, b->parent_id);
	sqlite3_bind_int(st, 2, b->p.family);
	ipam_bind_key(st, 3, b->p.addr);
	sqlite3_bind_int(st, 4, b->p.len);
	sqlite3_bind_text(st, 5, b->cidr, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 6, b->org_id);
	sqlite3_bind_text(st, 7, b->kind, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 8, b->state, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 9, how->purpose ? how->purpose : "", -1, SQLITE_STATIC);
	sqlite3_bind_double(st, 10, b->size);
	sqlite3_bind_text(st, 11, how->login, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 12, how->now, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	ipam_release(db, st);
	if (rc != SQLITE_DONE)
		return -1;
	b->id = sqlite3_last_insert_rowid(db);
	/* IPAM_PATH_MAX holds a chain of more than ten ids: deeper than any plan. */
	if (parent && strlen(parent->path) > IPAM_PATH_MAX - 32)
		return -1;
	snprintf(b->path, sizeof b->path, "%.*s%lld/", IPAM_PATH_MAX - 32, parent ? parent->path : "/",
		 (long long)b->id);
	if (ipam_prepare(db, "UPDATE ip_block SET path = ?1 WHERE id = ?2", &st))
		return -1;
	sqlite3_bind_text(st, 1, b->path, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, b->id);
	rc = sqlite3_step(st);
	ipam_release(db, st);
	/* A new block is all free inside. */
	return rc == SQLITE_DONE ? ipam_free_open(db, b) : -1;
}

int ipam_block_delete(sqlite3 *db, const struct ipam_block *b)
{
	char end[IPAM_PATH_MAX];
	struct ipam_block parent;
	sqlite3_stmt *st;
	size_t n = strlen(b->path);
	int rc;

	/* The subtree is the path range [path, path with its last '/' raised to '0'). */
	snprintf(end, sizeof end, "%s", b->path);
	if (n > 0)
		end[n - 1] = '0';
	if (ipam_prepare(db, "DELETE FROM ip_block WHERE path >= ?1 AND path < ?2", &st))
		return -1;
	sqlite3_bind_text(st, 1, b->path, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, end, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	ipam_release(db, st);
	if (rc != SQLITE_DONE)
		return -1;
	if (!b->parent_id)
		return 0;
	rc = ipam_block_by_id(db, b->parent_id, &parent);
	if (rc <= 0)
		return -1;
	return ipam_free_give_back(db, &parent, b);
}

int ipam_addr_owned(sqlite3 *db, int family, struct u128 addr, int64_t org_id)
{
	struct ipam_prefix host = { family, addr, ipam_width(family) };
	struct ipam_block c;
	/* The deepest block holding the address, host block included, says
	 * whose it is. */
	int found = deepest_holding(db, &host, 1, &c);

	if (found <= 0)
		return found;
	return c.org_id == org_id && strcmp(c.state, "allocated") == 0;
}
