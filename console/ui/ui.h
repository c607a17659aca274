/*
 * ui.h — the console: an ncurses front end drawn from the components'
 * descriptions (DESIGN §2).  No component contains curses code.
 */
#ifndef GN_UI_H
#define GN_UI_H

/* Open the console on the store at db_path; returns the exit code. */
int ui_main(const char *db_path);

#endif
