/*
 * ip_report.c — the read-only reports `ip free` and `ip usage`, paged like
 * every list (DESIGN §5: a report costs what it prints, not what the block
 * holds): --limit rows from the block after --after, read in address
 * order from the index, and a last row naming where the next page starts.
 */
#include "config.h"
#include "ip.h"

#include <stdio.h>
#include <string.h>
#include "govnet/banned.h"

/* Rows a report shows unless --limit says otherwise (ip.c bounds it). */
#define IP_REPORT_ROWS 100

/* --limit and --after: 0, or -1 refusing. */
static int report_page(struct gn_call *call, const struct ipam_block *b, int64_t *limit, struct u128 *after,
		       int *has_after)
{
	const char *text = gn_call_arg(call, "after");
	struct ipam_prefix p;
	char why[128];

	*limit = gn_call_arg_int(call, "limit", IP_REPORT_ROWS);
	/* 0: every row — printed as it is read, the table too (table_stream). */
	if (*limit == 0)
		*limit = INT64_MAX - 1;
	*has_after = text != NULL;
	if (!text)
		return 0;
	if (ipam_parse_prefix(text, &p, why, sizeof why) || p.family != b->p.family || !ipam_contains(&b->p, &p))
		return gn_call_refuse_field(call, "after", "--after \"%s\" 应为 %s 之内、上一页末尾提示的网段", text, b->cidr);
	*after = p.addr;
	return 0;
}

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
	int64_t rows, limit;
	int more;     /* a row beyond the limit was found */
	char last[IPAM_TEXT_MAX];
};

static int emit_free(const struct ipam_prefix *p, void *data)
{
	static const char *const names[] = { "cidr", "addresses", "fits" };
	static const char types[] = "tnn";
	struct free_report *r = data;
	char cidr[IPAM_TEXT_MAX], addresses[IPAM_COUNT_MAX], fits[IPAM_COUNT_MAX];
	const char *values[3] = { cidr, addresses, fits };

	if (r->rows >= r->limit) {
		r->more = 1;
		return 1; /* enough: the walk stops here */
	}
	ipam_format_prefix(p, cidr, sizeof cidr);
	snprintf(r->last, sizeof r->last, "%s", cidr);
	ipam_count_text(ipam_host_bits(p), addresses, sizeof addresses);
	if (r->want_len >= 0)
		ipam_count_text(r->want_len - p->len, fits, sizeof fits);
	gn_call_emit_typed(r->call, r->want_len >= 0 ? 3 : 2, names, values, types);
	r->rows++;
	return 0;
}

int ip_free_report(struct gn_call *call)
{
	struct ipam_block b;
	struct free_report r = { .call = call, .want_len = -1 };
	struct u128 after;
	int has_after, rc;
	char text[256];

	if (ip_target(call, &b) || report_page(call, &b, &r.limit, &after, &has_after))
		return -1;
	if (gn_call_arg(call, "prefix")) {
		int64_t len = gn_call_arg_int(call, "prefix", -1);
		if (len < b.p.len || len > ipam_width(b.p.family))
			return gn_call_refuse(call, "前缀长度 /%lld 无效：应在 /%d 到 /%d 之间", (long long)len, b.p.len,
					      ipam_width(b.p.family));
		r.want_len = (int)len;
	}
	rc = ipam_free_walk_from(call, &b, has_after ? &after : NULL,
				 r.want_len >= 0 ? r.want_len : ipam_width(b.p.family), emit_free, &r);
	if (rc < 0)
		return ip_store_error(call);
	if (r.more) {
		snprintf(text, sizeof text, "（更多空闲块：加 --after %s）\n", r.last);
		gn_call_emit_text(call, text);
	}
	if (r.rows == 0 && !has_after) {
		if (r.want_len >= 0)
			snprintf(text, sizeof text, "%s 中没有能容纳 /%d 的空闲空间\n", b.cidr, r.want_len);
		else
			snprintf(text, sizeof text, "%s 已全部分配，没有空闲空间\n", b.cidr);
		gn_call_emit_text(call, text);
	}
	return 0;
}

/* A block's allocated addresses when the sum of its children is not kept. */
#define USAGE_UNKNOWN (-1.0)

static void emit_usage(struct gn_call *call, const char *cidr, const char *org, const char *kind, const char *state,
		       int host_bits, double used)
{
	static const char *const names[] = { "cidr",	"org",	     "kind",	  "kind_title", "state",
					     "state_title", "addresses", "allocated", "usage_pct" };
	char total[IPAM_COUNT_MAX], alloc[IPAM_COUNT_MAX], pct[32];
	const char *values[9] = { cidr, org, kind, ip_kind_title(kind), state, ip_kind_title(state), total, alloc, pct };

	ipam_count_text(host_bits, total, sizeof total);
	count_text(used, alloc, sizeof alloc);
	snprintf(pct, sizeof pct, "%.1f", 100.0 * used / ipam_size(host_bits));
	if (used < 0) { /* not known: null in --json */
		values[7] = "未汇总";
		values[8] = "—";
	}
	gn_call_emit_typed(call, 9, names, values, "ttttttnnn");
}

int ip_usage_report(struct gn_call *call)
{
	struct ipam_block b;
	struct gn_org org;
	sqlite3_stmt *st;
	int64_t rows = 0, limit;
	struct u128 after;
	int rc, has_after, more = 0;
	char last[IPAM_TEXT_MAX] = "";

	if (ip_target(call, &b) || report_page(call, &b, &limit, &after, &has_after) ||
	    gn_call_org(call, b.org_id, &org))
		return -1;
	/* The block itself heads the first page.  One whose children were
	 * written by other means has no sum of them kept (free_ok = 0, until
	 * the next allocation in it rebuilds it, blocks.h): counting them
	 * would read every child for one figure, so it is shown as not known
	 * and the page costs its rows. */
	if (!has_after)
		emit_usage(call, b.cidr, org.name, b.kind, b.state, ipam_host_bits(&b.p), b.free_ok ? b.used : USAGE_UNKNOWN);
	/* One row past the page says whether there is a next; the index
	 * ip_block_child serves the page in address order, from after the
	 * empty blob (before every key) on the first page. */
	if (!(st = gn_call_query(call,
				 "SELECT c.cidr, o.name, c.kind, c.state, c.plen, c.used FROM ip_block c"
				 " JOIN org o ON o.id = c.org_id WHERE c.parent_id = ?1 AND c.family = ?2 AND c.start > ?3"
				 " ORDER BY c.start LIMIT ?4",
				 "inbi", b.id, b.p.family, has_after ? ipam_keybuf(after).b : (const unsigned char *)"",
				 (size_t)(has_after ? IPAM_KEY_LEN : 0), limit + 1)))
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (rows == limit) {
			more = 1;
			rc = SQLITE_DONE;
			break;
		}
		snprintf(last, sizeof last, "%s", (const char *)sqlite3_column_text(st, 0));
		emit_usage(call, (const char *)sqlite3_column_text(st, 0), (const char *)sqlite3_column_text(st, 1), (const char *)sqlite3_column_text(st, 2),
			   (const char *)sqlite3_column_text(st, 3), ipam_width(b.p.family) - sqlite3_column_int(st, 4),
			   sqlite3_column_double(st, 5));
		rows++;
	}
	gn_call_done(call, st);
	if (rc != SQLITE_DONE)
		return ip_store_error(call);
	if (more) {
		char more_text[IPAM_TEXT_MAX + 64];
		snprintf(more_text, sizeof more_text, "（更多子网段：加 --after %s）\n", last);
		gn_call_emit_text(call, more_text);
	}
	return 0;
}
