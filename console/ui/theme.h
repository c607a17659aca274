/*
 * theme.h — colour themes: themes/NAME.theme, an INI file of
 *
 *     element = [foreground [background]] [attribute …]
 *
 * colours by name (black red green yellow blue magenta cyan white, their
 * bright- forms, default) or by 256-colour number; attributes bold, dim,
 * underline, reverse, standout, blink, italic.  `borders = ascii` draws
 * boxes with + - | where line drawing is unwelcome.  Elements other than
 * the console's own (below) are kept by name for the plugins' views
 * (gn_view.theme_element, such as "overdue").
 *
 * Nothing here calls curses: a theme is parsed into numbers, and colours
 * are folded to what the terminal has (256 → 16 → 8 → none) by
 * theme_fold_color; draw.c turns the result into curses attributes.
 */
#ifndef GN_UI_THEME_H
#define GN_UI_THEME_H

#include <stddef.h>
#include "../core/err.h"

enum ui_element {
	EL_NORMAL, EL_TABBAR, EL_TAB_ACTIVE, EL_HEADER, EL_SELECTED, EL_STATUS, EL_MESSAGE,
	EL_ERROR, EL_BORDER, EL_TITLE, EL_LABEL, EL_FIELD, EL_FIELD_FOCUS, EL_HINT, EL_DIALOG,
	EL_OVERDUE, EL_DUE_SOON, EL_HIGHLIGHT,
	EL_COUNT
};
extern const char *const theme_element_names[EL_COUNT];

enum {
	TA_BOLD = 1u << 0, TA_DIM = 1u << 1, TA_UNDERLINE = 1u << 2, TA_REVERSE = 1u << 3,
	TA_STANDOUT = 1u << 4, TA_BLINK = 1u << 5, TA_ITALIC = 1u << 6,
};

#define THEME_DEFAULT_COLOR (-1)
#define THEME_NO_COLOR (-2)

struct theme_style {
	int fg, bg;      /* 0–255, THEME_DEFAULT_COLOR, or THEME_NO_COLOR (not given) */
	unsigned attrs;  /* TA_* */
};

#define THEME_MAX_EXTRA 24
struct theme {
	char name[64];
	struct theme_style el[EL_COUNT];
	struct {
		char name[32];
		struct theme_style style;
	} extra[THEME_MAX_EXTRA];
	size_t nextra;
	int ascii_borders;
};

/* What every element looks like with no colour at all: the attributes
 * that keep the cursor row, the active tab and errors visible in
 * monochrome, added to whatever the theme asks for. */
extern const unsigned theme_mono_attrs[EL_COUNT];

/* The built-in look (the same as themes/default.theme), used when no
 * theme file can be found. */
void theme_builtin(struct theme *t);
/* Parse a theme's text; the message names file and line. */
int theme_parse(struct theme *t, const char *name, const char *text, const char *file, struct gn_err *err);
/* Find themes/NAME.theme in $XDG_CONFIG_HOME/govnet/themes, the source
 * tree (when this is the build tree's binary) and $(pkgdatadir)/themes. */
int theme_load(struct theme *t, const char *name, struct gn_err *err);
/* The style of a plugin's element, or NULL when the theme has none. */
const struct theme_style *theme_extra(const struct theme *t, const char *name);
/* A colour for a terminal with ncolors colours: itself when it fits, the
 * nearest of the first 16 or 8 otherwise, THEME_NO_COLOR when ncolors < 8. */
int theme_fold_color(int color, int ncolors);
/* The directories searched, for messages: "a、b、c". */
void theme_dirs_text(char *out, size_t size);

#endif
