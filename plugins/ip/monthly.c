/*
 * monthly.c — the ip plugin's section of the monthly report: each address
 * pool in the organisation's subtree (a block registered with `ip pool
 * add`, Art 18) with its addresses, those allocated, and the share.
 */
#include "config.h"
#include "ip.h"
#include "../../lib/report/monthly.h"

#include <stdio.h>
#include "govnet/banned.h"

/* An address count as a number: exact while a double holds it exactly. */
static void figure(double n, char *out, size_t size)
{
	snprintf(out, size, n < 9007199254740992.0 ? "%.0f" : "%.6e", n);
}

int ip_monthly(struct gn_call *call)
{
	struct monthly m;
	sqlite3_stmt *st;
	int rc;

	if (monthly_begin(call, &m, "pools", "地址池利用率"))
		return -1;
	st = gn_call_query(call,
			   "SELECT b.cidr, b.size, b.used FROM ip_block b JOIN org o ON o.id = b.org_id"
			   " WHERE b.kind = 'mixed' AND o.path LIKE ?1 || '%' ORDER BY b.addr_key",
			   "t", m.path);
	if (!st)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *cidr = (const char *)sqlite3_column_text(st, 0);
		double size = sqlite3_column_double(st, 1), used = sqlite3_column_double(st, 2);
		char text[48];
		figure(size, text, sizeof text);
		monthly_emit(&m, cidr, "addresses", "地址数", text);
		figure(used, text, sizeof text);
		monthly_emit(&m, cidr, "allocated", "已分配", text);
		snprintf(text, sizeof text, "%.1f", size > 0 ? 100.0 * used / size : 0.0);
		monthly_emit(&m, cidr, "usage_pct", "利用率（%）", text);
	}
	gn_call_done(call, st);
	return rc == SQLITE_DONE ? 0 : gn_call_sqlite_error(call, "读取地址池");
}
