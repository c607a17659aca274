/*
 * term.h — the terminal: curses started and ended, the terminal given
 * back on every exit (quit, SIGTERM, SIGHUP, SIGINT, and a crash: the
 * handlers end curses first), and messages others write to stderr kept
 * off the screen while curses owns it.
 */
#ifndef GN_UI_TERM_H
#define GN_UI_TERM_H

#include <stddef.h>
#include "../core/err.h"
#include "../core/strbuf.h"

/* The console needs a UTF-8 locale and a terminal on stdin and stdout. */
int term_check(struct gn_err *err);
/* Send stderr to a file until term_release_stderr; term_take_stderr
 * appends what was written since the last call. */
void term_capture_stderr(void);
void term_take_stderr(struct strbuf *out);
void term_release_stderr(void);

/* Start curses: cbreak, no echo, keypad, Ctrl-S and Ctrl-Q reaching the
 * console (no flow control), a short Escape delay, the signal handlers. */
int term_start(struct gn_err *err);
void term_stop(void);
/* True when the terminal draws lines (it has acsc). */
int term_has_line_drawing(void);

#endif
