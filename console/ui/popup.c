/*
 * popup.c — boxes over the screen: the actions a login may take on the
 * current row, a yes/no question, the live key bindings, and what an
 * action or command answered.
 */
#include "config.h"
#include "ui_int.h"
#include "../front/describe.h"
#include "../core/identity.h"
#include "../core/registry.h"
#include "../core/store.h"
#include "../core/strbuf.h"
#include "../core/utf8.h"
#include "../core/workflow.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "govnet/banned.h"

static void popup_close(struct ui *ui)
{
	ui->mode = ui->under;
	ui->dirty |= DIRTY_ALL & ~DIRTY_CLEAR;
}

/* ---- the action menu --------------------------------------------------------- */

/* The deadline a workflow transition of this verb starts, if any. */
static void deadline_of(const struct gn_plugin *c, const char *verb, char *out, size_t size)
{
	const struct gn_transition *t = wf_transition(c, verb);

	out[0] = '\0';
	if (t && t->deadline.workdays > 0)
		snprintf(out, size, "，启动期限：%d 个工作日内%s（%s）", t->deadline.workdays,
			 t->deadline.what ? t->deadline.what : "办结",
			 t->deadline.article ? t->deadline.article : t->article ? t->article : "");
}

/* Whether a view lists the records of table: its outermost SELECT reads
 * FROM it first (subqueries in its columns are passed over), or from its
 * scope table (GN_SCOPE_MIGRATION), whose records are the table's. */
int view_lists(const struct gn_view *v, const char *table)
{
	size_t n = strlen(table);
	int depth = 0;

	for (const char *p = v && v->sql ? v->sql : ""; *p; p++) {
		if (*p == '(')
			depth++;
		else if (*p == ')')
			depth--;
		else if (depth == 0 && strncmp(p, " FROM ", 6) == 0)
			return strncmp(p + 6, table, n) == 0 &&
			       (p[6 + n] == ' ' || p[6 + n] == '\0' || strncmp(p + 6 + n, "_scope ", 7) == 0);
	}
	return 0;
}

/*
 * Whether a transition fits the record under the cursor: only on a list of
 * the workflow's own records, and only from the record's present state
 * (the transition table's `from`), so the menu never offers a move the
 * door would refuse for the state.  Actions that are not transitions fit.
 */
static int fits_record(struct ui *ui, const struct ui_tab *t, const struct gn_action *a)
{
	const struct gn_transition *tr = wf_transition(t->comp, a->verb);
	const struct lrow *row = list_current(&t->list);
	char state[64] = "", sql[160];
	struct gn_err err;
	sqlite3_stmt *st;

	if (!tr)
		return 1;
	if (!row || !view_lists(t->view, t->comp->workflow->table))
		return 0;
	snprintf(sql, sizeof sql, "SELECT state FROM \"%s\" WHERE id = ?1", t->comp->workflow->table);
	if (store_prepare(ui->ctx.db, sql, &st, &err, "i", row->id))
		return 1; /* the door will judge */
	if (sqlite3_step(st) == SQLITE_ROW)
		snprintf(state, sizeof state, "%s", (const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	for (const char *p = tr->from; p && *p;) {
		size_t len = strcspn(p, " ");
		if (len == strlen(state) && strncmp(p, state, len) == 0)
			return 1;
		p += len;
		p += strspn(p, " ");
	}
	return 0;
}

void ui_refusal_text(struct ui *ui, const struct gn_err *err, const struct gn_plugin *here, int64_t here_id, char *out,
		     size_t size)
{
	struct strbuf step = STRBUF_INIT;
	char key[32];

	keymap_keys_of(&ui->keys, CMD_ACTIONS, key, sizeof key);
	front_next_step(ui->ctx.reg, err, key, here, here_id, &step);
	snprintf(out, size, "%s%s", err->msg, sb_str(&step));
	sb_free(&step);
}

/* Only the transitions the menu shows are rehearsed (door_try): what the
 * door would say against this record is shown, dimmed, before the user
 * fills a form for nothing. */
static void menu_rehearse(struct ui *ui, const struct ui_tab *t, struct ui_menu_item *it)
{
	const struct lrow *row = list_current(&t->list);
	struct gn_err err = { .status = GN_OK };

	it->refused[0] = '\0';
	if (row && wf_transition(t->comp, it->act->verb) && ui->nmenu <= ui->lay.rows - 6 && door_try(&ui->ctx, t->comp, it->act, row->id, &err))
		ui_refusal_text(ui, &err, t->comp, row->id, it->refused, sizeof it->refused);
}

void popup_menu_open(struct ui *ui)
{
	struct ui_tab *t = ui_current(ui);
	int n = 0;

	if (!t->comp) {
		ui_message(ui, 1, "请先切换到一个列表标签页");
		return;
	}
	free(ui->menu);
	ui->menu = NULL;
	ui->nmenu = 0;
	for (const struct gn_action *a = t->comp->actions; a && a->verb; a++)
		n++;
	ui->menu = xcalloc((size_t)n + 1, sizeof *ui->menu);
	for (const struct gn_action *a = t->comp->actions; a && a->verb; a++) {
		char deadline[160];
		if (a->flags & GN_ACTION_PUBLISHED)
			continue;
		if (a->probe) /* waits on the network: never from the console (command_run says so) */
			continue;
		if (!door_role_allows(&ui->ctx, a) || !ui_action_fits_view(t, a) || !fits_record(ui, t, a))
			continue;
		deadline_of(t->comp, a->verb, deadline, sizeof deadline);
		struct ui_menu_item *it = &ui->menu[ui->nmenu++];
		it->act = a;
		snprintf(it->label, sizeof it->label, "%s（%s）%s%s", a->title, a->verb,
			 (a->flags & GN_ACTION_DESTRUCTIVE) ? " [需确认]" : "", deadline);
		menu_rehearse(ui, t, it);
	}
	if (ui->nmenu == 0) {
		ui_message(ui, 1, "角色 %s（%s）在「%s」中对这条记录没有可执行的操作", role_name(ui->ctx.actor.role),
			   role_title(ui->ctx.actor.role), t->title);
		return;
	}
	ui->menu_sel = 0;
	ui->under = ui->mode;
	ui->mode = MODE_MENU;
	ui->dirty |= DIRTY_MAIN;
}

static void menu_choose(struct ui *ui)
{
	const struct gn_action *a = ui->menu[ui->menu_sel].act;
	struct ui_tab *t = ui_current(ui);
	int with_record = list_current(&t->list) && (action_field(a, "id") || (a->flags & GN_ACTION_CREATES));

	popup_close(ui);
	if (ui->menu[ui->menu_sel].refused[0]) {
		ui_message(ui, 1, "不能%s：%s", a->title, ui->menu[ui->menu_sel].refused);
		return;
	}
	uiform_open(ui, t->comp, a, with_record);
}

/* ---- questions ---------------------------------------------------------------- */

void popup_confirm(struct ui *ui, enum confirm_kind kind, const char *question)
{
	ui->confirm = kind;
	snprintf(ui->question, sizeof ui->question, "%s", question);
	ui->under = ui->mode;
	ui->mode = MODE_CONFIRM;
	ui->dirty |= DIRTY_MAIN;
}

static void confirm_answer(struct ui *ui, int yes)
{
	popup_close(ui);
	if (!yes) {
		ui_message(ui, 0, "已取消");
		return;
	}
	if (ui->confirm == CONFIRM_DISCARD_FORM) {
		uiform_close(ui);
		ui_message(ui, 0, "已放弃输入的内容");
	} else if (ui->confirm == CONFIRM_COMMAND) {
		command_confirmed(ui);
	} else {
		uiform_save(ui);
	}
}

/* ---- help and answers ------------------------------------------------------------ */

void popup_text(struct ui *ui, const char *title, char *text)
{
	free(ui->text);
	ui->text = text;
	ui->text_top = 0;
	snprintf(ui->text_title, sizeof ui->text_title, "%s", title);
	ui->under = MODE_MAIN;
	ui->mode = MODE_TEXT;
	ui->dirty |= DIRTY_MAIN;
}

void ui_show_answer(struct ui *ui, const char *title, char *answer)
{
	size_t n = strlen(answer);

	while (n && answer[n - 1] == '\n')
		answer[--n] = '\0';
	/* One line (a transition's "草稿 → 待审核；审核期限 …") belongs on
	 * the status line; a report gets a window of its own. */
	if (!strchr(answer, '\n')) {
		ui_message(ui, 0, "已完成：%s。%s", title, answer);
		free(answer);
		return;
	}
	popup_text(ui, title, answer);
}

void popup_help(struct ui *ui)
{
	struct strbuf sb = STRBUF_INIT;
	char keys[128];

	sb_add(&sb, "键盘（可在 $XDG_CONFIG_HOME/govnet/keys 中用 bind/unbind 修改）\n\n");
	for (int c = CMD_NONE + 1; c < CMD_COUNT; c++) {
		keymap_keys_of(&ui->keys, (enum ui_cmd)c, keys, sizeof keys);
		if (!keys[0])
			continue;
		sb_add(&sb, keys);
		for (size_t w = utf8_width(keys); w < 18; w++)
			sb_addch(&sb, ' ');
		sb_addf(&sb, " %s  [%s]\n", ui_cmds[c].title, ui_cmds[c].name);
	}
	sb_add(&sb, "\n标签页：每个插件一个（组织、登录、审计等管理表同在“管理”），数字键 1–9 直达；\n"
		    "        插件的各个视图是它的子标签页，列在标签栏下一行\n");
	sb_add(&sb, "\n编辑文字：←/→ 移动，Home/End 或 ^A/^E 行首行尾，Backspace/Del 删除，^U 删至行首\n"
		    "命令：:q 退出  :theme 名称  :org 组织（缩小范围，:org 恢复）  :refresh\n"
		    "      :messages 本次会话的全部消息  ^L 重绘整个屏幕\n"
		    "      :report 2026-10 某月的月报（月报页上 ←/→ 上月、下月）\n"
		    "      :组件 视图 打开一个视图，如 :access queue（Tab 补全命令、组件与视图名）\n"
		    "      以及任何命令行命令，如 :org add 测试局 --parent 东海县\n");
	popup_text(ui, "帮助", sb_detach(&sb));
	ui->mode = MODE_HELP;
}

char *ui_format_result(const struct gn_plugin *c, const struct door_result *res)
{
	(void)c;
	if (res->rows && json_array_size(res->rows) > 0)
		return NULL;
	if (res->text && *res->text)
		return xstrdup(res->text);
	return NULL;
}

/* ---- keys ---------------------------------------------------------------------- */

/* The rows text takes wrapped to width cells (each line at least one). */
static int text_rows(const char *text, int width)
{
	int n = 0;

	for (const char *p = text ? text : ""; width > 0;) {
		size_t len = strcspn(p, "\n"), used;
		n++;
		for (size_t at = 0; at < len;) {
			char line[1024];
			size_t k = len - at < sizeof line - 1 ? len - at : sizeof line - 1;
			memcpy(line, p + at, k);
			line[k] = '\0';
			size_t fit = utf8_fit(line, (size_t)width, &used);
			if (!fit)
				break;
			at += fit;
			n += at < len;
		}
		if (!p[len])
			break;
		p += len + 1;
	}
	return n;
}

static struct rect centered(struct ui *ui, int w, int h);

/* The text window's box, and the cells of text a row holds. */
static struct rect text_box(struct ui *ui, int *width)
{
	struct rect r = centered(ui, ui->lay.cols - 4, ui->lay.rows - 4);

	*width = r.w - 4;
	return r;
}

void popup_key(struct ui *ui, int key)
{
	enum ui_cmd cmd = keymap_lookup(&ui->keys, UI_CTX_MAIN, key);

	ui->dirty |= DIRTY_MAIN;
	switch (ui->mode) {
	case MODE_MENU:
		if (cmd == CMD_DOWN)
			ui->menu_sel = (ui->menu_sel + 1) % ui->nmenu;
		else if (cmd == CMD_UP)
			ui->menu_sel = (ui->menu_sel + ui->nmenu - 1) % ui->nmenu;
		else if (key == '\n')
			menu_choose(ui);
		else if (key == UI_KEY_ESC || cmd == CMD_BACK || cmd == CMD_QUIT)
			popup_close(ui);
		else if (key >= '1' && key <= '9' && key - '1' < ui->nmenu) {
			ui->menu_sel = key - '1';
			menu_choose(ui);
		}
		break;
	case MODE_CONFIRM:
		confirm_answer(ui, key == 'y' || key == 'Y');
		break;
	case MODE_HELP:
	case MODE_TEXT: {
		int width;
		struct rect box = text_box(ui, &width);
		int page = box.h - 3, rows = text_rows(ui->text, width);
		if (cmd == CMD_DOWN)
			ui->text_top++;
		else if (cmd == CMD_UP)
			ui->text_top--;
		else if (cmd == CMD_PAGE_DOWN)
			ui->text_top += page;
		else if (cmd == CMD_PAGE_UP)
			ui->text_top -= page;
		else if (key == UI_KEY_ESC || key == '\n' || cmd == CMD_QUIT || cmd == CMD_HELP || cmd == CMD_BACK)
			popup_close(ui);
		else if (cmd == CMD_TOP)
			ui->text_top = 0;
		else if (cmd == CMD_BOTTOM)
			ui->text_top = rows;
		if (ui->text_top > rows - page)
			ui->text_top = rows - page;
		if (ui->text_top < 0)
			ui->text_top = 0;
		break;
	}
	default:
		popup_close(ui);
		break;
	}
}

/* ---- drawing -------------------------------------------------------------------- */

static struct rect centered(struct ui *ui, int w, int h)
{
	struct rect r;

	if (w > ui->lay.cols - 2)
		w = ui->lay.cols - 2;
	if (h > ui->lay.rows - 3)
		h = ui->lay.rows - 3;
	r.w = w;
	r.h = h;
	r.x = (ui->lay.cols - w) / 2;
	r.y = 1 + (ui->lay.rows - 3 - h) / 2;
	return r;
}

static void box_title(struct ui *ui, struct rect r, const char *title)
{
	char t[256];

	snprintf(t, sizeof t, " %s ", title);
	draw_use(&ui->draw, EL_TITLE);
	int w = (int)utf8_width(t);
	draw_text(r.y, r.x + 2, w < r.w - 4 ? w : r.w - 4, t, 0);
}

/* The lines a refusal takes under its item, wrapped to width cells. */
static int reason_lines(const char *reason, int width)
{
	int n = 0;
	size_t used;

	while (reason && *reason && width > 0) {
		size_t k = utf8_fit(reason, (size_t)width, &used);
		reason += k ? k : strlen(reason);
		n++;
	}
	return n;
}

static void draw_menu(struct ui *ui)
{
	int w = 20, h = 4;

	for (int i = 0; i < ui->nmenu; i++) {
		int lw = (int)utf8_width(ui->menu[i].label) + 6;
		if (lw > w)
			w = lw;
		lw = (int)utf8_width(ui->menu[i].refused) + 6;
		if (lw > w)
			w = lw;
	}
	if (w > ui->lay.cols - 2)
		w = ui->lay.cols - 2;
	for (int i = 0; i < ui->nmenu; i++)
		h += 1 + reason_lines(ui->menu[i].refused, w - 6);
	struct rect r = centered(ui, w, h);
	draw_use(&ui->draw, EL_DIALOG);
	draw_box(&ui->draw, r);
	box_title(ui, r, "可执行的操作");
	int y = r.y + 1;
	for (int i = 0; i < ui->nmenu && y < r.y + r.h - 2; i++) {
		char label[300];
		const char *reason = ui->menu[i].refused;
		snprintf(label, sizeof label, "%d %s%s", i + 1, ui->menu[i].label, *reason ? "（不可用）" : "");
		draw_use(&ui->draw, i == ui->menu_sel ? EL_SELECTED : *reason ? EL_HINT : EL_DIALOG);
		draw_text_cut(y++, r.x + 1, r.w - 2, label, 0);
		draw_use(&ui->draw, EL_HINT);
		while (*reason && y < r.y + r.h - 2) {
			size_t used, k = utf8_fit(reason, (size_t)(r.w - 6), &used);
			char line[1024];
			if (!k)
				break;
			snprintf(line, sizeof line, "%.*s", (int)k, reason);
			draw_text(y++, r.x + 4, r.w - 5, line, 0);
			reason += k;
		}
	}
	draw_use(&ui->draw, EL_HINT);
	draw_text(r.y + r.h - 2, r.x + 2, r.w - 4, "Enter 选择  Esc 关闭", 0);
}

static void draw_confirm(struct ui *ui)
{
	int w = (int)utf8_width(ui->question) + 6;
	struct rect r = centered(ui, w < 40 ? 40 : w, 5);

	draw_use(&ui->draw, EL_DIALOG);
	draw_box(&ui->draw, r);
	box_title(ui, r, "请确认");
	draw_use(&ui->draw, EL_DIALOG);
	draw_text(r.y + 1, r.x + 2, r.w - 4, ui->question, 0);
	draw_use(&ui->draw, EL_HINT);
	draw_text(r.y + 3, r.x + 2, r.w - 4, "y 是    其他键 否", 0);
}

/* Help and answers: every line wrapped to the box (never cut), scrolled
 * by rows, with marks while more is above or below. */
static void draw_text_box(struct ui *ui)
{
	int width;
	struct rect r = text_box(ui, &width);
	const char *p = ui->text ? ui->text : "";
	int row = 0, y = r.y + 1, bottom = r.y + r.h - 2, rows = text_rows(ui->text, width);
	char hint[128];

	draw_use(&ui->draw, EL_DIALOG);
	draw_box(&ui->draw, r);
	box_title(ui, r, ui->text_title);
	draw_use(&ui->draw, EL_DIALOG);
	while (y < bottom) {
		size_t len = strcspn(p, "\n"), at = 0, used;
		do {
			char line[1024];
			size_t k = len - at < sizeof line - 1 ? len - at : sizeof line - 1;
			memcpy(line, p + at, k);
			line[k] = '\0';
			size_t fit = utf8_fit(line, (size_t)width, &used);
			line[fit] = '\0';
			if (row++ >= ui->text_top && y < bottom)
				draw_text(y++, r.x + 2, width, line, 0);
			at += fit ? fit : k;
		} while (at < len);
		if (!p[len])
			break;
		p += len + 1;
	}
	draw_use(&ui->draw, EL_HINT);
	snprintf(hint, sizeof hint, "j/k、PgDn/PgUp、g/G 滚动  Esc 关闭%s%s", ui->text_top > 0 ? "  ↑ 上面还有" : "",
		 ui->text_top + (bottom - r.y - 1) < rows ? "  ↓ 下面还有" : "");
	draw_text(r.y + r.h - 2, r.x + 2, r.w - 4, hint, 0);
}

void popup_draw(struct ui *ui)
{
	switch (ui->mode) {
	case MODE_MENU: draw_menu(ui); break;
	case MODE_CONFIRM:
		if (ui->under == MODE_FORM)
			uiform_draw(ui);
		draw_confirm(ui);
		break;
	case MODE_HELP:
	case MODE_TEXT: draw_text_box(ui); break;
	default: break;
	}
}
