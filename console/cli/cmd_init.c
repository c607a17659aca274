/* govnet init [--demo] — create and seed a store; the caller becomes admin. */
#include "config.h"
#include "cli.h"
#include "../core/init.h"
#include "../core/modules.h"
#include "../core/registry.h"
#include "../core/store.h"

#include <stdlib.h>
#include <string.h>
#include "govnet/banned.h"

static int init(struct gn_ctx *ctx, int argc, char **argv, struct gn_err *err)
{
	int demo = 0;

	for (int i = 0; i < argc; i++) {
		if (strcmp(argv[i], "--demo") == 0)
			demo = 1;
		else if (strcmp(argv[i], "--help") == 0) {
			puts("用法：govnet init [--demo]\n新建数据库，写入连云港市的组织，并把当前登录名登记为全市管理员；\n--demo 再填入演示数据。");
			return 0;
		} else
			return err_set(err, GN_USAGE, "init 只接受 --demo");
	}
	int rc = init_store(ctx, err);
	if (rc == 0 && demo)
		rc = demo_populate(ctx, err);
	if (rc == 0)
		printf("已初始化 %s；全市管理员：%s\n", ctx->db_path, ctx->login);
	modules_detach(ctx); /* init_store attached them; their statements must go before the store */
	if (ctx->db)
		store_close(ctx->db);
	ctx->db = NULL;
	/* The components stay loaded until the session closes: the step a
	 * refusal names is said from them (front_next_step). */
	return rc;
}

const struct cli_command cli_cmd_init = {
	"init", NULL, "[--demo]", "新建数据库（--demo：含演示数据）", CLI_NEEDS_NOTHING, init,
};
