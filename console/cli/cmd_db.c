/* govnet db check | backup FILE — integrity and an online copy. */
#include "config.h"
#include "cli.h"
#include "../core/identity.h"
#include "../core/store.h"
#include "../core/strbuf.h"

static int check(struct gn_ctx *ctx, int argc, char **argv, struct gn_err *err)
{
	struct strbuf report = STRBUF_INIT;
	int problems;

	if (argc)
		return err_set(err, GN_USAGE, "db check 不带参数");
	problems = store_check(ctx->db, &report, err);
	if (problems == 0)
		printf("数据库 %s 完好：完整性检查与外键检查均通过\n", ctx->db_path);
	else if (problems > 0) {
		fputs(sb_str(&report), stdout);
		err_set(err, GN_REFUSED, "数据库 %s 有 %d 处问题（见上）", ctx->db_path, problems);
	}
	sb_free(&report);
	return problems == 0 ? 0 : -1;
}

static int backup(struct gn_ctx *ctx, int argc, char **argv, struct gn_err *err)
{
	if (argc != 1)
		return err_set(err, GN_USAGE, "用法：govnet db backup 文件");
	/* A backup holds every county's filings, phone numbers and channel
	 * secrets: only those who may already see all of it take one. */
	if (ctx->actor.role != GN_ROLE_ADMIN || !ctx->actor.city_wide)
		return err_set(err, GN_REFUSED, "只有全市范围的管理员（admin）可以备份整个数据库；%s 的 %s 不能",
			       ctx->actor.org_name, role_name(ctx->actor.role));
	if (store_backup(ctx->db, argv[0], err))
		return -1;
	printf("已备份到 %s\n", argv[0]);
	return 0;
}

const struct cli_command cli_cmd_db_check = {
	"db", "check", "", "完整性与外键检查", CLI_NEEDS_LOGIN, check,
};
const struct cli_command cli_cmd_db_backup = {
	"db", "backup", "文件", "在线备份（SQLite backup API）", CLI_NEEDS_LOGIN, backup,
};
