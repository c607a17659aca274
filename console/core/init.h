/*
 * init.h — a new store: the schema, the city's organisations (Art 6–7),
 * and the login that ran it as the city's administrator.  Optionally the
 * demo data set, entered through the one door like any other change.
 */
#ifndef GN_INIT_H
#define GN_INIT_H

#include "ctx.h"
#include "err.h"

/* Create the store at ctx->db_path and seed it; ctx is left open on it. */
int init_store(struct gn_ctx *ctx, struct gn_err *err);
/* Fill a freshly initialised store with realistic demo data (demo.c). */
int demo_populate(struct gn_ctx *ctx, struct gn_err *err);

#endif
