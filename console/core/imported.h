/*
 * imported.h — records that came from a ledger (govnet import), not from a
 * workflow: the import marks each record it makes, by table and id, so
 * that lists and show can say "imported" without the plugin knowing how
 * the row it was asked to make arrived.  Views read the core table
 * import_record(tbl, record_id, imported_at, sha256).
 */
#ifndef GN_IMPORTED_H
#define GN_IMPORTED_H

#include <stdint.h>
#include <sqlite3.h>
#include "err.h"
#include "govnet/plugin.h"

extern const struct gn_migration imported_migrations[];

/* Mark record id of table as imported at `at` from the file whose SHA-256
 * is sha256, inside the import's transaction: 0, or -1 with err set. */
int imported_mark(sqlite3 *db, const char *table, int64_t id, const char *at, const char *sha256,
		  struct gn_err *err);

#endif
