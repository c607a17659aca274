/*
 * manage.c — changing and releasing blocks: `ip set`, `ip release`
 * (and the release of a revoked node's blocks, node.c).  A domain record
 * still pointing into a block refuses its release or reservation: the
 * domain plugin hears both and says so (Art 20).
 */
#include "config.h"
#include "ip.h"

#include <stdio.h>
#include <string.h>
#include "govnet/banned.h"

int ip_target(struct gn_call *call, struct ipam_block *b)
{
	int rc = ipam_block_by_id(call, gn_call_arg_int(call, "id", 0), b);

	if (rc < 0)
		return ip_store_error(call);
	return rc ? 0 : gn_call_refuse(call, "没有网段 \"%s\"", gn_call_arg(call, "id"));
}

int ip_release_block(struct gn_call *call, const struct ipam_block *b, int recursive)
{
	int64_t children;

	if (ipam_block_children(call, b->id, 1000000, &children))
		return ip_store_error(call);
	if (children > 0 && !recursive)
		return gn_call_refuse(call, "%s 下还有 %lld%s 个子网段；加 --recursive 连同它们一起释放", b->cidr,
				      (long long)children, children >= 1000000 ? " 多" : "");
	return ipam_block_delete(call, b) ? ip_store_error(call) : 0;
}

int ip_release(struct gn_call *call)
{
	struct ipam_block b;

	if (ip_target(call, &b))
		return -1;
	return ip_release_block(call, &b, gn_call_arg(call, "recursive") != NULL);
}

int ip_set(struct gn_call *call)
{
	const char *purpose = gn_call_arg(call, "purpose"), *state = gn_call_arg(call, "state");
	struct ipam_block b;

	if (ip_target(call, &b))
		return -1;
	if (!purpose && !state)
		return gn_call_refuse(call, "没有要修改的内容：请给出 --purpose 或 --state");
	/* What is not given (NULL) stays as it is. */
	return gn_call_exec(call,
			    "UPDATE ip_block SET purpose = coalesce(?1, purpose), state = coalesce(?2, state),"
			    " changed_by = ?3, changed_at = ?4 WHERE id = ?5",
			    "tttti", purpose, state, gn_call_login(call), gn_call_now(call), b.id);
}
