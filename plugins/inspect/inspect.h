/*
 * inspect.h — the inspections plugin's parts (Art 22–24, 27–29): inspection
 * plans, the checklist each inspection runs, the findings it records, the
 * rectification order (责令限期整改) a failed inspection yields, and the
 * circulars (通报) an office issues.
 *
 * A rectification order is a record of its own (inspect_order), made when
 * a failed inspection is ordered; the inspection's workflow moves it from
 * "ordered" to "closed" (respond, extend, close).
 */
#ifndef GN_INSPECT_H
#define GN_INSPECT_H

#include "govnet/plugin.h"

/* The rectification deadline an inspector may set, in working days (Art 28);
 * the store's CHECK holds the same bounds as a backstop (schema.c). */
#define INSPECT_DEADLINE_MIN 1
#define INSPECT_DEADLINE_MAX 60

/* A checklist item every inspection runs (inspect.c), citing its article. */
struct inspect_item {
	const char *code;
	const char *title;
	const char *article;
};
extern const struct inspect_item inspect_items[];

/* A finding's severity and the rectification deadline it suggests. */
struct inspect_severity {
	const char *name;
	const char *title;
	int workdays;
};
extern const struct inspect_severity inspect_severities[];

/* A ground a circular names a department on (Art 28–29). */
struct inspect_ground {
	const char *name;
	const char *title;
	const char *article;
};
extern const struct inspect_ground inspect_grounds[];

extern const struct gn_migration inspect_migrations[];

/* Inspections (inspection.c). */
int inspect_plan(struct gn_call *call);
int inspect_start(struct gn_call *call);
int inspect_check(struct gn_call *call);
int inspect_pass(struct gn_call *call);
int inspect_order(struct gn_call *call);
int inspect_respond(struct gn_call *call);
int inspect_extend(struct gn_call *call);
int inspect_close(struct gn_call *call);
int inspect_order_list(struct gn_call *call);
int inspect_stop(struct gn_call *call);

/* County checklist items (Art 30) (inspection.c). */
int inspect_item_add(struct gn_call *call);

/* The 等保/密评 item (Art 21, 25) from the systems plugin (security.c):
 * fill it when an inspection starts — the systems' dates as facts, failed
 * when one is overdue — and refuse to pass it while one is. */
#define INSPECT_SECURITY_ITEM "dengbao"
int inspect_security_fill(struct gn_call *call, int64_t id, int64_t org_id);
int inspect_security_check(struct gn_call *call, int64_t org_id);

/* Circulars (circular.c). */
int inspect_circular_new(struct gn_call *call);
int inspect_circular_add(struct gn_call *call);
int inspect_circular_issue(struct gn_call *call);
int inspect_circular_print(struct gn_call *call);

/* text as an RTF document into out (rtf.c), its first centred_lines lines
 * centred: 0, or -1 when it does not fit. */
int inspect_rtf(const char *text, int centred_lines, char *out, size_t size);

/* A year of demo inspections (demo.c). */
int inspect_demo(struct gn_demo *demo);

/* Its section of the monthly report (monthly.c). */
int inspect_monthly(struct gn_call *call);

#endif
