/*
 * node.c — the access node a block serves (Art 17–19, 26).
 *
 * `ip alloc` and `ip assign` may name the node a block is for (--node).
 * Nodes are the core's (gn_call_node); when one is revoked (Art 17) every
 * plugin hears of it (component "node", verb "revoked"), and this one
 * releases its blocks with everything under them, exactly as `ip release
 * --recursive` would, inside the revocation's own transaction.  Each
 * release is announced to the other plugins before it happens: the domain
 * plugin refuses one that a record still points into, and so the
 * revocation, which then changes nothing.
 */
#include "config.h"
#include "ip.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "govnet/banned.h"

/*
 * A node a new block may serve: one that exists, is not revoked and lies
 * in the acting login's scope.  Business and terminal addresses are the
 * department's own (Art 19), so such a block serves only a node of its
 * owner; interconnect blocks are the operating agency's and may serve any.
 */
int ip_node_check(struct gn_call *call, const struct ipam_block *b, int64_t *node)
{
	const char *text = gn_call_arg(call, "node");
	struct gn_org owner, node_org;
	struct gn_node n;

	*node = 0;
	if (!text)
		return 0;
	*node = gn_call_arg_int(call, "node", 0);
	if (*node <= 0)
		return gn_call_refuse_field(call, "node", "接入节点编号无效：\"%s\"（--node）", text);
	if (gn_call_node(call, *node, &n) || gn_call_org(call, n.org_id, &node_org))
		return -1;
	if (strcmp(n.state, "active") != 0)
		return gn_call_refuse_field(call, "node", "接入节点 #%lld %s，不能再为它分配地址（--node，%s）",
					    (long long)*node, strcmp(n.state, "revoked") == 0 ? "已撤销" : "已断开",
					    strcmp(n.state, "revoked") == 0 ? "Art 17" : "Art 26");
	if (!gn_call_in_scope(call, n.org_id))
		return gn_call_refuse_field(call, "node", "超出权限范围：接入节点 #%lld 属于%s，不在 %s 的范围之内（--node）",
					    (long long)*node, node_org.name, gn_call_login(call));
	int64_t org_id = n.org_id;
	const char *org_name = node_org.name;
	if (strcmp(b->kind, "interconnect") == 0 || b->org_id == org_id)
		return 0;
	if (gn_call_org(call, b->org_id, &owner))
		return -1;
	return gn_call_refuse(call, "接入节点 #%lld 属于%s，而%s归%s所有：业务地址和终端地址只能服务本部门的接入节点（--node，Art 19）",
			      (long long)*node, org_name, ip_kind_title(b->kind), owner.name);
}

int ip_node_link(struct gn_call *call, const struct ipam_block *b, int64_t node)
{
	if (!node)
		return 0;
	return gn_call_exec(call, "UPDATE ip_block SET node_id = ?1 WHERE id = ?2", "ii", node, b->id);
}

struct served {
	int64_t block, node;
};

/* The blocks that serve a node, parents before children. */
static int blocks_of_node(struct gn_call *call, int64_t node, struct served **out, size_t *n)
{
	sqlite3_stmt *st;
	int rc;

	*out = NULL;
	*n = 0;
	if (!(st = gn_call_query(call, "SELECT id, node_id FROM ip_block WHERE node_id = ?1 ORDER BY path", "i", node)))
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct served *grown = realloc(*out, (*n + 1) * sizeof **out);
		if (!grown) {
			gn_call_done(call, st);
			return gn_call_refuse(call, "内存不足");
		}
		*out = grown;
		(*out)[*n].block = sqlite3_column_int64(st, 0);
		(*out)[(*n)++].node = sqlite3_column_int64(st, 1);
	}
	gn_call_done(call, st);
	return rc == SQLITE_DONE ? 0 : ip_store_error(call);
}

/* Revoking an access node releases the addresses it was given (Art 17). */
int ip_node_revoked(struct gn_call *call)
{
	struct served *blocks;
	size_t n;
	int rc = 0;

	if (blocks_of_node(call, gn_call_arg_int(call, "id", 0), &blocks, &n))
		return -1;
	for (size_t i = 0; i < n && rc == 0; i++) {
		struct ipam_block b;
		char line[256];
		int found = ipam_block_by_id(call, blocks[i].block, &b);
		/* A block under one released before it went with its parent. */
		if (found <= 0) {
			rc = found < 0 ? ip_store_error(call) : 0;
			continue;
		}
		rc = gn_call_announce(call, "release", "ip_block", b.id);
		if (rc == 0)
			rc = ip_release_block(call, &b, 1);
		if (rc == 0) {
			snprintf(line, sizeof line, "已释放网段 %s（接入节点 #%lld 已撤销，Art 17）\n", b.cidr,
				 (long long)blocks[i].node);
			gn_call_emit_text(call, line);
		}
	}
	free(blocks);
	return rc;
}
