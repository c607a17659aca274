/*
 * domain.h — domain records under the extranet's zones (`govnet domain …`,
 * Art 20): the handlers behind the domain plugin's actions.
 *
 * The records are this plugin's (dns_record); the zones are the zone
 * plugin's and the address blocks the ip plugin's.  A record learns its
 * zone through `zone which` (gn_call_invoke) and keeps the zone's name; the
 * zone plugin hears each record added or removed and moves its serial; the
 * ip plugin hears each record added and refuses an address outside its
 * owner's blocks; this plugin hears blocks released or reserved and
 * refuses while records point into them (events.c).
 */
#ifndef GN_DOMAIN_H
#define GN_DOMAIN_H

#include "govnet/plugin.h"
#include "dnsname.h"
#include "orgs.h"

extern const struct gn_migration domain_migrations[];

int domain_add(struct gn_call *call);
int domain_remove(struct gn_call *call);
/* `domain records`: the records of a zone, of a name, or at and under a
 * name, for the zone plugin's exports (published.c). */
int domain_records(struct gn_call *call);
/* What this plugin hears of the ip and zone plugins' changes (events.c). */
int domain_on_event(struct gn_call *call);
/* The demo's names (demo.c). */
int domain_demo(struct gn_demo *demo);

/* A forward zone as `zone which` answers it. */
struct domain_zone {
	int64_t id, org_id;
	char name[DNS_NAME_MAX];
};
/* The zone a name belongs to (the longest one it lies in): 1 with *z, 0
 * when it lies in none, -1 refusing (the zone plugin is not installed). */
int domain_zone_of(struct gn_call *call, const char *name, struct domain_zone *z);

/* Refuse with the store's error. */
int domain_store_error(struct gn_call *call);

#endif
