/*
 * zones.c — zones and their serials in the store (zone.h), and `zone which`,
 * the zone a name belongs to, for the domain plugin.
 */
#include "config.h"
#include "zone.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "govnet/banned.h"

#define ZONE_COLUMNS \
	"id, org_id, coalesce(parent_id, 0), name, kind, coalesce(family, 0), start, coalesce(plen, 0), ns, hostmaster, ttl, serial"

static void text_column(sqlite3_stmt *st, int i, char *out, size_t size)
{
	const unsigned char *v = sqlite3_column_text(st, i);
	snprintf(out, size, "%s", v ? (const char *)v : "");
}

static int fetch_zone(struct gn_call *call, sqlite3_stmt *st, struct dns_zone *z)
{
	int rc;

	if (!st)
		return -1;
	rc = sqlite3_step(st);

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
	gn_call_done(call, st);
	return rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : -1;
}

int dns_zone_get(struct gn_call *call, int64_t id, struct dns_zone *z)
{
	return fetch_zone(call, gn_call_query(call, "SELECT " ZONE_COLUMNS " FROM dns_zone WHERE id = ?1", "i", id), z);
}

int dns_zone_by_name(struct gn_call *call, const char *name, struct dns_zone *z)
{
	return fetch_zone(call, gn_call_query(call, "SELECT " ZONE_COLUMNS " FROM dns_zone WHERE name = ?1", "t", name), z);
}

int dns_zone_for_name(struct gn_call *call, const char *name, int not_itself, struct dns_zone *z)
{
	/* Try the name, then each parent: the first zone found is the longest. */
	for (const char *p = name; p && *p; p = strchr(p, '.') ? strchr(p, '.') + 1 : NULL) {
		if (not_itself && p == name)
			continue;
		int rc = dns_zone_by_name(call, p, z);
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

int dns_zone_bump(struct gn_call *call, int64_t id, int records, const char *login, const char *now)
{
	return gn_call_exec(call,
			    "UPDATE dns_zone SET serial = max(serial + 1, ?1), records = records + ?5, changed_by = ?2,"
			    " changed_at = ?3 WHERE id = ?4",
			    "ittin", dns_serial_today(now) + 1, login, now, id, records);
}

int dns_reverse_zone(struct gn_call *call, int family, struct u128 addr, const struct dns_zone *forward,
		     const char *login, const char *now, int64_t *id)
{
	struct ipam_prefix p;
	char name[DNS_NAME_MAX];
	struct dns_zone z;
	int rc;

	dns_reverse_zone_of(family, addr, &p, name, sizeof name);
	if ((rc = dns_zone_by_name(call, name, &z)) != 0) {
		*id = z.id;
		return rc < 0 ? -1 : 0;
	}
	if (gn_call_exec(call,
			 "INSERT INTO dns_zone(name, kind, family, start, plen, org_id, ns, hostmaster, ttl, serial,"
			 " created_by, created_at, changed_by, changed_at)"
			 " VALUES (?1, 'reverse', ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?10, ?11)",
			 "tnbnittnitt", name, family, IPAM_KEY_ARG(p.addr), p.len, forward->org_id, forward->ns,
			 forward->hostmaster, forward->ttl, dns_serial_today(now), login, now))
		return -1;
	*id = gn_call_last_insert_id(call);
	return 0;
}

/* ---- for handlers ------------------------------------------------------- */

int dns_store_error(struct gn_call *call)
{
	return gn_call_sqlite_error(call, "域名");
}

/* ---- the zone a name belongs to, for the domain plugin -------------------- */

int zone_which(struct gn_call *call)
{
	static const char *const names[] = { "id", "name", "org_id" };
	char name[DNS_NAME_MAX], uname[DNS_UNAME_MAX], why[512], id[24], org[24];
	struct dns_zone z;
	int rc;

	if (dns_name_parse(gn_call_arg(call, "name"), DNS_NAME_UNDERSCORE, name, uname, why, sizeof why))
		return gn_call_refuse(call, "%s（--name）", why);
	if ((rc = dns_zone_for_name(call, name, 0, &z)) <= 0)
		return rc < 0 ? dns_store_error(call) : 0;
	snprintf(id, sizeof id, "%lld", (long long)z.id);
	snprintf(org, sizeof org, "%lld", (long long)z.org_id);
	gn_call_emit_typed(call, 3, names, (const char *const[]){ id, z.name, org }, "ntn");
	return 0;
}
