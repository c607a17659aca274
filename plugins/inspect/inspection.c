/*
 * inspection.c — the work behind an inspection: its plan, its checklist,
 * the rectification order a failed one yields, and the next periodic one.
 */
#include "inspect.h"

#include <stdio.h>
#include <string.h>
#include "govnet/banned.h"

#define INSPECTORS (GN_ROLE_OFFICE | GN_ROLE_OPERATOR)

static void today_of(struct gn_call *call, char today[11])
{
	snprintf(today, 11, "%.10s", gn_call_now(call));
}

static int64_t record_id(struct gn_call *call)
{
	return gn_call_arg_int(call, "id", 0);
}

/* The date an inspection is due shows in `govnet due` (Art 28). */
static int plan_obligation(struct gn_call *call, int64_t id, int64_t org, const char *date, int64_t every)
{
	return gn_call_obligation(call, id, "inspection", org, "Art 28", every > 0 ? "定期检查" : "检查", date,
				  INSPECTORS);
}

/* The rectification order's deadline, on whoever must move next. */
static int order_obligation(struct gn_call *call, const char *due, unsigned waiting_on)
{
	return gn_call_obligation(call, record_id(call), "order", gn_call_org_id(call), "Art 28",
				  waiting_on == GN_ROLE_DEPT ? "限期整改" : "整改复查", due, waiting_on);
}

/* "<sha256> <name>" as the core hands over a file field, kept as
 * "<name> sha256:<hex>". */
static int evidence_text(struct gn_call *call, const char *field, char *out, size_t size)
{
	const char *ref = gn_call_arg(call, field);
	const char *space = ref ? strchr(ref, ' ') : NULL;

	out[0] = '\0';
	if (!ref)
		return 0;
	if (!space || space - ref != 64)
		return gn_call_refuse_field(call, field, "文件引用无效");
	snprintf(out, size, "%s sha256:%.64s", space + 1, ref);
	return 0;
}

int inspect_plan(struct gn_call *call)
{
	int64_t org = gn_call_org_id(call), every = gn_call_arg_int(call, "every", 0), id;
	struct gn_org o;

	if (gn_call_org(call, org, &o))
		return -1;
	if (strcmp(o.kind, "dept") != 0 && strcmp(o.kind, "unit") != 0)
		return gn_call_refuse_field(call, "org", "受检部门（--org）应为接入部门或单位：%s 是 %s", o.name, o.kind);
	if (gn_call_exec(call,
			 "INSERT INTO inspect_inspection(org_id, planned_on, inspector, every, note, created_at, created_by)"
			 " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
			 "ittizt" "t", org, gn_call_arg(call, "date"), gn_call_arg(call, "inspector"), every,
			 gn_call_arg(call, "note") ? gn_call_arg(call, "note") : "", gn_call_now(call), gn_call_login(call)))
		return -1;
	id = gn_call_last_insert_id(call);
	gn_call_set_id(call, id);
	return plan_obligation(call, id, org, gn_call_arg(call, "date"), every);
}

/* Starting copies the checklist: the city's items, then the county's own
 * (Art 30), as they read today. */
int inspect_start(struct gn_call *call)
{
	int64_t id = record_id(call);
	struct gn_org o;
	sqlite3_stmt *st;
	int rc = 0;

	if (gn_call_org(call, gn_call_org_id(call), &o))
		return -1;
	for (const struct inspect_item *it = inspect_items; it->code; it++)
		if (gn_call_exec(call, "INSERT INTO inspect_result(inspection_id, code, title, article) VALUES (?1, ?2, ?3, ?4)",
				 "itt" "t", id, it->code, it->title, it->article))
			return -1;
	if (o.county_id) {
		if (!(st = gn_call_query(call, "SELECT code, title, article FROM inspect_item WHERE org_id = ?1 ORDER BY id",
					 "i", o.county_id)))
			return -1;
		while (!rc && sqlite3_step(st) == SQLITE_ROW)
			rc = gn_call_exec(call,
					  "INSERT INTO inspect_result(inspection_id, code, title, article) VALUES (?1, ?2, ?3, ?4)",
					  "ittt", id, (const char *)sqlite3_column_text(st, 0),
					  (const char *)sqlite3_column_text(st, 1), (const char *)sqlite3_column_text(st, 2));
		gn_call_done(call, st);
		if (rc)
			return -1;
	}
	if (inspect_security_fill(call, id, gn_call_org_id(call)))
		return -1;
	return gn_call_obligation(call, id, "inspection", gn_call_org_id(call), "Art 28", "", NULL, 0);
}

/* The codes of an inspection's checklist, for a refusal. */
static void item_codes(struct gn_call *call, int64_t id, const char *where, char *out, size_t size)
{
	sqlite3_stmt *st = gn_call_query(call, "SELECT group_concat(code, '、') FROM inspect_result"
				       " WHERE inspection_id = ?1 AND (?2 = '' OR result IS NULL)", "it", id, where);

	out[0] = '\0';
	if (!st)
		return;
	if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
		snprintf(out, size, "%s", (const char *)sqlite3_column_text(st, 0));
	gn_call_done(call, st);
}

static const struct inspect_severity *severity_named(const char *name)
{
	for (const struct inspect_severity *s = inspect_severities; name && s->name; s++)
		if (strcmp(s->name, name) == 0)
			return s;
	return NULL;
}

int inspect_check(struct gn_call *call)
{
	int64_t id = record_id(call), row = 0, open = 0, system = 0, system_org = 0;
	const char *item = gn_call_arg(call, "item"), *result = gn_call_arg(call, "result");
	const struct inspect_severity *sev = severity_named(gn_call_arg(call, "severity"));
	char codes[1024], evidence[700];

	if (gn_call_query_int(call, &open, "SELECT state = 'inspecting' FROM inspect_inspection WHERE id = ?1", "i",
			      id) < 0)
		return -1;
	if (!open)
		return gn_call_refuse_next(call, "inspect", "start", id, "检查 #%lld 不在「检查中」，不能记录检查项结果（Art 28）",
					   (long long)id);
	if (gn_call_query_int(call, &row, "SELECT id FROM inspect_result WHERE inspection_id = ?1 AND code = ?2", "it",
			      id, item) < 0)
		return -1;
	if (!row) {
		item_codes(call, id, "", codes, sizeof codes);
		return gn_call_refuse_field(call, "item", "检查项（--item）没有 \"%s\"：本次检查的检查项为 %s", item, codes);
	}
	if (strcmp(result, "fail") == 0 && !sev)
		return gn_call_refuse_field(call, "severity", "不符合时须给出问题等级（--severity）：serious、major 或 minor");
	if (strcmp(result, "fail") == 0 && !gn_call_arg(call, "finding"))
		return gn_call_refuse_field(call, "finding", "不符合时须描述发现的问题（--finding）");
	if (strcmp(result, "na") == 0 && !gn_call_arg(call, "reason"))
		return gn_call_refuse_field(call, "reason", "不适用时须说明理由（--reason）");
	if (gn_call_arg(call, "system")) {
		if (gn_call_record(call, "system", gn_call_arg(call, "system"), "system", &system, &system_org))
			return -1;
		if (system_org != gn_call_org_id(call))
			return gn_call_refuse_field(call, "system", "信息系统（--system）不属于受检部门");
	}
	if (evidence_text(call, "evidence", evidence, sizeof evidence) || inspect_security_check(call, gn_call_org_id(call)))
		return -1;
	int fail = strcmp(result, "fail") == 0;
	return gn_call_exec(call,
			    "UPDATE inspect_result SET result = ?1, severity = ?2, severity_title = ?3, finding = ?4,"
			    " evidence = ?5, reason = ?6, system_id = nullif(?7, 0), checked_at = ?8, checked_by = ?9"
			    " WHERE id = ?10",
			    "tzzzzzitti", result, fail ? sev->name : "", fail ? sev->title : "",
			    fail ? gn_call_arg(call, "finding") : "", evidence,
			    strcmp(result, "na") == 0 ? gn_call_arg(call, "reason") : "", system, gn_call_now(call),
			    gn_call_login(call), row);
}

/* Every item decided before a conclusion (Art 28). */
static int refuse_pending(struct gn_call *call, int64_t id)
{
	char codes[1024];

	item_codes(call, id, "pending", codes, sizeof codes);
	if (!codes[0])
		return 0;
	return gn_call_refuse_next(call, "inspect", "check", id, "检查 #%lld 还有未检查的检查项：%s", (long long)id, codes);
}

static int64_t failures(struct gn_call *call, int64_t id)
{
	int64_t n = 0;

	gn_call_query_int(call, &n, "SELECT count(*) FROM inspect_result WHERE inspection_id = ?1 AND result = 'fail'",
			  "i", id);
	return n;
}

/* A periodic inspection (定期) plans the next when it ends. */
static int plan_next(struct gn_call *call)
{
	int64_t id = record_id(call), every = 0, next;
	char date[11] = "";
	sqlite3_stmt *st;

	if (gn_call_query_int(call, &every, "SELECT every FROM inspect_inspection WHERE id = ?1", "i", id) < 0)
		return -1;
	if (every <= 0)
		return 0;
	if (gn_call_exec(call,
			 "INSERT INTO inspect_inspection(org_id, planned_on, inspector, every, note, created_at, created_by)"
			 " SELECT org_id, date(planned_on, '+' || every || ' months'), inspector, every, note, ?2, ?3"
			 " FROM inspect_inspection WHERE id = ?1",
			 "itt", id, gn_call_now(call), gn_call_login(call)))
		return -1;
	next = gn_call_last_insert_id(call);
	if (gn_call_exec(call, "UPDATE inspect_inspection SET next_id = ?1 WHERE id = ?2", "ii", next, id) ||
	    !(st = gn_call_query(call, "SELECT planned_on FROM inspect_inspection WHERE id = ?1", "i", next)))
		return -1;
	if (sqlite3_step(st) == SQLITE_ROW)
		snprintf(date, sizeof date, "%s", (const char *)sqlite3_column_text(st, 0));
	gn_call_done(call, st);
	char said[96];
	snprintf(said, sizeof said, "下一次定期检查 #%lld：%s", (long long)next, date);
	gn_call_emit_text(call, said);
	return plan_obligation(call, next, gn_call_org_id(call), date, every);
}

int inspect_pass(struct gn_call *call)
{
	int64_t id = record_id(call);

	if (refuse_pending(call, id))
		return -1;
	if (failures(call, id))
		return gn_call_refuse_next(call, "inspect", "order", id, "检查 #%lld 有不符合项，应责令限期整改（Art 28）",
					   (long long)id);
	return plan_next(call);
}

/* The deadline a failed inspection's worst finding suggests. */
static int64_t default_deadline(struct gn_call *call, int64_t id)
{
	for (const struct inspect_severity *s = inspect_severities; s->name; s++) {
		int64_t n = 0;
		gn_call_query_int(call, &n,
				  "SELECT count(*) FROM inspect_result WHERE inspection_id = ?1 AND result = 'fail'"
				  " AND severity = ?2", "it", id, s->name);
		if (n)
			return s->workdays;
	}
	return inspect_severities[0].workdays;
}

/* Make the order (a record of its own, Art 28), or extend it once: the
 * deadline `days` working days from today. */
static int set_deadline(struct gn_call *call, int64_t days, int extending)
{
	char today[11], due[11], said[160];
	int64_t order = 0;

	today_of(call, today);
	if (gn_call_add_workdays(call, today, (int)days, due, NULL) ||
	    gn_call_exec(call,
			 extending ? "UPDATE inspect_order SET due = ?1, extended = 1, extension_days = ?2,"
				     " extension_reason = ?4, extended_at = ?5 WHERE inspection_id = ?3"
				   : "INSERT INTO inspect_order(inspection_id, org_id, items, days, due, ordered_at, ordered_by)"
				     " SELECT i.id, i.org_id, (SELECT group_concat(code, ' ') FROM (SELECT r.code FROM inspect_result r"
				     "   WHERE r.inspection_id = i.id AND r.result = 'fail' ORDER BY r.id)), ?2, ?1, ?5, ?6"
				     " FROM inspect_inspection i WHERE i.id = ?3",
			 "tiiz" "tt", due, days, record_id(call), extending ? gn_call_arg(call, "reason") : "",
			 gn_call_now(call), gn_call_login(call)) ||
	    gn_call_query_int(call, &order, "SELECT id FROM inspect_order WHERE inspection_id = ?1", "i",
			      record_id(call)) < 0 ||
	    order_obligation(call, due, GN_ROLE_DEPT))
		return -1;
	snprintf(said, sizeof said, "整改通知 #%lld，整改期限：%s（%lld 个工作日，Art 28）", (long long)order, due,
		 (long long)days);
	gn_call_emit_text(call, said);
	return 0;
}

int inspect_order(struct gn_call *call)
{
	int64_t id = record_id(call);

	if (refuse_pending(call, id))
		return -1;
	if (!failures(call, id))
		return gn_call_refuse_next(call, "inspect", "pass", id, "检查 #%lld 没有不符合项，无需整改", (long long)id);
	return set_deadline(call, gn_call_arg_int(call, "deadline", default_deadline(call, id)), 0);
}

int inspect_respond(struct gn_call *call)
{
	char evidence[700];
	char due[11] = "";
	sqlite3_stmt *st;

	if (evidence_text(call, "evidence", evidence, sizeof evidence) ||
	    gn_call_exec(call,
			 "UPDATE inspect_order SET measures = ?1, evidence = ?2, responded_at = ?4 WHERE inspection_id = ?3",
			 "tzit", gn_call_arg(call, "measures"), evidence, record_id(call), gn_call_now(call)) ||
	    !(st = gn_call_query(call, "SELECT due FROM inspect_order WHERE inspection_id = ?1", "i", record_id(call))))
		return -1;
	if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
		snprintf(due, sizeof due, "%s", (const char *)sqlite3_column_text(st, 0));
	gn_call_done(call, st);
	return order_obligation(call, due, INSPECTORS);
}

int inspect_extend(struct gn_call *call)
{
	int64_t extended = 0;

	if (gn_call_query_int(call, &extended, "SELECT extended FROM inspect_order WHERE inspection_id = ?1", "i",
			      record_id(call)) < 0)
		return -1;
	if (extended)
		return gn_call_refuse_field(call, "deadline", "整改已延期过一次，不能再延期（--deadline，Art 28）：复查通过后 close，"
							  "仍未整改的可予通报（Art 29）");
	return set_deadline(call, gn_call_arg_int(call, "deadline", 0), 1);
}

int inspect_close(struct gn_call *call)
{
	if (gn_call_exec(call, "UPDATE inspect_order SET rechecked_at = ?2, rechecked_by = ?3 WHERE inspection_id = ?1",
			 "itt", record_id(call), gn_call_now(call), gn_call_login(call)) ||
	    gn_call_obligation(call, record_id(call), "order", gn_call_org_id(call), "Art 28", "", NULL, 0))
		return -1;
	return plan_next(call);
}

/* Obstruction (Art 29(2)) or cancellation ends the inspection: nothing is
 * due any more. */
int inspect_stop(struct gn_call *call)
{
	return gn_call_obligation(call, record_id(call), "inspection", gn_call_org_id(call), "Art 28", "", NULL, 0);
}

/* A county's own item (Art 30): a code of lower-case letters, digits and
 * hyphens that no city item has. */
int inspect_item_add(struct gn_call *call)
{
	const char *code = gn_call_arg(call, "code");
	struct gn_org o;

	if (gn_call_org(call, gn_call_org_id(call), &o))
		return -1;
	if (o.county_id != o.id)
		return gn_call_refuse_field(call, "org", "县区检查项（--org）应属于县区或功能板块：%s 不是", o.name);
	if (strspn(code, "abcdefghijklmnopqrstuvwxyz0123456789-") != strlen(code))
		return gn_call_refuse_field(call, "code", "检查项代码（--code）只能含小写字母、数字和连字符：\"%s\"", code);
	for (const struct inspect_item *it = inspect_items; it->code; it++)
		if (strcmp(it->code, code) == 0)
			return gn_call_refuse_field(call, "code", "检查项代码（--code）\"%s\" 已是全市统一检查项", code);
	if (gn_call_exec(call,
			 "INSERT INTO inspect_item(org_id, code, title, article, created_at, created_by)"
			 " VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
			 "itttt" "t", o.id, code, gn_call_arg(call, "title"),
			 gn_call_arg(call, "article") ? gn_call_arg(call, "article") : "Art 30", gn_call_now(call),
			 gn_call_login(call)))
		return -1;
	gn_call_set_id(call, gn_call_last_insert_id(call));
	return 0;
}

/* The rectification orders under an organisation (Art 28), each a record
 * of its own: `inspect order list ORG [--overdue]`. */
int inspect_order_list(struct gn_call *call)
{
	static const char *const names[] = { "id",	 "inspection",	     "org",	 "items",	 "days",
					     "due",	 "state",	     "state_title", "extended",	 "extension_reason",
					     "measures", "responded_at", "rechecked_at" };
	const char *values[13];
	char today[11];
	struct gn_org o;
	sqlite3_stmt *st;
	int64_t org = gn_call_arg_org(call, "org");
	int rc;

	if (org < 0 || gn_call_org(call, org, &o))
		return -1;
	today_of(call, today);
	if (!(st = gn_call_query(call,
				 "SELECT d.id, d.inspection_id, g.name, d.items, d.days, d.due,"
				 " i.state, gn_state_title('inspect', i.state), d.extended,"
				 " coalesce(d.extension_reason, ''), coalesce(d.measures, ''), coalesce(d.responded_at, ''),"
				 " coalesce(d.rechecked_at, '')"
				 " FROM inspect_order d JOIN inspect_inspection i ON i.id = d.inspection_id"
				 " JOIN org g ON g.id = d.org_id WHERE g.path LIKE ?1 || '%'"
				 " AND (?2 = 0 OR (i.state IN ('ordered', 'responded') AND d.due < ?3)) ORDER BY d.id",
				 "tit", o.path, (int64_t)(gn_call_arg(call, "overdue") != NULL), today)))
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		for (int i = 0; i < 13; i++)
			values[i] = (const char *)sqlite3_column_text(st, i);
		gn_call_emit_typed(call, 13, names, values, "nnttntttbtttt");
	}
	gn_call_done(call, st);
	return rc == SQLITE_DONE ? 0 : gn_call_sqlite_error(call, "整改通知");
}
