/*
 * system.c — the information systems plugin's description: what a system
 * record holds, who moves it, and what each move requires.  A reader
 * holding the 2023 rules should find each of Art 16, 20, 21 and 25 here
 * once; the 等保 and 密评 periods are in obligation.c.
 */
#include "system.h"
#include "../../lib/report/monthly.h"
#include "govnet/banned.h"

/* ---- the workflow (Art 16, 25) ------------------------------------------- */

static const struct gn_state system_states[] = {
	{ .name = "draft", .title = "待备案", .waiting_on = GN_ROLE_DEPT },
	{ .name = "filed", .title = "已备案", .waiting_on = GN_ROLE_DEPT },
	{ .name = "tested", .title = "已检测", .waiting_on = GN_ROLE_DEPT },
	{ .name = "online", .title = "运行中" },
	{ .name = "changed", .title = "变更已备案", .waiting_on = GN_ROLE_DEPT },
	{ .name = "retired", .title = "已下线", .flags = GN_STATE_FINAL },
	{ NULL },
};

static const char *const test_results[] = { "pass", "fail", NULL };
static const char *const test_result_titles[] = { "通过", "未通过", NULL };

static const struct gn_field test_fields[] = {
	{ .name = "result", .label = "检测结论", .type = GN_FIELD_CHOICE, .flags = GN_FIELD_REQUIRED,
	  .choices = test_results, .choice_titles = test_result_titles, .help = "Art 25" },
	{ .name = "tester", .label = "检测机构", .type = GN_FIELD_TEXT, .max_chars = 100 },
	{ .name = "date", .label = "检测日期", .type = GN_FIELD_DATE, .help = "默认为今天" },
	{ .name = "report", .label = "检测报告", .type = GN_FIELD_FILE, .max_chars = 500,
	  .help = "记录文件名与 SHA-256" },
	{ NULL },
};

static const struct gn_field change_fields[] = {
	{ .name = "what", .label = "变更内容", .type = GN_FIELD_LONGTEXT, .flags = GN_FIELD_REQUIRED,
	  .max_chars = 1000, .help = "Art 16" },
	{ .name = "addresses", .label = "涉及地址", .type = GN_FIELD_FLAG, .help = "须重新检测（Art 25）" },
	{ .name = "domains", .label = "涉及域名", .type = GN_FIELD_FLAG, .help = "须重新检测（Art 25）" },
	{ .name = "exposure", .label = "涉及对外交互", .type = GN_FIELD_FLAG, .help = "须重新检测（Art 25）" },
	{ NULL },
};

#define D GN_ROLE_DEPT
#define P GN_ROLE_OPERATOR

static const struct gn_transition system_transitions[] = {
	/* Art 16: filed with the operating agency before go-live. */
	{ .verb = "file", .from = "draft", .to = "filed", .roles = D, .title = "上线前备案",
	  .article = "Art 16", .run = system_mark_filed },
	/* Art 25: the security test before go-live, and again after a change
	 * that touches addresses, domains or exposure. */
	{ .verb = "test", .from = "filed tested changed", .to = "tested", .roles = D | P,
	  .title = "记录安全检测", .article = "Art 25", .fields = test_fields, .run = system_record_test },
	/* Art 16, 25: only a filed system whose latest test passed goes live
	 * (draft is listed so that the refusal says what is missing). */
	{ .verb = "golive", .from = "draft filed tested changed", .to = "online", .roles = D,
	  .title = "上线运行", .article = "Art 25", .run = system_check_golive },
	/* Art 16: every change is filed before it is made. */
	{ .verb = "change", .from = "online", .to = "changed", .roles = D, .title = "变更前备案",
	  .article = "Art 16", .fields = change_fields, .run = system_file_change },
	/* Art 20: retirement releases the domain links; the addresses stay
	 * with the department (Art 19). */
	{ .verb = "retire", .from = "draft filed tested online changed", .to = "retired", .roles = D | P,
	  .title = "下线", .article = "Art 16", .flags = GN_TRANSITION_NEEDS_REASON, .run = system_release },
	{ NULL },
};

#undef D
#undef P

const struct gn_workflow system_workflow = { "system", system_states, system_transitions };

/* ---- actions ------------------------------------------------------------- */

static const char *const hostings[] = { "cloud", "own", NULL };
static const char *const cryptos[] = { "none", "passed", "failed", NULL };
static const char *const exchanges[] = { "none", "sez", "direct", NULL };
static const char *const yes_no[] = { "yes", "no", NULL };
static const char *const hosting_titles[] = { "政务云", "本部门机房", NULL };
static const char *const crypto_titles[] = { "未评", "通过", "未通过", NULL };
static const char *const exchange_titles[] = { "无", "经统一安全交换区", "直连（不允许，Art 25）", NULL };
static const char *const yes_no_titles[] = { "是", "否", NULL };

/* Shared by new and set: the record's own fields. */
#define SYSTEM_FIELDS(level_flags)                                                                              \
	{ .name = "purpose", .label = "用途", .type = GN_FIELD_LONGTEXT, .max_chars = 500 },                      \
	{ .name = "level", .label = "等保级别", .type = GN_FIELD_INT, .flags = (level_flags), .max_chars = 1,      \
	  .min = SYSTEM_LEVEL_MIN, .max = SYSTEM_LEVEL_MAX, .help = "1–5（Art 21）" },                              \
	{ .name = "hosting", .label = "部署位置", .type = GN_FIELD_CHOICE, .choices = hostings,                    \
	  .choice_titles = hosting_titles },                                                                \
	{ .name = "filing-no", .label = "等保备案证明编号", .type = GN_FIELD_TEXT, .max_chars = 50,             \
	  .help = "Art 21" },                                                                                     \
	{ .name = "evaluated", .label = "最近等保测评", .type = GN_FIELD_DATE, .help = "Art 21" },               \
	{ .name = "crypto", .label = "密评", .type = GN_FIELD_CHOICE, .choices = cryptos,                         \
	  .choice_titles = crypto_titles, .help = "Art 21、25" },                                          \
	{ .name = "crypto-date", .label = "最近密评", .type = GN_FIELD_DATE, .help = "Art 21" },                 \
	{ .name = "exchange", .label = "与互联网等交互", .type = GN_FIELD_CHOICE, .choices = exchanges,           \
	  .choice_titles = exchange_titles, .help = "Art 25" }

static const struct gn_field new_fields[] = {
	{ .name = "org", .label = "所属部门", .type = GN_FIELD_ORG, .flags = GN_FIELD_REQUIRED },
	{ .name = "name", .label = "系统名称", .type = GN_FIELD_TEXT, .flags = GN_FIELD_REQUIRED,
	  .max_chars = 100 },
	{ .name = "url", .label = "服务地址", .type = GN_FIELD_TEXT, .flags = GN_FIELD_REQUIRED,
	  .max_chars = 1000, .help = "http(s) 地址，多个以空格分隔（Art 13）" },
	SYSTEM_FIELDS(GN_FIELD_REQUIRED),
	{ .name = "cii", .label = "关键信息基础设施", .type = GN_FIELD_FLAG, .help = "Art 21" },
	{ .name = "domain", .label = "政务外网域名", .type = GN_FIELD_TEXT, .max_chars = 260,
	  .help = "本部门的域名记录（Art 20）" },
	{ .name = "block", .label = "使用网段", .type = GN_FIELD_CIDR, .help = "本部门的地址块（Art 19）" },
	{ NULL },
};

static const struct gn_field set_fields[] = {
	{ .name = "id", .label = "系统编号", .type = GN_FIELD_ID,
	  .flags = GN_FIELD_REQUIRED | GN_FIELD_POSITIONAL },
	SYSTEM_FIELDS(0),
	{ .name = "cii", .label = "关键信息基础设施", .type = GN_FIELD_CHOICE, .choices = yes_no,
	  .choice_titles = yes_no_titles, .help = "Art 21" },
	{ NULL },
};

static const struct gn_field link_fields[] = {
	{ .name = "id", .label = "系统编号", .type = GN_FIELD_ID,
	  .flags = GN_FIELD_REQUIRED | GN_FIELD_POSITIONAL },
	{ .name = "url", .label = "服务地址", .type = GN_FIELD_TEXT, .max_chars = 1000,
	  .help = "http(s) 地址，多个以空格分隔（Art 13）" },
	{ .name = "domain", .label = "政务外网域名", .type = GN_FIELD_TEXT, .max_chars = 260,
	  .help = "本部门的域名记录（Art 20）" },
	{ .name = "block", .label = "使用网段", .type = GN_FIELD_CIDR, .help = "本部门的地址块（Art 19）" },
	{ NULL },
};

/* Art 16 ¶2: resource-change requests. */
static const struct gn_field resource_request_fields[] = {
	{ .name = "id", .label = "系统编号", .type = GN_FIELD_ID,
	  .flags = GN_FIELD_REQUIRED | GN_FIELD_POSITIONAL },
	{ .name = "domain", .label = "政务外网域名", .type = GN_FIELD_TEXT, .max_chars = 260,
	  .help = "本部门的域名记录（Art 20）" },
	{ .name = "block", .label = "使用网段", .type = GN_FIELD_CIDR, .help = "本部门的地址块（Art 19）" },
	{ .name = "reason", .label = "申请理由", .type = GN_FIELD_LONGTEXT, .flags = GN_FIELD_REQUIRED,
	  .max_chars = 1000 },
	{ NULL },
};

#define RESOURCE_DECISION_FIELDS(reason_flags)                                                       \
	{ .name = "id", .label = "系统编号", .type = GN_FIELD_ID,                                      \
	  .flags = GN_FIELD_REQUIRED | GN_FIELD_POSITIONAL },                                          \
	{ .name = "request", .label = "申请编号", .type = GN_FIELD_INT, .flags = GN_FIELD_REQUIRED,     \
	  .min = 1, .max = INT64_MAX, .help = "「资源变更申请」列表中的编号" },                   \
	{ .name = "reason", .label = "审批意见", .type = GN_FIELD_LONGTEXT, .flags = (reason_flags),   \
	  .max_chars = 1000 },                                                                       \
	{ NULL }

static const struct gn_field resource_approve_fields[] = { RESOURCE_DECISION_FIELDS(0) };
static const struct gn_field resource_reject_fields[] = { RESOURCE_DECISION_FIELDS(GN_FIELD_REQUIRED) };

/* Art 13: probes; the bounds are the table's, the core applies them. */
static const struct gn_field probe_fields[] = {
	{ .name = "id", .label = "系统编号", .type = GN_FIELD_ID, .flags = GN_FIELD_POSITIONAL,
	  .help = "只探测这个系统；不给则探测全部运行中的系统" },
	{ .name = "all", .label = "全部", .type = GN_FIELD_FLAG, .help = "探测全部运行中的系统（默认）" },
	{ .name = "timeout", .label = "超时（秒）", .type = GN_FIELD_INT, .min = 1, .max = SYSTEM_PROBE_TIMEOUT_MAX,
	  .help = "每个地址的总时限，默认 " GN_SQL_INT(SYSTEM_PROBE_TIMEOUT_S) " 秒" },
	{ .name = "ca-file", .label = "CA 证书", .type = GN_FIELD_TEXT_FILE, .max_chars = 200000,
	  .help = "PEM 格式的 CA 证书（如全市自建 CA），代替系统的可信证书" },
	{ .name = "keep", .label = "保留条数", .type = GN_FIELD_INT, .min = 1, .max = SYSTEM_PROBE_KEEP_MAX,
	  .help = "每个地址保留最近多少次结果，默认 " GN_SQL_INT(SYSTEM_PROBE_KEEP) },
	{ NULL },
};
/* The plugin's section of `govnet report month` (monthly.h). */
static const struct gn_field monthly_fields[] = { MONTHLY_FIELDS, { NULL } };

static const struct gn_action system_actions[] = {
	{ .verb = "new", .title = "登记信息系统", .roles = GN_ROLE_DEPT, .fields = new_fields,
	  .table = "system", .scope_field = "org", .run = system_new, .flags = GN_ACTION_CREATES,
	  .article = "Art 16" },
	{ .verb = "set", .title = "修改等保与密评信息", .roles = GN_ROLE_DEPT, .fields = set_fields,
	  .table = "system", .run = system_set, .article = "Art 21" },
	{ .verb = "link", .title = "添加地址、域名或网段", .roles = GN_ROLE_DEPT, .fields = link_fields,
	  .table = "system", .run = system_link, .article = "Art 16" },
	/* Art 16 ¶2: applied for in advance, decided by the operating agency. */
	{ .verb = "resource request", .title = "申请变更网络资源", .roles = GN_ROLE_DEPT,
	  .fields = resource_request_fields, .table = "system", .run = system_resource_request,
	  .article = "Art 16" },
	{ .verb = "resource approve", .title = "批准资源变更", .roles = GN_ROLE_OPERATOR,
	  .fields = resource_approve_fields, .table = "system", .run = system_resource_approve,
	  .article = "Art 16" },
	{ .verb = "resource reject", .title = "驳回资源变更", .roles = GN_ROLE_OPERATOR,
	  .fields = resource_reject_fields, .table = "system", .run = system_resource_reject,
	  .article = "Art 16" },
	{ .verb = "probe", .title = "探测服务地址", .roles = GN_ROLE_OPERATOR | GN_ROLE_OFFICE | GN_ROLE_DEPT,
	  .fields = probe_fields, .table = "system", .run = system_probe, .article = "Art 13",
	  .probe = &system_probe_targets },
	{ .verb = "security", .title = "等保与密评情况", .roles = GN_ROLES_ALL, .fields = system_security_fields,
	  .table = "system", .scope_field = "org", .run = system_security, .flags = GN_ACTION_READONLY | GN_ACTION_PUBLISHED,
	  .article = "Art 21" },
	{ .verb = "report", .title = "月报：信息系统", .roles = GN_ROLES_ALL, .fields = monthly_fields,
	  .table = "system", .scope_field = "org", .run = system_monthly, .flags = GN_ACTION_READONLY | GN_ACTION_PUBLISHED,
	  .article = "Art 21" },
	{ NULL },
};

/* ---- views --------------------------------------------------------------- */

/* Art 13: a URL's latest probe, and its recent latencies as a sparkline
 * (a failed probe as "x"); a system is down when one of its URLs failed
 * its last SYSTEM_PROBE_DOWN_AFTER probes. */
#define PROBE_LATEST(u) \
	"(SELECT CASE p.verdict WHEN 'up' THEN '正常' WHEN 'slow' THEN '缓慢' WHEN 'expiring' THEN '证书将到期'" \
	"   ELSE '中断' END || ' ' || coalesce('HTTP ' || p.http_status, CASE p.error WHEN 'refused' THEN '拒绝连接'" \
	"   WHEN 'timeout' THEN '超时' WHEN 'tls' THEN 'TLS 证书不可信' WHEN 'dns' THEN '无法解析主机名'" \
	"   ELSE '请求失败' END) || ' ' || p.ms || 'ms' || coalesce(' 证书剩 ' || p.cert_days || ' 天', '')" \
	" FROM system_probe p WHERE p.url_id = " u ".id ORDER BY p.id DESC LIMIT 1)"
#define PROBE_AT(u) "(SELECT substr(max(p.at), 1, 16) FROM system_probe p WHERE p.url_id = " u ".id)"
#define PROBE_SPARK(u) \
	"(SELECT gn_sparkline(CASE WHEN r.verdict = 'down' THEN NULL ELSE r.ms END) FROM (SELECT * FROM" \
	" (SELECT id, ms, verdict FROM system_probe WHERE url_id = " u ".id ORDER BY id DESC LIMIT " \
	GN_SQL_INT(SYSTEM_PROBE_SPARK) ") ORDER BY id) r)"
#define PROBE_SUMMARY \
	"coalesce((SELECT group_concat(pu.url || ' ' || " PROBE_LATEST("pu") " || ' ' || " PROBE_SPARK("pu") \
	" || ' ' || " PROBE_AT("pu") ", '；')" \
	" FROM system_url pu WHERE pu.system_id = s.id AND EXISTS (SELECT 1 FROM system_probe x WHERE x.url_id = pu.id)), '')"
#define SYSTEM_DOWN \
	"(s.state IN ('online', 'changed') AND EXISTS (SELECT 1 FROM system_url du WHERE du.system_id = s.id" \
	" AND du.failures >= " GN_SQL_INT(SYSTEM_PROBE_DOWN_AFTER) "))"

#define SYSTEM_SELECT \
	"SELECT s.id, o.name AS org, s.name, s.level, gn_state_title('system', s.state) AS state_title, s.state," \
	" coalesce((SELECT min(u.url) FROM system_url u WHERE u.system_id = s.id), '') AS url," \
	" coalesce((SELECT min(b.due) FROM wf_obligation b WHERE b.component = 'system' AND b.record_id = s.id), '')" \
	"   AS next_due," \
	" CASE WHEN " SYSTEM_DOWN " THEN 'down'" \
	"   WHEN (SELECT min(b.due) FROM wf_obligation b WHERE b.component = 'system' AND b.record_id = s.id)" \
	"   < :today THEN 'overdue' END AS _style," \
	" s.hosting, gn_bool(s.cii) AS cii, s.exchange, o.path AS org_path" \
	" FROM system s JOIN org o ON o.id = s.org_id"

static const struct gn_column system_columns[] = {
	{ .name = "org", .label = "所属部门", .width = 18 },
	{ .name = "name", .label = "系统名称", .width = 20 },
	{ .name = "level", .label = "等保", .width = 4, .flags = GN_COLUMN_RIGHT },
	{ .name = "state_title", .label = "状态", .width = 10 },
	{ .name = "next_due", .label = "下次测评", .width = 10 },
	{ .name = "url", .label = "地址", .width = 30 },
	{ .name = "cii", .label = "关键信息基础设施", .flags = GN_COLUMN_HIDDEN | GN_COLUMN_BOOLEAN },
	{ NULL },
};

static const struct gn_filter system_filters[] = {
	{ .name = "state", .label = "状态", .type = GN_FIELD_STATE, .sql = "state = ?" },
	{ .name = "level", .label = "等保级别", .type = GN_FIELD_INT, .sql = "level = ?" },
	{ .name = "org", .label = "组织（含下级）", .type = GN_FIELD_ORG, .sql = "org_path LIKE ? || '%'" },
	{ .name = "overdue", .label = "测评已逾期", .type = GN_FIELD_FLAG, .sql = "next_due <> '' AND next_due < :today" },
	{ NULL },
};

static const struct gn_column obligation_columns[] = {
	{ .name = "org", .label = "所属部门", .width = 18 },
	{ .name = "name", .label = "系统名称", .width = 20 },
	{ .name = "level", .label = "等保", .width = 4, .flags = GN_COLUMN_RIGHT },
	{ .name = "next_dengbao", .label = "下次等保测评", .width = 12 },
	{ .name = "next_mima", .label = "下次密评", .width = 10 },
	{ .name = "last_test", .label = "最近安全检测", .width = 20 },
	{ .name = "filed_at", .label = "备案日期", .width = 10, .flags = GN_COLUMN_HIDDEN },
	{ .name = "online_at", .label = "上线日期", .width = 10, .flags = GN_COLUMN_HIDDEN },
	{ NULL },
};

static const struct gn_column test_columns[] = {
	{ .name = "system", .label = "系统", .width = 6, .flags = GN_COLUMN_RIGHT },
	{ .name = "name", .label = "系统名称", .width = 20 },
	{ .name = "result_title", .label = "结论", .width = 6 },
	{ .name = "tester", .label = "检测机构", .width = 16 },
	{ .name = "tested_on", .label = "检测日期", .width = 10 },
	{ NULL },
};

static const struct gn_column change_columns[] = {
	{ .name = "system", .label = "系统", .width = 6, .flags = GN_COLUMN_RIGHT },
	{ .name = "name", .label = "系统名称", .width = 20 },
	{ .name = "what", .label = "变更内容", .width = 28 },
	{ .name = "retest_title", .label = "须重测", .width = 6 },
	{ .name = "filed_on", .label = "备案日期", .width = 10 },
	{ .name = "retest", .label = "须重测", .flags = GN_COLUMN_HIDDEN | GN_COLUMN_BOOLEAN },
	{ NULL },
};

static const struct gn_column down_columns[] = {
	{ .name = "org", .label = "所属部门", .width = 18 },
	{ .name = "name", .label = "系统名称", .width = 20 },
	{ .name = "probe", .label = "最近探测", .width = 40 },
	{ .name = "down", .label = "探测中断", .width = 4, .flags = GN_COLUMN_HIDDEN },
	{ NULL },
};

static const struct gn_column resource_columns[] = {
	{ .name = "system", .label = "系统", .width = 6, .flags = GN_COLUMN_RIGHT },
	{ .name = "name", .label = "系统名称", .width = 20 },
	{ .name = "kind", .label = "资源", .width = 6 },
	{ .name = "key", .label = "申请的资源", .width = 24 },
	{ .name = "state_title", .label = "审批", .width = 6 },
	{ .name = "requested_on", .label = "申请日期", .width = 10 },
	{ NULL },
};

static const char *const resource_states[] = { "requested", "approved", "rejected", NULL };
static const char *const resource_state_titles[] = { "待审批", "已批准", "已驳回", NULL };
static const struct gn_filter resource_filters[] = {
	{ .name = "state", .label = "审批状态", .type = GN_FIELD_CHOICE, .sql = "state = ?", .choices = resource_states,
	  .choice_titles = resource_state_titles },
	{ NULL },
};

static const struct gn_column expiring_columns[] = {
	{ .name = "org", .label = "所属部门", .width = 18 },
	{ .name = "name", .label = "系统名称", .width = 20 },
	{ .name = "probe", .label = "最近探测", .width = 40 },
	{ NULL },
};

/* What `system probe` answers, by column (probe.c). */
static const struct gn_column probe_columns[] = {
	{ .name = "system", .label = "系统", .width = 6, .flags = GN_COLUMN_RIGHT },
	{ .name = "url", .label = "地址", .width = 30 },
	{ .name = "http_status", .label = "HTTP", .width = 4 },
	{ .name = "ms", .label = "耗时ms", .width = 6, .flags = GN_COLUMN_RIGHT },
	{ .name = "cert_days", .label = "证书剩余天数", .width = 6, .flags = GN_COLUMN_RIGHT },
	{ .name = "verdict", .label = "结论", .width = 8 },
	{ .name = "detail", .label = "说明", .width = 30 },
	{ .name = "at", .label = "探测时间", .width = 25, .flags = GN_COLUMN_HIDDEN },
	{ NULL },
};

static const struct gn_view system_views[] = {
	/* Rows are styled by what _style names: down (Art 13) or overdue. */
	{ .name = "systems", .title = "信息系统", .sql = SYSTEM_SELECT, .columns = system_columns,
	  .filters = system_filters, .scope_table = "system_scope" },
	/* Art 13: counted on the Overview. */
	{ .name = "down", .title = "探测中断的系统",
	  .sql = "SELECT s.id, o.name AS org, s.name, gn_state_title('system', s.state) AS state_title, s.state, "
	  PROBE_SUMMARY " AS probe, 'down' AS _style, o.path AS org_path"
	  " FROM system s JOIN org o ON o.id = s.org_id WHERE " SYSTEM_DOWN,
	  .columns = down_columns, .theme_element = "down" },
	{ .name = "obligations", .title = "等保与密评",
	  .sql = "SELECT s.id, o.name AS org, s.name, s.level,"
	  " coalesce((SELECT b.due FROM wf_obligation b WHERE b.component = 'system' AND b.record_id = s.id"
	  "           AND b.kind = 'dengbao'), '') AS next_dengbao,"
	  " coalesce((SELECT b.due FROM wf_obligation b WHERE b.component = 'system' AND b.record_id = s.id"
	  "           AND b.kind = 'mima'), '') AS next_mima,"
	  " coalesce((SELECT t.result || ' ' || t.tested_on || ' ' || t.tester FROM system_test t"
	  "           WHERE t.system_id = s.id ORDER BY t.id DESC LIMIT 1), '') AS last_test,"
	  " substr(coalesce(s.filed_at, ''), 1, 10) AS filed_at, substr(coalesce(s.online_at, ''), 1, 10) AS online_at,"
	  " CASE WHEN min(coalesce((SELECT min(b.due) FROM wf_obligation b WHERE b.component = 'system'"
	  "   AND b.record_id = s.id), '9999'), '9999') < :today THEN 'overdue' END AS _style,"
	  " o.path AS org_path FROM system s JOIN org o ON o.id = s.org_id WHERE s.state <> 'retired'",
	  .columns = obligation_columns, .filters = system_filters, .theme_element = "overdue",
	  .order_by = "next_dengbao", .scope_table = "system_scope_key", .scope_key = "s.scope_key IS NOT NULL" },
	{ .name = "tests", .title = "安全检测",
	  .sql = "SELECT t.id, t.system_id AS system, s.name, t.result,"
	  " CASE t.result WHEN 'pass' THEN '通过' ELSE '未通过' END AS result_title, t.tester, t.tested_on,"
	  " coalesce(t.report_name || ' sha256:' || t.report_sha256, '') AS report, t.recorded_by,"
	  " o.path AS org_path FROM system_test t JOIN system s ON s.id = t.system_id JOIN org o ON o.id = s.org_id",
	  .columns = test_columns },
	{ .name = "changes", .title = "变更备案",
	  .sql = "SELECT c.id, c.system_id AS system, s.name, c.what,"
	  " gn_bool(c.needs_test) AS retest, CASE c.needs_test WHEN 1 THEN '是' ELSE '否' END AS retest_title, substr(c.filed_at, 1, 10) AS filed_on,"
	  " c.filed_by, o.path AS org_path FROM system_change c JOIN system s ON s.id = c.system_id"
	  " JOIN org o ON o.id = s.org_id",
	  .columns = change_columns },
	/* Art 13: counted on the Overview too. */
	{ .name = "expiring", .title = "证书将到期的系统",
	  .sql = "SELECT s.id, o.name AS org, s.name, gn_state_title('system', s.state) AS state_title, s.state, "
	  PROBE_SUMMARY " AS probe, 'due_soon' AS _style, o.path AS org_path"
	  " FROM system s JOIN org o ON o.id = s.org_id WHERE s.state IN ('online', 'changed') AND EXISTS"
	  " (SELECT 1 FROM system_url eu WHERE eu.system_id = s.id AND (SELECT p.verdict FROM system_probe p"
	  "  WHERE p.url_id = eu.id ORDER BY p.id DESC LIMIT 1) = 'expiring')",
	  .columns = expiring_columns, .theme_element = "due_soon" },
	/* Art 16 ¶2: resource-change requests. */
	{ .name = "resources", .title = "资源变更申请",
	  .sql = "SELECT r.id, r.system_id AS system, s.name, CASE r.kind WHEN 'domain' THEN '域名' ELSE '地址块' END"
	  " AS kind, r.key, CASE r.state WHEN 'requested' THEN '待审批' WHEN 'approved' THEN '已批准' ELSE '已驳回' END"
	  " AS state_title, r.state, r.reason, r.requested_by, substr(r.requested_at, 1, 10) AS requested_on,"
	  " coalesce(r.decision, '') AS decision, r.decided_by, o.path AS org_path"
	  " FROM system_resource r JOIN system s ON s.id = r.system_id JOIN org o ON o.id = s.org_id",
	  .columns = resource_columns, .filters = resource_filters },
	/* Art 13: the probes kept, each URL's newest SYSTEM_PROBE_KEEP. */
	{ .name = "probes", .title = "探测记录",
	  .sql = "SELECT p.id, u.system_id AS system, s.name, u.url, p.http_status, p.ms, p.cert_days, p.verdict,"
	  " p.detail, p.at, CASE p.verdict WHEN 'down' THEN 'down' END AS _style, o.path AS org_path"
	  " FROM system_probe p JOIN system_url u ON u.id = p.url_id JOIN system s ON s.id = u.system_id"
	  " JOIN org o ON o.id = s.org_id",
	  .columns = probe_columns },
	{ NULL },
};

static const struct gn_record system_record = { .table = "system", .title = "信息系统",
	.show_sql = "SELECT s.id, o.name AS org, o.code AS org_code, s.name, gn_state_title('system', s.state) AS state_title,"
	" s.state, s.purpose,"
	" coalesce((SELECT group_concat(u.url, ' ') FROM system_url u WHERE u.system_id = s.id), '') AS url,"
	" coalesce((SELECT group_concat(l.key, ' ') FROM system_link l WHERE l.system_id = s.id AND l.kind = 'domain'"
	"           AND l.released_at IS NULL), '') AS domain,"
	" coalesce((SELECT group_concat(l.key, ' ') FROM system_link l WHERE l.system_id = s.id AND l.kind = 'block'),"
	"          '') AS block,"
	" CASE s.hosting WHEN 'cloud' THEN '政务云' ELSE '本部门机房' END AS hosting,"
	" s.level, s.filing_no AS \"filing-no\", coalesce(s.evaluated_on, '') AS evaluated,"
	" coalesce((SELECT b.due FROM wf_obligation b WHERE b.component = 'system' AND b.record_id = s.id"
	"           AND b.kind = 'dengbao'), '') AS next_dengbao,"
	" " SYSTEM_CRYPTO_TITLE("s.crypto") " AS crypto,"
	" coalesce(s.crypto_on, '') AS \"crypto-date\","
	" coalesce((SELECT b.due FROM wf_obligation b WHERE b.component = 'system' AND b.record_id = s.id"
	"           AND b.kind = 'mima'), '') AS next_mima,"
	" gn_bool(s.cii) AS cii, CASE s.cii WHEN 1 THEN '是' ELSE '否' END AS cii_title,"
	" CASE s.exchange WHEN 'sez' THEN '经统一安全交换区' ELSE '无' END AS exchange,"
	" CASE s.person WHEN '' THEN '未备案' ELSE s.person END AS filing," /* Art 12: the responsible person */
	" coalesce((SELECT t.result || ' ' || t.tested_on || ' ' || t.tester FROM system_test t WHERE t.system_id = s.id"
	"           ORDER BY t.id DESC LIMIT 1), '') AS last_test,"
	" gn_bool(s.retest) AS retest, CASE s.retest WHEN 1 THEN '是' ELSE '否' END AS retest_title,"
	" " PROBE_SUMMARY " AS probe, gn_bool(" SYSTEM_DOWN ") AS down, CASE WHEN " SYSTEM_DOWN " THEN '是' ELSE '否' END AS down_title,"
	" coalesce(s.filed_at, '') AS filed_at, coalesce(s.online_at, '') AS online_at,"
	" s.created_by, s.created_at, o.path AS org_path"
	" FROM system s JOIN org o ON o.id = s.org_id WHERE s.id = ?1",
	.key_sql = "SELECT id FROM system WHERE name = ?1 AND (SELECT count(*) FROM system WHERE name = ?1) = 1" };

static const struct gn_plugin system_plugin = {
	.abi = GN_PLUGIN_ABI,
	.name = "system",
	.title = "信息系统",
	.version = "1.0.0",
	.migrations = system_migrations,
	.record = &system_record,
	.views = system_views,
	.actions = system_actions,
	.demo = system_demo,
	.workflow = &system_workflow,
	.on_event = system_on_event,
};

GN_PLUGIN_DEFINE(system_plugin)
