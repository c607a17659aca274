/*
 * cmd_rules.h — what `govnet rules` shares between its files.
 */
#ifndef GN_CMD_RULES_H
#define GN_CMD_RULES_H

#include <sqlite3.h>
#include <stddef.h>
#include <stdint.h>
#include "../core/err.h"

/* Print a script as a reviewer must see it: a control character, a
 * bidirectional control or a byte that is not UTF-8 is shown as <U+XXXX>
 * or <0xXX>, never sent to the terminal. */
void rules_print_source(const char *s, size_t len);

/* Whether `rules history` was asked for a diff (--diff among argv). */
int rules_wants_diff(int argc, char **argv);

/* Print the line diff between versions v1 and v2 of rule id (named name in
 * the headings), made safe as rules_print_source does. */
int rules_diff_versions(sqlite3 *db, int64_t id, const char *name, int v1, int v2, struct gn_err *err);

#endif
