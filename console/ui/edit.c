/*
 * edit.c — the text editor behind every field and prompt of the console.
 * Offsets are bytes; widths come from utf8_cp_width so that what the
 * cursor steps over matches what the terminal draws.
 */
#include "config.h"
#include "edit.h"
#include "../core/strbuf.h"
#include "../core/utf8.h"

#include <stdlib.h>
#include <string.h>
#include "govnet/banned.h"

size_t utf8_put(uint32_t cp, char *out)
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xc0 | (cp >> 6));
		out[1] = (char)(0x80 | (cp & 0x3f));
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = (char)(0xe0 | (cp >> 12));
		out[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
		out[2] = (char)(0x80 | (cp & 0x3f));
		return 3;
	}
	out[0] = (char)(0xf0 | (cp >> 18));
	out[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
	out[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
	out[3] = (char)(0x80 | (cp & 0x3f));
	return 4;
}

void edit_init(struct edit *e, size_t max_chars, int multiline)
{
	memset(e, 0, sizeof *e);
	e->max_chars = max_chars;
	e->multiline = multiline;
}

void edit_free(struct edit *e)
{
	free(e->buf);
	e->buf = NULL;
	e->len = e->cap = e->cur = 0;
}

static void reserve(struct edit *e, size_t extra)
{
	if (e->len + extra + 1 <= e->cap)
		return;
	e->cap = (e->len + extra + 1) * 2;
	e->buf = xrealloc(e->buf, e->cap);
}

void edit_set(struct edit *e, const char *text)
{
	size_t n = text ? strlen(text) : 0;

	e->len = 0;
	reserve(e, n);
	if (n)
		memcpy(e->buf, text, n);
	e->len = n;
	e->buf[n] = '\0';
	e->cur = n;
	e->scroll = 0;
	e->top_line = 0;
}

const char *edit_text(const struct edit *e)
{
	return e->buf ? e->buf : "";
}

/* The start of the character before offset at. */
static size_t prev_char(const struct edit *e, size_t at)
{
	if (at == 0)
		return 0;
	at--;
	while (at > 0 && ((unsigned char)e->buf[at] & 0xc0) == 0x80)
		at--;
	return at;
}

static size_t next_char(const struct edit *e, size_t at)
{
	uint32_t cp;

	if (at >= e->len)
		return e->len;
	return at + utf8_decode(e->buf + at, e->len - at, &cp);
}

static int cell_width(const struct edit *e, size_t at)
{
	uint32_t cp;

	utf8_decode(e->buf + at, e->len - at, &cp);
	if (cp < 0x20)
		return 1; /* shown as a space */
	return utf8_cp_width(cp);
}

int edit_insert(struct edit *e, uint32_t cp)
{
	char enc[4];
	size_t n;

	if (cp == '\n' ? !e->multiline : (cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp < 0xa0)))
		return -1;
	if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
		return -1;
	if (e->max_chars && e->buf && utf8_chars(e->buf) >= e->max_chars)
		return -1;
	n = utf8_put(cp, enc);
	reserve(e, n);
	memmove(e->buf + e->cur + n, e->buf + e->cur, e->len - e->cur);
	memcpy(e->buf + e->cur, enc, n);
	e->len += n;
	e->cur += n;
	e->buf[e->len] = '\0';
	return 0;
}

static void cut(struct edit *e, size_t from, size_t to)
{
	memmove(e->buf + from, e->buf + to, e->len - to);
	e->len -= to - from;
	e->buf[e->len] = '\0';
	e->cur = from;
}

int edit_backspace(struct edit *e)
{
	if (e->cur == 0)
		return -1;
	cut(e, prev_char(e, e->cur), e->cur);
	return 0;
}

int edit_delete(struct edit *e)
{
	if (e->cur >= e->len)
		return -1;
	cut(e, e->cur, next_char(e, e->cur));
	return 0;
}

int edit_left(struct edit *e)
{
	if (e->cur == 0)
		return -1;
	e->cur = prev_char(e, e->cur);
	return 0;
}

int edit_right(struct edit *e)
{
	if (e->cur >= e->len)
		return -1;
	e->cur = next_char(e, e->cur);
	return 0;
}

static size_t line_start(const struct edit *e, size_t at)
{
	while (at > 0 && e->buf[at - 1] != '\n')
		at--;
	return at;
}

static size_t line_end(const struct edit *e, size_t at)
{
	while (at < e->len && e->buf[at] != '\n')
		at++;
	return at;
}

int edit_home(struct edit *e)
{
	size_t s = e->len ? line_start(e, e->cur) : 0;

	if (s == e->cur)
		return -1;
	e->cur = s;
	return 0;
}

int edit_end(struct edit *e)
{
	size_t s = e->len ? line_end(e, e->cur) : 0;

	if (s == e->cur)
		return -1;
	e->cur = s;
	return 0;
}

int edit_kill_before(struct edit *e)
{
	size_t s = e->len ? line_start(e, e->cur) : 0;

	if (s == e->cur)
		return -1;
	cut(e, s, e->cur);
	return 0;
}

size_t edit_cursor_cell(const struct edit *e)
{
	size_t cells = 0;

	for (size_t at = e->len ? line_start(e, e->cur) : 0; at < e->cur; at = next_char(e, at))
		cells += (size_t)cell_width(e, at);
	return cells;
}

/* The offset in the line starting at `start` nearest to `cells`
 * without passing it. */
static size_t offset_at_cell(const struct edit *e, size_t start, size_t cells)
{
	size_t at = start, used = 0, end = line_end(e, start);

	while (at < end) {
		size_t w = (size_t)cell_width(e, at);
		if (used + w > cells)
			break;
		used += w;
		at = next_char(e, at);
	}
	return at;
}

int edit_up(struct edit *e)
{
	size_t s, cells;

	if (!e->len)
		return -1;
	s = line_start(e, e->cur);
	if (s == 0)
		return -1;
	cells = edit_cursor_cell(e);
	e->cur = offset_at_cell(e, line_start(e, s - 1), cells);
	return 0;
}

int edit_down(struct edit *e)
{
	size_t end, cells;

	if (!e->len)
		return -1;
	end = line_end(e, e->cur);
	if (end >= e->len)
		return -1;
	cells = edit_cursor_cell(e);
	e->cur = offset_at_cell(e, end + 1, cells);
	return 0;
}

size_t edit_lines(const struct edit *e)
{
	size_t n = 1;

	for (size_t i = 0; i < e->len; i++)
		n += e->buf[i] == '\n';
	return n;
}

size_t edit_cursor_line(const struct edit *e)
{
	size_t n = 0;

	for (size_t i = 0; i < e->cur; i++)
		n += e->buf[i] == '\n';
	return n;
}

void edit_scroll_to_cursor(struct edit *e, size_t width, size_t height)
{
	size_t cell = edit_cursor_cell(e), line = edit_cursor_line(e);

	if (width == 0)
		width = 1;
	if (cell < e->scroll)
		e->scroll = cell;
	/* The cursor needs its own cell, two when it sits on a wide character. */
	size_t need = e->cur < e->len && e->buf[e->cur] != '\n' ? (size_t)cell_width(e, e->cur) : 1;
	if (cell + need > e->scroll + width)
		e->scroll = cell + need > width ? cell + need - width : 0;
	if (height == 0)
		height = 1;
	if (line < e->top_line)
		e->top_line = line;
	if (line >= e->top_line + height)
		e->top_line = line - height + 1;
}

size_t edit_line_view(const struct edit *e, size_t line, size_t width, char *out, size_t size)
{
	size_t at = 0, cell = 0, filled = 0, o = 0;

	if (size == 0)
		return 0;
	for (size_t l = 0; l < line && at < e->len; at++)
		if (e->buf[at] == '\n')
			l++;
	if (line > 0 && at == 0 && e->len == 0) {
		out[0] = '\0';
		return 0;
	}
	size_t end = e->len ? line_end(e, at) : 0;
	while (at < end && filled < width) {
		size_t w = (size_t)cell_width(e, at), n = next_char(e, at) - at;
		if (cell + w <= e->scroll) {
			/* left of the box */
		} else if (cell < e->scroll || filled + w > width) {
			/* cut by an edge: blanks for the cells that show */
			size_t show = cell < e->scroll ? cell + w - e->scroll : width - filled;
			for (size_t i = 0; i < show && o + 1 < size; i++)
				out[o++] = ' ';
			filled += show;
		} else if (o + n < size) {
			if ((unsigned char)e->buf[at] < 0x20)
				out[o++] = ' ';
			else {
				memcpy(out + o, e->buf + at, n);
				o += n;
			}
			filled += w;
		}
		cell += w;
		at += n;
	}
	out[o] = '\0';
	return filled;
}

int command_split(char *buf, char **argv, int max)
{
	char *in = buf, *out = buf;
	int n = 0;

	for (;;) {
		while (*in == ' ' || *in == '\t')
			in++;
		if (!*in)
			return n;
		if (n == max)
			return n;
		argv[n++] = out;
		char quote = 0;
		while (*in && (quote || (*in != ' ' && *in != '\t'))) {
			if (quote && *in == quote) {
				quote = 0;
				in++;
			} else if (!quote && (*in == '\'' || *in == '"')) {
				quote = *in++;
			} else if (*in == '\\' && in[1] && quote != '\'') {
				in++;
				*out++ = *in++;
			} else {
				*out++ = *in++;
			}
		}
		if (quote)
			return -1;
		/* The terminator may overwrite the blank just read: out never passes in. */
		if (*in)
			in++;
		*out++ = '\0';
	}
}
