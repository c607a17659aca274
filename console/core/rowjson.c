#include "config.h"
#include "rowjson.h"
#include "strbuf.h"
#include "govnet/plugin.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "govnet/banned.h"

static int skipped(const char *name, const char *const *skip)
{
	for (; skip && *skip; skip++)
		if (strcmp(*skip, name) == 0)
			return 1;
	return 0;
}

/* A BLOB as lower-case hex digits: binary keys read in an audit entry. */
static json_t *blob_hex(sqlite3_stmt *st, int i)
{
	static const char digits[] = "0123456789abcdef";
	const unsigned char *b = sqlite3_column_blob(st, i);
	size_t n = (size_t)sqlite3_column_bytes(st, i);
	char *hex = xmalloc(2 * n + 1);
	json_t *v;

	for (size_t k = 0; k < n; k++) {
		hex[2 * k] = digits[b[k] >> 4];
		hex[2 * k + 1] = digits[b[k] & 15];
	}
	hex[2 * n] = '\0';
	v = json_string(hex);
	free(hex);
	return v;
}

json_t *row_to_json(sqlite3_stmt *st, const char *const *skip)
{
	json_t *obj = json_object();

	for (int i = 0; i < sqlite3_column_count(st); i++) {
		const char *name = sqlite3_column_name(st, i);
		json_t *v;
		if (skipped(name, skip) || json_object_get(obj, name))
			continue;
		const char *decl = sqlite3_column_decltype(st, i);
		if (sqlite3_value_subtype(sqlite3_column_value(st, i)) == ROWJSON_BOOLEAN_SUBTYPE) {
			json_object_set_new(obj, name, json_boolean(sqlite3_column_int64(st, i)));
			continue;
		}
		switch (sqlite3_column_type(st, i)) {
		/* A column declared BOOLEAN reads as true or false. */
		case SQLITE_INTEGER:
			v = decl && strcmp(decl, "BOOLEAN") == 0 ? json_boolean(sqlite3_column_int64(st, i))
								 : json_integer(sqlite3_column_int64(st, i));
			break;
		case SQLITE_FLOAT: v = json_real(sqlite3_column_double(st, i)); break;
		case SQLITE_NULL: v = json_null(); break;
		case SQLITE_BLOB: v = blob_hex(st, i); break;
		/* Text that is not valid UTF-8 (written by another program) becomes null. */
		default: v = json_string((const char *)sqlite3_column_text(st, i)); break;
		}
		json_object_set_new(obj, name, v ? v : json_null());
	}
	return obj;
}

/* A column drawn for the screen ("usage_bar"): never a machine value. */
static int is_drawing(const char *name)
{
	size_t n = strlen(name);

	return n >= 4 && strcmp(name + n - 4, "_bar") == 0;
}

json_t *row_to_public_json(sqlite3_stmt *st, const struct gn_column *columns)
{
	static const char *const internal[] = { "org_path", NULL };
	json_t *obj = row_to_json(st, internal);
	const char *key;
	json_t *v;
	void *tmp;

	for (const struct gn_column *c = columns; c && c->name; c++)
		if ((c->flags & GN_COLUMN_BOOLEAN) && json_is_integer(v = json_object_get(obj, c->name)))
			json_object_set_new(obj, c->name, json_boolean(json_integer_value(v)));
	json_object_foreach_safe(obj, tmp, key, v)
		if (key[0] == '_' || is_drawing(key))
			json_object_del(obj, key);
	return obj;
}

json_t *rowjson_number(const char *text)
{
	char *end;

	if (!text || !*text)
		return json_null();
	if (strpbrk(text, ".eE")) {
		double d = strtod(text, &end);
		return *end ? json_null() : json_real(d);
	}
	errno = 0;
	long long n = strtoll(text, &end, 10);
	if (*end)
		return json_null();
	/* Beyond 64 bits (an IPv6 block's address count): a decimal. */
	return errno == ERANGE ? json_real(strtod(text, NULL)) : json_integer(n);
}

json_t *rowjson_text(json_t *v)
{
	char text[40];

	if (json_is_string(v))
		return json_incref(v);
	if (json_is_integer(v))
		snprintf(text, sizeof text, "%lld", (long long)json_integer_value(v));
	else if (json_is_real(v))
		snprintf(text, sizeof text, "%.15g", json_real_value(v));
	else if (json_is_boolean(v))
		snprintf(text, sizeof text, "%d", json_is_true(v));
	else
		return NULL;
	return json_string(text);
}
