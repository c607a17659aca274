/*
 * render.c — drawing the tabs, a list, the detail pane, the overview and
 * the two bottom lines from the models.  Only regions marked dirty are
 * drawn; curses then sends the terminal only the cells that changed.
 */
#include "config.h"
#include "ui_int.h"
#include "../core/clock.h"
#include "../core/identity.h"
#include "../core/utf8.h"

#include <stdio.h>
#include <string.h>
#include "govnet/banned.h"

/* ---- a list ------------------------------------------------------------------- */

static void render_row(struct ui *ui, const struct listmodel *m, const struct column_plan *p, int y,
		       struct rect r, const struct lrow *row, int selected)
{
	char number[24];
	int x = r.x;

	if (selected)
		draw_use(&ui->draw, EL_SELECTED);
	else if (row->style)
		attrset(draw_extra(&ui->draw, m->view->theme_element ? m->view->theme_element : row->style));
	else
		draw_use(&ui->draw, EL_NORMAL);
	for (int c = 0; c < p->n; c++) {
		const char *text;
		if (p->source[c] < 0) {
			snprintf(number, sizeof number, "%lld", (long long)row->id);
			text = number;
		} else {
			text = row->cells[p->source[c]];
		}
		int w = p->width[c];
		if (x + w > r.x + r.w)
			w = r.x + r.w - x;
		draw_text_cut(y, x, w, text, p->right[c]);
		x += w;
		if (x < r.x + r.w)
			draw_text(y, x++, 1, " ", 0);
	}
	if (x < r.x + r.w)
		draw_blank(y, x, r.x + r.w - x);
}

/* What the rows on screen need of their columns (layout.h). */
static void column_needs_of(const struct listmodel *m, struct column_needs *needs)
{
	memset(needs, 0, sizeof *needs);
	for (int i = 0; i < LAYOUT_MAX_COLUMNS && m->view->columns[i].name; i++) {
		int whole = layout_column_whole(&m->view->columns[i]);
		needs->key[i] = m->nrows > 0;
		for (int k = 0; k < m->nrows; k++) {
			const char *v = m->rows[k].cells[i];
			int w = (int)utf8_width(v);
			needs->key[i] &= whole || utf8_is_identifier(v);
			if (w > needs->widest[i])
				needs->widest[i] = w;
		}
	}
	for (int k = 0; k < m->nrows; k++) {
		char number[24];
		int w = snprintf(number, sizeof number, "%lld", (long long)m->rows[k].id);
		if (w > needs->number)
			needs->number = w;
	}
}

static void render_list(struct ui *ui, struct ui_tab *t, struct rect r)
{
	struct listmodel *m = &t->list;
	char number[64];
	struct column_plan plan;
	struct column_needs needs;
	int x = r.x;

	column_needs_of(m, &needs);
	layout_columns(t->view, r.w, t->hscroll, &needs, &plan);
	t->more_right = plan.more_right;
	draw_use(&ui->draw, EL_HEADER);
	snprintf(number, sizeof number, "%s%s", plan.more_left ? "‹" : "", t->number_label ? t->number_label : "编号");
	for (int c = 0; c < plan.n; c++) {
		const char *label = plan.source[c] < 0 ? number : t->view->columns[plan.source[c]].label;
		char sorted[128];
		int w = plan.width[c];
		const char *arrow = NULL;
		/* The sort column says its direction in its heading, the arrow
		 * kept when the label is cut. */
		if (plan.source[c] == m->sort_col && (m->sort_col >= 0 || m->descending))
			arrow = m->descending ? (ui->draw.ascii ? "v" : "↓") : (ui->draw.ascii ? "^" : "↑");
		if (x + w > r.x + r.w)
			w = r.x + r.w - x;
		/* The last cell is the mark that more columns follow. */
		if (plan.more_right && c == plan.n - 1 && x + w >= r.x + r.w && w > 1)
			w = r.x + r.w - 1 - x;
		if (arrow && (int)utf8_width(label) + 1 > w && w > 1) {
			draw_text_cut(r.y, x, w - 1, label, 0);
			draw_text(r.y, x + w - 1, 1, arrow, 0);
		} else {
			if (arrow) {
				snprintf(sorted, sizeof sorted, "%s%s", label, arrow);
				label = sorted;
			}
			draw_text_cut(r.y, x, w, label, plan.right[c]);
		}
		x += w;
		if (x < r.x + r.w)
			draw_text(r.y, x++, 1, " ", 0);
	}
	if (x < r.x + r.w)
		draw_blank(r.y, x, r.x + r.w - x);
	/* More columns to the right: say so in the heading's last cell. */
	if (plan.more_right)
		draw_text(r.y, r.x + r.w - 1, 1, "›", 0);
	for (int i = 0; i < r.h - 1; i++) {
		int y = r.y + 1 + i;
		if (i < m->nrows) {
			render_row(ui, m, &plan, y, r, &m->rows[i], i == m->cursor);
			continue;
		}
		draw_use(&ui->draw, EL_NORMAL);
		draw_blank(y, r.x, r.w);
		if (i == 0 && m->failed) {
			draw_use(&ui->draw, EL_ERROR);
			draw_text(y, r.x + 1, r.w - 1, m->error, 0);
		} else if (i == 0 && m->search[0]) {
			char text[400];
			snprintf(text, sizeof text, "没有包含「%s」的记录（Esc 清除筛选）", m->search);
			draw_use(&ui->draw, EL_HINT);
			draw_text(y, r.x + 1, r.w - 1, text, 0);
		} else if (i == 0) {
			draw_use(&ui->draw, EL_HINT);
			draw_text(y, r.x + 1, r.w - 1, "（没有记录）", 0);
		}
	}
}

/* The rows an action answered: its title, then the list over the whole width. */
static void render_answer(struct ui *ui, struct rect r)
{
	struct ui_answer *an = &ui->answer;

	list_set_height(&an->tab.list, answer_height(ui));
	draw_use(&ui->draw, EL_NORMAL);
	draw_blank(r.y, r.x, r.w);
	draw_use(&ui->draw, EL_TITLE);
	draw_text(r.y, r.x + 1, r.w - 1, an->title, 0);
	r.y++;
	r.h--;
	render_list(ui, &an->tab, r);
}

/* ---- the detail pane ------------------------------------------------------------ */

/*
 * The detail pane scrolls: its lines are counted from the record's first
 * field (v), and only those from top on that fit between the title and the
 * pane's last row are drawn.  The count of all lines tells whether more
 * follow.
 */
struct detail_pane {
	int y, h;  /* the rows the fields may use */
	int top;   /* lines scrolled off above */
	int v;     /* the next line's number */
};

static void detail_put(struct detail_pane *p, int x, int width, const char *text)
{
	int row = p->v - p->top;

	if (row >= 0 && row < p->h)
		draw_text(p->y + row, x, width, text, 0);
}

/* One value wrapped by display width (each line of it in turn). */
static void detail_value(struct detail_pane *p, int x, int width, const char *v)
{
	if (!*v) {
		detail_put(p, x, width, "-");
		p->v++;
		return;
	}
	while (*v) {
		size_t line = strcspn(v, "\n"), used;
		char buf[1024];
		size_t n = line < sizeof buf - 1 ? line : sizeof buf - 1;
		memcpy(buf, v, n);
		buf[n] = '\0';
		size_t fit = utf8_fit(buf, (size_t)width, &used);
		if (fit == 0 && n > 0)
			fit = n; /* a character wider than the pane: skip it */
		buf[fit] = '\0';
		detail_put(p, x, width, buf);
		p->v++;
		v += fit < line ? fit : line + (v[line] == '\n');
	}
}

/* Every field, labelled on its first line; returns the lines they take. */
static int detail_fields(struct ui *ui, struct detail_pane *p, struct rect r, int label_w)
{
	const struct record *rec = &ui->rec;

	p->v = 0;
	for (int i = 0; i < rec->n; i++) {
		draw_use(&ui->draw, EL_LABEL);
		detail_put(p, r.x + 1, label_w, rec->fields[i].label);
		draw_use(&ui->draw, EL_NORMAL);
		detail_value(p, r.x + 2 + label_w, r.w - 3 - label_w, rec->fields[i].value);
	}
	return p->v;
}

static void render_detail(struct ui *ui, struct rect r)
{
	const struct record *rec = &ui->rec;
	int label_w = 4, total;
	char title[200], mark[96];

	draw_use(&ui->draw, EL_NORMAL);
	for (int i = 0; i < r.h; i++)
		draw_blank(r.y + i, r.x, r.w);
	if (!rec->comp) {
		draw_use(&ui->draw, EL_HINT);
		draw_text(r.y + 1, r.x + 1, r.w - 1, ui_current(ui)->comp ? "（没有选中的记录）" : "", 0);
		return;
	}
	if (rec->error[0]) {
		struct detail_pane p = { .y = r.y + 1, .h = r.h - 1 };
		draw_use(&ui->draw, EL_ERROR);
		detail_value(&p, r.x + 1, r.w - 2, rec->error);
		return;
	}
	for (int i = 0; i < rec->n; i++) {
		int w = (int)utf8_width(rec->fields[i].label);
		if (w > label_w)
			label_w = w;
	}
	if (label_w > r.w / 3)
		label_w = r.w / 3;
	/* Count first (nothing drawn), then draw from the scroll position:
	 * the last row says when more follows. */
	struct detail_pane p = { .y = r.y + 1, .h = 0 };
	total = detail_fields(ui, &p, r, label_w);
	p.h = r.h - 1;
	if (total > p.h)
		p.h--;
	if (ui->detail_top > total - p.h)
		ui->detail_top = total - p.h;
	if (ui->detail_top < 0)
		ui->detail_top = 0;
	p.top = ui->detail_top;
	detail_fields(ui, &p, r, label_w);
	snprintf(title, sizeof title, "%s #%lld%s",
		 rec->view ? rec->view->title : rec->comp->record ? rec->comp->record->title : rec->comp->title,
		 (long long)rec->id, p.top > 0 ? "  ↑ 上面还有" : "");
	draw_use(&ui->draw, EL_TITLE);
	draw_text(r.y, r.x + 1, r.w - 1, title, 0);
	if (total > p.top + p.h) {
		snprintf(mark, sizeof mark, "↓ 下面还有 %d 行（%s）", total - p.top - p.h,
			 ui->detail_open ? "j/k 或 PgUp/PgDn 滚动" : "Enter 后 j/k 滚动");
		draw_use(&ui->draw, EL_HINT);
		draw_text(r.y + r.h - 1, r.x + 1, r.w - 1, mark, 0);
	}
}

/* ---- the overview ----------------------------------------------------------------- */

static void render_overview(struct ui *ui, struct rect r)
{
	struct overview *ov = &ui->ov;
	char text[512], num[32];
	int y = r.y, namew = r.w - 14, rows;

	draw_use(&ui->draw, EL_NORMAL);
	for (int i = 0; i < r.h; i++)
		draw_blank(r.y + i, r.x, r.w);
	snprintf(text, sizeof text, "概览：%s%s", ui->scope.active ? ui->scope.name : ui->ctx.actor.org_name,
		 ui->scope.active ? "（已缩小范围）" : ui->ctx.actor.city_wide ? "（全市）" : "");
	draw_use(&ui->draw, EL_TITLE);
	draw_text(y++, r.x + 1, r.w - 1, text, 0);
	/* Deadlines first: they are what an operator opens the console for (Art 13–14). */
	draw_use(&ui->draw, EL_HEADER);
	draw_text(y++, r.x + 1, r.w - 2, "期限（Art 11、13–14）", 0);
	if (!ov->due.known) {
		draw_use(&ui->draw, EL_HINT);
		draw_text(y++, r.x + 1, r.w - 2,
			  ov->due_pending ? "已超期、2 个工作日内到期：正在读取…" : "已超期、2 个工作日内到期：期限数据尚不可用", 0);
	} else {
		/* The most overdue and the soonest due, when the screen has room;
		 * each line selectable (Enter opens the record), and a line
		 * saying how many more (Enter lists them all). */
		struct overview_due_entry e[OVERVIEW_DUE_ENTRIES];
		int ne = overview_due_entries(&ov->due, overview_due_shown(r.h), e);
		for (int soon = 0, k = 0; soon < 2; soon++) {
			int64_t total = soon ? ov->due.due_soon : ov->due.overdue;
			enum ui_element el = total ? (soon ? EL_DUE_SOON : EL_OVERDUE) : EL_NORMAL;
			snprintf(num, sizeof num, "%s%lld", total >= OVERVIEW_COUNT_CAP ? "≥ " : "", (long long)total);
			draw_use(&ui->draw, el);
			draw_text(y, r.x + 1, namew, soon ? "2 个工作日内到期" : "已超期", 0);
			draw_text(y++, r.x + 1 + namew, 12, num, 1);
			for (; k < ne && e[k].soon == soon; k++, y++) {
				const char *line = e[k].index < 0 ? text
						   : soon ? ov->due.soon_lines[e[k].index] : ov->due.overdue_lines[e[k].index];
				if (e[k].index < 0) {
					int before = 0;
					for (int j = 0; j < k; j++)
						before += e[j].soon == soon;
					const char *more = total >= OVERVIEW_COUNT_CAP ? "以上" : "";
					if (before)
						snprintf(text, sizeof text, "…另有 %lld 项%s（Enter 查看全部）",
							 (long long)(total - before), more);
					else
						snprintf(text, sizeof text, "共 %lld 项%s（Enter 查看全部）", (long long)total,
							 more);
				}
				draw_use(&ui->draw, k - ne == ov->cursor ? EL_SELECTED : el);
				draw_blank(y, r.x, r.w);
				draw_text_cut(y, r.x + 3, r.w - 4, line, 0);
			}
		}
	}
	for (int i = 0; i < ov->nopen && y < r.y + r.h - 3; i++, y++) {
		const struct overview_open *o = &ov->open[i];
		snprintf(text, sizeof text, "%s：在办", o->comp->title);
		if (o->count >= 0)
			snprintf(num, sizeof num, "%s%lld", o->count >= OVERVIEW_COUNT_CAP ? "≥ " : "", (long long)o->count);
		else if (o->counter.counted > 0)
			snprintf(num, sizeof num, "≥ %lld", (long long)o->counter.counted); /* still counting */
		else
			snprintf(num, sizeof num, "%s", counter_running(&o->counter) ? "…" : "-");
		draw_use(&ui->draw, EL_NORMAL);
		draw_text(y, r.x + 1, namew, text, 0);
		draw_text(y, r.x + 1 + namew, 12, num, 1);
	}
	y++;
	draw_use(&ui->draw, EL_HEADER);
	draw_text(y, r.x + 1, namew, "列表", 0);
	draw_text(y++, r.x + 1 + namew, 12, "记录数", 1);
	rows = r.y + r.h - y;
	if (rows < 1)
		return;
	/* The lists scroll to keep the cursor in view. */
	int first = ov->cursor >= rows ? ov->cursor - rows + 1 : 0;
	for (int i = first; i < ov->n && y < r.y + r.h; i++, y++) {
		const struct overview_item *it = &ov->items[i];
		draw_use(&ui->draw, i == ov->cursor ? EL_SELECTED : EL_NORMAL);
		/* The number key that reaches its tab. */
		if (ui->tabs[i + 1].group < 9)
			snprintf(text, sizeof text, "%2d  %s", ui->tabs[i + 1].group + 1, ui->tabs[i + 1].title);
		else
			snprintf(text, sizeof text, "    %s", ui->tabs[i + 1].title);
		if (it->count >= 0)
			snprintf(num, sizeof num, "%lld", (long long)it->count);
		else if (it->counter.counted > 0)
			snprintf(num, sizeof num, "≥ %lld", (long long)it->counter.counted); /* still counting */
		else if (counter_running(&it->counter))
			snprintf(num, sizeof num, "…");
		else
			snprintf(num, sizeof num, "-");
		draw_text(y, r.x, 1, " ", 0);
		draw_text(y, r.x + 1, namew, text, 0);
		draw_text(y, r.x + 1 + namew, 12, num, 1);
	}
}

/* ---- the bottom lines ---------------------------------------------------------------- */

/* A long message takes more rows: the status line moves up over the list
 * rather than being written over (render_message_rows). */
static void render_status(struct ui *ui)
{
	struct rect r = ui->lay.status;
	struct ui_tab *t = ui->mode == MODE_ANSWER ? &ui->answer.tab : ui_current(ui);
	char left[512], store[512], today[8 + CLOCK_ISO_LEN], right[512], where[128], date[CLOCK_ISO_LEN];
	const char *db = strrchr(ui->ctx.db_path, '/');
	int rw, ww;

	if (ui->msg_rows > 1)
		r.y -= ui->msg_rows - 1;
	clock_format(ui->fixed_clock ? ui->ctx.now : time(NULL), date);
	date[16] = '\0'; /* YYYY-MM-DDTHH:MM */
	date[10] = ' ';
	snprintf(left, sizeof left, " %s  %s  %s%s", ui->ctx.login, role_title(ui->ctx.actor.role),
		 ui->scope.active ? ui->scope.name : ui->ctx.actor.org_name, ui->scope.active ? "（范围已缩小）" : "");
	snprintf(store, sizeof store, " | %s", db ? db + 1 : ui->ctx.db_path);
	snprintf(today, sizeof today, " | %s", date);
	right[0] = '\0';
	where[0] = '\0';
	if (ui->decisions_new)
		snprintf(where, sizeof where, " 新决定 %d（:messages） ", ui->decisions_new);
	if (t->comp) {
		const struct listmodel *m = &t->list;
		char pos[64] = "", total[32] = "";
		if (m->total >= 0)
			snprintf(total, sizeof total, "%s%lld", list_position(m) ? "/" : "", (long long)m->total);
		else if (m->count.counted > 0) /* counted so far, between keys */
			snprintf(total, sizeof total, "%s≥%lld", list_position(m) ? "/" : "", (long long)m->count.counted);
		if (list_position(m))
			snprintf(pos, sizeof pos, "%lld", (long long)list_position(m));
		if (m->partial || m->partial_up)
			snprintf(total, sizeof total, "（查找中）");
		snprintf(right, sizeof right, "%s%s%s%s%s", m->search[0] ? "筛选「" : "", m->search,
			 m->search[0] ? "」 " : "",
			 m->sort_col >= 0 ? t->view->columns[m->sort_col].label : "",
			 m->sort_col >= 0 ? (m->descending ? "降序" : "升序") : (m->descending ? "编号降序" : ""));
		if (m->building) /* the list keeps its order meanwhile, and keys act */
			snprintf(right, sizeof right, "%s%s%s排序中：%s%s ≥ %lld", m->search[0] ? "筛选「" : "",
				 m->search, m->search[0] ? "」 " : "", t->view->columns[m->building->col].label,
				 m->building->descending ? "降序" : "升序", (long long)m->building->reading.counted);
		size_t used = strlen(where);
		snprintf(where + used, sizeof where - used, " 第 %s%s 条 ", pos, total);
	}
	/* The position and today's date are never cut; the filter, the
	 * store's name and then who is logged in give way, each saying so
	 * with "…". */
	draw_use(&ui->draw, EL_STATUS);
	ww = (int)utf8_width(where);
	rw = (int)utf8_width(right);
	if (rw > r.w / 2 - ww)
		rw = r.w / 2 - ww > 0 ? r.w / 2 - ww : 0;
	int lw = r.w - rw - ww, tw = (int)utf8_width(today);
	if ((int)(utf8_width(left) + utf8_width(store)) + tw <= lw) {
		char whole[sizeof left + sizeof store + sizeof today];
		snprintf(whole, sizeof whole, "%s%s%s", left, store, today);
		draw_text(r.y, r.x, lw, whole, 0);
	} else if (tw < lw) {
		int hw = lw - tw, shown = (int)utf8_width(left) < hw ? (int)utf8_width(left) : hw;
		draw_text_cut(r.y, r.x, shown, left, 0);
		draw_text(r.y, r.x + shown, lw - shown, today, 0);
	} else {
		draw_text_cut(r.y, r.x, lw, today + 3, 0);
	}
	draw_text_cut(r.y, r.x + r.w - rw - ww, rw, right, 1);
	draw_text(r.y, r.x + r.w - ww, ww, where, 1);
}

static void render_line(struct ui *ui)
{
	const struct rect r = ui->lay.line;

	if (ui->mode == MODE_FILTER || ui->mode == MODE_COMMAND) {
		const char *prompt = ui->mode == MODE_FILTER ? "/" : ":";
		char view[1024];
		edit_scroll_to_cursor(&ui->line, (size_t)(r.w - 2), 1);
		edit_line_view(&ui->line, 0, (size_t)(r.w - 2), view, sizeof view);
		if (ui->msg_rows > 1) {
			struct detail_pane p = { .y = r.y - (ui->msg_rows - 1), .h = ui->msg_rows - 1 };
			draw_use(&ui->draw, ui->msg_error ? EL_ERROR : EL_MESSAGE);
			for (int i = 0; i < p.h; i++)
				draw_blank(p.y + i, r.x, r.w);
			detail_value(&p, r.x, r.w, ui->msg);
		}
		draw_use(&ui->draw, EL_NORMAL);
		draw_text(r.y, r.x, 1, prompt, 0);
		draw_text(r.y, r.x + 1, r.w - 1, view, 0);
		return;
	}
	if (ui->msg[0]) {
		/* Wrapped by display width over the rows it needs, never cut. */
		struct detail_pane p = { .y = r.y - (ui->msg_rows - 1), .h = ui->msg_rows };
		draw_use(&ui->draw, ui->msg_error ? EL_ERROR : EL_MESSAGE);
		for (int i = 0; i < ui->msg_rows; i++)
			draw_blank(p.y + i, r.x, r.w);
		detail_value(&p, r.x, r.w, ui->msg);
		return;
	}
	draw_use(&ui->draw, EL_HINT);
	if (ui->mode == MODE_ANSWER) {
		draw_text(r.y, r.x, r.w, " j/k 上下  ←/→ 左右滚动  Esc 返回", 0);
		return;
	}
	draw_text(r.y, r.x, r.w, ui_current(ui)->comp ? " ? 帮助  / 筛选  Enter 详情  c 新建  e 修改  a 操作  : 命令  q 退出"
						       : " ? 帮助  Enter 打开所选列表  Tab 或数字键 切换标签页  : 命令  q 退出",
		  0);
}

int render_message_rows(struct ui *ui)
{
	struct detail_pane p = { .h = 0 };
	int most = ui->lay.main.h / 2;

	if (!ui->msg[0])
		return 0;
	detail_value(&p, 0, ui->lay.line.w, ui->msg);
	/* In the command line, the message (Tab's candidates) stands above
	 * the prompt; in the filter's, the titles it may be given. */
	if (ui->mode == MODE_COMMAND || ui->mode == MODE_FILTER)
		p.v++;
	return p.v < most ? p.v : most > 1 ? most : 1;
}

/* Where the cursor goes: into the prompt, or hidden. */
static void place_cursor(struct ui *ui)
{
	if (ui->mode == MODE_FILTER || ui->mode == MODE_COMMAND) {
		move(ui->lay.line.y, 1 + (int)(edit_cursor_cell(&ui->line) - ui->line.scroll));
		curs_set(1);
	} else if (ui->mode != MODE_FORM) {
		curs_set(0);
	}
}

void render(struct ui *ui)
{
	struct ui_tab *t = ui_current(ui);
	struct rect main = ui->lay.main;
	unsigned d = ui->dirty;
	int msg_rows = render_message_rows(ui);

	/* A message taking other rows than before uncovers or covers the list. */
	if (msg_rows != ui->msg_rows && (msg_rows > 1 || ui->msg_rows > 1))
		d |= DIRTY_MAIN | DIRTY_SIDE | DIRTY_STATUS | DIRTY_LINE;
	ui->msg_rows = msg_rows;
	if (d & DIRTY_CLEAR)
		erase();
	if (d & DIRTY_TABS)
		subtabs_render(ui);
	if (ui->mode == MODE_ANSWER) {
		main.w = ui->lay.cols;
		if (d & (DIRTY_MAIN | DIRTY_SIDE))
			render_answer(ui, main);
	} else if (t->report) {
		main.w = ui->lay.cols;
		if (d & (DIRTY_MAIN | DIRTY_SIDE))
			report_tab_render(ui, t, main);
	} else if (!t->comp) {
		/* The overview has the whole width. */
		main.w = ui->lay.cols;
		if (d & (DIRTY_MAIN | DIRTY_SIDE)) {
			if (!ui->ov_loaded) {
				overview_load(&ui->ov, &ui->ctx, &ui->scope);
				ui->ov_loaded = 1;
			}
			render_overview(ui, main);
		}
	} else if (ui->lay.side.w) {
		if (d & DIRTY_MAIN)
			render_list(ui, t, main);
		if (d & DIRTY_SIDE) {
			draw_use(&ui->draw, EL_BORDER);
			draw_vline(&ui->draw, ui->lay.side.y, ui->lay.side.x - 1, ui->lay.side.h);
			render_detail(ui, ui->lay.side);
		}
	} else if (d & (DIRTY_MAIN | DIRTY_SIDE)) {
		if (ui->detail_open)
			render_detail(ui, main);
		else
			render_list(ui, t, main);
	}
	if (d & DIRTY_STATUS)
		render_status(ui);
	if (d & (DIRTY_LINE | DIRTY_STATUS))
		render_line(ui);
	if (ui->mode == MODE_FORM)
		uiform_draw(ui);
	else if (ui->mode != MODE_MAIN && ui->mode != MODE_FILTER && ui->mode != MODE_COMMAND)
		popup_draw(ui);
	place_cursor(ui);
	wnoutrefresh(stdscr);
}

void render_too_small(struct ui *ui)
{
	char line[128];
	int rows = ui->lay.rows, cols = ui->lay.cols;

	erase();
	draw_use(&ui->draw, EL_NORMAL);
	curs_set(0);
	snprintf(line, sizeof line, "终端太小：%d×%d", cols, rows);
	if (rows > 0)
		draw_text(rows / 2 - (rows > 2), 0, cols, line, 0);
	snprintf(line, sizeof line, "至少需要 %d×%d", UI_MIN_COLS, UI_MIN_ROWS);
	if (rows > 1)
		draw_text(rows / 2, 0, cols, line, 0);
	if (rows > 2)
		draw_text(rows / 2 + 1, 0, cols, "q 退出", 0);
	wnoutrefresh(stdscr);
}
