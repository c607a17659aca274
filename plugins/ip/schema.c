/* The ip plugin's tables: the address plan and its free space (Art 18–19). */
#include "config.h"
#include "ip.h"
#include "govnet/banned.h"

static const char ipam_schema_v1[] =
	/* The address plan (Art 18–19).  start is the first address as a
	 * 16-byte big-endian key (IPv4 in the last four bytes); path is the
	 * chain of ids from the top-level pool, "/3/17/", so that a subtree
	 * is an index range. */
	"CREATE TABLE ip_block ("
	"  id INTEGER PRIMARY KEY,"
	"  parent_id INTEGER REFERENCES ip_block(id),"
	"  family INTEGER NOT NULL CHECK (family IN (4, 6)),"
	"  start BLOB NOT NULL CHECK (length(start) = 16),"
	"  plen INTEGER NOT NULL CHECK (plen BETWEEN 0 AND 128),"
	"  cidr TEXT NOT NULL,"
	"  path TEXT NOT NULL,"
	"  org_id INTEGER NOT NULL REFERENCES org(id),"
	"  kind TEXT NOT NULL CHECK (kind IN ('mixed','interconnect','business','terminal')),"
	"  state TEXT NOT NULL DEFAULT 'allocated' CHECK (state IN ('reserved','allocated')),"
	"  purpose TEXT NOT NULL DEFAULT '',"
	"  size REAL NOT NULL,"
	"  used REAL NOT NULL DEFAULT 0,"
	"  free_ok INTEGER NOT NULL DEFAULT 1,"
	"  created_by TEXT NOT NULL,"
	"  created_at TEXT NOT NULL,"
	"  changed_by TEXT NOT NULL,"
	"  changed_at TEXT NOT NULL,"
	"  UNIQUE (family, start, plen));"
	"CREATE INDEX ip_block_child ON ip_block(parent_id, family, start);"
	"CREATE INDEX ip_block_path ON ip_block(path);"
	"CREATE INDEX ip_block_org ON ip_block(org_id);"
	"CREATE UNIQUE INDEX ip_block_cidr ON ip_block(cidr);"
	/* Each block's free space as maximal aligned blocks (blocks.h). */
	"CREATE TABLE ip_free ("
	"  id INTEGER PRIMARY KEY,"
	"  parent_id INTEGER NOT NULL REFERENCES ip_block(id) ON DELETE CASCADE,"
	"  start BLOB NOT NULL,"
	"  plen INTEGER NOT NULL,"
	"  cidr TEXT NOT NULL);"
	"CREATE UNIQUE INDEX ip_free_at ON ip_free(parent_id, start);"
	"CREATE INDEX ip_free_len ON ip_free(parent_id, plen, start);";

static const char ipam_schema_v2[] =
	/* Address order for lists: a text key (family, start, length) that
	 * sorts a parent before its children and siblings by address, indexed
	 * so that a page of the plan in that order is an index range. */
	"ALTER TABLE ip_block ADD COLUMN addr_key TEXT"
	"  GENERATED ALWAYS AS (printf('%d-%s-%03d', family, hex(start), plen)) VIRTUAL;"
	"CREATE INDEX ip_block_addr ON ip_block(addr_key);"
	"ALTER TABLE ip_free ADD COLUMN addr_key TEXT GENERATED ALWAYS AS (hex(start)) VIRTUAL;"
	"CREATE INDEX ip_free_addr ON ip_free(addr_key);";

const struct gn_migration ip_migrations[] = {
	{ 1, ipam_schema_v1 },
	{ 2, ipam_schema_v2 },
	/* The access node a block serves (node.c); NULL for most.  No
	 * foreign key: the access plugin may not be installed. */
	{ 3, "ALTER TABLE ip_block ADD COLUMN node_id INTEGER;"
	     "CREATE INDEX ip_block_node ON ip_block(node_id) WHERE node_id IS NOT NULL;" },
	/* A scope's page of the plan in address order (govnet/plugin.h): a
	 * block's address key never changes, so its scope rows take it when
	 * they are made and need no other trigger. */
	{ 4, GN_SCOPE_MIGRATION("ip_block")
	     GN_SCOPE_KEY_MIGRATION("ip_block", "TEXT", "(SELECT b.addr_key FROM ip_block b WHERE b.id = scope_record_id)") },
	/* The month's report lists the mixed pools in address order
	 * (monthly.c), not every block of the plan. */
	{ 5, "CREATE INDEX ip_block_mixed ON ip_block(addr_key) WHERE kind = 'mixed';" },
	{ 0, NULL },
};
