/*
 * test_ui.c — the console's logic that needs no terminal: editing over
 * double-width characters, the keys file, themes and colour folding,
 * splitting `:` commands, and the column layout.
 */
#include "config.h"
#include "../unit/unit.h"
#include "console/ui/edit.h"
#include "console/ui/keys.h"
#include "console/ui/layout.h"
#include "console/ui/theme.h"
#include "console/core/utf8.h"

#include <curses.h>
#include <locale.h>
#include <stdlib.h>
#include "govnet/banned.h"

/* Type text into e one character at a time, as the keyboard would. */
static void type(struct edit *e, const char *s)
{
	size_t len = strlen(s);

	for (size_t i = 0; i < len;) {
		uint32_t cp;
		i += utf8_decode(s + i, len - i, &cp);
		edit_insert(e, cp);
	}
}

static void test_edit(void)
{
	struct edit e;
	char view[64];

	edit_init(&e, 0, 0);
	type(&e, "东海县");
	CHECK(edit_cursor_cell(&e) == 6, "three Chinese characters take six cells");
	edit_left(&e);
	CHECK(edit_cursor_cell(&e) == 4, "left steps over a whole double-width character");
	edit_backspace(&e);
	CHECK_STR(edit_text(&e), "东县", "backspace deletes the whole character before the cursor");
	type(&e, "a");
	CHECK_STR(edit_text(&e), "东a县", "insertion between double-width characters");
	edit_home(&e);
	edit_delete(&e);
	CHECK_STR(edit_text(&e), "a县", "delete at the start takes one whole character");
	CHECK(edit_insert(&e, '\n') == -1, "no newline in a one-line field");
	CHECK(edit_insert(&e, 0x1b) == -1, "no control characters");
	edit_free(&e);

	edit_init(&e, 3, 0);
	type(&e, "一二三四");
	CHECK_STR(edit_text(&e), "一二三", "max_chars counts characters, not bytes");
	edit_free(&e);

	/* A view 5 cells wide never shows half a character. */
	edit_init(&e, 0, 0);
	type(&e, "连云港市大数据");
	edit_scroll_to_cursor(&e, 5, 1);
	CHECK(edit_cursor_cell(&e) - e.scroll < 5, "the cursor stays inside the box");
	edit_line_view(&e, 0, 5, view, sizeof view);
	CHECK(strstr(view, "数据") != NULL, "the end of the text shows");
	e.scroll = 1;
	size_t filled = edit_line_view(&e, 0, 5, view, sizeof view);
	CHECK(filled == 5, "the view fills its width");
	CHECK(view[0] == ' ', "a character cut by the left edge shows as a blank");
	edit_free(&e);

	edit_init(&e, 0, 1);
	type(&e, "第一行\n二");
	CHECK(edit_lines(&e) == 2, "two lines");
	edit_up(&e);
	CHECK(edit_cursor_line(&e) == 0 && edit_cursor_cell(&e) == 2, "up keeps the cell column");
	edit_down(&e);
	CHECK(edit_cursor_line(&e) == 1, "down returns");
	edit_free(&e);
}

static void test_split(void)
{
	char buf[128], *w[8];
	int n;

	snprintf(buf, sizeof buf, "org add '带 空格' --parent \"东海 县\" a\\ b");
	n = command_split(buf, w, 8);
	CHECK(n == 6, "six words");
	CHECK_STR(w[2], "带 空格", "single quotes keep blanks");
	CHECK_STR(w[4], "东海 县", "double quotes keep blanks");
	CHECK_STR(w[5], "a b", "a backslash escapes a blank");
	snprintf(buf, sizeof buf, "x 'open");
	CHECK(command_split(buf, w, 8) == -1, "an unterminated quote is an error");
}

static void test_keys(void)
{
	struct keymap km;
	struct strbuf problems = STRBUF_INIT;
	int key;
	char name[16];

	keymap_defaults(&km);
	CHECK(keymap_lookup(&km, UI_CTX_MAIN, 'j') == CMD_DOWN, "j moves down by default");
	CHECK(keymap_lookup(&km, UI_CTX_FORM, UI_KEY_CTRL('s')) == CMD_FORM_SAVE, "^S saves a form");
	CHECK(keymap_lookup(&km, UI_CTX_MAIN, UI_KEY_ESC) == CMD_BACK &&
	      keymap_lookup(&km, UI_CTX_FORM, UI_KEY_ESC) == CMD_FORM_CANCEL, "Esc means back or cancel by context");
	keymap_apply(&km, "# comment\nunbind q\nbind x quit\nbind 下 down\nbind F5 redraw\nbogus\nbind z nothing\n",
		     "keys", &problems);
	CHECK(keymap_lookup(&km, UI_CTX_MAIN, 'q') == CMD_NONE, "unbind removes q");
	CHECK(keymap_lookup(&km, UI_CTX_MAIN, 'x') == CMD_QUIT, "x is bound to quit");
	CHECK(keymap_lookup(&km, UI_CTX_MAIN, 0x4e0b) == CMD_DOWN, "a Chinese key can be bound");
	CHECK(keymap_lookup(&km, UI_CTX_MAIN, UI_KEY_FN(KEY_F(5))) == CMD_REDRAW, "F5 is parsed");
	CHECK(strstr(sb_str(&problems), "keys:6:") != NULL, "a line that is not a binding is reported");
	CHECK(strstr(sb_str(&problems), "keys:7:") != NULL, "an unknown command is reported");
	CHECK(key_parse("^S", &key) == 0 && key == 19, "^S parses");
	CHECK(key_parse("C-s", &key) == 0 && key == 19, "C-s parses");
	CHECK(key_parse("", &key) == -1, "an empty key is refused");
	key_format(UI_KEY_FN(KEY_NPAGE), name, sizeof name);
	CHECK_STR(name, "PgDn", "keys are named as the file names them");
	CHECK(key_normalise('\r') == '\n' && key_normalise(127) == UI_KEY_FN(KEY_BACKSPACE),
	      "Enter and Backspace fold to one key each");
	sb_free(&problems);
	keymap_free(&km);
}

static void test_theme(void)
{
	struct theme t;
	struct gn_err err;

	CHECK(theme_parse(&t, "x", "[theme]\nselected = black 45 bold\nborders = ascii\noverdue = red\n", "x.theme",
			  &err) == 0, "a theme parses");
	CHECK(t.el[EL_SELECTED].fg == 0 && t.el[EL_SELECTED].bg == 45 && (t.el[EL_SELECTED].attrs & TA_BOLD),
	      "colours and attributes are read");
	CHECK(t.ascii_borders, "borders = ascii");
	CHECK(theme_parse(&t, "x", "selected = mauve\n", "x.theme", &err) == -1 && strstr(err.msg, "x.theme:1"),
	      "an unknown colour is refused naming file and line");
	CHECK(theme_parse(&t, "x", "row_overdue = red bold\n", "x.theme", &err) == 0 &&
	      theme_extra(&t, "row_overdue") != NULL, "a plugin's element is kept by name");
	CHECK(theme_fold_color(45, 256) == 45, "256 colours keep a colour");
	CHECK(theme_fold_color(196, 16) == 9, "bright red folds to bright red in 16");
	CHECK(theme_fold_color(196, 8) == 1, "and to red in 8");
	CHECK(theme_fold_color(12, 8) == 4, "bright blue folds to blue");
	CHECK(theme_fold_color(45, 0) == THEME_NO_COLOR, "no colour on a monochrome terminal");
	CHECK(theme_fold_color(THEME_DEFAULT_COLOR, 8) == THEME_DEFAULT_COLOR, "default stays default");
	CHECK(theme_load(&t, "../etc", &err) == -1, "a theme name cannot leave the theme directories");
	theme_builtin(&t);
	CHECK(t.el[EL_TAB_ACTIVE].bg == 39, "the built-in theme is the default one");
}

static void test_layout(void)
{
	static const struct gn_column cols[] = {
		{ "code", "代码", 10, 0 }, { "name", "名称", 28, 0 }, { "secret", "内部", 8, GN_COLUMN_HIDDEN },
		{ "kind", "类型", 9, 0 }, { NULL },
	};
	static const struct gn_view v = { .name = "list", .title = "t", .sql = "", .columns = cols };
	struct column_plan p;
	struct layout l;
	int sum;

	layout_columns(&v, 80, 0, NULL, &p);
	CHECK(p.n == 4, "the number and three visible columns");
	sum = 0;
	for (int i = 0; i < p.n; i++)
		sum += p.width[i];
	CHECK(sum + p.n - 1 == 80, "the columns fill the width exactly");
	layout_columns(&v, 24, 0, NULL, &p);
	sum = 0;
	for (int i = 0; i < p.n; i++)
		sum += p.width[i] + (i ? 1 : 0);
	CHECK(sum <= 24, "narrow: the columns shrink to fit");
	/* Identifiers keep every cell; free text gives way; what is left over
	 * scrolls sideways. */
	static const struct gn_column ip_cols[] = {
		{ .name = "cidr", .label = "网段", .width = 12 }, { .name = "org", .label = "归属", .width = 20 },
		{ .name = "purpose", .label = "用途", .width = 30 }, { NULL },
	};
	static const struct gn_view ipv = { .name = "list", .title = "t", .sql = "", .columns = ip_cols };
	struct column_needs needs = { .key = { 1, 0, 0 }, .widest = { 39, 26, 40 }, .number = 7 };
	layout_columns(&ipv, 60, 0, &needs, &p);
	CHECK(p.width[0] == 7 && p.width[1] == 39, "the number and an IPv6 prefix keep their widths");
	CHECK(p.n == 4 && !p.more_right && p.width[2] + p.width[3] == 60 - 7 - 39 - 3,
	      "free text shares what is left");
	layout_columns(&ipv, 50, 0, &needs, &p);
	CHECK(p.width[1] >= 39 && p.n == 2 && p.more_right, "too narrow: columns are left for scrolling, never cut");
	layout_columns(&ipv, 50, 1, &needs, &p);
	CHECK(p.more_left && p.source[1] == 1 && !p.more_right, "scrolled: the next columns come in");
	layout_compute(&l, 8, 30);
	CHECK(l.too_small, "30×8 is too small");
	layout_compute(&l, 24, 80);
	CHECK(!l.too_small && l.side.w == 0 && l.main.h == 21, "80×24: the list alone");
	layout_compute(&l, 40, 120);
	CHECK(l.side.w > 0 && l.main.w + l.side.w + 1 == 120, "120×40: the detail pane beside the list");
}

int main(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	test_edit();
	test_split();
	test_keys();
	test_theme();
	test_layout();
	UNIT_DONE();
}
