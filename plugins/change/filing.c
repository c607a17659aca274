/*
 * filing.c — a county's major construction or adjustment of its extranet,
 * filed with the city office (Art 7).
 */
#include "change.h"

#include <string.h>
#include "govnet/banned.h"

int change_filing_file(struct gn_call *call)
{
	struct gn_org county;

	if (gn_call_org(call, gn_call_org_id(call), &county))
		return -1;
	if (county.county_id != county.id)
		return gn_call_refuse_field(call, "org", "--org：%s 不是县区或功能板块，重大建设调整事项由县区报市政务办备案（Art 7）",
					    county.name);
	if (gn_call_actor_org(call) != county.id)
		return gn_call_refuse_field(call, "org", "--org：只有 %s 的政务外网主管部门可以报备其重大建设调整事项（Art 7）",
					    county.name);
	if (gn_call_exec(call,
			 "INSERT INTO change_filing(org_id, what, purpose, planned, filed_at, filed_by)"
			 " VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
			 "ittttt", county.id, gn_call_arg(call, "what"), gn_call_arg(call, "purpose"), gn_call_arg(call, "when"),
			 gn_call_now(call), gn_call_login(call)))
		return -1;
	gn_call_set_id(call, gn_call_last_insert_id(call));
	return 0;
}

int change_filing_acknowledge(struct gn_call *call)
{
	int64_t id = gn_call_arg_int(call, "id", 0), done = 0;
	struct gn_org actor;

	if (gn_call_org(call, gn_call_actor_org(call), &actor))
		return -1;
	if (actor.parent_id != 0)
		return gn_call_refuse(call, "县区重大建设调整事项由市政务办确认备案（Art 7），%s 属于 %s", gn_call_login(call),
				      actor.name);
	if (gn_call_query_int(call, &done, "SELECT acknowledged_at IS NOT NULL FROM change_filing WHERE id = ?1", "i",
			      id) < 0)
		return -1;
	if (done)
		return gn_call_refuse(call, "备案 #%lld 已确认", (long long)id);
	return gn_call_exec(call, "UPDATE change_filing SET acknowledged_at = ?2, acknowledged_by = ?3 WHERE id = ?1",
			    "itt", id, gn_call_now(call), gn_call_login(call));
}
