/*
 * outbox.c — queueing notifications inside the change's transaction, and
 * delivering them afterwards (outbox.h).
 *
 * Delivery never holds the store's write lock while it waits on the
 * network: a message is first claimed (leased) in a short transaction,
 * then sent, then its outcome recorded in another.  Two delivery passes at
 * once (the console and a cron job) therefore never send the same message
 * twice; a pass that dies mid-send leaves a lease that runs out.
 */
#include "config.h"
#include "outbox.h"
#include "clock.h"
#include "door.h"
#include "net.h"
#include "org.h"
#include "store.h"
#include "strbuf.h"
#include "workflow.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "govnet/banned.h"

const struct gn_migration outbox_migrations[] = {
	{ 1,
	  /* Where notifications go.  org_id is the city: channels are
	   * configured city-wide (the door's scope check reads it). */
	  "CREATE TABLE notify_channel ("
	  "  id INTEGER PRIMARY KEY,"
	  "  name TEXT NOT NULL UNIQUE,"
	  "  kind TEXT NOT NULL CHECK (kind IN ('webhook', 'mail')),"
	  "  url TEXT NOT NULL,"
	  "  mail_from TEXT,"
	  "  mail_to TEXT,"
	  "  has_secret INTEGER NOT NULL DEFAULT 0,"
	  "  org_id INTEGER NOT NULL REFERENCES org(id),"
	  "  created_at TEXT NOT NULL,"
	  "  created_by TEXT NOT NULL);"
	  /* A webhook's token or a mail server's login, kept apart from the
	   * channel's row so that neither lists nor the audit chain show it. */
	  "CREATE TABLE notify_secret ("
	  "  channel_id INTEGER PRIMARY KEY REFERENCES notify_channel(id) ON DELETE CASCADE,"
	  "  user TEXT,"
	  "  secret TEXT);"
	  /* Who wants to hear of what: an event "<component>.<verb>",
	   * "<component>.*" or "*", for an organisation and its subtree. */
	  "CREATE TABLE notify_sub ("
	  "  id INTEGER PRIMARY KEY,"
	  "  event TEXT NOT NULL,"
	  "  org_id INTEGER NOT NULL REFERENCES org(id),"
	  "  channel_id INTEGER NOT NULL REFERENCES notify_channel(id),"
	  "  created_at TEXT NOT NULL,"
	  "  created_by TEXT NOT NULL,"
	  "  UNIQUE (event, org_id, channel_id));"
	  "CREATE INDEX notify_sub_channel ON notify_sub(channel_id);"
	  /* One message per channel per change.  The channel's name is kept
	   * so that the history still reads after a channel is removed.
	   * next_at is Unix time: when the message is next due. */
	  "CREATE TABLE outbox ("
	  "  id INTEGER PRIMARY KEY,"
	  "  created_at TEXT NOT NULL,"
	  "  event TEXT NOT NULL,"
	  "  org_id INTEGER REFERENCES org(id),"
	  "  audit_id INTEGER,"
	  "  channel_id INTEGER NOT NULL,"
	  "  channel_name TEXT NOT NULL,"
	  "  payload TEXT NOT NULL,"
	  "  state TEXT NOT NULL DEFAULT 'pending'"
	  "    CHECK (state IN ('pending', 'sending', 'sent', 'failed', 'cancelled')),"
	  "  attempts INTEGER NOT NULL DEFAULT 0,"
	  "  next_at INTEGER NOT NULL,"
	  "  last_error TEXT,"
	  "  sent_at TEXT);"
	  "CREATE INDEX outbox_due ON outbox(state, next_at);"
	  "CREATE TABLE outbox_attempt ("
	  "  id INTEGER PRIMARY KEY,"
	  "  outbox_id INTEGER NOT NULL REFERENCES outbox(id),"
	  "  at TEXT NOT NULL,"
	  "  ok INTEGER NOT NULL,"
	  "  http_status INTEGER,"
	  "  error TEXT,"
	  "  ms INTEGER NOT NULL);"
	  "CREATE INDEX outbox_attempt_message ON outbox_attempt(outbox_id);" },
	{ 2,
	  /* A channel that reaches people rather than a group (an SMS
	   * gateway): the Art 12 responsible persons are told through it
	   * without anyone subscribing (Art 11). */
	  "ALTER TABLE notify_channel ADD COLUMN contacts INTEGER NOT NULL DEFAULT 0;" },
	{ 3,
	  /* The breaker that lasts across delivery passes (OUTBOX_BREAKER_FAILS):
	   * a channel's failures in a row and the Unix time it is paused
	   * until.  Bookkeeping of delivery, not part of the channel's
	   * audited row. */
	  "CREATE TABLE notify_channel_health ("
	  "  channel_id INTEGER PRIMARY KEY REFERENCES notify_channel(id) ON DELETE CASCADE,"
	  "  fails INTEGER NOT NULL DEFAULT 0,"
	  "  paused_until INTEGER NOT NULL DEFAULT 0);"
	  /* A channel's messages still owed, oldest first: sent in order. */
	  "CREATE INDEX outbox_owed ON outbox(channel_id, id) WHERE state IN ('pending', 'sending');" },
	{ 0, NULL },
};

long outbox_backoff(int attempts)
{
	long delay = OUTBOX_BACKOFF_S;

	for (int i = 1; i < attempts && delay < OUTBOX_BACKOFF_MAX_S; i++)
		delay *= 2;
	return delay < OUTBOX_BACKOFF_MAX_S ? delay : OUTBOX_BACKOFF_MAX_S;
}

/* ---- queueing: the door's after-audit hook ------------------------------- */

/* The channels subscribed to event ?1 (or ?2, "<component>.*") for the
 * organisation at path ?3 or any above it. */
#define SUBSCRIBERS_SQL                                                                   \
	"SELECT DISTINCT c.id, c.name FROM notify_sub s"                                  \
	" JOIN org o ON o.id = s.org_id JOIN notify_channel c ON c.id = s.channel_id"     \
	" WHERE s.event IN ('*', ?1, ?2) AND substr(?3, 1, length(o.path)) = o.path"      \
	" ORDER BY c.id"

static int root_path(sqlite3 *db, char *path, size_t size, struct gn_err *err)
{
	sqlite3_stmt *st;
	int rc;

	if (store_query(db, "SELECT path FROM org WHERE parent_id IS NULL ORDER BY id LIMIT 1", &st, err, ""))
		return -1;
	rc = sqlite3_step(st);
	snprintf(path, size, "%s", rc == SQLITE_ROW ? (const char *)sqlite3_column_text(st, 0) : "/");
	store_release(db, st);
	return 0;
}

static json_t *json_or_null(const char *text)
{
	json_t *v = text ? json_loads(text, 0, NULL) : NULL;

	return v ? v : json_null();
}

/* What a receiver is told: the event, the record before and after, who,
 * when, why, and the audit entry that holds the same. */
static char *payload_for(struct gn_call *call, const char *event, const char *org_name, struct gn_err *err)
{
	sqlite3 *db = call->ctx->db;
	const char *reason = call->args->why;
	int64_t audit_id = 0;
	char target[96];
	json_t *obj;
	char *text;

	if (!reason)
		reason = args_get(call->args, "reason");
	if (!reason)
		reason = args_get(call->args, "comment");
	if (store_query_int(db, "SELECT max(id) FROM audit", &audit_id, err, "") < 0)
		return NULL;
	snprintf(target, sizeof target, "%s#%lld", call->action->table ? call->action->table : "",
		 (long long)call->id);
	obj = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s?, s:s, s:I, s:I, s:s, s:s, s:s, s:s, s:I}", "event", event,
			"component", call->component->name, "component_title", call->component->title, "verb",
			call->action->verb, "title", call->action->title, "article", call->action->article, "record",
			target, "id", (json_int_t)call->id, "org_id", (json_int_t)call->org_id, "org", org_name, "login",
			call->ctx->login, "at", call->now, "reason", reason ? reason : "", "audit_id", (json_int_t)audit_id);
	if (!obj) {
		err_set(err, GN_REFUSED, "通知内容无法生成（%s）", event);
		return NULL;
	}
	json_object_set_new(obj, "before", json_or_null(call->before));
	json_object_set_new(obj, "after", json_or_null(call->after));
	/* A workflow record's running deadline, marked when provisional. */
	char due[16], what[128];
	int paused, provisional;
	if (call->component->workflow && call->id) {
		if (wf_clock_of(db, call->component->name, call->id, due, sizeof due, what, sizeof what, &paused,
				&provisional, err)) {
			json_decref(obj);
			return NULL;
		}
		if (due[0]) {
			json_object_set_new(obj, "due", json_string(due));
			json_object_set_new(obj, "provisional", json_boolean(provisional));
		}
	}
	text = json_dumps(obj, JSON_COMPACT | JSON_SORT_KEYS);
	json_decref(obj);
	return text;
}

/* One message into the outbox, due at next_at, linked to the audit entry
 * just written (the change's own).  Every message, whether a
 * subscription's or a rule's, is written here. */
static int insert_message(sqlite3 *db, const char *at, const char *event, int64_t org_id, int64_t channel_id,
			  const char *channel_name, const char *payload, time_t next_at, struct gn_err *err)
{
	return store_run(db,
			 "INSERT INTO outbox(created_at, event, org_id, audit_id, channel_id, channel_name, payload,"
			 " next_at) VALUES (?1, ?2, nullif(?3, 0), (SELECT max(id) FROM audit), ?4, ?5, ?6, ?7)",
			 err, "ttiitti", at, event, org_id, channel_id, channel_name, payload, (int64_t)next_at);
}

static int queue_event(struct gn_call *call, void *data, struct gn_err *err)
{
	sqlite3 *db = call->ctx->db;
	char event[160], any[96], path[256], name[256] = "全市";
	sqlite3_stmt *match = NULL;
	char *payload = NULL;
	int rc, ret = -1;

	(void)data;
	snprintf(event, sizeof event, "%s.%s", call->component->name, call->action->verb);
	snprintf(any, sizeof any, "%s.*", call->component->name);
	if (call->org_id ? org_lookup(db, call->org_id, path, sizeof path, name, sizeof name, err)
			 : root_path(db, path, sizeof path, err))
		return -1;
	/* Subscriptions of the organisation and of every one above it: asked
	 * on every change, so the statement is kept. */
	if (store_query(db, SUBSCRIBERS_SQL, &match, err, "ttt", event, any, path))
		return -1;
	while ((rc = sqlite3_step(match)) == SQLITE_ROW) {
		if (!payload && !(payload = payload_for(call, event, name, err)))
			goto out;
		if (insert_message(db, call->now, event, call->org_id, sqlite3_column_int64(match, 0),
				   (const char *)sqlite3_column_text(match, 1), payload, call->ctx->now, err))
			goto out;
	}
	ret = rc == SQLITE_DONE ? 0 : store_error(db, "查找通知订阅", err);
out:
	store_release(db, match);
	free(payload);
	return ret;
}

/* The time of the change being made: its audit entry's, the last one
 * written in this transaction (so GOVNET_NOW holds here too); now when
 * there is none yet. */
static int change_time(sqlite3 *db, int64_t *audit_id, char at[CLOCK_ISO_LEN], time_t *t, struct gn_err *err)
{
	sqlite3_stmt *st;
	int rc;

	*audit_id = 0;
	*t = time(NULL);
	if (store_prepare(db, "SELECT id, at FROM audit ORDER BY id DESC LIMIT 1", &st, err, ""))
		return -1;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		struct gn_err ignored;
		*audit_id = sqlite3_column_int64(st, 0);
		if (clock_parse((const char *)sqlite3_column_text(st, 1), t, &ignored))
			*t = time(NULL);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_error(db, "通知", err);
	clock_format(*t, at);
	return 0;
}

/* One text message for one channel, belonging to the change being made. */
/* The time and audit entry of a change whose handler is still running:
 * its own clock, and the entry the door writes next in this transaction. */
static int handler_time(sqlite3 *db, time_t when, int64_t *audit_id, char at[CLOCK_ISO_LEN], time_t *t,
			struct gn_err *err)
{
	*audit_id = 0;
	if (store_query_int(db, "SELECT coalesce(max(id), 0) + 1 FROM audit", audit_id, err, "") < 0)
		return -1;
	*t = when;
	clock_format(when, at);
	return 0;
}

/* when: the change's time while its handler runs, or 0 after its audit
 * entry is written (the entry then gives both). */
static int queue_text_to(sqlite3 *db, int64_t channel_id, const char *channel, const char *event, int64_t org_id,
			 const char *title, const char *text, const char *to_name, const char *to_phone, time_t when,
			 struct gn_err *err)
{
	char at[CLOCK_ISO_LEN], path[256], org_name[256] = "全市";
	int64_t audit_id = 0;
	json_t *obj;
	char *payload;
	time_t t;
	int rc;

	if ((org_id && org_lookup(db, org_id, path, sizeof path, org_name, sizeof org_name, err)) ||
	    (when ? handler_time(db, when, &audit_id, at, &t, err) : change_time(db, &audit_id, at, &t, err)))
		return -1;
	obj = json_pack("{s:s, s:s, s:s, s:s, s:I, s:s, s:s, s:I}", "event", event, "title", title, "channel", channel,
			"text", text, "org_id", (json_int_t)org_id, "org", org_name, "at", at, "audit_id",
			(json_int_t)audit_id);
	if (obj && to_phone)
		json_object_set_new(obj, "to", json_pack("{s:s, s:s}", "name", to_name ? to_name : "", "phone", to_phone));
	if (!obj)
		return err_set(err, GN_REFUSED, "通知内容无法生成（%s）", event);
	payload = json_dumps(obj, JSON_COMPACT | JSON_SORT_KEYS);
	json_decref(obj);
	if (!payload)
		return err_set(err, GN_REFUSED, "通知内容无法生成（%s）", event);
	rc = insert_message(db, at, event, org_id, channel_id, channel, payload, t, err);
	free(payload);
	return rc;
}

int outbox_queue_text(sqlite3 *db, const char *channel, const char *event, int64_t org_id, const char *text,
		      struct gn_err *err)
{
	sqlite3_stmt *st;
	int64_t channel_id = 0;
	char name[256] = "";
	int rc;

	if (store_prepare(db, "SELECT id, name FROM notify_channel WHERE name = ?1", &st, err, "t", channel))
		return -1;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		channel_id = sqlite3_column_int64(st, 0);
		snprintf(name, sizeof name, "%s", sqlite3_column_text(st, 1));
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW)
		return rc == SQLITE_DONE ? err_set(err, GN_REFUSED, "没有名为 %s 的通知渠道（见「通知渠道」）", channel)
					 : store_error(db, "查找通知渠道", err);
	return queue_text_to(db, channel_id, name, event, org_id, "规则通知", text, NULL, NULL, 0, err);
}

int outbox_queue_for_org(sqlite3 *db, const char *event, int64_t org_id, const char *text, time_t when,
			 int *queued, struct gn_err *err)
{
	char path[256], any[96];
	const char *dot = strchr(event, '.');
	sqlite3_stmt *st;
	int rc;

	*queued = 0;
	if (org_id ? org_lookup(db, org_id, path, sizeof path, NULL, 0, err) : root_path(db, path, sizeof path, err))
		return -1;
	snprintf(any, sizeof any, "%.*s.*", dot ? (int)(dot - event) : (int)strlen(event), event);
	/* Subscriptions of the organisation and of every one above it. */
	if (store_prepare(db, SUBSCRIBERS_SQL, &st, err, "ttt", event, any, path))
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (queue_text_to(db, sqlite3_column_int64(st, 0), (const char *)sqlite3_column_text(st, 1), event, org_id,
				  "通知", text, NULL, NULL, when, err)) {
			sqlite3_finalize(st);
			return -1;
		}
		(*queued)++;
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : store_error(db, "查找通知订阅", err);
}

int outbox_queue_for_person(sqlite3 *db, const char *event, int64_t org_id, const char *name, const char *phone,
			    const char *text, time_t when, int *queued, struct gn_err *err)
{
	sqlite3_stmt *st;
	int rc;

	*queued = 0;
	if (store_prepare(db, "SELECT id, name FROM notify_channel WHERE contacts = 1 ORDER BY id", &st, err, ""))
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (queue_text_to(db, sqlite3_column_int64(st, 0), (const char *)sqlite3_column_text(st, 1), event, org_id,
				  "告知", text, name, phone, when, err)) {
			sqlite3_finalize(st);
			return -1;
		}
		(*queued)++;
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : store_error(db, "查找通知渠道", err);
}

void outbox_attach(struct gn_ctx *ctx)
{
	door_add_hook(DOOR_AFTER_AUDIT, (struct door_hook){ queue_event, ctx });
}

int outbox_count_waiting(sqlite3 *db, int64_t *n, struct gn_err *err)
{
	*n = 0;
	return store_query_int(db, "SELECT count(*) FROM outbox WHERE state IN ('pending', 'sending')", n, err, "") < 0
		       ? -1 : 0;
}
