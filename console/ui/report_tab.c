/*
 * report_tab.c — the console's 月报 tab: last month's report over the
 * login's scope (core/report.h), the same figures as `govnet report
 * month`, each section's rows drawn with bars (front/report_view.h).  The
 * list keys scroll it; it is read again when the store changes.
 */
#include "config.h"
#include "ui_int.h"
#include "../core/clock.h"
#include "../core/report.h"
#include "../front/report_view.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "govnet/banned.h"

/* The month before today's, "2026-10" on 2026-11-27. */
static void last_month(time_t now, char out[8])
{
	char today[11];
	int y, m;

	clock_date(now, today);
	y = (int)strtol(today, NULL, 10);
	m = (int)strtol(today + 5, NULL, 10) - 1;
	if (m < 1) {
		m = 12;
		y--;
	}
	snprintf(out, 8, "%04d-%02d", (y % 10000 + 10000) % 10000, m % 100);
}

void report_tab_load(struct ui *ui, struct ui_tab *t)
{
	struct gn_err err = { .status = GN_OK };
	char month[8];
	json_t *doc;

	if (t->loaded && t->report_text)
		return;
	free(t->report_text);
	last_month(ui->ctx.now, month);
	if (report_month(&ui->ctx, month, NULL, &doc, &err) == 0) {
		t->report_text = report_bars_text(doc);
		json_decref(doc);
	} else {
		size_t n = strlen(err.msg) + 64;
		t->report_text = xmalloc(n);
		snprintf(t->report_text, n, "月报无法生成：%s\n", err.msg);
	}
	t->loaded = 1;
}

int report_tab_key(struct ui *ui, struct ui_tab *t, enum ui_cmd cmd)
{
	int page = ui->lay.main.h > 2 ? ui->lay.main.h - 1 : 1;

	switch (cmd) {
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
