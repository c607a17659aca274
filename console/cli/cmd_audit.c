/* govnet audit verify [--anchor SEQ:HASH]… [--anchors FILE] — walk the hash
 * chain and check it against anchors kept outside; exit 1 naming the first
 * break.  govnet audit anchor [--daily] — print the head, hand it to
 * syslog and, for a city-wide writer, to the chain and the outbox. */
#include "config.h"
#include "cli.h"
#include "../core/audit.h"
#include "../core/clock.h"
#include "../core/door.h"
#include "../core/registry.h"
#include "../core/store.h"

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

/* The day's anchor already recorded: 1 with its time and SEQ:HASH, 0 when
 * none was taken on today's date (the newest anchor entry decides). */
static int anchored_today(struct gn_ctx *ctx, char *at, size_t at_size, char *text, size_t text_size,
			  struct gn_err *err)
{
	sqlite3_stmt *st;
	char today[11];
	int found = 0;

	clock_date(ctx->now, today);
	if (store_prepare(ctx->db,
			  "SELECT at, json_extract(after_json, '$.anchor') FROM audit"
			  " WHERE component = 'audit' AND verb = 'anchor' ORDER BY id DESC LIMIT 1",
			  &st, err, ""))
		return -1;
	if (sqlite3_step(st) == SQLITE_ROW) {
		store_column_text(at, at_size, st, 0);
		store_column_text(text, text_size, st, 1);
		found = strncmp(at, today, 10) == 0;
	}
	sqlite3_finalize(st);
	return found;
}

/* The head, printed and handed to syslog (the journal keeps it beyond the
 * reach of whoever can write the store).  A city-wide administrator or
 * operator also records it through the door (core_audit.c): an entry in
 * the chain and a message to whoever subscribed to audit.anchor, the
 * city's or the province's copy.  Anyone else, an auditor included, only
 * prints it: read-only roles cause no side effects.  --daily (the timer)
 * takes one only when none was recorded today. */
static int anchor(struct gn_ctx *ctx, int argc, char **argv, struct gn_err *err)
{
	const struct gn_action *a = component_action(&core_audit_component, "anchor");
	int daily = argc == 1 && strcmp(argv[0], "--daily") == 0;
	int records = a && door_role_allows(ctx, a) && ctx->actor.city_wide && !ctx->read_only;
	char text[128], at[CLOCK_ISO_LEN];

	if (argc && !daily)
		return err_set(err, GN_USAGE, "用法：govnet audit anchor [--daily]");
	if (daily && !records)
		return err_set(err, GN_REFUSED, "每日锚点由全市的管理员或运行管理机构记录；%s 只能打印链头（govnet audit anchor）",
			       ctx->login);
	if (daily) {
		int taken = anchored_today(ctx, at, sizeof at, text, sizeof text, err);
		if (taken < 0)
			return -1;
		if (taken) {
			printf("今天已记录锚点（%s）：%s\n", at, text);
			return 0;
		}
	}
	if (records) {
		/* The action has no fields: an empty list, never a null one. */
		struct gn_arg none[1] = { { NULL, NULL } };
		struct gn_args args = { .items = none };
		struct door_result res;
		if (door_run(ctx, &core_audit_component, a, &args, &res, err))
			return -1;
		snprintf(text, sizeof text, "%s", res.text ? res.text : "");
		text[strcspn(text, "\n")] = '\0';
		door_result_free(&res);
	} else {
		struct audit_anchor head;
		if (audit_head(ctx->db, &head, err))
			return -1;
		snprintf(text, sizeof text, "%lld:%s", (long long)head.seq, head.hash);
	}
	openlog("govnet", LOG_PID, LOG_AUTHPRIV);
	syslog(LOG_NOTICE, "audit anchor by %s: %s", ctx->login, text);
	closelog();
	printf("%s\n", text);
	return 0;
}

const struct cli_command cli_cmd_audit_verify = {
	"audit", "verify", "[--anchor 序号:哈希]… [--anchors 文件]",
	"核对审计哈希链（完整则退出码 0），并与链外保存的锚点核对", CLI_NEEDS_LOGIN, verify,
};
const struct cli_command cli_cmd_audit_anchor = {
	"audit", "anchor", "[--daily]",
	"打印链头（序号:哈希）并记入 syslog；全市管理员或运行管理机构同时记入审计链并通知订阅 audit.anchor 者；--daily 今天已记录则不再取",
	CLI_NEEDS_LOGIN, anchor,
};
