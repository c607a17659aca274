/*
 * schema.c — the core's tables.  Plugins own theirs (gn_plugin.migrations);
 * each component counts its own versions in schema_version.
 */
#include "config.h"
#include "store.h"
#include "govnet/plugin.h"
#include "calendar.h"
#include "imported.h"
#include "node.h"
#include "outbox.h"
#include "rules/rules.h"
#include "workflow.h"
#include "govnet/banned.h"

const struct gn_migration core_migrations[] = {
	{ 1,
	  "CREATE TABLE IF NOT EXISTS schema_version ("
	  "  component TEXT PRIMARY KEY,"
	  "  version INTEGER NOT NULL);"

	  /* Organisations (Art 6–8): the city, its county-level divisions and
	   * functional zones, departments, units.  path is the chain of ids
	   * from the root, "/1/5/23/", so that "is X within the scope of Y" is
	   * a prefix test and a subtree is an index range. */
	  "CREATE TABLE org ("
	  "  id INTEGER PRIMARY KEY,"
	  "  parent_id INTEGER REFERENCES org(id),"
	  "  code TEXT UNIQUE,"
	  "  name TEXT NOT NULL,"
	  "  kind TEXT NOT NULL CHECK (kind IN ('city','county','zone','authority','agency','dept','unit')),"
	  "  path TEXT NOT NULL UNIQUE,"
	  "  created_at TEXT NOT NULL,"
	  "  UNIQUE (parent_id, name));"
	  "CREATE INDEX org_name ON org(name);"

	  /* Logins: one role each, scoped to one organisation and all beneath it. */
	  "CREATE TABLE login ("
	  "  id INTEGER PRIMARY KEY,"
	  "  login TEXT NOT NULL UNIQUE,"
	  "  name TEXT,"
	  "  role TEXT NOT NULL CHECK (role IN ('office','operator','dept','auditor','admin')),"
	  "  org_id INTEGER NOT NULL REFERENCES org(id),"
	  "  phone TEXT,"
	  "  disabled INTEGER NOT NULL DEFAULT 0,"
	  "  created_at TEXT NOT NULL);"
	  "CREATE INDEX login_org ON login(org_id);"

	  /* The audit chain: append-only; each entry's hash covers its content
	   * and its predecessor's hash (audit.c). */
	  "CREATE TABLE audit ("
	  "  id INTEGER PRIMARY KEY,"
	  "  at TEXT NOT NULL,"
	  "  login TEXT NOT NULL,"
	  "  client TEXT NOT NULL DEFAULT '',"
	  "  component TEXT NOT NULL,"
	  "  verb TEXT NOT NULL,"
	  "  target TEXT NOT NULL DEFAULT '',"
	  "  org_id INTEGER,"
	  "  before_json TEXT,"
	  "  after_json TEXT,"
	  "  reason TEXT NOT NULL DEFAULT '',"
	  "  prev_hash TEXT NOT NULL,"
	  "  hash TEXT NOT NULL);"
	  "CREATE INDEX audit_org ON audit(org_id);"
	  "CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit"
	  "  BEGIN SELECT RAISE(ABORT, 'the audit chain is append-only'); END;"

	  "CREATE TABLE setting ("
	  "  key TEXT PRIMARY KEY,"
	  "  value TEXT NOT NULL);" },
	{ 2,
	  /* Each organisation under each of its ancestors and itself, so that
	   * a scope's page of organisations is read in id order (the scope
	   * tables, govnet/plugin.h). */
	  "CREATE TABLE org_scope ("
	  "  scope_org_id INTEGER NOT NULL,"
	  "  scope_record_id INTEGER NOT NULL,"
	  "  PRIMARY KEY (scope_org_id, scope_record_id)) WITHOUT ROWID;"
	  "CREATE INDEX org_scope_record ON org_scope(scope_record_id);"
	  "INSERT INTO org_scope SELECT j.value, o.id FROM org o, " GN_SCOPE_IDS("o.path") " j"
	  "  WHERE o.path GLOB '/*';"
	  /* An organisation is inserted under a placeholder path and given
	   * its real one at once (org.c); a move rewrites a subtree's paths. */
	  "CREATE TRIGGER org_scope_path AFTER UPDATE OF path ON org WHEN NEW.path GLOB '/*' BEGIN"
	  "  DELETE FROM org_scope WHERE scope_record_id = NEW.id;"
	  "  INSERT INTO org_scope SELECT j.value, NEW.id FROM " GN_SCOPE_IDS("NEW.path") " j; END;"
	  "CREATE TRIGGER org_scope_insert AFTER INSERT ON org WHEN NEW.path GLOB '/*' BEGIN"
	  "  INSERT INTO org_scope SELECT j.value, NEW.id FROM " GN_SCOPE_IDS("NEW.path") " j; END;"
	  "CREATE TRIGGER org_scope_delete AFTER DELETE ON org BEGIN"
	  "  DELETE FROM org_scope WHERE scope_record_id = OLD.id; END;" },
	{ 0, NULL },
};

/* Every core module's schema, migrated in this order before the plugins'. */
const struct core_schema core_schemas[] = {
	{ "core", core_migrations },
	{ "calendar", calendar_migrations },
	{ "outbox", outbox_migrations },
	{ "node", node_migrations },
	{ "rules", rules_migrations },
	{ "workflow", workflow_migrations },
	{ "import", imported_migrations },
	{ NULL, NULL },
};
