/*
 * imported.c — the mark a ledger import leaves on each record it made
 * (imported.h).
 */
#include "config.h"
#include "imported.h"
#include "store.h"
#include "govnet/banned.h"

const struct gn_migration imported_migrations[] = {
	{ 1,
	  "CREATE TABLE import_record ("
	  "  tbl TEXT NOT NULL,"
	  "  record_id INTEGER NOT NULL,"
	  "  imported_at TEXT NOT NULL,"
	  "  sha256 TEXT NOT NULL CHECK (length(sha256) = 64),"
	  "  PRIMARY KEY (tbl, record_id)) WITHOUT ROWID;" },
	{ 0, NULL },
};

int imported_mark(sqlite3 *db, const char *table, int64_t id, const char *at, const char *sha256,
		  struct gn_err *err)
{
	return store_run(db, "INSERT OR REPLACE INTO import_record(tbl, record_id, imported_at, sha256) VALUES (?1, ?2, ?3, ?4)",
			 err, "titt", table, id, at, sha256);
}
