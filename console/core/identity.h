/*
 * identity.h — who is acting, and when.
 *
 * Identity is the operating-system login (each operator has an account on
 * the jump host).  The owner of the database file may act as anyone on it
 * and set the clock, so that tests and demos can use GOVNET_LOGIN and
 * GOVNET_NOW; for anyone else both are ignored (DESIGN §2).
 */
#ifndef GN_IDENTITY_H
#define GN_IDENTITY_H

#include "ctx.h"
#include "err.h"

/* Fill ctx->login, ctx->client, ctx->now and ctx->owner for the database
 * at ctx->db_path (which may not exist yet: its creator owns it). */
int identity_init(struct gn_ctx *ctx, struct gn_err *err);
/* Load the registered login, its role and scope into ctx->actor. */
int identity_load_actor(struct gn_ctx *ctx, struct gn_err *err);
/* The refusal an unregistered login gets: whom to ask. */
int identity_refuse_unregistered(struct gn_ctx *ctx, struct gn_err *err);

const char *role_name(enum gn_role role);
const char *role_title(enum gn_role role);
int role_parse(const char *name, enum gn_role *role);
extern const char *const role_names[]; /* NULL-terminated, for choices */
extern const char *const role_titles[]; /* their titles, in the same order */

#endif
