/*
 * alloc.c — taking address space: `ip pool add`, `ip alloc`, `ip assign`,
 * and the rules every new block obeys (Art 18–19).
 */
#include "config.h"
#include "ip.h"

#include <stdio.h>
#include <string.h>
#include "govnet/banned.h"

#define IP_ALLOC_MAX_COUNT 4096

int ip_store_error(struct gn_call *call)
{
	return gn_call_sqlite_error(call, "地址规划");
}

const char *ip_kind_title(const char *kind)
{
	static const struct {
		const char *kind, *title;
	} titles[] = {
		{ "mixed", "混合地址池" }, { "interconnect", "互联地址" }, { "business", "业务地址" },
		{ "terminal", "终端地址" }, { "allocated", "已分配" },     { "reserved", "预留" },
	};
	for (size_t i = 0; i < sizeof titles / sizeof titles[0]; i++)
		if (strcmp(titles[i].kind, kind) == 0)
			return titles[i].title;
	return kind;
}

int ip_arg_prefix(struct gn_call *call, const char *field, struct ipam_prefix *p)
{
	const char *text = gn_call_arg(call, field);
	char why[512];

	if (!text)
		return gn_call_refuse(call, "缺少网段（--%s）", field);
	if (ipam_parse_prefix(text, p, why, sizeof why))
		return gn_call_refuse(call, "%s（--%s）", why, field);
	return 0;
}

static int is_one_of(const char *kind, const char *list)
{
	size_t n = strlen(kind);

	for (const char *p = list; *p;) {
		size_t len = strcspn(p, " ");
		if (len == n && strncmp(p, kind, n) == 0)
			return 1;
		p += len + (p[len] == ' ');
	}
	return 0;
}

/* Is the acting login's scope the whole city?  Its scope covers the city
 * at the root of the tree. */
static int city_wide(struct gn_call *call)
{
	struct gn_org actor;

	return gn_call_org(call, gn_call_actor_org(call), &actor) == 0 && gn_call_in_scope(call, actor.city_id);
}

/*
 * What a new block may be, once its place is within reach (check_scope):
 *   Art 19  interconnect addresses are the operating agency's, business and
 *           terminal addresses the departments'; a department login takes
 *           only business and terminal blocks;
 *   Art 18  mixed pools, to be divided further, belong to a level (city,
 *           county, zone) or its operating agency;
 *   a block's kind is its parent's unless the parent is a mixed pool, and a
 *   block belongs to its parent's organisation or one under it (the
 *   operating agency may hold interconnect blocks in any pool).
 */
static int check_rules(struct gn_call *call, const struct ipam_block *parent, const struct ipam_block *b)
{
	struct gn_org owner, porg;

	if (gn_call_org(call, b->org_id, &owner))
		return -1;
	if (gn_call_role(call) == GN_ROLE_DEPT && !is_one_of(b->kind, "business terminal"))
		return gn_call_refuse(call, "接入部门只能分配业务地址和终端地址，不能分配%s（Art 19）",
				      ip_kind_title(b->kind));
	if (strcmp(b->kind, "interconnect") == 0 && !is_one_of(owner.kind, "city county zone agency"))
		return gn_call_refuse(call, "互联地址由政务外网运行管理机构管理，不能分配给%s（Art 19）", owner.name);
	if (strcmp(b->kind, "mixed") == 0 && !is_one_of(owner.kind, "city county zone agency"))
		return gn_call_refuse(call, "混合地址池只属于市、县区（功能板块）或运行管理机构，不能分配给%s（Art 18）",
				      owner.name);
	if (!parent)
		return 0;
	if (gn_call_org(call, parent->org_id, &porg))
		return -1;
	if (strcmp(parent->kind, "mixed") != 0 && strcmp(parent->kind, b->kind) != 0)
		return gn_call_refuse(call, "上级网段 %s 是%s，其中只能分配%s，不能分配%s（Art 19）", parent->cidr,
				      ip_kind_title(parent->kind), ip_kind_title(parent->kind), ip_kind_title(b->kind));
	if (strncmp(owner.path, porg.path, strlen(porg.path)) != 0 &&
	    !(strcmp(b->kind, "interconnect") == 0 && strcmp(owner.kind, "agency") == 0))
		return gn_call_refuse(call, "%s 不在上级网段 %s 的归属组织%s之下，不能使用其中的地址（Art 18）", owner.name,
				      parent->cidr, porg.name);
	return 0;
}

/* Art 18: space is taken only inside blocks within the login's scope; new
 * top-level pools are the city operator's. */
static int check_scope(struct gn_call *call, const struct ipam_block *parent)
{
	struct gn_org porg;

	if (!parent) {
		if (!city_wide(call))
			return gn_call_refuse(call, "只有市级运行管理机构可以新建顶级地址池；县区请在本地地址池内分配（Art 18）");
		return 0;
	}
	if (gn_call_in_scope(call, parent->org_id))
		return 0;
	if (gn_call_org(call, parent->org_id, &porg))
		return -1;
	return gn_call_refuse(call, "超出权限范围：上级网段 %s 属于%s，%s 只能在自己范围内的网段中分配（Art 18）",
			      parent->cidr, porg.name, gn_call_login(call));
}

/* Kind, state and owner of a new block from the fields, the kind
 * defaulting to the parent's. */
static int describe_new(struct gn_call *call, const struct ipam_block *parent, struct ipam_block *b)
{
	const char *kind = gn_call_arg(call, "kind");
	const char *state = gn_call_arg(call, "state");

	if (!kind && parent && strcmp(parent->kind, "mixed") != 0)
		kind = parent->kind;
	if (!kind)
		return gn_call_refuse(call, "请用 --kind 指定地址类型（interconnect 互联、business 业务、terminal 终端或 mixed 混合）："
					    "%s 是混合地址池",
				      parent ? parent->cidr : "新地址池");
	snprintf(b->kind, sizeof b->kind, "%s", kind);
	snprintf(b->state, sizeof b->state, "%s", state ? state : "allocated");
	b->org_id = gn_call_arg_org(call, "org");
	return b->org_id ? 0 : gn_call_refuse(call, "缺少组织（--org）");
}

/* Record b, serving node (0: none). */
static int insert_block(struct gn_call *call, const struct ipam_block *parent, struct ipam_block *b, int64_t node)
{
	struct ipam_new how = { gn_call_arg(call, "purpose"), gn_call_login(call), gn_call_now(call) };
	int rc = ipam_block_insert(call, parent, b, &how);

	if (rc > 0)
		return gn_call_refuse(call, "%s 与 %s 中已有的网段重叠", b->cidr, parent ? parent->cidr : "已有地址池");
	return rc ? ip_store_error(call) : ip_node_link(call, b, node);
}

static void emit_block(struct gn_call *call, const struct ipam_block *b)
{
	static const char *const names[] = { "cidr", "org", "kind", "state" };
	struct gn_org org;
	const char *values[4] = { b->cidr, "", b->kind, b->state };

	if (gn_call_org(call, b->org_id, &org) == 0)
		values[1] = org.name;
	gn_call_emit_row(call, 4, names, values);
}

/* A given prefix, placed in the deepest block holding it (pool add, assign). */
static int take_given(struct gn_call *call, int need_parent)
{
	struct ipam_block parent, b, other;
	int64_t node;
	int has_parent, rc;

	memset(&b, 0, sizeof b);
	if (ip_arg_prefix(call, "cidr", &b.p))
		return -1;
	ipam_format_prefix(&b.p, b.cidr, sizeof b.cidr);
	if ((rc = ipam_block_get(call, &b.p, &other)) != 0)
		return rc < 0 ? ip_store_error(call) : gn_call_refuse(call, "网段 %s 已经登记（编号 %lld）", b.cidr,
									 (long long)other.id);
	if ((has_parent = ipam_block_container(call, &b.p, &parent)) < 0)
		return ip_store_error(call);
	if (need_parent && !has_parent)
		return gn_call_refuse(call, "%s 不在任何已登记的网段之内（上级网段不存在）；请先用 ip pool add 登记地址池", b.cidr);
	if ((rc = ipam_block_inside(call, has_parent ? parent.id : 0, &b.p, &other)) != 0)
		return rc < 0 ? ip_store_error(call)
			      : gn_call_refuse(call, "%s 与已有网段 %s 重叠", b.cidr, other.cidr);
	if (check_scope(call, has_parent ? &parent : NULL) || describe_new(call, has_parent ? &parent : NULL, &b) ||
	    check_rules(call, has_parent ? &parent : NULL, &b) || ip_node_check(call, &b, &node) ||
	    insert_block(call, has_parent ? &parent : NULL, &b, node))
		return -1;
	gn_call_set_id(call, b.id);
	emit_block(call, &b);
	return 0;
}

int ip_pool_add(struct gn_call *call)
{
	return take_given(call, 0);
}

int ip_assign(struct gn_call *call)
{
	return take_given(call, 1);
}

int ip_alloc(struct gn_call *call)
{
	struct ipam_block parent, b;
	int64_t len = gn_call_arg_int(call, "prefix", -1), count = gn_call_arg_int(call, "count", 1), node;
	int rc;

	memset(&b, 0, sizeof b);
	if (ip_arg_prefix(call, "parent", &b.p))
		return -1;
	if ((rc = ipam_block_get(call, &b.p, &parent)) <= 0) {
		char text[IPAM_TEXT_MAX];
		ipam_format_prefix(&b.p, text, sizeof text);
		return rc < 0 ? ip_store_error(call)
			      : gn_call_refuse(call, "上级网段 %s 不存在（已登记的网段见「地址规划」）", text);
	}
	if (len <= parent.p.len || len > ipam_width(parent.p.family))
		return gn_call_refuse(call, "前缀长度 /%lld 无效：应大于上级网段 %s 的 /%d，且不超过 /%d", (long long)len,
				      parent.cidr, parent.p.len, ipam_width(parent.p.family));
	if (count < 1 || count > IP_ALLOC_MAX_COUNT)
		return gn_call_refuse(call, "数量 %lld 无效：应为 1 到 %d", (long long)count, IP_ALLOC_MAX_COUNT);
	if (check_scope(call, &parent) || describe_new(call, &parent, &b) || check_rules(call, &parent, &b) ||
	    ip_node_check(call, &b, &node))
		return -1;
	for (int64_t i = 0; i < count; i++) {
		struct ipam_prefix next;
		rc = ipam_next_free(call, &parent, (int)len, &next);
		if (rc < 0)
			return ip_store_error(call);
		if (rc == 0)
			return gn_call_refuse(call, "%s 中已没有空闲的 /%lld%s；未作任何分配", parent.cidr, (long long)len,
					      i ? "（所要的数量超出了空闲空间）" : "");
		b.p = next;
		if (insert_block(call, &parent, &b, node))
			return -1;
		/* The parent's free space is now maintained: no rebuild again. */
		parent.free_ok = 1;
		if (i == 0)
			gn_call_set_id(call, b.id);
		emit_block(call, &b);
	}
	return 0;
}
