/* The zone plugin's tables: the extranet's DNS zones (Art 20). */
#include "config.h"
#include "zone.h"
#include "govnet/banned.h"

static const char dns_zone_schema_v1[] =
	/* Zones of the extranet's DNS (Art 20).  name is lower-case A-labels
	 * without the trailing dot; a reverse zone also keeps the prefix it
	 * covers as family, start (16-byte key) and plen. */
	"CREATE TABLE dns_zone ("
	"  id INTEGER PRIMARY KEY,"
	"  name TEXT NOT NULL UNIQUE,"
	"  kind TEXT NOT NULL CHECK (kind IN ('forward','reverse')),"
	"  parent_id INTEGER REFERENCES dns_zone(id),"
	"  family INTEGER,"
	"  start BLOB,"
	"  plen INTEGER,"
	"  org_id INTEGER NOT NULL REFERENCES org(id),"
	"  ns TEXT NOT NULL,"
	"  hostmaster TEXT NOT NULL,"
	"  ttl INTEGER NOT NULL DEFAULT 3600,"
	"  serial INTEGER NOT NULL,"
	"  created_by TEXT NOT NULL,"
	"  created_at TEXT NOT NULL,"
	"  changed_by TEXT NOT NULL,"
	"  changed_at TEXT NOT NULL);"
	"CREATE INDEX dns_zone_parent ON dns_zone(parent_id);"
	"CREATE INDEX dns_zone_org ON dns_zone(org_id);";

const struct gn_migration zone_migrations[] = {
	{ 1, dns_zone_schema_v1 },
	/* How many records each zone holds, kept as the domain plugin's
	 * records come and go (events.c): the list shows it. */
	{ 2, "ALTER TABLE dns_zone ADD COLUMN records INTEGER NOT NULL DEFAULT 0;" },
	{ 0, NULL },
};
