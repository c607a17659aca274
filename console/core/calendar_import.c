/*
 * calendar_import.c — schedules in the holiday-cn format (data/holiday-cn/
 * schema.json): checked at the edge, then stored one year at a time.
 *
 * A schedule decides every statutory deadline, so a file is refused whole
 * when anything in it is wrong: a date that does not exist, a date outside
 * the year it claims, a date listed twice.  The message names the element.
 */
#include "config.h"
#include "calendar.h"
#include "store.h"
#include "strbuf.h"
#include "utf8.h"

#include <jansson.h>
#include <limits.h>
#include <nettle/sha2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "govnet/banned.h"

#define CAL_NAME_MAX_CHARS 40
#define CAL_PAPER_MAX_CHARS 2000
#define CAL_MAX_DAYS 366

void calendar_year_free(struct calendar_year *y)
{
	free(y->papers);
	free(y->days);
	memset(y, 0, sizeof *y);
}

static int check_papers(json_t *papers, struct calendar_year *y, struct gn_err *err)
{
	size_t i;
	json_t *p;

	if (!json_is_array(papers))
		return err_set(err, GN_REFUSED, "\"papers\" 应为文件网址的数组");
	json_array_foreach(papers, i, p) {
		if (!json_is_string(p))
			return err_set(err, GN_REFUSED, "papers[%zu] 应为字符串", i);
		if (utf8_chars(json_string_value(p)) > CAL_PAPER_MAX_CHARS)
			return err_set(err, GN_REFUSED, "papers[%zu] 太长（最多 %d 个字符）", i, CAL_PAPER_MAX_CHARS);
	}
	y->papers = json_dumps(papers, JSON_COMPACT);
	return y->papers ? 0 : err_set(err, GN_REFUSED, "\"papers\" 无法保存");
}

static int has_control(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			return 1;
	return 0;
}

/* A date of the schedule's year, or one of the few days next to it that a
 * New Year holiday spills over (the 2023 notice begins on 2022-12-31). */
static int within_year(const char *date, int year)
{
	int y = 0, m = 0, d = 0;

	if (sscanf(date, "%4d-%2d-%2d", &y, &m, &d) != 3)
		return 0;
	return y == year || (y == year - 1 && m == 12 && d >= 25) || (y == year + 1 && m == 1 && d <= 7);
}

static int check_day(json_t *d, size_t i, struct calendar_year *y, struct gn_err *err)
{
	json_t *name = json_object_get(d, "name"), *date = json_object_get(d, "date"),
	       *off = json_object_get(d, "isOffDay");
	struct calendar_entry *e = &y->days[y->ndays];
	const char *ds;

	if (!json_is_object(d))
		return err_set(err, GN_REFUSED, "days[%zu] 应为对象 {name, date, isOffDay}", i);
	if (!json_is_string(name) || !*json_string_value(name))
		return err_set(err, GN_REFUSED, "days[%zu].name 缺失或为空", i);
	if (utf8_chars(json_string_value(name)) > CAL_NAME_MAX_CHARS || has_control(json_string_value(name)))
		return err_set(err, GN_REFUSED, "days[%zu].name 太长或含控制字符（最多 %d 个字符）", i,
			       CAL_NAME_MAX_CHARS);
	if (!json_is_string(date))
		return err_set(err, GN_REFUSED, "days[%zu].date 缺失，或不是字符串", i);
	ds = json_string_value(date);
	if (!calendar_date_valid(ds))
		return err_set(err, GN_REFUSED, "days[%zu].date \"%.40s\" 不是有效日期（应为 YYYY-MM-DD）", i, ds);
	if (!within_year(ds, y->year))
		return err_set(err, GN_REFUSED,
			       "days[%zu].date %s 不在 %d 年内（只有跨年假期可以含上年 12 月或次年 1 月的最后、最初几天）",
			       i, ds, y->year);
	if (!json_is_boolean(off))
		return err_set(err, GN_REFUSED, "days[%zu].isOffDay 缺失，或不是 true/false", i);
	snprintf(e->date, sizeof e->date, "%s", ds);
	snprintf(e->name, sizeof e->name, "%s", json_string_value(name));
	e->off = json_is_true(off);
	y->ndays++;
	return 0;
}

static int by_date(const void *a, const void *b)
{
	return strcmp(((const struct calendar_entry *)a)->date, ((const struct calendar_entry *)b)->date);
}

int calendar_parse(const char *text, size_t len, struct calendar_year *y, struct gn_err *err)
{
	json_error_t jerr;
	json_t *root, *year, *days, *d;
	size_t i;

	memset(y, 0, sizeof *y);
	if (!utf8_valid(text, len))
		return err_set(err, GN_REFUSED, "内容不是有效的 UTF-8 文本");
	root = json_loadb(text, len, JSON_REJECT_DUPLICATES, &jerr);
	if (!root)
		return err_set(err, GN_REFUSED, "不是有效的 JSON（第 %d 行第 %d 列：%s）", jerr.line, jerr.column,
			       jerr.text);
	if (!json_is_object(root)) {
		json_decref(root);
		return err_set(err, GN_REFUSED, "应为 holiday-cn 格式的 JSON 对象 {year, papers, days}");
	}
	year = json_object_get(root, "year");
	days = json_object_get(root, "days");
	if (!json_is_number(year) || json_number_value(year) != (double)(int)json_number_value(year) ||
	    json_number_value(year) < 1900 || json_number_value(year) > 2999) {
		err_set(err, GN_REFUSED, "\"year\" 缺失，或不是 1900 到 2999 之间的年份");
		goto fail;
	}
	y->year = (int)json_number_value(year);
	if (!json_object_get(root, "papers")) {
		err_set(err, GN_REFUSED, "缺少 \"papers\"（国务院文件网址的数组，可以为空）");
		goto fail;
	}
	if (check_papers(json_object_get(root, "papers"), y, err))
		goto fail;
	if (!json_is_array(days)) {
		err_set(err, GN_REFUSED, "\"days\" 缺失，或不是数组");
		goto fail;
	}
	if (json_array_size(days) > CAL_MAX_DAYS) {
		err_set(err, GN_REFUSED, "\"days\" 有 %zu 项，一年最多 %d 天", json_array_size(days), CAL_MAX_DAYS);
		goto fail;
	}
	y->days = xcalloc(json_array_size(days) + 1, sizeof *y->days);
	json_array_foreach(days, i, d)
		if (check_day(d, i, y, err))
			goto fail;
	qsort(y->days, y->ndays, sizeof *y->days, by_date);
	for (i = 1; i < y->ndays; i++)
		if (strcmp(y->days[i].date, y->days[i - 1].date) == 0) {
			err_set(err, GN_REFUSED, "日期 %s 在 \"days\" 中出现了不止一次", y->days[i].date);
			goto fail;
		}
	json_decref(root);
	return 0;
fail:
	json_decref(root);
	calendar_year_free(y);
	return -1;
}

/* SHA-256 over the days in date order, one "date name off" line each. */
static void digest_days(const struct calendar_year *y, char hex[2 * SHA256_DIGEST_SIZE + 1])
{
	struct sha256_ctx sha;
	uint8_t raw[SHA256_DIGEST_SIZE];
	struct strbuf line = STRBUF_INIT;

	sha256_init(&sha);
	for (size_t i = 0; i < y->ndays; i++) {
		sb_reset(&line);
		sb_addf(&line, "%s %s %d\n", y->days[i].date, y->days[i].name, y->days[i].off);
		sha256_update(&sha, line.len, (const uint8_t *)line.buf);
	}
	sb_free(&line);
	sha256_digest(&sha, sizeof raw, raw);
	for (size_t i = 0; i < sizeof raw; i++)
		snprintf(hex + 2 * i, 3, "%02x", raw[i]);
}

static int step_done(sqlite3 *db, sqlite3_stmt *st, struct gn_err *err)
{
	int rc = sqlite3_step(st);

	return rc == SQLITE_DONE ? 0 : store_error(db, "保存节假日安排", err);
}

int calendar_store_year(sqlite3 *db, const struct calendar_year *y, const char *source, const char *now,
			const char *login, struct gn_err *err)
{
	char hex[2 * SHA256_DIGEST_SIZE + 1];
	sqlite3_stmt *st = NULL;
	int off = 0, rc = -1;

	for (size_t i = 0; i < y->ndays; i++)
		off += y->days[i].off;
	digest_days(y, hex);
	calendar_invalidate();
	/* The year's row is updated in place so that its id (the year) and
	 * the audit entry's target stay the same across re-imports. */
	if (store_run(db, "DELETE FROM holiday_day WHERE year = ?1", err, "n", y->year) ||
	    store_run(db,
		      "INSERT INTO holiday_year(id, source, papers, off_days, work_days, digest, imported_at,"
		      " imported_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"
		      " ON CONFLICT(id) DO UPDATE SET source = excluded.source, papers = excluded.papers,"
		      " off_days = excluded.off_days, work_days = excluded.work_days, digest = excluded.digest,"
		      " imported_at = excluded.imported_at, imported_by = excluded.imported_by",
		      err, "nttnnttt", y->year, source, y->papers ? y->papers : "[]", off, (int)y->ndays - off, hex, now,
		      login))
		goto sql;
	/* One statement stepped for each of the year's days: prepared once by
	 * hand, where the runner would prepare it again for every day. */
	if (sqlite3_prepare_v2(db, "INSERT INTO holiday_day(date, year, name, off) VALUES (?1, ?2, ?3, ?4)",
			       -1, &st, NULL) != SQLITE_OK)
		goto sql;
	for (size_t i = 0; i < y->ndays; i++) {
		const char *d = y->days[i].date;

		sqlite3_reset(st);
		sqlite3_bind_text(st, 1, d, -1, SQLITE_STATIC);
		sqlite3_bind_int(st, 2, y->year);
		sqlite3_bind_text(st, 3, y->days[i].name, -1, SQLITE_STATIC);
		sqlite3_bind_int(st, 4, y->days[i].off);
		if (step_done(db, st, err))
			goto out;
	}
	rc = 0;
	goto out;
sql:
	store_error(db, "保存节假日安排", err);
out:
	sqlite3_finalize(st);
	calendar_invalidate();
	return rc;
}

const char *calendar_shipped_dir(void)
{
	char self[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);

	/* The build tree's binary uses the source tree's copy, as it uses the
	 * build tree's plugins (registry_plugin_dir). */
	if (n > 0) {
		self[n] = '\0';
		if (strcmp(self, GN_BUILD_DIR "/govnet") == 0)
			return GN_SRC_DIR "/data/holiday-cn";
	}
	return GN_DATA_DIR "/holiday-cn";
}
