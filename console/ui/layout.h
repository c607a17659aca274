/*
 * layout.h — where each part of the console goes for a terminal size,
 * and how wide each column of a list is.  Plain arithmetic, no curses.
 *
 *   row 0        the tabs: one per plugin (layout_subtabs: row 1 its views)
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
	struct rect subtabs; /* w 0 when there is no such row */
};

void layout_compute(struct layout *l, int rows, int cols);
/* Give the row under the tabs to the current tab's sub-tabs (a plugin's
 * views), taking it from the list and the detail pane. */
void layout_subtabs(struct layout *l);

/* The columns a list shows: the record number, then the view's columns
 * that are not hidden, from the horizontal scroll position on. */
#define LAYOUT_MAX_COLUMNS 32
struct column_plan {
	int n;
	int source[LAYOUT_MAX_COLUMNS]; /* index into view->columns, -1 for the number */
	int width[LAYOUT_MAX_COLUMNS];
	int right[LAYOUT_MAX_COLUMNS];
	int key[LAYOUT_MAX_COLUMNS];    /* an identifier: never cut */
	int more_left, more_right;      /* columns scrolled off either side */
};
/*
 * What the visible rows need: for each view column, whether it holds
 * identifiers (GN_COLUMN_KEY, or every visible value a single ASCII word:
 * a CIDR, a domain, a date, a code) and the width of its widest visible
 * value; and the widest record number.
 */
struct column_needs {
	int key[LAYOUT_MAX_COLUMNS];
	int widest[LAYOUT_MAX_COLUMNS];
	int number;
};
/*
 * Share width cells (one blank between columns).  Identifiers are never
 * cut: their columns are as wide as their widest visible value.  Free text
 * shares what is left by the columns' preferred widths and gives way down
 * to a minimum (the console marks a cut value with "…").  Columns that
 * still do not fit are left for horizontal scrolling (more_right); hscroll
 * skips that many columns after the number (more_left).  needs may be NULL.
 */
void layout_columns(const struct gn_view *v, int width, int hscroll, const struct column_needs *needs,
		    struct column_plan *plan);
/* True for a column the console never shows (hidden, or _style). */
int layout_column_hidden(const struct gn_column *c);
/* A code shown by its title (state_title, kind_title…) or a time (at,
 * created_at…, shown as 11-27 23:23): never cut, as an identifier is not
 * (plugin.h, GN_COLUMN_KEY). */
int layout_column_whole(const struct gn_column *c);

#endif
