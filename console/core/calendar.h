/*
 * calendar.h — working days on the State Council's yearly holiday schedule
 * (DESIGN §1).  A working day is a date the schedule lists as a make-up
 * working day (调休), or a Monday–Friday it does not list as a holiday.
 * A deadline of N working days starts on the next working day after the
 * triggering event: the day itself is not counted.  Beyond the imported
 * years the calendar falls back to plain weekends and says so.
 *
 * Dates are "YYYY-MM-DD" strings in the configured time zone (clock.h).
 */
#ifndef GN_CALENDAR_H
#define GN_CALENDAR_H

#include <sqlite3.h>
#include "err.h"

/* Whether date is a working day.  *beyond (may be NULL) is set when the
 * date lies in a year with no imported schedule (weekends only). */
int calendar_is_workday(sqlite3 *db, const char *date, int *workday, int *beyond, struct gn_err *err);

/* The date n working days after date, date itself not counted; n = 0
 * gives date when it is a working day, else the next working day.
 * *beyond (may be NULL) is set when any day counted lies beyond the
 * imported years. */
int calendar_add_workdays(sqlite3 *db, const char *date, int n, char out[11], int *beyond,
			  struct gn_err *err);

/* Working days in (from, to]: after from, up to and including to; 0 when
 * to <= from.  Used for paused clocks and for how late a deadline was met. */
int calendar_workdays_between(sqlite3 *db, const char *from, const char *to, int *count, int *beyond,
			      struct gn_err *err);

/* Forget cached schedules (after an import in the same process). */
void calendar_invalidate(void);

#endif
