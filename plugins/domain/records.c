/*
 * records.c — adding and removing records (Art 20): names in LDH
 * form with IDN as punycode, CNAME alone at its name, in the zone it lies in
 * and allocated by that zone's operating agency.  That an address lies
 * inside a block allocated to the record's own organisation is the ip
 * plugin's to check: it hears every record added (Art 19–20).
 */
#include "config.h"
#include "domain.h"

#include <stdio.h>
#include <string.h>
#include "govnet/banned.h"

#define DNS_TTL_MIN 60
#define DNS_TTL_MAX 604800

/* The zone a new name goes in, and who may allocate there (Art 20). */
static int check_zone(struct gn_call *call, const char *name, int64_t org_id, struct domain_zone *z)
{
	char oname[256];
	struct gn_org zorg;
	int rc = domain_zone_of(call, name, z);

	if (rc < 0)
		return -1;
	if (rc == 0)
		return gn_call_refuse(call, "%s 不在政务外网的任何区域之下（区域见「区域」，默认为 %s）", name,
				      DNS_DEFAULT_ZONE);
	if (gn_call_org(call, z->org_id, &zorg))
		return -1;
	if (!gn_call_in_scope(call, z->org_id))
		return gn_call_refuse(call, "区域 %s 属于%s，其中的域名由%s的运行管理机构分配（Art 20）", z->name, zorg.name,
				      zorg.name);
	if ((rc = orgs_within(call, org_id, z->org_id, oname, sizeof oname)) < 0)
		return -1;
	if (!rc)
		return gn_call_refuse(call, "%s 不在区域 %s 的归属组织%s之下，应向同级运行管理机构申请其区域内的域名（Art 20）",
				      oname, z->name, zorg.name);
	return 0;
}

/* The value of a record in its stored form, checked against its type. */
static int check_value(struct gn_call *call, const char *type, const char *name, char *value, size_t size,
		       int *family, struct u128 *addr)
{
	const char *given = gn_call_arg(call, "value");
	char uname[DNS_UNAME_MAX], why[512];

	*family = 0;
	if (strcmp(type, "A") == 0 || strcmp(type, "AAAA") == 0) {
		int want = type[1] ? 6 : 4;
		if (ipam_parse_addr(given, family, addr) || *family != want)
			return gn_call_refuse(call, "%s 记录的值应为 IPv%d 地址：\"%s\"", type, want, given);
		ipam_format_addr(*family, *addr, value, size);
		return 0;
	}
	if (strcmp(type, "CNAME") == 0) {
		if (dns_name_parse(given, 0, value, uname, why, sizeof why))
			return gn_call_refuse(call, "CNAME 的目标：%s", why);
		if (strcmp(value, name) == 0)
			return gn_call_refuse(call, "CNAME 不能指向自己：%s", name);
		return 0;
	}
	snprintf(value, size, "%s", given);
	return 0;
}

/* CNAME stands alone at its name (RFC 1034 §3.6.2), and not at a zone's apex. */
static int check_exclusive(struct gn_call *call, const char *name, const char *type, const char *value,
			   const struct domain_zone *z)
{
	sqlite3_stmt *st;
	int rc, cname = strcmp(type, "CNAME") == 0;

	if (cname && strcmp(name, z->name) == 0)
		return gn_call_refuse(call, "%s 是区域的顶点，不能设 CNAME（顶点有 SOA 和 NS 记录）", name);
	if (!(st = gn_call_query(call, "SELECT type, value FROM dns_record WHERE name = ?1 ORDER BY type", "t", name)))
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *t = (const char *)sqlite3_column_text(st, 0), *v = (const char *)sqlite3_column_text(st, 1);
		if (strcmp(t, type) == 0 && strcmp(v, value) == 0)
			rc = gn_call_refuse(call, "%s 已有 %s 记录 %s", name, t, v);
		else if (cname || strcmp(t, "CNAME") == 0)
			rc = gn_call_refuse(call, "%s 已有 %s 记录（%s）；CNAME 不能与同名的其他记录并存", name, t, v);
		else
			continue;
		gn_call_done(call, st);
		return rc;
	}
	gn_call_done(call, st);
	return rc == SQLITE_DONE ? 0 : domain_store_error(call);
}

static int insert_record(struct gn_call *call, const struct domain_zone *z, const char *name, const char *uname,
			 const char *type, const char *value, int family, struct u128 addr, const char *rev_zone, int64_t *id)
{
	/* An address record keeps its family, address key and reverse zone;
	 * other records have NULL there, as they have without a TTL. */
	if (gn_call_exec(call,
			 "INSERT INTO dns_record(zone_id, name, uname, type, value, family, addr, rev_zone, org_id,"
			 " ttl, created_by, created_at, changed_by, changed_at, zone)"
			 " VALUES (?1, ?2, ?3, ?4, ?5, nullif(?6, 0), ?7, ?8, ?9, CAST(?10 AS INTEGER), ?11, ?12, ?11, ?12, ?13)",
			 "ittttnbtizttt", z->id, name, uname, type, value, family, family ? ipam_keybuf(addr).b : NULL,
			 (size_t)IPAM_KEY_LEN, family ? rev_zone : NULL, gn_call_arg_org(call, "org"),
			 gn_call_arg(call, "ttl"), gn_call_login(call), gn_call_now(call), z->name))
		return -1;
	*id = gn_call_last_insert_id(call);
	return 0;
}

/* The zone plugin hears the record added and moves the serials of its zone
 * and its reverse zone, making the reverse zone when it is the first
 * (events.c of the zone plugin). */
int domain_add(struct gn_call *call)
{
	const char *type = gn_call_arg(call, "type");
	char name[DNS_NAME_MAX], uname[DNS_UNAME_MAX], value[DNS_NAME_MAX + 4000], why[512], rev_zone[DNS_NAME_MAX];
	int64_t org = gn_call_arg_org(call, "org"), id = 0;
	struct domain_zone z;
	struct ipam_prefix rev;
	struct u128 addr = { 0, 0 };
	int family;

	if (dns_name_parse(gn_call_arg(call, "name"), strcmp(type, "TXT") == 0 ? DNS_NAME_UNDERSCORE : 0, name, uname,
			   why, sizeof why))
		return gn_call_refuse(call, "%s（--name）", why);
	if (gn_call_arg(call, "ttl")) {
		int64_t ttl = gn_call_arg_int(call, "ttl", 0);
		if (ttl < DNS_TTL_MIN || ttl > DNS_TTL_MAX)
			return gn_call_refuse(call, "TTL %lld 无效：应为 %d 到 %d 秒", (long long)ttl, DNS_TTL_MIN, DNS_TTL_MAX);
	}
	if (check_zone(call, name, org, &z) || check_value(call, type, name, value, sizeof value, &family, &addr) ||
	    check_exclusive(call, name, type, value, &z))
		return -1;
	if (family)
		dns_reverse_zone_of(family, addr, &rev, rev_zone, sizeof rev_zone);
	if (insert_record(call, &z, name, uname, type, value, family, addr, family ? rev_zone : NULL, &id))
		return -1;
	gn_call_set_id(call, id);
	return 0;
}

/* The zone's operator allocates its names, and takes them back (Art 20). */
int domain_remove(struct gn_call *call)
{
	/* A record kept before its zone was (schema version 2) is in the
	 * zone its name lies in. */
	const char *zone_name = gn_call_before(call, "zone") ? gn_call_before(call, "zone") : gn_call_before(call, "name");
	struct domain_zone z;
	struct gn_org zorg;
	int rc;

	if (!zone_name)
		return gn_call_refuse(call, "没有域名记录 \"%s\"", gn_call_arg(call, "id"));
	if ((rc = domain_zone_of(call, zone_name, &z)) <= 0)
		return rc < 0 ? -1 : gn_call_refuse(call, "没有区域 \"%s\"", zone_name);
	if (!gn_call_in_scope(call, z.org_id)) {
		if (gn_call_org(call, z.org_id, &zorg))
			return -1;
		return gn_call_refuse(call, "区域 %s 属于%s，其中的域名由%s的运行管理机构管理（Art 20）", z.name, zorg.name,
				      zorg.name);
	}
	return gn_call_exec(call, "DELETE FROM dns_record WHERE id = ?1", "i", gn_call_arg_int(call, "id", 0));
}
