#include "config.h"
#include "draw.h"
#include "../core/utf8.h"

#include <string.h>
#include <wchar.h>
#include "govnet/banned.h"

static attr_t curses_attrs(unsigned ta)
{
	attr_t a = A_NORMAL;

	if (ta & TA_BOLD)
		a |= A_BOLD;
	if (ta & TA_DIM)
		a |= A_DIM;
	if (ta & TA_UNDERLINE)
		a |= A_UNDERLINE;
	if (ta & TA_REVERSE)
		a |= A_REVERSE;
	if (ta & TA_STANDOUT)
		a |= A_STANDOUT;
	if (ta & TA_BLINK)
		a |= A_BLINK;
#ifdef A_ITALIC
	if (ta & TA_ITALIC)
		a |= A_ITALIC;
#endif
	return a;
}

static short next_pair;

static attr_t style_attr(const struct draw *d, const struct theme_style *st, unsigned mono)
{
	int fg, bg;

	if (d->ncolors == 0)
		return curses_attrs(st->attrs | mono);
	fg = st->fg == THEME_NO_COLOR ? THEME_DEFAULT_COLOR : theme_fold_color(st->fg, d->ncolors);
	bg = st->bg == THEME_NO_COLOR ? THEME_DEFAULT_COLOR : theme_fold_color(st->bg, d->ncolors);
	if (fg == THEME_NO_COLOR)
		fg = THEME_DEFAULT_COLOR;
	if (bg == THEME_NO_COLOR)
		bg = THEME_DEFAULT_COLOR;
	if ((fg == THEME_DEFAULT_COLOR && bg == THEME_DEFAULT_COLOR) || next_pair >= COLOR_PAIRS - 1)
		/* No colour to give (or no pair left): the attributes must carry it. */
		return curses_attrs(st->attrs | (st->fg == THEME_NO_COLOR && st->bg == THEME_NO_COLOR ? mono : 0));
	next_pair++;
	init_pair(next_pair, (short)fg, (short)bg);
	return curses_attrs(st->attrs) | COLOR_PAIR(next_pair);
}

void draw_install_theme(struct draw *d, const struct theme *t, int no_color)
{
	memset(d, 0, sizeof *d);
	if (!no_color && has_colors()) {
		static int started;
		if (!started && start_color() == OK)
			started = 1;
		d->ncolors = COLORS >= 256 ? 256 : COLORS >= 16 ? 16 : COLORS >= 8 ? 8 : 0;
		if (d->ncolors && use_default_colors() == ERR) {
			/* Without default colours, pair 0's black on white stands in. */
			assume_default_colors(COLOR_WHITE, COLOR_BLACK);
		}
	}
	d->ascii = t->ascii_borders;
	next_pair = 0;
	for (int i = 0; i < EL_COUNT; i++)
		d->attr[i] = style_attr(d, &t->el[i], theme_mono_attrs[i]);
	for (size_t i = 0; i < t->nextra; i++) {
		memcpy(d->extra[d->nextra].name, t->extra[i].name, sizeof d->extra[0].name);
		d->extra[d->nextra++].attr = style_attr(d, &t->extra[i].style, TA_BOLD);
	}
}

void draw_use(const struct draw *d, enum ui_element el)
{
	attrset(d->attr[el]);
}

attr_t draw_extra(const struct draw *d, const char *name)
{
	/* A row marked with an element's name (overdue, due_soon) looks like
	 * that element in every list, as on the Overview. */
	for (int i = 0; name && i < EL_COUNT; i++)
		if (strcmp(theme_element_names[i], name) == 0)
			return d->attr[i];
	for (int i = 0; name && i < d->nextra; i++)
		if (strcmp(d->extra[i].name, name) == 0)
			return d->extra[i].attr;
	return d->attr[EL_HIGHLIGHT];
}

#define MAX_CELLS 1024

int draw_text(int y, int x, int width, const char *s, int right)
{
	wchar_t buf[MAX_CELLS + 1];
	size_t len = s ? strlen(s) : 0, i = 0;
	int n = 0, cells = 0;

	if (width <= 0)
		return 0;
	if (width > MAX_CELLS)
		width = MAX_CELLS;
	while (i < len && n < MAX_CELLS) {
		uint32_t cp;
		size_t step = utf8_decode(s + i, len - i, &cp);
		int w;
		if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0)) {
			cp = ' ';
			w = 1;
		} else {
			w = utf8_cp_width(cp);
		}
		if (cells + w > width)
			break;
		buf[n++] = (wchar_t)cp;
		cells += w;
		i += step ? step : 1;
	}
	buf[n] = L'\0';
	move(y, x);
	if (right)
		for (int k = cells; k < width; k++)
			addch(' ');
	addnwstr(buf, n);
	if (!right)
		for (int k = cells; k < width; k++)
			addch(' ');
	return cells;
}

int draw_text_cut(int y, int x, int width, const char *s, int right)
{
	char buf[4 * MAX_CELLS + 8];
	size_t used, n;

	if (!s || width < 2 || (int)utf8_width(s) <= width)
		return draw_text(y, x, width, s, right);
	n = utf8_fit(s, (size_t)width - 1, &used);
	if (n > sizeof buf - 4)
		n = sizeof buf - 4;
	memcpy(buf, s, n);
	memcpy(buf + n, "…", sizeof "…");
	return draw_text(y, x, width, buf, 0);
}

void draw_blank(int y, int x, int width)
{
	if (width > 0)
		mvhline(y, x, ' ', width);
}

void draw_vline(const struct draw *d, int y, int x, int height)
{
	if (height > 0)
		mvvline(y, x, d->ascii ? '|' : ACS_VLINE, height);
}

void draw_box(const struct draw *d, struct rect r)
{
	chtype h = d->ascii ? '-' : ACS_HLINE, v = d->ascii ? '|' : ACS_VLINE;

	if (r.w < 2 || r.h < 2)
		return;
	for (int y = r.y + 1; y < r.y + r.h - 1; y++)
		draw_blank(y, r.x + 1, r.w - 2);
	mvhline(r.y, r.x + 1, h, r.w - 2);
	mvhline(r.y + r.h - 1, r.x + 1, h, r.w - 2);
	mvvline(r.y + 1, r.x, v, r.h - 2);
	mvvline(r.y + 1, r.x + r.w - 1, v, r.h - 2);
	mvaddch(r.y, r.x, d->ascii ? '+' : ACS_ULCORNER);
	mvaddch(r.y, r.x + r.w - 1, d->ascii ? '+' : ACS_URCORNER);
	mvaddch(r.y + r.h - 1, r.x, d->ascii ? '+' : ACS_LLCORNER);
	mvaddch(r.y + r.h - 1, r.x + r.w - 1, d->ascii ? '+' : ACS_LRCORNER);
}
