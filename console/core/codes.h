/*
 * codes.h — the Chinese titles of the codes the core stores (kinds of
 * organisation, roles), so that a person reads 县区 where the store says
 * county.  Views call gn_code_title(kind, code) in their SQL.
 */
#ifndef GN_CODES_H
#define GN_CODES_H

#include <sqlite3.h>
#include <time.h>
#include "err.h"

/* The kinds of organisation, NULL-terminated, city first; their titles
 * in the same order. */
extern const char *const org_kind_codes[];
extern const char *const org_kind_titles[];
/* The title of code of kind ("org_kind", "role"), or code itself when the
 * table has none. */
const char *code_title(const char *kind, const char *code);
/* Register gn_code_title(kind, code) on db, and gn_short_time(at): a
 * stored time as clock_short writes it for the year of *now. */
int codes_register_sql(sqlite3 *db, const time_t *now, struct gn_err *err);

#endif
