/*
 * org.h — the organisation tree (Art 6–8): city → county-level divisions
 * and functional zones → departments → units.  Every organisation has a
 * materialised path of ids from the root ("/1/5/23/"); a login scoped to an
 * organisation acts for it and everything whose path starts with its own.
 */
#ifndef GN_ORG_H
#define GN_ORG_H

#include <stddef.h>
#include <stdint.h>
#include <sqlite3.h>
#include "err.h"
#include "govnet/plugin.h"

/* Find an organisation by code or by name ("东海县", "320722").  A name
 * shared by several organisations is refused, listing their codes. */
int org_resolve(sqlite3 *db, const char *key, int64_t *id, struct gn_err *err);
/* Codes and names never look alike, so that a key is one or the other: a
 * code is an administrative division (6 digits), an office of one
 * (320700-ZWB), an organisation code (9 digits) or a unified social credit
 * code (18 characters, GB 32100); a name is never of these forms.  0 when
 * both are acceptable (either may be NULL or ""), else -1 naming the field. */
int org_is_code(const char *key);
int org_check_code_name(const char *code, const char *name, struct gn_err *err);
/* Everything about one organisation, its county-level division included:
 * the one query every component reads an organisation by. */
int org_get(sqlite3 *db, int64_t id, struct gn_org *org, struct gn_err *err);
/* The path and name of an organisation; path/name may be NULL. */
int org_lookup(sqlite3 *db, int64_t id, char *path, size_t path_size, char *name,
	       size_t name_size, struct gn_err *err);
/* True when path lies within scope (scope is a prefix of path). */
int org_within(const char *scope, const char *path);
/* Add an organisation under parent (0: the root); *id receives its id. */
int org_insert(sqlite3 *db, int64_t parent, const char *code, const char *name, const char *kind,
	       const char *now, int64_t *id, struct gn_err *err);

/* The city this store serves, as `govnet init` seeds it (org.c). */
int org_seed_city(sqlite3 *db, const char *now, struct gn_err *err);
/* The competent authority and operating agency of the city. */
#define ORG_CITY_CODE "320700"
#define ORG_CITY_OFFICE "市政务办"
#define ORG_CITY_AGENCY "市大数据管理中心"

#endif
