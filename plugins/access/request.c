/*
 * request.c — the work behind an access request's actions and transitions.
 */
#include "access.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "govnet/banned.h"

/* The filing in force for an organisation (Art 12), or 0. */
static int64_t filing_in_force(struct gn_call *call, int64_t org)
{
	int64_t id = 0;

	gn_call_query_int(call, &id, "SELECT id FROM access_filing WHERE org_id = ?1 AND superseded_at IS NULL", "i",
			  org);
	return id;
}

static int refuse_without_filing(struct gn_call *call)
{
	return gn_call_refuse_next(call, "access", "filing set", 0,
				   "该部门尚未备案分管领导、责任部门和责任人，不能申请接入（Art 12）");
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
	int64_t org = gn_call_org_id(call);
	int64_t traffic = gn_call_arg_int(call, "traffic", 0);
	int64_t id;

	if (!filing_in_force(call, org))
		return refuse_without_filing(call);
	if (gn_call_exec(call,
		 "INSERT INTO access_request(org_id, reason, scope, location, traffic, tech, cross_level, created_at,"
		 " created_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
		 "itttititt", org, gn_call_arg(call, "reason"), gn_call_arg(call, "scope"), gn_call_arg(call, "location"),
		 traffic, gn_call_arg(call, "tech"), (int64_t)(gn_call_arg(call, "cross-level") != NULL),
		 gn_call_now(call), gn_call_login(call)))
		return -1;
	id = gn_call_last_insert_id(call);
	gn_call_set_id(call, id);
	if (gn_call_arg(call, "annex"))
		return add_attachment(call, id, gn_call_arg(call, "annex"));
	return 0;
}

int access_attach(struct gn_call *call)
{
	int64_t id = gn_call_arg_int(call, "id", 0);
	int64_t open = 0;

	if (gn_call_query_int(call, &open, "SELECT state IN ('draft', 'returned') FROM access_request WHERE id = ?1",
			      "i", id) < 0)
		return -1;

	if (!open)
		return gn_call_refuse(call, "只有草稿或退回补充的申请可以添加附件（Art 10）");
	return add_attachment(call, id, gn_call_arg(call, "file"));
}

/* Whether a request involves both city and county levels (Art 10). */
static int request_cross_level(struct gn_call *call, int64_t id)
{
	int64_t cross = 0;

	gn_call_query_int(call, &cross, "SELECT cross_level FROM access_request WHERE id = ?1", "i", id);
	return cross != 0;
}

/* Submission records the filing in force (Art 12), and names the office
 * whose review deadline it starts: a county's rules shorten only their
 * own county's reviews (Art 10, 30). */
int access_check_submit(struct gn_call *call)
{
	int64_t id = gn_call_arg_int(call, "id", 0);
	int64_t filing = filing_in_force(call, gn_call_org_id(call));
	struct gn_org office;

	if (!filing)
		return refuse_without_filing(call);
	if (gn_call_decider(call, gn_call_org_id(call), request_cross_level(call, id), &office))
		return -1;
	return gn_call_exec(call, "UPDATE access_request SET filing_id = ?1 WHERE id = ?2", "ii", filing, id);
}

/* Who decides (Art 9–10, 17, 30): the core's one rule, for every move a
 * competent authority makes on a request. */
int access_check_decider(struct gn_call *call)
{
	return gn_call_check_decider(call, gn_call_org_id(call),
				     request_cross_level(call, gn_call_arg_int(call, "id", 0)), NULL);
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
	int64_t bandwidth = gn_call_arg_int(call, "bandwidth", 0), node;
	char location[200] = "";
	sqlite3_stmt *st;

	if (!(st = gn_call_query(call, "SELECT max(traffic, 1), location FROM access_request WHERE id = ?1", "i", id)))
		return -1;
	if (sqlite3_step(st) == SQLITE_ROW) {
		if (bandwidth <= 0)
			bandwidth = sqlite3_column_int64(st, 0);
		snprintf(location, sizeof location, "%s", (const char *)sqlite3_column_text(st, 1));
	}
	gn_call_done(call, st);
	return gn_call_node_create(call, gn_call_org_id(call), id, location, bandwidth, &node);
}

/* The node a request made, or 0. */
static int64_t node_of_request(struct gn_call *call, int64_t request)
{
	int64_t node = 0;

	gn_call_query_int(call, &node, "SELECT id FROM node WHERE request_id = ?1", "i", request);
	return node;
}

/* Revocation retires the node (Art 17). */
int access_revoke_node(struct gn_call *call)
{
	int64_t id = gn_call_arg_int(call, "id", 0);
	int64_t node = node_of_request(call, id);

	if (!node)
		return gn_call_refuse(call, "申请 #%lld 没有接入节点可以撤销（Art 17）", (long long)id);
	return gn_call_node_set_state(call, node, "revoked", gn_call_arg(call, "reason"));
}
