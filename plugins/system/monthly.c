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

int system_monthly(struct gn_call *call)
{
	static const char *const titles[] = { "第一级", "第二级", "第三级", "第四级", "第五级" };
	int64_t n[SYSTEM_LEVEL_MAX + 1] = { 0 };
	struct monthly m;
	sqlite3_stmt *st;
	int rc;

	if (monthly_begin(call, &m, "systems", "信息系统（等保级别）"))
		return -1;
	/* The scope's counts (schema.c, 7): a row for each level, whatever
	 * number of organisations or systems it holds. */
	st = gn_call_query(call, "SELECT level, n FROM system_level_scope WHERE scope_org_id = ?1", "i",
			   gn_call_org_id(call));
	if (!st)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int level = sqlite3_column_int(st, 0);
		if (level >= SYSTEM_LEVEL_MIN && level <= SYSTEM_LEVEL_MAX)
			n[level] = sqlite3_column_int64(st, 1);
	}
	gn_call_done(call, st);
	if (rc != SQLITE_DONE)
		return gn_call_sqlite_error(call, "读取信息系统");
	for (int level = 1; level <= 5; level++) {
		char metric[24];
		snprintf(metric, sizeof metric, "level_%d", level);
		monthly_emit_int(&m, NULL, metric, titles[level - 1], n[level]);
	}
	return monthly_count(&m, "golive", "本月上线",
			     MONTHLY_MOVES("system", "golive"));
}
