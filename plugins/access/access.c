/*
 * access.c — the access plugin's description: what a request holds, who
 * moves it, and the deadline each move starts.  A reader holding the 2023
 * rules should find each of Art 9–12 and 17 here once.
 */
#include "access.h"

/* ---- the workflow (Art 9–11, 17) ----------------------------------------- */

static const struct gn_state access_states[] = {
	/* name                  title           flags              whose move */
	{ "draft",                "草稿",         0,                 GN_ROLE_DEPT },
	{ "submitted",            "待审核",       0,                 GN_ROLE_OFFICE },
	{ "returned",             "退回补充",     GN_STATE_PAUSED,   GN_ROLE_DEPT },
	{ "approved",             "已批准",       0,                 GN_ROLE_OPERATOR },
	{ "rejected",             "未予批准",     GN_STATE_FINAL,    0 },
	{ "withdrawn",            "已撤回",       GN_STATE_FINAL,    0 },
	{ "planned",              "方案已定",     0,                 GN_ROLE_OPERATOR },
	{ "implemented",          "已接入",       0,                 0 },
	{ "revocation_requested", "申请撤销",     0,                 GN_ROLE_OFFICE },
	{ "forwarded",            "撤销已转发",   0,                 GN_ROLE_OPERATOR },
	{ "revoked",              "已撤销",       GN_STATE_FINAL,    0 },
	{ NULL },
};

static const struct gn_field plan_fields[] = {
	{ "plan", "接入方案", GN_FIELD_LONGTEXT, GN_FIELD_REQUIRED, 0, NULL, "接入方式、设备、线路与割接安排" },
	{ NULL },
};

static const struct gn_field implement_fields[] = {
	{ "bandwidth", "带宽（Mbps）", GN_FIELD_INT, 0, 10, NULL, "默认取申请的预测流量" },
	{ NULL },
};

#define D GN_ROLE_DEPT
#define O GN_ROLE_OFFICE
#define P GN_ROLE_OPERATOR

static const struct gn_transition access_transitions[] = {
	/* verb, from, to, roles, title, article, deadline it starts, flags, fields, extra work */
	{ "submit", "draft", "submitted", D, "提交申请", "Art 10",
	  { 10, "Art 11", "审核" }, 0, NULL, access_check_submit },
	{ "return", "submitted", "returned", O, "退回补充材料", "Art 11",
	  { 0 }, GN_TRANSITION_NEEDS_COMMENT, NULL, access_check_decider },
	{ "resubmit", "returned", "submitted", D, "补充后重新提交", "Art 11",
	  { 0 }, GN_TRANSITION_RESUMES, NULL, access_check_submit },
	{ "approve", "submitted", "approved", O, "批准接入", "Art 11",
	  { 30, "Art 11", "接入实施" }, 0, NULL, access_check_decider },
	{ "reject", "submitted", "rejected", O, "不予批准并告知原因", "Art 11",
	  { 0 }, GN_TRANSITION_NEEDS_REASON, NULL, access_check_decider },
	{ "withdraw", "draft submitted returned", "withdrawn", D, "撤回申请", "Art 10",
	  { 0 }, 0, NULL, NULL },
	{ "plan", "approved", "planned", P, "制定接入方案", "Art 11",
	  { 0 }, 0, plan_fields, access_save_plan },
	{ "implement", "planned", "implemented", P, "完成接入实施", "Art 11",
	  { 0 }, GN_TRANSITION_CLOSES, implement_fields, access_create_node },
	{ "request-revocation", "implemented", "revocation_requested", D, "申请撤销接入节点", "Art 17",
	  { 0 }, GN_TRANSITION_NEEDS_REASON, NULL, NULL },
	{ "forward", "revocation_requested", "forwarded", O, "转发撤销申请", "Art 17",
	  { 10, "Art 17", "撤销实施" }, 0, NULL, access_check_decider },
	{ "revoke", "forwarded", "revoked", P, "撤销接入节点", "Art 17",
	  { 0 }, 0, NULL, access_revoke_node },
	{ NULL },
};

#undef D
#undef O
#undef P

const struct gn_workflow access_workflow = { "access_request", access_states, access_transitions };

/* ---- actions ------------------------------------------------------------- */

static const struct gn_field new_fields[] = {
	{ "org", "申请部门", GN_FIELD_ORG, GN_FIELD_REQUIRED, 0, NULL, NULL },
	{ "reason", "接入理由", GN_FIELD_LONGTEXT, GN_FIELD_REQUIRED, 1000, NULL, "Art 10" },
	{ "scope", "接入范围", GN_FIELD_TEXT, GN_FIELD_REQUIRED, 200, NULL, "Art 10" },
	{ "location", "接入位置", GN_FIELD_TEXT, GN_FIELD_REQUIRED, 200, NULL, "Art 10" },
	{ "traffic", "预测流量（Mbps）", GN_FIELD_INT, GN_FIELD_REQUIRED, 7, NULL, "Art 10" },
	{ "tech", "技术要求", GN_FIELD_LONGTEXT, GN_FIELD_REQUIRED, 1000, NULL, "Art 10" },
	{ "cross-level", "同时涉及市、县两级", GN_FIELD_FLAG, 0, 0, NULL, "由市政务办受理（Art 10）" },
	{ "annex", "附件", GN_FIELD_FILE, 0, 500, NULL, "记录文件名与 SHA-256" },
	{ NULL },
};

static const struct gn_field attach_fields[] = {
	{ "id", "申请编号", GN_FIELD_ID, GN_FIELD_REQUIRED | GN_FIELD_POSITIONAL, 0, NULL, NULL },
	{ "file", "附件", GN_FIELD_FILE, GN_FIELD_REQUIRED | GN_FIELD_POSITIONAL, 500, NULL, "记录文件名与 SHA-256" },
	{ NULL },
};

static const struct gn_field filing_fields[] = {
	{ "org", "接入部门", GN_FIELD_ORG, GN_FIELD_REQUIRED | GN_FIELD_POSITIONAL, 0, NULL, NULL },
	{ "leader", "分管领导", GN_FIELD_TEXT, GN_FIELD_REQUIRED, 50, NULL, "Art 12" },
	{ "unit", "责任部门", GN_FIELD_TEXT, GN_FIELD_REQUIRED, 100, NULL, "Art 12" },
	{ "person", "责任人", GN_FIELD_TEXT, GN_FIELD_REQUIRED, 50, NULL, "Art 12" },
	{ "phone", "责任人电话", GN_FIELD_TEXT, GN_FIELD_REQUIRED, 30, NULL, "Art 12" },
	{ NULL },
};

static const struct gn_action access_actions[] = {
	{ "new", "新建接入申请", GN_ROLE_DEPT, new_fields, "access_request", NULL, "org", access_new,
	  GN_ACTION_CREATES, "Art 10" },
	{ "attach", "添加附件", GN_ROLE_DEPT, attach_fields, "access_request", NULL, NULL, access_attach, 0,
	  "Art 10" },
	{ "filing set", "责任人备案", GN_ROLE_DEPT | GN_ROLE_OFFICE, filing_fields, "access_filing", NULL, "org",
	  access_filing_set, GN_ACTION_CREATES, "Art 12" },
	{ NULL },
};

/* ---- views --------------------------------------------------------------- */

#define REQUEST_SELECT \
	"SELECT r.id, o.name AS org, r.reason, r.traffic, gn_state_title('access', r.state) AS state_title," \
	" r.state, coalesce(c.due, '') AS due, CASE WHEN c.due < :today THEN 'overdue' END AS _style," \
	" r.cross_level, r.created_at, o.path AS org_path" \
	" FROM access_request r JOIN org o ON o.id = r.org_id" \
	" LEFT JOIN wf_clock c ON c.component = 'access' AND c.record_id = r.id"

static const struct gn_column request_columns[] = {
	{ "org", "申请部门", 20, 0 },
	{ "reason", "接入理由", 24, 0 },
	{ "traffic", "流量", 6, GN_COLUMN_RIGHT },
	{ "state_title", "状态", 10, 0 },
	{ "due", "期限", 10, 0 },
	{ NULL },
};

static const char *const state_names[] = {
	"draft", "submitted", "returned", "approved", "rejected", "withdrawn", "planned", "implemented",
	"revocation_requested", "forwarded", "revoked", NULL,
};

static const struct gn_filter request_filters[] = {
	{ "state", "状态", GN_FIELD_CHOICE, "state = ?", state_names },
	{ "overdue", "已逾期", GN_FIELD_FLAG, "due <> '' AND due < :today", NULL },
	{ "org", "组织（含下级）", GN_FIELD_ORG, "org_path LIKE ? || '%'", NULL },
	{ NULL },
};

static const struct gn_column node_columns[] = {
	{ "org", "接入部门", 20, 0 },
	{ "location", "位置", 24, 0 },
	{ "bandwidth", "带宽", 6, GN_COLUMN_RIGHT },
	{ "state_title", "状态", 6, 0 },
	{ "request_id", "申请", 6, GN_COLUMN_RIGHT },
	{ NULL },
};

static const struct gn_column filing_columns[] = {
	{ "org", "接入部门", 20, 0 },
	{ "leader", "分管领导", 8, 0 },
	{ "unit", "责任部门", 14, 0 },
	{ "person", "责任人", 8, 0 },
	{ "phone", "电话", 13, 0 },
	{ "filed_at", "备案时间", 10, 0 },
	{ NULL },
};

static const struct gn_column filing_history_columns[] = {
	{ "org", "接入部门", 20, 0 },
	{ "leader", "分管领导", 8, 0 },
	{ "person", "责任人", 8, 0 },
	{ "phone", "电话", 13, 0 },
	{ "filed_at", "备案时间", 10, 0 },
	{ "superseded_at", "停用时间", 10, 0 },
	{ NULL },
};

static const struct gn_filter filing_filters[] = {
	{ "org", "组织（含下级）", GN_FIELD_ORG, "org_path LIKE ? || '%'", NULL },
	{ NULL },
};

static const struct gn_view access_views[] = {
	{ "requests", "接入申请", REQUEST_SELECT, request_columns, request_filters, "overdue", NULL },
	{ "queue", "我的待办", REQUEST_SELECT " WHERE c.waiting_on & :role", request_columns, request_filters, "overdue", "due" },
	{ "overdue", "逾期", REQUEST_SELECT " WHERE c.due < :today", request_columns, request_filters,
	  "overdue", "due" },
	{ "nodes", "接入节点",
	  "SELECT n.id, o.name AS org, n.location, n.bandwidth, n.state,"
	  " CASE n.state WHEN 'active' THEN '在用' WHEN 'disconnected' THEN '已中断' ELSE '已撤销' END AS state_title,"
	  " n.request_id, n.created_at, o.path AS org_path FROM access_node n JOIN org o ON o.id = n.org_id",
	  node_columns, NULL, NULL, NULL },
	{ "filings", "责任人备案",
	  "SELECT f.id, o.name AS org, f.leader, f.unit, f.person, f.phone, substr(f.filed_at, 1, 10) AS filed_at,"
	  " o.path AS org_path FROM access_filing f JOIN org o ON o.id = f.org_id WHERE f.superseded_at IS NULL",
	  filing_columns, NULL, NULL, NULL },
	/* Art 12 filings are kept when superseded: the history of each department's. */
	{ "filing-history", "备案历史",
	  "SELECT f.id, o.name AS org, f.leader, f.unit, f.person, f.phone, substr(f.filed_at, 1, 10) AS filed_at,"
	  " coalesce(substr(f.superseded_at, 1, 10), '在用') AS superseded_at, f.filed_by,"
	  " o.path AS org_path FROM access_filing f JOIN org o ON o.id = f.org_id",
	  filing_history_columns, filing_filters, NULL, NULL },
	{ NULL },
};

static const struct gn_record access_record = {
	"access_request", "接入申请",
	"SELECT r.id, o.name AS org, o.code AS org_code, gn_state_title('access', r.state) AS state_title, r.state,"
	" r.reason, r.scope, r.location, r.traffic, r.tech,"
	" CASE r.cross_level WHEN 1 THEN '是（市政务办受理）' ELSE '否' END AS cross_level,"
	" coalesce(r.plan, '') AS plan,"
	" coalesce((SELECT group_concat(a.name || ' sha256:' || a.sha256, '; ') FROM access_attachment a"
	"           WHERE a.request_id = r.id), '') AS attachments,"
	" coalesce((SELECT f.leader || ' / ' || f.unit || ' / ' || f.person || ' ' || f.phone FROM access_filing f"
	"           WHERE f.id = r.filing_id), '') AS filing,"
	" coalesce((SELECT n.id FROM access_node n WHERE n.request_id = r.id), '') AS node,"
	" r.created_by, r.created_at, o.path AS org_path"
	" FROM access_request r JOIN org o ON o.id = r.org_id WHERE r.id = ?1",
	NULL,
};

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

__attribute__((visibility("default"))) const struct gn_plugin *govnet_plugin_entry(void)
{
	return &access_plugin;
}
