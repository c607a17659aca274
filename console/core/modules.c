#include "config.h"
#include "modules.h"
#include "door.h"

int modules_attach(struct gn_ctx *ctx, struct gn_err *err)
{
	(void)ctx;
	(void)err;
	door_clear_hooks();
	return 0;
}

void modules_detach(struct gn_ctx *ctx)
{
	(void)ctx;
	door_clear_hooks();
}
