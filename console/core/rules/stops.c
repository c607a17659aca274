/*
 * rules/stops.c — a rule that keeps running into its limits disables
 * itself (Art 30).
 *
 * A stop refuses the change it judged, and every later change in the
 * county meets the same rule again: one careless or hostile script would
 * otherwise cost every office of the county half a second per change
 * until someone noticed.  So each stop is written down once the change is
 * over (its own transaction, since the change's was rolled back), and the
 * RULES_STOPS_DISABLE-th stop since the rule was added or last enabled
 * disables it and tells the county's and the city's channels.
 */
#include "config.h"
#include "rules.h"
#include "clock.h"
#include "outbox.h"
#include "store.h"

#include <stdio.h>
#include <string.h>
#include "govnet/banned.h"

/* The channels subscribed to rules.disable for the rule's county or above. */
static int tell_offices(sqlite3 *db, const struct rule_stop *s, const char *text, struct gn_err *err)
{
	int queued;

	return outbox_queue_for_org(db, "rules.disable", s->org_id, text, 0, &queued, err);
}

static int record_one(struct gn_ctx *ctx, const struct rule_stop *s, const char *at, const char *event,
		      struct strbuf *disabled, int64_t *disabled_id, struct gn_err *err)
{
	sqlite3 *db = ctx->db;
	char text[1200];
	sqlite3_stmt *st;
	int64_t count = 0;
	int enabled = 0;

	if (store_run(db,
		      "INSERT INTO rule_stop(rule_id, version, at, login, event, reason) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
		      err, "intttt", s->id, s->version, at, ctx->login, event, s->reason))
		return -1;
	if (store_prepare(db,
			  "SELECT r.enabled, (SELECT count(*) FROM rule_stop s"
			  "  WHERE s.rule_id = r.id AND s.counted = 1)"
			  " FROM rule r WHERE r.id = ?1",
			  &st, err, "i", s->id))
		return -1;
	if (sqlite3_step(st) == SQLITE_ROW) {
		enabled = sqlite3_column_int(st, 0);
		count = sqlite3_column_int64(st, 1);
	}
	sqlite3_finalize(st);
	if (!enabled || count < RULES_STOPS_DISABLE)
		return 0;
	snprintf(text, sizeof text,
		 "规则 %s/%s（第 %d 版）已 %lld 次超出运行限制，已自动停用（Art 30），修正后由主管部门重新启用。最近一次：%s",
		 s->org_name, s->name, s->version, (long long)count, s->reason);
	if (store_run(db, "UPDATE rule SET enabled = 0, updated_at = ?2, updated_by = 'govnet' WHERE id = ?1", err, "it",
		      s->id, at) ||
	    store_run(db,
		      "INSERT INTO rule_log(rule_id, version, at, login, event, message)"
		      " VALUES (?1, ?2, ?3, 'govnet', '自动停用', ?4)",
		      err, "intt", s->id, s->version, at, text) ||
	    tell_offices(db, s, text, err))
		return -1;
	sb_addf(disabled, "%s%s", disabled->len ? "\n" : "", text);
	*disabled_id = s->id;
	return 0;
}

int rules_record_stops(struct gn_ctx *ctx, const struct rule_stop *stops, size_t n, const char *event,
		       struct strbuf *disabled, int64_t *disabled_id, struct gn_err *err)
{
	char at[CLOCK_ISO_LEN];

	if (n == 0)
		return 0;
	clock_format(ctx->now, at);
	if (store_begin(ctx->db, err))
		return -1;
	for (size_t i = 0; i < n; i++)
		if (record_one(ctx, &stops[i], at, event, disabled, disabled_id, err)) {
			store_rollback(ctx->db);
			return -1;
		}
	return store_commit(ctx->db, err);
}
