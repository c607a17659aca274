/*
 * zones.h — the extranet's DNS zones and records in the store (Art 20),
 * shared by the domain and zone plugins.
 *
 * Forward zones are registered: the city's extranet zone and the subzones
 * it delegates to counties (donghai.zwww.lyg.gov.cn …), each owned by the
 * organisation whose operating agency allocates names in it.  A record
 * belongs to the longest zone its name lies in.  Reverse zones are kept
 * by the records themselves: an A or AAAA record puts its PTR in the
 * in-addr.arpa zone of its /16 or the ip6.arpa zone of its /48, made the
 * first time it is needed.  Every change to a zone's content advances its
 * SOA serial, YYYYMMDDnn.
 */
#ifndef IPAM_ZONES_H
#define IPAM_ZONES_H

#include <sqlite3.h>
#include <stdint.h>
#include "govnet/plugin.h"
#include "dnsname.h"

/* The default name of the extranet's zone: 政务外网 (zwww) of Lianyungang. */
#define DNS_DEFAULT_ZONE "zwww.lyg.gov.cn"
/* The prefix lengths reverse zones are cut at. */
#define DNS_REVERSE_V4_LEN 16
#define DNS_REVERSE_V6_LEN 48
#define DNS_NS_MAX 1024

struct dns_zone {
	int64_t id;
	int64_t org_id;
	int64_t parent_id; /* the zone delegating this one, or 0 */
	char name[DNS_NAME_MAX];
	char kind[12];             /* forward, reverse */
	struct ipam_prefix prefix; /* reverse zones: the addresses they cover */
	char ns[DNS_NS_MAX];       /* name servers, space-separated */
	char hostmaster[DNS_NAME_MAX];
	int ttl;
	int64_t serial;
};

/* The schemas: zones (the zone plugin's), records (the domain plugin's). */
extern const char dns_zone_schema_v1[];
extern const char dns_record_schema_v1[];

/* Lookups: 1 when found, 0 when not, -1 on an SQLite error. */
int dns_zone_get(sqlite3 *db, int64_t id, struct dns_zone *z);
int dns_zone_by_name(sqlite3 *db, const char *name, struct dns_zone *z);
/* The forward zone a name belongs to: the longest one it lies in, other
 * than the name itself when not_itself is set (a new subzone's parent). */
int dns_zone_for_name(sqlite3 *db, const char *name, int not_itself, struct dns_zone *z);

/* The serial a zone starts with on the day of now (ISO 8601): YYYYMMDD00. */
int64_t dns_serial_today(const char *now);
/* Advance a zone's serial for a change at now: the day's next number, or
 * the next after the current one when that is already ahead. */
int dns_zone_bump(sqlite3 *db, int64_t id, const char *login, const char *now);

/* The reverse zone holding an address, made (owned as forward is, with its
 * name servers) when it does not exist yet.  *id receives it. */
int dns_reverse_zone(sqlite3 *db, int family, struct u128 addr, const struct dns_zone *forward,
		     const char *login, const char *now, int64_t *id);

/* For handlers: refuse with the store's error; an organisation's path and
 * name; whether org_id lies within within_id's subtree (1, 0, or -1 after
 * refusing), with org_id's name. */
int dns_store_error(struct gn_call *call);
int dns_org_get(struct gn_call *call, int64_t id, char *path, size_t path_size, char *name, size_t name_size);
int dns_org_within(struct gn_call *call, int64_t org_id, int64_t within_id, char *name, size_t name_size);

#endif
