/*
 * events.c — what the domain plugin hears of other components' changes.
 *
 * A record keeps its address inside a block of its owner (Art 19–20): a
 * block released (`ip release`, or with a revoked access node, Art 17) or
 * reserved while a record still points into it is refused, naming the
 * record.  A subzone delegated (`zone add`) takes the names under it from
 * its parent: they must belong to the subzone's organisation, and none may
 * be a CNAME at its apex (RFC 1034 §3.6.2).
 */
#include "config.h"
#include "domain.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "govnet/banned.h"

/* A record whose address lies in cidr: 1 and its text, 0 when none. */
static int record_inside(struct gn_call *call, const char *cidr, char *record, size_t size)
{
	struct ipam_prefix p;
	char why[256];
	sqlite3_stmt *st;
	int rc;

	if (ipam_parse_prefix(cidr, &p, why, sizeof why))
		return 0;
	if (!(st = gn_call_query(call,
				 "SELECT name || ' ' || type || ' ' || value FROM dns_record"
				 " WHERE family = ?1 AND addr BETWEEN ?2 AND ?3 LIMIT 1",
				 "nbb", p.family, IPAM_KEY_ARG(p.addr), IPAM_KEY_ARG(ipam_last(&p)))))
		return -1;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		snprintf(record, size, "%s", sqlite3_column_text(st, 0));
	gn_call_done(call, st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return domain_store_error(call);
	return rc == SQLITE_ROW;
}

/* What taking the block away is, for the refusal: a release the
 * revocation of its access node brought about (Art 17), or the verb's. */
static void block_change(struct gn_call *call, char *what, size_t size)
{
	const char *node_id = gn_call_before(call, "node_id");
	struct gn_node node;

	if (strcmp(gn_call_verb(call), "set") == 0) {
		snprintf(what, size, "改为预留");
		return;
	}
	if (node_id && gn_call_node(call, strtoll(node_id, NULL, 10), &node) == 0 && strcmp(node.state, "revoked") == 0)
		snprintf(what, size, "撤销接入节点 #%s（它的网段随之释放，Art 17）", node_id);
	else
		snprintf(what, size, "释放");
}

/* `ip release` and `ip set --state reserved` of a block (its row before the
 * change gives the addresses), and a release ip announces. */
static int check_block(struct gn_call *call)
{
	const char *verb = gn_call_verb(call), *cidr = gn_call_before(call, "cidr"), *state;

	char record[512], what[160];
	int rc;

	if (!cidr)
		return 0;
	if (strcmp(verb, "set") == 0) {
		state = gn_call_arg(call, "state");
		const char *was = gn_call_before(call, "state");
		if (!state || strcmp(state, "reserved") != 0 || (was && strcmp(was, "reserved") == 0))
			return 0;
	} else if (strcmp(verb, "release") != 0) {
		return 0;
	}
	if ((rc = record_inside(call, cidr, record, sizeof record)) <= 0)
		return rc;
	block_change(call, what, sizeof what);
	return gn_call_refuse_next(call, "domain", "remove", 0, "%s 内还有域名记录（%s），删除后才能%s", cidr,
				   record, what);
}

/* Records under a new subzone, held by a zone above it (a shorter name). */
#define UNDER_NEW_ZONE "(name = ?1 OR substr(name, -length(?1) - 1) = '.' || ?1) AND length(zone) < length(?1)"

static int adopt_records(struct gn_call *call)
{
	struct domain_zone z;
	sqlite3_stmt *st;
	char oname[256];
	int rc, found = domain_zone_of(call, gn_call_arg(call, "name"), &z);

	if (found <= 0)
		return found;
	if (!(st = gn_call_query(call, "SELECT name, type, org_id FROM dns_record WHERE " UNDER_NEW_ZONE, "t", z.name)))
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *name = (const char *)sqlite3_column_text(st, 0), *type = (const char *)sqlite3_column_text(st, 1);
		int within;
		if (strcmp(name, z.name) == 0 && strcmp(type, "CNAME") == 0)
			rc = gn_call_refuse(call, "%s 已有 CNAME 记录，不能再作为区域（顶点须有 SOA 和 NS）", name);
		else if ((within = orgs_within(call, sqlite3_column_int64(st, 2), z.org_id, oname, sizeof oname)) <= 0)
			rc = within < 0 ? -1 : gn_call_refuse(call, "%s 属于%s，不在新区域 %s 的归属组织之下；请先删除或改由其归属组织申请",
							      name, oname, z.name);
		else
			continue;
		gn_call_done(call, st);
		return rc;
	}
	gn_call_done(call, st);
	if (rc != SQLITE_DONE)
		return domain_store_error(call);
	return gn_call_exec(call, "UPDATE dns_record SET zone = ?1, zone_id = ?2 WHERE " UNDER_NEW_ZONE, "ti", z.name, z.id);
}

int domain_on_event(struct gn_call *call)
{
	const char *component = gn_call_component(call);

	if (strcmp(component, "ip") == 0)
		return check_block(call);
	if (strcmp(component, "zone") == 0 && strcmp(gn_call_verb(call), "add") == 0)
		return adopt_records(call);
	return 0;
}
