#include "config.h"
#include "clock.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "govnet/banned.h"

int clock_set_zone(const char *zone, struct gn_err *err)
{
	char path[512];

	/* glibc silently falls back to UTC for an unknown zone: check first. */
	snprintf(path, sizeof path, "/usr/share/zoneinfo/%s", zone);
	if (zone[0] == '\0' || strstr(zone, "..") || access(path, R_OK) != 0)
		return err_set(err, GN_REFUSED, "时区 %s 不存在（找不到 %s；请安装 tzdata）", zone, path);
	setenv("TZ", zone, 1);
	tzset();
	return 0;
}

static int parse_digits(const char *s, int n, int *out)
{
	int v = 0;

	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return 0;
}

int clock_parse(const char *s, time_t *out, struct gn_err *err)
{
	struct tm tm = { 0 };
	int y, mo, d, h = 0, mi = 0, sec = 0, off_h, off_m;
	const char *p = s;

	if (strlen(s) < 10 || parse_digits(p, 4, &y) || p[4] != '-' ||
	    parse_digits(p + 5, 2, &mo) || p[7] != '-' || parse_digits(p + 8, 2, &d))
		goto bad;
	p += 10;
	if (*p == 'T' || *p == ' ') {
		if (parse_digits(p + 1, 2, &h) || p[3] != ':' || parse_digits(p + 4, 2, &mi))
			goto bad;
		p += 6;
		if (*p == ':') {
			if (parse_digits(p + 1, 2, &sec))
				goto bad;
			p += 3;
		}
	}
	if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || sec > 60)
		goto bad;
	tm.tm_year = y - 1900, tm.tm_mon = mo - 1, tm.tm_mday = d;
	tm.tm_hour = h, tm.tm_min = mi, tm.tm_sec = sec, tm.tm_isdst = -1;

	if (*p == '\0') {
		time_t t = mktime(&tm);
		if (tm.tm_mday != d) /* mktime normalised 2026-02-30 */
			goto bad;
		*out = t;
		return 0;
	}
	if (*p == 'Z' && p[1] == '\0') {
		off_h = off_m = 0;
	} else if ((*p == '+' || *p == '-') && !parse_digits(p + 1, 2, &off_h) &&
		   p[3] == ':' && !parse_digits(p + 4, 2, &off_m) && p[6] == '\0') {
		if (*p == '-')
			off_h = -off_h, off_m = -off_m;
	} else {
		goto bad;
	}
	time_t t = timegm(&tm);
	if (tm.tm_mday != d)
		goto bad;
	*out = t - (time_t)(off_h * 3600 + off_m * 60);
	return 0;
bad:
	return err_set(err, GN_USAGE, "时间 \"%.40s\" 无效：应为 YYYY-MM-DD 或 YYYY-MM-DDTHH:MM[:SS][±HH:MM]", s);
}

void clock_format(time_t t, char out[CLOCK_ISO_LEN])
{
	struct tm tm;
	char z[8];

	localtime_r(&t, &tm);
	strftime(out, CLOCK_ISO_LEN, "%Y-%m-%dT%H:%M:%S", &tm);
	strftime(z, sizeof z, "%z", &tm); /* +0800 */
	size_t n = strlen(out);
	snprintf(out + n, CLOCK_ISO_LEN - n, "%.3s:%.2s", z, z + 3);
}

void clock_date(time_t t, char out[11])
{
	struct tm tm;

	localtime_r(&t, &tm);
	strftime(out, 11, "%Y-%m-%d", &tm);
}

/* Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's
 * days_from_civil). */
static long days_from_civil(long y, unsigned m, unsigned d)
{
	y -= m <= 2;
	long era = (y >= 0 ? y : y - 399) / 400;
	unsigned yoe = (unsigned)(y - era * 400);
	unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (long)doe - 719468;
}

long clock_days_between(const char *a, const char *b)
{
	int ya, ma, da, yb, mb, db;

	if (!a || !b || sscanf(a, "%4d-%2d-%2d", &ya, &ma, &da) != 3 || sscanf(b, "%4d-%2d-%2d", &yb, &mb, &db) != 3)
		return 0;
	return days_from_civil(yb, (unsigned)mb, (unsigned)db) - days_from_civil(ya, (unsigned)ma, (unsigned)da);
}

int clock_year_of(const char *date)
{
	int y, m, d;

	return date && sscanf(date, "%4d-%2d-%2d", &y, &m, &d) == 3 ? y : 0;
}

int clock_short(const char *value, time_t now, char *out, size_t size)
{
	char iso[CLOCK_ISO_LEN], today[11];
	struct gn_err ignored = { .status = GN_OK };
	time_t t;

	/* Only a time of day makes a timestamp: a bare date is a value
	 * (a deadline) and stays whole. */
	if (!value || strlen(value) < 16 || strlen(value) > 25 || (value[10] != 'T' && value[10] != ' ') ||
	    clock_parse(value, &t, &ignored))
		return 0;
	clock_format(t, iso);
	clock_date(now, today);
	if (strncmp(iso, today, 4) == 0)
		snprintf(out, size, "%.5s %.5s", iso + 5, iso + 11);
	else
		snprintf(out, size, "%.10s %.5s", iso, iso + 11);
	return 1;
}
