/*
 * calendar.h — working days on the State Council's yearly holiday schedule
 * (DESIGN §1).  A working day is a date the schedule lists as a make-up
 * working day (调休), or a Monday–Friday it does not list as a holiday.
 * A deadline of N working days starts on the next working day after the
 * triggering event: the day itself is not counted.  Beyond the imported
 * years the calendar falls back to weekends and the holidays whose dates
 * are fixed (元旦 1 January, 劳动节 1 May, 国庆节 1–3 October), and says
 * so: a date counted there is provisional until the year is imported.
 *
 * Dates are "YYYY-MM-DD" strings in the configured time zone (clock.h).
 */
#ifndef GN_CALENDAR_H
#define GN_CALENDAR_H

#include <stddef.h>
#include <sqlite3.h>
#include "err.h"
#include "govnet/plugin.h"

struct gn_ctx;

/* Whether date is a working day.  *beyond (may be NULL) is set when the
 * date lies in a year with no imported schedule (weekends only). */
int calendar_is_workday(sqlite3 *db, const char *date, int *workday, int *beyond, struct gn_err *err);

/* The date n working days after date, date itself not counted; n = 0
 * gives date when it is a working day, else the next working day.
 * *beyond (may be NULL) is set when any day counted lies beyond the
 * imported years. */
int calendar_add_workdays(sqlite3 *db, const char *date, int n, char out[11], int *beyond,
			  struct gn_err *err);

/* The latest working day before date such that
 * calendar_workdays_between(out, date) is n (n >= 1): where a deadline
 * n working days past lay, for a clock resumed after its deadline. */
int calendar_sub_workdays(sqlite3 *db, const char *date, int n, char out[11], struct gn_err *err);

/* Working days in (from, to]: after from, up to and including to; 0 when
 * to <= from.  Used for paused clocks and for how late a deadline was met. */
int calendar_workdays_between(sqlite3 *db, const char *from, const char *to, int *count, int *beyond,
			      struct gn_err *err);

/* Forget cached schedules (after an import in the same process). */
void calendar_invalidate(void);

/* ---- beyond the contract above: the schedule itself ------------------- */

/* The calendar's tables (holiday_year, holiday_day), listed in schema.c. */
extern const struct gn_migration calendar_migrations[];

/* What the store holds about one date: whether it is a working day, the
 * schedule's name for it ("国庆节", or "" for an ordinary day) and whether
 * the schedule lists it at all (a holiday, or a make-up working day). */
struct calendar_day {
	int workday;
	int listed;
	int beyond;
	char name[128];
};
int calendar_describe(sqlite3 *db, const char *date, struct calendar_day *day, struct gn_err *err);

/* Whether the store holds a schedule with days for year (an empty
 * published year does not count). */
int calendar_year_known(sqlite3 *db, int year);

/* Check "YYYY-MM-DD": a real date between 1900 and 2999. */
int calendar_date_valid(const char *date);
/* The weekday of a valid date: 0 Sunday … 6 Saturday. */
int calendar_weekday(const char *date);

/* One year of a schedule in the holiday-cn format (data/holiday-cn/
 * schema.json), parsed and checked: every date real, listed once, within
 * the year, except the last days of December or first of January that a
 * New Year holiday spills over (the 2023 notice begins on 2022-12-31).
 * A year published without days counts as not imported. */
struct calendar_entry {
	char date[11];
	char name[128];
	int off;
};
struct calendar_year {
	int year;
	char *papers;                   /* the "papers" array, as compact JSON */
	struct calendar_entry *days;
	size_t ndays;
};
/* Parse text (len bytes) as a holiday-cn file; the message names what is
 * wrong and where ("days[3].date"). */
int calendar_parse(const char *text, size_t len, struct calendar_year *y, struct gn_err *err);
void calendar_year_free(struct calendar_year *y);

/* Replace one year inside the caller's open write transaction, recording
 * where it came from, and forget the cached schedule.  Where two years
 * list the same date, the date's own year decides. */
int calendar_store_year(sqlite3 *db, const struct calendar_year *y, const char *source, const char *now,
			const char *login, struct gn_err *err);

/* Where the schedules shipped with govnet are: the source tree's
 * data/holiday-cn when this is the build tree's binary, else
 * $(pkgdatadir)/holiday-cn. */
const char *calendar_shipped_dir(void);
/* Read a holiday-cn file, or fetch it when file_or_url is an http(s) URL,
 * and import it through the one door as the acting login.  *summary (may
 * be NULL) receives what the import reports, to be freed by the caller. */
int calendar_import_from(struct gn_ctx *ctx, const char *file_or_url, const char *why, char **summary,
			 struct gn_err *err);
/* Import every shipped schedule through the one door as the acting login
 * (`govnet init`): each year is role-checked and audited like any import. */
int calendar_import_shipped(struct gn_ctx *ctx, struct gn_err *err);
/* The calendar as a core component: `import`, run through the door. */
extern const struct gn_plugin core_calendar_component;

#endif
