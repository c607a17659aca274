/*
 * draw.h — the console's few curses primitives: text clipped and padded
 * to a width in cells (never splitting a character, control characters
 * shown as blanks), lines and boxes (ASCII where line drawing is not to
 * be trusted), and a theme turned into curses attributes for the
 * terminal's colours.
 */
#ifndef GN_UI_DRAW_H
#define GN_UI_DRAW_H

#include <curses.h>
#include "layout.h"
#include "theme.h"

struct draw {
	int ncolors;  /* colours the theme may use: 0, 8, 16 or 256 */
	int ascii;    /* + - | for lines */
	attr_t attr[EL_COUNT];
	struct {
		char name[32];
		attr_t attr;
	} extra[THEME_MAX_EXTRA];
	int nextra;
};

/* Make the theme's elements into attributes for this terminal: colours
 * folded to what it has, none at all under NO_COLOR (no_color set) or on
 * a monochrome terminal, where each element keeps at least its
 * theme_mono_attrs. */
void draw_install_theme(struct draw *d, const struct theme *t, int no_color);
void draw_use(const struct draw *d, enum ui_element el);
/* The element a row is marked with (_style, gn_view.theme_element): one of
 * the theme's own (overdue, due_soon) or a plugin's by name, else highlight. */
attr_t draw_extra(const struct draw *d, const char *name);

/* Write s at (y, x) in exactly width cells: clipped, then padded with
 * blanks (right-aligned when right is set).  Returns the cells the text took. */
int draw_text(int y, int x, int width, const char *s, int right);
void draw_blank(int y, int x, int width);
/* draw_text, ending a value that does not fit with "…" so that a cut value
 * never passes for a whole one. */
int draw_text_cut(int y, int x, int width, const char *s, int right);
void draw_vline(const struct draw *d, int y, int x, int height);
/* A box around r, its inside blanked. */
void draw_box(const struct draw *d, struct rect r);

#endif
