/*
 * check.c — what the change plugin's records share: windows given as
 * local times, working days on the core's calendar, and lists of access
 * nodes.
 */
#include "change.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "govnet/banned.h"

/* A window's end is after its start, both real local times (the modifier
 * makes SQLite carry 11-31 over to 12-01, so the round trip fails), and
 * the start not yet past. */
int change_check_window(struct gn_call *call, const char *start_field, const char *end_field)
{
	const char *start = gn_call_arg(call, start_field), *end = gn_call_arg(call, end_field);
	const char *names[] = { start_field, end_field };
	const char *values[] = { start, end };
	int64_t ok = 0;

	for (int i = 0; i < 2; i++) {
		if (gn_call_query_int(call, &ok, "SELECT strftime('%Y-%m-%dT%H:%M', ?1, '+0 minutes') IS ?1", "t", values[i]) < 0)
			return -1;
		if (!ok)
			return gn_call_refuse_field(call, names[i], "--%s 应为本地时间 YYYY-MM-DDTHH:MM，如 2026-10-10T22:00",
						    names[i]);
	}
	if (strcmp(end, start) <= 0)
		return gn_call_refuse_field(call, end_field, "--%s（%s）应晚于 --%s（%s）", end_field, end, start_field,
					    start);
	if (strncmp(start, gn_call_now(call), 16) < 0)
		return gn_call_refuse_field(call, start_field, "--%s（%s）已经过去：现在是 %.16s", start_field, start,
					    gn_call_now(call));
	return 0;
}

/*
 * The date n working days after date, date itself not counted (DESIGN §1).
 * The kit offers plugins no such call, so this reads the core's calendar
 * as calendar.h documents it, read-only: a date the schedule lists is a
 * working day when off = 0 (a make-up day) and a holiday when off = 1,
 * the date's own year deciding where two schedules list it; any other
 * Monday–Friday is a working day.  Searched up to a year ahead.
 */
int change_workdays_after(struct gn_call *call, const char *date, int n, char out[11])
{
	sqlite3_stmt *st = gn_call_query(call,
		"WITH RECURSIVE d(day, n) AS (SELECT ?1, 0 UNION ALL"
		"  SELECT date(day, '+1 day'), n + coalesce("
		"    (SELECT 1 - h.off FROM holiday_day h WHERE h.date = date(d.day, '+1 day')"
		"      ORDER BY h.year = CAST(substr(h.date, 1, 4) AS INTEGER) DESC LIMIT 1),"
		"    strftime('%w', date(d.day, '+1 day')) NOT IN ('0', '6'))"
		"  FROM d WHERE n < ?2 AND day < date(?1, '+1 year'))"
		" SELECT min(day) FROM d WHERE n = ?2", "tn", date, n);
	int rc;

	if (!st)
		return -1;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL)
		snprintf(out, 11, "%s", (const char *)sqlite3_column_text(st, 0));
	else
		rc = SQLITE_ERROR;
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW)
		return gn_call_refuse(call, "无法在工作日历上计算 %s 之后的第 %d 个工作日", date, n);
	return 0;
}

/*
 * A list of access node ids ("12,15" or "12、15"), each an existing node
 * of org_id or below it, or, with org_id 0, in the acting login's scope.
 * *ids is malloc'd for the caller.
 */
int change_check_nodes(struct gn_call *call, const char *field, int64_t org_id, int64_t **ids, size_t *n)
{
	const char *p = gn_call_arg(call, field);
	struct gn_node node;
	struct gn_org owner, org;

	*ids = NULL;
	*n = 0;
	if (!p)
		return 0;
	if (org_id && gn_call_org(call, org_id, &org))
		return -1;
	while (*p) {
		char *end;
		long long id = strtoll(p, &end, 10);
		if (end == p || id <= 0) {
			if (strchr(", ;", *p) || (unsigned char)*p >= 0x80) {
				p += (unsigned char)*p >= 0x80 ? 3 : 1; /* "，" "、" "；" are three bytes */
				continue;
			}
			free(*ids);
			*ids = NULL;
			return gn_call_refuse_field(call, field, "--%s 应为接入节点编号，以逗号分隔", field);
		}
		p = end;
		if (gn_call_node(call, id, &node) || gn_call_org(call, node.org_id, &owner)) {
			free(*ids);
			*ids = NULL;
			return -1;
		}
		if (org_id ? strncmp(owner.path, org.path, strlen(org.path)) != 0 : !gn_call_in_scope(call, node.org_id)) {
			free(*ids);
			*ids = NULL;
			return gn_call_refuse_field(call, field, "--%s：接入节点 #%lld 属于 %s（%s），不在%s的范围之内", field,
						    id, owner.name, owner.county[0] ? owner.county : "市级",
						    org_id ? org.name : gn_call_login(call));
		}
		int64_t *more = realloc(*ids, (*n + 1) * sizeof **ids);
		if (!more) {
			free(*ids);
			*ids = NULL;
			return gn_call_refuse(call, "内存不足");
		}
		*ids = more;
		(*ids)[(*n)++] = id;
	}
	return 0;
}
