/*
 * events.c — what the zone plugin hears of the domain plugin's changes: a
 * record added or removed changes the content of its zone and of the
 * reverse zone its PTR is in, whose serials move on (Art 20); the reverse
 * zone is made with the first record that needs it, owned as the forward
 * zone is and served by the same name servers.
 */
#include "config.h"
#include "zone.h"

#include <stdio.h>
#include <string.h>
#include "govnet/banned.h"

/* Move zone `name`'s serial and its count of records by `records`. */
static int bump_named(struct gn_call *call, const char *name, int records, struct dns_zone *z)
{
	int rc = dns_zone_by_name(call, name, z);

	if (rc < 0 || (rc && dns_zone_bump(call, z->id, records, gn_call_login(call), gn_call_now(call))))
		return dns_store_error(call);
	return rc ? 0 : gn_call_refuse(call, "没有区域 \"%s\"", name);
}

static int record_added(struct gn_call *call)
{
	char id[24];
	const char *zone, *reverse, *value;
	struct gn_rows *rows;
	struct dns_zone z;
	struct u128 addr;
	int64_t rev_id;
	int family, rc = 0;

	snprintf(id, sizeof id, "%lld", (long long)gn_call_arg_int(call, "id", 0));
	if (gn_call_invoke(call, "domain", "records", (const char *const[]){ "record", id, NULL }, &rows))
		return -1;
	if (gn_rows_count(rows) == 1) {
		zone = gn_rows_get(rows, 0, "zone");
		reverse = gn_rows_get(rows, 0, "reverse_zone");
		value = gn_rows_get(rows, 0, "value");
		rc = zone ? bump_named(call, zone, 1, &z) : 0;
		if (rc == 0 && zone && reverse && value && ipam_parse_addr(value, &family, &addr) == 0) {
			if (dns_reverse_zone(call, family, addr, &z, gn_call_login(call), gn_call_now(call),
					     &rev_id) ||
			    dns_zone_bump(call, rev_id, 1, gn_call_login(call), gn_call_now(call)))
				rc = dns_store_error(call);
		}
	}
	gn_rows_free(rows);
	return rc;
}

static int record_removed(struct gn_call *call)
{
	const char *zone = gn_call_before(call, "zone"), *reverse = gn_call_before(call, "rev_zone");
	struct dns_zone z;

	if (zone && bump_named(call, zone, -1, &z))
		return -1;
	return reverse ? bump_named(call, reverse, -1, &z) : 0;
}

int zone_on_event(struct gn_call *call)
{
	const char *verb = gn_call_verb(call);

	if (strcmp(gn_call_component(call), "domain") != 0)
		return 0;
	if (strcmp(verb, "add") == 0)
		return record_added(call);
	if (strcmp(verb, "remove") == 0)
		return record_removed(call);
	return 0;
}
