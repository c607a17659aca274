/*
 * core_calendar.c — the holiday schedule as a component.  Importing a year
 * is a change like any other: it goes through the one door, so only the
 * operating agency and administrators at city level may do it, and the
 * audit entry records the year's row before and after (its source and the
 * digest of its days).  The console's 节假日 tab comes from the views.
 */
#include "config.h"
#include "calendar.h"
#include "door.h"
#include "net.h"
#include "registry.h"
#include "store.h"
#include "workflow.h"
#include "utf8.h"

#include <dirent.h>
#include <jansson.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "govnet/banned.h"

/* A holiday-cn year is a few kilobytes; anything near this is not one. */
#define CALENDAR_MAX_BYTES (1024 * 1024)

static int same_digest(const char *before, const char *after)
{
	json_t *a = json_loads(before, 0, NULL), *b = json_loads(after, 0, NULL);
	int same = json_equal(json_object_get(a, "digest"), json_object_get(b, "digest"));

	json_decref(a);
	json_decref(b);
	return same;
}

static int import_run(struct gn_call *call)
{
	sqlite3 *db = gn_call_db(call);
	const char *content = gn_call_arg(call, "file"), *source = gn_call_arg_source(call, "file");
	struct calendar_year y;
	struct strbuf text = STRBUF_INIT;
	char *after = NULL;
	int rc = -1;

	/* What this process cached may change below, or roll back. */
	calendar_invalidate();
	if (!source)
		source = "";
	if (calendar_parse(content, strlen(content), &y, call->err)) {
		err_prefix(call->err, "%s 不是有效的节假日安排，未作任何更改：", source);
		return -1;
	}
	/* The year's row before the import, for the audit entry. */
	if (row_json(db, "holiday_year", y.year, NULL, &call->before, NULL, call->err) ||
	    calendar_store_year(db, &y, source, gn_call_now(call), gn_call_login(call), call->err))
		goto out;
	gn_call_set_id(call, y.year);
	/* Open deadlines were computed on the old schedule (the State Council
	 * has amended schedules mid-year): the workflow engine recomputes them
	 * in this same transaction. */
	if (wf_recompute_open_deadlines(db, call->err))
		goto out;
	if (row_json(db, "holiday_year", y.year, NULL, &after, NULL, call->err))
		goto out;
	sb_addf(&text, "已导入 %d 年节假日安排", y.year);
	if (y.ndays == 0) {
		sb_add(&text, "：尚无放假安排（国务院尚未发布），该年暂按周末计算");
	} else {
		int off = 0;
		for (size_t i = 0; i < y.ndays; i++)
			off += y.days[i].off;
		sb_addf(&text, "：放假 %d 天，调休上班 %d 天", off, (int)y.ndays - off);
	}
	if (call->before)
		sb_add(&text, same_digest(call->before, after) ? "（与原有安排相同）" : "（已替换原有安排）");
	sb_addf(&text, "；来源 %s\n", source);
	gn_call_emit_text(call, sb_str(&text));
	rc = 0;
out:
	free(after);
	sb_free(&text);
	calendar_year_free(&y);
	return rc;
}

static const struct gn_field import_fields[] = {
	{ .name = "file", .label = "节假日安排", .type = GN_FIELD_TEXT_FILE,
	  .flags = GN_FIELD_REQUIRED | GN_FIELD_POSITIONAL | GN_FIELD_URL, .max_chars = CALENDAR_MAX_BYTES,
	  .help = "holiday-cn 格式的 JSON 文件或网址；来源记入导入记录" },
	{ NULL },
};

static const struct gn_action calendar_actions[] = {
	/* DESIGN §1: deadlines count working days on the State Council's
	 * schedule; the operating agency keeps it current. */
	{ .verb = "import", .title = "导入节假日安排", .roles = GN_ROLE_ADMIN | GN_ROLE_OPERATOR,
	  .fields = import_fields, .table = "holiday_year", .run = import_run },
	{ NULL },
};

/* The schedule is public: every login sees it within its own scope. */
#define CALENDAR_ORG_PATH \
	"(SELECT o.path FROM login l JOIN org o ON o.id = l.org_id WHERE l.login = :login) AS org_path"

static const struct gn_column year_columns[] = {
	{ .name = "year", .label = "年份", .width = 6 },
	{ .name = "off_days", .label = "放假", .width = 5, .flags = GN_COLUMN_RIGHT },
	{ .name = "work_days", .label = "调休上班", .width = 8, .flags = GN_COLUMN_RIGHT },
	{ .name = "source", .label = "来源", .width = 36 },
	{ .name = "imported_at", .label = "导入时间", .width = 25 },
	{ .name = "imported_by", .label = "导入人", .width = 10 },
	{ NULL },
};

static const struct gn_column day_columns[] = {
	{ .name = "date", .label = "日期", .width = 10 },
	{ .name = "weekday", .label = "星期", .width = 4 },
	{ .name = "name", .label = "名称", .width = 16 },
	{ .name = "kind_title", .label = "安排", .width = 8 },
	{ NULL },
};

static const struct gn_filter day_filters[] = {
	{ .name = "year", .label = "年份", .type = GN_FIELD_INT, .sql = "year = ?" },
	{ NULL },
};

static const struct gn_view calendar_views[] = {
	{ .name = "list", .title = "节假日安排",
	  .sql = "SELECT y.id, y.id AS year, y.off_days, y.work_days, y.source, y.imported_at, y.imported_by, "
	  CALENDAR_ORG_PATH " FROM holiday_year y",
	  .columns = year_columns },
	{ .name = "days", .title = "放假与调休",
	  .sql = "SELECT d.id, d.date, d.year,"
	  " substr('日一二三四五六', 1 + strftime('%w', d.date), 1) AS weekday, d.name,"
	  " CASE d.off WHEN 1 THEN 'off' ELSE 'workday' END AS kind,"
	  " CASE d.off WHEN 1 THEN '放假' ELSE '调休上班' END AS kind_title, " CALENDAR_ORG_PATH " FROM holiday_day d",
	  .columns = day_columns, .filters = day_filters, .order_by = "date" },
	{ NULL },
};

static const struct gn_record calendar_record = { .table = "holiday_year", .title = "年度节假日安排",
	  .show_sql = "SELECT y.id, y.id AS year, y.off_days, y.work_days, y.source, y.papers, y.digest, y.imported_at,"
	" y.imported_by, (SELECT o.path FROM org o WHERE o.parent_id IS NULL) AS org_path"
	" FROM holiday_year y WHERE y.id = ?1" };

const struct gn_plugin core_calendar_component = {
	.abi = GN_PLUGIN_ABI,
	.name = "calendar",
	.title = "节假日",
	.version = PACKAGE_VERSION,
	.record = &calendar_record,
	.views = calendar_views,
	.actions = calendar_actions,
};

/* ---- reading a schedule and importing it ---------------------------------- */

int calendar_import_from(struct gn_ctx *ctx, const char *file_or_url, const char *why, char **summary,
			 struct gn_err *err)
{
	const struct gn_action *import = component_action(&core_calendar_component, "import");
	struct gn_args args = { 0 };
	struct door_result res;
	int rc;

	if (summary)
		*summary = NULL;
	args_set(&args, "file", file_or_url);
	args.why = why;
	rc = door_run(ctx, &core_calendar_component, import, &args, &res, err);
	/* A refused import may have left this process's cache on the
	 * rolled-back schedule. */
	calendar_invalidate();
	if (rc == 0) {
		if (summary)
			*summary = res.text ? xstrdup(res.text) : NULL;
		door_result_free(&res);
	}
	args_free(&args);
	return rc;
}

static int is_year_file(const struct dirent *d)
{
	const char *n = d->d_name;

	return strlen(n) == 9 && strcmp(n + 4, ".json") == 0 && n[0] >= '1' && n[0] <= '2' &&
	       strspn(n, "0123456789") == 4;
}

int calendar_import_shipped(struct gn_ctx *ctx, struct gn_err *err)
{
	const char *dir = calendar_shipped_dir();
	struct dirent **names;
	int n, rc = 0;

	n = scandir(dir, &names, is_year_file, alphasort);
	if (n <= 0) {
		err_set(err, GN_REFUSED, "找不到随附的节假日安排（%s）", dir);
		err_set_next(err, "calendar", "import", 0);
		return -1;
	}
	for (int i = 0; i < n; i++) {
		char path[PATH_MAX];
		if (rc == 0) {
			snprintf(path, sizeof path, "%s/%s", dir, names[i]->d_name);
			rc = calendar_import_from(ctx, path, "初始化：导入随附的国务院节假日安排", NULL, err);
		}
		free(names[i]);
	}
	free(names);
	return rc;
}
