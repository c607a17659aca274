/*
 * notice.c — maintenance notices of the operating agency (Art 15 ¶1):
 * issued at least two working days before the window, to every
 * department the work affects, and told again when moved or cancelled.
 */
#include "change.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "govnet/banned.h"

#define NOTICE_TEXT_MAX 1200

/*
 * The two-working-day rule for a window starting at start, issued today:
 * 0 with *late and earliest[11] set; an emergency with its reason may be
 * late, and is recorded so.
 */
static int check_lead(struct gn_call *call, const char *start, int *late, char earliest[11])
{
	char today[11];

	snprintf(today, sizeof today, "%.10s", gn_call_now(call));
	if (gn_call_add_workdays(call, today, CHANGE_NOTICE_WORKDAYS, earliest, NULL))
		return -1;
	*late = strncmp(start, earliest, 10) < 0;
	if (gn_call_arg(call, "emergency") && !gn_call_arg(call, "reason"))
		return gn_call_refuse_field(call, "reason", "紧急维护须说明理由（--reason）");
	if (*late && !gn_call_arg(call, "emergency"))
		return gn_call_refuse_field(call, "start",
					    "--start：维护通知须提前 %d 个工作日发出（Art 15）：今天（%s）发出的通知，窗口最早于 %s 开始；"
					    "确属紧急的，加 --emergency --reason 说明理由",
					    CHANGE_NOTICE_WORKDAYS, today, earliest);
	return 0;
}

/* Record that org_id is affected (via says how we know), once. */
static int add_target(struct gn_call *call, int64_t notice, int64_t org_id, const char *via)
{
	return gn_call_exec(call, "INSERT OR IGNORE INTO change_notice_target(notice_id, org_id, via) VALUES (?1, ?2, ?3)",
			    "iit", notice, org_id, via);
}

/* A department the notice names (a further --affects, or one of --also):
 * a department or unit within the issuing login's scope. */
static int add_department(struct gn_call *call, int64_t notice, const char *name, const char *field)
{
	struct gn_org org;
	int64_t id;

	if (gn_call_record(call, "org", name, field, &id, NULL) || gn_call_org(call, id, &org))
		return -1;
	if (strcmp(org.kind, "dept") != 0 && strcmp(org.kind, "unit") != 0)
		return gn_call_refuse_field(call, field, "--%s：%s 不是接入部门", field, org.name);
	if (!gn_call_in_scope(call, id))
		return gn_call_refuse_field(call, field, "--%s：%s 不在 %s 的范围之内", field, org.name,
					    gn_call_login(call));
	return add_target(call, notice, id, "指定");
}

/* The departments named besides the first: --affects again, or --also. */
static int add_named(struct gn_call *call, int64_t notice)
{
	const char *p = gn_call_arg(call, "also"), *more;
	char name[200];

	for (size_t i = 1; (more = gn_call_arg_nth(call, "affects", i)); i++)
		if (add_department(call, notice, more, "affects"))
			return -1;
	while (p && *p) {
		size_t len = strcspn(p, ",;");
		const char *sep[] = { "，", "、", "；" };
		for (int i = 0; i < 3; i++) {
			const char *s = strstr(p, sep[i]);
			if (s && (size_t)(s - p) < len)
				len = (size_t)(s - p);
		}
		snprintf(name, sizeof name, "%.*s", (int)(len < sizeof name ? len : sizeof name - 1), p);
		p += len;
		p += *p == ',' || *p == ';' ? 1 : *p ? 3 : 0;
		if (*name && add_department(call, notice, name, "also"))
			return -1;
	}
	return 0;
}

/* The departments behind the access nodes named (--nodes). */
static int add_nodes(struct gn_call *call, int64_t notice)
{
	int64_t *ids;
	size_t n;
	struct gn_node node;
	char via[64];
	int rc = 0;

	if (change_check_nodes(call, "nodes", 0, &ids, &n))
		return -1;
	for (size_t i = 0; i < n && rc == 0; i++) {
		snprintf(via, sizeof via, "接入节点 #%lld", (long long)ids[i]);
		rc = gn_call_node(call, ids[i], &node) || add_target(call, notice, node.org_id, via) ? -1 : 0;
	}
	free(ids);
	return rc;
}

/* The departments the address blocks named are assigned to (--blocks). */
static int add_blocks(struct gn_call *call, int64_t notice)
{
	const char *p = gn_call_arg(call, "blocks");
	char key[64], via[96];
	int64_t id, org;

	while (p && *p) {
		size_t len = strcspn(p, ", ;");
		snprintf(key, sizeof key, "%.*s", (int)(len < sizeof key ? len : sizeof key - 1), p);
		p += len + (p[len] != '\0');
		if (!*key)
			continue;
		if (gn_call_record(call, "ip", key, "blocks", &id, &org))
			return -1;
		if (!org || !gn_call_in_scope(call, org))
			return gn_call_refuse_field(call, "blocks", "--blocks：地址段 %s 未分配给 %s 范围内的接入部门", key,
						    gn_call_login(call));
		snprintf(via, sizeof via, "地址段 %s", key);
		if (add_target(call, notice, org, via))
			return -1;
	}
	return 0;
}

/*
 * The department's responsible person from its Art 12 filing in force,
 * through the access plugin's published read (`access filing person`):
 * person and phone are left empty when it has not filed.
 */
static int responsible_person(struct gn_call *call, int64_t org_id, char person[64], char phone[32])
{
	struct gn_rows *rows;
	char id[24];

	person[0] = phone[0] = '\0';
	snprintf(id, sizeof id, "%lld", (long long)org_id);
	if (gn_call_invoke(call, "access", "filing person", (const char *const[]){ "org-id", id, NULL }, &rows))
		return -1;
	if (gn_rows_count(rows) > 0) {
		snprintf(person, 64, "%s", gn_rows_get(rows, 0, "person") ? gn_rows_get(rows, 0, "person") : "");
		snprintf(phone, 32, "%s", gn_rows_get(rows, 0, "phone") ? gn_rows_get(rows, 0, "phone") : "");
	}
	gn_rows_free(rows);
	return 0;
}

/* Tell every affected department (Art 15 ¶1): one message each in its
 * own view, addressed to its Art 12 responsible person by name; sent to
 * that person's phone through the city's channels that reach people
 * (gn_call_notify_person), and to whoever subscribed to change.notice for
 * the department or above it. */
static int tell(struct gn_call *call, int64_t notice, const char *kind, const char *text)
{
	sqlite3_stmt *st;
	int64_t *orgs = NULL;
	size_t n = 0;
	char person[64], phone[32];
	int rc = 0;

	/* Collect first: the published read runs statements of its own. */
	if (!(st = gn_call_query(call, "SELECT org_id FROM change_notice_target WHERE notice_id = ?1 ORDER BY id", "i",
				 notice)))
		return -1;
	while (sqlite3_step(st) == SQLITE_ROW) {
		int64_t *more = realloc(orgs, (n + 1) * sizeof *orgs);
		if (!more) {
			rc = gn_call_refuse(call, "内存不足");
			break;
		}
		orgs = more;
		orgs[n++] = sqlite3_column_int64(st, 0);
	}
	gn_call_done(call, st);
	for (size_t i = 0; i < n && rc == 0; i++) {
		if (responsible_person(call, orgs[i], person, phone) ||
		    gn_call_exec(call, "UPDATE change_notice_target SET person = ?3, phone = ?4 WHERE notice_id = ?1 AND org_id = ?2",
				 "iitt", notice, orgs[i], person, phone) ||
		    gn_call_exec(call,
				 "INSERT INTO change_notice_message(notice_id, org_id, kind, text, at, login, person, phone)"
				 " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
				 "iitttt" "tt", notice, orgs[i], kind, text, gn_call_now(call), gn_call_login(call), person,
				 phone) ||
		    gn_call_notify_person(call, orgs[i], "notice", person, phone, text) < 0 ||
		    gn_call_notify(call, orgs[i], "notice", text) < 0)
			rc = -1;
	}
	free(orgs);
	return rc;
}

int change_notice_issue(struct gn_call *call)
{
	const char *start = gn_call_arg(call, "start"), *end = gn_call_arg(call, "end");
	const char *impact = gn_call_arg(call, "impact");
	char earliest[11], text[NOTICE_TEXT_MAX];
	struct gn_org dept;
	int late;
	int64_t id;

	if (gn_call_org(call, gn_call_org_id(call), &dept))
		return -1;
	if (strcmp(dept.kind, "dept") != 0 && strcmp(dept.kind, "unit") != 0)
		return gn_call_refuse_field(call, "affects", "--affects：%s 不是接入部门", dept.name);
	if (change_check_window(call, "start", "end") || check_lead(call, start, &late, earliest))
		return -1;
	if (gn_call_exec(call,
			 "INSERT INTO change_notice(org_id, what, impact, starts_at, ends_at, emergency, reason, earliest, late,"
			 " created_at, created_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
			 "itttti" "zt" "itt", gn_call_actor_org(call), gn_call_arg(call, "what"), impact ? impact : "",
			 start, end, (int64_t)(gn_call_arg(call, "emergency") != NULL),
			 gn_call_arg(call, "reason") ? gn_call_arg(call, "reason") : "", earliest, (int64_t)late,
			 gn_call_now(call), gn_call_login(call)))
		return -1;
	id = gn_call_last_insert_id(call);
	gn_call_set_id(call, id);
	if (add_target(call, id, dept.id, "指定") || add_named(call, id) || add_nodes(call, id) || add_blocks(call, id))
		return -1;
	snprintf(text, sizeof text, "%s维护通知 #%lld：%s，%s 至 %s；预计影响：%s", late ? "紧急" : "", (long long)id,
		 gn_call_arg(call, "what"), start, end, impact && *impact ? impact : "未说明");
	return tell(call, id, "issued", text);
}

/* The notice id as it stands, for move and cancel: its window, and that
 * it is still scheduled and not yet begun. */
static int open_notice(struct gn_call *call, int64_t id, char start[17], char end[17])
{
	sqlite3_stmt *st = gn_call_query(call, "SELECT state, starts_at, ends_at FROM change_notice WHERE id = ?1", "i", id);
	int scheduled = 0;

	if (!st)
		return -1;
	if (sqlite3_step(st) == SQLITE_ROW) {
		scheduled = strcmp((const char *)sqlite3_column_text(st, 0), "scheduled") == 0;
		snprintf(start, 17, "%s", (const char *)sqlite3_column_text(st, 1));
		snprintf(end, 17, "%s", (const char *)sqlite3_column_text(st, 2));
	}
	gn_call_done(call, st);
	if (!scheduled)
		return gn_call_refuse(call, "维护通知 #%lld 已取消", (long long)id);
	if (strncmp(start, gn_call_now(call), 16) <= 0)
		return gn_call_refuse(call, "维护通知 #%lld 的窗口已于 %s 开始", (long long)id, start);
	return 0;
}

/* Moving later is always allowed; earlier, the two-working-day rule holds
 * again (Art 15 ¶1). */
int change_notice_move(struct gn_call *call)
{
	int64_t id = gn_call_arg_int(call, "id", 0);
	const char *start = gn_call_arg(call, "start"), *end = gn_call_arg(call, "end");
	char old_start[17], old_end[17], earliest[11], text[NOTICE_TEXT_MAX];
	int late = 0;

	if (open_notice(call, id, old_start, old_end) || change_check_window(call, "start", "end"))
		return -1;
	if (strcmp(start, old_start) < 0 && check_lead(call, start, &late, earliest))
		return -1;
	if (gn_call_exec(call,
			 "UPDATE change_notice SET starts_at = ?2, ends_at = ?3, late = max(late, ?4),"
			 " emergency = max(emergency, ?4), reason = coalesce(?5, reason) WHERE id = ?1",
			 "itti" "z", id, start, end, (int64_t)late, gn_call_arg(call, "reason") ? gn_call_arg(call, "reason") : ""))
		return -1;
	snprintf(text, sizeof text, "维护通知 #%lld 改期：原 %s 至 %s，改为 %s 至 %s", (long long)id, old_start, old_end,
		 start, end);
	return tell(call, id, "moved", text);
}

int change_notice_cancel(struct gn_call *call)
{
	int64_t id = gn_call_arg_int(call, "id", 0);
	char start[17], end[17], text[NOTICE_TEXT_MAX];

	if (open_notice(call, id, start, end) ||
	    gn_call_exec(call, "UPDATE change_notice SET state = 'cancelled', cancel_reason = ?2 WHERE id = ?1", "it", id,
			 gn_call_arg(call, "reason")))
		return -1;
	snprintf(text, sizeof text, "维护通知 #%lld（%s 至 %s）已取消：%s", (long long)id, start, end,
		 gn_call_arg(call, "reason"));
	return tell(call, id, "cancelled", text);
}
