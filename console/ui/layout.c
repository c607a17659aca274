#include "config.h"
#include "layout.h"

#include <string.h>
#include "govnet/banned.h"

void layout_compute(struct layout *l, int rows, int cols)
{
	memset(l, 0, sizeof *l);
	l->rows = rows;
	l->cols = cols;
	l->too_small = rows < UI_MIN_ROWS || cols < UI_MIN_COLS;
	if (l->too_small)
		return;
	l->tabs = (struct rect){ 0, 0, 1, cols };
	l->status = (struct rect){ rows - 2, 0, 1, cols };
	l->line = (struct rect){ rows - 1, 0, 1, cols };
	l->main = (struct rect){ 1, 0, rows - 3, cols };
	if (cols >= UI_WIDE_COLS) {
		int side = cols * 2 / 5;
		if (side > 60)
			side = 60;
		/* one column for the border between list and pane */
		l->main.w = cols - side - 1;
		l->side = (struct rect){ 1, cols - side, rows - 3, side };
	}
}

int layout_column_hidden(const struct gn_column *c)
{
	return (c->flags & GN_COLUMN_HIDDEN) || c->name[0] == '_';
}

#define NUMBER_WIDTH 5
#define MIN_WIDTH 4

void layout_columns(const struct gn_view *v, int width, struct column_plan *p)
{
	int want = 0, avail, widest = 0;

	memset(p, 0, sizeof *p);
	p->source[0] = -1;
	p->width[0] = NUMBER_WIDTH;
	p->right[0] = 1;
	p->n = 1;
	for (int i = 0; v->columns[i].name && p->n < LAYOUT_MAX_COLUMNS; i++) {
		const struct gn_column *c = &v->columns[i];
		if (layout_column_hidden(c))
			continue;
		p->source[p->n] = i;
		p->width[p->n] = c->width ? (int)c->width : 10;
		if (p->width[p->n] < MIN_WIDTH)
			p->width[p->n] = MIN_WIDTH;
		p->right[p->n] = (c->flags & GN_COLUMN_RIGHT) != 0;
		p->n++;
	}
	/* Drop columns from the end until even their minimum widths fit. */
	while (p->n > 1 && NUMBER_WIDTH + (p->n - 1) * (MIN_WIDTH + 1) > width)
		p->n--;
	avail = width - NUMBER_WIDTH - (p->n - 1); /* the blanks between columns */
	for (int i = 1; i < p->n; i++) {
		want += p->width[i];
		if (p->width[i] > p->width[widest] || widest == 0)
			widest = i;
	}
	if (p->n == 1) {
		p->width[0] = width < NUMBER_WIDTH ? width : NUMBER_WIDTH;
		return;
	}
	if (want <= avail) {
		p->width[widest] += avail - want;
		return;
	}
	/* Too narrow: take cells from each column in proportion to what it
	 * has above the minimum. */
	int excess = want - avail, above = want - (p->n - 1) * MIN_WIDTH;
	int taken = 0;
	for (int i = 1; i < p->n; i++) {
		int give = above ? (int)((long)(p->width[i] - MIN_WIDTH) * excess / above) : 0;
		p->width[i] -= give;
		taken += give;
	}
	for (int i = p->n - 1; taken < excess && i >= 1; i--) {
		while (taken < excess && p->width[i] > MIN_WIDTH) {
			p->width[i]--;
			taken++;
		}
	}
}
