/* govnet db check | backup FILE | restore FILE — integrity, an online copy,
 * and putting one back. */
#include "config.h"
#include "cli.h"
#include "../core/audit.h"
#include "../core/boundary.h"
#include "../core/clock.h"
#include "../core/identity.h"
#include "../core/outbox.h"
#include "../core/store.h"
#include "../core/strbuf.h"
#include "../core/workflow.h"
#include "govnet/banned.h"

/* The deadline entries of messages not delivered are written by the
 * commands that change what they follow (workflow.h), not by triggers: an
 * edit by hand is found here, and said how to mend. */
static int check_notice_entries(struct gn_ctx *ctx, struct strbuf *report, struct gn_err *err)
{
	int64_t astray = 0, days = OUTBOX_KEEP_DAYS;

	if (wf_due_notices_astray(ctx->db, &astray, err) ||
	    store_query_int(ctx->db, "SELECT " OUTBOX_KEEP_DAYS_SQL, &days, err, "") < 0)
		return -1;
	if (astray)
		sb_addf(report, "wf_due_scope：%lld 条未送达通知的期限条目与通知不符（govnet notify keep --days %lld 按现设天数重写）\n",
			(long long)astray, (long long)days);
	return astray != 0;
}

static int check(struct gn_ctx *ctx, int argc, char **argv, struct gn_err *err)
{
	struct strbuf report = STRBUF_INIT;
	int problems, more;

	if (argc)
		return err_set(err, GN_USAGE, "db check 不带参数");
	problems = store_check(ctx->db, &report, err);
	if (problems >= 0)
		problems = (more = check_notice_entries(ctx, &report, err)) < 0 ? -1 : problems + more;
	if (problems == 0)
		printf("数据库 %s 完好：完整性检查、外键检查与期限条目检查均通过\n", ctx->db_path);
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

/* Whether a copy may replace the store: sound, of this schema, its audit
 * chain intact.  src is opened with the user's rights (boundary.h). */
static int check_copy(struct gn_ctx *ctx, sqlite3 *src, const char *path, struct gn_err *err)
{
	struct strbuf report = STRBUF_INIT;
	int64_t checked, bad;
	int problems = store_check(src, &report, err);

	sb_free(&report);
	if (problems < 0) {
		err_prefix(err, "无法恢复：%s 不是可用的数据库：", path);
		return -1;
	}
	if (problems > 0)
		return err_set(err, GN_REFUSED, "无法恢复：%s 的完整性检查发现 %d 处问题（govnet --db %s db check）",
			       path, problems, path);
	if (store_schema_version(src, "core") != store_schema_version(ctx->db, "core"))
		return err_set(err, GN_REFUSED, "无法恢复：%s 的结构版本为 %d，本数据库为 %d", path,
			       store_schema_version(src, "core"), store_schema_version(ctx->db, "core"));
	if (audit_verify(src, &checked, &bad, err) != 0) {
		err_prefix(err, "无法恢复：%s 的", path);
		return -1;
	}
	return 0;
}

static int restore(struct gn_ctx *ctx, int argc, char **argv, struct gn_err *err)
{
	char kept[4200], stamp[CLOCK_ISO_LEN];
	sqlite3 *src = NULL;
	sqlite3_backup *bk;
	int rc;

	if (argc != 1)
		return err_set(err, GN_USAGE, "用法：govnet db restore 文件");
	if (ctx->actor.role != GN_ROLE_ADMIN || !ctx->actor.city_wide)
		return err_set(err, GN_REFUSED, "只有全市范围的管理员（admin）可以恢复整个数据库");
	if (sqlite3_open_v2(argv[0], &src, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
		err_set(err, GN_REFUSED, "无法打开 %s：%s", argv[0], src ? sqlite3_errmsg(src) : "内存不足");
		sqlite3_close(src);
		return -1;
	}
	if (check_copy(ctx, src, argv[0], err)) {
		sqlite3_close(src);
		return -1;
	}
	/* The store replaced is kept beside it, in the store's directory. */
	clock_format(time(NULL), stamp);
	snprintf(kept, sizeof kept, "%s.replaced-%.19s", ctx->db_path, stamp);
	boundary_enter_store();
	rc = store_backup(ctx->db, kept, err);
	boundary_leave_store();
	if (rc) {
		sqlite3_close(src);
		return -1;
	}
	bk = sqlite3_backup_init(ctx->db, "main", src, "main");
	rc = bk ? sqlite3_backup_step(bk, -1) : SQLITE_ERROR;
	if (bk)
		sqlite3_backup_finish(bk);
	sqlite3_close(src);
	if (rc != SQLITE_DONE)
		return err_set(err, GN_REFUSED, "恢复失败，数据库未改动：%s（原数据库另存于 %s）",
			       bk ? sqlite3_errstr(rc) : sqlite3_errmsg(ctx->db), kept);
	printf("已从 %s 恢复；被替换的数据库另存为 %s\n", argv[0], kept);
	return 0;
}

const struct cli_command cli_cmd_db_check = {
	"db", "check", "", "完整性与外键检查", CLI_NEEDS_LOGIN, check,
};
const struct cli_command cli_cmd_db_backup = {
	"db", "backup", "文件", "在线备份（SQLite backup API）", CLI_NEEDS_LOGIN, backup,
};
const struct cli_command cli_cmd_db_restore = {
	"db", "restore", "文件", "用备份替换数据库（先核对完整性、结构版本与审计链；原库另存）", CLI_NEEDS_LOGIN, restore,
};
