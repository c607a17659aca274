/*
 * govnet notify channel add|list|remove, notify subscriptions, notify run.
 *
 * Channels, subscriptions and the queue are the notify component's actions
 * and views (core_notify.c), rendered like any component's; these commands
 * only give them their familiar names.  `notify subscribe|unsubscribe|
 * list|retry` reach the component directly.  `notify run` is the delivery
 * pass.
 */
#include "config.h"
#include "cli.h"
#include "../core/clock.h"
#include "../core/outbox.h"
#include "../core/strbuf.h"

#include <stdlib.h>
#include <string.h>
#include "govnet/banned.h"

#define NOTIFY_RUN_DEFAULT_MAX 1000

/* Run the component with words put in front of the user's arguments. */
static int forward(struct gn_ctx *ctx, const char *const *words, int nwords, int argc, char **argv,
		   struct gn_err *err)
{
	char **v = xcalloc((size_t)(nwords + argc + 1), sizeof *v);
	int rc;

	for (int i = 0; i < nwords; i++)
		v[i] = xstrdup(words[i]);
	for (int i = 0; i < argc; i++)
		v[nwords + i] = argv[i];
	rc = cli_component(ctx, nwords + argc, v, err);
	for (int i = 0; i < nwords; i++)
		free(v[i]);
	free(v);
	return rc;
}

static int channel(struct gn_ctx *ctx, int argc, char **argv, struct gn_err *err)
{
	if (argc >= 1 && strcmp(argv[0], "list") == 0) {
		static const char *const words[] = { "notify", "list", "--view", "channels" };
		return forward(ctx, words, 4, argc - 1, argv + 1, err);
	}
	if (argc >= 1 && (strcmp(argv[0], "add") == 0 || strcmp(argv[0], "remove") == 0)) {
		static const char *const words[] = { "notify", "channel" };
		return forward(ctx, words, 2, argc, argv, err);
	}
	return err_set(err, GN_USAGE,
		       "用法：govnet notify channel add 名称 --kind webhook|mail --url 地址 [--token 令牌 | --from 发件人 --to 收件人]\n"
		       "      govnet notify channel list [--json]\n"
		       "      govnet notify channel remove 名称");
}

static int subscriptions(struct gn_ctx *ctx, int argc, char **argv, struct gn_err *err)
{
	static const char *const words[] = { "notify", "list", "--view", "subscriptions" };

	return forward(ctx, words, 4, argc, argv, err);
}

static void print_attempt(const struct outbox_attempt_info *a, void *data)
{
	(void)data;
	printf("#%lld %s → %s：", (long long)a->message, a->event, a->channel);
	if (a->ok) {
		if (a->http_status)
			printf("已送达（HTTP %ld）\n", a->http_status);
		else
			puts("已送达");
		return;
	}
	printf("第 %d 次尝试失败：%s", a->attempts, a->error);
	if (strcmp(a->state, "failed") == 0) {
		printf("；已重试到保留期限，不再重试，已列入 govnet due 待人处理（govnet notify retry %lld 可重新排队）",
		       (long long)a->message);
	} else {
		char when[CLOCK_ISO_LEN];
		clock_format(a->next_at, when);
		printf("；将于 %s 重试", when);
	}
	if (a->channel_paused_until) {
		char until[CLOCK_ISO_LEN];
		clock_format(a->channel_paused_until, until);
		printf("；渠道 %s 已连续失败 %d 次，暂停投递至 %s", a->channel, a->channel_fails, until);
	}
	putchar('\n');
}

static int run(struct gn_ctx *ctx, int argc, char **argv, struct gn_err *err)
{
	struct outbox_report r = { .on_attempt = print_attempt };
	int max = NOTIFY_RUN_DEFAULT_MAX;
	int64_t waiting = 0;

	for (int i = 0; i < argc; i++) {
		int is_max = strcmp(argv[i], "--max") == 0;
		char *end;
		long n;
		if ((!is_max && strcmp(argv[i], "--timeout") != 0) || i + 1 >= argc)
			return err_set(err, GN_USAGE, "用法：govnet notify run [--max N] [--timeout 秒]");
		n = strtol(argv[++i], &end, 10);
		if (is_max && (*end || n < 1 || n > 100000))
			return err_set(err, GN_USAGE, "--max 需要 1 到 100000 之间的整数");
		if (!is_max && (*end || n < 1 || n > 600))
			return err_set(err, GN_USAGE, "--timeout（每次投递的超时秒数）需要 1 到 600 之间的整数");
		if (is_max)
			max = (int)n;
		else
			r.timeout_s = n;
	}
	if (!(ctx->actor.role & OUTBOX_DELIVERERS))
		return err_set(err, GN_REFUSED, "只有 admin 或 operator 可以投递通知");
	if (outbox_run(ctx, max, &r, err) || outbox_count_waiting(ctx->db, &waiting, err))
		return -1;
	printf("投递 %d 条：送达 %d，稍后重试 %d，放弃 %d；队列中还有 %lld 条待发送\n", r.attempted, r.sent, r.retrying,
	       r.failed, (long long)waiting);
	if (r.skipped)
		printf("其中 %d 条所在渠道本轮已投递失败，留待下一轮（不占本轮时间）\n", r.skipped);
	if (r.paused)
		printf("另有 %d 条所在渠道连续失败，暂停投递，冷却后再试（govnet notify channel list）\n", r.paused);
	/* A cron job must notice: deliveries that failed make the run fail. */
	if (r.retrying + r.failed > 0)
		return err_set(err, GN_REFUSED, "%d 条通知投递失败（%d 条稍后重试，%d 条已放弃）", r.retrying + r.failed,
			       r.retrying, r.failed);
	return 0;
}

const struct cli_command cli_cmd_notify_channel = {
	"notify", "channel", "add|list|remove …", "通知渠道：webhook（JSON POST）或邮件（SMTP）", CLI_NEEDS_LOGIN, channel,
};
const struct cli_command cli_cmd_notify_subscriptions = {
	"notify", "subscriptions", "[--json]", "通知订阅（subscribe/unsubscribe 事件 --org 组织 --channel 渠道）",
	CLI_NEEDS_LOGIN, subscriptions,
};
const struct cli_command cli_cmd_notify_run = {
	"notify", "run", "[--max N] [--timeout 秒]", "投递到期的通知（list 查看队列，retry 重新排队）", CLI_NEEDS_LOGIN, run,
};
