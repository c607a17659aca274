/*
 * incident.c — the incidents plugin's description (Art 26): how a security
 * incident moves from detection to closing, who moves it, what a grade
 * allows, who may cut a department off the extranet and what an
 * organisation must keep ready, each stated once.
 */
#include "incident.h"

#include <string.h>
#include "../../lib/report/monthly.h"
#include "govnet/banned.h"

/*
 * The four grades of 《国家网络安全事件应急预案》（中网办发文〔2017〕4号）
 * §2.2 and the response levels of §4.2.  The plan sets no working-day
 * limit; the days are this city's handling targets, counted in calendar
 * days from the day of detection because incident handling does not stop
 * for weekends or holidays.  They show in `govnet due` and the Overview.
 */
const struct incident_grade incident_grades[] = {
	{ .name = "特别重大", .level = "Ⅰ级响应", .days = 1 },
	{ .name = "重大", .level = "Ⅱ级响应", .days = 2 },
	{ .name = "较大", .level = "Ⅲ级响应", .days = 5 },
	{ .name = "一般", .level = "Ⅳ级响应", .days = 10 },
	{ NULL },
};

static const char *const grade_names[] = { "特别重大", "重大", "较大", "一般", NULL };

const struct incident_grade *incident_grade(const char *name)
{
	for (const struct incident_grade *g = incident_grades; name && g->name; g++)
		if (strcmp(g->name, name) == 0)
			return g;
	return NULL;
}

/* Art 26 ¶1: 定期开展网络安全风险评估和应急演练; the plan is kept current. */
const struct incident_prep_kind incident_prep_kinds[] = {
	{ .name = "plan", .title = "应急预案修订", .months = 24 },
	{ .name = "risk", .title = "网络安全风险评估", .months = 12 },
	{ .name = "drill", .title = "应急演练", .months = 12 },
	{ NULL },
};

static const char *const prep_names[] = { "plan", "risk", "drill", NULL };
static const char *const prep_titles[] = { "应急预案", "风险评估", "应急演练", NULL };

/* ---- the workflow: 发现、定位、分析、处置 (Art 26 ¶1) ----------------------- */

#define D GN_ROLE_DEPT
#define O GN_ROLE_OFFICE
#define P GN_ROLE_OPERATOR

static const struct gn_state incident_states[] = {
	{ .name = "detected", .title = "已发现", .waiting_on = P | D },
	{ .name = "located", .title = "已定位", .waiting_on = P | D },
	{ .name = "analysed", .title = "已分析", .waiting_on = P | D },
	{ .name = "handled", .title = "已处置", .waiting_on = P },
	{ .name = "closed", .title = "已关闭", .flags = GN_STATE_FINAL },
	{ NULL },
};

static const struct gn_field close_fields[] = {
	{ .name = "summary", .label = "总结", .type = GN_FIELD_LONGTEXT, .flags = GN_FIELD_REQUIRED,
	  .max_chars = 2000, .help = "原因、影响、处置措施与整改（Art 26）" },
	{ NULL },
};

static const struct gn_transition incident_transitions[] = {
	/* verb, from, to, roles, title, article, flags, fields, extra work */
	{ .verb = "locate", .from = "detected", .to = "located", .roles = P | D, .title = "定位",
	  .article = "Art 26", .flags = GN_TRANSITION_NEEDS_COMMENT, .run = incident_step },
	{ .verb = "analyse", .from = "located", .to = "analysed", .roles = P | D, .title = "分析",
	  .article = "Art 26", .flags = GN_TRANSITION_NEEDS_COMMENT, .run = incident_step },
	{ .verb = "handle", .from = "analysed", .to = "handled", .roles = P | D, .title = "处置",
	  .article = "Art 26", .flags = GN_TRANSITION_NEEDS_COMMENT, .run = incident_step },
	{ .verb = "close", .from = "handled", .to = "closed", .roles = P, .title = "关闭事件",
	  .article = "Art 26", .fields = close_fields, .run = incident_close },
	{ .verb = "reopen", .from = "closed", .to = "analysed", .roles = P | O, .title = "重新打开",
	  .article = "Art 26", .flags = GN_TRANSITION_NEEDS_REASON, .run = incident_reopen },
	{ NULL },
};

const struct gn_workflow incident_workflow = { "incident", incident_states, incident_transitions };

/* ---- actions ------------------------------------------------------------- */

static const struct gn_field new_fields[] = {
	{ .name = "org", .label = "涉事部门", .type = GN_FIELD_ORG, .flags = GN_FIELD_REQUIRED },
	{ .name = "title", .label = "事件标题", .type = GN_FIELD_TEXT, .flags = GN_FIELD_REQUIRED,
	  .max_chars = 100 },
	{ .name = "grade", .label = "事件级别", .type = GN_FIELD_CHOICE, .flags = GN_FIELD_REQUIRED,
	  .choices = grade_names, .help = "《国家网络安全事件应急预案》§2.2" },
	{ .name = "detected", .label = "发现日期", .type = GN_FIELD_DATE, .help = "默认今天" },
	{ .name = "detected-by", .label = "发现人", .type = GN_FIELD_TEXT, .max_chars = 50,
	  .help = "默认当前登录名" },
	{ .name = "description", .label = "事件描述", .type = GN_FIELD_LONGTEXT, .max_chars = 2000 },
	{ NULL },
};

static const struct gn_field note_fields[] = {
	{ .name = "id", .label = "事件编号", .type = GN_FIELD_ID,
	  .flags = GN_FIELD_REQUIRED | GN_FIELD_POSITIONAL },
	{ .name = "text", .label = "记录", .type = GN_FIELD_LONGTEXT, .flags = GN_FIELD_REQUIRED,
	  .max_chars = 2000 },
	{ NULL },
};

static const struct gn_field affect_fields[] = {
	{ .name = "id", .label = "事件编号", .type = GN_FIELD_ID,
	  .flags = GN_FIELD_REQUIRED | GN_FIELD_POSITIONAL },
	{ .name = "org", .label = "受影响部门", .type = GN_FIELD_ORG },
	{ .name = "system", .label = "受影响信息系统", .type = GN_FIELD_TEXT, .max_chars = 100,
	  .help = "信息系统的名称或编号" },
	{ .name = "node", .label = "受影响接入节点", .type = GN_FIELD_INT, .min = 1, .max = INT64_MAX },
	{ NULL },
};

/* Disconnect and reconnect act on the core's node (Art 26 ¶2): the door
 * checks the operator's scope against the node's organisation, and the
 * audit entry holds the node before and after. */
static const struct gn_field disconnect_fields[] = {
	{ .name = "id", .label = "接入节点", .type = GN_FIELD_ID,
	  .flags = GN_FIELD_REQUIRED | GN_FIELD_POSITIONAL },
	{ .name = "incident", .label = "安全事件编号", .type = GN_FIELD_INT, .flags = GN_FIELD_REQUIRED,
	  .min = 1, .max = INT64_MAX },
	{ .name = "reason", .label = "断开理由", .type = GN_FIELD_LONGTEXT, .flags = GN_FIELD_REQUIRED,
	  .max_chars = 1000 },
	{ NULL },
};

static const struct gn_field reconnect_fields[] = {
	{ .name = "id", .label = "接入节点", .type = GN_FIELD_ID,
	  .flags = GN_FIELD_REQUIRED | GN_FIELD_POSITIONAL },
	{ .name = "reason", .label = "恢复理由", .type = GN_FIELD_LONGTEXT, .flags = GN_FIELD_REQUIRED,
	  .max_chars = 1000, .help = "问题已如何解决" },
	{ NULL },
};

static const struct gn_field prep_fields[] = {
	{ .name = "org", .label = "组织", .type = GN_FIELD_ORG, .flags = GN_FIELD_REQUIRED },
	{ .name = "kind", .label = "类别", .type = GN_FIELD_CHOICE, .flags = GN_FIELD_REQUIRED,
	  .choices = prep_names, .choice_titles = prep_titles },
	{ .name = "date", .label = "批准/完成日期", .type = GN_FIELD_DATE, .flags = GN_FIELD_REQUIRED },
	{ .name = "version", .label = "预案版本", .type = GN_FIELD_TEXT, .max_chars = 30 },
	{ .name = "file", .label = "文件", .type = GN_FIELD_FILE, .max_chars = 500,
	  .help = "记录文件名与 SHA-256" },
	{ .name = "note", .label = "说明", .type = GN_FIELD_LONGTEXT, .max_chars = 1000 },
	{ NULL },
};

static const char *const observable_kinds[] = { "ip", "domain", "url", "hash", NULL };
static const char *const observable_titles[] = { "地址或网段", "域名", "网址", "文件散列值", NULL };

static const struct gn_field task_add_fields[] = {
	{ .name = "id", .label = "事件编号", .type = GN_FIELD_ID,
	  .flags = GN_FIELD_REQUIRED | GN_FIELD_POSITIONAL },
	{ .name = "title", .label = "任务", .type = GN_FIELD_TEXT, .flags = GN_FIELD_REQUIRED, .max_chars = 200 },
	{ .name = "owner", .label = "负责组织", .type = GN_FIELD_ORG, .flags = GN_FIELD_REQUIRED,
	  .help = "承办任务的组织，须在你的范围之内" },
	{ .name = "login", .label = "负责人登录名", .type = GN_FIELD_LOGIN, .max_chars = 64,
	  .help = "负责组织（或其下级）的登录名" },
	{ .name = "due", .label = "完成期限", .type = GN_FIELD_DATE },
	{ NULL },
};

static const struct gn_field task_done_fields[] = {
	{ .name = "id", .label = "任务编号", .type = GN_FIELD_ID,
	  .flags = GN_FIELD_REQUIRED | GN_FIELD_POSITIONAL },
	{ .name = "result", .label = "完成情况", .type = GN_FIELD_LONGTEXT, .max_chars = 2000 },
	{ NULL },
};

static const struct gn_field observable_fields[] = {
	{ .name = "id", .label = "事件编号", .type = GN_FIELD_ID,
	  .flags = GN_FIELD_REQUIRED | GN_FIELD_POSITIONAL },
	{ .name = "kind", .label = "观察对象类别", .type = GN_FIELD_CHOICE, .flags = GN_FIELD_REQUIRED,
	  .choices = observable_kinds, .choice_titles = observable_titles },
	{ .name = "value", .label = "观察值", .type = GN_FIELD_TEXT, .flags = GN_FIELD_REQUIRED, .max_chars = 2000,
	  .help = "地址与网段、域名链接到匹配的地址和域名记录" },
	{ .name = "note", .label = "说明", .type = GN_FIELD_LONGTEXT, .max_chars = 1000 },
	{ NULL },
};
/* The plugin's section of `govnet report month` (monthly.h). */
static const struct gn_field monthly_fields[] = { MONTHLY_FIELDS, { NULL } };

static const struct gn_action incident_actions[] = {
	{ .verb = "new", .title = "登记安全事件", .roles = P | D | O, .fields = new_fields,
	  .table = "incident", .scope_field = "org", .run = incident_new,
	  .flags = GN_ACTION_CREATES, .article = "Art 26" },
	{ .verb = "note", .title = "添加时间线记录", .roles = P | D | O, .fields = note_fields,
	  .table = "incident", .run = incident_note, .article = "Art 26" },
	{ .verb = "affect", .title = "登记受影响的部门、系统或节点", .roles = P | D | O,
	  .fields = affect_fields, .table = "incident", .run = incident_affect, .article = "Art 26" },
	/* Art 26 ¶2: the operating agency only; a county's for its county. */
	{ .verb = "disconnect", .title = "中断接入节点的政务外网连接", .roles = P,
	  .fields = disconnect_fields, .table = "node", .run = incident_disconnect,
	  .flags = GN_ACTION_DESTRUCTIVE, .article = "Art 26" },
	{ .verb = "reconnect", .title = "恢复接入节点的连接", .roles = P, .fields = reconnect_fields,
	  .table = "node", .run = incident_reconnect, .article = "Art 26" },
	/* Case handling after TheHive: tasks with owners, observables. */
	{ .verb = "task add", .title = "添加任务", .roles = P | D | O, .fields = task_add_fields,
	  .table = "incident", .run = incident_task_add, .article = "Art 26" },
	{ .verb = "task done", .title = "完成任务", .roles = P | D | O, .fields = task_done_fields,
	  .table = "incident_task", .run = incident_task_done, .article = "Art 26" },
	{ .verb = "observable add", .title = "添加观察对象", .roles = P | D | O, .fields = observable_fields,
	  .table = "incident", .run = incident_observable_add, .article = "Art 26" },
	{ .verb = "prep add", .title = "登记应急预案、风险评估或演练", .roles = P | D | O,
	  .fields = prep_fields, .table = "incident_prep", .scope_field = "org",
	  .run = incident_prep_add, .flags = GN_ACTION_CREATES, .article = "Art 26" },
	{ .verb = "report", .title = "月报：安全事件", .roles = GN_ROLES_ALL, .fields = monthly_fields,
	  .table = "incident", .scope_field = "org", .run = incident_monthly, .flags = GN_ACTION_READONLY | GN_ACTION_PUBLISHED,
	  .article = "Art 26" },
	{ NULL },
};

#undef D
#undef O
#undef P

/* ---- views --------------------------------------------------------------- */

/* What an incident holds beyond its list line, for `show`, the detail
 * pane and JSON: one definition, read by the list and the record alike
 * (each column labelled in incident_columns). */
#define INCIDENT_DETAIL \
	" i.detected_by, coalesce(i.description, '') AS description, coalesce(ob.due, '') AS response_due," \
	" coalesce((SELECT group_concat(a.label, '、') FROM incident_affected a WHERE a.incident_id = i.id), '')" \
	"   AS affected," \
	" coalesce((SELECT group_concat('#' || n.id || ' ' || gn_state_title('node', n.state), '、')" \
	"           FROM node n WHERE n.id IN (SELECT node_id FROM incident_link WHERE incident_id = i.id)), '')" \
	"   AS nodes," \
	" coalesce((SELECT group_concat(line, char(10)) FROM (SELECT '#' || t.id || ' '" \
	"           || CASE WHEN t.state = 'done' THEN '已完成' WHEN t.due_on < :today THEN '已逾期' ELSE '未完成' END" \
	"           || ' ' || t.title || '（负责：' || tor.name || coalesce(' ' || t.owner_login, '')" \
	"           || coalesce('，期限 ' || t.due_on, '') || '）'" \
	"           || CASE WHEN t.result <> '' THEN '：' || t.result ELSE '' END AS line" \
	"           FROM incident_task t JOIN org tor ON tor.id = t.org_id WHERE t.incident_id = i.id ORDER BY t.id)), '')" \
	"   AS tasks," \
	" coalesce((SELECT group_concat(line, char(10)) FROM (SELECT '#' || b.id || ' '" \
	"           || CASE b.kind WHEN 'ip' THEN '地址' WHEN 'domain' THEN '域名' WHEN 'url' THEN '网址' ELSE '散列值' END" \
	"           || ' ' || b.value || ' → ' || coalesce((SELECT group_concat(m.label, '；')" \
	"             FROM incident_observable_match m WHERE m.observable_id = b.id), '无匹配的地址或域名记录')" \
	"           || CASE WHEN b.note <> '' THEN '（' || b.note || '）' ELSE '' END AS line" \
	"           FROM incident_observable b WHERE b.incident_id = i.id ORDER BY b.id)), '') AS observables," \
	" coalesce(i.summary, '') AS summary," \
	" coalesce((SELECT group_concat(line, char(10)) FROM (SELECT gn_short_time(t.at) || ' ' || t.login || ' '" \
	"           || t.what || CASE WHEN t.text <> '' THEN '：' || t.text ELSE '' END AS line" \
	"           FROM incident_event t WHERE t.incident_id = i.id ORDER BY t.id DESC)), '') AS timeline," \
	" i.created_by, i.created_at"

#define INCIDENT_SELECT \
	"SELECT i.id, o.name AS org, i.title, i.grade, gn_state_title('incident', i.state) AS state_title," \
	" i.state, i.detected_on, coalesce(ob.due, '') AS due," \
	" CASE WHEN ob.due < :today THEN 'overdue' END AS _style," \
	" (SELECT count(*) FROM incident_link l JOIN node n ON n.id = l.node_id" \
	"   WHERE l.incident_id = i.id AND l.reconnected_at IS NULL AND n.state = 'disconnected') AS disconnected," \
	INCIDENT_DETAIL ", o.path AS org_path FROM incident i JOIN org o ON o.id = i.org_id" \
	" LEFT JOIN wf_obligation ob ON ob.component = 'incident' AND ob.kind = 'response' AND ob.record_id = i.id"

static const struct gn_column incident_columns[] = {
	{ .name = "org", .label = "涉事部门", .width = 18 },
	{ .name = "title", .label = "事件", .width = 24 },
	{ .name = "grade", .label = "级别", .width = 8 },
	{ .name = "state_title", .label = "状态", .width = 8 },
	{ .name = "due", .label = "处置期限", .width = 10 },
	/* For `show`, the detail pane and JSON: every field under a label. */
	{ .name = "state", .label = "状态代码", .flags = GN_COLUMN_HIDDEN },
	{ .name = "detected_on", .label = "发现日期", .flags = GN_COLUMN_HIDDEN },
	{ .name = "detected_by", .label = "发现人", .flags = GN_COLUMN_HIDDEN },
	{ .name = "disconnected", .label = "断开的节点数", .flags = GN_COLUMN_HIDDEN },
	{ .name = "created_by", .label = "登记人", .flags = GN_COLUMN_HIDDEN },
	{ .name = "response_due", .label = "处置期限", .flags = GN_COLUMN_HIDDEN },
	{ .name = "affected", .label = "受影响部门与系统", .flags = GN_COLUMN_HIDDEN },
	{ .name = "nodes", .label = "相关接入节点", .flags = GN_COLUMN_HIDDEN },
	{ .name = "tasks", .label = "任务", .flags = GN_COLUMN_HIDDEN },
	{ .name = "observables", .label = "观察对象", .flags = GN_COLUMN_HIDDEN },
	{ .name = "summary", .label = "总结", .flags = GN_COLUMN_HIDDEN },
	{ .name = "timeline", .label = "时间线", .flags = GN_COLUMN_HIDDEN },
	{ .name = "created_at", .label = "登记时间", .flags = GN_COLUMN_HIDDEN },
	{ NULL },
};

static const struct gn_filter incident_filters[] = {
	{ .name = "state", .label = "状态", .type = GN_FIELD_STATE, .sql = "state = ?" },
	{ .name = "grade", .label = "级别", .type = GN_FIELD_CHOICE, .sql = "grade = ?", .choices = grade_names },
	{ .name = "open", .label = "未关闭", .type = GN_FIELD_FLAG, .sql = "state <> 'closed'" },
	{ .name = "org", .label = "组织（含下级）", .type = GN_FIELD_ORG, .sql = "org_path LIKE ? || '%'" },
	{ NULL },
};

/* Art 26 ¶2: every node cut off, since when, why and for which incident. */
static const struct gn_column disconnected_columns[] = {
	{ .name = "org", .label = "接入部门", .width = 18 },
	{ .name = "location", .label = "位置", .width = 16 },
	{ .name = "since", .label = "断开时间", .width = 16 },
	{ .name = "incident", .label = "事件", .width = 6, .flags = GN_COLUMN_RIGHT },
	{ .name = "reason", .label = "理由", .width = 20 },
	{ NULL },
};

static const struct gn_column prep_columns[] = {
	{ .name = "org", .label = "组织", .width = 18 },
	{ .name = "kind_title", .label = "类别", .width = 16 },
	{ .name = "done_on", .label = "日期", .width = 10 },
	{ .name = "version", .label = "版本", .width = 6 },
	{ .name = "next_due", .label = "下次应在", .width = 10 },
	{ NULL },
};

static const struct gn_filter prep_filters[] = {
	{ .name = "kind", .label = "类别", .type = GN_FIELD_CHOICE, .sql = "kind = ?", .choices = prep_names,
	  .choice_titles = prep_titles },
	{ .name = "overdue", .label = "已逾期", .type = GN_FIELD_FLAG, .sql = "next_due < :today" },
	{ .name = "org", .label = "组织（含下级）", .type = GN_FIELD_ORG, .sql = "org_path LIKE ? || '%'" },
	{ NULL },
};

/* Tasks of every incident, owned by the organisation that is to do them. */
static const struct gn_column task_columns[] = {
	{ .name = "incident", .label = "事件", .width = 6, .flags = GN_COLUMN_RIGHT },
	{ .name = "title", .label = "任务", .width = 22 },
	{ .name = "owner", .label = "负责组织", .width = 16 },
	{ .name = "owner_login", .label = "负责人", .width = 10 },
	{ .name = "state_title", .label = "状态", .width = 6 },
	{ .name = "due_on", .label = "完成期限", .width = 10 },
	{ .name = "result", .label = "完成情况", .flags = GN_COLUMN_HIDDEN },
	{ NULL },
};

static const char *const task_states[] = { "open", "done", NULL };
static const char *const task_state_titles[] = { "未完成", "已完成", NULL };

static const struct gn_filter task_filters[] = {
	{ .name = "state", .label = "状态", .type = GN_FIELD_CHOICE, .sql = "state = ?", .choices = task_states,
	  .choice_titles = task_state_titles },
	{ .name = "open", .label = "未完成", .type = GN_FIELD_FLAG, .sql = "state = 'open'" },
	{ .name = "mine", .label = "我负责的", .type = GN_FIELD_FLAG, .sql = "owner_login = :login" },
	{ .name = "incident", .label = "安全事件编号", .type = GN_FIELD_INT, .sql = "incident = CAST(? AS INTEGER)" },
	{ .name = "org", .label = "负责组织（含下级）", .type = GN_FIELD_ORG, .sql = "org_path LIKE ? || '%'" },
	{ NULL },
};

static const struct gn_view incident_views[] = {
	{ .name = "incidents", .title = "安全事件", .sql = INCIDENT_SELECT, .columns = incident_columns,
	  .filters = incident_filters, .theme_element = "overdue", .scope_table = "incident_scope" },
	{ .name = "disconnected", .title = "已断开节点",
	  .sql = "SELECT n.id, o.name AS org, n.location, gn_state_title('node', n.state) AS state_title, n.state,"
	  " substr(n.since, 1, 16) AS since,"
	  " l.incident_id AS incident, l.reason, l.disconnected_by, 'overdue' AS _style, o.path AS org_path"
	  " FROM node n JOIN org o ON o.id = n.org_id"
	  " LEFT JOIN incident_link l ON l.node_id = n.id AND l.reconnected_at IS NULL"
	  " WHERE n.state = 'disconnected'",
	  .columns = disconnected_columns, .theme_element = "overdue", .scope_table = "node_scope" },
	{ .name = "tasks", .title = "事件任务",
	  .sql = "SELECT t.id, t.incident_id AS incident, t.title, o.name AS owner, coalesce(t.owner_login, '') AS owner_login,"
	  " t.state, CASE WHEN t.state = 'done' THEN '已完成' WHEN t.due_on < :today THEN '已逾期' ELSE '未完成' END AS state_title, coalesce(t.due_on, '') AS due_on,"
	  " coalesce(t.result, '') AS result, CASE WHEN t.state = 'open' AND t.due_on < :today THEN 'overdue' END AS _style,"
	  " o.path AS org_path FROM incident_task t JOIN org o ON o.id = t.org_id",
	  .columns = task_columns, .filters = task_filters, .theme_element = "overdue" },
	/* The latest of each kind per organisation: what is in force. */
	{ .name = "prep", .title = "预案与演练",
	  .sql = "SELECT p.id, o.name AS org, p.kind, CASE p.kind WHEN 'plan' THEN '应急预案'"
	  " WHEN 'risk' THEN '风险评估' ELSE '应急演练' END AS kind_title, p.done_on,"
	  " coalesce(p.version, '') AS version, p.next_due, CASE WHEN p.next_due < :today THEN 'overdue' END AS _style,"
	  " coalesce(p.file_name || ' sha256:' || p.sha256, '') AS file, o.path AS org_path"
	  " FROM incident_prep p JOIN org o ON o.id = p.org_id WHERE p.superseded_at IS NULL",
	  .columns = prep_columns, .filters = prep_filters, .theme_element = "overdue", .scope_table = "incident_prep_scope" },
	{ NULL },
};

/* The record: its list line's fields, then all it holds; the timeline
 * newest first, one line each.  ?1 comes first in the text so that
 * :today, which SQLite numbers after the parameters before it, is not
 * given ?1's slot. */
static const struct gn_record incident_record = { .table = "incident", .title = "安全事件",
	.show_sql = "WITH wanted(id) AS (SELECT ?1) SELECT i.id, i.title, o.name AS org, i.grade, gn_state_title('incident', i.state) AS state_title,"
	" i.state, i.detected_on," INCIDENT_DETAIL ", o.path AS org_path"
	" FROM incident i JOIN org o ON o.id = i.org_id"
	" LEFT JOIN wf_obligation ob ON ob.component = 'incident' AND ob.kind = 'response' AND ob.record_id = i.id"
	" WHERE i.id = (SELECT id FROM wanted)" };

static const struct gn_plugin incident_plugin = {
	.abi = GN_PLUGIN_ABI,
	.name = "incident",
	.title = "安全事件",
	.version = "1.0.0",
	.migrations = incident_migrations,
	.record = &incident_record,
	.views = incident_views,
	.actions = incident_actions,
	.demo = incident_demo,
	.workflow = &incident_workflow,
};

GN_PLUGIN_DEFINE(incident_plugin)
