/*
 * manage.c — registering zones and delegating subzones (Art 20): the
 * city's operating agency registers the extranet's zone and delegates a
 * subzone to each county-level division, whose operating agency allocates
 * names in it.
 */
#include "config.h"
#include "zone.h"

#include <stdio.h>
#include <string.h>
#include "govnet/banned.h"

/* Name servers: names separated by spaces or commas, at least one. */
static int parse_ns(struct gn_call *call, const char *given, char *out, size_t size)
{
	char name[DNS_NAME_MAX], uname[DNS_UNAME_MAX], why[512], one[DNS_UNAME_MAX];
	size_t at = 0;

	out[0] = '\0';
	for (const char *p = given; *p;) {
		size_t len = strcspn(p, " ,");
		if (len > 0) {
			snprintf(one, sizeof one, "%.*s", (int)(len < sizeof one ? len : sizeof one - 1), p);
			if (dns_name_parse(one, 0, name, uname, why, sizeof why))
				return gn_call_refuse(call, "域名服务器（--ns）：%s", why);
			if (at + strlen(name) + 2 > size)
				return gn_call_refuse(call, "域名服务器（--ns）太多");
			at += (size_t)snprintf(out + at, size - at, "%s%s", at ? " " : "", name);
		}
		p += len;
		p += strspn(p, " ,");
	}
	return at ? 0 : gn_call_refuse(call, "域名服务器（--ns）至少要有一个");
}

/* The SOA mailbox as a name: "hostmaster@x.y" or "hostmaster.x.y". */
static int parse_hostmaster(struct gn_call *call, const char *given, char *out)
{
	char text[DNS_UNAME_MAX], uname[DNS_UNAME_MAX], why[512];
	char *at;

	snprintf(text, sizeof text, "%s", given);
	if ((at = strchr(text, '@')) != NULL)
		*at = '.';
	if (strchr(text, '@') || dns_name_parse(text, 0, out, uname, why, sizeof why))
		return gn_call_refuse(call, "管理员邮箱（--hostmaster）\"%s\" 无效", given);
	return 0;
}

static int ttl_arg(struct gn_call *call, int fallback, int *ttl)
{
	int64_t v = gn_call_arg_int(call, "ttl", fallback);

	if (v < 60 || v > 604800)
		return gn_call_refuse(call, "TTL %lld 无效：应为 60 到 604800 秒", (long long)v);
	*ttl = (int)v;
	return 0;
}

/* Names under a new subzone move into it from its parent: the domain
 * plugin hears the subzone added, checks and moves them (its events.c);
 * here they are counted, to move the parent's count of records with them. */
static int count_adopted(struct gn_call *call, const struct dns_zone *parent, const struct dns_zone *z, int *n)
{
	struct gn_rows *rows;

	*n = 0;
	if (gn_call_invoke(call, "domain", "records", (const char *const[]){ "under", z->name, NULL }, &rows))
		return -1;
	for (size_t i = 0; i < gn_rows_count(rows); i++) {
		const char *zone = gn_rows_get(rows, i, "zone");
		if (zone && strcmp(zone, parent->name) == 0)
			++*n;
	}
	gn_rows_free(rows);
	return 0;
}

/* Names are allocated by the city and the county-level divisions (Art 20):
 * a zone belongs to one of them or to an operating agency. */
static int check_owner(struct gn_call *call, int64_t org_id)
{
	static const char *const owners[] = { "city", "county", "zone", "agency" };
	struct gn_org o;

	if (gn_call_org(call, org_id, &o))
		return -1;
	for (size_t i = 0; i < sizeof owners / sizeof owners[0]; i++)
		if (strcmp(o.kind, owners[i]) == 0)
			return 0;
	return gn_call_refuse(call, "区域只能属于市、县区（功能板块）或运行管理机构，不能属于%s（Art 20）", o.name);
}

static int insert_zone(struct gn_call *call, struct dns_zone *z, int records)
{
	if (gn_call_exec(call,
			 "INSERT INTO dns_zone(name, kind, parent_id, org_id, ns, hostmaster, ttl, serial,"
			 " created_by, created_at, changed_by, changed_at, records)"
			 " VALUES (?1, 'forward', nullif(?2, 0), ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?8, ?9, ?10)",
			 "tiittnittn", z->name, z->parent_id, z->org_id, z->ns, z->hostmaster, z->ttl, z->serial,
			 gn_call_login(call), gn_call_now(call), records))
		return -1;
	z->id = gn_call_last_insert_id(call);
	return 0;
}

int zone_add(struct gn_call *call)
{
	char uname[DNS_UNAME_MAX], why[512], oname[256];
	struct dns_zone z, parent;
	struct gn_org porg;
	int has_parent, rc, adopted = 0;

	memset(&z, 0, sizeof z);
	if (dns_name_parse(gn_call_arg(call, "name"), 0, z.name, uname, why, sizeof why))
		return gn_call_refuse(call, "%s（--name）", why);
	if ((rc = dns_zone_by_name(call, z.name, &parent)) != 0)
		return rc < 0 ? dns_store_error(call) : gn_call_refuse(call, "区域 %s 已经登记", z.name);
	if ((has_parent = dns_zone_for_name(call, z.name, 1, &parent)) < 0)
		return dns_store_error(call);
	z.org_id = gn_call_arg_org(call, "org");
	if (check_owner(call, z.org_id))
		return -1;
	if (has_parent) {
		if (gn_call_org(call, parent.org_id, &porg))
			return -1;
		if (!gn_call_in_scope(call, parent.org_id))
			return gn_call_refuse(call, "区域 %s 属于%s，只有其运行管理机构可以在其下划分子区域（Art 20）", parent.name,
					      porg.name);
		if ((rc = orgs_within(call, z.org_id, parent.org_id, oname, sizeof oname)) <= 0)
			return rc < 0 ? -1 : gn_call_refuse(call, "%s 不在上级区域 %s 的归属组织%s之下（Art 20）", oname,
							    parent.name, porg.name);
		z.parent_id = parent.id;
	} else {
		/* A zone of its own is the city's to create (Art 20). */
		struct gn_org actor;
		if (gn_call_org(call, gn_call_actor_org(call), &actor))
			return -1;
		if (!gn_call_in_scope(call, actor.city_id))
			return gn_call_refuse(call, "%s 不在已登记的区域之下；新的顶级区域由市大数据管理中心登记（Art 20）", z.name);
	}
	if (gn_call_arg(call, "ns")) {
		if (parse_ns(call, gn_call_arg(call, "ns"), z.ns, sizeof z.ns))
			return -1;
	} else if (has_parent) {
		snprintf(z.ns, sizeof z.ns, "%s", parent.ns);
	} else {
		snprintf(z.ns, sizeof z.ns, "ns1.%s ns2.%s", z.name, z.name);
	}
	if (gn_call_arg(call, "hostmaster")) {
		if (parse_hostmaster(call, gn_call_arg(call, "hostmaster"), z.hostmaster))
			return -1;
	} else if (has_parent) {
		snprintf(z.hostmaster, sizeof z.hostmaster, "%s", parent.hostmaster);
	} else {
		snprintf(z.hostmaster, sizeof z.hostmaster, "hostmaster.%.*s", DNS_NAME_MAX - 12, z.name);
	}
	if (ttl_arg(call, has_parent ? parent.ttl : 3600, &z.ttl))
		return -1;
	z.serial = dns_serial_today(gn_call_now(call));
	if ((has_parent && count_adopted(call, &parent, &z, &adopted)) || insert_zone(call, &z, adopted))
		return -1;
	/* The parent now delegates: its content changed. */
	if (has_parent && dns_zone_bump(call, parent.id, -adopted, gn_call_login(call), gn_call_now(call)))
		return dns_store_error(call);
	gn_call_set_id(call, z.id);
	return 0;
}

int zone_set(struct gn_call *call)
{
	struct dns_zone z;
	int rc;

	if ((rc = dns_zone_get(call, gn_call_arg_int(call, "id", 0), &z)) <= 0)
		return rc < 0 ? dns_store_error(call) : gn_call_refuse(call, "没有区域 \"%s\"", gn_call_arg(call, "id"));
	if (!gn_call_arg(call, "ns") && !gn_call_arg(call, "hostmaster") && !gn_call_arg(call, "ttl"))
		return gn_call_refuse(call, "没有要修改的内容：请给出 --ns、--hostmaster 或 --ttl");
	if ((gn_call_arg(call, "ns") && parse_ns(call, gn_call_arg(call, "ns"), z.ns, sizeof z.ns)) ||
	    (gn_call_arg(call, "hostmaster") && parse_hostmaster(call, gn_call_arg(call, "hostmaster"), z.hostmaster)) ||
	    ttl_arg(call, z.ttl, &z.ttl))
		return -1;
	if (gn_call_exec(call, "UPDATE dns_zone SET ns = ?1, hostmaster = ?2, ttl = ?3 WHERE id = ?4", "ttni", z.ns,
			 z.hostmaster, z.ttl, z.id))
		return -1;
	if (dns_zone_bump(call, z.id, 0, gn_call_login(call), gn_call_now(call)))
		return dns_store_error(call);
	/* A subzone's name servers are also its delegation in the parent. */
	if (z.parent_id && dns_zone_bump(call, z.parent_id, 0, gn_call_login(call), gn_call_now(call)))
		return dns_store_error(call);
	return 0;
}
