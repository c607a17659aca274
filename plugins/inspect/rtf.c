/*
 * rtf.c — a circular as Rich Text, which WPS and Word open as a document:
 * the title and number centred, the body in 仿宋 at 三号 (16 pt), the
 * usual size for an official notice.  Characters beyond ASCII are written
 * as \uN escapes, so the file itself is plain ASCII whatever the reader's
 * code page.
 */
#include "inspect.h"

#include <stdio.h>
#include <string.h>
#include "govnet/banned.h"

static int add(char *out, size_t size, size_t *len, const char *s)
{
	size_t n = strlen(s);

	if (*len + n >= size)
		return -1;
	memcpy(out + *len, s, n + 1);
	*len += n;
	return 0;
}

/* One UTF-8 sequence at *p as a code point; advances *p.  Invalid bytes
 * become U+FFFD (the text was checked as UTF-8 at the edge). */
static unsigned long next_code_point(const unsigned char **p)
{
	const unsigned char *s = *p;
	unsigned long c = s[0];
	int more = c >= 0xf0 ? 3 : c >= 0xe0 ? 2 : c >= 0xc0 ? 1 : 0;

	if (c >= 0x80 && !more) {
		*p = s + 1;
		return 0xfffd;
	}
	c &= more == 3 ? 0x07 : more == 2 ? 0x0f : more == 1 ? 0x1f : 0x7f;
	for (int i = 1; i <= more; i++) {
		if ((s[i] & 0xc0) != 0x80) {
			*p = s + i;
			return 0xfffd;
		}
		c = (c << 6) | (s[i] & 0x3f);
	}
	*p = s + 1 + more;
	return c;
}

/* One code point as RTF: \uN with N a signed 16-bit number, a surrogate
 * pair beyond the Basic Multilingual Plane. */
static int add_code_point(char *out, size_t size, size_t *len, unsigned long c)
{
	char esc[32];

	if (c == '\\' || c == '{' || c == '}') {
		snprintf(esc, sizeof esc, "\\%c", (char)c);
	} else if (c >= 0x20 && c < 0x7f) {
		snprintf(esc, sizeof esc, "%c", (char)c);
	} else if (c < 0x20 || c == 0x7f) {
		return 0; /* control characters never reach the document */
	} else if (c < 0x10000) {
		snprintf(esc, sizeof esc, "\\u%d?", (int)(short)(unsigned short)c);
	} else {
		c -= 0x10000;
		snprintf(esc, sizeof esc, "\\u%d?\\u%d?", (int)(short)(unsigned short)(0xd800 + (c >> 10)),
			 (int)(short)(unsigned short)(0xdc00 + (c & 0x3ff)));
	}
	return add(out, size, len, esc);
}

int inspect_rtf(const char *text, int centred_lines, char *out, size_t size)
{
	const unsigned char *p = (const unsigned char *)text;
	size_t len = 0;
	int line = 0;

	out[0] = '\0';
	if (add(out, size, &len, "{\\rtf1\\ansi\\ansicpg936\\deff0{\\fonttbl{\\f0\\fnil\\fcharset134 \\'b7\\'c2\\'cb\\'ce;}}"
				  "\\uc1\\f0\\fs32\n\\pard\\qc "))
		return -1;
	while (*p) {
		if (*p == '\n') {
			p++;
			if (add(out, size, &len, ++line < centred_lines ? "\\par\n\\pard\\qc " : "\\par\n\\pard\\ql "))
				return -1;
			continue;
		}
		if (add_code_point(out, size, &len, next_code_point(&p)))
			return -1;
	}
	return add(out, size, &len, "\\par\n}\n");
}
