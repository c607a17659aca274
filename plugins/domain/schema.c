/* The domain plugin's tables: the records of the extranet's DNS (Art 20). */
#include "config.h"
#include "domain.h"
#include "govnet/banned.h"

static const char dns_record_schema_v1[] =
	/* Records (Art 20).  name and value are stored canonical: the name in
	 * A-labels, an address as inet_ntop writes it, a target as a name.
	 * family and addr (a 16-byte key) index A and AAAA records by
	 * address, so that releasing a block can find the records in it. */
	"CREATE TABLE dns_record ("
	"  id INTEGER PRIMARY KEY,"
	"  zone_id INTEGER NOT NULL," /* the zone plugin's record: no foreign key */
	"  name TEXT NOT NULL,"
	"  uname TEXT NOT NULL,"
	"  type TEXT NOT NULL CHECK (type IN ('A','AAAA','CNAME','TXT')),"
	"  value TEXT NOT NULL,"
	"  family INTEGER,"
	"  addr BLOB,"
	"  rev_zone_id INTEGER," /* unused since version 2 (rev_zone) */
	"  org_id INTEGER NOT NULL REFERENCES org(id),"
	"  system_id INTEGER," /* the information system it serves (Art 20), once registered */
	"  ttl INTEGER,"
	"  created_by TEXT NOT NULL,"
	"  created_at TEXT NOT NULL,"
	"  changed_by TEXT NOT NULL,"
	"  changed_at TEXT NOT NULL,"
	"  UNIQUE (name, type, value));"
	"CREATE INDEX dns_record_name ON dns_record(name);"
	"CREATE INDEX dns_record_zone ON dns_record(zone_id);"
	"CREATE INDEX dns_record_rev ON dns_record(rev_zone_id);"
	"CREATE INDEX dns_record_addr ON dns_record(family, addr);"
	"CREATE INDEX dns_record_org ON dns_record(org_id);";

const struct gn_migration domain_migrations[] = {
	{ 1, dns_record_schema_v1 },
	/* The zone a record is in and the reverse zone of its PTR, by name as
	 * `zone which` and dns_reverse_zone_of give them: lists and the zone
	 * plugin's exports read them here, not in the zone plugin's table. */
	{ 2, "ALTER TABLE dns_record ADD COLUMN zone TEXT;"
	     "ALTER TABLE dns_record ADD COLUMN rev_zone TEXT;"
	     "CREATE INDEX dns_record_zone_name ON dns_record(zone);"
	     "CREATE INDEX dns_record_rev_zone ON dns_record(rev_zone);" },
	{ 0, NULL },
};
