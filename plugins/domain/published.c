/*
 * published.c — what the domain plugin reads of the zone plugin (`zone
 * which`) and what it publishes for it (`domain records`): reads through
 * the plugin API, never the other's table (gn_call_invoke).
 */
#include "config.h"
#include "domain.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "govnet/banned.h"

int domain_store_error(struct gn_call *call)
{
	return gn_call_sqlite_error(call, "域名");
}

int domain_zone_of(struct gn_call *call, const char *name, struct domain_zone *z)
{
	struct gn_rows *rows;
	int found;

	memset(z, 0, sizeof *z);
	if (gn_call_invoke(call, "zone", "which", (const char *const[]){ "name", name, NULL }, &rows))
		return -1;
	found = gn_rows_count(rows) > 0;
	if (found) {
		const char *id = gn_rows_get(rows, 0, "id"), *org = gn_rows_get(rows, 0, "org_id");
		z->id = id ? strtoll(id, NULL, 10) : 0;
		z->org_id = org ? strtoll(org, NULL, 10) : 0;
		snprintf(z->name, sizeof z->name, "%s", gn_rows_get(rows, 0, "name") ? gn_rows_get(rows, 0, "name") : "");
	}
	gn_rows_free(rows);
	return found;
}

#define RECORD_COLUMNS "SELECT id, name, type, value, ttl, org_id, zone, rev_zone FROM dns_record"

/* One filter, one query: each is an index range but `under`. */
static const struct {
	const char *field, *sql;
} record_queries[] = {
	/* A forward zone's records by name; a reverse zone's by address. */
	{ "zone", RECORD_COLUMNS " WHERE zone = ?1 OR rev_zone = ?1"
		  " ORDER BY CASE WHEN zone = ?1 THEN NULL ELSE addr END, name, type, value" },
	{ "name", RECORD_COLUMNS " WHERE name = ?1 ORDER BY type, value" },
	{ "under", RECORD_COLUMNS " WHERE name = ?1 OR substr(name, -length(?1) - 1) = '.' || ?1"
		   " ORDER BY name, type, value" },
	{ "record", RECORD_COLUMNS " WHERE id = CAST(?1 AS INTEGER)" },
};

int domain_records(struct gn_call *call)
{
	static const char *const names[] = { "id", "name", "type", "value", "ttl", "org_id", "zone", "reverse_zone" };
	const char *values[8];
	char key[DNS_NAME_MAX + 2];
	sqlite3_stmt *st;
	size_t q, n;
	int rc;

	for (q = 0; q < sizeof record_queries / sizeof record_queries[0]; q++)
		if (gn_call_arg(call, record_queries[q].field))
			break;
	if (q == sizeof record_queries / sizeof record_queries[0])
		return gn_call_refuse(call, "请给出 --zone、--name、--under 或 --record 之一");
	/* Names are kept in their stored form: lower case, no trailing dot. */
	snprintf(key, sizeof key, "%s", gn_call_arg(call, record_queries[q].field));
	n = strlen(key);
	if (n > 1 && key[n - 1] == '.')
		key[n - 1] = '\0';
	for (char *p = key; *p; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p - 'A' + 'a');
	if (!(st = gn_call_query(call, record_queries[q].sql, "t", key)))
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		for (int i = 0; i < 8; i++)
			values[i] = (const char *)sqlite3_column_text(st, i);
		gn_call_emit_typed(call, 8, names, values, "nttttntt");
	}
	gn_call_done(call, st);
	return rc == SQLITE_DONE ? 0 : domain_store_error(call);
}
