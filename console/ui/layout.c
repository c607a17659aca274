#include "config.h"
#include "layout.h"
#include "../core/utf8.h"

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

void layout_subtabs(struct layout *l)
{
	if (l->too_small || l->subtabs.w)
		return;
	l->subtabs = (struct rect){ l->tabs.y + 1, 0, 1, l->cols };
	l->main.y++;
	l->main.h--;
	if (l->side.w) {
		l->side.y++;
		l->side.h--;
	}
}

int layout_column_hidden(const struct gn_column *c)
{
	return (c->flags & GN_COLUMN_HIDDEN) || c->name[0] == '_';
}

static int ends_with(const char *s, const char *end)
{
	size_t n = strlen(s), e = strlen(end);
	return n > e && strcmp(s + n - e, end) == 0;
}

int layout_column_whole(const struct gn_column *c)
{
	return ends_with(c->name, "_title") || ends_with(c->name, "_at") || strcmp(c->name, "at") == 0;
}

#define NUMBER_WIDTH 5
#define MIN_WIDTH 4

void layout_columns(const struct gn_view *v, int width, int hscroll, const struct column_needs *needs,
		    struct column_plan *p)
{
	int avail, keys = 0, free_want = 0, nfree = 0, skipped = 0, widest = -1;

	memset(p, 0, sizeof *p);
	p->source[0] = -1;
	p->width[0] = needs && needs->number > NUMBER_WIDTH ? needs->number : NUMBER_WIDTH;
	p->right[0] = 1;
	p->key[0] = 1;
	p->n = 1;
	for (int i = 0; v->columns[i].name && i < LAYOUT_MAX_COLUMNS && p->n < LAYOUT_MAX_COLUMNS; i++) {
		const struct gn_column *c = &v->columns[i];
		if (layout_column_hidden(c))
			continue;
		if (skipped < hscroll) {
			skipped++;
			p->more_left = 1;
			continue;
		}
		int w = c->width ? (int)c->width : 10;
		p->source[p->n] = i;
		p->right[p->n] = (c->flags & GN_COLUMN_RIGHT) != 0;
		p->key[p->n] = (c->flags & GN_COLUMN_KEY) || (needs && needs->key[i]);
		if (p->key[p->n]) {
			int label = (int)utf8_width(c->label ? c->label : c->name);
			w = needs && needs->widest[i] ? needs->widest[i] : w;
			if (w < label)
				w = label;
		}
		if (w < MIN_WIDTH)
			w = MIN_WIDTH;
		p->width[p->n] = w;
		p->n++;
	}
	/* Leave columns for scrolling from the end until what stays fits:
	 * identifiers whole, free text at its minimum. */
	for (;;) {
		keys = p->width[0];
		nfree = 0;
		for (int i = 1; i < p->n; i++) {
			if (p->key[i])
				keys += p->width[i];
			else
				nfree++;
		}
		if (p->n == 1 || keys + nfree * MIN_WIDTH + (p->n - 1) <= width)
			break;
		p->n--;
		p->more_right = 1;
	}
	if (p->n == 1) {
		if (p->width[0] > width)
			p->width[0] = width;
		return;
	}
	avail = width - keys - (p->n - 1);
	for (int i = 1; i < p->n; i++)
		if (!p->key[i]) {
			free_want += p->width[i];
			if (widest < 0 || p->width[i] > p->width[widest])
				widest = i;
		}
	if (free_want <= avail) {
		/* Spare cells go to the widest free text, or the last column. */
		p->width[widest >= 0 ? widest : p->n - 1] += avail - free_want;
		return;
	}
	/* Too narrow: free text gives cells in proportion to what it has
	 * above the minimum. */
	int excess = free_want - avail, above = free_want - nfree * MIN_WIDTH, taken = 0;
	for (int i = 1; i < p->n; i++) {
		if (p->key[i])
			continue;
		int give = above ? (int)((long)(p->width[i] - MIN_WIDTH) * excess / above) : 0;
		p->width[i] -= give;
		taken += give;
	}
	for (int i = p->n - 1; taken < excess && i >= 1; i--)
		while (!p->key[i] && taken < excess && p->width[i] > MIN_WIDTH) {
			p->width[i]--;
			taken++;
		}
}
