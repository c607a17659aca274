/*
 * front/report_view.h — the monthly report (core/report.h) as both front
 * ends draw it: the command line's tables and workbook, the console's tab.
 * None of these knows a section: each reads the columns and rows the
 * report describes.
 */
#ifndef GN_FRONT_REPORT_VIEW_H
#define GN_FRONT_REPORT_VIEW_H

#include <stddef.h>
#include <jansson.h>
#include "../core/err.h"

/* Whether a section's rows name items (a pool, a deadline) besides their
 * organisation; whether they cover several organisations. */
int report_has_items(json_t *section);
int report_several_orgs(json_t *section);
/* A row's organisation as shown: its name, "（合计）" after the whole
 * scope's when several are shown. */
void report_org_label(json_t *row, int several, char *out, size_t size);
/* A figure as shown: whole numbers as they are, decimals to one place,
 * "—" for none. */
void report_value_text(json_t *v, char *out, size_t size);
/* A figure as a number, for bars and charts: -1 for none. */
double report_value(json_t *v);

/* The on-time rate per organisation across every deadline of the
 * "deadlines" section (closed and on time summed): an array of
 * { org, org_id, total, closed, on_time, on_time_pct }. */
json_t *report_on_time_by_org(json_t *doc);

/* The report as lines for the console, each figure after its title and a
 * bar of ten cells ("███████░░░") for the section's share or, where it has
 * none, for its first figure against the largest in the section (owned by
 * the caller; "" when there are no sections).  how, when not NULL, is
 * what the front end says of going to another month, after the title. */
char *report_bars_text(json_t *doc, const char *how);

/* Write the report as an Excel workbook (libxlsxwriter): a sheet per
 * section, a sheet of the on-time rate by county with its chart, a sheet
 * of the months before with a chart of requests per month.  The file is
 * written with the user's own rights.  0, or -1 with the reason. */
int report_write_xlsx(json_t *doc, const char *path, struct gn_err *err);

#endif
