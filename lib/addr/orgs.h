/*
 * orgs.h — where an organisation lies in the tree (Art 6–8), as the ip,
 * domain and zone plugins ask it: names and zones are allocated by a level
 * to the organisations under it (Art 20).
 */
#ifndef GN_ORGS_H
#define GN_ORGS_H

#include <stddef.h>
#include <stdint.h>
#include "govnet/plugin.h"

/* Whether org_id lies within within_id's subtree (itself included): 1 or
 * 0 with org_id's name in name, or -1 refusing when either organisation
 * does not exist. */
int orgs_within(struct gn_call *call, int64_t org_id, int64_t within_id, char *name, size_t name_size);

#endif
