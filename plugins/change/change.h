/*
 * change.h — the change plugin's parts: the operating agency's
 * maintenance notices (Art 15 ¶1), departments' own changes that need the
 * operating agency's approval first (Art 15 ¶2), and a county's major
 * construction or adjustment filed with the city office (Art 7).
 */
#ifndef GN_CHANGE_H
#define GN_CHANGE_H

#include "govnet/plugin.h"

/* Art 15 ¶1: a notice goes out this many working days before its window. */
#define CHANGE_NOTICE_WORKDAYS 2

extern const struct gn_migration change_migrations[];

/* Maintenance notices (notice.c). */
int change_notice_issue(struct gn_call *call);
int change_notice_move(struct gn_call *call);
int change_notice_cancel(struct gn_call *call);

/* Shared checks (check.c). */
int change_check_window(struct gn_call *call, const char *start_field, const char *end_field);
int change_check_nodes(struct gn_call *call, const char *field, int64_t org_id, int64_t **ids, size_t *n);

/* Departments' changes (request.c). */
int change_request_apply(struct gn_call *call);
int change_request_check_operator(struct gn_call *call);
int change_request_done(struct gn_call *call);

/* County filings (filing.c). */
int change_filing_file(struct gn_call *call);
int change_filing_acknowledge(struct gn_call *call);

/* The week grid of notices (week.c). */
extern const char change_week_sql[];
extern const struct gn_column change_week_columns[];
extern const struct gn_filter change_week_filters[];

/* Demo records (demo.c). */
int change_demo(struct gn_demo *demo);

#endif
