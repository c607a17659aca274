/*
 * case.c — an incident's record and its timeline (Art 26 ¶1): registering
 * it with the deadline its grade allows, the steps of the workflow, notes,
 * what it affects, closing with a summary and reopening with a reason.
 */
#include "incident.h"

#include <stdio.h>
#include <string.h>
#include "govnet/banned.h"

int incident_timeline(struct gn_call *call, int64_t incident, const char *what, const char *text)
{
	return gn_call_exec(call, "INSERT INTO incident_event(incident_id, at, login, what, text) VALUES (?1, ?2, ?3, ?4, ?5)",
			    "itttt", incident, gn_call_now(call), gn_call_login(call), what, text ? text : "");
}

/* The handling deadline of the grade, counted from day `from` (YYYY-MM-DD). */
static int set_response_due(struct gn_call *call, int64_t id, const char *grade_name, const char *from)
{
	const struct incident_grade *g = incident_grade(grade_name);
	char due[16] = "", what[96];
	sqlite3_stmt *st;

	if (!g)
		return gn_call_refuse_field(call, "grade", "未知的事件级别 %s", grade_name);
	if (!(st = gn_call_query(call, "SELECT date(?1, '+' || ?2 || ' days')", "ti", from, (int64_t)g->days)))
		return -1;
	if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
		snprintf(due, sizeof due, "%s", (const char *)sqlite3_column_text(st, 0));
	gn_call_done(call, st);
	snprintf(what, sizeof what, "处置（%s，%s，%d 天）", g->name, g->level, g->days);
	return gn_call_obligation(call, id, "response", gn_call_org_id(call), "Art 26", what, due,
				  GN_ROLE_OPERATOR | GN_ROLE_DEPT);
}

int incident_new(struct gn_call *call)
{
	const char *detected = gn_call_arg(call, "detected");
	const char *by = gn_call_arg(call, "detected-by");
	const char *grade = gn_call_arg(call, "grade");
	char today[11];
	int64_t id;

	snprintf(today, sizeof today, "%s", gn_call_now(call));
	if (!detected)
		detected = today;
	if (strcmp(detected, today) > 0)
		return gn_call_refuse_field(call, "detected", "发现日期 %s 晚于今天（--detected）", detected);
	if (gn_call_exec(call,
			 "INSERT INTO incident(org_id, title, grade, detected_on, detected_by, description, created_at,"
			 " created_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
			 "itttttzt", gn_call_org_id(call), gn_call_arg(call, "title"), grade, detected,
			 by ? by : gn_call_login(call), gn_call_arg(call, "description") ? gn_call_arg(call, "description") : "",
			 gn_call_now(call), gn_call_login(call)))
		return -1;
	id = gn_call_last_insert_id(call);
	gn_call_set_id(call, id);
	char line[160];
	snprintf(line, sizeof line, "%s，%s发现", grade, by ? by : gn_call_login(call));
	if (incident_timeline(call, id, "发现", line))
		return -1;
	return set_response_due(call, id, grade, detected);
}

int incident_note(struct gn_call *call)
{
	return incident_timeline(call, gn_call_arg_int(call, "id", 0), "记录", gn_call_arg(call, "text"));
}

static int add_affected(struct gn_call *call, int64_t id, const char *kind, int64_t ref, const char *label)
{
	int64_t known = 0;

	if (gn_call_query_int(call, &known,
			      "SELECT 1 FROM incident_affected WHERE incident_id = ?1 AND kind = ?2 AND ref_id = ?3", "iti", id,
			      kind, ref) < 0)
		return -1;
	if (known)
		return 0;
	if (gn_call_exec(call, "INSERT INTO incident_affected(incident_id, kind, ref_id, label) VALUES (?1, ?2, ?3, ?4)",
			 "itit", id, kind, ref, label))
		return -1;
	return incident_timeline(call, id, "登记受影响", label);
}

int incident_affect(struct gn_call *call)
{
	int64_t id = gn_call_arg_int(call, "id", 0);
	const char *system = gn_call_arg(call, "system");
	int64_t node_id = gn_call_arg_int(call, "node", 0);
	int64_t org_id;
	struct gn_org org;
	struct gn_node node;
	char label[240];

	if (!gn_call_arg(call, "org") && !system && !node_id)
		return gn_call_refuse_field(call, "org", "请给出受影响的部门（--org）、信息系统（--system）或接入节点（--node）");
	if (gn_call_arg(call, "org")) {
		if ((org_id = gn_call_arg_org(call, "org")) < 0 || gn_call_org(call, org_id, &org) ||
		    add_affected(call, id, "org", org_id, org.name))
			return -1;
	}
	if (system) {
		int64_t sys;
		snprintf(label, sizeof label, "信息系统 %s", system);
		if (gn_call_record(call, "system", system, "system", &sys, NULL) || add_affected(call, id, "system", sys, label))
			return -1;
	}
	if (node_id) {
		int64_t known = 0;
		if (gn_call_node(call, node_id, &node) ||
		    gn_call_query_int(call, &known, "SELECT 1 FROM incident_link WHERE incident_id = ?1 AND node_id = ?2",
				      "ii", id, node_id) < 0)
			return -1;
		snprintf(label, sizeof label, "接入节点 #%lld（%s）", (long long)node_id, node.location);
		if (!known && (gn_call_exec(call, "INSERT INTO incident_link(incident_id, node_id) VALUES (?1, ?2)", "ii",
					    id, node_id) ||
			       incident_timeline(call, id, "登记受影响", label)))
			return -1;
	}
	return 0;
}

/* The title of the transition being taken, for the timeline. */
static const char *step_title(struct gn_call *call)
{
	for (const struct gn_transition *t = incident_workflow.transitions; t->verb; t++)
		if (strcmp(t->verb, gn_call_verb(call)) == 0)
			return t->title;
	return gn_call_verb(call);
}

static const char *step_text(struct gn_call *call)
{
	const char *text = gn_call_arg(call, "comment");

	return text ? text : gn_call_arg(call, "reason");
}

int incident_step(struct gn_call *call)
{
	return incident_timeline(call, gn_call_arg_int(call, "id", 0), step_title(call), step_text(call));
}

/* A closed incident leaves no node cut off (Art 26 ¶2): reconnect first. */
int incident_close(struct gn_call *call)
{
	int64_t id = gn_call_arg_int(call, "id", 0), node = 0;

	if (gn_call_query_int(call, &node,
			      "SELECT l.node_id FROM incident_link l JOIN node n ON n.id = l.node_id WHERE l.incident_id = ?1"
			      " AND l.disconnected_at IS NOT NULL AND l.reconnected_at IS NULL AND n.state = 'disconnected'",
			      "i", id) < 0)
		return -1;
	if (node)
		return gn_call_refuse_next(call, "incident", "reconnect", node,
					   "安全事件 #%lld 断开的接入节点 #%lld 尚未恢复连接，不能关闭（Art 26）", (long long)id,
					   (long long)node);
	if (gn_call_exec(call, "UPDATE incident SET summary = ?1 WHERE id = ?2", "ti", gn_call_arg(call, "summary"), id) ||
	    gn_call_obligation(call, id, "response", 0, NULL, NULL, NULL, 0))
		return -1;
	return incident_timeline(call, id, step_title(call), gn_call_arg(call, "summary"));
}

/* Reopened, the grade's handling time runs again from today. */
int incident_reopen(struct gn_call *call)
{
	int64_t id = gn_call_arg_int(call, "id", 0);
	char grade[32] = "", today[11];
	sqlite3_stmt *st;

	if (!(st = gn_call_query(call, "SELECT grade FROM incident WHERE id = ?1", "i", id)))
		return -1;
	if (sqlite3_step(st) == SQLITE_ROW)
		snprintf(grade, sizeof grade, "%s", (const char *)sqlite3_column_text(st, 0));
	gn_call_done(call, st);
	snprintf(today, sizeof today, "%s", gn_call_now(call));
	if (incident_timeline(call, id, step_title(call), step_text(call)))
		return -1;
	return set_response_due(call, id, grade, today);
}
