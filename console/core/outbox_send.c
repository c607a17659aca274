/*
 * outbox_send.c — the delivery pass: claim a due message, send it over
 * its channel, record the attempt (outbox.h).
 */
#include "config.h"
#include "outbox.h"
#include "boundary.h"
#include "clock.h"
#include "net.h"
#include "store.h"
#include "strbuf.h"

#include <fcntl.h>
#include <jansson.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
extern char **environ;

#include "govnet/banned.h"

struct message {
	int64_t id;
	int attempts; /* including the one being made */
	int has_channel;
	int64_t channel_id;
	time_t give_up_at; /* queued OUTBOX_KEEP_DAYS ago: no more retries */
	char *event, *payload, *channel, *kind, *url, *from, *to, *user, *secret;
};

static char *column_dup(sqlite3_stmt *st, int i)
{
	const unsigned char *v = sqlite3_column_text(st, i);

	return v ? xstrdup((const char *)v) : NULL;
}

static void message_free(struct message *m)
{
	free(m->event), free(m->payload), free(m->channel), free(m->kind), free(m->url);
	free(m->from), free(m->to), free(m->user), free(m->secret);
	memset(m, 0, sizeof *m);
}

/* The clock GOVNET_NOW sets for tests and demos stands still; the real
 * one moves on while the console idles. */
static time_t delivery_now(const struct gn_ctx *ctx)
{
	const char *fixed = boundary_getenv("GOVNET_NOW");

	return ctx->owner && fixed && *fixed ? ctx->now : time(NULL);
}

static long long elapsed_ms(const struct timespec *t0)
{
	struct timespec t1;

	clock_gettime(CLOCK_MONOTONIC, &t1);
	return (long long)(t1.tv_sec - t0->tv_sec) * 1000 + (t1.tv_nsec - t0->tv_nsec) / 1000000;
}

/* The channels that failed in this pass: a channel whose endpoint hangs
 * or is down costs the pass one attempt, not one per message waiting for
 * it (a circuit breaker that stays open for the rest of the pass; the
 * next pass tries again). */
struct breaker {
	struct strbuf ids; /* "3, 7" */
};

static void breaker_trip(struct breaker *b, int64_t channel_id)
{
	sb_addf(&b->ids, "%s%lld", b->ids.len ? ", " : "", (long long)channel_id);
}

/* " AND o.channel_id [NOT] IN (…)" for the open channels ("" when none). */
static const char *breaker_sql(const struct breaker *b, const char *in, struct strbuf *sql)
{
	sb_reset(sql);
	if (b->ids.len)
		sb_addf(sql, " AND o.channel_id %s (%s)", in, sb_str(&b->ids));
	return sb_str(sql);
}

/* Take the next due message, leaving out the channels in skip (SQL), and
 * lease it, in one short transaction. */
static int claim(sqlite3 *db, time_t now, const char *skip, struct message *m, int *found, struct gn_err *err)
{
	struct strbuf sql = STRBUF_INIT;
	sqlite3_stmt *st = NULL;
	int rc;

	*found = 0;
	memset(m, 0, sizeof *m);
	if (store_begin(db, err))
		return -1;
	sb_addf(&sql,
		"SELECT o.id, o.attempts, o.event, o.payload, o.channel_name, c.id IS NOT NULL, c.kind, c.url,"
		" c.mail_from, c.mail_to, s.user, s.secret,"
		" CAST(strftime('%%s', o.created_at) AS INTEGER) + 86400 * " OUTBOX_KEEP_DAYS_SQL ", o.channel_id FROM outbox o"
		" LEFT JOIN notify_channel c ON c.id = o.channel_id"
		" LEFT JOIN notify_secret s ON s.channel_id = c.id"
		" WHERE o.state IN ('pending', 'sending') AND o.next_at <= ?1%s ORDER BY o.next_at, o.id LIMIT 1",
		skip);
	rc = store_prepare(db, sb_str(&sql), &st, err, "i", (int64_t)now);
	sb_free(&sql);
	if (rc)
		goto fail;
	rc = sqlite3_step(st);
	if (rc == SQLITE_DONE) {
		sqlite3_finalize(st);
		store_rollback(db);
		return 0;
	}
	if (rc != SQLITE_ROW)
		goto fail;
	m->id = sqlite3_column_int64(st, 0);
	m->attempts = sqlite3_column_int(st, 1) + 1;
	m->event = column_dup(st, 2), m->payload = column_dup(st, 3), m->channel = column_dup(st, 4);
	m->has_channel = sqlite3_column_int(st, 5);
	m->kind = column_dup(st, 6), m->url = column_dup(st, 7), m->from = column_dup(st, 8);
	m->to = column_dup(st, 9), m->user = column_dup(st, 10), m->secret = column_dup(st, 11);
	m->give_up_at = (time_t)sqlite3_column_int64(st, 12);
	m->channel_id = sqlite3_column_int64(st, 13);
	sqlite3_finalize(st);
	st = NULL;
	/* A message whose channel is gone cannot be sent anywhere. */
	if (store_run(db,
		      "UPDATE outbox SET state = ?2, attempts = attempts + ?3, next_at = ?4,"
		      " last_error = coalesce(?5, last_error) WHERE id = ?1",
		      err, "itniz", m->id, m->has_channel ? "sending" : "cancelled", m->has_channel,
		      (int64_t)(now + OUTBOX_LEASE_S), m->has_channel ? "" : "渠道已删除"))
		goto fail;
	if (store_commit(db, err)) {
		message_free(m);
		return -1;
	}
	*found = m->has_channel ? 1 : 2;
	return 0;
fail:
	store_error(db, "读取通知队列", err);
	sqlite3_finalize(st);
	store_rollback(db);
	message_free(m);
	return -1;
}

static const char *jstr(json_t *obj, const char *key)
{
	const char *v = json_string_value(json_object_get(obj, key));

	return v ? v : "";
}

static void add_value(struct strbuf *sb, json_t *v)
{
	char *text;

	if (json_is_string(v)) {
		sb_add(sb, json_string_value(v));
		return;
	}
	text = json_dumps(v, JSON_ENCODE_ANY | JSON_COMPACT);
	sb_add(sb, text ? text : "");
	free(text);
}

/* What changed, one field a line: "name：旧 → 新"; a new or removed
 * record is listed whole. */
static void add_changes(struct strbuf *sb, json_t *before, json_t *after)
{
	json_t *all = json_object(), *v;
	const char *key;

	if (json_is_object(before))
		json_object_update(all, before);
	if (json_is_object(after))
		json_object_update(all, after);
	sb_add(sb, json_is_object(before) && json_is_object(after) ? "\n变更：\n"
		   : json_is_object(after)                       ? "\n新记录：\n"
		   : json_is_object(before)                      ? "\n删除的记录：\n"
								 : "");
	json_object_foreach(all, key, v) {
		json_t *b = json_object_get(before, key), *a = json_object_get(after, key);
		if (json_is_object(before) && json_is_object(after)) {
			if (json_equal(a ? a : json_null(), b ? b : json_null()))
				continue;
			sb_addf(sb, "  %s：", key);
			add_value(sb, b ? b : json_null());
			sb_add(sb, " → ");
			add_value(sb, a ? a : json_null());
		} else {
			sb_addf(sb, "  %s：", key);
			add_value(sb, v);
		}
		sb_addch(sb, '\n');
	}
	json_decref(all);
}

static int send_mail(const struct message *m, json_t *p, const char *message_id, struct gn_err *err)
{
	struct strbuf subject = STRBUF_INIT, body = STRBUF_INIT;
	json_t *after = json_object_get(p, "after");
	int rc;

	sb_addf(&subject, "政务外网通知：%s（%s）", jstr(p, "title"), jstr(p, "org"));
	/* A county rule's message (outbox_queue_text) is its own text. */
	if (*jstr(p, "text"))
		sb_addf(&body, "%s\n\n事件    %s\n组织    %s\n时间    %s\n", jstr(p, "text"), jstr(p, "event"),
			jstr(p, "org"), jstr(p, "at"));
	else
		sb_addf(&body, "事件    %s（%s%s%s）\n组织    %s\n操作人  %s\n时间    %s\n记录    %s\n", jstr(p, "event"),
			jstr(p, "title"), *jstr(p, "article") ? "，" : "", jstr(p, "article"), jstr(p, "org"),
			jstr(p, "login"), jstr(p, "at"), jstr(p, "record"));
	if (*jstr(p, "reason"))
		sb_addf(&body, "理由    %s\n", jstr(p, "reason"));
	sb_addf(&body, "审计    第 %lld 条\n消息    %s\n", (long long)json_integer_value(json_object_get(p, "audit_id")),
		message_id);
	add_changes(&body, json_object_get(p, "before"), after);
	struct net_mail mail = {
		.url = m->url, .user = m->user, .password = m->secret, .from = m->from ? m->from : "",
		.to = m->to ? m->to : "", .subject = sb_str(&subject), .body = sb_str(&body), .message_id = message_id,
	};
	rc = net_send_mail(&mail, err);
	sb_free(&subject);
	sb_free(&body);
	return rc;
}

static int send_message(const struct message *m, long *status, struct gn_err *err)
{
	json_t *p = json_loads(m->payload, 0, NULL);
	char message_id[32];
	char *body;
	int rc;

	*status = 0;
	if (!p)
		return err_set(err, GN_REFUSED, "消息 #%lld 的内容已损坏", (long long)m->id);
	snprintf(message_id, sizeof message_id, "%lld", (long long)m->id);
	if (strcmp(m->kind, "mail") == 0) {
		rc = send_mail(m, p, message_id, err);
	} else {
		/* The message's id lets a receiver recognise a repeat after a
		 * lost acknowledgement. */
		json_object_set_new(p, "message_id", json_integer(m->id));
		body = json_dumps(p, JSON_COMPACT | JSON_SORT_KEYS);
		rc = net_post_json(m->url, body, m->secret, message_id, status, err);
		free(body);
	}
	json_decref(p);
	return rc;
}

static int record(sqlite3 *db, const struct message *m, time_t now, int ok, long status, const char *error,
		  long long ms, struct outbox_attempt_info *info, struct gn_err *err)
{
	char at[CLOCK_ISO_LEN];

	clock_format(now, at);
	info->message = m->id;
	info->event = m->event;
	info->channel = m->channel;
	info->ok = ok;
	info->http_status = status;
	info->attempts = m->attempts;
	info->error = ok ? "" : error;
	info->state = ok ? "sent" : now >= m->give_up_at ? "failed" : "pending";
	info->next_at = ok ? 0 : now + outbox_backoff(m->attempts);
	if (store_begin(db, err))
		return -1;
	if (store_run(db,
		      "INSERT INTO outbox_attempt(outbox_id, at, ok, http_status, error, ms)"
		      " VALUES (?1, ?2, ?3, nullif(?4, 0), nullif(?5, ''), ?6)",
		      err, "itniti", m->id, at, ok, (int64_t)status, info->error, (int64_t)ms) ||
	    store_run(db,
		      "UPDATE outbox SET state = ?2, next_at = ?3, last_error = nullif(?4, ''),"
		      " sent_at = CASE WHEN ?2 = 'sent' THEN ?5 END WHERE id = ?1 AND state = 'sending'",
		      err, "ititt", m->id, info->state, (int64_t)(ok ? now : info->next_at), info->error, at)) {
		store_error(db, "记录投递结果", err);
		store_rollback(db);
		return -1;
	}
	return store_commit(db, err);
}

/* Messages due on the channels in open (SQL): those the breaker left out. */
static int count_skipped(sqlite3 *db, time_t now, const char *skip, int *n)
{
	struct strbuf sql = STRBUF_INIT;
	struct gn_err ignored = { .status = GN_OK };
	int64_t count = 0;
	int rc;

	*n = 0;
	if (!*skip)
		return 0;
	sb_addf(&sql, "SELECT count(*) FROM outbox o WHERE o.state IN ('pending', 'sending') AND o.next_at <= ?1%s",
		skip);
	rc = store_query_int(db, sb_str(&sql), &count, &ignored, "i", (int64_t)now);
	sb_free(&sql);
	if (rc < 0)
		return -1;
	*n = (int)count;
	return 0;
}

int outbox_run(struct gn_ctx *ctx, int max, struct outbox_report *r, struct gn_err *err)
{
	time_t now = delivery_now(ctx);
	struct breaker b = { STRBUF_INIT };
	struct strbuf skip = STRBUF_INIT;
	int rc = 0;

	if (ctx->read_only)
		return err_set(err, GN_REFUSED, "数据库 %s 是只读的，无法投递通知", ctx->db_path);
	for (int i = 0; i < max && rc == 0; i++) {
		struct gn_err send_err = { .status = GN_OK };
		struct outbox_attempt_info info;
		struct message m;
		struct timespec t0;
		long status = 0;
		int found, ok;

		if (claim(ctx->db, now, breaker_sql(&b, "NOT IN", &skip), &m, &found, err)) {
			rc = -1;
			break;
		}
		if (!found)
			break;
		if (found == 2) { /* its channel was removed: cancelled, nothing sent */
			message_free(&m);
			continue;
		}
		clock_gettime(CLOCK_MONOTONIC, &t0);
		ok = send_message(&m, &status, &send_err) == 0;
		if (record(ctx->db, &m, now, ok, status, send_err.msg, elapsed_ms(&t0), &info, err)) {
			message_free(&m);
			rc = -1;
			break;
		}
		if (!ok)
			breaker_trip(&b, m.channel_id);
		r->attempted++;
		r->sent += ok;
		r->retrying += !ok && strcmp(info.state, "pending") == 0;
		r->failed += !ok && strcmp(info.state, "failed") == 0;
		if (r->on_attempt)
			r->on_attempt(&info, r->data);
		message_free(&m);
	}
	if (rc == 0 && count_skipped(ctx->db, now, breaker_sql(&b, "IN", &skip), &r->skipped))
		rc = store_error(ctx->db, "读取通知队列", err);
	sb_free(&b.ids);
	sb_free(&skip);
	return rc;
}

/* The console's delivery pass running in the background, 0 when none. */
static pid_t delivery_child;

/* Is a message due now?  A read, so that an idle console starts a pass
 * only when there is something to send. */
static int anything_due(sqlite3 *db, time_t now)
{
	struct gn_err ignored = { .status = GN_OK };
	int64_t one = 0;

	return store_query_int(db, "SELECT 1 FROM outbox WHERE state IN ('pending', 'sending') AND next_at <= ?1 LIMIT 1",
			       &one, &ignored, "i", (int64_t)now) == 1;
}

int outbox_deliver_due(struct gn_ctx *ctx, int max, struct gn_err *err)
{
	char self[4096], max_arg[16];
	posix_spawn_file_actions_t fa;
	ssize_t n;
	int rc;

	if (!(ctx->actor.role & OUTBOX_DELIVERERS) || ctx->read_only)
		return 0;
	if (delivery_child > 0) {
		if (waitpid(delivery_child, &rc, WNOHANG) == 0)
			return 0; /* the last pass is still sending */
		delivery_child = 0;
	}
	if (!anything_due(ctx->db, delivery_now(ctx)))
		return 0;
	n = readlink("/proc/self/exe", self, sizeof self - 1);
	if (n <= 0)
		return err_set(err, GN_REFUSED, "找不到 govnet 程序本身，无法在后台投递通知");
	self[n] = '\0';
	snprintf(max_arg, sizeof max_arg, "%d", max);
	/* The same program, as the same login, on the same store: a store
	 * reached through the group (not named with --db) is found again the
	 * same way, since the group is given up for a store named. */
	char *with_db[] = { self, "--db", ctx->db_path, "notify", "run", "--max", max_arg, NULL };
	char *without_db[] = { self, "notify", "run", "--max", max_arg, NULL };
	char **argv = boundary_installed() && !boundary_dropped() ? without_db : with_db;
	posix_spawn_file_actions_init(&fa);
	for (int fd = 0; fd <= 2; fd++)
		posix_spawn_file_actions_addopen(&fa, fd, "/dev/null", fd ? O_WRONLY : O_RDONLY, 0);
	rc = posix_spawn(&delivery_child, self, &fa, NULL, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	if (rc) {
		delivery_child = 0;
		return err_set(err, GN_REFUSED, "无法启动后台投递：%s", strerror(rc));
	}
	return 1;
}
