/*
 * monthly.c — the incident plugin's section of the monthly report:
 * security incidents detected and closed in the month, and those still
 * open (Art 26).  Disconnections are the core's (its nodes' history).
 */
#include "config.h"
#include "incident.h"
#include "../../lib/report/monthly.h"

#include "govnet/banned.h"

int incident_monthly(struct gn_call *call)
{
	struct monthly m;

	if (monthly_begin(call, &m, "incidents", "网络安全事件"))
		return -1;
	return monthly_count(&m, "detected", "本月发现",
			     "SELECT count(*) FROM incident i JOIN org o ON o.id = i.org_id"
			     " WHERE i.detected_on >= ?2 AND i.detected_on < ?2 || '~' AND o.path LIKE ?1 || '%'") ||
	       monthly_count(&m, "closed", "本月关闭",
			     MONTHLY_MOVES("incident", "close")) ||
	       monthly_count(&m, "open", "未关闭",
			     "SELECT count(*) FROM incident i JOIN org o ON o.id = i.org_id"
			     " WHERE i.state <> 'closed' AND o.path LIKE ?1 || '%' AND ?2 IS NOT NULL") ? -1 : 0;
}
