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

/*
 * The same for --json, the stable interface (govnet-json(5)): machine
 * values only.  Columns whose name begins with "_" (internal: a row's
 * style, an ordering key, a path), those whose name ends in "_bar" (a
 * drawing for the screen) and org_path (the scope's key) are left out; a
 * value made by the SQL function gn_bool(), or of a column flagged
 * GN_COLUMN_BOOLEAN in columns (a view's, terminated by { NULL }; may be
 * NULL), is true or false.  (A value's mark does not pass through the
 * subquery a list is read with: a view's columns say it instead.)
 */
struct gn_column;
json_t *row_to_public_json(sqlite3_stmt *st, const struct gn_column *columns);
/* A figure given as text ("12", "28.5") as a JSON number; null when the
 * text is empty or not a number.  Answers' typed columns
 * (gn_call_emit_typed) and the monthly report read figures with it. */
json_t *rowjson_number(const char *text);
/* A typed answer's value as the text gn_rows_get gives other components:
 * the string itself, a number as written, true or false as 1 or 0, null
 * as NULL (a new reference, or NULL). */
json_t *rowjson_text(json_t *v);
/* The subtype gn_bool() marks its values with. */
#define ROWJSON_BOOLEAN_SUBTYPE 'B'

#endif
