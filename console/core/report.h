/*
 * report.h — the monthly report (`govnet report month`, issue 19): what
 * the leadership reads each month, per county-level division and for the
 * city.
 *
 * The core assembles it.  Its own sections come from its own tables: the
 * statutory deadlines closed in the month across every workflow (on time
 * or not, and the median working days taken), what is overdue now, and
 * the access nodes added, disconnected and revoked.  Every plugin that
 * describes a read-only action "report" (plugins/lib/monthly.h) adds its
 * section through the door, once per county and once for the whole scope,
 * so that no plugin reads another's tables and the role and scope checks
 * are the door's.
 *
 * The answer is JSON, the stable form --json prints (govnet-json(5)):
 *
 *   { "month": "2026-10", "org": "东海县", "org_id": 5,
 *     "sections": [ { "section": "deadlines", "title": "…", "component": "core",
 *                     "columns": [ { "key": "closed", "title": "办结" }, … ],
 *                     "rows": [ { "org": "东海县", "org_id": 5, "item": null,
 *                                 "item_title": null, "total": false,
 *                                 "values": { "closed": 3, … } } ] } ],
 *     "trend": [ { "month": "2026-05", "section": "requests",
 *                  "values": { "received": 2, … } }, … ] }
 *
 * The front ends draw it (a table per section, an xlsx sheet per section,
 * the console's bars) without knowing any section.
 */
#ifndef GN_REPORT_H
#define GN_REPORT_H

#include <stdint.h>
#include <jansson.h>
#include "ctx.h"
#include "err.h"

/* Months the trend covers, ending with the month reported. */
#define REPORT_TREND_MONTHS 6

/* The report for month over organisation org (name or code; NULL: the
 * login's scope).  0 with *out set (json_decref it), or -1 refusing. */
int report_month(struct gn_ctx *ctx, const char *month, const char *org, json_t **out, struct gn_err *err);

#endif
