/* The incidents plugin's tables (Art 26). */
#include "incident.h"
#include "govnet/banned.h"

/* One incident (row: NEW or OLD of incident) counted in (sign "+") or out
 * ("-") for the organisations at or above its owner: detected in its
 * month, and open unless closed. */
#define INCIDENT_TALLY(row, sign) \
	"INSERT INTO incident_tally SELECT j.value, t.what, t.month, " sign "1" \
	" FROM org o, " GN_SCOPE_IDS("o.path") " j, (SELECT 'detected' AS what, substr(" row ".detected_on, 1, 7) AS month" \
	"  UNION ALL SELECT 'open', '' WHERE " row ".state <> 'closed') t WHERE o.id = " row ".org_id" \
	" ON CONFLICT DO UPDATE SET n = n + excluded.n;"
/* The figures of the incidents whose owner matches where (i: incident),
 * by owner: org_id, what, month, n. */
#define INCIDENT_TALLY_OF(where) \
	"SELECT i.org_id, 'detected' AS what, substr(i.detected_on, 1, 7) AS month, count(*) AS n FROM incident i" \
	" WHERE " where " GROUP BY 1, 3" \
	" UNION ALL SELECT i.org_id, 'open', '', count(*) FROM incident i WHERE i.state <> 'closed' AND " where \
	" GROUP BY 1"
/* An organisation's own incidents counted in or out for the organisations
 * its path (row: NEW or OLD of org) names. */
#define INCIDENT_TALLY_OF_ORG(row, sign) \
	"INSERT INTO incident_tally SELECT j.value, g.what, g.month, " sign "g.n FROM (" \
	INCIDENT_TALLY_OF("i.org_id = " row ".id") ") g, " GN_SCOPE_IDS(row ".path") " j WHERE 1" \
	" ON CONFLICT DO UPDATE SET n = n + excluded.n;"

const struct gn_migration incident_migrations[] = {
	{ 1,
	  /* Art 26 ¶1: an incident of one organisation, graded on the
	   * national scheme, moving detected → located → analysed → handled
	   * → closed; the summary is written when it closes. */
	  "CREATE TABLE incident ("
	  "  id INTEGER PRIMARY KEY,"
	  "  org_id INTEGER NOT NULL REFERENCES org(id),"
	  "  title TEXT NOT NULL,"
	  "  grade TEXT NOT NULL CHECK (grade IN ('特别重大', '重大', '较大', '一般')),"
	  "  detected_on TEXT NOT NULL,"
	  "  detected_by TEXT NOT NULL,"
	  "  description TEXT,"
	  "  summary TEXT,"
	  "  state TEXT NOT NULL DEFAULT 'detected',"
	  "  created_at TEXT NOT NULL,"
	  "  created_by TEXT NOT NULL);"
	  "CREATE INDEX incident_org ON incident(org_id);"
	  "CREATE INDEX incident_state ON incident(state);"

	  /* The timeline: every step and note, who and when, in order. */
	  "CREATE TABLE incident_event ("
	  "  id INTEGER PRIMARY KEY,"
	  "  incident_id INTEGER NOT NULL REFERENCES incident(id),"
	  "  at TEXT NOT NULL,"
	  "  login TEXT NOT NULL,"
	  "  what TEXT NOT NULL,"
	  "  text TEXT NOT NULL DEFAULT '');"
	  "CREATE INDEX incident_event_incident ON incident_event(incident_id);"

	  /* Departments and systems the incident affects, as named when added. */
	  "CREATE TABLE incident_affected ("
	  "  id INTEGER PRIMARY KEY,"
	  "  incident_id INTEGER NOT NULL REFERENCES incident(id),"
	  "  kind TEXT NOT NULL CHECK (kind IN ('org', 'system')),"
	  "  ref_id INTEGER NOT NULL,"
	  "  label TEXT NOT NULL,"
	  "  UNIQUE (incident_id, kind, ref_id));"

	  /* Art 26 ¶2: the core's nodes an incident concerns; a disconnection
	   * is a row with disconnected_at, closed by the reconnection. */
	  "CREATE TABLE incident_link ("
	  "  id INTEGER PRIMARY KEY,"
	  "  incident_id INTEGER NOT NULL REFERENCES incident(id),"
	  "  node_id INTEGER NOT NULL REFERENCES node(id),"
	  "  disconnected_at TEXT,"
	  "  disconnected_by TEXT,"
	  "  reason TEXT,"
	  "  reconnected_at TEXT,"
	  "  reconnected_by TEXT,"
	  "  reconnect_reason TEXT);"
	  "CREATE INDEX incident_link_node ON incident_link(node_id);"
	  "CREATE INDEX incident_link_incident ON incident_link(incident_id);"

	  /* Art 26 ¶1: emergency plans, risk assessments and drills; a new
	   * one of a kind supersedes the organisation's last, which is kept. */
	  "CREATE TABLE incident_prep ("
	  "  id INTEGER PRIMARY KEY,"
	  "  org_id INTEGER NOT NULL REFERENCES org(id),"
	  "  kind TEXT NOT NULL CHECK (kind IN ('plan', 'risk', 'drill')),"
	  "  done_on TEXT NOT NULL,"
	  "  next_due TEXT NOT NULL,"
	  "  version TEXT,"
	  "  file_name TEXT,"
	  "  sha256 TEXT CHECK (sha256 IS NULL OR length(sha256) = 64),"
	  "  note TEXT,"
	  "  recorded_at TEXT NOT NULL,"
	  "  recorded_by TEXT NOT NULL,"
	  "  superseded_at TEXT);"
	  "CREATE INDEX incident_prep_org ON incident_prep(org_id, kind);" },
	{ 2,
	  /* Case handling after TheHive: tasks under an incident, each owned
	   * by an organisation (org_id, the door's scope for marking it done)
	   * and optionally one of its logins, open until done. */
	  "CREATE TABLE incident_task ("
	  "  id INTEGER PRIMARY KEY,"
	  "  incident_id INTEGER NOT NULL REFERENCES incident(id),"
	  "  org_id INTEGER NOT NULL REFERENCES org(id),"
	  "  owner_login TEXT,"
	  "  title TEXT NOT NULL,"
	  "  state TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'done')),"
	  "  due_on TEXT,"
	  "  result TEXT,"
	  "  created_at TEXT NOT NULL,"
	  "  created_by TEXT NOT NULL,"
	  "  done_at TEXT,"
	  "  done_by TEXT);"
	  "CREATE INDEX incident_task_incident ON incident_task(incident_id);"
	  "CREATE INDEX incident_task_org ON incident_task(org_id, state);"

	  /* Observables: what was seen (an address or block, a domain name,
	   * a URL, a file hash), in canonical form. */
	  "CREATE TABLE incident_observable ("
	  "  id INTEGER PRIMARY KEY,"
	  "  incident_id INTEGER NOT NULL REFERENCES incident(id),"
	  "  kind TEXT NOT NULL CHECK (kind IN ('ip', 'domain', 'url', 'hash')),"
	  "  value TEXT NOT NULL,"
	  "  note TEXT NOT NULL DEFAULT '',"
	  "  created_at TEXT NOT NULL,"
	  "  created_by TEXT NOT NULL,"
	  "  UNIQUE (incident_id, kind, value));"

	  /* The address blocks and domain records an observable matched when
	   * it was recorded, as the ip and domain plugins answered (their
	   * published reads; no foreign key: their tables are theirs). */
	  "CREATE TABLE incident_observable_match ("
	  "  id INTEGER PRIMARY KEY,"
	  "  observable_id INTEGER NOT NULL REFERENCES incident_observable(id),"
	  "  component TEXT NOT NULL CHECK (component IN ('ip', 'domain')),"
	  "  record_id INTEGER NOT NULL,"
	  "  label TEXT NOT NULL);"
	  "CREATE INDEX incident_observable_match_of ON incident_observable_match(observable_id);" },
	{ 3,
	  /* A scope's page read in id order (govnet/plugin.h). */
	  GN_SCOPE_MIGRATION("incident") GN_SCOPE_MIGRATION("incident_prep") },
	{ 4,
	  /* An incident's observables in the order they were recorded, with
	   * no sort for each row of a page. */
	  "CREATE INDEX incident_observable_incident ON incident_observable(incident_id);" },
	{ 5,
	  /* The month's report (monthly.c): the incidents detected in the
	   * month as a range, and those still open, not every incident. */
	  "CREATE INDEX incident_detected ON incident(detected_on, org_id);"
	  "CREATE INDEX incident_open ON incident(org_id) WHERE state <> 'closed';" },
	{ 6,
	  /* The month's report counts kept as incidents are written: for each
	   * organisation at or above the owner, the incidents detected in
	   * each month and those open now, so that each figure of the
	   * section (monthly.c) is one row, whatever the month or the open
	   * set hold.  Kept by triggers as incidents are added, changed and
	   * removed and as organisations move. */
	  "CREATE TABLE incident_tally ("
	  "  scope_org_id INTEGER NOT NULL,"
	  "  what TEXT NOT NULL,"  /* 'detected' in month, or 'open' (month '') */
	  "  month TEXT NOT NULL," /* "2026-10", of detected_on */
	  "  n INTEGER NOT NULL,"
	  "  PRIMARY KEY (scope_org_id, what, month)) WITHOUT ROWID;"
	  "INSERT INTO incident_tally SELECT j.value, g.what, g.month, sum(g.n) FROM ("
	  INCIDENT_TALLY_OF("1") ") g JOIN org o ON o.id = g.org_id, " GN_SCOPE_IDS("o.path") " j"
	  " GROUP BY 1, 2, 3;"
	  "CREATE TRIGGER incident_tally_insert AFTER INSERT ON incident BEGIN " INCIDENT_TALLY("NEW", "+") " END;"
	  "CREATE TRIGGER incident_tally_delete AFTER DELETE ON incident BEGIN " INCIDENT_TALLY("OLD", "-") " END;"
	  "CREATE TRIGGER incident_tally_update AFTER UPDATE OF org_id, detected_on, state ON incident BEGIN "
	  INCIDENT_TALLY("OLD", "-") INCIDENT_TALLY("NEW", "+") " END;"
	  /* A move rewrites the paths of a subtree, one organisation at a
	   * time: its own incidents leave the organisations that were above
	   * it and count for those now above it. */
	  "CREATE TRIGGER incident_tally_org_moved AFTER UPDATE OF path ON org"
	  " WHEN NEW.path GLOB '/*' AND OLD.path GLOB '/*' AND OLD.path <> NEW.path BEGIN "
	  INCIDENT_TALLY_OF_ORG("OLD", "-") INCIDENT_TALLY_OF_ORG("NEW", "+") " END;" },
	{ 0, NULL },
};
