/*
 * core_notify.c — notification channels, subscriptions and the outbox as a
 * component: `govnet notify channel add|remove`, `notify subscribe|
 * unsubscribe`, `notify retry`, the lists, and the console's 通知 tab.
 * Every change here goes through the one door and is audited; a channel's
 * secret (a webhook token, a mail password) is kept out of its row, so it
 * never reaches the audit chain or a list.
 */
#include "config.h"
#include "door.h"
#include "net.h"
#include "outbox.h"
#include "registry.h"
#include "store.h"
#include "workflow.h"

#include <stdio.h>
#include <string.h>
#include "govnet/banned.h"

static int64_t channel_by_name(struct gn_call *call, const char *name)
{
	int64_t id = 0;

	return gn_call_query_int(call, &id, "SELECT id FROM notify_channel WHERE name = ?1", "t", name) < 0 ? -1 : id;
}

static int channel_check(struct gn_call *call, const char *kind, struct gn_err *err)
{
	const char *url = gn_call_arg(call, "url");

	if (strcmp(kind, "webhook") == 0) {
		if (gn_call_arg(call, "from") || gn_call_arg(call, "to") || gn_call_arg(call, "user") ||
		    gn_call_arg(call, "password"))
			return gn_call_refuse(call, "webhook 渠道不用 --from、--to、--user、--password（令牌用 --token）");
		return net_check_url(url, "http https", "地址（--url）", err);
	}
	if (gn_call_arg(call, "token"))
		return gn_call_refuse(call, "邮件渠道不用 --token（邮件服务器的登录用 --user 和 --password）");
	if (!gn_call_arg(call, "from") || !gn_call_arg(call, "to"))
		return gn_call_refuse(call, "邮件渠道需要发件人（--from）和收件人（--to）");
	if (net_check_url(url, "smtp smtps", "邮件服务器地址（--url）", err) ||
	    net_check_addresses(gn_call_arg(call, "from"), "发件人（--from）", err) ||
	    net_check_addresses(gn_call_arg(call, "to"), "收件人（--to）", err))
		return -1;
	return 0;
}

static int channel_add(struct gn_call *call)
{
	const char *name = gn_call_arg(call, "name"), *kind = gn_call_arg(call, "kind");
	const char *secret = gn_call_arg(call, strcmp(kind, "mail") == 0 ? "password" : "token");
	const char *user = gn_call_arg(call, "user");
	sqlite3 *db = gn_call_db(call);
	int64_t id;

	if (channel_check(call, kind, call->err))
		return -1;
	if (channel_by_name(call, name) > 0)
		return gn_call_refuse(call, "已有名为 %s 的通知渠道", name);
	int has_secret = (secret && *secret) || (user && *user);
	if (gn_call_exec(call,
			 "INSERT INTO notify_channel(name, kind, url, mail_from, mail_to, created_at, created_by, has_secret,"
			 " contacts, org_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9,"
			 " (SELECT id FROM org WHERE parent_id IS NULL))",
			 "tttttttnn", name, kind, gn_call_arg(call, "url"), gn_call_arg(call, "from"),
			 gn_call_arg(call, "to"), gn_call_now(call), gn_call_login(call), has_secret,
			 gn_call_arg(call, "contacts") != NULL))
		return -1;
	id = sqlite3_last_insert_rowid(db);
	if (has_secret && gn_call_exec(call, "INSERT INTO notify_secret(user, secret, channel_id) VALUES (?1, ?2, ?3)",
				       "tti", user, secret, id))
		return -1;
	gn_call_set_id(call, id);
	return 0;
}

static int channel_remove(struct gn_call *call)
{
	const char *name = gn_call_arg(call, "name");
	int64_t id = channel_by_name(call, name), subs = 0;

	if (id <= 0)
		return id < 0 ? -1 : gn_call_refuse(call, "没有名为 %s 的通知渠道", name);
	if (gn_call_query_int(call, &subs, "SELECT count(*) FROM notify_sub WHERE channel_id = ?1", "i", id) < 0)
		return -1;
	if (subs)
		return gn_call_refuse_next(call, "notify", "unsubscribe", 0,
					   "通知渠道 %s 还有 %lld 个订阅，须先取消订阅（见「通知订阅」）", name, (long long)subs);
	/* The audit entry shows the channel as it was. */
	if (row_json(gn_call_db(call), "notify_channel", id, NULL, &call->before, NULL, call->err))
		return -1;
	gn_call_set_id(call, id);
	return gn_call_exec(call,
			    "UPDATE outbox SET state = 'cancelled', last_error = '渠道已删除'"
			    " WHERE channel_id = ?1 AND state IN ('pending', 'sending')",
			    "i", id) ||
	       gn_call_exec(call, "DELETE FROM notify_channel WHERE id = ?1", "i", id) ||
	       /* Its messages given up are owed now by their own organisations. */
	       wf_due_notices_rebuild(gn_call_db(call), call->err);
}

/* "*", "<component>.*" or "<component>.<verb>" of a component this
 * govnet knows, with a verb that changes something. */
static int event_check(struct gn_call *call, const char *event)
{
	const char *dot = strchr(event, '.');
	char noun[64];
	const struct gn_plugin *c;

	if (strcmp(event, "*") == 0)
		return 0;
	if (!dot || (size_t)(dot - event) >= sizeof noun || !dot[1])
		return gn_call_refuse(call, "事件 \"%.60s\" 的写法应为 组件.操作（如 access.approve）、组件.* 或 *", event);
	memcpy(noun, event, (size_t)(dot - event));
	noun[dot - event] = '\0';
	if (!(c = registry_find(call->ctx->reg, noun)))
		return gn_call_refuse(call, "事件 \"%.60s\"：没有组件 %s（未安装或未加载）", event, noun);
	if (strcmp(dot + 1, "*") == 0)
		return 0;
	const struct gn_action *a = component_action(c, dot + 1);
	if (a && !(a->flags & GN_ACTION_READONLY))
		return 0;
	for (const struct gn_transition *t = c->workflow ? c->workflow->transitions : NULL; t && t->verb; t++)
		if (strcmp(t->verb, dot + 1) == 0)
			return 0;
	return gn_call_refuse(call, "事件 \"%.60s\"：组件 %s 没有会产生变更的操作 %s（%s 的操作见其 --help）", event, noun,
			      dot + 1, noun);
}

static int subscription_find(struct gn_call *call, int64_t *channel, int64_t *id)
{
	const char *name = gn_call_arg(call, "channel");

	*id = 0;
	if ((*channel = channel_by_name(call, name)) <= 0)
		return *channel < 0 ? -1 : gn_call_refuse(call, "没有名为 %s 的通知渠道（见「通知渠道」）", name);
	return gn_call_query_int(call, id, "SELECT id FROM notify_sub WHERE event = ?1 AND org_id = ?2 AND channel_id = ?3",
				 "tii", gn_call_arg(call, "event"), call->org_id, *channel) < 0 ? -1 : 0;
}

static int subscribe(struct gn_call *call)
{
	const char *event = gn_call_arg(call, "event");
	int64_t channel, id;

	if (event_check(call, event) || subscription_find(call, &channel, &id))
		return -1;
	if (id)
		return gn_call_refuse(call, "已有相同的订阅（编号 %lld）", (long long)id);
	if (gn_call_exec(call,
			 "INSERT INTO notify_sub(event, created_at, created_by, org_id, channel_id) VALUES (?1, ?2, ?3, ?4, ?5)",
			 "tttii", event, gn_call_now(call), gn_call_login(call), call->org_id, channel))
		return -1;
	gn_call_set_id(call, sqlite3_last_insert_rowid(gn_call_db(call)));
	return 0;
}

static int unsubscribe(struct gn_call *call)
{
	int64_t channel, id;

	if (subscription_find(call, &channel, &id))
		return -1;
	if (!id)
		return gn_call_refuse(call, "没有这样的订阅：%s，%s，渠道 %s（见「通知订阅」）",
				      gn_call_arg(call, "event"), gn_call_arg(call, "org"), gn_call_arg(call, "channel"));
	if (row_json(gn_call_db(call), "notify_sub", id, NULL, &call->before, NULL, call->err))
		return -1;
	gn_call_set_id(call, id);
	return gn_call_exec(call, "DELETE FROM notify_sub WHERE id = ?1", "i", id);
}

/* A message given up (or cancelled) is queued again, with a fresh count
 * of attempts; one already delivered is never sent again. */
static int retry(struct gn_call *call)
{
	sqlite3_stmt *st;
	char state[16] = "";
	int has_channel = 0;

	if (!(st = gn_call_query(call,
				 "SELECT o.state, EXISTS (SELECT 1 FROM notify_channel c WHERE c.id = o.channel_id)"
				 " FROM outbox o WHERE o.id = ?1",
				 "i", call->id)))
		return -1;
	if (sqlite3_step(st) == SQLITE_ROW) {
		snprintf(state, sizeof state, "%s", (const char *)sqlite3_column_text(st, 0));
		has_channel = sqlite3_column_int(st, 1);
	}
	gn_call_done(call, st);
	if (strcmp(state, "sent") == 0)
		return gn_call_refuse(call, "消息 #%lld 已经送达，不会再发", (long long)call->id);
	if (strcmp(state, "pending") == 0 || strcmp(state, "sending") == 0)
		return gn_call_refuse(call, "消息 #%lld 仍在队列中，到期会自动重试", (long long)call->id);
	if (!has_channel)
		return gn_call_refuse(call, "消息 #%lld 的通知渠道已删除，无法重发", (long long)call->id);
	return gn_call_exec(call, "UPDATE outbox SET state = 'pending', attempts = 0, next_at = ?1 WHERE id = ?2", "ii",
			    (int64_t)call->ctx->now, call->id);
}

/* How long a message is kept trying before it becomes a person's duty
 * (outbox.h): one setting for the whole city. */
static int keep(struct gn_call *call)
{
	const int64_t days = gn_call_arg_int(call, "days", OUTBOX_KEEP_DAYS);

	/* The door keeps it to city-wide logins: the setting has no county.
	 * The days decide when each message not delivered is due. */
	return gn_call_exec(call,
			    "INSERT INTO setting(key, value) VALUES ('" OUTBOX_KEEP_SETTING "', ?1)"
			    " ON CONFLICT(key) DO UPDATE SET value = excluded.value",
			    "i", days) ||
	       wf_due_notices_rebuild(gn_call_db(call), call->err);
}

static const char *const channel_kinds[] = { "webhook", "mail", NULL };
static const char *const channel_kind_titles[] = { "Webhook（JSON POST）", "邮件（SMTP）", NULL };
static const char *const message_states[] = { "pending", "sending", "sent", "failed", "cancelled", NULL };
static const char *const message_state_titles[] = { "待发送", "发送中", "已送达", "已放弃", "已取消", NULL };

static const struct gn_field channel_add_fields[] = {
	{ .name = "name", .label = "名称", .type = GN_FIELD_TEXT,
	  .flags = GN_FIELD_REQUIRED | GN_FIELD_POSITIONAL, .max_chars = 40,
	  .help = "如 值班群、运维邮箱" },
	{ .name = "kind", .label = "类型", .type = GN_FIELD_CHOICE, .flags = GN_FIELD_REQUIRED,
	  .choices = channel_kinds, .choice_titles = channel_kind_titles },
	{ .name = "url", .label = "地址", .type = GN_FIELD_TEXT, .flags = GN_FIELD_REQUIRED,
	  .max_chars = NET_URL_MAX, .help = "https://… 或 smtp://主机:端口" },
	{ .name = "token", .label = "令牌", .type = GN_FIELD_TEXT, .max_chars = 500,
	  .help = "webhook：以 Authorization: Bearer 发送；不出现在列表和审计中" },
	{ .name = "from", .label = "发件人", .type = GN_FIELD_TEXT, .max_chars = 200,
	  .help = "mail：发件地址" },
	{ .name = "to", .label = "收件人", .type = GN_FIELD_TEXT, .max_chars = 1000,
	  .help = "mail：收件地址，逗号分隔" },
	{ .name = "user", .label = "用户名", .type = GN_FIELD_TEXT, .max_chars = 200,
	  .help = "mail：邮件服务器登录名" },
	{ .name = "password", .label = "密码", .type = GN_FIELD_TEXT, .max_chars = 500,
	  .help = "mail：邮件服务器密码；不出现在列表和审计中" },
	{ .name = "contacts", .label = "告知责任人", .type = GN_FIELD_FLAG,
	  .help = "通过此渠道（如短信网关）直接告知各部门备案的责任人，无需订阅（Art 11、Art 12）" },
	{ NULL },
};

static const struct gn_field channel_remove_fields[] = {
	{ .name = "name", .label = "名称", .type = GN_FIELD_TEXT,
	  .flags = GN_FIELD_REQUIRED | GN_FIELD_POSITIONAL, .max_chars = 40 },
	{ NULL },
};

static const struct gn_field subscription_fields[] = {
	{ .name = "event", .label = "事件", .type = GN_FIELD_TEXT,
	  .flags = GN_FIELD_REQUIRED | GN_FIELD_POSITIONAL, .max_chars = 100,
	  .help = "组件.操作（如 access.approve）、组件.* 或 *" },
	{ .name = "org", .label = "组织", .type = GN_FIELD_ORG, .flags = GN_FIELD_REQUIRED,
	  .help = "此组织及其下级的事件" },
	{ .name = "channel", .label = "渠道", .type = GN_FIELD_TEXT, .flags = GN_FIELD_REQUIRED,
	  .max_chars = 40, .help = "通知渠道的名称" },
	{ NULL },
};

static const struct gn_field keep_fields[] = {
	{ .name = "days", .label = "天数", .type = GN_FIELD_INT, .flags = GN_FIELD_REQUIRED, .min = 1, .max = 365,
	  .help = "未送达的通知自动重试的天数，之后列入到期事项待人处理（默认 7）" },
	{ NULL },
};

static const struct gn_field retry_fields[] = {
	{ .name = "id", .label = "消息", .type = GN_FIELD_ID,
	  .flags = GN_FIELD_REQUIRED | GN_FIELD_POSITIONAL,
	  .help = "消息编号（见「通知队列」）" },
	{ NULL },
};

/* DESIGN §2: notifications are configured by the operating agency and
 * administrators for the whole city; the competent authorities subscribe
 * for their own organisations. */
static const struct gn_action notify_actions[] = {
	{ .verb = "channel add", .title = "添加通知渠道", .roles = GN_ROLE_ADMIN | GN_ROLE_OPERATOR,
	  .fields = channel_add_fields, .table = "notify_channel", .run = channel_add,
	  .flags = GN_ACTION_CREATES },
	{ .verb = "channel remove", .title = "删除通知渠道",
	  .roles = GN_ROLE_ADMIN | GN_ROLE_OPERATOR, .fields = channel_remove_fields,
	  .table = "notify_channel", .run = channel_remove, .flags = GN_ACTION_DESTRUCTIVE },
	/* A department subscribes for its own records (Art 11: decisions on
	 * its requests); the door keeps it within its own organisation. */
	{ .verb = "subscribe", .title = "订阅通知",
	  .roles = GN_ROLE_ADMIN | GN_ROLE_OPERATOR | GN_ROLE_OFFICE | GN_ROLE_DEPT,
	  .fields = subscription_fields, .table = "notify_sub", .scope_field = "org",
	  .run = subscribe, .flags = GN_ACTION_CREATES },
	{ .verb = "unsubscribe", .title = "取消订阅",
	  .roles = GN_ROLE_ADMIN | GN_ROLE_OPERATOR | GN_ROLE_OFFICE | GN_ROLE_DEPT,
	  .fields = subscription_fields, .table = "notify_sub", .scope_field = "org",
	  .run = unsubscribe, .flags = GN_ACTION_DESTRUCTIVE },
	{ .verb = "retry", .title = "重新发送", .roles = GN_ROLE_ADMIN | GN_ROLE_OPERATOR,
	  .fields = retry_fields, .table = "outbox", .run = retry },
	{ .verb = "keep", .title = "设置通知保留期限", .roles = GN_ROLE_ADMIN | GN_ROLE_OPERATOR,
	  .fields = keep_fields, .table = "setting", .run = keep },
	{ NULL },
};

#define ROOT_PATH "(SELECT path FROM org WHERE parent_id IS NULL)"

static const struct gn_column message_columns[] = {
	{ .name = "created_at", .label = "时间", .width = 25 },
	{ .name = "event", .label = "事件", .width = 18 },
	{ .name = "org", .label = "组织", .width = 12 },
	{ .name = "channel", .label = "渠道", .width = 10 },
	{ .name = "state_title", .label = "状态", .width = 6 },
	{ .name = "attempts", .label = "尝试", .width = 4, .flags = GN_COLUMN_RIGHT },
	{ .name = "next_try", .label = "下次尝试", .width = 19 },
	{ .name = "last_error", .label = "最近的错误", .width = 30 },
	{ .name = "state", .label = "状态码", .width = 9, .flags = GN_COLUMN_HIDDEN },
	{ NULL },
};

static const struct gn_filter message_filters[] = {
	{ .name = "state", .label = "状态", .type = GN_FIELD_CHOICE, .sql = "state = ?",
	  .choices = message_states, .choice_titles = message_state_titles },
	{ .name = "event", .label = "事件", .type = GN_FIELD_TEXT, .sql = "event = ?" },
	{ .name = "channel", .label = "渠道", .type = GN_FIELD_TEXT, .sql = "channel = ?" },
	{ NULL },
};

static const struct gn_column channel_columns[] = {
	{ .name = "name", .label = "名称", .width = 12 },
	{ .name = "kind", .label = "类型", .width = 7 },
	{ .name = "url", .label = "地址", .width = 36 },
	{ .name = "mail_to", .label = "收件人", .width = 20 },
	{ .name = "secret", .label = "凭据", .width = 4 },
	{ .name = "subscriptions", .label = "订阅", .width = 4, .flags = GN_COLUMN_RIGHT },
	{ .name = "fails", .label = "连续失败", .width = 8, .flags = GN_COLUMN_RIGHT },
	{ .name = "paused_until", .label = "暂停至", .width = 19 },
	{ NULL },
};

static const struct gn_column subscription_columns[] = {
	{ .name = "event", .label = "事件", .width = 20 },
	{ .name = "org", .label = "组织", .width = 16 },
	{ .name = "channel", .label = "渠道", .width = 12 },
	{ .name = "created_by", .label = "订阅人", .width = 10 },
	{ .name = "created_at", .label = "时间", .width = 25 },
	{ NULL },
};

static const struct gn_column attempt_columns[] = {
	{ .name = "message", .label = "消息", .width = 6, .flags = GN_COLUMN_RIGHT },
	{ .name = "at", .label = "时间", .width = 25 },
	{ .name = "result", .label = "结果", .width = 6 },
	{ .name = "http_status", .label = "HTTP", .width = 4, .flags = GN_COLUMN_RIGHT },
	{ .name = "ms", .label = "毫秒", .width = 6, .flags = GN_COLUMN_RIGHT },
	{ .name = "error", .label = "错误", .width = 40 },
	{ NULL },
};

static const struct gn_filter attempt_filters[] = {
	{ .name = "message", .label = "消息", .type = GN_FIELD_INT, .sql = "message = ?" },
	{ NULL },
};

#define MESSAGE_STATE_TITLE \
	"CASE m.state WHEN 'pending' THEN '待发送' WHEN 'sending' THEN '发送中' WHEN 'sent' THEN '已送达'" \
	" WHEN 'failed' THEN '已放弃' ELSE '已取消' END"

static const struct gn_view notify_views[] = {
	{ .name = "list", .title = "通知队列",
	  .sql = "SELECT m.id, m.created_at, m.event, coalesce(o.name, '全市') AS org, m.channel_name AS channel, m.state,"
	  " " MESSAGE_STATE_TITLE " AS state_title, m.attempts,"
	  " CASE WHEN m.state IN ('pending', 'sending') THEN datetime(m.next_at, 'unixepoch', 'localtime') END AS next_try,"
	  " m.last_error, coalesce(o.path, " ROOT_PATH ") AS org_path"
	  " FROM outbox m LEFT JOIN org o ON o.id = m.org_id",
	  .columns = message_columns, .filters = message_filters },
	{ .name = "channels", .title = "通知渠道",
	  .sql = "SELECT c.id, c.name, c.kind, c.url, c.mail_to, CASE c.has_secret WHEN 1 THEN '有' ELSE '' END AS secret,"
	  " (SELECT count(*) FROM notify_sub s WHERE s.channel_id = c.id) AS subscriptions,"
	  " coalesce(h.fails, 0) AS fails,"
	  " CASE WHEN h.paused_until > 0 THEN datetime(h.paused_until, 'unixepoch', 'localtime') END AS paused_until,"
	  " " ROOT_PATH " AS org_path"
	  " FROM notify_channel c LEFT JOIN notify_channel_health h ON h.channel_id = c.id",
	  .columns = channel_columns },
	{ .name = "subscriptions", .title = "通知订阅",
	  .sql = "SELECT s.id, s.event, o.name AS org, c.name AS channel, s.created_by, s.created_at, o.path AS org_path"
	  " FROM notify_sub s JOIN org o ON o.id = s.org_id JOIN notify_channel c ON c.id = s.channel_id",
	  .columns = subscription_columns },
	{ .name = "attempts", .title = "投递记录",
	  .sql = "SELECT a.id, a.outbox_id AS message, a.at, CASE a.ok WHEN 1 THEN '成功' ELSE '失败' END AS result,"
	  " a.http_status, a.ms, a.error, coalesce(o.path, " ROOT_PATH ") AS org_path"
	  " FROM outbox_attempt a JOIN outbox m ON m.id = a.outbox_id LEFT JOIN org o ON o.id = m.org_id",
	  .columns = attempt_columns, .filters = attempt_filters },
	{ NULL },
};

static const struct gn_record notify_record = { .table = "outbox", .title = "通知消息",
	  .show_sql = "SELECT m.id, m.created_at, m.event, coalesce(o.name, '全市') AS org, m.channel_name AS channel, m.state,"
	" m.attempts, m.last_error, m.sent_at, m.audit_id, m.payload,"
	" coalesce(o.path, " ROOT_PATH ") AS org_path FROM outbox m LEFT JOIN org o ON o.id = m.org_id WHERE m.id = ?1" };

const struct gn_plugin core_notify_component = {
	.abi = GN_PLUGIN_ABI,
	.name = "notify",
	.title = "通知",
	.version = PACKAGE_VERSION,
	.record = &notify_record,
	.views = notify_views,
	.actions = notify_actions,
};
