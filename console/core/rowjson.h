/* rowjson.h — one result row as a JSON object: the audit's snapshots and
 * every --json output use the same conversion. */
#ifndef GN_ROWJSON_H
#define GN_ROWJSON_H

#include <jansson.h>
#include <sqlite3.h>

/* Column → value (integer, real, string or null; a column declared
 * BOOLEAN true or false), skipping the columns
 * named in skip (NULL-terminated, may be NULL) and repeated names. */
json_t *row_to_json(sqlite3_stmt *st, const char *const *skip);

#endif
