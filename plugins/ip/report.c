/*
 * ip_report.c — the read-only reports `ip free` and `ip usage`.
 */
#include "config.h"
#include "ip.h"

#include <stdio.h>
#include <string.h>
#include "govnet/banned.h"

/* Rows a report answers at most; a last row says how many were left out. */
#define IP_REPORT_MAX_ROWS 65536

/* An address count: exact while a double holds it exactly. */
static void count_text(double n, char *out, size_t size)
{
	if (n < 9007199254740992.0)
		snprintf(out, size, "%.0f", n);
	else
		snprintf(out, size, "%.4g", n);
}

struct free_report {
	struct gn_call *call;
	int want_len; /* -1: every free block */
	long long rows, skipped;
};

static int emit_free(const struct ipam_prefix *p, void *data)
{
	static const char *const names[] = { "cidr", "addresses", "fits" };
	struct free_report *r = data;
	char cidr[IPAM_TEXT_MAX], addresses[IPAM_COUNT_MAX], fits[IPAM_COUNT_MAX];
	const char *values[3] = { cidr, addresses, fits };

	if (r->want_len >= 0 && p->len > r->want_len)
		return 0;
	if (r->rows >= IP_REPORT_MAX_ROWS) {
		r->skipped++;
		return 0;
	}
	ipam_format_prefix(p, cidr, sizeof cidr);
	ipam_count_text(ipam_host_bits(p), addresses, sizeof addresses);
	if (r->want_len >= 0)
		ipam_count_text(r->want_len - p->len, fits, sizeof fits);
	gn_call_emit_row(r->call, r->want_len >= 0 ? 3 : 2, names, values);
	r->rows++;
	return 0;
}

int ip_free_report(struct gn_call *call)
{
	struct ipam_block b;
	struct free_report r = { call, -1, 0, 0 };
	char text[256];

	if (ip_target(call, &b))
		return -1;
	if (gn_call_arg(call, "prefix")) {
		int64_t len = gn_call_arg_int(call, "prefix", -1);
		if (len < b.p.len || len > ipam_width(b.p.family))
			return gn_call_refuse(call, "前缀长度 /%lld 无效：应在 /%d 到 /%d 之间", (long long)len, b.p.len,
					      ipam_width(b.p.family));
		r.want_len = (int)len;
	}
	if (ipam_free_walk(gn_call_db(call), &b, emit_free, &r))
		return ip_store_error(call);
	if (r.skipped) {
		static const char *const names[] = { "cidr", "addresses", "fits" };
		char more[96];
		snprintf(more, sizeof more, "还有 %lld 个空闲块未列出（可用 --prefix 只看较大的）", r.skipped);
		const char *values[3] = { "…", more, "" };
		gn_call_emit_row(call, r.want_len >= 0 ? 3 : 2, names, values);
	}
	if (r.rows == 0) {
		if (r.want_len >= 0)
			snprintf(text, sizeof text, "%s 中没有能容纳 /%d 的空闲空间\n", b.cidr, r.want_len);
		else
			snprintf(text, sizeof text, "%s 已全部分配，没有空闲空间\n", b.cidr);
		gn_call_emit_text(call, text);
	}
	return 0;
}

static void emit_usage(struct gn_call *call, const char *cidr, const char *org, const char *kind, const char *state,
		       int host_bits, double used)
{
	static const char *const names[] = { "cidr", "org", "kind", "state", "addresses", "allocated", "usage" };
	char total[IPAM_COUNT_MAX], alloc[IPAM_COUNT_MAX], pct[32];
	const char *values[7] = { cidr, org, kind, state, total, alloc, pct };

	ipam_count_text(host_bits, total, sizeof total);
	count_text(used, alloc, sizeof alloc);
	snprintf(pct, sizeof pct, "%.1f%%", 100.0 * used / ipam_size(host_bits));
	gn_call_emit_row(call, 7, names, values);
}

int ip_usage_report(struct gn_call *call)
{
	sqlite3 *db = gn_call_db(call);
	struct ipam_block b;
	struct gn_org org;
	sqlite3_stmt *st;
	long long rows = 0, skipped = 0;
	int rc;

	if (ip_target(call, &b) || gn_call_org(call, b.org_id, &org))
		return -1;
	/* A block whose children were written by other means: count them. */
	if (!b.free_ok) {
		if (sqlite3_prepare_v2(db, "SELECT coalesce(sum(size), 0) FROM ip_block WHERE parent_id = ?1", -1, &st,
				       NULL) != SQLITE_OK)
			return ip_store_error(call);
		sqlite3_bind_int64(st, 1, b.id);
		if (sqlite3_step(st) == SQLITE_ROW)
			b.used = sqlite3_column_double(st, 0);
		sqlite3_finalize(st);
	}
	emit_usage(call, b.cidr, org.name, b.kind, b.state, ipam_host_bits(&b.p), b.used);
	if (sqlite3_prepare_v2(db,
			       "SELECT c.cidr, o.name, c.kind, c.state, c.plen, c.used FROM ip_block c"
			       " JOIN org o ON o.id = c.org_id WHERE c.parent_id = ?1 AND c.family = ?2 ORDER BY c.start",
			       -1, &st, NULL) != SQLITE_OK)
		return ip_store_error(call);
	sqlite3_bind_int64(st, 1, b.id);
	sqlite3_bind_int(st, 2, b.p.family);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (rows >= IP_REPORT_MAX_ROWS) {
			skipped++;
			continue;
		}
		emit_usage(call, (const char *)sqlite3_column_text(st, 0), (const char *)sqlite3_column_text(st, 1), (const char *)sqlite3_column_text(st, 2),
			   (const char *)sqlite3_column_text(st, 3), ipam_width(b.p.family) - sqlite3_column_int(st, 4),
			   sqlite3_column_double(st, 5));
		rows++;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return ip_store_error(call);
	if (skipped) {
		static const char *const names[] = { "cidr", "org", "kind", "state", "addresses", "allocated", "usage" };
		char more[96];
		snprintf(more, sizeof more, "还有 %lld 个子网段未列出", skipped);
		const char *values[7] = { "…", more, "", "", "", "", "" };
		gn_call_emit_row(call, 7, names, values);
	}
	return 0;
}
