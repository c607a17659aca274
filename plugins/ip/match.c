/*
 * match.c — `ip match ADDRESS`: the block of the address plan an address or
 * prefix lies in, as other plugins read it (gn_call_invoke) without
 * reading ip_block: the block itself when the prefix is one, else the
 * deepest block holding it (a department's block before its county's
 * pool), when that block lies in the reader's scope.  The incidents
 * plugin links an observed address to it (Art 26).
 */
#include "config.h"
#include "ip.h"

#include <stdio.h>
#include <string.h>
#include "govnet/banned.h"

/* An address alone is its own full-length prefix. */
static int match_prefix(struct gn_call *call, const char *text, struct ipam_prefix *p)
{
	char why[160];

	if (!strchr(text, '/')) {
		if (ipam_parse_addr(text, &p->family, &p->addr))
			return gn_call_refuse_field(call, "address", "\"%s\" 不是 IPv4 或 IPv6 地址（--address）", text);
		p->len = ipam_width(p->family);
		return 0;
	}
	if (ipam_parse_prefix(text, p, why, sizeof why))
		return gn_call_refuse_field(call, "address", "%s（--address）", why);
	return 0;
}

int ip_match(struct gn_call *call)
{
	static const char *const names[] = { "id",	  "cidr",	 "org_id",     "kind",
					     "kind_title", "state", "state_title", "relation", "relation_title" };
	char id[24], org[24];
	struct ipam_prefix p;
	struct ipam_block b;
	int exact, rc;

	if (match_prefix(call, gn_call_arg(call, "address"), &p))
		return -1;
	rc = ipam_block_get(call, &p, &b);
	exact = rc == 1;
	if (rc == 0)
		rc = ipam_block_container(call, &p, &b);
	if (rc < 0)
		return ip_store_error(call);
	/* A block outside the reader's scope is not said to exist. */
	if (rc == 0 || !gn_call_in_scope(call, b.org_id))
		return 0;
	snprintf(id, sizeof id, "%lld", (long long)b.id);
	snprintf(org, sizeof org, "%lld", (long long)b.org_id);
	const char *values[] = { id, b.cidr, org, b.kind, ip_kind_title(b.kind), b.state, ip_kind_title(b.state),
				 exact ? "exact" : "within", exact ? "就是此网段" : "在此网段之内" };
	gn_call_emit_typed(call, 9, names, values, "ntntttttt");
	return 0;
}
