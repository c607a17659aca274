/*
 * layout.h — where each part of the console goes for a terminal size,
 * and how wide each column of a list is.  Plain arithmetic, no curses.
 *
 *   row 0        the tabs
 *   rows 1 …     the list (its first row the column headings) or the
 *                overview; beside it the detail pane on a wide terminal
 *   row H-2      the status line: login, role, scope, database, clock
 *   row H-1      messages, the filter or the command being typed
 */
#ifndef GN_UI_LAYOUT_H
#define GN_UI_LAYOUT_H

#include "govnet/plugin.h"

/* Below this the console shows a message instead of its screens. */
#define UI_MIN_COLS 60
#define UI_MIN_ROWS 16
/* From this width the detail pane stands beside the list. */
#define UI_WIDE_COLS 110

struct rect {
	int y, x, h, w;
};

struct layout {
	int rows, cols;
	int too_small;
	struct rect tabs, main, side, status, line;
};

void layout_compute(struct layout *l, int rows, int cols);

/* The columns a list shows: the record number, then the view's columns
 * that are not hidden, as many as fit. */
#define LAYOUT_MAX_COLUMNS 32
struct column_plan {
	int n;
	int source[LAYOUT_MAX_COLUMNS]; /* index into view->columns, -1 for the number */
	int width[LAYOUT_MAX_COLUMNS];
	int right[LAYOUT_MAX_COLUMNS];
};
/* Share width cells (one blank between columns) by the columns'
 * preferred widths: spare cells go to the widest column, and when there
 * are too few every column gives up cells down to a minimum, and the
 * last columns are left out after that. */
void layout_columns(const struct gn_view *v, int width, struct column_plan *plan);
/* True for a column the console never shows (hidden, or _style). */
int layout_column_hidden(const struct gn_column *c);

#endif
