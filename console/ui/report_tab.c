/*
 * report_tab.c — the console's 月报 tab: a month's report over the
 * login's scope (core/report.h), the same figures as `govnet report
 * month`, each section's rows drawn with bars (front/report_view.h).  It
 * opens on last month; ←/→ (the keys that scroll a list sideways) go to
 * the month before or after, `:report 2026-10` to any month up to this
 * one.  The list keys scroll it; it is read again when the store changes.
 */
#include "config.h"
#include "ui_int.h"
#include "../core/clock.h"
#include "../core/report.h"
#include "../front/report_view.h"
#include "../../lib/report/monthly.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "govnet/banned.h"

/* The month delta months from month ("2026-10", -1: "2026-09"). */
static void month_step(const char *month, int delta, char out[8])
{
	int y = (int)strtol(month, NULL, 10), m = (int)strtol(month + 5, NULL, 10) - 1 + delta;

	y += m >= 0 ? m / 12 : (m - 11) / 12;
	m = ((m % 12) + 12) % 12 + 1;
	snprintf(out, 8, "%04d-%02d", (y % 10000 + 10000) % 10000, m % 100);
}

/* The month before today's, "2026-10" on 2026-11-27. */
static void last_month(time_t now, char out[8])
{
	char today[11];

	clock_date(now, today);
	today[7] = '\0';
	month_step(today, -1, out);
}

void report_tab_load(struct ui *ui, struct ui_tab *t)
{
	struct gn_err err = { .status = GN_OK };
	char month[8];
	json_t *doc;

	if (t->loaded && t->report_text)
		return;
	free(t->report_text);
	if (!t->report_month[0])
		last_month(ui->ctx.now, t->report_month);
	snprintf(month, sizeof month, "%s", t->report_month);
	if (report_month(&ui->ctx, month, NULL, &doc, &err) == 0) {
		char left[32], right[32], how[128];
		keymap_keys_of(&ui->keys, CMD_SCROLL_LEFT, left, sizeof left);
		keymap_keys_of(&ui->keys, CMD_SCROLL_RIGHT, right, sizeof right);
		snprintf(how, sizeof how, "%s 上月，%s 下月；:report YYYY-MM 指定月份", left, right);
		t->report_text = report_bars_text(doc, how);
		json_decref(doc);
	} else {
		size_t n = strlen(err.msg) + 64;
		t->report_text = xmalloc(n);
		snprintf(t->report_text, n, "月报无法生成：%s\n", err.msg);
	}
	t->loaded = 1;
}

/* Show month on t: 0, or -1 (with a message) for a month not yet come
 * or not written YYYY-MM. */
static int show_month(struct ui *ui, struct ui_tab *t, const char *month)
{
	char today[11];

	if (!monthly_month_valid(month)) {
		ui_message(ui, 1, "月份应写作 YYYY-MM，例如 2026-10（得到 \"%.20s\"）", month);
		return -1;
	}
	clock_date(ui->ctx.now, today);
	today[7] = '\0';
	if (strcmp(month, today) > 0) {
		ui_message(ui, 1, "%s 尚未到来：月报只有 %s 及以前的月份", month, today);
		return -1;
	}
	snprintf(t->report_month, sizeof t->report_month, "%s", month);
	t->loaded = 0;
	t->report_top = 0;
	report_tab_load(ui, t);
	ui_message(ui, 0, "%s 月报（←/→ 上月、下月；:report YYYY-MM 指定月份）", month);
	ui->dirty |= DIRTY_MAIN;
	return 0;
}

void report_tab_open(struct ui *ui, const char *month)
{
	for (int i = 0; i < ui->ntabs; i++) {
		struct ui_tab *t = &ui->tabs[i];
		if (!t->report)
			continue;
		ui_switch_tab(ui, i);
		if (month)
			show_month(ui, t, month);
		return;
	}
}

int report_tab_key(struct ui *ui, struct ui_tab *t, enum ui_cmd cmd)
{
	int page = ui->lay.main.h > 2 ? ui->lay.main.h - 1 : 1;
	char month[8];

	switch (cmd) {
	case CMD_SCROLL_LEFT:
	case CMD_SCROLL_RIGHT:
		if (!t->report_month[0])
			last_month(ui->ctx.now, t->report_month);
		month_step(t->report_month, cmd == CMD_SCROLL_LEFT ? -1 : 1, month);
		show_month(ui, t, month);
		return 1;
	case CMD_DOWN: t->report_top++; break;
	case CMD_UP: t->report_top--; break;
	case CMD_PAGE_DOWN: t->report_top += page; break;
	case CMD_PAGE_UP: t->report_top -= page; break;
	case CMD_TOP: t->report_top = 0; break;
	case CMD_BOTTOM: t->report_top = 1 << 20; break;
	case CMD_OPEN: break;
	default: return 0;
	}
	if (t->report_top < 0)
		t->report_top = 0;
	ui->dirty |= DIRTY_MAIN;
	return 1;
}

void report_tab_render(struct ui *ui, struct ui_tab *t, struct rect r)
{
	const char *p = t->report_text ? t->report_text : "";
	int lines = 0, y = r.y;

	for (const char *q = p; *q; q++)
		lines += *q == '\n';
	/* The last screenful stops at the last line. */
	if (t->report_top > lines - r.h)
		t->report_top = lines - r.h > 0 ? lines - r.h : 0;
	for (int skip = t->report_top; skip > 0 && *p; skip--)
		p = strchr(p, '\n') ? strchr(p, '\n') + 1 : p + strlen(p);
	for (; y < r.y + r.h; y++) {
		const char *end = strchr(p, '\n');
		size_t n = end ? (size_t)(end - p) : strlen(p);
		char line[1024];
		snprintf(line, sizeof line, "%.*s", (int)(n < sizeof line ? n : sizeof line - 1), p);
		/* A section's title stands out from its rows. */
		draw_use(&ui->draw, line[0] && line[0] != ' ' ? EL_TITLE : EL_NORMAL);
		draw_text_cut(y, r.x, r.w, line, 0);
		p = end ? end + 1 : p + n;
	}
}
