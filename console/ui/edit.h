/*
 * edit.h — text being typed: a form field, the command line, the filter.
 *
 * The text is UTF-8 and the cursor is a byte offset that always stands on
 * a character boundary, so a Chinese character (two cells wide) is
 * inserted, deleted and stepped over whole.  Nothing here draws: the
 * view functions say which part of the text a box of a given size shows
 * and where the cursor falls in it, and the curses code copies that out.
 */
#ifndef GN_UI_EDIT_H
#define GN_UI_EDIT_H

#include <stddef.h>
#include <stdint.h>

struct edit {
	char *buf;
	size_t len, cap;
	size_t cur;        /* byte offset of the cursor */
	size_t max_chars;  /* 0: no limit */
	int multiline;     /* newlines allowed */
	size_t scroll;     /* first visible cell of each line (horizontal scroll) */
	size_t top_line;   /* first visible line of a multi-line box */
};

void edit_init(struct edit *e, size_t max_chars, int multiline);
void edit_free(struct edit *e);
/* Replace the text; the cursor goes to its end. */
void edit_set(struct edit *e, const char *text);
/* The text, "" when empty: never NULL. */
const char *edit_text(const struct edit *e);

/* Insert one character at the cursor.  Returns -1 (and changes nothing)
 * for a control character other than a newline in a multi-line edit, or
 * when the text already holds max_chars characters. */
int edit_insert(struct edit *e, uint32_t cp);
/* Each returns 0 when it changed something, -1 when there was nothing to do. */
int edit_backspace(struct edit *e);
int edit_delete(struct edit *e);
int edit_left(struct edit *e);
int edit_right(struct edit *e);
int edit_home(struct edit *e);   /* start of the cursor's line */
int edit_end(struct edit *e);    /* end of the cursor's line */
int edit_up(struct edit *e);     /* the line above, at the same cell or the nearest before it */
int edit_down(struct edit *e);
int edit_kill_before(struct edit *e); /* Ctrl-U: delete from line start to the cursor */

/* Lines in the text (1 for an empty text) and the cursor's line (from 0). */
size_t edit_lines(const struct edit *e);
size_t edit_cursor_line(const struct edit *e);
/* Cells from the start of the cursor's line to the cursor. */
size_t edit_cursor_cell(const struct edit *e);

/* Move scroll and top_line so that the cursor lies inside a box of
 * width × height cells (one cell is kept for the cursor past the end). */
void edit_scroll_to_cursor(struct edit *e, size_t width, size_t height);
/* Copy into out what line `line` shows in `width` cells starting at
 * cell e->scroll: whole characters only; a wide character cut by either
 * edge is replaced by spaces.  Returns the cells filled. */
size_t edit_line_view(const struct edit *e, size_t line, size_t width, char *out, size_t size);

/* Split a typed command line into words: blanks separate, '…' and "…"
 * quote, a backslash escapes the next character (not inside '…').
 * Returns the count (at most max), -1 for an unterminated quote.  The
 * words point into buf, which is modified. */
int command_split(char *buf, char **argv, int max);

/* Encode one code point as UTF-8 into out (at least 4 bytes); returns the length. */
size_t utf8_put(uint32_t cp, char *out);

#endif
