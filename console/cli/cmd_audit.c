/* govnet audit verify [--anchor SEQ:HASH]… [--anchors FILE] — walk the hash
 * chain and check it against anchors kept outside; exit 1 naming the first
 * break.  govnet audit anchor — print the head and hand it to syslog. */
#include "config.h"
#include "cli.h"
#include "../core/audit.h"

#include <errno.h>
#include <string.h>
#include <syslog.h>
#include "govnet/banned.h"

/* Check every anchor in a file: one per line, the last word of the line
 * (so that lines copied from syslog or the journal serve as they are). */
static int check_anchor_file(struct gn_ctx *ctx, const char *path, int *n, struct gn_err *err)
{
	FILE *f = fopen(path, "r"); /* with the user's rights (boundary.h) */
	char line[1024];
	int rc = 0;

	if (!f)
		return err_set(err, GN_REFUSED, "无法读取锚点文件 %s：%s", path, strerror(errno));
	while (rc == 0 && fgets(line, sizeof line, f)) {
		struct audit_anchor a;
		char *word;
		line[strcspn(line, "\r\n")] = '\0';
		for (word = line + strlen(line); word > line && word[-1] != ' ' && word[-1] != '\t'; word--)
			;
		if (!*word || line[0] == '#')
			continue;
		rc = audit_anchor_parse(word, &a, err);
		if (rc == 0)
			rc = audit_check_anchor(ctx->db, &a, err);
		(*n)++;
	}
	fclose(f);
	return rc;
}

static int verify(struct gn_ctx *ctx, int argc, char **argv, struct gn_err *err)
{
	int64_t checked, bad = 0;
	int rc, anchors = 0;

	for (int i = 0; i < argc; i++)
		if ((strcmp(argv[i], "--anchor") != 0 && strcmp(argv[i], "--anchors") != 0) || i + 1 >= argc)
			return err_set(err, GN_USAGE, "用法：govnet audit verify [--anchor 序号:哈希]… [--anchors 文件]");
		else
			i++;
	rc = audit_verify(ctx->db, &checked, &bad, err);
	for (int i = 0; rc == 0 && i + 1 < argc; i += 2) {
		struct audit_anchor a;
		if (strcmp(argv[i], "--anchors") == 0) {
			rc = check_anchor_file(ctx, argv[i + 1], &anchors, err);
			continue;
		}
		rc = audit_anchor_parse(argv[i + 1], &a, err);
		if (rc == 0)
			rc = audit_check_anchor(ctx->db, &a, err);
		anchors++;
	}
	if (rc == 0)
		printf("审计链完整：共 %lld 条，逐条核对哈希无误%s\n", (long long)checked,
		       anchors ? "，与所给锚点相符" : "（未给锚点：末尾被删除的记录无从发现，见 govnet audit anchor）");
	return rc ? -1 : 0;
}

/* The head, printed and handed to syslog (the journal keeps it beyond the
 * reach of whoever can write the store).  No change to the store: any
 * login may take an anchor, an auditor included. */
static int anchor(struct gn_ctx *ctx, int argc, char **argv, struct gn_err *err)
{
	struct audit_anchor head;

	if (argc)
		return err_set(err, GN_USAGE, "audit anchor 不带参数");
	if (audit_head(ctx->db, &head, err))
		return -1;
	openlog("govnet", LOG_PID, LOG_AUTHPRIV);
	syslog(LOG_NOTICE, "audit anchor by %s: %lld:%s", ctx->login, (long long)head.seq, head.hash);
	closelog();
	printf("%lld:%s\n", (long long)head.seq, head.hash);
	return 0;
}

const struct cli_command cli_cmd_audit_verify = {
	"audit", "verify", "[--anchor 序号:哈希]… [--anchors 文件]",
	"核对审计哈希链（完整则退出码 0），并与链外保存的锚点核对", CLI_NEEDS_LOGIN, verify,
};
const struct cli_command cli_cmd_audit_anchor = {
	"audit", "anchor", "", "打印链头（序号:哈希）并记入 syslog，供链外留存", CLI_NEEDS_LOGIN, anchor,
};
