/*
 * subtabs.c — the tab bar: one tab per plugin, its views as sub-tabs.
 *
 * ui->tabs holds every view in the order the login's role works (built by
 * ui.c, taborder.h), a plugin's views side by side; a group is one tab on
 * the tab bar.  The number keys reach the first nine groups, Tab and
 * Shift-Tab move between groups, and < and > between the views of the
 * current one, shown on the row under the tab bar.  The core's own tables
 * (organisations, logins, audit, calendar, notifications, rules) share one
 * tab, 管理.
 */
#include "config.h"
#include "ui_int.h"
#include "../core/utf8.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "govnet/banned.h"

static int same_group(const struct ui_tab *a, const struct ui_tab *b)
{
	if (a->report || b->report || !a->comp || !b->comp)
		return 0;
	return a->core ? b->core : a->comp == b->comp;
}

void subtabs_build(struct ui *ui)
{
	free(ui->groups);
	ui->groups = NULL;
	ui->ngroups = 0;
	for (int i = 0; i < ui->ntabs; i++) {
		struct ui_tab *t = &ui->tabs[i];
		struct ui_group *g;
		if (i == 0 || !same_group(&ui->tabs[i - 1], t)) {
			ui->groups = xrealloc(ui->groups, (size_t)(ui->ngroups + 1) * sizeof *ui->groups);
			g = &ui->groups[ui->ngroups++];
			memset(g, 0, sizeof *g);
			g->first = g->last = i;
			if (t->comp && t->core)
				snprintf(g->title, sizeof g->title, "管理");
			else if (t->comp)
				snprintf(g->title, sizeof g->title, "%s", t->comp->title ? t->comp->title : t->comp->name);
			else
				snprintf(g->title, sizeof g->title, "%s", t->title);
		}
		g = &ui->groups[ui->ngroups - 1];
		g->n++;
		t->group = ui->ngroups - 1;
		if (!t->comp)
			snprintf(t->subtitle, sizeof t->subtitle, "%s", t->title);
		else
			snprintf(t->subtitle, sizeof t->subtitle, "%s", t->view->title ? t->view->title : t->comp->title);
	}
}

void subtabs_free(struct ui *ui)
{
	free(ui->groups);
	ui->groups = NULL;
	ui->ngroups = 0;
}

void subtabs_layout(struct ui *ui)
{
	layout_compute(&ui->lay, LINES, COLS);
	if (ui->ntabs && ui_current(ui)->comp)
		layout_subtabs(&ui->lay);
}

void subtabs_open(struct ui *ui, int group)
{
	if (group < 0 || group >= ui->ngroups)
		return;
	ui_switch_tab(ui, ui->groups[group].last);
}

void subtabs_step(struct ui *ui, int delta)
{
	const struct ui_group *g = &ui->groups[ui_current(ui)->group];
	char keys[64];

	if (g->n < 2) {
		keymap_keys_of(&ui->keys, CMD_NEXT_TAB, keys, sizeof keys);
		ui_message(ui, 0, "%s只有这一个视图（%s 切换到下一个标签页）", g->title, keys);
		return;
	}
	ui_switch_tab(ui, g->first + (ui->tab - g->first + delta + g->n) % g->n);
}

/* ---- drawing -------------------------------------------------------------------- */

/* Labels side by side on row r from the first that keeps current in view;
 * "<" and ">" say that more lie off either side.  hits receive where each
 * was drawn. */
struct bar_item {
	char label[96];
	int tab; /* what a click opens */
	int current;
};

static int bar_draw(struct ui *ui, struct rect r, const struct bar_item *items, int n, int lead,
		    struct ui_hit *hits, int max_hits)
{
	int first = 0, x = r.x + lead, nhit = 0, cur = 0;

	for (int i = 0; i < n; i++)
		if (items[i].current)
			cur = i;
	/* Scroll so that the current one shows. */
	for (;;) {
		int used = 0;
		for (int i = first; i <= cur; i++)
			used += (int)utf8_width(items[i].label);
		if (used <= r.w - lead - 2 || first == cur)
			break;
		first++;
	}
	draw_use(&ui->draw, EL_TABBAR);
	if (first > 0)
		x += draw_text(r.y, x, 1, "<", 0);
	for (int i = first; i < n && x < r.x + r.w; i++) {
		int w = (int)utf8_width(items[i].label);
		if (x + w > r.x + r.w - (i + 1 < n ? 1 : 0)) {
			draw_use(&ui->draw, EL_TABBAR);
			draw_text(r.y, x, r.x + r.w - x, ">", 1);
			x = r.x + r.w;
			break;
		}
		draw_use(&ui->draw, items[i].current ? EL_TAB_ACTIVE : EL_TABBAR);
		if (nhit < max_hits) {
			hits[nhit].tab = items[i].tab;
			hits[nhit].x0 = x;
			hits[nhit++].x1 = x + w;
		}
		x += draw_text(r.y, x, w, items[i].label, 0);
	}
	draw_use(&ui->draw, EL_TABBAR);
	if (x < r.x + r.w)
		draw_blank(r.y, x, r.x + r.w - x);
	return nhit;
}

static void render_bar(struct ui *ui)
{
	struct bar_item *items = xcalloc((size_t)ui->ngroups + 1, sizeof *items);
	int cur = ui_current(ui)->group;

	for (int i = 0; i < ui->ngroups; i++) {
		const struct ui_group *g = &ui->groups[i];
		if (i < 9)
			snprintf(items[i].label, sizeof items[i].label, " %d %s ", i + 1, g->title);
		else
			snprintf(items[i].label, sizeof items[i].label, " %s ", g->title);
		items[i].tab = g->last;
		items[i].current = i == cur;
	}
	ui->ntab_hit = bar_draw(ui, ui->lay.tabs, items, ui->ngroups, 0, ui->tab_hit,
				(int)(sizeof ui->tab_hit / sizeof ui->tab_hit[0]));
	free(items);
}

/* The views of the current tab's plugin, with the keys that move between
 * them at the end when they fit. */
static void render_views(struct ui *ui)
{
	const struct ui_group *g = &ui->groups[ui_current(ui)->group];
	struct rect r = ui->lay.subtabs;
	struct bar_item *items = xcalloc((size_t)g->n, sizeof *items);
	char next[32], prev[32], hint[96];
	int want = 0, hintw;

	keymap_keys_of(&ui->keys, CMD_PREV_VIEW, prev, sizeof prev);
	keymap_keys_of(&ui->keys, CMD_NEXT_VIEW, next, sizeof next);
	snprintf(hint, sizeof hint, " %s %s 切换视图 ", prev, next);
	for (int i = 0; i < g->n; i++) {
		snprintf(items[i].label, sizeof items[i].label, " %s ", ui->tabs[g->first + i].subtitle);
		items[i].tab = g->first + i;
		items[i].current = g->first + i == ui->tab;
		want += (int)utf8_width(items[i].label);
	}
	hintw = g->n > 1 && (prev[0] || next[0]) && want + (int)utf8_width(hint) + 1 <= r.w ? (int)utf8_width(hint) : 0;
	r.w -= hintw;
	draw_use(&ui->draw, EL_TABBAR);
	draw_text(r.y, r.x, 1, " ", 0);
	ui->nsub_hit = bar_draw(ui, r, items, g->n, 1, ui->sub_hit,
				(int)(sizeof ui->sub_hit / sizeof ui->sub_hit[0]));
	if (hintw) {
		draw_use(&ui->draw, EL_HINT);
		draw_text(r.y, r.x + r.w, hintw, hint, 1);
	}
	free(items);
}

void subtabs_render(struct ui *ui)
{
	render_bar(ui);
	ui->nsub_hit = 0;
	if (ui->lay.subtabs.w)
		render_views(ui);
}

int subtabs_click(struct ui *ui, int y, int x)
{
	if (y == ui->lay.tabs.y) {
		for (int i = 0; i < ui->ntab_hit; i++)
			if (x >= ui->tab_hit[i].x0 && x < ui->tab_hit[i].x1)
				ui_switch_tab(ui, ui->tab_hit[i].tab);
		return 1;
	}
	if (ui->lay.subtabs.w && y == ui->lay.subtabs.y) {
		for (int i = 0; i < ui->nsub_hit; i++)
			if (x >= ui->sub_hit[i].x0 && x < ui->sub_hit[i].x1)
				ui_switch_tab(ui, ui->sub_hit[i].tab);
		return 1;
	}
	return 0;
}
