/*
 * zones.c — zones and their serials in the store (zones.h).
 */
#include "config.h"
#include "zones.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "govnet/banned.h"

const char dns_zone_schema_v1[] =
	/* Zones of the extranet's DNS (Art 20).  name is lower-case A-labels
	 * without the trailing dot; a reverse zone also keeps the prefix it
	 * covers as family, start (16-byte key) and plen. */
	"CREATE TABLE dns_zone ("
	"  id INTEGER PRIMARY KEY,"
	"  name TEXT NOT NULL UNIQUE,"
	"  kind TEXT NOT NULL CHECK (kind IN ('forward','reverse')),"
	"  parent_id INTEGER REFERENCES dns_zone(id),"
	"  family INTEGER,"
	"  start BLOB,"
	"  plen INTEGER,"
	"  org_id INTEGER NOT NULL REFERENCES org(id),"
	"  ns TEXT NOT NULL,"
	"  hostmaster TEXT NOT NULL,"
	"  ttl INTEGER NOT NULL DEFAULT 3600,"
	"  serial INTEGER NOT NULL,"
	"  created_by TEXT NOT NULL,"
	"  created_at TEXT NOT NULL,"
	"  changed_by TEXT NOT NULL,"
	"  changed_at TEXT NOT NULL);"
	"CREATE INDEX dns_zone_parent ON dns_zone(parent_id);"
	"CREATE INDEX dns_zone_org ON dns_zone(org_id);";

const char dns_record_schema_v1[] =
	/* Records (Art 20).  name and value are stored canonical: the name in
	 * A-labels, an address as inet_ntop writes it, a target as a name.
	 * family and addr (a 16-byte key) index A and AAAA records by
	 * address, so that releasing a block can find the records in it. */
	"CREATE TABLE dns_record ("
	"  id INTEGER PRIMARY KEY,"
	"  zone_id INTEGER NOT NULL REFERENCES dns_zone(id),"
	"  name TEXT NOT NULL,"
	"  uname TEXT NOT NULL,"
	"  type TEXT NOT NULL CHECK (type IN ('A','AAAA','CNAME','TXT')),"
	"  value TEXT NOT NULL,"
	"  family INTEGER,"
	"  addr BLOB,"
	"  rev_zone_id INTEGER REFERENCES dns_zone(id),"
	"  org_id INTEGER NOT NULL REFERENCES org(id),"
	"  system_id INTEGER," /* the information system it serves (Art 20), once registered */
	"  ttl INTEGER,"
	"  created_by TEXT NOT NULL,"
	"  created_at TEXT NOT NULL,"
	"  changed_by TEXT NOT NULL,"
	"  changed_at TEXT NOT NULL,"
	"  UNIQUE (name, type, value));"
	"CREATE INDEX dns_record_name ON dns_record(name);"
	"CREATE INDEX dns_record_zone ON dns_record(zone_id);"
	"CREATE INDEX dns_record_rev ON dns_record(rev_zone_id);"
	"CREATE INDEX dns_record_addr ON dns_record(family, addr);"
	"CREATE INDEX dns_record_org ON dns_record(org_id);";

#define ZONE_COLUMNS \
	"id, org_id, coalesce(parent_id, 0), name, kind, coalesce(family, 0), start, coalesce(plen, 0), ns, hostmaster, ttl, serial"

static void text_column(sqlite3_stmt *st, int i, char *out, size_t size)
{
	const unsigned char *v = sqlite3_column_text(st, i);
	snprintf(out, size, "%s", v ? (const char *)v : "");
}

static int fetch_zone(sqlite3_stmt *st, struct dns_zone *z)
{
	int rc = sqlite3_step(st);

	if (rc == SQLITE_ROW) {
		memset(z, 0, sizeof *z);
		z->id = sqlite3_column_int64(st, 0);
		z->org_id = sqlite3_column_int64(st, 1);
		z->parent_id = sqlite3_column_int64(st, 2);
		text_column(st, 3, z->name, sizeof z->name);
		text_column(st, 4, z->kind, sizeof z->kind);
		z->prefix.family = sqlite3_column_int(st, 5);
		z->prefix.addr = ipam_key_value(sqlite3_column_blob(st, 6), sqlite3_column_bytes(st, 6));
		z->prefix.len = sqlite3_column_int(st, 7);
		text_column(st, 8, z->ns, sizeof z->ns);
		text_column(st, 9, z->hostmaster, sizeof z->hostmaster);
		z->ttl = sqlite3_column_int(st, 10);
		z->serial = sqlite3_column_int64(st, 11);
	}
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : -1;
}

int dns_zone_get(sqlite3 *db, int64_t id, struct dns_zone *z)
{
	sqlite3_stmt *st;

	if (sqlite3_prepare_v2(db, "SELECT " ZONE_COLUMNS " FROM dns_zone WHERE id = ?1", -1, &st, NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	return fetch_zone(st, z);
}

int dns_zone_by_name(sqlite3 *db, const char *name, struct dns_zone *z)
{
	sqlite3_stmt *st;

	if (sqlite3_prepare_v2(db, "SELECT " ZONE_COLUMNS " FROM dns_zone WHERE name = ?1", -1, &st, NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_text(st, 1, name, -1, SQLITE_TRANSIENT);
	return fetch_zone(st, z);
}

int dns_zone_for_name(sqlite3 *db, const char *name, int not_itself, struct dns_zone *z)
{
	/* Try the name, then each parent: the first zone found is the longest. */
	for (const char *p = name; p && *p; p = strchr(p, '.') ? strchr(p, '.') + 1 : NULL) {
		if (not_itself && p == name)
			continue;
		int rc = dns_zone_by_name(db, p, z);
		if (rc < 0)
			return -1;
		if (rc && strcmp(z->kind, "forward") == 0)
			return 1;
	}
	return 0;
}

int64_t dns_serial_today(const char *now)
{
	/* now begins YYYY-MM-DD. */
	int64_t day = strtoll(now, NULL, 10) * 10000 + strtoll(now + 5, NULL, 10) * 100 + strtoll(now + 8, NULL, 10);
	return day * 100;
}

int dns_zone_bump(sqlite3 *db, int64_t id, const char *login, const char *now)
{
	sqlite3_stmt *st;
	int rc;

	if (sqlite3_prepare_v2(db,
			       "UPDATE dns_zone SET serial = max(serial + 1, ?1), changed_by = ?2, changed_at = ?3"
			       " WHERE id = ?4",
			       -1, &st, NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_int64(st, 1, dns_serial_today(now) + 1);
	sqlite3_bind_text(st, 2, login, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, now, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 4, id);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : -1;
}

int dns_reverse_zone(sqlite3 *db, int family, struct u128 addr, const struct dns_zone *forward,
		     const char *login, const char *now, int64_t *id)
{
	struct ipam_prefix p = { family, addr, family == 4 ? DNS_REVERSE_V4_LEN : DNS_REVERSE_V6_LEN };
	unsigned char key[IPAM_KEY_LEN];
	char name[DNS_NAME_MAX];
	struct dns_zone z;
	sqlite3_stmt *st;
	int rc;

	p.addr = u128_and(addr, u128_not(u128_low_mask(ipam_host_bits(&p))));
	dns_reverse_zone_name(&p, name, sizeof name);
	if ((rc = dns_zone_by_name(db, name, &z)) != 0) {
		*id = z.id;
		return rc < 0 ? -1 : 0;
	}
	if (sqlite3_prepare_v2(db,
			       "INSERT INTO dns_zone(name, kind, family, start, plen, org_id, ns, hostmaster, ttl, serial,"
			       " created_by, created_at, changed_by, changed_at)"
			       " VALUES (?1, 'reverse', ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?10, ?11)",
			       -1, &st, NULL) != SQLITE_OK)
		return -1;
	ipam_key(p.addr, key);
	sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 2, family);
	sqlite3_bind_blob(st, 3, key, sizeof key, SQLITE_STATIC);
	sqlite3_bind_int(st, 4, p.len);
	sqlite3_bind_int64(st, 5, forward->org_id);
	sqlite3_bind_text(st, 6, forward->ns, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 7, forward->hostmaster, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 8, forward->ttl);
	sqlite3_bind_int64(st, 9, dns_serial_today(now));
	sqlite3_bind_text(st, 10, login, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 11, now, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return -1;
	*id = sqlite3_last_insert_rowid(db);
	return 0;
}

/* ---- for handlers ------------------------------------------------------- */

int dns_store_error(struct gn_call *call)
{
	return gn_call_sqlite_error(call, "域名");
}

int dns_org_get(struct gn_call *call, int64_t id, char *path, size_t path_size, char *name, size_t name_size)
{
	struct gn_org o;

	if (gn_call_org(call, id, &o))
		return -1;
	snprintf(path, path_size, "%s", o.path);
	snprintf(name, name_size, "%s", o.name);
	return 0;
}

/* 1 when org_id lies within within_id's subtree; name receives org_id's name. */
int dns_org_within(struct gn_call *call, int64_t org_id, int64_t within_id, char *name, size_t name_size)
{
	char path[256], wpath[256], wname[256];

	if (dns_org_get(call, org_id, path, sizeof path, name, name_size) ||
	    dns_org_get(call, within_id, wpath, sizeof wpath, wname, sizeof wname))
		return -1;
	return strncmp(path, wpath, strlen(wpath)) == 0;
}
