/*
 * prep.c — what an organisation keeps ready (Art 26 ¶1): its emergency
 * plan, risk assessments and drills.  A new record of a kind supersedes the
 * organisation's last one; the next is due one period later, a duty on a
 * calendar date that `govnet due` and the Overview show when it is late.
 */
#include "incident.h"

#include <stdio.h>
#include <string.h>
#include "govnet/banned.h"

static const struct incident_prep_kind *prep_kind(const char *name)
{
	for (const struct incident_prep_kind *k = incident_prep_kinds; name && k->name; k++)
		if (strcmp(k->name, name) == 0)
			return k;
	return NULL;
}

int incident_prep_add(struct gn_call *call)
{
	const struct incident_prep_kind *k = prep_kind(gn_call_arg(call, "kind"));
	const char *date = gn_call_arg(call, "date"), *file = gn_call_arg(call, "file");
	int64_t org = gn_call_org_id(call), old = 0, id;
	char today[11], sha[65] = "", next[16] = "", what[300];
	struct gn_org o;
	sqlite3_stmt *st;

	if (!k)
		return gn_call_refuse_field(call, "kind", "未知的类别（--kind）");
	snprintf(today, sizeof today, "%s", gn_call_now(call));
	if (strcmp(date, today) > 0)
		return gn_call_refuse_field(call, "date", "日期 %s 晚于今天（--date）：只登记已批准或已完成的", date);
	if (strcmp(k->name, "plan") == 0 && !gn_call_arg(call, "version"))
		return gn_call_refuse_field(call, "version", "应急预案须写明版本（--version）");
	if (file) {
		if (strlen(file) < 66 || file[64] != ' ')
			return gn_call_refuse_field(call, "file", "文件引用无效（--file）");
		memcpy(sha, file, 64);
		sha[64] = '\0';
	}
	if (!(st = gn_call_query(call, "SELECT date(?1, '+' || ?2 || ' months')", "ti", date, (int64_t)k->months)))
		return -1;
	if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
		snprintf(next, sizeof next, "%s", (const char *)sqlite3_column_text(st, 0));
	gn_call_done(call, st);
	if (gn_call_query_int(call, &old,
			      "SELECT id FROM incident_prep WHERE org_id = ?1 AND kind = ?2 AND superseded_at IS NULL", "it",
			      org, k->name) < 0)
		return -1;
	if (old && (gn_call_exec(call, "UPDATE incident_prep SET superseded_at = ?1 WHERE id = ?2", "ti",
				 gn_call_now(call), old) ||
		    gn_call_obligation(call, old, k->name, 0, NULL, NULL, NULL, 0)))
		return -1;
	if (gn_call_exec(call,
			 "INSERT INTO incident_prep(org_id, kind, done_on, next_due, version, file_name, sha256, note,"
			 " recorded_at, recorded_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
			 "ittzzzzztt", org, k->name, date, next, gn_call_arg(call, "version") ? gn_call_arg(call, "version") : "",
			 file ? file + 65 : "", sha, gn_call_arg(call, "note") ? gn_call_arg(call, "note") : "",
			 gn_call_now(call), gn_call_login(call)))
		return -1;
	id = gn_call_last_insert_id(call);
	gn_call_set_id(call, id);
	if (gn_call_org(call, org, &o))
		return -1;
	snprintf(what, sizeof what, "%s（%s，每 %d 个月）", k->title, o.name, k->months);
	return gn_call_obligation(call, id, k->name, org, "Art 26", what, next, GN_ROLE_OPERATOR | GN_ROLE_DEPT);
}
