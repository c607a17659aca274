/*
 * link.c — disconnecting a department's node and reconnecting it (Art 26
 * ¶2).  The node is the core's: its state changes through
 * gn_call_node_set_state, which keeps the node's history and refuses what
 * its state table does not allow (a revoked node, one already cut off).
 * The door has already held the action to the operating agency whose
 * scope covers the node's organisation.  Each move is recorded on the
 * incident's timeline, and the department hears of it through the outbox
 * (event incident.disconnect / incident.reconnect for its organisation).
 */
#include "incident.h"

#include <stdio.h>
#include <string.h>
#include "govnet/banned.h"

/* The incident a disconnection is for: it exists, the operator may see it,
 * and it is still open. */
static int open_incident(struct gn_call *call, int64_t incident)
{
	char state[16] = "";
	int64_t org = 0;
	sqlite3_stmt *st;

	if (!(st = gn_call_query(call, "SELECT org_id, state FROM incident WHERE id = ?1", "i", incident)))
		return -1;
	if (sqlite3_step(st) == SQLITE_ROW) {
		org = sqlite3_column_int64(st, 0);
		snprintf(state, sizeof state, "%s", (const char *)sqlite3_column_text(st, 1));
	}
	gn_call_done(call, st);
	if (!org || !gn_call_in_scope(call, org))
		return gn_call_refuse_field(call, "incident", "没有编号为 %lld 的安全事件（--incident）", (long long)incident);
	if (strcmp(state, "closed") == 0)
		return gn_call_refuse_field_next(call, "incident", "incident", "reopen", incident,
						 "安全事件 #%lld 已关闭，不能据此断开连接（--incident）", (long long)incident);
	return 0;
}

int incident_disconnect(struct gn_call *call)
{
	int64_t node_id = gn_call_arg_int(call, "id", 0), incident = gn_call_arg_int(call, "incident", 0);
	const char *reason = gn_call_arg(call, "reason");
	struct gn_node node;
	struct gn_org org;
	char line[600], text[400];

	if (open_incident(call, incident) || gn_call_node(call, node_id, &node) ||
	    gn_call_node_set_state(call, node_id, "disconnected", reason) || gn_call_org(call, node.org_id, &org))
		return -1;
	if (gn_call_exec(call,
			 "INSERT INTO incident_link(incident_id, node_id, disconnected_at, disconnected_by, reason)"
			 " VALUES (?1, ?2, ?3, ?4, ?5)",
			 "iittt", incident, node_id, gn_call_now(call), gn_call_login(call), reason))
		return -1;
	snprintf(line, sizeof line, "断开接入节点 #%lld（%s %s）", (long long)node_id, org.name, node.location);
	if (incident_timeline(call, incident, line, reason))
		return -1;
	snprintf(text, sizeof text, "接入节点 #%lld（%s）已断开政务外网连接，依据安全事件 #%lld（Art 26）\n",
		 (long long)node_id, org.name, (long long)incident);
	gn_call_emit_text(call, text);
	return 0;
}

int incident_reconnect(struct gn_call *call)
{
	int64_t node_id = gn_call_arg_int(call, "id", 0), link = 0, incident = 0;
	const char *reason = gn_call_arg(call, "reason");
	char line[200], text[200];

	if (gn_call_node_set_state(call, node_id, "active", reason))
		return -1;
	if (gn_call_query_int(call, &link,
			      "SELECT id FROM incident_link WHERE node_id = ?1 AND disconnected_at IS NOT NULL"
			      " AND reconnected_at IS NULL ORDER BY id DESC LIMIT 1",
			      "i", node_id) < 0 ||
	    (link && gn_call_query_int(call, &incident, "SELECT incident_id FROM incident_link WHERE id = ?1", "i",
				       link) < 0))
		return -1;
	if (link) {
		if (gn_call_exec(call,
				 "UPDATE incident_link SET reconnected_at = ?1, reconnected_by = ?2, reconnect_reason = ?3"
				 " WHERE id = ?4",
				 "ttti", gn_call_now(call), gn_call_login(call), reason, link))
			return -1;
		snprintf(line, sizeof line, "恢复接入节点 #%lld 的连接", (long long)node_id);
		if (incident_timeline(call, incident, line, reason))
			return -1;
	}
	snprintf(text, sizeof text, "接入节点 #%lld 已恢复连接\n", (long long)node_id);
	gn_call_emit_text(call, text);
	return 0;
}
