/*
 * ui.c — the console's main loop.
 *
 * One plain loop: draw what changed, wait for a key (at most a couple of
 * seconds), act on it.  While nobody types, the loop notices changes
 * others made to the store (PRAGMA data_version) and reads again what is
 * shown, keeping the cursor on its record; otherwise it does nothing, so
 * an idle console costs no CPU.
 */
#include "config.h"
#include "ui.h"
#include "ui_int.h"
#include "bench.h"
#include "taborder.h"
#include "term.h"
#include "../core/boundary.h"
#include "../core/clock.h"
#include "../core/identity.h"
#include "../core/outbox.h"
#include "../core/registry.h"
#include "../core/store.h"
#include "../core/strbuf.h"
#include "../front/describe.h"

#include <curses.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "../core/session.h"
#include "userconf.h"
#include <nettle/base64.h>
#include "govnet/banned.h"

/* How long the loop sleeps when nothing happens, and how soon after the
 * last keystroke a filter's total is counted. */
#define IDLE_TIMEOUT_MS 2000
#define COUNT_DELAY_MS 150
/* A piece of the work done between keys (background_step). */
#define BACKGROUND_PIECE_MS 8.0
/* How much of the session's messages :messages keeps (bytes). */
#define UI_MESSAGE_LOG_MAX 65536

struct ui_tab *ui_current(struct ui *ui)
{
	return &ui->tabs[ui->tab];
}

void ui_message(struct ui *ui, int error, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(ui->msg, sizeof ui->msg, fmt, ap);
	va_end(ap);
	ui->msg_error = error;
	ui->dirty |= DIRTY_LINE;
	if (!ui->msg[0])
		return;
	/* The log keeps the latest messages: past its bound, the older half goes. */
	if (ui->msglog.len > UI_MESSAGE_LOG_MAX) {
		const char *half = strchr(sb_str(&ui->msglog) + ui->msglog.len / 2, '\n');
		char *rest = xstrdup(half ? half + 1 : "");
		sb_reset(&ui->msglog);
		sb_add(&ui->msglog, rest);
		free(rest);
	}
	char when[CLOCK_ISO_LEN];
	clock_format(ui->ctx.now, when);
	/* "YYYY-MM-DDTHH:MM": the day and the minute, as the status line shows them */
	sb_addf(&ui->msglog, "%.5s %.5s %s%s\n", when + 5, when + 11, error ? "错误：" : "", ui->msg);
}

char *ui_message_log(struct ui *ui)
{
	struct strbuf sb = STRBUF_INIT;

	decisions_list(ui, &sb);
	sb_add(&sb, ui->msglog.len ? sb_str(&ui->msglog) : "（本次会话还没有消息）");
	ui->dirty |= DIRTY_LINE;
	return sb_detach(&sb);
}

/* Messages written to stderr (a plugin that failed to load, a hook that
 * failed after commit) become the status message instead of scribbling
 * on the screen. */
void ui_take_stderr(struct ui *ui)
{
	struct strbuf got = STRBUF_INIT;
	char *line, *last = NULL;

	term_take_stderr(&got);
	for (line = got.buf; line && *line;) {
		char *nl = strchr(line, '\n');
		if (nl)
			*nl = '\0';
		if (*line)
			last = line;
		line = nl ? nl + 1 : line + strlen(line);
	}
	if (last)
		ui_message(ui, 1, "%s", strncmp(last, "govnet: ", 8) == 0 ? last + 8 : last);
	sb_free(&got);
}

int ui_list_height(const struct ui *ui)
{
	return ui->lay.main.h - 1; /* below the column headings */
}

int ui_row_record(struct ui *ui, struct record *rec)
{
	struct ui_tab *t = ui_current(ui);
	const struct lrow *row = t->comp ? list_current(&t->list) : NULL;

	if (!row || !t->comp->record)
		return -1;
	if (!view_lists(t->view, t->comp->record->table)) {
		return record_load_row(rec, &ui->ctx, &ui->scope, t->comp, t->view, row->id);
	}
	return record_load(rec, &ui->ctx, &ui->scope, t->comp, row->id);
}

void ui_sync_detail(struct ui *ui)
{
	struct ui_tab *t = ui_current(ui);
	const struct lrow *row = t->comp ? list_current(&t->list) : NULL;

	if (!t->comp || !t->comp->record || !row) {
		record_free(&ui->rec);
		ui->dirty |= DIRTY_SIDE | DIRTY_MAIN;
		return;
	}
	/* Only a pane that is on screen needs the record. */
	if (!ui->lay.side.w && !ui->detail_open)
		return;
	const struct gn_view *from = view_lists(t->view, t->comp->record->table) ? NULL : t->view;
	if (ui->rec.comp == t->comp && ui->rec.view == from && ui->rec.id == row->id && !ui->rec.error[0] && ui->rec.n)
		return;
	if (from)
		record_load_row(&ui->rec, &ui->ctx, &ui->scope, t->comp, from, row->id);
	else
		record_load(&ui->rec, &ui->ctx, &ui->scope, t->comp, row->id);
	ui->detail_top = 0;
	ui->dirty |= DIRTY_SIDE | DIRTY_MAIN;
}

static void load_tab(struct ui *ui)
{
	struct ui_tab *t = ui_current(ui);

	if (t->report) {
		report_tab_load(ui, t);
		return;
	}
	if (!t->comp) {
		overview_load(&ui->ov, &ui->ctx, &ui->scope);
		ui->ov_loaded = 1;
		return;
	}
	t->list.height = ui_list_height(ui) > 0 ? ui_list_height(ui) : 1;
	if (t->loaded)
		list_set_height(&t->list, ui_list_height(ui));
	else if (t->list.nrows)
		list_refresh(&t->list);
	else
		list_reload(&t->list);
	t->loaded = 1;
	ui_sync_detail(ui);
}

void ui_switch_tab(struct ui *ui, int tab)
{
	if (tab < 0 || tab >= ui->ntabs)
		return;
	ui->tab = tab;
	ui->groups[ui->tabs[tab].group].last = tab;
	ui->detail_open = 0;
	record_free(&ui->rec);
	subtabs_layout(ui);
	load_tab(ui);
	ui->dirty |= DIRTY_ALL;
}

void ui_store_changed(struct ui *ui)
{
	for (int i = 0; i < ui->ntabs; i++)
		ui->tabs[i].loaded = 0;
	ui->ov_loaded = 0;
	record_free(&ui->rec);
	decisions_load(ui);
	load_tab(ui);
	ui->dirty |= DIRTY_ALL & ~DIRTY_CLEAR;
}

/* ---- the tabs ------------------------------------------------------------- */

static void add_tab(struct ui *ui, const struct gn_plugin *c, const struct gn_view *v)
{
	struct ui_tab *t;

	ui->tabs = xrealloc(ui->tabs, (size_t)(ui->ntabs + 1) * sizeof *ui->tabs);
	t = &ui->tabs[ui->ntabs++];
	memset(t, 0, sizeof *t);
	t->comp = c;
	t->view = v;
	if (!c)
		snprintf(t->title, sizeof t->title, "概览");
	else if (v == c->views || !v->title)
		snprintf(t->title, sizeof t->title, "%s", v->title ? v->title : c->title);
	else
		snprintf(t->title, sizeof t->title, "%s/%s", c->title, v->title);
}

struct tab_place {
	const struct gn_plugin *comp;
	const struct gn_view *view;
	int rank, seq;
	int core;
	int group_rank, group_seq; /* its tab's: the first of its plugin's (the core's) views */
};

static int cmp_int(int x, int y)
{
	return (x > y) - (x < y);
}

static int tab_place_cmp(const void *a, const void *b)
{
	const struct tab_place *x = a, *y = b;

	if (x->group_rank != y->group_rank || x->group_seq != y->group_seq)
		return x->group_rank != y->group_rank ? cmp_int(x->group_rank, y->group_rank)
						      : cmp_int(x->group_seq, y->group_seq);
	return x->rank != y->rank ? cmp_int(x->rank, y->rank) : cmp_int(x->seq, y->seq);
}

/* Whether two views share a tab: a plugin's views do, and the core's
 * administrative tables share one (subtabs.c). */
static int same_tab(const struct tab_place *x, const struct tab_place *y)
{
	return x->core ? y->core : x->comp == y->comp;
}

/* The Overview, then a tab per plugin in the order the login's role works
 * (taborder.h) — its views as sub-tabs in that order — the registry's
 * order among equals. */
static void build_tabs(struct ui *ui)
{
	struct tab_place *places = NULL;
	int n = 0;

	add_tab(ui, NULL, NULL);
	for (size_t i = 0; i < ui->ctx.reg->n; i++) {
		const struct gn_plugin *c = ui->ctx.reg->items[i].desc;
		for (const struct gn_view *v = c->views; v && v->name; v++) {
			int core = ui->ctx.reg->items[i].handle == NULL;
			places = xrealloc(places, (size_t)(n + 1) * sizeof *places);
			places[n] = (struct tab_place){ c, v, taborder_rank(ui->ctx.actor.role, c, v, core), n, core, 0, 0 };
			n++;
		}
	}
	/* A tab comes where its plugin's first view would. */
	for (int i = 0; i < n; i++) {
		places[i].group_rank = places[i].rank;
		places[i].group_seq = places[i].seq;
		for (int j = 0; j < n; j++)
			if (same_tab(&places[i], &places[j]) &&
			    (places[j].rank < places[i].group_rank ||
			     (places[j].rank == places[i].group_rank && places[j].seq < places[i].group_seq))) {
				places[i].group_rank = places[j].rank;
				places[i].group_seq = places[j].seq;
			}
	}
	if (n)
		qsort(places, (size_t)n, sizeof *places, tab_place_cmp);
	for (int i = 0; i < n; i++) {
		add_tab(ui, places[i].comp, places[i].view);
		ui->tabs[ui->ntabs - 1].core = places[i].core;
		overview_add(&ui->ov, places[i].comp, places[i].view);
	}
	free(places);
	/* Lists are set up once the tabs stopped moving in memory. */
	for (int i = 1; i < ui->ntabs; i++)
		list_init(&ui->tabs[i].list, &ui->ctx, &ui->scope, ui->tabs[i].comp, ui->tabs[i].view);
	/* The monthly report last, after every list. */
	add_tab(ui, NULL, NULL);
	ui->tabs[ui->ntabs - 1].report = 1;
	snprintf(ui->tabs[ui->ntabs - 1].title, sizeof ui->tabs[0].title, "月报");
	subtabs_build(ui);
}

/* ---- keys of the lists ---------------------------------------------------- */

static void overview_move(struct ui *ui, int delta)
{
	struct overview_due_entry e[OVERVIEW_DUE_ENTRIES];
	int ne = overview_due_entries(&ui->ov.due, overview_due_shown(ui->lay.main.h), e);
	int c = ui->ov.cursor + delta;

	/* Below 0: the deadline lines above the lists (overview.h). */
	if (c >= ui->ov.n)
		c = ui->ov.n - 1;
	if (c < -ne)
		c = -ne;
	ui->ov.cursor = c;
	ui->dirty |= DIRTY_MAIN;
}

/* Enter on a deadline line: its record, or every one of its kind. */
static void overview_open_due(struct ui *ui)
{
	struct overview_due_entry e[OVERVIEW_DUE_ENTRIES];
	int ne = overview_due_entries(&ui->ov.due, overview_due_shown(ui->lay.main.h), e);
	int k = ui->ov.cursor + ne;

	if (k < 0 || k >= ne)
		return;
	if (e[k].index < 0) {
		popup_text(ui, e[k].soon ? "2 个工作日内到期" : "已超期",
			   overview_due_text(&ui->ctx, &ui->scope, e[k].soon));
		return;
	}
	const struct gn_plugin *c = e[k].soon ? ui->ov.due.soon_comp[e[k].index] : ui->ov.due.overdue_comp[e[k].index];
	int64_t id = e[k].soon ? ui->ov.due.soon_id[e[k].index] : ui->ov.due.overdue_id[e[k].index];
	if (c)
		command_open_record(ui, c, id);
}

static void list_moved(struct ui *ui)
{
	ui_sync_detail(ui);
	ui->dirty |= DIRTY_MAIN | DIRTY_SIDE | DIRTY_STATUS;
}

/* What the filter's prompt offers above it: the titles of the view's
 * choice filters (its states, kinds …), which its rows show and the
 * filter finds, as a person reads them; not kept in the message log. */
static void filter_hint(struct ui *ui, const struct ui_tab *t)
{
	struct strbuf hint = STRBUF_INIT;

	for (const struct gn_filter *f = t->view->filters; f && f->name; f++) {
		if (f->type != GN_FIELD_CHOICE || !f->choice_titles)
			continue;
		sb_addf(&hint, "%s%s ", hint.len ? "；" : "可按标题筛选——", f->label ? f->label : f->name);
		for (size_t i = 0; f->choices[i]; i++)
			sb_addf(&hint, "%s%s", i ? "、" : "", f->choice_titles[i] ? f->choice_titles[i] : f->choices[i]);
	}
	snprintf(ui->msg, sizeof ui->msg, "%s", sb_str(&hint));
	ui->msg_error = 0;
	ui->dirty |= DIRTY_LINE;
	sb_free(&hint);
}

static void start_line(struct ui *ui, enum ui_mode mode, const char *text)
{
	edit_free(&ui->line);
	edit_init(&ui->line, 250, 0);
	edit_set(&ui->line, text);
	ui->mode = mode;
	ui->history_pos = ui->nhistory;
	ui->dirty |= DIRTY_LINE;
}

/* Whether an action acts on the kind of record a tab lists: its table is
 * the one the view reads (a filings view makes and edits filings, not
 * requests).  Actions that name no table fit every view. */
int ui_action_fits_view(const struct ui_tab *t, const struct gn_action *a)
{
	return !a->table || view_lists(t->view, a->table);
}

static const struct gn_action *first_allowed(struct ui *ui, const struct ui_tab *t, int creates)
{
	const struct gn_action *set = NULL, *made = NULL;

	for (const struct gn_action *a = t->comp->actions; a && a->verb; a++) {
		if (!door_role_allows(&ui->ctx, a) || (a->flags & GN_ACTION_READONLY) || !a->table ||
		    !ui_action_fits_view(t, a))
			continue;
		/* With a row selected, what is made inside it comes first
		 * (a block allocated in the selected one). */
		if (creates && (a->flags & GN_ACTION_CREATES) && !made)
			made = a;
		if (creates && (a->flags & GN_ACTION_CREATES) && action_field(a, "parent") && list_current(&t->list))
			return a;
		if (!creates && !(a->flags & (GN_ACTION_CREATES | GN_ACTION_DESTRUCTIVE)) && action_field(a, "id")) {
			if (strcmp(a->verb, "set") == 0 || strcmp(a->verb, "edit") == 0)
				return a;
			if (!set)
				set = a;
		}
	}
	return creates ? made : set;
}

/* Whether any role may make (creates) or edit the records a tab lists. */
static int can_anyone(const struct ui_tab *t, int creates)
{
	for (const struct gn_action *a = t->comp->actions; a && a->verb; a++)
		if (a->table && !(a->flags & GN_ACTION_READONLY) && ui_action_fits_view(t, a) &&
		    (creates ? (a->flags & GN_ACTION_CREATES) != 0
			     : !(a->flags & (GN_ACTION_CREATES | GN_ACTION_DESTRUCTIVE)) && action_field(a, "id")))
			return 1;
	return 0;
}

static void new_or_edit(struct ui *ui, int creates)
{
	struct ui_tab *t = ui_current(ui);
	const struct gn_action *a;

	if (!t->comp) {
		ui_message(ui, 1, "请先切换到一个列表标签页");
		return;
	}
	a = first_allowed(ui, t, creates);
	if (!a && !creates && first_allowed(ui, t, 1))
		ui_message(ui, 1, "「%s」中的记录不能修改；按 c 新建一条（取代现有的）", t->title);
	else if (!a && can_anyone(t, creates))
		ui_message(ui, 1, "角色 %s（%s）不能在「%s」中%s", role_name(ui->ctx.actor.role),
			   role_title(ui->ctx.actor.role), t->title, creates ? "新建" : "修改");
	else if (!a)
		ui_message(ui, 1, "「%s」中的记录%s", t->title, creates ? "不能在控制台中新建" : "不能修改");
	if (!a)
		return;
	if (!creates && !list_current(&t->list)) {
		ui_message(ui, 1, "没有选中的记录");
		return;
	}
	uiform_open(ui, t->comp, a, 1);
}

/* An open record's keys move through it, not through the list; true when
 * cmd was one of them.  The pane clamps the position when it draws. */
static int detail_scroll(struct ui *ui, enum ui_cmd cmd)
{
	int page = ui->lay.main.h > 3 ? ui->lay.main.h - 3 : 1;

	switch (cmd) {
	case CMD_DOWN: ui->detail_top++; break;
	case CMD_UP: ui->detail_top--; break;
	case CMD_PAGE_DOWN: ui->detail_top += page; break;
	case CMD_PAGE_UP: ui->detail_top -= page; break;
	case CMD_TOP: ui->detail_top = 0; break;
	case CMD_BOTTOM: ui->detail_top = 1 << 20; break;
	default: return 0;
	}
	if (ui->detail_top < 0)
		ui->detail_top = 0;
	ui->dirty |= DIRTY_SIDE | DIRTY_MAIN;
	return 1;
}

void ui_scroll_sideways(struct ui *ui, struct ui_tab *t, enum ui_cmd cmd)
{
	if (cmd == CMD_SCROLL_LEFT ? t->hscroll == 0 : !t->more_right) {
		ui_message(ui, 0, cmd == CMD_SCROLL_LEFT ? "已在最左一列" : "已显示到最后一列");
		return;
	}
	t->hscroll += cmd == CMD_SCROLL_LEFT ? -1 : 1;
	ui->dirty |= DIRTY_MAIN;
}

/* How far n/N look before saying there is no further match. */
#define MATCH_LOOK_MAX 5000

static int row_matches(const struct ui_tab *t, const struct lrow *row, const char *text)
{
	for (int i = 0; row && i < t->list.ncols; i++)
		if (strstr(row->cells[i], text))
			return 1;
	return 0;
}

/* n/N: the next or previous row holding the filter's text, or the last
 * filter's once it was cleared (as less and vim search). */
static void next_match(struct ui *ui, int dir)
{
	struct ui_tab *t = ui_current(ui);
	const char *text = t->list.search[0] ? t->list.search : ui->last_search;
	const struct lrow *row = list_current(&t->list);
	int64_t from = row ? row->id : 0;

	if (!*text) {
		ui_message(ui, 1, "还没有查找的文字：先按 / 输入");
		return;
	}
	for (int i = 0; i < MATCH_LOOK_MAX; i++) {
		int64_t before = row ? row->id : 0;
		list_move(&t->list, dir);
		row = list_current(&t->list);
		if (!row || row->id == before) /* the end of the list */
			break;
		if (row_matches(t, row, text)) {
			list_moved(ui);
			return;
		}
	}
	if (from)
		list_goto_id(&t->list, from);
	list_moved(ui);
	ui_message(ui, 1, "%s没有含「%s」的记录了", dir > 0 ? "下面" : "上面", text);
}

/* y: the record's CIDR, else its number, to the clipboard of whatever
 * terminal shows the console (OSC 52: over SSH and in tmux too). */
static void yank(struct ui *ui)
{
	struct ui_tab *t = ui_current(ui);
	const struct lrow *row = list_current(&t->list);
	char value[256], b64[BASE64_ENCODE_RAW_LENGTH(sizeof value) + 1];

	if (!row) {
		ui_message(ui, 1, "没有选中的记录");
		return;
	}
	snprintf(value, sizeof value, "%lld", (long long)row->id);
	for (int i = 0; i < t->list.ncols; i++)
		if (strcmp(t->view->columns[i].name, "cidr") == 0 && row->cells[i][0])
			snprintf(value, sizeof value, "%s", row->cells[i]);
	base64_encode_raw(b64, strlen(value), (const uint8_t *)value);
	b64[BASE64_ENCODE_RAW_LENGTH(strlen(value))] = '\0';
	printf("\033]52;c;%s\a", b64);
	fflush(stdout);
	ui_message(ui, 0, "已复制到剪贴板：%s", value);
}

/* A click: a tab on the tab bar, a row of the list; the wheel scrolls. */
static void mouse_event(struct ui *ui)
{
	struct ui_tab *t = ui_current(ui);
	MEVENT ev;

	if (getmouse(&ev) != OK)
		return;
	if (ev.bstate & (BUTTON4_PRESSED | BUTTON5_PRESSED)) {
		if (t->comp) {
			list_move(&t->list, (ev.bstate & BUTTON4_PRESSED) ? -3 : 3);
			list_moved(ui);
		}
		return;
	}
	if (!(ev.bstate & (BUTTON1_CLICKED | BUTTON1_PRESSED | BUTTON1_RELEASED)))
		return;
	if (subtabs_click(ui, ev.y, ev.x))
		return;
	/* Rows start under the column headings. */
	int row = ev.y - ui->lay.main.y - 1;
	if (t->comp && !ui->detail_open && row >= 0 && row < t->list.nrows && ev.x < ui->lay.main.x + ui->lay.main.w) {
		list_move(&t->list, row - t->list.cursor);
		list_moved(ui);
	}
}

void ui_apply_mouse(struct ui *ui)
{
	const char *kmous = tigetstr("kmous"), *term = getenv("TERM");

	/* Only terminals that report the mouse themselves (xterm's protocol):
	 * on the Linux console ncurses would load GPM's library for it. */
	if (!kmous || kmous == (const char *)-1 || !*kmous || (term && strncmp(term, "linux", 5) == 0))
		return;
	mousemask(ui->mouse ? BUTTON1_CLICKED | BUTTON1_PRESSED | BUTTON4_PRESSED | BUTTON5_PRESSED : 0, NULL);
	mouseinterval(0);
}

static void main_key(struct ui *ui, int key)
{
	struct ui_tab *t = ui_current(ui);
	enum ui_cmd cmd = keymap_lookup(&ui->keys, UI_CTX_MAIN, key);
	int page = ui_list_height(ui) > 1 ? ui_list_height(ui) - 1 : 1;

	if (cmd >= CMD_TAB1 && cmd <= CMD_TAB9) {
		subtabs_open(ui, cmd - CMD_TAB1);
		return;
	}
	if (key == UI_KEY_FN(KEY_MOUSE)) {
		mouse_event(ui);
		return;
	}
	if (ui->detail_open && t->comp && detail_scroll(ui, cmd))
		return;
	if (t->report && report_tab_key(ui, t, cmd))
		return;
	switch (cmd) {
	case CMD_DOWN:
	case CMD_UP:
	case CMD_PAGE_DOWN:
	case CMD_PAGE_UP: {
		int delta = cmd == CMD_DOWN ? 1 : cmd == CMD_UP ? -1 : cmd == CMD_PAGE_DOWN ? page : -page;
		if (!t->comp) {
			overview_move(ui, delta);
		} else {
			list_move(&t->list, delta);
			list_moved(ui);
		}
		break;
	}
	case CMD_TOP:
	case CMD_BOTTOM:
		if (!t->comp) {
			overview_move(ui, cmd == CMD_TOP ? -ui->ov.n : ui->ov.n);
		} else {
			if (cmd == CMD_TOP)
				list_top(&t->list);
			else
				list_bottom(&t->list);
			list_moved(ui);
		}
		break;
	case CMD_OPEN:
		if (!t->comp) {
			if (ui->ov.cursor < 0)
				overview_open_due(ui);
			else if (ui->ov.n)
				ui_switch_tab(ui, ui->ov.cursor + 1);
		} else if (list_current(&t->list)) {
			ui->detail_open = 1;
			ui->detail_top = 0;
			ui_sync_detail(ui);
			ui->dirty |= DIRTY_ALL & ~DIRTY_CLEAR;
		}
		break;
	case CMD_BACK:
		if (ui->detail_open) {
			ui->detail_open = 0;
			ui->dirty |= DIRTY_ALL & ~DIRTY_CLEAR;
		} else if (t->comp && t->list.search[0]) {
			list_set_search(&t->list, "");
			list_moved(ui);
			ui_message(ui, 0, "已清除筛选");
		} else if (ui->msg[0]) {
			ui->msg[0] = '\0';
			ui->dirty |= DIRTY_LINE;
		}
		break;
	case CMD_NEXT_TAB:
		subtabs_open(ui, (t->group + 1) % ui->ngroups);
		break;
	case CMD_PREV_TAB:
		subtabs_open(ui, (t->group + ui->ngroups - 1) % ui->ngroups);
		break;
	case CMD_NEXT_VIEW:
	case CMD_PREV_VIEW:
		subtabs_step(ui, cmd == CMD_NEXT_VIEW ? 1 : -1);
		break;
	case CMD_SCROLL_LEFT:
	case CMD_SCROLL_RIGHT:
		if (t->comp)
			ui_scroll_sideways(ui, t, cmd);
		break;
	case CMD_MATCH_NEXT:
	case CMD_MATCH_PREV:
		if (t->comp)
			next_match(ui, cmd == CMD_MATCH_NEXT ? 1 : -1);
		break;
	case CMD_YANK:
		if (t->comp)
			yank(ui);
		break;
	case CMD_FILTER:
		if (!t->comp) {
			ui_message(ui, 1, "概览不能筛选：请切换到一个列表");
			break;
		}
		ui->detail_open = 0;
		start_line(ui, MODE_FILTER, t->list.search);
		filter_hint(ui, t);
		ui->dirty |= DIRTY_ALL & ~DIRTY_CLEAR;
		break;
	case CMD_SORT:
	case CMD_SORT_REVERSE:
		if (!t->comp)
			break;
		if (cmd == CMD_SORT)
			list_next_sort(&t->list);
		else
			list_reverse(&t->list);
		list_moved(ui);
		break;
	case CMD_NEW:
		new_or_edit(ui, 1);
		break;
	case CMD_EDIT:
		new_or_edit(ui, 0);
		break;
	case CMD_ACTIONS:
		popup_menu_open(ui);
		break;
	case CMD_COMMAND:
		ui->msg[0] = '\0';
		start_line(ui, MODE_COMMAND, "");
		break;
	case CMD_HELP:
		popup_help(ui);
		break;
	case CMD_QUIT:
		ui->quit = 1;
		break;
	case CMD_REDRAW:
		/* The terminal may hold anything (a wall broadcast): send every cell again. */
		clearok(curscr, TRUE);
		ui_store_changed(ui);
		ui->dirty |= DIRTY_ALL;
		break;
	default:
		break;
	}
}

/* ---- the filter and command prompts -------------------------------------- */

static int line_edit_key(struct edit *e, int key)
{
	if (key == UI_KEY_FN(KEY_LEFT))
		return edit_left(e), 0;
	if (key == UI_KEY_FN(KEY_RIGHT))
		return edit_right(e), 0;
	if (key == UI_KEY_FN(KEY_HOME) || key == UI_KEY_CTRL('a'))
		return edit_home(e), 0;
	if (key == UI_KEY_FN(KEY_END) || key == UI_KEY_CTRL('e'))
		return edit_end(e), 0;
	if (key == UI_KEY_FN(KEY_BACKSPACE))
		return edit_backspace(e) == 0;
	if (key == UI_KEY_FN(KEY_DC) || key == UI_KEY_CTRL('d'))
		return edit_delete(e) == 0;
	if (key == UI_KEY_CTRL('u'))
		return edit_kill_before(e) == 0;
	if (!UI_KEY_IS_FN(key) && key >= ' ')
		return edit_insert(e, (uint32_t)key) == 0;
	return 0;
}

static void filter_key(struct ui *ui, int key)
{
	struct ui_tab *t = ui_current(ui);

	if (key == '\n') {
		ui->mode = MODE_MAIN;
		ui->msg[0] = '\0'; /* the hint above the prompt */
		ui->dirty |= DIRTY_ALL & ~DIRTY_CLEAR;
		return;
	}
	if (key == UI_KEY_ESC) {
		ui->mode = MODE_MAIN;
		ui->msg[0] = '\0';
		ui->dirty |= DIRTY_ALL & ~DIRTY_CLEAR;
		if (t->list.search[0]) {
			list_set_search(&t->list, "");
			list_moved(ui);
		}
		ui->dirty |= DIRTY_LINE;
		return;
	}
	if (key == UI_KEY_FN(KEY_DOWN) || key == UI_KEY_FN(KEY_UP)) {
		list_move(&t->list, key == UI_KEY_FN(KEY_DOWN) ? 1 : -1);
		list_moved(ui);
		return;
	}
	if ((key == '\t' && filter_complete(ui, t->view)) || line_edit_key(&ui->line, key)) {
		if (key != '\t')
			filter_hint(ui, t); /* in place of the titles Tab listed */
		list_set_search(&t->list, edit_text(&ui->line));
		if (*edit_text(&ui->line))
			snprintf(ui->last_search, sizeof ui->last_search, "%s", edit_text(&ui->line));
		list_moved(ui);
	}
	ui->dirty |= DIRTY_LINE;
}

static void command_key(struct ui *ui, int key)
{
	if (key == '\n') {
		char line[256];
		snprintf(line, sizeof line, "%s", edit_text(&ui->line));
		ui->mode = MODE_MAIN;
		ui->dirty |= DIRTY_LINE;
		if (line[0]) {
			if (ui->nhistory == UI_HISTORY) {
				memmove(ui->history[0], ui->history[1], sizeof ui->history[0] * (UI_HISTORY - 1));
				ui->nhistory--;
			}
			memcpy(ui->history[ui->nhistory++], line, sizeof line);
			ui->msg[0] = '\0';
			command_run(ui, line);
		}
		return;
	}
	if (key == UI_KEY_ESC) {
		ui->mode = MODE_MAIN;
		ui->msg[0] = '\0';
		ui->dirty |= DIRTY_LINE;
		return;
	}
	if (key == '\t') {
		command_complete(ui);
		ui->dirty |= DIRTY_LINE;
		return;
	}
	ui->msg[0] = '\0'; /* the candidates listed by Tab go as typing goes on */
	if (key == UI_KEY_FN(KEY_UP) && ui->history_pos > 0) {
		edit_set(&ui->line, ui->history[--ui->history_pos]);
	} else if (key == UI_KEY_FN(KEY_DOWN) && ui->history_pos < ui->nhistory) {
		ui->history_pos++;
		edit_set(&ui->line, ui->history_pos < ui->nhistory ? ui->history[ui->history_pos] : "");
	} else {
		line_edit_key(&ui->line, key);
	}
	ui->dirty |= DIRTY_LINE;
}

static void handle_key(struct ui *ui, int key)
{
	if (key == UI_KEY_FN(KEY_RESIZE)) {
		subtabs_layout(ui);
		if (!ui->lay.too_small) {
			if (ui_current(ui)->comp) {
				list_set_height(&ui_current(ui)->list, ui_list_height(ui));
				ui_sync_detail(ui);
			}
			for (int i = 0; i < ui->ntabs; i++)
				if (i != ui->tab)
					ui->tabs[i].loaded = 0;
		}
		ui->dirty |= DIRTY_ALL;
		return;
	}
	if (ui->msg_rows > 1 && ui->mode == MODE_MAIN) {
		/* A message over several rows covers the list's last rows: read,
		 * it goes with the next key (:messages keeps it). */
		ui->msg[0] = '\0';
		ui->dirty |= DIRTY_ALL & ~DIRTY_CLEAR;
	}
	if (ui->lay.too_small) {
		/* Only quitting makes sense on a screen too small to show anything. */
		if (keymap_lookup(&ui->keys, UI_CTX_MAIN, key) == CMD_QUIT)
			ui->quit = 1;
		return;
	}
	switch (ui->mode) {
	case MODE_MAIN: main_key(ui, key); break;
	case MODE_FILTER: filter_key(ui, key); break;
	case MODE_COMMAND: command_key(ui, key); break;
	case MODE_FORM: uiform_key(ui, key); break;
	case MODE_ANSWER: answer_key(ui, key); break;
	default: popup_key(ui, key); break;
	}
}

/* ---- idle work ---------------------------------------------------------------- */

/* Asked at every idle tick: the statement is kept for the connection. */
static long long read_data_version(struct ui *ui)
{
	sqlite3_stmt *st;
	long long v = -1;

	if (store_cached(ui->ctx.db, "PRAGMA data_version", &st) != SQLITE_OK)
		return -1;
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	store_release(ui->ctx.db, st);
	return v;
}

static void tick_clock(struct ui *ui)
{
	time_t now = time(NULL);

	if (!ui->fixed_clock)
		ui->ctx.now = now;
	if (now / 60 != ui->clock_minute) {
		ui->clock_minute = now / 60;
		ui->dirty |= DIRTY_STATUS;
	}
}

/* Work left for between keys: a filter's window to read on, a total or
 * the Overview's figures to count. */
static int background_pending(struct ui *ui)
{
	struct ui_tab *t = ui_current(ui);

	if (ui->lay.too_small || t->report)
		return 0;
	if (!t->comp)
		return ui->ov_loaded && overview_counting(&ui->ov);
	return t->list.partial || t->list.partial_up || list_counting(&t->list) || t->list.building;
}

/* One piece of it, about BACKGROUND_PIECE_MS: a key typed meanwhile waits
 * no longer than that (DESIGN §5: typing never waits on a count). */
static void background_step(struct ui *ui)
{
	struct ui_tab *t = ui_current(ui);

	/* The status line and a message over several rows lie over the
	 * main area's last rows: drawn again over what it drew. */
	if (!t->comp) {
		if (overview_count_step(&ui->ov, &ui->ctx, &ui->scope, BACKGROUND_PIECE_MS))
			ui->dirty |= DIRTY_MAIN | DIRTY_STATUS | DIRTY_LINE;
		return;
	}
	int sorted = t->list.building ? list_sort_step(&t->list, BACKGROUND_PIECE_MS) : 0;
	if (sorted) {
		if (sorted < 0)
			ui_message(ui, 1, "%s", t->list.error);
		if (!t->list.building) /* sorted: the window is read in the new order */
			ui_sync_detail(ui);
		ui->dirty |= DIRTY_MAIN | DIRTY_SIDE | DIRTY_STATUS | DIRTY_LINE;
		return;
	}
	if (t->list.partial || t->list.partial_up) {
		if (list_finish_step(&t->list, BACKGROUND_PIECE_MS)) {
			ui_sync_detail(ui);
			ui->dirty |= DIRTY_MAIN | DIRTY_SIDE | DIRTY_STATUS | DIRTY_LINE;
		}
		return;
	}
	if (list_count_step(&t->list, BACKGROUND_PIECE_MS))
		ui->dirty |= DIRTY_STATUS;
}

static void idle(struct ui *ui)
{
	long long v;

	tick_clock(ui);
	if (ui->lay.too_small)
		return;
	if (ui->count_pending && background_pending(ui)) {
		background_step(ui);
		return; /* the rest when this work is done */
	}
	ui->count_pending = 0;
	v = read_data_version(ui);
	if (v != ui->data_version) {
		/* Someone else changed the store: read again, keep the cursor. */
		ui->data_version = v;
		if (ui->mode != MODE_FORM)
			ui_store_changed(ui);
	}
	/* Notifications due go out while nobody types (DESIGN §2). */
	if (!ui->ctx.read_only) {
		struct gn_err err = { .status = GN_OK };
		int64_t waiting = 0;
		/* A read first: delivery takes the write lock, which only
		 * messages waiting are worth. */
		if (outbox_count_waiting(ui->ctx.db, &waiting, &err) == 0 && waiting > 0 &&
		    outbox_deliver_due(&ui->ctx, 10, &err) < 0 && err.msg[0])
			ui_message(ui, 1, "通知发送失败：%s", err.msg);
	}
	/* The WAL stays bounded while the console is open (store.h). */
	if (!ui->ctx.read_only)
		store_idle_checkpoint(ui->ctx.db);
	ui_take_stderr(ui);
}

/* ---- start and end ------------------------------------------------------------- */

static void load_settings(struct ui *ui, struct strbuf *problems)
{
	const char *theme = getenv("GOVNET_THEME");
	struct gn_err err = { .status = GN_OK };
	char remembered[64] = "", mouse[8] = "";

	keymap_defaults(&ui->keys);
	keymap_load_user(&ui->keys, problems);
	ui->no_color = getenv("NO_COLOR") && *getenv("NO_COLOR");
	theme_builtin(&ui->theme);
	ui->mouse = !(userconf_get("mouse", mouse, sizeof mouse) && strcmp(mouse, "off") == 0);
	/* The theme last chosen with :theme, unless GOVNET_THEME names one. */
	if (!(theme && *theme) && userconf_get("theme", remembered, sizeof remembered) && *remembered)
		theme = remembered;
	if (theme && *theme && theme_load(&ui->theme, theme, &err))
		sb_addf(problems, "%s\n", err.msg);
	else if (!(theme && *theme) && theme_load(&ui->theme, "default", &err))
		theme_builtin(&ui->theme); /* not installed: the built-in copy */
}

void ui_install_theme(struct ui *ui)
{
	draw_install_theme(&ui->draw, &ui->theme, ui->no_color);
	if (!ui->line_drawing)
		ui->draw.ascii = 1;
}

static void loop(struct ui *ui)
{
	while (!ui->quit) {
		wint_t wch;
		int rc, key;

		if (ui->dirty) {
			if (ui->lay.too_small)
				render_too_small(ui);
			else
				render(ui);
			ui->dirty = 0;
			doupdate();
			bench_frame_done();
		}
		/* A list read afresh is counted once the keyboard rests, then
		 * piece after piece while no key comes. */
		int pending = background_pending(ui);
		if (!pending && !ui->dirty)
			bench_quiet();
		timeout(!pending ? IDLE_TIMEOUT_MS : ui->count_pending ? 0 : COUNT_DELAY_MS);
		rc = get_wch(&wch);
		ui->count_pending = pending && rc == ERR;
		if (rc == ERR) {
			bench_idle_begin();
			idle(ui);
			bench_idle_end();
			continue;
		}
		bench_key_begin();
		tick_clock(ui);
		key = key_normalise(rc == KEY_CODE_YES ? UI_KEY_FN(wch) : (int)wch);
		handle_key(ui, key);
	}
}

static void free_ui(struct ui *ui)
{
	if (ui->form_active)
		form_free(&ui->form);
	for (int i = 1; i < ui->ntabs; i++) {
		if (!ui->tabs[i].report)
			list_free(&ui->tabs[i].list);
		free(ui->tabs[i].report_text);
	}
	free(ui->tabs);
	subtabs_free(ui);
	free(ui->menu);
	free(ui->text);
	answer_free(&ui->answer);
	record_free(&ui->rec);
	overview_free(&ui->ov);
	edit_free(&ui->line);
	sb_free(&ui->msglog);
	keymap_free(&ui->keys);
	session_close(&ui->ctx);
}

int ui_main(const char *db_path)
{
	struct ui *ui = xcalloc(1, sizeof *ui);
	struct gn_err err = { .status = GN_OK };
	struct strbuf problems = STRBUF_INIT;
	const char *env_now = boundary_getenv("GOVNET_NOW");
	int rc = 0;

	bench_start();
	if (term_check(&err)) {
		fprintf(stderr, "govnet: %s\n", err.msg);
		free(ui);
		return err.status;
	}
	term_capture_stderr();
	if (session_open(&ui->ctx, db_path, &err) ||
	    (!ui->ctx.actor.registered && identity_refuse_unregistered(&ui->ctx, &err))) {
		struct strbuf step = STRBUF_INIT;
		term_release_stderr();
		/* Said as the console says it: the person may have no shell. */
		front_next_step(ui->ctx.reg, &err, "a", NULL, 0, &step);
		fprintf(stderr, "govnet: %s%s\n", err.msg, sb_str(&step));
		sb_free(&step);
		free_ui(ui);
		free(ui);
		return err.status ? err.status : GN_REFUSED;
	}
	ui->fixed_clock = env_now && *env_now && ui->ctx.owner;
	load_settings(ui, &problems);
	build_tabs(ui);
	if (term_start(&err)) {
		term_release_stderr();
		fprintf(stderr, "govnet: %s\n", err.msg);
		free_ui(ui);
		free(ui);
		sb_free(&problems);
		return err.status;
	}
	ui->line_drawing = term_has_line_drawing();
	ui_install_theme(ui);
	ui_apply_mouse(ui);
	subtabs_layout(ui);
	ui->data_version = read_data_version(ui);
	ui->clock_minute = time(NULL) / 60;
	ui->dirty = DIRTY_ALL;
	decisions_load(ui);
	if (!ui->lay.too_small)
		load_tab(ui);
	ui_take_stderr(ui);
	if (problems.len) {
		char *nl = strchr(problems.buf, '\n');
		if (nl)
			*nl = '\0';
		ui_message(ui, 1, "%s", problems.buf);
	}
	sb_free(&problems);
	loop(ui);
	term_stop();
	/* What was written to stderr and not yet shown goes to the real one. */
	{
		struct strbuf rest = STRBUF_INIT;
		term_take_stderr(&rest);
		term_release_stderr();
		if (rest.len)
			fputs(sb_str(&rest), stderr);
		sb_free(&rest);
	}
	bench_finish();
	free_ui(ui);
	free(ui);
	return rc;
}
