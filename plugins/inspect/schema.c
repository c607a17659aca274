/* The inspections plugin's tables. */
#include "inspect.h"
#include "govnet/banned.h"

/* An inspection's rectification deadline as the orders view shows it
 * (inspect.c's ORDER_SELECT): NULL for an inspection without an order. */
#define INSPECT_ORDER_DUE_KEY \
	"(SELECT coalesce(d.due, '') FROM inspect_order d WHERE d.inspection_id = scope_record_id)"

const struct gn_migration inspect_migrations[] = {
	{ 1,
	  /* Art 28: an inspection of one department, planned, run against the
	   * checklist, and — when it fails — the rectification order it
	   * yields: the deadline chosen, the department's response, and one
	   * extension at most.  every > 0 makes it periodic (定期): closing it
	   * plans the next (next_id). */
	  "CREATE TABLE inspect_inspection ("
	  "  id INTEGER PRIMARY KEY,"
	  "  org_id INTEGER NOT NULL REFERENCES org(id),"
	  "  planned_on TEXT NOT NULL,"
	  "  inspector TEXT NOT NULL,"
	  "  every INTEGER NOT NULL DEFAULT 0,"
	  "  note TEXT,"
	  "  state TEXT NOT NULL DEFAULT 'planned',"
	  "  order_days INTEGER CHECK (order_days BETWEEN " GN_SQL_INT(INSPECT_DEADLINE_MIN) " AND "
	  GN_SQL_INT(INSPECT_DEADLINE_MAX) "),"
	  "  order_due TEXT,"
	  "  extended INTEGER NOT NULL DEFAULT 0 CHECK (extended IN (0, 1)),"
	  "  measures TEXT,"
	  "  measures_evidence TEXT,"
	  "  next_id INTEGER REFERENCES inspect_inspection(id),"
	  "  created_at TEXT NOT NULL,"
	  "  created_by TEXT NOT NULL);"
	  "CREATE INDEX inspect_inspection_org ON inspect_inspection(org_id);"
	  "CREATE INDEX inspect_inspection_state ON inspect_inspection(state);"

	  /* One row per checklist item of an inspection, copied when it
	   * starts: the item as it read then, and what was found.  Evidence
	   * is a reference: a name and the content's SHA-256. */
	  "CREATE TABLE inspect_result ("
	  "  id INTEGER PRIMARY KEY,"
	  "  inspection_id INTEGER NOT NULL REFERENCES inspect_inspection(id),"
	  "  code TEXT NOT NULL,"
	  "  title TEXT NOT NULL,"
	  "  article TEXT NOT NULL,"
	  "  result TEXT CHECK (result IN ('pass', 'fail', 'na')),"
	  "  severity TEXT,"
	  "  severity_title TEXT,"
	  "  finding TEXT,"
	  "  evidence TEXT,"
	  "  reason TEXT,"
	  "  system_id INTEGER,"
	  "  checked_at TEXT,"
	  "  checked_by TEXT,"
	  "  UNIQUE (inspection_id, code),"
	  "  CHECK (result IS NOT 'fail' OR (severity IS NOT NULL AND finding IS NOT NULL)),"
	  "  CHECK (result IS NOT 'na' OR reason IS NOT NULL));"

	  /* Art 30: a county's own checklist items, added to every inspection
	   * of a department in it. */
	  "CREATE TABLE inspect_item ("
	  "  id INTEGER PRIMARY KEY,"
	  "  org_id INTEGER NOT NULL REFERENCES org(id),"
	  "  code TEXT NOT NULL,"
	  "  title TEXT NOT NULL,"
	  "  article TEXT NOT NULL,"
	  "  created_at TEXT NOT NULL,"
	  "  created_by TEXT NOT NULL,"
	  "  UNIQUE (org_id, code));"

	  /* Art 28–29: circulars, numbered per issuing area and year when
	   * issued; an issued circular never changes. */
	  "CREATE TABLE inspect_circular ("
	  "  id INTEGER PRIMARY KEY,"
	  "  org_id INTEGER NOT NULL REFERENCES org(id),"
	  "  title TEXT NOT NULL,"
	  "  year INTEGER,"
	  "  seq INTEGER,"
	  "  number TEXT,"
	  "  issued_at TEXT,"
	  "  issued_by TEXT,"
	  "  created_at TEXT NOT NULL,"
	  "  created_by TEXT NOT NULL,"
	  "  UNIQUE (org_id, year, seq));"
	  "CREATE TABLE inspect_circular_dept ("
	  "  id INTEGER PRIMARY KEY,"
	  "  circular_id INTEGER NOT NULL REFERENCES inspect_circular(id),"
	  "  dept_id INTEGER NOT NULL REFERENCES org(id),"
	  "  ground TEXT NOT NULL CHECK (ground IN ('incident', 'duty', 'obstruct')),"
	  "  facts TEXT NOT NULL,"
	  "  inspection_id INTEGER REFERENCES inspect_inspection(id));"
	  "CREATE INDEX inspect_circular_dept_circular ON inspect_circular_dept(circular_id);"
	  "CREATE TRIGGER inspect_circular_issued BEFORE UPDATE ON inspect_circular"
	  "  WHEN OLD.issued_at IS NOT NULL"
	  "  BEGIN SELECT RAISE(ABORT, '已签发的通报不能修改（Art 28）'); END;"
	  "CREATE TRIGGER inspect_circular_issued_delete BEFORE DELETE ON inspect_circular"
	  "  WHEN OLD.issued_at IS NOT NULL"
	  "  BEGIN SELECT RAISE(ABORT, '已签发的通报不能删除（Art 28）'); END;"
	  "CREATE TRIGGER inspect_circular_dept_issued BEFORE INSERT ON inspect_circular_dept"
	  "  WHEN (SELECT issued_at FROM inspect_circular WHERE id = NEW.circular_id) IS NOT NULL"
	  "  BEGIN SELECT RAISE(ABORT, '已签发的通报不能修改（Art 28）'); END;"
	  "CREATE TRIGGER inspect_circular_dept_fixed BEFORE UPDATE ON inspect_circular_dept"
	  "  WHEN (SELECT issued_at FROM inspect_circular WHERE id = OLD.circular_id) IS NOT NULL"
	  "  BEGIN SELECT RAISE(ABORT, '已签发的通报不能修改（Art 28）'); END;"
	  "CREATE TRIGGER inspect_circular_dept_kept BEFORE DELETE ON inspect_circular_dept"
	  "  WHEN (SELECT issued_at FROM inspect_circular WHERE id = OLD.circular_id) IS NOT NULL"
	  "  BEGIN SELECT RAISE(ABORT, '已签发的通报不能修改（Art 28）'); END;" },
	{ 2,
	  /* Art 21, 25: what the systems plugin said of the department's
	   * systems when the 等保/密评 item was filled (security.c). */
	  "ALTER TABLE inspect_result ADD COLUMN facts TEXT;" },
	{ 3,
	  /* Art 28: the rectification order (责令限期整改) a failed inspection
	   * yields is a record of its own: the items it orders put right,
	   * the deadline in working days and its date, the department's
	   * response, one extension at most with its reason, and the re-check
	   * that closed it.  Where it stands is its inspection's state.  An
	   * order moved here from before has no extension_days (the history
	   * kept the new date, not the days). */
	  "CREATE TABLE inspect_order ("
	  "  id INTEGER PRIMARY KEY,"
	  "  inspection_id INTEGER NOT NULL UNIQUE REFERENCES inspect_inspection(id),"
	  "  org_id INTEGER NOT NULL REFERENCES org(id),"
	  "  items TEXT NOT NULL,"
	  "  days INTEGER NOT NULL CHECK (days BETWEEN " GN_SQL_INT(INSPECT_DEADLINE_MIN) " AND "
	  GN_SQL_INT(INSPECT_DEADLINE_MAX) "),"
	  "  due TEXT NOT NULL,"
	  "  ordered_at TEXT,"
	  "  ordered_by TEXT,"
	  "  measures TEXT,"
	  "  evidence TEXT,"
	  "  responded_at TEXT,"
	  "  extended INTEGER NOT NULL DEFAULT 0 CHECK (extended IN (0, 1)),"
	  "  extension_days INTEGER CHECK (extension_days BETWEEN " GN_SQL_INT(INSPECT_DEADLINE_MIN) " AND "
	  GN_SQL_INT(INSPECT_DEADLINE_MAX) "),"
	  "  extension_reason TEXT,"
	  "  extended_at TEXT,"
	  "  rechecked_at TEXT,"
	  "  rechecked_by TEXT);"
	  "CREATE INDEX inspect_order_org ON inspect_order(org_id);"
	  "CREATE INDEX inspect_order_due ON inspect_order(due);"
	  /* The orders made so far move out of their inspections, with what
	   * the workflow's history says of when and why. */
	  "INSERT INTO inspect_order(inspection_id, org_id, items, days, due, ordered_at, ordered_by, measures,"
	  " evidence, responded_at, extended, extension_reason, extended_at, rechecked_at, rechecked_by)"
	  " SELECT i.id, i.org_id,"
	  "  coalesce((SELECT group_concat(code, ' ') FROM (SELECT r.code FROM inspect_result r"
	  "            WHERE r.inspection_id = i.id AND r.result = 'fail' ORDER BY r.id)), ''), i.order_days, i.order_due,"
	  "  (SELECT min(h.at) FROM wf_history h WHERE h.component = 'inspect' AND h.record_id = i.id AND h.verb = 'order'),"
	  "  (SELECT h.login FROM wf_history h WHERE h.component = 'inspect' AND h.record_id = i.id AND h.verb = 'order'"
	  "   ORDER BY h.id LIMIT 1),"
	  "  i.measures, i.measures_evidence,"
	  "  (SELECT max(h.at) FROM wf_history h WHERE h.component = 'inspect' AND h.record_id = i.id AND h.verb = 'respond'),"
	  "  i.extended,"
	  "  (SELECT h.comment FROM wf_history h WHERE h.component = 'inspect' AND h.record_id = i.id AND h.verb = 'extend'"
	  "   ORDER BY h.id LIMIT 1),"
	  "  (SELECT min(h.at) FROM wf_history h WHERE h.component = 'inspect' AND h.record_id = i.id AND h.verb = 'extend'),"
	  "  (SELECT max(h.at) FROM wf_history h WHERE h.component = 'inspect' AND h.record_id = i.id AND h.verb = 'close'),"
	  "  (SELECT h.login FROM wf_history h WHERE h.component = 'inspect' AND h.record_id = i.id AND h.verb = 'close'"
	  "   ORDER BY h.id DESC LIMIT 1)"
	  " FROM inspect_inspection i WHERE i.order_due IS NOT NULL ORDER BY i.id;"
	  "ALTER TABLE inspect_inspection DROP COLUMN order_days;"
	  "ALTER TABLE inspect_inspection DROP COLUMN order_due;"
	  "ALTER TABLE inspect_inspection DROP COLUMN extended;"
	  "ALTER TABLE inspect_inspection DROP COLUMN measures;"
	  "ALTER TABLE inspect_inspection DROP COLUMN measures_evidence;" },
	{ 4,
	  /* A scope's page read in id order (govnet/plugin.h). */
	  GN_SCOPE_MIGRATION("inspect_inspection") GN_SCOPE_MIGRATION("inspect_item") GN_SCOPE_MIGRATION("inspect_circular") },
	{ 5,
	  /* Rectification orders by their deadlines (Art 28): each order's
	   * due date carried into its inspection's scope rows. */
	  GN_SCOPE_KEY_MIGRATION("inspect_inspection", "TEXT", INSPECT_ORDER_DUE_KEY)
	  GN_SCOPE_KEY_SOURCE("inspect_inspection", INSPECT_ORDER_DUE_KEY, "inspect_order", "inspection_id", "1", "1") },
	{ 0, NULL },
};
