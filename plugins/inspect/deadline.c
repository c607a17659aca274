/*
 * deadline.c — the rectification deadline in working days.
 *
 * The inspector chooses the length (Art 28), so it cannot come from the
 * transition table's fixed .deadline; the kit offers no call that adds
 * working days.  Until it does, this counts them on the core's holiday
 * schedule in the same terms as calendar.h: a working day is a make-up
 * working day the schedule lists, or a Monday–Friday it does not list as
 * a holiday; the day itself is not counted.
 */
#include "inspect.h"

#include <stdio.h>
#include "govnet/banned.h"

static const char WORKDAYS_AFTER_SQL[] =
	"WITH RECURSIVE d(day, n) AS ("
	"  SELECT ?1, 0"
	"  UNION ALL SELECT date(day, '+1 day'), n + coalesce("
	"    (SELECT 1 - max(off) FROM holiday_day WHERE date = date(day, '+1 day')),"
	"    strftime('%w', day, '+1 day') NOT IN ('0', '6'))"
	"  FROM d WHERE n < ?2)"
	" SELECT max(day) FROM d";

int inspect_workdays_after(struct gn_call *call, const char *date, int64_t workdays, char out[11])
{
	sqlite3_stmt *st = gn_call_query(call, WORKDAYS_AFTER_SQL, "ti", date, workdays);
	int found = 0;

	if (!st)
		return -1;
	if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0)) {
		snprintf(out, 11, "%s", (const char *)sqlite3_column_text(st, 0));
		found = 1;
	}
	sqlite3_finalize(st);
	return found ? 0 : gn_call_refuse(call, "无法计算 %s 之后 %lld 个工作日的日期", date, (long long)workdays);
}
