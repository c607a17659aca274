/*
 * access.c — the access plugin's description: what a request holds, who
 * moves it, and the deadline each move starts.  A reader holding the 2023
 * rules should find each of Art 9–12 and 17 here once.
 */
#include "access.h"
#include "../../lib/report/monthly.h"
#include "govnet/banned.h"

/* ---- the workflow (Art 9–11, 17) ----------------------------------------- */

static const struct gn_state access_states[] = {
	/* name                  title           flags              whose move */
	{ .name = "draft", .title = "草稿", .waiting_on = GN_ROLE_DEPT },
	{ .name = "submitted", .title = "待审核", .waiting_on = GN_ROLE_OFFICE },
	{ .name = "returned", .title = "退回补充", .flags = GN_STATE_PAUSED,
	  .waiting_on = GN_ROLE_DEPT },
	{ .name = "approved", .title = "已批准", .waiting_on = GN_ROLE_OPERATOR },
	{ .name = "rejected", .title = "未予批准", .flags = GN_STATE_FINAL },
	{ .name = "withdrawn", .title = "已撤回", .flags = GN_STATE_FINAL },
	{ .name = "planned", .title = "方案已定", .waiting_on = GN_ROLE_OPERATOR },
	{ .name = "implemented", .title = "已接入" },
	{ .name = "revocation_requested", .title = "申请撤销", .waiting_on = GN_ROLE_OFFICE },
	{ .name = "forwarded", .title = "撤销已转发", .waiting_on = GN_ROLE_OPERATOR },
	{ .name = "revoked", .title = "已撤销", .flags = GN_STATE_FINAL },
	{ NULL },
};

static const struct gn_field plan_fields[] = {
	{ .name = "plan", .label = "接入方案", .type = GN_FIELD_LONGTEXT,
	  .flags = GN_FIELD_REQUIRED, .help = "接入方式、设备、线路与割接安排" },
	{ NULL },
};

static const struct gn_field implement_fields[] = {
	{ .name = "bandwidth", .label = "带宽（Mbps）", .type = GN_FIELD_INT, .max_chars = 10,
	  .help = "默认取申请的预测流量" },
	{ NULL },
};

#define D GN_ROLE_DEPT
#define O GN_ROLE_OFFICE
#define P GN_ROLE_OPERATOR

static const struct gn_transition access_transitions[] = {
	/* verb, from, to, roles, title, article, deadline it starts, flags, fields, extra work */
	{ .verb = "submit", .from = "draft", .to = "submitted", .roles = D, .title = "提交申请",
	  .article = "Art 10", .deadline = { .workdays = 10, .article = "Art 11", .what = "审核" },
	  .run = access_check_submit },
	{ .verb = "return", .from = "submitted", .to = "returned", .roles = O,
	  .title = "退回补充材料", .article = "Art 11", .flags = GN_TRANSITION_NEEDS_COMMENT,
	  .run = access_tell_applicant },
	{ .verb = "resubmit", .from = "returned", .to = "submitted", .roles = D,
	  .title = "补充后重新提交", .article = "Art 11", .flags = GN_TRANSITION_RESUMES,
	  .run = access_check_submit },
	{ .verb = "approve", .from = "submitted", .to = "approved", .roles = O, .title = "批准接入",
	  .article = "Art 11",
	  .deadline = { .workdays = 30, .article = "Art 11", .what = "接入实施" },
	  .run = access_check_decider },
	{ .verb = "reject", .from = "submitted", .to = "rejected", .roles = O,
	  .title = "不予批准并告知原因", .article = "Art 11", .flags = GN_TRANSITION_NEEDS_REASON,
	  .run = access_tell_applicant },
	{ .verb = "withdraw", .from = "draft submitted returned", .to = "withdrawn", .roles = D,
	  .title = "撤回申请", .article = "Art 10" },
	{ .verb = "plan", .from = "approved", .to = "planned", .roles = P, .title = "制定接入方案",
	  .article = "Art 11", .fields = plan_fields, .run = access_save_plan },
	{ .verb = "implement", .from = "planned", .to = "implemented", .roles = P,
	  .title = "完成接入实施", .article = "Art 11", .flags = GN_TRANSITION_CLOSES,
	  .fields = implement_fields, .run = access_create_node },
	{ .verb = "request-revocation", .from = "implemented", .to = "revocation_requested",
	  .roles = D, .title = "申请撤销接入节点", .article = "Art 17",
	  .flags = GN_TRANSITION_NEEDS_REASON },
	{ .verb = "forward", .from = "revocation_requested", .to = "forwarded", .roles = O,
	  .title = "转发撤销申请", .article = "Art 17",
	  .deadline = { .workdays = 10, .article = "Art 17", .what = "撤销实施" },
	  .run = access_check_decider },
	{ .verb = "revoke", .from = "forwarded", .to = "revoked", .roles = P,
	  .title = "撤销接入节点", .article = "Art 17", .run = access_revoke_node },
	{ NULL },
};

#undef D
#undef O
#undef P

const struct gn_workflow access_workflow = { "access_request", access_states, access_transitions };

/* ---- actions ------------------------------------------------------------- */

static const struct gn_field new_fields[] = {
	{ .name = "org", .label = "申请部门", .type = GN_FIELD_ORG, .flags = GN_FIELD_REQUIRED },
	{ .name = "reason", .label = "接入理由", .type = GN_FIELD_LONGTEXT,
	  .flags = GN_FIELD_REQUIRED, .max_chars = 1000, .help = "Art 10" },
	{ .name = "scope", .label = "接入范围", .type = GN_FIELD_TEXT, .flags = GN_FIELD_REQUIRED,
	  .max_chars = 200, .help = "Art 10" },
	{ .name = "location", .label = "接入位置", .type = GN_FIELD_TEXT,
	  .flags = GN_FIELD_REQUIRED, .max_chars = 200, .help = "Art 10" },
	/* Art 10: the predicted traffic; 0 or a figure in kbps is a mistake. */
	{ .name = "traffic", .label = "预测流量（Mbps）", .type = GN_FIELD_INT,
	  .flags = GN_FIELD_REQUIRED, .min = ACCESS_TRAFFIC_MIN, .max = ACCESS_TRAFFIC_MAX, .help = "Art 10" },
	{ .name = "tech", .label = "技术要求", .type = GN_FIELD_LONGTEXT,
	  .flags = GN_FIELD_REQUIRED, .max_chars = 1000, .help = "Art 10" },
	{ .name = "cross-level", .label = "同时涉及市、县两级", .type = GN_FIELD_FLAG,
	  .help = "由市政务办受理（Art 10）" },
	{ .name = "annex", .label = "附件", .type = GN_FIELD_FILE, .max_chars = 500,
	  .help = "记录文件名与 SHA-256" },
	{ NULL },
};

static const struct gn_field attach_fields[] = {
	{ .name = "id", .label = "申请编号", .type = GN_FIELD_ID,
	  .flags = GN_FIELD_REQUIRED | GN_FIELD_POSITIONAL },
	{ .name = "file", .label = "附件", .type = GN_FIELD_FILE,
	  .flags = GN_FIELD_REQUIRED | GN_FIELD_POSITIONAL, .max_chars = 500,
	  .help = "记录文件名与 SHA-256" },
	{ NULL },
};

static const struct gn_field filing_fields[] = {
	{ .name = "org", .label = "接入部门", .type = GN_FIELD_ORG,
	  .flags = GN_FIELD_REQUIRED | GN_FIELD_POSITIONAL },
	{ .name = "leader", .label = "分管领导", .type = GN_FIELD_TEXT, .flags = GN_FIELD_REQUIRED,
	  .max_chars = 50, .help = "Art 12" },
	{ .name = "unit", .label = "责任部门", .type = GN_FIELD_TEXT, .flags = GN_FIELD_REQUIRED,
	  .max_chars = 100, .help = "Art 12" },
	{ .name = "person", .label = "责任人", .type = GN_FIELD_TEXT, .flags = GN_FIELD_REQUIRED,
	  .max_chars = 50, .help = "Art 12" },
	{ .name = "phone", .label = "责任人电话", .type = GN_FIELD_TEXT, .flags = GN_FIELD_REQUIRED,
	  .max_chars = 30, .help = "Art 12" },
	{ NULL },
};

/* --org is what the door checks the reader's scope against (scope_field),
 * so the command line needs it; a plugin reading through gn_call_invoke
 * names the organisation by id (--org-id), as two units may share a name. */
static const struct gn_field filing_person_fields[] = {
	{ .name = "org", .label = "接入部门", .type = GN_FIELD_ORG, .flags = GN_FIELD_POSITIONAL },
	{ .name = "org-id", .label = "组织编号", .type = GN_FIELD_INT, .max_chars = 20, .help = "供其他插件读取" },
	{ NULL },
};

/* A node already in service (a ledger row): what the nodes list shows. */
static const struct gn_field node_import_fields[] = {
	{ .name = "org", .label = "接入部门", .type = GN_FIELD_ORG, .flags = GN_FIELD_REQUIRED },
	{ .name = "location", .label = "接入位置", .type = GN_FIELD_TEXT, .flags = GN_FIELD_REQUIRED, .max_chars = 200 },
	{ .name = "bandwidth", .label = "带宽（Mbps）", .type = GN_FIELD_INT, .flags = GN_FIELD_REQUIRED,
	  .min = ACCESS_TRAFFIC_MIN, .max = ACCESS_TRAFFIC_MAX },
	{ .name = "since", .label = "投入使用日期", .type = GN_FIELD_DATE, .help = "默认今天" },
	{ NULL },
};
/* The plugin's section of `govnet report month` (monthly.h). */
static const struct gn_field monthly_fields[] = { MONTHLY_FIELDS, { NULL } };

static const struct gn_action access_actions[] = {
	{ .verb = "new", .title = "新建接入申请", .roles = GN_ROLE_DEPT, .fields = new_fields,
	  .table = "access_request", .scope_field = "org", .run = access_new,
	  .flags = GN_ACTION_CREATES, .article = "Art 10" },
	{ .verb = "attach", .title = "添加附件", .roles = GN_ROLE_DEPT, .fields = attach_fields,
	  .table = "access_request", .run = access_attach, .article = "Art 10" },
	{ .verb = "filing set", .title = "责任人备案", .roles = GN_ROLE_DEPT | GN_ROLE_OFFICE,
	  .fields = filing_fields, .table = "access_filing", .scope_field = "org",
	  .run = access_filing_set, .flags = GN_ACTION_CREATES, .article = "Art 12" },
	/* Other plugins address a department's responsible person through this. */
	{ .verb = "filing person", .title = "查询责任人", .roles = GN_ROLES_ALL, .fields = filing_person_fields,
	  .table = "access_filing", .scope_field = "org", .run = access_filing_person,
	  .flags = GN_ACTION_READONLY | GN_ACTION_PUBLISHED, .article = "Art 12" },
	/* The operating agency's first day: nodes approved before govnet. */
	{ .verb = "node import", .title = "登记既有接入节点", .roles = GN_ROLE_OPERATOR | GN_ROLE_ADMIN,
	  .fields = node_import_fields, .table = "node", .scope_field = "org", .run = access_node_import,
	  .flags = GN_ACTION_CREATES, .article = "Art 9" },
	{ .verb = "report", .title = "月报：接入申请", .roles = GN_ROLES_ALL, .fields = monthly_fields,
	  .table = "access_request", .scope_field = "org", .run = access_monthly, .flags = GN_ACTION_READONLY | GN_ACTION_PUBLISHED,
	  .article = "Art 11" },
	{ NULL },
};

/* ---- views --------------------------------------------------------------- */

#define REQUEST_SELECT \
	"SELECT r.id, o.name AS org, r.reason, r.traffic, gn_state_title('access', r.state) AS state_title," \
	" r.state, coalesce(c.due, '') AS due, CASE WHEN c.due < :today THEN 'overdue' END AS _style," \
	" coalesce(c.provisional, 0) AS provisional, coalesce(c.due || CASE WHEN c.provisional THEN ' 暂定' ELSE '' END, '') AS due_shown," \
	" gn_bool(r.cross_level) AS cross_level, r.created_at, o.path AS org_path" \
	" FROM access_request r JOIN org o ON o.id = r.org_id" \
	" LEFT JOIN wf_clock c ON c.component = 'access' AND c.record_id = r.id"

static const struct gn_column request_columns[] = {
	{ .name = "org", .label = "申请部门", .width = 20 },
	{ .name = "reason", .label = "接入理由", .width = 19 },
	{ .name = "traffic", .label = "流量", .width = 6, .flags = GN_COLUMN_RIGHT },
	{ .name = "state_title", .label = "状态", .width = 10 },
	{ .name = "due_shown", .label = "期限", .width = 15 }, /* 暂定 beside a date not final yet */
	{ .name = "provisional", .label = "期限暂定", .flags = GN_COLUMN_HIDDEN | GN_COLUMN_BOOLEAN },
	{ .name = "cross_level", .label = "市县两级", .flags = GN_COLUMN_HIDDEN | GN_COLUMN_BOOLEAN },
	{ NULL },
};

static const struct gn_filter request_filters[] = {
	{ .name = "state", .label = "状态", .type = GN_FIELD_STATE, .sql = "state = ?" },
	{ .name = "overdue", .label = "已逾期", .type = GN_FIELD_FLAG,
	  .sql = "due <> '' AND due < :today",
	  /* Read from the running deadlines only, in id order (schema.c, 10);
	   * the unary + keeps SQLite from reading the overdue range in
	   * due-date order and sorting it, which costs the whole range. */
	  .scope_table = "access_request_scope_key", .scope_key = "s.scope_key > '' AND +s.scope_key < :today" },
	{ .name = "org", .label = "组织（含下级）", .type = GN_FIELD_ORG,
	  .sql = "org_path LIKE ? || '%'" },
	{ NULL },
};

static const struct gn_column node_columns[] = {
	{ .name = "org", .label = "接入部门", .width = 20 },
	{ .name = "location", .label = "位置", .width = 24 },
	{ .name = "bandwidth", .label = "带宽", .width = 6, .flags = GN_COLUMN_RIGHT },
	{ .name = "state_title", .label = "状态", .width = 6 },
	{ .name = "request_id", .label = "申请", .width = 6, .flags = GN_COLUMN_RIGHT },
	{ .name = "origin", .label = "来源", .width = 6 },
	{ .name = "imported_at", .label = "导入时间", .flags = GN_COLUMN_HIDDEN },
	{ NULL },
};

static const struct gn_column filing_columns[] = {
	{ .name = "org", .label = "接入部门", .width = 20 },
	{ .name = "leader", .label = "分管领导", .width = 8 },
	{ .name = "unit", .label = "责任部门", .width = 14 },
	{ .name = "person", .label = "责任人", .width = 8 },
	{ .name = "phone", .label = "电话", .width = 13 },
	{ .name = "filed_at", .label = "备案时间", .width = 10 },
	{ NULL },
};

static const struct gn_column filing_history_columns[] = {
	{ .name = "org", .label = "接入部门", .width = 20 },
	{ .name = "leader", .label = "分管领导", .width = 8 },
	{ .name = "person", .label = "责任人", .width = 8 },
	{ .name = "phone", .label = "电话", .width = 13 },
	{ .name = "filed_at", .label = "备案时间", .width = 10 },
	{ .name = "superseded_at", .label = "停用时间", .width = 10 },
	{ NULL },
};

static const struct gn_filter filing_filters[] = {
	{ .name = "org", .label = "组织（含下级）", .type = GN_FIELD_ORG,
	  .sql = "org_path LIKE ? || '%'" },
	{ NULL },
};

static const struct gn_column notice_columns[] = {
	{ .name = "org", .label = "接入部门", .width = 16 },
	{ .name = "request_id", .label = "申请", .width = 5, .flags = GN_COLUMN_RIGHT },
	{ .name = "kind_title", .label = "事项", .width = 8 },
	{ .name = "text", .label = "原因/需补充", .width = 24 },
	{ .name = "person", .label = "责任人", .width = 8 },
	{ .name = "at", .label = "时间", .width = 10 },
	{ NULL },
};

static const struct gn_view access_views[] = {
	{ .name = "requests", .title = "接入申请", .sql = REQUEST_SELECT,
	  .columns = request_columns, .filters = request_filters, .theme_element = "overdue",
	  .scope_table = "access_request_scope" },
	/* An office's queue holds what it decides (Art 10, 30): not another
	 * county's, nor a cross-level request, which is the city's, nor one a
	 * county rule sent elsewhere — the office named at submission and
	 * kept with the clock (gn_call_decider). */
	{ .name = "queue", .title = "我的待办", .sql = REQUEST_SELECT " WHERE c.waiting_on & :role"
	  " AND (:role <> :office_role OR c.decider_org = :actor_org)",
	  .columns = request_columns, .filters = request_filters, .theme_element = "overdue",
	  /* An office reads its own rows of the key table, others every
	   * reader's: one range in due order either way (schema.c). */
	  .order_by = "due", .scope_table = "access_queue_key",
	  .scope_key = "s.office = CASE WHEN :role = :office_role THEN :actor_org ELSE 0 END" },
	{ .name = "overdue", .title = "逾期", .sql = REQUEST_SELECT " WHERE c.due < :today",
	  .columns = request_columns, .filters = request_filters, .theme_element = "overdue",
	  .order_by = "due", .scope_table = "access_request_scope_key",
	  .scope_key = "s.scope_key > '' AND s.scope_key < :today" },
	{ .name = "nodes", .title = "接入节点",
	  .sql = "SELECT n.id, o.name AS org, n.location, n.bandwidth, n.state,"
	  " gn_state_title('node', n.state) AS state_title, n.since,"
	  " n.request_id, n.created_at, CASE WHEN n.imported_at IS NULL THEN '申请' ELSE '导入' END AS origin,"
	  " n.imported_at, o.path AS org_path FROM node n JOIN org o ON o.id = n.org_id",
	  .columns = node_columns, .scope_table = "node_scope" },
	{ .name = "filings", .title = "责任人备案",
	  .sql = "SELECT f.id, o.name AS org, f.leader, f.unit, f.person, f.phone, substr(f.filed_at, 1, 10) AS filed_at,"
	  " o.path AS org_path FROM access_filing f JOIN org o ON o.id = f.org_id WHERE f.superseded_at IS NULL",
	  .columns = filing_columns, .scope_table = "access_filing_scope_key",
	  /* In id order: the key is a filing's id while in force (schema.c). */
	  .order_by = "in_force", .scope_key = "s.scope_key IS NOT NULL" },
	/* Art 12 filings are kept when superseded: the history of each department's. */
	{ .name = "filing-history", .title = "备案历史",
	  .sql = "SELECT f.id, o.name AS org, f.leader, f.unit, f.person, f.phone, substr(f.filed_at, 1, 10) AS filed_at,"
	  " coalesce(substr(f.superseded_at, 1, 10), '在用') AS superseded_at, f.filed_by,"
	  " o.path AS org_path FROM access_filing f JOIN org o ON o.id = f.org_id",
	  .columns = filing_history_columns, .filters = filing_filters, .scope_table = "access_filing_scope" },
	/* Art 11: what the applicant was told, addressed to its Art 12 person. */
	{ .name = "notices", .title = "告知",
	  .sql = "SELECT n.id, o.name AS org, n.request_id, n.kind,"
		 " CASE n.kind WHEN 'reject' THEN '不予批准' ELSE '退回补充' END AS kind_title, n.text, n.person,"
		 " n.phone, substr(n.at, 1, 10) AS at, n.by, o.path AS org_path"
		 " FROM access_notice n JOIN org o ON o.id = n.org_id",
	  .columns = notice_columns, .filters = filing_filters, .scope_table = "access_notice_scope" },
	{ NULL },
};

static const struct gn_record access_record = { .table = "access_request", .title = "接入申请",
	  .show_sql = "SELECT r.id, o.name AS org, o.code AS org_code, gn_state_title('access', r.state) AS state_title, r.state,"
	" r.reason, r.scope, r.location, r.traffic, r.tech,"
	" gn_bool(r.cross_level) AS cross_level,"
	" CASE r.cross_level WHEN 1 THEN '是（市政务办受理）' ELSE '否' END AS cross_level_title,"
	" coalesce(r.plan, '') AS plan,"
	" coalesce((SELECT group_concat(a.name || ' sha256:' || a.sha256, '; ') FROM access_attachment a"
	"           WHERE a.request_id = r.id), '') AS attachments,"
	" coalesce((SELECT f.leader || ' / ' || f.unit || ' / ' || f.person || ' ' || f.phone FROM access_filing f"
	"           WHERE f.id = r.filing_id), '') AS filing,"
	" (SELECT n.id FROM node n WHERE n.request_id = r.id) AS node,"
	" r.created_by, r.created_at, o.path AS org_path"
	" FROM access_request r JOIN org o ON o.id = r.org_id WHERE r.id = ?1" };

static const struct gn_plugin access_plugin = {
	.abi = GN_PLUGIN_ABI,
	.name = "access",
	.title = "接入",
	.version = "1.0.0",
	.migrations = access_migrations,
	.record = &access_record,
	.views = access_views,
	.actions = access_actions,
	.demo = access_demo,
	.workflow = &access_workflow,
};

GN_PLUGIN_DEFINE(access_plugin)
