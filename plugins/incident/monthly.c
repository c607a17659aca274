/*
 * monthly.c — the incident plugin's section of the monthly report:
 * security incidents detected and closed in the month, and those still
 * open (Art 26).  Disconnections are the core's (its nodes' history).
 */
#include "config.h"
#include "incident.h"
#include "../../lib/report/monthly.h"

#include "govnet/banned.h"

/* One kept figure of the organisation whose path is ?1. */
#define INCIDENT_TALLY_READ(what, month) \
	"SELECT coalesce(sum(t.n), 0) FROM org o JOIN incident_tally t ON t.scope_org_id = o.id" \
	" WHERE o.path = ?1 AND t.what = " what " AND t.month = " month

int incident_monthly(struct gn_call *call)
{
	struct monthly m;

	if (monthly_begin(call, &m, "incidents", "网络安全事件"))
		return -1;
	/* Each figure is one row of the counts kept as incidents are written
	 * (incident_tally, schema.c), not the month's or the open incidents
	 * read again for each county. */
	return monthly_count(&m, "detected", "本月发现", INCIDENT_TALLY_READ("'detected'", "?2")) ||
	       monthly_count(&m, "closed", "本月关闭",
			     MONTHLY_MOVES("incident", "close")) ||
	       monthly_count(&m, "open", "未关闭", INCIDENT_TALLY_READ("'open'", "'' AND ?2 IS NOT NULL")) ? -1 : 0;
}
