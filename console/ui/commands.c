/*
 * commands.c — the `:` command line.  The console's own commands (:q,
 * :theme, :org to narrow the scope, :help, :refresh) and, for anything
 * else, the command line's own syntax: `:org add 测试局 --parent 东海县`
 * is parsed as `govnet org add …` would be and taken through the one
 * door.  What it answers goes to the status line or a box, never to the
 * terminal behind curses' back.
 */
#include "config.h"
#include "ui_int.h"
#include "../front/describe.h"
#include "../core/fields.h"
#include "../core/listing.h"
#include "../core/registry.h"
#include "../core/utf8.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "userconf.h"
#include "govnet/banned.h"

#define MAX_WORDS 64

/* What `govnet <noun> <verb> --help` says, in a box. */
static void show_help_of(struct ui *ui, const struct gn_plugin *c, const struct gn_action *a)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	if (!f)
		return;
	if (a)
		front_action_help(f, c, a);
	else
		front_component_help(f, c, &ui->ctx);
	fclose(f);
	popup_text(ui, a ? a->title : c->title, buf);
}

static int tab_of(struct ui *ui, const struct gn_plugin *c, const char *view)
{
	for (int i = 1; i < ui->ntabs; i++)
		if (ui->tabs[i].comp == c && (!view || strcmp(ui->tabs[i].view->name, view) == 0))
			return i;
	return -1;
}

static void show_record(struct ui *ui, const struct gn_plugin *c, const char *key)
{
	struct gn_err err = { .status = GN_OK };
	int64_t id;
	int tab = tab_of(ui, c, NULL);

	if (record_resolve(&ui->ctx, c, key, &id, &err)) {
		ui_message(ui, 1, "%s", err.msg);
		return;
	}
	if (tab >= 0 && tab != ui->tab)
		ui_switch_tab(ui, tab);
	if (record_load(&ui->rec, &ui->ctx, &ui->scope, c, id)) {
		ui_message(ui, 1, "%s", ui->rec.error);
		return;
	}
	ui->detail_open = 1;
	if (tab >= 0)
		list_goto_id(&ui->tabs[tab].list, id);
	ui->dirty |= DIRTY_ALL & ~DIRTY_CLEAR;
}

void command_open_record(struct ui *ui, const struct gn_plugin *c, int64_t id)
{
	char key[24];

	snprintf(key, sizeof key, "%lld", (long long)id);
	show_record(ui, c, key);
}

static void run_action(struct ui *ui, const struct gn_plugin *c, const struct gn_action *a, int argc, char **argv,
		       int confirmed)
{
	struct gn_args args = { 0 };
	struct gn_err err = { .status = GN_OK };
	struct door_result res;
	int rc;

	for (int i = 0; i < argc; i++)
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
			show_help_of(ui, c, a);
			return;
		}
	/* A probe waits on the network for seconds; typing never does. */
	if (a->probe) {
		struct strbuf how = STRBUF_INIT;
		front_outside_step(c, a, &how);
		ui_message(ui, 1, "%s", sb_str(&how));
		sb_free(&how);
		return;
	}
	if ((a->flags & GN_ACTION_DESTRUCTIVE) && !confirmed) {
		char q[512];
		snprintf(q, sizeof q, "确定要%s吗？", a->title);
		popup_confirm(ui, CONFIRM_COMMAND, q);
		return;
	}
	rc = front_parse_action_args(a, argc, argv, &args, &err);
	if (rc == 0)
		rc = door_run(&ui->ctx, c, a, &args, &res, &err);
	args_free(&args);
	ui_take_stderr(ui);
	if (rc) {
		char text[1400];
		const struct lrow *row = ui_current(ui)->comp == c ? list_current(&ui_current(ui)->list) : NULL;
		ui_refusal_text(ui, &err, c, row ? row->id : -1, text, sizeof text);
		ui_message(ui, 1, "%s", text);
		return;
	}
	char *answer = ui_format_result(c, &res);
	json_t *rows = json_incref(res.rows);
	if (a->flags & GN_ACTION_CREATES)
		ui_message(ui, 0, "已完成：%s（编号 %lld）", a->title, (long long)res.id);
	else if (rows && res.text)
		ui_message(ui, 0, "%.*s", (int)strcspn(res.text, "\n"), res.text); /* where the next page starts */
	else
		ui_message(ui, 0, "已完成：%s", a->title);
	door_result_free(&res);
	if (!(a->flags & GN_ACTION_READONLY))
		ui_store_changed(ui);
	if (answer)
		ui_show_answer(ui, a->title, answer);
	answer_open(ui, c, a->title, rows);
}

static void set_theme(struct ui *ui, int argc, char **argv)
{
	struct gn_err err = { .status = GN_OK };
	char dirs[1024];

	if (argc != 2) {
		theme_dirs_text(dirs, sizeof dirs);
		ui_message(ui, 0, "当前主题：%s（用法：:theme 名称，如 default、light、mono、high-contrast；主题文件在 %s）",
			   ui->theme.name, dirs);
		return;
	}
	if (theme_load(&ui->theme, argv[1], &err)) {
		ui_message(ui, 1, "%s", err.msg);
		return;
	}
	ui_install_theme(ui);
	ui->dirty |= DIRTY_ALL;
	/* Remembered for the next start (GOVNET_THEME still wins). */
	if (userconf_set("theme", ui->theme.name))
		ui_message(ui, 1, "主题：%s（未能记入 $XDG_CONFIG_HOME/govnet/console，下次启动不沿用）", ui->theme.name);
	else
		ui_message(ui, 0, "主题：%s（下次启动沿用）", ui->theme.name);
}

static void set_mouse(struct ui *ui, int argc, char **argv)
{
	if (argc != 2 || (strcmp(argv[1], "on") != 0 && strcmp(argv[1], "off") != 0)) {
		ui_message(ui, 0, "鼠标：%s（用法：:mouse on 或 :mouse off）", ui->mouse ? "开" : "关");
		return;
	}
	ui->mouse = strcmp(argv[1], "on") == 0;
	ui_apply_mouse(ui);
	userconf_set("mouse", argv[1]);
	ui_message(ui, 0, "鼠标已%s（下次启动沿用）", ui->mouse ? "打开" : "关闭");
}

static void narrow(struct ui *ui, const char *key)
{
	struct gn_err err = { .status = GN_OK };

	if (scope_narrow(&ui->ctx, &ui->scope, key, &err)) {
		ui_message(ui, 1, "%s", err.msg);
		return;
	}
	/* Every list starts again from its top in the new scope. */
	for (int i = 1; i < ui->ntabs; i++)
		list_free(&ui->tabs[i].list);
	ui_store_changed(ui);
	if (ui->scope.active)
		ui_message(ui, 0, "范围已缩小到 %s（:org 恢复为 %s）", ui->scope.name, ui->ctx.actor.org_name);
	else
		ui_message(ui, 0, "范围：%s", ui->ctx.actor.org_name);
}

static void run_words(struct ui *ui, int argc, char **argv, int confirmed)
{
	const struct gn_plugin *c;
	const struct gn_action *a = NULL;
	const char *name = argv[0];

	if (strcmp(name, "q") == 0 || strcmp(name, "quit") == 0 || strcmp(name, "q!") == 0 ||
	    strcmp(name, "exit") == 0) {
		ui->quit = 1;
		return;
	}
	if (strcmp(name, "mouse") == 0) {
		set_mouse(ui, argc, argv);
		return;
	}
	if (strcmp(name, "theme") == 0) {
		set_theme(ui, argc, argv);
		return;
	}
	if (strcmp(name, "help") == 0 || strcmp(name, "h") == 0) {
		popup_help(ui);
		return;
	}
	if (strcmp(name, "messages") == 0 || strcmp(name, "mes") == 0) {
		popup_text(ui, "本次会话的消息", ui_message_log(ui));
		return;
	}
	if (strcmp(name, "report") == 0 && argc <= 2) {
		report_tab_open(ui, argc == 2 ? argv[1] : NULL);
		return;
	}
	if (strcmp(name, "refresh") == 0) {
		ui_store_changed(ui);
		ui_message(ui, 0, "已重新读取");
		return;
	}
	c = registry_find(ui->ctx.reg, name);
	if (!c) {
		ui_message(ui, 1, "未知命令 \"%.40s\"：控制台的命令和组件名见 :help，输入开头几个字母后按 Tab 补全", name);
		return;
	}
	if (argc >= 3) {
		char two[128];
		snprintf(two, sizeof two, "%s %s", argv[1], argv[2]);
		if ((a = component_action(c, two))) {
			run_action(ui, c, a, argc - 3, argv + 3, confirmed);
			return;
		}
	}
	if (argc >= 2)
		a = component_action(c, argv[1]);
	if (a) {
		run_action(ui, c, a, argc - 2, argv + 2, confirmed);
	} else if (argc == 2 && tab_of(ui, c, argv[1]) >= 0) {
		ui_switch_tab(ui, tab_of(ui, c, argv[1])); /* `:access queue`: a view by name */
	} else if (argc >= 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "help") == 0)) {
		show_help_of(ui, c, NULL);
	} else if (argc >= 2 && strcmp(argv[1], "list") == 0) {
		const char *view = argc >= 4 && strcmp(argv[2], "--view") == 0 ? argv[3] : NULL;
		int tab = tab_of(ui, c, view);
		if (tab < 0)
			ui_message(ui, 1, "%s 没有视图 %s", c->name, view ? view : "");
		else
			ui_switch_tab(ui, tab);
	} else if (argc == 3 && strcmp(argv[1], "show") == 0 && c->record) {
		show_record(ui, c, argv[2]);
	} else if (strcmp(name, "org") == 0 && argc <= 2) {
		/* `:org 东海县` narrows the scope; `:org` alone widens it back. */
		narrow(ui, argc == 2 ? argv[1] : NULL);
	} else if (argc == 1) {
		int tab = tab_of(ui, c, NULL);
		if (tab >= 0)
			ui_switch_tab(ui, tab);
		else
			show_help_of(ui, c, NULL);
	} else {
		ui_message(ui, 1, "%s 没有操作 \"%.40s\"（:%s --help 列出其操作）", c->name, argv[1], c->name);
	}
}

void command_run(struct ui *ui, const char *line)
{
	char buf[512], *argv[MAX_WORDS];
	int argc;

	if (!utf8_valid(line, strlen(line))) {
		ui_message(ui, 1, "命令不是有效的 UTF-8 文本");
		return;
	}
	snprintf(buf, sizeof buf, "%s", line);
	argc = command_split(buf, argv, MAX_WORDS);
	if (argc < 0) {
		ui_message(ui, 1, "引号不成对：%s", line);
		return;
	}
	if (argc == 0)
		return;
	snprintf(ui->pending_command, sizeof ui->pending_command, "%s", line);
	run_words(ui, argc, argv, 0);
}

void command_confirmed(struct ui *ui)
{
	char buf[512], *argv[MAX_WORDS];
	int argc;

	snprintf(buf, sizeof buf, "%s", ui->pending_command);
	argc = command_split(buf, argv, MAX_WORDS);
	if (argc > 0)
		run_words(ui, argc, argv, 1);
}

/* ---- completion ------------------------------------------------------------- */

static const char *const console_commands[] = { "help", "messages", "mouse", "q",	  "quit",
						 "refresh", "report",	"theme", NULL };

static void add_candidate(const char **cand, int *n, int max, const char *word, const char *prefix)
{
	if (strncmp(word, prefix, strlen(prefix)) != 0 || *n >= max)
		return;
	for (int i = 0; i < *n; i++)
		if (strcmp(cand[i], word) == 0)
			return;
	cand[(*n)++] = word;
}

/* The words that may stand where the last word is being typed: a command
 * or a component first; then one of that component's views or verbs
 * (a two-word verb offers its first word). */
static int command_candidates(struct ui *ui, const char *first, int word, const char *prefix, const char **cand,
			      char verbs[][32], int max)
{
	int n = 0, nverbs = 0;

	if (word == 0) {
		for (int i = 0; console_commands[i]; i++)
			add_candidate(cand, &n, max, console_commands[i], prefix);
		for (size_t i = 0; i < ui->ctx.reg->n; i++)
			add_candidate(cand, &n, max, ui->ctx.reg->items[i].desc->name, prefix);
		return n;
	}
	const struct gn_plugin *c = word == 1 ? registry_find(ui->ctx.reg, first) : NULL;
	if (!c)
		return 0;
	for (const struct gn_view *v = c->views; v && v->name; v++)
		add_candidate(cand, &n, max, v->name, prefix);
	for (const struct gn_action *a = c->actions; a && a->verb && nverbs < max; a++) {
		snprintf(verbs[nverbs], sizeof verbs[0], "%.*s", (int)strcspn(a->verb, " "), a->verb);
		int before = n;
		add_candidate(cand, &n, max, verbs[nverbs], prefix);
		nverbs += n > before;
	}
	return n;
}

/*
 * Put the longest prefix the candidates share in place of the word being
 * typed, which starts at byte start of the line; one alone is completed,
 * with a blank after it when blank, and several are listed.  The prefix
 * ends on a whole character: 待审核 and 待实施 share 待, not the first
 * bytes of 审 and 实.
 */
static void complete_word(struct ui *ui, size_t start, const char *const *cand, int n, int blank)
{
	char line[300], list[512] = "";
	size_t common = strlen(cand[0]);

	for (int i = 1; i < n; i++) {
		size_t k = 0;
		while (k < common && cand[i][k] == cand[0][k])
			k++;
		common = k;
	}
	while (common > 0 && ((unsigned char)cand[0][common] & 0xC0) == 0x80)
		common--;
	snprintf(line, sizeof line, "%.*s%.*s%s", (int)start, edit_text(&ui->line), (int)common, cand[0],
		 n == 1 && blank ? " " : "");
	edit_set(&ui->line, line);
	if (n > 1) {
		for (int i = 0; i < n; i++) {
			size_t used = strlen(list);
			snprintf(list + used, sizeof list - used, "%s%s", i ? "  " : "", cand[i]);
		}
		ui_message(ui, 0, "可选：%s", list);
	} else {
		ui->msg[0] = '\0';
	}
}

/* Where the word being typed starts: after the last blank. */
static size_t word_start(const char *text)
{
	size_t start = strlen(text);

	while (start > 0 && text[start - 1] != ' ')
		start--;
	return start;
}

void command_complete(struct ui *ui)
{
	char buf[256], verbs[64][32];
	const char *cand[64], *words[3] = { "", "", "" };
	int nwords = 0, n;

	snprintf(buf, sizeof buf, "%s", edit_text(&ui->line));
	size_t start = word_start(buf);
	/* The words before the one being typed (the first is all that matters). */
	for (char *p = buf; p < buf + start && nwords < 2;) {
		while (*p == ' ')
			p++;
		if (p >= buf + start)
			break;
		words[nwords++] = p;
		p += strcspn(p, " ");
		if (p < buf + start)
			*p++ = '\0';
	}
	n = command_candidates(ui, words[0], nwords, buf + start, cand, verbs, 64);
	if (n == 0) {
		ui_message(ui, 1, "没有可补全的命令或视图");
		return;
	}
	complete_word(ui, start, cand, n, 1);
}

int filter_complete(struct ui *ui, const struct gn_view *view)
{
	const char *text = edit_text(&ui->line), *cand[64];
	size_t start = word_start(text);
	const char *prefix = text + start;
	int n = 0;

	/* The titles the prompt offers (filter_hint), found by their
	 * beginning or by their code's: the rows show the title, which is
	 * what the filter finds. */
	for (const struct gn_filter *f = view->filters; f && f->name; f++) {
		if (f->type != GN_FIELD_CHOICE || !f->choice_titles)
			continue;
		for (size_t i = 0; f->choices[i]; i++) {
			const char *title = f->choice_titles[i] ? f->choice_titles[i] : f->choices[i];
			if (strncmp(f->choices[i], prefix, strlen(prefix)) == 0)
				add_candidate(cand, &n, 64, title, "");
			else
				add_candidate(cand, &n, 64, title, prefix);
		}
	}
	if (n == 0) {
		ui_message(ui, 1, "没有以「%s」开头的筛选标题", prefix);
		return 0;
	}
	complete_word(ui, start, cand, n, 0);
	return 1;
}
