/*
 * outbox.h — notifications (DESIGN §2).  A change that someone subscribed
 * to leaves one row per channel in the outbox, written by the door's
 * after-audit hook inside the change's own transaction: if the change rolls
 * back, so does its notification, and once it commits the notification
 * cannot be lost.  A delivery pass (`govnet notify run`, the console when
 * idle) sends what is due over libcurl, records every attempt, retries
 * with exponential backoff up to a cap, and never sends a message again
 * once a webhook answered 2xx or the mail server accepted it.
 */
#ifndef GN_OUTBOX_H
#define GN_OUTBOX_H

#include <stdint.h>
#include <time.h>
#include "ctx.h"
#include "err.h"
#include "govnet/plugin.h"

/* The first retry waits this long; each further one twice as long as the
 * one before, up to OUTBOX_BACKOFF_MAX_S.  Nothing is lost (DESIGN §2):
 * a message is retried for OUTBOX_KEEP_DAYS after it was queued (the
 * setting OUTBOX_KEEP_SETTING, `govnet notify keep --days N`, overrides),
 * so that a weekend's outage delays it and no more; a message still
 * undelivered then is given up (state "failed", until notify retry) and
 * raised in govnet due and on the Overview, a person's duty from that
 * day, never silently. */
#define OUTBOX_BACKOFF_S 60
#define OUTBOX_BACKOFF_MAX_S (6 * 3600)
#define OUTBOX_KEEP_DAYS 7
/* Written by `notify keep` alone, which writes the deadline entries of the
 * messages not delivered again in the same transaction (workflow.h's
 * wf_due_notices_rebuild): no trigger watches it. */
#define OUTBOX_KEEP_SETTING "notify.keep_days"
/* The days kept trying, as an SQL expression. */
#define OUTBOX_STR_(x) #x
#define OUTBOX_STR(x) OUTBOX_STR_(x)
#define OUTBOX_KEEP_DAYS_SQL \
	"coalesce((SELECT CAST(value AS INTEGER) FROM setting WHERE key = '" OUTBOX_KEEP_SETTING "'), " \
	OUTBOX_STR(OUTBOX_KEEP_DAYS) ")"
/* A channel whose deliveries failed OUTBOX_BREAKER_FAILS times in a row
 * is paused for OUTBOX_BREAKER_PAUSE_S: passes in that time leave its
 * messages waiting instead of spending a timeout on each; then one is
 * tried, and a failure pauses it again, a delivery closes the breaker
 * (the store keeps the count, notify channel list shows it). */
#define OUTBOX_BREAKER_FAILS 3
#define OUTBOX_BREAKER_PAUSE_S (15 * 60)
/* A message being sent is leased for this long: if the sender dies, the
 * message is due again afterwards. */
#define OUTBOX_LEASE_S 300

extern const struct gn_migration outbox_migrations[];
extern const struct gn_plugin core_notify_component;

/* Attach the queueing hook to the door (modules_attach). */
void outbox_attach(struct gn_ctx *ctx);

/*
 * Queue text for the channel named `channel` (a county rule's
 * govnet.notify), inside the caller's open transaction: one message in
 * the same outbox, delivered by the same pass, as a subscription's.  It
 * belongs to the change whose audit entry was written last in that
 * transaction (its audit_id and time); event ("access.approve") and
 * org_id (0: city-wide) say what it is about.  The receiver gets JSON
 * with event, channel, text, org, at and audit_id (a webhook), or text as
 * the body of a mail.  Refused when no channel has that name.
 */
int outbox_queue_text(sqlite3 *db, const char *channel, const char *event, int64_t org_id, const char *text,
		      struct gn_err *err);

/* Queue text about event for the channels subscribed to it for org_id or
 * an organisation above it (a plugin's gn_call_notify), in the caller's
 * transaction, as of when (the change's time, its handler still running);
 * *queued says how many. */
int outbox_queue_for_org(sqlite3 *db, const char *event, int64_t org_id, const char *text, time_t when,
			 int *queued, struct gn_err *err);

/* Queue text for a person (name and phone, an Art 12 responsible person)
 * on every channel that reaches people (notify channel add --contacts):
 * the receiver gets "to": {name, phone} beside the text.  *queued says how
 * many (0: no such channel). */
int outbox_queue_for_person(sqlite3 *db, const char *event, int64_t org_id, const char *name, const char *phone,
			    const char *text, time_t when, int *queued, struct gn_err *err);

/* How long to wait after the given number of failed attempts. */
long outbox_backoff(int attempts);

/* One delivery attempt, as the delivery pass reports it. */
struct outbox_attempt_info {
	int64_t message;
	const char *event;
	const char *channel;
	int ok;
	long http_status;     /* 0 when there was no HTTP answer */
	int attempts;         /* including this one */
	const char *state;    /* after the attempt: sent, pending, failed */
	const char *error;    /* "" when ok */
	time_t next_at;       /* when pending: the next attempt */
	int channel_fails;    /* the channel's failures in a row, this one included */
	time_t channel_paused_until; /* 0, or the channel is paused until then */
};

struct outbox_report {
	int attempted, sent, retrying, failed;
	/* Due, but left for the next pass: their channel failed in this one. */
	int skipped;
	/* Due, but their channel is paused by its breaker (OUTBOX_BREAKER_FAILS). */
	int paused;
	/* Each transfer's total timeout in seconds; 0: NET_TOTAL_TIMEOUT_S. */
	long timeout_s;
	/* Called after each attempt (may be NULL): the command line prints. */
	void (*on_attempt)(const struct outbox_attempt_info *a, void *data);
	void *data;
};

/* Deliver up to max messages that are due, to different channels side by
 * side (a slow receiver holds up only its own channel's messages, which
 * stay in order); report fills in as it goes.  No transaction is held
 * while waiting on the network. */
int outbox_run(struct gn_ctx *ctx, int max, struct outbox_report *report, struct gn_err *err);

/* Who delivers: sending is a side effect (it changes the queue and tells
 * people), which read-only roles never cause. */
#define OUTBOX_DELIVERERS (GN_ROLE_ADMIN | GN_ROLE_OPERATOR)

/* The console's idle-time delivery (DESIGN §2: the console never waits
 * on the network): when the acting login is one of OUTBOX_DELIVERERS and
 * a message is due, starts `govnet notify run --max max` as a separate
 * process with its own connection to the store, its output discarded, and
 * returns at once; one such pass runs at a time, reaped by a later call.
 * Returns 1 when a pass was started, 0 when none was, or -1. */
int outbox_deliver_due(struct gn_ctx *ctx, int max, struct gn_err *err);

/* A message not delivered is an obligation shown by due beside the
 * clocks (workflow.c's deadline entries): every message not delivered,
 * due on the day it is (or was) given up, owned by the channel's
 * organisation (the message's, else the city's), waiting on
 * OUTBOX_DELIVERERS.  Each an SQL expression on the outbox row r. */
#define OUTBOX_OWED(r) r ".state IN ('pending', 'sending', 'failed')"
#define OUTBOX_OWED_DUE(r) "date(substr(" r ".created_at, 1, 10), '+' || " OUTBOX_KEEP_DAYS_SQL " || ' days')"
#define OUTBOX_OWED_OWNER(r) \
	"coalesce((SELECT org_id FROM notify_channel WHERE id = " r ".channel_id), " r ".org_id," \
	" (SELECT id FROM org WHERE parent_id IS NULL))"
#define OUTBOX_OWED_STATE "'未送达'"
#define OUTBOX_OWED_ARTICLE "'Art 11、15'"
#define OUTBOX_OWED_WHAT(r) \
	"'通知未送达：' || " r ".event || ' → ' || " r ".channel_name || '（已尝试 ' || " r ".attempts || ' 次）'"

/* Messages waiting: pending or being sent. */
int outbox_count_waiting(sqlite3 *db, int64_t *n, struct gn_err *err);

#endif
