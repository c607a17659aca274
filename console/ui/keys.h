/*
 * keys.h — what each key does: one table of bindings, remappable and
 * unbindable from $XDG_CONFIG_HOME/govnet/keys, and listed live by `?`.
 *
 * A key is an int: a character's code point, or UI_KEY_FN(code) for a
 * curses function key (arrows, F-keys, PgUp …).  Enter is '\n' and
 * Backspace UI_KEY_FN(KEY_BACKSPACE) whatever the terminal sends.
 *
 * The keys file has one binding a line; a line starting with `#` is a comment:
 *     bind KEY COMMAND       e.g.  bind J page-down
 *     unbind KEY                   unbind q
 */
#ifndef GN_UI_KEYS_H
#define GN_UI_KEYS_H

#include <stddef.h>
#include "../core/strbuf.h"

#define UI_KEY_FN(k) ((int)(k) | 0x1000000)
#define UI_KEY_IS_FN(k) (((k) & 0x1000000) != 0)
#define UI_KEY_CTRL(c) ((c) & 0x1f)
#define UI_KEY_ESC 27

/* Where a command applies: the lists and panes, or an open form. */
enum ui_context { UI_CTX_MAIN, UI_CTX_FORM };

enum ui_cmd {
	CMD_NONE,
	CMD_DOWN, CMD_UP, CMD_PAGE_DOWN, CMD_PAGE_UP, CMD_TOP, CMD_BOTTOM,
	CMD_OPEN, CMD_BACK, CMD_NEXT_TAB, CMD_PREV_TAB, CMD_SCROLL_LEFT, CMD_SCROLL_RIGHT,
	CMD_TAB1, CMD_TAB2, CMD_TAB3, CMD_TAB4, CMD_TAB5, CMD_TAB6, CMD_TAB7, CMD_TAB8, CMD_TAB9,
	CMD_FILTER, CMD_SORT, CMD_SORT_REVERSE, CMD_NEW, CMD_EDIT, CMD_ACTIONS,
	CMD_COMMAND, CMD_HELP, CMD_QUIT, CMD_REDRAW,
	CMD_FORM_SAVE, CMD_FORM_CANCEL, CMD_FORM_NEXT, CMD_FORM_PREV,
	CMD_MATCH_NEXT, CMD_MATCH_PREV, CMD_YANK,
	CMD_NEXT_VIEW, CMD_PREV_VIEW, /* a plugin's views: its tab's sub-tabs */
	CMD_COUNT
};

struct ui_cmd_info {
	const char *name;  /* in the keys file */
	const char *title; /* in the help */
	enum ui_context context;
};
extern const struct ui_cmd_info ui_cmds[CMD_COUNT];

struct binding {
	int key;
	enum ui_cmd cmd;
};

struct keymap {
	struct binding *items;
	size_t n;
};

void keymap_defaults(struct keymap *km);
void keymap_free(struct keymap *km);
/* The command key runs in context, or CMD_NONE. */
enum ui_cmd keymap_lookup(const struct keymap *km, enum ui_context ctx, int key);
/* Bind key to cmd in cmd's context (replacing what it did there). */
void keymap_bind(struct keymap *km, int key, enum ui_cmd cmd);
/* Remove every binding of key; -1 when it had none. */
int keymap_unbind(struct keymap *km, int key);
/* The keys bound to cmd, as names separated by " ", into out ("" when none). */
void keymap_keys_of(const struct keymap *km, enum ui_cmd cmd, char *out, size_t size);

/* "j", "G", "^S", "C-s", "F2", "Up", "PgDn", "Enter", "Esc", "Tab",
 * "S-Tab", "Space", "Backspace", "Del", "Home", "End", or one UTF-8
 * character.  0 on success. */
int key_parse(const char *name, int *key);
void key_format(int key, char *out, size_t size);
/* Fold what terminals send differently into one key (Enter, Backspace). */
int key_normalise(int key);
enum ui_cmd cmd_parse(const char *name);

/* Apply a keys file's text; each line that cannot be understood is
 * described in problems ("keys:3: …") and skipped. */
void keymap_apply(struct keymap *km, const char *text, const char *file, struct strbuf *problems);
/* Load $XDG_CONFIG_HOME/govnet/keys (or ~/.config/govnet/keys) when it exists. */
void keymap_load_user(struct keymap *km, struct strbuf *problems);

#endif
