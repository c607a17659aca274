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

/* A channel paused by its breaker across passes (outbox.h). */
#define CHANNEL_NOT_PAUSED \
	"NOT EXISTS (SELECT 1 FROM notify_channel_health h WHERE h.channel_id = o.channel_id AND h.paused_until > ?1)"

/* The oldest message its channel still owes: a channel's messages go in
 * the order they were queued, a later one never overtaking one that
 * waits out its backoff. */
#define CHANNEL_HEAD \
	"NOT EXISTS (SELECT 1 FROM outbox p WHERE p.channel_id = o.channel_id AND p.state IN ('pending', 'sending')" \
	" AND p.id < o.id)"

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

/* A message on its way: one at a time per channel, so that a channel's
 * messages arrive in order, and up to OUTBOX_PARALLEL channels at once. */
#define OUTBOX_PARALLEL 32
struct flight {
	struct message m;
	struct timespec t0;
};

/* " AND o.channel_id NOT IN (…)": the channels that failed in this pass
 * and those with a message in flight ("" when none). */
static const char *skip_sql(const struct breaker *b, struct flight *const *flights, struct strbuf *sql)
{
	const char *sep = "";

	sb_reset(sql);
	sb_add(sql, " AND o.channel_id NOT IN (");
	if (b->ids.len)
		sb_add(sql, sb_str(&b->ids)), sep = ", ";
	for (int i = 0; i < OUTBOX_PARALLEL; i++)
		if (flights[i])
			sb_addf(sql, "%s%lld", sep, (long long)flights[i]->m.channel_id), sep = ", ";
	if (!*sep)
		sb_reset(sql);
	else
		sb_addch(sql, ')');
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
		" WHERE o.state IN ('pending', 'sending') AND o.next_at <= ?1%s AND " CHANNEL_NOT_PAUSED " AND " CHANNEL_HEAD
		" ORDER BY o.next_at, o.id LIMIT 1",
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

static struct net_job *mail_job(const struct message *m, json_t *p, const char *message_id, long timeout_s,
			       struct gn_err *err)
{
	struct strbuf subject = STRBUF_INIT, body = STRBUF_INIT;
	json_t *after = json_object_get(p, "after");
	struct net_job *job;

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
	job = net_job_mail(&mail, timeout_s, err);
	sb_free(&subject);
	sb_free(&body);
	return job;
}

/* The transfer that sends m over its channel, or NULL (err says why). */
static struct net_job *message_job(const struct message *m, long timeout_s, struct gn_err *err)
{
	json_t *p = json_loads(m->payload, 0, NULL);
	struct net_job *job;
	char message_id[32];
	char *body;

	if (!p) {
		err_set(err, GN_REFUSED, "消息 #%lld 的内容已损坏", (long long)m->id);
		return NULL;
	}
	snprintf(message_id, sizeof message_id, "%lld", (long long)m->id);
	if (strcmp(m->kind, "mail") == 0) {
		job = mail_job(m, p, message_id, timeout_s, err);
	} else {
		/* The message's id lets a receiver recognise a repeat after a
		 * lost acknowledgement. */
		json_object_set_new(p, "message_id", json_integer(m->id));
		body = json_dumps(p, JSON_COMPACT | JSON_SORT_KEYS);
		job = net_job_post_json(m->url, body, m->secret, message_id, timeout_s, err);
		free(body);
	}
	json_decref(p);
	return job;
}

/* The breaker that lasts across passes: a channel's failures in a row,
 * and from the OUTBOX_BREAKER_FAILS-th on a pause of OUTBOX_BREAKER_PAUSE_S
 * (each failure after the pause starts another); a delivery closes it. */
static int channel_health(sqlite3 *db, int64_t channel_id, int ok, time_t now, struct outbox_attempt_info *info,
			  struct gn_err *err)
{
	sqlite3_stmt *st;
	int rc;

	info->channel_fails = 0;
	info->channel_paused_until = 0;
	if (store_prepare(db,
			  ok ? "DELETE FROM notify_channel_health WHERE channel_id = ?1"
			     : "INSERT INTO notify_channel_health(channel_id, fails, paused_until)"
			       " SELECT id, 1, CASE WHEN ?2 <= 1 THEN ?3 ELSE 0 END FROM notify_channel WHERE id = ?1"
			       " ON CONFLICT(channel_id) DO UPDATE SET fails = fails + 1,"
			       " paused_until = CASE WHEN fails + 1 >= ?2 THEN ?3 ELSE 0 END"
			       " RETURNING fails, paused_until",
			  &st, err, ok ? "i" : "iii", channel_id, (int64_t)OUTBOX_BREAKER_FAILS,
			  (int64_t)now + OUTBOX_BREAKER_PAUSE_S))
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		info->channel_fails = sqlite3_column_int(st, 0);
		info->channel_paused_until = (time_t)sqlite3_column_int64(st, 1);
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : -1;
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
		      err, "ititt", m->id, info->state, (int64_t)(ok ? now : info->next_at), info->error, at) ||
	    channel_health(db, m->channel_id, ok, now, info, err)) {
		store_error(db, "记录投递结果", err);
		store_rollback(db);
		return -1;
	}
	return store_commit(db, err);
}

/* Messages due that this pass left: where (SQL) says which. */
static int count_due(sqlite3 *db, time_t now, const char *where, int *n)
{
	struct strbuf sql = STRBUF_INIT;
	struct gn_err ignored = { .status = GN_OK };
	int64_t count = 0;
	int rc;

	*n = 0;
	sb_addf(&sql, "SELECT count(*) FROM outbox o WHERE o.state IN ('pending', 'sending') AND o.next_at <= ?1 AND %s",
		where);
	rc = store_query_int(db, sb_str(&sql), &count, &ignored, "i", (int64_t)now);
	sb_free(&sql);
	if (rc < 0)
		return -1;
	*n = (int)count;
	return 0;
}

/* One attempt has ended: record it, open the pass's breaker on failure,
 * report it. */
static int attempt_done(sqlite3 *db, time_t now, struct flight *f, int ok, long status, const char *error,
			struct breaker *b, struct outbox_report *r, struct gn_err *err)
{
	struct outbox_attempt_info info;

	if (record(db, &f->m, now, ok, status, error, elapsed_ms(&f->t0), &info, err))
		return -1;
	if (!ok)
		breaker_trip(b, f->m.channel_id);
	r->attempted++;
	r->sent += ok;
	r->retrying += !ok && strcmp(info.state, "pending") == 0;
	r->failed += !ok && strcmp(info.state, "failed") == 0;
	if (r->on_attempt)
		r->on_attempt(&info, r->data);
	return 0;
}

static void flight_free(struct flight **slot)
{
	message_free(&(*slot)->m);
	free(*slot);
	*slot = NULL;
}

/* Claim due messages, one per channel not already busy, and start them,
 * until max are started or nothing more is due. */
static int start_due(struct gn_ctx *ctx, time_t now, int max, int *started, struct flight **flights,
		     struct net_multi **nm, struct breaker *b, struct outbox_report *r, struct gn_err *err)
{
	struct strbuf skip = STRBUF_INIT;
	int rc = 0;

	for (int slot = 0; slot < OUTBOX_PARALLEL && *started < max && rc == 0; slot++) {
		struct gn_err send_err = { .status = GN_OK };
		struct net_job *job;
		struct flight *f;
		int found;

		if (flights[slot])
			continue;
		f = xcalloc(1, sizeof *f);
		if (claim(ctx->db, now, skip_sql(b, flights, &skip), &f->m, &found, err)) {
			free(f);
			rc = -1;
			break;
		}
		if (!found) { /* nothing more is due */
			free(f);
			break;
		}
		if (found == 2) { /* its channel was removed: cancelled, nothing sent */
			message_free(&f->m);
			free(f);
			slot--;
			continue;
		}
		(*started)++;
		clock_gettime(CLOCK_MONOTONIC, &f->t0);
		flights[slot] = f;
		/* libcurl is loaded for the first message, not for a pass
		 * with nothing to send. */
		if (!*nm && !(*nm = net_multi_new(&send_err)))
			job = NULL;
		else
			job = message_job(&f->m, r->timeout_s, &send_err);
		if (job && net_multi_add(*nm, job, f, &send_err) == 0)
			continue;
		rc = attempt_done(ctx->db, now, f, 0, 0, send_err.msg, b, r, err);
		flight_free(&flights[slot]);
		slot--; /* the slot is free again */
	}
	sb_free(&skip);
	return rc;
}

int outbox_run(struct gn_ctx *ctx, int max, struct outbox_report *r, struct gn_err *err)
{
	time_t now = delivery_now(ctx);
	struct flight *flights[OUTBOX_PARALLEL] = { NULL };
	struct breaker b = { STRBUF_INIT };
	struct net_multi *nm = NULL;
	struct strbuf where = STRBUF_INIT;
	int rc = 0, started = 0;

	if (ctx->read_only)
		return err_set(err, GN_REFUSED, "数据库 %s 是只读的，无法投递通知", ctx->db_path);
	/* No transaction is open while the transfers run: each claim and
	 * each record is a short one of its own. */
	for (;;) {
		struct gn_err send_err;
		long status = 0;
		void *tag;
		int k;

		if (start_due(ctx, now, max, &started, flights, &nm, &b, r, err)) {
			rc = -1;
			break;
		}
		if (!nm || !net_multi_pending(nm))
			break;
		if ((k = net_multi_next(nm, &tag, &status, &send_err)) < 0) {
			rc = err_set(err, GN_REFUSED, "%s", send_err.msg);
			break;
		}
		for (int i = 0; k && i < OUTBOX_PARALLEL; i++) {
			if (flights[i] != tag)
				continue;
			rc = attempt_done(ctx->db, now, flights[i], send_err.status == GN_OK, status, send_err.msg, &b, r,
					  err);
			flight_free(&flights[i]);
		}
		if (rc)
			break;
	}
	net_multi_free(nm);
	for (int i = 0; i < OUTBOX_PARALLEL; i++)
		if (flights[i])
			flight_free(&flights[i]);
	if (rc == 0 && b.ids.len) {
		sb_addf(&where, "o.channel_id IN (%s) AND " CHANNEL_NOT_PAUSED, sb_str(&b.ids));
		if (count_due(ctx->db, now, sb_str(&where), &r->skipped))
			rc = store_error(ctx->db, "读取通知队列", err);
	}
	if (rc == 0 && count_due(ctx->db, now, "NOT " CHANNEL_NOT_PAUSED, &r->paused))
		rc = store_error(ctx->db, "读取通知队列", err);
	sb_free(&b.ids);
	sb_free(&where);
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
