#include "config.h"
#include "rowjson.h"

#include <string.h>

static int skipped(const char *name, const char *const *skip)
{
	for (; skip && *skip; skip++)
		if (strcmp(*skip, name) == 0)
			return 1;
	return 0;
}

json_t *row_to_json(sqlite3_stmt *st, const char *const *skip)
{
	json_t *obj = json_object();

	for (int i = 0; i < sqlite3_column_count(st); i++) {
		const char *name = sqlite3_column_name(st, i);
		json_t *v;
		if (skipped(name, skip) || json_object_get(obj, name))
			continue;
		switch (sqlite3_column_type(st, i)) {
		case SQLITE_INTEGER: v = json_integer(sqlite3_column_int64(st, i)); break;
		case SQLITE_FLOAT: v = json_real(sqlite3_column_double(st, i)); break;
		case SQLITE_NULL: v = json_null(); break;
		/* Text that is not valid UTF-8 (written by another program) becomes null. */
		default: v = json_string((const char *)sqlite3_column_text(st, i)); break;
		}
		json_object_set_new(obj, name, v ? v : json_null());
	}
	return obj;
}
