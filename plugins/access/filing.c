/*
 * filing.c — the responsible-person filing (Art 12): a new filing
 * supersedes the one in force, which stays in the history.
 */
#include "access.h"
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
	gn_call_set_id(call, sqlite3_last_insert_rowid(gn_call_db(call)));
	return 0;
}
