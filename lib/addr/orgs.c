/*
 * orgs.c — where an organisation lies in the tree (orgs.h).
 */
#include "config.h"
#include "orgs.h"

#include <stdio.h>
#include <string.h>
#include "govnet/banned.h"

int orgs_within(struct gn_call *call, int64_t org_id, int64_t within_id, char *name, size_t name_size)
{
	struct gn_org org, within;

	if (gn_call_org(call, org_id, &org) || gn_call_org(call, within_id, &within))
		return -1;
	snprintf(name, name_size, "%s", org.name);
	/* Paths are "/1/5/23/": a subtree is a prefix. */
	return strncmp(org.path, within.path, strlen(within.path)) == 0;
}
