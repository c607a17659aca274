/*
 * week.c — the week grid of maintenance (Art 15 ¶1): one row per week
 * heading its seven days, Monday to Sunday, with the holidays (休) and the
 * make-up working days (班) of the core calendar's imported schedules, and
 * under it one row per notice, its start time in the column of its day,
 * "→" and the end time on the day it ends, "…" on the days between.  Seven
 * columns of 7 cells, the notice's first eight characters and the id the
 * command line adds fit 80 columns.
 *
 * From the reader's current week on: the weeks that have notices, and
 * at least the next eight.  --week 2026-W48 picks one (ISO 8601 weeks,
 * Monday first).  A heading row's id is negative (minus the number of
 * weeks since 1970) and it lies in the reader's own organisation, so every
 * reader sees the headings of the weeks it lists.
 */
#include "change.h"
#include "govnet/banned.h"

/* The Monday of the ISO week of date d, and its name YYYY-Www (the year of
 * its Thursday). */
#define MONDAY(d) "date(" d ", '-' || ((CAST(strftime('%w', " d ") AS INTEGER) + 6) % 7) || ' days')"
#define ISO_WEEK(monday) \
	"(strftime('%Y', date(" monday ", '+3 days')) || '-W' ||" \
	" printf('%02d', (CAST(strftime('%j', date(" monday ", '+3 days')) AS INTEGER) - 1) / 7 + 1))"

/* Day k of the week starting at monday in a heading: M-D and its mark. */
#define HEAD_DAY(k) \
	" ltrim(strftime('%m', date(w.monday, '+" #k " days')), '0') || '-' ||" \
	" ltrim(strftime('%d', date(w.monday, '+" #k " days')), '0') || coalesce((SELECT CASE h.off WHEN 1 THEN '休' ELSE '班' END" \
	"   FROM holiday_day h WHERE h.date = date(w.monday, '+" #k " days') LIMIT 1), '') AS d" #k ","

/* Day k in a notice's row: where its window is on that day. */
#define NOTICE_DAY(k) \
	" CASE WHEN substr(n.starts_at, 1, 10) = date(" MONDAY("substr(n.starts_at, 1, 10)") ", '+" #k " days')" \
	"   THEN substr(n.starts_at, 12, 5)" \
	"  WHEN substr(n.ends_at, 1, 10) = date(" MONDAY("substr(n.starts_at, 1, 10)") ", '+" #k " days')" \
	"   THEN '→' || substr(n.ends_at, 12, 5)" \
	"  WHEN date(" MONDAY("substr(n.starts_at, 1, 10)") ", '+" #k " days')" \
	"   BETWEEN substr(n.starts_at, 1, 10) AND substr(n.ends_at, 1, 10) THEN '…' ELSE '' END AS d" #k ","

#define NOTICE_ROW \
	"n.id," NOTICE_DAY(0) NOTICE_DAY(1) NOTICE_DAY(2) NOTICE_DAY(3) NOTICE_DAY(4) NOTICE_DAY(5) NOTICE_DAY(6) \
	" substr(n.what, 1, 8) AS what, n.what AS full_what," ISO_WEEK(MONDAY("substr(n.starts_at, 1, 10)")) " AS week," \
	" n.starts_at AS sort, n.starts_at, n.ends_at, CASE WHEN n.late THEN 'late' END AS _style"

const char change_week_sql[] =
	"WITH RECURSIVE w(monday) AS ("
	"  SELECT " MONDAY(":today")
	"  UNION ALL SELECT date(monday, '+7 days') FROM w"
	"  WHERE monday < max(date(:today, '+49 days'), coalesce((SELECT max(substr(starts_at, 1, 10)) FROM change_notice"
	"    WHERE state = 'scheduled'), ''), '') AND monday < date(:today, '+3650 days'))"
	" SELECT -CAST((julianday(w.monday) - 2440587.5) / 7 AS INTEGER) AS id," HEAD_DAY(0) HEAD_DAY(1) HEAD_DAY(2) HEAD_DAY(3)
	HEAD_DAY(4) HEAD_DAY(5) HEAD_DAY(6)
	" " ISO_WEEK("w.monday") " AS what, '' AS full_what, " ISO_WEEK("w.monday") " AS week,"
	" w.monday || ' ' AS sort, '' AS starts_at, '' AS ends_at, NULL AS _style,"
	" (SELECT o.path FROM login l JOIN org o ON o.id = l.org_id WHERE l.login = :login) AS org_path FROM w"
	" UNION ALL SELECT " NOTICE_ROW ", o.path AS org_path FROM change_notice n JOIN org o ON o.id = n.org_id"
	" WHERE :role <> 4 AND n.state = 'scheduled' AND n.ends_at >= " MONDAY(":today")
	" UNION ALL SELECT " NOTICE_ROW ", d.path AS org_path FROM change_notice n"
	" JOIN change_notice_target dt ON dt.notice_id = n.id JOIN org d ON d.id = dt.org_id"
	" WHERE :role = 4 AND n.state = 'scheduled' AND n.ends_at >= " MONDAY(":today");

const struct gn_column change_week_columns[] = {
	{ .name = "d0", .label = "周一", .width = 7 },
	{ .name = "d1", .label = "周二", .width = 7 },
	{ .name = "d2", .label = "周三", .width = 7 },
	{ .name = "d3", .label = "周四", .width = 7 },
	{ .name = "d4", .label = "周五", .width = 7 },
	{ .name = "d5", .label = "周六", .width = 7 },
	{ .name = "d6", .label = "周日", .width = 7 },
	{ .name = "what", .label = "维护内容", .width = 16 },
	{ .name = "full_what", .label = "维护内容（全文）", .flags = GN_COLUMN_HIDDEN },
	{ .name = "week", .label = "周", .flags = GN_COLUMN_HIDDEN },
	{ .name = "sort", .label = "排序", .flags = GN_COLUMN_HIDDEN },
	{ NULL },
};

const struct gn_filter change_week_filters[] = {
	{ .name = "week", .label = "周（如 2026-W48）", .type = GN_FIELD_TEXT, .sql = "week = ?" },
	{ NULL },
};
