/*
 * err.h — errors travel as values carrying a message for the user.
 *
 * The status doubles as the command line's exit code (DESIGN §4): 1 when a
 * change is refused (role, scope, rule, validation, a store that cannot be
 * used), 2 for a usage error.  No code below main() exits.
 */
#ifndef GN_ERR_H
#define GN_ERR_H

#include <stdint.h>

enum gn_status { GN_OK = 0, GN_REFUSED = 1, GN_USAGE = 2 };

struct gn_err {
	enum gn_status status;
	char msg[1024];
	/* The field the message is about (its name in the field table), or
	 * "": the console shows the message beside that field. */
	char field[32];
	/* What the user should do first, when the message names it: the
	 * action (component and verb) and the record it is taken on (id, 0
	 * for none); component "" when the message names nothing.  Each
	 * front end says it its own way (front_next_step): the command line
	 * as the command to run, the console as the action to choose. */
	struct gn_next {
		char component[32];
		char verb[32];
		int64_t id;
	} next;
};

/* Record a failure; always returns -1 so callers can `return err_set(…)`. */
int err_set(struct gn_err *err, enum gn_status status, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* The same, naming the field the message is about. */
int err_set_field(struct gn_err *err, const char *field, enum gn_status status, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
/* Name the step the user should take first (gn_err.next) on an error
 * already set: the action (component and verb) on record id, or a step of
 * the program itself that no component offers ("init"), which the front
 * ends say in their own words (front_next_step). */
void err_set_next(struct gn_err *err, const char *component, const char *verb, int64_t id);
/* Prefix an existing message with context ("org add: …"). */
void err_prefix(struct gn_err *err, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void err_clear(struct gn_err *err);

#endif
