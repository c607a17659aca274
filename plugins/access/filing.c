/*
 * filing.c — the responsible-person filing (Art 12): a new filing
 * supersedes the one in force, which stays in the history.
 */
#include "access.h"

int access_filing_set(struct gn_call *call)
{
	sqlite3 *db = gn_call_db(call);
	int64_t org = gn_call_arg_org(call, "org");
	sqlite3_stmt *st;
	int rc;

	if (sqlite3_prepare_v2(db, "UPDATE access_filing SET superseded_at = ?1 WHERE org_id = ?2 AND superseded_at IS NULL",
			       -1, &st, NULL) != SQLITE_OK)
		return gn_call_sqlite_error(call, "备案");
	sqlite3_bind_text(st, 1, gn_call_now(call), -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, org);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return gn_call_sqlite_error(call, "备案");
	if (sqlite3_prepare_v2(db,
			       "INSERT INTO access_filing(org_id, leader, unit, person, phone, filed_at, filed_by)"
			       " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
			       -1, &st, NULL) != SQLITE_OK)
		return gn_call_sqlite_error(call, "备案");
	sqlite3_bind_int64(st, 1, org);
	sqlite3_bind_text(st, 2, gn_call_arg(call, "leader"), -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, gn_call_arg(call, "unit"), -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, gn_call_arg(call, "person"), -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, gn_call_arg(call, "phone"), -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 6, gn_call_now(call), -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 7, gn_call_login(call), -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return gn_call_sqlite_error(call, "备案");
	gn_call_set_id(call, sqlite3_last_insert_rowid(db));
	return 0;
}
