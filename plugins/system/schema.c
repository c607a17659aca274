/* The information systems plugin's tables. */
#include "system.h"
#include "govnet/banned.h"

/* A system's next 等保 evaluation as the obligations view shows it
 * (system.c, next_dengbao): '' when none is due. */
#define SYSTEM_DENGBAO_KEY \
	"coalesce((SELECT b.due FROM wf_obligation b WHERE b.component = 'system'" \
	" AND b.record_id = scope_record_id AND b.kind = 'dengbao'), '')"

/* An owner's count of a level (org, level, n: SQL expressions) added to
 * the organisations at or above it. */
#define SYSTEM_LEVEL_SCOPE(org, level, n) \
	"INSERT INTO system_level_scope SELECT j.value, " level ", " n " FROM org o, " GN_SCOPE_IDS("o.path") " j" \
	" WHERE o.id = " org " ON CONFLICT DO UPDATE SET n = n + excluded.n;"
/* An organisation's own counts counted in or out for the organisations
 * its path (row: NEW or OLD of org) names. */
#define SYSTEM_LEVEL_SCOPE_OF_ORG(row, sign) \
	"INSERT INTO system_level_scope SELECT j.value, c.level, " sign "c.n FROM system_level_count c, " \
	GN_SCOPE_IDS(row ".path") " j WHERE c.org_id = " row ".id ON CONFLICT DO UPDATE SET n = n + excluded.n;"

const struct gn_migration system_migrations[] = {
	{ 1,
	  /* Art 16, 21, 25: what the operating agency knows of a system. */
	  "CREATE TABLE system ("
	  "  id INTEGER PRIMARY KEY,"
	  "  org_id INTEGER NOT NULL REFERENCES org(id),"
	  "  name TEXT NOT NULL,"
	  "  purpose TEXT NOT NULL DEFAULT '',"
	  "  hosting TEXT NOT NULL DEFAULT 'cloud' CHECK (hosting IN ('cloud', 'own')),"
	  "  level INTEGER NOT NULL,"
	  "  filing_no TEXT NOT NULL DEFAULT '',"   /* 等保备案证明编号 */
	  "  evaluated_on TEXT,"                    /* the last 等保测评 */
	  "  crypto TEXT NOT NULL DEFAULT 'none' CHECK (crypto IN ('none', 'passed', 'failed')),"
	  "  crypto_on TEXT,"                       /* the last 密评 */
	  "  cii INTEGER NOT NULL DEFAULT 0,"       /* 关键信息基础设施 */
	  "  exchange TEXT NOT NULL DEFAULT 'none' CHECK (exchange IN ('none', 'sez')),"
	  "  person TEXT NOT NULL DEFAULT '',"
	  "  state TEXT NOT NULL DEFAULT 'draft',"
	  "  retest INTEGER NOT NULL DEFAULT 0,"    /* a change since the last passed test needs another (Art 25) */
	  "  filed_at TEXT,"
	  "  online_at TEXT,"
	  "  created_at TEXT NOT NULL,"
	  "  created_by TEXT NOT NULL);"
	  "CREATE INDEX system_org ON system(org_id);"
	  "CREATE INDEX system_state ON system(state);"
	  /* Art 21: the levels GB/T 22239 defines, as the field states them. */
	  "CREATE TRIGGER system_level BEFORE INSERT ON system"
	  "  WHEN NEW.level NOT BETWEEN " GN_SQL_INT(SYSTEM_LEVEL_MIN) " AND " GN_SQL_INT(SYSTEM_LEVEL_MAX)
	  "  BEGIN SELECT RAISE(ABORT, '等保级别应为 " GN_SQL_INT(SYSTEM_LEVEL_MIN) " 到 " GN_SQL_INT(SYSTEM_LEVEL_MAX)
	  " 级（Art 21）'); END;"

	  /* Art 13: the addresses probed; Art 20: the domain records it is
	   * published under; Art 18–19: the address blocks it uses.  Domains
	   * and blocks are the other plugins' records, kept by id and key. */
	  "CREATE TABLE system_url ("
	  "  id INTEGER PRIMARY KEY,"
	  "  system_id INTEGER NOT NULL REFERENCES system(id),"
	  "  url TEXT NOT NULL,"
	  "  UNIQUE (system_id, url));"
	  "CREATE TABLE system_link ("
	  "  id INTEGER PRIMARY KEY,"
	  "  system_id INTEGER NOT NULL REFERENCES system(id),"
	  "  kind TEXT NOT NULL CHECK (kind IN ('domain', 'block')),"
	  "  record_id INTEGER NOT NULL,"
	  "  key TEXT NOT NULL,"
	  "  released_at TEXT,"
	  "  UNIQUE (system_id, kind, record_id));"

	  /* Art 25: the security tests, the latest deciding go-live; the
	   * report is a reference (name and SHA-256), never the content. */
	  "CREATE TABLE system_test ("
	  "  id INTEGER PRIMARY KEY,"
	  "  system_id INTEGER NOT NULL REFERENCES system(id),"
	  "  result TEXT NOT NULL CHECK (result IN ('pass', 'fail')),"
	  "  tester TEXT NOT NULL DEFAULT '',"
	  "  tested_on TEXT NOT NULL,"
	  "  report_name TEXT,"
	  "  report_sha256 TEXT CHECK (report_sha256 IS NULL OR length(report_sha256) = 64),"
	  "  recorded_at TEXT NOT NULL,"
	  "  recorded_by TEXT NOT NULL);"
	  "CREATE INDEX system_test_system ON system_test(system_id);"

	  /* Art 16: each change filed before it is made; one that touches
	   * addresses, domains or exposure needs a new passed test (Art 25). */
	  "CREATE TABLE system_change ("
	  "  id INTEGER PRIMARY KEY,"
	  "  system_id INTEGER NOT NULL REFERENCES system(id),"
	  "  what TEXT NOT NULL,"
	  "  needs_test INTEGER NOT NULL DEFAULT 0,"
	  "  filed_at TEXT NOT NULL,"
	  "  filed_by TEXT NOT NULL);"
	  "CREATE INDEX system_change_system ON system_change(system_id);" },
	{ 2,
	  /* Art 13: each URL's recent probes, the newest SYSTEM_PROBE_KEEP
	   * kept (probe.c), and its failures in a row. */
	  "CREATE TABLE system_probe ("
	  "  id INTEGER PRIMARY KEY,"
	  "  url_id INTEGER NOT NULL REFERENCES system_url(id),"
	  "  at TEXT NOT NULL,"
	  "  http_status INTEGER,"                  /* NULL: no answer */
	  "  error TEXT CHECK (error IS NULL OR error IN ('dns', 'refused', 'timeout', 'tls', 'other')),"
	  "  detail TEXT NOT NULL DEFAULT '',"
	  "  ms INTEGER NOT NULL,"
	  "  cert_days INTEGER,"                    /* NULL: plain HTTP, or no answer */
	  "  verdict TEXT NOT NULL CHECK (verdict IN ('up', 'down', 'slow', 'expiring')));"
	  "CREATE INDEX system_probe_url ON system_probe(url_id, id);"
	  "ALTER TABLE system_url ADD COLUMN failures INTEGER NOT NULL DEFAULT 0;" },
	{ 3,
	  /* Art 16 ¶2: a change of the network resources a system uses,
	   * requested in advance and decided by the operating agency. */
	  "CREATE TABLE system_resource ("
	  "  id INTEGER PRIMARY KEY,"
	  "  system_id INTEGER NOT NULL REFERENCES system(id),"
	  "  kind TEXT NOT NULL CHECK (kind IN ('domain', 'block')),"
	  "  record_id INTEGER NOT NULL,"
	  "  key TEXT NOT NULL,"
	  "  reason TEXT NOT NULL,"
	  "  state TEXT NOT NULL DEFAULT 'requested' CHECK (state IN ('requested', 'approved', 'rejected')),"
	  "  requested_at TEXT NOT NULL,"
	  "  requested_by TEXT NOT NULL,"
	  "  decided_at TEXT,"
	  "  decided_by TEXT,"
	  "  decision TEXT);"
	  "CREATE INDEX system_resource_system ON system_resource(system_id);" },
	{ 4,
	  /* A scope's page read in id order (govnet/plugin.h). */
	  GN_SCOPE_MIGRATION("system") },
	{ 5,
	  /* 等保 and 密评 duties by the next evaluation's date: each
	   * system's 等保 due date carried into its scope rows. */
	  GN_SCOPE_KEY_MIGRATION("system", "TEXT", SYSTEM_DENGBAO_KEY)
	  GN_SCOPE_KEY_SOURCE("system", SYSTEM_DENGBAO_KEY, "wf_obligation", "record_id",
			      "NEW.component = 'system' AND NEW.kind = 'dengbao'",
			      "OLD.component = 'system' AND OLD.kind = 'dengbao'") },
	{ 6,
	  /* Systems not retired, by owner and 等保 level (Art 21), kept by
	   * triggers: the month's report sums a scope's from its
	   * organisations (monthly.c) instead of reading every system. */
	  "CREATE TABLE system_level_count ("
	  "  org_id INTEGER NOT NULL,"
	  "  level INTEGER NOT NULL,"
	  "  n INTEGER NOT NULL,"
	  "  PRIMARY KEY (org_id, level)) WITHOUT ROWID;"
	  "INSERT INTO system_level_count SELECT org_id, level, count(*) FROM system WHERE state <> 'retired'"
	  " GROUP BY org_id, level;"
	  "CREATE TRIGGER system_level_count_insert AFTER INSERT ON system WHEN NEW.state <> 'retired' BEGIN"
	  "  INSERT INTO system_level_count VALUES (NEW.org_id, NEW.level, 1)"
	  "  ON CONFLICT (org_id, level) DO UPDATE SET n = n + 1; END;"
	  "CREATE TRIGGER system_level_count_delete AFTER DELETE ON system WHEN OLD.state <> 'retired' BEGIN"
	  "  UPDATE system_level_count SET n = n - 1 WHERE org_id = OLD.org_id AND level = OLD.level; END;"
	  "CREATE TRIGGER system_level_count_update AFTER UPDATE OF org_id, level, state ON system BEGIN"
	  "  UPDATE system_level_count SET n = n - 1"
	  "  WHERE OLD.state <> 'retired' AND org_id = OLD.org_id AND level = OLD.level;"
	  "  INSERT INTO system_level_count SELECT NEW.org_id, NEW.level, 1 WHERE NEW.state <> 'retired'"
	  "  ON CONFLICT (org_id, level) DO UPDATE SET n = n + 1; END;" },
	{ 7,
	  /* The same counts for every organisation at or above the owner,
	   * kept from the owners' as they change and as organisations move:
	   * the month's report reads a scope's systems by level as a row
	   * each, not the counts of each of its organisations. */
	  "CREATE TABLE system_level_scope ("
	  "  scope_org_id INTEGER NOT NULL,"
	  "  level INTEGER NOT NULL,"
	  "  n INTEGER NOT NULL,"
	  "  PRIMARY KEY (scope_org_id, level)) WITHOUT ROWID;"
	  "INSERT INTO system_level_scope SELECT j.value, c.level, sum(c.n) FROM system_level_count c"
	  " JOIN org o ON o.id = c.org_id, " GN_SCOPE_IDS("o.path") " j GROUP BY 1, 2;"
	  "CREATE TRIGGER system_level_scope_insert AFTER INSERT ON system_level_count BEGIN "
	  SYSTEM_LEVEL_SCOPE("NEW.org_id", "NEW.level", "NEW.n") " END;"
	  "CREATE TRIGGER system_level_scope_delete AFTER DELETE ON system_level_count BEGIN "
	  SYSTEM_LEVEL_SCOPE("OLD.org_id", "OLD.level", "-OLD.n") " END;"
	  "CREATE TRIGGER system_level_scope_update AFTER UPDATE ON system_level_count BEGIN "
	  SYSTEM_LEVEL_SCOPE("OLD.org_id", "OLD.level", "-OLD.n") SYSTEM_LEVEL_SCOPE("NEW.org_id", "NEW.level", "NEW.n")
	  " END;"
	  /* A move rewrites the paths of a subtree, one organisation at a
	   * time: its own systems leave the organisations that were above it
	   * and count for those now above it. */
	  "CREATE TRIGGER system_level_scope_moved AFTER UPDATE OF path ON org"
	  " WHEN NEW.path GLOB '/*' AND OLD.path GLOB '/*' AND OLD.path <> NEW.path BEGIN "
	  SYSTEM_LEVEL_SCOPE_OF_ORG("OLD", "-") SYSTEM_LEVEL_SCOPE_OF_ORG("NEW", "+") " END;" },
	{ 0, NULL },
};
