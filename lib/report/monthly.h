/*
 * monthly.h — a plugin's section of the monthly report (`govnet report
 * month`, issue 19).  The core assembles the report; a plugin contributes
 * by describing a read-only action with the verb "report" and the fields
 * MONTHLY_FIELDS, and answering it with rows of
 *
 *   section  section_title  item  metric  metric_title  value
 *
 * for the organisation given (the core asks once per county and once for
 * the whole scope).  section and metric are codes that do not change;
 * the titles are what people read; value is a number; item names a thing
 * counted on its own (an address pool's CIDR), "" for the organisation's
 * figures.  The door has checked role and scope for the organisation.
 */
#ifndef GN_MONTHLY_H
#define GN_MONTHLY_H

#include <stdint.h>
#include <string.h>
#include "govnet/plugin.h"

#define MONTHLY_FIELDS                                                                               \
	{ .name = "month", .label = "月份", .type = GN_FIELD_TEXT, .flags = GN_FIELD_REQUIRED,       \
	  .max_chars = 7, .help = "YYYY-MM" },                                                       \
	{ .name = "org", .label = "组织（含下级）", .type = GN_FIELD_ORG, .flags = GN_FIELD_REQUIRED }

/* Whether s is a month as the report names it: YYYY-MM, 01 to 12.  The
 * core checks `report month`'s argument with it, each plugin its own
 * "month" field: one rule for both sides. */
static inline int monthly_month_valid(const char *s)
{
	if (!s || strlen(s) != 7 || s[4] != '-')
		return 0;
	for (int i = 0; i < 7; i++)
		if (i != 4 && (s[i] < '0' || s[i] > '9'))
			return 0;
	return (s[5] == '0' && s[6] >= '1') || (s[5] == '1' && s[6] <= '2');
}

struct monthly {
	struct gn_call *call;
	char month[8];      /* "2026-10" */
	char path[256];     /* the organisation's path: records whose org path starts with it */
	const char *section, *title;
};

/* The count of one workflow's moves (component and verb, string
 * literals) in the month within the organisation's subtree, for
 * monthly_count: the workflow counts each month's moves for every
 * organisation at or above the owner as they are made (wf_month_moves,
 * console/core/workflow.c), so a figure is one row, never the month's
 * moves read again. */
#define MONTHLY_MOVES(component, verb)                                                              \
	"SELECT coalesce(sum(m.n), 0) FROM org o JOIN wf_month_moves m ON m.scope_org_id = o.id"     \
	" WHERE o.path = ?1 AND m.component = '" component "' AND m.verb = '" verb "'"              \
	" AND m.month = ?2"

/* Read and check the month and the organisation for section: 0, or -1
 * refusing (the message names the field). */
int monthly_begin(struct gn_call *call, struct monthly *m, const char *section, const char *title);
/* One figure (item NULL or "" for the organisation's own). */
void monthly_emit(struct monthly *m, const char *item, const char *metric, const char *metric_title, const char *value);
void monthly_emit_int(struct monthly *m, const char *item, const char *metric, const char *metric_title, int64_t value);
/* One count read by sql, where ?1 is the organisation's path and ?2 the
 * month ("2026-10"): 0, or -1 refusing. */
int monthly_count(struct monthly *m, const char *metric, const char *metric_title, const char *sql);

#endif
