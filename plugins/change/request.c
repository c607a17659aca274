/*
 * request.c — a department's own change that may affect the extranet
 * (Art 15 ¶2): applied for, approved by its operating agency, then done.
 */
#include "change.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "govnet/banned.h"

int change_request_apply(struct gn_call *call)
{
	int64_t org = gn_call_org_id(call), *ids;
	char nodes[512] = "";
	struct gn_org dept;
	size_t n, len = 0;
	const char *when = gn_call_arg(call, "when");
	int64_t ok = 0;

	if (gn_call_org(call, org, &dept))
		return -1;
	if (strcmp(dept.kind, "dept") != 0 && strcmp(dept.kind, "unit") != 0)
		return gn_call_refuse_field(call, "org", "--org：%s 不是接入部门", dept.name);
	if (gn_call_query_int(call, &ok, "SELECT strftime('%Y-%m-%dT%H:%M', ?1, '+0 minutes') IS ?1", "t", when) < 0)
		return -1;
	if (!ok)
		return gn_call_refuse_field(call, "when", "--when 应为本地时间 YYYY-MM-DDTHH:MM");
	if (strncmp(when, gn_call_now(call), 16) < 0)
		return gn_call_refuse_field(call, "when", "--when（%s）已经过去：须在实施前申请（Art 15）", when);
	if (change_check_nodes(call, "nodes", org, &ids, &n))
		return -1;
	for (size_t i = 0; i < n && len < sizeof nodes - 24; i++)
		len += (size_t)snprintf(nodes + len, sizeof nodes - len, "%s%lld", i ? "," : "", (long long)ids[i]);
	free(ids);
	if (gn_call_exec(call,
			 "INSERT INTO change_request(org_id, what, planned_at, nodes, impact, created_at, created_by)"
			 " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
			 "ittttt" "t", org, gn_call_arg(call, "what"), when, nodes,
			 gn_call_arg(call, "impact") ? gn_call_arg(call, "impact") : "", gn_call_now(call),
			 gn_call_login(call)))
		return -1;
	gn_call_set_id(call, gn_call_last_insert_id(call));
	return 0;
}

/* The operating agency of the department's own level decides (Art 15 ¶2):
 * its county's, or the city's for a city-level department. */
int change_request_check_operator(struct gn_call *call)
{
	struct gn_org dept, actor;

	if (gn_call_org(call, gn_call_org_id(call), &dept) || gn_call_org(call, gn_call_actor_org(call), &actor))
		return -1;
	if (actor.id != (dept.county_id ? dept.county_id : dept.city_id))
		return gn_call_refuse(call, "%s 的变更由%s的政务外网运行管理机构审批（Art 15），%s 属于 %s", dept.name,
				      dept.county_id ? dept.county : "市级", gn_call_login(call), actor.name);
	return 0;
}

int change_request_done(struct gn_call *call)
{
	return gn_call_exec(call, "UPDATE change_request SET done_at = ?2 WHERE id = ?1", "it",
			    gn_call_arg_int(call, "id", 0), gn_call_now(call));
}
