/*
 * clock.h — times and dates in the configured time zone (default
 * Asia/Shanghai), whatever the machine's TZ.  Stored times are ISO 8601
 * with their offset: 2026-11-25T10:00:00+08:00.
 */
#ifndef GN_CLOCK_H
#define GN_CLOCK_H

#include <time.h>
#include "err.h"

#define CLOCK_DEFAULT_ZONE "Asia/Shanghai"
#define CLOCK_ISO_LEN 32

/* Make `zone` the zone every date is taken in. */
int clock_set_zone(const char *zone, struct gn_err *err);
/* Parse "YYYY-MM-DD", "YYYY-MM-DD[T ]HH:MM[:SS]" with an optional "Z" or
 * "±HH:MM"; without an offset the time is in the configured zone. */
int clock_parse(const char *s, time_t *out, struct gn_err *err);
/* ISO 8601 with offset, in the configured zone. */
void clock_format(time_t t, char out[CLOCK_ISO_LEN]);
/* The calendar date YYYY-MM-DD in the configured zone. */
void clock_date(time_t t, char out[11]);
/* The year of a date "YYYY-MM-DD…", or 0 when it does not start with one. */
int clock_year_of(const char *date);
/* Calendar days from date a to date b (both YYYY-MM-DD; negative when b is
 * earlier); 0 when either is not a date. */
long clock_days_between(const char *a, const char *b);
/* A stored time as a person reads it in a list or a detail pane, in the
 * configured zone: "11-27 23:23" in now's year, "2025-11-27 23:23"
 * otherwise.  Returns 1 with out filled when value is a time of day
 * ("YYYY-MM-DDTHH:MM…"), else 0 (a bare date stays as it is). */
int clock_short(const char *value, time_t now, char *out, size_t size);

#endif
