/*
 * utf8.h — checks and measures applied to every string from outside
 * (terminal, command line, file, network, Lua) at the edge (STYLE).
 */
#ifndef GN_UTF8_H
#define GN_UTF8_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* True when s[0..len) is well-formed UTF-8 (no overlongs, no surrogates). */
int utf8_valid(const char *s, size_t len);
/* Decode one character at s (at most len bytes); returns its length in
 * bytes (1 for a malformed byte, which decodes to U+FFFD). */
size_t utf8_decode(const char *s, size_t len, uint32_t *cp);
/* True when valid UTF-8 s[0..len) holds a control character: C0 (except
 * newline and tab when lines is set), DEL or C1 — what a terminal would take
 * as a command (clear the screen, set the title, change colours). */
int utf8_has_control(const char *s, size_t len, int lines);
/* A stream that writes to `to` with every control character but newline
 * and tab shown as ^X (C1 as U+FFFD): what is printed to a terminal can
 * never command it, whatever the store holds.  The console draws through
 * curses, which does the same. */
FILE *utf8_safe_stream(FILE *to);
/* Number of characters in a valid UTF-8 string. */
size_t utf8_chars(const char *s);
/* Terminal cells a character takes: 2 for East Asian wide, 0 for
 * combining marks, 1 otherwise. */
int utf8_cp_width(uint32_t cp);
/* Whether cp changes how a terminal shows the text around it: C0 and C1
 * controls but tab and newline, DEL, and the bidirectional embeddings,
 * overrides and isolates (U+202A–U+202E, U+2066–U+2069) that can make
 * code read differently from what it does. */
int utf8_cp_hidden(uint32_t cp);
/* Terminal cells a valid UTF-8 string takes. */
size_t utf8_width(const char *s);
/* A single ASCII word of at most 64 bytes (an address, a domain, a date,
 * a code, an id), or nothing: an identifier, which the front ends never
 * cut — cutting turns it into another, wrong value. */
int utf8_is_identifier(const char *s);
/* Bytes of s that fit in `cells` cells without splitting a character;
 * *used receives the cells they take. */
size_t utf8_fit(const char *s, size_t cells, size_t *used);

#endif
