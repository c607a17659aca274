/* govnet audit verify — walk the hash chain; exit 1 naming the first break. */
#include "config.h"
#include "cli.h"
#include "../core/audit.h"
#include "govnet/banned.h"

static int verify(struct gn_ctx *ctx, int argc, char **argv, struct gn_err *err)
{
	int64_t checked, bad = 0;
	int rc;

	if (argc)
		return err_set(err, GN_USAGE, "audit verify 不带参数");
	rc = audit_verify(ctx->db, &checked, &bad, err);
	if (rc == 0)
		printf("审计链完整：共 %lld 条，逐条核对哈希无误\n", (long long)checked);
	return rc ? -1 : 0;
}

const struct cli_command cli_cmd_audit_verify = {
	"audit", "verify", "", "核对审计哈希链（完整则退出码 0）", CLI_NEEDS_LOGIN, verify,
};
