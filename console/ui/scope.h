/*
 * scope.h — `:org 东海县` narrows what the console shows to one
 * organisation's subtree, within the login's own scope.  The narrowing is
 * applied around each read by standing in a narrower scope for the
 * actor's; the door reads the login afresh for every change, so a change
 * is always checked against the real scope.
 */
#ifndef GN_UI_SCOPE_H
#define GN_UI_SCOPE_H

#include "../core/ctx.h"
#include "../core/err.h"

struct ui_scope {
	int active;
	char path[256], path_end[256], name[256];
	struct gn_actor saved;
};

/* Narrow to the organisation named key (name or code); refused when it
 * lies outside the login's scope.  key NULL or "" widens back. */
int scope_narrow(struct gn_ctx *ctx, struct ui_scope *s, const char *key, struct gn_err *err);
/* Stand the narrowed scope in for the actor's until scope_leave. */
void scope_enter(struct gn_ctx *ctx, struct ui_scope *s);
void scope_leave(struct gn_ctx *ctx, struct ui_scope *s);

#endif
