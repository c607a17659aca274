/*
 * door_probe.c — the network half of a probe action (gn_action.probe,
 * Art 13): the targets read in one short read, then requested with no
 * transaction open; the door records the results afterwards in the
 * action's own short write (door.c).  plugin.h says how it fails.
 */
#include "config.h"
#include "door.h"
#include "clock.h"
#include "identity.h"
#include "listing.h"
#include "net.h"
#include "org.h"
#include "store.h"
#include "strbuf.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "govnet/banned.h"

void door_probes_free(struct door_probes *p)
{
	for (size_t i = 0; i < p->n; i++)
		free((char *)p->results[i].url);
	free(p->results);
	free(p->net);
	memset(p, 0, sizeof *p);
}

/* Step 1: the targets in the login's scope, in one short read. */
static int read_targets(struct gn_ctx *ctx, const struct gn_plugin *component, const struct gn_action *action,
			const struct gn_args *args, struct door_probes *out, struct gn_err *err)
{
	const char *key = args_get(args, "id");
	int64_t id = 0;
	sqlite3_stmt *st;
	int rc;

	if (key && record_resolve(ctx, component, key, &id, err))
		return -1;
	/* ?1 is the target asked for, or NULL for all (gn_probe.targets_sql);
	 * the login's context is bound by name, as a view's is. */
	if (store_prepare(ctx->db, action->probe->targets_sql, &st, err, key ? "i" : "", id))
		return -1;
	listing_bind_context(ctx, st);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *url = (const char *)sqlite3_column_text(st, 1);
		const char *path = (const char *)sqlite3_column_text(st, 2);
		if (!url || !path || !org_within(ctx->actor.org_path, path))
			continue;
		out->results = xrealloc(out->results, (out->n + 1) * sizeof *out->results);
		out->results[out->n++] = (struct gn_probe_result){ .target = sqlite3_column_int64(st, 0),
								   .url = xstrdup(url) };
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : store_error(ctx->db, "读取探测目标", err);
}

int door_probe(struct gn_ctx *ctx, const struct gn_plugin *component, const struct gn_action *action,
	       const struct gn_args *args, struct door_probes *out, struct gn_err *err)
{
	const struct gn_probe *probe = action->probe;
	const char *timeout = args_get(args, "timeout");
	struct net_probe_opts opts = {
		.connect_timeout_s = probe->connect_timeout_s ? probe->connect_timeout_s : GN_PROBE_CONNECT_TIMEOUT_S,
		.timeout_s = probe->timeout_s ? probe->timeout_s : GN_PROBE_TIMEOUT_S,
		.ca_pem = args_get(args, "ca-file"),
	};

	memset(out, 0, sizeof *out);
	if (ctx->outer_tx)
		return err_set(err, GN_REFUSED, "探测不能在另一项事务之中进行（等待网络时会一直占用数据库）");
	/* A login the door would refuse learns nothing and makes no request;
	 * the door says why once it runs the action. */
	if (identity_load_actor(ctx, err))
		return -1;
	if (!ctx->actor.registered || !door_role_allows(ctx, action))
		return 0;
	/* Without a record or an organisation the action is city-wide
	 * (door.c, check_scope): only a city-wide login gets that far. */
	if (!args_get(args, "id") && !action->scope_field && !ctx->actor.city_wide)
		return 0;
	if (fields_check(action, args, err))
		return -1;
	if (timeout)
		opts.timeout_s = strtol(timeout, NULL, 10);
	if (opts.connect_timeout_s > opts.timeout_s)
		opts.connect_timeout_s = opts.timeout_s;
	if (read_targets(ctx, component, action, args, out, err))
		return -1;
	clock_format(ctx->now, out->at);
	if (!out->n)
		return 0;
	/* Step 2: nothing of the store is held from here on. */
	out->net = xcalloc(out->n, sizeof *out->net);
	for (size_t i = 0; i < out->n; i++)
		out->net[i].url = out->results[i].url;
	if (net_probe_all(out->net, out->n, &opts, err))
		return -1;
	for (size_t i = 0; i < out->n; i++) {
		struct gn_probe_result *r = &out->results[i];
		const struct net_probe *p = &out->net[i];
		r->at = out->at;
		r->http_status = p->http_status;
		r->error = p->error;
		r->detail = p->detail;
		r->ms = p->ms;
		r->cert_days = INT64_MIN;
		if (p->cert_until) {
			long long left = p->cert_until - (long long)ctx->now;
			r->cert_days = left >= 0 ? left / 86400 : -((-left + 86399) / 86400);
		}
	}
	return 0;
}

size_t gn_call_probe_count(struct gn_call *call)
{
	return call->probes ? call->probes->n : 0;
}

const struct gn_probe_result *gn_call_probe(struct gn_call *call, size_t i)
{
	return call->probes && i < call->probes->n ? &call->probes->results[i] : NULL;
}
