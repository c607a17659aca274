/*
 * monthly.c — the system plugin's section of the monthly report: systems
 * by 等保 level (Art 21) in service or filed at the end of the month's
 * reading, and those that went live in the month (Art 16, 25).
 */
#include "config.h"
#include "system.h"
#include "../../lib/report/monthly.h"

#include <stdio.h>
#include "govnet/banned.h"

#define SYSTEMS_IN_SCOPE \
	"SELECT count(*) FROM system s JOIN org o ON o.id = s.org_id WHERE o.path LIKE ?1 || '%'"

int system_monthly(struct gn_call *call)
{
	static const char *const titles[] = { "第一级", "第二级", "第三级", "第四级", "第五级" };
	struct monthly m;
	int64_t n;

	if (monthly_begin(call, &m, "systems", "信息系统（等保级别）"))
		return -1;
	for (int level = 1; level <= 5; level++) {
		char metric[24];
		n = 0;
		snprintf(metric, sizeof metric, "level_%d", level);
		if (gn_call_query_int(call, &n, SYSTEMS_IN_SCOPE " AND s.level = ?2 AND s.state <> 'retired'", "tn",
				      m.path, level) < 0)
			return -1;
		monthly_emit_int(&m, NULL, metric, titles[level - 1], n);
	}
	return monthly_count(&m, "golive", "本月上线",
			     "SELECT count(*) FROM wf_history h JOIN org o ON o.id = h.org_id"
			     " WHERE h.component = 'system' AND h.verb = 'golive'"
			     " AND o.path LIKE ?1 || '%' AND substr(h.at, 1, 7) = ?2");
}
