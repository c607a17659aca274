/*
 * zone.h — the zone plugin (`govnet zone …`, Art 20): the extranet's DNS
 * zones, registering the extranet's zone and the subzones it delegates,
 * and exporting any zone as a BIND master file.
 *
 * Forward zones are registered: the city's extranet zone and the subzones
 * it delegates to counties (donghai.zwww.lyg.gov.cn …), each owned by the
 * organisation whose operating agency allocates names in it.  A record
 * (the domain plugin's) belongs to the longest zone its name lies in, which
 * `zone which NAME` answers.  Reverse zones are kept by the records
 * themselves: an A or AAAA record puts its PTR in the in-addr.arpa zone of
 * its /16 or the ip6.arpa zone of its /48 (dns_reverse_zone_of), made the
 * first time it is needed.  Every change to a zone's content advances its
 * SOA serial, YYYYMMDDnn, and its count of records: this plugin hears the
 * domain plugin's changes (events.c) and reads its records through `domain
 * records` (gn_call_invoke), never its table.
 */
#ifndef GN_ZONE_H
#define GN_ZONE_H

#include <sqlite3.h>
#include <stdint.h>
#include "govnet/plugin.h"
#include "dnsname.h"
#include "orgs.h"

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

extern const struct gn_migration zone_migrations[];

/* Handlers (manage.c, export.c, zones.c), the demo (demo.c) and what the
 * plugin hears of the domain plugin's changes (events.c). */
int zone_add(struct gn_call *call);
int zone_set(struct gn_call *call);
int zone_export(struct gn_call *call);
int zone_which(struct gn_call *call);
int zone_demo(struct gn_demo *demo);
int zone_on_event(struct gn_call *call);

/* Lookups: 1 when found, 0 when not, -1 on an SQLite error. */
int dns_zone_get(struct gn_call *call, int64_t id, struct dns_zone *z);
int dns_zone_by_name(struct gn_call *call, const char *name, struct dns_zone *z);
/* The forward zone a name belongs to: the longest one it lies in, other
 * than the name itself when not_itself is set (a new subzone's parent). */
int dns_zone_for_name(struct gn_call *call, const char *name, int not_itself, struct dns_zone *z);

/* The serial a zone starts with on the day of now (ISO 8601): YYYYMMDD00. */
int64_t dns_serial_today(const char *now);
/* Advance a zone's serial for a change at now: the day's next number, or
 * the next after the current one when that is already ahead.  records
 * (+1, -1, 0) moves its count of records with it. */
int dns_zone_bump(struct gn_call *call, int64_t id, int records, const char *login, const char *now);

/* The reverse zone holding an address, made (owned as forward is, with its
 * name servers) when it does not exist yet.  *id receives it. */
int dns_reverse_zone(struct gn_call *call, int family, struct u128 addr, const struct dns_zone *forward,
		     const char *login, const char *now, int64_t *id);

/* Refuse with the store's error. */
int dns_store_error(struct gn_call *call);

#endif
