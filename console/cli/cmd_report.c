/* govnet report month YYYY-MM [--org 组织] [--json] [--xlsx 文件] — the
 * monthly report (core/report.h): a table per section, the stable JSON,
 * or a workbook for the leadership (report_xlsx.c). */
#include "config.h"
#include "cli.h"
#include "../front/report_view.h"
#include "../front/table.h"
#include "../core/report.h"
#include "../core/strbuf.h"

#include <sqlite3.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "govnet/banned.h"

#define REPORT_USAGE "month YYYY-MM [--org 组织] [--json] [--xlsx 文件] [--explain]"

static void print_section(json_t *sec, int several)
{
	json_t *cols = json_object_get(sec, "columns"), *rows = json_object_get(sec, "rows"), *r, *c;
	int items = report_has_items(sec);
	size_t ncols = json_array_size(cols) + 1 + (size_t)items, i, k;
	const char **labels = xcalloc(ncols, sizeof *labels), **cells = xcalloc(ncols, sizeof *cells);
	char (*text)[64] = xcalloc(ncols, sizeof *text);
	struct table t;

	labels[0] = "组织";
	if (items)
		labels[1] = "项目";
	json_array_foreach(cols, k, c)
		labels[k + 1 + items] = json_string_value(json_object_get(c, "title"));
	table_init(&t, ncols, labels);
	for (k = 1 + (size_t)items; k < ncols; k++)
		t.right[k] = 1;
	json_array_foreach(rows, i, r) {
		report_org_label(r, several, text[0], sizeof text[0]);
		cells[0] = text[0];
		if (items)
			cells[1] = json_string_value(json_object_get(r, "item_title"));
		json_array_foreach(cols, k, c) {
			json_t *v = json_object_get(json_object_get(r, "values"), json_string_value(json_object_get(c, "key")));
			report_value_text(v, text[k + 1 + items], sizeof text[0]);
			cells[k + 1 + items] = text[k + 1 + items];
		}
		table_add_strings(&t, cells);
	}
	printf("\n%s\n", json_string_value(json_object_get(sec, "title")));
	if (json_array_size(rows))
		table_print(stdout, &t, table_cell_limit(stdout, &t));
	else
		puts("（本月无）");
	table_free(&t);
	free(labels);
	free(cells);
	free(text);
}

/* --explain: what the report read, statement by statement — the steps of
 * SQLite's virtual machine and those of full scans (sqlite3_stmt_status),
 * summed over each statement's runs — instead of the report, as `list
 * --explain` shows a page's plan: a report that costs what it shows does
 * no full scan of a large table, and reads no more when the store grows
 * outside its month. */
static int explain_cost(unsigned type, void *costs, void *p, void *x)
{
	sqlite3_stmt *st = p;
	const char *sql = sqlite3_sql(st);
	json_t *c;

	(void)type, (void)x;
	if (!sql)
		return 0;
	if (!(c = json_object_get(costs, sql))) {
		c = json_pack("[i, i, i]", 0, 0, 0);
		json_object_set_new(costs, sql, c);
	}
	json_array_set_new(c, 0, json_integer(json_integer_value(json_array_get(c, 0)) +
					      sqlite3_stmt_status(st, SQLITE_STMTSTATUS_VM_STEP, 1)));
	json_array_set_new(c, 1, json_integer(json_integer_value(json_array_get(c, 1)) +
					      sqlite3_stmt_status(st, SQLITE_STMTSTATUS_FULLSCAN_STEP, 1)));
	json_array_set_new(c, 2, json_integer(json_integer_value(json_array_get(c, 2)) + 1));
	return 0;
}

static void explain_print(json_t *costs)
{
	json_int_t steps = 0, scans = 0;
	const char *sql;
	json_t *c;

	puts("步数\t全表扫描步数\t次数\t语句");
	json_object_foreach(costs, sql, c) {
		json_int_t n = json_integer_value(json_array_get(c, 0)), f = json_integer_value(json_array_get(c, 1));
		printf("%lld\t%lld\t%lld\t", (long long)n, (long long)f, (long long)json_integer_value(json_array_get(c, 2)));
		for (const char *q = sql; *q; q++) /* one line each, no control character */
			putchar((unsigned char)*q < 0x20 || *q == 0x7f ? ' ' : *q);
		putchar('\n');
		steps += n;
		scans += f;
	}
	printf("合计\t%lld\t%lld\n", (long long)steps, (long long)scans);
}

static int month(struct gn_ctx *ctx, int argc, char **argv, struct gn_err *err)
{
	struct cli_opts o = { 0 };
	const char *when = NULL, *org = NULL, *xlsx = NULL;
	json_t *doc, *sec, *costs = NULL;
	size_t i;
	int rc = 0;

	if (cli_take_common(&argc, argv, &o, err))
		return -1;
	if (o.help) {
		puts("用法：govnet report " REPORT_USAGE "\n"
		     "  各县区与全市：接入申请的受理、批准、不予批准与退回，各法定期限的按期办结率与用时中位数，\n"
		     "  当前逾期，接入节点的新增与撤销，地址池利用率，以及各插件的统计（等保级别、检查与整改、安全事件）\n"
		     "  --json 稳定的机器格式（govnet-json(5)）；--xlsx 写出 Excel 工作簿（每节一页，附图表）\n"
		     "  --explain 不出报表，列出读取的每条语句及其步数与全表扫描步数");
		return 0;
	}
	for (int k = 0; k < argc; k++) {
		if (strcmp(argv[k], "--org") == 0 && k + 1 < argc)
			org = argv[++k];
		else if (strcmp(argv[k], "--xlsx") == 0 && k + 1 < argc)
			xlsx = argv[++k];
		else if (strcmp(argv[k], "--explain") == 0 && !costs)
			costs = json_object();
		else if (argv[k][0] != '-' && !when)
			when = argv[k];
		else
			rc = err_set(err, GN_USAGE, "用法：govnet report " REPORT_USAGE);
	}
	if (rc == 0 && !when)
		rc = err_set(err, GN_USAGE, "用法：govnet report " REPORT_USAGE "（缺少月份）");
	if (rc == 0 && costs)
		sqlite3_trace_v2(ctx->db, SQLITE_TRACE_PROFILE, explain_cost, costs);
	if (rc == 0)
		rc = report_month(ctx, when, org, &doc, err);
	if (costs) {
		sqlite3_trace_v2(ctx->db, 0, NULL, NULL);
		if (rc == 0) {
			explain_print(costs);
			json_decref(doc);
		}
		json_decref(costs);
		return rc;
	}
	if (rc)
		return -1;
	if (xlsx)
		rc = report_write_xlsx(doc, xlsx, err);
	if (rc == 0 && o.json) {
		json_print(stdout, doc);
	} else if (rc == 0 && !xlsx) {
		json_t *sections = json_object_get(doc, "sections");
		int several = 0;
		json_array_foreach(sections, i, sec)
			several |= report_several_orgs(sec);
		printf("%s 月报：%s\n", json_string_value(json_object_get(doc, "month")),
		       json_string_value(json_object_get(doc, "org")));
		json_array_foreach(sections, i, sec)
			print_section(sec, several);
	} else if (rc == 0) {
		printf("已写出 %s\n", xlsx);
	}
	json_decref(doc);
	return rc;
}

const struct cli_command cli_cmd_report = {
	"report", "month", "YYYY-MM [--org 组织] [--json] [--xlsx 文件]", "月报：各县区与全市的办理、期限、节点、地址与安全",
	CLI_NEEDS_LOGIN, month,
};
