/*
 * session.h — opening a store for one run of govnet, for the command line
 * and the console alike.
 */
#ifndef GN_SESSION_H
#define GN_SESSION_H

#include "ctx.h"
#include "err.h"

/* Open the store at db_path and fill ctx: identity, components (plugin
 * problems are printed on stderr), schema, modules, the acting login. */
int session_open(struct gn_ctx *ctx, const char *db_path, struct gn_err *err);
/* Close what session_open opened and clear ctx (also after a failed open). */
void session_close(struct gn_ctx *ctx);

#endif
