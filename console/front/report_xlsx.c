/* report_xlsx.c — the monthly report as an Excel workbook, for the
 * leadership as is: a sheet per section, and native charts of the on-time
 * rate by county and of requests per month (report_view.h). */
#include "config.h"
#include "report_view.h"

#include <dlfcn.h>
#include <stdio.h>
#include <string.h>
#include <xlsxwriter.h>
#include "govnet/banned.h"

/*
 * libxlsxwriter is loaded when a workbook is asked for, as libcurl is
 * (core/net.c): it brings zlib, minizip and libcrypto, which every other
 * command would otherwise load at start-up; and a binary linked with it
 * would export the section markers its library defines (tests/cli/plugins.sh).
 * Its functions are called through these pointers, typed by its header.
 */
#define XLSX_FUNCTIONS(X)                                                                          \
	X(workbook_new) X(workbook_add_worksheet) X(workbook_add_format) X(workbook_add_chart)     \
	X(workbook_close) X(format_set_bold) X(worksheet_write_string) X(worksheet_write_number)   \
	X(worksheet_set_column) X(worksheet_insert_chart) X(chart_add_series)                      \
	X(chart_series_set_categories) X(chart_series_set_values) X(chart_series_set_name)         \
	X(chart_series_set_name_range) X(chart_title_set_name) X(lxw_strerror)

static struct {
#define XLSX_POINTER(f) __typeof__(f) *f;
	XLSX_FUNCTIONS(XLSX_POINTER)
#undef XLSX_POINTER
} x;

static const char *const libxlsxwriter_names[] = { "libxlsxwriter.so.4", "libxlsxwriter.so", NULL };

static int xlsx_load(struct gn_err *err)
{
	static void *handle;
	void *f;

	for (const char *const *name = libxlsxwriter_names; *name && !handle; name++)
		handle = dlopen(*name, RTLD_NOW | RTLD_LOCAL);
	if (!handle)
		return err_set(err, GN_REFUSED, "找不到 Excel 库 libxlsxwriter（%s）；请安装 libxlsxwriter4", dlerror());
#define XLSX_BIND(fn)                                                                                \
	if (!(f = dlsym(handle, #fn)))                                                               \
		return err_set(err, GN_REFUSED, "Excel 库 libxlsxwriter 缺少函数 %s（版本太旧？）", #fn); \
	memcpy(&x.fn, &f, sizeof f);
	XLSX_FUNCTIONS(XLSX_BIND)
#undef XLSX_BIND
	return 0;
}

/* Excel's sheet names: at most 31 characters, none of []:*?/\ (the
 * sections' titles have none). */
static lxw_worksheet *sheet(lxw_workbook *wb, const char *title)
{
	return x.workbook_add_worksheet(wb, title);
}

static void cell(lxw_worksheet *ws, lxw_row_t row, lxw_col_t col, json_t *v)
{
	if (json_is_number(v))
		x.worksheet_write_number(ws, row, col, json_number_value(v), NULL);
	else if (json_is_string(v))
		x.worksheet_write_string(ws, row, col, json_string_value(v), NULL);
}

static void write_section(lxw_workbook *wb, json_t *sec, lxw_format *head)
{
	lxw_worksheet *ws = sheet(wb, json_string_value(json_object_get(sec, "title")));
	json_t *cols = json_object_get(sec, "columns"), *r, *c;
	int items = report_has_items(sec), several = report_several_orgs(sec);
	lxw_col_t first = (lxw_col_t)(1 + items);
	size_t i, k;
	char label[256];

	x.worksheet_set_column(ws, 0, first - 1, 24, NULL);
	x.worksheet_write_string(ws, 0, 0, "组织", head);
	if (items)
		x.worksheet_write_string(ws, 0, 1, "项目", head);
	json_array_foreach(cols, k, c)
		x.worksheet_write_string(ws, 0, (lxw_col_t)(first + k), json_string_value(json_object_get(c, "title")), head);
	json_array_foreach(json_object_get(sec, "rows"), i, r) {
		lxw_row_t row = (lxw_row_t)(i + 1);
		report_org_label(r, several, label, sizeof label);
		x.worksheet_write_string(ws, row, 0, label, NULL);
		if (items)
			cell(ws, row, 1, json_object_get(r, "item_title"));
		json_array_foreach(cols, k, c)
			cell(ws, row, (lxw_col_t)(first + k),
			     json_object_get(json_object_get(r, "values"), json_string_value(json_object_get(c, "key"))));
	}
}

/* 按期办结率 by county, and its column chart. */
static void write_on_time(lxw_workbook *wb, json_t *doc, lxw_format *head)
{
	static const char title[] = "按县区按期办结率";
	lxw_worksheet *ws = sheet(wb, title);
	json_t *rows = report_on_time_by_org(doc), *r;
	size_t i, n = json_array_size(rows);
	char label[256];

	x.worksheet_set_column(ws, 0, 0, 24, NULL);
	x.worksheet_write_string(ws, 0, 0, "组织", head);
	x.worksheet_write_string(ws, 0, 1, "办结", head);
	x.worksheet_write_string(ws, 0, 2, "按期", head);
	x.worksheet_write_string(ws, 0, 3, "按期办结率（%）", head);
	json_array_foreach(rows, i, r) {
		report_org_label(r, n > 1, label, sizeof label);
		x.worksheet_write_string(ws, (lxw_row_t)(i + 1), 0, label, NULL);
		cell(ws, (lxw_row_t)(i + 1), 1, json_object_get(r, "closed"));
		cell(ws, (lxw_row_t)(i + 1), 2, json_object_get(r, "on_time"));
		cell(ws, (lxw_row_t)(i + 1), 3, json_object_get(r, "on_time_pct"));
	}
	lxw_chart *chart = x.workbook_add_chart(wb, LXW_CHART_COLUMN);
	lxw_chart_series *s = x.chart_add_series(chart, NULL, NULL);
	x.chart_series_set_categories(s, title, 1, 0, (lxw_row_t)(n ? n : 1), 0);
	x.chart_series_set_values(s, title, 1, 3, (lxw_row_t)(n ? n : 1), 3);
	x.chart_series_set_name(s, "按期办结率（%）");
	x.chart_title_set_name(chart, title);
	x.worksheet_insert_chart(ws, 1, 5, chart);
	json_decref(rows);
}

/* The months before, one row each; the chart shows the requests (the
 * section "requests" when a plugin gives it, else the first). */
static void write_trend(lxw_workbook *wb, json_t *doc, lxw_format *head)
{
	static const char title[] = "按月趋势";
	lxw_worksheet *ws = sheet(wb, title);
	json_t *trend = json_object_get(doc, "trend"), *t, *v;
	const char *charted = NULL, *key;
	char months[16][8];
	size_t i, nmonths = 0, ncols = 0;
	char cols[32][96];

	json_array_foreach(trend, i, t) {
		const char *sec = json_string_value(json_object_get(t, "section"));
		if (!charted || strcmp(sec, "requests") == 0)
			charted = sec;
	}
	x.worksheet_set_column(ws, 0, 0, 12, NULL);
	x.worksheet_write_string(ws, 0, 0, "月份", head);
	json_array_foreach(trend, i, t) {
		const char *m = json_string_value(json_object_get(t, "month"));
		const char *sec = json_string_value(json_object_get(t, "section"));
		size_t row, col;
		for (row = 0; row < nmonths && strcmp(months[row], m) != 0; row++)
			;
		if (row == nmonths && nmonths < 16) {
			snprintf(months[nmonths++], sizeof months[0], "%s", m);
			x.worksheet_write_string(ws, (lxw_row_t)(row + 1), 0, m, NULL);
		}
		json_object_foreach(json_object_get(t, "values"), key, v) {
			char name[96];
			snprintf(name, sizeof name, "%s.%s", sec, key);
			for (col = 0; col < ncols && strcmp(cols[col], name) != 0; col++)
				;
			if (col == ncols && ncols < 32) {
				snprintf(cols[ncols++], sizeof cols[0], "%s", name);
				x.worksheet_write_string(ws, 0, (lxw_col_t)(col + 1), name, head);
			}
			if (col < ncols && row < nmonths)
				cell(ws, (lxw_row_t)(row + 1), (lxw_col_t)(col + 1), v);
		}
	}
	lxw_chart *chart = x.workbook_add_chart(wb, LXW_CHART_LINE);
	for (size_t col = 0; charted && col < ncols; col++) {
		if (strncmp(cols[col], charted, strlen(charted)) != 0 || cols[col][strlen(charted)] != '.')
			continue;
		lxw_chart_series *s = x.chart_add_series(chart, NULL, NULL);
		x.chart_series_set_categories(s, title, 1, 0, (lxw_row_t)nmonths, 0);
		x.chart_series_set_values(s, title, 1, (lxw_col_t)(col + 1), (lxw_row_t)nmonths, (lxw_col_t)(col + 1));
		x.chart_series_set_name_range(s, title, 0, (lxw_col_t)(col + 1));
	}
	x.chart_title_set_name(chart, "每月申请");
	x.worksheet_insert_chart(ws, (lxw_row_t)(nmonths + 3), 0, chart);
}

int report_write_xlsx(json_t *doc, const char *path, struct gn_err *err)
{
	lxw_workbook *wb;
	lxw_format *head;
	lxw_error rc;
	json_t *sec;
	size_t i;

	if (xlsx_load(err))
		return -1;
	wb = x.workbook_new(path);
	if (!wb)
		return err_set(err, GN_REFUSED, "无法写出 %s：不能创建该文件", path);
	head = x.workbook_add_format(wb);
	x.format_set_bold(head);
	json_array_foreach(json_object_get(doc, "sections"), i, sec)
		write_section(wb, sec, head);
	write_on_time(wb, doc, head);
	write_trend(wb, doc, head);
	rc = x.workbook_close(wb);
	if (rc != LXW_NO_ERROR)
		return err_set(err, GN_REFUSED, "无法写出 %s：%s", path, x.lxw_strerror(rc));
	return 0;
}
