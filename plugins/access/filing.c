/*
 * filing.c — the responsible-person filing (Art 12): a new filing
 * supersedes the one in force, which stays in the history; and the
 * notices that reach the person it names (Art 11: 告知原因).
 */
#include "access.h"

#include <stdio.h>
#include <string.h>
#include "govnet/banned.h"

int access_filing_set(struct gn_call *call)
{
	int64_t org = gn_call_org_id(call);

	if (gn_call_exec(call, "UPDATE access_filing SET superseded_at = ?1 WHERE org_id = ?2 AND superseded_at IS NULL",
			 "ti", gn_call_now(call), org) ||
	    gn_call_exec(call,
			 "INSERT INTO access_filing(org_id, leader, unit, person, phone, filed_at, filed_by)"
			 " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
			 "itttttt", org, gn_call_arg(call, "leader"), gn_call_arg(call, "unit"),
			 gn_call_arg(call, "person"), gn_call_arg(call, "phone"), gn_call_now(call), gn_call_login(call)))
		return -1;
	gn_call_set_id(call, gn_call_last_insert_id(call));
	return 0;
}

/*
 * A rejection's reason and a return's request for material reach the
 * applicant (Art 11) without anyone subscribing: a notice addressed to the
 * responsible person of the department's filing in force (Art 12), written
 * in the same transaction as the decision and listed in the department's
 * 告知 view, and sent to that person's phone through every channel the city
 * set up to reach people (an SMS gateway: notify channel add --contacts).
 * With no such channel the notice waits in the view, and the decider is
 * told to phone.
 * A department that wants it on its own channel subscribes it to
 * access.reject and access.return (govnet notify subscribe).
 */
int access_tell_applicant(struct gn_call *call)
{
	int64_t id = gn_call_arg_int(call, "id", 0);
	const char *verb = gn_call_verb(call);
	const char *text = gn_call_arg(call, strcmp(verb, "reject") == 0 ? "reason" : "comment");
	sqlite3_stmt *st;
	char person[128] = "", phone[64] = "", org[200] = "", line[600];

	if (access_check_decider(call))
		return -1;
	if (gn_call_exec(call,
			 "INSERT INTO access_notice(request_id, org_id, kind, text, person, phone, at, by)"
			 " SELECT r.id, r.org_id, ?2, ?3, coalesce(f.person, ''), coalesce(f.phone, ''), ?4, ?5"
			 " FROM access_request r LEFT JOIN access_filing f"
			 "   ON f.org_id = r.org_id AND f.superseded_at IS NULL WHERE r.id = ?1",
			 "itttt", id, verb, text ? text : "", gn_call_now(call), gn_call_login(call)))
		return -1;
	if (!(st = gn_call_query(call,
				 "SELECT n.person, n.phone, o.name FROM access_notice n JOIN org o ON o.id = n.org_id"
				 " WHERE n.id = last_insert_rowid()",
				 "")))
		return -1;
	if (sqlite3_step(st) == SQLITE_ROW) {
		snprintf(person, sizeof person, "%s", (const char *)sqlite3_column_text(st, 0));
		snprintf(phone, sizeof phone, "%s", (const char *)sqlite3_column_text(st, 1));
		snprintf(org, sizeof org, "%s", (const char *)sqlite3_column_text(st, 2));
	}
	gn_call_done(call, st);
	int sent = gn_call_notify_person(call, gn_call_org_id(call), verb, person, phone, text ? text : "");
	if (sent < 0)
		return -1;
	if (sent > 0)
		snprintf(line, sizeof line,
			 "已告知 %s（责任人 %s %s，Art 11、Art 12）：记入该部门的告知消息，并经通知渠道发给责任人\n", org,
			 person, phone);
	else
		snprintf(line, sizeof line,
			 "已告知 %s（责任人 %s %s，Art 11、Art 12）：记入该部门的告知消息"
			 "（见「告知」）；没有可投递到责任人的通知渠道，请电话告知\n",
			 org, person[0] ? person : "未备案", phone);
	gn_call_emit_text(call, line);
	return 0;
}

/*
 * The published read of the filing in force (Art 12), for other plugins
 * (gn_call_invoke "access", "filing person") and the command line: one row
 * with the department and its responsible person, or none when it has not
 * filed.
 */
int access_filing_person(struct gn_call *call)
{
	static const char *const names[] = { "org_id", "org", "leader", "unit", "person", "phone", "filed_at" };
	const char *values[7];
	int64_t org = gn_call_arg(call, "org") ? gn_call_arg_org(call, "org") : gn_call_arg_int(call, "org-id", 0);
	sqlite3_stmt *st;
	int rc;

	/* Read the organisation from the fields, not gn_call_org_id: a plugin
	 * invoking this passes it in its own call. */
	if (org < 0)
		return -1;
	if (!(st = gn_call_query(call,
				 "SELECT o.id, o.name, f.leader, f.unit, f.person, f.phone, f.filed_at FROM access_filing f"
				 " JOIN org o ON o.id = f.org_id WHERE f.org_id = ?1 AND f.superseded_at IS NULL",
				 "i", org)))
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		for (int i = 0; i < 7; i++)
			values[i] = (const char *)sqlite3_column_text(st, i);
		gn_call_emit_typed(call, 7, names, values, "ntttttt");
	}
	gn_call_done(call, st);
	return rc == SQLITE_DONE ? 0 : gn_call_sqlite_error(call, "责任人备案");
}
