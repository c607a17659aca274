/* Working days on the published schedules: make-up days, long holidays,
 * n = 0, the day boundary in Asia/Shanghai, and years not yet imported. */
#include "config.h"
#include "unit.h"
#include "core/calendar.h"
#include "core/clock.h"
#include "core/registry.h"
#include "core/store.h"
#include "core/strbuf.h"
#include "core/workflow.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include "govnet/banned.h"

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	struct strbuf sb = STRBUF_INIT;
	char buf[4096];
	size_t n;

	if (!f)
		return NULL;
	while ((n = fread(buf, 1, sizeof buf, f)) > 0)
		sb_addn(&sb, buf, n);
	fclose(f);
	*len = sb.len;
	return sb_detach(&sb);
}

static int import_text(sqlite3 *db, const char *text, const char *source, struct gn_err *err)
{
	struct calendar_year y;
	int rc;

	if (calendar_parse(text, strlen(text), &y, err))
		return -1;
	if (store_begin(db, err)) {
		calendar_year_free(&y);
		return -1;
	}
	rc = calendar_store_year(db, &y, source, "2026-01-01T00:00:00+08:00", "test", err);
	calendar_year_free(&y);
	if (rc) {
		store_rollback(db);
		return -1;
	}
	return store_commit(db, err);
}

static int import_shipped(sqlite3 *db, int year, struct gn_err *err)
{
	char path[512];
	size_t len;
	char *text;
	int rc;

	snprintf(path, sizeof path, "%s/data/holiday-cn/%d.json", GN_SRC_DIR, year);
	text = slurp(path, &len);
	if (!text)
		return err_set(err, GN_REFUSED, "cannot read %s", path);
	rc = import_text(db, text, path, err);
	free(text);
	return rc;
}

static const char *add(sqlite3 *db, const char *date, int n, int *beyond)
{
	static char out[11];
	struct gn_err err;

	if (calendar_add_workdays(db, date, n, out, beyond, &err)) {
		fprintf(stderr, "calendar_add_workdays(%s, %d): %s\n", date, n, err.msg);
		return "error";
	}
	return out;
}

/* The date of an instant in the configured zone, then N working days on. */
static const char *add_from_instant(sqlite3 *db, const char *when, int n)
{
	struct gn_err err;
	char date[11];
	time_t t;

	if (clock_parse(when, &t, &err))
		return "error";
	clock_date(t, date);
	return add(db, date, n, NULL);
}

static void refuses(sqlite3 *db, const char *text, const char *says, const char *what)
{
	struct gn_err err = { .status = GN_OK };
	int rc = import_text(db, text, "test", &err);

	CHECK(rc == -1 && strstr(err.msg, says), what);
	if (rc == 0 || !strstr(err.msg, says))
		fprintf(stderr, "  message was: %s\n", err.msg);
}

int main(void)
{
	char dir[] = "/tmp/gn-calendar-XXXXXX", path[64];
	sqlite3 *db;
	struct gn_err err;
	int ro, beyond = -1, workday = -1, count = -1;

	/* Whatever the machine's zone, dates are taken in Asia/Shanghai. */
	setenv("TZ", "America/New_York", 1);
	CHECK(clock_set_zone(CLOCK_DEFAULT_ZONE, &err) == 0, "the default zone exists");
	CHECK(mkdtemp(dir) != NULL, "a temporary directory");
	snprintf(path, sizeof path, "%s/t.db", dir);
	CHECK(store_open(path, STORE_CREATE, &db, &ro, &err) == 0, "a new store");
	/* The core's migrations ask the workflow's SQL functions (no plugin here). */
	static struct registry no_plugins;
	CHECK(wf_register_sql(db, &no_plugins, &err) == 0, "the workflow's SQL functions");
	for (const struct core_schema *cs = core_schemas; cs->component; cs++)
		CHECK(store_migrate(db, cs->component, cs->migrations, &err) == 0, "the core schemas");

	/* Before any import: weekends only, and said so. */
	CHECK_STR(add(db, "2026-09-18", 2, &beyond), "2026-09-22", "without a schedule, weekends only");
	CHECK(beyond == 1, "without a schedule the result is flagged as beyond the imported years");

	for (int y = 2023; y <= 2027; y++) {
		int rc = import_shipped(db, y, &err);
		CHECK(rc == 0, "the shipped schedules import");
		if (rc)
			fprintf(stderr, "  %d: %s\n", y, err.msg);
	}

	CHECK_STR(add(db, "2026-09-18", 2, &beyond), "2026-09-21",
		  "Sunday 2026-09-20 is a make-up working day");
	CHECK(beyond == 0, "2026 is imported");
	CHECK_STR(add(db, "2026-09-30", 1, NULL), "2026-10-08", "the National Day week is skipped");
	CHECK_STR(add(db, "2026-09-24", 1, NULL), "2026-09-28", "the Mid-Autumn weekend is skipped");
	CHECK_STR(add(db, "2024-09-30", 10, NULL), "2024-10-18", "Art 11 review across National Day 2024");
	CHECK_STR(add(db, "2025-12-31", 1, &beyond), "2026-01-04", "a make-up Sunday across the new year");
	CHECK(beyond == 0, "both years imported");

	/* n = 0: the date itself when it is a working day, else the next one. */
	CHECK_STR(add(db, "2026-09-18", 0, NULL), "2026-09-18", "n = 0 on a working day gives the date");
	CHECK_STR(add(db, "2026-09-20", 0, NULL), "2026-09-20", "n = 0 on a make-up Sunday gives the date");
	CHECK_STR(add(db, "2026-10-01", 0, NULL), "2026-10-08", "n = 0 on a holiday gives the next working day");
	CHECK_STR(add(db, "2026-09-19", 0, NULL), "2026-09-20", "n = 0 on a Saturday before a make-up day");

	/* 23:59 and 00:01 in Asia/Shanghai fall on different days, though in
	 * UTC (and in New York) both are the same afternoon of the 17th. */
	CHECK_STR(add_from_instant(db, "2026-09-17T23:59:00+08:00", 1), "2026-09-18",
		  "an event at 23:59 counts from that day");
	CHECK_STR(add_from_instant(db, "2026-09-18T00:01:00+08:00", 1), "2026-09-20",
		  "an event at 00:01 counts from the next day");
	CHECK_STR(add_from_instant(db, "2026-09-17T16:01:00Z", 1), "2026-09-20",
		  "a UTC time is taken on Shanghai's date");
	CHECK_STR(add_from_instant(db, "2026-09-17 23:59", 1), "2026-09-18",
		  "a time without an offset is Shanghai time, not the machine's");

	/* Beyond the imported years: weekends and the holidays fixed by law
	 * (元旦 1 Jan, 劳动节 1 May, 国庆节 1–3 Oct), flagged. */
	CHECK_STR(add(db, "2028-01-03", 1, &beyond), "2028-01-04", "a year never imported counts weekends");
	CHECK(beyond == 1, "a year never imported is flagged");
	/* 2027-10-01 (Fri) 国庆 by law, 10-02/03 a weekend: Monday 10-04. */
	CHECK_STR(add(db, "2027-09-30", 1, &beyond), "2027-10-04", "2027 is published empty: weekends and fixed holidays");
	CHECK(beyond == 1, "an empty schedule counts as not yet imported");
	CHECK_STR(add(db, "2022-12-30", 1, &beyond), "2023-01-03", "before the first imported year");
	CHECK(beyond == 1, "a day counted in 2022 is flagged");
	/* 2026-12-31 (Thu), then 2027-01-01 元旦 and a weekend: Monday 01-04. */
	CHECK_STR(add(db, "2026-12-30", 2, &beyond), "2027-01-04", "counting into an empty year");
	CHECK(beyond == 1, "counting into an empty year is flagged");

	CHECK(calendar_is_workday(db, "2026-09-20", &workday, &beyond, &err) == 0 && workday == 1 && beyond == 0,
	      "a make-up Sunday is a working day");
	CHECK(calendar_is_workday(db, "2026-10-05", &workday, NULL, &err) == 0 && workday == 0,
	      "a holiday Monday is not");
	CHECK(calendar_workdays_between(db, "2026-09-30", "2026-10-08", &count, &beyond, &err) == 0 && count == 1,
	      "one working day after 09-30 up to 10-08");
	CHECK(calendar_workdays_between(db, "2026-09-18", "2026-09-21", &count, NULL, &err) == 0 && count == 2,
	      "the make-up Sunday counts in a span");
	CHECK(calendar_workdays_between(db, "2026-09-21", "2026-09-18", &count, NULL, &err) == 0 && count == 0,
	      "a span that ends before it starts is empty");

	struct calendar_day day;
	CHECK(calendar_describe(db, "2026-10-01", &day, &err) == 0 && day.listed && !day.workday &&
		      strcmp(day.name, "国庆节") == 0,
	      "a holiday is described by its name");

	CHECK(calendar_add_workdays(db, "2026-02-30", 1, path, NULL, &err) == -1 && strstr(err.msg, "2026-02-30"),
	      "a date that does not exist is refused, named");
	CHECK(calendar_add_workdays(db, "2026-09-18", -1, path, NULL, &err) == -1, "a negative count is refused");

	/* A schedule amended mid-year takes effect at once in this process. */
	CHECK(import_text(db,
			  "{\"year\": 2026, \"papers\": [], \"days\": [{\"name\": \"测试\", \"date\": \"2026-09-21\","
			  " \"isOffDay\": true}]}",
			  "amended", &err) == 0,
	      "a year is replaced");
	CHECK_STR(add(db, "2026-09-18", 2, NULL), "2026-09-23", "the amended schedule is used, not the cached one");
	CHECK(import_shipped(db, 2026, &err) == 0, "the shipped year again");
	CHECK_STR(add(db, "2026-09-18", 2, NULL), "2026-09-21", "and the published schedule is back");

	/* Malformed schedules are refused whole, naming what is wrong. */
	refuses(db, "{\"year\": 2026, \"papers\": [], \"days\": [", "不是有效的 JSON", "truncated JSON");
	refuses(db, "[1, 2]", "JSON 对象", "not an object");
	refuses(db, "{\"papers\": [], \"days\": []}", "\"year\"", "a missing year");
	refuses(db, "{\"year\": 2026, \"days\": []}", "papers", "missing papers");
	refuses(db, "{\"year\": 2026, \"papers\": [], \"days\": [{\"name\": \"x\", \"date\": \"2026-02-30\", \"isOffDay\": true}]}",
		"days[0].date", "a date that does not exist");
	refuses(db, "{\"year\": 2026, \"papers\": [], \"days\": [{\"name\": \"x\", \"date\": \"2025-11-30\", \"isOffDay\": true}]}",
		"不在 2026 年内", "a date outside the year");
	refuses(db,
		"{\"year\": 2026, \"papers\": [], \"days\": [{\"name\": \"x\", \"date\": \"2026-05-01\", \"isOffDay\": true},"
		" {\"name\": \"y\", \"date\": \"2026-05-01\", \"isOffDay\": false}]}",
		"2026-05-01", "a date listed twice");
	refuses(db, "{\"year\": 2026, \"papers\": [], \"days\": [{\"name\": \"x\", \"date\": \"2026-05-01\"}]}",
		"days[0].isOffDay", "a missing isOffDay");
	CHECK_STR(add(db, "2026-09-18", 2, NULL), "2026-09-21", "refused files changed nothing");

	/* A New Year holiday that begins on 31 December belongs to the next
	 * year's notice (the 2023 notice lists 2022-12-31). */
	CHECK(import_text(db,
			  "{\"year\": 2028, \"papers\": [], \"days\": [{\"name\": \"元旦\", \"date\": \"2027-12-31\","
			  " \"isOffDay\": true}, {\"name\": \"元旦\", \"date\": \"2028-01-01\", \"isOffDay\": true}]}",
			  "2028", &err) == 0,
	      "a notice may list the last days of the year before");
	CHECK(calendar_is_workday(db, "2027-12-31", &workday, NULL, &err) == 0 && workday == 0,
	      "a Friday in the previous year's December is off by the next year's notice");
	CHECK_STR(add(db, "2027-12-30", 1, NULL), "2028-01-03", "and counting skips it");

	store_close(db);
	unit_remove_store(dir, path);
	calendar_invalidate();
	UNIT_DONE();
}
