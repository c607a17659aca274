/*
 * change.c — the change plugin's description: maintenance notices of the
 * operating agency (Art 15 ¶1), departments' changes approved before they
 * are done (Art 15 ¶2), and counties' major changes filed with the city
 * office (Art 7).
 */
#include "change.h"
#include "govnet/banned.h"

/* ---- the workflow of a department's change (Art 15 ¶2) -------------------- */

static const struct gn_state request_states[] = {
	{ .name = "applied", .title = "待审批", .waiting_on = GN_ROLE_OPERATOR },
	{ .name = "approved", .title = "已批准", .waiting_on = GN_ROLE_DEPT },
	{ .name = "rejected", .title = "未予批准", .flags = GN_STATE_FINAL },
	{ .name = "withdrawn", .title = "已撤回", .flags = GN_STATE_FINAL },
	{ .name = "done", .title = "已实施", .flags = GN_STATE_FINAL },
	{ NULL },
};

#define D GN_ROLE_DEPT
#define P GN_ROLE_OPERATOR

static const struct gn_transition request_transitions[] = {
	{ .verb = "approve", .from = "applied", .to = "approved", .roles = P, .title = "批准实施",
	  .article = "Art 15", .run = change_request_check_operator },
	{ .verb = "reject", .from = "applied", .to = "rejected", .roles = P, .title = "不予批准并告知原因",
	  .article = "Art 15", .flags = GN_TRANSITION_NEEDS_REASON, .run = change_request_check_operator },
	{ .verb = "withdraw", .from = "applied approved", .to = "withdrawn", .roles = D, .title = "撤回申请",
	  .article = "Art 15" },
	/* Art 15 ¶2: 经批准后方可实施 — done only from approved. */
	{ .verb = "done", .from = "approved", .to = "done", .roles = D, .title = "记录已实施",
	  .article = "Art 15", .run = change_request_done },
	{ NULL },
};

#undef D
#undef P

static const struct gn_workflow request_workflow = { "change_request", request_states, request_transitions };

/* ---- actions ------------------------------------------------------------- */

#define WINDOW_HELP "本地时间 YYYY-MM-DDTHH:MM"

static const struct gn_field notice_fields[] = {
	{ .name = "what", .label = "维护内容", .type = GN_FIELD_TEXT, .flags = GN_FIELD_REQUIRED,
	  .max_chars = 200, .help = "调试或升级什么（Art 15）" },
	{ .name = "start", .label = "开始时间", .type = GN_FIELD_TEXT, .flags = GN_FIELD_REQUIRED,
	  .max_chars = 16, .help = WINDOW_HELP "，至少在两个工作日之后（Art 15）" },
	{ .name = "end", .label = "结束时间", .type = GN_FIELD_TEXT, .flags = GN_FIELD_REQUIRED,
	  .max_chars = 16, .help = WINDOW_HELP },
	{ .name = "affects", .label = "涉及的接入部门", .type = GN_FIELD_ORG, .flags = GN_FIELD_REQUIRED | GN_FIELD_MULTIPLE,
	  .help = "通知的部门（Art 15）" },
	{ .name = "also", .label = "其他涉及部门", .type = GN_FIELD_TEXT, .max_chars = 1000,
	  .help = "更多部门，以逗号或顿号分隔" },
	{ .name = "nodes", .label = "涉及接入节点", .type = GN_FIELD_TEXT, .max_chars = 200,
	  .help = "节点编号，以逗号分隔：其部门一并通知" },
	{ .name = "blocks", .label = "涉及地址段", .type = GN_FIELD_TEXT, .max_chars = 500,
	  .help = "CIDR，以逗号分隔：分得该段的部门一并通知" },
	{ .name = "impact", .label = "预计影响", .type = GN_FIELD_LONGTEXT, .max_chars = 500 },
	{ .name = "emergency", .label = "紧急维护", .type = GN_FIELD_FLAG,
	  .help = "不足两个工作日时须加此项并说明理由，记为逾期通知" },
	{ .name = "reason", .label = "紧急理由", .type = GN_FIELD_TEXT, .max_chars = 500 },
	{ NULL },
};

static const struct gn_field move_fields[] = {
	{ .name = "id", .label = "通知编号", .type = GN_FIELD_ID,
	  .flags = GN_FIELD_REQUIRED | GN_FIELD_POSITIONAL },
	{ .name = "start", .label = "新的开始时间", .type = GN_FIELD_TEXT, .flags = GN_FIELD_REQUIRED,
	  .max_chars = 16, .help = WINDOW_HELP "；提前的仍须在两个工作日之后" },
	{ .name = "end", .label = "新的结束时间", .type = GN_FIELD_TEXT, .flags = GN_FIELD_REQUIRED,
	  .max_chars = 16, .help = WINDOW_HELP },
	{ .name = "emergency", .label = "紧急维护", .type = GN_FIELD_FLAG },
	{ .name = "reason", .label = "紧急理由", .type = GN_FIELD_TEXT, .max_chars = 500 },
	{ NULL },
};

static const struct gn_field cancel_fields[] = {
	{ .name = "id", .label = "通知编号", .type = GN_FIELD_ID,
	  .flags = GN_FIELD_REQUIRED | GN_FIELD_POSITIONAL },
	{ .name = "reason", .label = "取消理由", .type = GN_FIELD_TEXT, .flags = GN_FIELD_REQUIRED,
	  .max_chars = 500 },
	{ NULL },
};

static const struct gn_field apply_fields[] = {
	{ .name = "org", .label = "接入部门", .type = GN_FIELD_ORG, .flags = GN_FIELD_REQUIRED },
	{ .name = "what", .label = "调试升级内容", .type = GN_FIELD_TEXT, .flags = GN_FIELD_REQUIRED,
	  .max_chars = 200, .help = "Art 15" },
	{ .name = "when", .label = "计划实施时间", .type = GN_FIELD_TEXT, .flags = GN_FIELD_REQUIRED,
	  .max_chars = 16, .help = WINDOW_HELP },
	{ .name = "nodes", .label = "涉及接入节点", .type = GN_FIELD_TEXT, .max_chars = 200,
	  .help = "本部门的节点编号，以逗号分隔" },
	{ .name = "impact", .label = "可能的影响", .type = GN_FIELD_LONGTEXT, .max_chars = 500 },
	{ NULL },
};

static const struct gn_field filing_fields[] = {
	{ .name = "org", .label = "县区", .type = GN_FIELD_ORG, .flags = GN_FIELD_REQUIRED },
	{ .name = "what", .label = "重大建设或调整事项", .type = GN_FIELD_TEXT, .flags = GN_FIELD_REQUIRED,
	  .max_chars = 200, .help = "Art 7" },
	{ .name = "purpose", .label = "理由", .type = GN_FIELD_LONGTEXT, .flags = GN_FIELD_REQUIRED,
	  .max_chars = 1000 },
	{ .name = "when", .label = "计划时间", .type = GN_FIELD_DATE, .flags = GN_FIELD_REQUIRED },
	{ NULL },
};

static const struct gn_field acknowledge_fields[] = {
	{ .name = "id", .label = "备案编号", .type = GN_FIELD_ID,
	  .flags = GN_FIELD_REQUIRED | GN_FIELD_POSITIONAL },
	{ NULL },
};

static const struct gn_action change_actions[] = {
	{ .verb = "notice", .title = "发布维护通知", .roles = GN_ROLE_OPERATOR, .fields = notice_fields,
	  .table = "change_notice", .scope_field = "affects", .run = change_notice_issue,
	  .flags = GN_ACTION_CREATES, .article = "Art 15" },
	{ .verb = "move", .title = "维护通知改期", .roles = GN_ROLE_OPERATOR, .fields = move_fields,
	  .table = "change_notice", .run = change_notice_move, .article = "Art 15" },
	{ .verb = "cancel", .title = "取消维护通知", .roles = GN_ROLE_OPERATOR, .fields = cancel_fields,
	  .table = "change_notice", .run = change_notice_cancel, .flags = GN_ACTION_DESTRUCTIVE,
	  .article = "Art 15" },
	{ .verb = "apply", .title = "申请本部门网络调试升级", .roles = GN_ROLE_DEPT, .fields = apply_fields,
	  .table = "change_request", .scope_field = "org", .run = change_request_apply,
	  .flags = GN_ACTION_CREATES, .article = "Art 15" },
	{ .verb = "file", .title = "重大建设调整报市政务办备案", .roles = GN_ROLE_OFFICE, .fields = filing_fields,
	  .table = "change_filing", .scope_field = "org", .run = change_filing_file,
	  .flags = GN_ACTION_CREATES, .article = "Art 7" },
	{ .verb = "acknowledge", .title = "确认县区备案", .roles = GN_ROLE_OFFICE, .fields = acknowledge_fields,
	  .table = "change_filing", .run = change_filing_acknowledge, .article = "Art 7" },
	{ NULL },
};

/* ---- views --------------------------------------------------------------- */

/* A notice's columns (after its id), with the organisation path its reader
 * is scoped by. */
#define NOTICE_COLUMNS \
	"substr(n.starts_at, 6, 5) || ' 周' || substr('日一二三四五六', strftime('%w', n.starts_at) + 1, 1)" \
	" || ' ' || substr(n.starts_at, 12) AS day," \
	" CASE WHEN substr(n.ends_at, 1, 10) = substr(n.starts_at, 1, 10) THEN substr(n.ends_at, 12)" \
	"  ELSE replace(substr(n.ends_at, 6), 'T', ' ') END AS until, n.what," \
	" (SELECT group_concat(a.name, '、') FROM change_notice_target t JOIN org a ON a.id = t.org_id" \
	"   WHERE t.notice_id = n.id) AS affects," \
	" (SELECT group_concat(a.name || '：' || CASE t.person WHEN '' THEN '未备案责任人' ELSE t.person || ' ' || t.phone END, '；')" \
	"   FROM change_notice_target t JOIN org a ON a.id = t.org_id WHERE t.notice_id = n.id) AS addressees, n.impact, n.starts_at, n.ends_at, n.earliest, gn_bool(n.emergency) AS emergency, gn_bool(n.late) AS late," \
	" coalesce(n.reason, '') AS reason, n.state," \
	" CASE WHEN n.state = 'cancelled' THEN '已取消' WHEN n.ends_at <= substr(:now, 1, 16) THEN '已结束'" \
	"  WHEN n.starts_at <= substr(:now, 1, 16) THEN '进行中' WHEN n.late THEN '紧急（逾期通知）'" \
	"  ELSE '已通知' END AS state_title," \
	" CASE WHEN n.late THEN 'late' END AS _style, n.created_at, n.created_by"

/* Operators, offices and auditors read a notice where it was issued; a
 * department (:role 4, GN_ROLE_DEPT) reads those that affect it, under
 * its own path (Art 15 ¶1).  Each half reads its reader's scope from a
 * scope table, in notice order (govnet/plugin.h): the notices by where
 * they were issued, the targets by the notice they belong to; their id
 * is the scope table's own column, so that SQLite merges the halves in
 * that order and a page sorts nothing. */
#define NOTICE_SELECT(where) \
	"SELECT s.scope_record_id AS id, " NOTICE_COLUMNS ", o.path AS org_path FROM change_notice_scope s" \
	" CROSS JOIN change_notice n ON n.id = s.scope_record_id JOIN org o ON o.id = n.org_id" \
	" WHERE s.scope_org_id = :actor_org AND :role <> 4 AND " where \
	" UNION ALL SELECT ts.scope_key AS id, " NOTICE_COLUMNS ", d.path AS org_path" \
	" FROM change_notice_target_scope_key ts CROSS JOIN change_notice n ON n.id = ts.scope_key" \
	" JOIN change_notice_target dt ON dt.id = ts.scope_record_id JOIN org d ON d.id = dt.org_id" \
	" WHERE ts.scope_org_id = :actor_org AND :role = 4 AND " where

static const struct gn_column notice_columns[] = {
	{ .name = "day", .label = "开始", .width = 17 },
	{ .name = "until", .label = "结束", .width = 11 },
	{ .name = "what", .label = "维护内容", .width = 18 },
	{ .name = "affects", .label = "涉及部门", .width = 16 },
	{ .name = "state_title", .label = "状态", .width = 8 },
	/* For the detail pane and JSON. */
	{ .name = "addressees", .label = "收件人（Art 12 责任人）", .flags = GN_COLUMN_HIDDEN },
	{ .name = "starts_at", .label = "窗口开始", .flags = GN_COLUMN_HIDDEN },
	{ .name = "ends_at", .label = "窗口结束", .flags = GN_COLUMN_HIDDEN },
	{ .name = "earliest", .label = "最早可开始（Art 15）", .flags = GN_COLUMN_HIDDEN },
	{ .name = "emergency", .label = "紧急维护", .flags = GN_COLUMN_HIDDEN | GN_COLUMN_BOOLEAN },
	{ .name = "late", .label = "逾期通知", .flags = GN_COLUMN_HIDDEN | GN_COLUMN_BOOLEAN },
	{ NULL },
};

static const struct gn_filter notice_filters[] = {
	{ .name = "late", .label = "逾期通知", .type = GN_FIELD_FLAG, .sql = "late = 1" },
	{ .name = "from", .label = "开始不早于", .type = GN_FIELD_DATE, .sql = "starts_at >= ?" },
	{ NULL },
};

static const struct gn_column message_columns[] = {
	{ .name = "at", .label = "时间", .width = 16 },
	{ .name = "org", .label = "接入部门", .width = 16 },
	{ .name = "kind_title", .label = "类别", .width = 4 },
	{ .name = "person", .label = "收件人", .width = 8 }, /* Art 12: the responsible person */
	{ .name = "text", .label = "内容", .width = 32 },
	{ NULL },
};

static const struct gn_column request_columns[] = {
	{ .name = "org", .label = "接入部门", .width = 18 },
	{ .name = "what", .label = "调试升级内容", .width = 20 },
	{ .name = "planned_at", .label = "计划时间", .width = 16 },
	{ .name = "state_title", .label = "状态", .width = 8 },
	{ NULL },
};

static const struct gn_filter request_filters[] = {
	{ .name = "state", .label = "状态", .type = GN_FIELD_STATE, .sql = "state = ?" },
	{ .name = "org", .label = "组织（含下级）", .type = GN_FIELD_ORG, .sql = "org_path LIKE ? || '%'" },
	{ NULL },
};

static const struct gn_column filing_columns[] = {
	{ .name = "county", .label = "县区", .width = 10 },
	{ .name = "what", .label = "事项", .width = 22 },
	{ .name = "planned", .label = "计划时间", .width = 10 },
	{ .name = "state_title", .label = "状态", .width = 8 },
	{ NULL },
};

static const struct gn_view change_views[] = {
	{ .name = "notices", .title = "维护通知", .sql = NOTICE_SELECT("1"), .columns = notice_columns,
	  .filters = notice_filters, .theme_element = "overdue" },
	/* Art 15 ¶1: what maintenance is coming, by date. */
	{ .name = "upcoming", .title = "近期维护",
	  .sql = NOTICE_SELECT("n.state = 'scheduled' AND n.ends_at > substr(:now, 1, 16)"),
	  .columns = notice_columns, .filters = notice_filters, .theme_element = "overdue",
	  .order_by = "starts_at" },
	/* Art 15 ¶1: the same by week, Monday to Sunday, holidays marked. */
	{ .name = "week", .title = "维护周历", .sql = change_week_sql, .columns = change_week_columns,
	  .filters = change_week_filters, .theme_element = "overdue", .order_by = "sort" },
	/* What each affected department was told (Art 15 ¶1). */
	{ .name = "messages", .title = "收到的通知",
	  .sql = "SELECT m.id, substr(m.at, 1, 16) AS at, d.name AS org, m.kind,"
	  " CASE m.kind WHEN 'issued' THEN '通知' WHEN 'moved' THEN '改期' ELSE '取消' END AS kind_title,"
	  " CASE m.person WHEN '' THEN '未备案' ELSE m.person END AS person, m.phone,"
	  " m.text, m.notice_id, m.login, d.path AS org_path"
	  " FROM change_notice_message m JOIN org d ON d.id = m.org_id",
	  .columns = message_columns, .scope_table = "change_notice_message_scope" },
	{ .name = "requests", .title = "部门变更申请",
	  .sql = "SELECT r.id, o.name AS org, r.what, r.planned_at, r.nodes, r.impact,"
	  " gn_state_title('change', r.state) AS state_title, r.state, coalesce(r.done_at, '') AS done_at,"
	  " r.created_by, r.created_at, o.path AS org_path FROM change_request r JOIN org o ON o.id = r.org_id",
	  .columns = request_columns, .filters = request_filters, .scope_table = "change_request_scope" },
	/* Art 7: seen by the city and the county that filed. */
	{ .name = "filings", .title = "县区重大事项备案",
	  .sql = "SELECT f.id, o.name AS county, f.what, f.purpose, f.planned,"
	  " CASE WHEN f.acknowledged_at IS NULL THEN '待确认' ELSE '已确认' END AS state_title,"
	  " f.filed_by, f.filed_at, coalesce(f.acknowledged_by, '') AS acknowledged_by,"
	  " coalesce(f.acknowledged_at, '') AS acknowledged_at, o.path AS org_path"
	  " FROM change_filing f JOIN org o ON o.id = f.org_id",
	  .columns = filing_columns, .scope_table = "change_filing_scope" },
	{ NULL },
};

static const struct gn_record change_record = { .table = "change_request", .title = "部门变更申请",
	  .show_sql = "SELECT r.id, o.name AS org, gn_state_title('change', r.state) AS state_title, r.state,"
	" r.what, r.planned_at, r.nodes, r.impact, coalesce(r.done_at, '') AS done_at,"
	" r.created_by, r.created_at, o.path AS org_path"
	" FROM change_request r JOIN org o ON o.id = r.org_id WHERE r.id = ?1" };

static const struct gn_plugin change_plugin = {
	.abi = GN_PLUGIN_ABI,
	.name = "change",
	.title = "变更",
	.version = "1.0.0",
	.migrations = change_migrations,
	.record = &change_record,
	.views = change_views,
	.actions = change_actions,
	.demo = change_demo,
	.workflow = &request_workflow,
};

GN_PLUGIN_DEFINE(change_plugin)
