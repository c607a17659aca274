/*
 * task.c — the tasks of an incident (case handling after TheHive): a piece
 * of work owned by an organisation and optionally one of its logins, with
 * a date it is due, open until the owner marks it done.  Both moves are on
 * the incident's timeline.  The door has held adding a task to the
 * incident's scope and marking one done to the owner's.
 */
#include "incident.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "govnet/banned.h"

/* The incident's state and whether it is closed: no work is added to one. */
static int incident_open(struct gn_call *call, int64_t id, const char *field)
{
	int64_t closed = 0;

	if (gn_call_query_int(call, &closed, "SELECT state = 'closed' FROM incident WHERE id = ?1", "i", id) < 0)
		return -1;
	if (closed)
		return gn_call_refuse_field(call, field, "安全事件 #%lld 已关闭，不能再添加任务（Art 26）", (long long)id);
	return 0;
}

/* The login named as owner exists and belongs to the owning organisation
 * or one under it. */
static int check_owner_login(struct gn_call *call, const char *login, const struct gn_org *owner)
{
	int64_t ok = 0;

	if (gn_call_query_int(call, &ok,
			      "SELECT 1 FROM login l JOIN org o ON o.id = l.org_id WHERE l.login = ?1 AND l.disabled = 0"
			      " AND o.path LIKE ?2 || '%'",
			      "tt", login, owner->path) < 0)
		return -1;
	if (!ok)
		return gn_call_refuse_field(call, "login", "%s 不是%s（或其下级）的在用登录名（--login）", login,
					    owner->name);
	return 0;
}

int incident_task_add(struct gn_call *call)
{
	int64_t incident = gn_call_arg_int(call, "id", 0), owner_id, task;
	const char *login = gn_call_arg(call, "login"), *due = gn_call_arg(call, "due");
	struct gn_org owner;
	char line[400], today[11];

	if (incident_open(call, incident, "id") || (owner_id = gn_call_arg_org(call, "owner")) < 0 ||
	    gn_call_org(call, owner_id, &owner))
		return -1;
	if (!gn_call_in_scope(call, owner_id))
		return gn_call_refuse_field(call, "owner", "超出权限范围：%s 不在 %s 的范围之内，不能把任务交给它（--owner）",
					    owner.name, gn_call_login(call));
	if (login && check_owner_login(call, login, &owner))
		return -1;
	snprintf(today, sizeof today, "%s", gn_call_now(call));
	if (due && strcmp(due, today) < 0)
		return gn_call_refuse_field(call, "due", "完成期限 %s 早于今天（--due）", due);
	if (gn_call_exec(call,
			 "INSERT INTO incident_task(incident_id, org_id, owner_login, title, due_on, created_at, created_by)"
			 " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
			 "iizzztt", incident, owner_id, login ? login : "", gn_call_arg(call, "title"), due ? due : "",
			 gn_call_now(call), gn_call_login(call)))
		return -1;
	task = gn_call_last_insert_id(call);
	snprintf(line, sizeof line, "添加任务 #%lld（负责：%s%s%s%s%s）", (long long)task, owner.name, login ? " " : "",
		 login ? login : "", due ? "，期限 " : "", due ? due : "");
	if (incident_timeline(call, incident, line, gn_call_arg(call, "title")))
		return -1;
	snprintf(line, sizeof line, "任务 #%lld 已添加到安全事件 #%lld\n", (long long)task, (long long)incident);
	gn_call_emit_text(call, line);
	return 0;
}

int incident_task_done(struct gn_call *call)
{
	int64_t task = gn_call_arg_int(call, "id", 0), incident = 0;
	const char *result = gn_call_arg(call, "result");
	const char *state = gn_call_before(call, "state"), *incident_text = gn_call_before(call, "incident_id");
	char line[80];

	if (!state || !incident_text)
		return gn_call_refuse_field(call, "id", "没有编号为 %lld 的任务", (long long)task);
	if (strcmp(state, "done") == 0)
		return gn_call_refuse_field(call, "id", "任务 #%lld 已完成（%s）", (long long)task,
					    gn_call_before(call, "done_at") ? gn_call_before(call, "done_at") : "");
	incident = strtoll(incident_text, NULL, 10);
	if (gn_call_exec(call,
			 "UPDATE incident_task SET state = 'done', result = ?1, done_at = ?2, done_by = ?3 WHERE id = ?4",
			 "ztti", result ? result : "", gn_call_now(call), gn_call_login(call), task))
		return -1;
	snprintf(line, sizeof line, "完成任务 #%lld", (long long)task);
	return incident_timeline(call, incident, line, result);
}
