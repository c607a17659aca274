/*
 * answer.c — the rows an action answered (`ip usage`, `zone export`, a
 * report) as a list over the main area, as plugin.h promises: the tabs'
 * own list model and drawing, so identifiers are never cut, columns that
 * do not fit are reached by scrolling sideways, the rows filter and sort
 * as a tab's do, and Esc returns to where the action was taken.
 */
#include "config.h"
#include "ui_int.h"
#include "../front/table.h"
#include "../core/utf8.h"

#include <stdlib.h>
#include <string.h>
#include "govnet/banned.h"

/* A free-text column asks for no more than this; the rest by scrolling. */
#define ANSWER_COLUMN_MAX 60

int answer_height(const struct ui *ui)
{
	return ui->lay.main.h - 2; /* below its title and the column headings */
}

void answer_free(struct ui_answer *an)
{
	list_free(&an->tab.list);
	free(an->columns);
	json_decref(an->rows);
	memset(an, 0, sizeof *an);
}

void answer_open(struct ui *ui, const struct gn_plugin *c, const char *title, json_t *rows)
{
	struct ui_answer *an = &ui->answer;
	struct lrow *lrows;
	struct table t;

	if (!rows || json_array_size(rows) == 0) {
		json_decref(rows);
		return;
	}
	answer_free(an);
	/* The labels of the table are the component's, or the rows' own
	 * names: these live as long as the rows. */
	an->rows = rows;
	table_from_rows(&t, rows, c);
	an->columns = xcalloc(t.ncols + 1, sizeof *an->columns);
	for (size_t k = 0; k < t.ncols; k++) {
		unsigned widest = (unsigned)utf8_width(t.labels[k]);
		for (size_t r = 0; r < t.nrows; r++) {
			unsigned w = (unsigned)utf8_width(t.cells[r * t.ncols + k]);
			if (w > widest)
				widest = w;
		}
		an->columns[k] = (struct gn_column){ .name = t.labels[k], .label = t.labels[k],
						      .width = widest < ANSWER_COLUMN_MAX ? widest : ANSWER_COLUMN_MAX };
	}
	/* The cells move from the table to the list's rows. */
	lrows = xcalloc(t.nrows, sizeof *lrows);
	for (size_t r = 0; r < t.nrows; r++) {
		lrows[r].cells = xcalloc(t.ncols ? t.ncols : 1, sizeof *lrows[r].cells);
		memcpy(lrows[r].cells, &t.cells[r * t.ncols], t.ncols * sizeof *t.cells);
	}
	an->view = (struct gn_view){ .name = "answer", .title = an->title, .columns = an->columns };
	snprintf(an->title, sizeof an->title, "%s", title);
	list_init_held(&an->tab.list, &an->view, lrows, (int)t.nrows);
	t.nrows = 0;
	table_free(&t);
	an->tab.comp = c;
	an->tab.view = &an->view;
	an->tab.number_label = "序号";
	an->tab.list.height = answer_height(ui) > 0 ? answer_height(ui) : 1;
	list_reload(&an->tab.list);
	list_count_step(&an->tab.list, 0); /* rows held: counted at once */
	ui->under = MODE_MAIN;
	ui->mode = MODE_ANSWER;
	ui->dirty |= DIRTY_ALL & ~DIRTY_CLEAR;
}

static void answer_close(struct ui *ui)
{
	answer_free(&ui->answer);
	ui->mode = ui->under;
	ui->dirty |= DIRTY_ALL & ~DIRTY_CLEAR;
}

void answer_key(struct ui *ui, int key)
{
	struct listmodel *m = &ui->answer.tab.list;
	enum ui_cmd cmd = keymap_lookup(&ui->keys, UI_CTX_MAIN, key);
	int page = answer_height(ui) > 1 ? answer_height(ui) - 1 : 1;

	switch (cmd) {
	case CMD_DOWN: list_move(m, 1); break;
	case CMD_UP: list_move(m, -1); break;
	case CMD_PAGE_DOWN: list_move(m, page); break;
	case CMD_PAGE_UP: list_move(m, -page); break;
	case CMD_TOP: list_top(m); break;
	case CMD_BOTTOM: list_bottom(m); break;
	case CMD_SCROLL_LEFT:
	case CMD_SCROLL_RIGHT: ui_scroll_sideways(ui, &ui->answer.tab, cmd); break;
	/* As in a tab: the next column, the other direction (↑/↓ in the
	 * heading); numbers as numbers, CIDRs in address order. */
	case CMD_SORT: list_next_sort(m); break;
	case CMD_SORT_REVERSE: list_reverse(m); break;
	case CMD_BACK:
	case CMD_QUIT: answer_close(ui); return;
	default:
		if (key == UI_KEY_ESC)
			answer_close(ui);
		return;
	}
	ui->dirty |= DIRTY_MAIN | DIRTY_STATUS;
}
