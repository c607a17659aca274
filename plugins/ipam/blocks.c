/*
 * blocks.c — the block tree and its free space in the store (blocks.h).
 */
#include "config.h"
#include "blocks.h"

#include <stdio.h>
#include <string.h>

const char ipam_schema_v1[] =
	/* The address plan (Art 18–19).  start is the first address as a
	 * 16-byte big-endian key (IPv4 in the last four bytes); path is the
	 * chain of ids from the top-level pool, "/3/17/", so that a subtree
	 * is an index range. */
	"CREATE TABLE ip_block ("
	"  id INTEGER PRIMARY KEY,"
	"  parent_id INTEGER REFERENCES ip_block(id),"
	"  family INTEGER NOT NULL CHECK (family IN (4, 6)),"
	"  start BLOB NOT NULL CHECK (length(start) = 16),"
	"  plen INTEGER NOT NULL CHECK (plen BETWEEN 0 AND 128),"
	"  cidr TEXT NOT NULL,"
	"  path TEXT NOT NULL,"
	"  org_id INTEGER NOT NULL REFERENCES org(id),"
	"  kind TEXT NOT NULL CHECK (kind IN ('mixed','interconnect','business','terminal')),"
	"  state TEXT NOT NULL DEFAULT 'allocated' CHECK (state IN ('reserved','allocated')),"
	"  purpose TEXT NOT NULL DEFAULT '',"
	"  size REAL NOT NULL,"
	"  used REAL NOT NULL DEFAULT 0,"
	"  free_ok INTEGER NOT NULL DEFAULT 1,"
	"  created_by TEXT NOT NULL,"
	"  created_at TEXT NOT NULL,"
	"  changed_by TEXT NOT NULL,"
	"  changed_at TEXT NOT NULL,"
	"  UNIQUE (family, start, plen));"
	"CREATE INDEX ip_block_child ON ip_block(parent_id, family, start);"
	"CREATE INDEX ip_block_path ON ip_block(path);"
	"CREATE INDEX ip_block_org ON ip_block(org_id);"
	"CREATE UNIQUE INDEX ip_block_cidr ON ip_block(cidr);"
	/* Each block's free space as maximal aligned blocks (blocks.h). */
	"CREATE TABLE ip_free ("
	"  id INTEGER PRIMARY KEY,"
	"  parent_id INTEGER NOT NULL REFERENCES ip_block(id) ON DELETE CASCADE,"
	"  start BLOB NOT NULL,"
	"  plen INTEGER NOT NULL,"
	"  cidr TEXT NOT NULL);"
	"CREATE UNIQUE INDEX ip_free_at ON ip_free(parent_id, start);"
	"CREATE INDEX ip_free_len ON ip_free(parent_id, plen, start);";

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

static int prepare(sqlite3 *db, const char *sql, sqlite3_stmt **st)
{
	return sqlite3_prepare_v2(db, sql, -1, st, NULL) == SQLITE_OK ? 0 : -1;
}

static void bind_key(sqlite3_stmt *st, int i, struct u128 addr)
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

/* Step a prepared lookup: 1 with *b, 0 for no row, -1 on error; finalizes. */
static int fetch_block(sqlite3_stmt *st, struct ipam_block *b)
{
	int rc = sqlite3_step(st);

	if (rc == SQLITE_ROW)
		read_block(st, b);
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : -1;
}

int ipam_block_get(sqlite3 *db, const struct ipam_prefix *p, struct ipam_block *b)
{
	sqlite3_stmt *st;

	if (prepare(db, "SELECT " BLOCK_COLUMNS " FROM ip_block WHERE family = ?1 AND start = ?2 AND plen = ?3", &st))
		return -1;
	sqlite3_bind_int(st, 1, p->family);
	bind_key(st, 2, p->addr);
	sqlite3_bind_int(st, 3, p->len);
	return fetch_block(st, b);
}

int ipam_block_by_id(sqlite3 *db, int64_t id, struct ipam_block *b)
{
	sqlite3_stmt *st;

	if (prepare(db, "SELECT " BLOCK_COLUMNS " FROM ip_block WHERE id = ?1", &st))
		return -1;
	sqlite3_bind_int64(st, 1, id);
	return fetch_block(st, b);
}

int ipam_block_container(sqlite3 *db, const struct ipam_prefix *p, struct ipam_block *b)
{
	sqlite3_stmt *st;
	struct ipam_block c;
	int64_t parent = 0;
	int found = 0, rc;

	if (prepare(db,
		    "SELECT " BLOCK_COLUMNS " FROM ip_block WHERE parent_id IS ?1 AND family = ?2 AND start <= ?3"
		    " ORDER BY start DESC LIMIT 1",
		    &st))
		return -1;
	/* At each level only the sibling starting last at or before p can
	 * contain it: siblings are disjoint and in address order. */
	for (;;) {
		sqlite3_reset(st);
		bind_parent(st, 1, parent);
		sqlite3_bind_int(st, 2, p->family);
		bind_key(st, 3, p->addr);
		rc = sqlite3_step(st);
		if (rc != SQLITE_ROW)
			break;
		read_block(st, &c);
		if (c.p.len >= p->len || !ipam_contains(&c.p, p))
			break;
		*b = c;
		found = 1;
		parent = c.id;
	}
	sqlite3_finalize(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? found : -1;
}

int ipam_block_inside(sqlite3 *db, int64_t parent_id, const struct ipam_prefix *p, struct ipam_block *b)
{
	sqlite3_stmt *st;

	if (prepare(db,
		    "SELECT " BLOCK_COLUMNS " FROM ip_block WHERE parent_id IS ?1 AND family = ?2"
		    " AND start BETWEEN ?3 AND ?4 ORDER BY start LIMIT 1",
		    &st))
		return -1;
	bind_parent(st, 1, parent_id);
	sqlite3_bind_int(st, 2, p->family);
	bind_key(st, 3, p->addr);
	bind_key(st, 4, ipam_last(p));
	return fetch_block(st, b);
}

int ipam_block_children(sqlite3 *db, int64_t id, int limit, int64_t *n)
{
	sqlite3_stmt *st;
	int rc;

	if (prepare(db, "SELECT count(*) FROM (SELECT 1 FROM ip_block WHERE parent_id = ?1 LIMIT ?2)", &st))
		return -1;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int(st, 2, limit);
	rc = sqlite3_step(st);
	*n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? 0 : -1;
}

/* ---- free space ----------------------------------------------------------- */

struct free_writer {
	sqlite3_stmt *st;
	int64_t parent_id;
};

static int write_free(const struct ipam_prefix *p, void *data)
{
	struct free_writer *w = data;
	char cidr[IPAM_TEXT_MAX];

	ipam_format_prefix(p, cidr, sizeof cidr);
	sqlite3_reset(w->st);
	sqlite3_bind_int64(w->st, 1, w->parent_id);
	bind_key(w->st, 2, p->addr);
	sqlite3_bind_int(w->st, 3, p->len);
	sqlite3_bind_text(w->st, 4, cidr, -1, SQLITE_TRANSIENT);
	return sqlite3_step(w->st) == SQLITE_DONE ? 0 : -1;
}

static int free_writer_open(sqlite3 *db, int64_t parent_id, struct free_writer *w)
{
	w->parent_id = parent_id;
	return prepare(db, "INSERT INTO ip_free(parent_id, start, plen, cidr) VALUES (?1, ?2, ?3, ?4)", &w->st);
}

/* Walk the gaps between parent's children, splitting each into maximal
 * aligned blocks; *used receives the addresses the children take. */
static int walk_gaps(sqlite3 *db, const struct ipam_block *parent, double *used,
		     int (*each)(const struct ipam_prefix *p, void *data), void *data)
{
	sqlite3_stmt *st;
	struct u128 cursor = parent->p.addr, plast = ipam_last(&parent->p);
	int open = 1, rc = SQLITE_DONE, stop = 0;

	*used = 0;
	if (prepare(db, "SELECT start, plen FROM ip_block WHERE parent_id = ?1 AND family = ?2 ORDER BY start", &st))
		return -1;
	sqlite3_bind_int64(st, 1, parent->id);
	sqlite3_bind_int(st, 2, parent->p.family);
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
	sqlite3_finalize(st);
	if (stop)
		return stop;
	if (rc != SQLITE_DONE)
		return -1;
	return open ? ipam_split_range(parent->p.family, cursor, plast, each, data) : 0;
}

int ipam_free_walk(sqlite3 *db, const struct ipam_block *parent,
		   int (*each)(const struct ipam_prefix *p, void *data), void *data)
{
	sqlite3_stmt *st;
	double used;
	int rc, stop = 0;

	if (!parent->free_ok)
		return walk_gaps(db, parent, &used, each, data);
	if (prepare(db, "SELECT start, plen FROM ip_free WHERE parent_id = ?1 ORDER BY start", &st))
		return -1;
	sqlite3_bind_int64(st, 1, parent->id);
	while (!stop && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct ipam_prefix p = { parent->p.family,
					 ipam_key_value(sqlite3_column_blob(st, 0), sqlite3_column_bytes(st, 0)),
					 sqlite3_column_int(st, 1) };
		stop = each(&p, data);
	}
	sqlite3_finalize(st);
	return stop ? stop : rc == SQLITE_DONE ? 0 : -1;
}

int ipam_free_rebuild(sqlite3 *db, struct ipam_block *parent)
{
	struct free_writer w;
	sqlite3_stmt *st;
	double used;
	int rc;

	if (prepare(db, "DELETE FROM ip_free WHERE parent_id = ?1", &st))
		return -1;
	sqlite3_bind_int64(st, 1, parent->id);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE || free_writer_open(db, parent->id, &w))
		return -1;
	rc = walk_gaps(db, parent, &used, write_free, &w);
	sqlite3_finalize(w.st);
	if (rc)
		return -1;
	if (prepare(db, "UPDATE ip_block SET free_ok = 1, used = ?1 WHERE id = ?2", &st))
		return -1;
	sqlite3_bind_double(st, 1, used);
	sqlite3_bind_int64(st, 2, parent->id);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return -1;
	parent->free_ok = 1;
	parent->used = used;
	return 0;
}

static int ensure_free(sqlite3 *db, struct ipam_block *parent)
{
	return parent->free_ok ? 0 : ipam_free_rebuild(db, parent);
}

int ipam_next_free(sqlite3 *db, struct ipam_block *parent, int len, struct ipam_prefix *out)
{
	sqlite3_stmt *st;
	struct u128 best = { 0, 0 };
	int found = 0, rc = SQLITE_DONE;

	if (len < parent->p.len || len > ipam_width(parent->p.family))
		return 0;
	if (ensure_free(db, parent) ||
	    prepare(db, "SELECT start FROM ip_free WHERE parent_id = ?1 AND plen = ?2 ORDER BY start LIMIT 1", &st))
		return -1;
	/* Any free block at least as large as /len starts on a /len boundary,
	 * so the lowest of them holds the lowest free /len. */
	for (int f = parent->p.len; f <= len; f++) {
		sqlite3_reset(st);
		sqlite3_bind_int64(st, 1, parent->id);
		sqlite3_bind_int(st, 2, f);
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
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return -1;
	if (found)
		*out = (struct ipam_prefix){ parent->p.family, best, len };
	return found;
}

/* Take x out of parent's free space: the free block holding it is split
 * in halves down to x's size, keeping the halves x is not in. */
static int take_space(sqlite3 *db, const struct ipam_block *parent, const struct ipam_prefix *x)
{
	sqlite3_stmt *st;
	struct free_writer w;
	struct ipam_prefix cur = *x;
	int64_t free_id = 0;
	int rc;

	if (prepare(db, "SELECT id, start, plen FROM ip_free WHERE parent_id = ?1 AND start <= ?2"
			" ORDER BY start DESC LIMIT 1", &st))
		return -1;
	sqlite3_bind_int64(st, 1, parent->id);
	bind_key(st, 2, x->addr);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		free_id = sqlite3_column_int64(st, 0);
		cur = (struct ipam_prefix){ x->family, ipam_key_value(sqlite3_column_blob(st, 1), sqlite3_column_bytes(st, 1)),
					    sqlite3_column_int(st, 2) };
	}
	sqlite3_finalize(st);
	if (rc == SQLITE_DONE || (rc == SQLITE_ROW && !ipam_contains(&cur, x)))
		return 1;
	if (rc != SQLITE_ROW || prepare(db, "DELETE FROM ip_free WHERE id = ?1", &st))
		return -1;
	sqlite3_bind_int64(st, 1, free_id);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE || free_writer_open(db, parent->id, &w))
		return -1;
	rc = 0;
	while (rc == 0 && cur.len < x->len) {
		struct ipam_prefix lo = { cur.family, cur.addr, cur.len + 1 };
		struct ipam_prefix hi = { cur.family, u128_add(cur.addr, u128_pow2(ipam_host_bits(&lo))), cur.len + 1 };
		int x_low = ipam_contains(&lo, x);
		rc = write_free(x_low ? &hi : &lo, &w);
		cur = x_low ? lo : hi;
	}
	sqlite3_finalize(w.st);
	return rc;
}

static int add_used(sqlite3 *db, int64_t id, double delta)
{
	sqlite3_stmt *st;
	int rc;

	if (prepare(db, "UPDATE ip_block SET used = max(used + ?1, 0) WHERE id = ?2", &st))
		return -1;
	sqlite3_bind_double(st, 1, delta);
	sqlite3_bind_int64(st, 2, id);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : -1;
}

int ipam_block_insert(sqlite3 *db, const struct ipam_block *parent, struct ipam_block *b,
		      const struct ipam_new *how)
{
	struct ipam_block pcopy;
	struct free_writer w;
	sqlite3_stmt *st;
	int rc;

	ipam_format_prefix(&b->p, b->cidr, sizeof b->cidr);
	b->size = ipam_size(ipam_host_bits(&b->p));
	b->used = 0;
	b->free_ok = 1;
	b->parent_id = parent ? parent->id : 0;
	if (parent) {
		pcopy = *parent;
		if (ensure_free(db, &pcopy))
			return -1;
		rc = take_space(db, &pcopy, &b->p);
		if (rc)
			return rc;
	}
	if (prepare(db,
		    "INSERT INTO ip_block(parent_id, family, start, plen, cidr, path, org_id, kind, state, purpose,"
		    " size, created_by, created_at, changed_by, changed_at)"
		    " VALUES (?1, ?2, ?3, ?4, ?5, '', ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?11, ?12)",
		    &st))
		return -1;
	bind_parent(st, 1, b->parent_id);
	sqlite3_bind_int(st, 2, b->p.family);
	bind_key(st, 3, b->p.addr);
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
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return -1;
	b->id = sqlite3_last_insert_rowid(db);
	/* IPAM_PATH_MAX holds a chain of more than ten ids: deeper than any plan. */
	if (parent && strlen(parent->path) > IPAM_PATH_MAX - 32)
		return -1;
	snprintf(b->path, sizeof b->path, "%.*s%lld/", IPAM_PATH_MAX - 32, parent ? parent->path : "/",
		 (long long)b->id);
	if (prepare(db, "UPDATE ip_block SET path = ?1 WHERE id = ?2", &st))
		return -1;
	sqlite3_bind_text(st, 1, b->path, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, b->id);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE || free_writer_open(db, b->id, &w))
		return -1;
	rc = write_free(&b->p, &w);
	sqlite3_finalize(w.st);
	if (rc)
		return -1;
	return parent ? add_used(db, parent->id, b->size) : 0;
}

/* Give b's space back to its parent: the gap between b's neighbours is
 * split afresh into maximal blocks. */
static int give_back(sqlite3 *db, const struct ipam_block *parent, const struct ipam_block *b)
{
	struct u128 first = parent->p.addr, last = ipam_last(&parent->p);
	struct free_writer w;
	sqlite3_stmt *st;
	int rc;

	if (prepare(db, "SELECT start, plen FROM ip_block WHERE parent_id = ?1 AND family = ?2 AND start < ?3"
			" ORDER BY start DESC LIMIT 1", &st))
		return -1;
	sqlite3_bind_int64(st, 1, parent->id);
	sqlite3_bind_int(st, 2, b->p.family);
	bind_key(st, 3, b->p.addr);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct ipam_prefix prev = { b->p.family, ipam_key_value(sqlite3_column_blob(st, 0), 16),
					    sqlite3_column_int(st, 1) };
		first = u128_add(ipam_last(&prev), (struct u128){ 0, 1 });
	}
	sqlite3_finalize(st);
	if ((rc != SQLITE_ROW && rc != SQLITE_DONE) ||
	    prepare(db, "SELECT start FROM ip_block WHERE parent_id = ?1 AND family = ?2 AND start > ?3"
			" ORDER BY start LIMIT 1", &st))
		return -1;
	sqlite3_bind_int64(st, 1, parent->id);
	sqlite3_bind_int(st, 2, b->p.family);
	bind_key(st, 3, b->p.addr);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		last = u128_sub(ipam_key_value(sqlite3_column_blob(st, 0), 16), (struct u128){ 0, 1 });
	sqlite3_finalize(st);
	if ((rc != SQLITE_ROW && rc != SQLITE_DONE) ||
	    prepare(db, "DELETE FROM ip_free WHERE parent_id = ?1 AND start BETWEEN ?2 AND ?3", &st))
		return -1;
	sqlite3_bind_int64(st, 1, parent->id);
	bind_key(st, 2, first);
	bind_key(st, 3, last);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE || free_writer_open(db, parent->id, &w))
		return -1;
	rc = ipam_split_range(b->p.family, first, last, write_free, &w);
	sqlite3_finalize(w.st);
	return rc ? -1 : add_used(db, parent->id, -b->size);
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
	if (prepare(db, "DELETE FROM ip_block WHERE path >= ?1 AND path < ?2", &st))
		return -1;
	sqlite3_bind_text(st, 1, b->path, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, end, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return -1;
	if (!b->parent_id)
		return 0;
	rc = ipam_block_by_id(db, b->parent_id, &parent);
	if (rc <= 0)
		return -1;
	/* A parent whose free space is stale is rebuilt when next used. */
	return parent.free_ok ? give_back(db, &parent, b) : 0;
}

int ipam_addr_owned(sqlite3 *db, int family, struct u128 addr, int64_t org_id)
{
	struct ipam_prefix host = { family, addr, ipam_width(family) };
	struct ipam_block c;
	sqlite3_stmt *st;
	int64_t parent = 0;
	int owned = 0, rc = SQLITE_DONE;

	if (prepare(db,
		    "SELECT " BLOCK_COLUMNS " FROM ip_block WHERE parent_id IS ?1 AND family = ?2 AND start <= ?3"
		    " ORDER BY start DESC LIMIT 1",
		    &st))
		return -1;
	/* Down the blocks holding the address, host block included. */
	while (!owned) {
		sqlite3_reset(st);
		bind_parent(st, 1, parent);
		sqlite3_bind_int(st, 2, family);
		bind_key(st, 3, addr);
		if ((rc = sqlite3_step(st)) != SQLITE_ROW)
			break;
		read_block(st, &c);
		if (!ipam_contains(&c.p, &host))
			break;
		owned = c.org_id == org_id && strcmp(c.state, "allocated") == 0;
		parent = c.id;
	}
	sqlite3_finalize(st);
	return owned || rc == SQLITE_ROW || rc == SQLITE_DONE ? owned : -1;
}
