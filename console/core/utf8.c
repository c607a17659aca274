#include "config.h"
#include "utf8.h"

#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#include "govnet/banned.h"

size_t utf8_decode(const char *str, size_t len, uint32_t *cp)
{
	const unsigned char *s = (const unsigned char *)str;
	uint32_t c, min;
	size_t n, i;

	if (len == 0) {
		*cp = 0xfffd;
		return 0;
	}
	c = s[0];
	if (c < 0x80) {
		*cp = c;
		return 1;
	} else if ((c & 0xe0) == 0xc0) {
		n = 2, c &= 0x1f, min = 0x80;
	} else if ((c & 0xf0) == 0xe0) {
		n = 3, c &= 0x0f, min = 0x800;
	} else if ((c & 0xf8) == 0xf0) {
		n = 4, c &= 0x07, min = 0x10000;
	} else {
		*cp = 0xfffd;
		return 1;
	}
	if (n > len) {
		*cp = 0xfffd;
		return 1;
	}
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80) {
			*cp = 0xfffd;
			return 1;
		}
		c = (c << 6) | (s[i] & 0x3f);
	}
	if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff)) {
		*cp = 0xfffd;
		return 1;
	}
	*cp = c;
	return n;
}

int utf8_valid(const char *s, size_t len)
{
	size_t i = 0;

	while (i < len) {
		uint32_t cp;
		size_t n = utf8_decode(s + i, len - i, &cp);
		if (cp == 0xfffd && n == 1 && (unsigned char)s[i] >= 0x80)
			return 0;
		i += n;
	}
	return 1;
}

size_t utf8_chars(const char *s)
{
	size_t count = 0;

	for (; *s; s++)
		if (((unsigned char)*s & 0xc0) != 0x80)
			count++;
	return count;
}

/*
 * Width from the C library when the locale knows the character; the wide
 * ranges of Unicode's East Asian Width property otherwise, so that a table
 * printed under LANG=C still lines up in a UTF-8 terminal.
 */
int utf8_cp_width(uint32_t cp)
{
	int w = wcwidth((wchar_t)cp);

	if (w >= 0)
		return w;
	if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0))
		return 0;
	if ((cp >= 0x1100 && cp <= 0x115f) || (cp >= 0x2e80 && cp <= 0x303e) ||
	    (cp >= 0x3041 && cp <= 0x33ff) || (cp >= 0x3400 && cp <= 0x4dbf) ||
	    (cp >= 0x4e00 && cp <= 0x9fff) || (cp >= 0xa000 && cp <= 0xa4cf) ||
	    (cp >= 0xac00 && cp <= 0xd7a3) || (cp >= 0xf900 && cp <= 0xfaff) ||
	    (cp >= 0xfe30 && cp <= 0xfe4f) || (cp >= 0xff00 && cp <= 0xff60) ||
	    (cp >= 0xffe0 && cp <= 0xffe6) || (cp >= 0x1f300 && cp <= 0x1f64f) ||
	    (cp >= 0x20000 && cp <= 0x3fffd))
		return 2;
	return 1;
}

int utf8_cp_hidden(uint32_t cp)
{
	if (cp == '\t' || cp == '\n')
		return 0;
	return cp < 0x20 || (cp >= 0x7f && cp < 0xa0) || (cp >= 0x202a && cp <= 0x202e) ||
	       (cp >= 0x2066 && cp <= 0x2069);
}

size_t utf8_width(const char *s)
{
	size_t used;

	utf8_fit(s, (size_t)-1, &used);
	return used;
}

size_t utf8_fit(const char *s, size_t cells, size_t *used)
{
	size_t len = strlen(s), i = 0, w = 0;

	while (i < len) {
		uint32_t cp;
		size_t n = utf8_decode(s + i, len - i, &cp);
		int cw = utf8_cp_width(cp);
		if (w + (size_t)cw > cells)
			break;
		w += (size_t)cw;
		i += n;
	}
	if (used)
		*used = w;
	return i;
}

int utf8_has_control(const char *s, size_t len, int lines)
{
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == 0x7f || (c < 0x20 && !(lines && (c == '\n' || c == '\t'))))
			return 1;
		if (c == 0xc2 && i + 1 < len && (unsigned char)s[i + 1] >= 0x80 && (unsigned char)s[i + 1] < 0xa0)
			return 1;
	}
	return 0;
}

struct safe_stream {
	FILE *to;
	int after_c2; /* the last byte written was 0xc2: a C1 may follow */
};

static ssize_t safe_write(void *cookie, const char *buf, size_t n)
{
	struct safe_stream *ss = cookie;

	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)buf[i];
		if (ss->after_c2) {
			ss->after_c2 = 0;
			if (c >= 0x80 && c < 0xa0) {
				fputs("\xef\xbf\xbd", ss->to); /* U+FFFD */
				continue;
			}
			fputc(0xc2, ss->to);
		}
		if (c == 0xc2)
			ss->after_c2 = 1;
		else if (c == 0x7f)
			fputs("^?", ss->to);
		else if (c < 0x20 && c != '\n' && c != '\t')
			fprintf(ss->to, "^%c", c + 64);
		else
			fputc(c, ss->to);
	}
	if (!ss->after_c2)
		fflush(ss->to);
	return (ssize_t)n;
}

static int safe_close(void *cookie)
{
	struct safe_stream *ss = cookie;

	if (ss->after_c2)
		fputc(0xc2, ss->to);
	fflush(ss->to);
	free(ss);
	return 0;
}

FILE *utf8_safe_stream(FILE *to)
{
	struct safe_stream *ss = calloc(1, sizeof *ss);
	cookie_io_functions_t io = { .write = safe_write, .close = safe_close };
	FILE *f;

	if (!ss)
		return NULL;
	ss->to = to;
	f = fopencookie(ss, "w", io);
	if (!f)
		free(ss);
	return f;
}

int utf8_is_identifier(const char *s)
{
	for (const char *p = s; *p; p++)
		if ((unsigned char)*p <= ' ' || (unsigned char)*p >= 0x7f)
			return 0;
	return strlen(s) <= 64;
}
