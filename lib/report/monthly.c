/* monthly.c — see monthly.h. */
#include "config.h"
#include "monthly.h"

#include <stdio.h>
#include <string.h>
#include "govnet/banned.h"

int monthly_begin(struct gn_call *call, struct monthly *m, const char *section, const char *title)
{
	const char *month = gn_call_arg(call, "month");
	struct gn_org org;

	memset(m, 0, sizeof *m);
	m->call = call;
	m->section = section;
	m->title = title;
	if (!monthly_month_valid(month))
		return gn_call_refuse_field(call, "month", "月份（--month）应写作 YYYY-MM，例如 2026-10");
	snprintf(m->month, sizeof m->month, "%s", month);
	if (gn_call_org(call, gn_call_org_id(call), &org))
		return -1;
	snprintf(m->path, sizeof m->path, "%s", org.path);
	return 0;
}

void monthly_emit(struct monthly *m, const char *item, const char *metric, const char *metric_title, const char *value)
{
	static const char *const names[] = { "section", "section_title", "item", "metric", "metric_title", "value" };
	const char *values[] = { m->section, m->title, item ? item : "", metric, metric_title, value };

	/* The figure is a number in --json (govnet-json(5)). */
	gn_call_emit_typed(m->call, 6, names, values, "tttttn");
}

void monthly_emit_int(struct monthly *m, const char *item, const char *metric, const char *metric_title, int64_t value)
{
	char text[32];

	snprintf(text, sizeof text, "%lld", (long long)value);
	monthly_emit(m, item, metric, metric_title, text);
}

int monthly_count(struct monthly *m, const char *metric, const char *metric_title, const char *sql)
{
	int64_t n = 0;

	if (gn_call_query_int(m->call, &n, sql, "tt", m->path, m->month) < 0)
		return -1;
	monthly_emit_int(m, NULL, metric, metric_title, n);
	return 0;
}
