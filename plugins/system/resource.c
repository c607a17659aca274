/*
 * resource.c — requests to change the network resources a system uses
 * (Art 16 ¶2: 接入部门网络资源需求发生变更的，应提前向政务外网运行管理
 * 机构申请): the department asks for a domain record or an address block
 * in advance; the operating agency approves, which applies the change, or
 * rejects it with a reason.  Who may take each step is the action table's
 * (system.c).
 */
#include "system.h"

#include <stdio.h>
#include <string.h>
#include "govnet/banned.h"

/* One request per resource given, each checked now: it exists and is the
 * department's own (Art 19, 20). */
int system_resource_request(struct gn_call *call)
{
	static const char *const kinds[] = { "domain", "block" };
	int64_t id = gn_call_arg_int(call, "id", 0), retired = 0, record;
	char text[160];
	int n = 0;

	if (gn_call_query_int(call, &retired, "SELECT state = 'retired' FROM system WHERE id = ?1", "i", id) < 0)
		return -1;
	if (retired)
		return gn_call_refuse(call, "系统 #%lld 已下线，不再申请网络资源（Art 16）", (long long)id);
	for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++) {
		const char *key = gn_call_arg(call, kinds[k]);
		if (!key)
			continue;
		if (system_link_target(call, gn_call_org_id(call), kinds[k], key, &record) ||
		    gn_call_exec(call,
				 "INSERT INTO system_resource(system_id, kind, record_id, key, reason, requested_at, requested_by)"
				 " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
				 "ititttt", id, kinds[k], record, key, gn_call_arg(call, "reason"), gn_call_now(call),
				 gn_call_login(call)))
			return -1;
		snprintf(text, sizeof text, "资源变更申请 #%lld 已提交，待运行管理机构审批（Art 16）\n",
			 (long long)gn_call_last_insert_id(call));
		gn_call_emit_text(call, text);
		n++;
	}
	return n ? 0 : gn_call_refuse(call, "请给出 --domain 或 --block（Art 16）");
}

/* The request named by --request, which must be this system's and still
 * waiting: 0 with kind, key and record set, -1 refused. */
static int pending(struct gn_call *call, int64_t id, int64_t req, char kind[8], char key[272], int64_t *record)
{
	sqlite3_stmt *st = gn_call_query(call,
					 "SELECT kind, key, record_id, state FROM system_resource WHERE id = ?1 AND system_id = ?2",
					 "ii", req, id);
	int found = 0, waiting = 0;

	if (!st)
		return -1;
	if (sqlite3_step(st) == SQLITE_ROW) {
		found = 1;
		snprintf(kind, 8, "%s", (const char *)sqlite3_column_text(st, 0));
		snprintf(key, 272, "%s", (const char *)sqlite3_column_text(st, 1));
		*record = sqlite3_column_int64(st, 2);
		waiting = !strcmp((const char *)sqlite3_column_text(st, 3), "requested");
	}
	gn_call_done(call, st);
	if (!found)
		return gn_call_refuse_field(call, "request", "--request %lld：系统 #%lld 没有这项资源变更申请", (long long)req,
					    (long long)id);
	if (!waiting)
		return gn_call_refuse_field(call, "request", "--request %lld：这项资源变更申请已审批过", (long long)req);
	return 0;
}

static int decide(struct gn_call *call, int64_t req, const char *state)
{
	return gn_call_exec(call,
			    "UPDATE system_resource SET state = ?1, decided_at = ?2, decided_by = ?3, decision = ?4"
			    " WHERE id = ?5",
			    "tttzi", state, gn_call_now(call), gn_call_login(call), gn_call_arg(call, "reason"), req);
}

/* Approval applies the change, under the same rules as any change of the
 * system's exposure: not while it runs without a filed change (Art 16),
 * and a new passed test before it goes live again (Art 25). */
int system_resource_approve(struct gn_call *call)
{
	int64_t id = gn_call_arg_int(call, "id", 0), req = gn_call_arg_int(call, "request", 0), record;
	char kind[8], key[272];
	int retest;

	if (pending(call, id, req, kind, key, &record) ||
	    (retest = system_exposure_may_change(call, id)) < 0 ||
	    (retest && gn_call_exec(call, "UPDATE system SET retest = 1 WHERE id = ?1", "i", id)))
		return -1;
	/* The record may have changed hands since the request. */
	if (system_link_target(call, gn_call_org_id(call), kind, key, &record) ||
	    system_link_add(call, id, kind, record, key) || decide(call, req, "approved"))
		return -1;
	return 0;
}

int system_resource_reject(struct gn_call *call)
{
	int64_t id = gn_call_arg_int(call, "id", 0), req = gn_call_arg_int(call, "request", 0), record;
	char kind[8], key[272];

	return pending(call, id, req, kind, key, &record) || decide(call, req, "rejected") ? -1 : 0;
}
