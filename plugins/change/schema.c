/* The change plugin's tables. */
#include "change.h"
#include "govnet/banned.h"

const struct gn_migration change_migrations[] = {
	{ 1,
	  /* Art 15 ¶1: a maintenance notice of the operating agency (org_id:
	   * the area it serves).  Windows are local times YYYY-MM-DDTHH:MM;
	   * earliest is the first start date the two-working-day rule allowed
	   * when it was issued or last moved; late marks an emergency notice
	   * given later than that. */
	  "CREATE TABLE change_notice ("
	  "  id INTEGER PRIMARY KEY,"
	  "  org_id INTEGER NOT NULL REFERENCES org(id),"
	  "  what TEXT NOT NULL,"
	  "  impact TEXT NOT NULL DEFAULT '',"
	  "  starts_at TEXT NOT NULL,"
	  "  ends_at TEXT NOT NULL,"
	  "  emergency INTEGER NOT NULL DEFAULT 0,"
	  "  reason TEXT,"
	  "  earliest TEXT NOT NULL,"
	  "  late INTEGER NOT NULL DEFAULT 0,"
	  "  state TEXT NOT NULL DEFAULT 'scheduled' CHECK (state IN ('scheduled', 'cancelled')),"
	  "  cancel_reason TEXT,"
	  "  created_at TEXT NOT NULL,"
	  "  created_by TEXT NOT NULL,"
	  "  CHECK (ends_at > starts_at),"
	  "  CHECK (late = 0 OR emergency = 1));"
	  "CREATE INDEX change_notice_start ON change_notice(starts_at);"
	  /* The departments a notice affects, and why (named, or through a
	   * node or an address block). */
	  "CREATE TABLE change_notice_target ("
	  "  id INTEGER PRIMARY KEY,"
	  "  notice_id INTEGER NOT NULL REFERENCES change_notice(id),"
	  "  org_id INTEGER NOT NULL REFERENCES org(id),"
	  "  via TEXT NOT NULL,"
	  "  UNIQUE (notice_id, org_id));"
	  /* What each affected department was told, and when: issued, moved,
	   * cancelled. */
	  "CREATE TABLE change_notice_message ("
	  "  id INTEGER PRIMARY KEY,"
	  "  notice_id INTEGER NOT NULL REFERENCES change_notice(id),"
	  "  org_id INTEGER NOT NULL REFERENCES org(id),"
	  "  kind TEXT NOT NULL CHECK (kind IN ('issued', 'moved', 'cancelled')),"
	  "  text TEXT NOT NULL,"
	  "  at TEXT NOT NULL,"
	  "  login TEXT NOT NULL);"
	  "CREATE INDEX change_notice_message_org ON change_notice_message(org_id);"

	  /* Art 15 ¶2: a department's own change that may affect the
	   * extranet, approved by the operating agency before it is done. */
	  "CREATE TABLE change_request ("
	  "  id INTEGER PRIMARY KEY,"
	  "  org_id INTEGER NOT NULL REFERENCES org(id),"
	  "  what TEXT NOT NULL,"
	  "  planned_at TEXT NOT NULL,"
	  "  nodes TEXT NOT NULL DEFAULT '',"
	  "  impact TEXT NOT NULL DEFAULT '',"
	  "  state TEXT NOT NULL DEFAULT 'applied',"
	  "  done_at TEXT,"
	  "  created_at TEXT NOT NULL,"
	  "  created_by TEXT NOT NULL);"
	  "CREATE INDEX change_request_org ON change_request(org_id);"
	  /* Art 15 ¶2: nothing is recorded as done without approval, whatever
	   * code writes it. */
	  "CREATE TRIGGER change_request_done_needs_approval BEFORE UPDATE OF done_at ON change_request"
	  "  WHEN NEW.done_at IS NOT NULL AND OLD.state IS NOT 'approved'"
	  "  BEGIN SELECT RAISE(ABORT, '部门网络调试升级须经运行管理机构批准后方可实施（Art 15）'); END;"

	  /* Art 7: a county's major construction or adjustment, filed with
	   * the city office (org_id: the county). */
	  "CREATE TABLE change_filing ("
	  "  id INTEGER PRIMARY KEY,"
	  "  org_id INTEGER NOT NULL REFERENCES org(id),"
	  "  what TEXT NOT NULL,"
	  "  purpose TEXT NOT NULL,"
	  "  planned TEXT NOT NULL,"
	  "  filed_at TEXT NOT NULL,"
	  "  filed_by TEXT NOT NULL,"
	  "  acknowledged_at TEXT,"
	  "  acknowledged_by TEXT);" },
	{ 2,
	  /* Art 12, Art 15 ¶1: each affected department is told through the
	   * responsible person of its filing, by name; the target holds the
	   * one last told, each message the one it was addressed to ('' when
	   * the department had not filed). */
	  "ALTER TABLE change_notice_target ADD COLUMN person TEXT NOT NULL DEFAULT '';"
	  "ALTER TABLE change_notice_target ADD COLUMN phone TEXT NOT NULL DEFAULT '';"
	  "ALTER TABLE change_notice_message ADD COLUMN person TEXT NOT NULL DEFAULT '';"
	  "ALTER TABLE change_notice_message ADD COLUMN phone TEXT NOT NULL DEFAULT '';" },
	{ 3,
	  /* A scope's page read in id order (govnet/plugin.h). */
	  GN_SCOPE_MIGRATION("change_request") GN_SCOPE_MIGRATION("change_filing") GN_SCOPE_MIGRATION("change_notice_message") },
	{ 4,
	  /* Notices by where they were issued, and their targets by the
	   * notice each belongs to (which never changes), for the notices
	   * view's two halves (change.c). */
	  GN_SCOPE_MIGRATION("change_notice") GN_SCOPE_MIGRATION("change_notice_target")
	  GN_SCOPE_KEY_MIGRATION("change_notice_target", "INTEGER",
				 "(SELECT t.notice_id FROM change_notice_target t WHERE t.id = scope_record_id)") },
	{ 5,
	  /* A county's filings by owner, for the scope trigger of a new or
	   * moved organisation (which scanned them all, doc/bench.md). */
	  "CREATE INDEX change_filing_org ON change_filing(org_id);"
	  /* and its notices and their targets, whose scope triggers (4)
	   * look them up the same way. */
	  "CREATE INDEX change_notice_org ON change_notice(org_id);"
	  "CREATE INDEX change_notice_target_org ON change_notice_target(org_id);" },
	{ 0, NULL },
};
