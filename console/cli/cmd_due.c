/* govnet due [--overdue] [--late] [--mine] [--json] [--limit N] [--after POS]
 * — deadlines across every plugin within the login's scope: due within 2
 * working days (default), overdue, or met late; a page at a time, as every
 * list. */
#include "config.h"
#include "cli.h"
#include "../front/table.h"
#include "../core/registry.h"
#include "../core/workflow.h"
#include "../core/strbuf.h"

#include <stdio.h>
#include <string.h>
#include "govnet/banned.h"

struct due_out {
	struct gn_ctx *ctx;
	enum wf_due_kind kind;
	struct json_stream *js; /* --json: printed as the rows come */
	struct table_stream *t;
	int limit, shown;
	char last[96]; /* the position of the last row shown */
};

static int each(const struct wf_due_row *r, void *data)
{
	struct due_out *o = data;
	const struct gn_plugin *p = registry_find(o->ctx->reg, r->component);
	const char *state = wf_due_state_title(p, r);
	char id[24], days[48], date[32];

	if (o->limit > 0 && o->shown == o->limit) {
		fprintf(stderr, "（只显示前 %d 条；更多请用 --limit 或 --after %s）\n", o->limit, o->last);
		return 1;
	}
	o->shown++;
	snprintf(o->last, sizeof o->last, "%s", r->position);
	snprintf(id, sizeof id, "%lld", (long long)r->record_id);
	snprintf(days, sizeof days, "%s %d %s",
		 o->kind == WF_DUE_SOON ? "剩" : o->kind == WF_DUE_OVERDUE ? "逾期" : "迟了", r->workdays,
		 r->calendar_days ? "天（日历日）" : "个工作日");
	if (o->js) {
		json_t *row = json_pack("{s:s, s:I, s:s, s:s, s:s, s:s, s:s, s:b, s:i, s:b}", "component",
					r->component, "id", (json_int_t)r->record_id, "org", r->org, "state",
					r->state, "article", r->article, "what", r->what, "due", r->due,
					"provisional", r->provisional, r->calendar_days ? "days" : "workdays",
					r->workdays, "calendar_days", r->calendar_days);
		json_stream_row(row, o->js);
		json_decref(row);
	} else {
		snprintf(date, sizeof date, "%s%s", r->due, r->provisional ? WF_PROVISIONAL_MARK : "");
		const char *cells[] = { r->component, id, r->org, state, r->what, r->article, date, days };
		table_stream_add(o->t, cells);
	}
	return 0;
}

static int due(struct gn_ctx *ctx, int argc, char **argv, struct gn_err *err)
{
	static const char *labels[] = { "组件", "编号", "组织", "状态", "事项", "依据", "到期", "" };
	struct cli_opts o = { .limit = CLI_DEFAULT_LIMIT };
	struct due_out out = { .ctx = ctx, .kind = WF_DUE_SOON };
	struct table_stream t;
	struct json_stream js = { .out = stdout };
	const char *after = NULL;
	int mine = 0, explain = 0, rc;

	if (cli_take_common(&argc, argv, &o, err))
		return -1;
	for (int i = 0; i < argc; i++) {
		if (strcmp(argv[i], "--overdue") == 0)
			out.kind = WF_DUE_OVERDUE;
		else if (strcmp(argv[i], "--late") == 0)
			out.kind = WF_MET_LATE;
		else if (strcmp(argv[i], "--mine") == 0)
			mine = 1;
		else if (strcmp(argv[i], "--explain") == 0)
			explain = 1;
		else if (strcmp(argv[i], "--after") == 0 && i + 1 < argc)
			after = argv[++i];
		else
			return err_set(err, GN_USAGE, "用法：govnet due [--overdue | --late] [--mine] [--json] [--limit N] [--after 位置]");
	}
	if (o.help) {
		puts("用法：govnet due [--overdue | --late] [--mine] [--json] [--limit N] [--after 位置]\n"
		     "  默认列出 2 个工作日内到期的事项；--overdue 已逾期；--late 逾期后才办结；--mine 只看轮到我的角色的\n"
		     "  每页 100 条（--limit 0 不限）；下一页从上一页末尾提示的 --after 位置开始");
		return 0;
	}
	if (explain) {
		/* How the page would be read, as lists' --explain. */
		struct strbuf plan = STRBUF_INIT;
		rc = wf_due_explain(ctx, out.kind, mine, after, &plan, err);
		if (rc == 0)
			fputs(sb_str(&plan), stdout);
		sb_free(&plan);
		return rc;
	}
	/* The page is printed as it is read, as a list's (table_stream):
	 * JSON a row at a time, the table a batch held, the rest in a file. */
	table_stream_start(&t, stdout, 8, labels);
	out.t = &t;
	out.js = o.json ? &js : NULL;
	out.limit = o.limit;
	/* One more than shown tells whether there is another page. */
	rc = wf_due_page(ctx, out.kind, mine, after, o.limit > 0 ? o.limit + 1 : 0, each, &out, err);
	if (o.json) {
		/* What was read is closed as valid JSON, also on an error. */
		if (rc == 0 || js.rows)
			json_stream_end(&js);
		table_stream_free(&t);
	} else if (rc == 0 || t.rows) {
		if (table_stream_end(&t) && rc == 0)
			rc = err_set(err, GN_REFUSED, "due：表格的临时文件写入失败（磁盘已满？），后面的行没有列出");
	} else {
		table_stream_free(&t);
	}
	return rc;
}

const struct cli_command cli_cmd_due = {
	"due", NULL, "[--overdue|--late] [--mine] [--json] [--limit N] [--after 位置]", "临期、逾期与逾期办结的事项（各插件）", CLI_NEEDS_LOGIN, due,
};
