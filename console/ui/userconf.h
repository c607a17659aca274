/*
 * userconf.h — what the console remembers for the user between sessions
 * ($XDG_CONFIG_HOME/govnet/console, else ~/.config/govnet/console): one
 * "key = value" a line, written with the user's own rights (the store's
 * group is held only around opening the store, boundary.h).
 */
#ifndef GN_UI_USERCONF_H
#define GN_UI_USERCONF_H

#include <stddef.h>

/* The value of key into out (size bytes): 1 when found, else 0. */
int userconf_get(const char *key, char *out, size_t size);
/* Set key to value (replacing it): 0, or -1 when the file could not be
 * written (the console says so; nothing else depends on it). */
int userconf_set(const char *key, const char *value);

#endif
