/*
 * ip.h — the address plan plugin (`govnet ip …`, Art 18–19): the handlers
 * behind its actions and what they share.
 */
#ifndef IPAM_IP_H
#define IPAM_IP_H

#include "govnet/plugin.h"
#include "blocks.h"

extern const struct gn_migration ip_migrations[];

/* Handlers of the actions in ip.c. */
int ip_pool_add(struct gn_call *call);
int ip_alloc(struct gn_call *call);
int ip_assign(struct gn_call *call);
int ip_release(struct gn_call *call);
int ip_set(struct gn_call *call);
int ip_free_report(struct gn_call *call);
int ip_usage_report(struct gn_call *call);
/* `ip match`, the block an address lies in (match.c). */
int ip_match(struct gn_call *call);
/* Its section of the monthly report (monthly.c). */
int ip_monthly(struct gn_call *call);
/* The demo database's address plan (demo.c). */
int ip_demo(struct gn_demo *demo);

/* The block the action's "id" field names (the door has resolved it). */
int ip_target(struct gn_call *call, struct ipam_block *b);
/* A prefix from a field, refused with a message naming the value. */
int ip_arg_prefix(struct gn_call *call, const char *field, struct ipam_prefix *p);
/* Refuse with the store's error. */
int ip_store_error(struct gn_call *call);

/*
 * Release b, as `ip release` does: with its children only when recursive.
 * Whether records of other plugins still point into it is theirs to say:
 * they hear the release (gn_plugin.on_event) and may refuse it.
 */
int ip_release_block(struct gn_call *call, const struct ipam_block *b, int recursive);

/* The access node a block serves (node.c): the --node field of alloc and
 * assign, checked; written onto a new block; and the reaction that
 * releases a node's blocks when its request is revoked (Art 17). */
int ip_node_check(struct gn_call *call, const struct ipam_block *b, int64_t *node);
int ip_node_link(struct gn_call *call, const struct ipam_block *b, int64_t node);
int ip_node_revoked(struct gn_call *call);

/* What this plugin hears of other components' changes (events.c). */
int ip_on_event(struct gn_call *call);

/* Chinese names of kinds and states, for messages. */
const char *ip_kind_title(const char *kind);

#endif
