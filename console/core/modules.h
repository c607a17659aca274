/*
 * modules.h — the core modules that attach to the door when a store is
 * opened: county rules before the handler, notifications after the audit
 * entry, reactions after commit.  One line each in modules.c.
 */
#ifndef GN_MODULES_H
#define GN_MODULES_H

#include "ctx.h"
#include "err.h"

/* Attach every module's hooks for ctx (called once the store is open). */
int modules_attach(struct gn_ctx *ctx, struct gn_err *err);
/* Detach and free what modules_attach set up. */
void modules_detach(struct gn_ctx *ctx);

#endif
