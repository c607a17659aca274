/*
 * inspect.c — the inspections plugin's description: the checklist, the
 * severities, the workflow of an inspection and its rectification order,
 * and the circulars.  A reader holding the 2023 rules should find each of
 * Art 22–24 and 27–29 here once.
 */
#include "inspect.h"
#include "../../lib/report/monthly.h"
#include "govnet/banned.h"

/* ---- the checklist every inspection runs (Art 21–27) ---------------------- */

const struct inspect_item inspect_items[] = {
	{ .code = "dedicated", .title = "终端专机专用", .article = "Art 24" },
	{ .code = "no-internet", .title = "终端未联通互联网或其他网络", .article = "Art 24" },
	{ .code = "terminal-protection", .title = "终端接入前落实安全防护措施", .article = "Art 24" },
	{ .code = "boundary", .title = "边界管理与其他网络隔离", .article = "Art 23" },
	{ .code = "no-classified-device", .title = "未接入涉密计算机、设备（含存储介质）或网络", .article = "Art 27" },
	{ .code = "no-classified-info", .title = "未利用政务外网存储、处理、传输涉密信息", .article = "Art 27" },
	{ .code = "organisation", .title = "网络安全组织机构、管理制度和责任落实", .article = "Art 22" },
	{ .code = "dengbao", .title = "等级保护测评与密码应用安全性评估义务履行", .article = "Art 21、Art 25" },
	{ NULL },
};

/* The deadline a finding of each severity suggests (Art 28); the inspector
 * may set another within INSPECT_DEADLINE_MIN..MAX. */
const struct inspect_severity inspect_severities[] = {
	{ .name = "serious", .title = "严重", .workdays = 5 },
	{ .name = "major", .title = "较重", .workdays = 10 },
	{ .name = "minor", .title = "一般", .workdays = 20 },
	{ NULL },
};

static const char *const severity_choices[] = { "serious", "major", "minor", NULL };
static const char *const result_choices[] = { "pass", "fail", "na", NULL };
static const char *const ground_choices[] = { "incident", "duty", "obstruct", NULL };
static const char *const result_titles[] = { "符合", "不符合", "不适用", NULL };
/* What forms show: the titles of inspect_severities and inspect_grounds. */
static const char *const severity_titles[] = { "严重", "较重", "一般", NULL };
static const char *const ground_titles[] = { "发生网络安全事件", "不履行网络安全保护义务",
					     "拒绝或阻碍依法依规实施的监督检查", NULL };

/* The grounds a circular names a department on, in the order of
 * ground_choices. */
const struct inspect_ground inspect_grounds[] = {
	{ .name = "incident", .title = "发生网络安全事件", .article = "Art 28" },
	{ .name = "duty", .title = "不履行网络安全保护义务", .article = "Art 29(1)" },
	{ .name = "obstruct", .title = "拒绝或阻碍依法依规实施的监督检查", .article = "Art 29(2)" },
	{ NULL },
};

/* ---- the workflow (Art 28–29) ---------------------------------------------- */

#define D GN_ROLE_DEPT
#define I (GN_ROLE_OFFICE | GN_ROLE_OPERATOR) /* who inspects (Art 28) */

static const struct gn_state inspect_states[] = {
	{ .name = "planned", .title = "已计划", .waiting_on = I },
	{ .name = "inspecting", .title = "检查中", .waiting_on = I },
	{ .name = "passed", .title = "检查合格", .flags = GN_STATE_FINAL },
	{ .name = "ordered", .title = "限期整改中", .waiting_on = D },
	{ .name = "responded", .title = "已报整改待复查", .waiting_on = I },
	{ .name = "closed", .title = "整改完成", .flags = GN_STATE_FINAL },
	{ .name = "obstructed", .title = "拒绝或阻碍检查", .flags = GN_STATE_FINAL },
	{ .name = "cancelled", .title = "已取消", .flags = GN_STATE_FINAL },
	{ NULL },
};

static const struct gn_field order_fields[] = {
	{ .name = "deadline", .label = "整改期限（工作日）", .type = GN_FIELD_INT, .max_chars = 10,
	  .min = INSPECT_DEADLINE_MIN, .max = INSPECT_DEADLINE_MAX,
	  .help = "默认按最严重问题：严重 5、较重 10、一般 20 个工作日" },
	{ NULL },
};

static const struct gn_field extend_fields[] = {
	{ .name = "deadline", .label = "延长（工作日）", .type = GN_FIELD_INT, .flags = GN_FIELD_REQUIRED,
	  .max_chars = 10, .min = INSPECT_DEADLINE_MIN, .max = INSPECT_DEADLINE_MAX,
	  .help = "自今日起计算；只能延期一次" },
	{ NULL },
};

static const struct gn_field respond_fields[] = {
	{ .name = "measures", .label = "整改措施", .type = GN_FIELD_LONGTEXT, .flags = GN_FIELD_REQUIRED,
	  .max_chars = 2000, .help = "Art 28" },
	{ .name = "evidence", .label = "整改佐证", .type = GN_FIELD_FILE, .max_chars = 500,
	  .help = "记录文件名与 SHA-256" },
	{ NULL },
};

static const struct gn_transition inspect_transitions[] = {
	{ .verb = "start", .from = "planned", .to = "inspecting", .roles = I, .title = "开始检查",
	  .article = "Art 28", .run = inspect_start },
	{ .verb = "pass", .from = "inspecting", .to = "passed", .roles = I, .title = "检查合格",
	  .article = "Art 28", .run = inspect_pass },
	{ .verb = "order", .from = "inspecting", .to = "ordered", .roles = I, .title = "责令限期整改",
	  .article = "Art 28", .fields = order_fields, .run = inspect_order },
	{ .verb = "respond", .from = "ordered", .to = "responded", .roles = D, .title = "报送整改情况",
	  .article = "Art 28", .fields = respond_fields, .run = inspect_respond },
	{ .verb = "extend", .from = "ordered responded", .to = "ordered", .roles = I,
	  .title = "复查未通过，延期整改（限一次）", .article = "Art 28", .flags = GN_TRANSITION_NEEDS_REASON,
	  .fields = extend_fields, .run = inspect_extend },
	{ .verb = "close", .from = "responded", .to = "closed", .roles = I, .title = "复查通过，整改完成",
	  .article = "Art 28", .run = inspect_close },
	{ .verb = "obstruct", .from = "planned inspecting", .to = "obstructed", .roles = I,
	  .title = "记录拒绝或阻碍检查", .article = "Art 29", .flags = GN_TRANSITION_NEEDS_REASON,
	  .run = inspect_stop },
	{ .verb = "cancel", .from = "planned", .to = "cancelled", .roles = I, .title = "取消检查计划",
	  .article = "Art 28", .flags = GN_TRANSITION_NEEDS_REASON, .run = inspect_stop },
	{ NULL },
};

#undef D

static const struct gn_workflow inspect_workflow = { "inspect_inspection", inspect_states, inspect_transitions };

/* ---- actions --------------------------------------------------------------- */

static const struct gn_field plan_fields[] = {
	{ .name = "org", .label = "受检部门", .type = GN_FIELD_ORG, .flags = GN_FIELD_REQUIRED | GN_FIELD_POSITIONAL },
	{ .name = "date", .label = "计划检查日期", .type = GN_FIELD_DATE, .flags = GN_FIELD_REQUIRED },
	{ .name = "inspector", .label = "检查人员", .type = GN_FIELD_TEXT, .flags = GN_FIELD_REQUIRED,
	  .max_chars = 100 },
	{ .name = "every", .label = "定期（每隔几个月）", .type = GN_FIELD_INT, .max_chars = 3, .min = 0, .max = 24,
	  .help = "定期检查：结束后按此间隔生成下一次检查；0 或不填为一次性" },
	{ .name = "note", .label = "检查内容说明", .type = GN_FIELD_LONGTEXT, .max_chars = 1000 },
	{ NULL },
};

static const struct gn_field check_fields[] = {
	{ .name = "id", .label = "检查编号", .type = GN_FIELD_ID, .flags = GN_FIELD_REQUIRED | GN_FIELD_POSITIONAL },
	{ .name = "item", .label = "检查项", .type = GN_FIELD_TEXT, .flags = GN_FIELD_REQUIRED, .max_chars = 32,
	  .help = "检查项代码，见检查的详情" },
	{ .name = "result", .label = "结果", .type = GN_FIELD_CHOICE, .flags = GN_FIELD_REQUIRED,
	  .choices = result_choices, .choice_titles = result_titles },
	{ .name = "severity", .label = "问题等级", .type = GN_FIELD_CHOICE, .choices = severity_choices,
	  .choice_titles = severity_titles, .help = "不符合时必填" },
	{ .name = "finding", .label = "问题描述", .type = GN_FIELD_LONGTEXT, .max_chars = 1000,
	  .help = "不符合时必填" },
	{ .name = "evidence", .label = "证据", .type = GN_FIELD_FILE, .max_chars = 500,
	  .help = "记录文件名与 SHA-256" },
	{ .name = "reason", .label = "不适用理由", .type = GN_FIELD_TEXT, .max_chars = 200,
	  .help = "不适用时必填" },
	{ .name = "system", .label = "涉及的信息系统", .type = GN_FIELD_TEXT, .max_chars = 100,
	  .help = "信息系统插件中的系统（名称或编号）" },
	{ NULL },
};

static const struct gn_field item_fields[] = {
	{ .name = "org", .label = "县区（功能板块）", .type = GN_FIELD_ORG, .flags = GN_FIELD_REQUIRED },
	{ .name = "code", .label = "检查项代码", .type = GN_FIELD_TEXT, .flags = GN_FIELD_REQUIRED, .max_chars = 32,
	  .help = "小写字母、数字和连字符" },
	{ .name = "title", .label = "检查内容", .type = GN_FIELD_TEXT, .flags = GN_FIELD_REQUIRED, .max_chars = 100 },
	{ .name = "article", .label = "依据", .type = GN_FIELD_TEXT, .max_chars = 60,
	  .help = "属地管理细则的条款；默认 Art 30" },
	{ NULL },
};

static const struct gn_field circular_new_fields[] = {
	{ .name = "org", .label = "发文地区", .type = GN_FIELD_ORG, .flags = GN_FIELD_REQUIRED,
	  .help = "市或县区（功能板块）：由其政务外网主管部门发出" },
	{ .name = "title", .label = "通报标题", .type = GN_FIELD_TEXT, .flags = GN_FIELD_REQUIRED, .max_chars = 100 },
	{ NULL },
};

static const struct gn_field circular_add_fields[] = {
	{ .name = "id", .label = "通报编号", .type = GN_FIELD_ID, .flags = GN_FIELD_REQUIRED | GN_FIELD_POSITIONAL },
	{ .name = "dept", .label = "被通报部门", .type = GN_FIELD_ORG, .flags = GN_FIELD_REQUIRED },
	{ .name = "ground", .label = "通报事由", .type = GN_FIELD_CHOICE, .flags = GN_FIELD_REQUIRED,
	  .choices = ground_choices, .choice_titles = ground_titles },
	{ .name = "facts", .label = "事实", .type = GN_FIELD_LONGTEXT, .flags = GN_FIELD_REQUIRED, .max_chars = 2000 },
	{ .name = "inspection", .label = "相关检查", .type = GN_FIELD_INT, .max_chars = 12,
	  .help = "检查编号：其整改要求写入通报" },
	{ NULL },
};

static const struct gn_field order_list_fields[] = {
	{ .name = "org", .label = "组织（含下级）", .type = GN_FIELD_ORG, .flags = GN_FIELD_REQUIRED | GN_FIELD_POSITIONAL },
	{ .name = "overdue", .label = "只列逾期未完成的", .type = GN_FIELD_FLAG },
	{ NULL },
};

static const char *const format_choices[] = { "text", "rtf", NULL };
static const char *const format_titles[] = { "纯文本（UTF-8，默认）", "RTF（WPS 或 Word 可打开）", NULL };

static const struct gn_field circular_print_fields[] = {
	{ .name = "id", .label = "通报编号", .type = GN_FIELD_ID, .flags = GN_FIELD_REQUIRED | GN_FIELD_POSITIONAL },
	{ .name = "format", .label = "格式", .type = GN_FIELD_CHOICE, .choices = format_choices, .choice_titles = format_titles },
	{ .name = "out", .label = "文件", .type = GN_FIELD_TEXT, .max_chars = 1000,
	  .help = "写入此文件（权限 0644；默认输出到屏幕）" },
	{ .name = "force", .label = "覆盖已有文件", .type = GN_FIELD_FLAG },
	{ NULL },
};

static const struct gn_field circular_id_fields[] = {
	{ .name = "id", .label = "通报编号", .type = GN_FIELD_ID, .flags = GN_FIELD_REQUIRED | GN_FIELD_POSITIONAL },
	{ NULL },
};

#define O GN_ROLE_OFFICE

/* The plugin's section of `govnet report month` (monthly.h). */
static const struct gn_field monthly_fields[] = { MONTHLY_FIELDS, { NULL } };

static const struct gn_action inspect_actions[] = {
	{ .verb = "plan", .title = "制定检查计划", .roles = I, .fields = plan_fields, .table = "inspect_inspection",
	  .scope_field = "org", .run = inspect_plan, .flags = GN_ACTION_CREATES, .article = "Art 28" },
	{ .verb = "check", .title = "记录检查项结果", .roles = I, .fields = check_fields,
	  .table = "inspect_inspection", .run = inspect_check, .article = "Art 28" },
	{ .verb = "item add", .title = "增加本县区检查项", .roles = O, .fields = item_fields, .table = "inspect_item",
	  .scope_field = "org", .run = inspect_item_add, .flags = GN_ACTION_CREATES, .article = "Art 30" },
	{ .verb = "circular new", .title = "起草通报", .roles = O, .fields = circular_new_fields,
	  .table = "inspect_circular", .scope_field = "org", .run = inspect_circular_new,
	  .flags = GN_ACTION_CREATES, .article = "Art 28" },
	{ .verb = "circular add", .title = "通报中列入部门及事由", .roles = O, .fields = circular_add_fields,
	  .table = "inspect_circular", .run = inspect_circular_add, .article = "Art 29" },
	{ .verb = "circular issue", .title = "签发通报", .roles = O, .fields = circular_id_fields,
	  .table = "inspect_circular", .run = inspect_circular_issue, .article = "Art 28" },
	{ .verb = "circular", .title = "输出通报全文", .roles = GN_ROLES_ALL, .fields = circular_print_fields,
	  .table = "inspect_circular", .run = inspect_circular_print, .flags = GN_ACTION_READONLY,
	  .article = "Art 28" },
	{ .verb = "order list", .title = "整改通知", .roles = GN_ROLES_ALL, .fields = order_list_fields,
	  .table = "inspect_order", .scope_field = "org", .run = inspect_order_list, .flags = GN_ACTION_READONLY,
	  .article = "Art 28" },
	{ .verb = "circular print", .title = "输出通报全文", .roles = GN_ROLES_ALL, .fields = circular_print_fields,
	  .table = "inspect_circular", .run = inspect_circular_print, .flags = GN_ACTION_READONLY,
	  .article = "Art 28" },
	{ .verb = "report", .title = "月报：检查与整改", .roles = GN_ROLES_ALL, .fields = monthly_fields,
	  .table = "inspect_inspection", .scope_field = "org", .run = inspect_monthly, .flags = GN_ACTION_READONLY | GN_ACTION_PUBLISHED,
	  .article = "Art 28" },
	{ NULL },
};

#undef O
#undef I

/* ---- views ----------------------------------------------------------------- */

#define INSPECTION_SELECT \
	"SELECT i.id, o.name AS org, i.planned_on, i.inspector, gn_state_title('inspect', i.state) AS state_title," \
	" i.state, CASE WHEN i.every > 0 THEN '每' || i.every || '个月' ELSE '' END AS periodic," \
	" (SELECT count(*) FROM inspect_result r WHERE r.inspection_id = i.id AND r.result = 'fail') AS findings," \
	" CASE WHEN i.state IN ('ordered', 'responded') THEN d.due ELSE '' END AS due," \
	" d.due AS order_due, coalesce(d.days, '') AS order_days, coalesce(d.id, '') AS order_no," \
	" CASE d.extended WHEN 1 THEN '已延期' ELSE '' END AS extended, coalesce(d.measures, '') AS measures," \
	" coalesce(d.evidence, '') AS measures_evidence, coalesce(i.next_id, '') AS next_inspection," \
	" CASE WHEN (i.state IN ('ordered', 'responded') AND d.due < :today)" \
	"   OR (i.state = 'planned' AND i.planned_on < :today) THEN 'overdue' END AS _style," \
	" o.path AS org_path FROM inspect_inspection i JOIN org o ON o.id = i.org_id" \
	" LEFT JOIN inspect_order d ON d.inspection_id = i.id"

/* Art 28: rectification orders, each a record of its own (inspect_order);
 * a row's id is its inspection's, whose workflow moves it (respond,
 * extend, close), and order_no its own number. */
#define ORDER_SELECT \
	"SELECT i.id, d.id AS order_no, o.name AS org, d.items, d.days, d.due," \
	" gn_state_title('inspect', i.state) AS state_title, i.state," \
	" CASE d.extended WHEN 1 THEN '已延期' ELSE '' END AS extended, coalesce(d.extension_reason, '') AS extension_reason," \
	" coalesce(d.measures, '') AS measures, coalesce(d.evidence, '') AS measures_evidence," \
	" coalesce(substr(d.responded_at, 1, 10), '') AS responded_on, coalesce(substr(d.rechecked_at, 1, 10), '') AS rechecked_on," \
	" coalesce(d.rechecked_by, '') AS rechecked_by, d.ordered_by," \
	" CASE WHEN i.state IN ('ordered', 'responded') AND d.due < :today THEN 'overdue' END AS _style," \
	" o.path AS org_path FROM inspect_inspection i JOIN inspect_order d ON d.inspection_id = i.id" \
	" JOIN org o ON o.id = i.org_id"

static const struct gn_column inspection_columns[] = {
	{ .name = "org", .label = "受检部门", .width = 20 },
	{ .name = "planned_on", .label = "计划日期", .width = 10 },
	{ .name = "inspector", .label = "检查人员", .width = 10 },
	{ .name = "state_title", .label = "状态", .width = 14 },
	{ .name = "periodic", .label = "定期", .width = 8 },
	{ .name = "findings", .label = "问题", .width = 4, .flags = GN_COLUMN_RIGHT },
	{ .name = "due", .label = "整改期限", .width = 10 },
	/* For `show` and JSON: what the order holds. */
	{ .name = "order_due", .label = "整改期限", .flags = GN_COLUMN_HIDDEN },
	{ .name = "order_no", .label = "整改通知", .flags = GN_COLUMN_HIDDEN },
	{ .name = "order_days", .label = "整改期限（工作日）", .flags = GN_COLUMN_HIDDEN },
	{ .name = "extended", .label = "延期", .flags = GN_COLUMN_HIDDEN },
	{ .name = "measures", .label = "整改措施", .flags = GN_COLUMN_HIDDEN },
	{ .name = "measures_evidence", .label = "整改佐证", .flags = GN_COLUMN_HIDDEN },
	{ .name = "next_inspection", .label = "下一次定期检查", .flags = GN_COLUMN_HIDDEN },
	{ NULL },
};

static const struct gn_filter inspection_filters[] = {
	{ .name = "state", .label = "状态", .type = GN_FIELD_STATE, .sql = "state = ?" },
	{ .name = "overdue", .label = "整改逾期", .type = GN_FIELD_FLAG, .sql = "due <> '' AND due < :today" },
	{ .name = "org", .label = "组织（含下级）", .type = GN_FIELD_ORG, .sql = "org_path LIKE ? || '%'" },
	{ NULL },
};

static const struct gn_column order_columns[] = {
	{ .name = "order_no", .label = "整改通知", .width = 4, .flags = GN_COLUMN_RIGHT },
	{ .name = "org", .label = "受检部门", .width = 16 },
	{ .name = "items", .label = "整改项", .width = 18 },
	{ .name = "due", .label = "整改期限", .width = 10 },
	{ .name = "state_title", .label = "状态", .width = 14 },
	{ .name = "extended", .label = "延期", .width = 6 },
	{ .name = "days", .label = "期限（工作日）", .flags = GN_COLUMN_HIDDEN },
	{ .name = "extension_reason", .label = "延期理由", .flags = GN_COLUMN_HIDDEN },
	{ .name = "responded_on", .label = "报送整改", .flags = GN_COLUMN_HIDDEN },
	{ .name = "rechecked_on", .label = "复查通过", .flags = GN_COLUMN_HIDDEN },
	{ NULL },
};

static const struct gn_filter order_filters[] = {
	{ .name = "state", .label = "状态", .type = GN_FIELD_STATE, .sql = "state = ?" },
	{ .name = "overdue", .label = "整改逾期", .type = GN_FIELD_FLAG,
	  .sql = "state IN ('ordered', 'responded') AND due < :today" },
	{ .name = "org", .label = "组织（含下级）", .type = GN_FIELD_ORG, .sql = "org_path LIKE ? || '%'" },
	{ NULL },
};

static const struct gn_column finding_columns[] = {
	{ .name = "inspection_id", .label = "检查", .width = 6, .flags = GN_COLUMN_RIGHT },
	{ .name = "org", .label = "受检部门", .width = 20 },
	{ .name = "item", .label = "检查项", .width = 24 },
	{ .name = "article", .label = "依据", .width = 8 },
	{ .name = "severity", .label = "等级", .width = 4 },
	{ .name = "finding", .label = "问题", .width = 30 },
	{ NULL },
};

static const struct gn_column item_columns[] = {
	{ .name = "county", .label = "县区", .width = 14 },
	{ .name = "code", .label = "代码", .width = 16 },
	{ .name = "title", .label = "检查内容", .width = 30 },
	{ .name = "article", .label = "依据", .width = 12 },
	{ NULL },
};

static const struct gn_column circular_columns[] = {
	{ .name = "number", .label = "通报编号", .width = 20 },
	{ .name = "title", .label = "标题", .width = 30 },
	{ .name = "office", .label = "发文地区", .width = 10 },
	{ .name = "depts", .label = "被通报部门", .width = 24 },
	{ .name = "issued_on", .label = "日期", .width = 10 },
	{ NULL },
};

static const struct gn_view inspect_views[] = {
	{ .name = "inspections", .title = "检查", .sql = INSPECTION_SELECT, .columns = inspection_columns,
	  .filters = inspection_filters, .theme_element = "overdue", .scope_table = "inspect_inspection_scope" },
	/* Art 28: rectification orders, by their deadlines. */
	{ .name = "orders", .title = "整改", .sql = ORDER_SELECT, .columns = order_columns, .filters = order_filters,
	  .theme_element = "overdue", .order_by = "due", .scope_table = "inspect_inspection_scope_key",
	  .scope_key = "s.scope_key IS NOT NULL" },
	{ .name = "findings", .title = "检查发现",
	  .sql = "SELECT r.id, r.inspection_id, o.name AS org, r.title AS item, r.code, r.article,"
	  " coalesce(r.severity_title, '') AS severity, r.finding, coalesce(r.evidence, '') AS evidence,"
	  " o.path AS org_path FROM inspect_result r JOIN inspect_inspection i ON i.id = r.inspection_id"
	  " JOIN org o ON o.id = i.org_id"
	  " WHERE r.result = 'fail'",
	  .columns = finding_columns, .filters = inspection_filters + 2 },
	/* Art 30: the items a county adds to every inspection in it. */
	{ .name = "items", .title = "县区检查项",
	  .sql = "SELECT c.id, o.name AS county, c.code, c.title, c.article, o.path AS org_path"
	  " FROM inspect_item c JOIN org o ON o.id = c.org_id",
	  .columns = item_columns, .scope_table = "inspect_item_scope" },
	{ .name = "circulars", .title = "通报",
	  .sql = "SELECT c.id, coalesce(c.number, '（草稿）') AS number, c.title, o.name AS office,"
	  " coalesce((SELECT group_concat(d.name, '、') FROM inspect_circular_dept n JOIN org d ON d.id = n.dept_id"
	  "           WHERE n.circular_id = c.id), '') AS depts,"
	  " coalesce(substr(c.issued_at, 1, 10), '') AS issued_on, o.path AS org_path"
	  " FROM inspect_circular c JOIN org o ON o.id = c.org_id",
	  .columns = circular_columns, .scope_table = "inspect_circular_scope" },
	{ NULL },
};

static const struct gn_record inspect_record = { .table = "inspect_inspection", .title = "检查",
	.show_sql = "SELECT i.id, o.name AS org, gn_state_title('inspect', i.state) AS state_title, i.state,"
	" i.planned_on, i.inspector, i.every, coalesce(i.note, '') AS note,"
	" coalesce((SELECT group_concat(line, char(10)) FROM (SELECT r.code || ' ' || r.title || '（' || r.article || '）：'"
	"   || CASE r.result WHEN 'pass' THEN '符合' WHEN 'fail' THEN '不符合（' || coalesce(r.severity_title, '') || '）'"
	"   || r.finding || coalesce(' 证据 ' || r.evidence, '') || coalesce(' 系统 #' || r.system_id, '')"
	"   WHEN 'na' THEN '不适用（' || r.reason || '）' ELSE '待检查' END"
	"   || coalesce('［信息系统：' || r.facts || '］', '') AS line"
	"   FROM inspect_result r WHERE r.inspection_id = i.id ORDER BY r.id)), '') AS item,"
	" coalesce(d.id, '') AS order_no, coalesce(d.days, '') AS order_days, coalesce(d.due, '') AS order_due,"
	" CASE d.extended WHEN 1 THEN '已延期' ELSE '' END AS extended,"
	" coalesce(d.measures, '') AS measures, coalesce(d.evidence, '') AS measures_evidence,"
	" coalesce(i.next_id, '') AS next_inspection,"
	" i.created_by, i.created_at, o.path AS org_path"
	" FROM inspect_inspection i JOIN org o ON o.id = i.org_id LEFT JOIN inspect_order d ON d.inspection_id = i.id"
	" WHERE i.id = ?1" };

static const struct gn_plugin inspect_plugin = {
	.abi = GN_PLUGIN_ABI,
	.name = "inspect",
	.title = "检查",
	.version = "1.0.0",
	.migrations = inspect_migrations,
	.record = &inspect_record,
	.views = inspect_views,
	.actions = inspect_actions,
	.demo = inspect_demo,
	.workflow = &inspect_workflow,
};

GN_PLUGIN_DEFINE(inspect_plugin)
