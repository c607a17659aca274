/*
 * export.c — a zone as a BIND master file (RFC 1035 §5), for the
 * extranet's real DNS servers (Art 20): SOA and NS at the apex, the
 * delegations to subzones with their glue, the records; for a reverse zone
 * the PTR of every A and AAAA record in it.  What is written is what
 * named-checkzone accepts: a name server inside the zone must have an
 * address, or the export is refused.  The records are the domain plugin's,
 * read through its `domain records` (gn_call_invoke).
 */
#include "config.h"
#include "zone.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "govnet/banned.h"

/* SOA timers: refresh, retry, expire, negative caching (RFC 1912 §2.2). */
#define SOA_TIMERS "3600 900 1209600 300"
#define GLUE_MAX 64
#define LINE_MAX_BYTES 16384

/* Where the text goes: the answer, or a file. */
struct sink {
	struct gn_call *call;
	FILE *f;
};

static void put(struct sink *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void put(struct sink *s, const char *fmt, ...)
{
	char line[LINE_MAX_BYTES];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(line, sizeof line, fmt, ap);
	va_end(ap);
	if (s->f)
		fputs(line, s->f);
	else
		gn_call_emit_text(s->call, line);
}

/* The next name of a space-separated list into buf; NULL after the last. */
static const char *next_name(const char *p, char *buf, size_t size)
{
	size_t len;

	p += strspn(p, " ");
	if (!*p)
		return NULL;
	len = strcspn(p, " ");
	snprintf(buf, size, "%.*s", (int)len, p);
	return p + len;
}

/* The domain plugin's records: of a zone ("zone") or of a name ("name"). */
static int records(struct gn_call *call, const char *by, const char *key, struct gn_rows **rows)
{
	return gn_call_invoke(call, "domain", "records", (const char *const[]){ by, key, NULL }, rows);
}

static int is_address(const struct gn_rows *rows, size_t i)
{
	const char *type = gn_rows_get(rows, i, "type");
	return type && (strcmp(type, "A") == 0 || strcmp(type, "AAAA") == 0);
}

static int ttl_of(const struct gn_rows *rows, size_t i)
{
	const char *ttl = gn_rows_get(rows, i, "ttl");
	return ttl ? (int)strtol(ttl, NULL, 10) : 0;
}

static int count_addresses(struct gn_call *call, const char *name, int64_t *n)
{
	struct gn_rows *rows;

	*n = 0;
	if (records(call, "name", name, &rows))
		return -1;
	for (size_t i = 0; i < gn_rows_count(rows); i++)
		*n += is_address(rows, i);
	gn_rows_free(rows);
	return 0;
}

static void put_record(struct sink *s, const char *name, int ttl, const char *type, const char *value)
{
	char ttl_text[16] = "", quoted[LINE_MAX_BYTES / 2];
	int target = strcmp(type, "CNAME") == 0 || strcmp(type, "PTR") == 0;

	if (ttl > 0)
		snprintf(ttl_text, sizeof ttl_text, "%d\t", ttl);
	if (strcmp(type, "TXT") == 0)
		dns_txt_quote(value, quoted, sizeof quoted);
	else
		/* Names are written absolute: $ORIGIN must not be appended. */
		snprintf(quoted, sizeof quoted, "%s%s", value, target ? "." : "");
	put(s, "%s.\t%sIN\t%s\t%s\n", name, ttl_text, type, quoted);
}

/* The address records of a name, as glue below a delegation. */
static int put_glue(struct sink *s, const char *name)
{
	struct gn_rows *rows;

	if (records(s->call, "name", name, &rows))
		return -1;
	for (size_t i = 0; i < gn_rows_count(rows); i++)
		if (is_address(rows, i))
			put_record(s, name, ttl_of(rows, i), gn_rows_get(rows, i, "type"), gn_rows_get(rows, i, "value"));
	gn_rows_free(rows);
	return 0;
}

/* A name server must have an address when it lies inside the zone; when
 * it lies under a delegation, its address goes in as glue. */
static int check_ns(struct sink *s, const struct dns_zone *z, const char *ns, const char *for_zone,
		    char glue[][DNS_NAME_MAX], int *nglue)
{
	struct dns_zone owner;
	int64_t n = 0;
	int rc;

	if (!dns_name_within(ns, z->name))
		return 0;
	if (count_addresses(s->call, ns, &n))
		return -1;
	if (n == 0)
		return gn_call_refuse_next(s->call, "domain", "add", 0, "%s 的域名服务器 %s 在区域 %s 内，却没有 A 或 AAAA 记录",
					   for_zone, ns, z->name);
	if ((rc = dns_zone_for_name(s->call, ns, 0, &owner)) < 0)
		return dns_store_error(s->call);
	if (rc && owner.id != z->id) {
		for (int i = 0; i < *nglue; i++)
			if (strcmp(glue[i], ns) == 0)
				return 0;
		if (*nglue < GLUE_MAX)
			snprintf(glue[(*nglue)++], DNS_NAME_MAX, "%s", ns);
	}
	return 0;
}

static void put_apex(struct sink *s, const struct dns_zone *z, const char *org)
{
	char ns[DNS_NAME_MAX], first[DNS_NAME_MAX] = "";

	put(s, "; %s — 连云港市电子政务外网%s区域（Art 20），由 govnet 导出\n", z->name,
	    strcmp(z->kind, "reverse") == 0 ? "反向" : "");
	put(s, "; 归属：%s；序列号：%lld\n", org, (long long)z->serial);
	put(s, "$ORIGIN %s.\n$TTL %d\n", z->name, z->ttl);
	next_name(z->ns, first, sizeof first);
	put(s, "@\tIN\tSOA\t%s. %s. %lld " SOA_TIMERS "\n", first, z->hostmaster, (long long)z->serial);
	for (const char *p = z->ns; (p = next_name(p, ns, sizeof ns));)
		put(s, "@\tIN\tNS\t%s.\n", ns);
}

static int put_forward(struct sink *s, const struct dns_zone *z)
{
	char glue[GLUE_MAX][DNS_NAME_MAX], ns[DNS_NAME_MAX];
	int nglue = 0, rc;
	struct gn_rows *rows;
	sqlite3_stmt *st;

	for (const char *p = z->ns; (p = next_name(p, ns, sizeof ns));)
		if (check_ns(s, z, ns, z->name, glue, &nglue))
			return -1;
	if (!(st = gn_call_query(s->call, "SELECT name, ns FROM dns_zone WHERE parent_id = ?1 ORDER BY name", "i", z->id)))
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *child = (const char *)sqlite3_column_text(st, 0);
		for (const char *p = (const char *)sqlite3_column_text(st, 1); (p = next_name(p, ns, sizeof ns));) {
			if (check_ns(s, z, ns, child, glue, &nglue)) {
				gn_call_done(s->call, st);
				return -1;
			}
			put(s, "%s.\tIN\tNS\t%s.\n", child, ns);
		}
	}
	gn_call_done(s->call, st);
	if (rc != SQLITE_DONE)
		return dns_store_error(s->call);
	for (int i = 0; i < nglue; i++)
		if (put_glue(s, glue[i]))
			return -1;
	if (records(s->call, "zone", z->name, &rows))
		return -1;
	for (size_t i = 0; i < gn_rows_count(rows); i++)
		put_record(s, gn_rows_get(rows, i, "name"), ttl_of(rows, i), gn_rows_get(rows, i, "type"),
			   gn_rows_get(rows, i, "value"));
	gn_rows_free(rows);
	return 0;
}

/* The PTR of every A and AAAA record in a reverse zone, in address order. */
static int put_reverse(struct sink *s, const struct dns_zone *z)
{
	char owner[DNS_NAME_MAX];
	struct gn_rows *rows;
	struct u128 addr;
	int family;

	if (records(s->call, "zone", z->name, &rows))
		return -1;
	for (size_t i = 0; i < gn_rows_count(rows); i++) {
		const char *value = gn_rows_get(rows, i, "value");
		if (!value || ipam_parse_addr(value, &family, &addr))
			continue;
		dns_reverse_name(family, addr, owner, sizeof owner);
		put_record(s, owner, ttl_of(rows, i), "PTR", gn_rows_get(rows, i, "name"));
	}
	gn_rows_free(rows);
	return 0;
}

static int put_zone(struct sink *s, const struct dns_zone *z)
{
	struct gn_org org;

	if (gn_call_org(s->call, z->org_id, &org))
		return -1;
	put_apex(s, z, org.name);
	return strcmp(z->kind, "reverse") == 0 ? put_reverse(s, z) : put_forward(s, z);
}

/* Write a zone to path through a temporary file, so that a name server
 * never reads half of one. */
static int write_file(struct gn_call *call, const struct dns_zone *z, const char *path)
{
	static const char *const names[] = { "zone", "file", "serial" };
	char tmp[4096 + 8], serial[24];
	struct sink s = { call, NULL };
	int rc;

	if (strlen(path) > 4096)
		return gn_call_refuse(call, "文件名太长：%.60s…", path);
	snprintf(tmp, sizeof tmp, "%s.tmp", path);
	if (!(s.f = fopen(tmp, "w")))
		return gn_call_refuse(call, "无法写入 %s：%s", tmp, strerror(errno));
	rc = put_zone(&s, z);
	if (fclose(s.f) != 0 && rc == 0)
		rc = gn_call_refuse(call, "写入 %s 失败：%s", tmp, strerror(errno));
	if (rc == 0 && rename(tmp, path) != 0)
		rc = gn_call_refuse(call, "无法把 %s 改名为 %s：%s", tmp, path, strerror(errno));
	if (rc) {
		remove(tmp);
		return -1;
	}
	snprintf(serial, sizeof serial, "%lld", (long long)z->serial);
	gn_call_emit_row(call, 3, names, (const char *const[]){ z->name, path, serial });
	return 0;
}

/* Whether a reverse zone holds the PTR of one of rows' records. */
static int holds_ptr_of(const struct gn_rows *rows, const char *reverse)
{
	for (size_t i = 0; i < gn_rows_count(rows); i++) {
		const char *r = gn_rows_get(rows, i, "reverse_zone");
		if (r && strcmp(r, reverse) == 0)
			return 1;
	}
	return 0;
}

/* A forward zone and the reverse zones its addresses are in, as DIR/NAME.zone. */
static int write_dir(struct gn_call *call, const struct dns_zone *z, const char *dir)
{
	char path[4096 + DNS_NAME_MAX + 8];
	struct gn_rows *rows;
	struct stat sb;
	sqlite3_stmt *st;
	int rc = SQLITE_DONE;

	if (stat(dir, &sb) != 0 || !S_ISDIR(sb.st_mode))
		return gn_call_refuse(call, "目录 %s 不存在（--dir）", dir);
	snprintf(path, sizeof path, "%.4096s/%s.zone", dir, z->name);
	if (write_file(call, z, path))
		return -1;
	if (strcmp(z->kind, "forward") != 0)
		return 0;
	if (records(call, "zone", z->name, &rows))
		return -1;
	if (!(st = gn_call_query(call, "SELECT id FROM dns_zone WHERE kind = 'reverse' ORDER BY id", ""))) {
		gn_rows_free(rows);
		return -1;
	}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct dns_zone r;
		if (dns_zone_get(call, sqlite3_column_int64(st, 0), &r) <= 0) {
			rc = SQLITE_ERROR;
			break;
		}
		if (!holds_ptr_of(rows, r.name))
			continue;
		snprintf(path, sizeof path, "%.4096s/%s.zone", dir, r.name);
		if (write_file(call, &r, path)) {
			gn_call_done(call, st);
			gn_rows_free(rows);
			return -1;
		}
	}
	gn_call_done(call, st);
	gn_rows_free(rows);
	return rc == SQLITE_DONE ? 0 : dns_store_error(call);
}

int zone_export(struct gn_call *call)
{
	const char *out = gn_call_arg(call, "out"), *dir = gn_call_arg(call, "dir");
	struct dns_zone z;
	struct sink s = { call, NULL };
	int rc;

	if ((rc = dns_zone_get(call, gn_call_arg_int(call, "id", 0), &z)) <= 0)
		return rc < 0 ? dns_store_error(call) : gn_call_refuse(call, "没有区域 \"%s\"", gn_call_arg(call, "id"));
	if (out && dir)
		return gn_call_refuse(call, "--out 与 --dir 只能给出一个");
	if (dir)
		return write_dir(call, &z, dir);
	if (out)
		return write_file(call, &z, out);
	return put_zone(&s, &z);
}
