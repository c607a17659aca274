/*
 * node.h — access nodes, the shared entity every plugin reaches through
 * govnet/plugin.h (gn_call_node, gn_call_node_create,
 * gn_call_node_set_state); node.c holds the state table.
 */
#ifndef GN_NODE_H
#define GN_NODE_H

#include "govnet/plugin.h"

extern const struct gn_migration node_migrations[];
/* 在用, 已断开, 已撤销; the code itself when unknown. */
const char *node_state_title(const char *state);

#endif
