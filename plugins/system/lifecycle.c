/*
 * lifecycle.c — the work behind a system's transitions: filing (Art 16),
 * the security test and the go-live gate (Art 25), changes (Art 16) and
 * retirement (Art 20).
 */
#include "system.h"

#include <stdio.h>
#include <string.h>
#include "govnet/banned.h"

int system_mark_filed(struct gn_call *call)
{
	int64_t id = gn_call_arg_int(call, "id", 0);

	if (gn_call_exec(call, "UPDATE system SET filed_at = ?1 WHERE id = ?2", "ti", gn_call_now(call), id))
		return -1;
	return system_obligations(call, id);
}

int system_record_test(struct gn_call *call)
{
	int64_t id = gn_call_arg_int(call, "id", 0);
	const char *result = gn_call_arg(call, "result"), *report = gn_call_arg(call, "report");
	const char *date = gn_call_arg(call, "date"), *space = report ? strchr(report, ' ') : NULL;
	char today[11], sha[65] = "";

	snprintf(today, sizeof today, "%s", gn_call_now(call));
	if (date && strcmp(date, today) > 0)
		return gn_call_refuse_field(call, "date", "--date %s 晚于今天：检测应已完成（Art 25）", date);
	if (report) {
		if (!space || space - report != 64)
			return gn_call_refuse_field(call, "report", "检测报告引用无效");
		memcpy(sha, report, 64);
		sha[64] = '\0';
	}
	if (gn_call_exec(call,
			 "INSERT INTO system_test(system_id, result, tester, tested_on, report_name, report_sha256,"
			 " recorded_at, recorded_by) VALUES (?1, ?2, coalesce(?3, ''), ?4, ?5, ?6, ?7, ?8)",
			 "itzzzztt", id, result, gn_call_arg(call, "tester"), date ? date : today,
			 space ? space + 1 : NULL, sha, gn_call_now(call), gn_call_login(call)))
		return -1;
	if (!strcmp(result, "pass"))
		return gn_call_exec(call, "UPDATE system SET retest = 0 WHERE id = ?1", "i", id);
	return 0;
}

/* Art 16, 25: filed, and the latest security test passed since the last
 * change that touched addresses, domains or exposure.  The refusal names
 * what is missing and the article that asks for it. */
int system_check_golive(struct gn_call *call)
{
	int64_t id = gn_call_arg_int(call, "id", 0);
	sqlite3_stmt *st = gn_call_query(call,
					 "SELECT s.state, s.retest, t.result, t.tested_on, t.tester FROM system s"
					 " LEFT JOIN system_test t ON t.id = (SELECT max(id) FROM system_test WHERE system_id = s.id)"
					 " WHERE s.id = ?1",
					 "i", id);
	char state[16] = "", result[8] = "", on[16] = "", tester[120] = "";
	int retest = 0;

	if (!st)
		return -1;
	if (sqlite3_step(st) == SQLITE_ROW) {
		snprintf(state, sizeof state, "%s", (const char *)sqlite3_column_text(st, 0));
		retest = sqlite3_column_int(st, 1);
		if (sqlite3_column_type(st, 2) != SQLITE_NULL) {
			snprintf(result, sizeof result, "%s", (const char *)sqlite3_column_text(st, 2));
			snprintf(on, sizeof on, "%s", (const char *)sqlite3_column_text(st, 3));
			snprintf(tester, sizeof tester, "%s", (const char *)sqlite3_column_text(st, 4));
		}
	}
	gn_call_done(call, st);
	if (!strcmp(state, "draft"))
		return gn_call_refuse_next(call, "system", "file", id, "系统 #%lld 不能上线：尚未向运行管理机构备案（Art 16）",
					   (long long)id);
	if (!*result)
		return gn_call_refuse_next(call, "system", "test", id,
					   "系统 #%lld 不能上线：没有上线前的安全检测记录（Art 25）", (long long)id);
	if (strcmp(result, "pass"))
		return gn_call_refuse(call, "系统 #%lld 不能上线：最近一次安全检测（%s%s%s）未通过（Art 25）；整改后重新检测",
				      (long long)id, on, *tester ? "，" : "", tester);
	if (retest)
		return gn_call_refuse(call, "系统 #%lld 不能上线：变更涉及地址、域名或对外交互，须重新检测通过（Art 25）",
				      (long long)id);
	return gn_call_exec(call, "UPDATE system SET online_at = ?1 WHERE id = ?2", "ti", gn_call_now(call), id);
}

int system_file_change(struct gn_call *call)
{
	int64_t id = gn_call_arg_int(call, "id", 0);
	int64_t touches = gn_call_arg(call, "addresses") || gn_call_arg(call, "domains") || gn_call_arg(call, "exposure");

	if (gn_call_exec(call,
			 "INSERT INTO system_change(system_id, what, needs_test, filed_at, filed_by) VALUES (?1, ?2, ?3, ?4, ?5)",
			 "ititt", id, gn_call_arg(call, "what"), touches, gn_call_now(call), gn_call_login(call)))
		return -1;
	return touches ? gn_call_exec(call, "UPDATE system SET retest = 1 WHERE id = ?1", "i", id) : 0;
}

/* Retirement releases the domain links (Art 20) and ends the obligations;
 * the address blocks stay with the department (Art 19). */
int system_release(struct gn_call *call)
{
	int64_t id = gn_call_arg_int(call, "id", 0);

	if (gn_call_exec(call,
			 "UPDATE system_link SET released_at = ?1 WHERE system_id = ?2 AND kind = 'domain' AND released_at IS NULL",
			 "ti", gn_call_now(call), id) ||
	    gn_call_obligation(call, id, "dengbao", 0, NULL, NULL, NULL, 0) ||
	    gn_call_obligation(call, id, "mima", 0, NULL, NULL, NULL, 0))
		return -1;
	return 0;
}
