/*
 * ip_manage.c — changing and releasing blocks: `ip set`, `ip release`
 * (and the release of a revoked node's blocks, ip_node.c).
 */
#include "config.h"
#include "ip.h"

#include <stdio.h>
#include <string.h>
#include "govnet/banned.h"

int ip_target(struct gn_call *call, struct ipam_block *b)
{
	int rc = ipam_block_by_id(gn_call_db(call), gn_call_arg_int(call, "id", 0), b);

	if (rc < 0)
		return ip_store_error(call);
	return rc ? 0 : gn_call_refuse(call, "没有网段 \"%s\"", gn_call_arg(call, "id"));
}

int ip_records_inside(struct gn_call *call, const struct ipam_block *b, char *name, size_t size)
{
	sqlite3 *db = gn_call_db(call);
	unsigned char lo[IPAM_KEY_LEN], hi[IPAM_KEY_LEN];
	sqlite3_stmt *st;
	int rc;

	/* The domain plugin may not be installed. */
	if (sqlite3_prepare_v2(db, "SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'dns_record'", -1, &st,
			       NULL) != SQLITE_OK)
		return ip_store_error(call);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW)
		return 0;
	if (sqlite3_prepare_v2(db,
			       "SELECT name || ' ' || type || ' ' || value FROM dns_record"
			       " WHERE family = ?1 AND addr BETWEEN ?2 AND ?3 LIMIT 1",
			       -1, &st, NULL) != SQLITE_OK)
		return ip_store_error(call);
	ipam_key(b->p.addr, lo);
	ipam_key(ipam_last(&b->p), hi);
	sqlite3_bind_int(st, 1, b->p.family);
	sqlite3_bind_blob(st, 2, lo, sizeof lo, SQLITE_STATIC);
	sqlite3_bind_blob(st, 3, hi, sizeof hi, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		snprintf(name, size, "%s", sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return ip_store_error(call);
	return rc == SQLITE_ROW;
}

/* Releasing space that a domain record still points into would leave the
 * record outside its owner's blocks (Art 20). */
static int refuse_if_records(struct gn_call *call, const struct ipam_block *b, const char *what)
{
	char record[512];
	int rc = ip_records_inside(call, b, record, sizeof record);

	if (rc < 0)
		return -1;
	if (rc > 0)
		return gn_call_refuse(call, "%s 内还有域名记录（%s）；请先用 govnet domain remove 删除，才能%s", b->cidr, record,
				      what);
	return 0;
}

int ip_release_block(struct gn_call *call, const struct ipam_block *b, int recursive, const char *what)
{
	int64_t children;

	if (ipam_block_children(gn_call_db(call), b->id, 1000000, &children))
		return ip_store_error(call);
	if (children > 0 && !recursive)
		return gn_call_refuse(call, "%s 下还有 %lld%s 个子网段；加 --recursive 连同它们一起释放", b->cidr,
				      (long long)children, children >= 1000000 ? " 多" : "");
	if (refuse_if_records(call, b, what))
		return -1;
	return ipam_block_delete(gn_call_db(call), b) ? ip_store_error(call) : 0;
}

int ip_release(struct gn_call *call)
{
	struct ipam_block b;

	if (ip_target(call, &b))
		return -1;
	return ip_release_block(call, &b, gn_call_arg(call, "recursive") != NULL, "释放");
}

int ip_set(struct gn_call *call)
{
	const char *purpose = gn_call_arg(call, "purpose"), *state = gn_call_arg(call, "state");
	struct ipam_block b;
	sqlite3_stmt *st;
	int rc;

	if (ip_target(call, &b))
		return -1;
	if (!purpose && !state)
		return gn_call_refuse(call, "没有要修改的内容：请给出 --purpose 或 --state");
	if (state && strcmp(state, "reserved") == 0 && strcmp(b.state, "reserved") != 0 &&
	    refuse_if_records(call, &b, "改为预留"))
		return -1;
	if (sqlite3_prepare_v2(gn_call_db(call),
			       "UPDATE ip_block SET purpose = coalesce(?1, purpose), state = coalesce(?2, state),"
			       " changed_by = ?3, changed_at = ?4 WHERE id = ?5",
			       -1, &st, NULL) != SQLITE_OK)
		return ip_store_error(call);
	sqlite3_bind_text(st, 1, purpose, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, state, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, gn_call_login(call), -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, gn_call_now(call), -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 5, b.id);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : ip_store_error(call);
}
