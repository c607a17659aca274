/* The access plugin's tables. */
#include "access.h"
#include "govnet/banned.h"

/* A request's due date as the queue and overdue views show it (access.c's
 * REQUEST_SELECT): '' while its clock is paused, NULL with no clock. */
#define ACCESS_DUE_KEY \
	"(SELECT coalesce(c.due, '') FROM wf_clock c WHERE c.component = 'access' AND c.record_id = scope_record_id)"
/* A filing's id while it is in force, NULL once superseded (Art 12): the
 * filings view reads its scope's filings in force in id order. */
#define ACCESS_FILING_KEY \
	"(SELECT f.id FROM access_filing f WHERE f.id = scope_record_id AND f.superseded_at IS NULL)"

/* The queue's rows of the scope rows s of access_request_scope_key that
 * meet where: for every reader, and for the deciding office kept with
 * the clock. */
#define ACCESS_QUEUE_ROWS(where) \
	"INSERT OR IGNORE INTO access_queue_key SELECT s.scope_org_id, 0, s.scope_key, s.scope_record_id" \
	" FROM access_request_scope_key s WHERE s.scope_key IS NOT NULL AND " where ";" \
	"INSERT OR IGNORE INTO access_queue_key SELECT s.scope_org_id, c.decider_org, s.scope_key, s.scope_record_id" \
	" FROM access_request_scope_key s JOIN wf_clock c ON c.component = 'access' AND c.record_id = s.scope_record_id" \
	" WHERE s.scope_key IS NOT NULL AND c.decider_org IS NOT NULL AND " where ";"
#define ACCESS_QUEUE_NEW "s.scope_record_id = NEW.scope_record_id AND s.scope_org_id = NEW.scope_org_id"

const struct gn_migration access_migrations[] = {
	{ 1,
	  /* Art 12: each department files its leader in charge, responsible
	   * unit and responsible person; a new filing supersedes the old,
	   * which is kept. */
	  "CREATE TABLE access_filing ("
	  "  id INTEGER PRIMARY KEY,"
	  "  org_id INTEGER NOT NULL REFERENCES org(id),"
	  "  leader TEXT NOT NULL,"
	  "  unit TEXT NOT NULL,"
	  "  person TEXT NOT NULL,"
	  "  phone TEXT NOT NULL,"
	  "  filed_at TEXT NOT NULL,"
	  "  filed_by TEXT NOT NULL,"
	  "  superseded_at TEXT);"
	  "CREATE UNIQUE INDEX access_filing_in_force ON access_filing(org_id) WHERE superseded_at IS NULL;"

	  /* Art 10: what a request must say. */
	  "CREATE TABLE access_request ("
	  "  id INTEGER PRIMARY KEY,"
	  "  org_id INTEGER NOT NULL REFERENCES org(id),"
	  "  reason TEXT NOT NULL,"
	  "  scope TEXT NOT NULL,"
	  "  location TEXT NOT NULL,"
	  "  traffic INTEGER NOT NULL CHECK (traffic >= 0),"
	  "  tech TEXT NOT NULL,"
	  "  cross_level INTEGER NOT NULL DEFAULT 0,"
	  "  filing_id INTEGER REFERENCES access_filing(id),"
	  "  plan TEXT,"
	  "  state TEXT NOT NULL DEFAULT 'draft',"
	  "  created_at TEXT NOT NULL,"
	  "  created_by TEXT NOT NULL);"
	  "CREATE INDEX access_request_org ON access_request(org_id);"
	  "CREATE INDEX access_request_state ON access_request(state);"

	  /* Attachments are references: a name and the content's SHA-256. */
	  "CREATE TABLE access_attachment ("
	  "  id INTEGER PRIMARY KEY,"
	  "  request_id INTEGER NOT NULL REFERENCES access_request(id),"
	  "  name TEXT NOT NULL,"
	  "  sha256 TEXT NOT NULL CHECK (length(sha256) = 64),"
	  "  added_at TEXT NOT NULL,"
	  "  added_by TEXT NOT NULL);"
	  "CREATE INDEX access_attachment_request ON access_attachment(request_id);"

	  /* Art 9: no node without an approved request — held by the store
	   * itself, whatever code writes it. */
	  "CREATE TABLE access_node ("
	  "  id INTEGER PRIMARY KEY,"
	  "  request_id INTEGER NOT NULL UNIQUE REFERENCES access_request(id),"
	  "  org_id INTEGER NOT NULL REFERENCES org(id),"
	  "  location TEXT NOT NULL,"
	  "  bandwidth INTEGER NOT NULL CHECK (bandwidth > 0),"
	  "  state TEXT NOT NULL DEFAULT 'active' CHECK (state IN ('active','disconnected','revoked')),"
	  "  created_at TEXT NOT NULL,"
	  "  revoked_at TEXT);"
	  "CREATE TRIGGER access_node_needs_approval BEFORE INSERT ON access_node"
	  "  WHEN (SELECT state FROM access_request WHERE id = NEW.request_id)"
	  "       NOT IN ('approved', 'planned')"
	  "  BEGIN SELECT RAISE(ABORT, 'Art 9: an access node needs an approved request'); END;" },
	{ 2,
	  /* Access nodes are the core's (node), shared with every plugin that
	   * refers to one; the requests that made them stay here. */
	  "INSERT INTO node(id, org_id, request_id, location, bandwidth, state, since, created_at)"
	  " SELECT id, org_id, request_id, location, bandwidth, state, coalesce(revoked_at, created_at), created_at"
	  " FROM access_node;"
	  "INSERT INTO node_event(node_id, at, login, component, to_state)"
	  " SELECT id, created_at, '', 'access', 'active' FROM access_node;"
	  "DROP TRIGGER access_node_needs_approval;"
	  "DROP TABLE access_node;"
	  /* Art 9, 11: a node is made when a request's approved plan is
	   * implemented, never otherwise — held by the store itself, whatever
	   * code writes it, in the same terms as the workflow (implement is
	   * taken from planned). */
	  "CREATE TRIGGER access_node_needs_plan BEFORE INSERT ON node"
	  "  WHEN NEW.request_id IS NOT NULL"
	  "   AND (SELECT state FROM access_request WHERE id = NEW.request_id) IS NOT 'planned'"
	  "  BEGIN SELECT RAISE(ABORT, '接入节点须来自已批准并已制定接入方案的申请（Art 9、Art 11）'); END;"
	  /* Art 10: the bounds of the predicted traffic, as the field states them. */
	  "CREATE TRIGGER access_request_traffic BEFORE INSERT ON access_request"
	  "  WHEN NEW.traffic NOT BETWEEN " GN_SQL_INT(ACCESS_TRAFFIC_MIN) " AND " GN_SQL_INT(ACCESS_TRAFFIC_MAX)
	  "  BEGIN SELECT RAISE(ABORT, '预测流量应在 " GN_SQL_INT(ACCESS_TRAFFIC_MIN) " 到 " GN_SQL_INT(ACCESS_TRAFFIC_MAX)
	  " Mbps 之间（Art 10）'); END;" },
	{ 3,
	  /* Art 11: the applicant is told why a request is rejected, or what
	   * material a return asks for, addressed to the responsible person
	   * of the department's filing in force (Art 12). */
	  "CREATE TABLE access_notice ("
	  "  id INTEGER PRIMARY KEY,"
	  "  request_id INTEGER NOT NULL REFERENCES access_request(id),"
	  "  org_id INTEGER NOT NULL REFERENCES org(id),"
	  "  kind TEXT NOT NULL CHECK (kind IN ('reject', 'return')),"
	  "  text TEXT NOT NULL,"
	  "  person TEXT NOT NULL DEFAULT '',"
	  "  phone TEXT NOT NULL DEFAULT '',"
	  "  at TEXT NOT NULL,"
	  "  by TEXT NOT NULL);"
	  "CREATE INDEX access_notice_org ON access_notice(org_id);" },
	{ 4,
	  /* A scope's page of requests read in id order (govnet/plugin.h). */
	  GN_SCOPE_MIGRATION("access_request") },
	{ 5,
	  /* The same for filings and notices. */
	  GN_SCOPE_MIGRATION("access_filing") GN_SCOPE_MIGRATION("access_notice") },
	{ 6,
	  /* The queue and the overdue requests by due date (Art 10–11): the
	   * running deadline of each request carried into its scope rows. */
	  GN_SCOPE_KEY_MIGRATION("access_request", "TEXT", ACCESS_DUE_KEY)
	  GN_SCOPE_KEY_SOURCE("access_request", ACCESS_DUE_KEY, "wf_clock", "record_id",
			      "NEW.component = 'access'", "OLD.component = 'access'") },
	{ 7,
	  /* An organisation's filings, in force or not: each new or moved
	   * organisation's scope trigger looks them up by owner, which
	   * scanned every filing (90M instructions an `org add` at 100k
	   * filings, doc/bench.md). */
	  "CREATE INDEX access_filing_org ON access_filing(org_id);" },
	{ 8,
	  /* Requests submitted before the deciding office was kept with the
	   * clock: the office the level rule names (Art 10). */
	  "UPDATE wf_clock SET decider_org = (SELECT gn_decider(r.org_id, r.cross_level) FROM access_request r"
	  "  WHERE r.id = wf_clock.record_id)"
	  " WHERE component = 'access' AND decider_org IS NULL;" },
	{ 9,
	  /* The queue by due date (Art 10, 30): an office's queue is what
	   * it decides, which may be few of its scope's requests (the city
	   * office's, of the whole city's).  Each scope row of a request
	   * with a clock is here twice: for every reader (office 0) and for
	   * the office that decides it, so that either is one range of the
	   * primary key in due order (access.c's queue view). */
	  "CREATE TABLE access_queue_key ("
	  "  scope_org_id INTEGER NOT NULL,"
	  "  office INTEGER NOT NULL,"
	  "  scope_key TEXT NOT NULL,"
	  "  scope_record_id INTEGER NOT NULL,"
	  "  PRIMARY KEY (scope_org_id, office, scope_key, scope_record_id)) WITHOUT ROWID;"
	  "CREATE INDEX access_queue_key_record ON access_queue_key(scope_record_id);"
	  ACCESS_QUEUE_ROWS("1")
	  "CREATE TRIGGER access_queue_key_insert AFTER INSERT ON access_request_scope_key BEGIN "
	  ACCESS_QUEUE_ROWS(ACCESS_QUEUE_NEW) " END;"
	  "CREATE TRIGGER access_queue_key_update AFTER UPDATE ON access_request_scope_key BEGIN"
	  "  DELETE FROM access_queue_key WHERE scope_record_id = OLD.scope_record_id"
	  "  AND scope_org_id = OLD.scope_org_id; "
	  ACCESS_QUEUE_ROWS(ACCESS_QUEUE_NEW) " END;"
	  "CREATE TRIGGER access_queue_key_delete AFTER DELETE ON access_request_scope_key BEGIN"
	  "  DELETE FROM access_queue_key WHERE scope_record_id = OLD.scope_record_id"
	  "  AND scope_org_id = OLD.scope_org_id; END;" },
	{ 10,
	  /* The filings in force of a scope, read in id order without
	   * walking the superseded ones before them (445M instructions for a
	   * county office's page at 1M filings, doc/bench.md). */
	  GN_SCOPE_KEY_MIGRATION("access_filing", "INTEGER", ACCESS_FILING_KEY)
	  GN_SCOPE_KEY_SOURCE("access_filing", ACCESS_FILING_KEY, "access_filing", "id",
			      "NEW.superseded_at IS NULL", "OLD.superseded_at IS NULL")
	  /* `access list --overdue` in id order (Art 11): the requests whose
	   * deadline runs, not every request of the scope, are walked for
	   * those past it (access.c's overdue filter). */
	  "CREATE INDEX access_request_scope_key_running"
	  " ON access_request_scope_key(scope_org_id, scope_record_id, scope_key) WHERE scope_key > '';" },
	{ 0, NULL },
};
