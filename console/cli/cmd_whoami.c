/* govnet whoami — the login, its role and scope, the store and the clock. */
#include "config.h"
#include "cli.h"
#include "../front/table.h"
#include "../core/clock.h"
#include "../core/identity.h"
#include "govnet/banned.h"

static int whoami(struct gn_ctx *ctx, int argc, char **argv, struct gn_err *err)
{
	struct cli_opts o = { 0 };
	char now[CLOCK_ISO_LEN];

	if (cli_take_common(&argc, argv, &o, err))
		return -1;
	if (argc)
		return err_set(err, GN_USAGE, "whoami 不带参数");
	if (!ctx->actor.registered)
		return identity_refuse_unregistered(ctx, err);
	clock_format(ctx->now, now);
	if (o.json) {
		json_t *obj = json_pack("{s:s, s:s, s:s, s:I, s:s, s:s, s:b}", "login", ctx->login, "role",
					role_name(ctx->actor.role), "scope", ctx->actor.org_name, "scope_id",
					(json_int_t)ctx->actor.org_id, "database", ctx->db_path, "now", now,
					"read_only", ctx->read_only);
		json_print(stdout, obj);
		json_decref(obj);
		return 0;
	}
	printf("登录名  %s\n角色    %s（%s）\n范围    %s\n数据库  %s%s\n时间    %s\n", ctx->login,
	       role_name(ctx->actor.role), role_title(ctx->actor.role), ctx->actor.org_name, ctx->db_path,
	       ctx->read_only ? "（只读）" : "", now);
	if (ctx->client[0])
		printf("来自    %s\n", ctx->client);
	return 0;
}

const struct cli_command cli_cmd_whoami = {
	"whoami", NULL, "[--json]", "当前登录名、角色与范围", CLI_NEEDS_STORE, whoami,
};
