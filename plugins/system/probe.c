/*
 * probe.c — the probes of Art 13: each running system's URLs, requested
 * by the core with no transaction open (gn_action.probe), recorded here
 * in one short write: a bounded history per URL, a verdict on each
 * result, and the count of failures in a row that makes a URL down.
 */
#include "system.h"

#include <inttypes.h>
#include <stdio.h>
#include "govnet/banned.h"

/* Art 13: what is probed — the URLs of systems running on the extranet
 * (online, or online with a change filed). */
const struct gn_probe system_probe_targets = {
	.targets_sql = "SELECT u.id, u.url, o.path FROM system_url u JOIN system s ON s.id = u.system_id"
		       " JOIN org o ON o.id = s.org_id"
		       " WHERE s.state IN ('online', 'changed') AND (?1 IS NULL OR s.id = ?1) ORDER BY u.id",
	.connect_timeout_s = SYSTEM_PROBE_CONNECT_S,
	.timeout_s = SYSTEM_PROBE_TIMEOUT_S,
};

/* The verdict on one result: down when no answer came or the answer was
 * an error (HTTP 400 and above), slow, a certificate about to expire, or
 * up. */
static const char *verdict(const struct gn_probe_result *r)
{
	if (r->error || r->http_status < 200 || r->http_status >= 400)
		return "down";
	if (r->cert_days != INT64_MIN && r->cert_days <= SYSTEM_CERT_WARN_DAYS)
		return "expiring";
	if (r->ms >= SYSTEM_PROBE_SLOW_MS)
		return "slow";
	return "up";
}

static int record_one(struct gn_call *call, const struct gn_probe_result *r, int64_t keep)
{
	static const char *const names[] = { "system", "url", "http_status", "ms", "cert_days", "verdict", "detail" };
	const char *v = verdict(r);
	char status[16] = "", ms[24], days[24] = "", sys[24];
	int64_t system = 0;
	int found;

	/* A URL removed since the targets were read is not recorded. */
	if ((found = gn_call_query_int(call, &system, "SELECT system_id FROM system_url WHERE id = ?1", "i",
				       r->target)) <= 0)
		return found;
	if (r->http_status)
		snprintf(status, sizeof status, "%ld", r->http_status);
	if (r->cert_days != INT64_MIN)
		snprintf(days, sizeof days, "%" PRId64, r->cert_days);
	snprintf(ms, sizeof ms, "%" PRId64, r->ms);
	snprintf(sys, sizeof sys, "%" PRId64, system);
	if (gn_call_exec(call,
			 "INSERT INTO system_probe(url_id, at, http_status, error, detail, ms, cert_days, verdict)"
			 " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
			 "itzztizt", r->target, r->at, status, r->error ? r->error : "", r->detail, r->ms, days, v) ||
	    gn_call_exec(call, "UPDATE system_url SET failures = CASE WHEN ?2 THEN failures + 1 ELSE 0 END WHERE id = ?1",
			 "in", r->target, v[0] == 'd') ||
	    gn_call_exec(call,
			 "DELETE FROM system_probe WHERE url_id = ?1 AND id <= (SELECT id FROM system_probe"
			 " WHERE url_id = ?1 ORDER BY id DESC LIMIT 1 OFFSET ?2)",
			 "ii", r->target, keep))
		return -1;
	const char *values[] = { sys, r->url, status[0] ? status : NULL, ms, days[0] ? days : NULL, v,
				 r->detail };
	gn_call_emit_row(call, sizeof names / sizeof names[0], names, values);
	return 0;
}

int system_probe(struct gn_call *call)
{
	int64_t keep = gn_call_arg_int(call, "keep", SYSTEM_PROBE_KEEP);
	size_t n = gn_call_probe_count(call);

	if (gn_call_arg(call, "all") && gn_call_arg(call, "id"))
		return gn_call_refuse_field(call, "all", "--all 与系统编号只能给一个");
	if (!n && gn_call_arg(call, "id"))
		return gn_call_refuse_field(call, "id", "系统 #%s 不在运行中或没有登记地址，没有可探测的地址（Art 13）",
					    gn_call_arg(call, "id"));
	if (!n) {
		gn_call_emit_text(call, "没有运行中的系统需要探测（Art 13）\n");
		return 0;
	}
	for (size_t i = 0; i < n; i++)
		if (record_one(call, gn_call_probe(call, i), keep))
			return -1;
	return 0;
}
