/*
 * check.c — what the change plugin's records share: windows given as
 * local times, working days on the core's calendar, and lists of access
 * nodes.
 */
#include "change.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "govnet/banned.h"

/* A window's end is after its start, both real local times (the modifier
 * makes SQLite carry 11-31 over to 12-01, so the round trip fails), and
 * the start not yet past. */
int change_check_window(struct gn_call *call, const char *start_field, const char *end_field)
{
	const char *start = gn_call_arg(call, start_field), *end = gn_call_arg(call, end_field);
	const char *names[] = { start_field, end_field };
	const char *values[] = { start, end };
	int64_t ok = 0;

	for (int i = 0; i < 2; i++) {
		if (gn_call_query_int(call, &ok, "SELECT strftime('%Y-%m-%dT%H:%M', ?1, '+0 minutes') IS ?1", "t", values[i]) < 0)
			return -1;
		if (!ok)
			return gn_call_refuse_field(call, names[i], "--%s 应为本地时间 YYYY-MM-DDTHH:MM，如 2026-10-10T22:00",
						    names[i]);
	}
	if (strcmp(end, start) <= 0)
		return gn_call_refuse_field(call, end_field, "--%s（%s）应晚于 --%s（%s）", end_field, end, start_field,
					    start);
	if (strncmp(start, gn_call_now(call), 16) < 0)
		return gn_call_refuse_field(call, start_field, "--%s（%s）已经过去：现在是 %.16s", start_field, start,
					    gn_call_now(call));
	return 0;
}

/*
 * A list of access node ids ("12,15" or "12、15"), each an existing node
 * of org_id or below it, or, with org_id 0, in the acting login's scope.
 * *ids is malloc'd for the caller.
 */
int change_check_nodes(struct gn_call *call, const char *field, int64_t org_id, int64_t **ids, size_t *n)
{
	const char *p = gn_call_arg(call, field);
	struct gn_node node;
	struct gn_org owner, org;

	*ids = NULL;
	*n = 0;
	if (!p)
		return 0;
	if (org_id && gn_call_org(call, org_id, &org))
		return -1;
	while (*p) {
		char *end;
		long long id = strtoll(p, &end, 10);
		if (end == p || id <= 0) {
			if (strchr(", ;", *p) || (unsigned char)*p >= 0x80) {
				p += (unsigned char)*p >= 0x80 ? 3 : 1; /* "，" "、" "；" are three bytes */
				continue;
			}
			free(*ids);
			*ids = NULL;
			return gn_call_refuse_field(call, field, "--%s 应为接入节点编号，以逗号分隔", field);
		}
		p = end;
		if (gn_call_node(call, id, &node) || gn_call_org(call, node.org_id, &owner)) {
			free(*ids);
			*ids = NULL;
			return -1;
		}
		if (org_id ? strncmp(owner.path, org.path, strlen(org.path)) != 0 : !gn_call_in_scope(call, node.org_id)) {
			free(*ids);
			*ids = NULL;
			return gn_call_refuse_field(call, field, "--%s：接入节点 #%lld 属于 %s（%s），不在%s的范围之内", field,
						    id, owner.name, owner.county[0] ? owner.county : "市级",
						    org_id ? org.name : gn_call_login(call));
		}
		int64_t *more = realloc(*ids, (*n + 1) * sizeof **ids);
		if (!more) {
			free(*ids);
			*ids = NULL;
			return gn_call_refuse(call, "内存不足");
		}
		*ids = more;
		(*ids)[(*n)++] = id;
	}
	return 0;
}
