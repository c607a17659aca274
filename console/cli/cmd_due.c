/* govnet due [--overdue] [--late] [--mine] [--json] — deadlines across every
 * plugin within the login's scope: due within 2 working days (default),
 * overdue, or met late. */
#include "config.h"
#include "cli.h"
#include "../front/table.h"
#include "../core/registry.h"
#include "../core/workflow.h"

#include <string.h>
#include "govnet/banned.h"

struct due_out {
	struct gn_ctx *ctx;
	enum wf_due_kind kind;
	json_t *arr;
	struct table *t;
};

static int each(const struct wf_due_row *r, void *data)
{
	struct due_out *o = data;
	const struct gn_plugin *p = registry_find(o->ctx->reg, r->component);
	const struct gn_state *s = p ? wf_state(p, r->state) : NULL;
	const char *state = s && s->title ? s->title : r->state;
	char id[24], days[48], date[32];

	snprintf(id, sizeof id, "%lld", (long long)r->record_id);
	snprintf(days, sizeof days, "%s %d %s",
		 o->kind == WF_DUE_SOON ? "剩" : o->kind == WF_DUE_OVERDUE ? "逾期" : "迟了", r->workdays,
		 r->calendar_days ? "天（日历日）" : "个工作日");
	if (o->arr) {
		json_array_append_new(o->arr, json_pack("{s:s, s:I, s:s, s:s, s:s, s:s, s:s, s:b, s:i, s:b}",
							"component", r->component, "id", (json_int_t)r->record_id,
							"org", r->org, "state", r->state, "article", r->article, "what",
							r->what, "due", r->due, "provisional", r->provisional,
							r->calendar_days ? "days" : "workdays", r->workdays,
							"calendar_days", r->calendar_days));
	} else {
		snprintf(date, sizeof date, "%s%s", r->due, r->provisional ? WF_PROVISIONAL_MARK : "");
		const char *cells[] = { r->component, id, r->org, state, r->what, r->article, date, days };
		table_add_strings(o->t, cells);
	}
	return 0;
}

static int due(struct gn_ctx *ctx, int argc, char **argv, struct gn_err *err)
{
	static const char *labels[] = { "组件", "编号", "组织", "状态", "事项", "依据", "到期", "" };
	struct cli_opts o = { 0 };
	struct due_out out = { ctx, WF_DUE_SOON, NULL, NULL };
	struct table t;
	int mine = 0, rc;

	if (cli_take_common(&argc, argv, &o, err))
		return -1;
	for (int i = 0; i < argc; i++) {
		if (strcmp(argv[i], "--overdue") == 0)
			out.kind = WF_DUE_OVERDUE;
		else if (strcmp(argv[i], "--late") == 0)
			out.kind = WF_MET_LATE;
		else if (strcmp(argv[i], "--mine") == 0)
			mine = 1;
		else
			return err_set(err, GN_USAGE, "用法：govnet due [--overdue | --late] [--mine] [--json] [--limit N]");
	}
	if (o.help) {
		puts("用法：govnet due [--overdue | --late] [--mine] [--json] [--limit N]\n"
		     "  默认列出 2 个工作日内到期的事项；--overdue 已逾期；--late 逾期后才办结；--mine 只看轮到我的角色的");
		return 0;
	}
	table_init(&t, 8, labels);
	out.t = &t;
	out.arr = o.json ? json_array() : NULL;
	rc = wf_due(ctx, out.kind, mine, o.limit, each, &out, err);
	if (rc == 0) {
		if (out.arr)
			json_print(stdout, out.arr);
		else
			table_print(stdout, &t, table_cell_limit(stdout, &t));
	}
	json_decref(out.arr);
	table_free(&t);
	return rc;
}

const struct cli_command cli_cmd_due = {
	"due", NULL, "[--overdue|--late] [--mine] [--json]", "临期、逾期与逾期办结的事项（各插件）", CLI_NEEDS_LOGIN, due,
};
