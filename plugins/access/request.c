/*
 * request.c — the work behind an access request's actions and transitions.
 */
#include "access.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* One integer from a query with one id parameter; fallback when no row. */
static int64_t query_int(struct gn_call *call, const char *sql, int64_t id, int64_t fallback)
{
	sqlite3_stmt *st;
	int64_t v = fallback;

	if (sqlite3_prepare_v2(gn_call_db(call), sql, -1, &st, NULL) != SQLITE_OK)
		return fallback;
	sqlite3_bind_int64(st, 1, id);
	if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

/* The filing in force for an organisation (Art 12), or 0. */
static int64_t filing_in_force(struct gn_call *call, int64_t org)
{
	return query_int(call, "SELECT id FROM access_filing WHERE org_id = ?1 AND superseded_at IS NULL", org, 0);
}

static int refuse_without_filing(struct gn_call *call)
{
	return gn_call_refuse(call, "该部门尚未备案分管领导、责任部门和责任人，不能申请接入（Art 12）："
				    "请先运行 govnet access filing set 部门 --leader … --unit … --person … --phone …");
}

/* "<sha256> <name>" as the core hands over a file field. */
static int add_attachment(struct gn_call *call, int64_t request, const char *ref)
{
	const char *space = ref ? strchr(ref, ' ') : NULL;
	char sha[65];

	if (!space || space - ref != 64)
		return gn_call_refuse(call, "附件引用无效");
	memcpy(sha, ref, 64);
	sha[64] = '\0';
	return gn_call_exec(call,
		    "INSERT INTO access_attachment(request_id, name, sha256, added_at, added_by) VALUES (?1, ?2, ?3, ?4, ?5)",
		    "itttt", request, space + 1, sha, gn_call_now(call), gn_call_login(call));
}

int access_new(struct gn_call *call)
{
	int64_t org = gn_call_arg_org(call, "org");
	int64_t traffic = gn_call_arg_int(call, "traffic", -1);
	int64_t id;

	if (!filing_in_force(call, org))
		return refuse_without_filing(call);
	if (traffic < 0)
		return gn_call_refuse(call, "预测流量（--traffic）应为以 Mbps 计的非负整数（Art 10）");
	if (gn_call_exec(call,
		 "INSERT INTO access_request(org_id, reason, scope, location, traffic, tech, cross_level, created_at,"
		 " created_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
		 "itttititt", org, gn_call_arg(call, "reason"), gn_call_arg(call, "scope"), gn_call_arg(call, "location"),
		 traffic, gn_call_arg(call, "tech"), (int64_t)(gn_call_arg(call, "cross-level") != NULL),
		 gn_call_now(call), gn_call_login(call)))
		return -1;
	id = sqlite3_last_insert_rowid(gn_call_db(call));
	gn_call_set_id(call, id);
	if (gn_call_arg(call, "annex"))
		return add_attachment(call, id, gn_call_arg(call, "annex"));
	return 0;
}

int access_attach(struct gn_call *call)
{
	int64_t id = gn_call_arg_int(call, "id", 0);
	int64_t open = query_int(call, "SELECT state IN ('draft', 'returned') FROM access_request WHERE id = ?1", id, 0);

	if (!open)
		return gn_call_refuse(call, "只有草稿或退回补充的申请可以添加附件（Art 10）");
	return add_attachment(call, id, gn_call_arg(call, "file"));
}

/*
 * Who decides (Art 9–10): requests are made to the local competent
 * authority; one that involves both city and county levels goes to the
 * city's (市政务办).  A county's office decides its county's requests; the
 * city's office decides the city's own and the cross-level ones.  The
 * same office takes every step the competent authority takes on a
 * request: return, approval, rejection (Art 11) and forwarding a
 * revocation (Art 17).  *route is 1 when a county rule named the office.
 */
static int access_decider(struct gn_call *call, int64_t id, int64_t *decider_id, int *cross, int *route)
{
	int64_t org_id = query_int(call, "SELECT org_id FROM access_request WHERE id = ?1", id, 0);
	struct gn_org org;
	int64_t routed;

	*cross = (int)query_int(call, "SELECT cross_level FROM access_request WHERE id = ?1", id, 0);
	if (gn_call_org(call, org_id, &org))
		return -1;
	/* The city is the first id on every path. */
	*decider_id = *cross || !org.county_id ? strtoll(org.path + 1, NULL, 10) : org.county_id;
	/* A county's rules may name the office that handles its requests
	 * (Art 30); a cross-level request stays with the city (Art 10). */
	*route = *cross ? 0 : gn_call_route(call, &routed);
	if (*route < 0)
		return -1;
	if (*route == 1)
		*decider_id = routed;
	return 0;
}

/* Submission records the filing in force (Art 12), and names the office
 * whose review deadline it starts: a county's rules shorten only their
 * own county's reviews (Art 10, 30). */
int access_check_submit(struct gn_call *call)
{
	int64_t id = gn_call_arg_int(call, "id", 0);
	int64_t org = query_int(call, "SELECT org_id FROM access_request WHERE id = ?1", id, 0);
	int64_t filing = filing_in_force(call, org);
	int64_t decider_id;
	int cross, route;

	if (!filing)
		return refuse_without_filing(call);
	if (access_decider(call, id, &decider_id, &cross, &route))
		return -1;
	gn_call_set_decider(call, decider_id);
	return gn_call_exec(call, "UPDATE access_request SET filing_id = ?1 WHERE id = ?2", "ii", filing, id);
}

int access_check_decider(struct gn_call *call)
{
	int64_t id = gn_call_arg_int(call, "id", 0);
	int revocation = strcmp(gn_call_verb(call), "forward") == 0;
	struct gn_org decider;
	int64_t decider_id;
	int cross, route;

	if (access_decider(call, id, &decider_id, &cross, &route))
		return -1;
	if (gn_call_actor_org(call) == decider_id)
		return 0;
	if (gn_call_org(call, decider_id, &decider))
		return -1;
	if (cross)
		return gn_call_refuse(call, "该申请同时涉及市、县区两级，应由市政务办（%s 的主管部门）审核（Art 10）",
				      decider.name);
	if (route == 1)
		return gn_call_refuse(call, "按本地规则，该申请由 %s 审核（Art 30）", decider.name);
	if (revocation)
		return gn_call_refuse(call, "该节点的撤销申请应由 %s 的政务外网主管部门转发（Art 17）", decider.name);
	return gn_call_refuse(call, "该申请应由 %s 的政务外网主管部门审核（Art 9、Art 11）", decider.name);
}

int access_save_plan(struct gn_call *call)
{
	return gn_call_exec(call, "UPDATE access_request SET plan = ?1 WHERE id = ?2", "ti", gn_call_arg(call, "plan"),
		    gn_call_arg_int(call, "id", 0));
}

/* Implementation creates the node (Art 9, 11). */
int access_create_node(struct gn_call *call)
{
	int64_t id = gn_call_arg_int(call, "id", 0);
	int64_t bandwidth = gn_call_arg_int(call, "bandwidth", 0);

	if (bandwidth <= 0)
		bandwidth = query_int(call, "SELECT max(traffic, 1) FROM access_request WHERE id = ?1", id, 1);
	return gn_call_exec(call,
		    "INSERT INTO access_node(request_id, org_id, location, bandwidth, created_at)"
		    " SELECT id, org_id, location, ?2, ?3 FROM access_request WHERE id = ?1",
		    "iit", id, bandwidth, gn_call_now(call));
}

/* Revocation retires the node (Art 17). */
int access_revoke_node(struct gn_call *call)
{
	return gn_call_exec(call, "UPDATE access_node SET state = 'revoked', revoked_at = ?1 WHERE request_id = ?2", "ti",
		    gn_call_now(call), gn_call_arg_int(call, "id", 0));
}
