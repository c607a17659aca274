/*
 * govnet calendar show|is-workday|add — the working-day calendar
 * (DESIGN §1).  Importing is the calendar component's ordinary action
 * (`calendar import FILE|URL`, core_calendar.c); these only read.
 */
#include "config.h"
#include "cli.h"
#include "../front/table.h"
#include "../core/calendar.h"
#include "../core/clock.h"
#include "../core/store.h"
#include "../core/strbuf.h"

#include <stdlib.h>
#include <string.h>
#include "govnet/banned.h"

#define BATCH_LINE_MAX 64

static const char *const weekday_names[] = { "日", "一", "二", "三", "四", "五", "六" };

/* --json and --help out of argv; anything else starting with -- is refused. */
static int take_options(int *argc, char **argv, int *json, const char *usage, struct gn_err *err)
{
	struct cli_opts o = { 0 };

	if (cli_take_common(argc, argv, &o, err))
		return -1;
	*json = o.json;
	for (int i = 0; i < *argc; i++)
		if (strncmp(argv[i], "--", 2) == 0 && strcmp(argv[i], "--stdin") != 0 && strcmp(argv[i], "--why") != 0)
			return err_set(err, GN_USAGE, "未知选项 %s；用法：govnet calendar %s", argv[i], usage);
	return 0;
}

/* "today" is the date now in the configured zone. */
static const char *resolve_date(const struct gn_ctx *ctx, const char *arg, char buf[11])
{
	if (strcmp(arg, "today") == 0) {
		clock_date(ctx->now, buf);
		return buf;
	}
	return arg;
}

/* Years from..to that have no schedule, for the notice on stderr. */
static void notice_beyond(sqlite3 *db, int from, int to)
{
	struct strbuf years = STRBUF_INIT;

	for (int y = from; y <= to && y - from < 50; y++)
		if (!calendar_year_known(db, y))
			sb_addf(&years, "%s%d", years.len ? "、" : "", y);
	fprintf(stderr, "注意：%s 年的节假日安排尚未导入（或尚未发布），这些日子按周六、周日和元旦、劳动节、国庆节（10 月 1–3 日）休息计算，结果为暂定\n",
		years.len ? sb_str(&years) : "部分");
	sb_free(&years);
}

static int parse_year(const char *s, int *year)
{
	char *end;
	long y = strtol(s, &end, 10);

	if (*end || end == s || y < 1900 || y > 2999)
		return -1;
	*year = (int)y;
	return 0;
}

static int show_json(sqlite3_stmt *head, sqlite3_stmt *days, int year)
{
	json_t *obj = json_object(), *arr = json_array();

	json_object_set_new(obj, "year", json_integer(year));
	json_object_set_new(obj, "papers", json_loads((const char *)sqlite3_column_text(head, 1), 0, NULL));
	while (sqlite3_step(days) == SQLITE_ROW)
		json_array_append_new(arr, json_pack("{s:s, s:s, s:b}", "name", sqlite3_column_text(days, 1), "date",
						     sqlite3_column_text(days, 0), "isOffDay",
						     sqlite3_column_int(days, 2)));
	json_object_set_new(obj, "days", arr);
	json_object_set_new(obj, "source", json_string((const char *)sqlite3_column_text(head, 0)));
	json_object_set_new(obj, "imported_at", json_string((const char *)sqlite3_column_text(head, 2)));
	json_object_set_new(obj, "imported_by", json_string((const char *)sqlite3_column_text(head, 3)));
	json_print(stdout, obj);
	json_decref(obj);
	return 0;
}

static int show_text(sqlite3_stmt *head, sqlite3_stmt *days, int year)
{
	static const char *labels[] = { "日期", "星期", "名称", "安排" };
	json_t *papers = json_loads((const char *)sqlite3_column_text(head, 1), 0, NULL), *p;
	struct table t;
	size_t i;

	printf("%d 年节假日安排\n来源    %s\n导入    %s（%s）\n", year, sqlite3_column_text(head, 0),
	       sqlite3_column_text(head, 2), sqlite3_column_text(head, 3));
	json_array_foreach(papers, i, p)
		printf("%s%s\n", i == 0 ? "依据    " : "        ", json_string_value(p));
	json_decref(papers);
	if (sqlite3_column_int(head, 4) + sqlite3_column_int(head, 5) == 0) {
		puts("尚无放假安排（国务院尚未发布）：该年暂按周六、周日休息计算");
		return 0;
	}
	printf("放假 %d 天，调休上班 %d 天\n\n", sqlite3_column_int(head, 4), sqlite3_column_int(head, 5));
	table_init(&t, 4, labels);
	while (sqlite3_step(days) == SQLITE_ROW) {
		const char *date = (const char *)sqlite3_column_text(days, 0);
		int wd = calendar_weekday(date);
		const char *cells[4] = { date, wd >= 0 ? weekday_names[wd] : "", (const char *)sqlite3_column_text(days, 1),
					 sqlite3_column_int(days, 2) ? "放假" : "调休上班" };
		table_add_strings(&t, cells);
	}
	table_print(stdout, &t, table_cell_limit(stdout, &t));
	table_free(&t);
	return 0;
}

static int show(struct gn_ctx *ctx, int argc, char **argv, struct gn_err *err)
{
	sqlite3_stmt *head = NULL, *days = NULL;
	int json, year, rc = -1;

	if (take_options(&argc, argv, &json, "show 年份 [--json]", err))
		return -1;
	if (argc != 1 || parse_year(argv[0], &year))
		return err_set(err, GN_USAGE, "用法：govnet calendar show 年份 [--json]（年份如 2026）");
	if (store_prepare(ctx->db,
			  "SELECT source, papers, imported_at, imported_by, off_days, work_days FROM holiday_year WHERE id = ?1",
			  &head, err, "n", year) ||
	    store_prepare(ctx->db, "SELECT date, name, off FROM holiday_day WHERE year = ?1 ORDER BY date", &days, err,
			  "n", year))
		goto out;
	if (sqlite3_step(head) != SQLITE_ROW) {
		err_set(err, GN_REFUSED, "%d 年的节假日安排尚未导入（govnet calendar import 文件|网址）；该年按周六、周日休息计算",
			year);
		goto out;
	}
	rc = json ? show_json(head, days, year) : show_text(head, days, year);
out:
	sqlite3_finalize(head);
	sqlite3_finalize(days);
	return rc;
}

static int is_workday(struct gn_ctx *ctx, int argc, char **argv, struct gn_err *err)
{
	struct calendar_day day;
	char buf[11];
	const char *date;
	int json, wd;

	if (take_options(&argc, argv, &json, "is-workday [日期] [--json]", err))
		return -1;
	if (argc > 1)
		return err_set(err, GN_USAGE, "用法：govnet calendar is-workday [日期|today] [--json]");
	date = resolve_date(ctx, argc ? argv[0] : "today", buf);
	if (calendar_describe(ctx->db, date, &day, err))
		return -1;
	wd = calendar_weekday(date);
	if (json) {
		json_t *obj = json_pack("{s:s, s:b, s:s, s:s?, s:b}", "date", date, "workday", day.workday, "weekday",
					weekday_names[wd], "name", day.listed ? day.name : NULL, "beyond", day.beyond);
		json_print(stdout, obj);
		json_decref(obj);
	} else if (day.listed) {
		printf("%s（星期%s）%s：%s%s\n", date, weekday_names[wd], day.workday ? "是工作日" : "不是工作日", day.name,
		       day.workday ? "调休上班" : "放假");
	} else {
		printf("%s（星期%s）%s\n", date, weekday_names[wd], day.workday ? "是工作日" : "不是工作日（周末）");
	}
	if (day.beyond)
		notice_beyond(ctx->db, clock_year_of(date), clock_year_of(date));
	return 0;
}

static int parse_count(const char *s, int *n)
{
	char *end;
	long v = strtol(s, &end, 10);

	if (*end || end == s || v < 0 || v > 10000)
		return -1;
	*n = (int)v;
	return 0;
}

/* One "DATE N" pair per line on stdin, one date per line on stdout: for
 * scripts that need many answers from one process. */
static int add_batch(struct gn_ctx *ctx, struct gn_err *err)
{
	char line[BATCH_LINE_MAX + 2], out[11], date[11];
	int lineno = 0, any_beyond = 0, first = 9999, last = 0;

	while (fgets(line, sizeof line, stdin)) {
		char *sp, *nl = strchr(line, '\n');
		int n, beyond;
		lineno++;
		if (!nl && !feof(stdin))
			return err_set(err, GN_USAGE, "标准输入第 %d 行太长", lineno);
		if (nl)
			*nl = '\0';
		if (!line[0])
			continue;
		sp = strchr(line, ' ');
		if (!sp || sp - line != 10 || parse_count(sp + 1, &n))
			return err_set(err, GN_USAGE, "标准输入第 %d 行应为“日期 工作日数”，如 2026-09-18 2：\"%.40s\"",
				       lineno, line);
		memcpy(date, line, 10);
		date[10] = '\0';
		if (calendar_add_workdays(ctx->db, date, n, out, &beyond, err)) {
			err_prefix(err, "标准输入第 %d 行：", lineno);
			return -1;
		}
		if (beyond) {
			any_beyond = 1;
			first = clock_year_of(date) < first ? clock_year_of(date) : first;
			last = clock_year_of(out) > last ? clock_year_of(out) : last;
		}
		fputs(out, stdout);
		fputc('\n', stdout);
	}
	if (any_beyond)
		notice_beyond(ctx->db, first, last);
	return 0;
}

static int add(struct gn_ctx *ctx, int argc, char **argv, struct gn_err *err)
{
	char out[11], buf[11];
	const char *date;
	int json, n, beyond;

	if (take_options(&argc, argv, &json, "add 日期 N", err))
		return -1;
	if (argc == 1 && strcmp(argv[0], "--stdin") == 0)
		return add_batch(ctx, err);
	if (argc != 2)
		return err_set(err, GN_USAGE, "用法：govnet calendar add 日期|today N（或 --stdin：每行“日期 N”）");
	if (parse_count(argv[1], &n))
		return err_set(err, GN_USAGE, "工作日数 \"%.20s\" 无效：应为 0 到 10000 之间的整数", argv[1]);
	date = resolve_date(ctx, argv[0], buf);
	if (calendar_add_workdays(ctx->db, date, n, out, &beyond, err))
		return -1;
	if (json) {
		json_t *obj = json_pack("{s:s, s:i, s:s, s:b}", "date", date, "workdays", n, "result", out, "beyond", beyond);
		json_print(stdout, obj);
		json_decref(obj);
	} else {
		puts(out);
	}
	if (beyond)
		notice_beyond(ctx->db, clock_year_of(date), clock_year_of(out));
	return 0;
}

const struct cli_command cli_cmd_calendar_show = {
	"calendar", "show", "年份 [--json]", "一年的放假与调休安排", CLI_NEEDS_STORE, show,
};
const struct cli_command cli_cmd_calendar_is_workday = {
	"calendar", "is-workday", "[日期] [--json]", "某日是否工作日（默认今天）", CLI_NEEDS_STORE, is_workday,
};
const struct cli_command cli_cmd_calendar_add = {
	"calendar", "add", "日期 N | --stdin", "日期之后第 N 个工作日（当天不计）", CLI_NEEDS_STORE, add,
};
