/*
 * calendar.c — working days on the State Council's holiday schedule.
 *
 * Deadlines are computed on every transition and for every row of the
 * due lists, so the schedule is read from the store once and kept as one
 * byte per day over the imported years.  Counting N working days is then
 * a walk over bytes.  Another process may import a schedule while this one
 * runs (the console stays open for hours), so the cache is checked against
 * the store's list of years and their digests at most once a second.
 */
#include "config.h"
#include "calendar.h"
#include "store.h"
#include "strbuf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "govnet/banned.h"

#define CAL_MIN_YEAR 1900
#define CAL_MAX_YEAR 2999
/* The longest span counted: a century of days, far beyond any deadline. */
#define CAL_MAX_SPAN_DAYS 36525L
#define CAL_MAX_WORKDAYS 10000
#define CAL_RECHECK_NS 1000000000LL

const struct gn_migration calendar_migrations[] = {
	{ 1,
	  /* One row per imported year: where it came from and when, the
	   * State Council papers it rests on, and a digest of its days, so the
	   * audit entry of a re-import shows whether anything changed.  id is
	   * the year itself. */
	  "CREATE TABLE holiday_year ("
	  "  id INTEGER PRIMARY KEY CHECK (id BETWEEN 1900 AND 2999),"
	  "  source TEXT NOT NULL,"
	  "  papers TEXT NOT NULL DEFAULT '[]',"
	  "  off_days INTEGER NOT NULL DEFAULT 0,"
	  "  work_days INTEGER NOT NULL DEFAULT 0,"
	  "  digest TEXT NOT NULL,"
	  "  imported_at TEXT NOT NULL,"
	  "  imported_by TEXT NOT NULL);"
	  /* The days a schedule lists: holidays (off = 1) and make-up working
	   * days on weekends (off = 0).  year is the schedule that lists the
	   * day: a New Year holiday that begins on 31 December belongs to the
	   * next year's notice, so a date may appear under two years. */
	  "CREATE TABLE holiday_day ("
	  "  id INTEGER PRIMARY KEY,"
	  "  date TEXT NOT NULL,"
	  "  year INTEGER NOT NULL REFERENCES holiday_year(id) ON DELETE CASCADE,"
	  "  name TEXT NOT NULL,"
	  "  off INTEGER NOT NULL CHECK (off IN (0, 1)),"
	  "  UNIQUE (year, date));"
	  "CREATE INDEX holiday_day_date ON holiday_day(date);" },
	{ 0, NULL },
};

/* ---- dates as day numbers (days since 1970-01-01, proleptic Gregorian) -- */

static long days_from_civil(int y, int m, int d)
{
	y -= m <= 2;
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static void civil_from_days(long z, int *y, int *m, int *d)
{
	z += 719468;
	long era = (z >= 0 ? z : z - 146096) / 146097;
	long doe = z - era * 146097;
	long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

static int weekday_of(long dn)
{
	return (int)(dn >= -4 ? (dn + 4) % 7 : (dn + 5) % 7 + 6); /* 1970-01-01 was a Thursday */
}

static int two(const char *s)
{
	return (s[0] >= '0' && s[0] <= '9' && s[1] >= '0' && s[1] <= '9') ? (s[0] - '0') * 10 + s[1] - '0' : -1;
}

/* "YYYY-MM-DD" to a day number; -1 when it is not a real date in range. */
static int parse_date(const char *s, long *dn)
{
	int y, m, d, hi, lo, cy, cm, cd;

	if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return -1;
	hi = two(s), lo = two(s + 2), m = two(s + 5), d = two(s + 8);
	if (hi < 0 || lo < 0 || m < 1 || m > 12 || d < 1 || d > 31)
		return -1;
	y = hi * 100 + lo;
	if (y < CAL_MIN_YEAR || y > CAL_MAX_YEAR)
		return -1;
	*dn = days_from_civil(y, m, d);
	civil_from_days(*dn, &cy, &cm, &cd);
	return cd == d && cm == m ? 0 : -1; /* 2026-02-30 came back as March */
}

static void format_date(long dn, char out[11])
{
	int y, m, d;

	civil_from_days(dn, &y, &m, &d);
	snprintf(out, 11, "%04u-%02u-%02u", (unsigned)y % 10000u, (unsigned)m % 100u, (unsigned)d % 100u);
}

int calendar_date_valid(const char *date)
{
	long dn;

	return parse_date(date, &dn) == 0;
}

int calendar_weekday(const char *date)
{
	long dn;

	return parse_date(date, &dn) == 0 ? weekday_of(dn) : -1;
}

static int bad_date(const char *date, struct gn_err *err)
{
	return err_set(err, GN_USAGE, "日期 \"%.40s\" 无效：应为 YYYY-MM-DD 格式的真实日期（%d–%d 年）",
		       date ? date : "", CAL_MIN_YEAR, CAL_MAX_YEAR);
}

enum { DAY_WORK = 1u << 0, DAY_BEYOND = 1u << 1 };

/* The statutory holidays whose dates are fixed, known before a year's
 * schedule is published (全国年节及纪念日放假办法): 元旦 1 January,
 * 劳动节 1 May, 国庆节 1–3 October.  A year not yet imported counts them
 * off besides its weekends; its make-up days and moved days come with the
 * schedule. */
static const struct {
	int month, day;
} fixed_holidays[] = {
	{ 1, 1 }, { 5, 1 }, { 10, 1 }, { 10, 2 }, { 10, 3 },
};

static int fixed_holiday(long dn)
{
	int y, m, d;

	civil_from_days(dn, &y, &m, &d);
	for (size_t i = 0; i < sizeof fixed_holidays / sizeof fixed_holidays[0]; i++)
		if (fixed_holidays[i].month == m && fixed_holidays[i].day == d)
			return 1;
	return 0;
}

/* A day of a year with no imported schedule. */
static unsigned char unscheduled_day(long dn)
{
	int wd = weekday_of(dn);

	return (unsigned char)(DAY_BEYOND | (wd != 0 && wd != 6 && !fixed_holiday(dn) ? DAY_WORK : 0));
}

/* ---- the cached schedule ----------------------------------------------- */

static struct {
	sqlite3 *db;
	char *file;           /* the store's file name: a new connection may reuse a pointer */
	char *stamp;          /* "year:digest:days,…" as last read */
	long base;            /* day number of the first day covered */
	long ndays;
	unsigned char *day;   /* DAY_* per day from base */
	long long checked_ns; /* when the stamp was last compared */
} cache;

static long long monotonic_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

void calendar_invalidate(void)
{
	free(cache.file);
	free(cache.stamp);
	free(cache.day);
	memset(&cache, 0, sizeof cache);
}

/* Which years the store holds, and a stamp that changes with any import.
 * A year imported with no days (holiday-cn publishes the coming year empty
 * until the State Council does) counts as not yet imported. */
static int read_years(sqlite3 *db, struct strbuf *stamp, int *first, int *last, struct gn_err *err)
{
	sqlite3_stmt *st;
	int rc;

	*first = *last = 0;
	if (store_prepare(db, "SELECT id, digest, off_days + work_days FROM holiday_year ORDER BY id", &st, err, ""))
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int year = sqlite3_column_int(st, 0), days = sqlite3_column_int(st, 2);
		sb_addf(stamp, "%d:%s:%d,", year, (const char *)sqlite3_column_text(st, 1), days);
		if (days == 0)
			continue;
		if (!*first)
			*first = year;
		*last = year;
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : store_error(db, "读取节假日安排", err);
}

static int year_has_days(sqlite3_stmt *st, int year)
{
	int found;

	sqlite3_reset(st);
	sqlite3_bind_int(st, 1, year);
	found = sqlite3_step(st) == SQLITE_ROW;
	return found;
}

static int load(sqlite3 *db, struct strbuf *stamp, int first, int last, struct gn_err *err)
{
	sqlite3_stmt *years = NULL, *days = NULL;
	const char *file = sqlite3_db_filename(db, "main");
	int rc;

	calendar_invalidate();
	cache.db = db;
	cache.file = xstrdup(file ? file : "");
	cache.stamp = sb_detach(stamp);
	cache.checked_ns = monotonic_ns();
	if (!first)
		return 0; /* no schedule at all: weekends everywhere */
	/* One year either side holds the days a notice lists across the new
	 * year; those years themselves are beyond the imported ones. */
	first--, last++;
	cache.base = days_from_civil(first, 1, 1);
	cache.ndays = days_from_civil(last + 1, 1, 1) - cache.base;
	cache.day = xmalloc((size_t)cache.ndays);
	/* One statement asked again for each year of the range (year_has_days):
	 * prepared by hand, since the runner prepares one per answer. */
	if (sqlite3_prepare_v2(db, "SELECT 1 FROM holiday_year WHERE id = ?1 AND off_days + work_days > 0", -1,
			       &years, NULL) != SQLITE_OK)
		goto fail;
	for (int y = first; y <= last; y++) {
		long from = days_from_civil(y, 1, 1) - cache.base, to = days_from_civil(y + 1, 1, 1) - cache.base;
		int known = year_has_days(years, y);
		for (long i = from; i < to; i++) {
			int wd = weekday_of(cache.base + i);
			cache.day[i] = known ? (unsigned char)(wd != 0 && wd != 6 ? DAY_WORK : 0)
					     : unscheduled_day(cache.base + i);
		}
	}
	/* A date's own year has the last word over a neighbour's notice. */
	if (store_prepare(db, "SELECT date, off FROM holiday_day ORDER BY substr(date, 1, 4) = CAST(year AS TEXT), date",
			  &days, err, ""))
		goto fail;
	while ((rc = sqlite3_step(days)) == SQLITE_ROW) {
		long dn;
		if (parse_date((const char *)sqlite3_column_text(days, 0), &dn) || dn < cache.base ||
		    dn >= cache.base + cache.ndays)
			continue; /* the import checked every date; nothing else writes here */
		if (sqlite3_column_int(days, 1))
			cache.day[dn - cache.base] &= (unsigned char)~DAY_WORK;
		else
			cache.day[dn - cache.base] |= DAY_WORK;
	}
	if (rc != SQLITE_DONE)
		goto fail;
	sqlite3_finalize(years);
	sqlite3_finalize(days);
	return 0;
fail:
	store_error(db, "读取节假日安排", err);
	sqlite3_finalize(years);
	sqlite3_finalize(days);
	calendar_invalidate();
	return -1;
}

/* Load the schedule on first use, and again when the store's years changed
 * (checked at most once a second) or another store is asked about. */
static int ensure(sqlite3 *db, struct gn_err *err)
{
	struct strbuf stamp = STRBUF_INIT;
	const char *file = sqlite3_db_filename(db, "main");
	long long now = monotonic_ns();
	int first, last, rc;

	if (cache.stamp && cache.db == db && strcmp(cache.file, file ? file : "") == 0) {
		if (now - cache.checked_ns < CAL_RECHECK_NS)
			return 0;
		if (read_years(db, &stamp, &first, &last, err)) {
			sb_free(&stamp);
			return -1;
		}
		if (strcmp(sb_str(&stamp), cache.stamp) == 0) {
			cache.checked_ns = now;
			sb_free(&stamp);
			return 0;
		}
	} else if (read_years(db, &stamp, &first, &last, err)) {
		sb_free(&stamp);
		return -1;
	}
	rc = load(db, &stamp, first, last, err);
	sb_free(&stamp);
	return rc;
}

static unsigned day_flags(long dn)
{
	if (dn >= cache.base && dn - cache.base < cache.ndays)
		return cache.day[dn - cache.base];
	return unscheduled_day(dn);
}

/* ---- the contract of calendar.h ----------------------------------------- */

int calendar_is_workday(sqlite3 *db, const char *date, int *workday, int *beyond, struct gn_err *err)
{
	long dn;
	unsigned f;

	if (parse_date(date, &dn))
		return bad_date(date, err);
	if (ensure(db, err))
		return -1;
	f = day_flags(dn);
	*workday = (f & DAY_WORK) != 0;
	if (beyond)
		*beyond = (f & DAY_BEYOND) != 0;
	return 0;
}

int calendar_add_workdays(sqlite3 *db, const char *date, int n, char out[11], int *beyond,
			  struct gn_err *err)
{
	unsigned f, seen = 0;
	long dn;

	if (parse_date(date, &dn))
		return bad_date(date, err);
	if (n < 0 || n > CAL_MAX_WORKDAYS)
		return err_set(err, GN_USAGE, "工作日数 %d 无效：应在 0 到 %d 之间", n, CAL_MAX_WORKDAYS);
	if (ensure(db, err))
		return -1;
	if (n == 0) {
		/* DATE itself when it is a working day, else the next one. */
		while (!((f = day_flags(dn)) & DAY_WORK)) {
			seen |= f;
			dn++;
		}
		seen |= f;
	} else {
		for (int counted = 0; counted < n;) {
			f = day_flags(++dn);
			seen |= f;
			counted += (f & DAY_WORK) != 0;
		}
	}
	if (dn > days_from_civil(CAL_MAX_YEAR, 12, 31))
		return err_set(err, GN_USAGE, "结果超出 %d 年", CAL_MAX_YEAR);
	format_date(dn, out);
	if (beyond)
		*beyond = (seen & DAY_BEYOND) != 0;
	return 0;
}

int calendar_sub_workdays(sqlite3 *db, const char *date, int n, char out[11], struct gn_err *err)
{
	long dn, floor = days_from_civil(CAL_MIN_YEAR, 1, 1);

	if (parse_date(date, &dn))
		return bad_date(date, err);
	if (n < 1 || n > CAL_MAX_WORKDAYS)
		return err_set(err, GN_USAGE, "工作日数 %d 无效：应在 1 到 %d 之间", n, CAL_MAX_WORKDAYS);
	if (ensure(db, err))
		return -1;
	for (int counted = 0; counted < n && dn > floor; dn--)
		counted += (day_flags(dn) & DAY_WORK) != 0;
	while (dn > floor && !(day_flags(dn) & DAY_WORK))
		dn--;
	if (dn <= floor)
		return err_set(err, GN_USAGE, "结果早于 %d 年", CAL_MIN_YEAR);
	format_date(dn, out);
	return 0;
}

int calendar_workdays_between(sqlite3 *db, const char *from, const char *to, int *count, int *beyond,
			      struct gn_err *err)
{
	long a, b;
	unsigned seen = 0;
	int n = 0;

	if (parse_date(from, &a))
		return bad_date(from, err);
	if (parse_date(to, &b))
		return bad_date(to, err);
	if (b - a > CAL_MAX_SPAN_DAYS)
		return err_set(err, GN_USAGE, "%s 到 %s 相隔太久（超过一百年）", from, to);
	if (ensure(db, err))
		return -1;
	for (long dn = a + 1; dn <= b; dn++) {
		unsigned f = day_flags(dn);
		seen |= f;
		n += (f & DAY_WORK) != 0;
	}
	*count = n;
	if (beyond)
		*beyond = (seen & DAY_BEYOND) != 0;
	return 0;
}

int calendar_describe(sqlite3 *db, const char *date, struct calendar_day *day, struct gn_err *err)
{
	sqlite3_stmt *st;
	int rc;

	memset(day, 0, sizeof *day);
	if (calendar_is_workday(db, date, &day->workday, &day->beyond, err))
		return -1;
	if (store_prepare(db,
			  "SELECT name FROM holiday_day WHERE date = ?1"
			  " ORDER BY substr(date, 1, 4) = CAST(year AS TEXT) DESC LIMIT 1",
			  &st, err, "t", date))
		return -1;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		day->listed = 1;
		snprintf(day->name, sizeof day->name, "%s", (const char *)sqlite3_column_text(st, 0));
	}
	sqlite3_finalize(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : store_error(db, "读取节假日安排", err);
}

int calendar_year_known(sqlite3 *db, int year)
{
	struct gn_err ignored = { .status = GN_OK };
	int64_t one = 0;

	return store_query_int(db, "SELECT 1 FROM holiday_year WHERE id = ?1 AND off_days + work_days > 0", &one,
			       &ignored, "n", year) == 1;
}
