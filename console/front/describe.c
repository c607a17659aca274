/*
 * front/describe.c — what both front ends derive from a component's
 * description alone: its help, an action's help, and an action's
 * arguments parsed from words (the command line's argv and the console's
 * `:` line alike).
 */
#include "config.h"
#include "describe.h"
#include "../core/door.h"
#include "../core/fields.h"
#include "../core/identity.h"
#include "../core/registry.h"
#include "../core/strbuf.h"
#include "../core/utf8.h"
#include "../core/workflow.h"

#include <string.h>
#include "govnet/banned.h"

static void print_term(FILE *out, const char *term);

void front_component_help(FILE *out, const struct gn_plugin *c, const struct gn_ctx *ctx)
{
	fprintf(out, "用法：govnet %s <操作> [选项]    （%s）\n\n操作：\n", c->name, c->title);
	if (c->views) {
		fprintf(out, "  %-22s 列出%s（--json，--csv，--limit N，--after ID，--view 视图，--sort 列，--descending", "list", c->title);
		for (const struct gn_filter *f = c->views[0].filters; f && f->name; f++)
			fprintf(out, "，--%s", f->name);
		fputs("）\n", out);
		/* A choice filter's choices, each with its title, as a field's. */
		for (const struct gn_filter *f = c->views[0].filters; f && f->name; f++) {
			struct gn_field as_field = field_of_filter(f);
			struct strbuf all = STRBUF_INIT;
			char opt[64];
			if (f->type != GN_FIELD_CHOICE)
				continue;
			field_choices_describe(&as_field, " | ", &all);
			snprintf(opt, sizeof opt, "--%s 值", f->name);
			print_term(out, opt);
			fprintf(out, "%s：%s\n", f->label ? f->label : f->name, sb_str(&all));
			sb_free(&all);
		}
		if (c->views[1].name) {
			fputs("  视图：", out);
			for (const struct gn_view *v = c->views; v->name; v++)
				fprintf(out, "%s%s（%s）", v == c->views ? "" : "、", v->name, v->title);
			fputc('\n', out);
		}
	}
	if (c->record)
		fprintf(out, "  %-22s 查看一条%s（--json）\n", "show KEY", c->record->title);
	for (const struct gn_action *a = c->actions; a && a->verb; a++) {
		int allowed = !ctx || !ctx->db || door_role_allows(ctx, a);
		fprintf(out, "  %-22s %s%s\n", a->verb, a->title, allowed ? "" : "（你的角色不可用）");
	}
	fprintf(out, "\n每个操作都有 --help，例如 govnet %s %s --help\n", c->name,
		c->actions && c->actions->verb ? c->actions->verb : "list");
}

/* "  name<pad>" to a column of display width 24, Chinese counted as two. */
static void print_term(FILE *out, const char *term)
{
	fprintf(out, "  %s", term);
	for (size_t w = utf8_width(term); w < 23; w++)
		fputc(' ', out);
	fputc(' ', out);
}

void front_action_help(FILE *out, const struct gn_plugin *c, const struct gn_action *a)
{
	struct strbuf roles = STRBUF_INIT;

	fprintf(out, "用法：govnet %s %s", c->name, a->verb);
	for (const struct gn_field *f = a->fields; f && f->name; f++)
		if (f->flags & GN_FIELD_POSITIONAL)
			fprintf(out, " %s", f->label ? f->label : f->name);
	fprintf(out, " [选项]\n%s", a->title);
	if (a->article)
		fprintf(out, "（%s）", a->article);
	for (unsigned r = 1; r <= GN_ROLE_ADMIN; r <<= 1)
		if (a->roles & r)
			sb_addf(&roles, "%s%s", roles.len ? "、" : "", role_name((enum gn_role)r));
	fprintf(out, "；可执行的角色：%s\n", sb_str(&roles));
	sb_free(&roles);
	const struct gn_transition *t = wf_transition(c, a->verb);
	if (t) {
		fprintf(out, "适用状态：%s → %s", t->from, t->to);
		if (t->deadline.workdays > 0)
			fprintf(out, "；开始 %d 个工作日的%s期限（%s）", t->deadline.workdays,
				t->deadline.what ? t->deadline.what : "", t->deadline.article);
		fputc('\n', out);
	}
	fputs("\n字段：\n", out);
	for (const struct gn_field *f = a->fields; f && f->name; f++) {
		char opt[64];
		snprintf(opt, sizeof opt, "--%s%s", f->name, f->type == GN_FIELD_FLAG ? "" : " 值");
		print_term(out, opt);
		fprintf(out, "%s（%s%s%s）", f->label ? f->label : f->name, field_type_hint(f->type),
			(f->flags & GN_FIELD_REQUIRED) ? "，必填" : "", (f->flags & GN_FIELD_MULTIPLE) ? "，可重复" : "");
		if (f->type == GN_FIELD_INT && f->max > f->min)
			fprintf(out, "：%lld–%lld", (long long)f->min, (long long)f->max);
		if (f->type == GN_FIELD_CHOICE) {
			struct strbuf all = STRBUF_INIT;
			field_choices_describe(f, " | ", &all);
			fprintf(out, "：%s", sb_str(&all));
			sb_free(&all);
		}
		if (f->help)
			fprintf(out, " %s", f->help);
		fputc('\n', out);
	}
	print_term(out, "--why 文本");
	fputs("记入审计的理由\n", out);
}

/* Steps of the program itself, which no component offers as an action
 * (gn_err.next naming them with an empty verb), as each front end says
 * them. */
static const struct program_step {
	const char *name;
	const char *command; /* the command line: the command to run */
	const char *console; /* the console: who takes the step, and how */
} program_steps[] = {
	{ "init", "；请先运行 govnet init（或用 --db 指定已有的数据库）",
	  "；数据库要由管理员先在跳板机上建立（初始化），或由管理员告知已有数据库的位置" },
	{ NULL, NULL, NULL },
};

int front_action_outside(const struct gn_action *a)
{
	if (a->probe)
		return 1;
	for (const struct gn_field *f = a->fields; f && f->name; f++)
		if (f->type == GN_FIELD_TEXT_FILE && (f->flags & GN_FIELD_REQUIRED))
			return 1;
	return 0;
}

void front_outside_step(const struct gn_plugin *c, const struct gn_action *a, struct strbuf *out)
{
	struct strbuf roles = STRBUF_INIT;

	for (unsigned r = 1; r <= GN_ROLE_ADMIN; r <<= 1)
		if (a->roles & r)
			sb_addf(&roles, "%s%s", roles.len ? "、" : "", role_title((enum gn_role)r));
	if (a->probe)
		sb_addf(out, "「%s」要等待网络，不在控制台中进行：由服务器上的定时任务定期进行（%s也可在跳板机上进行）", a->title,
			sb_str(&roles));
	else
		sb_addf(out, "「%s」要读取跳板机上的文件，不在控制台中进行：由%s在跳板机上进行", a->title, sb_str(&roles));
	sb_addf(out, "；结果见「%s」标签", c->title);
	sb_free(&roles);
}

void front_next_step(const struct registry *reg, const struct gn_err *err, const char *menu_key,
		     const struct gn_plugin *here, int64_t here_id, struct strbuf *out)
{
	const struct gn_plugin *c = err->next.component[0] && reg ? registry_find(reg, err->next.component) : NULL;
	const struct gn_action *a = c ? component_action(c, err->next.verb) : NULL;

	for (const struct program_step *s = program_steps; s->name && !err->next.verb[0]; s++)
		if (strcmp(s->name, err->next.component) == 0) {
			sb_add(out, menu_key ? s->console : s->command);
			return;
		}
	if (!a)
		return;
	if (menu_key && front_action_outside(a)) {
		sb_add(out, "；");
		front_outside_step(c, a, out);
		return;
	}
	if (!menu_key) {
		sb_addf(out, "；请先运行 govnet %s %s", c->name, a->verb);
		if (err->next.id)
			sb_addf(out, " %lld", (long long)err->next.id);
		else if (action_field(a, "id"))
			sb_add(out, " …");
		for (const struct gn_field *f = a->fields; f && f->name; f++)
			if ((f->flags & GN_FIELD_REQUIRED) && strcmp(f->name, "id") != 0)
				sb_addf(out, " --%s …", f->name);
		return;
	}
	/* The record the step is taken on: the component's own kind, or what
	 * the action's id field says it is (an incident's reconnect takes a
	 * node). */
	int own = c->record && c->record->table && a->table && strcmp(c->record->table, a->table) == 0;
	const struct gn_field *idf = action_field(a, "id");
	sb_addf(out, "；请先「%s」", a->title);
	if (own && here && strcmp(here->name, c->name) == 0 && err->next.id && err->next.id == here_id)
		sb_addf(out, "（按 %s 选择）", menu_key);
	else if (err->next.id)
		sb_addf(out, "（%s #%lld）", own ? c->record->title : idf && idf->label ? idf->label : c->title,
			(long long)err->next.id);
}

/* --name value, --name=value, flags, and positionals in field order. */
int front_parse_action_args(const struct gn_action *a, int argc, char **argv, struct gn_args *args,
			  struct gn_err *err)
{
	const struct gn_field *next_positional = a->fields;

	for (int i = 0; i < argc; i++) {
		char *arg = argv[i];
		if (strncmp(arg, "--", 2) == 0 && arg[2]) {
			char *name = arg + 2, *eq = strchr(name, '=');
			const char *value = NULL;
			if (eq) {
				*eq = '\0';
				value = eq + 1;
			}
			if (strcmp(name, "why") == 0) {
				if (!value && i + 1 >= argc)
					return err_set(err, GN_USAGE, "--why 需要一个值");
				args->why = value ? value : argv[++i];
				continue;
			}
			const struct gn_field *f = action_field(a, name);
			if (!f)
				return err_set(err, GN_USAGE, "%s 没有选项 --%s（见 --help）", a->verb, name);
			if (f->type == GN_FIELD_FLAG) {
				args_set(args, f->name, value ? value : "1");
				continue;
			}
			if (!value) {
				if (i + 1 >= argc)
					return err_set(err, GN_USAGE, "--%s 需要一个值", name);
				value = argv[++i];
			}
			if ((f->flags & GN_FIELD_MULTIPLE) && args_get(args, f->name))
				args_add(args, f->name, value);
			else
				args_set(args, f->name, value);
			continue;
		}
		while (next_positional && next_positional->name &&
		       (!(next_positional->flags & GN_FIELD_POSITIONAL) || args_get(args, next_positional->name)))
			next_positional++;
		if (!next_positional || !next_positional->name)
			return err_set(err, GN_USAGE, "多余的参数 \"%.60s\"（%s 的字段见其 --help）", arg, a->verb);
		args_set(args, next_positional->name, arg);
		next_positional++;
	}
	return 0;
}

