#include "config.h"
#include "modules.h"
#include "audit.h"
#include "codes.h"
#include "door.h"
#include "outbox.h"
#include "rules/rules.h"
#include "sparkline.h"
#include "workflow.h"
#include "govnet/banned.h"

int modules_attach(struct gn_ctx *ctx, struct gn_err *err)
{
	door_clear_hooks();
	outbox_attach(ctx);
	if (rules_attach(ctx, err))
		return -1;
	if (wf_register_sql(ctx->db, ctx->reg, err))
		return -1;
	if (sparkline_register_sql(ctx->db, err) || decider_register_sql(ctx->db, err) ||
	    codes_register_sql(ctx->db, &ctx->now, err) || audit_target_register_sql(ctx->db, ctx->reg, err))
		return -1;
	return 0;
}

void modules_detach(struct gn_ctx *ctx)
{
	rules_detach(ctx);
	door_clear_hooks();
}
